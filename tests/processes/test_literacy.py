"""Insurance literacy (processes/literacy.py) on hand-built worlds.

Pins ``L <- L + peer_learning x S_g x (1 - L) - decay x L`` on hand-set literacy and peer groups,
with ``S_g`` the group's active share at the start of the month (not after changes within it), and
the campaign visit ``L <- L + campaign_gain x (1 - L)`` after it.
"""

import numpy as np
import pytest

from enrolsim.core.codes import Scheme, Segment, Status
from enrolsim.processes.literacy import literacy
from worlds import mock_model, put, start_month


def world(overrides):
    """Village 0: four informal workers, row 0 active (peer share 1/4); everyone at literacy 0.5."""
    model = mock_model(overrides)
    put(model, np.arange(model.workers.size), literacy=0.5)
    put(model, [0, 1, 2, 3], segment=Segment.INFORMAL.value)
    put(model, [0], status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
    start_month(model)
    return model


def test_literacy_is_learnt_from_the_active_share_of_peers_and_decays():
    model = world({"literacy.peer_learning": 0.2, "literacy.decay": 0.1})
    put(model, [2], literacy=0.8)
    literacy(model)
    lit = model.workers.literacy
    assert lit[1] == pytest.approx(0.5 + 0.2 * 0.25 * 0.5 - 0.1 * 0.5, rel=1e-6)  # 0.475
    assert lit[2] == pytest.approx(0.8 + 0.2 * 0.25 * 0.2 - 0.1 * 0.8, rel=1e-6)  # 0.73
    assert lit[10] == pytest.approx(0.5 - 0.1 * 0.5, rel=1e-6)  # an unemployed worker: no active peers


def test_the_peer_share_is_the_one_at_the_start_of_the_month():
    model = world({"literacy.peer_learning": 0.2, "literacy.decay": 0.0})
    put(model, [2, 3], status=Status.ACTIVE.value, scheme=Scheme.BPU.value)  # enrol during the month
    literacy(model)
    assert model.workers.literacy[1] == pytest.approx(0.5 + 0.2 * 0.25 * 0.5, rel=1e-6)
    start_month(model)  # next month the group is 3/4 active
    literacy(model)
    assert model.workers.literacy[1] == pytest.approx(0.525 + 0.2 * 0.75 * 0.475, rel=1e-6)


def test_a_campaign_closes_campaign_gain_of_the_gap_to_full_literacy():
    model = world({"literacy.campaign_reach": 1.0, "literacy.campaign_gain": 0.15})
    put(model, [0, 1, 2], literacy=[0.2, 0.0, 1.0])
    literacy(model)
    assert model.workers.literacy[[0, 1, 2, 10]] == pytest.approx([0.32, 0.15, 1.0, 0.575], rel=1e-6)


def test_without_peers_decay_or_campaigns_literacy_stays():
    model = world({})
    before = model.workers.literacy.copy()
    literacy(model)
    assert np.array_equal(model.workers.literacy, before)
