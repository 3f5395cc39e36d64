"""PMI (processes/migrant_workers.py): migrant workers covered for their placement, a stock apart from the rows.

Pins that placements are covered from ``covered_from`` on (a share ``coverage``), that each stays
covered ``months_covered`` months and then ends (new participants and exits in the agency's count),
and the stock at a start after ``covered_from``.
"""

import pytest

from enrolsim.core.errors import ScenarioError
from enrolsim.processes.migrant_workers import migrant_workers
from worlds import mock_model, start_month

PMI = {
    "migrant_workers.placements_per_month": 1000,
    "migrant_workers.coverage": 0.8,
    "migrant_workers.months_covered": 3,
    "migrant_workers.covered_from": "2017-03",
}


def test_placements_are_covered_from_their_month_for_months_covered_months():
    model = mock_model(PMI)  # starts 2017-01
    seen = []
    for month in range(8):
        model.month = month
        start_month(model)
        migrant_workers(model)
        seen.append((model.pmi_new, model.pmi_left, model.pmi_stock))
    assert seen[0] == seen[1] == (0, 0, 0)
    assert seen[2:5] == [(800, 0, 800), (800, 0, 1600), (800, 0, 2400)]
    assert seen[5:] == [(800, 800, 2400)] * 3  # March's placements end in June


def test_a_run_that_starts_after_covered_from_starts_with_the_placements_still_covered():
    model = mock_model({**PMI, "start": "2017-05"})  # March and April covered before the start
    assert model.pmi_stock == pytest.approx(1600)


def test_a_part_of_the_country_gets_its_share_of_the_placements():
    model = mock_model({**PMI, "population.national_share": 0.01})
    model.month = 2  # March 2017, the first month covered
    start_month(model)
    migrant_workers(model)
    assert model.pmi_new == pytest.approx(1000 * 0.01 * 0.8)


def test_the_placements_covered_before_the_start_end_in_their_own_month():
    """Started in April 2017 with March covered (3 months: March to May): March's placements end in June, not earlier."""
    model = mock_model({**PMI, "start": "2017-04"})
    assert model.pmi_stock == pytest.approx(800)
    left = []
    for month in range(3):  # April, May, June
        model.month = month
        start_month(model)
        migrant_workers(model)
        left.append(model.pmi_left)
    assert left == [0, 0, 800]


def test_a_year_given_its_placements_places_a_twelfth_of_them_a_month_and_the_others_the_constant():
    """The history's 2020 suspension: a listed year's total spread over its months, the years around it unchanged."""
    model = mock_model({**PMI, "start": "2019-11", "migrant_workers.placements_by_year": {2020: 120}})
    new = []
    for month in range(15):  # November 2019 to January 2021
        model.month = month
        start_month(model)
        migrant_workers(model)
        new.append(model.pmi_new)
    assert new[:2] == [800, 800]  # 2019: the constant
    assert new[2:14] == [pytest.approx(10 * 0.8)] * 12  # 2020: 120 a year
    assert new[14] == 800  # 2021 not listed: the constant again
    assert model.pmi_stock == pytest.approx(800 + 2 * 8)  # November 2020 to January 2021 (3 months)


def test_a_negative_year_of_placements_is_refused():
    with pytest.raises(ScenarioError, match=r"migrant_workers.placements_by_year: placements_by_year.2020: -1.0 is negative"):
        mock_model({**PMI, "migrant_workers.placements_by_year": {2020: -1}})
