"""More service points and offices: registration is easier everywhere, at a fixed monthly cost."""

from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class ServicePoints(Lever):
    """Adds ``extra_ease`` to registration ease nationally (``model.extra_ease``)."""

    name = "service_points"
    section = "extensification.service_points"

    def configured(self) -> bool:
        return self.settings.extra_ease > 0

    def start(self, model: ModelState) -> None:
        model.extra_ease += self.settings.extra_ease

    def act(self, model: ModelState) -> None:
        model.ledger.charge(self.name, self.settings.monthly_cost)
