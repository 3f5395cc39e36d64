"""Rule tests of more service points (levers/service_points.py).

Pinned: from its start month (not before) registration ease rises by ``extra_ease`` everywhere
(``model.extra_ease``), and the points cost ``monthly_cost`` a month: a national cost, the same
whatever the number of agents (no persons-per-agent factor), charged only once started.
"""

import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model, rng_state

SP = EXT + "service_points."


def test_registration_is_easier_from_the_start_month():
    model = lever_model({SP + "extra_ease": 0.35, SP + "monthly_cost": 1.5e9, SP + "start": "2017-03"})
    for _ in range(2):
        model.step()
        assert model.extra_ease == 0.0 and model.indicators["cost_service_points"] == 0
    model.step()
    assert model.extra_ease == 0.35 and model.indicators["cost_service_points"] == 1.5e9
    model.step()
    assert model.extra_ease == 0.35, "the ease is added once, not every month"


def test_the_monthly_cost_is_national_and_draws_nothing():
    costs = []
    for agents in SIZES:
        model = lever_model({SP + "extra_ease": 0.2, SP + "monthly_cost": 1.5e9}, agents=agents)
        state = rng_state(model)
        model.levers["service_points"].act(model)
        assert rng_state(model) == state
        costs.append(model.ledger.costs["service_points"])
    assert costs == pytest.approx([1.5e9, 1.5e9], rel=1e-15)


def test_service_points_off_are_inert():
    assert_inert({SP + "extra_ease": 0.0, SP + "monthly_cost": 1e9}, "service_points")


def test_the_ease_adds_to_what_other_hooks_have_added():
    """``model.extra_ease`` is a sum of what every source adds (a hook, neutral at 0): the lever adds, never overwrites."""
    model = lever_model({SP + "extra_ease": 0.35, SP + "start": "2017-02"})
    model.extra_ease = 0.1
    model._start_lever("service_points")
    assert model.extra_ease == pytest.approx(0.45)
