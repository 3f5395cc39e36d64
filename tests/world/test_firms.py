"""Issue 16, firms: ``agents: full`` (one agent a person), employer units that are firms of a size class
at full scale and aggregate at smaller scales, and registration, partial registration and inspections
by size that keep the scenario's national rates."""

import numpy as np
import pytest

import enrolsim
from conftest import BASELINE, run_cli
from enrolsim.cli import build_parser
from enrolsim.institutions.enforcement import EnforcementOffice
from enrolsim.model import EnrolmentModel
from enrolsim.scenario.firm_sizes import SIZE_CLASSES, size_values
from enrolsim.world.firms import capped_chances, relative
from enrolsim.world.sampling import hit
from national_support import province_sized

SHARES = np.array([0.71, 0.13, 0.08, 0.08])  # the default shares of wage jobs by class
RISING = (0.3, 1.0, 3.0, 3.0)


def by_class(key: str, values) -> dict[str, float]:
    return {f"employers.sizes.{key}.{k}": v for k, v in zip(SIZE_CLASSES, values, strict=True)}


def staff_by_class(model: EnrolmentModel) -> np.ndarray:
    e, w = model.employers, model.workers
    staff = np.bincount(w.employer[w.employer >= 0], minlength=e.size)
    return np.bincount(e.size_class[:-1], weights=staff, minlength=4) / staff.sum()


def test_agents_full_is_one_agent_a_person():
    scenario = province_sized(**{"population.agents": "full"})
    assert scenario.population.agents == 2_000_000 and scenario.population.full
    assert province_sized(400_000, **{"population.agents": "Full"}).population.agents == 400_000
    assert not enrolsim.load_scenario("baseline").population.full
    model = EnrolmentModel(province_sized(50_000, **{"population.agents": "full", "months": 1}), rng=0)
    assert model.represents == 1.0 and model.workers.size == 50_000


def test_agents_full_on_the_command_line(tmp_path):
    assert build_parser().parse_args(["run", "--agents", "full"]).agents == "full"
    assert build_parser().parse_args(["run", "--agents", "5000"]).agents == 5000
    bad = run_cli(["run", "baseline", "--agents", "lots", "--out", tmp_path / "y"])
    assert bad.code == 2 and len(bad.err_lines) == 1 and "--agents" in bad.err and "or full" in bad.err
    path = tmp_path / "small.yaml"
    path.write_text(f"extends: {BASELINE.as_posix()}\npopulation:\n  agents: full\n  labour_force: 20000\n  national_share: 0.000164\n", encoding="utf-8")
    scenario = enrolsim.load_scenario(path)
    assert scenario.population.agents == 20_000 and scenario.population.full


def test_at_full_scale_units_are_firms_of_their_class_size():
    model = EnrolmentModel(province_sized(400_000, **{"population.agents": "full"}), rng=3)
    e, w = model.employers, model.workers
    persons = np.asarray(size_values(model.params.employers.sizes.mean_persons))
    assert np.allclose(e.firms_per_unit, 1.0) and np.allclose(e.unit_agents, persons)
    wage = np.count_nonzero(w.employer >= 0)
    units = np.bincount(e.size_class[:-1], minlength=4)
    assert np.allclose(units, wage * SHARES / persons, rtol=0.05, atol=2)  # about 42,800 micro firms .. 18 large ones
    staff = np.bincount(w.employer[w.employer >= 0], minlength=e.size)
    mean_staff = np.bincount(e.size_class[:-1], weights=staff, minlength=4) / units
    assert np.allclose(mean_staff[:3], persons[:3], rtol=0.1)
    # the few large firms leave most districts without one: their hires go to the district's other firms
    assert np.allclose(staff_by_class(model)[:3], SHARES[:3], atol=0.03)
    assert np.all(np.diff(e.district[:-1]) >= 0)


def test_at_smaller_scales_units_aggregate_and_keep_the_class_shares():
    model = EnrolmentModel(province_sized(**{"population.agents": 200_000}), rng=3)  # ten persons an agent
    e = model.employers
    assert e.unit_agents is not None and e.unit_agents[0] == model.params.employers.mean_size
    assert np.isclose(e.firms_per_unit[0], 1 * 10 / 2.5) and np.isclose(e.firms_per_unit[3], 1.0)  # 4 micro firms a unit; large ones single
    assert np.allclose(staff_by_class(model), SHARES, atol=0.03)


def test_at_the_default_scale_units_are_the_units_of_before_with_class_labels():
    model = EnrolmentModel(enrolsim.with_overrides(enrolsim.load_scenario("baseline"), {"population.agents": 20_000}), rng=1)
    e = model.employers
    n = round(20_000 * (0.207 + 0.170) / model.params.employers.mean_size)  # one unit a wage agent
    assert e.size == n and e.class_count is None and e.registration_effect is None and e.inspection_weight is None
    assert np.array_equal(e.district[:-1], np.sort(np.arange(n) % 136))
    assert np.allclose(np.bincount(e.size_class[:-1], minlength=4) / n, SHARES, atol=2 / n)
    assert np.allclose(staff_by_class(model), SHARES, atol=0.05)


def test_size_effects_are_scaled_to_keep_the_national_rates():
    assert np.isclose(relative(np.array(RISING), SHARES) @ SHARES, 1.0)
    assert np.array_equal(relative(np.zeros(4), SHARES), np.ones(4))
    chances = capped_chances(0.5, np.array([0.05, 0.5, 3, 4.0]), SHARES)
    assert np.isclose(chances @ SHARES, 0.5) and chances.max() == 1.0 and np.all(np.diff(chances) >= 0)
    assert np.array_equal(capped_chances(0.3, np.ones(4), SHARES), np.full(4, 0.3))


@pytest.mark.parametrize("agents", ["full", 100_000])
def test_registered_at_the_start_rises_with_size_and_keeps_the_share_of_wage_jobs(agents):
    scenario = province_sized(400_000, **{"population.agents": agents, **by_class("registered", (0.5, 1.0, 1.5, 2.0))})
    model = EnrolmentModel(scenario, rng=2)
    e, w = model.employers, model.workers
    registered_by_class = [e.registered[:-1][e.size_class[:-1] == k].mean() for k in range(4)]
    assert registered_by_class[0] < registered_by_class[1] < registered_by_class[2]
    wage = w.employer >= 0
    assert abs(e.registered[w.employer[wage]].mean() - scenario.employers.registered_share) < 0.03


def test_registration_and_partial_registration_rise_with_size_when_asked():
    scenario = province_sized(**{"population.agents": 200_000, **by_class("registration", RISING), **by_class("partial", RISING)})
    model = EnrolmentModel(scenario, rng=3)
    e = model.employers
    assert np.isclose(e.registration_effect @ SHARES, 1.0) and np.isclose(e.partial_effect @ SHARES, 1.0)
    unregistered = np.flatnonzero(~e.registered[:-1])
    joined = np.zeros(e.size)
    for _ in range(400):
        joined[e.registering(model.rng, unregistered, 0.05)] += 1
    rate = [joined[unregistered][e.size_class[unregistered] == k].mean() / 400 for k in range(4)]
    expected = 0.05 * e.registration_effect
    assert np.allclose(rate, expected, rtol=0.15)
    units = np.arange(e.size)
    partly = np.zeros(e.size)
    for _ in range(200):
        partly[e.partly(model.rng, units, 0.2)] += 1
    share = [partly[e.size_class[:-1] == k].mean() / 200 for k in range(4)]
    assert np.allclose(share, np.minimum(0.2 * e.partial_effect, 1), rtol=0.15)


def test_without_size_effects_registration_draws_as_before():
    model = EnrolmentModel(province_sized(**{"population.agents": 50_000}), rng=3)
    e = model.employers
    unregistered = np.flatnonzero(~e.registered[:-1])
    a, b = np.random.default_rng(9), np.random.default_rng(9)
    assert np.array_equal(e.registering(a, unregistered, 0.05), hit(b, unregistered, 0.05))


def test_inspections_weigh_firm_size():
    overrides = {
        "population.agents": 100_000,
        "strategies.law_enforcement.inspection_rate": 0.2,
        "strategies.law_enforcement.targeting": "random",
        **by_class("inspection", (0.1, 1.0, 5.0, 10.0)),
    }
    model = EnrolmentModel(province_sized(**overrides), rng=4)
    e = model.employers
    assert e.inspection_weight is not None and np.isclose(e.inspection_weight[-1], 0.0)
    office = next(iter(model.agents_by_type[EnforcementOffice]))
    lever = model.params.strategies.law_enforcement
    seen = np.zeros(e.size)
    for _ in range(30):
        seen[office._inspect(lever)] += 1
    per_unit = [seen[e.size_class[:-1] == k].mean() for k in range(4)]
    assert per_unit[0] < per_unit[1] < per_unit[2] < per_unit[3]


def test_large_runs_hold_units_per_district_not_units_per_agent():
    """Below full scale a district holds about ``units_per_district`` units once its wage agents outnumber them
    (fewer, larger units: the same results, less time); smaller runs keep ``mean_size`` agents a unit."""
    base = enrolsim.with_overrides(enrolsim.load_scenario("baseline"), {"population.agents": 20_000})
    wage_agents = round(20_000 * (0.207 + 0.170))
    assert EnrolmentModel(base, rng=1).employers.size == wage_agents  # 55 wage agents a district: one a unit
    model = EnrolmentModel(enrolsim.with_overrides(base, {"employers.units_per_district": 10}), rng=1)
    e = model.employers
    assert e.size == 136 * 10 and np.array_equal(e.district_count, np.full(136, 10))
    assert np.isclose(e.unit_agents[0], wage_agents / 1360)
    staff = np.bincount(model.workers.employer[model.workers.employer >= 0], minlength=e.size)
    assert abs(staff.mean() - wage_agents / 1360) < 0.5  # the units hold the wage agents between them
    assert np.allclose(staff_by_class(model), SHARES, atol=0.05)
