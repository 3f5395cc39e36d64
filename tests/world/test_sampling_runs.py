"""Rule test of ``sampling.hit_in_runs``: each run's positions hit with the run's own probability."""

import numpy as np

from enrolsim.world.sampling import hit_in_runs


def test_hit_in_runs_hits_each_position_with_its_runs_probability():
    rng = np.random.default_rng(5)
    bounds = np.array([0, 10, 10, 30, 60, 61, 100])  # run 1 is empty
    p = np.array([0.3, 0.9, 0.05, 1.0, 0.0, 0.6])
    hits = np.zeros(100)
    runs = 4000
    for _ in range(runs):
        positions, run = hit_in_runs(rng, bounds, p)
        assert np.all(np.diff(positions) > 0), "positions listed once, in increasing order"
        assert np.all((bounds[run] <= positions) & (positions < bounds[run + 1])), "each position's run is the run it lies in"
        hits[positions] += 1
    expected = np.repeat(p, np.diff(bounds))
    assert (hits[expected == 1.0] == runs).all() and (hits[expected == 0.0] == 0).all()
    for level in (0.3, 0.05, 0.6):
        share = hits[expected == level].sum() / (np.count_nonzero(expected == level) * runs)
        n = np.count_nonzero(expected == level) * runs
        assert abs(share - level) < 6 * np.sqrt(level * (1 - level) / n), (level, share)


def test_hit_in_runs_with_nothing_to_hit():
    rng = np.random.default_rng(1)
    positions, run = hit_in_runs(rng, np.array([0, 5, 9]), np.array([0.0, 0.0]))
    assert positions.size == 0 and run.size == 0
    positions, run = hit_in_runs(rng, np.array([0]), np.array([]))
    assert positions.size == 0
