"""The region of a row by blocks (world/regions.py) is the binary search's answer, for every row."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enrolsim
from enrolsim.world.regions import MIN_BLOCK_ROWS, RegionLookup


def searched(first_row: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.searchsorted(first_row, rows, side="right") - 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=MIN_BLOCK_ROWS, max_value=5000), min_size=2, max_size=40))
def test_every_row_gets_the_region_the_search_gives(sizes: list[int]) -> None:
    first_row = np.concatenate([[0], np.cumsum(sizes)])
    lookup = RegionLookup.build(first_row)
    assert lookup is not None
    rows = np.arange(first_row[-1])
    assert np.array_equal(lookup.of(rows), searched(first_row, rows))
    assert lookup.of(rows).dtype == np.intp


def test_scattered_rows_in_any_order_and_integer_type() -> None:
    rng = np.random.default_rng(4)
    first_row = np.concatenate([[0], np.cumsum(rng.integers(MIN_BLOCK_ROWS, 40_000, 34))])
    lookup = RegionLookup.build(first_row)
    for dtype in (np.int64, np.int32):
        rows = rng.integers(0, first_row[-1], 10_000).astype(dtype)
        assert np.array_equal(lookup.of(rows), searched(first_row, rows))
    assert lookup.of(np.empty(0, dtype=np.int64)).size == 0


@pytest.mark.parametrize("sizes", [[100, 0, 200], [100, MIN_BLOCK_ROWS - 1, 200], [5]])
def test_a_short_or_empty_region_leaves_the_search_to_answer(sizes: list[int]) -> None:
    """An empty region (a province without agents in a small run) has the same first row as the next one."""
    assert RegionLookup.build(np.concatenate([[0], np.cumsum(sizes)])) is None


@pytest.mark.parametrize("agents", [3_000, 200_000])
def test_the_model_s_regions_on_the_map_are_the_search_s(agents: int) -> None:
    scenario = enrolsim.load_scenario("baseline", {"population.agents": agents, "population.geography": "map"})
    model = enrolsim.EnrolmentModel(scenario, rng=1)
    rows = np.arange(model.workers.size)
    assert (model.region_lookup is None) == (agents == 3_000)  # at 3,000 agents some provinces have a few rows
    assert np.array_equal(model.region_of(rows), searched(model.region_first_row, rows))


def test_regions_that_do_not_start_at_row_0_leave_the_search_to_answer() -> None:
    assert RegionLookup.build(np.array([10, 200, 400])) is None
