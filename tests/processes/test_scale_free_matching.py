"""Job matching that means the same at every number of agents (processes/jobs.py, formal_jobs.py).

A small run must be a large one scaled, not a different labour market (issue 16): open jobs are
rounded to whole jobs at random rather than down (``whole_jobs``), seekers drawn for a segment
already full are drawn again among those with openings left (``place_seekers``), and the hires that
hold the formal share take the open jobs first, wherever they are, before any job is created
(``_jobs_to_fill``). Each rule here is pinned on hand-built inputs; the scale agreement itself is
``tests/test_national.py``.
"""

import numpy as np
import pytest

from enrolsim.core.codes import Segment
from enrolsim.processes.formal_jobs import _jobs_to_fill
from enrolsim.processes.jobs import place_seekers, whole_jobs
from worlds import mock_model

PERMANENT, CONTRACT = Segment.PERMANENT.value, Segment.CONTRACT.value
MAP = {"population.geography": "map", "population.villages_per_district": 2}


def test_whole_jobs_round_up_with_the_chance_of_the_fraction():
    rng = np.random.default_rng(1)
    draws = np.array([whole_jobs(rng, np.array([2.3, 0.25, 5.0])) for _ in range(20_000)])
    assert set(np.unique(draws[:, 0])) == {2.0, 3.0} and set(np.unique(draws[:, 1])) == {0.0, 1.0}
    assert (draws[:, 2] == 5.0).all()  # a whole number stays as it is
    assert draws[:, 0].mean() == pytest.approx(2.3, abs=0.01) and draws[:, 1].mean() == pytest.approx(0.25, abs=0.01)


def test_each_count_is_rounded_with_a_draw_of_its_own():
    """A hundred counts of half a job (regions and segments): each rounded up or down by its own draw, so about half
    of them up, not all or none."""
    up = whole_jobs(np.random.default_rng(2), np.full(100, 0.5)).sum()
    assert 30 <= up <= 70


def test_whole_jobs_of_a_negative_count_are_none():
    assert (whole_jobs(np.random.default_rng(0), np.array([-0.7, -3.0, 0.0])) == 0).all()


def test_seekers_drawn_for_a_full_segment_are_drawn_again_among_the_open_ones():
    """Ten seekers, half wishing for permanent work, half for contract work; one permanent opening and twenty contract ones.
    A single draw truncated at the openings would leave about four seekers out; drawing again places all ten."""
    wishing = np.array([[5, 5, 0, 0, 0, 0]])
    openings = np.array([[1.0, 20.0, 0.0, 0.0, 0.0, 0.0]])
    for seed in range(50):
        placed = place_seekers(np.random.default_rng(seed), np.array([10]), wishing, openings)
        assert placed[0, PERMANENT] <= 1 and placed.sum() == 10, placed


def test_seekers_are_never_placed_in_a_segment_nobody_wishes_for_or_beyond_its_openings():
    wishing = np.array([[4, 0, 0, 0, 0, 0], [0, 3, 0, 2, 0, 0]])
    openings = np.array([[2.0, 9.0, 0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0, 0.0, 0.0]])
    placed = place_seekers(np.random.default_rng(3), np.array([4, 5]), wishing, openings)
    np.testing.assert_array_equal(placed, [[2, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 0]])


def test_hires_holding_the_formal_share_take_the_open_jobs_first_wherever_they_are():
    """Open wage jobs in one province only: three hires go there, none to the provinces with formal workers but no open jobs."""
    model = mock_model(MAP, agents=6000)
    papua = model.geography.province_name.index("PAPUA")
    model.vacancies_by_region[:] = 0.0
    model.vacancies_by_region[papua, PERMANENT], model.vacancies_by_region[papua, CONTRACT] = 1.0, 2.0
    jobs, _ = _jobs_to_fill(model, 3)
    expected = np.zeros_like(jobs)
    expected[papua] = (1, 2)
    np.testing.assert_array_equal(jobs, expected)


def test_only_hires_beyond_the_open_jobs_create_jobs_shared_by_formal_workers():
    model = mock_model(MAP, agents=6000)
    papua = model.geography.province_name.index("PAPUA")
    model.vacancies_by_region[:] = 0.0
    model.vacancies_by_region[papua, CONTRACT] = 2.0
    model.workers.set_segment(np.arange(3000), np.full(3000, PERMANENT, dtype=np.int8))  # formal workers in the first provinces
    jobs, _ = _jobs_to_fill(model, 50)
    assert jobs.sum() == 50 and jobs[papua, CONTRACT] >= 2
    regions = np.flatnonzero(jobs.sum(axis=1))
    first_rows = model.region_first_row[regions]
    assert (first_rows[regions != papua] < 3000).all()  # the created jobs where the formal workers are
    assert (jobs[regions[regions != papua], CONTRACT] == 0).all()  # and of their kind: permanent
