"""Voluntary (BPU) enrolment (processes/voluntary_enrolment.py) on hand-built worlds.

Pins ``enrolment_probability`` against the logistic of docs/ODD.md 7.3 computed by hand for
hand-set workers (literacy, price against income with and without JHT, perceived risk, trust, the
active share of the peer group, national and district ease), that an income shock divides the
price share, and which workers enrol when the probability is 1: only informal and platform workers
who are not active, counted as new registrations (never registered or withdrawn) or re-activations
(inactive), each attempt completed with ``completion_unassisted``.
"""

import math
import warnings

import numpy as np
import pytest

from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.processes.voluntary_enrolment import _bounds, enrolment_probability, voluntary_enrolment
from worlds import mock_model, put, start_month

INFORMAL, PLATFORM = Segment.INFORMAL.value, Segment.PLATFORM.value
ACTIVE, INACTIVE, NEVER, WITHDRAWN = (s.value for s in (Status.ACTIVE, Status.INACTIVE, Status.NEVER, Status.WITHDRAWN))
#: The baseline's coefficients (docs/ODD.md 7.3), with an intercept of -2 so that probabilities are middling.
BASE, EASE, LIT, PRICE, RISK, TRUST, PEER, EASE_NOW = -2.0, 1.5, 2.5, -20.0, 1.5, 1.5, 3.0, 0.3


def logistic(x):
    return 1 / (1 + math.exp(-x))


def believes(model, rows, *, trust, risk):
    """Set current trust and perceived risk (kept by the village drift)."""
    rows = np.asarray(rows)
    model.drift.set(rows, np.full(rows.size, trust, dtype=np.float32), np.full(rows.size, risk, dtype=np.float32))


def hand_built():
    """Village 0 (rows 0..43): four informal workers, one of them active (peer share 1/4), and a platform partner alone in its group."""
    model = mock_model({"enrolment.base_logit": BASE})
    put(model, [0, 1, 2, 3], segment=INFORMAL)
    put(model, [0], status=ACTIVE, scheme=Scheme.BPU.value)
    put(model, [1], literacy=0.4, income=1_200_000, bpu_jht=False)
    put(model, [2], literacy=0.1, income=800_000, bpu_jht=True)
    put(model, [4], segment=PLATFORM, literacy=0.9, income=2_000_000, bpu_jht=False)
    believes(model, [1], trust=0.6, risk=0.3)
    believes(model, [2], trust=0.2, risk=0.7)
    believes(model, [4], trust=0.5, risk=0.5)
    start_month(model)  # peer shares at the start of the month
    return model


#: The hand-computed log-odds of rows 1, 2 and 4 of ``hand_built``.
LOGITS = {
    1: BASE + EASE * EASE_NOW + LIT * 0.4 + PRICE * 16_800 / 1_200_000 + RISK * 0.3 + TRUST * 0.6 + PEER * 0.25,  # 1.27
    2: BASE + EASE * EASE_NOW + LIT * 0.1 + PRICE * 36_800 / 800_000 + RISK * 0.7 + TRUST * 0.2 + PEER * 0.25,  # -0.12
    4: BASE + EASE * EASE_NOW + LIT * 0.9 + PRICE * 16_800 / 2_000_000 + RISK * 0.5 + TRUST * 0.5 + PEER * 0.0,  # 2.032
}


def test_the_enrolment_probability_is_the_logistic_of_the_hand_computed_log_odds():
    model = hand_built()
    assert LOGITS[1] == pytest.approx(1.27) and LOGITS[2] == pytest.approx(-0.12) and LOGITS[4] == pytest.approx(2.032)
    p = enrolment_probability(model, np.array([1, 2, 4]))
    assert p == pytest.approx([logistic(LOGITS[r]) for r in (1, 2, 4)], rel=1e-5)


def test_an_income_shock_divides_the_price_share_and_so_lowers_the_probability():
    model = hand_built()
    model.income_multiplier = 0.5
    p = enrolment_probability(model, np.array([1, 2]))
    expected = [LOGITS[1] + PRICE * 16_800 / 1_200_000, LOGITS[2] + PRICE * 36_800 / 800_000]  # the price share doubled
    assert p == pytest.approx([logistic(x) for x in expected], rel=1e-5)
    assert (p < [logistic(LOGITS[1]), logistic(LOGITS[2])]).all()


def test_the_price_follows_the_rules_multiplier_and_a_jht_requirement():
    model = hand_built()
    model.bpu_price_multiplier = 2.0
    model.bpu_jht_required = True
    p = enrolment_probability(model, np.array([1]))
    assert p[0] == pytest.approx(logistic(LOGITS[1] + PRICE * (2 * 36_800 - 16_800) / 1_200_000), rel=1e-5)


def test_national_and_district_ease_add_ease_effect_times_ease():
    model = hand_built()
    district_1 = int(np.flatnonzero(model.workers.village == 2)[0])  # villages 2 and 3 are district 1
    put(model, [district_1], segment=INFORMAL, literacy=0.4, income=1_200_000, bpu_jht=False)
    believes(model, [district_1], trust=0.6, risk=0.3)
    start_month(model)
    model.extra_ease = 0.2
    model.district_extra_ease[1] = 0.4
    p = enrolment_probability(model, np.array([1, district_1]))
    # Row 1 as before plus the national ease; the district-1 worker has no active peers but the district's ease.
    expected = [LOGITS[1] + EASE * 0.2, LOGITS[1] - PEER * 0.25 + EASE * 0.2 + EASE * 0.4]
    assert p == pytest.approx([logistic(x) for x in expected], rel=1e-5)


def sure_to_try(overrides=None, agents=200):
    """Every non-wage worker not active tries (log-odds above 25) and, at completion 1, enrols."""
    model = mock_model(
        {"enrolment.base_logit": 5.0, "enrolment.literacy_effect": 20.0, "enrolment.completion_unassisted": 1.0, **(overrides or {})}, agents=agents
    )
    put(model, np.arange(model.workers.size), literacy=1.0)
    return model


def test_only_informal_and_platform_workers_who_are_not_active_enrol():
    model = sure_to_try()
    model.month = 6
    put(model, [0], segment=INFORMAL, status=NEVER)
    put(model, [1], segment=INFORMAL, status=INACTIVE, scheme=Scheme.PU.value)
    put(model, [2], segment=PLATFORM, status=WITHDRAWN)
    put(model, [3], segment=INFORMAL, status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.PERISAI.value, enrolled_month=-3)
    put(model, [4], segment=Segment.PERMANENT.value, status=NEVER)
    put(model, [5], segment=Segment.CONTRACT.value, status=INACTIVE)
    put(model, [6], segment=Segment.CONSTRUCTION.value, status=NEVER)
    start_month(model)
    voluntary_enrolment(model)
    w, f = model.workers, model.flows
    assert w.status[:7].tolist() == [ACTIVE, ACTIVE, ACTIVE, ACTIVE, NEVER, INACTIVE, NEVER]
    assert w.scheme[:3].tolist() == [Scheme.BPU.value] * 3 and w.payer[:3].tolist() == [Payer.SELF.value] * 3
    assert w.enrolled_month[:4].tolist() == [6, 6, 6, -3]
    assert w.payer[3] == Payer.PERISAI.value  # already active: untouched
    assert (f.new_registrations, f.reactivations) == (2, 1)
    assert np.count_nonzero(w.status == ACTIVE) == 4  # the unemployed rest never enrols voluntarily


def test_no_attempt_is_completed_at_completion_zero():
    model = sure_to_try({"enrolment.completion_unassisted": 0.0})
    put(model, np.arange(20), segment=INFORMAL)
    start_month(model)
    voluntary_enrolment(model)
    assert model.flows.new_registrations == 0


def test_about_completion_unassisted_of_the_sure_attempts_enrol():
    """400 informal workers sure to try, completion 0.45: 180 enrol (4 sd: 40)."""
    model = sure_to_try({"enrolment.completion_unassisted": 0.45}, agents=400)
    put(model, np.arange(400), segment=INFORMAL)
    start_month(model)
    voluntary_enrolment(model)
    assert abs(model.flows.new_registrations - 180) < 40


# --- the thinning's bounds and the rate it gives --------------------------------------------------

COEFFICIENTS = ("base_logit", "ease_effect", "literacy_effect", "price_effect", "risk_effect", "trust_effect", "peer_effect")


def varied(signs, overrides=None):
    """Workers of varied literacy, trust and perceived risk, district ease on in one district, coefficients of the given signs."""
    values = dict(zip(COEFFICIENTS, (-1.0, 1.5 * signs, 2.5 * signs, -20.0, 1.5 * signs, 1.2 * signs, 3.0), strict=True))
    model = mock_model({f"enrolment.{k}": v for k, v in values.items()} | (overrides or {}))
    n = model.workers.size
    rng = np.random.default_rng(5)
    put(model, np.arange(n), segment=INFORMAL, literacy=rng.uniform(0.1, 0.8, n).astype(np.float32))
    believes(model, np.arange(n), trust=0.5, risk=0.5)
    model.drift.set(np.arange(n), rng.uniform(0.2, 0.9, n).astype(np.float32), rng.uniform(0.1, 0.7, n).astype(np.float32))
    model.extra_ease = 0.2
    model.district_extra_ease[:] = [0.3, -0.4]
    start_month(model)
    return model


@pytest.mark.parametrize("signs", [1.0, -1.0, 0.5, 0.3])
def test_the_thinning_bound_is_each_terms_extreme_plus_a_small_slack(signs):
    """Every term but literacy and the peers': its coefficient times the column's largest value (smallest for a negative
    coefficient); the price term (never positive) adds nothing; literacy's the same, apart."""
    model = varied(signs)
    c = model.params.enrolment
    ease = c.ease_effect * (c.registration_ease + 0.2) + max(c.ease_effect * 0.3, c.ease_effect * -0.4)
    risk_low, risk_high = model.drift.perceived_risk_range()
    trust_low, trust_high = model.drift.trust_range()
    pick = (lambda lo, hi: hi) if signs > 0 else (lambda lo, hi: lo)
    expected = -1.0 + ease + c.risk_effect * pick(risk_low, risk_high) + c.trust_effect * pick(trust_low, trust_high) + 1e-3
    literacy = c.literacy_effect * float(pick(model.workers.literacy.min(), model.workers.literacy.max()))
    others, literacy_top = _bounds(model)
    assert others == pytest.approx(expected, abs=1e-6) and literacy_top == pytest.approx(literacy, abs=1e-6)
    rows = np.arange(model.workers.size)  # and it bounds everyone's log-odds
    p = enrolment_probability(model, rows).astype(np.float64)
    peer = c.peer_effect * model.peer_active_share[model.workers.group[rows]]
    assert (np.log(p / (1 - p)) <= others + literacy_top + peer).all()


def test_a_price_that_attracts_leaves_the_log_odds_unbounded():
    assert _bounds(varied(1.0, {"enrolment.price_effect": 0.5}))[0] == np.inf


@pytest.mark.parametrize(
    ("literacy_effect", "income", "p"),
    [(0.0, 168_000, logistic(-2.0)), (-2.0, 1e12, logistic(-1.0)), (2.0, 168_000, logistic(1.0 - 2.0))],
)
def test_the_share_who_enrol_is_completion_times_each_ones_probability(literacy_effect, income, p):
    """2,000 informal workers alike (literacy 1/2, no peers, ease, risk or trust terms), completion 1/2: the share enrolled is
    ``completion x p`` even where the price lowers p under the thinning's bound, and with a negative literacy effect (4 sd)."""
    zero = dict.fromkeys(("ease_effect", "risk_effect", "trust_effect", "peer_effect"), 0.0)
    model = mock_model(
        {
            "enrolment.base_logit": 0.0,
            "enrolment.literacy_effect": literacy_effect,
            "enrolment.completion_unassisted": 0.5,
            **{f"enrolment.{k}": v for k, v in zero.items()},
        },
        agents=2000,
    )
    put(model, np.arange(2000), segment=INFORMAL, literacy=0.5, income=income, bpu_jht=False)
    start_month(model)
    voluntary_enrolment(model)
    expected = 2000 * 0.5 * p
    assert abs(model.flows.new_registrations - expected) < 4 * math.sqrt(expected * (1 - 0.5 * p))


def test_a_worker_who_became_active_earlier_in_the_month_does_not_enrol_again():
    model = sure_to_try()
    put(model, [0, 1], segment=INFORMAL)
    uncovered_pool(model)  # listed by outreach earlier in the month
    put(model, [0], status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.PERISAI.value, enrolled_month=-2)
    voluntary_enrolment(model)
    assert (model.workers.payer[0], model.workers.enrolled_month[0]) == (Payer.PERISAI.value, -2)
    assert model.flows.new_registrations == 1


def test_hopeless_log_odds_give_no_overflow_warning():
    """Log-odds under -88 overflow float32's exp: the probability is 0, and no warning is printed."""
    model = mock_model({"enrolment.base_logit": -20.0, "enrolment.literacy_effect": -10.0, "enrolment.price_effect": -200.0})
    put(model, np.arange(model.workers.size), segment=INFORMAL, literacy=1.0, income=20_000)  # log-odds about -30 - 200 x 0.84
    start_month(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert (enrolment_probability(model, np.arange(20)) == 0).all()
        voluntary_enrolment(model)
    assert model.flows.new_registrations == 0


def test_a_rise_in_incomes_divides_the_price_share_too():
    """The income multiplier divides the price share whatever it is (2: the price weighs half)."""
    model = hand_built()
    model.income_multiplier = 2.0
    p = enrolment_probability(model, np.array([1]))[0]
    assert p == pytest.approx(logistic(LOGITS[1] - PRICE * 16_800 / 1_200_000 / 2), rel=1e-5)


def test_the_share_who_enrol_counts_the_active_peers():
    """1,000 active and 1,000 not in the same groups (peer share 1/2, peer effect 3: log-odds 1.5), completion 1/2: the share of
    those not active who enrol is ``0.5 x logistic(1.5)`` (4 sd)."""
    zero = dict.fromkeys(("ease_effect", "risk_effect", "trust_effect", "literacy_effect"), 0.0)
    model = mock_model(
        {"enrolment.base_logit": 0.0, "enrolment.peer_effect": 3.0, "enrolment.completion_unassisted": 0.5, **{f"enrolment.{k}": v for k, v in zero.items()}},
        agents=2000,
    )
    put(model, np.arange(2000), segment=INFORMAL, income=1e12, bpu_jht=False)
    put(model, np.arange(0, 2000, 2), status=ACTIVE, scheme=Scheme.BPU.value)
    start_month(model)
    voluntary_enrolment(model)
    expected = 1000 * 0.5 * logistic(1.5)
    assert abs(model.flows.new_registrations - expected) < 4 * math.sqrt(expected)
