"""Scenario section of firm sizes: how wage jobs are spread over micro, small, medium and large firms,
and how size changes registration, partial registration and inspections.

At full scale (``population.agents: full``, one agent a person) an employer unit is one firm of its
class; at smaller scales a unit of ``employers.mean_size`` agents stands for several firms of one
class (``world/firms.py``). The effects are relative: the model scales each so that its
wage-job-weighted mean is 1, so the scenario's rates and shares keep their meaning at every scale.
Their defaults are neutral (1 for every class), so the calibrated status quo is unchanged;
``scenarios/firm_sizes.yaml`` sets effects that rise with size.
"""

from typing import Any

from pydantic import Field, create_model, model_validator

from enrolsim.scenario.fields import Section, param

#: Firm size classes, smallest first. The Ministry of Cooperatives and SMEs (UU 20/2008) classes firms by assets
#: and turnover; BPS (Sensus Ekonomi 2016) by persons engaged: micro 1-4, small 5-19, medium 20-99, large 100+.
SIZE_CLASSES = ("micro", "small", "medium", "large")
KEMENKOP = "Kementerian Koperasi dan UKM, Perkembangan Data UMKM dan Usaha Besar 2018-2019 (2019 column)"
NEUTRAL_SIZE = "assumption: neutral (no size effect) so that the calibrated status quo is unchanged"


def per_size_class(name: str, defaults: dict[str, float], doc: str, *, unit: str, lo: float, hi: float, source: str = NEUTRAL_SIZE) -> type[Section]:
    """A section with one bounded field per firm size class (micro, small, medium, large)."""
    fields: dict[str, Any] = {k: (float, param(defaults[k], f"{doc} ({k})", unit=unit, lo=lo, hi=hi, source=source)) for k in SIZE_CLASSES}
    model = create_model(name, __base__=Section, **fields)
    model.__doc__ = doc
    return model


def size_values(section: Section) -> list[float]:
    """The four per-class values, smallest class first."""
    return [float(getattr(section, k)) for k in SIZE_CLASSES]


SizeShares = per_size_class(
    "SizeShares",
    {"micro": 0.71, "small": 0.13, "medium": 0.08, "large": 0.08},
    "Share of wage jobs in firms of each size class",
    unit="share",
    lo=0.0,
    hi=1.0,
    source=f"{KEMENKOP}: small 5.93m, medium 3.79m, large 3.81m workers; the rest of the model's 46m wage jobs taken to be in micro firms (derived)",
)
MeanSizes = per_size_class(
    "MeanSizes",
    {"micro": 2.5, "small": 7.4, "medium": 58.0, "large": 675.0},
    "Mean wage jobs per firm of each size class (the persons of one employer unit at full scale)",
    unit="persons",
    lo=1.0,
    hi=1e6,
    source=f"{KEMENKOP}: workers per unit, small 5.93m / 798,679, medium 3.79m / 65,465, large 3.81m / 5,637; micro: assumption (BPS micro, 1-4 workers)",
)
SizeRegistration = per_size_class(
    "SizeRegistration",
    {k: 1.0 for k in SIZE_CLASSES},
    "Relative monthly chance an unregistered firm registers, by size (scaled so the wage-job-weighted mean is 1:"
    " registration_rate keeps its meaning); e.g. 0.3, 1, 2, 3 for registration rising with size",
    unit="ratio",
    lo=0.0,
    hi=100.0,
)
SizeRegistered = per_size_class(
    "SizeRegistered",
    {k: 1.0 for k in SIZE_CLASSES},
    "Relative chance a firm is registered at the start, by size (scaled so the wage-job-weighted share is registered_share, capped at 1);"
    " 488,000 registered firms held 26.2m active participants in early 2018 (Medcom 2018-02-15), about 54 each, so registration rises steeply with size",
    unit="ratio",
    lo=0.0,
    hi=100.0,
)
SizePartial = per_size_class(
    "SizePartial",
    {k: 1.0 for k in SIZE_CLASSES},
    "Relative chance a registering firm registers only part of its workers (PDS), by size (scaled so the wage-job-weighted mean is 1)",
    unit="ratio",
    lo=0.0,
    hi=100.0,
)
SizeInspection = per_size_class(
    "SizeInspection",
    {k: 1.0 for k in SIZE_CLASSES},
    "Relative chance an employer unit is chosen for inspection (law_enforcement), by size",
    unit="ratio",
    lo=0.0,
    hi=100.0,
)


class FirmSizes(Section):
    """Firm sizes: the spread of wage jobs over size classes and the effects of size."""

    share: SizeShares = Field(default_factory=SizeShares)
    mean_persons: MeanSizes = Field(default_factory=MeanSizes)
    registration: SizeRegistration = Field(default_factory=SizeRegistration)
    registered: SizeRegistered = Field(default_factory=SizeRegistered)
    partial: SizePartial = Field(default_factory=SizePartial)
    inspection: SizeInspection = Field(default_factory=SizeInspection)

    @model_validator(mode="after")
    def _some_share(self) -> "FirmSizes":
        if sum(size_values(self.share)) <= 0:
            raise ValueError("share must not be all zero")
        return self
