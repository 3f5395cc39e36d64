"""Inpres 1/2025 budget cuts (events/budget_cuts.py), with the magnitude of scenarios/history.yaml.

Paired seeds, with third-party programmes running (budget years 2024-2026 at the history's level): from
February 2025 third-party-paid BPU (``active_bpu_third_party``) is lower in every seed in March 2025, and
over the seeds together at the end of 2026; nothing changes before February 2025.
"""

from event_support import history_events, paired, same_until, window

BUDGETS = {"third_party_payers.new_persons": {2024: 810_000.0, 2025: 810_000.0, 2026: 810_000.0}}
SEEDS = (1, 2, 3, 4, 5, 6)


def test_the_2025_cuts_lower_third_party_paid_bpu():
    cuts = history_events()["budget_cuts"]
    runs = paired(window("2024-01", 36, {"budget_cuts": cuts}, overrides=BUDGETS), window("2024-01", 36, overrides=BUDGETS), SEEDS)
    for a, b in runs:
        same_until(a, b, "2025-02")
        assert a.loc["2025-03", "active_bpu_third_party"] < b.loc["2025-03", "active_bpu_third_party"]
    # By the end of 2026 programmes have been renewed or not, in lumps of a programme's members: one seed
    # can end higher with the cuts (seed 1 did, 0.60 against 0.44 million), the seeds together do not
    # (3.23 against 3.95 million over seeds 1-6, measured).
    with_cuts, without = (sum(run[i].loc["2026-12", "active_bpu_third_party"] for run in runs) for i in (0, 1))
    assert with_cuts < 0.95 * without, (with_cuts, without)
