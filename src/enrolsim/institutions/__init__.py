"""The institutions, as Mesa agents stepped by the model; each acts on workers with vectorised calls."""

from enrolsim.institutions.enforcement import EnforcementOffice
from enrolsim.institutions.local_government import LocalGovernment
from enrolsim.institutions.perisai import PerisaiAgent
from enrolsim.institutions.platform import PartnerPlatform

__all__ = ["EnforcementOffice", "LocalGovernment", "PartnerPlatform", "PerisaiAgent"]
