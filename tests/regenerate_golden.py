"""Regenerate the goldens: the exact one (``tests/golden/baseline_summary.json``) and the statistical one
(``tests/golden/statistical_reference.json``).

Run it only on purpose, when a change of behaviour is intended, and commit the new file in the
same commit as the change. Every regeneration needs a reason, which is appended (with the date and
the git commit) to ``tests/golden/REGENERATED.md``::

    .venv/bin/python tests/regenerate_golden.py --reason "why the exact numbers changed"
    .venv/bin/python tests/regenerate_golden.py --statistical --reason "why the model's means moved"

The exact golden is a small fixed-seed run of ``scenarios/baseline.yaml`` (5,000 worker agents,
24 months, seed 7) reduced to the final value of every indicator and the 24-month totals of the
main flows, each rounded to 6 significant digits. It changes with any change of behaviour, even one
that only reorders random draws. So it is rewritten only if the statistical golden still passes:
the means over 8 seeds at 50,000 agents of the key indicators of ``baseline.yaml`` and
``combined_70m.yaml`` (every lever) at months 12, 36, 60 and 120 are where they were, within
``Z`` standard errors of the difference. A change that moves them is a change of what the model
says: regenerate the statistical reference first (``--statistical``), with its reason.

``Z`` is 4.5, not 3: 104 means are compared, and 3 standard errors would flag 30% of changes that
move nothing but the random draws (measured: 2,000 random splits of 32 seeds into two sets of 8);
at 4.5 about 2% per scenario are flagged. The means' standard errors are 0.1-1% of the stocks and
3-5% of single-month flows, so a change of a stock by a few per cent fails.
"""

import argparse
import datetime
import json
import math
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLDEN = HERE / "golden" / "baseline_summary.json"
STATISTICAL = HERE / "golden" / "statistical_reference.json"
LOG = HERE / "golden" / "REGENERATED.md"
AGENTS, MONTHS, SEED = 5_000, 24, 7
TOTALS = (
    "new_registrations",
    "reactivations",
    "resumptions",
    "lapses",
    "jht_withdrawals",
    "jht_withdrawn_rupiah",
    "contributions_rupiah",
    "accidents",
    "claims",
    "claims_rupiah",
    "deaths",
)

#: The statistical golden: scenarios (each run over its own horizon, 120 months), agents, seeds, months checked, indicators.
STAT_SCENARIOS = ("baseline", "combined_70m")
STAT_AGENTS = 50_000
STAT_SEEDS = tuple(range(1, 9))
STAT_MONTHS = (12, 36, 60, 120)
STAT_INDICATORS = (
    "active",
    "active_pu",
    "active_bpu",
    "active_jakon",
    "registered",
    "inactive",
    "withdrawn",
    "new_registrations",
    "lapses",
    "jht_withdrawals",
    "registrations_per_active",
    "contributions_rupiah",
    "programme_cost",
)
#: Standard errors of the difference a mean may move (see the module's docstring).
Z = 4.5


def rounded(value: float) -> float | None:
    """6 significant digits; NaN as null."""
    value = float(value)
    if math.isnan(value):
        return None
    return float(f"{value:.6g}")


def golden_summary() -> dict[str, object]:
    """The reduced run that the golden file holds."""
    import enrolsim

    scenario = enrolsim.with_overrides(enrolsim.load_scenario(REPO / "scenarios" / "baseline.yaml"), {"population.agents": AGENTS, "months": MONTHS})
    ts = enrolsim.simulate(scenario, seed=SEED).timeseries
    last = ts.iloc[-1]
    return {
        "run": {"scenario": "scenarios/baseline.yaml", "agents": AGENTS, "months": MONTHS, "seed": SEED, "end": str(last["month"])},
        "final": {name: rounded(value) for name, value in last.items() if name != "month"},
        "totals": {name: rounded(ts[name].sum()) for name in TOTALS},
        "peak_active": rounded(ts["active"].max()),
        "min_active": rounded(ts["active"].min()),
    }


# --- the statistical golden ----------------------------------------------------------------------


def statistical_sample(progress: bool = False) -> dict[str, object]:
    """Mean, standard error and number of seeds of each indicator at each month checked, per scenario (as the reference holds them)."""
    import numpy as np

    import enrolsim

    scenarios = {}
    for name in STAT_SCENARIOS:
        path = REPO / "scenarios" / f"{name}.yaml"
        scenario = enrolsim.with_overrides(enrolsim.load_scenario(path), {"population.agents": STAT_AGENTS})
        assert scenario.months >= max(STAT_MONTHS), f"{path.name} runs {scenario.months} months, fewer than {max(STAT_MONTHS)}"
        runs = []
        for seed in STAT_SEEDS:
            runs.append(enrolsim.simulate(scenario, seed=seed).timeseries.iloc[[m - 1 for m in STAT_MONTHS]].reset_index(drop=True))
            if progress:
                print(f"  {name} seed {seed}", file=sys.stderr)
        indicators: dict[str, dict[str, dict[str, object]]] = {}
        for indicator in STAT_INDICATORS:
            values = np.array([run[indicator].to_numpy(dtype=float) for run in runs])  # seeds x months
            indicators[indicator] = {
                str(m): {
                    "month": str(runs[0]["month"].iloc[i]),
                    "mean": float(values[:, i].mean()),
                    "se": float(values[:, i].std(ddof=1) / math.sqrt(len(STAT_SEEDS))),
                    "n": len(STAT_SEEDS),
                }
                for i, m in enumerate(STAT_MONTHS)
            }
        scenarios[name] = {"file": f"scenarios/{name}.yaml", "indicators": indicators}
    return {
        "design": {"agents": STAT_AGENTS, "seeds": list(STAT_SEEDS), "months": list(STAT_MONTHS), "z": Z, "indicators": list(STAT_INDICATORS)},
        "scenarios": scenarios,
    }


def statistical_problems(reference: dict, sample: dict) -> list[str]:
    """Every mean of ``sample`` further than ``Z`` standard errors of the difference from ``reference``'s (and anything
    the reference has that the sample lacks); empty when the model still says what it said."""
    if reference["design"] != sample["design"]:
        return [f"the design changed: {reference['design']} -> {sample['design']} (regenerate with --statistical)"]
    problems = []
    for name, ref in reference["scenarios"].items():
        now = sample["scenarios"].get(name)
        if now is None:
            problems.append(f"{name}: not sampled")
            continue
        for indicator, by_month in ref["indicators"].items():
            for month, r in by_month.items():
                s = now["indicators"].get(indicator, {}).get(month)
                if s is None:
                    problems.append(f"{name} {indicator} month {month}: missing now")
                    continue
                tolerance = Z * math.hypot(r["se"], s["se"])
                if not abs(s["mean"] - r["mean"]) <= tolerance:  # NaN fails too
                    problems.append(
                        f"{name} {indicator} {r['month']}: mean {s['mean']:.6g} (se {s['se']:.3g}) against {r['mean']:.6g} (se {r['se']:.3g}): "
                        f"{(s['mean'] - r['mean']) / math.hypot(r['se'], s['se']) if tolerance else math.inf:+.1f} standard errors"
                    )
    return problems


def statistical_check(progress: bool = False) -> list[str]:
    """Sample the model now and compare it with the stored reference."""
    if not STATISTICAL.exists():
        return [f"no statistical reference: run `.venv/bin/python tests/regenerate_golden.py --statistical --reason ...` ({STATISTICAL.name})"]
    reference = json.loads(STATISTICAL.read_text(encoding="utf-8"))
    return statistical_problems(reference, statistical_sample(progress))


# --- the command ---------------------------------------------------------------------------------


def git_commit() -> str:
    """The commit the tree is at, marked when it has uncommitted changes."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain") else "")


def log_regeneration(what: str, reason: str) -> None:
    """Append the date, the commit and the reason to ``REGENERATED.md``."""
    if not LOG.exists():
        LOG.write_text("# Golden files regenerated\n\nEvery regeneration of `tests/golden/`, newest last (`tests/regenerate_golden.py`).\n", encoding="utf-8")
    today = datetime.date.today().isoformat()
    with LOG.open("a", encoding="utf-8") as log:
        log.write(f"\n## {today}: {what} (commit {git_commit()})\n\n{reason.strip()}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Regenerate the exact golden (after the statistical check passes) or, with --statistical, the statistical reference."
    )
    parser.add_argument("--reason", required=True, help="why the golden changes (appended to tests/golden/REGENERATED.md)")
    parser.add_argument("--statistical", action="store_true", help="regenerate the statistical reference instead of the exact golden")
    args = parser.parse_args(argv)
    if not args.reason.strip():
        parser.error("--reason must say why")
    STATISTICAL.parent.mkdir(parents=True, exist_ok=True)
    if args.statistical:
        sample = statistical_sample(progress=True)
        STATISTICAL.write_text(json.dumps(sample, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        log_regeneration("statistical reference", args.reason)
        print(f"wrote {STATISTICAL}: {len(STAT_SCENARIOS)} scenarios x {len(STAT_SEEDS)} seeds at {STAT_AGENTS:,} agents")
        return 0
    print("statistical check first (8 seeds x 2 scenarios at 50,000 agents)...", file=sys.stderr)
    problems = statistical_check(progress=True)
    if problems:
        print("refusing to rewrite the exact golden: the model's means moved, so this is a change of what it says.", file=sys.stderr)
        print("  " + "\n  ".join(problems[:40]), file=sys.stderr)
        print("If that is intended, regenerate the statistical reference first: tests/regenerate_golden.py --statistical --reason ...", file=sys.stderr)
        return 1
    summary = golden_summary()
    GOLDEN.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    log_regeneration("exact golden", args.reason)
    print(f"wrote {GOLDEN}: final active {summary['final']['active'] / 1e6:.3f} million in {summary['run']['end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
