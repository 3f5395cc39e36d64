"""The in-model trial (processes/trial_arms.py) on hand-built worlds.

Pins the offer's chance from both sides with fixed uniform draws: the control arm's chance is the
model's enrolment probability (voluntary_enrolment) plus the visit's log-odds; a free offer removes
exactly the price term ``price_effect x price / income`` (divided by the income multiplier in a
shock, as in voluntary enrolment) and adds ``free_offer_logit``; help to register completes with
``assisted_completion``. Also pins who is assigned (target segments, uncovered, income), the
subsidy (payer ``SPONSOR`` until the N-th month of the trial, then ``SELF``), default enrolment
with opt-out, the information arm's literacy gain, and that a row taken by an entrant leaves the trial.
"""

import math

import numpy as np
import pytest

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.processes.trial_arms import Arm, TrialArms, trial_arms
from enrolsim.processes.voluntary_enrolment import enrolment_probability
from worlds import mock_model, put, start_month, uniform_draws

INFORMAL = Segment.INFORMAL.value
ACTIVE, NEVER = Status.ACTIVE.value, Status.NEVER.value
SUBJECT = 1
#: Log-odds of the subject without the price term (baseline coefficients, intercept -2, peer share 1/2)
#: and the price share: Rp16,800 on an income of Rp500,000.
WITHOUT_PRICE = -2.0 + 1.5 * 0.3 + 2.5 * 0.4 + 1.5 * 0.3 + 1.5 * 0.6 + 3.0 * 0.5  # 2.3
PRICE_SHARE = 16_800 / 500_000  # 0.0336
PRICE_EFFECT = -20.0


def logistic(x):
    return 1 / (1 + math.exp(-x))


def world(overrides=None):
    """Village 0: two informal workers, row 0 active (so a peer share of 1/2), row 1 the subject, uncovered."""
    model = mock_model({"enrolment.base_logit": -2.0, "enrolment.completion_unassisted": 1.0, **(overrides or {})})
    put(model, [0, SUBJECT], segment=INFORMAL)
    put(model, [0], status=ACTIVE, scheme=Scheme.BPU.value)
    put(model, [SUBJECT], literacy=0.4, income=500_000, bpu_jht=False)
    model.drift.set(np.array([SUBJECT]), np.array([0.6], dtype=np.float32), np.array([0.3], dtype=np.float32))
    start_month(model)
    return model


def trial(*arms, start=0, **design):
    return TrialArms(arms=tuple(arms), start=start, segments=(INFORMAL,), **design)


def enrols(model, design, u):
    model.trial = design
    with uniform_draws(model, u):
        trial_arms(model)
    return bool(model.workers.status[SUBJECT] == ACTIVE)


def pinned(make_model, design_of, chance):
    """The subject enrols with a draw just under ``chance`` and not with one just over it."""
    return [enrols(make_model(), design_of(), u) for u in (chance - 1e-4, chance + 1e-4)] == [True, False]


def test_the_control_arms_chance_is_the_models_enrolment_probability_plus_the_visit():
    chance = logistic(WITHOUT_PRICE + PRICE_EFFECT * PRICE_SHARE + 0.3)
    assert float(enrolment_probability(world(), np.array([SUBJECT]))[0]) == pytest.approx(logistic(WITHOUT_PRICE + PRICE_EFFECT * PRICE_SHARE), rel=1e-5)
    assert pinned(world, lambda: trial(Arm("control"), visit_logit=0.3), chance)


@pytest.mark.parametrize("income_multiplier", [1.0, 0.5])
def test_a_free_offer_removes_exactly_the_price_term_of_voluntary_enrolment(income_multiplier):
    """The free arm's log-odds exceed the control's by ``-price_effect x price_share`` (``free_offer_logit`` 0), in a shock too."""

    def make():
        model = world()
        model.income_multiplier = income_multiplier
        return model

    price_term = PRICE_EFFECT * PRICE_SHARE / income_multiplier  # -0.672, or -1.344 when incomes halve
    paid, free = logistic(WITHOUT_PRICE + price_term), logistic(WITHOUT_PRICE)
    assert math.log(free / (1 - free)) - math.log(paid / (1 - paid)) == pytest.approx(-price_term)
    assert pinned(make, lambda: trial(Arm("control")), paid)
    assert pinned(make, lambda: trial(Arm("free", subsidy_months=3)), free)


def test_a_free_offer_adds_free_offer_logit_and_the_visit():
    chance = logistic(WITHOUT_PRICE + 0.3 + 0.5)
    assert pinned(world, lambda: trial(Arm("free", subsidy_months=1), visit_logit=0.3, free_offer_logit=0.5), chance)


def test_help_to_register_completes_with_assisted_completion_instead_of_the_models():
    model_completion = {"enrolment.completion_unassisted": 0.2}
    p = logistic(WITHOUT_PRICE + PRICE_EFFECT * PRICE_SHARE)
    assert pinned(lambda: world(model_completion), lambda: trial(Arm("helped", assisted=True), assisted_completion=0.6), 0.6 * p)
    assert pinned(lambda: world(model_completion), lambda: trial(Arm("alone")), 0.2 * p)


def test_a_subsidised_member_is_paid_for_until_the_nth_month_of_the_trial():
    model = world()
    put(model, [2], segment=INFORMAL)  # a second member, who does not take the offer but enrols later
    design = trial(Arm("free", subsidy_months=3), start=4)
    model.trial = design
    model.month = 4
    with uniform_draws(model, 0.0):
        trial_arms(model)  # both take the offer at draw 0
    w = model.workers
    assert (w.status[SUBJECT], w.scheme[SUBJECT], w.payer[SUBJECT], w.paid_until[SUBJECT]) == (ACTIVE, Scheme.BPU.value, Payer.SPONSOR.value, 6)
    assert model.flows.new_registrations == 2
    put(model, [2], status=NEVER, scheme=0, payer=0)
    model.month = 5
    start_month(model)
    put(model, [2], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.SELF.value)  # enrols on their own in the window
    trial_arms(model)
    assert (w.payer[2], w.paid_until[2]) == (Payer.SPONSOR.value, 6)
    for month, payer in ((6, Payer.SPONSOR), (7, Payer.SELF)):
        model.month = month
        trial_arms(model)
        assert w.payer[[SUBJECT, 2]].tolist() == [payer.value] * 2, month


@pytest.mark.parametrize(("u", "enrolled"), [(0.09, False), (0.11, True)])
def test_default_enrolment_enrols_every_member_who_does_not_opt_out(u, enrolled):
    model = world()
    with uniform_draws(model, u):
        model.trial = trial(Arm("default", default_enrolment=True, opt_out=0.1))
        trial_arms(model)
    assert bool(model.workers.status[SUBJECT] == ACTIVE) == enrolled
    assert model.flows.new_registrations == int(enrolled)


def test_the_information_arm_closes_literacy_gain_of_the_gap_to_full_literacy():
    model = world()
    with uniform_draws(model, 0.9999):  # nobody takes the offer
        model.trial = trial(Arm("info", literacy_gain=0.5))
        trial_arms(model)
    assert model.workers.literacy[SUBJECT] == pytest.approx(0.4 + 0.5 * 0.6)
    assert model.workers.status[SUBJECT] == NEVER


def test_only_uncovered_workers_of_the_target_segments_under_the_income_limit_are_assigned():
    model = world()
    put(model, [2], segment=INFORMAL, income=3_000_000)
    put(model, [3], segment=Segment.PLATFORM.value, income=400_000)
    design = trial(Arm("control"), income_below=1_000_000)
    model.trial = design
    with uniform_draws(model, 0.9999):
        trial_arms(model)
    assert design.members(model, 0).tolist() == [SUBJECT]  # row 0 is active, row 2 earns too much, row 3 is a platform partner


def test_a_row_taken_by_an_entrant_leaves_the_trial():
    model = world()
    design = trial(Arm("control"))
    model.trial = design
    with uniform_draws(model, 0.9999):
        trial_arms(model)
    assert design.members(model, 0).tolist() == [SUBJECT]
    put(model, [SUBJECT], birth_month=-18 * 12)  # the row's worker retired; an entrant has it
    assert design.members(model, 0).tolist() == []
    assert design.uptake(model) == [("control", 0, 0.0)]


def test_uptake_is_the_share_of_each_arms_members_active_now():
    """What the trial reports, arm by arm: its members and the share of them active (the published outcome)."""
    model = world()
    put(model, [2, 3, 4, 5, 6], segment=INFORMAL, income=500_000)
    design = trial(Arm("control"), Arm("information", literacy_gain=0.1))
    model.trial = design
    with uniform_draws(model, 0.9999):  # assigned, nobody enrols
        trial_arms(model)
    arms = {code: design.members(model, code) for code in (0, 1)}
    assert sorted(np.concatenate(list(arms.values())).tolist()) == [SUBJECT, 2, 3, 4, 5, 6]
    active = arms[0][:1]  # one member of the control arm joins
    put(model, active, status=ACTIVE, scheme=Scheme.BPU.value)
    expected = [("control", arms[0].size, 1 / arms[0].size), ("information", arms[1].size, 0.0)]
    assert design.uptake(model) == [(n, m, pytest.approx(s)) for n, m, s in expected]


def test_the_subsidy_ends_only_after_its_last_paid_month():
    """A sponsored member stays paid for in the month ``paid_until`` itself and pays for themselves from the next."""
    model = world()
    design = trial(Arm("subsidy", subsidy_months=3))
    model.trial = design
    with uniform_draws(model, 0.0):  # the subject enrols at the visit
        trial_arms(model)
    w = model.workers
    last = int(w.paid_until[SUBJECT])
    for month, payer in ((last, Payer.SPONSOR), (last + 1, Payer.SELF)):
        model.month = month
        start_month(model)
        trial_arms(model)
        assert w.payer[SUBJECT] == payer.value, month


def test_a_worker_earning_exactly_the_income_limit_is_not_assigned():
    model = world()
    put(model, [2], segment=INFORMAL, income=1_000_000)
    design = trial(Arm("control"), income_below=1_000_000)
    model.trial = design
    with uniform_draws(model, 0.9999):
        trial_arms(model)
    assert design.members(model, 0).tolist() == [SUBJECT]


def test_members_are_assigned_to_arms_by_their_weights():
    """An arm of weight 0 gets nobody; the others share the members."""
    model = world()
    put(model, np.arange(2, 40), segment=INFORMAL, income=500_000)
    design = trial(Arm("none", weight=0.0), Arm("all", weight=2.0))
    model.trial = design
    with uniform_draws(model, 0.9999):
        trial_arms(model)
    assert design.members(model, 0).size == 0 and design.members(model, 1).size == 39


def test_before_its_start_a_trial_has_no_members_and_reports_none():
    model = world()
    design = trial(Arm("control"), Arm("free", subsidy_months=2), start=5)
    model.trial = design
    trial_arms(model)  # month 0: nothing yet
    assert design.members(model, 0).size == 0 and design.members(model, 0).dtype.kind == "i"
    assert design.uptake(model) == [("control", 0, 0.0), ("free", 0, 0.0)]


def test_the_information_arm_teaches_its_members_only():
    model = world()
    put(model, [0, 2], literacy=0.2)  # row 0 (active) and row 2 (not in a target segment) are not members
    with uniform_draws(model, 0.9999):
        model.trial = trial(Arm("info", literacy_gain=0.5))
        trial_arms(model)
    assert model.workers.literacy[[0, 2]].tolist() == [pytest.approx(0.2), pytest.approx(0.2)]
    assert model.workers.literacy[SUBJECT] == pytest.approx(0.7)


def test_a_member_whose_draw_equals_the_opt_out_share_is_enrolled_by_default():
    """Opt-out is ``U < opt_out``: a draw of exactly the share stays in."""
    model = world()
    with uniform_draws(model, 0.25):
        model.trial = trial(Arm("default", default_enrolment=True, opt_out=0.25))
        trial_arms(model)
    assert model.workers.status[SUBJECT] == ACTIVE


@pytest.mark.parametrize("arm", [Arm("default", default_enrolment=True, opt_out=0.5), Arm("control")])
def test_each_member_draws_for_himself(arm):
    """100 members at an even chance (opt-out 1/2, or an offer taken with probability about 1/2): some enrol, some do not."""
    model = world({"enrolment.base_logit": -2.3 + 0.672})  # the subject's chance of taking the offer about 1/2
    rows = np.arange(2, 102)
    put(model, rows, segment=INFORMAL, literacy=0.4, income=500_000, bpu_jht=False)
    model.drift.set(rows, np.full(rows.size, 0.6, dtype=np.float32), np.full(rows.size, 0.3, dtype=np.float32))
    start_month(model)
    model.trial = trial(arm)
    trial_arms(model)
    enrolled = np.count_nonzero(model.workers.status[rows] == ACTIVE)
    assert 20 < enrolled < 80


def test_completion_zero_enrols_nobody_even_at_a_draw_of_zero():
    model = world()
    assert not enrols(model, trial(Arm("helped", assisted=True), assisted_completion=0.0), 0.0)


def test_the_free_offer_removes_the_price_term_for_a_worker_without_income_too():
    """Income is floored at one rupiah in the price share, in voluntary enrolment and in the free offer alike."""
    tiny = {"enrolment.price_effect": -1e-5}  # so that the price term at an income of one rupiah stays small: -0.168

    def make():
        model = world(tiny)
        put(model, [SUBJECT], income=0.0)
        return model

    price_term = -1e-5 * 16_800
    paid, free = logistic(WITHOUT_PRICE + price_term), logistic(WITHOUT_PRICE)
    assert float(enrolment_probability(make(), np.array([SUBJECT]))[0]) == pytest.approx(paid, rel=1e-5)
    assert pinned(make, lambda: trial(Arm("free", subsidy_months=3)), free)


def test_a_member_of_an_arm_without_subsidy_pays_for_himself():
    model = world()
    with uniform_draws(model, 0.0):
        model.trial = trial(Arm("control"))
        trial_arms(model)
    assert (model.workers.status[SUBJECT], model.workers.payer[SUBJECT]) == (ACTIVE, Payer.SELF.value)


def test_a_one_month_subsidy_pays_the_visit_month_only():
    model = world()
    design = trial(Arm("free", subsidy_months=1), start=4)
    model.trial = design
    model.month = 4
    with uniform_draws(model, 0.0):
        trial_arms(model)
    w = model.workers
    assert (w.payer[SUBJECT], w.paid_until[SUBJECT]) == (Payer.SPONSOR.value, 4)
    model.month = 5
    trial_arms(model)
    assert w.payer[SUBJECT] == Payer.SELF.value


def test_an_arm_without_subsidy_listed_first_does_not_stop_the_others_subsidies():
    model = world()
    design = trial(Arm("control", weight=0.0), Arm("free", subsidy_months=2))
    model.trial = design
    with uniform_draws(model, 0.0):
        trial_arms(model)
    assert design.members(model, 1).tolist() == [SUBJECT] and model.workers.payer[SUBJECT] == Payer.SPONSOR.value
    model.month = 2
    trial_arms(model)
    assert model.workers.payer[SUBJECT] == Payer.SELF.value


def test_a_member_who_enrols_himself_in_the_last_paid_month_is_paid_for():
    model = world()
    design = trial(Arm("free", subsidy_months=3))
    model.trial = design
    with uniform_draws(model, 0.9999):  # nobody takes the offer
        trial_arms(model)
    model.month = 2  # the third and last month paid
    put(model, [SUBJECT], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.SELF.value)
    trial_arms(model)
    assert (model.workers.payer[SUBJECT], model.workers.paid_until[SUBJECT]) == (Payer.SPONSOR.value, 2)


def test_in_the_window_only_members_active_in_bpu_and_paying_themselves_are_taken_over():
    """Not a member who has not enrolled, nor one back in a wage job (PU), nor one another payer pays for, nor anyone outside the trial."""
    model = world()
    put(model, np.arange(2, 5), segment=INFORMAL, income=500_000)
    design = trial(Arm("free", subsidy_months=3))
    model.trial = design
    with uniform_draws(model, 0.9999):  # nobody takes the offer
        trial_arms(model)
    assert design.members(model, 0).tolist() == [SUBJECT, 2, 3, 4]
    put(model, [2], status=ACTIVE, scheme=Scheme.PU.value, payer=Payer.SELF.value)  # took a wage job
    put(model, [3], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.PLATFORM.value)
    put(model, [0], payer=Payer.SELF.value)  # active, not a member
    model.month = 1
    trial_arms(model)
    w = model.workers
    assert w.payer[[0, SUBJECT, 2, 3, 4]].tolist() == [Payer.SELF.value, Payer.SELF.value, Payer.SELF.value, Payer.PLATFORM.value, Payer.SELF.value]


def test_after_the_window_the_trial_ends_only_its_own_subsidies():
    """A member whom Sertakan sponsors through this month, one a district pays for, a sponsored worker outside the
    trial, and the members of an arm without subsidy all keep their payer."""
    model = world()
    put(model, np.arange(2, 5), segment=INFORMAL, income=500_000)
    design = trial(Arm("free", subsidy_months=1), Arm("control", weight=0.0))
    model.trial = design
    with uniform_draws(model, 0.9999):
        trial_arms(model)
    model.month = 3
    put(model, [SUBJECT], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.SPONSOR.value, paid_until=3)  # Sertakan, last month
    put(model, [2], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.LOCAL_GOVERNMENT.value, paid_until=1)
    put(model, [0], payer=Payer.SPONSOR.value, paid_until=1)  # not a member
    trial_arms(model)
    w = model.workers
    assert w.payer[[SUBJECT, 2, 0]].tolist() == [Payer.SPONSOR.value, Payer.LOCAL_GOVERNMENT.value, Payer.SPONSOR.value]


def test_an_arm_without_subsidy_never_changes_who_pays():
    model = world()
    design = trial(Arm("control"))
    model.trial = design
    with uniform_draws(model, 0.9999):
        trial_arms(model)
    put(model, [SUBJECT], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.SPONSOR.value, paid_until=0)  # a sponsor's month is over
    model.month = 2
    trial_arms(model)
    assert model.workers.payer[SUBJECT] == Payer.SPONSOR.value


def test_the_uptake_of_an_arm_of_one_member_who_enrolled_is_one():
    model = world()
    design = trial(Arm("control"))
    model.trial = design
    with uniform_draws(model, 0.0):
        trial_arms(model)
    assert design.uptake(model) == [("control", 1, 1.0)]
