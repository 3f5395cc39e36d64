"""Issue 16, ``--by-district``: ``by_district.parquet`` (one row a district and month) and the
coverage-by-province figure; the table adds up to the national indicators every month and is
computed without a random draw (the run is the same with it or without it)."""

import numpy as np
import pandas as pd
import pytest

import enrolsim
from conftest import run_cli
from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.outputs import BAR_ALPHA, BAR_COLOUR, RUN_FILES, write_run
from enrolsim.run import simulate
from enrolsim.world.districts import DISTRICT_COLUMNS
from pictures import mask_of, painted, pixels
from pictures import runs as runs_of

ID_COLUMNS = ["month", "province_code", "province", "district_code", "district"]


def scenario(geography: str, agents: int = 20_000, months: int = 8) -> enrolsim.Scenario:
    # perisai and local governments on, so their rows (recruits, subsidised) are in the districts too
    base = enrolsim.load_scenario("combined_70m")
    return enrolsim.with_overrides(base, {"population.agents": agents, "months": months, "population.geography": geography})


@pytest.fixture(scope="module", params=["map", "uniform"])
def runs(request):
    s = scenario(request.param)
    return request.param, simulate(s, seed=4), simulate(s, seed=4, by_district=True)


def test_the_table_draws_nothing_and_a_plain_run_keeps_none(runs):
    _, plain, with_table = runs
    pd.testing.assert_frame_equal(plain.timeseries, with_table.timeseries)
    assert plain.districts is None and with_table.districts is not None


def test_the_table_has_one_row_a_district_and_month(runs):
    geography, _, result = runs
    table, n = result.districts, 514 if geography == "map" else 136
    assert list(table.columns) == ID_COLUMNS + list(DISTRICT_COLUMNS)
    assert len(table) == n * 8 and table.groupby("month").size().eq(n).all()
    assert table["month"].unique().tolist() == result.timeseries["month"].tolist()
    assert table["district_code"].nunique() == n and table["province"].nunique() == 34


def test_the_districts_add_up_to_the_national_indicators_every_month(runs):
    _, _, result = runs
    ts = result.timeseries.set_index("month")
    sums = result.districts.groupby("month", sort=False)[list(DISTRICT_COLUMNS)].sum()
    assert np.allclose(sums["labour_force"], ts["labour_force"], rtol=1e-12)
    assert np.allclose(sums["active"], ts["active_workers"], rtol=1e-12)
    for s in SEGMENT_NAMES:
        assert np.allclose(sums[f"active_{s}"], ts[f"active_{s}"], rtol=1e-12), s
    # registered accounts: the districts' plus the national Jakon and PMI stocks
    assert np.allclose(sums["registered"] + ts["active_jakon"] + ts["active_pmi"], ts["registered"], rtol=1e-12)
    assert np.allclose((sums["active"] + ts["active_jakon"] + ts["active_pmi"]) / sums["labour_force"], ts["coverage"], rtol=1e-12)


def test_each_district_is_consistent(runs):
    _, _, result = runs
    t = result.districts
    assert (t["labour_force"] > 0).all()
    assert np.allclose(t[[f"active_{s}" for s in SEGMENT_NAMES]].sum(axis=1), t["active"])
    assert (t["registered"] >= t["active"]).all() and (t["active"] <= t["labour_force"]).all()
    assert np.allclose(t["coverage"], t["active"] / t["labour_force"])


@pytest.mark.parametrize("runs", ["map"], indirect=True)  # the uniform grid's districts are alike by construction
def test_the_map_districts_differ_as_their_provinces_do(runs):
    _, _, result = runs
    last = result.districts[result.districts["month"] == result.districts["month"].iloc[-1]]
    by_province = last.groupby("province", observed=True)[["active_permanent", "active_contract", "labour_force"]].sum()
    wage_cover = (by_province["active_permanent"] + by_province["active_contract"]) / by_province["labour_force"]
    assert wage_cover["DKI JAKARTA"] > 2 * wage_cover["PAPUA"]


def test_the_files_are_written_only_when_asked(tmp_path, runs):
    _, plain, result = runs
    assert [f.name for f in write_run(plain, tmp_path / "plain")] == list(RUN_FILES)
    assert sorted(p.name for p in (tmp_path / "plain").iterdir()) == sorted(RUN_FILES)
    files = write_run(result, tmp_path / "run")
    assert {f.name for f in files} == {*RUN_FILES, "by_district.parquet", "coverage_by_province.png"}
    back = pd.read_parquet(tmp_path / "run" / "by_district.parquet")
    pd.testing.assert_frame_equal(back, result.districts, check_categorical=False)
    image = pixels(tmp_path / "run" / "coverage_by_province.png")
    bars = mask_of(image, painted(BAR_COLOUR, BAR_ALPHA))
    start = np.flatnonzero(bars.any(axis=0))[0]  # where every bar starts (coverage 0); district dots may cover a few pixels
    assert runs_of(bars[:, start : start + 30].any(axis=1)) == result.districts["province"].nunique() == 34  # one bar a province


def test_cli_by_district(tmp_path):
    done = run_cli(["run", "baseline", "--agents", "3000", "--months", "2", "--geography", "map", "--by-district", "--out", tmp_path / "z"])
    assert done.code == 0, done.err
    assert (tmp_path / "z" / "by_district.parquet").exists() and (tmp_path / "z" / "coverage_by_province.png").exists()
    assert len(pd.read_parquet(tmp_path / "z" / "by_district.parquet")) == 514 * 2
