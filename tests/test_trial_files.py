"""Every shipped trial file runs end to end and writes its outputs (moved from test_calibrated.py; the output checks
of test_validation.py's run of the JKN trial through the command line moved here)."""

import numpy as np
import pandas as pd

from conftest import SCENARIOS
from enrolsim.studies.trial import load_trial

TRIALS = sorted((SCENARIOS.parent / "trials").glob("*.yaml"))


def test_every_shipped_trial_file_runs(tmp_path):
    """Each trial file in trials/ runs end to end (small: 3,000 agents, 2 replications) and writes its outputs."""
    from conftest import run_cli

    assert len(TRIALS) >= 3
    for path in TRIALS:
        out = tmp_path / path.stem
        result = run_cli(["trial", path, "--out", out, "--agents", 3000, "--replications", 2])
        assert result.code == 0, (path.name, result.err)
        assert {"uptake.csv", "uptake_runs.csv", "comparison.csv", "summary.json", "uptake.png"} <= {p.name for p in out.iterdir()}
        comparison = pd.read_csv(out / "comparison.csv")
        assert set(comparison["when"]) == {"during", "after"} and comparison["uptake"].between(0, 1).all()
        table = pd.read_csv(out / "uptake.csv")
        assert set(table["arm"]) == {arm.name for arm in load_trial(path).spec.arms}
        assert (table["ci_low"] <= table["mean"]).all() and (table["mean"] <= table["ci_high"]).all()
        assert len(pd.read_csv(out / "uptake_runs.csv")["replication"].unique()) == 2


def test_the_untuned_trials_take_the_tuned_trials_offer_terms():
    """Only the JKN trial is tuned; the others ask what its offer does to other groups, so they must follow it when it is
    retuned (they kept its terms of before the 2026-11-29 recalibration for a day: a lower propensity to enrol met the
    old offer, and validation.md compared the published trials with that)."""
    tuned = load_trial(SCENARIOS.parent / "trials" / "jkn_banerjee.yaml").spec.offer
    others = [path for path in TRIALS if path.stem != "jkn_banerjee"]
    assert others
    for path in others:
        offer = load_trial(path).spec.offer
        assert (offer.visit_logit, offer.free_offer_logit) == (tuned.visit_logit, tuned.free_offer_logit), path.name


def _tiny_trial(tmp_path, **lines):
    """A small trial file on the baseline (2,000 agents, visit in 2018-01, 3 months followed); ``lines`` replace its keys."""
    from conftest import BASELINE

    keys = {
        "name": "Tiny",
        "scenario": str(BASELINE),
        "settings": "{population.agents: 2000}",
        "group": "{segments: [informal]}",
        "start": "'2018-01'",
        "follow_up": "3",
        "arms": "[{name: control}, {name: information, literacy_gain: 0.1}]",
        "measure": "{during: 1, after: 2}",
        "replications": "1",
        **lines,
    }
    path = tmp_path / "tiny.yaml"
    path.write_text("".join(f"{key}: {value}\n" for key, value in keys.items()), encoding="utf-8")
    return path


def _refused(result, out, *fragments):
    from conftest import refused

    return refused(result, *fragments, out=out)


def test_a_group_that_selects_nobody_is_refused_before_anything_is_written(tmp_path):
    """No worker earns less than 1 rupiah a month: no arm has a member, and nothing is written (was: CSVs of zeros, ratio nan)."""
    from conftest import run_cli

    path, out = _tiny_trial(tmp_path, group="{income_below: 1}"), tmp_path / "out"
    _refused(run_cli(["trial", path, "--out", out]), out, "tiny.yaml", "group:", "selects nobody", "income below 1")


def test_a_start_beyond_the_longest_run_blames_start_or_follow_up(tmp_path):
    """The run lasts from the scenario's start to the end of the follow-up: blame the trial's keys, not a months key it has not got."""
    from conftest import run_cli

    out = tmp_path / "out"
    line = _refused(
        run_cli(["trial", _tiny_trial(tmp_path, start="'2150-01'"), "--out", out]), out, "tiny.yaml", "start:", "2150-01", "latest start is 2116-10"
    )
    assert "months:" not in line
    line = _refused(run_cli(["trial", _tiny_trial(tmp_path, start="'2116-11'"), "--out", out]), out, "tiny.yaml", "follow_up:", "at most 2", "2116-10")
    assert "months:" not in line
    assert load_trial(_tiny_trial(tmp_path, start="'2116-10'")).scenario.months == 1200  # the latest start fits exactly


def test_an_arm_without_a_member_is_refused_before_anything_is_written(tmp_path):
    """A group shared among arms by weight can leave an arm empty in a small run: its uptake is no figure (was: a ratio of nan)."""
    from conftest import run_cli

    arms = "[{name: control}, {name: information, literacy_gain: 0.1, weight: 0.000001}]"
    path, out = _tiny_trial(tmp_path, arms=arms), tmp_path / "out"
    _refused(run_cli(["trial", path, "--out", out]), out, "tiny.yaml", "arms:", "'information' has no member", "raise settings.population.agents")


def test_the_uptake_figure_names_the_subsidys_end_and_the_months_compared(tmp_path):
    """The dotted line at a subsidy's end was in no legend, and nothing tied the figure to comparison.csv's two months."""
    from enrolsim.core.plotting import plt
    from enrolsim.studies.trial import uptake_figure

    trial = load_trial(SCENARIOS.parent / "trials" / "nicaragua_thornton.yaml")
    spec = trial.spec
    months = np.arange(1, spec.follow_up + 1)
    table = pd.DataFrame([{"arm": arm.name, "months_since_visit": m, "mean": 0.1, "ci_low": 0.09, "ci_high": 0.11} for arm in spec.arms for m in months])
    fig = uptake_figure(table, spec)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [arm.name for arm in spec.arms] + ["end of a 6-month subsidy", "months compared (comparison.csv)"]
    notes = {t.get_text() for t in ax.texts}
    assert notes == {f"during: month {spec.measure.during}", f"after: month {spec.measure.after}"}
    plt.close(fig)
