"""Shocks, the in-model randomised trial and the calibration command (issue 6).

- A labour-market shock lowers active participants (paired seeds) and changes nothing before it starts.
- ``trials/jkn_banerjee.yaml`` (50,000 agents, 8 replications, as shipped) reproduces the figures of
  Banerjee et al. (2021) within the spread over replications (``tests/bands.py``): control about 8%
  three months after the visit; information no different from control; subsidy plus help about 30%;
  six months after the subsidy ended, subsidy plus help about twice control.
- ``enrolsim calibrate`` on a tiny budget and population writes every output and continues a study.
"""

import json

import numpy as np
import pandas as pd
import pytest

import bands
import enrolsim
from conftest import REPO, small
from enrolsim.core.errors import ScenarioError
from enrolsim.studies.calibration_spec import load_calibration
from enrolsim.studies.trial import compare, load_trial, run_trial

SHOCK = {"start": "2017-07", "end": "2017-12", "job_loss_multiplier": 2.0, "informalisation": 0.1, "income_multiplier": 0.85}


def test_shock_lowers_active_participants_and_is_neutral_before():
    """With wage jobs growing at job_growth; under formal_employment: sakernas the month's informal share is data (an input)
    and hiring refills the jobs a shock closes (docs/ODD.md 7.11), so a shock is tested where it is not overridden."""
    base = small(overrides={"labour_market.formal_employment": "growth"}, agents=10_000, months=18)
    shocked = enrolsim.with_overrides(base, {"shocks": [SHOCK]})
    for seed in (1, 2):
        a = enrolsim.simulate(base, seed).timeseries.set_index("month")
        b = enrolsim.simulate(shocked, seed).timeseries.set_index("month")
        pd.testing.assert_frame_equal(a.loc[:"2017-06"], b.loc[:"2017-06"])
        assert b.loc["2017-12", "active"] < 0.95 * a.loc["2017-12", "active"]
        assert b.loc["2017-12", "active_informal"] > a.loc["2017-12", "active_informal"] * 0.5


@pytest.mark.parametrize(
    ("shock", "key"),
    [
        ({**SHOCK, "end": "2017-01"}, "shocks.0"),
        ({**SHOCK, "job_loss_multiplier": -1}, "shocks.0.job_loss_multiplier"),
        ({**SHOCK, "start": "2017-13"}, "shocks.0.start"),
        ({**SHOCK, "surprise": 1}, "shocks.0.surprise"),
    ],
)
def test_bad_shocks_are_refused(shock, key):
    with pytest.raises(ScenarioError) as err:
        enrolsim.with_overrides(small(agents=1000, months=2), {"shocks": [shock]})
    assert err.value.key == key


@pytest.fixture(scope="module")
def jkn():
    trial = load_trial(REPO / "trials" / "jkn_banerjee.yaml")
    runs = run_trial(trial)
    return trial, runs, compare(runs, trial.spec).set_index(["when", "arm"])


#: Banerjee et al. (2021), as docs/domain.md gives it; measured over the trial's 8 replications (mean, standard error;
#: 2026-11-30, the seventeenth session's model, the trial's offer terms tuned again).
#: (Were one missed, ``.missed(...)`` would make it an expected failure, as in test_baseline_calibration.py.)
JKN_FIGURES = (
    bands.about("control_during", 0.08, "control about 8% enrolled three months after the visit"),  # 8.6% (0.35 points); 6.9% before 2026-11-30
    bands.exact("information_minus_control_during", 0.0, "information alone had no effect"),  # -0.2 points (0.6)
    bands.about("subsidy_assistance_during", 0.30, "full subsidy plus help to register about 30%"),  # 31.6% (0.6); 44.3% before the split of payers
    bands.about("subsidy_assistance_over_control_after", 2.0, "after the subsidy ended coverage about twice control"),  # x2.5 (0.17)
)


def _jkn_values(runs: pd.DataFrame, spec, name: str) -> pd.Series:
    """One value per replication (arms of a replication share a world: differences and ratios are paired)."""
    arm, _, when = name.rpartition("_")
    month = spec.measure.during if when == "during" else spec.measure.after
    at = runs[runs["months_since_visit"] == month].pivot(index="replication", columns="arm", values="share_active")
    if "_minus_" in arm:
        a, b = arm.split("_minus_")
        return at[a] - at[b]
    if "_over_" in arm:
        a, b = arm.split("_over_")
        return at[a] / at[b]
    return at[arm]


@pytest.mark.parametrize("figure", bands.params(JKN_FIGURES))
def test_jkn_trial_reproduces_the_published_figures(jkn, figure: bands.Figure):
    """Each published figure within the mean +- 3 standard errors over the 8 replications (tests/bands.py)."""
    trial, runs, _ = jkn
    bands.matches(bands.Spread.of(_jkn_values(runs, trial.spec, figure.name)), figure)


def test_jkn_uptake_falls_once_the_subsidy_ends(jkn):
    _, _, c = jkn
    assert c.loc[("after", "subsidy_assistance"), "uptake"] < c.loc[("during", "subsidy_assistance"), "uptake"]
    assert c.loc[("during", "control"), "uptake"] > 0


def test_trial_assignment_is_reproducible_and_balanced(jkn):
    _, runs, _ = jkn
    again = run_trial(load_trial(REPO / "trials" / "jkn_banerjee.yaml", {"replications": 1}))
    first = runs[runs["replication"] == 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(first, again)
    members = first[first["months_since_visit"] == 1].set_index("arm")["members"]
    assert members.min() > 0.8 * members.max()


def test_bad_trial_file_one_line_and_nothing_written(tmp_path, run_cli):
    bad = tmp_path / "bad.yaml"
    text = (REPO / "trials" / "jkn_banerjee.yaml").read_text().replace("scenario: ../scenarios/baseline.yaml", f"scenario: {REPO}/scenarios/baseline.yaml")
    bad.write_text(text.replace("subsidy_months: 12, assisted: true", "subsidy_months: -3, assisted: true"))
    out = tmp_path / "out"
    result = run_cli(["trial", bad, "--out", out])
    assert result.code == 2 and len(result.err_lines) == 1
    assert "arms.3.subsidy_months" in result.err and not out.exists()


def test_calibrate_tiny_budget_writes_every_output_and_continues(tmp_path, run_cli):
    out = tmp_path / "cal"
    args = ["calibrate", REPO / "calibrations" / "bpjstk_2014_2019.yaml", "--out", out, "--agents", 2000, "--executor", "serial", "--recheck", 0]
    result = run_cli([*args, "--trials", 3])
    assert result.code == 0, result.err
    for name in ("calibrated.yaml", "fit.csv", "fit.png", "parameters.csv", "trials.csv", "summary.json"):
        assert (out / name).stat().st_size > 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["candidates_finished"] == 3 and np.isfinite(summary["best_loss"])
    fit = pd.read_csv(out / "fit.csv")
    assert len(fit) == len(load_calibration(REPO / "calibrations" / "bpjstk_2014_2019.yaml").spec.targets)  # a row a target
    assert (fit["band_p05"] <= fit["band_p95"]).all()
    scenario = (out / "calibrated.yaml").read_text()
    assert "extends: baseline.yaml" in scenario and "start: 2014-01" in scenario
    copy = tmp_path / "scenarios"
    copy.mkdir()
    (copy / "baseline.yaml").write_text((REPO / "scenarios" / "baseline.yaml").read_text())
    (copy / "calibrated.yaml").write_text(scenario)
    loaded = enrolsim.load_scenario(copy / "calibrated.yaml")
    assert loaded.start == "2014-01" and loaded.jht.regimes[0].rule == "five_years"
    again = run_cli([*args, "--trials", 4])  # continues the study: one more candidate
    assert again.code == 0, again.err
    assert json.loads((out / "summary.json").read_text())["candidates_finished"] == 4
