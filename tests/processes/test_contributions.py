"""Contributions and lapse (processes/contributions.py) on hand-built worlds.

Pins the PU contribution on a hand-set wage (JKK by risk class + JKM + JHT on the declared wage, JP
up to the wage cap), the JHT credit and the monthly return, that an employer in arrears pays and
credits nothing; the BPU prices (Rp16,800, Rp36,800 with JHT) and who never misses; the lapse after
exactly ``unpaid_months_to_inactive`` missed months (not one earlier), reset by a paid month and on
lapse; and that an income shock (multiplier < 1) divides the miss probability, so raises misses.
"""

import numpy as np
import pytest

from enrolsim.core.codes import ExitCause, Payer, Scheme, Segment, Status
from enrolsim.processes.contributions import contributions, lapse
from enrolsim.processes.labour_market import replace_with_entrants
from enrolsim.world.workers import BLOCK
from worlds import mock_model, put, start_month, uniform_draws

PU, BPU = Scheme.PU.value, Scheme.BPU.value
ACTIVE = Status.ACTIVE.value
#: Baseline JKK rates by risk class, JKM, JHT and JP rates, and the JP wage cap (PP 44/2015, 46/2015, 45/2015).
JKK = [0.0024, 0.0054, 0.0089, 0.0127, 0.0174]
JKM, JHT, JP, CAP = 0.003, 0.057, 0.03, 7_703_500
#: No return on balances, so that a balance after the month is what was credited.
NO_RETURN = {"contributions.jht_return": 0.0}
#: A BPU payer who always misses (no payment ease cutting the first miss).
ALWAYS_MISS = {"contributions.bpu_miss_probability": 1.0, "contributions.bpu_miss_again": 1.0, "contributions.payment_ease": 0.0}


def employer(model, unit=0, *, wage_share=1.0, arrears=0):
    e = model.employers
    e.registered[unit], e.worker_share[unit], e.wage_share[unit], e.arrears[unit] = True, 1.0, wage_share, arrears
    return unit


def wage_earner(model, rows, unit, *, income, risk):
    return put(model, rows, segment=Segment.PERMANENT.value, status=ACTIVE, scheme=PU, employer=unit, employer_registered=True, income=income, risk=risk)


def bpu_payer(model, rows, *, jht=False, payer=Payer.SELF, unpaid=0):
    return put(model, rows, segment=Segment.INFORMAL.value, status=ACTIVE, scheme=BPU, bpu_jht=jht, payer=payer.value, months_unpaid=unpaid)


# --- wage earners (PU) ----------------------------------------------------------------------


def test_an_employer_pays_jkk_by_risk_class_jkm_jht_and_jp_up_to_the_cap():
    model = mock_model(NO_RETURN)
    employer(model, 0)
    employer(model, 1, wage_share=0.7)
    wage_earner(model, [0], 0, income=10_000_000, risk=4)  # above the JP cap
    wage_earner(model, [1], 1, income=2_000_000, risk=0)  # declares 70%: Rp1.4m
    contributions(model)
    top = (JKK[4] + JKM + JHT) * 10_000_000 + JP * CAP  # 774,000 + 231,105
    low = (JKK[0] + JKM + JHT + JP) * 1_400_000  # 129,360
    assert top == pytest.approx(1_005_105) and low == pytest.approx(129_360)
    assert model.flows.contributions_rupiah == pytest.approx(top + low, rel=1e-6)
    assert model.workers.jht_balance[[0, 1]] == pytest.approx([570_000, 79_800], rel=1e-6)
    assert model.workers.contribution_months[[0, 1]].tolist() == [1, 1]


def test_an_employer_in_arrears_pays_and_credits_nothing_while_its_workers_stay_active():
    model = mock_model(NO_RETURN)
    employer(model, 0, arrears=1)
    wage_earner(model, [0, 1], 0, income=3_000_000, risk=1)
    put(model, [0, 1], jht_balance=500_000.0, contribution_months=30)
    contributions(model)
    lapse(model)
    assert model.flows.contributions_rupiah == 0.0
    assert model.workers.jht_balance[[0, 1]].tolist() == [500_000.0, 500_000.0]
    assert model.workers.contribution_months[[0, 1]].tolist() == [30, 30]
    assert model.workers.status[[0, 1]].tolist() == [ACTIVE, ACTIVE]


def test_only_active_pu_workers_are_paid_for():
    model = mock_model(NO_RETURN)
    employer(model, 0)
    wage_earner(model, [0, 1, 2], 0, income=3_000_000, risk=1)
    put(model, [1], status=Status.INACTIVE.value)  # an old PU account, not paying
    put(model, [2], employer_registered=False, status=Status.NEVER.value, scheme=0)  # not registered by the employer
    contributions(model)
    assert model.flows.contributions_rupiah == pytest.approx((JKK[1] + JKM + JHT + JP) * 3_000_000, rel=1e-6)
    assert model.workers.contribution_months[[0, 1, 2]].tolist() == [1, 0, 0]


@pytest.mark.parametrize("multiplier", [0.5, 2.0])
def test_a_shock_scales_the_wages_contributions_are_paid_on(multiplier):
    """An income multiplier scales the wage whatever it is (0.5: a shock; 2: the scenario allows up to 5)."""
    model = mock_model(NO_RETURN)
    employer(model, 0)
    wage_earner(model, [0], 0, income=1_000_000, risk=2)
    model.income_multiplier = multiplier
    contributions(model)
    wage = 1_000_000 * multiplier
    assert model.flows.contributions_rupiah == pytest.approx((JKK[2] + JKM + JHT + JP) * wage, rel=1e-6)
    assert model.workers.jht_balance[0] == pytest.approx(JHT * wage, rel=1e-6)


def test_every_balance_earns_a_twelfth_of_the_yearly_return_compounded():
    model = mock_model({"contributions.jht_return": 0.0719})
    put(model, [0], status=Status.INACTIVE.value, jht_balance=1_000_000.0)
    put(model, [1], status=Status.WITHDRAWN.value, jht_balance=0.0)
    contributions(model)
    assert model.workers.jht_balance[0] == pytest.approx(1_000_000 * 1.0719 ** (1 / 12), rel=1e-6)  # Rp5,802 a month
    assert model.workers.jht_balance[1] == 0.0


@pytest.mark.parametrize(("discount", "deferred"), [(0.99, 1.0), (0.5, 0.0), (0.0, 0.5)])
def test_the_relief_waives_jkk_and_jkm_and_defers_jp_and_counts_both(discount, deferred):
    """PP 49/2020 (the event's hooks): a share of JKK and JKM is waived and a share of JP deferred; the employer pays
    the rest, the JHT credited to the balance is unchanged, and what was waived or deferred is tallied."""
    model = mock_model(NO_RETURN)
    employer(model, 0)
    wage_earner(model, [0], 0, income=4_000_000, risk=2)
    model.relief_discount, model.jp_deferred = discount, deferred
    contributions(model)
    wage = 4_000_000
    relief = discount * (JKK[2] + JKM) * wage + deferred * JP * wage
    assert model.event_tallies["relief_rupiah"] == pytest.approx(relief, rel=1e-6)
    assert model.flows.contributions_rupiah == pytest.approx((JKK[2] + JKM + JHT + JP) * wage - relief, rel=1e-6)
    assert model.workers.jht_balance[0] == pytest.approx(JHT * wage, rel=1e-6)


def test_the_relief_lowers_the_bpu_package_and_counts_what_was_waived():
    model = mock_model({**NO_RETURN, "contributions.bpu_miss_probability": 0.0})
    bpu_payer(model, [0, 1], jht=False)
    model.relief_discount = 0.99
    contributions(model)
    assert model.flows.contributions_rupiah == pytest.approx(2 * 16_800 * 0.01, rel=1e-6)
    assert model.event_tallies["relief_rupiah"] == pytest.approx(2 * 16_800 * 0.99, rel=1e-6)


# --- non-wage payers (BPU) -----------------------------------------------------------------


def test_bpu_pays_16800_for_jkk_and_jkm_and_36800_with_jht():
    model = mock_model({**NO_RETURN, "contributions.bpu_miss_probability": 0.0})
    bpu_payer(model, [0, 1, 2], jht=False)
    bpu_payer(model, [3], jht=True)
    contributions(model)
    assert model.flows.contributions_rupiah == 3 * 16_800 + 36_800
    assert model.workers.jht_balance[[0, 3]].tolist() == [0.0, 20_000.0]  # 2% of the declared Rp1m
    assert model.workers.contribution_months[[0, 1, 2, 3]].tolist() == [1, 1, 1, 1]


def test_a_missed_bpu_month_pays_nothing_and_lengthens_the_unpaid_run():
    model = mock_model({**NO_RETURN, **ALWAYS_MISS})
    bpu_payer(model, [0], jht=True, unpaid=1)
    contributions(model)
    assert model.flows.contributions_rupiah == 0.0
    assert model.workers.jht_balance[0] == 0.0
    assert model.workers.contribution_months[0] == 0
    assert model.workers.months_unpaid[0] == 2


def test_a_paid_month_ends_the_unpaid_run():
    model = mock_model({"contributions.bpu_miss_probability": 0.0, "contributions.bpu_miss_again": 0.0})
    bpu_payer(model, [0], unpaid=2)
    contributions(model)
    lapse(model)
    assert model.workers.months_unpaid[0] == 0
    assert model.workers.status[0] == ACTIVE


def test_after_a_miss_the_chance_of_missing_again_is_bpu_miss_again():
    model = mock_model({"contributions.bpu_miss_probability": 0.0, "contributions.bpu_miss_again": 1.0})
    bpu_payer(model, [0], unpaid=0)
    bpu_payer(model, [1], unpaid=1)
    contributions(model)
    assert model.workers.months_unpaid[[0, 1]].tolist() == [0, 2]


def test_participants_paid_for_by_a_district_a_sponsor_or_a_programme_never_miss():
    model = mock_model(ALWAYS_MISS)
    bpu_payer(model, [0], payer=Payer.LOCAL_GOVERNMENT)
    bpu_payer(model, [1], payer=Payer.SPONSOR)
    bpu_payer(model, [2], payer=Payer.PROGRAMME)
    bpu_payer(model, [3], payer=Payer.SELF)
    contributions(model)
    assert model.workers.months_unpaid[[0, 1, 2, 3]].tolist() == [0, 0, 0, 1]
    assert model.flows.contributions_rupiah == 3 * 16_800


@pytest.mark.parametrize(
    ("ease", "effect", "p_miss"),
    [(0.0, 0.5, 0.5), (0.4, 0.5, 0.4), (1.0, 0.5, 0.25), (0.4, 0.0, 0.5)],
)
def test_payment_ease_cuts_the_first_miss_by_ease_effect_times_ease(ease, effect, p_miss):
    """``p_miss = bpu_miss_probability x (1 - payment_ease_effect x payment_ease)`` with a first-miss chance of 0.5."""
    for u, missed in ((p_miss - 1e-4, 1), (p_miss + 1e-4, 0)):
        model = mock_model({"contributions.bpu_miss_probability": 0.5, "contributions.payment_ease": ease, "contributions.payment_ease_effect": effect})
        bpu_payer(model, [0])
        with uniform_draws(model, u):
            contributions(model)
        assert model.workers.months_unpaid[0] == missed, (u, p_miss)


@pytest.mark.parametrize(("payer", "p_miss"), [(Payer.SELF, 0.5), (Payer.PERISAI, 0.5 * (1 - 0.4))])
def test_a_perisai_agent_who_collects_cuts_a_recruits_misses_by_the_collection_effect(payer, p_miss):
    """A first-miss chance of 0.5 for one who pays alone; ``x (1 - collection_effect)`` (0.4) for a recruit whose agent collects."""
    for u, missed in ((p_miss - 1e-4, 1), (p_miss + 1e-4, 0)):
        settings = {"contributions.bpu_miss_probability": 0.5, "contributions.payment_ease": 0.0}
        model = mock_model({**settings, "strategies.extensification.perisai.collection_effect": 0.4})
        bpu_payer(model, [0], payer=payer)
        with uniform_draws(model, u):
            contributions(model)
        assert model.workers.months_unpaid[0] == missed, (payer, u, p_miss)


@pytest.mark.parametrize(("multiplier", "p_miss"), [(1.0, 0.4), (0.5, 0.8), (0.25, 1.0), (2.0, 0.2)])
def test_an_income_shock_divides_the_miss_probability(multiplier, p_miss):
    """A first-miss chance of 0.4 becomes ``min(0.4 / multiplier, 1)``: a shock with multiplier 0.5 doubles misses."""
    for u, missed in ((p_miss - 1e-4, 1), (p_miss + 1e-4, 0)):
        if u >= 1:
            continue
        model = mock_model({"contributions.bpu_miss_probability": 0.4, "contributions.payment_ease": 0.0})
        model.income_multiplier = multiplier
        bpu_payer(model, [0])
        with uniform_draws(model, u):
            contributions(model)
        assert model.workers.months_unpaid[0] == missed, (u, p_miss)


def test_an_income_shock_raises_missed_payments():
    """The same draws (0.6) pay without a shock (chance 0.4) and miss in a shock that halves incomes (chance 0.8)."""
    missed = []
    for multiplier in (1.0, 0.5):
        model = mock_model({"contributions.bpu_miss_probability": 0.4, "contributions.payment_ease": 0.0})
        model.income_multiplier = multiplier
        bpu_payer(model, np.arange(10))
        with uniform_draws(model, 0.6):
            contributions(model)
        missed.append(int(np.count_nonzero(model.workers.months_unpaid[:10])))
    assert missed == [0, 10]


# --- lapse ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3, 5])
def test_a_payer_who_always_misses_lapses_in_exactly_the_nth_month(n):
    model = mock_model({**ALWAYS_MISS, "contributions.unpaid_months_to_inactive": n})
    bpu_payer(model, [0, 1])
    status = []
    for month in range(n + 1):
        model.month = month
        start_month(model)
        contributions(model)
        lapse(model)
        status.append(int(model.workers.status[0]))
        if month == n - 1:
            assert model.flows.lapses == 2
    assert status == [ACTIVE] * (n - 1) + [Status.INACTIVE.value] * 2


def test_a_lapse_keeps_the_account_and_resets_the_unpaid_run():
    model = mock_model({**NO_RETURN, **ALWAYS_MISS})
    bpu_payer(model, [0], jht=True, unpaid=2)
    put(model, [0], jht_balance=300_000.0, contribution_months=8)
    contributions(model)
    lapse(model)
    w = model.workers
    assert (w.status[0], w.months_unpaid[0], w.jht_balance[0], w.contribution_months[0]) == (Status.INACTIVE.value, 0, 300_000.0, 8)
    assert model.flows.lapses == 1
    assert model.flows.exits_by_cause[ExitCause.BPU_LAPSE] == 1 and model.flows.arrears_lapses == 0  # an exit in the agency's count


def test_lapse_on_its_own_reads_the_unpaid_runs_of_the_actives():
    """Stepped process by process (no contributions this month), lapse reads ``months_unpaid``: N lapses, N - 1 does not."""
    model = mock_model({"contributions.unpaid_months_to_inactive": 3})
    bpu_payer(model, [0], unpaid=2)
    bpu_payer(model, [1], unpaid=3)
    bpu_payer(model, [2], unpaid=4)
    lapse(model)
    assert model.workers.status[[0, 1, 2]].tolist() == [ACTIVE, Status.INACTIVE.value, Status.INACTIVE.value]
    assert model.flows.lapses == 2


# --- more edges -----------------------------------------------------------------------------


def test_a_wage_earner_past_the_first_block_of_rows_is_paid_for():
    """The rule runs block by block (``BLOCK`` rows); the rows of the last, shorter block are paid for as the first's."""
    model = mock_model(NO_RETURN, agents=BLOCK + 1_000)
    employer(model, 0)
    wage_earner(model, [0, BLOCK + 500], 0, income=2_000_000, risk=0)
    contributions(model)
    assert model.workers.jht_balance[[0, BLOCK + 500]].tolist() == [pytest.approx(JHT * 2_000_000)] * 2
    assert model.workers.contribution_months[[0, BLOCK + 500]].tolist() == [1, 1]


def test_the_month_totals_add_every_block_of_rows():
    """The totals (dues, JP on the capped wage, the JHT waived under the relief) are summed block by block:
    a wage earner in the first block and one in the last count the same, with and without the relief."""
    wage, rows = 4_000_000, [0, BLOCK + 500]
    for discount, deferred in ((0.0, 0.0), (0.99, 1.0)):
        model = mock_model(NO_RETURN, agents=BLOCK + 1_000)
        employer(model, 0)
        wage_earner(model, rows, 0, income=wage, risk=2)
        model.relief_discount, model.jp_deferred = discount, deferred
        contributions(model)
        relief = 2 * (discount * (JKK[2] + JKM) * wage + deferred * JP * wage)
        assert model.event_tallies["relief_rupiah"] == pytest.approx(relief, rel=1e-6)
        assert model.flows.contributions_rupiah == pytest.approx(2 * (JKK[2] + JKM + JHT + JP) * wage - relief, rel=1e-6)


def test_an_inactive_bpu_account_pays_nothing_and_misses_nothing():
    model = mock_model({**NO_RETURN, **ALWAYS_MISS})
    put(model, [0], segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, scheme=BPU, months_unpaid=4)
    contributions(model)
    assert (model.flows.contributions_rupiah, model.workers.months_unpaid[0], model.workers.contribution_months[0]) == (0.0, 4, 0)


@pytest.mark.parametrize(("ease", "extra", "p_miss"), [(0.8, 0.5, 0.25), (0.2, 0.3, 0.375)])
def test_the_levers_payment_ease_adds_to_the_baselines_up_to_full_ease(ease, extra, p_miss):
    """``p_miss = 0.5 x (1 - 0.5 x min(1, payment_ease + extra_payment_ease))``."""
    for u, missed in ((p_miss - 1e-4, 1), (p_miss + 1e-4, 0)):
        model = mock_model({"contributions.bpu_miss_probability": 0.5, "contributions.payment_ease": ease, "contributions.payment_ease_effect": 0.5})
        model.extra_payment_ease = extra
        bpu_payer(model, [0])
        with uniform_draws(model, u):
            contributions(model)
        assert model.workers.months_unpaid[0] == missed, (u, p_miss)


def test_reminders_and_auto_debit_multiply_the_chance_of_a_miss():
    for u, missed in ((0.2 - 1e-4, 1), (0.2 + 1e-4, 0)):
        model = mock_model({"contributions.bpu_miss_probability": 0.4, "contributions.payment_ease": 0.0})
        model.retention_miss_factor = 0.5
        bpu_payer(model, [0])
        with uniform_draws(model, u):
            contributions(model)
        assert model.workers.months_unpaid[0] == missed, u


def test_a_draw_equal_to_the_chance_of_a_miss_pays():
    model = mock_model({"contributions.bpu_miss_probability": 0.5, "contributions.payment_ease": 0.0})
    bpu_payer(model, [0])
    with uniform_draws(model, 0.5):
        contributions(model)
    assert model.workers.months_unpaid[0] == 0


def test_each_bpu_payer_draws_his_own_miss():
    model = mock_model({"contributions.bpu_miss_probability": 0.5, "contributions.payment_ease": 0.0})
    bpu_payer(model, np.arange(200))
    contributions(model)
    assert 60 < np.count_nonzero(model.workers.months_unpaid == 1) < 140


def test_a_dearer_package_credits_a_larger_jht():
    """The JHT part of the package (2% of the declared income) scales with the price multiplier, as the price does."""
    model = mock_model({**NO_RETURN, "contributions.bpu_miss_probability": 0.0})
    model.bpu_price_multiplier = 2.0
    bpu_payer(model, [0], jht=True)
    contributions(model)
    assert model.workers.jht_balance[0] == pytest.approx(40_000.0)


def test_perisai_agents_are_credited_only_with_what_they_collected_by_district():
    """Per district: the price of each paid month an agent collected, in persons; a missed month collects nothing."""
    model = mock_model({**NO_RETURN, **ALWAYS_MISS})
    model.payer_miss_factor[Payer.PERISAI] = 1.0
    bpu_payer(model, [0], payer=Payer.PERISAI)
    put(model, [0], recruiter=0)
    contributions(model)
    assert model.perisai_collected.tolist() == [0.0] * model.n_districts
    model = mock_model({**NO_RETURN, "contributions.bpu_miss_probability": 0.0})
    bpu_payer(model, [0, 1], payer=Payer.PERISAI, jht=True)
    put(model, [0, 1], recruiter=0)
    contributions(model)
    assert model.perisai_collected.tolist() == [pytest.approx(2 * 36_800 * model.represents)] + [0.0] * (model.n_districts - 1)


# --- steady and irregular payers ------------------------------------------------------------

#: A split of payers on: a first-miss chance of 0.4 for the others, a tenth of it for steady payers.
STEADY = {
    "contributions.bpu_miss_probability": 0.4,
    "contributions.payment_ease": 0.0,
    "contributions.bpu_steady_share": 0.5,
    "contributions.bpu_steady_miss_factor": 0.1,
}


@pytest.mark.parametrize(("steady", "unpaid", "p_miss"), [(True, 0, 0.04), (False, 0, 0.4), (True, 1, 0.1), (False, 1, 1.0)])
def test_a_steady_payer_misses_the_factor_times_as_often_first_and_again(steady, unpaid, p_miss):
    """``p_miss x bpu_steady_miss_factor`` for a steady payer, on the first miss and on missing again (``bpu_miss_again`` 1)."""
    for u, missed in ((p_miss - 1e-4, 1), (p_miss + 1e-4, 0)):
        model = mock_model({**STEADY, "contributions.bpu_miss_again": 1.0})
        bpu_payer(model, [0], unpaid=unpaid)
        model.workers.steady_payer[0] = steady
        with uniform_draws(model, u):
            contributions(model)
        assert model.workers.months_unpaid[0] == (unpaid + 1 if missed else 0), (u, p_miss)


def test_without_a_steady_share_the_steady_flag_changes_nothing():
    """``bpu_steady_share`` 0 (everyone alike): the factor is not applied, even to a row flagged steady."""
    model = mock_model({**STEADY, "contributions.bpu_steady_share": 0.0})
    bpu_payer(model, [0])
    model.workers.steady_payer[0] = True
    with uniform_draws(model, 0.3):  # under 0.4, above 0.04
        contributions(model)
    assert model.workers.months_unpaid[0] == 1


@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_the_population_and_each_entrant_are_steady_payers_with_the_steady_share(share):
    model = mock_model({"contributions.bpu_steady_share": share}, agents=4000, blank=False)
    assert abs(model.workers.steady_payer.mean() - share) < 0.03
    model.workers.steady_payer[:] = not share  # entrants take fresh draws
    replace_with_entrants(model, np.arange(4000))
    assert abs(model.workers.steady_payer.mean() - share) < 0.03


def test_the_irregular_share_counts_own_payers_with_a_run_of_unpaid_months_not_yet_lapsed():
    """Of the self-paying (self, Perisai, platform) active BPU participants after the month's payments, those with unpaid
    months running; third-party-paid participants and those lapsing this month are left out."""
    no_collection = {"strategies.extensification.perisai.collection_effect": 0.0}  # an agent who collects misses as often
    always_again = {"contributions.bpu_miss_probability": 0.0, "contributions.bpu_miss_again": 1.0, "contributions.unpaid_months_to_inactive": 3}
    model = mock_model({**always_again, **no_collection})
    bpu_payer(model, [0, 1, 2])  # pay: regular
    bpu_payer(model, [3], unpaid=1)  # misses again: 2 unpaid, irregular
    bpu_payer(model, [4], payer=Payer.PERISAI, unpaid=1)  # irregular
    bpu_payer(model, [5], unpaid=2)  # a third month: lapses, left out
    bpu_payer(model, [6, 7], payer=Payer.PROGRAMME)  # a third party pays: left out
    contributions(model)
    assert model.bpu_own_payers == (5, 2)
