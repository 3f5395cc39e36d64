"""Rule tests of Nyalakan (levers/nyalakan.py): active participants register someone of their village through the app.

Pinned: each worker is drawn with ``rate``; only active ones help; a helper picks one uncovered
non-wage worker of their own village (none if the village has none); a worker picked by two helpers
registers once; the registration completes with ``completion`` (BPU, paying for themselves); each
completed registration costs ``unit_cost`` x persons per agent; the same world in persons costs the
same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from worlds import put, uniform_draws

N = EXT + "nyalakan."
UNIT_COST = 9_999.0


def nyalakan_world(*, rate: float = 1.0, completion: float = 1.0, agents: int = 200):
    model = lever_model({N + "rate": rate, N + "completion": completion, N + "unit_cost": UNIT_COST}, agents=agents)
    return model, model.village_first_row


def helper(model, rows) -> np.ndarray:
    return put(model, rows, segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value)


def test_a_helper_registers_the_uncovered_worker_of_their_village():
    """Village 0: a helper and one uncovered informal worker; village 1: a helper and nobody to register; village 2: an
    uncovered worker and no helper; village 3: an inactive participant (not a helper) and an uncovered platform partner."""
    model, first = nyalakan_world()
    helper(model, [first[0], first[1]])
    put(model, [first[0] + 5, first[2] + 5], segment=Segment.INFORMAL.value)
    put(model, [first[3]], segment=Segment.PERMANENT.value, status=Status.INACTIVE.value, scheme=Scheme.PU.value)
    put(model, [first[3] + 5], segment=Segment.PLATFORM.value)
    model.levers["nyalakan"].act(model)
    w = model.workers
    new = np.flatnonzero((w.status == Status.ACTIVE.value) & (w.scheme == Scheme.BPU.value))
    assert new.tolist() == [first[0] + 5]
    assert w.payer[new[0]] == Payer.SELF.value and model.flows.new_registrations == 1
    assert model.ledger.costs["nyalakan"] == pytest.approx(model.represents * UNIT_COST, rel=1e-12)


def test_two_helpers_picking_the_same_worker_register_them_once():
    model, first = nyalakan_world()
    helper(model, [first[0], first[0] + 1, first[0] + 2])
    put(model, [first[0] + 5], segment=Segment.INFORMAL.value)
    model.levers["nyalakan"].act(model)
    assert model.flows.new_registrations == 1
    assert model.ledger.costs["nyalakan"] == pytest.approx(model.represents * UNIT_COST, rel=1e-12)


def test_incomplete_registrations_cost_nothing_and_change_nothing():
    model, first = nyalakan_world(completion=0.0)
    helper(model, [first[0]])
    put(model, [first[0] + 5], segment=Segment.INFORMAL.value)
    model.levers["nyalakan"].act(model)
    assert model.flows.new_registrations == 0 and model.ledger.costs["nyalakan"] == 0


def test_rate_is_each_participant_s_monthly_chance_to_help():
    """1,000 helpers among 2,000 workers (four villages) at rate 0.1 give about 100 helpers, each picking among the 250 or so
    uncovered workers of their village: about 95 distinct registrations."""
    model = lever_model({N + "rate": 0.1, N + "completion": 1.0}, agents=2_000)
    rows = np.arange(2_000)
    helper(model, rows[::2])
    put(model, rows[1::2], segment=Segment.INFORMAL.value)
    model.levers["nyalakan"].act(model)
    assert 65 <= model.flows.new_registrations <= 125


def test_nyalakan_off_is_inert():
    assert_inert({N + "rate": 0.0, N + "completion": 0.9}, "nyalakan")


def test_the_same_world_in_persons_costs_the_same_at_two_sizes():
    """Every 20th worker uncovered and informal, everyone else an active helper (19 helpers per uncovered worker in each village):
    every uncovered worker is picked, so the same persons register and the cost is the same rupiah at both sizes."""
    costs = []
    for agents in SIZES:
        model, _ = nyalakan_world(agents=agents)
        rows = np.arange(agents)
        helper(model, rows[rows % 20 != 0])
        put(model, rows[::20], segment=Segment.INFORMAL.value)
        model.levers["nyalakan"].act(model)
        costs.append(model.ledger.costs["nyalakan"])
    assert costs[0] == pytest.approx(100 * 60_980 * UNIT_COST, rel=1e-12) and costs[1] == pytest.approx(costs[0], rel=1e-12)


def test_a_registration_completes_when_its_draw_is_under_completion():
    for completion, done in ((0.5, 0), (0.5000001, 1)):
        model, first = nyalakan_world(completion=completion)
        helper(model, [first[0]])
        put(model, [first[0] + 5], segment=Segment.INFORMAL.value)
        with uniform_draws(model, 0.5):
            model.levers["nyalakan"].act(model)
        assert model.flows.new_registrations == done, completion
