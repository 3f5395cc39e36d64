"""Labour market: contracts that end, jobs lost and found, retirement and death, and new entrants.

Jobs are refilled: everyone who leaves a wage, platform or construction job opens a vacancy, and
formal jobs open or close so that the informal share of employment follows Sakernas
(``processes/formal_jobs.py``; or by ``job_growth`` when ``formal_employment`` is ``growth``); job
seekers (the unemployed who find work, workers changing work, young entrants) take open vacancies of
the kind they look for, or stay where they are. Informal own-account work needs no vacancy.

Casual (daily, seasonal) contracts are a lasting stock of short jobs: a casual contract that ends
unrenewed leaves a casual vacancy, and its worker does informal work while looking for the next
wage job (``casual_search``); a job seeker who held a wage job is often hired back by the last
employer (``recall``), on the same account if that employer had registered them. So contract work
turns over every month or two while most of those who leave come back: many registrations, few
lasting participants (the agency's 5:1). Wage earners take their enrolment with them only as far as
their employer registers them: a worker who leaves a registering employer becomes inactive, which
opens the way to a JHT claim; why they left (``ExitCause``) is kept in ``leave_cause``.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.processes.formal_jobs import hold_formal_share, open_formal_jobs
from enrolsim.processes.jht_withdrawal import balance_weight
from enrolsim.processes.jobs import (
    HAS_VACANCIES,
    WAGE,
    draw_segments_by_region,
    first_of_each_region,
    hire,
    lay_off,
    leave_work,
    open_vacancies,
    seek_work,
    wage_earners,
    whole_jobs,
)
from enrolsim.processes.unemployment import hold_unemployment
from enrolsim.scenario.fields import segment_values
from enrolsim.state import ModelState
from enrolsim.world.drift import base_perceived_risk
from enrolsim.world.participation import deactivate, end_suspensions
from enrolsim.world.population import draw_durations, draw_incomes, draw_risk, draw_steady_payers
from enrolsim.world.sampling import hit, hit_by_category
from enrolsim.world.workers import N_SEGMENTS, NO_END, NO_MONTH, rows_where


def labour_market(model: ModelState) -> None:
    """One month of the labour market, in a fixed order: exits, new jobs, contract ends, moves, unemployment, formal share."""
    replace_with_entrants(model, _retiring(model))
    _open_new_jobs(model)
    contract_end, month = model.workers.contract_end, model.month
    _end_contracts(model, rows_where(contract_end.size, lambda rows: contract_end[rows] <= month))
    between = _change_work(model)
    _informalise(model)
    if model.params.labour_market.unemployment == "sakernas":
        hold_unemployment(model)
    if model.params.labour_market.formal_employment == "sakernas":
        hold_formal_share(model, between)


def _retiring(model: ModelState) -> np.ndarray:
    born_by, birth_month = model.month - model.params.labour_market.retirement_age * 12, model.workers.birth_month
    return rows_where(birth_month.size, lambda rows: birth_month[rows] <= born_by)


def replace_with_entrants(model: ModelState, idx: np.ndarray, died: bool = False) -> None:
    """Workers who retire or die leave; a young entrant takes the row (the labour force stays whole).

    Their JHT balance is claimed (by them, or by their heirs) as any balance is, if it is worth the trip: with
    the balance's weight ``B / (B + balance_half)`` of an early claim (``jht_withdrawal.balance_weight``), so that
    small dormant balances mostly stay with the agency, as its count of claims implies (docs/validation.md). A
    claim at exit is not an early withdrawal. The entrant, unemployed, looks for the kind of work drawn here in
    the labour market's next matching (``_change_work``): the same month for those replacing retirees, the next
    for those replacing the dead.
    """
    if idx.size == 0:
        return
    w, rng, p = model.workers, model.rng, model.params
    balance = w.jht_balance[idx]
    claimed = rng.random(idx.size, dtype=np.float32) < balance_weight(model, balance)
    model.flows.jht_exit_claims += int(np.count_nonzero(claimed))
    model.flows.jht_paid_on_exit += float(balance[claimed].sum(dtype=np.float64))
    if died:
        model.flows.deaths += idx.size
    else:
        model.flows.retirements += idx.size
    open_vacancies(model, idx)
    end_suspensions(w, model.flows, idx)
    deactivate(w, model.flows, idx, ExitCause.RETIREMENT)
    entrant_shares = model.region_shares(segment_values(p.labour_market.entrant_shares))  # the province's, on the map
    segment = draw_segments_by_region(rng, entrant_shares, model.region_of(idx))
    w.birth_month[idx] = model.month - p.population.entry_age * 12 - rng.integers(0, 12, idx.size)
    w.income[idx] = draw_incomes(p, rng, segment)
    w.risk[idx] = draw_risk(p, rng, segment)
    model.pu_rate[idx] = model.pu_rates_by_class()[w.risk[idx]]
    w.literacy[idx], trust = model.villages.draw(rng, w.village[idx])
    model.drift.set(idx, trust, base_perceived_risk(w.risk[idx]))
    w.employer[idx] = -1
    w.employer_registered[idx] = False
    w.set_status(idx, Status.NEVER)
    w.scheme[idx] = Scheme.NONE
    w.bpu_jht[idx] = rng.random(idx.size) < p.contributions.bpu_jht_share
    w.steady_payer[idx] = draw_steady_payers(p, rng, idx.size)
    w.contribution_months[idx] = 0
    w.jht_balance[idx] = 0
    w.months_unpaid[idx] = 0
    w.contract_end[idx] = NO_END
    w.enrolled_month[idx] = NO_MONTH
    w.left_job_month[idx] = NO_MONTH
    w.payer[idx] = 0
    w.recruiter[idx] = -1
    w.paid_until[idx] = NO_MONTH
    w.last_employer[idx] = -1
    w.last_registered[idx] = False
    w.leave_cause[idx] = ExitCause.NONE
    w.casual[idx] = False
    w.set_segment(idx, Segment.UNEMPLOYED)
    rows, wish = model.waiting_entrants
    model.waiting_entrants = (np.concatenate([rows, idx]), np.concatenate([wish, segment]))


def _take_waiting_entrants(model: ModelState) -> tuple[np.ndarray, np.ndarray]:
    """The entrants waiting for the matching and the work each looks for; those no longer unemployed (hired since
    by another rule) are left out, and the list is emptied."""
    rows, wish = model.waiting_entrants
    model.waiting_entrants = (rows[:0], wish[:0])
    still = np.flatnonzero(model.workers.segment[rows] == Segment.UNEMPLOYED.value)
    return rows[still], wish[still]


def _open_new_jobs(model: ModelState) -> None:
    """Job growth beyond replacement, in each region as its jobs are now: formal jobs by the Sakernas target (or
    ``job_growth``), others by ``job_growth``."""
    lm = model.params.labour_market
    growth = np.asarray(segment_values(lm.job_growth)) * HAS_VACANCIES
    if lm.formal_employment == "sakernas":
        growth[list(WAGE)] = 0.0
        open_formal_jobs(model)
    new = growth / 12 * model.segment_sizes_by_region()
    model.vacancies_by_region += new
    model.casual_vacancies_by_region += new[:, Segment.CONTRACT] * lm.casual_share_new


def _end_contracts(model: ModelState, ending: np.ndarray) -> None:
    """Fixed-term contracts reaching their end are renewed (some made permanent) or not.

    A casual contract renews with ``casual_renewal`` and stays casual; its worker, if not renewed,
    does informal work between contracts. A regular contract renews with ``contract_renewal``; its
    worker, if not renewed, becomes unemployed. A shock lowers both renewals.
    """
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    contracts = ending[np.flatnonzero(w.segment[ending] == Segment.CONTRACT.value)]
    casual = w.casual[contracts]
    u = rng.random(contracts.size)
    m = model.job_loss_multiplier  # a shock: more contracts end unrenewed
    regular, casual_renewal = (max(0.0, 1 - (1 - r) * m) for r in (lm.contract_renewal, lm.casual_renewal))
    renewal = np.where(casual, casual_renewal, regular)
    renews = u < renewal
    renewed = contracts[np.flatnonzero(renews)]
    w.contract_end[renewed] = model.month + np.where(
        casual[renews], draw_durations(rng, lm.casual_months_mean, renewed.size), draw_durations(rng, lm.contract_months_mean, renewed.size)
    )
    # Conversion of a regular contract to a permanent one needs an open permanent position in its region. The
    # positions go to the candidates in the order of their draws (u below the threshold is uniform under it, so a
    # random order at no new draw), not in row order: rows are in village order, and the first districts got more.
    candidates = np.flatnonzero((u < renewal * lm.contract_to_permanent) & ~casual)
    converting = contracts[candidates[np.argsort(u[candidates], kind="stable")]]
    positions = whole_jobs(rng, model.vacancies_by_region[:, Segment.PERMANENT]).astype(np.int64)
    converting = np.sort(converting[first_of_each_region(model.region_of(converting), positions)])
    w.set_segment(converting, Segment.PERMANENT)
    w.contract_end[converting] = NO_END
    converted = np.bincount(model.region_of(converting), minlength=model.n_regions)
    model.vacancies_by_region[:, Segment.CONTRACT] += converted
    model.vacancies_by_region[:, Segment.PERMANENT] -= converted
    ended = np.flatnonzero(~renews)
    not_renewed, was_casual = contracts[ended], casual[ended]
    between = not_renewed[np.flatnonzero(was_casual)]
    leave_work(model, not_renewed, ExitCause.CONTRACT_END, Segment.CONTRACT.value)
    _destroy_extra_jobs(model, not_renewed, Segment.CONTRACT, was_casual)
    # Unemployed, or (between casual contracts) informal work meanwhile, searching at casual_search: one move each.
    w.set_segment(not_renewed, np.where(was_casual, np.int8(Segment.INFORMAL.value), np.int8(Segment.UNEMPLOYED.value)))
    w.casual[between] = True


def _change_work(model: ModelState) -> np.ndarray:
    """Permanent jobs are lost; the unemployed and those between casual contracts look for work; others change work.

    The young entrants waiting (``replace_with_entrants``) all look, in the same matching as the others and
    placed ahead of them, and are left out of the unemployed's draw at ``job_finding`` (no one seeks twice).
    Matched in calls of their own (until 2026-11-30), they were placed only in the kinds of job they
    themselves wished for, among a region's openings rounded apart: at 20,000 agents on the map a province's
    call held a fraction of an entrant, and 55% of entrants found work against 86% at 160,000
    (docs/validation.md, "What still misses").

    Returns the rows of those who were between casual contracts before the moves. Nobody joins them
    until next month's contract ends (a hire sets the casual flag only for contract work), so the
    formal-share hire after the moves looks for them among these rows rather than in every worker's.
    """
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    moving = np.zeros(N_SEGMENTS)
    moving[Segment.PERMANENT] = lm.permanent_job_loss * model.job_loss_multiplier
    moving[Segment.INFORMAL] = lm.informal_exit
    moving[Segment.PLATFORM] = lm.platform_exit
    moving[Segment.CONSTRUCTION] = lm.construction_exit
    moving[Segment.UNEMPLOYED] = lm.job_finding
    hits = hit_by_category(rng, w.segment, moving)
    entrants, entrant_wish = _take_waiting_entrants(model)
    unemployed = hits[Segment.UNEMPLOYED]
    hits[Segment.UNEMPLOYED] = unemployed[np.flatnonzero(~np.isin(unemployed, entrants))]
    lost = hits[Segment.PERMANENT]
    between = w.between_casual_contracts()
    changing = hits[Segment.INFORMAL]
    changing = changing[np.flatnonzero(~w.casual[changing])]  # those between casual contracts search at their own rate
    seekers = [changing, hit(rng, between, lm.casual_search), *(hits[s] for s in (Segment.PLATFORM, Segment.CONSTRUCTION, Segment.UNEMPLOYED))]
    leave_work(model, lost, ExitCause.LAYOFF, Segment.PERMANENT.value)
    _destroy_extra_jobs(model, lost, Segment.PERMANENT)
    w.set_segment(lost, Segment.UNEMPLOYED)
    seeking = np.concatenate(seekers)
    wish = draw_segments_by_region(rng, model.region_shares(segment_values(lm.hire_shares)), model.region_of(seeking))  # the province's, on the map
    seek_work(model, np.concatenate([entrants, seeking]), np.concatenate([entrant_wish, wish]), ahead=entrants.size)
    return between


def _destroy_extra_jobs(model: ModelState, leavers: np.ndarray, segment: Segment, casual: np.ndarray | None = None) -> None:
    """In a shock (``job_loss_multiplier`` m > 1) a share 1 - 1/m of the jobs lost close: their vacancies (in
    each leaver's region) go. ``casual``: which of the leavers held casual jobs; those close casual vacancies,
    drawn apart from the others, so the casual jobs lost are exactly the closed casual leavers' (as in ``lay_off``)."""
    m = model.job_loss_multiplier
    if m <= 1.0 or leavers.size == 0:
        return
    region = model.region_of(leavers)
    lost = np.bincount(region, minlength=model.n_regions)
    lost_casual = np.bincount(region[casual], minlength=model.n_regions) if casual is not None else np.zeros_like(lost)
    closed_casual = model.rng.binomial(lost_casual, 1 - 1 / m)  # no draw for a region with none
    model.vacancies_by_region[:, segment] -= model.rng.binomial(lost - lost_casual, 1 - 1 / m) + closed_casual
    model.casual_vacancies_by_region -= closed_casual


def _informalise(model: ModelState) -> None:
    """In a shock, wage earners move to informal own-account work; their jobs close."""
    if model.informalisation_rate <= 0.0:
        return
    wage = wage_earners(model)
    moving = hit(model.rng, wage, model.informalisation_rate)
    lay_off(model, moving)
    hire(model, moving, np.full(moving.size, Segment.INFORMAL, dtype=np.int8))
