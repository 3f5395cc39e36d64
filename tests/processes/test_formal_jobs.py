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
from worlds import exact_poisson, mock_model, put, start_month, uniform_draws

PERMANENT, CONTRACT, INFORMAL, UNEMPLOYED = (s.value for s in (Segment.PERMANENT, Segment.CONTRACT, Segment.INFORMAL, Segment.UNEMPLOYED))
AUGUST_2017 = 7  # model month of 2017-08 (the baseline starts in 2017-01)
INFORMAL_SHARE = 0.5703  # Sakernas, August 2017
SAKERNAS = {"labour_market.formal_employment": "sakernas", "labour_market.casual_share_new": 0.5}


def persons_per_agent(model):
    p = model.params.population
    return p.labour_force * (1 + p.labour_force_growth) ** (model.month / 12) / p.agents


def world(permanent, contract, informal, overrides=None, seed=0):
    """200 agents: so many permanent, contract and informal workers, the rest unemployed, in August 2017."""
    model = mock_model({**SAKERNAS, **(overrides or {})}, seed=seed)
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
    model.vacancies[PERMANENT], model.vacancies[CONTRACT], model.casual_vacancies = 10, 10, 5
    excess = 60 + 20 - target(model, 180)  # about 8.4
    open_formal_jobs(model)
    assert model.vacancies[CONTRACT] == pytest.approx(10 - excess)
    assert model.vacancies[PERMANENT] == 10
    assert model.casual_vacancies == pytest.approx(5 * (10 - excess) / 10)  # the closed jobs were casual in their share
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


def wage_earners(model):
    return np.flatnonzero((model.workers.segment == PERMANENT) | (model.workers.segment == CONTRACT))


def test_with_one_formal_worker_the_permanent_share_is_his():
    """The permanent share divides by the formal workers (at least one): one permanent worker alone is a share of 1."""
    assert formal_target(world(1, 0, 179))[2] == 1.0
    assert formal_target(world(0, 1, 179))[2] == 0.0


def test_a_shortfall_adds_to_the_open_jobs_of_each_kind():
    """No open permanent job: the whole gap opens; contract and casual vacancies already open are kept and added to."""
    model = world(30, 20, 130)
    model.vacancies[CONTRACT], model.casual_vacancies = 3, 1.5
    gap = target(model, 180) - 50 - 3
    open_formal_jobs(model)
    assert model.vacancies[PERMANENT] == pytest.approx(0.6 * gap)
    assert model.vacancies[CONTRACT] == pytest.approx(3 + 0.4 * gap)
    assert model.casual_vacancies == pytest.approx(1.5 + 0.4 * gap * 0.5)


def test_a_shortfall_under_one_job_is_still_split_between_permanent_and_contract_work():
    model = world(30, 20, 130)
    model.vacancies[PERMANENT] = target(model, 180) - 50 - 0.5  # half a job short
    before = model.vacancies[PERMANENT]
    open_formal_jobs(model)
    assert model.vacancies[PERMANENT] == pytest.approx(before + 0.6 * 0.5)
    assert model.vacancies[CONTRACT] == pytest.approx(0.4 * 0.5)
    assert model.casual_vacancies == pytest.approx(0.4 * 0.5 * 0.5)


@pytest.mark.parametrize(("permanent", "contract"), [(160, 0), (0, 160)])
def test_an_excess_lays_off_wage_earners_of_either_kind_and_nobody_else(permanent, contract):
    model = exact_poisson(world(permanent, contract, 20))
    excess = round(160 - target(model, 180))
    open_formal_jobs(model)
    w = model.workers
    assert wage_earners(model).size == 160 - excess
    assert np.count_nonzero(w.segment[:160] == INFORMAL) == excess  # the laid off went to informal work
    assert (w.segment[160:180] == INFORMAL).all() and (w.segment[180:] == UNEMPLOYED).all()  # the others did not move


def formal_world(excess, overrides=None):
    """180 employed, the formal ones so many that the excess over the target (negative: a shortfall) rounds to ``excess``."""
    wanted = target(world(0, 0, 180), 180)
    formal = round(wanted + excess)
    model = exact_poisson(world(formal, 0, 180 - formal, overrides))
    assert round(formal - formal_target(model)[0]) == excess
    return model


def test_an_excess_of_a_single_job_lays_one_worker_off():
    model = formal_world(1)
    formal = wage_earners(model).size
    open_formal_jobs(model)
    assert wage_earners(model).size == formal - 1


def test_over_the_target_nobody_is_hired_after_matching():
    model = exact_poisson(world(100, 60, 20, {"labour_market.job_finding": 1.0}))
    hold_formal_share(model)
    assert wage_earners(model).size == 160


def test_a_shortfall_of_one_hires_one():
    model = formal_world(-1, {"labour_market.job_finding": 1.0})
    formal = wage_earners(model).size
    hold_formal_share(model)
    assert wage_earners(model).size == formal + 1


def test_the_shortfall_is_hired_exactly_even_when_few_look():
    """A job-finding rate of 1% among 20 unemployed (a pull of 0.2 persons) still fills the whole shortfall: the rates only share it out."""
    model = exact_poisson(world(30, 20, 130, {"labour_market.job_finding": 0.01}))
    short = round(target(model, 180) - 50)
    hold_formal_share(model)
    assert wage_earners(model).size == 50 + min(short, 20)
    assert np.count_nonzero(model.workers.segment[50:180] == INFORMAL) == 130


def test_with_nobody_looking_nobody_is_hired():
    model = exact_poisson(world(30, 20, 130))  # job_finding, casual_search and informal_exit all 0
    hold_formal_share(model)
    assert wage_earners(model).size == 50


def test_informal_workers_who_look_are_hired_but_not_the_unemployed_or_those_between_casual_contracts():
    """informal_exit alone: the shortfall is drawn among own-account informal workers, never among the unemployed or the casual."""
    model = exact_poisson(world(30, 20, 130, {"labour_market.informal_exit": 1.0}))
    put(model, np.arange(50, 60), casual=True)  # between casual contracts
    short = round(target(model, 180) - 50)
    hold_formal_share(model)
    hired = wage_earners(model)[wage_earners(model) >= 50]
    assert hired.size == short
    assert ((hired >= 60) & (hired < 180)).all()


def test_those_between_casual_contracts_are_hired_when_only_they_look():
    model = exact_poisson(world(30, 20, 130, {"labour_market.casual_search": 1.0}))
    put(model, np.arange(50, 90), casual=True)
    short = round(target(model, 180) - 50)
    hold_formal_share(model)
    hired = wage_earners(model)[wage_earners(model) >= 50]
    assert hired.size == short and ((hired >= 50) & (hired < 90)).all()
    assert not model.workers.casual[hired[model.workers.segment[hired] == PERMANENT]].any()


def test_everyone_looking_is_hired_when_the_shortfall_exceeds_them():
    """Row 0 included: every informal worker is drawn when all are wanted."""
    model = exact_poisson(world(0, 0, 20, {"labour_market.informal_exit": 1.0}))
    put(model, np.arange(20, 180), segment=Segment.PLATFORM.value)  # employed, but not looking for wage work
    assert formal_target(model)[0] > 20
    hold_formal_share(model)
    assert (np.isin(model.workers.segment[:20], (PERMANENT, CONTRACT))).all()
    assert (model.workers.segment[20:180] == Segment.PLATFORM.value).all()


def test_hires_after_matching_fill_open_jobs_first_and_jobs_they_create_are_not_taken_from_the_count():
    """Each hire takes an open job of its kind; hires beyond the open jobs create theirs and leave none open."""
    model = exact_poisson(world(30, 20, 130, {"labour_market.job_finding": 1.0}))
    model.vacancies[PERMANENT], model.vacancies[CONTRACT] = 100.0, 0.0
    with uniform_draws(model, 0.0):  # the open jobs are all permanent and enough for the shortfall: no job is created
        hold_formal_share(model)
    hired = wage_earners(model).size - 50
    assert hired > 0
    assert model.vacancies[PERMANENT] == 100 - hired and model.vacancies[CONTRACT] == 0
    # 50 unemployed against a shortfall of about 9 (with 20, some of the jobs went undealt, the open one too on some seeds)
    model = exact_poisson(world(30, 20, 100, {"labour_market.job_finding": 1.0}))
    model.vacancies[PERMANENT], model.vacancies[CONTRACT] = 1.0, 0.0
    with uniform_draws(model, 0.0):
        hold_formal_share(model)
    assert wage_earners(model).size > 51  # one open job taken, the others created
    assert (model.vacancies[PERMANENT], model.vacancies[CONTRACT]) == (0, 0)


def test_a_job_taken_on_its_fraction_leaves_a_debt_and_an_earlier_debt_is_kept():
    """0.4 open permanent jobs rounded up (every uniform draw 0) is a whole job a hire takes: the count goes to -0.6, a
    debt the next openings repay, as in the month's matching; a contract debt of -2 nobody touched stays -2 (a floor
    at zero after the hires used to forgive both, more often the fewer the agents)."""
    model = exact_poisson(world(30, 20, 100, {"labour_market.job_finding": 1.0}))  # 50 unemployed: every job is dealt
    model.vacancies[PERMANENT], model.vacancies[CONTRACT] = 0.4, -2.0
    with uniform_draws(model, 0.0):
        hold_formal_share(model)
    assert wage_earners(model).size > 51  # the rest of the shortfall created jobs
    assert model.vacancies[PERMANENT] == pytest.approx(-0.6)
    assert model.vacancies[CONTRACT] == -2.0


@pytest.mark.parametrize("permanent, contract, segment", [(50, 0, PERMANENT), (0, 50, CONTRACT)])
def test_jobs_created_beyond_the_open_ones_are_of_the_kind_the_wage_jobs_are(permanent, contract, segment):
    model = exact_poisson(world(permanent, contract, 130, {"labour_market.job_finding": 1.0}))
    model.vacancies_by_region[:] = 0.0  # no open job: every hire creates one
    hold_formal_share(model)
    hired = wage_earners(model)[wage_earners(model) >= 180]
    assert hired.size > 0 and (model.workers.segment[hired] == segment).all()


def test_jobs_created_beyond_the_open_ones_are_permanent_with_the_permanent_share():
    """30 permanent and 20 contract workers: of the jobs created, about 60% are permanent (binomial; 30 worlds)."""
    segments = []
    for seed in range(30):
        model = exact_poisson(world(30, 20, 130, {"labour_market.job_finding": 1.0}, seed=seed))
        model.vacancies_by_region[:] = 0.0
        hold_formal_share(model)
        segments.append(model.workers.segment[wage_earners(model)[wage_earners(model) >= 180]])
    hired = np.concatenate(segments)
    assert hired.size > 300
    assert np.mean(hired == PERMANENT) == pytest.approx(0.6, abs=4 * np.sqrt(0.24 / hired.size))


def test_those_between_casual_contracts_are_not_counted_among_the_informal_who_look():
    """20 informal workers, 5 of them between casual contracts (who search at casual_search, 0 here): a shortfall of
    about 70 hires the 15 others and nobody more."""
    model = exact_poisson(world(0, 0, 20, {"labour_market.informal_exit": 1.0}))
    put(model, np.arange(20, 180), segment=Segment.PLATFORM.value)
    put(model, np.arange(5), casual=True)
    hold_formal_share(model)
    w = model.workers
    assert (w.segment[:5] == INFORMAL).all() and np.isin(w.segment[5:20], (PERMANENT, CONTRACT)).all()
    assert wage_earners(model).size == 15


def test_hires_after_matching_fill_open_contract_jobs_as_contract_jobs():
    """Open contract jobs only, enough for the shortfall: every hire takes one of them (a contract job) and the open
    count falls by the hires; no permanent job is made or taken."""
    model = exact_poisson(world(30, 20, 130, {"labour_market.job_finding": 1.0}))
    model.vacancies[PERMANENT], model.vacancies[CONTRACT] = 0.0, 100.0
    hold_formal_share(model)
    hired = wage_earners(model)[wage_earners(model) >= 180]
    assert hired.size > 0 and (model.workers.segment[hired] == CONTRACT).all()
    assert model.vacancies[CONTRACT] == 100 - hired.size and model.vacancies[PERMANENT] == 0


def test_the_unemployed_and_those_between_casual_contracts_who_look_share_the_shortfall_and_fill_it():
    """job_finding and casual_search 1: 50 unemployed and 2 between casual contracts share a shortfall of about 9, all
    hired (neither group runs short), each drawn from its own group."""
    model = exact_poisson(world(30, 20, 100, {"labour_market.job_finding": 1.0, "labour_market.casual_search": 1.0}))
    put(model, [50, 51], casual=True)
    short = round(target(model, 150) - 50)
    assert 2 < short < 50
    hold_formal_share(model)
    hired = wage_earners(model)[wage_earners(model) >= 50]
    assert hired.size == short
    assert ((hired < 52) | (hired >= 150)).all()  # the unemployed and the two between casual contracts only
