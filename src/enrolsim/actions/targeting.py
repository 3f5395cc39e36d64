"""Micro-targeting: where outreach goes, predicted only from what the agency can observe.

The agency knows its own records (who registered, when, through which scheme, who is active) and
census-like facts (segment, village, income band). It cannot see a worker's insurance literacy,
trust or perceived risk. ``AgencyView`` enforces that: the prediction receives the view, and any
attempt to read a hidden column raises.
"""

import numpy as np

from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import Payer, Scheme, Status, is_non_wage
from enrolsim.state import ModelState
from enrolsim.world.workers import Workers

#: The agency predicts from the last this many months of its registration records.
RECORD_MONTHS = 12
#: Weight, in uncovered persons, of the national rate that shrinks each village's own rate toward it: ten worker
#: agents at 50,000 agents (where the lever's gain is measured), the same persons at every number of agents (a weight
#: in agents would shrink every village to the national rate in a small run and not at all at full scale).
PRIOR_PERSONS = 25_000

#: Worker columns the agency can observe.
OBSERVABLE = ("segment", "village", "income", "status", "scheme", "payer", "enrolled_month", "employer")


class AgencyView:
    """Read-only access to the observable columns of the workers; hidden columns raise."""

    def __init__(self, workers: Workers) -> None:
        self._workers = workers

    def __getattr__(self, name: str) -> np.ndarray:
        if name in OBSERVABLE:
            return getattr(self._workers, name)
        raise AttributeError(f"the agency cannot observe workers' {name!r}")


def predicted_uptake(view: AgencyView, n_villages: int, month: int, uncovered: np.ndarray | None = None, prior_weight: float = 10.0) -> np.ndarray:
    """Predicted monthly BPU uptake per village: recent self-initiated BPU registrations per uncovered non-wage worker.

    A smoothed rate from the last twelve months of the agency's own registration records; villages
    where people have been paying for themselves are where outreach converts best. Participants whose
    contributions agents collect or sponsors, districts or platforms pay are left out, so outreach
    does not chase its own footprints (registrations through ecosystems and Nyalakan pay for
    themselves and do count). ``uncovered`` (uncovered non-wage workers per village, from the same
    observable columns) is counted here unless the caller has it already; ``prior_weight`` is the national
    rate's weight in worker agents (:data:`PRIOR_PERSONS` over the persons an agent stands for, in a run).
    The months are the twelve before this one and this one so far (the month's outreach comes before its
    voluntary enrolment).
    """
    segment, village = view.segment, view.village
    # Whole-column masks (a compare costs less than gathering a third of the rows through an index).
    nonwage = is_non_wage(segment)
    recent = (view.enrolled_month >= month - RECORD_MONTHS) & nonwage & (view.scheme == Scheme.BPU.value) & (view.payer == Payer.SELF.value)
    # Rows are in village order (``population.places_and_segments``): each village's recent
    # registrations are counted from where its rows begin, not by looking up every one's village.
    village_starts = np.searchsorted(village, np.arange(n_villages + 1, dtype=village.dtype))  # same dtype: no copy of the column
    joined = np.diff(np.searchsorted(np.flatnonzero(recent), village_starts))
    if uncovered is None:
        open_rows = nonwage & (view.status != Status.ACTIVE.value)
        uncovered = np.bincount(village[open_rows], minlength=n_villages)
    prior = max(joined.sum(), 1) / max(uncovered.sum(), 1)
    return (joined + prior_weight * prior) / (uncovered + prior_weight)


def monthly_prediction(model: ModelState) -> np.ndarray:
    """Predicted BPU uptake per village from the agency's records (computed once a month)."""
    cached = model.month_cache.get("predicted_uptake")
    if cached is None:
        uncovered = uncovered_pool(model).by_village()  # counted from observable columns too
        cached = predicted_uptake(AgencyView(model.workers), model.village_sizes.size, model.month, uncovered, PRIOR_PERSONS / model.represents)
        model.month_cache["predicted_uptake"] = cached
    return cached


def village_factor(model: ModelState) -> np.ndarray | None:
    """Relative weight of a worker in each village when outreach picks whom to contact.

    ``None`` means even outreach (every uncovered worker equally likely); with micro-targeting on,
    predicted uptake raised to ``sharpness``. The budget (number of contacts) is the same either way.
    """
    mt = model.params.strategies.micro_targeting
    if not (mt.enabled and model.lever_on("micro_targeting")):
        return None
    return monthly_prediction(model) ** mt.sharpness
