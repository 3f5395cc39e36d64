"""An experiment killed part-way (SIGKILL) resumes to the same store as an uninterrupted run (issue 4, Show 2)."""

import os
import signal
import subprocess
import sys
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


def _start_and_wait_for_runs(command: list[str], store: Path, runs: int) -> subprocess.Popen:
    """Start ``command`` and return once ``runs`` runs are in ``store`` (the process still running)."""
    process = subprocess.Popen(command, env=quiet_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if (store / "series").exists() and len(list((store / "series").glob("run-*.parquet"))) >= runs:
            break
        time.sleep(0.01)
    assert process.poll() is None, f"the command ended before it could be stopped: {process.communicate()}"
    return process


def test_sigterm_is_an_interruption_that_keeps_the_finished_runs(tmp_path: Path) -> None:
    """A batch scheduler (SLURM) sends SIGTERM at the end of a job's time: Python's default ended the process with no
    word of what was kept; now it is told as Ctrl-C is, and the same command continues."""
    spec = small_spec(settings={"population.agents": 20_000, "months": 9}, replications=4)
    path = write_spec(tmp_path, spec)
    store = tmp_path / "store"
    command = [*cli_command(), "experiment", str(path), "--out", str(store), "--executor", "serial"]
    process = _start_and_wait_for_runs(command, store, 2)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.strip().splitlines() == [f"enrolsim: interrupted; finished runs are kept in {store}; run the same command again to continue"]
    kept = (load(store).runs["status"] == "finished").sum()
    assert 2 <= kept < RUNS
    again = subprocess.run(command, env=quiet_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{kept} already done" in again.stdout


#: ``enrolsim run`` whose process sends itself SIGTERM half a second into the simulation (its start is not seen from outside).
TERMINATED_RUN = """
import os, signal, sys, threading
import enrolsim.cli as cli

simulate = cli.simulate


def terminated(*args, **kwargs):
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()
    return simulate(*args, **kwargs)


cli.simulate = terminated
sys.exit(cli.main(sys.argv[1:]))
"""


def test_sigterm_to_a_single_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "run"
    command = [sys.executable, "-c", TERMINATED_RUN, "run", "baseline", "--agents", "500000", "--months", "120", "--out", str(out)]
    result = subprocess.run(command, env=quiet_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 130, result.stderr
    assert result.stderr.strip().splitlines() == ["enrolsim: interrupted; nothing written"]
    assert not out.exists() and list(tmp_path.iterdir()) == []
