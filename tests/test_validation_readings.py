"""How ``enrolsim validate`` reads the model against each kind of published figure (``READINGS``).

A figure of ``data/`` without a reading is shown as "not represented" and never checked: a new data row, or
a kind of figure the model could be read against, must not fall there unnoticed. All benefits paid (graded A
for 2018 and 2019) were such a figure until 2026-11-30, though the model pays every benefit it counts.
"""

import pandas as pd
import pytest

from conftest import DATA
from enrolsim.analysis.validation_tables import READINGS, observed_points, point_table
from enrolsim.indicators import INDICATORS
from enrolsim.studies.validation import fitted_targets

#: The figures the model has no counterpart of, and why (docs/validation.md lists them in the report's misses).
NOT_REPRESENTED = {
    ("active_participants", "non-asn (sub-segment of pu)"),  # public staff who are not civil servants: not a segment of the model
    ("new_participants", "all"),  # 3.4 million in 2018 (D): "probably net or partial", against 16-23 million gross a year
    ("perisai_contributions_cumulative", "all"),  # rupiah collected by Perisai agents: their recruits' dues are not kept apart
    ("new_participants_target", "all"),  # a target, not an observation
}


def test_every_reading_names_model_indicators():
    unknown = {name for reading in READINGS.values() for name in reading.model if name not in INDICATORS}
    assert not unknown


def test_only_the_listed_figures_have_no_counterpart_in_the_model():
    points = observed_points(DATA, fitted_targets())
    missing = points[points["model"].fillna("").eq("")]
    assert set(zip(missing["indicator"], missing["segment"].str.lower(), strict=True)) == NOT_REPRESENTED


def test_all_benefits_paid_in_a_year_are_every_benefit_the_model_pays_that_year():
    """Rp27.6 trillion in 2018: JHT claimed early, JHT paid at the pension age or death, JKK and JKM, summed over
    the year's twelve months (not December's alone, not the year before), in trillions."""
    points = observed_points(DATA, fitted_targets())
    points = points[(points["indicator"] == "total_claims_value") & (points["date"] == "2018-12-31")]
    months = [f"{year}-{m:02d}" for year in (2017, 2018) for m in range(1, 13)]
    in_2018 = [month.startswith("2018") for month in months]
    runs = pd.DataFrame(
        {
            "month": months,
            "run_id": 0,
            "parameter_set": 0,
            "jht_withdrawn_rupiah": [1.0e12 if now else 9.0e12 for now in in_2018],
            "jht_paid_on_exit_rupiah": [0.5e12 if now else 9.0e12 for now in in_2018],
            "claims_rupiah": [0.25e12 if now else 9.0e12 for now in in_2018],
        }
    )
    table = point_table(points, runs)
    assert table["simulated"].tolist() == [pytest.approx(12 * 1.75)]
