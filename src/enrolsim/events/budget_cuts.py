"""Inpres 1/2025 budget efficiency: transfers to regions cut, so local-government payers pay for fewer workers.

At the start (February 2025, when the cut plans were due) a share ``cut`` of the running third-party
programmes ends (their workers pay for themselves from then on, and most lapse after three unpaid
months); while the cuts last, the January renewal and the persons new programmes take on are lower by
the same share (``model.third_party_renewal_multiplier``, ``model.third_party_new_multiplier``, read by
``processes/third_party_payers.py``). District, village and company programmes are one list in the model,
so the cut falls on all of them alike.
"""

from enrolsim.events.base import Event, scale_hook
from enrolsim.processes.third_party_payers import end_programmes
from enrolsim.state import ModelState


class BudgetCuts(Event):
    """Programmes ended at the start; renewals and new programmes lower while the cuts last."""

    kind = "budget_cuts"

    def begin(self, model: ModelState) -> None:
        keep = 1 - self.settings.cut
        end_programmes(model, keep)
        scale_hook(model, "third_party_renewal_multiplier", self, keep)
        scale_hook(model, "third_party_new_multiplier", self, keep)

    def end(self, model: ModelState) -> None:
        scale_hook(model, "third_party_renewal_multiplier", self, 1.0)
        scale_hook(model, "third_party_new_multiplier", self, 1.0)
