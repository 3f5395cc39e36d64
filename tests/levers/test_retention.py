"""Rule tests of retention (levers/retention.py): reminders, auto-debit and JHT education.

Pinned:
- from its start month, missed BPU payments are multiplied by
  ``(1 - reminder_effect x reminder_coverage) x (1 - auto_debit_effect x auto_debit_share)``
  (``model.retention_miss_factor``, 1 before);
- reminders and auto-debit cost ``reminder_coverage x reminder_cost + auto_debit_share x auto_debit_cost``
  per active BPU participant (persons) a month; wage earners, inactive and never-registered workers cost nothing;
- JHT education: each inactive participant holding a JHT balance is taught with ``jht_education_reach``
  (literacy gains ``jht_education_gain`` toward 1), at ``jht_education_cost`` x persons per agent
  each; nobody else is taught, and without education nothing is drawn;
- the same world in persons costs the same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import INT, SIZES, assert_inert, lever_model, rng_state

from enrolsim.core.codes import Scheme, Segment, Status
from worlds import put

R = INT + "retention."
SETTINGS = {
    R + "reminder_coverage": 0.8,
    R + "reminder_effect": 0.25,
    R + "reminder_cost": 1_100.0,
    R + "auto_debit_share": 0.5,
    R + "auto_debit_effect": 0.6,
    R + "auto_debit_cost": 2_700.0,
}
PER_BPU = 0.8 * 1_100.0 + 0.5 * 2_700.0


def retention_world(agents: int = 200, **settings):
    model = lever_model({**SETTINGS, **{R + k: v for k, v in settings.items()}}, agents=agents)
    put(model, np.arange(agents), literacy=0.2)
    return model


def test_reminders_and_auto_debit_cut_missed_payments_from_the_start_month():
    model = retention_world(start="2017-03")
    assert model.retention_miss_factor == 1.0
    model.step()
    model.step()
    assert model.retention_miss_factor == 1.0 and model.indicators["cost_retention"] == 0
    model.step()
    assert model.retention_miss_factor == pytest.approx((1 - 0.25 * 0.8) * (1 - 0.6 * 0.5), rel=1e-12)


def test_reminders_and_auto_debit_are_paid_per_active_bpu_participant():
    model = retention_world()
    put(model, [0, 1, 2, 3, 4], segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
    put(model, [5, 6], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value)
    put(model, [7], segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, scheme=Scheme.BPU.value)
    state = rng_state(model)
    model.levers["retention"].act(model)
    assert model.ledger.costs["retention"] == pytest.approx(5 * model.represents * PER_BPU, rel=1e-12)
    assert rng_state(model) == state, "no education: nothing drawn"
    assert np.allclose(model.workers.literacy, 0.2)


def test_jht_education_teaches_inactive_holders_of_a_balance_only():
    model = retention_world(reminder_coverage=0.0, auto_debit_share=0.0, jht_education_reach=1.0, jht_education_gain=0.5, jht_education_cost=20_000.0)
    holders = put(model, [0, 1, 2], segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, scheme=Scheme.BPU.value, jht_balance=1e6)
    put(model, [3], segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, scheme=Scheme.BPU.value, jht_balance=0.0)  # nothing to keep
    put(model, [4], segment=Segment.PERMANENT.value, status=Status.ACTIVE.value, scheme=Scheme.PU.value, jht_balance=1e6)  # still paying
    put(model, [5], segment=Segment.INFORMAL.value, status=Status.WITHDRAWN.value, jht_balance=0.0)
    holders = np.append(holders, put(model, [6], segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, jht_balance=0.5))  # any balance
    model.levers["retention"].act(model)
    w = model.workers
    assert np.allclose(w.literacy[holders], 0.6) and np.allclose(np.delete(w.literacy, holders), 0.2)
    assert model.ledger.costs["retention"] == pytest.approx(4 * model.represents * 20_000, rel=1e-12)


def test_jht_education_reach_is_each_holder_s_monthly_chance():
    model = retention_world(agents=2_000, reminder_coverage=0.0, auto_debit_share=0.0, jht_education_reach=0.25, jht_education_gain=0.5)
    put(model, np.arange(0, 2_000, 2), segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, scheme=Scheme.BPU.value, jht_balance=1e6)
    model.levers["retention"].act(model)
    assert 200 <= np.count_nonzero(model.workers.literacy > 0.5) <= 300


def test_retention_off_is_inert():
    off = {R + "reminder_coverage": 0.0, R + "auto_debit_share": 0.0, R + "jht_education_reach": 0.0, R + "reminder_effect": 0.9, R + "auto_debit_effect": 0.9}
    assert_inert(off, "retention")


def test_the_same_world_in_persons_costs_the_same_at_two_sizes():
    """Every 4th worker an active BPU participant, every 8th (offset 1) an inactive holder of a balance, all taught."""
    costs = []
    for agents in SIZES:
        model = retention_world(agents=agents, jht_education_reach=1.0, jht_education_cost=20_000.0)
        put(model, np.arange(0, agents, 4), segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
        put(model, np.arange(1, agents, 8), segment=Segment.INFORMAL.value, status=Status.INACTIVE.value, scheme=Scheme.BPU.value, jht_balance=5e5)
        model.levers["retention"].act(model)
        costs.append(model.ledger.costs["retention"])
    assert costs[0] == pytest.approx(60_980 * (500 * PER_BPU + 250 * 20_000), rel=1e-12)
    assert costs[1] == pytest.approx(costs[0], rel=1e-12)


@pytest.mark.parametrize("setting", ["reminder_coverage", "auto_debit_share", "jht_education_reach"])
def test_any_one_of_its_three_parts_switches_retention_on(setting):
    """A small coverage, share or reach (0.1) of one part alone, the others 0, configures the lever."""
    parts = dict.fromkeys(("reminder_coverage", "auto_debit_share", "jht_education_reach"), 0.0)
    model = lever_model({R + k: v for k, v in {**parts, setting: 0.1}.items()})
    assert model.levers["retention"].configured()
    assert not lever_model({R + k: v for k, v in parts.items()}).levers["retention"].configured()
