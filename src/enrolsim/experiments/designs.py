"""Designs: from factors to design points (full grid, Latin hypercube, Sobol, Morris).

The sampled designs use SALib's samplers, the field's reference implementation, so a store made
with ``sobol`` or ``morris`` can be analysed by SALib's matching analysers
(:mod:`enrolsim.analysis.sensitivity`). A design point is a ``{factor: value}`` dictionary; the
order of points is the sampler's row order, which the analysers rely on.
"""

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
from SALib.sample import latin, morris, sobol

from enrolsim.core.errors import ExperimentError
from enrolsim.experiments.spec import SCENARIO_FACTOR, DesignKind, ExperimentSpec

if TYPE_CHECKING:
    from enrolsim.scenario.parameters import ParameterInfo


def salib_problem(spec: "ExperimentSpec") -> dict[str, Any]:
    """SALib's problem dictionary: factor names and [low, high] bounds."""
    names = list(spec.factors)
    return {"num_vars": len(names), "names": names, "bounds": [list(spec.factors[n].range or ()) for n in names]}


def design_points(spec: "ExperimentSpec", parameters: dict[str, "ParameterInfo"], source: str) -> list[dict[str, Any]]:
    """Every design point of ``spec``; raise :class:`ExperimentError` if the design does not fit the factors."""
    _check_fit(spec, parameters, source)
    kind = spec.design.kind
    if kind == DesignKind.GRID:
        names = list(spec.factors)
        combos = itertools.product(*(spec.factors[n].levels or () for n in names))
        return [dict(zip(names, combo, strict=True)) for combo in combos]
    problem = salib_problem(spec)
    seed = spec.design.seed if spec.design.seed is not None else spec.seed % 2**32
    n = spec.design.samples or 0
    if kind == DesignKind.LATIN_HYPERCUBE:
        matrix = latin.sample(problem, n, seed=seed)
    elif kind == DesignKind.SOBOL:
        matrix = sobol.sample(problem, n, calc_second_order=spec.design.second_order, seed=seed)
    else:
        matrix = morris.sample(problem, n, num_levels=spec.design.levels, seed=seed)
    ints = [parameters[name].kind == "int" for name in problem["names"]]
    return [{name: (round(float(v)) if is_int else float(v)) for name, v, is_int in zip(problem["names"], row, ints, strict=True)} for row in matrix]


def _check_fit(spec: "ExperimentSpec", parameters: dict[str, "ParameterInfo"], source: str) -> None:
    kind = spec.design.kind
    samples = spec.design.samples
    if kind == DesignKind.GRID:
        if samples is not None:
            raise ExperimentError(source, "design.samples", "a grid runs every combination of levels; remove samples or choose a sampled design")
        for name, factor in spec.factors.items():
            if factor.levels is None:
                raise ExperimentError(source, f"factors.{name}", "a grid needs levels: [...] for every factor, not a range")
        return
    if not spec.factors:
        raise ExperimentError(source, "factors", f"a {kind} design needs at least one factor with a range")
    if samples is None:
        raise ExperimentError(source, "design.samples", f"missing: a {kind} design needs a number of samples")
    for name, factor in spec.factors.items():
        if factor.range is None:
            what = "scenario files" if name == SCENARIO_FACTOR else "levels"
            raise ExperimentError(source, f"factors.{name}", f"a {kind} design needs a numeric range: [low, high] for every factor, not {what}")
        if kind in (DesignKind.SOBOL, DesignKind.MORRIS) and parameters[name].kind == "int":
            raise ExperimentError(
                source, f"factors.{name}", f"is a whole-number parameter; a {kind} design needs continuous factors (use grid or latin_hypercube)"
            )
    if kind == DesignKind.SOBOL and samples & (samples - 1):
        raise ExperimentError(source, "design.samples", f"{samples} is not a power of 2 (Sobol sequences need 2, 4, 8, 16, ...)")
    if kind == DesignKind.MORRIS and spec.design.levels % 2:
        raise ExperimentError(source, "design.levels", f"{spec.design.levels} is odd; Morris designs need an even number of levels")
    if kind == DesignKind.SOBOL and len(spec.factors) < 2:
        raise ExperimentError(source, "factors", "a sobol design needs at least two factors")


def points_matrix(points: list[dict[str, Any]], names: list[str]) -> np.ndarray:
    """The design points as SALib's sample matrix (rows in design order)."""
    return np.array([[float(p[n]) for n in names] for p in points], dtype=float)
