"""The strategy levers, one module each, and the institutions' turn that acts them out once a month.

``LEVERS`` is the registry, in the order of the turn: the employer-side part of every started lever
first (audits, arrears collection, inspections, district governments, visits to small enterprises);
then the workers of every employer changed this month (by these levers or by ``employer_compliance``
earlier in the month) are brought in line in one pass, so that they are active before anyone else
counts them; then the worker-side part (platforms, Perisai corps, ecosystems, Sertakan, Nyalakan,
retention, and the running costs of service points, payment channels and micro-targeting).
"""

from enrolsim.actions.employers import settle_employer_changes
from enrolsim.levers.arrears_collection import ArrearsCollection
from enrolsim.levers.audits import Audits
from enrolsim.levers.base import Lever
from enrolsim.levers.ecosystems import Ecosystems
from enrolsim.levers.law_enforcement import LawEnforcement
from enrolsim.levers.local_government import LocalGovernment
from enrolsim.levers.micro_targeting import MicroTargeting
from enrolsim.levers.nyalakan import Nyalakan
from enrolsim.levers.payment_channels import PaymentChannels
from enrolsim.levers.perisai import Perisai
from enrolsim.levers.platforms import Platforms
from enrolsim.levers.retention import Retention
from enrolsim.levers.rules import Rules
from enrolsim.levers.sertakan import Sertakan
from enrolsim.levers.service_points import ServicePoints
from enrolsim.scenario.strategies import Strategies
from enrolsim.state import ModelState

#: Every lever, in the order of the institutions' turn.
LEVERS: tuple[type[Lever], ...] = (
    Audits,
    ArrearsCollection,
    LawEnforcement,
    LocalGovernment,
    Platforms,
    Perisai,
    Ecosystems,
    Sertakan,
    Nyalakan,
    Retention,
    ServicePoints,
    PaymentChannels,
    MicroTargeting,
    Rules,
)

#: The levers' cost lines (indicators ``cost_<line>``), in the registry's order.
COST_LINES: tuple[str, ...] = tuple(lever.name for lever in LEVERS if lever.has_cost)


def levers_of(strategies: Strategies) -> dict[str, Lever]:
    """A fresh instance of every lever with its settings, by name, in the registry's order."""
    return {lever.name: lever(strategies) for lever in LEVERS}


def levers_act(model: ModelState) -> None:
    """The institutions' turn: every started lever acts; employers' workers follow their employers in between."""
    started = [lever for lever in model.levers.values() if lever.name in model.started_levers]
    for lever in started:
        lever.act_on_employers(model)
    settle_employer_changes(model)
    for lever in started:
        lever.act(model)


__all__ = ["COST_LINES", "LEVERS", "Lever", "levers_act", "levers_of"]
