"""Audits of partially compliant employers (PDS): some audited employers then register all workers and full wages."""

import numpy as np

from enrolsim.actions.employers import comply_fully
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState
from enrolsim.world.sampling import hit


class Audits(Lever):
    """Each month a share of partially compliant employers is audited, at a cost per employer unit."""

    name = "audits"
    section = "intensification.audits"

    def configured(self) -> bool:
        return self.settings.rate > 0

    def act_on_employers(self, model: ModelState) -> None:
        lever, e = self.settings, model.employers
        partial = np.flatnonzero(e.registered[:-1] & (e.worker_share[:-1] < 1))
        audited = hit(model.rng, partial, lever.rate)
        comply_fully(model, audited[np.flatnonzero(model.rng.random(audited.size) < lever.effect)])
        model.ledger.charge(self.name, e.firms_in(audited) * lever.unit_cost)
