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
    errors: list[str] = field(default_factory=list)  # each failed run's error line, in the order they failed
    wall_time: float = 0.0

    @property
    def failed(self) -> int:
        """Runs that raised in this call."""
        return len(self.failed_ids)

    def failure(self, kept: bool = True) -> str:
        """One line on this call's failed runs: how many, which, the first error, where the others are (when the
        store is ``kept``), and what to do. When every worker process died before any run finished, retrying
        would fail again, so the line says what usually causes it instead."""
        shown = ", ".join(str(i) for i in self.failed_ids[:10]) + (", ..." if self.failed > 10 else "")
        where = f"; errors in {self.store / 'failed'}" if kept else ""
        advice = "run the same command again to retry them"
        if self.finished == 0 and all(error.startswith("BrokenProcessPool") for error in self.errors):
            advice = (
                "every worker process died before a run finished: out of memory, or a script of your own that calls enrolsim"
                ' outside `if __name__ == "__main__":` (each worker imports the script again; executor="serial" needs no guard)'
            )
        return f"{self.failed} runs failed (run ids {shown}; the first: {self.errors[0]}){where}; {advice}"
