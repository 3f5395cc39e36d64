"""Bad ``--parameter-sets FILE`` (an ensemble table) for ``enrolsim compare`` and ``enrolsim validate``.

The whole table is read and checked when it is loaded, before anything runs: an empty file, a missing
column, a cell that is not a finite number or is out of the parameter's range, a negative weight, and
(for compare) a row that makes an invalid scenario are refused with one line naming the CSV, the row
(with its set number) and the column, exit status 2 and nothing written, whether or not the bad row
would have been drawn.
"""

from pathlib import Path

import pytest

import enrolsim.studies.compare as compare_module
import enrolsim.studies.parameter_sets as parameter_sets_module
import enrolsim.studies.validation as validation_module
from conftest import SCENARIOS, refused, run_cli
from enrolsim.core.errors import InputError

HEADER = "set,loss,weight,jht.withdrawal_probability,labour_market.casual_share\n"
GOOD = HEADER + "0,0.01,0.5,0.25,0.8\n1,0.02,0.3,0.3,0.82\n2,0.03,0.2,0.2,0.84\n3,0.04,0.1,0.2,0.83\n"
TINY = ["--agents", "2000", "--months", "12"]


@pytest.fixture
def no_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to run fails the test loudly (the bad table must be refused before)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a run started although the ensemble was bad")

    monkeypatch.setattr(compare_module, "run_experiment", refuse)
    monkeypatch.setattr(validation_module, "run_experiment", refuse)


def _ensemble(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ens.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(argv: list, out: Path, *fragments: str) -> str:
    return refused(run_cli(argv), *fragments, out=out)


def _compare(ensemble: Path, out: Path, *more: str) -> list:
    return ["compare", "baseline", "retention", *TINY, "--replications", "1", "--parameter-sets", ensemble, "--out", out, *more]


def _validate(ensemble: Path, out: Path, *more: str) -> list:
    return ["validate", *TINY, "--seeds", "1", "--parameter-sets", ensemble, "--out", out, *more]


BAD_TABLES = [
    ("", ["ens.csv", "is empty", "weight"]),
    ("set,loss,weight,jht.withdrawal_probability\n", ["ens.csv", "no rows"]),
    ("set,loss,jht.withdrawal_probability\n0,0.1,0.2\n", ["ens.csv", "weight: missing"]),
    ("set,loss,weight\n0,0.1,1\n", ["ens.csv", "no parameter column"]),
    (GOOD + "4,0.05,0.1,abc,0.8\n", ["ens.csv", "row 5 (set 4), jht.withdrawal_probability", "'abc' is not a number"]),
    (GOOD + "4,0.05,0.1,,0.8\n", ["ens.csv", "row 5 (set 4), jht.withdrawal_probability", "is empty"]),
    (GOOD + "4,0.05,0.1,nan,0.8\n", ["ens.csv", "row 5 (set 4), jht.withdrawal_probability", "not a finite number"]),
    (GOOD + "4,0.05,0.1,0.2,7.0\n", ["ens.csv", "row 5 (set 4), labour_market.casual_share", "7.0 is not between 0 and 1"]),
    (GOOD + "4,0.05,-0.1,0.2,0.8\n", ["ens.csv", "row 5 (set 4), weight", "negative"]),
    (HEADER + "0,0.01,0,0.25,0.8\n1,0.02,0,0.3,0.82\n", ["ens.csv", "weight", "every weight is 0"]),
]
IDS = ["empty", "header-only", "no-weight", "no-parameter", "word", "blank", "nan", "out-of-range", "negative-weight", "zero-weights"]


@pytest.mark.parametrize(("text", "fragments"), BAD_TABLES, ids=IDS)
def test_compare_refuses_a_bad_ensemble_before_anything_runs(tmp_path: Path, no_runs, text: str, fragments: list[str]) -> None:
    out = tmp_path / "out"
    _refused(_compare(_ensemble(tmp_path, text), out, "--sets", "1"), out, *fragments)  # --sets 1: the bad row is not drawn, still refused


@pytest.mark.parametrize(("text", "fragments"), BAD_TABLES, ids=IDS)
def test_validate_refuses_a_bad_ensemble_before_anything_runs(tmp_path: Path, no_runs, text: str, fragments: list[str]) -> None:
    out = tmp_path / "out"
    _refused(_validate(_ensemble(tmp_path, text), out, "--sets", "1"), out, *fragments)


def test_a_row_that_makes_an_invalid_scenario_is_named_with_the_csv_and_its_row(tmp_path: Path, no_runs) -> None:
    """The shipped ensemble fits a list of registration-rate changes the baseline does not have."""
    out = tmp_path / "out"
    shipped = SCENARIOS / "calibrated_ensemble.csv"
    line = _refused(_compare(shipped, out, "--sets", "1"), out, "calibrated_ensemble.csv", "row 1 (set 0)", "employers.registration_rate_changes.0", "baseline")
    assert "factors (" not in line


def test_a_good_ensemble_of_fewer_sets_than_the_default_is_drawn_whole(tmp_path: Path) -> None:
    plan = compare_module.prepare(["baseline", "retention"], agents=2000, months=12, replications=1, parameter_sets=_ensemble(tmp_path, GOOD))
    assert len(plan.parameter_sets) == 4  # the default 8, at most the file's 4
    assert all(set(row) == {"jht.withdrawal_probability", "labour_market.casual_share"} for row in plan.parameter_sets)
    with pytest.raises(InputError, match=r"--sets: 5 is not a whole number between 1 and 4"):
        parameter_sets_module.draw_parameter_sets(_ensemble(tmp_path, GOOD), 5, 1, [("baseline", plan.reference.scenario)])
