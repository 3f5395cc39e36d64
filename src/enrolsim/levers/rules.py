"""Rule changes of the BPU package: its price, and whether JHT is required (JHT withdrawal rules: ``jht.regimes``)."""

from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class Rules(Lever):
    """Sets the price multiplier and the JHT requirement read by enrolment and contributions; costs nothing."""

    name = "rules"
    section = "rules"
    has_cost = False

    def configured(self) -> bool:
        return self.settings.bpu_price_multiplier != 1 or self.settings.bpu_jht_required

    def start(self, model: ModelState) -> None:
        model.bpu_price_multiplier = self.settings.bpu_price_multiplier
        model.bpu_jht_required = self.settings.bpu_jht_required
