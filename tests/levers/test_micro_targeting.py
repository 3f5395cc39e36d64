"""Rule tests of micro-targeting (levers/micro_targeting.py, actions/targeting.py ``village_factor``).

Pinned: until the lever has started, outreach is even (``village_factor`` is ``None``); once started
each village weighs its predicted uptake raised to ``sharpness``, so that a sharp targeting sends
every contact to the village whose records show self-paying BPU registrations; the analytics cost
``unit_cost`` a month, a national cost the same at any number of agents, and draw nothing.
(That the prediction reads only what the agency can see is test_targeting.py's.)
"""

import numpy as np
from lever_support import MT, SIZES, assert_inert, lever_model, rng_state

from enrolsim.actions.outreach import contact
from enrolsim.actions.targeting import monthly_prediction, village_factor
from enrolsim.core.codes import Payer, Scheme, Segment, Status
from worlds import put

ON = {MT + "enabled": True, MT + "sharpness": 10.0, MT + "unit_cost": 4e8}


def targeted_world(**settings):
    """Ten uncovered informal workers in each village; five self-paying BPU participants joined this month in village 0."""
    model = lever_model({**ON, **{MT + k: v for k, v in settings.items()}})
    first = model.village_first_row
    for v in range(4):
        put(model, np.arange(first[v], first[v] + 10), segment=Segment.INFORMAL.value)
    put(model, np.arange(first[0] + 10, first[0] + 15), segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
    put(model, np.arange(first[0] + 10, first[0] + 15), payer=Payer.SELF.value, enrolled_month=0)
    return model


def test_outreach_goes_where_uptake_is_predicted_once_started():
    model = targeted_world()
    factor = village_factor(model)
    assert factor is not None and np.allclose(factor, monthly_prediction(model) ** 10.0)
    assert factor[0] > 1e6 * factor[1:].max()
    reached = contact(model, 5 * model.represents)
    first = model.village_first_row
    assert reached.size == 5 and ((reached >= first[0]) & (reached < first[0] + 10)).all()


def test_outreach_is_even_before_the_start_month():
    model = targeted_world(start="2017-06")
    assert "micro_targeting" not in model.started_levers and village_factor(model) is None


def test_the_analytics_cost_the_same_at_any_size_and_draw_nothing():
    costs = []
    for agents in SIZES:
        model = lever_model(ON, agents=agents)
        state = rng_state(model)
        model.levers["micro_targeting"].act(model)
        assert rng_state(model) == state
        costs.append(model.ledger.costs["micro_targeting"])
    assert costs == [4e8, 4e8]


def test_micro_targeting_off_is_inert():
    model = lever_model({MT + "enabled": False, MT + "sharpness": 5.0})
    assert village_factor(model) is None
    assert_inert({MT + "enabled": False, MT + "sharpness": 5.0}, "micro_targeting")
