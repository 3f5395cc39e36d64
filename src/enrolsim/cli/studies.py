"""The ``enrolsim trial``, ``enrolsim calibrate`` and ``enrolsim validate`` commands (registered by ``enrolsim.cli``).

Bad input raises :class:`~enrolsim.core.errors.InputError` before anything is written; ``enrolsim.cli.main``
prints it as one line and exits with status 2.
"""

import argparse
import json
import sys
from pathlib import Path

from enrolsim.cli.types import add_executor_options, add_language_option, interrupted, schema_number, whole_number
from enrolsim.core.files import check_output_folder
from enrolsim.scenario.schema import Scenario
from enrolsim.studies.calibration_spec import Budget
from enrolsim.studies.trial import TrialSpec

COMMANDS = ("trial", "calibrate", "validate")


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
    cal.add_argument("--recheck", type=schema_number(Budget, "recheck"), help="best sets run again to choose the central set (default: the file's budget)")
    cal.add_argument("--recheck-seeds", type=schema_number(Budget, "recheck_seeds"), help="seeds 1..N each rechecked set runs with (default: the file's)")

    val = commands.add_parser(
        "validate",
        help="run the history with the calibrated ensemble: every point of data/ observed against simulated, year by year, a figure, a report",
        description="Run SCENARIO (default: history, 2014-2026 with the events of 2020-2025) with parameter sets drawn from the calibrated ensemble"
        " and several seeds each; write points.csv (every point of data/ with chance and parameter intervals), history.csv, validation.png,"
        " report.md and report.html (--lang id: in Bahasa Indonesia).",
    )
    val.add_argument("scenario", nargs="?", default="history", help="scenario file or shipped name (default history)")
    val.add_argument("--parameter-sets", metavar="FILE", help="the calibration's ensemble (default: the shipped scenarios/calibrated_ensemble.csv)")
    val.add_argument("--sets", type=whole_number(1, 100_000), help="parameter sets drawn from the ensemble by weight (default 8, at most the file's)")
    val.add_argument("--seeds", type=whole_number(1, 1000), default=4, help="seeds (replications) per parameter set (default 4)")
    val.add_argument("--agents", type=schema_number(Scenario, "population.agents"), default=20_000, help="worker agents a run (default 20000)")
    val.add_argument("--months", type=schema_number(Scenario, "months"), help="months to simulate (default: the scenario's)")
    val.add_argument("--seed", type=whole_number(0, 2**63 - 1), default=2019, help="root seed of the seeds and of the draw of sets (default 2019)")
    val.add_argument("--target", type=float, default=70e6, help="active participants the outlook is read against (default 70e6)")
    val.add_argument("--by", help="month YYYY-MM of the outlook (default: the last simulated month)")
    add_executor_options(val, scheduler=False)
    val.add_argument("--out", type=Path, default=Path("results/validation"), help="output folder (default results/validation)")
    add_language_option(val)


def run_command(args: argparse.Namespace) -> int:
    """Dispatch a parsed command of :data:`COMMANDS`; return the exit status."""
    return {"trial": _trial, "calibrate": _calibrate, "validate": _validate}[args.command](args)


def _validate(args: argparse.Namespace) -> int:
    from enrolsim.analysis.validation_words import outlook_sentence
    from enrolsim.studies.validation import prepare_validation, run_validation

    plan = prepare_validation(
        args.scenario,
        parameter_sets=args.parameter_sets,
        sets=args.sets,
        seeds=args.seeds,
        agents=args.agents,
        months=args.months,
        seed=args.seed,
        target=args.target,
        by=args.by,
        out=args.out,
        lang=args.lang,
    )
    try:
        result = run_validation(plan, executor=args.executor, workers=args.workers)
    except RuntimeError as exc:
        sys.stderr.write(f"enrolsim: {exc}\n")
        return 1
    print(f"{result.describe['scenario']}: {outlook_sentence(result.outlook)}")
    print(f"wrote {', '.join(str(f) for f in result.files)}")
    return 0


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
    from enrolsim.studies.calibration import run_calibration
    from enrolsim.studies.calibration_outputs import write_outputs
    from enrolsim.studies.calibration_spec import load_calibration

    if args.scheduler and args.executor != "dask":
        raise InputError("--scheduler", "", "only applies with --executor dask")
    overrides: dict[str, object] = {}
    if args.trials is not None:
        overrides["budget.trials"] = args.trials
    if args.agents is not None:
        overrides["settings.population.agents"] = args.agents
    if args.recheck is not None:
        overrides["budget.recheck"] = args.recheck
    if args.recheck_seeds is not None:
        overrides["budget.recheck_seeds"] = args.recheck_seeds
    cal = load_calibration(args.file, overrides)
    check_output_folder(args.out)
    try:
        study = run_calibration(cal, args.out, executor=args.executor, workers=args.workers, scheduler=args.scheduler)
        files = write_outputs(cal, study, args.out, executor=args.executor, workers=args.workers, scheduler=args.scheduler)
    except KeyboardInterrupt:  # Ctrl-C: one line, as enrolsim experiment and compare say it, not a traceback
        return interrupted(f"the candidates scored and the finished runs are kept in {args.out}")
    best = min((t for t in study.trials if t.value is not None), key=lambda t: t.value)
    central = json.loads((args.out / "summary.json").read_text(encoding="utf-8"))["central_set"]
    print(
        f"{cal.spec.name}: best loss {best.value:.4g} (root mean squared relative error {best.value**0.5:.1%}); central set {central['set']}"
        f" ({central['chosen_by']}); wrote {', '.join(str(f) for f in files)}"
    )
    return 0
