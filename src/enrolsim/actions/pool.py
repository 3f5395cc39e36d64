"""The month's pool of uncovered non-wage workers, whom outreach and voluntary enrolment draw from.

Worker rows are in village order (``world.population.build_population``), so the pool, taken in
row order, is already grouped by village and district: a district's pool is a slice, found by
binary search, with no sort. It is built once a month (at its first use) and shared.
"""

from dataclasses import dataclass

import numpy as np

from enrolsim.core.codes import Status, is_non_wage
from enrolsim.state import ModelState
from enrolsim.world.sampling import Accept
from enrolsim.world.workers import rows_where


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

    def narrowed(self, model: ModelState, keep: Accept) -> "Pool":
        """The members ``keep`` passes, as a pool of their own."""
        rows = self.rows[np.flatnonzero(keep(self.rows))]  # an index: faster than a scattered mask
        return Pool(rows=rows, village_bounds=np.searchsorted(rows, model.village_first_row), villages_per_district=self.villages_per_district)

    def by_village(self) -> np.ndarray:
        """Uncovered non-wage workers in each village."""
        return np.diff(self.village_bounds)


def uncovered_pool(model: ModelState) -> Pool:
    """This month's pool (cached for the month)."""
    cached = model.month_cache.get("pool")
    if cached is not None:
        return cached
    w = model.workers
    rows = rows_where(w.size, lambda r: is_non_wage(w.segment[r]) & (w.status[r] != Status.ACTIVE.value))
    bounds = np.searchsorted(rows, model.village_first_row)
    pool = Pool(rows=rows, village_bounds=bounds, villages_per_district=model.params.population.villages_per_district)
    model.month_cache["pool"] = pool
    return pool
