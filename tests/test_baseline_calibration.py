"""Baseline against the agency's published figures (issue 2, "Show" 5), within the spread over seeds (issue 15).

``scenarios/baseline.yaml`` at 50,000 worker agents, 36 months from 2017-01, seeds 1-8. The observed
active participants in ``data/bpjstk_history.csv`` (indicator ``active_participants``, segment
``all``) that fall inside the simulated window are compared with the model's stock at the end of the
same calendar month (a date 2017-06-30 is the model month ``2017-06``); the "5:1" (registrations in
a year per registrant still active at its end, ``registrations_per_active``) with the agency's
"about 5 in 2018" (``registrations_per_year_end_active``, published 2019-01-23 for 2018).

The model matches a figure when the published range (the numbers that round to it) meets the mean
over the 8 seeds +- 3 standard errors (``tests/bands.py``); where it does not, the test is an
expected failure (strict) stating the miss, and a companion test keeps the miss from growing.
Measured on the issue-13 model before its calibration (after commit 04aa5ae; one seed varies by
about 1m, so the mean by 0.35m): 32.4m in 2017-06 (+42%), 39.3m in 2018-12 (+29%) and 44.6m in
2019-12 (+31%), 27 to 30 standard errors away; the 5:1 is 3.32 (standard error 0.04) in 2018 (-34%). All four
were expected failures: the baseline is the status quo carried forward from 2017, not fitted to these
figures (``scenarios/calibrated.yaml`` is, ``test_calibrated.py``). Before issue 13 the model gave
24.8m, 30.9m and 34.7m (+9%, +1.4%, +1.4%) and a 5:1 of 3.7. Since the recalibration of 2026-11-29 (steady
and irregular payers): 28.4m (+25%), 32.9m (+8%) and 36.7m (+8%), still expected failures, and a 5:1 of
4.65 (standard error 0.06), which meets "about 5".
"""

import pandas as pd
import pytest

import bands
import enrolsim
from conftest import DATA, small

AGENTS, MONTHS, SEEDS = 50_000, 36, tuple(range(1, 9))
REQUIRED_DATES = {"2017-06-30", "2019-12-31"}


def _history() -> pd.DataFrame:
    data = pd.read_csv(DATA / "bpjstk_history.csv", dtype={"value": str})  # as written: 22.8 million is 22.75-22.85
    data["month"] = pd.to_datetime(data["date"]).dt.strftime("%Y-%m")
    return data


def _observed_active() -> pd.DataFrame:
    data = _history()
    rows = data[(data["indicator"] == "active_participants") & (data["segment"] == "all")].copy()
    assert (rows["unit"] == "million persons").all()
    return rows[(rows["month"] >= "2017-01") & (rows["month"] <= "2019-12")]


#: Recorded misses (the baseline is not calibrated to these figures; scenarios/calibrated.yaml is).
MISSES = {
    # measured 2026-12-01 (twenty-third session: JHT claims of every reason counted, a balance at exit claimed only if worth the
    # trip, and the refit) (8 seeds at 50,000 agents); the twenty-second session's 27.6m (0.07m), 32.4m (0.10m) and 36.5m (0.09m)
    # before, the twenty-first's 27.6m, 32.4m and 36.4m, the seventeenth's 27.7m, 32.4m and 36.6m, the sixteenth's 27.6m, 32.3m, 36.5m
    "active_2017-06": (0.212, "27.6m, standard error 0.09m, with Jakon and PMI counted as the agency does"),
    "active_2018-12": (0.064, "32.4m, standard error 0.12m"),
    "active_2019-12": (0.072, "36.6m, standard error 0.11m"),
    "ratio_2018-12": (
        -0.237,
        "3.81, standard error 0.040 (2026-12-01, twenty-third session: JHT claims of every reason counted, a balance at exit claimed"
        " only if worth the trip, and the refit; 3.79 (0.019) in the twenty-second, 3.81 in the twenty-first session, 3.77 on 2026-11-30,"
        " 3.86 before a region's casual hires were drawn as its expected number,"
        " 3.97 before entrants were matched with the other seekers, ahead of them;"
        " 4.00 before the tenth session's refit, 4.04 before casual vacancies lost their clipping; 4.65 before"
        " the fit of the scale-free labour market): the baseline starts in 2017 from its own registered and inactive shares with"
        " rates fitted before; the calibrated scenario, fitted from 2014, gives 4.17 (4.42 in the twenty-second session; tests/test_calibrated.py)",
    ),
}


def _figures() -> list[bands.Figure]:
    figures = []
    for _, row in _observed_active().iterrows():
        unit = bands.unit_of_written(row["value"]) * 1e6
        figure = bands.about(f"active_{row['month']}", float(row["value"]) * 1e6, f"{row['source']}: {row['value']}m active", unit=unit)
        figures.append(figure.missed(*MISSES[figure.name]) if figure.name in MISSES else figure)
    ratio = _history().query("indicator == 'registrations_per_year_end_active'")
    assert len(ratio) == 1 and ratio["date"].iloc[0] == "2019-01-23"  # published in January 2019, about 2018
    figure = bands.about("ratio_2018-12", float(ratio["value"].iloc[0]), f"{ratio['source'].iloc[0]}: about 5 registrations per year-end active in 2018")
    figures.append(figure.missed(*MISSES[figure.name]) if figure.name in MISSES else figure)
    return figures


FIGURES = _figures()


@pytest.fixture(scope="module")
def runs() -> list[pd.DataFrame]:
    scenario = small(agents=AGENTS, months=MONTHS)
    assert scenario.start == "2017-01"
    return [enrolsim.simulate(scenario, seed=seed).timeseries.set_index("month") for seed in SEEDS]


def _spread(runs: list[pd.DataFrame], figure: bands.Figure) -> bands.Spread:
    what, month = figure.name.split("_")
    column = {"active": "active", "ratio": "registrations_per_active"}[what]
    return bands.Spread.of(ts.at[month, column] for ts in runs)


def test_the_data_points_of_issue_2_are_compared():
    assert {f"{f.name.split('_')[1]}" for f in FIGURES if f.name.startswith("active")} >= {d[:7] for d in REQUIRED_DATES}
    assert set(MISSES) <= {f.name for f in FIGURES}


@pytest.mark.parametrize("figure", bands.params(FIGURES))
def test_baseline_matches_the_published_figure(runs, figure: bands.Figure):
    bands.matches(_spread(runs, figure), figure)


@pytest.mark.parametrize("figure", bands.missed(FIGURES))
def test_baseline_misses_no_more_than_recorded(runs, figure: bands.Figure):
    bands.miss_no_larger(_spread(runs, figure), figure)


def test_labour_force_matches_sakernas_growth(runs):
    """The eligible labour force grows as set; 2019 should be near Sakernas (133.56m less about 6.1m outside BPJS TK).

    Deterministic (persons per agent times the agents): the 5% is the uncertainty of the 6.1m outside BPJS TK, not noise."""
    lf = pd.read_csv(DATA / "labour_force.csv").set_index("year")
    model_2019 = runs[0].loc["2019-08", "labour_force"] / 1e6
    eligible_2019 = lf.loc[2019, "labour_force_million"] - 6.1
    assert abs(model_2019 - eligible_2019) <= 0.05 * eligible_2019, (model_2019, eligible_2019)
    assert all(ts.loc["2019-08", "labour_force"] == runs[0].loc["2019-08", "labour_force"] for ts in runs)
