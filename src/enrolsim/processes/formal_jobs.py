"""Formal employment held to Sakernas: wage jobs open or close so the informal share of employment
follows ``data/labour_force.csv`` (an input, not a fit).

Sakernas counts every employed person, civil servants, military and police included (formal, but
outside BPJS Ketenagakerjaan and so outside the model: ``population.outside_formal``), and counts
construction and platform work as informal (own-account and casual workers). The target of formal
wage workers in the model is therefore ``F* = (1 - s) (E + O) - O``, with ``s`` the month's informal
share, ``E`` the model's employed and ``O`` those outside it.

At the start of the month (``open_formal_jobs``) the gap to the target opens wage vacancies (split
between permanent and contract work as the jobs are now, a share ``casual_share_new`` of new
contract jobs casual) or closes them, and if formal jobs are still over the target, wage earners are
laid off into informal work (as in 2020). After the month's matching (``hold_formal_share``) any
shortfall left is hired directly from those looking for work: matching alone fills too few jobs for
the share to hold.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Segment
from enrolsim.processes.jobs import WAGE, close_contract_jobs, draw_from_segment, hire, lay_off, leave_work, wage_earners, whole_jobs
from enrolsim.state import ModelState
from enrolsim.world.labour_data import informal_share


def formal_target(model: ModelState) -> tuple[float, float, float]:
    """Formal wage workers the month's informal share calls for, those there are now, and the permanent share of them (worker agents)."""
    sizes = model.workers.segment_sizes().astype(np.float64)
    employed = sizes.sum() - sizes[Segment.UNEMPLOYED]
    outside = model.params.population.outside_model / model.represents
    target = (1 - informal_share(model.calendar_month)) * (employed + outside) - outside
    formal = sizes[Segment.PERMANENT] + sizes[Segment.CONTRACT]
    return target, formal, sizes[Segment.PERMANENT] / max(formal, 1.0)


def _regions_formal(model: ModelState) -> tuple[np.ndarray, np.ndarray]:
    """Each region's share of the formal wage workers (by its labour force when there are none) and its permanent share of them."""
    sizes = model.segment_sizes_by_region().astype(np.float64)
    formal = sizes[:, Segment.PERMANENT] + sizes[:, Segment.CONTRACT]
    weight = formal / formal.sum() if formal.sum() > 0 else sizes.sum(axis=1) / max(sizes.sum(), 1.0)
    return weight, sizes[:, Segment.PERMANENT] / np.maximum(formal, 1.0)


def open_formal_jobs(model: ModelState) -> None:
    """Open wage vacancies for the gap to the target, or close them and lay workers off when over it.

    The gap counts the open jobs of the nation, net of regions' debts. New jobs are shared over the regions in
    proportion to their formal wage workers (and split as their wage jobs are now); jobs to close are taken from
    the open ones, in proportion to each region's, then from wage earners anywhere at random."""
    target, formal, _ = formal_target(model)
    vacancies = model.vacancies_by_region
    # The nation's open wage jobs net of the regions' debts (jobs taken ahead on a fraction, ``whole_jobs``). Summing
    # each region's open jobs at zero or more counted the debts as nothing: at 20,000 agents on the map many
    # provinces hold one, so open casual jobs were closed as an excess and re-created by the month's shortfall hires
    # as regular ones (docs/validation.md).
    gap = target - formal - max(vacancies[:, list(WAGE)].sum(), 0.0)
    if gap > 0:
        weight, permanent_share = _regions_formal(model)
        new = gap * weight
        vacancies[:, Segment.PERMANENT] += new * permanent_share
        vacancies[:, Segment.CONTRACT] += new * (1 - permanent_share)
        model.casual_vacancies_by_region += new * (1 - permanent_share) * model.params.labour_market.casual_share_new
        return
    for segment in (Segment.CONTRACT, Segment.PERMANENT):  # close each region's open jobs first, contract ones first
        open_jobs = np.maximum(vacancies[:, segment], 0.0)
        total = open_jobs.sum()
        closed = open_jobs if total <= -gap else -gap * (open_jobs / total)
        gap = min(gap + total, 0.0)
        if segment == Segment.CONTRACT:
            close_contract_jobs(model, closed)
        else:
            vacancies[:, segment] -= closed
    excess = int(model.rng.poisson(-gap)) if gap < 0 else 0  # rounded at random: small runs stay unbiased
    if excess == 0:
        return
    wage = wage_earners(model)
    laid_off = wage[model.rng.choice(wage.size, min(excess, wage.size), replace=False)]
    lay_off(model, laid_off)
    hire(model, laid_off, np.full(laid_off.size, Segment.INFORMAL, dtype=np.int8))


#: The kinds of job ``hold_formal_share`` deals to its hires: an open permanent job, a new permanent one, an open contract
#: job, a new contract one (segment ``kind // 2`` of ``WAGE``, open when ``kind`` is even).
JOB_KINDS = np.arange(4, dtype=np.int8)


def hold_formal_share(model: ModelState, were_between: np.ndarray | None = None) -> None:
    """Hire the shortfall still left after matching from those looking for work, in proportion to how hard they look.

    The hires take the wage jobs still open first, drawn among them at random (``_jobs_to_fill``), and
    only the shortfall beyond them creates jobs, shared over the regions in proportion to their formal
    wage workers. In each region the unemployed search at ``job_finding``, workers between casual
    contracts at ``casual_search``, other informal workers at ``informal_exit``: the region's hires are
    shared among the three groups by their size times that rate, and drawn at random within each.

    ``were_between``: rows that hold everyone now between casual contracts (see
    ``Workers.between_casual_contracts``), when the caller has them; otherwise every worker is looked at.
    """
    target, formal, _ = formal_target(model)
    short = int(model.rng.poisson(max(target - formal, 0.0)))
    if short == 0:
        return
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    jobs, open_taken = _jobs_to_fill(model, short)
    sizes = model.segment_sizes_by_region()
    between = w.between_casual_contracts(were_between)
    between_at = np.searchsorted(between, model.region_first_row)
    rates = np.array([lm.job_finding, lm.casual_search, lm.informal_exit])
    wage_segments = np.array(WAGE, dtype=np.int8)  # the columns of ``jobs``
    taken, leaving, segments, were_open = [], [], [], []
    for r, part in enumerate(jobs.sum(axis=1)):
        between_r = between[between_at[r] : between_at[r + 1]]
        counts = np.array([sizes[r, Segment.UNEMPLOYED], between_r.size, sizes[r, Segment.INFORMAL] - between_r.size])
        pull = counts * rates
        if part == 0 or pull.sum() <= 0:
            continue
        wanted = np.minimum(rng.multinomial(part, pull / pull.sum()), counts)
        rows = model.region_first_row[r : r + 2]
        group = [
            draw_from_segment(model, rows, Segment.UNEMPLOYED, wanted[0], counts[0]),
            between_r[rng.choice(between_r.size, wanted[1], replace=False)],
            draw_from_segment(model, rows, Segment.INFORMAL, wanted[2], counts[2], exclude_casual=True),
        ]
        taken += group
        leaving += group[1:]
        # The region's jobs to the hires at random (fewer hires than jobs when a group ran short), each job known as
        # open or new (``JOB_KINDS``).
        kinds = np.repeat(JOB_KINDS, np.stack([open_taken[r], jobs[r] - open_taken[r]], axis=1).ravel())
        dealt = rng.permutation(kinds)[: int(wanted.sum())]
        segments.append(wage_segments[dealt // 2])
        were_open.append(dealt % 2 == 0)
    if not taken:
        return
    leave_work(model, np.concatenate(leaving), ExitCause.MOVE, Segment.INFORMAL.value)  # between casual contracts, or own-account
    taking, segment = np.concatenate(taken), np.concatenate(segments)
    # Only the open jobs taken leave the vacancies: the new ones were never open. A whole job taken on a fraction
    # (``whole_jobs``) leaves its region's count below zero, a debt that the next openings repay, as in the matching.
    filled = np.concatenate(were_open)
    model.vacancies_by_region -= model.count_by_region(taking[filled], segment[filled], len(Segment))
    hire(model, taking, segment)


def _jobs_to_fill(model: ModelState, short: int) -> tuple[np.ndarray, np.ndarray]:
    """The wage jobs ``short`` hires take, and of them the open ones: two regions x (permanent, contract) counts.

    Open jobs first, drawn at random among all of them (whole jobs, ``whole_jobs``), so no region is
    given more hires than it has open jobs while another's stay open; jobs beyond the open ones are
    new, shared over the regions in proportion to their formal wage workers and split as their wage
    jobs are now. Sharing every hire by formal workers instead would send some regions more hires than
    open jobs by chance and create jobs there: a few at full scale, but a tenth of the hires at
    50,000 agents, and jobs so created are regular contracts where the open ones would mostly have
    been casual (issue 16: a small run's labour market must be a large one's, scaled).
    """
    rng = model.rng
    open_jobs = whole_jobs(rng, model.vacancies_by_region[:, list(WAGE)]).astype(np.int64)
    filled = min(short, int(open_jobs.sum()))
    taken = rng.multivariate_hypergeometric(open_jobs.ravel(), filled).reshape(open_jobs.shape) if filled else np.zeros_like(open_jobs)
    jobs = taken.copy()
    if short > filled:
        weight, permanent_share = _regions_formal(model)
        new = rng.multinomial(short - filled, weight)
        permanent = rng.binomial(new, permanent_share)
        jobs += np.stack([permanent, new - permanent], axis=1)
    return jobs, taken
