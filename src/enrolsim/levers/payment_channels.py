"""More payment channels (retail chains, marketplaces, the app): fewer missed BPU months, at a cost per payment."""

from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class PaymentChannels(Lever):
    """Adds ``extra_ease`` to payment ease (``model.extra_payment_ease``); pays per BPU contribution collected."""

    name = "payment_channels"
    section = "extensification.payment_channels"

    def configured(self) -> bool:
        return self.settings.extra_ease > 0

    def start(self, model: ModelState) -> None:
        model.extra_payment_ease += self.settings.extra_ease

    def act(self, model: ModelState) -> None:
        model.ledger.charge(self.name, model.last_bpu_payments * model.represents * self.settings.cost_per_payment)
