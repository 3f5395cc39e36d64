"""Do two numbers of agents give the same model? A scenario's flows and year-end stocks at two sizes.

Runs the scenario (the history from 2014 by default, or ``--scenario``) on ``--geography`` at
``--small`` agents with ``--small-seeds``, and either at ``--large`` agents (a number, or ``full``
for one agent a person) with ``--large-seeds`` or, with ``--reference``, reads a time series already
written (``benchmarks/national.py --out``'s ``timeseries.csv``). It prints, for every flow summed
from ``--from`` to ``--to`` and every stock in each December of that span:

- each side's mean and the large side's difference from the small side's, relative;
- ``z_means``: the difference over its standard error (two samples; one run on the reference side);
- ``z_run``: the difference over one small run's standard deviation, the band the province test
  (``tests/test_national.py``) allows four of;

and counts the points beyond two and three of one run's standard deviations. Figures and their
reading are in docs/validation.md ("The flows at 1:1") and docs/performance.md (Round 8).

Usage::

    # the province world of tests/test_national.py: full scale against a tenth, 2018-2019
    .venv/bin/python benchmarks/scale_agreement.py --scenario baseline --labour-force 2e6 --months 36 \\
        --large full --large-seeds 1-5 --small 200000 --small-seeds 10-17 --from 2018-01
    # the national 1:1 run (benchmarks/national.py --out results/national) against a million agents
    .venv/bin/python benchmarks/scale_agreement.py --reference results/national/timeseries.csv \\
        --small 1000000 --small-seeds 1-8 --from 2015-01 --to 2025-12
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import enrolsim  # noqa: E402
from enrolsim.cli.types import agents_option  # noqa: E402
from enrolsim.experiments.executors import EXECUTORS, make_executor  # noqa: E402
from enrolsim.experiments.runs import RunSpec  # noqa: E402
from national import sized  # noqa: E402

FLOWS = ("new_participants", "exits", "new_registrations", "reactivations", "lapses", "jht_withdrawals")
STOCKS = ("active", "active_pu", "active_bpu", "registered", "inactive", "coverage", "informal_share")


def seeds(text: str) -> list[int]:
    """``1-5`` or ``1,2,7``: the seeds, at least two (a spread needs two)."""
    try:
        parts = [range(int(a), int(b) + 1) if "-" in p else [int(p)] for p in text.split(",") for a, _, b in [p.partition("-")]]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seeds as 1-5 or 1,2,7, got {text!r}") from None
    out = sorted({s for part in parts for s in part})
    if len(out) < 2:
        raise argparse.ArgumentTypeError(f"expected at least two seeds, got {text!r}")
    return out


def simulate_all(scenario: enrolsim.Scenario, seed_list: list[int], executor: str, workers: int) -> list[pd.DataFrame]:
    """One time series a seed (the flows and stocks compared), on the project's executors (``enrolsim.experiments``)."""
    specs = [RunSpec(i, seed, scenario.model_dump(mode="json"), (*FLOWS, *STOCKS), "all") for i, seed in enumerate(seed_list)]
    with make_executor(executor, workers) as runs:
        outcomes = sorted(runs.map_unordered(iter(specs)), key=lambda outcome: outcome.run_id)
    for outcome in outcomes:
        if not outcome.ok:
            sys.exit(f"scale_agreement.py: seed {seed_list[outcome.run_id]} failed: {outcome.error}")
    return [outcome.table for outcome in outcomes]


def points(large: list[pd.DataFrame], small: list[pd.DataFrame], first: str, last: str) -> pd.DataFrame:
    """One row a flow (summed from ``first`` to ``last``) and a stock a December in that span."""

    def window(ts: pd.DataFrame) -> pd.DataFrame:
        return ts[(ts["month"] >= first) & (ts["month"] <= last)]

    rows = []
    sides = [(np.array([window(t)[name].sum() for t in large]), np.array([window(t)[name].sum() for t in small])) for name in FLOWS]
    labels = [(f"{name} {first}..{last}", side) for name, side in zip(FLOWS, sides, strict=True)]
    by_month = [[t.set_index("month") for t in runs] for runs in (large, small)]
    for month in sorted(m for m in window(small[0])["month"] if m.endswith("-12")):
        for name in STOCKS:
            a, b = (np.array([t.at[month, name] for t in runs]) for runs in by_month)
            labels.append((f"{name} {month}", (a, b)))
    for label, (a, b) in labels:
        sd_b = b.std(ddof=1)
        se = np.sqrt((a.var(ddof=1) / a.size if a.size > 1 else 0.0) + sd_b**2 / b.size)
        diff = a.mean() - b.mean()
        rows.append({
            "point": label, "large": a.mean(), "small": b.mean(), "relative": a.mean() / b.mean() - 1 if b.mean() else np.nan,
            "z_means": diff / se if se > 0 else np.nan, "z_run": diff / sd_b if sd_b > 0 else np.nan,
        })  # fmt: skip
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="history", help="a scenario file or shipped name (default: history)")
    parser.add_argument("--geography", choices=("map", "uniform"), default="map")
    parser.add_argument("--labour-force", type=float, help="labour force at the start (default: the scenario's); national_share is scaled with it")
    parser.add_argument("--months", type=int, help="months to simulate (default: the scenario's)")
    parser.add_argument("--small", type=agents_option, required=True, help="agents of the smaller runs")
    parser.add_argument("--small-seeds", type=seeds, default=seeds("1-8"))
    parser.add_argument("--large", type=agents_option, help="agents of the larger runs (a number or full)")
    parser.add_argument("--large-seeds", type=seeds, default=seeds("1-4"))
    parser.add_argument("--reference", type=Path, help="a time series (timeseries.csv) to stand for the larger runs instead")
    parser.add_argument("--from", dest="first", help="first month of the span (default: the run's second year)")
    parser.add_argument("--to", dest="last", help="last month of the span (default: the run's last)")
    parser.add_argument("--executor", choices=EXECUTORS, default="processes")
    parser.add_argument("--workers", type=int, help="processes (default: the CPUs this process may use)")
    parser.add_argument("--out", type=Path, help="also write the points as CSV here")
    args = parser.parse_args(argv)
    if (args.large is None) == (args.reference is None):
        parser.error("give either --large (with --large-seeds) or --reference, not both")
    if args.reference is not None and not args.reference.is_file():
        parser.error(f"--reference: no file {args.reference}")

    base = enrolsim.load_scenario(args.scenario)
    overrides: dict[str, object] = {"population.geography": args.geography, **sized(base, args.labour_force)}
    if args.months:
        overrides["months"] = args.months
    small_scenario = enrolsim.with_overrides(base, {**overrides, "population.agents": args.small})

    if args.reference is not None:
        large = [pd.read_csv(args.reference, dtype={"month": str})]
        missing = [c for c in ("month", *FLOWS, *STOCKS) if c not in large[0].columns]
        if missing:
            parser.error(f"--reference: {args.reference} lacks the columns {', '.join(missing)}")
        large_label = str(args.reference)
    else:
        large = simulate_all(enrolsim.with_overrides(base, {**overrides, "population.agents": args.large}), args.large_seeds, args.executor, args.workers)
        large_label = f"{'one agent a person' if args.large == 'full' else f'{args.large} agents'}, seeds {args.large_seeds}"
    small = simulate_all(small_scenario, args.small_seeds, args.executor, args.workers)
    months = small[0]["month"]
    first = args.first or months.iloc[min(12, len(months) - 1)]
    last = args.last or months.iloc[-1]
    if not set(months).issuperset({first, last}) or not set(large[0]["month"]).issuperset({first, last}):
        parser.error(f"--from/--to: {first}..{last} is not inside both runs ({months.iloc[0]}..{months.iloc[-1]})")

    table = points(large, small, first, last)
    small_label = "one agent a person" if args.small == "full" else f"{args.small} agents"
    print(f"{small_scenario.name}, {args.geography}; large: {large_label}; small: {small_label}, seeds {args.small_seeds}")
    with pd.option_context("display.width", 160, "display.max_rows", 500, "display.float_format", "{:.4g}".format):
        print(table.to_string(index=False))
    z = table["z_run"].abs()
    print(f"{len(table)} points: {int((z > 2).sum())} beyond 2 and {int((z > 3).sum())} beyond 3 standard deviations of one small run")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
