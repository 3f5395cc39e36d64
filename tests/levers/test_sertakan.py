"""Rule tests of Sertakan sponsorship (levers/sertakan.py).

Pinned: each month sponsors take on ``sponsored_per_month`` persons among the uncovered non-wage
workers under the local-government income threshold (nobody richer, no wage earner, nobody active);
they become BPU participants paid by a sponsor until month ``start + months_paid - 1`` and form a
cohort; when a cohort's months are over, those still paid by their sponsor pay for themselves (those
who changed payer meanwhile are left alone); each sponsorship costs the agency ``agency_cost`` x
persons per agent; the same world in persons costs the same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.indicators import compute
from worlds import put, start_month

S = EXT + "sertakan."
AGENCY_COST = 12_345.0


def sertakan_world(per_month_agents: float, *, months_paid: int = 2, agents: int = 200):
    model = lever_model({S + "sponsored_per_month": 1.0})
    settings = {S + "sponsored_per_month": per_month_agents * model.represents, S + "months_paid": months_paid, S + "agency_cost": AGENCY_COST}
    model = lever_model({**settings, EXT + "local_government.income_threshold": 1_500_000}, agents=agents)
    poor = put(model, np.arange(0, 8), segment=Segment.INFORMAL.value, income=1_000_000.0)
    put(model, [8, 9], segment=Segment.INFORMAL.value, income=2_000_000.0)
    put(model, [12], segment=Segment.INFORMAL.value, income=1_500_000.0)  # at the line: not under it
    put(model, [10], segment=Segment.PERMANENT.value, income=1_000_000.0)
    return model, poor


def sponsored(model) -> np.ndarray:
    w = model.workers
    return np.flatnonzero((w.status == Status.ACTIVE.value) & (w.payer == Payer.SPONSOR.value))


def next_month(model) -> None:
    model.month += 1
    start_month(model)


def test_sponsors_take_on_the_poor_uncovered_for_months_paid():
    model, poor = sertakan_world(3)
    model.levers["sertakan"].act(model)
    rows, w = sponsored(model), model.workers
    assert rows.size == 3 and np.isin(rows, poor).all()
    assert (w.scheme[rows] == Scheme.BPU.value).all() and (w.paid_until[rows] == 1).all() and model.flows.new_registrations == 3
    assert model.ledger.costs["sertakan"] == pytest.approx(3 * model.represents * AGENCY_COST, rel=1e-12)
    assert [(end, sorted(c.tolist())) for end, c in model.levers["sertakan"].cohorts] == [(1, rows.tolist())]


def test_only_workers_under_the_income_line_are_sponsored():
    model, poor = sertakan_world(50)
    model.levers["sertakan"].act(model)
    assert sponsored(model).tolist() == poor.tolist()
    assert model.ledger.costs["sertakan"] == pytest.approx(8 * model.represents * AGENCY_COST, rel=1e-12)


def test_when_the_sponsorship_ends_the_workers_pay_for_themselves():
    """months_paid 2: the cohort of month 0 is paid in months 0 and 1 and pays for itself from month 2; one of them moved to a
    district subsidy meanwhile and stays with it. The cohort of month 1 (paid until month 2) is still sponsored in month 2."""
    model, _ = sertakan_world(3)
    lever = model.levers["sertakan"]
    lever.act(model)
    first = sponsored(model)
    model.workers.payer[first[0]] = Payer.LOCAL_GOVERNMENT
    next_month(model)
    lever.act(model)
    assert np.isin(first[1:], sponsored(model)).all(), "still paid in month 1"
    second = np.setdiff1d(sponsored(model), first)
    assert second.size == 3 and (model.workers.paid_until[second] == 2).all()
    next_month(model)
    lever.act(model)
    w = model.workers
    assert (w.payer[first[1:]] == Payer.SELF.value).all() and w.payer[first[0]] == Payer.LOCAL_GOVERNMENT.value
    assert (w.status[first] == Status.ACTIVE.value).all()
    assert np.isin(second, sponsored(model)).all()
    assert [end for end, _ in lever.cohorts] == [2, 3]


def test_sertakan_off_is_inert():
    assert_inert({S + "sponsored_per_month": 0.0, S + "months_paid": 24}, "sertakan")


def test_the_same_world_in_persons_costs_the_same_at_two_sizes():
    """Every 5th worker informal and poor; 20 worker agents a month at 2,000 agents (80 at 8,000): the same persons and rupiah."""
    costs, persons = [], []
    for agents in SIZES:
        model = lever_model({S + "sponsored_per_month": 20 * 60_980, S + "agency_cost": AGENCY_COST}, agents=agents)
        put(model, np.arange(0, agents, 5), segment=Segment.INFORMAL.value, income=1_000_000.0)
        model.levers["sertakan"].act(model)
        costs.append(model.ledger.costs["sertakan"])
        persons.append(sponsored(model).size * model.represents)
    assert persons == [20 * 60_980.0] * 2
    assert costs[0] == pytest.approx(20 * 60_980 * AGENCY_COST, rel=1e-12) and costs[1] == pytest.approx(costs[0], rel=1e-12)


def test_a_worker_sponsored_again_stays_sponsored_when_the_first_cohort_ends():
    """months_paid 2: X is sponsored in month 0 (paid until 1), lapses, and is sponsored again in month 1 (paid until 2).
    When the first cohort ends in month 2, X is still paid for that month by the second sponsorship."""
    model, poor = sertakan_world(1, agents=200)
    put(model, poor[1:], income=2_000_000.0)  # only X = poor[0] is poor enough
    lever, w = model.levers["sertakan"], model.workers
    x = poor[0]
    lever.act(model)
    assert w.payer[x] == Payer.SPONSOR.value and w.paid_until[x] == 1
    put(model, [x], status=Status.INACTIVE.value)
    next_month(model)
    lever.act(model)
    assert w.status[x] == Status.ACTIVE.value and w.paid_until[x] == 2
    next_month(model)
    lever.act(model)
    assert w.payer[x] == Payer.SPONSOR.value, "still paid for in month 2"
    next_month(model)
    lever.act(model)
    assert w.payer[x] == Payer.SELF.value


def test_the_indicator_counts_the_sponsored_in_persons():
    model, _ = sertakan_world(3)
    model.levers["sertakan"].act(model)
    values = compute(model)
    assert values["sponsored_participants"] == pytest.approx(3 * model.represents)
    assert values["cost_sertakan"] == values["programme_cost"] == pytest.approx(3 * model.represents * AGENCY_COST)


def test_half_a_sponsored_person_a_month_switches_sertakan_on():
    assert lever_model({S + "sponsored_per_month": 0.5}).levers["sertakan"].configured()
    assert not lever_model({S + "sponsored_per_month": 0.0}).levers["sertakan"].configured()
