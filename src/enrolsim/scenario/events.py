"""Scenario sections of dated events: what happened in a month (or months) that the usual rules do not cover.

Each kind of event is a list (a scenario may hold several of a kind) of sections with a ``start`` and
an ``end`` month; ``events/`` has one module per kind that says what the event does.
"""

from typing import Any

from pydantic import Field, field_validator, model_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.fields import Section, param


class EventSection(Section):
    """Common to every event: the months it runs, from ``start`` to ``end`` inclusive."""

    start: str = param("2015-09", "First month of the event", unit="YYYY-MM")
    end: str = param("2015-09", "Last month of the event", unit="YYYY-MM")

    @field_validator("start", "end")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "EventSection":
        if parse_month(self.end) < parse_month(self.start):
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class JhtRush(EventSection):
    """A JHT rule scare or change that sends members to claim at once, and costs the agency trust.

    PP 46/2015 (July 2015: JHT only after ten years of membership) was met with protests and a rush
    once PP 60/2015 opened withdrawals in September 2015; Permenaker 2/2022 (February 2022: JHT only
    at 56) again sent members to claim before it took effect.
    """

    claim_multiplier: float = param(2.0, "Multiplier on the chance to claim (and to resign in order to claim) while the event runs", unit="ratio", lo=1, hi=50)
    trust_factor: float = param(0.95, "Trust in the agency is multiplied by this at the event's start (a fall, in every village)", unit="ratio", lo=0, hi=1)


EVENTS_FILE = "data/policy_events_2020_2025.csv"


class Covid(EventSection):
    """The COVID-19 labour shock: furloughs with contributions stopped, layoffs, lost hours, employers unable to pay.

    Formal employment already follows Sakernas's informal share month by month (its 2020 step included), so
    the moves into informal work are not repeated here; the event adds what the annual shares do not.
    """

    start: str = param(
        "2020-03", "First month of the shock (the first cases and restrictions)", unit="YYYY-MM", source=f"{EVENTS_FILE}: covid_layoffs_kemnaker_jul31"
    )
    end: str = param(
        "2021-12", "Last month of the shock: furloughs, lost hours and arrears have gone back to normal by then", unit="YYYY-MM", source="assumption"
    )
    spread_months: int = param(
        5,
        "Furloughs and layoffs begin evenly over the event's first months",
        unit="months",
        lo=1,
        hi=60,
        source=f"{EVENTS_FILE}: Kemnaker counts of March-July 2020",
    )
    furloughed: float = param(
        1_132_117,
        "Wage earners furloughed (dirumahkan): they keep the job, the employer stops paying their contributions",
        unit="persons",
        lo=0,
        hi=1e8,
        source=f"{EVENTS_FILE}: covid_layoffs_kemnaker_jul31, formal furloughed March-July 2020 (Kontan, Menaker Ida; A)",
    )
    furlough_months_mean: float = param(
        6.0, "Mean length of a furlough (geometric); every furlough ends by the event's end", unit="months", lo=1, hi=60, source="assumption"
    )
    laid_off: float = param(
        383_645,
        "Wage earners dismissed (PHK) into unemployment; their jobs close (the Sakernas target reopens what the series calls for)",
        unit="persons",
        lo=0,
        hi=1e8,
        source=f"{EVENTS_FILE}: covid_layoffs_kemnaker_jul31, formal PHK March-July 2020 (A)",
    )
    out_of_work: float = param(
        2_176_355,
        "Own-account and platform workers who lose their work into unemployment (over the same months as the layoffs)",
        unit="persons",
        lo=0,
        hi=1e8,
        source=f"{EVENTS_FILE}: bps_covid_impact_aug2020, 2.56m unemployed by COVID (Sakernas August 2020, A), less the 383,645 laid off;"
        " that the rest lost own-account or platform work is an assumption",
    )
    reduced_hours_share: float = param(
        0.187,
        "Share of the employed working fewer hours at the trough",
        unit="share",
        lo=0,
        hi=1,
        source=f"{EVENTS_FILE}: bps_covid_impact_aug2020, 24.03m on reduced hours of 128.45m employed (Sakernas August 2020, A)",
    )
    hours_cut: float = param(0.3, "Share of earnings lost by those on reduced hours", unit="share", lo=0, hi=1, source="assumption")
    recovery_from: str = param(
        "2020-09",
        "Month from which earnings and employers' arrears recover, linearly to normal at the event's end",
        unit="YYYY-MM",
        source="assumption: the trough at the August 2020 survey",
    )
    arrears_multiplier: float = param(
        2.0,
        "Multiplier on employers' monthly chance to fall into arrears at the trough",
        unit="ratio",
        lo=1,
        hi=20,
        source="assumption: employers of the 18.7% on reduced hours lost revenue (BPS August 2020); PP 49/2020's relief was for employers paid up to July 2020",
    )
    arrears_cure_multiplier: float = param(
        0.7, "Multiplier on employers' monthly chance to pay their arrears at the trough", unit="ratio", lo=0, hi=1, source="assumption"
    )

    @field_validator("recovery_from")
    @classmethod
    def _recovery(cls, value: str) -> str:
        parse_month(value)
        return value


class ContributionRelief(EventSection):
    """PP 49/2020: contribution months August 2020 to January 2021, JKK and JKM 99% off, JP 99% deferred, late fee 2% to 0.5%."""

    start: str = param("2020-08", "First contribution month of the relief", unit="YYYY-MM", source=f"{EVENTS_FILE}: pp49_2020_relief (A)")
    end: str = param("2021-01", "Last contribution month of the relief", unit="YYYY-MM", source=f"{EVENTS_FILE}: pp49_2020_relief (A)")
    discount: float = param(
        0.99, "Share of the JKK and JKM contributions waived (PU and BPU)", unit="share", lo=0, hi=1, source=f"{EVENTS_FILE}: pp49_2020_relief (A)"
    )
    jp_deferred: float = param(
        0.99,
        "Share of the JP contribution deferred (payable later; not collected in the month)",
        unit="share",
        lo=0,
        hi=1,
        source=f"{EVENTS_FILE}: pp49_2020_relief (A)",
    )
    arrears_cure_multiplier: float = param(
        1.15,
        "Multiplier on employers' monthly chance to pay their arrears while the relief runs",
        unit="ratio",
        lo=1,
        hi=10,
        source="assumption: the discount went to employers paid up (pp49_2020_relief notes) and the late fee fell from 2% to 0.5% a month:"
        " being current cost about 15% less (JKK+JKM are about 12% of the dues, the fee on three months' arrears 4.5%), taken one for one",
    )


class WageSubsidy(EventSection):
    """A BSU round: active PU members in the cut-off month with a declared wage under the ceiling are paid (income).

    ``start`` is when employers expect the round: from then to the cut-off they register workers and pay
    arrears faster (a round announced after its cut-off has ``start`` at the cut-off and no boost).
    """

    start: str = param("2020-06", "First month the round acts: the cut-off, or earlier if employers expect it", unit="YYYY-MM")
    end: str = param("2020-12", "Last month of payments", unit="YYYY-MM")
    cutoff: str = param("2020-06", "Month in which active membership is checked", unit="YYYY-MM", source=f"{EVENTS_FILE}: bsu_* rows")
    paid_from: str = param("2020-08", "First month of payments", unit="YYYY-MM", source=f"{EVENTS_FILE}: bsu_* rows")
    wage_ceiling: float = param(
        5_000_000, "Declared wage under which a member is eligible", unit="rupiah/month", lo=0, hi=1e9, source=f"{EVENTS_FILE}: bsu_* rows"
    )
    amount: float = param(2_400_000, "Paid to each recipient over the payment months", unit="rupiah", lo=0, hi=1e9, source=f"{EVENTS_FILE}: bsu_* rows")
    eligible_share: float = param(1.0, "Share of the eligible who are paid (areas covered, records verified)", unit="share", lo=0, hi=1, source="assumption")
    registration_multiplier: float = param(
        1.0, "Multiplier on employers' registration rate from start to the cut-off", unit="ratio", lo=1, hi=20, source="assumption"
    )
    arrears_cure_multiplier: float = param(
        1.0, "Multiplier on employers' chance to pay their arrears from start to the cut-off", unit="ratio", lo=1, hi=20, source="assumption"
    )

    @field_validator("cutoff", "paid_from")
    @classmethod
    def _months(cls, value: str) -> str:
        parse_month(value)
        return value

    @model_validator(mode="after")
    def _in_order(self) -> "WageSubsidy":
        start, cutoff, paid, end = (parse_month(m) for m in (self.start, self.cutoff, self.paid_from, self.end))
        if not start <= cutoff <= paid <= end:
            raise ValueError(f"expected start <= cutoff <= paid_from <= end, got {self.start}, {self.cutoff}, {self.paid_from}, {self.end}")
        return self


class CoverageInstruction(EventSection):
    """Inpres 2/2021: ministries and local governments told to cover their workers and to condition licences on compliance."""

    start: str = param("2021-04", "First month in force", unit="YYYY-MM", source=f"{EVENTS_FILE}: inpres_2_2021 (signed 2021-03-25; A)")
    end: str = param("2026-12", "Last month in force", unit="YYYY-MM", source="assumption: not revoked")
    registration_multiplier: float = param(
        1.3,
        "Multiplier on employers' monthly registration rate (licences conditioned on compliance)",
        unit="ratio",
        lo=1,
        hi=20,
        source="assumption (the instruction names no number)",
    )
    third_party_persons: float = param(
        300_000,
        "Persons added each budget year to the new third-party programmes (district budgets for non-civil-servant staff and vulnerable workers)",
        unit="persons/year",
        lo=0,
        hi=1e8,
        source="assumption: about 550 persons for each of the 548 provinces, regencies and cities the instruction names"
        " (inpres_2_2021); the file's non-ASN count of 2022 is a participant count after 2019 and is not used",
    )
    first_budget_year: int = param(
        2022, "First budget year with the added programmes", unit="year", lo=2000, hi=2100, source="Permendagri 27/2021 (APBD 2022; inpres_2_2021 notes)"
    )


class JobLossBenefit(EventSection):
    """JKP (PP 37/2021): a laid-off member with 12 months of contributions, the last 6 in a row, is paid part of the wage for 6 months."""

    start: str = param("2022-02", "First month JKP can be claimed", unit="YYYY-MM", source=f"{EVENTS_FILE}: jkp_start (A)")
    end: str = param("2026-12", "Last month", unit="YYYY-MM", source="assumption: in force")
    contribution_months: int = param(12, "Months of contributions needed", unit="months", lo=0, hi=600, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)")
    consecutive_months: int = param(6, "Of them, in a row up to the job loss", unit="months", lo=0, hi=600, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)")
    registered_before_age: int = param(54, "Age before which the member registered", unit="years", lo=15, hi=100, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)")
    take_up: float = param(
        0.5, "Share of the eligible laid off who claim", unit="share", lo=0, hi=1, source="assumption (claims need the SIAPKerja job portal)"
    )
    months: int = param(6, "Months the benefit is paid", unit="months", lo=1, hi=24, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)")
    benefit_first: float = param(0.45, "Share of the wage paid in months 1-3", unit="share", lo=0, hi=1, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)")
    benefit_later: float = param(0.25, "Share of the wage paid in months 4-6", unit="share", lo=0, hi=1, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)")
    wage_cap: float = param(
        5_000_000, "Wage on which the benefit is computed, at most", unit="rupiah/month", lo=0, hi=1e9, source=f"{EVENTS_FILE}: jkp_pp37_2021 (A)"
    )
    revised_from: str | None = param(
        "2025-02", "First month of the revised benefit (PP 6/2025); null for none", unit="YYYY-MM", source=f"{EVENTS_FILE}: jkp_pp6_2025 (B)"
    )
    revised_benefit: float = param(
        0.60, "Share of the wage paid in every month under the revision", unit="share", lo=0, hi=1, source=f"{EVENTS_FILE}: jkp_pp6_2025 (B)"
    )
    jht_claim_factor: float = param(
        0.5,
        "Multiplier on a recipient's chance to claim JHT while the benefit is paid (the cash meets the need the JHT claim otherwise meets)",
        unit="ratio",
        lo=0,
        hi=1,
        source="assumption",
    )

    @field_validator("revised_from")
    @classmethod
    def _revised(cls, value: str | None) -> str | None:
        if value is not None:
            parse_month(value)
        return value


class BudgetCuts(EventSection):
    """Inpres 1/2025: transfers to regions cut; local-government payers end programmes and renew fewer."""

    start: str = param("2025-02", "First month of the cuts (plans due 14 February 2025)", unit="YYYY-MM", source=f"{EVENTS_FILE}: inpres_1_2025 (A)")
    end: str = param("2026-12", "Last month of the cuts", unit="YYYY-MM", source="assumption: the efficiency holds in the 2026 budget")
    cut: float = param(
        0.18,
        "Share of third-party programmes ended at the start; renewals and new programmes are lower by the same share while the cuts last",
        unit="share",
        lo=0,
        hi=1,
        source=f"{EVENTS_FILE}: inpres_1_2025, Rp50.59T cut from transfers to regions, 5.5% of the 2025 transfers (Rp919.87T, APBN 2025:"
        " not in the file), falling on discretionary spending (assumption: about 30% of regional budgets)",
    )


def dated(doc: str, source: str) -> Any:
    """A list of dated events of one kind (none by default), documented like every scenario field."""
    return Field(default_factory=list, description=doc, json_schema_extra={"unit": "list", "source": source})


class Events(Section):
    """Dated events of the scenario, by kind."""

    jht_rush: list[JhtRush] = dated(
        "JHT rule scares: a rush of claims and a fall of trust, each {start, end, claim_multiplier, trust_factor}",
        "Kontan 2016-02-29: about 300,000 claims a month in September 2015 (data/bpjstk_sources_2014_2019.csv)",
    )
    covid: list[Covid] = dated(
        "Labour shocks of a pandemic: furloughs with contributions stopped, layoffs and work lost, lost hours, employers in arrears",
        f"{EVENTS_FILE}: covid_layoffs_kemnaker_jul31, bps_covid_impact_aug2020",
    )
    contribution_relief: list[ContributionRelief] = dated(
        "Contribution relief: JKK and JKM waived, JP deferred, arrears cured faster (PP 49/2020)",
        f"{EVENTS_FILE}: pp49_2020_relief",
    )
    wage_subsidy: list[WageSubsidy] = dated(
        "Wage subsidies (BSU) for active PU members under a wage ceiling at a cut-off",
        f"{EVENTS_FILE}: bsu_2020_design, bsu_2021, bsu_2022, bsu_2025",
    )
    coverage_instruction: list[CoverageInstruction] = dated(
        "Instructions to cover workers and condition licences (Inpres 2/2021): employers register faster, budgets pay for more",
        f"{EVENTS_FILE}: inpres_2_2021",
    )
    job_loss_benefit: list[JobLossBenefit] = dated(
        "Unemployment insurance (JKP): a benefit on job loss that holds back early JHT claims",
        f"{EVENTS_FILE}: jkp_pp37_2021, jkp_start, jkp_pp6_2025",
    )
    budget_cuts: list[BudgetCuts] = dated(
        "Budget cuts of local governments (Inpres 1/2025): third-party programmes ended and renewed less",
        f"{EVENTS_FILE}: inpres_1_2025",
    )
