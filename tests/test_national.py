"""Issue 16: a full-scale run (one agent a person) agrees with a smaller run of the same scenario.

A province-sized labour force (2 million persons, on the map, with its share of the national counts)
at ``agents: full`` against ten seeds at a tenth of the agents (ten persons an agent, whose employer
units aggregate several small firms): every national indicator of the full run at the ends of the
years, and its flows summed over the last two years, lie within the tenth's chance band, the mean of
its seeds plus or minus four standard deviations of one run (the full run's own chance spread is a
third to a half of that). Inactive accounts were 2-3% more at full scale
(z 5) until the labour market was made to mean the same at every number of agents (2026-11-29: employer
units of one agent, the formal-share hires taking open jobs first; docs/validation.md). Slow: about a
minute of CPU.
"""

import numpy as np
import pandas as pd
import pytest

from enrolsim.run import simulate
from national_support import PROVINCE_LF, province_sized

AGREEMENT = ("active", "active_workers", "active_pu", "active_bpu", "registered", "inactive", "withdrawn", "coverage", "new_registrations", "lapses")
MONTHS = 36


FLOWS = ("new_participants", "exits", "reactivations", "lapses")


@pytest.fixture(scope="module")
def runs() -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """The full run's timeseries and the tenth's, one a seed."""
    full_scenario = province_sized(**{"population.agents": "full", "months": MONTHS})
    assert full_scenario.population.agents == PROVINCE_LF and full_scenario.population.full
    full = simulate(full_scenario, seed=1).timeseries
    tenth_scenario = province_sized(**{"population.agents": PROVINCE_LF // 10, "months": MONTHS})
    return full, [simulate(tenth_scenario, seed=s).timeseries for s in range(10, 20)]


def z_of(full: float, tenth: np.ndarray) -> float:
    """How many of one tenth run's standard deviations the full run lies from the tenth's mean."""
    return float((full - tenth.mean()) / tenth.std(ddof=1))


@pytest.fixture(scope="module")
def z_scores(runs) -> dict[str, list[tuple[str, float]]]:
    """For each indicator, (month, z) of the full run against the tenth's seeds at the end of each year."""
    full, tenth = runs
    scores: dict[str, list[tuple[str, float]]] = {}
    for month in (11, 23, 35):
        for name in AGREEMENT:
            scores.setdefault(name, []).append((full["month"].iloc[month], z_of(full[name].iloc[month], np.array([t[name].iloc[month] for t in tenth]))))
    return scores


@pytest.mark.slow
def test_full_scale_agrees_with_a_tenth_of_the_agents(z_scores):
    far = {name: [(m, round(z, 2)) for m, z in scores if abs(z) >= 4] for name, scores in z_scores.items()}
    assert not any(far.values()), far


@pytest.mark.slow
def test_full_scale_flows_agree_with_a_tenth_of_the_agents(runs):
    """The flows summed over the last two years (the churn behind the agency's 5:1 and its new-participant counts)
    lie within the same band. Their mean still differs: five full runs averaged 2.1-3.1% more than eight of the
    tenth (z 1.5-1.7 on one run's spread, 3.4-3.9 between the means; 3.0-4.0% before the formal-share hires kept their
    debts): the map's small provinces at a tenth (docs/validation.md, 'The flows at 1:1')."""
    full, tenth = runs
    z = {name: round(z_of(full[name].iloc[12:].sum(), np.array([t[name].iloc[12:].sum() for t in tenth])), 2) for name in FLOWS}
    assert all(abs(v) < 4 for v in z.values()), z
