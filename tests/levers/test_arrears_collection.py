"""Rule tests of arrears collection (levers/arrears_collection.py) on hand-built employers and workers.

Pinned: only employers in arrears are contacted; at ``effect`` 1 each pays all it owes (arrears back
to 0; the money recovered is its registered workers' wages x 9.9% x the declared wage share x the
months owed, in persons), at ``effect`` 0 none pays; an employer whose arrears had lasted long enough
to make its workers inactive is marked changed, and those workers resume in the same turn (a
resumption, not a registration). Each case costs ``unit_cost`` for each firm the unit stands for; the
same world in persons costs (within the rounding of size classes) and recovers the same rupiah at
2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import CLASS_ROUNDING, INT, SIZES, assert_inert, changed, firms, lever_model, set_employers, snapshot

from enrolsim.actions.employers import CONTRIBUTION_RATE
from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.indicators import compute
from enrolsim.levers import levers_act
from worlds import put, uniform_draws

AC = INT + "arrears_collection."
UNIT_COST = 765_432.0


def arrears_world(effect: float, *, agents: int = 200):
    """Employers: 0 unregistered, 1 paying, 2 one month in arrears, 3 three months (its workers inactive), 4 five months declaring 70% of wages.

    Employer 2 has two registered workers at Rp2m and one it never registered; 3 one at Rp3m and 4 one at Rp1m, both made
    inactive by the arrears.
    """
    model = lever_model({AC + "rate": 1.0, AC + "effect": effect, AC + "unit_cost": UNIT_COST}, agents=agents, employers=5)
    set_employers(model, [1, 2, 3, 4], registered=True)
    set_employers(model, [2, 3, 4], arrears=[1, 3, 5])
    set_employers(model, [4], wage_share=0.7)
    put(model, [0, 1, 2], segment=Segment.PERMANENT.value, employer=2, income=2_000_000.0)
    put(model, [0, 1], employer_registered=True, status=Status.ACTIVE.value, scheme=Scheme.PU.value)
    pu = {"segment": Segment.PERMANENT.value, "employer_registered": True, "scheme": Scheme.PU.value}
    lapsed = {"status": Status.INACTIVE.value, "leave_cause": ExitCause.ARREARS.value}  # made inactive by the employer's arrears
    put(model, [3], employer=3, income=3_000_000.0, **lapsed, **pu)
    put(model, [4], employer=4, income=1_000_000.0, **lapsed, **pu)
    put(model, [5], employer=1, income=9_000_000.0, status=Status.ACTIVE.value, **pu)
    return model


def test_every_employer_in_arrears_pays_what_it_owes_at_effect_1():
    model = arrears_world(effect=1.0)
    e = model.employers
    owing = np.flatnonzero(e.arrears[:-1] > 0)
    assert owing.size == 3
    model.levers["arrears_collection"].act_on_employers(model)
    assert e.arrears.tolist() == [0, 0, 0, 0, 0, 0]
    owed = (2 * 2_000_000 * 1.0 * 1 + 3_000_000 * 1.0 * 3 + 1_000_000 * 0.7 * 5) * CONTRIBUTION_RATE
    assert CONTRIBUTION_RATE == 0.099
    assert model.ledger.recovered_arrears_rupiah == pytest.approx(owed * model.represents, rel=1e-6)
    # only employers whose workers had become inactive (3 months or more) must have their workers brought back
    assert model.employer_changes.tolist() == [False, False, False, True, True, False]
    assert model.ledger.costs["arrears_collection"] == pytest.approx(firms(model, owing) * UNIT_COST, rel=1e-12)
    assert e.registered[:-1].tolist() == [False, True, True, True, True] and e.wage_share[4] == np.float32(0.7), "paying is not complying"


def test_workers_of_employers_that_paid_resume_in_the_same_turn():
    model = arrears_world(effect=1.0)
    levers_act(model)
    w = model.workers
    assert (w.status[[3, 4]] == Status.ACTIVE.value).all()
    assert (model.flows.resumptions, model.flows.new_registrations, model.flows.reactivations) == (2, 0, 0)
    assert w.status[2] == Status.NEVER.value, "a worker the employer never registered stays out"


def test_at_effect_0_every_case_is_paid_for_and_nothing_is_recovered():
    model = arrears_world(effect=0.0)
    before = snapshot(model)
    model.levers["arrears_collection"].act_on_employers(model)
    assert changed(before, model) == [] and not model.employer_changes.any()
    assert model.ledger.recovered_arrears_rupiah == 0
    owing = np.flatnonzero(model.employers.arrears[:-1] > 0)
    assert model.ledger.costs["arrears_collection"] == pytest.approx(firms(model, owing) * UNIT_COST, rel=1e-12)


def test_at_rate_one_half_about_half_the_employers_in_arrears_are_contacted():
    model = lever_model({AC + "rate": 0.5, AC + "effect": 1.0, AC + "unit_cost": UNIT_COST}, agents=2_000, employers=400)
    set_employers(model, np.arange(400), registered=True, arrears=1)
    model.levers["arrears_collection"].act_on_employers(model)
    paid = np.flatnonzero(model.employers.arrears[:-1] == 0)  # at effect 1 every case contacted pays
    assert 160 <= paid.size <= 240
    assert model.ledger.costs["arrears_collection"] == pytest.approx(firms(model, paid) * UNIT_COST, rel=1e-12)


def test_arrears_collection_off_is_inert():
    assert_inert({AC + "rate": 0.0, AC + "effect": 0.9, AC + "unit_cost": 1e6}, "arrears_collection")


def test_the_same_arrears_in_persons_cost_and_recover_the_same_at_two_sizes():
    """30 employer units at 2,000 agents and 120 at 8,000, every other one two months in arrears; every 10th worker employed,
    the k-th of them by employer k mod units, at Rp2.5m: the same cases and the same arrears in persons."""
    costs, recovered = [], []
    for agents in SIZES:
        n = 30 * agents // SIZES[0]
        model = lever_model({AC + "rate": 1.0, AC + "effect": 1.0, AC + "unit_cost": UNIT_COST}, agents=agents, employers=n)
        set_employers(model, np.arange(n), registered=True)
        set_employers(model, np.arange(0, n, 2), arrears=2)
        rows = np.arange(0, agents, 10)
        put(model, rows, segment=Segment.PERMANENT.value, employer=np.arange(rows.size) % n, employer_registered=True, income=2_500_000.0)
        model.levers["arrears_collection"].act_on_employers(model)
        costs.append(model.ledger.costs["arrears_collection"])
        recovered.append(model.ledger.recovered_arrears_rupiah)
        assert costs[-1] == pytest.approx(firms(model, np.arange(0, n, 2)) * UNIT_COST, rel=1e-12)
    assert recovered[0] == pytest.approx(100 * 2_500_000 * CONTRIBUTION_RATE * 2 * 60_980, rel=1e-9)
    assert costs[1] == pytest.approx(costs[0], rel=CLASS_ROUNDING) and recovered[1] == pytest.approx(recovered[0], rel=1e-9)


def test_a_contacted_employer_pays_when_its_draw_is_under_effect():
    for effect, paid in ((0.5, False), (0.5000001, True)):
        model = arrears_world(effect=effect)
        with uniform_draws(model, 0.5):
            model.levers["arrears_collection"].act_on_employers(model)
        assert bool((model.employers.arrears[:-1] == 0).all()) is paid, effect


def test_recovered_arrears_add_to_what_the_month_has_recovered_already():
    """The ledger's recovered arrears are the month's total over every lever that collects (enforcement too)."""
    model = arrears_world(effect=1.0)
    model.ledger.recovered_arrears_rupiah = 1e9
    model.levers["arrears_collection"].act_on_employers(model)
    owed = (2 * 2_000_000 + 3_000_000 * 3 + 1_000_000 * 0.7 * 5) * CONTRIBUTION_RATE
    assert model.ledger.recovered_arrears_rupiah == pytest.approx(1e9 + owed * model.represents, rel=1e-6)


def test_the_indicator_reports_the_arrears_recovered_in_rupiah():
    model = arrears_world(effect=1.0)
    owing = np.flatnonzero(model.employers.arrears[:-1] > 0)
    model.levers["arrears_collection"].act_on_employers(model)
    values = compute(model)
    assert values["recovered_arrears_rupiah"] == model.ledger.recovered_arrears_rupiah > 0
    assert values["cost_arrears_collection"] == values["programme_cost"] == pytest.approx(firms(model, owing) * UNIT_COST)
