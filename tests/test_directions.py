"""Direction tests with paired seeds (issue 2, "Show" 3; docs/architecture.md "Tests that mean something").

Each test runs the baseline twice per seed, the same seed with one lever changed, and sums the
indicator over a few seeds; it asserts the direction docs/domain.md gives with a clear margin. The
ranges in each docstring were measured when the test was written over six sets of three seeds
(1-3, 4-6, ..., 16-18); every set passed every test. Levers at zero must change nothing: no withdrawals without a withdrawal
probability, no Jakon cover without project cover, no BPU participants without enrolment.
"""

from collections.abc import Callable

import numpy as np
import pandas as pd

import enrolsim
from conftest import small

SEEDS = (1, 2, 3)
Metric = Callable[[pd.DataFrame], float]


def final(column: str) -> Metric:
    return lambda ts: float(ts[column].iloc[-1])


def mean(column: str) -> Metric:
    return lambda ts: float(ts[column].mean())


def total(column: str) -> Metric:
    return lambda ts: float(ts[column].sum())


def run(overrides: dict, seed: int, *, agents: int = 10_000, months: int = 24) -> pd.DataFrame:
    return enrolsim.simulate(small(overrides=overrides, agents=agents, months=months), seed=seed).timeseries


def paired(low: dict, high: dict, metric: Metric, *, seeds=SEEDS, **size) -> tuple[np.ndarray, np.ndarray]:
    """``metric`` for each seed with the lever at ``low`` and at ``high`` (same seeds: common random numbers)."""
    a = np.array([metric(run(low, seed, **size)) for seed in seeds])
    b = np.array([metric(run(high, seed, **size)) for seed in seeds])
    return a, b


def ratio(a: np.ndarray, b: np.ndarray) -> float:
    """Summed over seeds: ``b`` relative to ``a``."""
    assert a.sum() > 0, f"the reference runs show nothing to compare: {a}"
    return float(b.sum() / a.sum())


# --- voluntary (BPU) enrolment ----------------------------------------------------------------


def test_higher_literacy_raises_bpu_enrolment():
    """literacy_mean 0.2 -> 0.6: final active BPU x1.45-1.68 over six sets of three seeds (measured 2026-11-30, fourteenth
    session; x2.4-2.8 when written, before third-party programmes, which pay whatever a worker knows, held a third of
    BPU); assert at least x1.3."""
    a, b = paired({"population.literacy_mean": 0.2}, {"population.literacy_mean": 0.6}, final("active_bpu"), agents=20_000)
    assert ratio(a, b) > 1.3, (a, b)
    assert (b > a).all(), (a, b)


def test_higher_bpu_price_lowers_bpu_enrolment():
    """Declared income Rp0.5m -> Rp5m (the price rises with it): final self-paying active BPU x0.60 (x0.49-0.77 by seed over
    seeds 1-9, measured 2026-11-29); assert under x0.8. Self-paying members only: district, village and sponsor programmes
    pay whatever the price (all BPU x0.81, x0.67-0.88, since the fit of the scale-free labour market gives them a larger share)."""
    a, b = paired({"contributions.bpu_declared_income": 500_000}, {"contributions.bpu_declared_income": 5_000_000}, final("active_bpu_self"), agents=20_000)
    assert ratio(a, b) < 0.8, (a, b)


def test_easier_registration_raises_bpu_enrolment():
    """registration_ease 0 -> 1: final active BPU x4.4-4.9 (measured); assert at least x2."""
    a, b = paired({"enrolment.registration_ease": 0.0}, {"enrolment.registration_ease": 1.0}, final("active_bpu"), agents=20_000)
    assert ratio(a, b) > 2.0, (a, b)


def test_peer_effect_raises_bpu_enrolment():
    """peer_effect 0 -> 15 log-odds: final active BPU x5.6-6.5 (measured); assert at least x2.

    At baseline only about 1% of non-wage peers are active, so a modest peer effect (0 -> 6) moves
    enrolment by 0-25% per seed, within seed noise; the lever is tested where it clearly acts.
    """
    a, b = paired({"enrolment.peer_effect": 0.0}, {"enrolment.peer_effect": 15.0}, final("active_bpu"), agents=20_000)
    assert ratio(a, b) > 2.0, (a, b)


def test_trust_effect_and_trust_raise_bpu_enrolment():
    """Final self-paying active BPU (trust moves voluntary enrolment, not the programmes that pay for groups): trust_effect
    0 -> 3: x3.3 (x3.06-4.27 by seed); trust_mean 0.2 -> 0.8: x1.92 (x1.67-2.59) (seeds 1-9, measured 2026-11-29); assert
    x2 and x1.5."""
    a, b = paired({"enrolment.trust_effect": 0.0}, {"enrolment.trust_effect": 3.0}, final("active_bpu_self"), agents=20_000)
    assert ratio(a, b) > 2.0, (a, b)
    a, b = paired({"population.trust_mean": 0.2}, {"population.trust_mean": 0.8}, final("active_bpu_self"), agents=20_000)
    assert ratio(a, b) > 1.5, (a, b)


def test_missed_payments_lower_bpu_retention_and_easy_payment_raises_it():
    """Self-paying BPU participants (third parties never miss): bpu_miss_probability 0.2 -> 0.9: x0.71-0.74; payment_ease
    0 -> 1: x1.09-1.13 (measured over seeds 1-9). Steady payers (a third of persons, missing a fifth as often) keep
    paying either way; before the split of payers the ratios of all BPU were x0.30-0.36 and x1.5-1.8."""
    a, b = paired({"contributions.bpu_miss_probability": 0.2}, {"contributions.bpu_miss_probability": 0.9}, final("active_bpu_self"), agents=20_000)
    assert ratio(a, b) < 0.85, (a, b)
    a, b = paired({"contributions.payment_ease": 0.0}, {"contributions.payment_ease": 1.0}, final("active_bpu_self"), agents=20_000)
    assert ratio(a, b) > 1.04, (a, b)


def test_steady_payers_raise_self_paying_bpu_and_lower_the_share_paying_irregularly():
    """bpu_steady_share 0 -> 0.5 (steady payers missing a tenth as often): active self-paying BPU x3.95-4.06,
    the share with unpaid months running x0.32-0.33 (measured over seeds 1-9)."""
    lo = {"contributions.bpu_steady_share": 0.0}
    hi = {"contributions.bpu_steady_share": 0.5, "contributions.bpu_steady_miss_factor": 0.1}
    a, b = paired(lo, hi, final("active_bpu_self"), agents=20_000)
    assert ratio(a, b) > 2.0, (a, b)
    a, b = paired(lo, hi, mean("bpu_irregular_share"), agents=20_000)
    assert ratio(a, b) < 0.6, (a, b)


def test_no_enrolment_means_no_bpu_participants():
    """Levers at zero: nobody starts active as BPU, no attempt completes and no third party pays, so active_bpu is 0 every month."""
    ts = run({"population.initial_bpu_active_share": 0.0, "enrolment.completion_unassisted": 0.0, "third_party_payers.scale": 0.0}, seed=1, months=12)
    assert (ts["active_bpu"] == 0).all()


# --- JHT withdrawal rules ---------------------------------------------------------------------


#: Only the claims of workers who left work in the last months: no background claims of old accounts, no resigning to withdraw.
RECENT_LEAVERS_ONLY = {"jht.background_probability": 0.0, "jht.resign_to_withdraw": 0.0}


def _regime(rule: str, waiting: int = 1, start: str = "2015-09") -> dict:
    return {"start": start, "rule": rule, "waiting_months": waiting}


def test_no_waiting_period_raises_withdrawals():
    """one_month rule, waiting 0 vs 12 months: x2.6-2.9 withdrawals in 24 months (measured over seeds 1-9; x7-10 before the
    2026-11-29 recalibration, with fewer claims of accounts left long ago, which no wait holds back); assert x2."""
    a, b = paired({"jht.regimes": [_regime("one_month", 12)]}, {"jht.regimes": [_regime("one_month", 0)]}, total("jht_withdrawals"))
    assert ratio(a, b) > 2.0, (a, b)


def test_age_56_rule_allows_no_early_withdrawals():
    """Under the 2022 age-56 rule nobody withdraws early; under one_month many do."""
    age56, one_month = paired({"jht.regimes": [_regime("age_56")]}, {"jht.regimes": [_regime("one_month")]}, total("jht_withdrawals"))
    assert (age56 == 0).all(), age56
    assert (one_month > 0).all(), one_month
    # a withdrawal closes an account; under age_56 no account is closed that way, so "withdrawn" never grows
    ts = run({"jht.regimes": [_regime("age_56")]}, seed=1, months=12)
    assert (ts["withdrawn"].diff().dropna() <= 1e-6 * ts["withdrawn"].iloc[0]).all()
    assert (ts["jht_withdrawn_rupiah"] == 0).all()


def test_five_year_membership_rule_lowers_withdrawals():
    """five_years (before September 2015) vs one_month: x0.38-0.43 (measured); assert under x0.8."""
    a, b = paired({"jht.regimes": [_regime("one_month")]}, {"jht.regimes": [_regime("five_years")]}, total("jht_withdrawals"))
    assert ratio(a, b) < 0.8, (a, b)


def test_rule_change_takes_effect_in_its_month():
    """one_month until 2017-06, age_56 from 2017-07 (a scheduled event): withdrawals before, none from that month on."""
    regimes = [_regime("one_month", 0), _regime("age_56", start="2017-07")]
    ts = run({"jht.regimes": regimes, "jht.withdrawal_probability": 0.2}, seed=2, months=12).set_index("month")
    assert ts.loc[:"2017-06", "jht_withdrawals"].sum() > 0
    assert (ts.loc["2017-07":, "jht_withdrawals"] == 0).all()


def test_zero_withdrawal_probability_gives_zero_withdrawals():
    ts = run({"jht.withdrawal_probability": 0.0, **RECENT_LEAVERS_ONLY, "jht.regimes": [_regime("one_month", 0)]}, seed=1, months=24)
    assert (ts["jht_withdrawals"] == 0).all()
    assert (ts["jht_withdrawn_rupiah"] == 0).all()


def test_higher_withdrawal_probability_raises_withdrawals():
    """Claims of recent leavers only, withdrawal_probability 0.02 -> 0.2: x8.6-12.1 (measured over four sets of three seeds); assert x3."""
    a, b = paired(
        {"jht.withdrawal_probability": 0.02, **RECENT_LEAVERS_ONLY},
        {"jht.withdrawal_probability": 0.2, **RECENT_LEAVERS_ONLY},
        total("jht_withdrawals"),
        months=12,
    )
    assert ratio(a, b) > 3.0, (a, b)


# --- wage earners and contracts ---------------------------------------------------------------


def test_shorter_contracts_raise_lapses():
    """casual 6 -> 1 month and regular 48 -> 6 months: x1.6-1.7 lapses (measured); assert x1.3."""
    a, b = paired(
        {"labour_market.casual_months_mean": 6, "labour_market.contract_months_mean": 48},
        {"labour_market.casual_months_mean": 1, "labour_market.contract_months_mean": 6},
        total("lapses"),
    )
    assert ratio(a, b) > 1.3, (a, b)


def test_shorter_regular_contracts_raise_lapses():
    """No casual contracts; regular contracts 48 -> 3 months: x1.19-1.32 lapses at 20,000 agents (measured over four sets of
    three seeds; x1.55-1.64 before issue 13, when a worker rehired within the month lapsed too); assert x1.1."""
    a, b = paired(
        {"labour_market.casual_share": 0.0, "labour_market.contract_months_mean": 48},
        {"labour_market.casual_share": 0.0, "labour_market.contract_months_mean": 3},
        total("lapses"),
        agents=20_000,
    )
    assert ratio(a, b) > 1.1, (a, b)


def test_shorter_casual_contracts_raise_lapses():
    """casual 6 -> 1 month: x1.15-1.25 lapses (measured; the closest margin of this file); assert x1.1."""
    a, b = paired({"labour_market.casual_months_mean": 6}, {"labour_market.casual_months_mean": 1}, total("lapses"))
    assert ratio(a, b) > 1.1, (a, b)


def test_perfect_employer_compliance_raises_active_pu():
    """All employers registered, none partial, no arrears: final active PU x1.72-1.87 (measured); assert x1.4."""
    perfect = {"employers.registered_share": 1.0, "employers.partial_share": 0.0, "employers.arrears_probability": 0.0}
    a, b = paired({}, perfect, final("active_pu"))
    assert ratio(a, b) > 1.4, (a, b)
    assert (b > a).all(), (a, b)


def test_arrears_lower_active_pu():
    """arrears_probability 0 -> 0.3 (arrears_cure held at 0.1): mean active PU of the last year x0.43-0.45 (measured); assert under x0.75."""
    last_year = lambda ts: float(ts["active_pu"].iloc[-12:].mean())  # noqa: E731
    a, b = paired(
        {"employers.arrears_probability": 0.0, "employers.arrears_cure": 0.1},
        {"employers.arrears_probability": 0.3, "employers.arrears_cure": 0.1},
        last_year,
        agents=20_000,
    )
    assert ratio(a, b) < 0.75, (a, b)


def test_no_arrears_means_no_resumptions():
    """Without arrears no employer stops and resumes paying, so no wage earner resumes."""
    ts = run({"employers.arrears_probability": 0.0}, seed=1, months=12)
    assert (ts["resumptions"] == 0).all()


# --- construction (Jakon) ---------------------------------------------------------------------


def test_more_project_registrations_raise_active_jakon():
    """Project registrations per construction worker 0.03 -> 0.1 a month: mean active Jakon x3.33 (measured; the stock is
    proportional to the registrations while construction employment is the same in both arms); assert x2."""
    a, b = paired({"construction_projects.registrations_per_worker": 0.03}, {"construction_projects.registrations_per_worker": 0.1}, mean("active_jakon"))
    assert ratio(a, b) > 2.0, (a, b)


def test_no_project_registrations_means_no_jakon_participants():
    ts = run({"construction_projects.registrations_per_worker": 0.0}, seed=1, months=12)
    assert (ts["active_jakon"] == 0).all()


# --- literacy, accidents ----------------------------------------------------------------------


def test_campaigns_raise_mean_literacy():
    """campaign_reach 0 -> 0.1 a month: final mean literacy +0.19 (measured); assert +0.08."""
    a, b = paired({"literacy.campaign_reach": 0.0}, {"literacy.campaign_reach": 0.1}, final("mean_literacy"))
    assert (b - a).min() > 0.08, (a, b)


def test_no_accidents_means_no_claims():
    ts = run({"accidents.accident_rates": [0, 0, 0, 0, 0]}, seed=1, months=12)
    assert (ts["accidents"] == 0).all()
    assert (ts["claims"] == 0).all()
    ts = run({"accidents.accident_rates": [0, 0, 0, 0, 0], "accidents.mortality": 0.0}, seed=1, months=12)
    assert (ts["deaths"] == 0).all()
    assert (ts["claims_rupiah"] == 0).all()
