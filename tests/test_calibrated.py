"""The calibrated scenario against every figure it was fitted to, 2014-2019 (issue 13, "Show" 1 and 3).

``scenarios/calibrated.yaml`` (the central set of ``enrolsim calibrate bpjstk_2014_2019``) is run at
50,000 agents with 8 seeds, from January 2014 to December 2025; the mean over seeds is read the way
the calibration reads it (``studies.calibration.simulated``) for every target of the calibration file:

- active participants at each year end 2016-2019: within 10%;
- every segment point (PU, BPU, Jakon, PMI): within 25%;
- registered accounts (every point not graded D): within 15%;
- the agency's new participants and exits of 2016 and 2019: within 25%;
- JHT claims a year 2016-2019: within 25%;
- the 5:1 of 2018 (registrations per registrant still active at the year's end): between 4 and 6;
- all benefits paid in 2018 and 2019 (rupiah; graded A): within 25%, as the calibration's own check.

And the informal share of employment is within 2 points of Sakernas (data/labour_force.csv) in August
of every year 2015-2025: formal employment follows it (an input), so a miss is a bug, not a fit.

Seed noise at this size (measured when written): about 2% of the year-end totals for one seed, so the
mean of 8 is within about 0.7%; the tolerances are the issue's, not widened for noise.
"""

import numpy as np
import pandas as pd
import pytest

import enrolsim
from conftest import DATA, SCENARIOS
from enrolsim.studies.calibration import simulated
from enrolsim.studies.calibration_spec import load_calibration

pytestmark = pytest.mark.slow

AGENTS, SEEDS, MONTHS = 50_000, range(1, 9), 144  # 2014-01 to 2025-12


@pytest.fixture(scope="module")
def runs() -> list[pd.DataFrame]:
    scenario = enrolsim.load_scenario(SCENARIOS / "calibrated.yaml", {"population.agents": AGENTS, "months": MONTHS})
    assert scenario.start == "2014-01"
    return [enrolsim.simulate(scenario, seed=seed).timeseries for seed in SEEDS]


@pytest.fixture(scope="module")
def fit(runs: list[pd.DataFrame]) -> pd.DataFrame:
    cal = load_calibration("bpjstk_2014_2019")
    values = np.mean([simulated(cal, ts) for ts in runs], axis=0)
    rows = [
        {"target": cal.target_label(i), "indicator": t.indicator, "segment": t.segment, "date": t.date, "how": t.how, "weight": cal.weights[i],
         "observed": cal.observed[i], "simulated": values[i], "error": values[i] / cal.observed[i] - 1}
        for i, t in enumerate(cal.spec.targets)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def _assert_within(rows: pd.DataFrame, tolerance: float) -> None:
    assert len(rows) > 0
    misses = rows[rows["error"].abs() > tolerance]
    assert misses.empty, "\n" + misses[["target", "observed", "simulated", "error"]].to_string()


def test_year_end_totals_2016_2019_within_10_percent(fit: pd.DataFrame):
    totals = fit[(fit.indicator == "active_participants") & (fit.segment == "all") & fit.date.isin([f"{y}-12-31" for y in range(2016, 2020)])]
    assert len(totals) == 4
    _assert_within(totals, 0.10)


def test_every_segment_point_within_25_percent(fit: pd.DataFrame):
    segments = fit[(fit.indicator == "active_participants") & fit.segment.isin(["PU", "BPU", "Jakon", "PMI"])]
    assert set(segments.segment) == {"PU", "BPU", "Jakon", "PMI"}
    _assert_within(segments, 0.25)


def test_registered_accounts_2018_2019_within_15_percent(fit: pd.DataFrame):
    registered = fit[(fit.indicator == "registered_participants") & (fit.weight > 0.05) & (fit.date >= "2018")]
    assert len(registered) == 4
    _assert_within(registered, 0.15)


def test_registered_accounts_2016_within_15_percent(fit: pd.DataFrame):
    """A recorded miss until the split of steady and irregular payers (about 21% low before it; 9% low since)."""
    registered = fit[(fit.indicator == "registered_participants") & (fit.date == "2016-12-08")]
    _assert_within(registered, 0.15)


def test_flows_of_2016_and_2019_within_25_percent(fit: pd.DataFrame):
    flows = fit[fit.indicator.isin(["new_participants_gross", "exits_gross"]) & (fit.how == "year_sum")]
    assert set(flows.date) == {"2016-12-31", "2019-12-31"}
    _assert_within(flows, 0.25)


def test_jht_claims_2016_2019_within_25_percent(fit: pd.DataFrame):
    claims = fit[(fit.indicator == "jht_claims_cases") & (fit.date >= "2016")]
    assert len(claims) == 4
    _assert_within(claims, 0.25)


def test_all_benefits_paid_in_2018_and_2019_within_25_percent(fit: pd.DataFrame):
    """The claims' rupiah as well as their number: JHT claimed early, JHT paid at the pension age or death, JKK and JKM.
    Fitted since the twenty-first session; before it the history paid Rp19.7 and 15.3 trillion against 27.6 and 29.7
    (-29%, -49%: each claim half the agency's size, and no one reaching the JP pension age in 2019)."""
    paid = fit[fit.indicator == "total_claims_value"]
    assert set(paid.date) == {"2018-12-31", "2019-12-31"}
    _assert_within(paid, 0.25)


def test_the_2018_ratio_is_between_4_and_6(fit: pd.DataFrame):
    """A recorded miss until the split of steady and irregular payers (about 3.3 before it; 4.2 since, seeds 4.05-4.39;
    4.17, seeds 4.00-4.37, after casual vacancies lost their clipping; 4.38, seeds 4.15-4.49, since the tenth session's refit)."""
    (ratio,) = fit[fit.indicator == "registrations_per_year_end_active"]["simulated"]
    assert 4 <= ratio <= 6, f"registrations per registrant still active, December 2018: {ratio:.2f}"


def test_informal_share_within_2_points_of_sakernas_2015_2025(runs: list[pd.DataFrame]):
    sakernas = pd.read_csv(DATA / "labour_force.csv").set_index("year")["informal_share"]
    mean = pd.concat([ts.set_index("month")["informal_share"] for ts in runs], axis=1).mean(axis=1)
    gaps = {year: mean[f"{year}-08"] - sakernas[year] for year in range(2015, 2026)}
    assert all(abs(gap) <= 0.02 for gap in gaps.values()), {year: round(gap, 4) for year, gap in gaps.items()}
