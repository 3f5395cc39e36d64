"""Jakon project registrations (processes/construction_projects.py): a stock of persons apart from the rows.

Pins the month: ``construction workers x persons per agent x registrations_per_worker x (1 +
growth)^(years since the reference year, held after growth_until)`` registrations start, a
``1 / months_mean`` share of the live ones end, and contractors pay ``contribution`` for each live one.
"""

import numpy as np
import pytest

from enrolsim.core.codes import Segment
from enrolsim.processes.construction_projects import construction_projects
from worlds import mock_model, put, start_month

JAKON = {"construction_projects.registrations_per_worker": 0.1, "construction_projects.growth": 0.2, "construction_projects.months_mean": 10}


def persons_per_agent(model):
    p = model.params.population
    return p.labour_force * (1 + p.labour_force_growth) ** (model.month / 12) / p.agents


@pytest.mark.parametrize(("month", "years"), [(0, 0), (6, 0.5), (24, 2), (60, 3)])
def test_registrations_start_by_construction_workers_and_end_at_one_over_the_projects_life(month, years):
    """2017-01 is the reference year; the growth is held after 2019 (2022-01 grows as 2020-01: three years)."""
    model = mock_model(JAKON)
    model.month = month
    start_month(model)
    put(model, np.arange(10), segment=Segment.CONSTRUCTION.value)
    model.jakon = 5_000_000.0
    construction_projects(model)
    r = persons_per_agent(model)
    new = 10 * r * 0.1 * 1.2**years
    assert model.jakon_new == pytest.approx(new)
    assert model.jakon == pytest.approx(5_000_000 + new - 500_000)
    assert model.flows.contributions_rupiah * r == pytest.approx(model.jakon * 25_000)  # flows are per worker agent
    assert model.flows.new_registrations == 0  # not a registration of a worker row


def test_the_stock_starts_at_its_steady_state():
    model = mock_model(
        {**JAKON, "population.segment_shares": {"permanent": 0, "contract": 0, "informal": 0.5, "platform": 0, "construction": 0.5, "unemployed": 0}},
        blank=False,
    )
    construction = np.count_nonzero(model.workers.segment == Segment.CONSTRUCTION.value)
    assert construction > 0
    assert model.jakon == pytest.approx(construction * persons_per_agent(model) * 0.1 * 10)


def test_contractors_contributions_add_to_those_collected_from_workers_this_month():
    """Construction projects run after the workers' contributions: theirs add to the month's total."""
    model = mock_model(JAKON)
    model.jakon = 1_000_000.0
    model.flows.contributions_rupiah = 123.0  # collected from worker agents earlier in the month
    construction_projects(model)
    assert model.flows.contributions_rupiah == pytest.approx(123.0 + model.jakon * 25_000 / persons_per_agent(model))
