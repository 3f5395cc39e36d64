"""The COVID-19 labour shock (events/covid.py), with the magnitudes of scenarios/history.yaml.

- Paired seeds, the baseline from January 2019: COVID lowers active participants in December 2020 by
  more than 5% on average over eight seeds (measured: 5.9% over ten, 1.9-10.7% by seed at 20,000 agents:
  employer units are lumps in a small run) and in every seed, and changes nothing before March 2020.
- Furloughed workers are counted while furloughed (about the Kemnaker count at its peak, in persons)
  and none are left after the event's end; lost hours lower the contributions collected.
"""

import numpy as np
import pytest
from event_support import history_events, paired, same_until, window

SEEDS = (1, 2, 3, 4, 5, 6, 7, 8)


@pytest.fixture(scope="module")
def runs():
    covid = history_events()["covid"]
    return paired(window("2019-01", 24, {"covid": covid}, agents=20_000), window("2019-01", 24, agents=20_000), SEEDS)


@pytest.mark.slow
def test_covid_lowers_active_participants_in_december_2020_by_more_than_five_percent(runs):
    ratios = np.array([a.loc["2020-12", "active"] / b.loc["2020-12", "active"] for a, b in runs])
    assert ratios.mean() < 0.95, ratios
    assert (ratios < 0.99).all(), ratios


def test_nothing_changes_before_march_2020(runs):
    for a, b in runs:
        same_until(a, b, "2020-03")


def test_furloughs_are_counted_and_contributions_fall(runs):
    covid = history_events()["covid"][0]
    for a, b in runs:
        peak = a.loc["2020-03":"2020-12", "furloughed"].max()
        assert 0.3 * covid["furloughed"] < peak < 1.5 * covid["furloughed"], peak
        assert b["furloughed"].eq(0).all()
        assert a.loc["2020-04":"2020-09", "contributions_rupiah"].sum() < b.loc["2020-04":"2020-09", "contributions_rupiah"].sum()


def test_no_furlough_is_left_after_the_end():
    covid = {**history_events()["covid"][0], "end": "2020-08", "recovery_from": "2020-06"}
    a = paired(window("2020-01", 10, {"covid": [covid]}, agents=5_000), window("2020-01", 10, agents=5_000), (1,))[0][0]
    assert a.loc["2020-05", "furloughed"] > 0
    assert a.loc["2020-09":, "furloughed"].eq(0).all()
