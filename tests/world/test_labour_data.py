"""Sakernas as an input (``world/labour_data.py``): the labour force month by month, and the history's persons per
agent following it (``population.labour_force_path: sakernas``) while the calibrated scenario keeps its fixed growth.

The history's forecast after 2019 is judged on data kept out of the project, so its labour force must be the
one BPS measured, not an extrapolation of 2017-2019: the eligible labour force (Sakernas's less those outside
the model) grows 2.5% a year over 2019-2025 with a step in the pandemic year, against the fixed path's 2.1%.
"""

import csv

import numpy as np
import pytest

import enrolsim
from conftest import SCENARIOS
from enrolsim.core.shipped import folder
from enrolsim.model import EnrolmentModel
from enrolsim.world.labour_data import informal_share, labour_force

GROWTH = 0.021


def august(year: int) -> int:
    return year * 12 + 7


def sakernas() -> dict[int, float]:
    with open(folder("data") / "labour_force.csv", encoding="utf-8", newline="") as file:
        return {int(r["year"]): float(r["labour_force_million"]) * 1e6 for r in csv.DictReader(file) if r["labour_force_million"]}


def test_the_labour_force_is_sakernas_in_each_august():
    data = sakernas()
    assert sorted(data) == list(range(2016, 2026))
    for year, persons in data.items():
        assert labour_force(august(year), GROWTH) == pytest.approx(persons, rel=1e-12), year


def test_between_augusts_it_is_joined_linearly_and_the_pandemic_step_starts_in_march_2020():
    data = sakernas()
    assert labour_force(2017 * 12 + 1, GROWTH) == pytest.approx(data[2016] + (data[2017] - data[2016]) * 6 / 12)
    held = [labour_force(month, GROWTH) for month in range(august(2019), 2020 * 12 + 2)]  # August 2019 to February 2020
    assert held == pytest.approx([data[2019]] * len(held))
    step = [labour_force(month, GROWTH) for month in range(2020 * 12 + 1, august(2020) + 1)]
    assert np.all(np.diff(step) > 0) and step[-1] == pytest.approx(data[2020])


def test_before_the_first_and_after_the_last_august_it_grows_at_the_given_rate():
    data = sakernas()
    assert labour_force(august(2015), GROWTH) == pytest.approx(data[2016] / (1 + GROWTH))
    assert labour_force(2014 * 12, GROWTH) == pytest.approx(data[2016] / (1 + GROWTH) ** (2 + 7 / 12))
    assert labour_force(august(2026), GROWTH) == pytest.approx(data[2025] * (1 + GROWTH))
    assert labour_force(august(2026), 0.0) == pytest.approx(data[2025])


def test_those_outside_the_model_are_taken_off_before_it_grows():
    data, outside = sakernas(), 6.1e6
    assert labour_force(august(2019), GROWTH, outside) == pytest.approx(data[2019] - outside)
    assert labour_force(august(2015), GROWTH, outside) == pytest.approx((data[2016] - outside) / (1 + GROWTH))
    assert labour_force(august(2027), GROWTH, outside) == pytest.approx((data[2025] - outside) * (1 + GROWTH) ** 2)


def test_the_informal_share_is_unchanged_by_the_shared_time_axis():
    assert informal_share(august(2019)) == pytest.approx(0.5572)
    assert informal_share(2020 * 12 + 1) == pytest.approx(0.5572)  # held until the pandemic
    assert informal_share(august(2020)) == pytest.approx(0.6047)
    assert informal_share(august(2030)) == pytest.approx(0.5780)  # held after the last year


def persons_per_agent(path: str, months: range, **overrides: object) -> np.ndarray:
    settings = {"population.agents": 500, "population.labour_force_path": path, **overrides}
    scenario = enrolsim.with_overrides(enrolsim.load_scenario(SCENARIOS / "history.yaml"), settings)
    model = EnrolmentModel(scenario, rng=1)
    values = []
    for month in months:
        model.month = month
        values.append(model.represents)
    return np.asarray(values)


def test_the_history_grows_its_labour_force_as_sakernas_and_the_calibrated_scenario_at_its_fixed_rate():
    assert enrolsim.load_scenario(SCENARIOS / "history.yaml").population.labour_force_path == "sakernas"
    assert enrolsim.load_scenario(SCENARIOS / "calibrated.yaml").population.labour_force_path == "growth"
    data, start = sakernas(), 2014 * 12  # both start in January 2014
    outside = enrolsim.load_scenario(SCENARIOS / "history.yaml").population.outside_formal  # civil servants, military, police
    augusts = range(august(2016) - start, august(2025) - start + 1, 12)
    measured = persons_per_agent("sakernas", augusts)
    eligible = [(data[y] - outside) / (data[2016] - outside) for y in range(2016, 2026)]
    np.testing.assert_allclose(measured / measured[0], eligible, rtol=1e-12)
    fixed = persons_per_agent("growth", augusts)
    np.testing.assert_allclose(fixed / fixed[0], (1 + GROWTH) ** np.arange(10), rtol=1e-12)
    # The same path until Sakernas's first August, so the fitted years start alike; 2.8% more persons by August 2025.
    early = range(0, august(2016) - start + 1)
    np.testing.assert_allclose(persons_per_agent("sakernas", early), persons_per_agent("growth", early), rtol=1e-12)
    assert measured[-1] / fixed[-1] == pytest.approx(1.028, abs=0.002)


def test_a_part_of_the_country_grows_as_the_nation():
    """A district (``national_share`` below 1) grows as the nation's eligible labour force: the civil servants taken
    off Sakernas's figure are the nation's, not the district's share of them."""
    augusts = range(august(2016) - 2014 * 12, august(2025) - 2014 * 12 + 1, 12)
    nation = persons_per_agent("sakernas", augusts)
    district = persons_per_agent("sakernas", augusts, **{"population.labour_force": 600_000, "population.national_share": 0.0049})
    np.testing.assert_allclose(district / district[0], nation / nation[0], rtol=1e-12)
