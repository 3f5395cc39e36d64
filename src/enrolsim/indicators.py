"""Monthly indicators, in persons and rupiah, computed once a month from the columns and flows.

Mesa's ``DataCollector`` records them (one model reporter per indicator reading this month's
values), so a run's time series is ``datacollector.get_model_vars_dataframe()``.
"""

from dataclasses import dataclass
from functools import partial

import numpy as np

from enrolsim.core.codes import SEGMENT_NAMES, THIRD_PARTY_PAYERS, ExitCause, Payer, Scheme, Segment, Status
from enrolsim.institutions.perisai import PerisaiAgent
from enrolsim.levers import COST_LINES
from enrolsim.state import ModelState
from enrolsim.world.workers import MASK_BLOCK, Workers, blocks

#: Indicator name -> (unit, meaning). The order is the column order of ``timeseries.csv``.
INDICATORS: dict[str, tuple[str, str]] = {
    "active": ("persons", "Active participants as the agency counts them: PU, BPU, construction projects (Jakon), migrant workers (PMI)"),
    "active_workers": ("persons", "Active participants among the modelled workers (PU and BPU)"),
    **{f"active_{s}": ("persons", f"Active participants in segment {s}") for s in SEGMENT_NAMES},
    "active_pu": ("persons", "Active wage earners paid for by employers (PU)"),
    "active_bpu": ("persons", "Active non-wage participants (BPU)"),
    "active_bpu_self": ("persons", "Active BPU participants paying for themselves (or through an agent or a platform)"),
    "active_bpu_third_party": ("persons", "Active BPU participants paid for by a third party (district or village budget, sponsor)"),
    "active_jakon": ("persons", "Live construction-project registrations (Jakon): a worker on two projects counts twice"),
    "active_pmi": ("persons", "Migrant workers abroad covered (PMI)"),
    "registered": ("persons", "Registered accounts: active participants and inactive accounts that hold a JHT balance"),
    "inactive": ("persons", "Workers with an inactive account (not paying), with or without a balance"),
    "withdrawn": ("persons", "Workers whose account was closed by a JHT withdrawal"),
    "never_registered": ("persons", "Workers never registered"),
    "labour_force": ("persons", "Eligible labour force"),
    "coverage": ("share", "Active participants / eligible labour force"),
    "informal_share": ("share", "Informal share of employment as Sakernas counts it (construction and platform work informal; civil servants formal)"),
    "unemployment_rate": ("share", "Unemployed / labour force (with civil servants, military and police)"),
    "employers_partial_share": ("share", "Share of registered employer units that are partially compliant"),
    "new_participants": ("persons/month", "New participants as the agency counts them: every entry into active but an employer resuming (not Jakon)"),
    "exits": ("persons/month", "Exits as the agency counts them: every move out of active but an employer's arrears (not Jakon)"),
    "new_registrations": ("persons/month", "First registrations and registrations after a withdrawal"),
    "new_after_withdrawal": ("persons/month", "Registrations under a new account after a JHT withdrawal"),
    "reactivations": ("persons/month", "Inactive accounts made active again"),
    "resumptions": ("persons/month", "Inactive wage earners active again when their employer paid its arrears"),
    "lapses": ("persons/month", "Active participants becoming inactive, arrears included"),
    "arrears_lapses": ("persons/month", "Wage earners made inactive by their employer's arrears"),
    "jakon_registrations": ("persons/month", "Construction-project registrations started"),
    "jht_withdrawals": ("persons/month", "Early JHT withdrawals (claims; accounts closed)"),
    "jht_withdrawals_after_resignation": ("persons/month", "JHT claims after resigning, moving or a contract's end (the agency's 'resign' before 2022)"),
    "jht_withdrawals_after_layoff": ("persons/month", "JHT claims after a dismissal or the employer's closure (PHK)"),
    "jht_withdrawn_rupiah": ("rupiah/month", "Balances paid out by early JHT withdrawals"),
    "jht_claims": ("persons/month", "JHT claims as the agency counts them: early withdrawals and balances claimed at retirement or death"),
    "jht_paid_on_exit_rupiah": ("rupiah/month", "Balances claimed at retirement or death"),
    "contributions_rupiah": ("rupiah/month", "Contributions collected"),
    "accidents": ("persons/month", "Work accidents"),
    "claims": ("persons/month", "Work-accident claims paid to participants"),
    "claims_rupiah": ("rupiah/month", "JKK claims and JKM benefits paid"),
    "deaths": ("persons/month", "Deaths"),
    "registrations_this_year": ("persons", "Registrations since January (new participants among the workers)"),
    "registrations_per_active": ("ratio", "Registrations since January / those registrants still active (the agency's 5:1 in December)"),
    "bpu_irregular_share": ("share", "Of the active BPU participants paying for themselves (no third party), those with unpaid months running (0 if none)"),
    "mean_literacy": ("0-1", "Mean insurance literacy"),
    "mean_trust": ("0-1", "Mean trust in the agency"),
    "programme_cost": ("rupiah/month", "Cost of all strategy levers"),
    **{f"cost_{line}": ("rupiah/month", f"Cost of the {line.replace('_', ' ')} lever") for line in COST_LINES},
    "perisai_agents": ("agents", "Perisai agents working"),
    "perisai_recruits": ("persons/month", "Workers recruited by Perisai agents"),
    "perisai_recruits_cumulative": ("persons", "Workers recruited by Perisai agents since the start"),
    "perisai_recruits_active": ("persons", "Perisai recruits active and still collected by their agent"),
    "perisai_earnings_per_agent": ("rupiah/month", "Mean net earnings of a Perisai agent"),
    "platform_partners_covered": ("persons", "Participants enrolled by default by their platform or paying through it (deduction, co-payment)"),
    "subsidised_participants": ("persons", "Participants whose contributions a local government pays (the local-government lever)"),
    "sponsored_participants": ("persons", "Participants whose contributions a Sertakan sponsor pays (the Sertakan lever)"),
    "employers_inspected": ("firms/month", "Firms inspected (the firms the inspected employer units stand for)"),
    "referrals": ("firms/month", "Firms referred to the prosecutor's office"),
    "recovered_arrears_rupiah": ("rupiah/month", "Arrears recovered by collection and enforcement"),
    # Dated events (events/, docs/ODD.md 7.16): zero in a month no event counts anything
    "furloughed": ("persons", "Wage earners furloughed in a labour shock: the job kept, contributions stopped (inactive)"),
    "bsu_recipients": ("persons/month", "Wage-subsidy (BSU) recipients paid this month"),
    "bsu_paid_rupiah": ("rupiah/month", "Wage subsidies (BSU) paid this month"),
    "jkp_claims": ("persons/month", "New claims of the job-loss benefit (JKP)"),
    "jkp_recipients": ("persons", "Job-loss benefit (JKP) recipients paid this month"),
    "jkp_paid_rupiah": ("rupiah/month", "Job-loss benefits (JKP) paid this month"),
    "contribution_relief_rupiah": ("rupiah/month", "Contributions waived or deferred by a relief (PP 49/2020), not collected"),
}

#: Indicator -> the key of ``ModelState.event_tallies`` it scales to persons (counts) or rupiah (per person).
EVENT_INDICATORS = {
    "furloughed": "furloughed",
    "bsu_recipients": "bsu_recipients",
    "bsu_paid_rupiah": "bsu_rupiah",
    "jkp_claims": "jkp_claims",
    "jkp_recipients": "jkp_recipients",
    "jkp_paid_rupiah": "jkp_rupiah",
    "contribution_relief_rupiah": "relief_rupiah",
}

#: Whose exits and claims the agency calls resignations, and dismissals (PHK).
RESIGNED = (ExitCause.MOVE, ExitCause.CONTRACT_END, ExitCause.RESIGN_TO_WITHDRAW)
LAID_OFF = (ExitCause.LAYOFF, ExitCause.CLOSURE)


def compute(model: ModelState) -> dict[str, float]:
    """This month's indicators (stocks at the end of the month, flows during it)."""
    w, f, r = model.workers, model.flows, model.represents
    n_groups = model.village_sizes.size * len(Segment)
    active_in_group = w.active_in_group(n_groups)  # kept from move to move
    january = max(model.month - model.calendar_month % 12, 0)  # a run that starts after January counts from its start
    counts = _column_counts(w, january)
    status_counts = np.zeros(len(Status), dtype=np.int64)
    status_counts[Status.ACTIVE] = active_in_group.sum()
    status_counts[Status.NEVER] = counts.never
    status_counts[Status.INACTIVE] = counts.inactive
    status_counts[Status.WITHDRAWN] = w.size - status_counts.sum()
    n_active = int(status_counts[Status.ACTIVE])
    by_segment = active_in_group.reshape(-1, len(Segment)).sum(axis=0)
    by_scheme, by_payer = counts.schemes, counts.payers
    by_scheme[0], by_payer[0] = n_active - by_scheme[1:].sum(), n_active - by_payer[1:].sum()
    third_party = by_payer[list(THIRD_PARTY_PAYERS)].sum()
    holding = counts.holding
    active = n_active * r + model.jakon + model.pmi_stock
    entries = f.new_registrations + f.reactivations
    stayed = counts.stayed
    sizes = w.segment_sizes()
    outside = model.params.population.outside_model
    employed_persons = (w.size - sizes[Segment.UNEMPLOYED]) * r + outside
    informal = sizes[[Segment.INFORMAL, Segment.PLATFORM, Segment.CONSTRUCTION]].sum() * r
    values = {
        "active": active,
        "active_workers": n_active * r,
        **{f"active_{s}": by_segment[i] * r for i, s in enumerate(SEGMENT_NAMES)},
        "active_pu": by_scheme[Scheme.PU] * r,
        "active_bpu": by_scheme[Scheme.BPU] * r,
        "active_bpu_self": (by_scheme[Scheme.BPU] - third_party) * r,
        "active_bpu_third_party": third_party * r,
        "active_jakon": model.jakon,
        "active_pmi": model.pmi_stock,
        "registered": active + holding * r,
        "inactive": status_counts[Status.INACTIVE] * r,
        "withdrawn": status_counts[Status.WITHDRAWN] * r,
        "never_registered": status_counts[Status.NEVER] * r,
        "labour_force": w.size * r,
        "coverage": active / (w.size * r),
        "informal_share": informal / employed_persons,
        "unemployment_rate": sizes[Segment.UNEMPLOYED] * r / (w.size * r + outside),
        "employers_partial_share": model.employers.partial_share(),
        "new_participants": entries * r + model.pmi_new,
        "exits": (f.lapses - f.arrears_lapses + f.suspensions_ended) * r + model.pmi_left,
        "new_registrations": f.new_registrations * r,
        "new_after_withdrawal": f.new_after_withdrawal * r,
        "reactivations": f.reactivations * r,
        "resumptions": f.resumptions * r,
        "lapses": f.lapses * r,
        "arrears_lapses": f.arrears_lapses * r,
        "suspensions_ended": f.suspensions_ended * r,
        "jakon_registrations": model.jakon_new,
        "jht_withdrawals": f.jht_withdrawals * r,
        "jht_withdrawals_after_resignation": f.claims_by_cause[list(RESIGNED)].sum() * r,
        "jht_withdrawals_after_layoff": f.claims_by_cause[list(LAID_OFF)].sum() * r,
        "jht_withdrawn_rupiah": f.jht_withdrawn_rupiah * r,
        "jht_claims": (f.jht_withdrawals + f.jht_exit_claims) * r,
        "jht_paid_on_exit_rupiah": f.jht_paid_on_exit * r,
        "contributions_rupiah": f.contributions_rupiah * r,
        "accidents": f.accidents * r,
        "claims": f.claims * r,
        "claims_rupiah": f.claims_rupiah * r,
        "deaths": f.deaths * r,
        "registrations_this_year": model.registrations_this_year * r,
        "registrations_per_active": model.registrations_this_year / stayed if stayed else float("nan"),
        "bpu_irregular_share": model.bpu_own_payers[1] / max(model.bpu_own_payers[0], 1),  # 0 with nobody paying for themselves
        "mean_literacy": float(w.literacy.mean()),  # float32 pairwise sums: exact to about 1e-7
        "mean_trust": model.drift.mean_trust(),
    }
    values.update(_strategy_values(model, by_payer))
    values.update({name: model.event_tallies[key] * r for name, key in EVENT_INDICATORS.items()})
    return {name: float(value) for name, value in values.items()}


def _strategy_values(model: ModelState, payer_counts: np.ndarray) -> dict[str, float]:
    ledger, r = model.ledger, model.represents
    corps = list(model.agents_by_type.get(PerisaiAgent, [])) if model.lever_on("perisai") else []
    members = sum(c.members for c in corps)
    return {
        "programme_cost": sum(ledger.costs.values()),
        **{f"cost_{line}": ledger.costs[line] for line in COST_LINES},
        "perisai_agents": members,
        "perisai_recruits": ledger.perisai_recruits * r,
        "perisai_recruits_cumulative": model.perisai_recruits_total,
        "perisai_recruits_active": payer_counts[Payer.PERISAI] * r,
        "perisai_earnings_per_agent": sum(c.net_earnings_per_agent * c.members for c in corps) / members if members > 0 else 0.0,
        "platform_partners_covered": payer_counts[Payer.PLATFORM] * r,
        "subsidised_participants": payer_counts[Payer.LOCAL_GOVERNMENT] * r,
        "sponsored_participants": payer_counts[Payer.SPONSOR] * r,
        "employers_inspected": ledger.employers_inspected,
        "referrals": ledger.referrals,
        "recovered_arrears_rupiah": ledger.recovered_arrears_rupiah,
    }


@dataclass
class _ColumnCounts:
    """What the month's indicators count over whole columns (``_column_counts``)."""

    never: int  # never registered
    inactive: int
    holding: int  # inactive with a JHT balance
    stayed: int  # active and enrolled since January
    schemes: np.ndarray  # active workers by scheme code; code 0 left for the caller (the rest of the active)
    payers: np.ndarray  # active workers by payer code, likewise


def _column_counts(w: Workers, january: int) -> _ColumnCounts:
    """The counts over status, scheme, payer, balance and enrolment month, in one pass a block at a time.

    Whole-column masks of a million workers were cheaper than an index of the active rows, but at a
    national 1:1 run each is 112 MB of fresh pages that the kernel zeroes: these counts made 17 of
    them a month. A block's masks stay in the cache and are reused. Counts are integers, so the result
    is the same however the rows are blocked. The scheme and payer of every worker not active read as
    code 0 (multiplied by the active mask, as ``Workers.active_codes``), so codes from 1 are counted.
    """
    never = inactive = holding = stayed = 0
    schemes, payers = np.zeros(len(Scheme), dtype=np.int64), np.zeros(len(Payer), dtype=np.int64)
    for rows in blocks(w.size, MASK_BLOCK):
        status = w.status[rows]
        is_active, is_inactive = status == Status.ACTIVE.value, status == Status.INACTIVE.value
        never += np.count_nonzero(status == Status.NEVER.value)
        inactive += np.count_nonzero(is_inactive)
        holding += np.count_nonzero(is_inactive & (w.jht_balance[rows] > 0))
        stayed += np.count_nonzero((w.enrolled_month[rows] >= january) & is_active)
        for codes, counts in ((w.scheme[rows] * is_active, schemes), (w.payer[rows] * is_active, payers)):
            for k in range(1, counts.size):
                counts[k] += np.count_nonzero(codes == k)
    return _ColumnCounts(never, inactive, holding, stayed, schemes, payers)


def _read(model: ModelState, name: str) -> float:
    return model.indicators[name]


def model_reporters() -> dict[str, partial]:
    """DataCollector reporters, one per indicator (partials, so models stay picklable)."""
    return {name: partial(_read, name=name) for name in INDICATORS}
