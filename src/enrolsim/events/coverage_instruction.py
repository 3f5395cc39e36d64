"""Inpres 2/2021: ministries and local governments instructed to cover their workers and to condition licences.

Two channels, both hooks: employers register faster (licences, permits and public services conditioned
on compliance: ``model.registration_multiplier``), and from the first budget year the instruction could
reach (APBD 2022, Permendagri 27/2021) local budgets pay for more non-wage workers: each January
``third_party_persons`` are added to the year's new third-party programmes (``model.third_party_extra_persons``,
read by ``processes/third_party_payers.py``, which runs after the events' turn).
"""

from enrolsim.events.base import Event, scale_hook, shift_hook
from enrolsim.state import ModelState


class CoverageInstruction(Event):
    """Faster registration of employers from the start; more third-party programmes from the first budget year."""

    kind = "coverage_instruction"

    def begin(self, model: ModelState) -> None:
        scale_hook(model, "registration_multiplier", self, self.settings.registration_multiplier)
        self.adding = False
        self._budget(model)

    def act(self, model: ModelState) -> None:
        self._budget(model)

    def end(self, model: ModelState) -> None:
        scale_hook(model, "registration_multiplier", self, 1.0)
        if self.adding:
            shift_hook(model, "third_party_extra_persons", -self.settings.third_party_persons)

    def _budget(self, model: ModelState) -> None:
        """From the first budget year on, the added persons are in the budget (read each January)."""
        if not self.adding and model.calendar_month // 12 >= self.settings.first_budget_year:
            shift_hook(model, "third_party_extra_persons", self.settings.third_party_persons)
            self.adding = True
