"""Scenarios of a part of Indonesia for the issue-16 tests: the baseline on the map, its labour force
set to a province's and the national counts scaled by ``population.national_share``."""

import enrolsim

#: A province-sized labour force (Sumatera Selatan has about 4m, Bengkulu 1m).
PROVINCE_LF = 2_000_000


def province_sized(labour_force: float = PROVINCE_LF, **overrides: object) -> enrolsim.Scenario:
    """The baseline on the map with ``labour_force`` persons and its share of the national counts."""
    base = enrolsim.load_scenario("baseline")
    scaled = {
        "population.labour_force": labour_force,
        "population.national_share": labour_force / base.population.labour_force,
        "population.geography": "map",
    }
    return enrolsim.with_overrides(base, {**scaled, **overrides})
