"""The village drift of trust and perceived risk (``enrolsim.world.drift``).

Trust and perceived risk are kept per worker as of the last settlement, with one composed map per
village since then. These tests hold the maps to the month-by-month rule they replace.
"""

import numpy as np
import pytest

import enrolsim
from conftest import small
from enrolsim.world.drift import SETTLE_BELOW, base_perceived_risk


def model_after(months: int = 3, **overrides: float) -> enrolsim.EnrolmentModel:
    model = enrolsim.EnrolmentModel(small(overrides={f"accidents.{k}": v for k, v in overrides.items()}, agents=3000), rng=4)
    for _ in range(months):
        model.step()
    return model


@pytest.mark.parametrize("decay", [0.05, 0.6, 1.0])
def test_maps_follow_the_month_by_month_rule(decay):
    """Many months of random village gains give the values of applying the rule every month."""
    model = model_after()
    w, drift, rng = model.workers, model.drift, np.random.default_rng(0)
    trust, risk = drift.all_trust().astype(np.float64), drift.all_perceived_risk().astype(np.float64)
    base = base_perceived_risk(w.risk).astype(np.float64)
    settled_before = 0
    for _ in range(150):
        g, h = rng.random(drift.sizes.size) * 0.05, rng.random(drift.sizes.size) * 0.05
        drift.advance(g, h, decay)
        g, h = np.repeat(g, drift.sizes), np.repeat(h, drift.sizes)
        trust += g * (1 - trust)
        risk += decay * (base - risk) + h * (1 - risk)
        settled_before += drift.ra.min() == 1.0  # a settlement resets the maps
    assert np.allclose(drift.all_trust(), trust, atol=1e-5) and np.allclose(drift.all_perceived_risk(), risk, atol=1e-5)
    assert settled_before > 0, f"never settled although the maps shrink below {SETTLE_BELOW}"
    rows = np.arange(0, w.size, 7)
    assert np.allclose(drift.trust(rows), trust[rows], atol=1e-5) and np.allclose(drift.perceived_risk(rows), risk[rows], atol=1e-5)


def test_set_values_read_back_and_summaries_follow():
    model = model_after()
    w, drift = model.workers, model.drift
    drift.advance(np.full(drift.sizes.size, 0.3), np.full(drift.sizes.size, 0.2), 0.4)
    rows = np.arange(5, w.size, 11)
    values = np.linspace(0.0, 1.0, rows.size, dtype=np.float32)
    drift.set(rows, values, values[::-1].copy())
    assert np.allclose(drift.trust(rows), values, atol=1e-6) and np.allclose(drift.perceived_risk(rows), values[::-1], atol=1e-6)
    trust, risk = drift.all_trust(), drift.all_perceived_risk()
    assert drift.mean_trust() == pytest.approx(float(trust.mean(dtype=np.float64)), abs=1e-6)
    low, high = drift.trust_range()
    assert low <= trust.min() + 1e-6 and high >= trust.max() - 1e-6
    low, high = drift.perceived_risk_range()
    assert low <= risk.min() + 1e-6 and high >= risk.max() - 1e-6


def test_current_columns_cannot_be_written_by_mistake():
    drift = model_after(months=1).drift
    with pytest.raises(ValueError):
        drift.all_trust()[0] = 0.5
