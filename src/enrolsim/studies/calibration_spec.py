"""Calibration files: the parameters to fit with their bounds, the observed targets, their weights and the budget.

:func:`load_calibration` validates a file, its base scenario, every parameter against the scenario
schema and every target against the data file, before anything runs.
"""

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator, model_validator

from enrolsim.core.errors import ExperimentError, InputError
from enrolsim.core.months import format_month, parse_month
from enrolsim.core.shipped import locate
from enrolsim.core.strict import FlatSettings, Strict
from enrolsim.experiments.experiment import read_spec
from enrolsim.indicators import INDICATORS
from enrolsim.scenario.loading import load_scenario, with_overrides
from enrolsim.scenario.parameters import parameter_info
from enrolsim.scenario.schema import Scenario

#: Loss weight of a figure by its reliability code in the data (A official ... D conflicting).
RELIABILITY_WEIGHTS = {"A": 1.0, "B": 0.6, "C": 0.3, "D": 0.05}

#: Columns a data file needs (``metric`` and ``ref_date`` are read as ``indicator`` and ``date``); ``unit`` and
#: ``reliability`` are optional.
DATA_COLUMNS = ("indicator", "segment", "date", "value")
_COLUMNS_WANTED = "indicator (or metric), segment, date (or ref_date), value; optionally unit, reliability"

#: Budget fields that do not change the search itself: more candidates continue the same study, and
#: the reporting and the recheck are made afresh from it each time (``Calibration.digest``).
_NOT_SEARCH = {"trials", "batch", "best", "ensemble", "recheck", "recheck_seeds"}


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

    @field_validator("model_month")
    @classmethod
    def _month(cls, value: str | None) -> str | None:
        if value is not None:
            parse_month(value)  # "'2015-13' is not a month written YYYY-MM"
        return value


class Budget(Strict):
    """How many candidates, in batches of how many, with how many replications each."""

    trials: int = Field(40, ge=1, le=100_000)
    batch: int = Field(4, ge=1, le=1000)
    replications: int = Field(2, ge=1, le=1000)
    best: int = Field(5, ge=1, le=1000, description="best candidates whose spread and bands are reported")
    ensemble: int = Field(40, ge=1, le=100_000, description="best candidates kept, with weights, as the ensemble of parameter sets (ensemble.csv)")
    recheck: int = Field(
        0, ge=0, le=1000, description="best candidates of the ensemble run again at seeds 1..recheck_seeds to choose the central set (0: the search's best)"
    )
    recheck_seeds: int = Field(8, ge=1, le=1000, description="seeds each rechecked candidate runs with (1, 2, ...: the runs of tests/test_calibrated.py)")


class Check(Strict):
    """A tolerance the central set must meet when the best candidates are run again (``budget.recheck``).

    A search's best on 2 replications is partly the luck of its seeds, and the loss trades one
    figure against another; the checks say what a fit must not miss whatever its loss. A check
    selects targets by indicator and, optionally, segment, dates, how they are read and reliability
    code; each selected figure's mean over the seeds must lie ``within`` a relative error of the
    observed, or ``between`` two values (a ratio).
    """

    name: str = Field(min_length=1, description="what the check stands for, as reported (e.g. year-end totals 2016-2019)")
    indicators: list[str] = Field(min_length=1, description="indicator column of the targets checked")
    segments: list[str] | None = Field(None, description="their segments (default: any)")
    dates: list[str] | None = Field(None, description="their dates, each YYYY-MM-DD (default: any)")
    period: tuple[str, str] | None = Field(None, description="[first, last] date, inclusive (YYYY-MM-DD; default: any)")
    how: list[Literal["at", "year_sum", "to_date"]] | None = Field(None, description="how they are read (default: any)")
    reliability: list[Literal["A", "B", "C", "D"]] | None = Field(None, description="their reliability codes as weighted (default: any)")
    within: float | None = Field(None, gt=0, allow_inf_nan=False, description="largest relative error |simulated / observed - 1|")
    between: tuple[float, float] | None = Field(None, description="[low, high]: the simulated value itself")

    @model_validator(mode="after")
    def _one_tolerance(self) -> "Check":
        if (self.within is None) == (self.between is None):
            raise ValueError("give exactly one of within (a relative error) and between ([low, high])")
        if self.between is not None and not (np.isfinite(self.between).all() and self.between[0] <= self.between[1]):
            raise ValueError(f"between: [{self.between[0]}, {self.between[1]}] must be two numbers, low <= high")
        for date in (*(self.dates or ()), *(self.period or ())):
            if not _is_date(date):
                raise ValueError(f"{date!r} is not a date YYYY-MM-DD")
        return self

    def selects(self, target: Target, code: str) -> bool:
        """Whether ``target`` (weighted with reliability ``code``) is among those checked."""
        return (
            target.indicator in self.indicators
            and (self.segments is None or target.segment in self.segments)
            and (self.dates is None or target.date in self.dates)
            and (self.period is None or self.period[0] <= target.date <= self.period[1])
            and (self.how is None or target.how in self.how)
            and (self.reliability is None or code in self.reliability)
        )

    def miss(self, observed: float, simulated: float) -> float:
        """How far ``simulated`` lies beyond the tolerance for the figure ``observed`` (0 or less: within it):
        the relative error beyond ``within``, or the distance outside ``between``."""
        if not np.isfinite(simulated):
            return float("inf")
        if self.within is not None:
            return abs(simulated / observed - 1) - self.within
        assert self.between is not None
        return max(self.between[0] - simulated, simulated - self.between[1])


class CalibrationSpec(Strict):
    """The contents of a calibration file."""

    name: str
    description: str = ""
    scenario: str = Field(description="Base scenario file, relative to the calibration file")
    data: str = Field("../data/bpjstk_history.csv", description="Observed data, relative to the calibration file")
    settings: FlatSettings = Field(default_factory=dict)
    parameters: dict[str, tuple[float, float]] = Field(min_length=1, description="dotted key: [low, high]")
    log_scale: list[str] = Field(default_factory=list, description="parameters searched on a log scale")
    targets: list[Target] = Field(min_length=1)
    budget: Budget = Field(default_factory=Budget)
    checks: list[Check] = Field(default_factory=list, description="tolerances the central set must meet at the recheck (budget.recheck)")
    seed: int = Field(0, ge=0, le=2**32 - 1)

    @model_validator(mode="after")
    def _checks(self) -> "CalibrationSpec":
        for key, (lo, hi) in self.parameters.items():
            if not lo < hi:
                raise ValueError(f"parameters.{key}: [{lo}, {hi}] must have low < high")
        names = [check.name for check in self.checks]
        if len(set(names)) < len(names):
            raise ValueError(f"checks: each needs a name of its own (given: {', '.join(names)})")
        if self.budget.recheck > self.budget.ensemble:
            recheck, kept = self.budget.recheck, self.budget.ensemble
            raise ValueError(f"budget.recheck ({recheck}) cannot exceed budget.ensemble ({kept}): the rechecked sets are the ensemble's best")
        for key in self.log_scale:
            if key not in self.parameters:
                raise ValueError(f"log_scale: {key} is not among the parameters")
            if self.parameters[key][0] <= 0:
                raise ValueError(f"log_scale: {key} needs a positive low bound")
        return self


class Calibration:
    """A validated calibration: spec, base scenario, and the observed value of every target."""

    def __init__(
        self,
        spec: CalibrationSpec,
        source: str,
        folder: Path,
        base: Scenario,
        observed: list[float],
        weights: list[float],
        scales: list[float],
        codes: list[str],
    ) -> None:
        self.spec, self.source, self.folder, self.base, self.observed = spec, source, folder, base, observed
        self.weights, self.scales = weights, scales  # each target's loss weight (reliability x weight) and unit scale
        self.codes = codes  # each target's reliability code, as weighted

    def checked(self, check: Check) -> list[int]:
        """The targets ``check`` selects, by index."""
        return [i for i, t in enumerate(self.spec.targets) if check.selects(t, self.codes[i])]

    def digest(self) -> str:
        """A short hash of what defines the search: the parameters and their bounds, the log scales, the
        targets with their observed values, weights and scales, the checks, the settings, the replications,
        the seed and the base scenario's values. A study belongs to one digest (``run_calibration``).

        Left out: the description, the paths of the files (their contents count), and the budget's
        candidates, batch size, reporting and recheck, so that the same file with more ``--trials``
        (or another ``--recheck``) continues the same study.
        """
        spec = self.spec.model_dump(
            mode="json",
            exclude={"description": True, "scenario": True, "data": True, "budget": _NOT_SEARCH, "targets": {"__all__": {"data"}}},
        )
        found = {"observed": self.observed, "weights": self.weights, "scales": self.scales, "codes": self.codes}
        canonical = json.dumps({"spec": spec, "scenario": self.base.digest(), **found}, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

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
    observed, weights, scales, codes = [], [], [], []
    first, last = base.start_month, base.start_month + base.months - 1
    for i, t in enumerate(spec.targets):
        name = t.data or spec.data
        if name not in tables:
            tables[name] = _read_data(path.parent / name, source, f"targets.{i}.data" if t.data else "data")
        table = tables[name]
        rows = table[(table["indicator"] == t.indicator) & (table["segment"] == t.segment) & (table["date"] == t.date)]
        if len(rows) != 1:
            raise ExperimentError(source, f"targets.{i}", f"{t.indicator}/{t.segment} on {t.date}: {len(rows)} rows in {name} (expected 1)")
        if t.model_month and t.how != "at":
            raise ExperimentError(source, f"targets.{i}.model_month", f"applies to a target read at a month (how: at), not to how: {t.how}")
        month = parse_month(t.model_month) if t.model_month else _month_of(t.date)
        window = f"{format_month(first)} .. {format_month(last)}"
        if not first <= month <= last:
            read, key = (t.model_month, "model_month") if t.model_month else (t.date, "date")
            raise ExperimentError(source, f"targets.{i}.{key}", f"{read} is outside the simulated window {window} (expected a month within it)")
        january, december = 12 * (month // 12), 12 * (month // 12) + 11
        if january < first or (t.how == "year_sum" and december > last):  # a sum over part of the year would pass for the year's
            whole = "the whole year" if t.how == "year_sum" else "January to the date"
            raise ExperimentError(source, f"targets.{i}.how", f"{t.how} of {t.date} needs {whole} simulated; the window is {window}")
        row = rows.iloc[0]
        where = f"{path.parent / name}: the row of {t.indicator}/{t.segment} on {t.date}"
        value = pd.to_numeric(row["value"], errors="coerce")
        if not np.isfinite(value):
            problem = "is missing" if pd.isna(row["value"]) else f"{row['value']!r} is not a number"
            raise ExperimentError(where, "value", f"{problem} (expected the observed figure, a finite number)")
        observed.append(float(value))
        code = t.reliability or (str(row["reliability"]) if "reliability" in row and isinstance(row["reliability"], str) else "A")
        if code not in RELIABILITY_WEIGHTS:
            raise ExperimentError(where, "reliability", f"{code!r} is not a reliability code (expected one of A, B, C, D)")
        weights.append(t.weight * RELIABILITY_WEIGHTS[code])
        codes.append(code)
        unit = str(row.get("unit", ""))
        scales.append(t.scale if t.scale is not None else (1e-6 if unit.startswith("million") else 1.0))
    cal = Calibration(spec, source, path.parent, base, observed, weights, scales, codes)
    for i, check in enumerate(spec.checks):
        _check_selects(cal, i, check)
    return cal


def _read_data(csv: Path, source: str, key: str) -> pd.DataFrame:
    """A data file as the targets read it: ``metric`` and ``ref_date`` as ``indicator`` and ``date``, segment
    ``total`` as ``all``. A file that cannot be read (named by ``key`` of ``source``), is empty, is not UTF-8
    text, is not CSV or lacks a column the targets need is refused in one line naming it."""
    try:
        table = pd.read_csv(csv, encoding="utf-8")
    except OSError as exc:
        raise ExperimentError(source, key, f"cannot be read ({exc})") from None
    except pd.errors.EmptyDataError:
        raise ExperimentError(str(csv), "", f"is empty (expected a CSV with a header row: {_COLUMNS_WANTED})") from None
    except UnicodeDecodeError:
        raise ExperimentError(str(csv), "", "is not UTF-8 text (expected a CSV saved as UTF-8)") from None
    except (pd.errors.ParserError, ValueError) as exc:
        problem = " ".join(str(exc).split())
        raise ExperimentError(str(csv), "", f"cannot be read as CSV ({problem}; expected columns {_COLUMNS_WANTED})") from None
    table = table.rename(columns={"metric": "indicator", "ref_date": "date"})
    missing = [column for column in DATA_COLUMNS if column not in table.columns]
    if missing:
        raise ExperimentError(str(csv), "columns", f"missing {', '.join(missing)} (expected {_COLUMNS_WANTED})")
    return table.replace({"segment": {"total": "all"}})  # the sources file says total


def _check_selects(cal: Calibration, i: int, check: Check) -> None:
    """Refuse a check that selects no target, names a value no target has (a misprint would quietly narrow
    it), or measures a relative error against an observed 0."""
    selected = cal.checked(check)
    if not selected:
        raise ExperimentError(cal.source, f"checks.{i}", f"{check.name}: selects no target (expected at least one)")
    for field, attribute in (("indicators", "indicator"), ("segments", "segment"), ("dates", "date")):
        known = {getattr(t, attribute) for t in cal.spec.targets}
        for value in getattr(check, field) or ():
            if value not in known:
                raise ExperimentError(cal.source, f"checks.{i}.{field}", f"{value!r} is no target's {attribute} (expected one of the targets')")
    if check.within is not None and any(cal.observed[j] == 0 for j in selected):
        raise ExperimentError(cal.source, f"checks.{i}.within", "a relative tolerance needs observed values other than 0 (use between)")


def _is_date(text: str) -> bool:
    """Whether ``text`` is a date written YYYY-MM-DD."""
    try:
        return len(text) == 10 and pd.Timestamp(text).strftime("%Y-%m-%d") == text
    except ValueError:
        return False


def _month_of(date: str) -> int:
    return parse_month(date[:7])
