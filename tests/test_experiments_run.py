"""Running experiments: identical results whatever the executor, resuming, failures (issue 4, Show 1)."""

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import enrolsim.run
from enrolsim.experiments import load, load_experiment, make_model_function, model_function, run_experiment
from enrolsim.experiments.fingerprint import MODEL_DATA, PACKAGE, fingerprint_of, model_files, model_fingerprint
from enrolsim.indicators import INDICATORS
from experiments_support import REPO, run_cli, small_spec, write_spec


@pytest.fixture(scope="module")
def serial_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serial")
    experiment = load_experiment(write_spec(folder, small_spec()))
    report = run_experiment(experiment, folder / "store", executor="serial", progress=False)
    assert report.finished == 8 and report.failed == 0
    return folder / "store"


def _series_bytes(store: Path) -> dict[int, bytes]:
    """Each run's kept values as raw float64 bytes, so equality is byte for byte."""
    series = load(store).series
    return {
        run: "|".join(frame["month"]).encode() + frame.drop(columns=["run_id", "month"]).to_numpy("float64").tobytes()
        for run, frame in series.groupby("run_id")
    }


def test_store_layout_and_tables(serial_store: Path) -> None:
    data = load(serial_store)
    assert (serial_store / "experiment.json").exists() and (serial_store / "runs.parquet").exists()
    info = json.loads((serial_store / "experiment.json").read_text())
    assert info["spec_hash"] and info["enrolsim_version"] and len(info["seeds"]) == 2
    assert list(data.runs["run_id"]) == list(range(8))
    assert set(data.runs["status"]) == {"finished"}
    assert (data.runs.groupby("replication")["seed"].nunique() == 1).all()  # common random numbers
    assert list(data.runs["replication"]) == [0, 0, 0, 0, 1, 1, 1, 1]  # run ids are replication-major
    summary = pd.read_parquet(serial_store / "runs.parquet")
    assert set(summary["status"]) == {"finished"}
    assert list(data.series.columns) == ["run_id", "month", "active", "active_bpu", "coverage", "lapses"]
    assert len(data.series) == 8 * 9
    tidy = data.tidy()
    assert {"employers.registration_rate", "contributions.payment_ease", "indicator", "value"} <= set(tidy.columns)
    assert len(tidy) == 8 * 9 * 4
    at = data.at("coverage", "2017-09")
    assert len(at) == 8 and at["value"].between(0, 1).all()


def test_a_run_equals_simulate_with_its_seed(serial_store: Path) -> None:
    data = load(serial_store)
    experiment = load_experiment(serial_store.parent / "exp.yaml")
    row = data.runs.iloc[5]
    direct = enrolsim.run.simulate(experiment.scenario_for(int(row["point"])), seed=int(row["seed"])).timeseries
    stored = data.series[data.series["run_id"] == 5]
    assert stored["active"].to_numpy().tobytes() == direct["active"].to_numpy().tobytes()


@pytest.mark.parametrize("executor", ["processes", "dask"])
def test_executors_give_byte_identical_series(serial_store: Path, tmp_path: Path, executor: str) -> None:
    experiment = load_experiment(serial_store.parent / "exp.yaml")
    report = run_experiment(experiment, tmp_path / executor, executor=executor, workers=2, progress=False)
    assert report.finished == 8 and report.failed == 0
    assert _series_bytes(tmp_path / executor) == _series_bytes(serial_store)


def test_rerun_skips_finished_runs_and_changed_spec_is_refused(serial_store: Path, tmp_path: Path) -> None:
    experiment = load_experiment(serial_store.parent / "exp.yaml")
    before = sorted(p.stat().st_mtime_ns for p in (serial_store / "series").iterdir())
    report = run_experiment(experiment, serial_store, executor="serial", progress=False)
    assert report.skipped == 8 and report.finished == 0
    assert sorted(p.stat().st_mtime_ns for p in (serial_store / "series").iterdir()) == before
    changed = write_spec(tmp_path, small_spec(seed=12))
    code, _, err = run_cli("experiment", str(changed), "--out", str(serial_store), "--executor", "serial")
    assert code == 2 and "experiment.json" in err and "hash" in err and "new --out folder" in err
    assert len(list((serial_store / "series").iterdir())) == 8


def test_more_replications_run_only_the_new_ones_and_fewer_are_refused(serial_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "grown"
    shutil.copytree(serial_store, store)
    before = _series_bytes(store)
    more = load_experiment(write_spec(tmp_path, small_spec(replications=3), "more.yaml"))
    report = run_experiment(more, store, executor="serial", progress=False)
    assert (report.skipped, report.finished) == (8, 4)  # replication 2 of the 4 design points
    data = load(store)
    assert list(data.runs["run_id"]) == list(range(12)) and list(data.runs["replication"]) == [0] * 4 + [1] * 4 + [2] * 4
    assert json.loads((store / "experiment.json").read_text())["replications"] == 3
    grown = _series_bytes(store)
    assert {i: grown[i] for i in before} == before  # the first 8 runs are untouched
    fresh = tmp_path / "fresh"
    run_experiment(more, fresh, executor="serial", progress=False)
    assert _series_bytes(fresh) == grown  # the same as running 3 replications at once
    code, _, err = run_cli("experiment", str(write_spec(tmp_path, small_spec(replications=2), "fewer.yaml")), "--out", str(store), "--executor", "serial")
    assert code == 2 and "replications" in err and "holds 3" in err


def test_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "notes.txt").write_text("mine")
    code, _, err = run_cli("experiment", str(write_spec(tmp_path, small_spec())), "--out", str(tmp_path / "store"))
    assert code == 2 and "not empty" in err
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["notes.txt"]


def test_failed_run_is_recorded_others_continue_and_rerun_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = enrolsim.run.simulate

    def flaky(scenario, seed=0, **kwargs):
        if scenario.employers.registration_rate == 0.05 and scenario.contributions.payment_ease == 0.8:
            raise RuntimeError("boom in point 3")
        return real(scenario, seed=seed, **kwargs)

    monkeypatch.setattr(enrolsim.run, "simulate", flaky)
    path = write_spec(tmp_path, small_spec())
    code, out, err = run_cli("experiment", str(path), "--out", str(tmp_path / "store"), "--executor", "serial")
    assert code == 1
    assert "2 runs failed" in err and "3, 7" in err
    data = load(tmp_path / "store")
    failed = data.runs[data.runs["status"] == "failed"]
    assert list(failed["run_id"]) == [3, 7]  # point 3 in replications 0 and 1
    assert (failed["error"] == "RuntimeError: boom in point 3").all()
    assert (data.runs["status"] == "finished").sum() == 6

    monkeypatch.setattr(enrolsim.run, "simulate", real)
    code, out, err = run_cli("experiment", str(path), "--out", str(tmp_path / "store"), "--executor", "serial")
    assert code == 0, err
    assert "6 already done, 2 finished now, 0 failed" in out
    data = load(tmp_path / "store")
    assert set(data.runs["status"]) == {"finished"} and not list((tmp_path / "store" / "failed").iterdir())


def test_strategy_comparison_over_scenario_files(tmp_path: Path) -> None:
    spec = small_spec(
        factors={"scenario": {"levels": [str(REPO / "scenarios" / "baseline.yaml"), str(REPO / "scenarios" / "perisai_6000.yaml")]}},
        settings={"population.agents": 2000, "months": 18},
        keep={"indicators": ["active_bpu"], "months": "last"},
    )
    spec.pop("scenario")
    experiment = load_experiment(write_spec(tmp_path, spec))
    run_experiment(experiment, tmp_path / "store", executor="serial", progress=False)
    data = load(tmp_path / "store")
    assert len(data.series) == 4 and set(data.series["month"]) == {"2018-06"}
    assert data.runs["scenario"].str.endswith("perisai_6000.yaml").sum() == 2
    assert (data.runs.groupby("replication")["seed"].nunique() == 1).all()  # same seeds for both scenarios


def test_model_function_adapter() -> None:
    f = make_model_function(settings={"population.agents": 1000, "months": 6}, outcomes=["active", "coverage"])
    first = f(**{"enrolment.literacy_effect": 3.0})
    again = f(enrolment__literacy_effect=3.0)
    assert first == again and set(first) == {"active", "coverage"}
    assert 0 <= first["coverage"] <= 1
    assert callable(model_function) and "active" in INDICATORS


def test_a_store_made_by_another_model_is_refused_and_left_whole(serial_store: Path, tmp_path: Path) -> None:
    """The same spec on changed rules would mix two models' runs: a store records the model's fingerprint
    (experiments/fingerprint.py) and only that model continues it; a store made before fingerprints were kept continues."""
    info = json.loads((serial_store / "experiment.json").read_text())
    assert info["model_fingerprint"] == model_fingerprint()
    store = tmp_path / "older"
    shutil.copytree(serial_store, store)
    (store / "experiment.json").write_text(json.dumps({**info, "model_fingerprint": "0123456789abcdef"}))
    before = _series_bytes(store)
    code, out, err = run_cli("experiment", str(serial_store.parent / "exp.yaml"), "--out", str(store), "--executor", "serial")
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and f"{store}: experiment.json: " in err
    assert "another version of the model (fingerprint 0123456789abcdef" in err and "new --out folder" in err
    assert _series_bytes(store) == before
    unrecorded = {key: value for key, value in info.items() if key != "model_fingerprint"}
    (store / "experiment.json").write_text(json.dumps(unrecorded))
    report = run_experiment(load_experiment(serial_store.parent / "exp.yaml"), store, executor="serial", progress=False)
    assert (report.skipped, report.finished) == (8, 0)


def test_the_fingerprint_follows_the_rules_not_the_words(tmp_path: Path) -> None:
    """A rule's module, a top-level module or a data table a run reads changed: another fingerprint. A report's words,
    a command, a study's workflow, a scenario file, the calibrated ensemble or a table of calibration targets: the same."""
    package = tmp_path / "enrolsim"
    files = {
        "processes/rule.py": "x = 1\n", "model.py": "m = 1\n", "data/labour_force.csv": "a\n1\n", "texts/words.py": "W = 'a'\n",
        "cli/main.py": "pass\n", "studies/compare.py": "pass\n", "scenarios/s.yaml": "a: 1\n", "scenarios/calibrated_ensemble.csv": "p\n1\n",
        "data/bpjstk_history.csv": "v\n1\n",
    }  # fmt: skip
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    first = fingerprint_of(package)
    for name in ("texts/words.py", "cli/main.py", "studies/compare.py", "scenarios/s.yaml", "scenarios/calibrated_ensemble.csv", "data/bpjstk_history.csv"):
        (package / name).write_text(files[name] + "# changed\n")
        assert fingerprint_of(package) == first, name
    for name in ("processes/rule.py", "model.py", "data/labour_force.csv"):
        (package / name).write_text(files[name] + "2\n")
        assert fingerprint_of(package) != first, name
        first = fingerprint_of(package)
    (package / "processes" / "new_rule.py").write_text("")
    assert fingerprint_of(package) != first


def test_every_data_table_a_model_module_names_is_in_the_fingerprint() -> None:
    """A table the model reads (named as a quoted file name in a module of the fingerprint) must be one of MODEL_DATA,
    or a change of it would go unnoticed."""
    named = {name for path in model_files(PACKAGE) if path.suffix == ".py" for name in re.findall(r"[\"']([\w-]+\.csv)[\"']", path.read_text())}
    read = {name for name in named if (PACKAGE / "data" / name).is_file()}
    assert read and read <= set(MODEL_DATA), read - set(MODEL_DATA)


def test_a_store_grown_by_more_replications_keeps_the_model_that_made_it(serial_store: Path, tmp_path: Path) -> None:
    """Growing a store rewrites experiment.json for the larger plan: its creation time and model stay (absent if it
    recorded none), since the earlier runs were made by that model."""
    info = json.loads((serial_store / "experiment.json").read_text())
    for recorded in (info, {key: value for key, value in info.items() if key != "model_fingerprint"}):
        store = tmp_path / f"grown-{len(recorded)}"
        shutil.copytree(serial_store, store)
        (store / "experiment.json").write_text(json.dumps({**recorded, "created": "2026-01-01T00:00:00+00:00"}))
        more = load_experiment(write_spec(tmp_path, small_spec(replications=3), "more.yaml"))
        assert run_experiment(more, store, executor="serial", progress=False).finished == 4
        grown = json.loads((store / "experiment.json").read_text())
        assert grown["runs"] == 12 and grown["created"] == "2026-01-01T00:00:00+00:00"
        assert grown.get("model_fingerprint") == recorded.get("model_fingerprint")
