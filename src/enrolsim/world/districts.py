"""The month's figures by district, for ``enrolsim run --by-district`` (local governments ask for their own).

Computed only when asked, and without a random draw, so a run is the same with or without them.
The active count of every peer group (village x segment) is already kept from move to move
(``Workers.active_in_group``), so active workers by district and segment cost a reshape; a
district's labour force is the length of its slice of rows (rows are in village order); registered
accounts need one pass over the status and balance columns.
"""

import numpy as np

from enrolsim.core.codes import SEGMENT_NAMES, Segment, Status
from enrolsim.world.geography import Geography
from enrolsim.world.workers import Workers

#: Columns of the district table after the month and the place: persons (worker rows x persons per agent), and a share.
DISTRICT_COLUMNS = ("labour_force", *(f"active_{s}" for s in SEGMENT_NAMES), "active", "registered", "coverage")


def district_figures(workers: Workers, village_first_row: np.ndarray, geography: Geography, represents: float) -> dict[str, np.ndarray]:
    """This month's labour force, active workers by segment, registered accounts and coverage of each district.

    Worker rows only: the construction-project (Jakon) and migrant-worker (PMI) stocks are national
    and in no district, so the districts' ``active`` add up to the national ``active_workers``, and
    their ``registered`` plus ``active_jakon`` and ``active_pmi`` to the national ``registered``.
    Registered accounts are, as in the national indicator, the active ones and the inactive ones that
    hold a JHT balance; ``coverage`` is active workers over the district's labour force.
    """
    n_districts, vpd = geography.n_districts, geography.villages_per_district
    by_group = workers.active_in_group(geography.n_villages * len(Segment)).reshape(n_districts, vpd, len(Segment)).sum(axis=1)
    first_row = village_first_row[::vpd]  # each district's first row, and the end
    size = np.diff(first_row)
    holding = np.flatnonzero((workers.status == Status.INACTIVE.value) & (workers.jht_balance > 0))
    held = np.diff(np.searchsorted(holding, first_row))
    active = by_group.sum(axis=1)
    out = {"labour_force": size * represents}
    out.update({f"active_{s}": by_group[:, i] * represents for i, s in enumerate(SEGMENT_NAMES)})
    out["active"] = active * represents
    out["registered"] = (active + held) * represents
    out["coverage"] = np.divide(active, size, out=np.zeros(size.size), where=size > 0)
    return out
