"""Issue 16, the map: ``population.geography`` (``--geography``), uniform by default, or Indonesia's
514 regencies and cities in their 34 provinces sized by labour force and informal share."""

import csv

import numpy as np
import pytest

import enrolsim
from conftest import BASELINE, run_cli
from enrolsim.core.codes import Segment
from enrolsim.core.shipped import folder
from enrolsim.model import EnrolmentModel
from enrolsim.world.firms import apportion
from enrolsim.world.geography import NATIONAL_INFORMAL_2019, geography_of

SHARES = np.asarray([0.207, 0.170, 0.492, 0.008, 0.065, 0.058])  # the baseline's segment shares


def on_map(**overrides: object) -> enrolsim.Scenario:
    return enrolsim.with_overrides(enrolsim.load_scenario("baseline"), {"population.geography": "map", **overrides})


def provinces() -> list[dict[str, str]]:
    with open(folder("data") / "provinces_2019.csv", encoding="utf-8", newline="") as file:
        return sorted(csv.DictReader(file), key=lambda r: int(r["code"]))


def test_uniform_is_the_default_grid():
    geo = geography_of(enrolsim.load_scenario("baseline"))
    assert geo.kind == "uniform" and (geo.n_provinces, geo.n_districts, geo.n_villages) == (34, 136, 1088)
    assert geo.province_shares is None and np.allclose(geo.district_weight, 1 / 136)
    assert np.allclose(geo.district_shares(SHARES), SHARES / SHARES.sum())


def test_map_has_the_514_regencies_and_cities_in_their_34_provinces():
    geo = geography_of(on_map())
    assert geo.kind == "map" and (geo.n_provinces, geo.n_districts, geo.n_villages) == (34, 514, 514 * 8)
    rows = provinces()
    assert np.bincount(geo.district_province).tolist() == [int(r["regencies_and_cities"]) for r in rows]
    assert geo.district_code.tolist() == sorted(geo.district_code.tolist()) and 3171 in geo.district_code  # Jakarta Selatan
    assert np.isclose(geo.district_weight.sum(), 1.0)


def test_provinces_are_sized_by_labour_force_and_keep_the_national_shares():
    geo = geography_of(on_map())
    rows = provinces()
    labour_force = np.array([float(r["labour_force"]) for r in rows])
    by_province = np.bincount(geo.district_province, weights=geo.district_weight)
    assert np.allclose(by_province, labour_force / labour_force.sum())
    assert np.allclose(by_province @ geo.province_shares, SHARES / SHARES.sum(), atol=1e-12)
    non_wage = geo.province_shares[:, [Segment.INFORMAL, Segment.PLATFORM, Segment.CONSTRUCTION]].sum(axis=1)
    jakarta, papua, ntb = (geo.province_name.index(n) for n in ("DKI JAKARTA", "PAPUA", "NUSA TENGGARA BARAT"))
    assert non_wage[jakarta] < non_wage.min() + 1e-12 and non_wage[papua] == non_wage.max() and non_wage[ntb] > non_wage[jakarta] * 1.8


def test_missing_informal_shares_take_the_stand_in_that_meets_the_national_share():
    geo = geography_of(on_map())
    rows = provinces()
    missing = [r["name"] for r in rows if not r["informal_share"].strip()]
    assert list(geo.informal_stand_in) == missing and len(missing) == 11
    employed = np.array([float(r["employed"]) for r in rows])
    informal = np.array([float(r["informal_share"]) / 100 if r["informal_share"].strip() else geo.stand_in_share for r in rows])
    assert np.isclose(informal @ employed / employed.sum(), NATIONAL_INFORMAL_2019)
    assert 0.55 < geo.stand_in_share < 0.60


def test_a_model_on_the_map_puts_workers_and_employers_where_the_labour_force_is():
    scenario = on_map(**{"population.agents": 60_000})
    model = EnrolmentModel(scenario, rng=5)
    geo, w, e = geography_of(scenario), model.workers, model.employers
    assert np.all(np.diff(w.village) >= 0) and w.size == 60_000 and model.n_districts == 514
    district = w.village // geo.villages_per_district
    by_province = np.bincount(geo.district_province[district], minlength=34) / w.size
    expected = np.bincount(geo.district_province, weights=geo.district_weight)
    assert np.abs(by_province - expected).max() < 0.004  # Jawa Barat holds 18%
    wage = np.isin(w.segment, [Segment.PERMANENT, Segment.CONTRACT])
    jakarta = geo.province_name.index("DKI JAKARTA")
    in_jakarta = geo.district_province[district] == jakarta
    assert wage[in_jakarta].mean() > wage[~in_jakarta].mean() + 0.15
    units = np.bincount(e.district[:-1], minlength=514)
    local = wage & (units[district] > 0)  # a district with no employer unit (a few at this scale) hires anywhere
    assert local.sum() > 0.97 * wage.sum() and np.all(e.district[:-1][w.employer[local]] == district[local])
    assert units.sum() == e.size and units[geo.district_code.tolist().index(3171)] > units[geo.district_code.tolist().index(9436)]


def test_apportion_shares_out_whole_numbers():
    assert apportion(13, np.ones(4)).tolist() == [[4, 3, 3, 3]]  # as np.sort(np.arange(13) % 4) counts them
    assert apportion(np.array([10, 3]), np.array([[1.0, 1.0], [2.0, 1.0]])).tolist() == [[5, 5], [2, 1]]
    assert apportion(7, np.array([0.0, 1.0, 0.0])).tolist() == [[0, 7, 0]]


def test_geography_option_and_key(tmp_path):
    ok = run_cli(["run", "baseline", "--agents", "3000", "--months", "2", "--geography", "map", "--out", tmp_path / "map"])
    assert ok.code == 0, ok.err
    bad = run_cli(["run", "baseline", "--geography", "mapp", "--out", tmp_path / "no"])
    assert bad.code == 2 and len(bad.err_lines) == 1 and "--geography" in bad.err and "'uniform', 'map'" in bad.err
    path = tmp_path / "bad.yaml"
    path.write_text(f"extends: {BASELINE.as_posix()}\npopulation:\n  geography: atlas\n", encoding="utf-8")
    refused = run_cli(["run", path, "--out", tmp_path / "no"])
    assert refused.code == 2 and len(refused.err_lines) == 1
    assert all(part in refused.err for part in ("bad.yaml", "population.geography", "'atlas'", "'uniform' or 'map'"))
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("seed", [0, 4])
def test_explicit_uniform_is_the_default_run(seed):
    base = enrolsim.with_overrides(enrolsim.load_scenario("baseline"), {"population.agents": 3000, "months": 3})
    again = enrolsim.with_overrides(base, {"population.geography": "uniform"})
    a, b = enrolsim.simulate(base, seed=seed).timeseries, enrolsim.simulate(again, seed=seed).timeseries
    assert a.equals(b)


def test_on_the_map_perisai_agents_and_district_places_follow_the_labour_force():
    from enrolsim.institutions.perisai import PerisaiAgent, agency_recruits_agents

    perisai = "strategies.extensification.perisai"
    scenario = on_map(**{"population.agents": 20_000, f"{perisai}.agents_initial": 1000, f"{perisai}.agents_target": 3000})
    model = EnrolmentModel(scenario, rng=1)
    corps = sorted(model.agents_by_type[PerisaiAgent], key=lambda c: c.district)
    members = np.array([c.members for c in corps])
    assert len(corps) == 514 and np.isclose(members.sum(), 1000) and np.allclose(members, 1000 * model.district_share)
    agency_recruits_agents(model)  # towards the target, 300 at most a month, shared the same way
    grown = np.array([c.members for c in corps]) - members
    assert np.isclose(grown.sum(), scenario.strategies.extensification.perisai.recruitment_per_month)
    assert np.allclose(grown, grown.sum() * model.district_share)
    grid = EnrolmentModel(enrolsim.with_overrides(scenario, {"population.geography": "uniform"}), rng=1)
    assert grid.district_share is None
    assert all(c.members == 1000 / 136 for c in grid.agents_by_type[PerisaiAgent])


def test_on_the_map_local_governments_subsidise_by_the_labour_force():
    scenario = on_map(**{"population.agents": 40_000, "months": 2, "strategies.extensification.local_government.subsidy_budget": 2e12})
    model = EnrolmentModel(scenario, rng=2)
    model.step()
    model.step()
    _, district = model.levers["local_government"].subsidised
    geo = geography_of(scenario)
    by_province = np.bincount(geo.district_province[district], minlength=34) / district.size
    expected = np.bincount(geo.district_province, weights=geo.district_weight)
    assert district.size > 1000 and np.abs(by_province - expected).max() < 0.03
