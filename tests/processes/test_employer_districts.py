"""Employers' workers live in the employer's district (what ``employer_compliance._workers_of`` relies on).

A closure looks for the closing units' workers only in the rows of the units' districts (rows are in
village, so district, order), and in the rows of districts without any unit, whose wage earners were
hired anywhere. Pins the invariant over months of hiring, leaving, recalls and closures (the uniform
grid with units of one size and with firm sizes, and the map), and that a closure still finds a
worker of a district without units.
"""

import numpy as np
import pytest

from enrolsim.core.codes import Segment
from enrolsim.model import EnrolmentModel
from enrolsim.processes.employer_compliance import _close
from worlds import mock_model, mock_scenario, put


def districts_of_rows(model: EnrolmentModel) -> np.ndarray:
    """Each worker's district, from the rows' village order."""
    first_row = model.village_first_row[:: model.params.population.villages_per_district]
    return np.searchsorted(first_row, np.arange(model.workers.size), side="right") - 1


FIRM_SIZES = {"employers.sizes.registered": {"micro": 0.3, "small": 1.0, "medium": 2.0, "large": 3.0}}
MAP = {"population.geography": "map", "population.villages_per_district": 2}


@pytest.mark.parametrize("overrides", [{}, FIRM_SIZES, MAP], ids=["grid", "firm sizes", "map"])
def test_every_wage_earner_works_for_a_unit_of_their_district_unless_it_has_none(overrides):
    model = EnrolmentModel(mock_scenario({**overrides, "months": 24}, agents=4000, quiet=False), rng=3)
    for _ in range(24):
        model.step()
        w, e = model.workers, model.employers
        wage = np.flatnonzero(w.employer >= 0)
        home = districts_of_rows(model)[wage]
        assert ((e.district[w.employer[wage]] == home) | (e.district_count[home] == 0)).all()


def test_a_closure_finds_a_worker_hired_into_a_district_without_units():
    model = mock_model()
    e = model.employers
    home = districts_of_rows(model)
    unit = 0
    elsewhere = int(np.flatnonzero(home != e.district[unit])[0])  # a row of another district
    e.district_count[home[elsewhere]] = 0  # that district has no unit: its hires went anywhere
    put(model, [elsewhere], segment=Segment.PERMANENT.value, employer=unit)
    _close(model, np.array([unit]))
    assert model.workers.employer[elsewhere] == -1 and model.workers.segment[elsewhere] == Segment.UNEMPLOYED.value
