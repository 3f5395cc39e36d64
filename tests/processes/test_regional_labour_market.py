"""Local labour markets on the map (processes/jobs.py, labour_market.py, formal_jobs.py): the provinces' own vacancies.

On the map each province is a labour market: a leaver's job opens as a vacancy of their province, job
seekers take only vacancies of their own province, entrants draw their segments from their
province's shares, formal jobs for the Sakernas target are shared over provinces by their formal
employment, and a contract is made permanent only into a permanent vacancy of its province. On the
uniform grid the whole country is one region, drawn exactly as before (``tests/test_golden.py``):
``draw_segments_by_region`` with one region is ``rng.choice``. The headline (a 100,000-agent map run
over 144 months): DKI Jakarta's and Papua's wage-earner shares stay near their start.
"""

import numpy as np
import pytest

import enrolsim
from enrolsim.core.codes import ExitCause, Segment
from enrolsim.model import EnrolmentModel
from enrolsim.processes.formal_jobs import formal_target, hold_formal_share, open_formal_jobs
from enrolsim.processes.jobs import draw_segments_by_region, first_of_each_region, leave_work, place_seekers, seek_work, shuffled_within_groups
from enrolsim.processes.labour_market import _end_contracts, labour_market, replace_with_entrants
from enrolsim.scenario.fields import segment_values
from worlds import FixedUniform, _baseline, draw_segments, exact_poisson, mock_model, put

PERMANENT, CONTRACT, INFORMAL, UNEMPLOYED = (s.value for s in (Segment.PERMANENT, Segment.CONTRACT, Segment.INFORMAL, Segment.UNEMPLOYED))
MAP = {"population.geography": "map", "population.villages_per_district": 2}


@pytest.fixture
def on_the_map():
    model = mock_model(MAP, agents=6000)
    names = model.geography.province_name
    return model, names.index("DKI JAKARTA"), names.index("PAPUA")


def rows_of(model, region, n, skip=0):
    """``n`` rows of ``region`` (after its first ``skip``)."""
    first = model.region_first_row[region] + skip
    assert first + n <= model.region_first_row[region + 1]
    return np.arange(first, first + n)


def test_the_map_has_a_labour_market_a_province_and_the_uniform_grid_one():
    assert mock_model().n_regions == 1 and mock_model().vacancies_by_region.shape == (1, 6)
    model = mock_model(MAP, agents=6000)
    assert model.n_regions == 34 and model.vacancies_by_region.shape == (34, 6)
    assert (np.diff(model.region_first_row) > 0).all() and model.region_first_row[-1] == model.workers.size
    rows = np.arange(model.workers.size)
    district = model.workers.village // 2
    assert (model.region_of(rows) == model.geography.district_province[district]).all()


def test_a_leavers_vacancy_opens_in_their_province(on_the_map):
    model, dki, papua = on_the_map
    put(model, rows_of(model, dki, 3), segment=PERMANENT, employer=0)
    put(model, rows_of(model, papua, 2), segment=CONTRACT, employer=0, casual=True)
    leave_work(model, np.concatenate([rows_of(model, dki, 3), rows_of(model, papua, 2)]), ExitCause.MOVE)
    expected = np.zeros((34, 6))
    expected[dki, PERMANENT], expected[papua, CONTRACT] = 3, 2
    assert (model.vacancies_by_region == expected).all()
    assert model.casual_vacancies_by_region[papua] == 2 and model.casual_vacancies == 2


def test_a_seeker_never_takes_a_vacancy_in_another_province(on_the_map):
    model, dki, papua = on_the_map
    model.vacancies_by_region[dki, CONTRACT] = 5
    seekers = np.concatenate([rows_of(model, papua, 10), rows_of(model, dki, 3)])
    seek_work(model, seekers, np.full(seekers.size, CONTRACT, dtype=np.int8))
    w = model.workers
    assert (w.segment[rows_of(model, papua, 10)] == UNEMPLOYED).all()
    assert (w.segment[rows_of(model, dki, 3)] == CONTRACT).all()
    assert model.vacancies_by_region[dki, CONTRACT] == 2 and model.vacancies_by_region.sum() == 2


def test_seekers_fill_each_provinces_vacancies_and_no_more(on_the_map):
    model, dki, papua = on_the_map
    model.vacancies_by_region[dki, PERMANENT], model.vacancies_by_region[papua, PERMANENT] = 4, 1
    seekers = np.concatenate([rows_of(model, papua, 6), rows_of(model, dki, 6)])
    seek_work(model, seekers, np.full(seekers.size, PERMANENT, dtype=np.int8))
    w = model.workers
    assert np.count_nonzero(w.segment[rows_of(model, dki, 6)] == PERMANENT) == 4
    assert np.count_nonzero(w.segment[rows_of(model, papua, 6)] == PERMANENT) == 1
    assert (model.vacancies_by_region == 0).all()


def test_entrants_follow_their_provinces_shares(on_the_map):
    model, dki, papua = on_the_map  # the kind of work each entrant will look for in the month's matching
    shares = model.region_shares(segment_values(model.params.labour_market.entrant_shares))
    assert shares[dki, INFORMAL] < shares.mean(axis=0)[INFORMAL] < shares[papua, INFORMAL]
    for region in (dki, papua):
        n = int(np.diff(model.region_first_row)[region])
        rows = rows_of(model, region, n)
        replace_with_entrants(model, rows)
        waiting, wish = model.waiting_entrants
        assert (waiting == rows).all()
        model.waiting_entrants = (waiting[:0], wish[:0])
        informal = np.count_nonzero(wish == INFORMAL)
        p = shares[region, INFORMAL]
        assert abs(informal - n * p) < 4 * np.sqrt(n * p * (1 - p)) + 1


def test_one_region_draws_what_rng_choice_draws():
    shares = _baseline().labour_market.entrant_shares
    values = np.asarray(segment_values(shares))
    a, b = np.random.default_rng(7), np.random.default_rng(7)
    ours = draw_segments_by_region(a, (values / values.sum())[None, :], np.zeros(5000, dtype=np.intp))
    assert (ours == draw_segments(b, shares, 5000)).all() and a.random() == b.random()


def test_new_formal_jobs_are_shared_by_provinces_formal_employment(on_the_map):
    model, dki, papua = on_the_map
    model.params.labour_market.formal_employment = "sakernas"
    put(model, rows_of(model, dki, 30), segment=PERMANENT, employer=0)
    put(model, rows_of(model, papua, 10), segment=CONTRACT, employer=0)
    west_java = model.geography.province_name.index("JAWA BARAT")
    put(model, rows_of(model, west_java, 500), segment=INFORMAL)  # a target above the 40 wage jobs
    open_formal_jobs(model)
    opened = model.vacancies_by_region[:, [PERMANENT, CONTRACT]]
    assert opened.sum() > 0 and opened.sum(axis=1)[dki] == pytest.approx(3 * opened.sum(axis=1)[papua])
    assert opened[dki, CONTRACT] == 0 and opened[papua, PERMANENT] == 0  # split as each province's wage jobs are
    assert np.delete(opened, [dki, papua], axis=0).sum() == 0  # West Java has no wage jobs yet


def test_a_provinces_debt_of_jobs_counts_against_the_others_open_jobs(on_the_map):
    """The gap to the formal target is counted against the nation's open jobs net of provinces' debts (jobs taken
    ahead on a fraction): a debt of 2 in Jakarta and 2 jobs open in Papua are no open job at all, so the whole gap
    opens. Counting each province at zero or more saw 2 open jobs and opened 2 fewer (small runs on the map lost
    casual jobs and had more unemployment)."""
    model, dki, papua = on_the_map
    model.params.labour_market.formal_employment = "sakernas"
    put(model, rows_of(model, dki, 30), segment=PERMANENT, employer=0)
    put(model, rows_of(model, papua, 10), segment=CONTRACT, employer=0)
    west_java = model.geography.province_name.index("JAWA BARAT")
    put(model, rows_of(model, west_java, 500), segment=INFORMAL)
    model.vacancies_by_region[dki, CONTRACT], model.vacancies_by_region[papua, CONTRACT] = -2.0, 2.0
    target, formal, _ = formal_target(model)
    assert target - formal > 10
    open_formal_jobs(model)
    assert model.vacancies_by_region[:, [PERMANENT, CONTRACT]].sum() == pytest.approx(target - formal)


def test_a_contract_is_made_permanent_only_into_its_provinces_vacancy(on_the_map):
    model, dki, papua = on_the_map
    lm = model.params.labour_market
    lm.contract_renewal, lm.contract_to_permanent = 1.0, 1.0
    model.vacancies_by_region[dki, PERMANENT] = 1
    rows = np.concatenate([rows_of(model, papua, 3), rows_of(model, dki, 3)])
    put(model, rows, segment=CONTRACT, employer=0, contract_end=0)
    _end_contracts(model, rows)
    w = model.workers
    assert (w.segment[rows_of(model, papua, 3)] == CONTRACT).all()
    assert np.count_nonzero(w.segment[rows_of(model, dki, 3)] == PERMANENT) == 1
    assert model.vacancies_by_region[dki].tolist() == [0, 1, 0, 0, 0, 0]


def wage_share(model, region):
    segment = model.workers.segment[model.region_first_row[region] : model.region_first_row[region + 1]]
    return np.isin(segment, (PERMANENT, CONTRACT)).mean()


def test_provinces_keep_their_own_mix_over_twelve_years():
    """Before local labour markets DKI Jakarta's wage share fell from 0.62 to 0.41 and Papua's rose from 0.14 to 0.33."""
    scenario = enrolsim.with_overrides(_baseline(), {"population.agents": 100_000, "population.geography": "map"})
    model = EnrolmentModel(scenario, rng=3)
    names = model.geography.province_name
    dki, papua = names.index("DKI JAKARTA"), names.index("PAPUA")
    start = wage_share(model, dki), wage_share(model, papua)
    for _ in range(144):
        model.step()
    assert start[0] > 0.55 and start[1] < 0.2
    assert abs(wage_share(model, dki) - start[0]) < 0.1 and abs(wage_share(model, papua) - start[1]) < 0.06


def test_seekers_are_shuffled_within_their_region_and_the_regions_kept_in_place():
    """``shuffled_within_groups``: a random order within each group, the groups in place; group numbers that do not fit
    16 bits (the sort key's width when they do) stay in place too."""
    rng = np.random.default_rng(3)
    group = np.repeat(np.arange(5), 20)
    order = shuffled_within_groups(rng, group, 5)
    assert sorted(order.tolist()) == list(range(100)) and (group[order] == group).all() and (order != np.arange(100)).any()
    wide = np.concatenate([np.arange(10), np.arange(65_536, 65_546)])  # one row each
    assert shuffled_within_groups(rng, wide, 65_546).tolist() == list(range(20))


def test_each_region_draws_from_its_own_shares_and_a_draw_on_a_boundary_takes_the_next_segment():
    """Region 0 all permanent, region 1 all informal: each worker gets his region's segment. A uniform draw equal to a
    cumulative share takes the next segment, as ``rng.choice`` does (its search for the draw is to the right): at a
    draw of exactly 0.5, half permanent and half contract gives contract, with one region and with two."""
    shares = np.zeros((2, len(Segment)))
    shares[0, PERMANENT], shares[1, INFORMAL] = 1.0, 1.0
    region = np.array([0, 1, 1, 0, 1])
    assert draw_segments_by_region(np.random.default_rng(1), shares, region).tolist() == [PERMANENT, INFORMAL, INFORMAL, PERMANENT, INFORMAL]
    half = np.zeros((2, len(Segment)))
    half[:, PERMANENT], half[:, CONTRACT] = 0.5, 0.5
    on_boundary = FixedUniform(np.random.default_rng(1), 0.5)
    assert draw_segments_by_region(on_boundary, half[:1], np.zeros(3, dtype=np.intp)).tolist() == [CONTRACT] * 3
    assert draw_segments_by_region(on_boundary, half, np.array([0, 1, 1])).tolist() == [CONTRACT] * 3


def test_a_regions_seekers_drawn_for_a_full_segment_are_drawn_again_whatever_the_other_regions_placed():
    """Region 0: 5 seekers for 5 open contract jobs. Region 1: 6 seekers who much prefer its one open permanent job to
    its 10 contract jobs: most are drawn for the permanent job at first and drawn again for contract jobs; all 6 are
    placed, however many region 0 placed."""
    wishing = np.zeros((2, len(Segment)))
    wishing[0, CONTRACT], wishing[1, PERMANENT], wishing[1, CONTRACT] = 1.0, 100.0, 1.0
    openings = np.zeros((2, len(Segment)))
    openings[0, CONTRACT], openings[1, PERMANENT], openings[1, CONTRACT] = 5.0, 1.0, 10.0
    for seed in range(5):
        placed = place_seekers(np.random.default_rng(seed), np.array([5, 6]), wishing, openings)
        assert placed.sum(axis=1).tolist() == [5, 6] and placed[1, PERMANENT] == 1, seed


def test_the_first_of_each_region_are_taken_in_their_order():
    """``first_of_each_region``: the first ``quota[r]`` entries of each region r in the order given (the order of
    arrival: entrants first); two regions alternating, 10 of region 0 and 15 of region 1 among 200 entries."""
    region = np.tile(np.array([0, 1]), 100)
    taken = first_of_each_region(region, np.array([10, 15]))
    assert sorted(taken.tolist()) == sorted([*range(0, 20, 2), *range(1, 30, 2)])


def test_a_single_formal_worker_draws_every_new_formal_job_to_his_province_and_to_his_kind_of_job(on_the_map):
    """New jobs are shared over the provinces by their formal wage workers and split as their wage jobs are: one
    permanent worker in Jakarta is all of them (a share of 1, a permanent share of 1), however many work in West Java."""
    model, dki, _ = on_the_map
    put(model, rows_of(model, dki, 1), segment=PERMANENT, employer=0)
    west_java = model.geography.province_name.index("JAWA BARAT")
    put(model, rows_of(model, west_java, 500), segment=INFORMAL)
    target, formal, _ = formal_target(model)
    assert (formal, target - formal > 10) == (1, True)
    open_formal_jobs(model)
    opened = model.vacancies_by_region[:, [PERMANENT, CONTRACT]]
    assert opened[dki, 0] == pytest.approx(target - formal)
    assert opened.sum() == pytest.approx(opened[dki, 0])
    assert (np.delete(opened, dki, axis=0) == 0).all() and opened[dki, 1] == 0


def test_the_shortfall_is_hired_in_the_province_of_its_jobs_after_provinces_with_none(on_the_map):
    """No job open: the shortfall after matching creates its jobs where the formal wage workers are (Jakarta alone), and
    Jakarta's unemployed (job_finding 1) take all of them, the provinces before it in the list, with no job to fill,
    notwithstanding. The Poisson draw of the shortfall returns its mean rounded."""
    model, dki, _ = on_the_map
    model.params.labour_market.job_finding = 1.0
    put(model, rows_of(model, dki, 30), segment=PERMANENT, employer=0)
    west_java = model.geography.province_name.index("JAWA BARAT")
    put(model, rows_of(model, west_java, 500), segment=INFORMAL)
    target, formal, _ = formal_target(model)
    short = round(target - formal)
    assert dki > 0 and 0 < short < model.region_first_row[dki + 1] - model.region_first_row[dki] - 30
    exact_poisson(model)
    hold_formal_share(model)
    w = model.workers
    hired = np.flatnonzero(np.isin(w.segment, (PERMANENT, CONTRACT)))
    assert hired.size == 30 + short
    assert (model.region_of(hired) == dki).all() and (w.segment[rows_of(model, west_java, 500)] == INFORMAL).all()


def test_those_between_casual_contracts_hired_after_matching_leave_informal_work_in_every_province(on_the_map):
    """Permanent workers only, in Jakarta and Papua, and no job open: every hire takes a new permanent job, and those
    hired from between casual contracts (casual_search 1) leave it in both provinces, their casual flag cleared."""
    model, dki, papua = on_the_map
    model.params.labour_market.casual_search = 1.0
    put(model, rows_of(model, dki, 20), segment=PERMANENT, employer=0)
    put(model, rows_of(model, papua, 20), segment=PERMANENT, employer=0)
    between = np.concatenate([rows_of(model, dki, 30, skip=20), rows_of(model, papua, 30, skip=20)])
    put(model, between, segment=INFORMAL, casual=True)
    west_java = model.geography.province_name.index("JAWA BARAT")
    put(model, rows_of(model, west_java, 500), segment=INFORMAL)
    target, formal, _ = formal_target(model)
    assert dki < papua and 10 < target - formal < 60
    exact_poisson(model)
    hold_formal_share(model)
    w = model.workers
    hired = between[w.segment[between] == PERMANENT]
    assert hired.size == round(target - formal)
    assert np.isin(model.region_of(hired), (dki, papua)).all() and (model.region_of(hired) == dki).any()
    assert not w.casual[hired].any()


def test_in_a_shock_the_jobs_lost_close_in_the_leavers_province_only():
    """A deep shock (every job lost closes): three permanent workers of DKI Jakarta lose their jobs, whose vacancies
    open and close in DKI Jakarta; Papua's five open permanent jobs stay open."""
    model = mock_model({**MAP, "labour_market.permanent_job_loss": 1.0, "labour_market.job_finding": 0.0}, agents=6000)
    dki, papua = (model.geography.province_name.index(name) for name in ("DKI JAKARTA", "PAPUA"))
    model.job_loss_multiplier = 1e9
    put(model, rows_of(model, dki, 3), segment=PERMANENT, employer=0)
    model.vacancies_by_region[papua, PERMANENT] = 5
    labour_market(model)
    assert (model.workers.segment[rows_of(model, dki, 3)] == UNEMPLOYED).all()
    expected = np.zeros((34, 6))
    expected[papua, PERMANENT] = 5
    assert (model.vacancies_by_region == expected).all()
