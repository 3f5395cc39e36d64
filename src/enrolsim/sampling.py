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

from collections.abc import Callable

import numpy as np

Probabilities = np.ndarray | Callable[[np.ndarray], np.ndarray]

#: Events at most this likely are drawn over all rows and thinned (``hit_by_category``); likelier
#: ones among an index of their members. At a million rows, a pass that builds an index of members
#: costs about as much as drawing and sorting out 20-50 thousand candidates.
RARE = 0.05


def hit(rng: np.random.Generator, members: np.ndarray, probability: float) -> np.ndarray:
    """The members an event of the same ``probability`` for each of them hits this month (in random order)."""
    k = int(rng.binomial(members.size, min(max(probability, 0.0), 1.0)))
    if k == 0:
        return members[:0]
    return members[rng.choice(members.size, k, replace=False)]


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
    rows = _positions(rng, rate, batch, -1.0)
    while rows[-1] < n - 1:  # rarely: the batch ended before the last row; continue from there
        rows = np.concatenate([rows, _positions(rng, rate, batch, rows[-1])])
    return rows[: np.searchsorted(rows, n)].astype(np.int64)


def _positions(rng: np.random.Generator, rate: float, size: int, start: float) -> np.ndarray:
    gaps = rng.standard_exponential(size)
    gaps /= rate
    np.floor(gaps, out=gaps)
    gaps += 1.0
    gaps[0] += start
    return np.cumsum(gaps, out=gaps)


def hit_each(rng: np.random.Generator, members: np.ndarray | int, probabilities: Probabilities, ceiling: float) -> np.ndarray:
    """Members hit by events of individual ``probabilities``, all at most ``ceiling`` (thinning).

    ``members`` is an index array, or a population size ``n`` meaning every row ``0..n-1``; the
    result keeps the order of ``members``.
    ``probabilities`` is an array over rows (read at the candidates only) or a function of the
    candidate rows returning their probabilities, so that nothing is computed for the others.
    """
    ceiling = min(max(ceiling, 0.0), 1.0)
    candidates = hit_rows(rng, int(members), ceiling) if np.ndim(members) == 0 else members[hit_rows(rng, members.size, ceiling)]
    if ceiling <= 0 or candidates.size == 0:
        return candidates
    p = probabilities(candidates) if callable(probabilities) else probabilities[candidates]
    keep = rng.random(candidates.size, dtype=np.float32) * np.float32(ceiling) < p
    return candidates[keep]


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
        keep = rng.random(candidates.size) * ceiling < np.where(is_rare, p, 0.0)[of]
        candidates, of = candidates[keep], of[keep]
        for c in np.flatnonzero(is_rare & (p > 0)):
            hits[c] = rng.permutation(candidates[of == c])
    for c in np.flatnonzero(~is_rare):
        hits[c] = hit(rng, np.flatnonzero(category == c), float(p[c]))
    return hits
