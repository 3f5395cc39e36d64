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
from enrolsim.world.districts import DISTRICT_COLUMNS, district_figures
from enrolsim.world.geography import geography_of


@dataclass
class Result:
    """A finished run: one row a month, one column an indicator, and where it came from."""

    timeseries: pd.DataFrame
    scenario: Scenario
    seed: int
    version: str = __version__
    meta: dict[str, object] = field(default_factory=dict)
    #: One row a district and month (``simulate(..., by_district=True)``), else None.
    districts: pd.DataFrame | None = None

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
    by_district: bool = False,
) -> Result:
    """Run ``scenario`` with ``seed`` for ``scenario.months`` months.

    ``on_month`` is called after every month with the number of months done (progress bars).
    ``by_district`` also keeps each month's figures by district (``Result.districts``,
    ``world/districts.py``); they draw no random number, so the run is the same with or without
    them. The result depends on the scenario and the seed only.
    """
    model = EnrolmentModel(scenario, rng=seed)
    district_months: list[dict[str, np.ndarray]] = []
    for done in range(1, scenario.months + 1):
        model.step()
        if by_district:
            district_months.append(districts_now(model))
        if on_month is not None:
            on_month(done)
    frame = timeseries_of(model)
    meta = {
        "persons_per_agent_at_start": scenario.population.labour_force / scenario.population.agents,
        "python": platform.python_version(),
    }
    districts = district_table(scenario, district_months) if by_district else None
    return Result(timeseries=frame, scenario=scenario, seed=seed, meta=meta, districts=districts)


def districts_now(model: EnrolmentModel) -> dict[str, np.ndarray]:
    """This month's figures by district (``world/districts.py``), in persons at the month's persons per agent."""
    represents = model.indicators["labour_force"] / model.workers.size  # the month's, as its indicators read it
    return district_figures(model.workers, model.village_first_row, model.geography, represents)


def timeseries_of(model: EnrolmentModel) -> pd.DataFrame:
    """The months run so far, one row a month (``month`` as ``YYYY-MM``, then every indicator)."""
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    frame.insert(0, "month", [format_month(model.params.start_month + i) for i in range(len(frame))])
    return frame


def district_table(scenario: Scenario, months: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """One row a district and month: the month, the province and district (BPS code and name), and ``DISTRICT_COLUMNS``."""
    geo = geography_of(scenario)
    province = geo.district_province
    table = pd.DataFrame(
        {
            "month": np.repeat([format_month(scenario.start_month + i) for i in range(len(months))], geo.n_districts),
            "province_code": np.tile(geo.province_code[province], len(months)),
            "province": pd.Categorical(np.tile(np.asarray(geo.province_name)[province], len(months)), categories=geo.province_name),
            "district_code": np.tile(geo.district_code, len(months)),
            "district": pd.Categorical(np.tile(np.asarray(geo.district_name), len(months))),
        }
    )
    for column in DISTRICT_COLUMNS:
        table[column] = np.concatenate([m[column] for m in months]) if months else np.zeros(0)
    return table
