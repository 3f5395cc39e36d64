"""An experiment killed part-way (SIGKILL) resumes to the same store as an uninterrupted run (issue 4, Show 2)."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from enrolsim.experiments import load, load_experiment, run_experiment
from experiments_support import cli_command, quiet_env, small_spec, write_spec

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

RUNS = 16


def test_sigkill_then_rerun_completes_every_run_exactly_once(tmp_path: Path) -> None:
    # 16 runs of 20,000 agents over 9 months: a few seconds serially, so there is time to kill it mid-way.
    spec = small_spec(settings={"population.agents": 20_000, "months": 9}, replications=4)
    path = write_spec(tmp_path, spec)
    store = tmp_path / "store"
    command = [*cli_command(), "experiment", str(path), "--out", str(store), "--executor", "serial"]

    process = subprocess.Popen(command, env=quiet_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    finished = 0
    while time.monotonic() < deadline and process.poll() is None:
        finished = len(list((store / "series").glob("run-*.parquet"))) if (store / "series").exists() else 0
        if finished >= 3:
            break
        time.sleep(0.01)
    assert process.poll() is None, f"the experiment ended before it could be killed: {process.communicate()}"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    partial = load(store)
    assert 3 <= (partial.runs["status"] == "finished").sum() < RUNS

    again = subprocess.run(command, env=quiet_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "already done" in again.stdout

    resumed = load(store)
    assert list(resumed.runs["run_id"]) == list(range(RUNS))
    assert set(resumed.runs["status"]) == {"finished"}
    assert resumed.series.groupby("run_id").size().to_dict() == dict.fromkeys(range(RUNS), 9)
    assert not [p for p in store.rglob(".*") if p.is_file()], "temporary files left behind"

    reference = tmp_path / "reference"
    run_experiment(load_experiment(path), reference, executor="serial", progress=False)
    expected = load(reference).series
    assert resumed.series.equals(expected)
    assert resumed.series.drop(columns=["run_id", "month"]).to_numpy().tobytes() == expected.drop(columns=["run_id", "month"]).to_numpy().tobytes()
