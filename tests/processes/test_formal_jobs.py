"""Formal employment held to Sakernas (processes/formal_jobs.py) on hand-built worlds.

Pins the target ``F* = (1 - s) (E + O) - O`` (``s`` the informal share of employment in August 2017,
0.5703 in data/labour_force.csv; ``E`` the employed rows; ``O`` civil servants, military and police
outside the model, in agents), that a shortfall opens wage vacancies split as the wage jobs are now,
that an excess closes open contract jobs first, then permanent ones, and only then lays workers off
into informal work (their jobs closing), and that a shortfall left after matching is hired from
those looking for work.
"""

import numpy as np
import pytest

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.processes.formal_jobs import formal_target, hold_formal_share, open_formal_jobs
from worlds import mock_model, put, start_month

PERMANENT, CONTRACT, INFORMAL, UNEMPLOYED = (s.value for s in (Segment.PERMANENT, Segment.CONTRACT, Segment.INFORMAL, Segment.UNEMPLOYED))
AUGUST_2017 = 7  # model month of 2017-08 (the baseline starts in 2017-01)
INFORMAL_SHARE = 0.5703  # Sakernas, August 2017
SAKERNAS = {"labour_market.formal_employment": "sakernas", "labour_market.casual_share_new": 0.5}


def persons_per_agent(model):
    p = model.params.population
    return p.labour_force * (1 + p.labour_force_growth) ** (model.month / 12) / p.agents


def world(permanent, contract, informal, overrides=None):
    """200 agents: so many permanent, contract and informal workers, the rest unemployed, in August 2017."""
    model = mock_model({**SAKERNAS, **(overrides or {})})
    model.month = AUGUST_2017
    start_month(model)
    rows = np.arange(permanent + contract + informal)
    put(model, rows, segment=np.repeat([PERMANENT, CONTRACT, INFORMAL], [permanent, contract, informal]))
    put(model, rows[: permanent + contract], employer=0)
    return model


def target(model, employed):
    outside = model.params.population.outside_formal / persons_per_agent(model)  # 6.1m persons, about 10 agents
    return (1 - INFORMAL_SHARE) * (employed + outside) - outside


def test_the_target_is_the_formal_share_of_the_employed_with_those_outside_the_model():
    model = world(30, 20, 130)
    wanted, formal, permanent_share = formal_target(model)
    assert wanted == pytest.approx(target(model, 180)) and 60 < wanted < 80
    assert (formal, permanent_share) == (50, pytest.approx(0.6))


def test_a_shortfall_opens_wage_vacancies_split_as_the_wage_jobs_are():
    model = world(30, 20, 130)
    model.vacancies[PERMANENT] = 2
    gap = target(model, 180) - 50 - 2
    open_formal_jobs(model)
    assert model.vacancies[PERMANENT] == pytest.approx(2 + 0.6 * gap)
    assert model.vacancies[CONTRACT] == pytest.approx(0.4 * gap)
    assert model.casual_vacancies == pytest.approx(0.4 * gap * 0.5)  # casual_share_new of the new contract jobs
    assert np.count_nonzero(model.workers.segment == PERMANENT) == 30  # nobody moved


def test_an_excess_closes_open_contract_jobs_first():
    model = world(40, 20, 120)  # 60 formal against a target of about 71.6: 11.6 jobs to open, fewer than the 20 open
    model.vacancies[PERMANENT], model.vacancies[CONTRACT] = 10, 10
    excess = 60 + 20 - target(model, 180)  # about 8.4
    open_formal_jobs(model)
    assert model.vacancies[CONTRACT] == pytest.approx(10 - excess)
    assert model.vacancies[PERMANENT] == 10
    assert np.count_nonzero((model.workers.segment == PERMANENT) | (model.workers.segment == CONTRACT)) == 60  # nobody laid off


def test_an_excess_beyond_the_open_jobs_lays_wage_earners_off_into_informal_work():
    model = world(100, 60, 20)  # 160 formal against a target of about 71.6
    model.employers.registered[0] = True
    put(model, np.arange(160), status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer_registered=True)
    open_formal_jobs(model)
    w, f = model.workers, model.flows
    laid_off = np.flatnonzero(w.segment[:160] == INFORMAL)
    assert 50 < laid_off.size < 130  # Poisson(about 88)
    assert np.count_nonzero(w.segment[:160] == UNEMPLOYED) == 0
    assert (w.leave_cause[laid_off] == ExitCause.LAYOFF).all() and (w.status[laid_off] == Status.INACTIVE.value).all()
    assert (f.lapses, f.exits_by_cause[ExitCause.LAYOFF]) == (laid_off.size, laid_off.size)
    assert (model.vacancies[PERMANENT], model.vacancies[CONTRACT]) == (0, 0)  # the jobs closed with them


def test_a_shortfall_left_after_matching_is_hired_from_those_looking_for_work():
    """Only the unemployed look (job_finding 1; casual_search and informal_exit 0): they alone are hired."""
    model = world(30, 20, 130, {"labour_market.job_finding": 1.0})
    hold_formal_share(model)
    w = model.workers
    hired = np.flatnonzero(((w.segment == PERMANENT) | (w.segment == CONTRACT)) & (np.arange(w.size) >= 180))
    assert hired.size > 0
    assert np.count_nonzero(w.segment[50:180] == INFORMAL) == 130  # informal workers were not pulled
    assert hired.size == np.count_nonzero((w.segment == PERMANENT) | (w.segment == CONTRACT)) - 50
    assert hired.size <= 20


def test_a_part_of_the_country_counts_its_share_of_those_outside_the_model():
    """population.national_share scales the civil servants, military and police outside the model (a district of 600,000
    would otherwise hold the nation's 6.1 million)."""
    model = world(30, 20, 130, {"population.national_share": 0.25})
    outside = 0.25 * model.params.population.outside_formal / persons_per_agent(model)
    wanted, _, _ = formal_target(model)
    assert wanted == pytest.approx((1 - INFORMAL_SHARE) * (180 + outside) - outside)
    assert wanted > formal_target(world(30, 20, 130))[0]  # fewer outside the model: more formal jobs in it
