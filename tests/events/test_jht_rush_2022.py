"""Permenaker 2/2022 (the ``jht_rush`` kind, configured in scenarios/history.yaml for February-April 2022).

- Paired seeds: the rush raises JHT withdrawals from February to April 2022 and changes nothing before.
- The rule itself never took effect (Permenaker 4/2022 withdrew it): history keeps the one-month regime.
"""

import numpy as np
from event_support import HISTORY, history_events, paired, same_until, window

from enrolsim.scenario.loading import load_scenario


def test_the_scare_raises_withdrawals_from_february_to_april_2022():
    rush = [r for r in history_events()["jht_rush"] if r["start"] == "2022-02"]
    assert rush and rush[0]["end"] == "2022-04"
    runs = paired(window("2021-10", 8, {"jht_rush": rush}, agents=15_000), window("2021-10", 8, agents=15_000), (1, 2, 3))
    ratios = []
    for a, b in runs:
        same_until(a, b, "2022-02")
        ratios.append(a.loc["2022-02":"2022-04", "jht_withdrawals"].sum() / b.loc["2022-02":"2022-04", "jht_withdrawals"].sum())
        assert a.loc["2022-02", "mean_trust"] < b.loc["2022-02", "mean_trust"]
    assert np.mean(ratios) > 1.1, ratios


def test_the_age_56_rule_never_took_effect_in_history():
    """The regimes as loaded (history.yaml's own and those it extends): one month's wait from September 2015 on, no age_56."""
    regimes = load_scenario(HISTORY).jht.regimes
    in_force_2022 = [r for r in regimes if r.start <= "2022-05"][-1]
    assert in_force_2022.rule.value == "one_month" and all(r.rule.value != "age_56" for r in regimes)
