"""Jakon: construction-project registrations, a stock of persons apart from the worker rows.

A contractor registers the workers of each project for JKK and JKM for the project's life, paid as
a share of the contract value. A worker on two projects is registered twice, which is why the
agency's stock (8.3m in December 2017, 11.16m in November 2019) exceeds construction employment: it
is a count of registrations, not of people, and no status of a worker row can hold it.

Each month ``construction workers x registrations_per_worker x (1 + growth)^(years since the
reference year, to growth_until)`` registrations start and ``1 / months_mean`` of the live ones end,
so the stock moves with construction employment (a construction slump lowers it). The stock starts
at its steady state. Jakon is kept out of the agency's new participants, exits and 5:1 (it has no
JHT, and counted there a ratio of 5 would be out of reach: docs/validation.md).
"""

from enrolsim.core.codes import Segment
from enrolsim.state import ModelState


def registrations_per_month(model: ModelState) -> float:
    """Project registrations starting this month (persons)."""
    c = model.params.construction_projects
    years = min(model.calendar_month / 12, c.growth_until + 1) - c.reference_year
    workers = model.workers.segment_sizes()[Segment.CONSTRUCTION] * model.represents
    return float(workers * c.registrations_per_worker * (1 + c.growth) ** years)


def start_construction_projects(model: ModelState) -> None:
    """The stock at the start: the steady state of this month's registrations."""
    model.jakon = registrations_per_month(model) * model.params.construction_projects.months_mean


def construction_projects(model: ModelState) -> None:
    """A month of project registrations: new ones start, a share of the live ones end; contractors pay for them."""
    c = model.params.construction_projects
    model.jakon_new = registrations_per_month(model)
    model.jakon += model.jakon_new - model.jakon / c.months_mean
    model.flows.contributions_rupiah += model.jakon * c.contribution / model.represents  # flows are per worker agent
