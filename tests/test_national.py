"""Issue 16: a full-scale run (one agent a person) agrees with a smaller run of the same scenario.

A province-sized labour force (2 million persons, on the map, with its share of the national counts)
at ``agents: full`` against ten seeds at a tenth of the agents (ten persons an agent, whose employer
units aggregate several small firms): every national indicator of the full run lies within the
tenth's chance band, the mean of its seeds plus or minus four standard deviations of one run (the
full run's own chance spread is about a third of that). Slow: about a minute of CPU.
"""

import numpy as np
import pytest

from enrolsim.run import simulate
from national_support import PROVINCE_LF, province_sized

AGREEMENT = ("active", "active_workers", "active_pu", "active_bpu", "registered", "inactive", "withdrawn", "coverage", "new_registrations", "lapses")
MONTHS = 36


@pytest.mark.slow
def test_full_scale_agrees_with_a_tenth_of_the_agents():
    full_scenario = province_sized(**{"population.agents": "full", "months": MONTHS})
    assert full_scenario.population.agents == PROVINCE_LF and full_scenario.population.full
    full = simulate(full_scenario, seed=1).timeseries
    tenth_scenario = province_sized(**{"population.agents": PROVINCE_LF // 10, "months": MONTHS})
    tenth = [simulate(tenth_scenario, seed=s).timeseries for s in range(10, 20)]
    for month in (11, 23, 35):
        values = np.array([[t[k].iloc[month] for k in AGREEMENT] for t in tenth])
        mean, sd = values.mean(axis=0), values.std(axis=0, ddof=1)
        got = np.array([full[k].iloc[month] for k in AGREEMENT])
        z = (got - mean) / sd
        assert np.all(np.abs(z) < 4), (full["month"].iloc[month], dict(zip(AGREEMENT, np.round(z, 2), strict=True)))
