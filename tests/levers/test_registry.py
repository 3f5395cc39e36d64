"""Rule tests of the lever registry and the institutions' turn (levers/__init__.py, levers/base.py).

Pinned: every lever module is in ``LEVERS`` once, each reading its own section of the scenario's
``strategies``; the cost lines are the levers that spend, in the registry's order, and the month's
``programme_cost`` is their sum; the turn acts only the started levers, all employer sides first, then
brings employers' workers in line once, then all worker sides; a lever's own state is fresh per model.
"""

import numpy as np
import pytest
from lever_support import EXT, INT, lever_model, set_employers

from enrolsim.core.codes import Scheme, Segment, Status
from enrolsim.indicators import compute
from enrolsim.levers import COST_LINES, LEVERS, Lever, levers_act, levers_of
from enrolsim.scenario.schema import Scenario
from worlds import put

MODULES = (
    "audits",
    "arrears_collection",
    "law_enforcement",
    "local_government",
    "platforms",
    "perisai",
    "ecosystems",
    "sertakan",
    "nyalakan",
    "retention",
    "service_points",
    "payment_channels",
    "micro_targeting",
    "rules",
)


def test_every_lever_module_is_registered_once_with_its_own_settings():
    assert tuple(lever.name for lever in LEVERS) == MODULES
    strategies = Scenario().strategies
    levers = levers_of(strategies)
    for name, lever in levers.items():
        settings = strategies
        for part in type(lever).section.split("."):
            settings = getattr(settings, part)
        assert lever.settings is settings and lever.name == name
        assert not lever.configured(), f"{name} is on in the status quo"
    assert levers_of(strategies)["sertakan"] is not levers["sertakan"], "a lever's state is the model's own"


def test_cost_lines_are_the_spending_levers_in_order():
    assert tuple(name for name in MODULES if name != "rules") == COST_LINES


def test_a_lever_must_say_when_it_is_configured_and_its_hooks_do_nothing_by_default():
    class Bare(Lever):
        name = "bare"
        section = "intensification.audits"

    bare = Bare(Scenario().strategies)
    assert bare.settings is not None and bare.has_cost
    with pytest.raises(NotImplementedError):
        bare.configured()
    model = lever_model(employers=2)
    for hook in (bare.build, bare.start, bare.act_on_employers, bare.act):
        assert hook(model) is None
    assert sum(model.ledger.costs.values()) == 0 and not model.employer_changes.any()


def test_programme_cost_is_the_sum_of_the_lines():
    model = lever_model({EXT + "service_points.extra_ease": 0.1, EXT + "service_points.monthly_cost": 1e9, "strategies.micro_targeting.enabled": True})
    levers_act(model)
    values = compute(model)
    assert values["cost_service_points"] == 1e9 and values["cost_micro_targeting"] == 5e8
    assert values["programme_cost"] == 1.5e9
    assert all(values[f"cost_{line}"] == 0 for line in COST_LINES if line not in ("service_points", "micro_targeting"))


def test_the_turn_acts_only_started_levers():
    model = lever_model({INT + "audits.rate": 1.0, INT + "audits.start": "2017-06"}, employers=3)
    set_employers(model, [0], registered=True, worker_share=0.5)
    levers_act(model)
    assert model.employers.worker_share[0] == np.float32(0.5) and model.ledger.costs["audits"] == 0
    model._start_lever("audits")
    levers_act(model)
    assert model.ledger.costs["audits"] > 0


def test_employers_workers_follow_between_the_employer_side_and_the_worker_side():
    """An audit (employer side) makes employer 0 declare everyone; its worker is active before the worker side runs,
    so Nyalakan (worker side) finds an active helper in the same turn and registers the uncovered worker of the village."""
    model = lever_model({INT + "audits.rate": 1.0, INT + "audits.effect": 1.0, EXT + "nyalakan.rate": 1.0, EXT + "nyalakan.completion": 1.0}, employers=1)
    set_employers(model, [0], registered=True, worker_share=0.0)
    put(model, [0], segment=Segment.PERMANENT.value, employer=0, income=2_000_000.0)
    put(model, [5], segment=Segment.INFORMAL.value)
    levers_act(model)
    w = model.workers
    assert w.status[0] == Status.ACTIVE.value and w.scheme[0] == Scheme.PU.value
    assert w.status[5] == Status.ACTIVE.value and w.scheme[5] == Scheme.BPU.value
    assert not model.employer_changes.any()
