"""Helpers for declaring scenario parameters: every field carries a unit, bounds and a source.

The parameter table in ``docs/parameters.md`` is generated from these fields, so the
documentation cannot drift from the code.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.strict import Strict


class Section(Strict):
    """Base of every scenario section: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def param(
    default: Any,
    doc: str,
    *,
    unit: str = "",
    lo: float | None = None,
    hi: float | None = None,
    source: str = "assumption",
) -> Any:
    """A documented scenario field with inclusive bounds ``lo``..``hi``."""
    return Field(
        default=default,
        description=doc,
        ge=lo,
        le=hi,
        json_schema_extra={"unit": unit, "source": source},
    )


def per_segment(
    name: str,
    defaults: dict[str, float],
    doc: str,
    *,
    unit: str,
    lo: float,
    hi: float,
    source: str = "assumption",
) -> type[Section]:
    """A section with one bounded field per worker segment (keys: permanent, contract, ...)."""
    fields = {
        seg: (
            float,
            param(defaults[seg], f"{doc} ({seg})", unit=unit, lo=lo, hi=hi, source=source),
        )
        for seg in SEGMENT_NAMES
    }
    model = create_model(name, __base__=Section, **fields)
    model.__doc__ = doc
    return model


def segment_values(section: BaseModel) -> list[float]:
    """The six per-segment values in :class:`~enrolsim.core.codes.Segment` order."""
    return [float(getattr(section, seg)) for seg in SEGMENT_NAMES]
