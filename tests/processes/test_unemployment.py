"""Open unemployment held to Sakernas from above (``processes/unemployment.py``, ``labour_market.unemployment``).

Labour data are inputs: with ``unemployment: sakernas`` (the history) the unemployed beyond Sakernas's rate of
the month take own-account informal work; under the rate nothing moves, and before March 2020 (the pandemic;
2016-2019 is where the job finding was fitted to unemployment) nothing is held. The history's unemployment then
meets Sakernas's in August 2022-2025 (6.5-6.0% while free, against 5.9-4.8%).
"""

import csv

import numpy as np
import pytest

import enrolsim
from conftest import SCENARIOS
from enrolsim.core.codes import Segment
from enrolsim.core.shipped import folder
from enrolsim.processes.labour_market import labour_market
from enrolsim.processes.unemployment import hold_unemployment
from enrolsim.world.labour_data import unemployment_rate
from worlds import mock_model, put, uniform_draws

UNEMPLOYED, INFORMAL, PERMANENT = Segment.UNEMPLOYED.value, Segment.INFORMAL.value, Segment.PERMANENT.value
HELD = {"labour_market.unemployment": "sakernas"}


def august(year: int) -> int:
    return year * 12 + 7


def sakernas_rates() -> dict[int, float]:
    with open(folder("data") / "labour_force.csv", encoding="utf-8", newline="") as file:
        rows = [r for r in csv.DictReader(file) if r["labour_force_million"] and r["employed_million"]]
    return {int(r["year"]): 1 - float(r["employed_million"]) / float(r["labour_force_million"]) for r in rows}


def at(model, calendar_month: int):
    model.month = calendar_month - model.params.start_month
    return model


def test_the_rate_is_sakernas_in_each_august_none_before_2016_and_held_after_2025():
    for year, rate in sakernas_rates().items():
        assert unemployment_rate(august(year)) == pytest.approx(rate, rel=1e-12), year
    assert min(sakernas_rates()) == 2016 and unemployment_rate(august(2016) - 1) is None
    assert unemployment_rate(august(2030)) == pytest.approx(sakernas_rates()[2025], rel=1e-12)
    between = unemployment_rate(august(2023) + 6)  # February 2024: halfway between the two Augusts
    assert between == pytest.approx((sakernas_rates()[2023] + sakernas_rates()[2024]) / 2, rel=1e-12)


def test_the_unemployed_beyond_the_rate_take_own_account_work():
    """The rate is of Sakernas's labour force, which counts those outside the model (civil servants, military, police:
    about 5 of these 2,000 agents' worth): the unemployed left are the rate times both, rounded down or up."""
    model = at(mock_model(HELD, agents=2000), august(2023))  # everyone unemployed
    w = model.workers
    outside = model.params.population.outside_model / model.represents
    assert outside > 2
    target = unemployment_rate(august(2023)) * (w.size + outside)
    hold_unemployment(model)
    unemployed = np.count_nonzero(w.segment == UNEMPLOYED)
    assert target - 1 < unemployed < target + 1
    assert np.count_nonzero(w.segment == INFORMAL) == w.size - unemployed


def test_under_the_rate_or_before_the_pandemic_nobody_moves():
    model = at(mock_model(HELD, agents=2000), august(2023))
    put(model, np.arange(20, 2000), segment=PERMANENT, employer=0)  # 1% unemployed, under Sakernas's 5.3%
    hold_unemployment(model)
    assert np.count_nonzero(model.workers.segment == UNEMPLOYED) == 20
    for month in (august(2016) - 1, 2020 * 12 + 1):  # before Sakernas's first labour force; February 2020
        early = at(mock_model(HELD, agents=2000), month)  # everyone unemployed
        hold_unemployment(early)
        assert (early.workers.segment == UNEMPLOYED).all()
    held = at(mock_model(HELD, agents=2000), 2020 * 12 + 2)  # March 2020
    hold_unemployment(held)
    assert np.count_nonzero(held.workers.segment == UNEMPLOYED) < 200


def test_an_excess_under_one_agent_moves_one_with_the_chance_of_its_fraction():
    """The unemployed beyond the rate rounded down or up at random: an excess of a fraction of an agent moves one
    worker when the draw is under the fraction (``U < fraction``), nobody when it is not."""
    for u, moved in ((0.0, 1), (0.999999, 0)):
        model = at(mock_model(HELD, agents=2000), august(2023))
        w = model.workers
        target = unemployment_rate(august(2023)) * (w.size + model.params.population.outside_model / model.represents)
        unemployed = int(np.ceil(target))
        assert 0 < unemployed - target < 1
        put(model, np.arange(unemployed, w.size), segment=PERMANENT, employer=0)
        with uniform_draws(model, u):
            hold_unemployment(model)
        assert np.count_nonzero(w.segment == INFORMAL) == moved, u


def test_every_unemployed_row_may_take_the_work_the_first_too():
    """Those who move are drawn among every unemployed row: with everyone unemployed about 95% move, so row 0 (and
    the last row) moves in most of five worlds, as any row does."""
    moved_first = moved_last = 0
    for seed in range(5):
        model = at(mock_model(HELD, agents=2000, seed=seed), august(2023))
        hold_unemployment(model)
        moved_first += model.workers.segment[0] == INFORMAL
        moved_last += model.workers.segment[-1] == INFORMAL
    assert moved_first >= 3 and moved_last >= 3


@pytest.mark.slow
def test_the_history_meets_sakernas_unemployment_after_the_pandemic():
    """Free, the history's unemployment in August 2022-2025 was 6.5, 6.3, 6.1 and 6.0% against Sakernas's 5.9,
    5.3, 4.9 and 4.8%, as the job finding fitted to 2014-2019 is slower than the recovery's."""
    history = enrolsim.load_scenario(SCENARIOS / "history.yaml", {"population.agents": 20_000})
    assert history.labour_market.unemployment == "sakernas"
    assert enrolsim.load_scenario(SCENARIOS / "calibrated.yaml").labour_market.unemployment == "free"
    timeseries = enrolsim.simulate(history, seed=1).timeseries.set_index("month")
    for year in range(2022, 2026):
        assert timeseries.loc[f"{year}-08", "unemployment_rate"] == pytest.approx(sakernas_rates()[year], abs=0.002), year


@pytest.mark.parametrize("mode", ["sakernas", "free"])
def test_the_labour_market_holds_unemployment_to_sakernas_only_in_sakernas_mode(mode):
    """August 2023, everyone unemployed and nobody finding work: the month's labour market leaves the unemployed at
    Sakernas's rate (rounded down or up) in ``sakernas`` mode, and all of them unemployed in ``free`` mode."""
    model = at(mock_model({"labour_market.unemployment": mode, "labour_market.job_finding": 0.0}, agents=2000), august(2023))
    w = model.workers
    target = unemployment_rate(august(2023)) * (w.size + model.params.population.outside_model / model.represents)
    labour_market(model)
    unemployed = np.count_nonzero(w.segment == UNEMPLOYED)
    if mode == "sakernas":
        assert target - 1 < unemployed < target + 1
    else:
        assert unemployed == w.size
