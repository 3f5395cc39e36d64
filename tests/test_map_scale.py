"""On the map, the labour market means the same at 20,000 agents as at 160,000 (issue 16).

Each of the map's 34 provinces matches its own job seekers. Young entrants were matched in calls of their
own until 2026-11-30: at 20,000 agents a province's call held a fraction of an entrant, placed only in the
kinds of job entrants wished for, and unemployment in August 2019 was 6.85% against 5.88% at 160,000 agents
(docs/validation.md, "What still misses", mechanism B). Since the entrants join the month's one matching
the two sizes agree: the mean of 8 seeds at 20,000 agents lies within four standard errors of the mean of 4
seeds at 160,000 (Welch's two-sample z, as ``tests/test_national.py``), and within a third of a point.
About 30 seconds of CPU.
"""

import numpy as np
import pytest

import enrolsim
from bands import Spread

AUGUST_2019 = "2019-08"


def _unemployment(agents: int, seeds: range) -> np.ndarray:
    scenario = enrolsim.load_scenario("calibrated", {"population.agents": agents, "population.geography": "map", "months": 68})
    rates = []
    for seed in seeds:
        timeseries = enrolsim.simulate(scenario, seed=seed).timeseries.set_index("month")
        rates.append(timeseries.loc[AUGUST_2019, "unemployment_rate"])
    return np.array(rates)


@pytest.mark.slow
def test_unemployment_on_the_map_agrees_at_20_000_and_160_000_agents():
    small, large = _unemployment(20_000, range(1, 9)), _unemployment(160_000, range(1, 5))
    z = Spread.of(small).z_against(Spread.of(large))
    assert abs(z) < 4, f"unemployment in August 2019: {small.mean():.2%} at 20,000 agents, {large.mean():.2%} at 160,000 (z {z:.1f})"
    assert abs(small.mean() - large.mean()) < 0.0033
