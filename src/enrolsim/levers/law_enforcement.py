"""Law enforcement: inspections, warning letters and the prosecutor's office, acted by the ``EnforcementOffice`` agent."""

from enrolsim.institutions.enforcement import EnforcementOffice
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class LawEnforcement(Lever):
    """The agency's compliance office inspects employers and refers the non-compliant (institutions/enforcement.py)."""

    name = "law_enforcement"
    section = "law_enforcement"

    def configured(self) -> bool:
        return self.settings.inspection_rate > 0

    def build(self, model: ModelState) -> None:
        EnforcementOffice(model)

    def act_on_employers(self, model: ModelState) -> None:
        model.agents_by_type[EnforcementOffice].do("step")
