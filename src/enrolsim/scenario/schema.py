"""The scenario: every parameter of a run, validated, documented and hashable.

A scenario is a YAML file read by :func:`load_scenario`. It may ``extends:`` another file and
override any key. Each field states its unit, bounds, default and source; ``docs/parameters.md``
is generated from this module (``enrolsim params``), so the table always matches the code.
"""

import hashlib
import json
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.fields import Section, param, per_segment
from enrolsim.scenario.strategies import Strategies

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
    "Yearly growth of the number of jobs, beyond replacing those who leave, relative to the labour force (informal work and unemployment have no vacancies)",
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

    agents: int = param(100_000, "Number of worker agents simulated", unit="agents", lo=100, hi=20_000_000)
    labour_force: float = param(
        121.96e6,
        "Eligible labour force at the start month (labour force less civil servants, military, police)",
        unit="persons",
        lo=1_000,
        hi=400e6,
        source=f"{SAKERNAS}: 128.06m, less 4.7m civil servants (Taspen) and 1.4m ASABRI (DOMAIN.md)",
    )
    labour_force_growth: float = param(
        0.021,
        "Yearly growth of the labour force; persons per agent grow with it",
        unit="1/year",
        lo=-0.1,
        hi=0.2,
        source="BPS Sakernas 2017-2019 (128.06m to 133.56m)",
    )
    segment_shares: SegmentShares = Field(default_factory=SegmentShares)
    provinces: int = param(34, "Provinces", unit="count", lo=1, hi=40, source="Indonesia, 2017")
    districts_per_province: int = param(4, "Modelled districts per province", unit="count", lo=1, hi=100)
    villages_per_district: int = param(8, "Modelled villages (peer groups) per district", unit="count", lo=1, hi=500)
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
    initial_jht_balance_median: float = param(4_000_000, "Median JHT balance of a registered worker at the start", unit="rupiah", lo=0, hi=1e9)

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
        source="DOMAIN.md",
    )
    casual_share: float = param(
        0.9,
        "Share of fixed-term hires that are casual (daily or seasonal, PKWT harian lepas)",
        unit="share",
        lo=0,
        hi=1,
        source="assumption; Kepmenakertrans 100/2004 defines casual fixed-term work",
    )
    casual_months_mean: float = param(1.2, "Mean duration of a casual contract", unit="months", lo=1, hi=12)
    contract_renewal: float = param(0.55, "Probability a contract is renewed when it ends", unit="probability", lo=0, hi=1)
    contract_to_permanent: float = param(0.08, "Share of renewals that convert to a permanent contract", unit="probability", lo=0, hi=1)
    job_finding: float = param(0.3, "Monthly probability an unemployed worker finds work", unit="1/month", lo=0, hi=1)
    informal_exit: float = param(0.006, "Monthly probability an informal worker changes work", unit="1/month", lo=0, hi=1)
    platform_exit: float = param(0.02, "Monthly probability a platform partner changes work", unit="1/month", lo=0, hi=1)
    construction_exit: float = param(0.01, "Monthly probability a construction worker leaves construction", unit="1/month", lo=0, hi=1)
    hire_shares: HireShares = Field(default_factory=HireShares)
    job_growth: JobGrowth = Field(default_factory=JobGrowth)
    project_months_mean: float = param(1.2, "Mean duration of a construction project", unit="months", lo=1, hi=36)
    project_start: float = param(0.6, "Monthly probability a construction worker between projects starts one", unit="1/month", lo=0, hi=1)
    jakon_coverage: float = param(
        0.6,
        "Probability a project covers its workers for JKK and JKm (Jakon)",
        unit="probability",
        lo=0,
        hi=1,
        source="calibrated loosely to 7.6m Jakon coverages a year (Tribunnews)",
    )
    retirement_age: int = param(56, "Pension age at the start of the schedule", unit="years", lo=45, hi=70, source="PP 45/2015")
    retirement_age_rise_from: int = param(2019, "Year the pension age starts rising", unit="year", lo=1990, hi=2100, source="PP 45/2015")
    retirement_age_rise_every: int = param(3, "Years between one-year rises of the pension age", unit="years", lo=1, hi=50, source="PP 45/2015")
    retirement_age_max: int = param(65, "Final pension age", unit="years", lo=45, hi=75, source="PP 45/2015")
    entrant_shares: EntrantShares = Field(default_factory=EntrantShares)

    @model_validator(mode="after")
    def _shares(self) -> "LabourMarket":
        _check_shares(self.hire_shares, "hire_shares")
        _check_shares(self.entrant_shares, "entrant_shares")
        if self.hire_shares.unemployed != 0:
            raise ValueError("hire_shares.unemployed must be 0: finding work leaves unemployment")
        return self


class Employers(Section):
    """Employers of wage earners, as vectorised units of firms."""

    mean_size: float = param(25, "Mean number of worker agents per employer unit", unit="agents", lo=1, hi=10_000)
    registered_share: float = param(0.5, "Share of employers registered with the agency at the start", unit="share", lo=0, hi=1)
    partial_share: float = param(
        0.26,
        "Share of registered employers that are partially compliant (PDS)",
        unit="share",
        lo=0,
        hi=1,
        source="Detik Finance 4396365 (2019): 26% of firms",
    )
    partial_worker_share: float = param(0.5, "Share of workers a partially compliant employer registers", unit="share", lo=0, hi=1)
    partial_wage_share: float = param(0.7, "Share of the wage a partially compliant employer declares", unit="share", lo=0, hi=1)
    registration_rate: float = param(0.012, "Monthly probability an unregistered employer registers (agency outreach, licensing)", unit="1/month", lo=0, hi=1)
    full_compliance_rate: float = param(0.01, "Monthly probability a partially compliant employer becomes compliant", unit="1/month", lo=0, hi=1)
    arrears_probability: float = param(
        0.06,
        "Monthly probability a registered employer falls into arrears",
        unit="1/month",
        lo=0,
        hi=1,
        source="BIT: more than half of registered firms in arrears at least once a year",
    )
    arrears_cure: float = param(0.45, "Monthly probability an employer in arrears pays up", unit="1/month", lo=0, hi=1)
    arrears_months_to_inactive: int = param(
        3, "Months of arrears after which the employer's workers become inactive", unit="months", lo=1, hi=24, source="BPJS TK (DOMAIN.md)"
    )


class Enrolment(Section):
    """Voluntary (BPU) enrolment of non-wage workers: a monthly logistic choice, then completion."""

    base_logit: float = param(-7.3, "Intercept of the monthly enrolment log-odds", unit="log-odds", lo=-20, hi=5)
    literacy_effect: float = param(2.5, "Log-odds per unit of insurance literacy", unit="log-odds", lo=-10, hi=20)
    price_effect: float = param(-20.0, "Log-odds per unit of price relative to income", unit="log-odds", lo=-200, hi=10)
    risk_effect: float = param(1.5, "Log-odds per unit of perceived risk", unit="log-odds", lo=-10, hi=20)
    trust_effect: float = param(1.5, "Log-odds per unit of trust", unit="log-odds", lo=-10, hi=20)
    peer_effect: float = param(
        3.0,
        "Log-odds per unit share of active peers (same village and segment)",
        unit="log-odds",
        lo=-10,
        hi=30,
        source="Cai, de Janvry, Sadoulet 2015 (peer effects on take-up)",
    )
    ease_effect: float = param(1.5, "Log-odds per unit of registration ease", unit="log-odds", lo=-10, hi=20)
    registration_ease: float = param(0.3, "How easy registration is (offices, service points, app)", unit="0-1", lo=0, hi=1)
    completion_unassisted: float = param(
        0.45,
        "Probability an unassisted registration attempt is completed",
        unit="probability",
        lo=0,
        hi=1,
        source="Banerjee et al. 2021: over half of unassisted attempts failed",
    )


def _five(values: list[float]) -> list[float]:
    if len(values) != 5:
        raise ValueError(f"expected 5 values, one per risk class, got {len(values)}")
    return values


Rate = Annotated[float, Field(ge=0, le=1)]


class Contributions(Section):
    """What participants pay, and how BPU participants miss payments and lapse."""

    jkk_rates: list[Rate] = Field(
        default=[0.0024, 0.0054, 0.0089, 0.0127, 0.0174],
        description="JKK (work accident) rate of the wage by risk class, employer pays",
        json_schema_extra={"unit": "share of wage", "source": "PP 44/2015 (DOMAIN.md)"},
    )
    jkm_rate: float = param(0.003, "JKM (death) rate of the wage", unit="share of wage", lo=0, hi=1, source="PP 44/2015")
    jht_rate: float = param(0.057, "JHT rate of the wage (3.7% employer, 2% worker)", unit="share of wage", lo=0, hi=1, source="PP 46/2015")
    jp_rate: float = param(0.03, "JP (pension) rate of the wage up to the cap", unit="share of wage", lo=0, hi=1, source="PP 45/2015")
    jp_wage_cap: float = param(7_703_500, "Wage cap for JP", unit="rupiah/month", lo=0, hi=1e9, source="BPJS TK 2017")
    jht_return: float = param(0.0719, "Yearly return credited to JHT balances", unit="1/year", lo=-0.5, hi=0.5, source="BPJS TK 2016")
    bpu_declared_income: float = param(1_000_000, "Income a BPU participant declares", unit="rupiah/month", lo=0, hi=1e9, source="DOMAIN.md (Rp1m bracket)")
    bpu_jkk_rate: float = param(0.01, "BPU JKK rate of declared income", unit="share", lo=0, hi=1, source="DOMAIN.md")
    bpu_jkk_min: float = param(10_000, "BPU JKK minimum", unit="rupiah/month", lo=0, hi=1e7, source="DOMAIN.md")
    bpu_jkk_max: float = param(207_000, "BPU JKK maximum", unit="rupiah/month", lo=0, hi=1e7, source="DOMAIN.md")
    bpu_jkm: float = param(6_800, "BPU JKM contribution", unit="rupiah/month", lo=0, hi=1e7, source="DOMAIN.md")
    bpu_jht_rate: float = param(0.02, "BPU JHT rate of declared income, when taken", unit="share", lo=0, hi=1, source="DOMAIN.md")
    bpu_jht_share: float = param(0.25, "Share of BPU participants who also take JHT", unit="share", lo=0, hi=1)
    bpu_miss_probability: float = param(
        0.6,
        "Monthly probability a paying BPU participant misses a payment",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated loosely to 28.3% irregular payers and a 54% collection rate (JKN, DOMAIN.md)",
    )
    bpu_miss_again: float = param(0.85, "Probability of missing again after a missed month", unit="probability", lo=0, hi=1)
    payment_ease: float = param(0.4, "How easy paying is (channels, auto-debit)", unit="0-1", lo=0, hi=1)
    payment_ease_effect: float = param(
        0.5,
        "Relative cut in missed payments per unit of payment ease",
        unit="share",
        lo=0,
        hi=1,
        source="Ghana mobile payment trial (DOMAIN.md)",
    )
    unpaid_months_to_inactive: int = param(
        3, "Unpaid months after which a BPU participant becomes inactive", unit="months", lo=1, hi=24, source="BPJS TK; Grid"
    )
    jakon_contribution: float = param(25_000, "Contribution per covered construction worker-month", unit="rupiah/month", lo=0, hi=1e7)

    _five_rates = field_validator("jkk_rates")(_five)


class JhtRule(StrEnum):
    """The JHT withdrawal regimes of DOMAIN.md."""

    FIVE_YEARS = "five_years"  # before September 2015: five years of membership, after leaving work
    ONE_MONTH = "one_month"  # PP 60/2015: the whole balance one month after leaving work
    AGE_56 = "age_56"  # Permenaker 2/2022 (withdrawn): only at the pension age


class JhtRegime(Section):
    """A JHT withdrawal rule in force from a month on."""

    start: str = param("2015-09", "First month the rule applies", unit="YYYY-MM", source="PP 60/2015")
    rule: JhtRule = param(JhtRule.ONE_MONTH, "Which withdrawal rule", unit="five_years | one_month | age_56", source="DOMAIN.md")
    waiting_months: int = param(1, "Months between leaving work and withdrawing", unit="months", lo=0, hi=120, source="Permenaker 19/2015")
    membership_months: int = param(60, "Months of membership needed under five_years", unit="months", lo=0, hi=600, source="DOMAIN.md")

    @field_validator("start")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value


class Jht(Section):
    """Old-age savings (JHT) withdrawal: which rule when, and how many of the eligible withdraw."""

    regimes: list[JhtRegime] = Field(
        default_factory=lambda: [JhtRegime()],
        description="Rules in force from their start month; the latest that has started applies",
        json_schema_extra={"unit": "list", "source": "DOMAIN.md"},
    )
    withdrawal_probability: float = param(
        0.04,
        "Monthly probability an eligible worker withdraws",
        unit="1/month",
        lo=0,
        hi=1,
        source="assumption; many take the balance and do not return (Koran SINDO 2019)",
    )
    literacy_effect: float = param(0.6, "Relative cut in withdrawal per unit of literacy", unit="share", lo=0, hi=1)

    @model_validator(mode="after")
    def _ordered(self) -> "Jht":
        starts = [parse_month(r.start) for r in self.regimes]
        if not starts:
            raise ValueError("regimes must name at least one rule")
        if starts != sorted(starts):
            raise ValueError("regimes must be in order of their start month")
        return self


class Accidents(Section):
    """Work accidents, deaths and claims, and what peers learn from them."""

    accident_rates: list[Rate] = Field(
        default=[0.00008, 0.00015, 0.0003, 0.0006, 0.0012],
        description="Monthly probability of a work accident by risk class",
        json_schema_extra={"unit": "1/month", "source": "assumption scaled to about 0.5% of participants claiming JKK a year"},
    )
    fatal_share: float = param(0.03, "Share of work accidents that kill", unit="share", lo=0, hi=1)
    mortality: float = param(0.00025, "Monthly probability of death from other causes", unit="1/month", lo=0, hi=0.1)
    jkk_claim: float = param(8_000_000, "Mean JKK claim paid for a work accident", unit="rupiah", lo=0, hi=1e10)
    jkm_benefit: float = param(24_000_000, "JKM lump sum paid on death", unit="rupiah", lo=0, hi=1e10, source="PP 44/2015")
    acquaintances: float = param(40, "People a worker knows in the village and hears news from", unit="persons", lo=0, hi=1000)
    trust_per_claim_seen: float = param(0.05, "Trust gained per claim paid to someone known", unit="0-1", lo=0, hi=1)
    risk_per_uninsured_seen: float = param(0.05, "Perceived risk gained per uninsured accident of someone known", unit="0-1", lo=0, hi=1)
    perceived_risk_decay: float = param(0.03, "Monthly pull of perceived risk back toward the occupation's risk", unit="1/month", lo=0, hi=1)


class Literacy(Section):
    """Insurance literacy: rises with exposure, decays slowly."""

    decay: float = param(0.004, "Monthly relative decay of literacy", unit="1/month", lo=0, hi=1)
    peer_learning: float = param(0.02, "Monthly gain toward 1 per unit share of active peers", unit="1/month", lo=0, hi=1)
    campaign_reach: float = param(0.005, "Monthly share of workers reached by the agency's campaigns", unit="1/month", lo=0, hi=1)
    campaign_gain: float = param(0.15, "Gain toward 1 for a worker reached by a campaign", unit="share", lo=0, hi=1)


class Shock(Section):
    """A labour-market shock (a recession, a pandemic-like year) in force from ``start`` to ``end``, inclusive."""

    start: str = param("2020-04", "First month of the shock", unit="YYYY-MM")
    end: str = param("2020-12", "Last month of the shock", unit="YYYY-MM")
    job_loss_multiplier: float = param(
        1.0,
        "Multiplier on permanent job loss and on contract non-renewal; the extra jobs lost are destroyed (no vacancy opens)",
        unit="ratio",
        lo=0,
        hi=20,
    )
    informalisation: float = param(
        0.0, "Share of wage earners who move to informal own-account work over the shock, spread evenly over its months", unit="share", lo=0, hi=1
    )
    income_multiplier: float = param(
        1.0,
        "Multiplier on incomes: wages contributions are paid on, income against the BPU price, and (inversely) BPU missed payments",
        unit="ratio",
        lo=0.05,
        hi=5,
    )

    @field_validator("start", "end")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Shock":
        if parse_month(self.end) < parse_month(self.start):
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Scenario(Section):
    """A complete, validated description of one simulated world."""

    name: str = param("unnamed", "Short name shown in reports", unit="text")
    description: str = param("", "One paragraph: what this scenario represents", unit="text")
    start: str = param("2017-01", "First simulated month", unit="YYYY-MM")
    months: int = param(120, "Months to simulate", unit="months", lo=1, hi=1200)
    population: Population = Field(default_factory=Population)
    labour_market: LabourMarket = Field(default_factory=LabourMarket)
    employers: Employers = Field(default_factory=Employers)
    enrolment: Enrolment = Field(default_factory=Enrolment)
    contributions: Contributions = Field(default_factory=Contributions)
    jht: Jht = Field(default_factory=Jht)
    accidents: Accidents = Field(default_factory=Accidents)
    literacy: Literacy = Field(default_factory=Literacy)
    strategies: Strategies = Field(default_factory=Strategies)
    shocks: list[Shock] = Field(
        default_factory=list,
        description="Labour-market shocks, each {start, end, job_loss_multiplier, informalisation, income_multiplier}; overlapping shocks multiply",
        json_schema_extra={"unit": "list", "source": "assumption (docs/ODD.md 7.11)"},
    )

    @field_validator("start")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value

    @property
    def start_month(self) -> int:
        """Absolute month number of the first simulated month."""
        return parse_month(self.start)

    def digest(self) -> str:
        """A short hash of every parameter: two scenarios with the same digest run identically."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]
