"""Chasing employers in arrears: some of those contacted pay what they owe that month."""

import numpy as np

from enrolsim.actions.employers import pay_arrears
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState
from enrolsim.world.sampling import hit


class ArrearsCollection(Lever):
    """Each month a share of employers in arrears is contacted, at a cost per case."""

    name = "arrears_collection"
    section = "intensification.arrears_collection"

    def configured(self) -> bool:
        return self.settings.rate > 0

    def act_on_employers(self, model: ModelState) -> None:
        lever, e = self.settings, model.employers
        owing = np.flatnonzero(e.arrears[:-1] > 0)
        chased = hit(model.rng, owing, lever.rate)
        model.ledger.recovered_arrears_rupiah += pay_arrears(model, chased[np.flatnonzero(model.rng.random(chased.size) < lever.effect)])
        model.ledger.charge(self.name, e.firms_in(chased) * lever.unit_cost)
