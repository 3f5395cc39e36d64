"""Scenario section of employers of wage earners: registration, partial compliance, arrears, closure, and firm sizes."""

from pydantic import Field, field_validator, model_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.fields import Section, param
from enrolsim.scenario.firm_sizes import FirmSizes


class RateFrom(Section):
    """A rate in force from a month on."""

    start: str = param("2017-01", "First month the rate applies", unit="YYYY-MM")
    rate: float = param(0.0, "The rate", unit="1/month", lo=0, hi=1)

    @field_validator("start")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value


class Employers(Section):
    """Employers of wage earners, as vectorised units of firms."""

    mean_size: float = param(
        1,
        "Mean number of worker agents per employer unit below full scale, where a size class's firms hold fewer persons"
        " than that (at full scale a unit is one firm of sizes.mean_persons). One agent a unit keeps dozens of units in a"
        " district at 50,000 agents, so a worker's next employer is drawn from many, as among a district's firms; units of"
        " 25 agents made registration depend on the number of agents (docs/validation.md)",
        unit="agents",
        lo=1,
        hi=10_000,
    )
    units_per_district: float = param(
        300,
        "Employer units a district holds on average at most below full scale: where the wage agents of the average"
        " district are more than this, units hold more agents than mean_size (fewer units to draw, pay and hold in the"
        " cache; at a million agents some 40,000 units instead of 330,000). With 200 units a district results agreed"
        " with one agent a unit and with a 1:1 run, with 70 units a district inactive accounts moved by 0.4%; 300 leaves runs of up to"
        " 100,000 agents at one agent a unit (docs/validation.md, results by district and at full scale)",
        unit="units",
        lo=1,
        hi=1_000_000,
    )
    registered_share: float = param(0.5, "Share of employers registered with the agency at the start", unit="share", lo=0, hi=1)
    partial_share: float = param(
        0.26,
        "Share of registered employers that are partially compliant (PDS), at the start and among those that register",
        unit="share",
        lo=0,
        hi=1,
        source="Detik Finance 4396365 (2019): 26% of firms",
    )
    partial_worker_share: float = param(0.5, "Share of workers a partially compliant employer registers", unit="share", lo=0, hi=1)
    partial_wage_share: float = param(0.7, "Share of the wage a partially compliant employer declares", unit="share", lo=0, hi=1)
    registration_rate: float = param(
        0.00223,
        "Monthly probability an unregistered employer registers (agency outreach, licensing)",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    full_compliance_rate: float = param(
        0.00638,
        "Monthly probability a partially compliant employer becomes compliant",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    arrears_probability: float = param(
        0.06,
        "Monthly probability a registered employer falls into arrears",
        unit="1/month",
        lo=0,
        hi=1,
        source="BIT: more than half of registered firms in arrears at least once a year",
    )
    arrears_cure: float = param(0.45, "Monthly probability an employer in arrears pays up", unit="1/month", lo=0, hi=1)
    registration_rate_changes: list["RateFrom"] = Field(
        default_factory=list,
        description="Later values of registration_rate, each {start, rate} in force from its month (obligations phased in, licensing)",
        json_schema_extra={"unit": "list", "source": "Perpres 109/2013 phased the obligation in by firm size to 2015"},
    )
    closure_rate: float = param(
        0.000704,
        "Monthly probability an employer unit closes; a new unregistered unit takes its place and its workers lose their jobs",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    partial_drift: float = param(
        0.00125,
        "Monthly probability a fully compliant employer becomes partially compliant again (new hires left out, wages under-declared)",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    arrears_months_to_inactive: int = param(
        3, "Months of arrears after which the employer's workers become inactive", unit="months", lo=1, hi=24, source="BPJS TK (docs/domain.md)"
    )
    sizes: FirmSizes = Field(default_factory=FirmSizes)

    @model_validator(mode="after")
    def _ordered(self) -> "Employers":
        starts = [parse_month(r.start) for r in self.registration_rate_changes]
        if starts != sorted(starts):
            raise ValueError("registration_rate_changes must be in order of their start month")
        return self
