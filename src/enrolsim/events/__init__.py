"""Dated events, one module per kind, and the monthly turn of the events that are running.

``EVENTS`` is the registry: kind (the list's name in the scenario's ``events``) -> class. The model
builds an instance per listed event and schedules its ``begin`` and ``end``; ``events_act`` runs
after the levers' turn.
"""

from enrolsim.events.base import Event
from enrolsim.events.budget_cuts import BudgetCuts
from enrolsim.events.contribution_relief import ContributionRelief
from enrolsim.events.coverage_instruction import CoverageInstruction
from enrolsim.events.covid import Covid
from enrolsim.events.jht_rush import JhtRush
from enrolsim.events.job_loss_benefit import JobLossBenefit
from enrolsim.events.wage_subsidy import WageSubsidy
from enrolsim.scenario.events import Events
from enrolsim.state import ModelState

#: Every kind of event, in the order they act in a month (and begin, when two begin in the same month).
EVENTS: tuple[type[Event], ...] = (JhtRush, Covid, ContributionRelief, WageSubsidy, CoverageInstruction, JobLossBenefit, BudgetCuts)


def events_of(settings: Events) -> list[Event]:
    """An instance of every event the scenario lists, kind by kind in the registry's order."""
    return [kind(item) for kind in EVENTS for item in getattr(settings, kind.kind)]


def events_act(model: ModelState) -> None:
    """The month's turn of the running events; their monthly counts start from zero."""
    tallies = model.event_tallies
    for key in tallies:
        tallies[key] = 0.0
    for event in model.running_events:
        event.act(model)


__all__ = ["EVENTS", "Event", "events_act", "events_of"]
