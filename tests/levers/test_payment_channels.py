"""Rule tests of more payment channels (levers/payment_channels.py).

Pinned: from its start month (not before) payment ease rises by ``extra_ease``
(``model.extra_payment_ease``), and every BPU contribution paid that month (counted by
``contributions`` in ``model.last_bpu_payments``, worker agents) costs ``cost_per_payment`` x persons
per agent; the same payments in persons cost the same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model

from enrolsim.core.codes import Scheme, Segment, Status
from enrolsim.processes.contributions import contributions
from worlds import put

PC = EXT + "payment_channels."


def test_paying_is_easier_from_the_start_month():
    model = lever_model({PC + "extra_ease": 0.3, PC + "start": "2017-03"})
    for _ in range(2):
        model.step()
        assert model.extra_payment_ease == 0.0 and model.indicators["cost_payment_channels"] == 0
    model.step()
    model.step()
    assert model.extra_payment_ease == 0.3, "the ease is added once, not every month"


def test_each_bpu_payment_of_the_month_is_paid_for():
    """Five active BPU participants who never miss (the quiet world), three PU participants: five payments."""
    model = lever_model({PC + "extra_ease": 0.3, PC + "cost_per_payment": 3_100.0})
    put(model, [0, 1, 2, 3, 4], segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
    put(model, [5, 6, 7], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value)
    contributions(model)
    assert model.last_bpu_payments == 5
    model.levers["payment_channels"].act(model)
    assert model.ledger.costs["payment_channels"] == pytest.approx(5 * model.represents * 3_100.0, rel=1e-12)


def test_payment_channels_off_are_inert():
    assert_inert({PC + "extra_ease": 0.0, PC + "cost_per_payment": 1_000}, "payment_channels")


def test_the_same_payments_in_persons_cost_the_same_at_two_sizes():
    costs = []
    for agents in SIZES:
        model = lever_model({PC + "extra_ease": 0.3, PC + "cost_per_payment": 3_100.0}, agents=agents)
        put(model, np.arange(0, agents, 3), segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
        contributions(model)
        model.levers["payment_channels"].act(model)
        costs.append(model.ledger.costs["payment_channels"])
    assert costs[0] == pytest.approx(667 * 60_980 * 3_100.0, rel=1e-12)
    assert costs[1] == pytest.approx(costs[0], rel=2e-3)  # 667 of 2,000 against 2,667 of 8,000: the same share to 1 in 2,000


def test_the_ease_adds_to_what_other_hooks_have_added():
    model = lever_model({PC + "extra_ease": 0.3, PC + "start": "2017-02"})
    model.extra_payment_ease = 0.1
    model._start_lever("payment_channels")
    assert model.extra_payment_ease == pytest.approx(0.4)
