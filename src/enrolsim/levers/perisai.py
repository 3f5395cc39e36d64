"""Perisai agents: commissioned recruiters of informal workers, one corps per district (``PerisaiAgent``)."""

from enrolsim.institutions.perisai import PerisaiAgent, agency_recruits_agents, corps_act
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class Perisai(Lever):
    """The agency recruits agents toward its target; the corps earn, quit and recruit workers."""

    name = "perisai"
    section = "extensification.perisai"

    def configured(self) -> bool:
        return self.settings.agents_initial > 0 or self.settings.agents_target > 0

    def build(self, model: ModelState) -> None:
        if model.district_share is None:  # equal districts
            members = self.settings.agents_initial / model.n_districts
            for district in range(model.n_districts):
                PerisaiAgent(model, district, members)
        else:  # the map: in proportion to each district's labour force
            for district in range(model.n_districts):
                PerisaiAgent(model, district, self.settings.agents_initial * float(model.district_share[district]))

    def act(self, model: ModelState) -> None:
        agency_recruits_agents(model)
        corps_act(model)
