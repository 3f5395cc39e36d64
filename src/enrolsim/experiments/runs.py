"""One run of an experiment as it travels: the spec a worker receives, the outcome it sends back, and the report of a call.

Workers receive a :class:`RunSpec` (a run id, a seed, the run's scenario as plain JSON data and
what to keep: a few kilobytes), never a model, and send back a :class:`RunOutcome` with the kept
indicator series. A run's result depends on its spec only (scenario and seed), never on where it ran.
"""

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs for one run."""

    run_id: int
    seed: int
    scenario: dict[str, Any]  # Scenario.model_dump(mode="json") of the run's design point
    indicators: tuple[str, ...]
    months: str | tuple[str, ...]  # "all", "last" or the months kept


@dataclass
class RunOutcome:
    """A run's result as sent back to the writer."""

    run_id: int
    ok: bool
    table: pd.DataFrame | None = None
    error: str = ""
    traceback: str = ""
    wall_time: float = 0.0


def execute(spec: RunSpec) -> RunOutcome:
    """Run one spec; never raises (an exception becomes a failed outcome)."""
    from enrolsim.run import simulate
    from enrolsim.scenario.schema import Scenario

    start = time.perf_counter()
    try:
        scenario = Scenario.model_validate(spec.scenario)
        frame = simulate(scenario, seed=spec.seed).timeseries
        frame = frame[["month", *spec.indicators]]
        if spec.months == "last":
            frame = frame.iloc[[-1]]
        elif spec.months != "all":
            frame = frame[frame["month"].isin(spec.months)]
        frame = frame.reset_index(drop=True)
        frame.insert(0, "run_id", spec.run_id)
        return RunOutcome(spec.run_id, True, table=frame, wall_time=time.perf_counter() - start)
    except Exception as exc:
        return _failed(spec, exc, time.perf_counter() - start)


def _failed(spec: RunSpec, exc: BaseException, wall_time: float = 0.0) -> RunOutcome:
    line = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return RunOutcome(spec.run_id, False, error=line, traceback="".join(traceback.format_exception(exc)), wall_time=wall_time)


@dataclass
class RunReport:
    """What one call of :func:`run_experiment` did."""

    store: Path
    total: int
    skipped: int  # finished before this call
    finished: int = 0
    failed_ids: list[int] = field(default_factory=list)
    wall_time: float = 0.0

    @property
    def failed(self) -> int:
        """Runs that raised in this call."""
        return len(self.failed_ids)
