"""The ``enrolsim compare`` command (registered by ``enrolsim.cli``).

Every check (scenario files, options, the store in ``OUT/store``) runs before any simulation or
file: bad input raises :class:`~enrolsim.core.errors.InputError`, which ``enrolsim.cli.main`` prints as
one line with exit status 2. Heavy modules (pandas analysis, matplotlib) load only when the
command runs.
"""

import argparse
import math
import sys
from pathlib import Path

from enrolsim.cli.types import add_executor_options, add_language_option, interrupted, schema_number, whole_number
from enrolsim.experiments.spec import ExperimentSpec
from enrolsim.scenario.schema import Scenario

COMMAND = "compare"


def _persons(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of persons (e.g. 70e6)") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of persons (e.g. 70e6)")
    return value


def _month(text: str) -> str:
    from enrolsim.core.months import parse_month

    try:
        parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month written YYYY-MM (e.g. 2026-12)") from None
    return text


def add_command(commands: argparse._SubParsersAction) -> None:
    """Add ``compare`` to the ``enrolsim`` parser."""
    p = commands.add_parser(
        COMMAND,
        help="compare scenarios with paired replications: intervals, cost per additional active participant, odds of a target, a report",
        description="Run every SCENARIO with the same replication seeds and write comparison.csv, figures, report.html and report.md. "
        "The first scenario is the reference for differences and costs.",
    )
    p.add_argument(
        "scenarios", nargs="+", metavar="SCENARIO", help="scenario files or shipped names (baseline, extensification...); the first is the reference"
    )
    p.add_argument("--replications", type=schema_number(ExperimentSpec, "replications"), default=10, help="replications (seeds) per scenario (default 10)")
    p.add_argument("--target", type=_persons, default=70e6, help="active participants to reach (default 70e6, the agency's 2026 target)")
    p.add_argument("--by", type=_month, help="month YYYY-MM in which the target is checked (default: the last simulated month)")
    p.add_argument(
        "--from",
        dest="from_month",
        type=_month,
        metavar="YYYY-MM",
        help="report from this month: every scenario runs from its start with the same seeds (a shared history) and dates, trajectories"
        " and costs are counted from it; a lever that sets a scenario apart must start in it or later (e.g. --from 2025-01 with scenarios/from_history/)",
    )
    p.add_argument("--agents", type=schema_number(Scenario, "population.agents"), help="worker agents per run (default: the scenarios')")
    p.add_argument("--months", type=schema_number(Scenario, "months"), help="months to simulate (default: the scenarios')")
    p.add_argument("--seed", type=whole_number(0, 2**63 - 1), default=42, help="root seed of the replication seeds (default 42)")
    add_executor_options(p, scheduler=False)
    p.add_argument("--out", type=Path, default=Path("results/compare"), help="output folder; runs are kept in OUT/store (default results/compare)")
    p.add_argument("--parameter-sets", metavar="FILE", help="a calibration's ensemble (ensemble.csv): run every scenario with sets drawn from it by weight")
    p.add_argument("--sets", type=whole_number(1, 100_000), help="parameter sets drawn from --parameter-sets (default 8); each runs every replication")
    add_language_option(p)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed ``compare`` command; return the exit status."""
    from enrolsim.studies.compare import prepare, run_plan

    plan = prepare(
        [str(s) for s in args.scenarios],
        replications=args.replications,
        target=args.target,
        by=args.by,
        agents=args.agents,
        months=args.months,
        seed=args.seed,
        lang=args.lang,
        out=args.out,
        executor=args.executor,
        workers=args.workers,
        parameter_sets=args.parameter_sets,
        sets=args.sets,
        from_month=args.from_month,
    )
    try:
        comparison = run_plan(plan, executor=args.executor, workers=args.workers)
    except KeyboardInterrupt:
        return interrupted(f"finished runs are kept in {args.out / 'store'}")
    except RuntimeError as exc:
        sys.stderr.write(f"enrolsim: {exc}\n")
        return 1
    report = comparison.run_report
    rows = comparison.at_target_date()
    print(f"{report.total} runs: {report.skipped} already in {args.out / 'store'}, {report.finished} run now ({report.wall_time:.1f} s)")
    for _, row in rows.iterrows():
        print(
            f"  {row['scenario']}: {row['active_mean'] / 1e6:.2f} million active in {plan.by} "
            f"[{row['active_p5'] / 1e6:.2f}-{row['active_p95'] / 1e6:.2f}], target reached in {100 * row['target_share']:.0f}% of replications"
        )
    for name in comparison.diverged_before:
        print(f"  note: {name} differs from the reference before {plan.from_month}: its differences are not only from that month")
    print(f"wrote {', '.join(str(f) for f in comparison.files)}")
    return 0
