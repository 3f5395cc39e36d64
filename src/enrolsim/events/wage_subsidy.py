"""A BSU wage-subsidy round: active PU members in the cut-off month whose declared wage is under the ceiling are paid.

Eligibility is being an active PU member in the cut-off month with a declared wage (the wage times the
share the employer declares) at most ``wage_ceiling``; a share ``eligible_share`` of them is paid (the
areas a round covers, the records verified). The recipients are fixed in the cut-off month (the events'
turn comes after employers and levers have acted) and paid ``amount`` spread evenly over the payment
months, ``paid_from`` to ``end``: income, counted as recipients and rupiah (``bsu_recipients``,
``bsu_paid_rupiah``); the model's incomes do not change with it.

Being active at the cut-off is what pays, so employers who expect a round have a reason to register
workers and to pay their arrears before it: from ``start`` to the cut-off their registration rate and
their chance to pay arrears are multiplied (``registration_multiplier``, ``arrears_cure_multiplier``).
A round announced after its cut-off (2020, 2025) has ``start`` at the cut-off and multipliers of 1.
"""

import numpy as np

from enrolsim.core.codes import Scheme
from enrolsim.events.base import Event, model_month, scale_hook
from enrolsim.state import ModelState
from enrolsim.world.employers import for_each_worker


class WageSubsidy(Event):
    """Employers hurry before the cut-off; the eligible in the cut-off month are paid over the payment months."""

    kind = "wage_subsidy"

    def begin(self, model: ModelState) -> None:
        s = self.settings
        self.cutoff, self.paid_from, self.last = (model_month(model, m) for m in (s.cutoff, s.paid_from, s.end))
        self.recipients = np.zeros(0, dtype=np.int64)
        self.boosting = False
        if model.month <= self.cutoff:
            self._boost(model, True)

    def act(self, model: ModelState) -> None:
        if model.month == self.cutoff:
            self.recipients = self._eligible(model)
            self._boost(model, False)
        if self.paid_from <= model.month <= self.last and self.recipients.size:
            model.event_tallies["bsu_recipients"] += self.recipients.size
            model.event_tallies["bsu_rupiah"] += self.recipients.size * self.settings.amount / (self.last - self.paid_from + 1)

    def end(self, model: ModelState) -> None:
        self._boost(model, False)

    def _boost(self, model: ModelState, on: bool) -> None:
        """Employers' registration and arrears cure sped up (``on``) or back to normal."""
        if on == self.boosting:
            return
        s = self.settings
        for name, factor in (("registration_multiplier", s.registration_multiplier), ("arrears_cure_multiplier", s.arrears_cure_multiplier)):
            scale_hook(model, name, self, factor if on else 1.0)
        self.boosting = on

    def _eligible(self, model: ModelState) -> np.ndarray:
        """Active PU members with an employer whose declared wage is under the ceiling, a share of them drawn.

        The declared wage is the one contributions are paid on this month (``processes/contributions.py``): the
        employer's declared share of the income, times the month's income multiplier (a pandemic's lost hours).
        """
        w, e, s = model.workers, model.employers, self.settings
        rows = np.flatnonzero(w.active_codes(w.scheme) == Scheme.PU.value)
        rows = rows[np.flatnonzero(w.employer[rows] >= 0)]
        declared = w.income[rows] * for_each_worker(e.wage_share, w.employer[rows]) * np.float32(model.income_multiplier)
        rows = rows[np.flatnonzero(declared <= np.float32(s.wage_ceiling))]
        if s.eligible_share < 1.0:
            rows = rows[np.flatnonzero(model.rng.random(rows.size) < s.eligible_share)]
        return rows
