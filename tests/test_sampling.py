"""The event samplers behind every monthly process (``enrolsim.world.sampling``).

They replace one Bernoulli draw per worker with a binomial count or geometric gaps, for speed, so
they must give the same thing: valid, distinct rows, as many as expected, for every probability a
scenario may hold (bounds are 0..1 inclusive, so tiny probabilities such as 1e-20 are valid input).
"""

import numpy as np
import pytest

from conftest import time_limit
from enrolsim.world.sampling import _first_draws, draw_in_cells, hit, hit_among, hit_by_category, hit_each, hit_each_tiered, hit_rows


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


def _hit_rows_in_floats(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """``hit_rows`` as it was before its gaps were summed as integers: every sum in float64."""
    rate = -np.log1p(-p)
    batch = int(n * p + 6.0 * np.sqrt(n * p) + 16)

    def positions(start: float) -> np.ndarray:
        with np.errstate(over="ignore"):
            gaps = np.floor(rng.standard_exponential(batch) / rate) + 1.0
        gaps[0] += start
        return np.cumsum(gaps)

    rows = positions(-1.0)
    while rows[-1] < n - 1:
        rows = np.concatenate([rows, positions(rows[-1])])
    return rows[: np.searchsorted(rows, n)].astype(np.int64)


@pytest.mark.parametrize("n", [1, 7, 1000, 200_000])
@pytest.mark.parametrize("p", [1e-320, 1e-9, 0.01, 0.37, 0.999])
def test_hit_rows_summed_as_integers_are_the_rows_summed_in_floats(n, p):
    """Summing the gaps as int64 (faster) changes no row and no later draw: the outputs stay
    byte-identical, including tiny rates whose gaps are inf."""
    for seed in range(3):
        ours, floats = np.random.default_rng(seed), np.random.default_rng(seed)
        assert np.array_equal(hit_rows(ours, n, p), _hit_rows_in_floats(floats, n, p))
        assert ours.random() == floats.random()


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


def test_hit_each_tiered_hits_each_member_with_its_own_probability():
    """Two thinnings (a cheap ceiling per member, then the probability) leave p, not the ceilings."""
    rng = np.random.default_rng(11)
    members = np.arange(0, 4000, 2)
    p = np.where(members % 3 == 0, 0.02, 0.3)[np.arange(members.size)]
    probability = np.zeros(4000)
    probability[members] = p
    tight = np.where(probability < 0.1, 0.05, 0.5)  # a tighter ceiling for the members with the low probability
    tight[probability == 0] = 0.0
    hits = np.zeros(4000)
    runs = 400
    for _ in range(runs):
        got = hit_each_tiered(rng, members, lambda rows: tight[rows], lambda rows: probability[rows], 0.5)
        assert np.unique(got).size == got.size and np.isin(got, members).all()
        hits[got] += 1
    for level in (0.02, 0.3):
        rows = members[p == level]
        share = hits[rows].sum() / (rows.size * runs)
        assert abs(share - level) < 6 * np.sqrt(level * (1 - level) / (rows.size * runs)), (level, share)


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


# --- draw_in_cells: contacts for many districts in one call ------------------------------------------

#: 3 groups (districts) of 2, 3 and 1 cells (villages); cell sizes 5, 0, 40, 10, 1, 3; group 2 is tiny.
CELL_BOUNDS = np.cumsum([0, 5, 0, 40, 10, 1, 3])
GROUP_CELLS = np.array([0, 2, 5, 6])


@pytest.mark.parametrize("weighted", [False, True])
def test_draw_in_cells_gives_distinct_accepted_members_of_each_group_as_many_as_it_can(weighted):
    rng = np.random.default_rng(3)
    rows = np.arange(100, 159)  # positions 0..58 stand for these rows
    accept = lambda r: r % 3 != 0  # noqa: E731
    weight = np.array([1.0, 2.0, 0.5, 3.0, 1.0, 0.0]) if weighted else None  # the last cell can never be drawn
    eligible = [
        [p for p in range(CELL_BOUNDS[GROUP_CELLS[g]], CELL_BOUNDS[GROUP_CELLS[g + 1]]) if accept(rows[p]) and not (weighted and g == 2)] for g in range(3)
    ]
    for k in ([1, 1, 1], [4, 30, 2], [100, 100, 100], [0, 7, 0]):
        positions, group = draw_in_cells(rng, rows, CELL_BOUNDS, GROUP_CELLS, np.array(k), weight, accept)
        assert np.unique(positions).size == positions.size
        for g in range(3):
            mine = positions[group == g]
            assert set(mine) <= set(eligible[g])
            assert mine.size == min(k[g], len(eligible[g])), (k, g, mine)


def test_draw_in_cells_is_uniform_without_weights_and_follows_the_weights_with_them():
    """Inclusion frequencies over many draws: k of n evenly (k/n each); one draw by weight (weight share each)."""
    rng = np.random.default_rng(11)
    bounds, groups = np.array([0, 20, 50, 100]), np.array([0, 3])  # one group of three cells
    tries = 4000
    counts = np.zeros(100)
    for _ in range(tries):
        positions, _ = draw_in_cells(rng, None, bounds, groups, np.array([5]))
        counts[positions] += 1
    expected = tries * 5 / 100
    assert np.abs(counts - expected).max() < 5 * np.sqrt(expected)
    weight = np.array([1.0, 4.0, 0.0])  # per member: cells hold 20, 120 and 0 of the weight
    by_cell = np.zeros(3)
    for _ in range(tries):
        positions, _ = draw_in_cells(rng, None, bounds, groups, np.array([1]), weight)
        by_cell[np.searchsorted(bounds, positions, side="right") - 1] += 1
    share = np.array([20, 120, 0]) / 140
    assert by_cell[2] == 0
    assert np.abs(by_cell / tries - share).max() < 5 * np.sqrt(share.max() * (1 - share.max()) / tries)


def test_draw_in_cells_second_draws_follow_successive_sampling():
    """Two of three members weighing 1, 1 and 8: the pair of light ones comes with chance
    2 x (1/10 x 1/9) = 0.022 under successive sampling (each next draw among those left)."""
    rng = np.random.default_rng(5)
    bounds, groups, weight = np.array([0, 1, 2, 3]), np.array([0, 3]), np.array([1.0, 1.0, 8.0])
    tries = 20_000
    light_pairs = sum(2 not in draw_in_cells(rng, None, bounds, groups, np.array([2]), weight)[0] for _ in range(tries))
    assert abs(light_pairs / tries - 2 / 90) < 5 * np.sqrt((2 / 90) / tries)


@pytest.mark.parametrize("seed", range(5))
def test_the_first_draw_of_each_position_is_found_as_np_unique_finds_it(seed):
    """Draws of ``draw_in_cells`` keep each position's first draw: the indices ``np.unique`` gives, in order."""
    rng = np.random.default_rng(seed)
    positions = rng.integers(0, 300, rng.integers(1, 2000))
    work = np.empty(300, dtype=np.int32)
    np.testing.assert_array_equal(_first_draws(positions, work), np.sort(np.unique(positions, return_index=True)[1]))


@pytest.mark.parametrize(("n", "p"), [(0, 0.5), (10, 0.0), (1000, 0.01), (200_000, 0.0007), (50, 1.0)])
def test_hit_among_is_hit_over_every_row_without_the_index(n, p):
    """The same rows in the same order from the same draws, and the generator left in the same state."""
    a, b = np.random.default_rng(5), np.random.default_rng(5)
    expected, found = hit(a, np.arange(n), p), hit_among(b, n, p)
    assert found.dtype == expected.dtype and np.array_equal(found, expected)
    assert a.random() == b.random()


@pytest.mark.parametrize("members", [3, 400])
@pytest.mark.parametrize("weighted", [False, True])
def test_short_groups_are_finished_in_lexsort_order_whether_sorted_together_or_apart(monkeypatch, members, weighted):
    """``_finish_exactly`` sorts many small groups' keys in one lexsort and large groups' each apart: the same draws."""
    import enrolsim.world.sampling as sampling

    rng = np.random.default_rng(5)
    n_groups, cells_per_group = 40, 4
    cell_bounds = np.concatenate([[0], np.cumsum(rng.integers(0, members, n_groups * cells_per_group))])
    group_cells = np.arange(0, n_groups * cells_per_group + 1, cells_per_group)
    weight = rng.random(n_groups * cells_per_group) * (rng.random(n_groups * cells_per_group) > 0.2) if weighted else None
    need = rng.integers(0, members, n_groups)
    taken = rng.random(cell_bounds[-1]) < 0.1
    groups = np.flatnonzero(need > 0)
    results = []
    for apart_from in (0, 10**9):  # every group apart, then all in one lexsort
        monkeypatch.setattr(sampling, "SORT_APART_FROM", apart_from)
        results.append(sampling._finish_exactly(np.random.default_rng(9), None, cell_bounds, group_cells, groups, need, weight, lambda r: r % 7 != 0, taken))
    assert all(np.array_equal(a, b) for a, b in zip(*results, strict=True))
    assert results[0][0].size > 0
