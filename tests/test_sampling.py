"""The event samplers behind every monthly process (``enrolsim.sampling``).

They replace one Bernoulli draw per worker with a binomial count or geometric gaps, for speed, so
they must give the same thing: valid, distinct rows, as many as expected, for every probability a
scenario may hold (bounds are 0..1 inclusive, so tiny probabilities such as 1e-20 are valid input).
"""

import numpy as np
import pytest

from conftest import time_limit
from enrolsim.sampling import hit, hit_by_category, hit_each, hit_rows


@pytest.mark.parametrize("p", [0.0, 0.001, 0.03, 0.3, 0.9, 1.0])
def test_hit_rows_are_sorted_distinct_in_range_and_as_many_as_expected(p):
    rng = np.random.default_rng(42)
    n = 100_000
    counts = []
    for _ in range(20):
        rows = hit_rows(rng, n, p)
        assert rows.size == 0 or (rows[0] >= 0 and rows[-1] < n)
        assert (np.diff(rows) > 0).all()
        counts.append(rows.size)
    expected, sd = n * p, np.sqrt(n * p * (1 - p) / 20)
    assert abs(np.mean(counts) - expected) <= 6 * sd + 1e-9, (np.mean(counts), expected)


def test_hit_rows_spreads_hits_evenly_over_rows():
    rows = hit_rows(np.random.default_rng(1), 200_000, 0.05)
    halves = np.bincount(rows * 2 // 200_000, minlength=2)
    assert abs(halves[0] - halves[1]) < 6 * np.sqrt(rows.size)


def test_hit_and_hit_each_return_members_only():
    rng = np.random.default_rng(3)
    members = np.arange(10, 50_000, 7)
    got = hit(rng, members, 0.2)
    assert np.isin(got, members).all() and np.unique(got).size == got.size
    assert abs(got.size - 0.2 * members.size) < 6 * np.sqrt(members.size * 0.16)
    probabilities = np.where(np.arange(60_000) % 2 == 0, 0.02, 0.0)
    got = hit_each(rng, members, probabilities, 0.05)
    assert np.isin(got, members).all()
    assert (got % 2 == 0).all(), "a member with probability 0 was hit"


def test_hit_by_category_respects_each_category():
    rng = np.random.default_rng(5)
    category = rng.integers(0, 3, 300_000)
    hits = hit_by_category(rng, category, np.array([0.0, 0.01, 0.5]))
    assert hits[0].size == 0
    for c, p in ((1, 0.01), (2, 0.5)):
        assert (category[hits[c]] == c).all()
        members = np.count_nonzero(category == c)
        assert abs(hits[c].size - p * members) < 6 * np.sqrt(members * p * (1 - p))


@pytest.mark.parametrize("p", [1e-17, 1e-20, 1e-300])
def test_tiny_probabilities_give_valid_rows_and_do_not_hang(p):
    """A valid probability such as 1e-20 must hit (almost surely) nobody.

    Found by the invariant tests: numpy's geometric draw saturates at the int64 maximum for such
    probabilities, the running sum wrapped around to negative rows, and for 1e-300 the loop never ended.
    """
    rng = np.random.default_rng(1)
    with time_limit(5):
        rows = hit_rows(rng, 1000, p)
    assert rows.size == 0 or (rows.min() >= 0 and rows.max() < 1000), rows
