"""The strategy levers of a scenario, grouped as the agency names them.

Every lever has a ``start`` month (``null``: from the scenario's start) and documented unit
costs in rupiah. A lever at its zero value (no agents, rate 0, mode ``none``) changes nothing:
its code draws no random numbers, so the run is identical to one without the lever.
"""

from enum import StrEnum

from pydantic import Field, field_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.fields import Section, param


class LeverSection(Section):
    """Common to every lever: when it starts."""

    start: str | None = param(None, "First month the lever acts (null: from the scenario's start)", unit="YYYY-MM")

    @field_validator("start")
    @classmethod
    def _month(cls, value: str | None) -> str | None:
        if value is not None:
            parse_month(value)
        return value


# --- intensification ----------------------------------------------------------------------------


class Audits(LeverSection):
    """Audits of partially compliant employers (PDS)."""

    rate: float = param(0.0, "Monthly share of partially compliant employers audited", unit="1/month", lo=0, hi=1)
    effect: float = param(0.5, "Probability an audited employer registers all workers and full wages", unit="probability", lo=0, hi=1)
    unit_cost: float = param(3_000_000, "Cost of one audit of a firm (an employer unit is charged for the firms it stands for)", unit="rupiah", lo=0, hi=1e10)


class ArrearsCollection(LeverSection):
    """Chasing employers in arrears."""

    rate: float = param(0.0, "Monthly share of employers in arrears contacted", unit="1/month", lo=0, hi=1)
    effect: float = param(0.4, "Probability a contacted employer pays its arrears that month", unit="probability", lo=0, hi=1)
    unit_cost: float = param(500_000, "Cost of one collection case (a firm in arrears chased)", unit="rupiah", lo=0, hi=1e10)


class Retention(LeverSection):
    """Keeping BPU participants paying and JHT balances in place."""

    reminder_coverage: float = param(0.0, "Share of BPU participants sent monthly payment reminders", unit="share", lo=0, hi=1)
    reminder_effect: float = param(
        0.15,
        "Relative cut in missed payments from a reminder",
        unit="share",
        lo=0,
        hi=1,
        source="BIT email trial: +2.6 points on-time payment (docs/domain.md); assumption above that",
    )
    reminder_cost: float = param(1_000, "Cost of a reminder (message) per participant-month", unit="rupiah", lo=0, hi=1e7)
    auto_debit_share: float = param(0.0, "Share of BPU participants paying by auto-debit", unit="share", lo=0, hi=1)
    auto_debit_effect: float = param(
        0.6,
        "Relative cut in missed payments for auto-debit payers",
        unit="share",
        lo=0,
        hi=1,
        source="Ghana mobile payment +17.4 points on renewal (docs/domain.md); assumption",
    )
    auto_debit_cost: float = param(2_500, "Cost per auto-debit participant-month", unit="rupiah", lo=0, hi=1e7)
    jht_education_reach: float = param(0.0, "Monthly share of inactive participants with a JHT balance taught why to keep it", unit="1/month", lo=0, hi=1)
    jht_education_gain: float = param(0.3, "Literacy gain toward 1 for a worker taught about JHT", unit="share", lo=0, hi=1)
    jht_education_cost: float = param(20_000, "Cost per person taught", unit="rupiah", lo=0, hi=1e9)


class Intensification(Section):
    """More coverage inside what is already reached."""

    audits: Audits = Field(default_factory=Audits)
    arrears_collection: ArrearsCollection = Field(default_factory=ArrearsCollection)
    retention: Retention = Field(default_factory=Retention)


# --- extensification ----------------------------------------------------------------------------


class Perisai(LeverSection):
    """Perisai agents: commissioned recruiters of informal workers, one corps per district."""

    agents_initial: float = param(
        0, "Perisai agents working at the start month", unit="agents", lo=0, hi=1e6, source="11 pilot regions in 2017 (docs/domain.md)"
    )
    agents_target: float = param(0, "Agents the agency aims to have", unit="agents", lo=0, hi=1e6, source="3,700 end 2018, plan 6,000 in 2019 (docs/domain.md)")
    recruitment_per_month: float = param(200, "Agents the agency can recruit a month while below target", unit="agents/month", lo=0, hi=1e6)
    contacts_per_agent: float = param(60, "Workers an agent contacts a month", unit="persons/month", lo=0, hi=10_000)
    conversion: float = param(
        0.185,
        "Probability a contacted worker of average literacy joins",
        unit="probability",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 with the Perisai recruits of 2018 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    experience_effect: float = param(0.5, "Relative rise of conversion after two years of experience", unit="share", lo=0, hi=10)
    collection_effect: float = param(0.4, "Relative cut in missed payments of recruits whose agent collects", unit="share", lo=0, hi=1)
    commission_rate: float = param(0.075, "Commission on contributions collected from recruits", unit="share", lo=0, hi=1, source="docs/domain.md (7.5%)")
    bonus: float = param(500_000, "Bonus in a month with at least bonus_threshold new members", unit="rupiah", lo=0, hi=1e9, source="docs/domain.md")
    bonus_threshold: int = param(50, "New members in a month that earn the bonus", unit="persons", lo=1, hi=10_000, source="docs/domain.md")
    institution_share: float = param(0.10, "Share of the agent's earnings taken by its institution", unit="share", lo=0, hi=1, source="docs/domain.md (10%)")
    reservation_income: float = param(
        50_000,
        "Monthly earnings below which agents start to quit",
        unit="rupiah/month",
        lo=0,
        hi=1e9,
        source="assumption; agents earned about Rp60,000 a month in 2018 (7.5% of Rp32bn over 3,500 agents, docs/domain.md) and most stayed",
    )
    quit_rate: float = param(0.03, "Monthly share of an under-earning corps that quits", unit="1/month", lo=0, hi=1)
    recruitment_cost: float = param(1_000_000, "Training and kit per agent recruited", unit="rupiah", lo=0, hi=1e10)


class PlatformMode(StrEnum):
    """How a platform takes part."""

    NONE = "none"
    PROMOTION = "promotion"
    DEFAULT_ENROLMENT = "default_enrolment"
    PAYROLL_DEDUCTION = "payroll_deduction"
    COPAYMENT = "copayment"


class Platforms(LeverSection):
    """Partnerships with ride-hailing, e-commerce and logistics platforms (the agency cannot oblige them)."""

    mode: PlatformMode = param(PlatformMode.NONE, "Partnership offered", unit="none | promotion | default_enrolment | payroll_deduction | copayment")
    incentive: float = param(0.0, "Agency payment to a platform per covered partner-month", unit="rupiah/month", lo=0, hi=1e7)
    regulatory_pressure: float = param(0.0, "Pressure to 'ensure' partners' membership (since 2021)", unit="0-1", lo=0, hi=1, source="docs/domain.md")
    reach: float = param(0.2, "Monthly share of a joined platform's uncovered partners it approaches", unit="1/month", lo=0, hi=1)
    promotion_conversion: float = param(
        0.05,
        "Probability an approached partner joins after promotion alone",
        unit="probability",
        lo=0,
        hi=1,
        source="assumption; information alone did little (Banerjee et al. 2021; Wagstaff et al. 2016)",
    )
    deduction_conversion: float = param(0.25, "Probability an approached partner joins when the platform deducts contributions", unit="probability", lo=0, hi=1)
    copay_conversion: float = param(0.35, "Probability an approached partner joins when the platform pays part", unit="probability", lo=0, hi=1)
    opt_out: float = param(
        0.3, "Share of partners who opt out of default enrolment", unit="share", lo=0, hi=1, source="assumption; Blumenstock et al. 2018 default +40 points"
    )
    deduction_effect: float = param(0.8, "Relative cut in missed payments when the platform deducts", unit="share", lo=0, hi=1)
    partnership_cost: float = param(50_000_000, "Monthly cost of running one partnership", unit="rupiah/month", lo=0, hi=1e12)


class LocalGovernment(LeverSection):
    """District governments: subsidies for vulnerable workers, licence conditioning, outreach, service points."""

    subsidy_budget: float = param(
        0.0,
        "Yearly budget of all districts for contributions of vulnerable workers",
        unit="rupiah/year",
        lo=0,
        hi=1e15,
        source="Inpres 2/2021, Permendagri 27/2021",
    )
    income_threshold: float = param(1_500_000, "Income below which a worker is eligible for the subsidy", unit="rupiah/month", lo=0, hi=1e9)
    enrolment_speed: float = param(0.3, "Monthly share of unused subsidy places filled", unit="1/month", lo=0, hi=1)
    licence_conditioning: float = param(
        0.0, "Extra monthly probability an unregistered employer registers (licences need compliance)", unit="1/month", lo=0, hi=1, source="Inpres 2/2021"
    )
    licence_cost: float = param(100_000, "Administration per employer registered through licensing", unit="rupiah", lo=0, hi=1e9)
    outreach_reach: float = param(0.0, "Monthly share of workers reached by village-level outreach", unit="1/month", lo=0, hi=1)
    outreach_cost: float = param(15_000, "Cost per worker reached", unit="rupiah", lo=0, hi=1e9)
    service_point_ease: float = param(0.0, "Registration ease added by district service points", unit="0-1", lo=0, hi=1)
    service_point_cost: float = param(
        20_000_000,
        "Monthly cost of service points in one district (paid in each of Indonesia's 514 regencies and cities, times national_share)",
        unit="rupiah/month",
        lo=0,
        hi=1e12,
    )


class Ecosystems(LeverSection):
    """Outreach through the five ecosystems the agency names, contacts a month (persons) each."""

    village: float = param(0.0, "Contacts a month with informal workers in villages", unit="persons/month", lo=0, hi=1e8)
    market: float = param(0.0, "Contacts a month with market traders (informal, above-median income)", unit="persons/month", lo=0, hi=1e8)
    e_commerce: float = param(0.0, "Contacts a month with online sellers and platform partners", unit="persons/month", lo=0, hi=1e8)
    small_micro_enterprises: float = param(0.0, "Visits a month to unregistered small employers (workers reached)", unit="persons/month", lo=0, hi=1e8)
    vulnerable: float = param(0.0, "Contacts a month with low-income informal workers", unit="persons/month", lo=0, hi=1e8)
    literacy_gain: float = param(0.2, "Literacy gain toward 1 for a contacted worker", unit="share", lo=0, hi=1)
    conversion: float = param(0.1, "Probability a contacted worker of average literacy registers with help", unit="probability", lo=0, hi=1)
    unit_cost: float = param(25_000, "Cost per contact", unit="rupiah", lo=0, hi=1e9)


class Sertakan(LeverSection):
    """Companies sponsor the contributions of vulnerable workers in their ecosystem."""

    sponsored_per_month: float = param(0.0, "Workers newly sponsored a month", unit="persons/month", lo=0, hi=1e8)
    months_paid: int = param(12, "Months a sponsor pays for each worker", unit="months", lo=1, hi=120)
    agency_cost: float = param(10_000, "Agency cost of arranging one sponsorship", unit="rupiah", lo=0, hi=1e9)


class Nyalakan(LeverSection):
    """Anyone registers a worker near them through the JMO app."""

    rate: float = param(0.0, "Monthly probability an active participant registers someone in the village", unit="1/month", lo=0, hi=1)
    completion: float = param(0.7, "Probability an app registration by a helper is completed", unit="probability", lo=0, hi=1)
    unit_cost: float = param(10_000, "Promotion cost per registration", unit="rupiah", lo=0, hi=1e9)


class ServicePoints(LeverSection):
    """More service points and branch offices nationally."""

    extra_ease: float = param(
        0.0, "Registration ease added everywhere", unit="0-1", lo=0, hi=1, source="about 3,500 bank service points in 2017 (docs/domain.md)"
    )
    monthly_cost: float = param(2_000_000_000, "Monthly cost of the extra points and offices", unit="rupiah/month", lo=0, hi=1e13)


class PaymentChannels(LeverSection):
    """Cheaper, easier ways to pay (retail chains, marketplaces, mobile)."""

    extra_ease: float = param(0.0, "Payment ease added everywhere", unit="0-1", lo=0, hi=1, source="Ghana mobile payment trial (docs/domain.md)")
    cost_per_payment: float = param(
        2_500, "Agency cost per BPU payment (channel fees, charged on every BPU payment once the channels open)", unit="rupiah", lo=0, hi=1e7
    )


class Extensification(Section):
    """Reaching new people."""

    perisai: Perisai = Field(default_factory=Perisai)
    platforms: Platforms = Field(default_factory=Platforms)
    local_government: LocalGovernment = Field(default_factory=LocalGovernment)
    ecosystems: Ecosystems = Field(default_factory=Ecosystems)
    sertakan: Sertakan = Field(default_factory=Sertakan)
    nyalakan: Nyalakan = Field(default_factory=Nyalakan)
    service_points: ServicePoints = Field(default_factory=ServicePoints)
    payment_channels: PaymentChannels = Field(default_factory=PaymentChannels)


# --- law enforcement, targeting, rules ---------------------------------------------------------


class Targeting(StrEnum):
    """How inspectors choose employers."""

    RANDOM = "random"
    RISK = "risk"


class LawEnforcement(LeverSection):
    """Inspections, warning letters and referral to the prosecutor's office (PP 86/2013)."""

    inspection_rate: float = param(0.0, "Monthly share of employers inspected", unit="1/month", lo=0, hi=1)
    targeting: Targeting = param(Targeting.RISK, "Which employers are inspected", unit="random | risk")
    warning_compliance: float = param(0.3, "Monthly probability a warned employer complies", unit="probability", lo=0, hi=1)
    warnings_before_referral: int = param(
        2, "Warning letters before referral to the prosecutor", unit="letters", lo=0, hi=5, source="docs/domain.md (up to two letters)"
    )
    sanction_strength: float = param(0.5, "Monthly probability a referred employer complies", unit="probability", lo=0, hi=1)
    deterrence: float = param(
        0.005,
        "Extra monthly registration probability of a district's unregistered employers per 1% of its employers inspected",
        unit="probability",
        lo=0,
        hi=1,
        source="BIT prosecution-risk email +2.6 points (docs/domain.md); assumption",
    )
    inspection_cost: float = param(2_500_000, "Cost of one inspection of a firm", unit="rupiah", lo=0, hi=1e10)
    referral_cost: float = param(10_000_000, "Cost of one referral of a firm to the prosecutor", unit="rupiah", lo=0, hi=1e10)


class MicroTargeting(LeverSection):
    """Outreach sent where uptake is predicted highest, predicted from what the agency can observe."""

    enabled: bool = param(
        False, "Send outreach (Perisai, ecosystems, village outreach, subsidy and sponsor enrolment) by predicted uptake instead of evenly", unit="yes/no"
    )
    sharpness: float = param(2.0, "How strongly outreach concentrates on the best-predicted villages (exponent)", unit="exponent", lo=0, hi=10)
    unit_cost: float = param(500_000_000, "Monthly cost of the analytics", unit="rupiah/month", lo=0, hi=1e12)


class Rules(LeverSection):
    """Rule changes: the price of the BPU package and whether JHT is required (JHT withdrawal rules: ``jht.regimes``)."""

    bpu_price_multiplier: float = param(1.0, "Multiplier on the BPU contribution", unit="ratio", lo=0, hi=10)
    bpu_jht_required: bool = param(False, "BPU participants must take JHT", unit="yes/no")


class Strategies(Section):
    """All strategy levers; the default is the status quo (every lever off)."""

    intensification: Intensification = Field(default_factory=Intensification)
    extensification: Extensification = Field(default_factory=Extensification)
    law_enforcement: LawEnforcement = Field(default_factory=LawEnforcement)
    micro_targeting: MicroTargeting = Field(default_factory=MicroTargeting)
    rules: Rules = Field(default_factory=Rules)
