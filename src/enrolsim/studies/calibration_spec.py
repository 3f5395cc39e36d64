"""Calibration files: the parameters to fit with their bounds, the observed targets, their weights and the budget.

:func:`load_calibration` validates a file, its base scenario, every parameter against the scenario
schema and every target against the data file, before anything runs.
"""

from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from enrolsim.core.errors import ExperimentError, InputError
from enrolsim.core.months import parse_month
from enrolsim.core.shipped import locate
from enrolsim.core.strict import Strict
from enrolsim.experiments.experiment import read_spec
from enrolsim.indicators import INDICATORS
from enrolsim.scenario.loading import load_scenario, with_overrides
from enrolsim.scenario.parameters import parameter_info
from enrolsim.scenario.schema import Scenario

#: Loss weight of a figure by its reliability code in the data (A official ... D conflicting).
RELIABILITY_WEIGHTS = {"A": 1.0, "B": 0.6, "C": 0.3, "D": 0.05}


class Target(Strict):
    """One observed figure and how the model is read to match it."""

    indicator: str = Field(description="indicator (or metric) column of the data file")
    segment: str = "all"
    date: str = Field(description="date (or ref_date) column of the data file (YYYY-MM-DD)")
    model: list[str] = Field(min_length=1, description="model indicators summed (e.g. [new_registrations, reactivations])")
    how: Literal["at", "year_sum", "to_date"] = Field(
        "at",
        description="at: the value in the date's month; year_sum: summed over the date's calendar year; to_date: summed from January to the date's month",
    )
    scale: float | None = Field(None, gt=0, description="model value x scale is in the data's unit (default: from the unit column, 1e-6 for millions)")
    weight: float = Field(1.0, ge=0, le=1000, description="multiplies the weight of the figure's reliability code (A 1, B 0.6, C 0.3, D 0.05)")
    reliability: Literal["A", "B", "C", "D"] | None = Field(
        None, description="overrides the data file's code (e.g. a figure the data call A but that conflicts)"
    )
    data: str | None = Field(None, description="another data file for this figure, relative to the calibration file")
    model_month: str | None = Field(None, description="the model's month read (YYYY-MM), when the figure is dated later than what it describes")

    @field_validator("model")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        for name in value:
            if name not in INDICATORS:
                raise ValueError(f"{name!r} is not an indicator")
        return value


class Budget(Strict):
    """How many candidates, in batches of how many, with how many replications each."""

    trials: int = Field(40, ge=1, le=100_000)
    batch: int = Field(4, ge=1, le=1000)
    replications: int = Field(2, ge=1, le=1000)
    best: int = Field(5, ge=1, le=1000, description="best candidates whose spread and bands are reported")
    ensemble: int = Field(40, ge=1, le=100_000, description="best candidates kept, with weights, as the ensemble of parameter sets (ensemble.csv)")


class CalibrationSpec(Strict):
    """The contents of a calibration file."""

    name: str
    description: str = ""
    scenario: str = Field(description="Base scenario file, relative to the calibration file")
    data: str = Field("../data/bpjstk_history.csv", description="Observed data, relative to the calibration file")
    settings: dict[str, Any] = Field(default_factory=dict)
    parameters: dict[str, tuple[float, float]] = Field(min_length=1, description="dotted key: [low, high]")
    log_scale: list[str] = Field(default_factory=list, description="parameters searched on a log scale")
    targets: list[Target] = Field(min_length=1)
    budget: Budget = Field(default_factory=Budget)
    seed: int = Field(0, ge=0, le=2**32 - 1)

    @model_validator(mode="after")
    def _checks(self) -> "CalibrationSpec":
        for key, (lo, hi) in self.parameters.items():
            if not lo < hi:
                raise ValueError(f"parameters.{key}: [{lo}, {hi}] must have low < high")
        for key in self.log_scale:
            if key not in self.parameters:
                raise ValueError(f"log_scale: {key} is not among the parameters")
            if self.parameters[key][0] <= 0:
                raise ValueError(f"log_scale: {key} needs a positive low bound")
        return self


class Calibration:
    """A validated calibration: spec, base scenario, and the observed value of every target."""

    def __init__(
        self, spec: CalibrationSpec, source: str, folder: Path, base: Scenario, observed: list[float], weights: list[float], scales: list[float]
    ) -> None:
        self.spec, self.source, self.folder, self.base, self.observed = spec, source, folder, base, observed
        self.weights, self.scales = weights, scales  # each target's loss weight (reliability x weight) and unit scale

    def target_label(self, i: int) -> str:
        t = self.spec.targets[i]
        return f"{t.indicator}{'' if t.segment == 'all' else '/' + t.segment} {t.date}"


def load_calibration(path: str | Path, overrides: dict[str, Any] | None = None) -> Calibration:
    """Read and validate a calibration file (or a shipped one, by name), its scenario, its parameters and its targets."""
    path = locate(path, "calibration", ExperimentError)
    source = str(path)
    spec = read_spec(path, CalibrationSpec, overrides)
    base = load_scenario(path.parent / spec.scenario)
    try:
        base = with_overrides(base, spec.settings, source=source) if spec.settings else base
    except InputError as exc:
        raise ExperimentError(source, f"settings.{getattr(exc, 'key', '')}", getattr(exc, "problem", str(exc))) from None
    for key, (lo, hi) in spec.parameters.items():
        info = parameter_info(key)
        if info is None or info.kind == "other":
            raise ExperimentError(source, f"parameters.{key}", "is not a numeric scenario parameter (see docs/parameters.md)")
        if (info.lo is not None and lo < info.lo) or (info.hi is not None and hi > info.hi):
            raise ExperimentError(source, f"parameters.{key}", f"[{lo:g}, {hi:g}] goes outside the parameter's range {info.lo} .. {info.hi}")
    tables: dict[str, pd.DataFrame] = {}
    observed, weights, scales = [], [], []
    first, last = base.start_month, base.start_month + base.months - 1
    for i, t in enumerate(spec.targets):
        name = t.data or spec.data
        if name not in tables:
            try:
                table = pd.read_csv(path.parent / name).rename(columns={"metric": "indicator", "ref_date": "date"})
                tables[name] = table.replace({"segment": {"total": "all"}})  # the sources file says total
            except OSError as exc:
                raise ExperimentError(source, f"targets.{i}.data" if t.data else "data", f"cannot be read ({exc})") from None
        table = tables[name]
        rows = table[(table["indicator"] == t.indicator) & (table["segment"] == t.segment) & (table["date"] == t.date)]
        if len(rows) != 1:
            raise ExperimentError(source, f"targets.{i}", f"{t.indicator}/{t.segment} on {t.date}: {len(rows)} rows in {name} (expected 1)")
        month = parse_month(t.model_month) if t.model_month else _month_of(t.date)
        if not first <= month <= last:
            raise ExperimentError(source, f"targets.{i}.date", f"{t.date} is outside the simulated window")
        row = rows.iloc[0]
        observed.append(float(row["value"]))
        code = t.reliability or (str(row["reliability"]) if "reliability" in row and isinstance(row["reliability"], str) else "A")
        weights.append(t.weight * RELIABILITY_WEIGHTS[code])
        unit = str(row.get("unit", ""))
        scales.append(t.scale if t.scale is not None else (1e-6 if unit.startswith("million") else 1.0))
    return Calibration(spec, source, path.parent, base, observed, weights, scales)


def _month_of(date: str) -> int:
    from enrolsim.core.months import parse_month

    return parse_month(date[:7])
