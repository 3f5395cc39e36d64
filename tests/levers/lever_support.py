"""Helpers shared by the lever rule tests (``tests/levers/test_<lever>.py``), on top of ``tests/worlds.py``.

- ``INT``, ``EXT``, ``LAW``, ``MT``, ``RULES``: the dotted prefixes of the levers' settings.
- ``lever_model(overrides, agents=..., employers=...)``: ``worlds.mock_model`` with ``employers``
  employer units (``employers.mean_size`` chosen so that there are exactly that many), every
  employer unregistered and in good standing unless a test says otherwise (:func:`set_employers`).
- ``set_employers(model, idx, registered=..., worker_share=..., wage_share=..., arrears=...)``.
- ``snapshot(model)``: copies of every worker and employer column, to compare before and after.
- ``assert_inert(overrides, name)``: the lever is not configured at these settings, so it is never
  built or started; the institutions' turn then draws no random number and changes nothing.
- ``firms(model, units)``: the firms employer ``units`` stand for, what per-firm costs are charged on.
- ``SIZES``: two population sizes with the same labour force (persons per agent 60,980 and
  15,245): a world built in proportion at both must cost the same rupiah (within the rounding of
  the size classes' labels over a few dozen units, ``CLASS_ROUNDING``).
"""

from dataclasses import fields
from typing import Any

import numpy as np

from enrolsim.levers import levers_act
from enrolsim.model import EnrolmentModel
from worlds import mock_model

INT, EXT = "strategies.intensification.", "strategies.extensification."
LAW, MT, RULES = "strategies.law_enforcement.", "strategies.micro_targeting.", "strategies.rules."

#: Two population sizes of the same labour force (121.96 million): 60,980 and 15,245 persons per agent.
SIZES = (2_000, 8_000)
#: Wage-earner agents at the start (permanent 0.207 + contract 0.17 of the agents, rounded), by size.
WAGE_AGENTS = {200: 75, 2_000: 754, 8_000: 3_016}


def lever_model(overrides: dict[str, Any] | None = None, *, agents: int = 200, employers: int | None = None, **kwargs: Any) -> EnrolmentModel:
    """A quiet blank model (``worlds.mock_model``) with exactly ``employers`` employer units, all unregistered."""
    settings = dict(overrides or {})
    if employers is not None:
        settings["employers.mean_size"] = WAGE_AGENTS[agents] / employers
    model = mock_model(settings, agents=agents, **kwargs)
    if employers is not None:
        assert model.employers.size == employers
        set_employers(model, np.arange(employers), registered=False, worker_share=1.0, wage_share=1.0, arrears=0)
    return model


def firms(model: EnrolmentModel, units: Any) -> float:
    """The firms employer ``units`` stand for (``Employers.firms_in``): per-firm costs are charged on them."""
    return model.employers.firms_in(np.asarray(units, dtype=np.int64))


#: Relative difference between the firms that the same employers in persons stand for at the two ``SIZES``:
#: the size classes' labels are spread over 30 and 120 units, and their rounding differs (measured: 1-2%).
CLASS_ROUNDING = 0.03


def set_employers(model: EnrolmentModel, idx: Any, **columns: Any) -> np.ndarray:
    """Set employer columns of the real employers ``idx`` (never the sentinel)."""
    idx = np.asarray(idx, dtype=np.int64)
    assert (idx < model.employers.size).all(), "the sentinel is not an employer"
    for name, value in columns.items():
        getattr(model.employers, name)[idx] = value
    return idx


def snapshot(model: EnrolmentModel) -> dict[str, np.ndarray]:
    """Copies of every worker column and every employer column (optional columns that are not there: None)."""
    out = {}
    for prefix, table in (("workers", model.workers), ("employers", model.employers)):
        for f in fields(table):
            value = getattr(table, f.name)
            out[f"{prefix}.{f.name}"] = None if value is None else np.copy(value)
    return out


def changed(before: dict[str, np.ndarray], model: EnrolmentModel) -> list[str]:
    """The columns that differ from ``before``."""
    after = snapshot(model)
    return [name for name in before if not (before[name] is after[name] is None or np.array_equal(before[name], after[name]))]


def rng_state(model: EnrolmentModel) -> dict:
    return model.rng.bit_generator.state


def assert_inert(overrides: dict[str, Any], name: str, *, agents: int = 500) -> None:
    """At ``overrides`` the lever ``name`` is off: not configured, never built nor started, and a
    whole institutions' turn on a drawn (not blank) population draws nothing and changes nothing."""
    model = mock_model(overrides, agents=agents, blank=False)
    lever = model.levers[name]
    assert not lever.configured(), f"{name} is configured at {overrides}"
    assert name not in model.started_levers
    assert len(model.agents) == 0, "an unconfigured lever built institutions"
    before, state = snapshot(model), rng_state(model)
    levers_act(model)
    assert rng_state(model) == state, f"{name} off drew random numbers"
    assert changed(before, model) == []
    assert all(v == 0 for v in model.ledger.costs.values()), model.ledger.costs
    hooks = (model.extra_ease, model.extra_payment_ease, model.retention_miss_factor, model.bpu_price_multiplier, model.bpu_jht_required)
    assert hooks == (0.0, 0.0, 1.0, 1.0, False)
    assert not model.district_extra_ease.any()


def every(model: EnrolmentModel, step: int, offset: int = 0) -> np.ndarray:
    """Rows ``offset, offset + step, ...``: a set of rows in the same proportion at any population size."""
    return np.arange(offset, model.workers.size, step)
