"""Rule tests of law enforcement (levers/law_enforcement.py, institutions/enforcement.py) on hand-built employers.

Pinned:
- at ``inspection_rate`` 1 every employer unit is inspected, at ``inspection_cost`` for each firm it stands for;
- an inspected employer that is unregistered, partially compliant or in arrears (and only such an
  employer) enters the ladder; each month on it, it complies with ``warning_compliance`` (paying its
  arrears and declaring everyone, then leaving the ladder), and after ``warnings_before_referral``
  letters it is referred (once, at ``referral_cost`` for each of its firms) and complies with ``sanction_strength``;
- deterrence: each unregistered employer of a district registers with ``deterrence x 100 x`` the
  share of the district's employers inspected (capped at 1), whether or not it was inspected;
- risk targeting inspects employers in arrears before partial ones, before unregistered ones, and
  compliant ones hardly at all; random targeting does not look;
- the same employers in persons cost the same rupiah at 2,000 and 8,000 agents (within the rounding of size classes).
"""

import numpy as np
import pytest
from lever_support import CLASS_ROUNDING, LAW, SIZES, assert_inert, firms, lever_model, set_employers

from enrolsim.core.codes import Scheme, Segment, Status
from enrolsim.indicators import compute
from enrolsim.institutions.enforcement import EnforcementOffice
from enrolsim.levers import levers_act
from worlds import put

INSPECTION, REFERRAL = 2_222_222.0, 11_111_111.0


def enforcement_world(*, rate=1.0, targeting="random", warning=1.0, warnings=2, sanction=0.0, deterrence=0.0, agents=200, employers=8):
    """Employers 0-1 unregistered, 2-3 partially compliant, 4-5 fully compliant in arrears (2 months), 6-7 compliant."""
    settings = {
        LAW + "inspection_rate": rate,
        LAW + "targeting": targeting,
        LAW + "warning_compliance": warning,
        LAW + "warnings_before_referral": warnings,
        LAW + "sanction_strength": sanction,
        LAW + "deterrence": deterrence,
        LAW + "inspection_cost": INSPECTION,
        LAW + "referral_cost": REFERRAL,
    }
    model = lever_model(settings, agents=agents, employers=employers)
    if employers == 8:
        set_employers(model, [2, 3, 4, 5, 6, 7], registered=True)
        set_employers(model, [2, 3], worker_share=0.5, wage_share=0.6)
        set_employers(model, [4, 5], arrears=2)
    return model


def office(model) -> EnforcementOffice:
    (agent,) = model.agents_by_type[EnforcementOffice]
    return agent


def next_month(model) -> None:
    model.ledger.reset()
    model.month_cache.clear()
    model.employer_changes[:] = False


def test_the_office_is_built_with_the_lever():
    model = enforcement_world()
    assert office(model).stage.tolist() == [0] * 8


def test_every_employer_is_inspected_and_the_non_compliant_comply_at_warning_compliance_1():
    model = enforcement_world(warning=1.0)
    e = model.employers
    put(model, [0], segment=Segment.PERMANENT.value, employer=4, employer_registered=True, income=2_000_000.0)
    model.levers["law_enforcement"].act_on_employers(model)
    assert model.ledger.employers_inspected == pytest.approx(firms(model, np.arange(8)), rel=1e-12)
    assert e.registered[:-1].all() and (e.worker_share[:-1] == 1).all() and (e.wage_share[:-1] == 1).all() and (e.arrears[:-1] == 0).all()
    assert model.employer_changes.tolist() == [True] * 6 + [False, False, False], "compliant employers are left alone"
    assert office(model).stage.tolist() == [0] * 8, "who complied leaves the ladder"
    assert model.ledger.recovered_arrears_rupiah == pytest.approx(2_000_000 * 0.099 * 2 * model.represents, rel=1e-6)
    assert model.ledger.referrals == 0
    assert model.ledger.costs["law_enforcement"] == pytest.approx(firms(model, np.arange(8)) * INSPECTION, rel=1e-12)


def test_warnings_then_referral_then_sanction():
    """Two letters: found in month 1 (letter 1), letter 2 in month 2, referred at the end of month 2 and charged once;
    at sanction strength 1 the referred comply in month 3. Compliant employers never enter the ladder."""
    model = enforcement_world(warning=0.0, warnings=2, sanction=0.0)
    lever, stage = model.levers["law_enforcement"], office(model).stage
    lever.act_on_employers(model)
    assert stage.tolist() == [2] * 6 + [0, 0]
    assert model.ledger.referrals == 0 and not model.employer_changes.any()
    assert model.ledger.costs["law_enforcement"] == pytest.approx(firms(model, np.arange(8)) * INSPECTION, rel=1e-12)
    next_month(model)
    lever.act_on_employers(model)
    assert stage.tolist() == [3] * 6 + [0, 0]
    assert model.ledger.referrals == pytest.approx(firms(model, np.arange(6)), rel=1e-12)
    expected = firms(model, np.arange(8)) * INSPECTION + firms(model, np.arange(6)) * REFERRAL
    assert model.ledger.costs["law_enforcement"] == pytest.approx(expected, rel=1e-12)
    next_month(model)
    lever.act_on_employers(model)
    assert stage.tolist() == [4] * 6 + [0, 0] and model.ledger.referrals == 0, "an employer is referred once"
    assert not model.employers.registered[0] and model.employers.arrears[4] == 2
    model.params.strategies.law_enforcement.sanction_strength = 1.0
    next_month(model)
    lever.act_on_employers(model)
    assert stage.tolist() == [0] * 8 and model.employers.registered[:-1].all() and (model.employers.arrears[:-1] == 0).all()


def test_an_employer_that_complies_otherwise_leaves_the_ladder_and_is_not_referred():
    """Units 0 and 4 are warned; before the next turn 0 registers fully on its own and 4 pays its arrears: neither is
    referred or charged, the four others are. A closed unit's slot (6, a new unregistered unit) starts off the ladder."""
    model = enforcement_world(warning=0.0, warnings=2, sanction=0.0)
    lever, stage, e = model.levers["law_enforcement"], office(model).stage, model.employers
    lever.act_on_employers(model)
    assert stage.tolist() == [2] * 6 + [0, 0] and model.ledger.referrals == 0  # two letters: referred next turn
    model.params.strategies.law_enforcement.inspection_rate = 1e-9  # nobody newly inspected
    e.registered[0], e.worker_share[0], e.wage_share[0], e.arrears[4] = True, 1.0, 1.0, 0
    stage[6], e.registered[6] = 2, False  # as if unit 6 had been warned, closed, and a new unit taken its place
    next_month(model)
    model.month_cache["closed_units"] = np.array([6])
    lever.act_on_employers(model)
    assert stage.tolist() == [0, 3, 3, 3, 0, 3, 0, 0]
    assert model.ledger.referrals == pytest.approx(firms(model, np.array([1, 2, 3, 5])), rel=1e-12)
    assert model.ledger.costs["law_enforcement"] == pytest.approx(firms(model, np.array([1, 2, 3, 5])) * REFERRAL, rel=1e-12)


def test_without_warning_letters_an_employer_found_is_referred_at_once():
    model = enforcement_world(warning=1.0, warnings=0, sanction=0.0)
    model.levers["law_enforcement"].act_on_employers(model)
    assert model.ledger.referrals == pytest.approx(firms(model, np.arange(6)), rel=1e-12), "referred employers comply with sanction_strength"
    assert not model.employer_changes.any()
    expected = firms(model, np.arange(8)) * INSPECTION + firms(model, np.arange(6)) * REFERRAL
    assert model.ledger.costs["law_enforcement"] == pytest.approx(expected, rel=1e-12)


def test_deterrence_registers_unregistered_employers_of_inspected_districts():
    """Every employer inspected (100%): at deterrence 0.01 every unregistered employer registers; at 0.005 about half do."""
    model = enforcement_world(warning=0.0, deterrence=0.01)
    model.levers["law_enforcement"].act_on_employers(model)
    assert model.employers.registered[:-1].all() and model.employer_changes[[0, 1]].all()
    assert (model.employers.worker_share[[2, 3]] < 1).all(), "deterrence only concerns unregistered employers"

    model = enforcement_world(warning=0.0, deterrence=0.005, agents=2_000, employers=400)
    model.levers["law_enforcement"].act_on_employers(model)
    assert 160 <= np.count_nonzero(model.employers.registered[:-1]) <= 240

    model = enforcement_world(warning=0.0, deterrence=0.01)
    model.params.strategies.law_enforcement.inspection_rate = 0.0  # nobody inspected: the office does nothing, and draws nothing
    state = model.rng.bit_generator.state
    office(model).step()
    assert not model.employers.registered[[0, 1]].any() and model.rng.bit_generator.state == state


def test_risk_targeting_inspects_those_in_arrears_first():
    """100 employers of each kind, 10% inspected a month for 10 months: weights 3 (arrears), 2 (partial), 1 (unregistered), 0.1 (compliant)."""
    for targeting in ("risk", "random"):
        model = enforcement_world(rate=0.1, targeting=targeting, agents=2_000, employers=400)
        kind = np.repeat(np.arange(4), 100)  # 0 in arrears, 1 partial, 2 unregistered, 3 compliant
        set_employers(model, np.flatnonzero(kind != 2), registered=True)
        set_employers(model, np.flatnonzero(kind == 1), worker_share=0.5)
        set_employers(model, np.flatnonzero(kind == 0), arrears=1)
        counts = np.zeros(4)
        for _ in range(10):
            counts += np.bincount(kind[office(model)._inspect(model.params.strategies.law_enforcement)], minlength=4)
        if targeting == "risk":  # expected about 197, 131, 66 and 7
            assert counts[0] > 1.2 * counts[1] > 1.2 * 1.2 * counts[2] and counts[2] > 3 * counts[3], counts
        else:  # expected 100 each
            assert counts.min() > 60, counts


def test_workers_of_employers_made_to_comply_follow_in_the_same_turn():
    model = enforcement_world(warning=1.0)
    put(model, [0, 1], segment=Segment.PERMANENT.value, employer=0, income=2_000_000.0)
    levers_act(model)
    assert (model.workers.status[[0, 1]] == Status.ACTIVE.value).all() and (model.workers.scheme[[0, 1]] == Scheme.PU.value).all()
    assert model.flows.new_registrations == 2


def test_law_enforcement_off_is_inert():
    assert_inert({LAW + "inspection_rate": 0.0, LAW + "targeting": "random", LAW + "sanction_strength": 0.9}, "law_enforcement")


def test_the_same_employers_in_persons_cost_the_same_at_two_sizes():
    """30 and 120 employer units, every other one unregistered, referred at once: inspections and referrals cost the same rupiah."""
    costs = []
    for agents in SIZES:
        n = 30 * agents // SIZES[0]
        model = enforcement_world(warning=0.0, warnings=0, agents=agents, employers=n)
        set_employers(model, np.arange(1, n, 2), registered=True)
        model.levers["law_enforcement"].act_on_employers(model)
        costs.append(model.ledger.costs["law_enforcement"])
        expected = firms(model, np.arange(n)) * INSPECTION + firms(model, np.arange(0, n, 2)) * REFERRAL
        assert costs[-1] == pytest.approx(expected, rel=1e-12)
    assert costs[1] == pytest.approx(costs[0], rel=CLASS_ROUNDING)


def test_the_indicators_count_inspections_and_referrals_in_firms():
    model = enforcement_world(warning=0.0, warnings=0)
    model.levers["law_enforcement"].act_on_employers(model)
    values = compute(model)
    assert values["employers_inspected"] == pytest.approx(firms(model, np.arange(8)))
    assert values["referrals"] == pytest.approx(firms(model, np.arange(6)))
    assert values["cost_law_enforcement"] == values["programme_cost"] == pytest.approx(model.ledger.costs["law_enforcement"])
