"""Choosing whom outreach contacts: uncovered non-wage workers, evenly or by predicted uptake.

Perisai corps, ecosystem outreach, village outreach and Nyalakan helpers all contact workers who
are not active. The pool of such workers, grouped by district, is built once a month and shared.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from enrolsim.states import Segment, Status
from enrolsim.targeting import village_factor

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


@dataclass
class Pool:
    """Uncovered non-wage workers sorted by district, with each district's slice."""

    rows: np.ndarray
    first: np.ndarray
    count: np.ndarray

    def district(self, d: int) -> np.ndarray:
        """The pool's workers in district ``d``."""
        return self.rows[self.first[d] : self.first[d] + self.count[d]]


def uncovered_pool(model: "EnrolmentModel") -> Pool:
    """This month's pool (cached for the month)."""
    cached = model.month_cache.get("pool")
    if cached is not None:
        return cached
    w = model.workers
    nonwage = (w.segment == Segment.INFORMAL) | (w.segment == Segment.PLATFORM)
    rows = np.flatnonzero(nonwage & (w.status != Status.ACTIVE))
    district = (w.village[rows] // model.params.population.villages_per_district).astype(np.int16)
    order = np.argsort(district, kind="stable")  # radix sort on int16
    rows, district = rows[order], district[order]
    count = np.bincount(district, minlength=model.n_districts).astype(np.int64)
    pool = Pool(rows=rows, first=np.cumsum(count) - count, count=count)
    model.month_cache["pool"] = pool
    return pool


def contact(model: "EnrolmentModel", rows: np.ndarray, persons: float) -> np.ndarray:
    """Up to ``persons`` (converted to worker agents) distinct workers among ``rows`` still uncovered.

    Outreach is even, or follows predicted uptake when micro-targeting is on.
    """
    rng = model.rng
    k = min(agents_for(model, persons), rows.size)
    if k == 0:
        return rows[:0]
    factor = village_factor(model)
    picked = rng.choice(rows.size, k, replace=False) if factor is None else weighted_sample(rng, factor[model.workers.village[rows]], k)
    chosen = rows[picked]
    return chosen[model.workers.status[chosen] != Status.ACTIVE]


def weighted_sample(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """``k`` distinct positions drawn one after another with chances proportional to ``weights``.

    Efraimidis and Spirakis (2006): the ``k`` largest of ``log(u) / w`` are such a sample. One
    pass over the weights, where numpy's ``choice(..., replace=False, p=...)`` loops; weights of
    zero are never drawn. When ``k`` is a small part of the rows, draws with replacement with the
    repeats dropped give the same sample but for the rare repeat (and cost a cumulative sum).
    """
    if 20 * k < weights.size:
        # Few out of many: draw with replacement by cumulative weight, drop repeats (rare, as k << n).
        cumulative = np.cumsum(weights)
        draws = np.searchsorted(cumulative, rng.random(k + k // 10 + 8) * cumulative[-1], side="right")
        _, first = np.unique(draws, return_index=True)
        return draws[np.sort(first)][:k]
    with np.errstate(divide="ignore"):
        keys = np.log(rng.random(weights.size)) / weights
    if k >= weights.size:
        return np.flatnonzero(np.isfinite(keys))
    top = np.argpartition(-keys, k - 1)[:k]
    return top[np.isfinite(keys[top])]


def agents_for(model: "EnrolmentModel", persons: float) -> int:
    """Worker agents standing for ``persons``, rounded at random so that the mean is exact."""
    if persons <= 0:
        return 0
    exact = persons / model.represents
    whole = int(exact)
    return whole + int(model.rng.random() < exact - whole)
