"""Inpres 1/2025 budget cuts (events/budget_cuts.py), with the magnitude of scenarios/history.yaml.

Paired seeds, with third-party programmes running (budget years 2024-2026 at the history's level): from
February 2025 third-party-paid BPU (``active_bpu_third_party``) is lower in every seed, in March 2025 and
at the end of 2026; nothing changes before February 2025.
"""

from event_support import history_events, paired, same_until, window

BUDGETS = {"third_party_payers.new_persons": {2024: 810_000.0, 2025: 810_000.0, 2026: 810_000.0}}


def test_the_2025_cuts_lower_third_party_paid_bpu():
    cuts = history_events()["budget_cuts"]
    runs = paired(window("2024-01", 36, {"budget_cuts": cuts}, overrides=BUDGETS), window("2024-01", 36, overrides=BUDGETS), (1, 2, 3))
    for a, b in runs:
        same_until(a, b, "2025-02")
        for month in ("2025-03", "2026-12"):
            assert a.loc[month, "active_bpu_third_party"] < b.loc[month, "active_bpu_third_party"], month
