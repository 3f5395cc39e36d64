"""Labour market: contracts that end, jobs lost and found, retirement and death, and new entrants.

Jobs are refilled: everyone who leaves a wage, platform or construction job opens a vacancy, and
``job_growth`` opens more; job seekers (the unemployed who find work, workers changing work,
young entrants) take open vacancies of the kind they look for, or stay where they are. Informal
own-account work needs no vacancy. This keeps the make-up of the labour force stable unless a
scenario changes it. Wage earners take their enrolment with them only as far as their employer registers them: a
worker who leaves a registering employer becomes inactive, which is what opens the way to a JHT
withdrawal. Construction workers move from project to project, covered per project (Jakon).
"""

import numpy as np

from enrolsim.core.codes import Scheme, Segment, Status
from enrolsim.scenario.fields import segment_values
from enrolsim.state import ModelState
from enrolsim.world.drift import base_perceived_risk
from enrolsim.world.participation import activate, deactivate
from enrolsim.world.population import draw_durations, draw_incomes, draw_risk
from enrolsim.world.sampling import hit, hit_by_category
from enrolsim.world.workers import N_SEGMENTS, NO_END, NO_MONTH

#: Segments whose jobs are vacancies to be filled (1) or open to anyone (0).
HAS_VACANCIES = np.array([1, 1, 0, 1, 1, 0])


def labour_market(model: ModelState) -> None:
    """One month of the labour market, in a fixed order: exits, contract ends, moves, projects."""
    replace_with_entrants(model, _retiring(model))
    _open_new_jobs(model)
    # One pass finds the contracts and projects ending this month and the construction workers
    # between projects (only construction workers have an end in the past).
    due = np.flatnonzero(model.workers.contract_end <= model.month)
    _end_contracts(model, due)
    _change_work(model)
    _informalise(model)
    _start_projects(model, due)


def _retiring(model: ModelState) -> np.ndarray:
    age_months = model.retirement_age * 12
    return np.flatnonzero(model.workers.birth_month <= model.month - age_months)


def replace_with_entrants(model: ModelState, idx: np.ndarray, died: bool = False) -> None:
    """Workers who retire or die leave; a young entrant takes the row (the labour force stays whole).

    Their JHT balance is paid out (to them, or to their heirs); it is not an early withdrawal.
    """
    if idx.size == 0:
        return
    w, rng, p = model.workers, model.rng, model.params
    model.flows.jht_paid_on_exit += float(w.jht_balance[idx].sum(dtype=np.float64))
    if died:
        model.flows.deaths += idx.size
    else:
        model.flows.retirements += idx.size
    _open_vacancies(model, idx)
    segment = _draw_segments(rng, p.labour_market.entrant_shares, idx.size)
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
    w.contribution_months[idx] = 0
    w.jht_balance[idx] = 0
    w.months_unpaid[idx] = 0
    w.contract_end[idx] = NO_END
    w.enrolled_month[idx] = NO_MONTH
    w.left_job_month[idx] = NO_MONTH
    w.payer[idx] = 0
    w.recruiter[idx] = -1
    w.paid_until[idx] = NO_MONTH
    w.set_segment(idx, Segment.UNEMPLOYED)
    seek_work(model, idx, segment)


def _draw_segments(rng: np.random.Generator, shares_section: object, n: int) -> np.ndarray:
    shares = np.asarray(segment_values(shares_section))
    return rng.choice(N_SEGMENTS, n, p=shares / shares.sum()).astype(np.int8)


def _open_vacancies(model: ModelState, idx: np.ndarray) -> None:
    """Workers in ``idx`` are leaving their current segment: their jobs become vacancies."""
    left = np.bincount(model.workers.segment[idx], minlength=N_SEGMENTS)
    model.vacancies += left * HAS_VACANCIES


def _open_new_jobs(model: ModelState) -> None:
    """Job growth beyond replacement, in proportion to each segment's size."""
    growth = np.asarray(segment_values(model.params.labour_market.job_growth)) * HAS_VACANCIES
    model.vacancies += growth / 12 * model.workers.segment_sizes()


def seek_work(model: ModelState, idx: np.ndarray, wish: np.ndarray) -> None:
    """Job seekers who wish for informal work take it; the others share the open vacancies.

    ``wish`` is each seeker's preferred segment. Seekers for jobs are matched to vacancies in
    proportion to preference times openings; seekers arrive in random order and those left over
    when the vacancies run out stay where they are.
    """
    w, rng = model.workers, model.rng
    informal = idx[np.flatnonzero(wish == Segment.INFORMAL.value)]
    informal = informal[np.flatnonzero(w.segment[informal] != Segment.INFORMAL.value)]
    leave_work(model, informal)
    hire(model, informal, np.full(informal.size, Segment.INFORMAL, dtype=np.int8))

    job_seekers = rng.permutation(idx[np.flatnonzero((wish != Segment.INFORMAL.value) & (wish != Segment.UNEMPLOYED.value))])
    openings = np.floor(np.maximum(model.vacancies, 0))
    preference = np.bincount(wish, minlength=N_SEGMENTS) * openings
    n = int(min(job_seekers.size, openings.sum()))
    if n == 0 or preference.sum() == 0:
        return
    placed = np.minimum(rng.multinomial(n, preference / preference.sum()), openings).astype(np.int64)
    segment = np.repeat(np.arange(N_SEGMENTS, dtype=np.int8), placed)
    taking = job_seekers[: segment.size]
    moving = np.flatnonzero(w.segment[taking] != segment)
    taking, segment = taking[moving], segment[moving]
    model.vacancies -= np.bincount(segment, minlength=N_SEGMENTS)
    leave_work(model, taking)
    hire(model, taking, segment)


def hire(model: ModelState, idx: np.ndarray, segment: np.ndarray) -> None:
    """Workers (with no job to leave) start work in ``segment``; employers register some of them."""
    w, rng = model.workers, model.rng
    w.set_segment(idx, segment)
    wage = idx[np.flatnonzero((segment == Segment.PERMANENT.value) | (segment == Segment.CONTRACT.value))]
    if wage.size:
        district = w.village[wage] // model.params.population.villages_per_district
        employer = model.employers.pick(rng, district)
        w.employer[wage] = employer
        registered = model.employers.registers(rng, employer)
        w.employer_registered[wage] = registered
        contract = wage[np.flatnonzero(w.segment[wage] == Segment.CONTRACT.value)]
        w.contract_end[contract] = model.month + contract_durations(model, contract.size)
        w.contract_end[wage[np.flatnonzero(w.segment[wage] == Segment.PERMANENT.value)]] = NO_END
        paying = registered & ~model.employers.lapsed(model.params.employers.arrears_months_to_inactive)[employer]
        activate(w, model.flows, wage[np.flatnonzero(paying)], Scheme.PU, model.month)
    # A construction worker starts between projects; projects begin in _start_projects.
    w.contract_end[idx[np.flatnonzero(segment == Segment.CONSTRUCTION.value)]] = model.month


def contract_durations(model: ModelState, n: int) -> np.ndarray:
    """Lengths of new fixed-term contracts: a mix of casual (short) and regular contracts."""
    lm, rng = model.params.labour_market, model.rng
    casual = rng.random(n) < lm.casual_share
    durations = np.empty(n, dtype=np.int16)
    short, regular = np.flatnonzero(casual), np.flatnonzero(~casual)
    durations[short] = draw_durations(rng, lm.casual_months_mean, short.size)
    durations[regular] = draw_durations(rng, lm.contract_months_mean, regular.size)
    return durations


def leave_work(model: ModelState, idx: np.ndarray) -> None:
    """Workers leave their job or project: what the employer or contractor paid for stops."""
    w = model.workers
    _open_vacancies(model, idx)
    paid_by_work = idx[np.flatnonzero((w.status[idx] == Status.ACTIVE.value) & (w.scheme[idx] != Scheme.BPU.value))]
    deactivate(w, model.flows, paid_by_work)
    had_wage_job = idx[np.flatnonzero(w.employer[idx] >= 0)]
    w.left_job_month[had_wage_job] = model.month
    w.employer[idx] = -1
    w.employer_registered[idx] = False
    w.contract_end[idx] = NO_END


def _end_contracts(model: ModelState, due: np.ndarray) -> None:
    """Fixed-term contracts reaching their end are renewed (some made permanent) or not.

    ``due``: the rows whose contract or project ends this month or has ended (in row order).
    """
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    ending = due[np.flatnonzero(w.contract_end[due] == model.month)]
    contracts = ending[np.flatnonzero(w.segment[ending] == Segment.CONTRACT.value)]
    u = rng.random(contracts.size)
    renewal = lm.contract_renewal if model.job_loss_multiplier == 1.0 else max(0.0, 1 - (1 - lm.contract_renewal) * model.job_loss_multiplier)
    renewed = contracts[np.flatnonzero(u < renewal)]
    # Conversion to a permanent contract needs an open permanent position.
    permanent = contracts[np.flatnonzero(u < renewal * lm.contract_to_permanent)][: max(int(model.vacancies[Segment.PERMANENT]), 0)]
    w.contract_end[renewed] = model.month + contract_durations(model, renewed.size)
    w.set_segment(permanent, Segment.PERMANENT)
    w.contract_end[permanent] = NO_END
    model.vacancies[Segment.CONTRACT] += permanent.size
    model.vacancies[Segment.PERMANENT] -= permanent.size
    not_renewed = contracts[np.flatnonzero(u >= renewal)]
    leave_work(model, not_renewed)
    _destroy_extra_jobs(model, not_renewed, Segment.CONTRACT)
    w.set_segment(not_renewed, Segment.UNEMPLOYED)
    # A construction project that ends leaves its workers between projects.
    projects = ending[np.flatnonzero(w.segment[ending] == Segment.CONSTRUCTION.value)]
    deactivate(w, model.flows, projects[np.flatnonzero(w.scheme[projects] == Scheme.JAKON.value)])


def _change_work(model: ModelState) -> None:
    """Permanent jobs are lost; the unemployed look for work; others look for another kind of work."""
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    moving = np.zeros(N_SEGMENTS)
    moving[Segment.PERMANENT] = lm.permanent_job_loss * model.job_loss_multiplier
    moving[Segment.INFORMAL] = lm.informal_exit
    moving[Segment.PLATFORM] = lm.platform_exit
    moving[Segment.CONSTRUCTION] = lm.construction_exit
    moving[Segment.UNEMPLOYED] = lm.job_finding
    hits = hit_by_category(rng, w.segment, moving)
    lost = hits[Segment.PERMANENT]
    seekers = [hits[s] for s in (Segment.INFORMAL, Segment.PLATFORM, Segment.CONSTRUCTION, Segment.UNEMPLOYED)]
    leave_work(model, lost)
    _destroy_extra_jobs(model, lost, Segment.PERMANENT)
    w.set_segment(lost, Segment.UNEMPLOYED)
    seeking = np.concatenate(seekers)
    seek_work(model, seeking, _draw_segments(rng, lm.hire_shares, seeking.size))


def _destroy_extra_jobs(model: ModelState, leavers: np.ndarray, segment: Segment) -> None:
    """In a shock (``job_loss_multiplier`` m > 1) a share 1 - 1/m of the jobs lost close: their vacancies go."""
    m = model.job_loss_multiplier
    if m <= 1.0 or leavers.size == 0:
        return
    model.vacancies[segment] -= int(model.rng.binomial(leavers.size, 1 - 1 / m))


def _informalise(model: ModelState) -> None:
    """In a shock, wage earners move to informal own-account work; their jobs close."""
    if model.informalisation_rate <= 0.0:
        return
    w = model.workers
    wage = np.flatnonzero((w.segment == Segment.PERMANENT.value) | (w.segment == Segment.CONTRACT.value))
    moving = hit(model.rng, wage, model.informalisation_rate)
    closed = np.bincount(w.segment[moving], minlength=N_SEGMENTS)
    leave_work(model, moving)
    model.vacancies -= closed
    hire(model, moving, np.full(moving.size, Segment.INFORMAL, dtype=np.int8))


def _start_projects(model: ModelState, due: np.ndarray) -> None:
    """Construction workers between projects start one; some projects cover them (Jakon).

    ``due`` (listed at the start of the month) holds every worker between projects now: a worker
    who was not then has since been hired with an end of this month or later.
    """
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    waiting = due[np.flatnonzero((w.segment[due] == Segment.CONSTRUCTION.value) & (w.contract_end[due] < model.month))]
    starting = hit(rng, waiting, lm.project_start)
    w.contract_end[starting] = model.month + draw_durations(rng, lm.project_months_mean, starting.size)
    covered = hit(rng, starting, lm.jakon_coverage)
    activate(w, model.flows, covered[np.flatnonzero(w.status[covered] != Status.ACTIVE.value)], Scheme.JAKON, model.month)
