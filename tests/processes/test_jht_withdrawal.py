"""JHT withdrawal (processes/jht_withdrawal.py) on hand-built worlds.

Pins who may claim under each rule: inactive, a positive balance, the wait since leaving work over
(both sides of the edge: ``waiting - 1`` months does not, ``waiting`` does), under ``five_years`` at
least ``membership_months`` contribution months (59 against 60), nobody under ``age_56``. Pins the
claim window (a leaver claims in the months ``[left + wait, left + wait + claim_window_months)``,
others only at the background chance), the chance ``withdrawal_probability x B / (B + balance_half)
x (1 - literacy_effect x literacy)`` from both sides with fixed uniform draws, what a claim does to
the account and the flows (counted by why the job ended), resignation in order to withdraw, and that
a scheduled rule takes over in its month.
"""

import math

import numpy as np
import pytest

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.processes.jht_withdrawal import jht_withdrawal
from enrolsim.world.workers import NO_MONTH
from worlds import mock_model, put, start_month, uniform_draws

MONTH = 20
#: A claim is sure in the window for a worker of literacy 0: probability 1 and no weight on the balance.
SURE = {"jht.withdrawal_probability": 1.0, "jht.balance_half": 0.0, "jht.literacy_effect": 0.6, "jht.claim_window_months": 6}


def regime(rule, waiting=1, membership=60):
    """The one JHT rule in force throughout (set in the scenario, so that the leavers' lists are kept as long as it needs)."""
    return {"jht.regimes": [{"start": "2015-09", "rule": rule, "waiting_months": waiting, "membership_months": membership}]}


def world(overrides=None, *, agents=200):
    """A quiet world at month 20 in which an eligible leaver in the window surely claims."""
    model = mock_model({**SURE, **(overrides or {})}, agents=agents)
    model.month = MONTH
    start_month(model)
    put(model, np.arange(model.workers.size), literacy=0.0)
    return model


def leaver(model, rows, *, left, balance=1_000_000.0, months=12, status=Status.INACTIVE, cause=ExitCause.MOVE):
    """Workers who left a wage job in month ``left`` (listed with that month's leavers, as ``leave_work`` does)."""
    rows = put(model, rows, segment=Segment.UNEMPLOYED.value, status=status.value, scheme=Scheme.PU.value, left_job_month=left)
    put(model, rows, jht_balance=balance, contribution_months=months, leave_cause=cause.value)
    if left != NO_MONTH:
        model.leavers.append((left, rows))
    return rows


def claimed(model, rows):
    return (model.workers.status[np.asarray(rows)] == Status.WITHDRAWN.value).tolist()


@pytest.mark.parametrize("waiting", [1, 3])
def test_a_leaver_claims_once_the_months_since_leaving_reach_the_waiting_period_and_within_the_window(waiting):
    model = world(regime("one_month", waiting))
    first = MONTH - waiting - 5  # the window: six months of leavers, from MONTH - waiting - 5 to MONTH - waiting
    leaver(model, [0], left=first - 1)  # before the window: only the background (0 here)
    leaver(model, [1], left=first)
    leaver(model, [2], left=MONTH - waiting)  # exactly the wait
    leaver(model, [3], left=MONTH - waiting + 1)  # a month short
    jht_withdrawal(model)
    assert claimed(model, [0, 1, 2, 3]) == [False, True, True, False]
    assert model.flows.jht_withdrawals == 2


def test_a_claim_pays_the_balance_closes_the_account_and_is_counted_by_why_the_job_ended():
    model = world()
    leaver(model, [3], left=15, balance=1_250_000.0, months=40, cause=ExitCause.CONTRACT_END)
    leaver(model, [4], left=16, balance=2_500_000.0, months=7, cause=ExitCause.LAYOFF)
    leaver(model, [5], left=16, balance=500_000.0, months=7, cause=ExitCause.LAYOFF)
    jht_withdrawal(model)
    w, f = model.workers, model.flows
    assert (f.jht_withdrawals, f.jht_withdrawn_rupiah) == (3, 4_250_000.0)
    assert f.claims_by_cause[[ExitCause.CONTRACT_END, ExitCause.LAYOFF]].tolist() == [1, 2] and f.claims_by_cause.sum() == 3
    assert w.jht_balance[[3, 4, 5]].tolist() == [0.0] * 3
    assert w.contribution_months[[3, 4, 5]].tolist() == [0] * 3
    assert w.left_job_month[[3, 4, 5]].tolist() == [NO_MONTH] * 3
    assert (f.lapses, f.new_registrations) == (0, 0)
    assert int(w.active_in_group(model.village_sizes.size * len(Segment)).sum()) == 0  # the active counts are untouched


def test_only_inactive_accounts_with_a_balance_are_claimed():
    model = world()
    leaver(model, [0], left=15)  # eligible: the control
    leaver(model, [1], left=15, status=Status.ACTIVE)  # active again (another job)
    leaver(model, [2], left=15, status=Status.NEVER)
    leaver(model, [3], left=15, status=Status.WITHDRAWN)
    leaver(model, [4], left=15, balance=0.0)  # nothing to take
    jht_withdrawal(model)
    assert claimed(model, range(5)) == [True, False, False, True, False]
    assert model.flows.jht_withdrawals == 1  # row 3 was withdrawn before
    assert model.workers.status[[1, 2, 4]].tolist() == [Status.ACTIVE, Status.NEVER, Status.INACTIVE]


def test_the_five_year_rule_needs_sixty_contribution_months_not_fifty_nine():
    model = world(regime("five_years"))
    leaver(model, [0], left=15, months=59)
    leaver(model, [1], left=15, months=60)
    leaver(model, [2], left=15, months=61)
    leaver(model, [3], left=MONTH, months=120)  # enough membership, but left this month: the wait still applies
    jht_withdrawal(model)
    assert claimed(model, range(4)) == [False, True, True, False]


def test_the_one_month_rule_ignores_membership():
    model = world(regime("one_month"))
    leaver(model, [0], left=15, months=1)
    jht_withdrawal(model)
    assert claimed(model, [0]) == [True]


def test_the_age_56_rule_allows_no_early_claim_nor_resignation_to_claim():
    model = world({"jht.background_probability": 1.0, "jht.resign_to_withdraw": 1.0, **regime("age_56")})
    leaver(model, np.arange(10), left=15, months=100)
    leaver(model, np.arange(10, 20), left=NO_MONTH, months=100)
    put(model, [20], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=9e6)
    jht_withdrawal(model)
    assert not any(claimed(model, range(21)))
    assert model.workers.status[20] == Status.ACTIVE.value
    assert (model.flows.jht_withdrawals, model.flows.lapses) == (0, 0)


@pytest.mark.parametrize(
    ("literacy", "effect", "chance"),
    [(0.0, 0.6, 1.0), (0.5, 0.6, 0.7), (1.0, 0.6, 0.4), (0.25, 1.0, 0.75), (1.0, 1.0, 0.0)],
)
def test_literacy_lowers_the_chance_of_claiming_by_literacy_effect_times_literacy(literacy, effect, chance):
    """With ``withdrawal_probability`` 1 and no weight on the balance the chance is ``1 - effect x literacy``: a draw just under it claims, just over it not."""
    for u, expected in ((chance - 1e-4, True), (chance + 1e-4, False)):
        if not 0 <= u < 1:
            continue
        model = world({"jht.literacy_effect": effect})
        leaver(model, [0], left=15)
        put(model, [0], literacy=literacy)
        with uniform_draws(model, u):
            jht_withdrawal(model)
        assert claimed(model, [0]) == [expected], (u, chance)


@pytest.mark.parametrize(("balance", "chance"), [(1_000_000.0, 0.25), (3_000_000.0, 0.5), (9_000_000.0, 0.75)])
def test_a_small_balance_is_seldom_claimed(balance, chance):
    """The chance is weighted by ``B / (B + balance_half)``: Rp1m against a half of Rp3m gives a quarter of the chance."""
    for u, expected in ((chance - 1e-4, True), (chance + 1e-4, False)):
        model = world({"jht.balance_half": 3_000_000.0})
        leaver(model, [0], left=15, balance=balance)
        with uniform_draws(model, u):
            jht_withdrawal(model)
        assert claimed(model, [0]) == [expected], (u, chance)


def test_the_withdrawal_probability_scales_the_chance_in_the_window():
    """0.3 with literacy 0 and no balance weight: 0.29 claims, 0.31 does not."""
    for u, expected in ((0.29, True), (0.31, False)):
        model = world({"jht.withdrawal_probability": 0.3})
        leaver(model, [0], left=15)
        with uniform_draws(model, u):
            jht_withdrawal(model)
        assert claimed(model, [0]) == [expected]


def test_accounts_outside_the_window_claim_only_at_the_background_chance():
    """Background 1: accounts left before the window or never (old accounts) claim; one in the window does not draw twice."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.background_probability": 1.0})
    leaver(model, [0], left=NO_MONTH)  # an account from before the model's start
    leaver(model, [1], left=2)  # left long ago
    leaver(model, [2], left=15)  # in the window, where the chance is withdrawal_probability (0)
    leaver(model, [3], left=MONTH)  # the wait is not over
    leaver(model, [4], left=NO_MONTH, balance=0.0)
    jht_withdrawal(model)
    assert claimed(model, range(5)) == [True, True, False, False, False]


def test_under_the_five_year_rule_old_accounts_claim_only_with_sixty_months_and_the_rest_of_the_rule():
    """Background 1 under the five-year rule: an old account of 60 months claims, one of 59 does not, and 60 months do
    not make an active member or an account without a balance eligible (the membership is one condition among the others)."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.background_probability": 1.0, **regime("five_years")})
    leaver(model, [0], left=NO_MONTH, months=60)
    leaver(model, [1], left=NO_MONTH, months=59)
    leaver(model, [2], left=NO_MONTH, months=60, status=Status.ACTIVE)
    leaver(model, [3], left=NO_MONTH, months=60, balance=0.0)
    jht_withdrawal(model)
    assert claimed(model, range(4)) == [True, False, False, False]


def test_a_balance_of_one_rupiah_may_be_claimed():
    """Any positive balance makes an account eligible: with no weight on the balance, one rupiah claims at the background chance."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.background_probability": 1.0})
    leaver(model, [0], left=NO_MONTH, balance=1.0)
    jht_withdrawal(model)
    assert claimed(model, [0]) == [True]


@pytest.mark.parametrize(("left", "window", "background"), [(14, 1.0, 0.0), (14, 0.0, 1.0), (13, 1.0, 0.0), (13, 0.0, 1.0)])
def test_the_month_before_the_window_is_claimed_at_the_background_chance(left, window, background):
    """Month 20, wait 1, window 6: leavers of months 14-19 claim at the window's chance, a leaver of month 13 at the background's."""
    model = world({"jht.withdrawal_probability": window, "jht.background_probability": background})
    leaver(model, [0], left=left)
    jht_withdrawal(model)
    assert claimed(model, [0]) == [(left == 14) == (window == 1.0)]


@pytest.mark.parametrize(("multiplier", "chance"), [(2.0, 0.6), (0.5, 0.15)])
def test_a_rush_multiplies_the_chance_to_claim(multiplier, chance):
    """An event's ``claim_multiplier`` on a window chance of 0.3 (literacy 0, no balance weight)."""
    for u, expected in ((chance - 1e-4, True), (chance + 1e-4, False)):
        model = world({"jht.withdrawal_probability": 0.3})
        model.claim_multiplier = multiplier
        leaver(model, [0], left=15)
        with uniform_draws(model, u):
            jht_withdrawal(model)
        assert claimed(model, [0]) == [expected], (u, chance)


def test_about_background_probability_of_the_old_accounts_claim_in_a_month():
    """Background 0.3 over 1,500 old accounts (literacy 0, no balance weight): 450 claims (4 sd: 71)."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.background_probability": 0.3}, agents=1500)
    leaver(model, np.arange(1500), left=NO_MONTH)
    jht_withdrawal(model)
    assert abs(model.flows.jht_withdrawals - 450) < 71


def test_a_worker_who_resigns_to_withdraw_leaves_the_job_and_claims_once_the_wait_is_over():
    model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0})
    e = model.employers
    e.registered[0], e.arrears[0] = True, 0
    put(model, [0, 1], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, employer_registered=True)
    put(model, [0, 1], jht_balance=[6_000_000.0, 0.0])  # no balance: nothing to resign for
    put(model, [2], segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value, jht_balance=6_000_000.0)  # no job to resign from
    jht_withdrawal(model)
    w, f = model.workers, model.flows
    assert (w.status[0], w.segment[0], w.left_job_month[0], w.leave_cause[0]) == (Status.INACTIVE, Segment.INFORMAL, MONTH, ExitCause.RESIGN_TO_WITHDRAW)
    assert not w.casual[0]  # own-account work, not between casual contracts: searches at informal_exit
    assert w.status[[1, 2]].tolist() == [Status.ACTIVE, Status.ACTIVE]
    assert (f.lapses, f.exits_by_cause[ExitCause.RESIGN_TO_WITHDRAW], f.jht_withdrawals) == (1, 1, 0)  # the wait first
    model.month = MONTH + 1
    start_month(model)
    jht_withdrawal(model)
    assert w.status[0] == Status.WITHDRAWN
    assert (f.jht_withdrawals, f.jht_withdrawn_rupiah, f.claims_by_cause[ExitCause.RESIGN_TO_WITHDRAW]) == (1, pytest.approx(6_000_000.0), 1)


@pytest.mark.parametrize(("balance", "chance"), [(1_000_000.0, 0.25), (9_000_000.0, 0.75)])
def test_the_larger_the_balance_the_likelier_a_resignation_to_withdraw(balance, chance):
    for u, expected in ((chance - 1e-4, Status.INACTIVE), (chance + 1e-4, Status.ACTIVE)):
        model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0, "jht.balance_half": 3_000_000.0})
        put(model, [0], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=balance)
        with uniform_draws(model, u):
            jht_withdrawal(model)
        assert model.workers.status[0] == expected, (u, chance)


def test_under_the_five_year_rule_only_members_of_sixty_months_resign_to_withdraw():
    model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0, **regime("five_years")})
    put(model, [0, 1], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=5e6)
    put(model, [0, 1], contribution_months=[59, 60])
    jht_withdrawal(model)
    assert model.workers.status[[0, 1]].tolist() == [Status.ACTIVE, Status.INACTIVE]


def test_a_scheduled_rule_is_in_force_from_its_month():
    """The age-56 rule from 2017-03 (month 2): a leaver eligible in month 1 claims, one eligible from month 2 never does."""
    model = world({"jht.regimes": [{"start": "2015-09", "rule": "one_month"}, {"start": "2017-03", "rule": "age_56"}]})
    model.month = 0
    leaver(model, [0], left=0)  # eligible from month 1
    leaver(model, [1], left=1)  # eligible from month 2
    for _ in range(4):
        model.step()
    assert model.workers.status[[0, 1]].tolist() == [Status.WITHDRAWN, Status.INACTIVE]


@pytest.mark.parametrize("factor", [0.0, 0.5])
def test_a_jkp_recipient_claims_at_the_benefit_s_factor_until_the_benefit_ends(factor):
    """JKP (PP 37/2021): while a leaver draws the unemployment benefit (``jkp_until`` this month or later) the chance to
    claim is multiplied by ``jkp_claim_factor``; once it has ended (last month) the usual chance applies. With the
    chance 1 and draws at 0.4: factor 0 stops the claim, 0.5 lets a draw under 0.5 through."""
    model = world(regime("one_month", 1))
    rows = leaver(model, [0, 1, 2], left=MONTH - 2)
    model.jkp_until = np.full(model.workers.size, NO_MONTH, dtype=np.int16)
    model.jkp_until[[0, 1]] = [MONTH, MONTH + 3]  # drawing the benefit
    model.jkp_until[2] = MONTH - 1  # the benefit ended last month
    model.jkp_claim_factor = factor
    with uniform_draws(model, 0.4):
        jht_withdrawal(model)
    assert claimed(model, rows) == [factor > 0.4, factor > 0.4, True]


def test_only_a_leaver_with_a_balance_and_no_registered_job_may_claim():
    """The edges of eligibility: any positive balance (half a rupiah) but not an empty one; a leaver back in a wage job
    whose employer registered them (inactive: the employer is in arrears) may not claim; one working for an employer
    that never registered them may, as may one without an employer: to the agency their last registered job ended."""
    model = world(regime("one_month", 1))
    rows = leaver(model, [0, 1, 2, 3, 4], left=MONTH - 2)
    put(model, [1], jht_balance=0.0)
    put(model, [2], jht_balance=0.5)
    put(model, [3], employer=0, segment=Segment.CONTRACT.value, employer_registered=True)
    put(model, [4], employer=0, segment=Segment.CONTRACT.value, employer_registered=False)
    with uniform_draws(model, 0.5):
        jht_withdrawal(model)
    assert claimed(model, rows) == [True, False, True, False, True]


@pytest.mark.parametrize(("u", "expected"), [(0.5 - 1e-4, True), (0.5, False)])
def test_a_balance_of_one_rupiah_against_a_half_of_one_weighs_one_half(u, expected):
    """``B / (B + balance_half)`` for any positive half, even one rupiah: a balance of 1 claims at half the chance."""
    model = world({"jht.balance_half": 1.0})
    leaver(model, [0], left=15, balance=1.0)
    with uniform_draws(model, u):
        jht_withdrawal(model)
    assert claimed(model, [0]) == [expected]


def test_the_wait_counts_from_the_last_job_left():
    """A worker who resigned to withdraw, took a job again and left it this month waits again before claiming."""
    model = world(regime("one_month", 1))
    rows = put(model, [0], segment=Segment.UNEMPLOYED.value, status=Status.INACTIVE.value, scheme=Scheme.PU.value, jht_balance=1e6, left_job_month=MONTH)
    model.resigned_to_withdraw.append((MONTH - 3, rows))
    jht_withdrawal(model)
    assert claimed(model, [0]) == [False]


def test_under_the_five_year_rule_an_active_member_of_sixty_months_may_not_claim():
    model = world(regime("five_years"))
    leaver(model, [0], left=15, months=60)
    leaver(model, [1], left=15, months=60, status=Status.ACTIVE)  # working again
    leaver(model, [2], left=15, months=60, balance=0.0)
    jht_withdrawal(model)
    assert claimed(model, range(3)) == [True, False, False]


def test_a_jkp_factor_above_one_raises_the_chance_too():
    """The factor multiplies the chance whatever its value (2 on a chance of 0.3)."""
    for u, expected in ((0.6 - 1e-4, True), (0.6 + 1e-4, False)):
        model = world({"jht.withdrawal_probability": 0.3, **regime("one_month", 1)})
        leaver(model, [0], left=MONTH - 2)
        model.jkp_until = np.full(model.workers.size, MONTH, dtype=np.int16)
        model.jkp_claim_factor = 2.0
        with uniform_draws(model, u):
            jht_withdrawal(model)
        assert claimed(model, [0]) == [expected], u


def test_a_window_claim_is_drawn_with_u_under_the_chance_not_at_it():
    model = world({"jht.withdrawal_probability": 0.5})
    leaver(model, [0], left=15)
    with uniform_draws(model, 0.5):
        jht_withdrawal(model)
    assert claimed(model, [0]) == [False]


def test_each_leaver_in_the_window_draws_for_himself():
    """At an even chance, of 200 leavers in the window some claim and some do not."""
    model = world({"jht.withdrawal_probability": 0.5})
    leaver(model, np.arange(200), left=15)
    jht_withdrawal(model)
    assert 40 < model.flows.jht_withdrawals < 160


def test_a_rush_multiplies_the_background_chance_capped_at_one():
    """Background 0.25 four times over is 1: every old account of full weight claims."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.background_probability": 0.25})
    model.claim_multiplier = 4.0
    leaver(model, np.arange(200), left=NO_MONTH)
    jht_withdrawal(model)
    assert model.flows.jht_withdrawals == 200


@pytest.mark.parametrize(("u", "expected"), [(0.5 - 1e-4, True), (0.5 + 1e-4, False)])
def test_the_background_chance_is_weighed_by_the_balance_even_in_a_rush(u, expected):
    """Background 0.5 in a rush of 4 (capped at 1): an old account whose balance equals balance_half claims with a draw
    under 1/2 only (the cap applies before the balance's weight)."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.background_probability": 0.5, "jht.balance_half": 1e6})
    model.claim_multiplier = 4.0
    leaver(model, [0], left=NO_MONTH, balance=1e6)
    with uniform_draws(model, u):
        jht_withdrawal(model)
    assert claimed(model, [0]) == [expected]


def test_only_active_wage_earners_in_a_job_resign_to_withdraw():
    """Not a wage earner whose employer never registered him, nor an active BPU member, nor a PU member without an employer."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0})
    put(model, [0], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=6e6)
    put(model, [1], segment=Segment.PERMANENT.value, status=Status.INACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=6e6)
    put(model, [2], segment=Segment.CONTRACT.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value, employer=0, jht_balance=6e6)
    put(model, [3], segment=Segment.UNEMPLOYED.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=-1, jht_balance=6e6)
    jht_withdrawal(model)
    assert model.workers.leave_cause[:4].tolist()[0] == ExitCause.RESIGN_TO_WITHDRAW
    assert (model.workers.employer[1:4] == [0, 0, -1]).all()
    assert model.flows.exits_by_cause[ExitCause.RESIGN_TO_WITHDRAW] == 1


def test_a_rush_multiplies_resignations_to_withdraw():
    """resign_to_withdraw 0.5 doubled is 1: every active wage earner (balance weight 1) resigns."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 0.5, "jht.balance_half": 0.0})
    model.claim_multiplier = 2.0
    put(model, np.arange(100), segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=6e6)
    jht_withdrawal(model)
    assert model.flows.exits_by_cause[ExitCause.RESIGN_TO_WITHDRAW] == 100


def test_each_wage_earner_weighs_his_own_balance_before_resigning():
    """100 earners whose balance is balance_half resign with probability 1/2 each: some do, some do not."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0, "jht.balance_half": 3e6})
    put(model, np.arange(100), segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=3e6)
    jht_withdrawal(model)
    assert 20 < model.flows.exits_by_cause[ExitCause.RESIGN_TO_WITHDRAW] < 80


def test_without_a_wait_a_leaver_claims_in_the_month_of_leaving():
    """waiting_months 0 (allowed): this month's leavers are in the window, each once, unless they left again meanwhile."""
    model = world(regime("one_month", 0))
    rows = leaver(model, [0, 1], left=MONTH)
    model.leavers.append((MONTH, np.array([0])))  # row 0 left two jobs this month: listed twice, claims once
    put(model, [1], left_job_month=MONTH)
    jht_withdrawal(model)
    assert claimed(model, rows) == [True, True]
    assert model.flows.jht_withdrawals == 2


def test_a_leaver_listed_twice_this_month_draws_once():
    """Without a wait, 200 leavers who each left two jobs this month (listed twice) claim at chance 1/2 once, not twice (4 sd)."""
    model = world({"jht.withdrawal_probability": 0.5, **regime("one_month", 0)})
    rows = leaver(model, np.arange(200), left=MONTH)
    model.leavers.append((MONTH, rows.copy()))
    jht_withdrawal(model)
    assert abs(model.flows.jht_withdrawals - 100) < 4 * math.sqrt(50)


@pytest.mark.parametrize(("balance", "u"), [(0.0, 0.0), (3e6, 0.5)])
def test_a_resignation_to_withdraw_is_drawn_with_u_under_the_balance_weight_not_at_it(balance, u):
    """A draw equal to the balance's weight does not resign: an empty balance (weight 0) never makes a worker resign,
    not even on a draw of 0 (which float32 draws do give), and a balance of balance_half (weight 1/2) not at 1/2."""
    model = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0, "jht.balance_half": 3e6})
    put(model, [0], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0, jht_balance=balance)
    with uniform_draws(model, u):
        jht_withdrawal(model)
    assert (model.workers.status[0], model.workers.employer[0]) == (Status.ACTIVE, 0)
    assert model.flows.exits_by_cause[ExitCause.RESIGN_TO_WITHDRAW] == 0


def test_a_resignation_to_withdraw_draws_its_balance_weight_as_a_claim_does():
    """The same seed, the same weight (1/2): 100 wage earners who may resign are the very rows that 100 leavers in
    the window claim, as both draw one float32 uniform each against the float32 weight. A run of a given seed is
    then the one the exact golden files hold; drawing resignations in float64 changed who resigns."""
    half = {"jht.balance_half": 3e6}
    claims = world({"jht.withdrawal_probability": 1.0, **half})
    leaver(claims, np.arange(100), left=15, balance=3e6)
    jht_withdrawal(claims)
    resignations = world({"jht.withdrawal_probability": 0.0, "jht.resign_to_withdraw": 1.0, **half})
    put(resignations, np.arange(100), segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, employer=0)
    put(resignations, np.arange(100), jht_balance=3e6)
    jht_withdrawal(resignations)
    claimed_rows = np.flatnonzero(claims.workers.status == Status.WITHDRAWN.value)
    resigned_rows = np.flatnonzero(resignations.workers.leave_cause == ExitCause.RESIGN_TO_WITHDRAW)
    assert 0 < claimed_rows.size < 100
    assert resigned_rows.tolist() == claimed_rows.tolist()
