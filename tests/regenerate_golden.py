"""Regenerate the golden baseline ``tests/golden/baseline_summary.json``.

Run it only on purpose, when a change of behaviour is intended, and commit the new file in the
same commit as the change, saying why in the message::

    .venv/bin/python tests/regenerate_golden.py

The summary is a small fixed-seed run of ``scenarios/baseline.yaml`` (5,000 worker agents,
24 months, seed 7) reduced to the final value of every indicator and the 24-month totals of the
main flows, each rounded to 6 significant digits.
"""

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLDEN = HERE / "golden" / "baseline_summary.json"
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


def main() -> int:
    summary = golden_summary()
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(REPO)}: final active {summary['final']['active'] / 1e6:.3f} million in {summary['run']['end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
