"""Micro-targeting: outreach goes where the agency's records predict uptake (``actions.targeting``), at a monthly cost."""

from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class MicroTargeting(Lever):
    """Once started, every contact of outreach is weighted by predicted uptake (``actions.targeting.village_factor``)."""

    name = "micro_targeting"
    section = "micro_targeting"

    def configured(self) -> bool:
        return self.settings.enabled

    def act(self, model: ModelState) -> None:
        model.ledger.charge(self.name, self.settings.unit_cost)
