"""A JHT rule scare: members rush to claim while it runs, and trust in the agency falls at its start."""

from enrolsim.events.base import Event, scale_hook
from enrolsim.state import ModelState


class JhtRush(Event):
    """Multiplies the chance to claim JHT (``model.claim_multiplier``) while it runs; lowers trust once."""

    kind = "jht_rush"

    def begin(self, model: ModelState) -> None:
        scale_hook(model, "claim_multiplier", self, self.settings.claim_multiplier)
        model.drift.scale_trust(self.settings.trust_factor)

    def end(self, model: ModelState) -> None:
        scale_hook(model, "claim_multiplier", self, 1.0)
