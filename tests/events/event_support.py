"""Helpers of the event tests (``tests/events/test_<event>.py``).

- ``history_events()``: the ``events`` section of ``scenarios/history.yaml`` as written (the magnitudes the
  history uses), read without its base, so the tests do not depend on the calibrated scenario.
- ``window(start, months, events=None, agents=...)``: the baseline moved to ``start`` for ``months``
  months, with ``events`` (a dict of event lists) and no other change: a short run around one event.
- ``paired(with_event, without, seeds)``: each seed's two time series (indexed by month), run with the
  same seed; before the event begins they are identical (an event that has not begun draws nothing).
"""

from typing import Any

import pandas as pd

import enrolsim
from conftest import SCENARIOS, small
from enrolsim.core.files import read_mapping
from enrolsim.scenario.schema import Scenario

HISTORY = SCENARIOS / "history.yaml"


def history_events() -> dict[str, list[dict[str, Any]]]:
    """The event lists of ``scenarios/history.yaml``, by kind."""
    return read_mapping(HISTORY)["events"]


def window(start: str, months: int, events: dict[str, Any] | None = None, *, agents: int = 10_000, overrides: dict[str, Any] | None = None) -> Scenario:
    """The baseline from ``start`` for ``months`` months with ``events`` (and ``overrides``)."""
    settings = {"start": start, **{f"events.{kind}": items for kind, items in (events or {}).items()}, **(overrides or {})}
    return small(overrides=settings, agents=agents, months=months)


def paired(with_event: Scenario, without: Scenario, seeds: tuple[int, ...]) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """Both scenarios with each seed: (with, without) time series indexed by month."""
    return [(enrolsim.simulate(with_event, s).timeseries.set_index("month"), enrolsim.simulate(without, s).timeseries.set_index("month")) for s in seeds]


def same_until(a: pd.DataFrame, b: pd.DataFrame, month: str) -> None:
    """The two runs agree in every indicator up to the month before ``month`` (the event begins in ``month``)."""
    before = a.index[a.index < month]
    pd.testing.assert_frame_equal(a.loc[before], b.loc[before])
