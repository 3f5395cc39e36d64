"""Choosing whom outreach contacts: uncovered non-wage workers, evenly or by predicted uptake.

Perisai corps, ecosystem outreach, district outreach, sponsors and Nyalakan helpers all contact
workers of the month's uncovered pool (``actions.pool``) who are still not active.

Every contact of a kind is drawn in one vectorised call for all districts at once
(:func:`contact_in_districts`): drawing district by district costs some 50 microseconds of numpy
overhead per call, 136 districts times several institutions a month, which at a million workers
was half of the month.
"""

import numpy as np

from enrolsim.actions.pool import Pool, uncovered_pool
from enrolsim.actions.targeting import village_factor
from enrolsim.core.codes import Status
from enrolsim.state import ModelState
from enrolsim.world.sampling import Accept, draw_in_cells


def _still_uncovered(model: ModelState, accept: Accept | None) -> Accept:
    """``accept`` and not active (the pool is built once a month; outreach earlier this month activated some)."""
    status = model.workers.status
    if accept is None:
        return lambda rows: status[rows] != Status.ACTIVE.value
    return lambda rows: (status[rows] != Status.ACTIVE.value) & accept(rows)


def contact(model: ModelState, persons: float, accept: Accept | None = None, pool: Pool | None = None) -> np.ndarray:
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


def contact_in_districts(model: ModelState, persons: np.ndarray, accept: Accept | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``persons[d]`` distinct uncovered workers of each district ``d``: their rows and districts."""
    pool = uncovered_pool(model)
    vpd = pool.villages_per_district
    groups = np.arange(0, pool.village_bounds.size, vpd)  # each district's first village, and the end
    positions, district = draw_in_cells(
        model.rng, pool.rows, pool.village_bounds, groups, agents_for(model, persons), village_factor(model), _still_uncovered(model, accept)
    )
    return pool.rows[positions], district


def agents_for(model: ModelState, persons: np.ndarray) -> np.ndarray:
    """Worker agents standing for each of ``persons``, rounded at random so that the means are exact."""
    exact = np.maximum(np.asarray(persons, dtype=np.float64), 0.0) / model.represents
    whole = np.floor(exact)
    return (whole + (model.rng.random(exact.size) < exact - whole)).astype(np.int64)
