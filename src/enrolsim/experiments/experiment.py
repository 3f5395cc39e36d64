"""An experiment made ready to run: every factor checked against the scenario schema, every design point's scenario built.

:func:`load_experiment` checks what the schema of an experiment file cannot: every factor against
the scenario schema (the parameter exists, a range lies inside the parameter's bounds), the design
against the factors, and the scenario of every design point, so a bad experiment stops before any run.
"""

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from enrolsim.core.errors import ExperimentError, ScenarioError
from enrolsim.core.files import read_mapping
from enrolsim.core.months import format_month, parse_month
from enrolsim.core.settings import set_path
from enrolsim.core.strict import validated
from enrolsim.experiments.designs import design_points
from enrolsim.experiments.spec import PARAMETER_SET_FACTOR, SCENARIO_FACTOR, SPECIAL_FACTORS, ExperimentSpec, Factor, replication_seeds
from enrolsim.indicators import INDICATORS
from enrolsim.scenario.loading import load_scenario, with_overrides
from enrolsim.scenario.parameters import ParameterInfo, parameter_info, parameter_rows
from enrolsim.scenario.schema import Scenario


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
        overrides = {k: v for k, v in values.items() if k not in SPECIAL_FACTORS}
        if PARAMETER_SET_FACTOR in values:
            overrides = {**self.spec.parameter_sets[int(values[PARAMETER_SET_FACTOR])], **overrides}
        return with_overrides(base, overrides, source=f"{self.source}: design point {point}") if overrides else base

    def indicators(self) -> list[str]:
        """Indicators kept in the store."""
        keep = self.spec.keep.indicators
        return list(INDICATORS) if keep == "all" else list(keep)


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
    An override under ``settings.`` (``settings.population.agents``) lands as a nested section of the
    file's ``settings``; every spec reads its settings as dotted scenario keys (``core.strict.FlatSettings``),
    so it sets that one value, after the file's own.
    """
    data = read_mapping(path, ExperimentError)
    for key, value in (overrides or {}).items():
        set_path(data, key, value, source=lambda loc: str(path), error=ExperimentError)
    return validated(model, data, str(path), ExperimentError)


def build_experiment(spec: ExperimentSpec, source: str, folder: Path) -> Experiment:
    """Check a parsed spec against the scenario schema and the design; make its design points."""
    parameters = {name: _check_factor(name, factor, spec, source) for name, factor in spec.factors.items() if name not in SPECIAL_FACTORS}
    _check_parameter_sets(spec, source)
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
        if name in SPECIAL_FACTORS or factor.levels is None:
            continue
        for i, level in enumerate(factor.levels):
            try:
                with_overrides(base, {name: level}, source=source)
            except ScenarioError as exc:
                problem = exc.problem if exc.key == name else f"{exc.key}: {exc.problem}"
                raise ExperimentError(source, f"factors.{name}.levels.{i}", problem) from None


def _check_parameter_sets(spec: ExperimentSpec, source: str) -> None:
    """The parameter_set factor's levels index ``parameter_sets``, whose keys are numeric scenario parameters."""
    factor = spec.factors.get(PARAMETER_SET_FACTOR)
    if factor is None:
        return
    if factor.levels is None:
        raise ExperimentError(source, f"factors.{PARAMETER_SET_FACTOR}", "give the sets' indexes as levels: [0, 1, ...]")
    for i, level in enumerate(factor.levels):
        if not (isinstance(level, int) and 0 <= level < len(spec.parameter_sets)):
            raise ExperimentError(
                source, f"factors.{PARAMETER_SET_FACTOR}.levels.{i}", f"{level!r} is not an index of parameter_sets (0..{len(spec.parameter_sets) - 1})"
            )
    for i, values in enumerate(spec.parameter_sets):
        for key in values:
            info = parameter_info(key)
            if info is None or info.kind == "other":
                raise ExperimentError(source, f"parameter_sets.{i}.{key}", "is not a numeric scenario parameter (see docs/parameters.md)")


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


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
