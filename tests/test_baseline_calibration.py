"""Baseline sanity against the agency's published figures (issue 2, "Show" 5).

``scenarios/baseline.yaml`` at 50,000 worker agents, 36 months from 2017-01, seeds 1-4 averaged.
The observed active participants in ``data/bpjstk_history.csv`` (indicator ``active_participants``,
segment ``all``) that fall inside the simulated window are compared with the model's stock at the
end of the same calendar month (a date 2017-06-30 is the model month ``2017-06``).

Tolerances:
- active participants: within 15% of each data point (2017-06-30: 22.8m, 2018-12-31: 30.46m,
  2019-12-31: 34.17m);
- registrations in 2019 per registrant still active at the end of 2019 (the "5:1"): between 3 and 8.

Seed variation (measured when written, 8 seeds at 50,000 agents): the standard deviation of one
seed's active participants is about 0.75m (3%), so the mean of 4 seeds varies by about 0.4m; the
2017-06 mean (about 24.7m, +8%) is the closest to its bound (26.2m). A single seed can exceed it
(26.6m was seen), which is why seeds are averaged.
"""

import numpy as np
import pandas as pd
import pytest

import enrolsim
from conftest import DATA, small

AGENTS, MONTHS, SEEDS = 50_000, 36, (1, 2, 3, 4)
TOLERANCE = 0.15
REQUIRED_DATES = {"2017-06-30", "2019-12-31"}


@pytest.fixture(scope="module")
def runs() -> list[pd.DataFrame]:
    scenario = small(agents=AGENTS, months=MONTHS)
    assert scenario.start == "2017-01"
    return [enrolsim.simulate(scenario, seed=seed).timeseries.set_index("month") for seed in SEEDS]


def _observed_active() -> pd.DataFrame:
    data = pd.read_csv(DATA / "bpjstk_history.csv")
    rows = data[(data["indicator"] == "active_participants") & (data["segment"] == "all")].copy()
    assert (rows["unit"] == "million persons").all()
    rows["month"] = pd.to_datetime(rows["date"]).dt.strftime("%Y-%m")
    return rows


def test_active_participants_within_15_percent_of_data(runs):
    rows = _observed_active()
    window = set(runs[0].index)
    rows = rows[rows["month"].isin(window)]
    assert set(rows["date"]) >= REQUIRED_DATES, f"the data points of issue 2 are missing: {sorted(rows['date'])}"
    problems = []
    for _, row in rows.iterrows():
        model = np.mean([ts.loc[row["month"], "active"] for ts in runs]) / 1e6
        observed = row["value"]
        if abs(model - observed) > TOLERANCE * observed:
            problems.append(f"{row['date']}: model {model:.2f}m, data {observed:.2f}m ({model / observed - 1:+.1%})")
    assert not problems, "; ".join(problems)


def test_registrations_per_year_end_active_in_2019(runs):
    ratio = np.mean([ts.loc["2019-12", "registrations_per_active"] for ts in runs])
    assert 3 <= ratio <= 8, ratio


def test_labour_force_matches_sakernas_growth(runs):
    """The eligible labour force grows as set; 2019 should be near Sakernas (133.56m less about 6.1m outside BPJS TK)."""
    lf = pd.read_csv(DATA / "labour_force.csv").set_index("year")
    model_2019 = runs[0].loc["2019-08", "labour_force"] / 1e6
    eligible_2019 = lf.loc[2019, "labour_force_million"] - 6.1
    assert abs(model_2019 - eligible_2019) <= 0.05 * eligible_2019, (model_2019, eligible_2019)
