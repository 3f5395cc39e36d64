"""The ``enrolsim experiment`` and ``enrolsim sensitivity`` commands (registered by ``enrolsim.cli``).

Bad input (experiment file, store, options) raises :class:`~enrolsim.core.errors.InputError` before
anything is written; ``enrolsim.cli.main`` prints it as one line and exits with status 2.
"""

import argparse
import sys
from pathlib import Path

from enrolsim.cli.types import add_executor_options, interrupted
from enrolsim.core.errors import InputError
from enrolsim.core.files import check_output_folder, staged_folder

COMMANDS = ("experiment", "sensitivity")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the two subcommands to the ``enrolsim`` parser."""
    exp = commands.add_parser("experiment", help="run an experiment file (many runs) into a resumable Parquet store")
    exp.add_argument("file", type=Path, help="experiment YAML file (experiments/*.yaml)")
    exp.add_argument("--out", type=Path, required=True, help="store folder; running again continues where it stopped")
    add_executor_options(exp)

    sens = commands.add_parser("sensitivity", help="Sobol or Morris indices (SALib) of one indicator from a sobol/morris store")
    sens.add_argument("store", type=Path, help="store folder written by enrolsim experiment")
    sens.add_argument("--indicator", required=True, help="indicator name, e.g. active_bpu")
    sens.add_argument("--month", help="month YYYY-MM (default: the last month kept)")
    sens.add_argument("--out", type=Path, help="folder for the table and chart (default STORE/sensitivity)")


def run_command(args: argparse.Namespace) -> int:
    """Dispatch a parsed command of :data:`COMMANDS`; return the exit status."""
    return _experiment(args) if args.command == "experiment" else _sensitivity(args)


def _experiment(args: argparse.Namespace) -> int:
    from enrolsim.experiments.experiment import load_experiment
    from enrolsim.experiments.runner import run_experiment

    if args.scheduler and args.executor != "dask":
        raise InputError("--scheduler", "", "only applies with --executor dask")
    experiment = load_experiment(args.file)
    check_output_folder(args.out)
    try:
        report = run_experiment(experiment, args.out, executor=args.executor, workers=args.workers, scheduler=args.scheduler)
    except KeyboardInterrupt:
        return interrupted(f"finished runs are kept in {args.out}")
    rate = report.finished / report.wall_time if report.wall_time else 0.0
    print(
        f"{experiment.spec.name}: {report.total} runs, {report.skipped} already done, {report.finished} finished now, "
        f"{report.failed} failed ({rate:.2f} runs/s); store {report.store}"
    )
    if report.failed:
        sys.stderr.write(f"enrolsim: {report.failure()}\n")
        return 1
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    from enrolsim.analysis.sensitivity import bar_chart, sensitivity

    if args.month is not None:
        from enrolsim.core.months import parse_month

        try:
            parse_month(args.month)
        except ValueError as exc:
            raise InputError("--month", "", str(exc)) from None
    out = args.out if args.out is not None else args.store / "sensitivity"
    result = sensitivity(args.store, args.indicator, args.month)
    check_output_folder(out)
    stem = f"{result.method}_{result.indicator}_{result.month}"
    with staged_folder(out) as staging:  # the table and the chart, or neither
        result.table.to_csv(staging / f"{stem}.csv", index=False)
        bar_chart(result, staging / f"{stem}.png")
    print(result.table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"wrote {out / f'{stem}.csv'} and {out / f'{stem}.png'}")
    return 0
