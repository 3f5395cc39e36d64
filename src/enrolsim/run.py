"""``simulate(scenario, seed)``: one run of the model, returned as tidy tables with metadata."""

import platform
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from enrolsim._version import __version__
from enrolsim.core.months import format_month
from enrolsim.model import EnrolmentModel
from enrolsim.scenario.schema import Scenario


@dataclass
class Result:
    """A finished run: one row a month, one column an indicator, and where it came from."""

    timeseries: pd.DataFrame
    scenario: Scenario
    seed: int
    version: str = __version__
    meta: dict[str, object] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        """Final figures and provenance, as written to ``summary.json``."""
        last = self.timeseries.iloc[-1]
        finals = {name: _plain(value) for name, value in last.items() if name != "month"}
        return {
            "scenario": self.scenario.name,
            "scenario_hash": self.scenario.digest(),
            "seed": self.seed,
            "enrolsim_version": self.version,
            "start": self.scenario.start,
            "end": str(last["month"]),
            "months": len(self.timeseries),
            "agents": self.scenario.population.agents,
            **self.meta,
            "final": finals,
        }


def _plain(value: object) -> object:
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    return value


def simulate(
    scenario: Scenario,
    seed: int = 0,
    *,
    on_month: Callable[[int], None] | None = None,
) -> Result:
    """Run ``scenario`` with ``seed`` for ``scenario.months`` months.

    ``on_month`` is called after every month with the number of months done (progress bars).
    The result depends on the scenario and the seed only.
    """
    model = EnrolmentModel(scenario, rng=seed)
    for done in range(1, scenario.months + 1):
        model.step()
        if on_month is not None:
            on_month(done)
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    months = [format_month(scenario.start_month + i) for i in range(len(frame))]
    frame.insert(0, "month", months)
    meta = {
        "persons_per_agent_at_start": scenario.population.labour_force / scenario.population.agents,
        "python": platform.python_version(),
    }
    return Result(timeseries=frame, scenario=scenario, seed=seed, meta=meta)
