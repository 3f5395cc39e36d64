"""Partnerships with ride-hailing, e-commerce and logistics platforms, acted by ``PartnerPlatform`` agents."""

from enrolsim.institutions.platform import PartnerPlatform, make_platforms
from enrolsim.levers.base import Lever
from enrolsim.scenario.strategies import PlatformMode
from enrolsim.state import ModelState


class Platforms(Lever):
    """The three platforms decide each January whether to take part, then approach their partners."""

    name = "platforms"
    section = "extensification.platforms"

    def configured(self) -> bool:
        return self.settings.mode != PlatformMode.NONE

    def build(self, model: ModelState) -> None:
        make_platforms(model)

    def act(self, model: ModelState) -> None:
        model.agents_by_type[PartnerPlatform].do("step")
