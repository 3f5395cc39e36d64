"""The scenario: every parameter of a run, validated, documented and hashable.

A scenario is a YAML file read by :func:`~enrolsim.scenario.loading.load_scenario`. It may
``extends:`` another file and override any key. Each field states its unit, bounds, default and
source; ``docs/parameters.md`` is generated from these modules (``enrolsim params``), so the table
always matches the code. The sections live in ``people.py``, ``employer_rules.py``, ``behaviour.py`` and ``strategies.py``.
"""

import hashlib
import json

from pydantic import Field, field_validator

from enrolsim.core.months import parse_month
from enrolsim.scenario.behaviour import Accidents, Contributions, Enrolment, Jht, JhtRegime, JhtRule, Literacy
from enrolsim.scenario.employer_rules import Employers
from enrolsim.scenario.events import Events, EventSection
from enrolsim.scenario.fields import Section, param
from enrolsim.scenario.people import LabourMarket, Population
from enrolsim.scenario.schemes import ConstructionProjects, MigrantWorkers, ThirdPartyPayers
from enrolsim.scenario.strategies import Strategies

__all__ = ["JhtRegime", "JhtRule", "Scenario", "Shock"]


class Shock(EventSection):
    """A labour-market shock (a recession, a pandemic-like year) in force from ``start`` to ``end``, inclusive
    (the months are checked as every dated event's are)."""

    start: str = param("2020-04", "First month of the shock", unit="YYYY-MM")
    end: str = param("2020-12", "Last month of the shock", unit="YYYY-MM")
    job_loss_multiplier: float = param(
        1.0,
        "Multiplier on permanent job loss and on contract non-renewal; the extra jobs lost are destroyed (no vacancy opens;"
        " with formal_employment: sakernas the month's target of formal jobs reopens what the series calls for)",
        unit="ratio",
        lo=0,
        hi=20,
    )
    informalisation: float = param(
        0.0,
        "Share of wage earners who move to informal own-account work over the shock, spread evenly over its months"
        " (with formal_employment: sakernas, formal jobs still follow the series: use it with formal_employment: growth)",
        unit="share",
        lo=0,
        hi=1,
    )
    income_multiplier: float = param(
        1.0,
        "Multiplier on incomes: wages contributions are paid on, income against the BPU price, and (inversely) BPU missed payments",
        unit="ratio",
        lo=0.05,
        hi=5,
    )


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
    construction_projects: ConstructionProjects = Field(default_factory=ConstructionProjects)
    migrant_workers: MigrantWorkers = Field(default_factory=MigrantWorkers)
    third_party_payers: ThirdPartyPayers = Field(default_factory=ThirdPartyPayers)
    strategies: Strategies = Field(default_factory=Strategies)
    events: Events = Field(default_factory=Events)
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
