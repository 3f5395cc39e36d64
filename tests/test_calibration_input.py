"""Bad input to ``enrolsim calibrate`` (studies/calibration_spec.py, studies/calibration.py).

Every case: one line on stderr naming the file, the key and what was expected; exit status 2; no
traceback; and nothing written. The cases: a data file that is empty, not UTF-8, without the columns
the targets read or with a figure that is not a number; a target's ``model_month`` that is not a
month or lies outside the simulated window; and an ``--out`` folder whose study was made by another
calibration (or by this file before it was edited), which would otherwise be continued with the new
bounds, and its candidates outside them written to calibrated.yaml.
"""

import json
import shutil

import optuna
import pandas as pd
import pytest
import yaml

from conftest import refused as _refused
from conftest import run_cli
from enrolsim.core.errors import ExperimentError
from enrolsim.experiments.fingerprint import model_fingerprint
from enrolsim.studies.calibration import DIGEST_ATTR, MODEL_ATTR, check_study
from enrolsim.studies.calibration_spec import load_calibration
from test_calibration_recheck import SHIPPED, _absolute

SMALL = ["--agents", 2000, "--executor", "serial"]
TINY = [*SMALL, "--trials", 2, "--recheck", 1, "--recheck-seeds", 1]


def _spec() -> dict:
    return _absolute(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))


def _write(path, spec: dict):
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def _files(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- the data file ---------------------------------------------------------------------------------


def _data_copy(edit):
    def write(tmp_path):
        table = pd.read_csv(_spec()["data"])
        edit(table)
        path = tmp_path / "data.csv"
        table.to_csv(path, index=False)
        return path

    return write


def _first_target_row(table: pd.DataFrame) -> pd.Series:
    return (table["metric"] == "active_participants") & (table["segment"] == "total") & (table["ref_date"] == "2014-10-31")


@pytest.mark.parametrize(
    ("data", "key", "words"),
    [
        (lambda tmp_path: _bytes(tmp_path, b""), "", "is empty (expected a CSV with a header row: indicator (or metric), segment, date"),
        (lambda tmp_path: _bytes(tmp_path, "metric,segment,ref_date,value\nr\xe9g,all,2016-12-31,1\n".encode("latin-1")), "", "is not UTF-8 text"),
        (lambda tmp_path: _bytes(tmp_path, b"metric,when,value\nactive_participants,2016-12-31,1\n"), "columns", "missing segment, date (expected"),
        (_data_copy(lambda t: t.pop("value")), "columns", "missing value (expected"),
        (
            _data_copy(lambda t: t.__setitem__("value", t["value"].astype(object).where(~_first_target_row(t), "about 16"))),
            "value",
            "'about 16' is not a number",
        ),
        (
            _data_copy(lambda t: t.__setitem__("reliability", t["reliability"].where(~_first_target_row(t), "E"))),
            "reliability",
            "'E' is not a reliability code",
        ),
    ],
    ids=["empty", "not-utf8", "no-date-or-segment", "no-value", "value-not-a-number", "unknown-reliability"],
)
def test_a_bad_data_file_is_refused_in_one_line_naming_it(tmp_path, data, key, words):
    csv = data(tmp_path)
    spec = _spec()
    spec["data"] = str(csv)
    out = tmp_path / "out"
    line = _refused(run_cli(["calibrate", _write(tmp_path / "cal.yaml", spec), "--out", out, *TINY]), str(csv), words)
    assert f"{key}: " in line if key else line.startswith(f"enrolsim: {csv}: ")
    assert not out.exists()


def _bytes(tmp_path, content: bytes):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    return path


# -- model_month -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "words"),
    [("2015-13", "'2015-13' is not a month written YYYY-MM"), ("2030-01", "2030-01 is outside the simulated window 2014-01 .. 2019-12")],
)
def test_a_bad_model_month_is_blamed_on_model_month(tmp_path, month, words):
    spec = _spec()
    spec["targets"][0]["model_month"] = month
    out = tmp_path / "out"
    line = _refused(run_cli(["calibrate", _write(tmp_path / "cal.yaml", spec), "--out", out, *TINY]), "cal.yaml", "targets.0.model_month: ", words)
    assert "targets.0.date" not in line
    assert not out.exists()


# -- a study of another calibration ------------------------------------------------------------------


def test_the_digest_follows_the_search_and_not_the_number_of_candidates(tmp_path):
    own = load_calibration(SHIPPED).digest()
    same = {"budget.trials": 7, "budget.batch": 2, "budget.best": 3, "budget.ensemble": 30, "budget.recheck": 2, "budget.recheck_seeds": 1}
    assert load_calibration(SHIPPED, same).digest() == own
    assert load_calibration(_write(tmp_path / "copy.yaml", _spec())).digest() == own  # the same files by other paths
    for dotted, value in {"settings.population.agents": 2000, "budget.replications": 3, "seed": 1}.items():
        assert load_calibration(SHIPPED, {dotted: value}).digest() != own, dotted
    edits = [_edit_bounds, _edit_target, lambda spec: spec["checks"][0].update(within=0.2), lambda spec: spec["log_scale"].remove(spec["log_scale"][0])]
    for i, edit in enumerate(edits):
        spec = _spec()
        edit(spec)
        assert load_calibration(_write(tmp_path / f"edit{i}.yaml", spec)).digest() != own, i


@pytest.fixture(scope="module")
def searched(tmp_path_factory):
    """An --out folder after a tiny search of the shipped calibration (made once, copied by each test)."""
    out = tmp_path_factory.mktemp("searched") / "cal"
    result = run_cli(["calibrate", _write(out.parent / "cal.yaml", _spec()), "--out", out, *TINY])
    assert result.code == 0, result.err
    return out


def _edit_bounds(spec):
    spec["parameters"]["labour_market.casual_months_mean"] = [1.5, 2.0]


def _edit_target(spec):
    spec["targets"][0]["weight"] = 3


def _edit_name(spec):
    spec["name"] = "another calibration"


@pytest.mark.parametrize(
    ("edit", "options"),
    [(_edit_bounds, []), (_edit_target, []), (_edit_name, []), (lambda spec: None, ["--agents", 3000])],
    ids=["bounds", "target", "name", "agents"],
)
def test_a_study_of_another_calibration_is_refused_before_anything_runs(tmp_path, searched, edit, options):
    out = tmp_path / "cal"
    shutil.copytree(searched, out)
    before = _files(out)
    spec = _spec()
    edit(spec)
    result = run_cli(["calibrate", _write(tmp_path / "edited.yaml", spec), "--out", out, *TINY, *options])
    _refused(result, f"{out}: study.db: ", "holds a study of a different calibration", "use a new --out folder")
    assert _files(out) == before  # nothing run, nothing written: calibrated.yaml keeps the old study's values


def test_the_same_calibration_continues_its_study(tmp_path, searched):
    out = tmp_path / "cal"
    shutil.copytree(searched, out)
    result = run_cli(["calibrate", _write(tmp_path / "same.yaml", _spec()), "--out", out, *SMALL, "--trials", 3, "--recheck", 2, "--recheck-seeds", 1])
    assert result.code == 0, result.err
    study = optuna.load_study(study_name=load_calibration(SHIPPED).spec.name, storage=f"sqlite:///{out / 'study.db'}")
    assert len(study.trials) == 3 and study.user_attrs[DIGEST_ATTR] == load_calibration(SHIPPED, {"settings.population.agents": 2000}).digest()
    assert study.user_attrs[MODEL_ATTR] == model_fingerprint()


def test_a_study_scored_by_another_model_is_refused(tmp_path):
    """The same calibration on changed rules would rank two models' losses together: refused in one line, and a study
    made before the model's fingerprint was recorded continues."""
    cal = load_calibration(SHIPPED)
    study = optuna.create_study(study_name=cal.spec.name, storage=f"sqlite:///{tmp_path / 'study.db'}")
    study.set_user_attr(DIGEST_ATTR, cal.digest())
    study.tell(study.ask(), 1.0)
    check_study(cal, tmp_path)  # no fingerprint recorded: continued
    study.set_user_attr(MODEL_ATTR, "0123456789abcdef")
    with pytest.raises(ExperimentError, match=r"study\.db: holds candidates scored by another version of the model \(fingerprint 0123456789abcdef"):
        check_study(cal, tmp_path)
    study.set_user_attr(MODEL_ATTR, model_fingerprint())
    check_study(cal, tmp_path)


def test_a_study_made_before_fingerprints_is_refused_when_its_stores_name_another_model(tmp_path, searched):
    """A study that recorded no model is judged by its batch and recheck stores, which record theirs."""
    out = tmp_path / "cal"
    shutil.copytree(searched, out)
    study = optuna.load_study(study_name=load_calibration(SHIPPED).spec.name, storage=f"sqlite:///{out / 'study.db'}")
    study._storage.set_study_user_attr(study._study_id, MODEL_ATTR, None)
    cal = load_calibration(_write(tmp_path / "same.yaml", _spec()), {"settings.population.agents": 2000})
    check_study(cal, out)  # its stores were made by this model
    batch = sorted((out / "batches").iterdir())[0] / "experiment.json"
    batch.write_text(json.dumps({**json.loads(batch.read_text()), "model_fingerprint": "0123456789abcdef"}))
    with pytest.raises(ExperimentError, match=r"holds candidates scored by another version of the model \(fingerprint 0123456789abcdef"):
        check_study(cal, out)


def test_a_study_without_a_digest_is_continued_only_while_it_has_no_candidate(tmp_path):
    cal = load_calibration(SHIPPED)
    study = optuna.create_study(study_name=cal.spec.name, storage=f"sqlite:///{tmp_path / 'study.db'}")
    check_study(cal, tmp_path)  # made but never asked: nothing to mistake
    study.tell(study.ask(), 1.0)
    with pytest.raises(ExperimentError, match=r"study\.db: holds a study of a different calibration \(no recorded digest"):
        check_study(cal, tmp_path)


def test_a_study_db_that_is_not_a_database_is_refused_in_one_line(tmp_path):
    out = tmp_path / "cal"
    out.mkdir()
    (out / "study.db").write_text("not a database\n", encoding="utf-8")
    result = run_cli(["calibrate", _write(tmp_path / "cal.yaml", _spec()), "--out", out, *TINY])
    _refused(result, f"{out}: study.db: cannot be read as an Optuna study (file is not a database)", "use a new --out folder")
    assert [p.name for p in out.iterdir()] == ["study.db"]


def test_a_sum_over_part_of_a_year_and_a_model_month_not_read_are_refused(tmp_path):
    """A year's flow summed over the months a run has of it would pass for the year's; model_month is read only at a month."""
    spec = _spec()
    flow = next(t for t in spec["targets"] if t.get("how") == "year_sum" and t["date"] == "2016-12-31")
    spec.update(targets=[flow], checks=[], settings={**spec["settings"], "start": "2016-06", "months": 12})
    out = tmp_path / "out"
    _refused(run_cli(["calibrate", _write(tmp_path / "late.yaml", spec), "--out", out, *TINY]), "late.yaml", "targets.0.how: ", "needs the whole year")
    spec.update(targets=[{**flow, "model_month": "2016-12"}], settings=_spec()["settings"])
    _refused(run_cli(["calibrate", _write(tmp_path / "month.yaml", spec), "--out", out, *TINY]), "month.yaml", "targets.0.model_month: ", "how: at")
    assert not out.exists()
