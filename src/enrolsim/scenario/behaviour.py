"""Scenario sections of what participants and would-be participants do: enrol, pay, withdraw JHT, have accidents, learn."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.fields import Section, param


class Enrolment(Section):
    """Voluntary (BPU) enrolment of non-wage workers: a monthly logistic choice, then completion."""

    base_logit: float = param(
        -8.37,
        "Intercept of the monthly enrolment log-odds",
        unit="log-odds",
        lo=-20,
        hi=5,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
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
        source="assumption, hand-fitted; that the effect exists: Cai, de Janvry, Sadoulet 2015 (peer effects on take-up)",
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
        json_schema_extra={"unit": "share of wage", "source": "PP 44/2015 (docs/domain.md)"},
    )
    jkm_rate: float = param(0.003, "JKM (death) rate of the wage", unit="share of wage", lo=0, hi=1, source="PP 44/2015")
    jht_rate: float = param(0.057, "JHT rate of the wage (3.7% employer, 2% worker)", unit="share of wage", lo=0, hi=1, source="PP 46/2015")
    jp_rate: float = param(0.03, "JP (pension) rate of the wage up to the cap", unit="share of wage", lo=0, hi=1, source="PP 45/2015")
    jp_wage_cap: float = param(7_703_500, "Wage cap for JP", unit="rupiah/month", lo=0, hi=1e9, source="BPJS TK 2017")
    jht_return: float = param(0.0719, "Yearly return credited to JHT balances", unit="1/year", lo=-0.5, hi=0.5, source="BPJS TK 2016")
    bpu_declared_income: float = param(
        1_000_000, "Income a BPU participant declares", unit="rupiah/month", lo=0, hi=1e9, source="docs/domain.md (Rp1m bracket)"
    )
    bpu_jkk_rate: float = param(0.01, "BPU JKK rate of declared income", unit="share", lo=0, hi=1, source="docs/domain.md")
    bpu_jkk_min: float = param(10_000, "BPU JKK minimum", unit="rupiah/month", lo=0, hi=1e7, source="docs/domain.md")
    bpu_jkk_max: float = param(207_000, "BPU JKK maximum", unit="rupiah/month", lo=0, hi=1e7, source="docs/domain.md")
    bpu_jkm: float = param(6_800, "BPU JKM contribution", unit="rupiah/month", lo=0, hi=1e7, source="docs/domain.md")
    bpu_jht_rate: float = param(0.02, "BPU JHT rate of declared income, when taken", unit="share", lo=0, hi=1, source="docs/domain.md")
    bpu_jht_share: float = param(0.25, "Share of BPU participants who also take JHT", unit="share", lo=0, hi=1)
    bpu_miss_probability: float = param(
        0.691,
        "Monthly probability a paying BPU participant misses a payment",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    bpu_miss_again: float = param(0.85, "Probability of missing again after a missed month", unit="probability", lo=0, hi=1)
    bpu_steady_share: float = param(
        0.286,
        "Share of persons who pay BPU contributions steadily (a habit kept for life; 0: everyone alike)",
        unit="share",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 with the JKN analogue of irregular payers (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    bpu_steady_miss_factor: float = param(
        0.225,
        "Missed payments of a steady payer relative to the others' (both the first miss and missing again)",
        unit="ratio",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 with the JKN analogue of irregular payers (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    payment_ease: float = param(0.4, "How easy paying is (channels, auto-debit)", unit="0-1", lo=0, hi=1)
    payment_ease_effect: float = param(
        0.5,
        "Relative cut in missed payments per unit of payment ease",
        unit="share",
        lo=0,
        hi=1,
        source="Ghana mobile payment trial (docs/domain.md)",
    )
    unpaid_months_to_inactive: int = param(
        3, "Unpaid months after which a BPU participant becomes inactive", unit="months", lo=1, hi=24, source="BPJS TK; Grid"
    )

    _five_rates = field_validator("jkk_rates")(_five)


class JhtRule(StrEnum):
    """The JHT withdrawal regimes of docs/domain.md."""

    FIVE_YEARS = "five_years"  # before September 2015: five years of membership, after leaving work
    ONE_MONTH = "one_month"  # PP 60/2015: the whole balance one month after leaving work
    AGE_56 = "age_56"  # Permenaker 2/2022 (withdrawn): only at the pension age


class JhtRegime(Section):
    """A JHT withdrawal rule in force from a month on."""

    start: str = param("2015-09", "First month the rule applies", unit="YYYY-MM", source="PP 60/2015")
    rule: JhtRule = param(JhtRule.ONE_MONTH, "Which withdrawal rule", unit="five_years | one_month | age_56", source="docs/domain.md")
    waiting_months: int = param(1, "Months between leaving work and withdrawing", unit="months", lo=0, hi=120, source="Permenaker 19/2015")
    membership_months: int = param(60, "Months of membership needed under five_years", unit="months", lo=0, hi=600, source="docs/domain.md")

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
        json_schema_extra={"unit": "list", "source": "docs/domain.md"},
    )
    withdrawal_probability: float = param(
        0.533,
        "Monthly probability that an eligible worker with a large balance claims, in the months just after leaving work",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    claim_window_months: int = param(
        6, "Months after the waiting period in which a worker who left work is likely to claim", unit="months", lo=1, hi=120, source="assumption"
    )
    balance_half: float = param(
        1_350_000,
        "JHT balance at which the chance to claim is half what a large balance gives (small balances are seldom claimed, early or at the pension age)",
        unit="rupiah",
        lo=0,
        hi=1e10,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    background_probability: float = param(
        0.00122,
        "Monthly claim probability of other eligible inactive accounts (left work long ago, or before the model starts)",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    resign_to_withdraw: float = param(
        0.00151,
        "Monthly probability that an active wage earner with a large balance resigns in order to take it",
        unit="1/month",
        lo=0,
        hi=1,
        source="calibrated to 2014-2019 (calibrations/bpjstk_2014_2019.yaml, docs/validation.md)",
    )
    literacy_effect: float = param(0.6, "Relative cut in claims per unit of literacy", unit="share", lo=0, hi=1)

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
