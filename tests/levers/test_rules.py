"""Rule tests of the rule changes (levers/rules.py).

Pinned: from its start month (not before) the BPU package price is multiplied by
``bpu_price_multiplier`` (the JKK + JKM package of Rp16,800 and the JHT part of Rp20,000 alike) and,
with ``bpu_jht_required``, every BPU participant pays for JHT; a rule change is not spending: it has
no cost line and charges nothing.
"""

import numpy as np
import pytest
from lever_support import RULES, assert_inert, lever_model, rng_state

from enrolsim.levers import COST_LINES


def test_the_price_and_the_jht_requirement_change_in_the_start_month():
    model = lever_model({RULES + "bpu_price_multiplier": 2.5, RULES + "bpu_jht_required": True, RULES + "start": "2017-03"})
    for _ in range(2):
        assert (model.bpu_price_multiplier, model.bpu_jht_required, model.bpu_package_price()) == (1.0, False, 16_800)
        model.step()
    model.step()
    assert (model.bpu_price_multiplier, model.bpu_jht_required) == (2.5, True)
    assert model.bpu_package_price() == pytest.approx(2.5 * 16_800)
    assert [float(p) for p in model.bpu_prices()] == pytest.approx([2.5 * 16_800, 2.5 * (16_800 + 20_000)])
    assert model.bpu_takes_jht(np.arange(3)).all()


def test_the_jht_requirement_alone_leaves_the_price():
    model = lever_model({RULES + "bpu_jht_required": True})
    assert "rules" in model.started_levers
    assert (model.bpu_price_multiplier, model.bpu_jht_required) == (1.0, True)


def test_a_rule_change_costs_nothing():
    model = lever_model({RULES + "bpu_price_multiplier": 0.5})
    assert "rules" not in COST_LINES and "rules" not in model.ledger.costs
    state = rng_state(model)
    model.levers["rules"].act(model)
    model.levers["rules"].act_on_employers(model)
    assert rng_state(model) == state and sum(model.ledger.costs.values()) == 0
    model.step()
    assert "cost_rules" not in model.indicators and model.indicators["programme_cost"] == 0


def test_rules_unchanged_are_inert():
    assert_inert({RULES + "bpu_price_multiplier": 1.0, RULES + "bpu_jht_required": False}, "rules")
