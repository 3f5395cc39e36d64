"""The ``enrolsim`` command.

Every bad input (a scenario file, a command-line value) ends in one line on stderr naming the
file or option, the key and what was expected, exit status 2, and nothing written. An interruption
(Ctrl-C, or SIGTERM as batch schedulers such as SLURM send at the end of a job's time) ends in one
line and status 130, with what was finished kept.
"""

import argparse
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from enrolsim._version import __version__
from enrolsim.cli import app as app_cli
from enrolsim.cli import compare as compare_cli
from enrolsim.cli import experiment as experiments_cli
from enrolsim.cli import frontier as frontier_cli
from enrolsim.cli import studies as validation_cli
from enrolsim.cli.types import agents_option, interrupted, schema_number, whole_number
from enrolsim.core.errors import InputError
from enrolsim.core.files import check_output_file, check_output_folder, staged_folder
from enrolsim.core.progress import progress_bar
from enrolsim.outputs import district_codes, write_run
from enrolsim.run import simulate
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.parameters import baseline_yaml, parameter_table
from enrolsim.scenario.schema import Scenario

#: Values of ``--geography`` (``population.geography``).
GEOGRAPHIES = ("uniform", "map")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump) and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {message}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface (also used to document it)."""
    parser = _Parser(prog="enrolsim", description="Simulate enrolment in BPJS Ketenagakerjaan.")
    parser.add_argument("--version", action="version", version=f"enrolsim {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="run one scenario and write its time series, summary and figure")
    run.add_argument("scenario", nargs="?", default="baseline", help="scenario file, or the name of a shipped scenario (default baseline)")
    run.add_argument("--seed", type=whole_number(0, 2**63 - 1), default=0, help="random seed (default 0)")
    run.add_argument("--months", type=schema_number(Scenario, "months"), help="months to simulate (default: the scenario's)")
    run.add_argument("--agents", type=agents_option, help="worker agents, or full: one a person of the labour force (default: the scenario's)")
    run.add_argument("--geography", choices=GEOGRAPHIES, help="places: uniform equal districts, or map: the 514 regencies and cities (default: the scenario's)")
    run.add_argument("--by-district", action="store_true", help="also write by_district.parquet (district x month) and coverage_by_province.png")
    run.add_argument(
        "--district",
        action="append",
        metavar="NAME",
        help="also write by_district.csv, the rows of this district for a spreadsheet: its name in any case (Kota Bandung) or BPS code (3273);"
        " repeat for several, or 'all' (implies --by-district)",
    )
    run.add_argument("--out", type=Path, default=Path("results/run"), help="output folder (default results/run)")

    params = commands.add_parser("params", help="print the parameter table (Markdown) generated from the scenario schema")
    params.add_argument("--out", type=Path, help="write the table to this file instead of printing it")
    params.add_argument("--baseline", type=Path, help="also write the fully commented baseline scenario to this file")
    experiments_cli.add_commands(commands)
    frontier_cli.add_command(commands)
    compare_cli.add_command(commands)
    validation_cli.add_commands(commands)
    app_cli.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        with _terminate_as_interrupt(args.command not in app_cli.COMMANDS):  # the app's server stops on its own signals
            return _command(args)
    except InputError as exc:
        sys.stderr.write(f"enrolsim: {exc}\n")
        return 2
    except KeyboardInterrupt:  # a command without work to keep: nothing was written (outputs are staged whole)
        return interrupted()


def _command(args: argparse.Namespace) -> int:
    """Run the command ``args`` names."""
    if args.command == "run":
        return _run(args)
    if args.command == compare_cli.COMMAND:
        return compare_cli.run_command(args)
    if args.command in validation_cli.COMMANDS:
        return validation_cli.run_command(args)
    if args.command in app_cli.COMMANDS:
        return app_cli.run_command(args)
    if args.command in experiments_cli.COMMANDS:
        return experiments_cli.run_command(args)
    if args.command == frontier_cli.COMMAND:
        return frontier_cli.run_command(args)
    return _params(args)


@contextmanager
def _terminate_as_interrupt(active: bool) -> Iterator[None]:
    """While the command runs, SIGTERM interrupts it as Ctrl-C does.

    Python's default for SIGTERM ends the process at once: a batch scheduler's notice at the end of a
    job's time left no word of what was kept, and a process pool's workers without their launcher.
    As an interruption, experiment, compare and calibrate keep their finished runs and say so in one
    line, and pools are shut down. Only in the main thread (where signals are handled), and the
    previous handler comes back after (``main`` is also called within tests).
    """
    if not active or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    overrides = {}
    if args.months is not None:
        overrides["months"] = args.months
    if args.agents is not None:
        overrides["population.agents"] = args.agents
    if args.geography is not None:
        overrides["population.geography"] = args.geography
    scenario = load_scenario(args.scenario, overrides)
    chosen = district_codes(scenario, args.district) if args.district else None  # a bad name fails before the run
    check_output_folder(args.out)
    with progress_bar(scenario.months, f"{scenario.name} (seed {args.seed})", unit="month") as advance:
        result = simulate(scenario, seed=args.seed, on_month=advance, by_district=args.by_district or chosen is not None)
    files = write_run(result, args.out, csv_districts=chosen)
    final = result.timeseries.iloc[-1]
    print(f"{scenario.name}: {final['active'] / 1e6:.2f} million active participants in {final['month']}; wrote {', '.join(str(f) for f in files)}")
    return 0


def _params(args: argparse.Namespace) -> int:
    # Both files checked before either is written, and each written whole: a bad --out leaves no new baseline behind.
    for path, option in ((args.baseline, "--baseline"), (args.out, "--out")):
        if path is not None:
            check_output_file(path, option)
    table = parameter_table()
    for path, text in ((args.baseline, baseline_yaml()), (args.out, table)):
        if path is not None:
            with staged_folder(path.parent) as staging:  # the whole file or none
                (staging / path.name).write_text(text, encoding="utf-8")
    if args.out is None:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
