"""The ``enrolsim trial`` and ``enrolsim calibrate`` commands (registered by ``enrolsim.cli``).

Bad input raises :class:`~enrolsim.core.errors.InputError` before anything is written; ``enrolsim.cli.main``
prints it as one line and exits with status 2.
"""

import argparse
from pathlib import Path

from enrolsim.cli.types import add_executor_options, schema_number
from enrolsim.core.files import check_output_folder
from enrolsim.scenario.schema import Scenario
from enrolsim.studies.calibration_spec import Budget
from enrolsim.studies.trial import TrialSpec

COMMANDS = ("trial", "calibrate")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the two subcommands to the ``enrolsim`` parser."""
    trial = commands.add_parser("trial", help="an in-model randomised trial: uptake by arm over time, with intervals")
    trial.add_argument("file", help="trial file, or the name of a shipped trial (jkn_banerjee, ...)")
    trial.add_argument("--out", type=Path, required=True, help="output folder")
    trial.add_argument("--replications", type=schema_number(TrialSpec, "replications"), help="replications (default: the file's)")
    trial.add_argument("--agents", type=schema_number(Scenario, "population.agents"), help="worker agents (default: the file's settings)")

    cal = commands.add_parser("calibrate", help="fit parameters to data/ with Optuna; runs go through the experiment runner")
    cal.add_argument("file", help="calibration file, or the name of a shipped calibration")
    cal.add_argument("--out", type=Path, required=True, help="output folder (holds the study and the run stores; run again to continue)")
    add_executor_options(cal)
    cal.add_argument("--trials", type=schema_number(Budget, "trials"), help="candidates to evaluate in all (default: the file's budget)")
    cal.add_argument("--agents", type=schema_number(Scenario, "population.agents"), help="worker agents (default: the file's settings)")


def run_command(args: argparse.Namespace) -> int:
    """Dispatch a parsed command of :data:`COMMANDS`; return the exit status."""
    return _trial(args) if args.command == "trial" else _calibrate(args)


def _trial(args: argparse.Namespace) -> int:
    from enrolsim.studies.trial import load_trial, run_trial, write_trial

    overrides: dict[str, object] = {}
    if args.replications is not None:
        overrides["replications"] = args.replications
    if args.agents is not None:
        overrides["settings.population.agents"] = args.agents
    trial = load_trial(args.file, overrides)
    check_output_folder(args.out)
    runs = run_trial(trial)
    files = write_trial(trial, runs, args.out)
    from enrolsim.studies.trial import compare

    for row in compare(runs, trial.spec).itertuples():
        print(f"{row.when:>6} (month {row.months_since_visit}) {row.arm:<22} {100 * row.uptake:5.1f}%  vs control {100 * row.diff_vs_control:+5.1f} points "
              f"[{100 * row.diff_ci_low:+.1f}, {100 * row.diff_ci_high:+.1f}]  x{row.ratio_to_control:.2f}")  # fmt: skip
    print(f"wrote {', '.join(str(f) for f in files)}")
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    from enrolsim.core.errors import InputError
    from enrolsim.studies.calibration import run_calibration, write_outputs
    from enrolsim.studies.calibration_spec import load_calibration

    if args.scheduler and args.executor != "dask":
        raise InputError("--scheduler", "", "only applies with --executor dask")
    overrides: dict[str, object] = {}
    if args.trials is not None:
        overrides["budget.trials"] = args.trials
    if args.agents is not None:
        overrides["settings.population.agents"] = args.agents
    cal = load_calibration(args.file, overrides)
    if args.out.exists() and not args.out.is_dir():
        raise InputError(str(args.out), "", "is a file, not a folder")
    study = run_calibration(cal, args.out, executor=args.executor, workers=args.workers, scheduler=args.scheduler)
    files = write_outputs(cal, study, args.out)
    best = min((t for t in study.trials if t.value is not None), key=lambda t: t.value)
    print(f"{cal.spec.name}: best loss {best.value:.4g} (root mean squared relative error {best.value**0.5:.1%}); wrote {', '.join(str(f) for f in files)}")
    return 0
