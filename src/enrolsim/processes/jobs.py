"""Moving workers between jobs: who takes which open job, what a hire and a departure change.

Shared by the monthly labour market (``labour_market.py``), the Sakernas target of formal jobs
(``formal_jobs.py``) and employers' closures (``employer_compliance.py``). A departure opens a
vacancy (a casual job a casual vacancy) and remembers the job and why it ended; a wage hire goes back
to the last employer with probability ``recall``, and a region's contract hires take casual jobs in the
share of its open contract jobs that are casual.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.state import ModelState
from enrolsim.world.participation import activate, deactivate, end_suspensions
from enrolsim.world.population import draw_durations
from enrolsim.world.workers import N_SEGMENTS, NO_END, rows_where, unique_rows

#: Segments whose jobs are vacancies to be filled (1) or open to anyone (0).
HAS_VACANCIES = np.array([1, 1, 0, 1, 1, 0])
#: Wage-earner segments: their jobs are with an employer.
WAGE = (Segment.PERMANENT.value, Segment.CONTRACT.value)


def wage_earners(model: ModelState) -> np.ndarray:
    """Rows of every wage earner (permanent or contract), in increasing order, found a block at a time."""
    segment = model.workers.segment
    return rows_where(segment.size, lambda rows: (segment[rows] == WAGE[0]) | (segment[rows] == WAGE[1]))


def draw_segments_by_region(rng: np.random.Generator, shares: np.ndarray, region: np.ndarray) -> np.ndarray:
    """A segment for each worker from their region's ``shares`` (regions x segments, each row summing to 1).

    The draws of ``rng.choice(N_SEGMENTS, n, p=shares[0])``: one uniform number each, looked up in the
    normalised cumulative shares, so one region draws exactly what ``rng.choice(N_SEGMENTS, n, p=...)`` does."""
    cdf = np.cumsum(shares, axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random(region.size)
    if cdf.shape[0] == 1:
        return cdf[0].searchsorted(u, side="right").astype(np.int8)
    # The count of each row's cumulative shares at or below its number, one segment at a time: a
    # gather of the rows' regions' share and a compare each, three times as fast as a rows x segments
    # table counted along its short axis.
    segment = np.zeros(region.size, dtype=np.int8)
    for cumulative in np.ascontiguousarray(cdf.T):
        segment += np.take(cumulative, region) <= u
    return segment


def first_of_each_region(region: np.ndarray, quota: np.ndarray) -> np.ndarray:
    """Positions of the first ``quota[r]`` entries of each region r (entries in their order, region 0's first)."""
    if quota.size == 1:
        return np.arange(min(int(quota[0]), region.size))
    order = np.argsort(_radix_key(region, quota.size), kind="stable")
    counts = np.bincount(region, minlength=quota.size)
    in_order = region[order]
    rank = np.arange(region.size) - (np.cumsum(counts) - counts)[in_order]
    return order[rank < quota[in_order]]


def _radix_key(group: np.ndarray, n_groups: int) -> np.ndarray:
    """Group numbers ``0..n_groups-1`` as 16-bit integers when they fit, which numpy's stable sort orders by radix: 6-8
    times as fast as the merge sort of 8-byte ones (1.8 against 0.3 ms for a month's 30,000 seekers at a million workers)."""
    return group.astype(np.uint16 if n_groups <= 1 << 16 else np.intp)


def shuffled_within_groups(rng: np.random.Generator, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Positions of ``group`` (numbers ``0..n_groups-1``, in increasing order) in a random order within each group, the
    groups kept in place: a permutation followed by a stable sort by group."""
    order = rng.permutation(group.size)
    return order[np.argsort(_radix_key(group[order], n_groups), kind="stable")]


def whole_jobs(rng: np.random.Generator, vacancies: np.ndarray) -> np.ndarray:
    """The open jobs that can be taken now: each count of ``vacancies`` (worker agents, fractional) rounded
    down or up at random, up with the chance of its fraction, so the expected number is the count itself.

    Rounding down would hold back up to one job in every region and segment each month: nothing at
    full scale, but at 50,000 agents a province's open permanent jobs are a fraction of one agent, so
    contracts would never become permanent there, and a small run's labour market would differ from
    a large one's of the same scenario (issue 16). A job taken on the fraction leaves the count
    negative until new openings make it up.
    """
    positive = np.maximum(vacancies, 0.0)
    whole = np.floor(positive)
    whole += rng.random(positive.shape) < positive - whole
    return whole


def open_vacancies(model: ModelState, idx: np.ndarray, segment: np.ndarray | None = None) -> None:
    """Workers in ``idx`` are leaving their current segment: their jobs become vacancies of their region (a casual job a casual one).

    ``segment``: their current segments, when the caller has already read them."""
    w = model.workers
    if segment is None:
        segment = w.segment[idx]
    left = model.count_by_region(idx, segment)
    model.vacancies_by_region += left * HAS_VACANCIES
    if left[:, Segment.CONTRACT].any():
        model.casual_vacancies_by_region += casual_jobs_by_region(model, idx, segment)


def casual_jobs_by_region(model: ModelState, idx: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """How many of the workers ``idx`` (in their ``segment``) hold casual contract jobs, in each region."""
    casual = idx[np.flatnonzero(model.workers.casual[idx] & (segment == Segment.CONTRACT.value))]
    return np.bincount(model.region_of(casual), minlength=model.n_regions)


def seek_work(model: ModelState, idx: np.ndarray, wish: np.ndarray, ahead: int = 0) -> None:
    """Job seekers who wish for informal work take it; the others share the open vacancies of their region.

    ``wish`` is each seeker's preferred segment. In each region, seekers for jobs are matched to its
    vacancies in proportion to preference times openings; seekers arrive in random order and those
    left over when the vacancies run out stay where they are. The first ``ahead`` of ``idx`` (the month's
    young entrants) arrive before the others, in random order among themselves.
    """
    w, rng = model.workers, model.rng
    informal = idx[np.flatnonzero(wish == Segment.INFORMAL.value)]
    current = w.segment[informal]
    settling = informal[np.flatnonzero(current == Segment.INFORMAL.value)]
    w.casual[settling] = False  # between casual contracts, now settled in own-account work
    moving = np.flatnonzero(current != Segment.INFORMAL.value)
    informal = informal[moving]
    leave_work(model, informal, ExitCause.MOVE, current[moving])
    hire(model, informal, np.full(informal.size, Segment.INFORMAL, dtype=np.int8))

    looking = np.flatnonzero((wish != Segment.INFORMAL.value) & (wish != Segment.UNEMPLOYED.value))
    first = np.searchsorted(looking, ahead)
    job_seekers = np.concatenate([rng.permutation(idx[looking[:first]]), rng.permutation(idx[looking[first:]])])
    region = model.region_of(job_seekers)
    openings = whole_jobs(rng, model.vacancies_by_region)
    n = np.minimum(np.bincount(region, minlength=model.n_regions), openings.sum(axis=1)).astype(np.int64)
    placed = place_seekers(rng, n, model.count_by_region(idx, wish), openings)
    if not placed.any():
        return
    segment = np.repeat(np.tile(np.arange(N_SEGMENTS, dtype=np.int8), model.n_regions), placed.ravel())
    at = first_of_each_region(region, placed.sum(axis=1))  # grouped by region, as ``segment`` is
    # Who is placed follows the order of arrival (entrants first); which job each takes does not: the region's block
    # of labels (permanent first) is dealt among its placed seekers at random. Dealt in the order of arrival, the
    # entrants took every permanent job the matching filled (a review, 2026-11-30).
    at = at[shuffled_within_groups(rng, region[at], model.n_regions)]
    taking = job_seekers[at]
    current = w.segment[taking]
    moving = np.flatnonzero(current != segment)
    taking, segment = taking[moving], segment[moving]
    model.vacancies_by_region -= model.count_by_region(taking, segment)
    leave_work(model, taking, ExitCause.MOVE, current[moving])
    hire(model, taking, segment)


#: Rounds of ``place_seekers`` at most: each places at least one seeker of every region it draws for, and
#: in practice two or three rounds place everyone (a bound, so a pathological case cannot loop).
MAX_PLACING_ROUNDS = 20


def place_seekers(rng: np.random.Generator, n: np.ndarray, wishing: np.ndarray, openings: np.ndarray) -> np.ndarray:
    """How many of each region's ``n`` seekers take a job of each segment (regions x segments, int64).

    Jobs are drawn in proportion to the seekers ``wishing`` for a segment times its ``openings``
    (both regions x segments), never more than the openings. Seekers drawn for a segment that has
    no opening left are drawn again among the segments that have: a single draw clipped at the
    openings would leave them out while jobs they would take stay open, and that loss grows as
    regions get smaller (with 34 provinces: 1% of the matches at 200,000 agents, 0.07% at 2 million),
    so a small run would move fewer workers than a large one of the same scenario (issue 16).
    """
    placed = np.zeros(openings.shape, dtype=np.int64)
    left, room = n.copy(), openings.copy()
    for _ in range(MAX_PLACING_ROUNDS):
        weight = wishing * room
        total = weight.sum(axis=1)
        drawing = (left > 0) & (total > 0)
        if not drawing.any():
            break
        p = np.divide(weight, total[:, None], out=np.zeros_like(weight), where=drawing[:, None])
        taken = np.minimum(rng.multinomial(np.where(drawing, left, 0), p), room).astype(np.int64)
        placed += taken
        room -= taken
        left -= taken.sum(axis=1)
    return placed


def hire(model: ModelState, idx: np.ndarray, segment: np.ndarray) -> None:
    """Workers (with no job to leave) start work in ``segment``; employers register some of them.

    Their casual flags are already clear (``leave_work`` clears those of the workers it moves, and only
    contract and informal workers have one), so only contract hires' flags are written.

    A wage hire who held a wage job goes back to the last employer with probability ``recall``,
    registered again if that employer had registered them; a region's contract hires take casual jobs in
    the share of its open contract jobs that are casual (``_casual_hires``: the expected number, rounded at
    random).

    Casual vacancies are a count that every casual hire lowers and every casual leaver raises, with
    no floor and no ceiling: hires drawn beyond the casual vacancies leave a debt that the next
    casual vacancies (leavers, new casual jobs) repay, and closed contract jobs take their casual
    share with them (``lay_off``, ``close_contract_jobs``, a shock's ``_destroy_extra_jobs``). So the
    casual jobs are exactly those opened as casual less those closed, at every number of agents. Clipping the count to the open contract jobs each time, as
    before, created casual jobs from chance overshoots and cut others, the more the fewer the agents:
    a million agents had 1.8% more casual workers than ten million after four years, and 2% more of
    the monthly flows they make than a 1:1 run (docs/validation.md).
    """
    w, rng, lm = model.workers, model.rng, model.params.labour_market
    groups = w.set_segment(idx, segment)
    at = np.flatnonzero((segment == WAGE[0]) | (segment == WAGE[1]))
    wage, wage_segment = idx[at], segment[at]  # the hires' segments, without reading the column back
    if wage.size:
        district = groups[at] // N_SEGMENTS // model.params.population.villages_per_district  # villages from the groups
        employer = model.employers.pick(rng, district)
        registered = model.employers.registers(rng, employer)
        if lm.recall > 0:
            last = w.last_employer[wage]
            back = np.flatnonzero((last >= 0) & (rng.random(wage.size) < lm.recall))
            employer[back] = last[back]
            registered[back] = model.employers.registered[last[back]] & w.last_registered[wage[back]]
        w.employer[wage] = employer
        w.employer_registered[wage] = registered
        contract = np.flatnonzero(wage_segment == Segment.CONTRACT.value)
        rows = wage[contract]
        region = model.region_of(rows)
        hired = np.bincount(region, minlength=model.n_regions)
        open_contract = np.maximum(model.vacancies_by_region[:, Segment.CONTRACT], 0.0) + hired
        cv = model.casual_vacancies_by_region
        casual = _casual_hires(rng, region, hired, cv / np.maximum(open_contract, 1.0))
        cv -= np.bincount(region[casual], minlength=model.n_regions)  # below zero: casual jobs taken ahead, repaid by the next casual vacancies
        w.casual[rows] = casual
        w.contract_end[rows] = model.month + np.where(
            casual, draw_durations(rng, lm.casual_months_mean, rows.size), draw_durations(rng, lm.contract_months_mean, rows.size)
        )
        w.contract_end[wage[np.flatnonzero(wage_segment == Segment.PERMANENT.value)]] = NO_END
        paying = registered & ~model.employers.lapsed(model.params.employers.arrears_months_to_inactive, employer)
        activate(w, model.flows, wage[np.flatnonzero(paying)], Scheme.PU, model.month)


def _casual_hires(rng: np.random.Generator, region: np.ndarray, hired: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Which contract hires (their ``region``s; ``hired`` of them in each) take casual jobs: in each region the
    expected number, ``hired`` times its casual ``share`` of open contract jobs clipped to 0..1, rounded down or up at
    random (``whole_jobs``), dealt to the first that many of its hires in a random order.

    One draw a hire (casual with chance ``share``) gave the same mean but a region's count varied from batch to
    batch, and a count beyond its casual vacancies left a debt under which its contract jobs closed without their
    casual share (``close_contract_jobs`` closes casual vacancies only where there are some). Debts were the more
    frequent the fewer the agents, so casual jobs outlived their closures more often: a million agents had 1.2% more
    new participants, exits and reactivations over 2015-2019 than full scale (a 40-million-person part of the
    country on the map, z -4.5; docs/validation.md). Drawn as a count, a region's debt is under one hire.
    """
    n_casual = np.minimum(whole_jobs(rng, hired * np.clip(share, 0.0, 1.0)), hired).astype(np.int64)
    shuffled = rng.permutation(region.size)
    casual = np.zeros(region.size, dtype=bool)
    casual[shuffled[first_of_each_region(region[shuffled], n_casual)]] = True
    return casual


def lay_off(model: ModelState, idx: np.ndarray) -> None:
    """Workers are dismissed and their jobs close with them (a shock, a contraction): ``leave_work`` reopens each
    job it ends, so the vacancies are taken back (own-account work has none to take). Where the workers go next is
    the caller's."""
    segment = model.workers.segment[idx]
    closed, closed_casual = model.count_by_region(idx, segment) * HAS_VACANCIES, casual_jobs_by_region(model, idx, segment)
    leave_work(model, idx, ExitCause.LAYOFF, segment)  # clears the casual flags: counted before
    model.vacancies_by_region -= closed
    model.casual_vacancies_by_region -= closed_casual


def close_contract_jobs(model: ModelState, closed: np.ndarray) -> None:
    """Open contract jobs close (``closed`` of them in each region, worker agents): their casual vacancies go with
    them in the share of the region's open contract jobs that are casual."""
    open_contract = np.maximum(model.vacancies_by_region[:, Segment.CONTRACT], 0.0)
    cv = model.casual_vacancies_by_region
    cv -= closed * np.clip(np.divide(cv, open_contract, out=np.zeros_like(cv), where=open_contract > 0), 0.0, 1.0)
    model.vacancies_by_region[:, Segment.CONTRACT] -= closed


def leave_work(model: ModelState, idx: np.ndarray, cause: ExitCause, segment: np.ndarray | int | None = None) -> None:
    """Workers leave their job: what the employer paid for stops; the job and why it ended are remembered.

    ``segment``: the leavers' current segments (or the one segment of them all), when the caller has them.

    Only wage earners have an employer, a registration by it and a contract's end, only they can be
    active PU participants, and only contract workers and informal workers between casual contracts
    have the casual flag (checked after every month by ``tests/test_invariants.py``), so only those
    rows of those columns are read and reset: the rows of a month's moves are scattered, and each
    column touched costs a cache line a row.
    """
    w = model.workers
    if segment is None:
        segment = w.segment[idx]
    elif np.ndim(segment) == 0:
        segment = np.full(idx.size, segment, dtype=np.int8)
    open_vacancies(model, idx, segment)
    had_wage_job = idx[np.flatnonzero((segment == WAGE[0]) | (segment == WAGE[1]))]
    status = w.status[had_wage_job]
    end_suspensions(w, model.flows, had_wage_job, status)  # before the status and cause below change
    paid_by_work = had_wage_job[np.flatnonzero((status == Status.ACTIVE.value) & (w.scheme[had_wage_job] == Scheme.PU.value))]
    deactivate(w, model.flows, paid_by_work, cause)
    w.left_job_month[had_wage_job] = model.month
    w.leave_cause[had_wage_job] = cause
    w.last_employer[had_wage_job] = w.employer[had_wage_job]
    w.last_registered[had_wage_job] = w.employer_registered[had_wage_job]
    model.leavers.append((model.month, had_wage_job))
    w.employer[had_wage_job] = -1
    w.employer_registered[had_wage_job] = False
    w.contract_end[had_wage_job] = NO_END
    w.casual[idx[np.flatnonzero((segment == Segment.CONTRACT.value) | (segment == Segment.INFORMAL.value))]] = False


def draw_from_segment(model: ModelState, rows: np.ndarray, segment: Segment, k: int, members: int, exclude_casual: bool = False) -> np.ndarray:
    """``k`` distinct rows of ``segment`` (of its ``members``) among rows ``rows[0]`` to ``rows[1]``, uniformly: rows
    drawn at random and kept if they belong, so no index of the whole segment is built (half the workers are informal)."""
    w, rng = model.workers, model.rng
    first, end = int(rows[0]), int(rows[1])
    chosen = np.zeros(0, dtype=np.int64)
    share = members / max(end - first, 1)
    while chosen.size < k and share > 0:
        draws = rng.integers(first, end, int((k - chosen.size) / share * 1.2) + 16)
        fits = w.segment[draws] == segment.value
        if exclude_casual:
            fits &= ~w.casual[draws]
        chosen = unique_rows(np.concatenate([chosen, draws[np.flatnonzero(fits)]]))
    return rng.permutation(chosen)[:k] if chosen.size > k else chosen
