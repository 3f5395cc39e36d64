"""Scenario sections of the agency's participants outside the worker rows, and of who else pays.

Construction projects (Jakon) register their workers per project, so a worker on two projects counts
twice and the agency's stock (8-11 million, 2017-2019) exceeds construction employment: it is a stock
of project registrations, not a status of worker rows. Migrant workers abroad (PMI) are not in the
domestic labour force. Both are kept as stocks of persons. Third parties (district budgets, village
funds, company sponsors) pay the BPU contributions of groups by budget year.
"""

from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.fields import Section, param


def persons_by_year(doc: str, source: str, default: dict[int, float] | None = None) -> Any:
    """A table of persons by calendar year (``{year: persons}``; none listed unless ``default``), documented like
    every scenario field."""
    return Field(default_factory=lambda: dict(default or {}), description=doc, json_schema_extra={"unit": "persons/year", "source": source})


def no_year_negative(cls: type, value: dict[int, float], info: ValidationInfo) -> dict[int, float]:
    """The validator of a :func:`persons_by_year` field: no year's persons below zero."""
    for year, persons in value.items():
        if persons < 0:
            raise ValueError(f"{info.field_name}.{year}: {persons} is negative")
    return value


class ConstructionProjects(Section):
    """Jakon: JKK and JKM registrations per construction project, paid by the contractor from the contract value."""

    registrations_per_worker: float = param(
        0.0691,
        "Project registrations a month per construction worker in the reference year",
        unit="1/month",
        lo=0,
        hi=5,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    reference_year: int = param(2017, "Year in which registrations_per_worker applies", unit="year", lo=1990, hi=2100)
    growth: float = param(
        0.184,
        "Yearly growth of registrations per construction worker (more projects registered)",
        unit="1/year",
        lo=-0.5,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    growth_until: int = param(
        2019,
        "Last year the registrations per worker grow; afterwards they are held and Jakon moves with construction employment",
        unit="year",
        lo=1990,
        hi=2100,
        source="assumption: no participant count after 2019 is used, so the 2014-2019 trend is not carried on",
    )
    months_mean: float = param(12, "Mean months a project registration stays active (the project's life)", unit="months", lo=1, hi=60)
    contribution: float = param(25_000, "Contribution per registration-month (a share of the contract value)", unit="rupiah/month", lo=0, hi=1e7)


class MigrantWorkers(Section):
    """PMI: migrant workers placed abroad, covered for their placement."""

    placements_per_month: float = param(
        23_000,
        "Migrant workers placed abroad a month",
        unit="persons/month",
        lo=0,
        hi=1e6,
        source="BNP2TK placements: about 262,000 (2017), 284,000 (2018), 277,000 (2019)",
    )
    placements_by_year: dict[int, float] = persons_by_year(
        "Migrant workers placed abroad in each listed year (year: persons), spread evenly over its months; years not listed place placements_per_month a month",
        "BP2MI placement statistics (a labour input, not a participant count); none listed by default",
    )
    covered_from: str = param("2017-08", "First month placements are covered by BPJS Ketenagakerjaan", unit="YYYY-MM", source="Permenaker 7/2017")
    coverage: float = param(1.0, "Share of placements covered", unit="share", lo=0, hi=1, source="assumption (protection is mandatory)")
    months_covered: int = param(24, "Months a placement stays covered (the standard two-year contract)", unit="months", lo=1, hi=120)

    @field_validator("covered_from")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value

    _placements = field_validator("placements_by_year")(no_year_negative)


class ThirdPartyPayers(Section):
    """District budgets (APBD), village funds (APBDes) and company sponsors paying BPU contributions for groups.

    Programmes run by budget year: each January new programmes start and every running one is renewed
    or not (one draw a programme), so the budget year shows in the monthly series.
    """

    new_persons: dict[int, float] = persons_by_year(
        "Persons newly paid for by third parties in each budget year (year: persons)",
        "assumption: only the BPU totals (1.8m Dec 2017, 2.4m Dec 2018) are published; the self-paid and third-party split is not",
        {2016: 270_000.0, 2017: 475_000.0, 2018: 610_000.0, 2019: 810_000.0},
    )
    scale: float = param(
        0.665,
        "Multiplier on new_persons (budgets larger or smaller than assumed)",
        unit="ratio",
        lo=0,
        hi=20,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    renewal: float = param(
        0.669,
        "Probability a programme is renewed in January",
        unit="probability",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    programmes_per_year: int = param(60, "Programmes (lumps) started a budget year, each in one district", unit="count", lo=1, hi=10_000)
    income_line: float = param(2_500_000, "Income under which third parties pay for a worker", unit="rupiah/month", lo=0, hi=1e9, source="assumption")

    _new_persons = field_validator("new_persons")(no_year_negative)
