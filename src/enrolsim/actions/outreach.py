"""Choosing whom outreach contacts: uncovered non-wage workers, evenly or by predicted uptake.

Perisai corps, ecosystem outreach, district outreach, sponsors and Nyalakan helpers all contact
workers who are not active. The pool of such workers is built once a month and shared. Worker
rows are in village order (``population.build_population``), so the pool, taken in row order, is
already grouped by village and district: a district's pool is a slice, found by binary search,
with no sort.

Every contact of a kind is drawn in one vectorised call for all districts at once
(:func:`contact_in_districts`): drawing district by district costs some 50 microseconds of numpy
overhead per call, 136 districts times several institutions a month, which at a million workers
was half of the month.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from enrolsim.actions.targeting import village_factor
from enrolsim.core.codes import Status, is_non_wage
from enrolsim.world.sampling import Accept, draw_in_cells

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


@dataclass
class Pool:
    """Uncovered non-wage workers, in row (so village) order, with each village's slice of positions."""

    rows: np.ndarray
    village_bounds: np.ndarray  # village v holds positions village_bounds[v] : village_bounds[v + 1]
    villages_per_district: int

    @property
    def district_bounds(self) -> np.ndarray:
        """District ``d`` holds positions ``district_bounds[d] : district_bounds[d + 1]``."""
        return self.village_bounds[:: self.villages_per_district]

    def narrowed(self, model: "EnrolmentModel", keep: Accept) -> "Pool":
        """The members ``keep`` passes, as a pool of their own."""
        rows = self.rows[np.flatnonzero(keep(self.rows))]  # an index: faster than a scattered mask
        return Pool(rows=rows, village_bounds=np.searchsorted(rows, model.village_first_row), villages_per_district=self.villages_per_district)

    def by_village(self) -> np.ndarray:
        """Uncovered non-wage workers in each village."""
        return np.diff(self.village_bounds)


def uncovered_pool(model: "EnrolmentModel") -> Pool:
    """This month's pool (cached for the month)."""
    cached = model.month_cache.get("pool")
    if cached is not None:
        return cached
    w = model.workers
    rows = np.flatnonzero(is_non_wage(w.segment) & (w.status != Status.ACTIVE.value))
    bounds = np.searchsorted(rows, model.village_first_row)
    pool = Pool(rows=rows, village_bounds=bounds, villages_per_district=model.params.population.villages_per_district)
    model.month_cache["pool"] = pool
    return pool


def _still_uncovered(model: "EnrolmentModel", accept: Accept | None) -> Accept:
    """``accept`` and not active (the pool is built once a month; outreach earlier this month activated some)."""
    status = model.workers.status
    if accept is None:
        return lambda rows: status[rows] != Status.ACTIVE.value
    return lambda rows: (status[rows] != Status.ACTIVE.value) & accept(rows)


def contact(model: "EnrolmentModel", persons: float, accept: Accept | None = None, pool: Pool | None = None) -> np.ndarray:
    """Up to ``persons`` (converted to worker agents) distinct uncovered workers of the national ``pool``.

    ``pool`` is this month's uncovered pool unless given; ``accept`` narrows it (a function of
    candidate rows, e.g. "informal and poor"). Outreach is even, or follows predicted uptake when
    micro-targeting is on.
    """
    pool = uncovered_pool(model) if pool is None else pool
    k = agents_for(model, np.array([persons]))
    whole = np.array([0, pool.village_bounds.size - 1])  # one group: every village
    positions, _ = draw_in_cells(model.rng, pool.rows, pool.village_bounds, whole, k, village_factor(model), _still_uncovered(model, accept))
    return pool.rows[positions]


def contact_in_districts(model: "EnrolmentModel", persons: np.ndarray, accept: Accept | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``persons[d]`` distinct uncovered workers of each district ``d``: their rows and districts."""
    pool = uncovered_pool(model)
    vpd = pool.villages_per_district
    groups = np.arange(0, pool.village_bounds.size, vpd)  # each district's first village, and the end
    positions, district = draw_in_cells(
        model.rng, pool.rows, pool.village_bounds, groups, agents_for(model, persons), village_factor(model), _still_uncovered(model, accept)
    )
    return pool.rows[positions], district


def agents_for(model: "EnrolmentModel", persons: np.ndarray) -> np.ndarray:
    """Worker agents standing for each of ``persons``, rounded at random so that the means are exact."""
    exact = np.maximum(np.asarray(persons, dtype=np.float64), 0.0) / model.represents
    whole = np.floor(exact)
    return (whole + (model.rng.random(exact.size) < exact - whole)).astype(np.int64)
