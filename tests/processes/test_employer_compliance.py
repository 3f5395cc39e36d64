"""Employer compliance (processes/employer_compliance.py) and the workers following their employer.

Each test calls ``employer_compliance`` and then the institutions' turn (``levers_act``, where with
no lever started the workers of changed employers are brought in line), as a month does. Pins the
three-month rule (an employer falling into arrears in month t makes its registered workers inactive
in month t + 2, and not in t + 1), that a cure resumes them (resumptions, not registrations), that
an employer who registers or complies fully registers and activates its workers (new registrations
and re-activations), that a newly registered employer is not at risk of arrears in its first month, partial registration
and the drift back to partial compliance, closures (workers laid off, the unit replaced by an
unregistered one) and a registration rate that changes in its month.
"""

import numpy as np
import pytest

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.levers import levers_act
from enrolsim.processes.employer_compliance import _close, employer_compliance
from enrolsim.processes.labour_market import labour_market
from worlds import mock_model, put, start_month, uniform_draws

ACTIVE, INACTIVE, NEVER = Status.ACTIVE.value, Status.INACTIVE.value, Status.NEVER.value
PU = Scheme.PU.value


def world(overrides=None):
    """A quiet world whose employers are all unregistered and paying, but for those a test sets."""
    model = mock_model(overrides)
    e = model.employers
    e.registered[:], e.worker_share[:], e.wage_share[:], e.arrears[:] = False, 1.0, 1.0, 0
    return model


def registered_staff(model, unit, rows, *, arrears=0, status=ACTIVE):
    """Registered permanent staff of ``unit``; inactive staff were made so by the unit's arrears (leave_cause ARREARS)."""
    e = model.employers
    e.registered[unit], e.arrears[unit] = True, arrears
    cause = ExitCause.ARREARS.value if status == INACTIVE else ExitCause.NONE.value
    return put(
        model, rows, segment=Segment.PERMANENT.value, status=status, scheme=PU, employer=unit, employer_registered=True, enrolled_month=-5, leave_cause=cause
    )


def month(model, m):
    model.month = m
    start_month(model)
    employer_compliance(model)
    levers_act(model)


def test_an_employer_in_arrears_for_three_months_makes_its_workers_inactive_not_a_month_earlier():
    model = world({"employers.arrears_probability": 1.0})
    staff = registered_staff(model, 0, np.arange(5))
    registered_staff(model, 1, [10])
    put(model, [10], employer_registered=False, status=NEVER, scheme=0)  # not registered: nothing to lose
    arrears, active = [], []
    for m in range(3):
        month(model, m)
        arrears.append(int(model.employers.arrears[0]))
        active.append(int(np.count_nonzero(model.workers.status[staff] == ACTIVE)))
        if m < 2:
            assert model.flows.lapses == 0
    assert arrears == [1, 2, 3]
    assert active == [5, 5, 0]
    assert (model.flows.lapses, model.flows.arrears_lapses, model.flows.exits_by_cause[ExitCause.ARREARS]) == (5, 5, 5)  # not an exit to the agency
    assert model.workers.status[staff].tolist() == [INACTIVE] * 5
    assert model.workers.employer[staff].tolist() == [0] * 5  # still employed, account kept
    assert model.workers.status[10] == NEVER


def test_the_months_of_arrears_to_inactive_are_a_parameter():
    model = world({"employers.arrears_months_to_inactive": 2})
    staff = registered_staff(model, 0, np.arange(3), arrears=1)
    month(model, 0)
    assert model.employers.arrears[0] == 2
    assert model.workers.status[staff].tolist() == [INACTIVE] * 3


def test_a_cure_resumes_the_inactive_workers_as_resumptions_not_registrations():
    model = world({"employers.arrears_cure": 1.0})
    staff = registered_staff(model, 0, np.arange(4), arrears=3, status=INACTIVE)
    month(model, 10)
    f = model.flows
    assert model.employers.arrears[0] == 0
    assert model.workers.status[staff].tolist() == [ACTIVE] * 4
    assert (f.resumptions, f.new_registrations, f.reactivations, f.lapses) == (4, 0, 0, 0)
    assert model.workers.enrolled_month[staff].tolist() == [-5] * 4  # the old spell goes on


def test_a_cure_before_the_third_month_changes_no_worker():
    model = world({"employers.arrears_cure": 1.0})
    staff = registered_staff(model, 0, np.arange(4), arrears=2)
    month(model, 0)
    assert model.employers.arrears[0] == 0
    assert model.workers.status[staff].tolist() == [ACTIVE] * 4
    f = model.flows
    assert (f.resumptions, f.new_registrations, f.reactivations, f.lapses) == (0, 0, 0, 0)


def test_an_employer_that_registers_activates_its_workers():
    model = world({"employers.registration_rate": 1.0, "employers.partial_share": 0.0})
    rows = put(model, np.arange(6), segment=Segment.CONTRACT.value, employer=2, employer_registered=False, status=NEVER)
    put(model, [4, 5], status=INACTIVE, scheme=PU)  # old accounts from earlier jobs
    month(model, 3)
    w, f = model.workers, model.flows
    assert model.employers.registered[2]
    assert w.employer_registered[rows].all()
    assert w.status[rows].tolist() == [ACTIVE] * 6
    assert w.scheme[rows].tolist() == [PU] * 6 and w.enrolled_month[rows].tolist() == [3] * 6
    assert (f.new_registrations, f.reactivations, f.resumptions) == (4, 2, 0)


def test_a_partial_employer_that_complies_fully_registers_the_workers_it_left_out():
    model = world({"employers.full_compliance_rate": 1.0})
    e = model.employers
    registered_staff(model, 0, [0, 1])
    put(model, [2, 3], segment=Segment.PERMANENT.value, employer=0, employer_registered=False, status=NEVER)
    e.worker_share[0], e.wage_share[0] = 0.5, 0.7
    month(model, 0)
    assert (e.worker_share[0], e.wage_share[0]) == (1.0, 1.0)
    assert model.workers.status[[0, 1, 2, 3]].tolist() == [ACTIVE] * 4
    assert model.flows.new_registrations == 2


def test_an_employer_may_register_only_partly():
    model = world(
        {"employers.registration_rate": 1.0, "employers.partial_share": 1.0, "employers.partial_worker_share": 0.5, "employers.partial_wage_share": 0.7}
    )
    month(model, 0)
    e = model.employers
    assert e.registered[:-1].all()
    assert e.worker_share[:-1].tolist() == [0.5] * e.size and e.wage_share[:-1] == pytest.approx([0.7] * e.size)


def test_a_fully_compliant_employer_may_drift_back_to_partial_compliance_keeping_the_workers_it_registered():
    model = world({"employers.partial_drift": 1.0, "employers.partial_worker_share": 0.5, "employers.partial_wage_share": 0.7})
    staff = registered_staff(model, 0, np.arange(3))
    month(model, 0)
    e = model.employers
    assert (e.worker_share[0], e.wage_share[0]) == (0.5, pytest.approx(0.7))
    assert model.workers.status[staff].tolist() == [ACTIVE] * 3 and model.workers.employer_registered[staff].all()


def test_a_closing_employer_lays_its_workers_off_and_an_unregistered_unit_takes_its_place():
    model = world({"employers.closure_rate": 1.0})
    staff = registered_staff(model, 0, np.arange(3), arrears=1)
    put(model, [3], segment=Segment.CONTRACT.value, employer=1, contract_end=9)  # an unregistered employer's worker
    month(model, 4)
    w, e, f = model.workers, model.employers, model.flows
    assert w.segment[[0, 1, 2, 3]].tolist() == [Segment.UNEMPLOYED.value] * 4
    assert w.status[staff].tolist() == [INACTIVE] * 3 and w.status[3] == NEVER
    assert w.leave_cause[[0, 1, 2, 3]].tolist() == [ExitCause.CLOSURE] * 4 and w.left_job_month[[0, 3]].tolist() == [4, 4]
    assert (f.lapses, f.exits_by_cause[ExitCause.CLOSURE], f.arrears_lapses) == (3, 3, 0)
    assert not e.registered[:-1].any() and (e.arrears[:-1] == 0).all()
    assert model.vacancies[Segment.PERMANENT] == 3 and model.vacancies[Segment.CONTRACT] == 1  # the jobs stay, as vacancies


def test_a_closed_unit_keeps_its_declared_shares_until_the_new_unit_in_its_place_registers():
    """JKP pays the laid-off on the wage their closed employer declared (read later in the month), so closing does
    not reset the shares; registering sets them anew, and nothing reads an unregistered unit's shares."""
    model = world({"employers.closure_rate": 1.0, "employers.partial_worker_share": 0.5, "employers.partial_wage_share": 0.7})
    e = model.employers
    e.worker_share[0], e.wage_share[0] = 0.5, 0.7
    registered_staff(model, 0, np.arange(3))
    month(model, 4)
    assert not e.registered[0] and (e.worker_share[0], e.wage_share[0]) == (0.5, pytest.approx(0.7))
    model.params.employers.closure_rate, model.registration_rate, model.params.employers.partial_share = 0.0, 1.0, 0.0
    month(model, 5)
    assert e.registered[0] and (e.worker_share[0], e.wage_share[0]) == (1.0, 1.0)


def test_a_later_registration_rate_is_in_force_from_its_month():
    """Registration rate 0, then 1 from 2017-03 (month 2): an unregistered employer registers in month 2, not before."""
    model = world({"employers.registration_rate_changes": [{"start": "2017-03", "rate": 1.0}], "employers.partial_share": 0.0})
    registered = []
    for _ in range(3):
        model.step()
        registered.append(bool(model.employers.registered[0]))
    assert registered == [False, False, True]


def test_a_newly_registered_employer_is_not_at_risk_of_arrears_in_its_first_month():
    model = world({"employers.registration_rate": 1.0, "employers.arrears_probability": 1.0})
    model.employers.registered[0] = True
    month(model, 0)
    assert model.employers.arrears[:-1].tolist() == [1] + [0] * (model.employers.size - 1)


def test_a_worker_hired_while_the_employer_was_lapsed_is_reactivated_not_resumed_when_it_pays():
    """An old inactive account covered anew by a new employer is a re-activation (a registration), whatever the employer's arrears at the hire."""
    hire_permanent = {"permanent": 1, "contract": 0, "informal": 0, "platform": 0, "construction": 0, "unemployed": 0}
    model = world({"labour_market.job_finding": 1.0, "labour_market.hire_shares": hire_permanent, "employers.arrears_cure": 1.0})
    e = model.employers
    e.registered[:-1], e.arrears[:-1] = True, 3  # every employer lapsed
    put(model, np.arange(1, model.workers.size), segment=Segment.INFORMAL.value)  # row 0 the only job seeker
    put(model, [0], status=INACTIVE, scheme=PU, enrolled_month=-100, left_job_month=-50)  # an account from a job long ago
    model.vacancies[Segment.PERMANENT] = 1
    labour_market(model)  # hired by a lapsed employer: registered, not active
    assert model.workers.employer_registered[0] and model.workers.status[0] == INACTIVE
    month(model, 1)  # the employer pays up
    assert model.workers.status[0] == ACTIVE
    assert (model.flows.reactivations, model.flows.resumptions) == (1, 0)
    assert model.workers.enrolled_month[0] == 1


# --- events' multipliers, edges, a single closure -------------------------------------------------


def test_an_event_multiplies_the_registration_rate():
    model = world({"employers.registration_rate": 0.5, "employers.partial_share": 0.0})
    model.registration_multiplier = 2.0
    month(model, 0)
    assert model.employers.registered[:-1].all()


@pytest.mark.parametrize(("u", "partial"), [(0.5 - 1e-9, True), (0.5, False)])
def test_a_registration_is_partial_with_a_draw_under_partial_share(u, partial):
    model = world({"employers.registration_rate": 1.0, "employers.partial_share": 0.5, "employers.partial_worker_share": 0.5})
    with uniform_draws(model, u):
        month(model, 0)
    assert (model.employers.worker_share[:-1] < 1).all() == partial


def test_an_employer_that_does_not_change_keeps_its_partial_compliance():
    model = world({"employers.partial_worker_share": 0.5})
    e = model.employers
    e.registered[0], e.worker_share[0], e.wage_share[0] = True, 0.5, 0.7
    month(model, 0)
    assert (e.worker_share[0], e.wage_share[0]) == (0.5, pytest.approx(0.7))


def test_a_paying_employer_stays_out_of_arrears_at_arrears_probability_zero():
    model = world()
    registered_staff(model, 0, np.arange(2))
    registered_staff(model, 1, np.arange(2, 4), arrears=2)
    month(model, 0)
    assert model.employers.arrears[[0, 1]].tolist() == [0, 3]


def test_an_event_multiplies_the_chances_to_pay_up_and_to_fall_into_arrears():
    model = world({"employers.arrears_cure": 0.5, "employers.arrears_probability": 0.5})
    model.arrears_cure_multiplier, model.arrears_multiplier = 2.0, 2.0
    e = model.employers
    e.registered[:-1] = True
    e.arrears[: e.size // 2] = 2
    month(model, 0)
    assert (e.arrears[: e.size // 2] == 0).all()  # every one paid up
    assert (e.arrears[e.size // 2 : -1] == 1).all()  # every paying one fell behind


def test_a_single_closing_unit_lays_its_workers_off_and_is_replaced_by_an_unregistered_one():
    model = world()
    e = model.employers
    staff = registered_staff(model, 0, np.arange(3), arrears=1)
    e.worker_share[0], e.wage_share[0] = 0.5, 0.7
    registered_staff(model, 1, np.arange(3, 5))
    model.employer_changes[0] = True
    _close(model, np.array([0]))
    w = model.workers
    assert (w.segment[staff] == Segment.UNEMPLOYED.value).all() and (w.employer[[3, 4]] == 1).all()
    assert (e.registered[0], e.arrears[0]) == (False, 0)  # its shares are set when it registers (the test above)
    assert not model.employer_changes[0]  # a new unit: nothing for its (no) workers to follow


@pytest.mark.parametrize("months_to_inactive", [1, 2, 3])
def test_the_units_marked_changed_are_those_whose_arrears_crossed_the_months_that_lapse_them(months_to_inactive):
    """Only the units whose arrears moved are compared (not all 12 million at one agent a person): the set
    marked must be every unit whose lapsed state differs from before the month, plus those that improved
    or joined."""
    settings = {"employers.arrears_probability": 0.3, "employers.arrears_cure": 0.3, "employers.closure_rate": 0.0}
    model = world({**settings, "employers.arrears_months_to_inactive": months_to_inactive})
    e, rng = model.employers, np.random.default_rng(7)
    e.registered[:-1] = rng.random(e.size) < 0.8
    e.arrears[:-1] = np.where(e.registered[:-1], rng.integers(0, 5, e.size) * (rng.random(e.size) < 0.5), 0)
    for m in range(4):
        model.month = m
        start_month(model)
        registered_before = e.registered.copy()
        partial_before = e.worker_share < 1
        lapsed_before = e.lapsed(months_to_inactive)
        model.employer_changes[:] = False
        employer_compliance(model)
        crossed = e.lapsed(months_to_inactive) != lapsed_before
        improved_or_joined = (registered_before & partial_before & (e.worker_share == 1)) | (~registered_before & e.registered)
        assert np.array_equal(model.employer_changes, crossed | improved_or_joined)
        assert crossed.any()
