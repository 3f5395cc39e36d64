"""Drawing who an event hits without a random number per worker.

Most monthly events are rare (an accident, a campaign visit, a job found). Drawing the number of
hits from a binomial and then choosing that many members costs time in proportion to the hits,
not to the population, and gives exactly the same distribution as one Bernoulli draw each.
"""

import numpy as np


def hit(rng: np.random.Generator, members: np.ndarray, probability: float) -> np.ndarray:
    """The members an event of the same ``probability`` for each of them hits this month."""
    k = int(rng.binomial(members.size, min(max(probability, 0.0), 1.0)))
    if k == 0:
        return members[:0]
    return members[rng.choice(members.size, k, replace=False)]


def hit_each(rng: np.random.Generator, members: np.ndarray, probabilities: np.ndarray, ceiling: float) -> np.ndarray:
    """Members hit by events of individual ``probabilities``, all at most ``ceiling`` (thinning)."""
    candidates = hit(rng, members, ceiling)
    if ceiling <= 0 or candidates.size == 0:
        return candidates
    keep = rng.random(candidates.size, dtype=np.float32) * np.float32(ceiling) < probabilities[candidates]
    return candidates[keep]
