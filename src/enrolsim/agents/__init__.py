"""The institutions, as Mesa agents stepped by the model; each acts on workers with vectorised calls."""

from enrolsim.agents.enforcement import EnforcementOffice
from enrolsim.agents.local_government import LocalGovernment
from enrolsim.agents.perisai import PerisaiAgent
from enrolsim.agents.platform import PartnerPlatform

__all__ = ["EnforcementOffice", "LocalGovernment", "PartnerPlatform", "PerisaiAgent"]
