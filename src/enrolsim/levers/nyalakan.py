"""Nyalakan: anyone registers a worker near them through the JMO app."""

import numpy as np

from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import Scheme, Status
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState
from enrolsim.world.participation import activate
from enrolsim.world.sampling import hit_rows
from enrolsim.world.workers import unique_rows


class Nyalakan(Lever):
    """Active participants register an uncovered non-wage worker of their village, at a cost per registration."""

    name = "nyalakan"
    section = "extensification.nyalakan"

    def configured(self) -> bool:
        return self.settings.rate > 0

    def act(self, model: ModelState) -> None:
        lever, w, rng = self.settings, model.workers, model.rng
        candidates = hit_rows(rng, w.size, lever.rate)
        helpers = candidates[np.flatnonzero(w.status[candidates] == Status.ACTIVE.value)]
        pool = uncovered_pool(model)
        village = w.village[helpers]
        size = pool.by_village()[village]
        inhabited = np.flatnonzero(size > 0)
        village, size = village[inhabited], size[inhabited]
        picked = unique_rows(pool.rows[pool.village_bounds[village] + (rng.random(village.size) * size).astype(np.int64)])
        picked = picked[np.flatnonzero(w.status[picked] != Status.ACTIVE.value)]
        registered = picked[np.flatnonzero(rng.random(picked.size) < lever.completion)]
        activate(w, model.flows, registered, Scheme.BPU, model.month)
        model.ledger.charge(self.name, registered.size * model.represents * lever.unit_cost)
