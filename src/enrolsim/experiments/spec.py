"""Experiment files: a base scenario, factors, a design, replications, a root seed, what to keep.

An experiment file is YAML validated by :class:`ExperimentSpec`, the same way scenario files are
validated: unknown keys are errors, and every message names the file, the key path and what was
expected. :func:`load_experiment` goes further than the schema can: it checks every factor
against the scenario schema (the parameter exists, a range lies inside the parameter's bounds),
checks the design fits the factors, and builds and validates the scenario of every design point,
so a bad experiment stops before any run.

Example (``experiments/registration_x_payment_ease.yaml``)::

    name: Employer registration x payment ease
    scenario: ../scenarios/baseline.yaml      # relative to this file
    settings:                                  # fixed for every run
      population.agents: 100000
    factors:
      employers.registration_rate: {levels: [0.005, 0.01, 0.02, 0.04]}
      contributions.payment_ease: {levels: [0.2, 0.4, 0.6, 0.8]}
    design: {kind: grid}
    replications: 10
    seed: 20170101
    keep: {indicators: [active, coverage], months: all}

A factor called ``scenario`` takes scenario files as levels (a strategy comparison).
"""

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from enrolsim.core.errors import InputError, ScenarioError
from enrolsim.core.months import format_month, parse_month
from enrolsim.indicators import INDICATORS
from enrolsim.scenario.loading import _field_at, load_scenario, set_path, with_overrides
from enrolsim.scenario.paramdoc import parameter_rows
from enrolsim.scenario.schema import Scenario

#: The factor name whose levels are scenario files rather than parameter values.
SCENARIO_FACTOR = "scenario"


class ExperimentError(InputError):
    """An experiment file (or store) that cannot be used: one line naming file, key and expectation."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Factor(_Strict):
    """One varied parameter: discrete ``levels`` (grid) or a continuous ``range`` (sampled designs)."""

    levels: list[Any] | None = Field(None, min_length=1, description="Values taken in a grid")
    range: tuple[float, float] | None = Field(None, description="[low, high] sampled by latin_hypercube, sobol, morris")

    @model_validator(mode="before")
    @classmethod
    def _bare_list(cls, data: Any) -> Any:
        return {"levels": data} if isinstance(data, list) else data

    @model_validator(mode="after")
    def _one_of(self) -> "Factor":
        if (self.levels is None) == (self.range is None):
            raise ValueError("give either levels: [...] or range: [low, high]")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError(f"range {list(self.range)} must have low < high")
        return self


class DesignKind(StrEnum):
    """How factor values are chosen."""

    GRID = "grid"  # every combination of the factors' levels
    LATIN_HYPERCUBE = "latin_hypercube"  # SALib.sample.latin
    SOBOL = "sobol"  # SALib.sample.sobol (Saltelli's scheme), for Sobol indices
    MORRIS = "morris"  # SALib.sample.morris trajectories, for elementary effects


class Design(_Strict):
    """The design: its kind and, for sampled designs, how many samples."""

    kind: DesignKind = DesignKind.GRID
    samples: int | None = Field(None, ge=1, le=1_000_000, description="latin_hypercube: points; sobol: base sample N (a power of 2); morris: trajectories")
    second_order: bool = Field(False, description="sobol: also estimate second-order indices (N*(2D+2) points instead of N*(D+2))")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels of each factor (even)")
    seed: int | None = Field(None, ge=0, le=2**32 - 1, description="seed of the sampler (default: the experiment's seed modulo 2**32)")


class Keep(_Strict):
    """Which indicators and months are written to the store."""

    indicators: Literal["all"] | list[str] = "all"
    months: Literal["all", "last"] | list[str] = "all"

    @field_validator("indicators")
    @classmethod
    def _known(cls, value: Any) -> Any:
        if isinstance(value, list):
            for name in value:
                if name not in INDICATORS:
                    raise ValueError(f"{name!r} is not an indicator (expected one of: {', '.join(INDICATORS)})")
            if not value:
                raise ValueError("name at least one indicator, or all")
        return value

    @field_validator("months")
    @classmethod
    def _months(cls, value: Any) -> Any:
        if isinstance(value, list):
            if not value:
                raise ValueError("name at least one month, or all, or last")
            for month in value:
                parse_month(month)
        return value


class ExperimentSpec(_Strict):
    """The contents of an experiment file."""

    name: str = Field(description="Short name shown in reports")
    description: str = ""
    scenario: str | None = Field(None, description="Base scenario file, relative to the experiment file")
    settings: dict[str, Any] = Field(default_factory=dict, description="Scenario values fixed for every run (dotted keys or nested)")
    factors: dict[str, Factor] = Field(default_factory=dict, description="Varied parameters, by dotted key path")
    design: Design = Field(default_factory=Design)
    replications: int = Field(1, ge=1, le=100_000, description="Runs per design point, with seeds from SeedSequence(seed).spawn")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Root seed")
    keep: Keep = Field(default_factory=Keep)

    @field_validator("settings", mode="before")
    @classmethod
    def _flatten(cls, value: Any) -> Any:
        return _flatten(value) if isinstance(value, dict) else value


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@dataclass(frozen=True)
class ParameterInfo:
    """What the scenario schema says about a parameter that a factor varies."""

    key: str
    kind: str  # "float", "int", "other"
    lo: float | None
    hi: float | None


@dataclass
class Experiment:
    """A validated experiment: its spec, base scenarios and design points, ready to run."""

    spec: ExperimentSpec
    source: str
    bases: dict[str, Scenario]  # scenario file as written -> scenario with settings applied
    points: list[dict[str, Any]]  # design point -> {factor: value}
    seeds: list[int]  # replication -> seed
    parameters: dict[str, ParameterInfo] = field(default_factory=dict)

    @property
    def factor_names(self) -> list[str]:
        """Factors in file order."""
        return list(self.spec.factors)

    @property
    def n_runs(self) -> int:
        """Design points times replications."""
        return len(self.points) * len(self.seeds)

    def digest(self) -> str:
        """Hash of the spec and of every base scenario's parameters: a store belongs to one digest.

        ``replications`` is left out: the same experiment with more replications keeps the runs it
        has (replication seeds do not depend on their number, and run ids are replication-major).
        """
        canonical = json.dumps(
            {"spec": self.spec.model_dump(mode="json", exclude={"replications"}), "scenarios": {k: s.digest() for k, s in self.bases.items()}},
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def scenario_for(self, point: int) -> Scenario:
        """The validated scenario of design point ``point``."""
        values = self.points[point]
        base = self.bases[values.get(SCENARIO_FACTOR, self.spec.scenario)]
        overrides = {k: v for k, v in values.items() if k != SCENARIO_FACTOR}
        return with_overrides(base, overrides, source=f"{self.source}: design point {point}") if overrides else base

    def indicators(self) -> list[str]:
        """Indicators kept in the store."""
        keep = self.spec.keep.indicators
        return list(INDICATORS) if keep == "all" else list(keep)


def replication_seeds(root: int, n: int) -> list[int]:
    """Seeds of replications ``0..n-1``: one ``SeedSequence(root).spawn`` child each.

    Child ``i`` does not depend on ``n``, so adding replications keeps the earlier ones; every
    design point uses the same seeds (common random numbers), so points differ by their factors
    only. Seeds are 63-bit so they fit a signed 64-bit Parquet column.
    """
    return [int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for child in np.random.SeedSequence(root).spawn(n)]


def load_experiment(path: str | Path, overrides: dict[str, Any] | None = None) -> Experiment:
    """Read and validate an experiment file; build and validate every design point.

    ``overrides`` maps dotted keys of the experiment file to values applied before validation,
    e.g. ``{"design.samples": 8, "settings.population.agents": 2000}`` for a quick look.
    Raises :class:`ExperimentError` (or :class:`ScenarioError` for a bad base scenario).
    """
    path = Path(path)
    return build_experiment(read_spec(path, ExperimentSpec, overrides), str(path), path.parent)


def read_spec[M: BaseModel](path: Path, model: type[M], overrides: dict[str, Any] | None = None) -> M:
    """Read a YAML file (experiment, trial, calibration), apply dotted ``overrides``, validate with ``model``.

    Errors are one-line :class:`ExperimentError` naming the file, the key path and the expectation.
    """
    data = _read_yaml(path)
    for key, value in (overrides or {}).items():
        set_path(data, key, value)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _to_error(exc, str(path)) from None


def build_experiment(spec: ExperimentSpec, source: str, folder: Path) -> Experiment:
    """Check a parsed spec against the scenario schema and the design; make its design points."""
    from enrolsim.experiments.designs import design_points  # designs imports this module

    parameters = {name: _check_factor(name, factor, spec, source) for name, factor in spec.factors.items() if name != SCENARIO_FACTOR}
    bases = _load_bases(spec, source, folder)
    _check_levels(spec, next(iter(bases.values())), source)
    points = design_points(spec, parameters, source)
    experiment = Experiment(spec, source, bases, points, replication_seeds(spec.seed, spec.replications), parameters)
    for index, values in enumerate(points):
        try:
            scenario = experiment.scenario_for(index)
        except ScenarioError as exc:
            shown = ", ".join(f"{k}={v}" for k, v in values.items())
            raise ExperimentError(source, f"factors ({shown})", f"makes an invalid scenario: {exc.key}: {exc.problem}") from None
        _check_months(spec, scenario, source)
    return experiment


def _check_factor(name: str, factor: Factor, spec: ExperimentSpec, source: str) -> ParameterInfo:
    key = f"factors.{name}"
    info = parameter_info(name)
    if info is None:
        known = [row["key"] for row in parameter_rows()]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"(did you mean {close[0]}?)" if close else "such as enrolment.literacy_effect (see docs/parameters.md)"
        raise ExperimentError(source, key, f"unknown parameter: expected a scenario key path {hint}")
    if name in spec.settings:
        raise ExperimentError(source, key, "is also fixed in settings; vary it or fix it, not both")
    if factor.range is not None:
        if info.kind == "other":
            raise ExperimentError(source, f"{key}.range", "this parameter is not a number; give levels instead of a range")
        lo, hi = factor.range
        if (info.lo is not None and lo < info.lo) or (info.hi is not None and hi > info.hi):
            bounds = f"{_num(info.lo)} .. {_num(info.hi)}"
            raise ExperimentError(source, f"{key}.range", f"[{_num(lo)}, {_num(hi)}] goes outside the parameter's range {bounds}")
    return info


def _check_levels(spec: ExperimentSpec, base: Scenario, source: str) -> None:
    """Each level of each factor on its own, so a bad level is named by its place in the file."""
    for name, factor in spec.factors.items():
        if name == SCENARIO_FACTOR or factor.levels is None:
            continue
        for i, level in enumerate(factor.levels):
            try:
                with_overrides(base, {name: level}, source=source)
            except ScenarioError as exc:
                problem = exc.problem if exc.key == name else f"{exc.key}: {exc.problem}"
                raise ExperimentError(source, f"factors.{name}.levels.{i}", problem) from None


def parameter_info(key: str) -> ParameterInfo | None:
    """Type and bounds of the scenario parameter at dotted ``key``; ``None`` if there is none."""
    model, name = _field_at(tuple(key.split(".")))
    if model is None:
        return None
    info = model.model_fields[name]
    annotation = info.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None  # a section, not a parameter
    lo = hi = None
    for meta in info.metadata:
        lo = getattr(meta, "ge", lo)
        hi = getattr(meta, "le", hi)
    kind = "int" if annotation is int else "float" if annotation is float else "other"
    return ParameterInfo(key, kind, lo, hi)


def _load_bases(spec: ExperimentSpec, source: str, folder: Path) -> dict[str, Scenario]:
    files: list[str] = []
    if SCENARIO_FACTOR in spec.factors:
        factor = spec.factors[SCENARIO_FACTOR]
        if factor.levels is None:
            raise ExperimentError(source, f"factors.{SCENARIO_FACTOR}", "give scenario files as levels: [a.yaml, b.yaml]")
        for i, level in enumerate(factor.levels):
            if not isinstance(level, str):
                raise ExperimentError(source, f"factors.{SCENARIO_FACTOR}.levels.{i}", f"{level!r} is not a scenario file name")
        if len(set(factor.levels)) != len(factor.levels):
            raise ExperimentError(source, f"factors.{SCENARIO_FACTOR}.levels", "lists a scenario file twice")
        files = list(factor.levels)
    elif spec.scenario is None:
        raise ExperimentError(source, "scenario", "missing: name the base scenario file (relative to the experiment file)")
    else:
        files = [spec.scenario]
    bases: dict[str, Scenario] = {}
    for name in files:
        scenario = load_scenario(folder / name)
        try:
            bases[name] = with_overrides(scenario, spec.settings, source=source)
        except ScenarioError as exc:
            raise ExperimentError(source, f"settings.{exc.key}", exc.problem) from None
    return bases


def _check_months(spec: ExperimentSpec, scenario: Scenario, source: str) -> None:
    months = spec.keep.months
    if not isinstance(months, list):
        return
    first, last = scenario.start_month, scenario.start_month + scenario.months - 1
    for month in months:
        if not first <= parse_month(month) <= last:
            raise ExperimentError(source, "keep.months", f"{month} is not simulated (runs cover {format_month(first)} .. {format_month(last)})")


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExperimentError(str(path), "", "no such file") from None
    except OSError as exc:
        raise ExperimentError(str(path), "", f"cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ExperimentError(str(path), "", f"invalid YAML{where}: {getattr(exc, 'problem', None) or 'unreadable'}") from None
    if not isinstance(data, dict):
        raise ExperimentError(str(path), "", "expected a mapping of keys to values at the top level")
    return data


def _to_error(exc: ValidationError, source: str) -> ExperimentError:
    error = exc.errors(include_url=False)[0]
    # union members appear in the location as tags such as "literal['all']": not keys of the file
    key = ".".join(str(part) for part in error["loc"] if not (isinstance(part, str) and ("[" in part or part.startswith("function-"))))
    kind = error["type"]
    if kind == "extra_forbidden":
        problem = "unknown key"
    elif kind == "missing":
        problem = "missing value"
    elif kind == "value_error":
        problem = str(error["ctx"]["error"])
    else:
        problem = f"{error.get('input')!r}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return ExperimentError(source, key, problem)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
