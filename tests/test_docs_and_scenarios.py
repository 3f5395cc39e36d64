"""Generated documents match the code, and every shipped scenario file runs (issue 2, "Show" 7).

- ``docs/parameters.md`` is ``enrolsim.scenario.parameters.parameter_table()`` (regenerate with
  ``.venv/bin/enrolsim params --out docs/parameters.md``);
- ``scenarios/baseline.yaml`` is ``enrolsim.scenario.parameters.baseline_yaml()`` (regenerate with
  ``.venv/bin/enrolsim params --baseline scenarios/baseline.yaml``), and loads to the schema defaults;
- the scenario folder holds the baseline (that every ``scenarios/*.yaml`` runs through the command line,
  names itself and writes its files is ``test_strategies.py::test_scenario_file_runs_and_its_levers_act``).
"""

import enrolsim
from conftest import BASELINE, REPO, SCENARIOS, run_cli
from enrolsim.scenario.parameters import baseline_yaml, parameter_rows, parameter_table

SCENARIO_FILES = sorted(SCENARIOS.glob("*.yaml"))


def test_parameters_doc_is_generated_from_the_schema():
    doc = REPO / "docs" / "parameters.md"
    assert doc.exists(), "run `.venv/bin/enrolsim params --out docs/parameters.md`"
    assert doc.read_text(encoding="utf-8") == parameter_table(), "docs/parameters.md is stale: run `.venv/bin/enrolsim params --out docs/parameters.md`"


def test_every_parameter_is_documented():
    """Each leaf parameter has a meaning and a unit, and bounded numbers show their range."""
    rows = parameter_rows()
    assert len(rows) > 50
    for row in rows:
        assert row["meaning"].strip(), row["key"]
        assert row["unit"].strip(), row["key"]
    table = parameter_table()
    assert "`jht.withdrawal_probability`" in table and "`population.agents`" in table


def test_baseline_file_is_generated_from_the_schema():
    assert BASELINE.read_text(encoding="utf-8") == baseline_yaml(), (
        "scenarios/baseline.yaml is stale: run `.venv/bin/enrolsim params --baseline scenarios/baseline.yaml`"
    )


def test_baseline_file_holds_the_schema_defaults():
    loaded = enrolsim.load_scenario(BASELINE).model_dump(mode="json")
    defaults = enrolsim.Scenario().model_dump(mode="json")
    loaded.pop("name"), loaded.pop("description"), defaults.pop("name"), defaults.pop("description")
    assert loaded == defaults


def test_params_command_writes_the_table(tmp_path):
    out = tmp_path / "parameters.md"
    base = tmp_path / "baseline.yaml"
    result = run_cli(["params", "--out", out, "--baseline", base])
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8") == parameter_table()
    assert base.read_text(encoding="utf-8") == baseline_yaml()


def test_scenario_folder_is_not_empty():
    assert BASELINE in SCENARIO_FILES and len(SCENARIO_FILES) >= 1
