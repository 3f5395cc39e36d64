"""Rule tests of the audits lever (levers/audits.py) on hand-built employers.

Pinned: only registered, partially compliant employers are audited (never unregistered or fully
compliant ones, never the sentinel); at ``effect`` 1 every audited employer declares all workers
and full wages and is marked changed, at ``effect`` 0 none is, and the audit is paid either way:
``the firms the audited units stand for x unit_cost``. The workers of an audited employer then follow
it in the same turn. The same employers in persons cost the same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import CLASS_ROUNDING, INT, SIZES, assert_inert, changed, firms, lever_model, set_employers, snapshot

from enrolsim.core.codes import Scheme, Segment, Status
from enrolsim.levers import levers_act
from worlds import put, uniform_draws

A = INT + "audits."
UNIT_COST = 1_234_567.0


def audit_world(effect: float, *, rate: float = 1.0, agents: int = 200, employers: int = 6):
    """Employers 0-1 unregistered, 2 fully compliant, 3-5 registered and partially compliant (half the workers, 70% of wages)."""
    model = lever_model({A + "rate": rate, A + "effect": effect, A + "unit_cost": UNIT_COST}, agents=agents, employers=employers)
    set_employers(model, [2, 3, 4, 5], registered=True)
    set_employers(model, [3, 4, 5], worker_share=0.5, wage_share=0.7)
    return model


def test_every_partially_compliant_employer_is_audited_and_complies_at_effect_1():
    model = audit_world(effect=1.0)
    e = model.employers
    model.levers["audits"].act_on_employers(model)
    assert e.worker_share[:-1].tolist() == [1.0] * 6 and e.wage_share[:-1].tolist() == [1.0] * 6
    assert e.registered[:-1].tolist() == [False, False, True, True, True, True], "an audit registered an unregistered employer"
    assert model.employer_changes.tolist() == [False, False, False, True, True, True, False]
    assert model.ledger.costs["audits"] == pytest.approx(firms(model, [3, 4, 5]) * UNIT_COST, rel=1e-12)
    assert sum(model.ledger.costs.values()) == model.ledger.costs["audits"]


def test_at_effect_0_the_audits_are_paid_for_and_change_nothing():
    model = audit_world(effect=0.0)
    before = snapshot(model)
    model.levers["audits"].act_on_employers(model)
    assert changed(before, model) == []
    assert not model.employer_changes.any()
    assert model.ledger.costs["audits"] == pytest.approx(firms(model, [3, 4, 5]) * UNIT_COST, rel=1e-12)


def test_no_partially_compliant_employer_means_no_audit_and_no_cost():
    model = audit_world(effect=1.0)
    set_employers(model, [3, 4, 5], worker_share=1.0, wage_share=1.0)
    model.levers["audits"].act_on_employers(model)
    assert model.ledger.costs["audits"] == 0 and not model.employer_changes.any()


def test_at_rate_one_half_about_half_the_partial_employers_are_audited():
    """``rate`` is the monthly share audited: 400 partial employers at rate 0.5 give 200 audits (sd 10)."""
    model = lever_model({A + "rate": 0.5, A + "effect": 1.0, A + "unit_cost": UNIT_COST}, agents=2_000, employers=400)
    set_employers(model, np.arange(400), registered=True, worker_share=0.5)
    model.levers["audits"].act_on_employers(model)
    audited = np.flatnonzero(model.employer_changes[:-1])
    assert 160 <= audited.size <= 240
    assert model.ledger.costs["audits"] == pytest.approx(firms(model, audited) * UNIT_COST, rel=1e-12)


def test_workers_of_an_audited_employer_follow_it_in_the_same_turn():
    """Employer 3 had registered two of its four workers: after the audit (worker share 1) all four are active PU participants."""
    model = audit_world(effect=1.0)
    rows = put(model, [0, 1, 2, 3], segment=Segment.PERMANENT.value, employer=3, income=3_000_000.0)
    put(model, [0, 1], status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer_registered=True)
    outsider = put(model, [4], segment=Segment.PERMANENT.value, employer=0, income=3_000_000.0)  # unregistered employer: not audited
    levers_act(model)
    w = model.workers
    assert w.employer_registered[rows].all() and (w.status[rows] == Status.ACTIVE.value).all() and (w.scheme[rows] == Scheme.PU.value).all()
    assert model.flows.new_registrations == 2
    assert w.status[outsider[0]] == Status.NEVER.value
    assert not model.employer_changes.any(), "changes are settled once a turn"


def test_audits_off_are_inert():
    assert_inert({A + "rate": 0.0, A + "effect": 0.9, A + "unit_cost": 1e6}, "audits")


def test_the_same_employers_in_persons_cost_the_same_at_two_sizes():
    """30 employer units at 2,000 agents, 120 at 8,000; every other one partially compliant: the same audits in persons."""
    costs = []
    for agents in SIZES:
        n = 30 * agents // SIZES[0]
        model = lever_model({A + "rate": 1.0, A + "effect": 0.0, A + "unit_cost": UNIT_COST}, agents=agents, employers=n)
        set_employers(model, np.arange(0, n, 2), registered=True, worker_share=0.5)
        model.levers["audits"].act_on_employers(model)
        costs.append(model.ledger.costs["audits"])
        assert costs[-1] == pytest.approx(firms(model, np.arange(0, n, 2)) * UNIT_COST, rel=1e-12)
    assert costs[1] == pytest.approx(costs[0], rel=CLASS_ROUNDING)


def test_an_audited_employer_complies_when_its_draw_is_under_effect():
    """``effect`` is a probability: an audited employer complies when its uniform draw U < effect, so a draw equal to
    the effect does not convert and one just under it does."""
    for effect, complied in ((0.5, False), (0.4999999, False), (0.5000001, True)):
        model = audit_world(effect=effect)
        with uniform_draws(model, 0.5):
            model.levers["audits"].act_on_employers(model)
        assert bool(model.employer_changes.any()) is complied, effect
