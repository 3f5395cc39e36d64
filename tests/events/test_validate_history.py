"""``enrolsim validate`` (studies/validation.py, analysis/validation_tables.py, analysis/validation_report.py).

- On a tiny run (a short scenario with an event, a placeholder ensemble of three sets): every file is
  written; ``points.csv`` has one row for every point of the participant and labour files, the points the
  run covers with a simulated mean inside their chance interval, the fitted ones marked; ``history.csv``
  has December's values and the year's sums with both intervals.
- Bad input: one line on stderr, exit status 2, nothing written (a missing or bad ensemble, --by outside
  the run, a bad scenario).
"""

from pathlib import Path

import pandas as pd
import pytest

from conftest import BASELINE, DATA, SCENARIOS, run_cli

COVID = "events:\n  covid: [{start: '2019-09', end: '2019-12', recovery_from: '2019-11'}]\n"
SCENARIO = f"extends: {BASELINE}\nname: Short history\nstart: '2019-06'\nmonths: 8\n" + COVID
ENSEMBLE = "set,loss,weight,jht.withdrawal_probability,enrolment.base_logit\n0,0.01,0.5,0.25,-7.3\n1,0.02,0.3,0.3,-7.2\n2,0.03,0.2,0.2,-7.4\n"


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    scenario, ensemble = tmp_path / "short.yaml", tmp_path / "ensemble.csv"
    scenario.write_text(SCENARIO, encoding="utf-8")
    ensemble.write_text(ENSEMBLE, encoding="utf-8")
    return scenario, ensemble


def _rows(name: str) -> int:
    return len(pd.read_csv(DATA / name))


def test_validate_writes_every_point(inputs, tmp_path):
    scenario, ensemble = inputs
    out = tmp_path / "out"
    args = ["validate", scenario, "--parameter-sets", ensemble, "--sets", "2", "--seeds", "2", "--agents", "1500", "--executor", "serial", "--out", out]
    result = run_cli(args)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(["points.csv", "history.csv", "validation.png", "report.md", "report.html"])
    points = pd.read_csv(out / "points.csv")
    labour = pd.read_csv(DATA / "labour_force.csv")
    expected = _rows("bpjstk_sources_2014_2019.csv") + _rows("bpjstk_history.csv") + _rows("labour_force_rates.csv") + _rows("payment_regularity.csv")
    expected += labour["informal_share"].notna().sum() + labour["labour_force_million"].notna().sum()
    expected += (labour["labour_force_million"].notna() & labour["employed_million"].notna()).sum() - _rows("labour_force_rates.csv")
    assert len(points) == expected
    covered = points[points["simulated"].notna()]
    assert set(covered["date"].str[:7]) <= {f"2019-{m:02d}" for m in range(6, 13)} | {"2020-01"}
    assert len(covered) >= 4  # the 2019 totals, the August labour figures
    assert ((covered["simulated_chance_p5"] <= covered["simulated"] + 1e-9) & (covered["simulated"] <= covered["simulated_chance_p95"] + 1e-9)).all()
    assert {"fitted", "input", "target", "check"} <= set(points["use"])
    history = pd.read_csv(out / "history.csv")
    assert set(history["year"]) == {2019} and {"value_chance_p5", "value_parameter_p95"} <= set(history.columns)
    assert "Observed against simulated" in (out / "report.md").read_text(encoding="utf-8")
    assert "million active in 2020-01" in result.out


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda s, e, t: ["--parameter-sets", t / "missing.csv"], "--parameter-sets"),
        (lambda s, e, t: ["--parameter-sets", s], "ensemble table"),
        (lambda s, e, t: ["--parameter-sets", e, "--by", "2030-01"], "--by"),
        (lambda s, e, t: ["--parameter-sets", e, "--sets", "9"], "--sets"),
        (lambda s, e, t: ["--parameter-sets", e, "--months", "6"], "reach no December"),  # was KeyError: 'indicator'
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(inputs, tmp_path, change, needle):
    scenario, ensemble = inputs
    out = tmp_path / "out"
    result = run_cli(["validate", scenario, *change(scenario, ensemble, tmp_path), "--agents", "1000", "--out", out])
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1 and needle in result.err, result.err
    assert not out.exists()


def test_a_bad_scenario_is_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: {BASELINE}\nevents:\n  covid: [{{furloughed: -1}}]\n", encoding="utf-8")
    result = run_cli(["validate", bad, "--out", tmp_path / "out"])
    assert result.code == 2 and len(result.err_lines) == 1 and "events.covid.0.furloughed" in result.err, result.err


def test_the_report_reproduces_anywhere_with_the_shipped_scenario_and_ensemble(tmp_path):
    """The report's command named the shipped ensemble by this machine's path and the scenario by its file name
    (``history.yaml``), which fails in any other folder: the shipped ones are named as the command finds them."""
    from enrolsim.studies.validation import prepare_validation

    small = {"sets": 1, "seeds": 1, "agents": 1000, "months": 13, "by": "2014-12"}
    plan = prepare_validation(SCENARIOS / "history.yaml", parameter_sets=SCENARIOS / "calibrated_ensemble.csv", **small)
    assert plan.command().startswith("enrolsim validate history --sets 1 ")
    assert plan.ensemble_name() == "scenarios/calibrated_ensemble.csv (shipped)"
    own = tmp_path / "ensemble.csv"
    own.write_bytes((SCENARIOS / "calibrated_ensemble.csv").read_bytes())
    mine = tmp_path / "mine.yaml"
    mine.write_text("extends: history\n", encoding="utf-8")
    plan = prepare_validation(mine, parameter_sets=own, **small)
    assert plan.command().startswith(f"enrolsim validate {mine} --parameter-sets {own} --sets 1 ")
    assert plan.ensemble_name() == str(own)
