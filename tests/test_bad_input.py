"""Bad input stops before anything runs (issue 2, "Show" 1; docs/architecture.md "Scenarios are files").

Every case: exactly one line on stderr that names the file (or the option), the key path and what
was expected; exit status 2; and nothing written, so the ``--out`` folder does not exist afterwards
(and no staging folder is left beside it).
"""

from pathlib import Path

import pytest

from conftest import BASELINE, REPO, run_cli

BASE = BASELINE.as_posix()


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _assert_refused(result, out: Path, *fragments: str) -> str:
    """Exit 2, one line on stderr containing every fragment, nothing on stdout, nothing written."""
    assert result.code == 2, f"exit status {result.code}, stderr: {result.err!r}"
    assert len(result.err_lines) == 1, f"expected one line on stderr, got: {result.err!r}"
    line = result.err_lines[0]
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    assert "Traceback" not in result.err
    assert not out.exists(), f"{out} was written although the input was refused"
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    assert not leftovers, f"staging folders left behind: {leftovers}"
    return line


# (file name, YAML text, fragments the one-line message must contain)
BAD_FILES = [
    pytest.param(
        "unknown_key.yaml",
        f"extends: {BASE}\npopulation:\n  agentz: 5000\n",
        ["unknown_key.yaml", "population.agentz", "unknown key", "agents"],
        id="unknown-key",
    ),
    pytest.param(
        "wrong_type.yaml",
        f"extends: {BASE}\npopulation:\n  literacy_mean: high\n",
        ["wrong_type.yaml", "population.literacy_mean", "'high'", "number"],
        id="wrong-type",
    ),
    pytest.param(
        "section_not_mapping.yaml",
        "employers: 5\n",
        ["section_not_mapping.yaml", "employers", "dictionary"],
        id="section-given-a-number",
    ),
    pytest.param(
        "out_of_range.yaml",
        f"extends: {BASE}\njht:\n  withdrawal_probability: 7.5\n",
        ["out_of_range.yaml", "jht.withdrawal_probability", "7.5 is not between 0 and 1"],
        id="out-of-range",
    ),
    pytest.param(
        "negative.yaml",
        "labour_market:\n  contract_months_mean: 0\n",
        ["negative.yaml", "labour_market.contract_months_mean", "is not between 1 and 60"],
        id="below-range",
    ),
    pytest.param(
        "list_item.yaml",
        "contributions:\n  jkk_rates: [0.1, 0.2, 0.3, 0.4, 1.5]\n",
        ["list_item.yaml", "contributions.jkk_rates.4", "1.5"],
        id="list-item-out-of-range",
    ),
    pytest.param(
        "five_rates.yaml",
        "contributions:\n  jkk_rates: [0.1, 0.2]\n",
        ["five_rates.yaml", "contributions.jkk_rates", "expected 5 values"],
        id="list-wrong-length",
    ),
    pytest.param(
        "bad_rule.yaml",
        'jht:\n  regimes:\n    - start: "2015-09"\n      rule: sometimes\n',
        ["bad_rule.yaml", "jht.regimes.0.rule", "'sometimes'", "one_month"],
        id="unknown-enum-value",
    ),
    pytest.param(
        "bad_month.yaml",
        'start: "2017-13"\n',
        ["bad_month.yaml", "start", "'2017-13'", "YYYY-MM"],
        id="bad-month",
    ),
    pytest.param(
        "unordered.yaml",
        'jht:\n  regimes:\n    - start: "2020-01"\n    - start: "2015-09"\n',
        ["unordered.yaml", "jht", "order of their start month"],
        id="regimes-out-of-order",
    ),
    pytest.param(
        "segment_shares.yaml",
        f"extends: {BASE}\npopulation:\n  segment_shares:\n    informal: 0.9\n",
        ["segment_shares.yaml", "population", "segment_shares must sum to 1", "1.408"],
        id="shares-do-not-sum-to-1",
    ),
    pytest.param(
        "hire_shares.yaml",
        "labour_market:\n  hire_shares:\n    contract: 0.55\n    unemployed: 0.1\n",
        ["hire_shares.yaml", "labour_market", "hire_shares.unemployed must be 0"],
        id="hire-share-to-unemployment",
    ),
    pytest.param(
        "initial_shares.yaml",
        "population:\n  initial_inactive_share: 0.8\n  initial_withdrawn_share: 0.5\n",
        ["initial_shares.yaml", "population", "must not exceed 1"],
        id="initial-shares-exceed-1",
    ),
    pytest.param(
        "invalid.yaml",
        "population:\n  agents: [1, 2\n",
        ["invalid.yaml", "invalid YAML", "line 3"],
        id="invalid-yaml",
    ),
    pytest.param(
        "top_list.yaml",
        "- a\n- b\n",
        ["top_list.yaml", "mapping"],
        id="top-level-not-a-mapping",
    ),
    pytest.param(
        "extends_number.yaml",
        "extends: 5\n",
        ["extends_number.yaml", "extends", "not a file name"],
        id="extends-not-a-name",
    ),
    pytest.param(
        "twice.yaml",
        "months: 12\nname: twice\nmonths: 24\n",
        ["twice.yaml", "line 3", "the key 'months' is written twice"],
        id="key-written-twice",
    ),
    pytest.param(
        "truth.yaml",
        f"extends: {BASE}\nmonths: true\n",
        ["truth.yaml", "months", "True is not a number"],
        id="yes-for-a-number",
    ),
    pytest.param(
        "nested_truth.yaml",
        "contributions:\n  payment_ease: false\n",
        ["nested_truth.yaml", "contributions.payment_ease", "False is not a number"],
        id="no-for-a-nested-number",
    ),
]


@pytest.mark.parametrize(("name", "text", "fragments"), BAD_FILES)
def test_bad_scenario_file_is_refused_with_one_line(tmp_path, name, text, fragments):
    scenario = _write(tmp_path, name, text)
    out = tmp_path / "out"
    result = run_cli(["run", scenario, "--months", "2", "--agents", "500", "--out", out])
    _assert_refused(result, out, *fragments)


def test_agents_neither_a_number_nor_full(tmp_path):
    """Without ``--agents`` (which would replace it), the file's ``agents: fulll`` is refused naming what is expected."""
    scenario = _write(tmp_path, "agents_word.yaml", f"extends: {BASE}\npopulation:\n  agents: fulll\n")
    out = tmp_path / "out"
    result = run_cli(["run", scenario, "--months", "2", "--out", out])
    _assert_refused(result, out, "agents_word.yaml", "population.agents", "'fulll'", "whole number of agents or full")


def test_missing_file(tmp_path):
    out = tmp_path / "out"
    result = run_cli(["run", tmp_path / "no_such.yaml", "--months", "2", "--agents", "500", "--out", out])
    _assert_refused(result, out, "no_such.yaml", "no such file")


def test_extends_missing_parent_names_the_parent(tmp_path):
    scenario = _write(tmp_path, "child.yaml", "extends: not_there.yaml\nname: child\n")
    out = tmp_path / "out"
    result = run_cli(["run", scenario, "--months", "2", "--agents", "500", "--out", out])
    _assert_refused(result, out, "not_there.yaml", "no such file")


def test_extends_cycle(tmp_path):
    """a.yaml extends b.yaml extends a.yaml: refused, naming the chain."""
    a = _write(tmp_path, "a.yaml", "extends: b.yaml\nname: a\n")
    _write(tmp_path, "b.yaml", "extends: a.yaml\nname: b\n")
    out = tmp_path / "out"
    result = run_cli(["run", a, "--months", "2", "--agents", "500", "--out", out])
    line = _assert_refused(result, out, "a.yaml", "extends", "cycle")
    assert "b.yaml" in line


def test_self_extends_cycle(tmp_path):
    a = _write(tmp_path, "self.yaml", "extends: self.yaml\n")
    out = tmp_path / "out"
    _assert_refused(run_cli(["run", a, "--out", out]), out, "self.yaml", "extends", "cycle")


def test_error_inherited_from_parent_names_the_parent_file(tmp_path):
    """A bad key in the file that is extended must be blamed on that file, not on the child."""
    _write(tmp_path, "parent.yaml", "population:\n  agentz: 3\n")
    child = _write(tmp_path, "child.yaml", "extends: parent.yaml\nname: child\n")
    out = tmp_path / "out"
    result = run_cli(["run", child, "--months", "2", "--agents", "500", "--out", out])
    _assert_refused(result, out, "parent.yaml", "population.agentz", "unknown key")


def test_bad_section_with_cli_override_names_the_file(tmp_path):
    """``population: 5`` plus ``--agents``: the message must still name the scenario file."""
    scenario = _write(tmp_path, "section.yaml", "population: 5\n")
    out = tmp_path / "out"
    result = run_cli(["run", scenario, "--agents", "500", "--months", "2", "--out", out])
    _assert_refused(result, out, "section.yaml", "population")


@pytest.mark.parametrize("value", ["twelve", "0", "true"])
def test_an_option_does_not_hide_a_bad_value_in_the_file(tmp_path, value):
    """``--months 2`` replaces the file's ``months``, but a bad ``months`` in the file is still bad input."""
    scenario = _write(tmp_path, "hidden.yaml", f"extends: {BASE}\nmonths: {value}\n")
    out = tmp_path / "out"
    _assert_refused(run_cli(["run", scenario, "--months", "2", "--agents", "500", "--out", out]), out, "hidden.yaml", "months")


#: Every command that writes a folder, with input that is good: only its ``--out`` is bad.
WRITERS = {
    "run": ["run", "baseline", "--months", "2", "--agents", "500"],
    "compare": ["compare", "baseline", "retention", "--months", "2", "--agents", "500", "--replications", "1"],
    "experiment": ["experiment", REPO / "experiments" / "perisai_sweep.yaml", "--executor", "serial"],
    "trial": ["trial", "jkn_banerjee", "--replications", "1"],
    "calibrate": ["calibrate", "bpjstk_2014_2019", "--executor", "serial", "--trials", "1"],
    "validate": ["validate", "--sets", "1", "--seeds", "1", "--agents", "500", "--months", "12"],
}


@pytest.mark.parametrize("command", list(WRITERS))
def test_an_output_folder_that_cannot_be_made_is_refused_before_any_run(command):
    """/proc refuses a new folder even to root, whose permission bits say yes everywhere: the command must try, not
    trust them, and stop before its runs instead of failing with a traceback when it writes."""
    out = Path("/proc/enrolsim-cannot-be-made")
    result = run_cli([*WRITERS[command], "--out", out])
    assert result.code == 2 and len(result.err_lines) == 1 and "Traceback" not in result.err, result.err[-2000:]
    assert "--out" in result.err and str(out) in result.err and "cannot write" in result.err
    assert not out.exists()


def test_params_checks_both_files_before_writing_either(tmp_path):
    baseline, folder = tmp_path / "baseline.yaml", tmp_path / "a_folder"
    folder.mkdir()
    result = run_cli(["params", "--baseline", baseline, "--out", folder])
    assert result.code == 2 and len(result.err_lines) == 1 and "--out" in result.err and "is a folder" in result.err
    assert not baseline.exists() and list(folder.iterdir()) == []
    table = tmp_path / "parameters.md"
    assert run_cli(["params", "--baseline", baseline, "--out", table]).code == 0
    assert table.read_text(encoding="utf-8").startswith("# Scenario parameters") and baseline.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_folder", "baseline.yaml", "parameters.md"]  # nothing staged left


def test_file_not_utf8_is_refused_with_one_line(tmp_path):
    scenario = _write(tmp_path, "latin1.yaml", 'name: "Kopi \xe9"\n'.encode("latin-1"))
    out = tmp_path / "out"
    result = run_cli(["run", scenario, "--months", "2", "--agents", "500", "--out", out])
    _assert_refused(result, out, "latin1.yaml")


@pytest.mark.parametrize(
    ("option", "value", "fragments"),
    [
        pytest.param("--seed", "x", ["--seed", "'x'", "whole number"], id="seed-not-a-number"),
        pytest.param("--seed", "-1", ["--seed", "-1", "is not between 0"], id="seed-negative"),
        pytest.param("--agents", "5", ["--agents", "5 is not between 100 and"], id="agents-too-few"),
        pytest.param("--agents", "1.5", ["--agents", "'1.5'", "whole number"], id="agents-not-whole"),
        pytest.param("--months", "0", ["--months", "0 is not between 1 and 1200"], id="months-zero"),
        pytest.param("--months", "1201", ["--months", "1201 is not between 1 and 1200"], id="months-too-many"),
    ],
)
def test_bad_command_line_value(tmp_path, option, value, fragments):
    out = tmp_path / "out"
    result = run_cli(["run", BASELINE, option, value, "--out", out])
    _assert_refused(result, out, *fragments)


def test_unknown_option_is_one_line(tmp_path):
    out = tmp_path / "out"
    result = run_cli(["run", BASELINE, "--sead", "1", "--out", out])
    _assert_refused(result, out, "--sead")


def test_out_is_an_existing_file(tmp_path):
    """``--out`` naming a file (not a folder) is bad input too: one line, exit 2, the file untouched."""
    target = tmp_path / "results"
    target.write_text("keep me\n", encoding="utf-8")
    result = run_cli(["run", BASELINE, "--months", "1", "--agents", "500", "--out", target])
    assert result.code == 2, f"exit status {result.code}, stderr: {result.err[-500:]!r}"
    assert len(result.err_lines) == 1 and "results" in result.err_lines[0], result.err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


def test_with_overrides_refuses_out_of_range_value():
    """The Python API validates overrides with the same messages as files."""
    import enrolsim
    from enrolsim.core.errors import ScenarioError

    with pytest.raises(ScenarioError, match=r"enrolment\.registration_ease: 1\.5 is not between 0 and 1"):
        enrolsim.with_overrides(enrolsim.Scenario(), {"enrolment.registration_ease": 1.5})
    with pytest.raises(ScenarioError, match=r"population\.agentz: unknown key"):
        enrolsim.with_overrides(enrolsim.Scenario(), {"population.agentz": 5})


# One reader for every file a person writes (core/files.py): an empty, non-mapping or non-UTF-8 file
# is refused the same way whatever its kind, naming the file (issue 12, "Show" 4).
FILE_KINDS = {
    "scenario": lambda path, out: ["run", path, "--months", "2", "--agents", "500", "--out", out],
    "experiment": lambda path, out: ["experiment", path, "--out", out, "--executor", "serial"],
    "trial": lambda path, out: ["trial", path, "--out", out],
    "calibration": lambda path, out: ["calibrate", path, "--out", out, "--executor", "serial"],
}
UNREADABLE = {
    "empty": ("", ["is empty", "expected a mapping"]),
    "blank-lines": ("\n\n# only a comment\n", ["is empty", "expected a mapping"]),
    "not-a-mapping": ("- a\n- b\n", ["expected a mapping of keys to values"]),
    "not-utf8": ('name: "Kopi \xe9"\n'.encode("latin-1"), ["not UTF-8"]),
}


@pytest.mark.parametrize("kind", list(FILE_KINDS))
@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_file_of_every_kind_is_refused_the_same_way(tmp_path, kind, case):
    text, fragments = UNREADABLE[case]
    path = _write(tmp_path, f"{kind}.yaml", text)
    out = tmp_path / "out"
    result = run_cli(FILE_KINDS[kind](path, out))
    line = _assert_refused(result, out, f"{kind}.yaml", *fragments)
    assert line.startswith(f"enrolsim: {path}: "), line
