"""Retention: payment reminders and auto-debit (fewer missed BPU months) and JHT education (fewer early withdrawals)."""

import numpy as np

from enrolsim.core.codes import Scheme, Status
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState
from enrolsim.world.sampling import hit_rows


class Retention(Lever):
    """Reminders and auto-debit act through ``model.retention_miss_factor``; education teaches inactive holders."""

    name = "retention"
    section = "intensification.retention"

    def configured(self) -> bool:
        s = self.settings
        return s.reminder_coverage > 0 or s.auto_debit_share > 0 or s.jht_education_reach > 0

    def start(self, model: ModelState) -> None:
        s = self.settings
        model.retention_miss_factor = (1 - s.reminder_effect * s.reminder_coverage) * (1 - s.auto_debit_effect * s.auto_debit_share)

    def act(self, model: ModelState) -> None:
        """The cost of reminders and auto-debit per BPU participant, and a month of JHT education."""
        lever, w = self.settings, model.workers
        persons = np.count_nonzero(w.active_codes(w.scheme) == Scheme.BPU.value) * model.represents
        model.ledger.charge(self.name, persons * (lever.reminder_coverage * lever.reminder_cost + lever.auto_debit_share * lever.auto_debit_cost))
        if lever.jht_education_reach > 0:
            candidates = hit_rows(model.rng, w.size, lever.jht_education_reach)  # each inactive holder with this chance
            inactive = candidates[np.flatnonzero(w.status[candidates] == Status.INACTIVE.value)]
            taught = inactive[np.flatnonzero(w.jht_balance[inactive] > 0)]  # balances read for the inactive only: a quarter of the candidates
            w.teach(taught, lever.jht_education_gain)
            model.ledger.charge(self.name, taught.size * model.represents * lever.jht_education_cost)
