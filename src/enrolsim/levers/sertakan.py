"""Sertakan: companies sponsor the contributions of vulnerable workers in their ecosystem for a fixed number of months."""

from collections import deque

import numpy as np

from enrolsim.actions.outreach import contact
from enrolsim.core.codes import Payer, Scheme
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState
from enrolsim.world.participation import activate


class Sertakan(Lever):
    """Sponsors pay for a cohort of low-income workers each month; when their months end the workers pay."""

    name = "sertakan"
    section = "extensification.sertakan"

    def __init__(self, strategies) -> None:
        super().__init__(strategies)
        #: Sponsored cohorts, oldest first: (last month paid, rows).
        self.cohorts: deque[tuple[int, np.ndarray]] = deque()

    def configured(self) -> bool:
        return self.settings.sponsored_per_month > 0

    def act(self, model: ModelState) -> None:
        lever, w = self.settings, model.workers
        while self.cohorts and self.cohorts[0][0] < model.month:  # cohorts whose sponsorship ended
            _, cohort = self.cohorts.popleft()
            w.payer[cohort[np.flatnonzero((w.payer[cohort] == Payer.SPONSOR.value) & (w.paid_until[cohort] < model.month))]] = Payer.SELF
        line = model.params.strategies.extensification.local_government.income_threshold
        income = w.income
        sponsored = contact(model, lever.sponsored_per_month, lambda r: income[r] < line)
        activate(w, model.flows, sponsored, Scheme.BPU, model.month, Payer.SPONSOR)
        w.paid_until[sponsored] = model.month + lever.months_paid - 1
        self.cohorts.append((model.month + lever.months_paid - 1, sponsored))
        model.ledger.charge(self.name, sponsored.size * model.represents * lever.agency_cost)
