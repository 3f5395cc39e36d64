"""The one strict base model of every file a person writes, and one way to say what is wrong with it.

Scenario sections, experiment, trial and calibration files are pydantic models derived from
:class:`Strict` (unknown keys are errors). :func:`validated` turns pydantic's first error into the
project's one-line message: the key path as written in the file and what was expected (for a value
out of range, ``"7.5 is not between 0 and 1"``; for an unknown key, the keys allowed there).
"""

import math
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo, field_validator

from enrolsim.core.errors import InputError
from enrolsim.core.settings import flatten


class Strict(BaseModel):
    """Base of every model read from a file: unknown keys are errors, and so is yes or no where a number belongs."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_truth_value_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        """``months: true`` is refused: pydantic reads true as 1 and false as 0, so a slip would run one month."""
        if isinstance(value, bool) and info.field_name is not None and _numeric(cls.model_fields[info.field_name].annotation):
            raise ValueError(f"{value!r} is not a number")
        return value


def _numeric(annotation: Any) -> bool:
    """Whether a field holds a number: ``int``, ``float``, or either of them or nothing (``float | None``)."""
    if annotation in (int, float):
        return True
    args = get_args(annotation)
    return bool(args) and get_origin(annotation) in (Union, UnionType) and any(arg in (int, float) for arg in args) and bool not in args


def is_whole(value: Any) -> bool:
    """Whether ``value``, given through the Python API, is a whole number (a numpy integer too; not True or False)."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def check_target(target: Any) -> None:
    """Refuse a ``--target`` that is no positive, finite number of persons (given through the Python API: not True)."""
    if isinstance(target, bool) or not isinstance(target, int | float) or not math.isfinite(target) or target <= 0:
        raise InputError("--target", "", f"{target!r} is not a positive number of persons (e.g. 70e6)")


def _flat(value: Any) -> Any:
    return flatten(value) if isinstance(value, dict) else value


#: The ``settings`` of an experiment, trial or calibration file: scenario values fixed for every run, a
#: section written nested read as its dotted keys, so that it sets those values and not the whole section
#: (and an override ``settings.population.agents`` sets that one value beside the file's own).
FlatSettings = Annotated[dict[str, Any], BeforeValidator(_flat)]


def validated[M: BaseModel](model: type[M], data: Any, source: str, error: type[InputError] = InputError) -> M:
    """``model`` validated from ``data``; a problem raises ``error`` naming ``source``, the key path and what was expected."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        key, problem = describe(exc, model)
        raise error(source, key, problem) from None


def describe(exc: ValidationError, model: type[BaseModel]) -> tuple[str, str]:
    """The key path (as written in the file) and the problem of ``exc``'s first error."""
    error = exc.errors(include_url=False)[0]
    loc = tuple(part for part in error["loc"] if not _is_tag(part))
    key = ".".join(str(part) for part in loc)
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        allowed = model_at(model, loc[:-1])
        problem = f"unknown key (expected one of: {', '.join(sorted(allowed.model_fields))})" if allowed else "unknown key"
    elif kind == "missing":
        problem = "missing value"
    elif kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        problem = _range_problem(model, loc, error)
    elif kind == "value_error":
        problem = str(error["ctx"]["error"])
    else:
        problem = f"{value!r}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return key, problem


def _is_tag(part: Any) -> bool:
    """Pydantic's names of union members and validators in a location (``literal['all']``): not keys of the file."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class reached by the key path ``loc`` from ``model`` (list indexes skipped), or ``None``."""
    for part in loc:
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):  # an index of a list
            continue
        if part not in model.model_fields:
            return None
        inner = _model_in(model.model_fields[part].annotation)
        if inner is None:
            return None
        model = inner
    return model


def field_bounds(model: type[BaseModel], loc: tuple) -> tuple[float | None, float | None]:
    """Inclusive bounds (``ge``, ``le``) of the field at key path ``loc``; ``(None, None)`` if it has none."""
    holder = model_at(model, loc[:-1]) if loc else None
    name = loc[-1] if loc else None
    if holder is None or not isinstance(name, str) or name not in holder.model_fields:
        return None, None
    lo = hi = None
    for meta in holder.model_fields[name].metadata:
        lo = getattr(meta, "ge", lo)
        hi = getattr(meta, "le", hi)
    return lo, hi


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation (``Section``, ``list[Section]``, ``Section | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _range_problem(model: type[BaseModel], loc: tuple, error: dict[str, Any]) -> str:
    """``"7.5 is not between 0 and 1"`` when the field has both bounds, else the bound broken."""
    lo, hi = field_bounds(model, loc)
    value = error.get("input")
    if lo is not None and hi is not None:
        return f"{value!r} is not between {lo} and {hi}"
    symbols = {"ge": ">=", "le": "<=", "gt": ">", "lt": "<"}
    bound = next((f"{symbols[k]} {v}" for k, v in error.get("ctx", {}).items() if k in symbols), "in range")
    return f"{value!r} is not {bound}"
