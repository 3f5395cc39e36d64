"""Scenario sections of dated events: what happened in a month (or months) that the usual rules do not cover.

Each kind of event is a list (a scenario may hold several of a kind) of sections with a ``start`` and
an ``end`` month; ``events/`` has one module per kind that says what the event does.
"""

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


class Events(Section):
    """Dated events of the scenario, by kind."""

    jht_rush: list[JhtRush] = Field(
        default_factory=list,
        description="JHT rule scares: a rush of claims and a fall of trust, each {start, end, claim_multiplier, trust_factor}",
        json_schema_extra={"unit": "list", "source": "Kontan 2016-02-29: about 300,000 claims a month in September 2015 (data/bpjstk_sources_2014_2019.csv)"},
    )
