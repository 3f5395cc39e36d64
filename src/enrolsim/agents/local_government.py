"""District governments (Pemda): subsidies for vulnerable workers, licences, outreach, service points.

Since Inpres 2/2021 and Permendagri 27/2021 regions are told to budget contributions for
vulnerable workers and to make business licences conditional on compliance. One agent per
district; each acts on its own workers and employers.
"""

from typing import TYPE_CHECKING

import mesa
import numpy as np

from enrolsim.employer_actions import comply_fully
from enrolsim.outreach import contact, uncovered_pool
from enrolsim.participation import activate
from enrolsim.states import Payer, Scheme, Status

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


class LocalGovernment(mesa.Agent):
    """The government of one district."""

    model: "EnrolmentModel"

    def __init__(self, model: "EnrolmentModel", district: int) -> None:
        super().__init__(model)
        self.district = district
        self.subsidised = np.zeros(0, dtype=np.int64)  # rows whose contributions the district pays

    def step(self) -> None:
        """Pay for vulnerable workers, condition licences, reach out, keep service points open."""
        lever = self.model.params.strategies.extensification.local_government
        if lever.subsidy_budget > 0:
            self._subsidise(lever)
        if lever.licence_conditioning > 0:
            self._condition_licences(lever)
        if lever.outreach_reach > 0:
            self._reach_out(lever)
        if lever.service_point_ease > 0:
            self.model.ledger.charge("local_government", lever.service_point_cost)

    def _subsidise(self, lever) -> None:
        model, w = self.model, self.model.workers
        still = self.subsidised[(w.status[self.subsidised] == Status.ACTIVE) & (w.payer[self.subsidised] == Payer.LOCAL_GOVERNMENT)]
        cost = model.bpu_package_price() * model.represents  # the district pays JKK and JKM
        # The national budget's places (whole worker agents) shared out so that none is lost to rounding.
        base, extra = divmod(int(lever.subsidy_budget / 12 / cost), model.n_districts)
        places = base + (self.district < extra)
        if still.size > places:  # the budget no longer stretches: the last subsidised pay for themselves
            w.payer[still[places:]] = Payer.SELF
            still = still[:places]
        # Partial openings are filled with the right chance (``contact`` rounds at random), at any scale.
        open_persons = (places - still.size) * lever.enrolment_speed * model.represents
        pool = uncovered_pool(model).district(self.district)
        vulnerable = pool[w.income[pool] < lever.income_threshold]
        joining = contact(model, vulnerable, open_persons)
        activate(w, model.flows, joining, Scheme.BPU, model.month, Payer.LOCAL_GOVERNMENT)
        self.subsidised = np.concatenate([still, joining])
        model.ledger.charge("local_government", self.subsidised.size * cost)

    def _condition_licences(self, lever) -> None:
        model, e = self.model, self.model.employers
        first, count = e.district_first[self.district], e.district_count[self.district]
        mine = first + np.flatnonzero(~e.registered[first : first + count])
        joining = mine[model.rng.random(mine.size) < lever.licence_conditioning]
        comply_fully(model, joining)
        model.ledger.charge("local_government", joining.size * lever.licence_cost * model.represents)

    def _reach_out(self, lever) -> None:
        model, w = self.model, self.model.workers
        pool = uncovered_pool(model).district(self.district)
        reached = contact(model, pool, pool.size * lever.outreach_reach * model.represents)
        gain = np.float32(model.params.literacy.campaign_gain)
        w.literacy[reached] += gain * (1 - w.literacy[reached])
        model.ledger.charge("local_government", reached.size * model.represents * lever.outreach_cost)
