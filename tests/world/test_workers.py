"""Worker columns (world/workers.py): the peer-group counts kept from move to move, and small column rules.

Pins that ``set_segment`` keeps ``group = village x N_SEGMENTS + segment`` and the groups' sizes,
that ``set_status`` and ``set_segment`` keep the active count of each group equal to a recount
after any sequence of moves, ``active_codes`` (codes of the active, 0 for the others) and ``teach``;
and that a large population's columns, moved into one allocation, keep their values and dtypes
without overlapping.
"""

from dataclasses import fields

import numpy as np
import pytest

from enrolsim.core.codes import Payer, Segment, Status
from enrolsim.world.workers import MASK_BLOCK, N_SEGMENTS, PACK_FROM, Workers, blocks, rows_where
from worlds import mock_model


def recount(w, n_groups):
    return np.bincount(w.group, minlength=n_groups), np.bincount(w.group[w.status == Status.ACTIVE.value], minlength=n_groups)


def test_group_sizes_and_active_counts_agree_with_a_recount_after_random_moves():
    model = mock_model(blank=False)  # the drawn population, with its mix of statuses
    w, rng = model.workers, np.random.default_rng(7)
    n_groups = model.village_sizes.size * N_SEGMENTS
    w.group_sizes(n_groups), w.active_in_group(n_groups)  # counted once here, then kept
    for _ in range(30):
        rows = rng.choice(w.size, 15, replace=False)
        if rng.random() < 0.5:
            w.set_segment(rows, rng.integers(0, N_SEGMENTS, rows.size).astype(np.int8))
        else:
            w.set_status(rows, Status(int(rng.integers(0, len(Status)))))
    sizes, active = recount(w, n_groups)
    assert np.array_equal(w.group // N_SEGMENTS, w.village)
    assert np.array_equal(w.group % N_SEGMENTS, w.segment)
    assert np.array_equal(w.group_sizes(n_groups), sizes)
    assert np.array_equal(w.active_in_group(n_groups), active)
    assert np.array_equal(w.segment_sizes(), np.bincount(w.segment, minlength=N_SEGMENTS))


def test_an_active_worker_changing_segment_moves_its_active_count_to_the_new_group():
    model = mock_model()
    w = model.workers
    n_groups = model.village_sizes.size * N_SEGMENTS
    w.set_status(np.array([0]), Status.ACTIVE)
    w.set_segment(np.array([0]), Segment.INFORMAL.value)
    counts = w.active_in_group(n_groups)
    assert counts[Segment.INFORMAL] == 1 and counts[Segment.UNEMPLOYED] == 0 and counts.sum() == 1


def test_active_codes_read_the_codes_of_the_active_and_zero_for_the_others():
    model = mock_model()
    w = model.workers
    w.payer[:4] = [Payer.PERISAI, Payer.PROGRAMME, Payer.SPONSOR, Payer.PLATFORM]
    w.set_status(np.array([0, 1, 2]), Status.ACTIVE)
    assert w.active_codes(w.payer)[:5].tolist() == [Payer.PERISAI, Payer.PROGRAMME, Payer.SPONSOR, 0, 0]


def test_teach_closes_a_share_of_the_gap_to_full_literacy():
    model = mock_model()
    w = model.workers
    w.literacy[:3] = [0.0, 0.5, 1.0]
    w.teach(np.array([0, 1, 2]), 0.2)
    assert w.literacy[:3] == pytest.approx([0.2, 0.6, 1.0], rel=1e-6)


def _columns(n: int) -> dict[str, np.ndarray]:
    """Random contents for every column, each of its dtype in the drawn population."""
    rng, drawn = np.random.default_rng(11), mock_model(blank=False).workers
    return {f.name: rng.integers(0, 100, n).astype(getattr(drawn, f.name).dtype) for f in fields(drawn)}


def test_columns_of_a_large_population_share_one_allocation_without_changing_or_overlapping():
    columns = _columns(PACK_FROM + 3)
    w = Workers(**{name: column.copy() for name, column in columns.items()})
    assert len({id(getattr(w, name).base) for name in columns}) == 1
    assert all(getattr(w, name).ctypes.data % 64 == 0 for name in columns)  # each on a cache line of its own
    for done, name in enumerate(columns):
        assert getattr(w, name).dtype == columns[name].dtype and np.array_equal(getattr(w, name), columns[name]), name
        getattr(w, name)[:] = 0  # a write to one column changes no other
        assert all(np.array_equal(getattr(w, later), columns[later]) for later in list(columns)[done + 1 :]), name


def test_a_small_population_keeps_the_columns_it_was_given():
    columns = _columns(PACK_FROM - 1)
    w = Workers(**columns)
    assert all(getattr(w, name) is column for name, column in columns.items())


@pytest.mark.parametrize("n", [0, 1, MASK_BLOCK - 1, MASK_BLOCK, MASK_BLOCK + 1, 3 * MASK_BLOCK + 17])
def test_rows_where_finds_the_rows_of_a_whole_column_test_block_by_block(n):
    """The same rows, in the same order and type, as one mask over the whole column."""
    column = np.random.default_rng(n).integers(0, 20, n).astype(np.int16)
    seen: list[slice] = []

    def test(rows: slice) -> np.ndarray:
        seen.append(rows)
        return column[rows] <= 2

    found = rows_where(n, test)
    expected = np.flatnonzero(column <= 2)
    assert found.dtype == expected.dtype and np.array_equal(found, expected)
    assert max((r.stop - r.start for r in seen), default=0) <= MASK_BLOCK  # never a mask of the whole column
    every = np.arange(n)
    covered = [every[rows] for rows in blocks(n, 7)]
    assert all(0 < part.size <= 7 for part in covered) and np.array_equal(np.concatenate([np.empty(0, int), *covered]), np.arange(n))
