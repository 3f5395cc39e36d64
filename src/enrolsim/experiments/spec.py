"""Experiment files: the schema of a base scenario, factors, a design, replications, a root seed, what to keep.

An experiment file is YAML validated by :class:`ExperimentSpec`, the same way scenario files are
validated: unknown keys are errors, and every message names the file, the key path and what was
expected. ``experiments.experiment.load_experiment`` goes further than the schema can (factors
against the scenario schema, the design against the factors, every design point's scenario).

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

from enum import StrEnum
from typing import Any, Literal

import numpy as np
from pydantic import Field, field_validator, model_validator

from enrolsim.core.months import parse_month
from enrolsim.core.strict import FlatSettings, Strict
from enrolsim.indicators import INDICATORS

#: The factor name whose levels are scenario files rather than parameter values.
SCENARIO_FACTOR = "scenario"
#: The factor name whose levels are indexes into ``parameter_sets`` (an ensemble from a calibration).
PARAMETER_SET_FACTOR = "parameter_set"
#: Factors that are not scenario keys.
SPECIAL_FACTORS = (SCENARIO_FACTOR, PARAMETER_SET_FACTOR)


class Factor(Strict):
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


class Design(Strict):
    """The design: its kind and, for sampled designs, how many samples."""

    kind: DesignKind = DesignKind.GRID
    samples: int | None = Field(None, ge=1, le=1_000_000, description="latin_hypercube: points; sobol: base sample N (a power of 2); morris: trajectories")
    second_order: bool = Field(False, description="sobol: also estimate second-order indices (N*(2D+2) points instead of N*(D+2))")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels of each factor (even)")
    seed: int | None = Field(None, ge=0, le=2**32 - 1, description="seed of the sampler (default: the experiment's seed modulo 2**32)")


class Keep(Strict):
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


class ExperimentSpec(Strict):
    """The contents of an experiment file."""

    name: str = Field(description="Short name shown in reports")
    description: str = ""
    scenario: str | None = Field(None, description="Base scenario file, relative to the experiment file")
    settings: FlatSettings = Field(default_factory=dict, description="Scenario values fixed for every run (dotted keys or nested)")
    factors: dict[str, Factor] = Field(default_factory=dict, description="Varied parameters, by dotted key path")
    design: Design = Field(default_factory=Design)
    replications: int = Field(1, ge=1, le=100_000, description="Runs per design point, with seeds from SeedSequence(seed).spawn")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Root seed")
    keep: Keep = Field(default_factory=Keep)
    parameter_sets: list[dict[str, float]] = Field(
        default_factory=list, description="Sets of scenario values (dotted keys), chosen by the factor parameter_set (a calibration's ensemble)"
    )


def replication_seeds(root: int, n: int) -> list[int]:
    """Seeds of replications ``0..n-1``: one ``SeedSequence(root).spawn`` child each.

    Child ``i`` does not depend on ``n``, so adding replications keeps the earlier ones; every
    design point uses the same seeds (common random numbers), so points differ by their factors
    only. Seeds are 63-bit so they fit a signed 64-bit Parquet column.
    """
    return [int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for child in np.random.SeedSequence(root).spawn(n)]
