"""Scenario sections of who is in the model: the population and the labour market (employers: ``employer_rules.py``)."""

import contextlib
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from enrolsim.scenario.fields import Section, param, per_segment

SAKERNAS = "BPS Sakernas August 2017 (data/labour_force.csv)"

SegmentShares = per_segment(
    "SegmentShares",
    {
        "permanent": 0.207,
        "contract": 0.170,
        "informal": 0.492,
        "platform": 0.008,
        "construction": 0.065,
        "unemployed": 0.058,
    },
    "Share of the eligible labour force in each segment at the start",
    unit="share",
    lo=0.0,
    hi=1.0,
    source=f"{SAKERNAS}: informal 57.03% of employed, unemployment 5.5%; platform (Katadata) and construction (about 8m, BPS) splits are assumptions",
)

IncomeMedians = per_segment(
    "IncomeMedians",
    {
        "permanent": 3_500_000,
        "contract": 2_700_000,
        "informal": 1_500_000,
        "platform": 2_800_000,
        "construction": 2_300_000,
        "unemployed": 400_000,
    },
    "Median monthly income",
    unit="rupiah/month",
    lo=0,
    hi=100_000_000,
)

RiskClassMeans = per_segment(
    "RiskClassMeans",
    {
        "permanent": 1.0,
        "contract": 1.4,
        "informal": 1.8,
        "platform": 2.4,
        "construction": 3.4,
        "unemployed": 1.5,
    },
    "Mean occupational risk class (0 very low .. 4 very high, the five JKK rate classes)",
    unit="class",
    lo=0,
    hi=4,
)

HireShares = per_segment(
    "HireShares",
    {
        "permanent": 0.05,
        "contract": 0.65,
        "informal": 0.10,
        "platform": 0.06,
        "construction": 0.14,
        "unemployed": 0.0,
    },
    "Kind of work a job seeker looks for (taken when a vacancy is open; informal work always is)",
    unit="share",
    lo=0.0,
    hi=1.0,
)

JobGrowth = per_segment(
    "JobGrowth",
    {
        "permanent": 0.012,
        "contract": 0.012,
        "informal": 0.0,
        "platform": 0.10,
        "construction": 0.01,
        "unemployed": 0.0,
    },
    "Yearly growth of the number of jobs in each segment, beyond replacing those who leave"
    " (permanent and contract only with formal_employment: growth; informal work and unemployment have no vacancies)",
    unit="1/year",
    lo=-0.5,
    hi=1.0,
    source="assumption; formal share of employment rose about 0.7 points a year 2017-2019 (Sakernas)",
)

EntrantShares = per_segment(
    "EntrantShares",
    {
        "permanent": 0.05,
        "contract": 0.35,
        "informal": 0.30,
        "platform": 0.05,
        "construction": 0.05,
        "unemployed": 0.20,
    },
    "Kind of work a young entrant looks for (unemployed if no vacancy is open)",
    unit="share",
    lo=0.0,
    hi=1.0,
)


def _check_shares(section: Section, what: str) -> None:
    total = sum(section.model_dump().values())
    if abs(total - 1.0) > 0.005:
        raise ValueError(f"{what} must sum to 1 (they sum to {total:.4g})")


class Population(Section):
    """Who is in the model at the start, and how many persons each worker agent stands for."""

    agents: int = param(
        100_000,
        "Number of worker agents simulated; full: one agent per person of labour_force (employer units are then single firms)",
        unit="agents | full",
        lo=100,
        hi=400_000_000,
    )
    labour_force: float = param(
        121.96e6,
        "Eligible labour force at the start month (labour force less civil servants, military, police)",
        unit="persons",
        lo=1_000,
        hi=400e6,
        source=f"{SAKERNAS}: 128.06m, less 4.7m civil servants (Taspen) and 1.4m ASABRI (docs/domain.md)",
    )
    labour_force_growth: float = param(
        0.021,
        "Yearly growth of the labour force; persons per agent grow with it",
        unit="1/year",
        lo=-0.1,
        hi=0.2,
        source="BPS Sakernas 2017-2019 (128.06m to 133.56m)",
    )
    labour_force_path: Literal["growth", "sakernas"] = param(
        "growth",
        "How the labour force (and so persons per agent) grows: growth, at labour_force_growth; sakernas, as Sakernas's"
        " August labour force in data/labour_force.csv less outside_formal (an input; at labour_force_growth before August 2016 and after August 2025)",
        unit="growth | sakernas",
        source="BPS Sakernas August 2016-2025 (data/labour_force.csv)",
    )
    segment_shares: SegmentShares = Field(default_factory=SegmentShares)
    provinces: int = param(34, "Provinces (geography uniform; the map has its own 34)", unit="count", lo=1, hi=40, source="Indonesia, 2017")
    districts_per_province: int = param(4, "Modelled districts per province (geography uniform)", unit="count", lo=1, hi=100)
    villages_per_district: int = param(8, "Modelled villages (peer groups) per district", unit="count", lo=1, hi=500)
    geography: Literal["uniform", "map"] = param(
        "uniform",
        "Places: uniform, provinces x districts_per_province equal districts with the same shares; map, Indonesia's 514 regencies"
        " and cities in their 34 provinces, sized by labour force, segment shares following the informal share (docs/ODD.md)",
        unit="uniform | map",
        source="BPS master file of regions (data/regencies.csv, ODbL-1.0); BPS Sakernas August 2019 by province (data/provinces_2019.csv);"
        " districts equal within a province: assumption",
    )
    entry_age: int = param(18, "Age at which young workers enter", unit="years", lo=15, hi=30)
    income_median: IncomeMedians = Field(default_factory=IncomeMedians)
    income_sigma: float = param(0.6, "Spread (log scale) of income around the median", unit="log", lo=0, hi=3)
    risk_class_mean: RiskClassMeans = Field(default_factory=RiskClassMeans)
    literacy_mean: float = param(0.3, "Mean insurance literacy at the start", unit="0-1", lo=0.01, hi=0.99)
    trust_mean: float = param(0.45, "Mean trust in the agency at the start", unit="0-1", lo=0.01, hi=0.99)
    village_spread: float = param(0.12, "Spread of village mean literacy and trust around the population means", unit="0-1", lo=0, hi=0.5)
    initial_bpu_active_share: float = param(
        0.0126,
        "Share of informal and platform workers active as BPU at the start",
        unit="share",
        lo=0,
        hi=1,
        source="Warta Ekonomi 2017-09-07: 807,825 BPU participants",
    )
    initial_inactive_share: float = param(
        0.30,
        "Share of workers not active at the start who hold an inactive account",
        unit="share",
        lo=0,
        hi=1,
        source="Kompas 2017-06-20: about 54m registered against 22.8m active",
    )
    initial_withdrawn_share: float = param(
        0.15, "Share of workers not active at the start whose account was closed by a JHT withdrawal", unit="share", lo=0, hi=1
    )
    national_share: float = param(
        1.0,
        "Share of Indonesia's eligible labour force the scenario stands for: the national counts (outside_formal, third-party"
        " new_persons, migrant placements, the pandemic's furloughs, layoffs and work lost) are scaled by it, so a district"
        " of 600,000 gets its share of them, not the nation's",
        unit="share",
        lo=1e-6,
        hi=1,
        source="1 for Indonesia; a district's labour force over the nation's (classroom.yaml: 600,000 / 121.96m)",
    )
    outside_formal: float = param(
        6.1e6,
        "Formal workers outside BPJS Ketenagakerjaan (civil servants, military, police): employed in Sakernas, not in the model",
        unit="persons",
        lo=0,
        hi=1e8,
        source="4.7m civil servants (Taspen) and 1.4m ASABRI (docs/domain.md)",
    )
    initial_jht_balance_median: float = param(4_000_000, "Median JHT balance of a registered worker at the start", unit="rupiah", lo=0, hi=1e9)

    @model_validator(mode="before")
    @classmethod
    def _full(cls, data: Any) -> Any:
        """``agents: full`` is one agent per person of the labour force at the start (fixed when read:
        a later override of ``labour_force`` alone keeps the number of agents)."""
        if isinstance(data, dict) and isinstance(data.get("agents"), str) and data["agents"].strip().lower() == "full":
            labour_force = data.get("labour_force", cls.model_fields["labour_force"].default)
            with contextlib.suppress(TypeError, ValueError):  # a bad labour force reports its own error
                data = {**data, "agents": max(100, round(float(labour_force)))}
        return data

    @field_validator("agents", mode="before")
    @classmethod
    def _agents(cls, value: Any) -> Any:
        """A word other than ``full`` is refused with what is expected (``_full`` has replaced ``full`` already)."""
        if isinstance(value, str) and not value.strip().lstrip("+").isdigit():
            raise ValueError(f"{value!r} is not a whole number of agents or full")
        return value

    @property
    def full(self) -> bool:
        """One agent a person (or fewer persons than agents): employer units are then single firms."""
        return self.labour_force <= self.agents

    def national(self, persons: float) -> float:
        """A national count of the schema (outside_formal, third-party budgets, migrant placements) for the scenario's part of the country."""
        return persons * self.national_share

    @property
    def outside_model(self) -> float:
        """Civil servants, military and police of the scenario's part of the country: employed in Sakernas, outside the model."""
        return self.national(self.outside_formal)

    @model_validator(mode="after")
    def _shares(self) -> "Population":
        _check_shares(self.segment_shares, "segment_shares")
        if self.initial_inactive_share + self.initial_withdrawn_share > 1:
            raise ValueError("initial_inactive_share + initial_withdrawn_share must not exceed 1")
        return self


class LabourMarket(Section):
    """Monthly moves between segments, contracts, and entry and exit of the labour force."""

    permanent_job_loss: float = param(0.002, "Monthly probability a permanent worker loses the job", unit="1/month", lo=0, hi=1)
    contract_months_mean: float = param(
        30,
        "Mean duration of a regular (not casual) fixed-term contract (PKWT: up to 3 years with extension)",
        unit="months",
        lo=1,
        hi=60,
        source="docs/domain.md",
    )
    casual_share: float = param(
        0.815,
        "Share of fixed-term hires that are casual (daily or seasonal, PKWT harian lepas): sets the casual jobs at the start",
        unit="share",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    casual_months_mean: float = param(
        1.08,
        "Mean duration of a casual contract",
        unit="months",
        lo=1,
        hi=12,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    contract_renewal: float = param(
        0.965,
        "Probability a regular (not casual) contract is renewed when it ends",
        unit="probability",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    contract_to_permanent: float = param(0.08, "Share of renewals that convert to a permanent contract", unit="probability", lo=0, hi=1)
    casual_renewal: float = param(
        0.0226,
        "Probability a casual contract is renewed when it ends",
        unit="probability",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    casual_share_new: float = param(
        0.783,
        "Share of new contract jobs (formal employment growing) that are casual",
        unit="share",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    recall: float = param(
        0.715,
        "Probability a job seeker who held a wage job is hired back by the last employer (casual and seasonal callback)",
        unit="probability",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    casual_search: float = param(
        0.866,
        "Monthly probability a worker between casual contracts (doing informal work meanwhile) finds another wage job",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    job_finding: float = param(
        0.0204,
        "Monthly probability an unemployed worker finds work",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    informal_exit: float = param(0.006, "Monthly probability an informal worker changes work", unit="1/month", lo=0, hi=1)
    platform_exit: float = param(0.02, "Monthly probability a platform partner changes work", unit="1/month", lo=0, hi=1)
    construction_exit: float = param(0.01, "Monthly probability a construction worker leaves construction", unit="1/month", lo=0, hi=1)
    hire_shares: HireShares = Field(default_factory=HireShares)
    job_growth: JobGrowth = Field(default_factory=JobGrowth)
    formal_employment: Literal["sakernas", "growth"] = param(
        "sakernas",
        "How wage jobs are created: sakernas, so that the informal share of employment follows data/labour_force.csv (an input); growth, by job_growth",
        unit="sakernas | growth",
        source="BPS Sakernas August 2015-2025 (data/labour_force.csv)",
    )
    unemployment: Literal["free", "sakernas"] = param(
        "free",
        "How open unemployment is set: free, by the model's flows alone; sakernas, also held from above to Sakernas's open"
        " unemployment (1 - employed / labour force in data/labour_force.csv, an input; from March 2020, the pandemic): the"
        " unemployed beyond it take own-account informal work",
        unit="free | sakernas",
        source="BPS Sakernas August 2016-2025 (data/labour_force.csv)",
    )
    retirement_age: int = param(
        56,
        "Age at which workers leave the modelled labour force and their JHT balance is paid: the JHT's pension age (JP's"
        " rising pension age decides only JP pensions, not modelled)",
        unit="years",
        lo=45,
        hi=70,
        source="PP 46/2015; Permenaker 19/2015",
    )
    entrant_shares: EntrantShares = Field(default_factory=EntrantShares)

    @model_validator(mode="after")
    def _shares(self) -> "LabourMarket":
        _check_shares(self.hire_shares, "hire_shares")
        _check_shares(self.entrant_shares, "entrant_shares")
        if self.hire_shares.unemployed != 0:
            raise ValueError("hire_shares.unemployed must be 0: finding work leaves unemployment")
        return self
