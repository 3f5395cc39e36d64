"""Which levers a scenario pulls, the institutions they need, and what starting a lever switches on.

The process code reads neutral hooks on the model (extra ease 0, miss factors 1, price multiplier
1); starting a lever sets them. A lever that is not configured is never started, so a scenario
with every lever at zero runs exactly like the baseline.
"""

from typing import TYPE_CHECKING

from enrolsim.institutions import EnforcementOffice, LocalGovernment, PerisaiAgent
from enrolsim.institutions.platform import make_platforms
from enrolsim.scenario.fields import Section
from enrolsim.scenario.strategies import Lever, PlatformMode, Strategies

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def levers_of(s: Strategies) -> dict[str, Lever]:
    """Every lever by its short name (the name of its cost line)."""
    groups: list[Section] = [s.intensification, s.extensification]
    levers: dict[str, Lever] = {name: getattr(g, name) for g in groups for name in type(g).model_fields}
    levers.update(law_enforcement=s.law_enforcement, micro_targeting=s.micro_targeting, rules=s.rules)
    return levers


def is_configured(name: str, lever: Lever) -> bool:
    """Whether a lever would do anything at all (its 'zero' is the status quo)."""
    match name:
        case "audits" | "arrears_collection" | "nyalakan":
            return lever.rate > 0
        case "retention":
            return lever.reminder_coverage > 0 or lever.auto_debit_share > 0 or lever.jht_education_reach > 0
        case "perisai":
            return lever.agents_initial > 0 or lever.agents_target > 0
        case "platforms":
            return lever.mode != PlatformMode.NONE
        case "local_government":
            return any(v > 0 for v in (lever.subsidy_budget, lever.licence_conditioning, lever.outreach_reach, lever.service_point_ease))
        case "ecosystems":
            return any(v > 0 for v in (lever.village, lever.market, lever.e_commerce, lever.small_micro_enterprises, lever.vulnerable))
        case "sertakan":
            return lever.sponsored_per_month > 0
        case "service_points" | "payment_channels":
            return lever.extra_ease > 0
        case "law_enforcement":
            return lever.inspection_rate > 0
        case "micro_targeting":
            return lever.enabled
        case "rules":
            return lever.bpu_price_multiplier != 1 or lever.bpu_jht_required
    raise KeyError(name)


def create_institutions(model: "EnrolmentModel") -> None:
    """The Mesa agents the configured levers need (none for the status quo)."""
    levers = model.levers
    if is_configured("perisai", levers["perisai"]):
        members = levers["perisai"].agents_initial / model.n_districts
        for district in range(model.n_districts):
            PerisaiAgent(model, district, members)
    if is_configured("platforms", levers["platforms"]):
        make_platforms(model)
    if is_configured("local_government", levers["local_government"]):
        for district in range(model.n_districts):
            LocalGovernment(model, district)
    if is_configured("law_enforcement", levers["law_enforcement"]):
        EnforcementOffice(model)


def apply_lever_start(model: "EnrolmentModel", name: str, lever: Lever) -> None:
    """Switch on what a lever changes in the monthly processes."""
    match name:
        case "service_points":
            model.extra_ease += lever.extra_ease
        case "local_government":
            model.district_extra_ease[:] += lever.service_point_ease
        case "payment_channels":
            model.extra_payment_ease += lever.extra_ease
        case "retention":
            model.retention_miss_factor = (1 - lever.reminder_effect * lever.reminder_coverage) * (1 - lever.auto_debit_effect * lever.auto_debit_share)
        case "rules":
            model.bpu_price_multiplier = lever.bpu_price_multiplier
            model.bpu_jht_required = lever.bpu_jht_required
