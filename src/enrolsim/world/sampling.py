"""Drawing who an event hits without a random number per worker.

Most monthly events are rare (an accident, a campaign visit, a job found). Drawing the number of
hits from a binomial and then choosing that many members costs time in proportion to the hits,
not to the population, and gives exactly the same distribution as one Bernoulli draw each.

``hit_rows`` does the same over all rows ``0..n-1`` without an index array of the population: the
gaps between successive hits of independent Bernoulli trials are geometric, so the hit rows are
the running sums of geometric draws (sorted, which also makes later lookups cache-friendly).
``hit_each`` thins: draw with a ``ceiling`` every probability is under, then keep each candidate
with its own probability over the ceiling; the probabilities are only computed for candidates.
"""

import itertools
from collections.abc import Callable

import numpy as np

from enrolsim.world.workers import rows_where

Rule = Callable[[np.ndarray], np.ndarray]  # a value for each of the given rows
Probabilities = np.ndarray | Rule

#: Events at most this likely are drawn over all rows and thinned (``hit_by_category``); likelier
#: ones among an index of their members. At a million rows, a pass that builds an index of members
#: costs about as much as drawing and sorting out 20-50 thousand candidates.
RARE = 0.05


def hit(rng: np.random.Generator, members: np.ndarray, probability: float) -> np.ndarray:
    """The members an event of the same ``probability`` for each of them hits this month (in random order)."""
    return members[hit_among(rng, members.size, probability)]


def hit_among(rng: np.random.Generator, n: int, probability: float) -> np.ndarray:
    """The positions ``0..n-1`` an event of the same ``probability`` hits (in random order): ``hit`` without
    an index of all ``n`` (at a national 1:1 run, 12 million employer units: 96 MB a month)."""
    k = int(rng.binomial(n, min(max(probability, 0.0), 1.0)))
    if k == 0:
        return np.empty(0, dtype=np.int64)
    return rng.choice(n, k, replace=False)


def hit_rows(rng: np.random.Generator, n: int, probability: float) -> np.ndarray:
    """The rows of ``0..n-1`` an event of the same ``probability`` hits, in increasing order."""
    p = min(max(probability, 0.0), 1.0)
    if n <= 0 or p <= 0.0:
        return np.empty(0, dtype=np.int64)
    if p >= 1.0:
        return np.arange(n, dtype=np.int64)
    # Gaps floor(E / rate) + 1 with E standard exponential and rate = -log(1 - p) are geometric.
    # Kept in float64: a tiny p gives gaps beyond any integer type (numpy's own geometric draw
    # saturates at the int64 maximum, and the running sum would wrap around).
    rate = -np.log1p(-p)
    expected = n * p
    batch = int(expected + 6.0 * np.sqrt(expected) + 16)
    rows = _positions(rng, rate, batch, -1, n)
    while rows[-1] < n - 1:  # rarely: the batch ended before the last row; continue from there
        rows = np.concatenate([rows, _positions(rng, rate, batch, int(rows[-1]), n)])
    return rows[: np.searchsorted(rows, n)]


def _positions(rng: np.random.Generator, rate: float, size: int, start: int, n: int) -> np.ndarray:
    """Rows ``start`` + the running sums of ``size`` geometric gaps, past ``n - 1`` where one is ``n`` or more (int64).

    The gaps are drawn in float64 but summed as integers: the running sum of floats waits for each
    addition (0.7 ms for 175,000 gaps, the voluntary-enrolment candidates of a month at a million
    workers), that of integers does not (0.15 ms). The rows below ``n`` are the same: sums of whole
    numbers are exact in float64 up to 2**53. A gap of ``n`` or more, which puts every later row
    past the population, is counted as ``n`` (a rate near the smallest float gives gaps of inf).
    """
    with np.errstate(over="ignore"):
        gaps = rng.standard_exponential(size)
        gaps /= rate
    np.minimum(gaps, n, out=gaps)
    steps = np.floor(gaps, out=gaps).astype(np.int64)
    steps += 1
    steps[0] += start
    return np.cumsum(steps, out=steps)


def hit_each(rng: np.random.Generator, members: np.ndarray | int, probabilities: Probabilities, ceiling: float) -> np.ndarray:
    """Members hit by events of individual ``probabilities``, all at most ``ceiling`` (thinning).

    ``members`` is an index array, or a population size ``n`` meaning every row ``0..n-1``; the
    result keeps the order of ``members``.
    ``probabilities`` is an array over rows (read at the candidates only) or a function of the
    candidate rows returning their probabilities, so that nothing is computed for the others.
    """
    ceiling, candidates = _candidates(rng, members, ceiling)
    if candidates.size == 0:
        return candidates
    p = probabilities(candidates) if callable(probabilities) else probabilities[candidates]
    keep = rng.random(candidates.size, dtype=np.float32) * np.float32(ceiling) < p
    return candidates[np.flatnonzero(keep)]


def hit_each_tiered(rng: np.random.Generator, members: np.ndarray, ceilings: Rule, probabilities: Rule, ceiling: float) -> np.ndarray:
    """:func:`hit_each` thinned twice: by cheap per-member ceilings, then by the probabilities.

    ``ceilings(rows)`` are bounds of the members' probabilities that cost little to compute (a
    lookup or two), all at most ``ceiling``, in a fresh array (it is overwritten);
    ``probabilities(rows)`` are only computed for the candidates the tighter ceilings keep. Each
    member is hit with its own probability, as by one Bernoulli draw each:
    ``ceiling x (tight / ceiling) x (p / tight) = p``.
    """
    ceiling, candidates = _candidates(rng, members, ceiling)
    if candidates.size == 0:
        return candidates
    # Capped in float32 and in place (rounding to float32 is monotone: the same as capping first).
    tight = np.asarray(ceilings(candidates), dtype=np.float32)
    np.minimum(tight, np.float32(ceiling), out=tight)
    kept = np.flatnonzero(rng.random(candidates.size, dtype=np.float32) * np.float32(ceiling) < tight)
    candidates, tight = candidates[kept], tight[kept]
    keep = rng.random(candidates.size, dtype=np.float32) * tight < probabilities(candidates)
    return candidates[np.flatnonzero(keep)]


def _candidates(rng: np.random.Generator, members: np.ndarray | int, ceiling: float) -> tuple[float, np.ndarray]:
    """The first draw of thinning: each member with probability ``ceiling`` (clipped to 0..1)."""
    ceiling = min(max(ceiling, 0.0), 1.0)
    if np.ndim(members) == 0:
        return ceiling, hit_rows(rng, int(members), ceiling)
    return ceiling, members[hit_rows(rng, members.size, ceiling)]


def hit_by_category(rng: np.random.Generator, category: np.ndarray, probabilities: np.ndarray, rare: float = RARE) -> list[np.ndarray]:
    """For each category ``c``, the rows with ``category == c`` hit by an event of ``probabilities[c]``.

    Each list entry is in random order, as from :func:`hit`. Categories whose event is rare share
    one draw over all rows with the largest rare probability as ceiling, thinned by category; so
    no index of a large category is built for a few hits. The others draw among their members.
    """
    p = np.clip(np.asarray(probabilities, dtype=np.float64), 0.0, 1.0)
    hits: list[np.ndarray] = [np.empty(0, dtype=np.int64)] * p.size
    is_rare = p <= rare
    ceiling = float(p[is_rare].max(initial=0.0))
    if ceiling > 0:
        candidates = hit_rows(rng, category.size, ceiling)
        of = category[candidates]
        keep = np.flatnonzero(rng.random(candidates.size) * ceiling < np.where(is_rare, p, 0.0)[of])
        candidates, of = candidates[keep], of[keep]
        for c in np.flatnonzero(is_rare & (p > 0)):
            hits[c] = rng.permutation(candidates[np.flatnonzero(of == c)])
    for c in np.flatnonzero(~is_rare):
        hits[c] = hit(rng, rows_where(category.size, lambda rows: category[rows] == c), float(p[c]))  # noqa: B023 - called at once
    return hits


#: A test of candidate rows: which of them may be drawn.
Accept = Callable[[np.ndarray], np.ndarray]

#: Rounds of drawing with replacement before the groups still short are finished exactly.
ROUNDS = 8

#: Members a group, on average, from which ``_finish_exactly`` sorts each group's keys apart rather than all in one
#: ``lexsort`` (the same order either way; 2,000 groups of 5: 13 against 2.9 ms; 514 of 50: 3.4 against 5.0 ms).
SORT_APART_FROM = 32


def draw_in_cells(
    rng: np.random.Generator,
    rows: np.ndarray | None,
    cell_bounds: np.ndarray,
    group_cells: np.ndarray,
    k: np.ndarray,
    cell_weight: np.ndarray | None = None,
    accept: Accept | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``k[g]`` distinct positions of each group ``g`` drawn one after another without replacement.

    Positions ``0..n-1`` index ``rows`` (``None``: the positions are the rows). They are divided into
    cells (cell ``c`` holds ``cell_bounds[c] : cell_bounds[c + 1]``, e.g. villages) and the cells into
    groups (group ``g`` holds cells ``group_cells[g] : group_cells[g + 1]``, e.g. districts). Every
    member of cell ``c`` weighs ``cell_weight[c]`` (``None``: all alike), and only rows that
    ``accept`` passes may be drawn; a group with fewer such members gives all it has.

    Returns the positions and the group of each, in no particular order. The draw is exact
    successive sampling (each next member with chance proportional to its weight among those
    left), made cheap when ``k`` is small against the group: draw with replacement, drop repeats,
    refused and already drawn members, keep the first ``k[g]``; the few groups still short after
    :data:`ROUNDS` rounds (small or mostly refused) finish with Efraimidis-Spirakis keys over the
    members they have left. The cost is in proportion to the draws, not to the population.
    """
    n_groups = group_cells.size - 1
    first, end = cell_bounds[group_cells[:-1]], cell_bounds[group_cells[1:]]
    need = np.minimum(np.asarray(k, dtype=np.int64), end - first)
    taken = np.zeros(cell_bounds[-1], dtype=bool)
    first_draw = np.empty(cell_bounds[-1], dtype=np.int32)  # work array of _first_draws
    cumulative = None if cell_weight is None else np.concatenate([[0.0], np.cumsum(cell_weight * np.diff(cell_bounds))])
    drawable = end > first if cumulative is None else cumulative[group_cells[1:]] > cumulative[group_cells[:-1]]
    acceptance = np.ones(n_groups)  # share of draws found new and acceptable, per group (an estimate)
    drawn: list[np.ndarray] = []
    drawn_group: list[np.ndarray] = []
    for _ in range(ROUNDS):
        groups = np.flatnonzero(need > 0)
        draws = np.ceil(need[groups] * 1.25 / acceptance[groups]).astype(np.int64) + 4
        # Drawing more than an eighth of a group costs about as much as finishing it exactly.
        cheap = (8 * draws < end[groups] - first[groups]) & drawable[groups]
        groups, draws = groups[cheap], draws[cheap]
        if groups.size == 0:
            break
        of = np.repeat(groups, draws)  # sorted by group
        if cumulative is None:
            positions = first[of] + (rng.random(of.size) * (end - first)[of]).astype(np.int64)
        else:
            positions = _weighted_positions(rng, cell_bounds, cumulative, group_cells, of)
        ok = ~taken[positions]
        if accept is not None:
            ok &= accept(positions if rows is None else rows[positions])
        candidates = np.flatnonzero(ok)
        candidates = candidates[_first_draws(positions[candidates], first_draw)]  # first draw of each, in the order drawn
        of_candidate = of[candidates]  # sorted, as ``of``
        found = np.bincount(of_candidate, minlength=n_groups)
        acceptance[groups] = np.maximum(found[groups] / draws, 0.001)
        rank = np.arange(candidates.size) - (np.cumsum(found) - found)[of_candidate]  # within the group
        chosen = np.flatnonzero(rank < need[of_candidate])
        taken[positions[candidates[chosen]]] = True
        need -= np.bincount(of_candidate[chosen], minlength=n_groups)
        drawn.append(positions[candidates[chosen]])
        drawn_group.append(of_candidate[chosen])
    short = np.flatnonzero(need > 0)
    if short.size:
        finished, of_finished = _finish_exactly(rng, rows, cell_bounds, group_cells, short, need, cell_weight, accept, taken)
        drawn.append(finished)
        drawn_group.append(short[of_finished])
    if not drawn:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.intp)
    return np.concatenate(drawn), np.concatenate(drawn_group)


def _first_draws(positions: np.ndarray, work: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct entry of ``positions``, in increasing order
    (``np.sort(np.unique(positions, return_index=True)[1])``); ``work`` is an int32 array over all positions.

    Performance: each position's first index is the least index it is drawn at, found by scattering
    into ``work`` (``np.minimum.at``): no sort, which for the 10,000-50,000 draws of a round was 80%
    of the dedupe (2.1 to 0.4 ms for 40,000 draws).
    """
    index = np.arange(positions.size, dtype=np.int32)
    work[positions] = positions.size
    np.minimum.at(work, positions, index)
    return np.flatnonzero(work[positions] == index)


def _weighted_positions(rng: np.random.Generator, cell_bounds: np.ndarray, cumulative: np.ndarray, group_cells: np.ndarray, of: np.ndarray) -> np.ndarray:
    """One position per entry of ``of`` (a group), a member's chance in proportion to its cell's weight."""
    low, high = cumulative[group_cells[:-1]], cumulative[group_cells[1:]]
    last = np.searchsorted(cumulative, high, side="left") - 1  # each group's last cell of any weight
    cell = np.searchsorted(cumulative, low[of] + rng.random(of.size) * (high - low)[of], side="right") - 1
    cell = np.minimum(cell, last[of])  # a draw rounded up to the group's upper end
    size = cell_bounds[cell + 1] - cell_bounds[cell]
    return cell_bounds[cell] + np.minimum((rng.random(of.size) * size).astype(np.int64), size - 1)


def _finish_exactly(
    rng: np.random.Generator,
    rows: np.ndarray | None,
    cell_bounds: np.ndarray,
    group_cells: np.ndarray,
    groups: np.ndarray,
    need: np.ndarray,
    cell_weight: np.ndarray | None,
    accept: Accept | None,
    taken: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The remaining ``need[g]`` of each of ``groups``: the largest ``log(u) / weight`` among members left.

    Returns their positions and the index into ``groups`` of each.
    """
    first, end = cell_bounds[group_cells[groups]], cell_bounds[group_cells[groups + 1]]
    if groups.size == 1:
        positions = np.arange(first[0], end[0])
    else:
        sizes = end - first
        positions = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes) + np.repeat(first, sizes)
    if accept is not None:
        positions = positions[np.flatnonzero(accept(positions if rows is None else rows[positions]))]
    positions = positions[np.flatnonzero(~taken[positions])]
    of = np.searchsorted(first, positions, side="right") - 1  # index into groups (ranges ascending, disjoint)
    key = rng.random(positions.size)
    if cell_weight is not None:
        weight = cell_weight[np.searchsorted(cell_bounds, positions, side="right") - 1]
        with np.errstate(divide="ignore"):
            key = -np.log(key) / weight  # smallest first, as the uniform keys; zero weights last (inf)
    # Keys in increasing order within each group, as ``np.lexsort((key, of))``. ``of`` already ascends (the
    # groups' ranges do), so large groups have their keys sorted each on its own, stably (ties in drawing
    # order), without lexsort's second pass over all of them: 40-70% faster for the tens of thousands of
    # members a short district leaves at one agent a person. Many small groups (a small run) cost less in
    # one lexsort than in a call a group.
    if positions.size < SORT_APART_FROM * groups.size:
        order = np.lexsort((key, of))
    else:
        bounds = np.searchsorted(of, np.arange(groups.size + 1))
        order = np.concatenate([np.argsort(key[a:b], kind="stable") + a for a, b in itertools.pairwise(bounds)])
    positions, of, key = positions[order], of[order], key[order]
    rank = np.arange(positions.size) - np.searchsorted(of, of)
    keep = np.flatnonzero((rank < need[groups][of]) & np.isfinite(key))
    return positions[keep], of[keep]
