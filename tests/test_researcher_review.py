"""A researcher's batch work, reviewed: wrong Dask addresses, Ctrl-C and kill with worker processes, the docs' Python example.

Each test here failed before its mending (docs/experiments.md, "Executors" and "Resuming"):

- a ``--scheduler`` address where no Dask scheduler answers ended in a traceback (another protocol's
  bytes, a worker's address) or waited forever (a server that accepts and never answers, such as
  the dashboard's HTTP port), instead of one line, status 2 and nothing written;
- killing ``enrolsim experiment --executor processes`` (``kill``, SIGKILL) left the pool's worker
  processes and its forkserver running, idle, for ever;
- Ctrl-C with a local Dask cluster printed a traceback from every worker process (and a warning
  when port 8787 was taken) around the command's one line;
- the Python example of the docs, saved as a script, failed every run (no ``__main__`` guard).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import psutil
import pytest
import yaml

import enrolsim.experiments.executors as executors
import enrolsim.experiments.scheduler_check as scheduler_check
from conftest import refused, run_cli, time_limit
from enrolsim.experiments import load, load_experiment, run_experiment
from experiments_support import REPO, cli_command, quiet_env, small_spec, write_spec

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and process groups are POSIX")

#: In-process test clusters: no dashboard, and their HTTP server on a free port (8787 may be taken).
QUIET = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}


@contextmanager
def tcp_server(reply: bytes | None) -> Iterator[str]:
    """A server on 127.0.0.1 that is not a Dask scheduler: it sends ``reply`` to each connection, or
    (``None``) accepts and stays silent. Yields its ``tcp://`` address."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            held.append(conn)
            if reply is not None:
                conn.sendall(reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()
        for conn in held:
            conn.close()


def test_an_address_without_a_scheduler_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler_check, "SCHEDULER_TIMEOUT", 1.0)
    spec = write_spec(tmp_path, small_spec())
    store = tmp_path / "store"

    def experiment(address: str) -> object:
        with time_limit(30):  # a hang becomes a failure, not a stuck suite
            return run_cli(["experiment", spec, "--out", store, "--executor", "dask", "--scheduler", address])

    with tcp_server(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") as address:  # another protocol
        refused(experiment(address), "--scheduler", address, "not a Dask scheduler", out=store)
    with tcp_server(None) as address:  # accepts, never answers: the dashboard's port, a stuck proxy
        refused(experiment(address), "--scheduler", address, "no Dask scheduler answered within 1 s", out=store)
    refused(experiment("notanaddress"), "--scheduler", "notanaddress", "cannot connect", out=store)
    with socket.create_server(("127.0.0.1", 0)) as taken:  # a port nothing listens on: refused at once, not after Dask's retries
        free = taken.getsockname()[1]
    refused(experiment(f"tcp://127.0.0.1:{free}"), "--scheduler", f"nothing listens at 127.0.0.1:{free}", out=store)
    refused(experiment(""), "--scheduler", "is empty", out=store)  # an unset variable: not a silent local cluster


def test_a_worker_address_is_refused_and_the_scheduler_address_runs(tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    spec = write_spec(tmp_path, small_spec(replications=1))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, **QUIET) as cluster, Client(cluster) as client:
        worker = next(iter(client.scheduler_info()["workers"]))
        result = run_cli(["experiment", spec, "--out", tmp_path / "w", "--executor", "dask", "--scheduler", worker])
        refused(result, "--scheduler", worker, "is a Dask Worker, not the scheduler", out=tmp_path / "w")
        result = run_cli(["experiment", spec, "--out", tmp_path / "dask", "--executor", "dask", "--scheduler", cluster.scheduler_address])
        assert result.code == 0, result.err
    run_experiment(load_experiment(spec), tmp_path / "serial", executor="serial", progress=False)
    dask_series, serial_series = load(tmp_path / "dask").series, load(tmp_path / "serial").series
    assert len(serial_series) == 4 * 9 and dask_series.equals(serial_series)


def test_a_scheduler_without_workers_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, **QUIET) as cluster, executors.make_executor("dask", scheduler=cluster.scheduler_address):
        pass  # made, so the note is written; nothing to run without workers
    err = capsys.readouterr().err
    assert f"the Dask scheduler at {cluster.scheduler_address} has no workers yet" in err


def _start(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, Path]:
    """``enrolsim experiment`` in a process group of its own (as a shell starts it), 16 runs of
    20,000 agents; returns once a run has finished, so its workers are busy."""
    spec = write_spec(tmp_path, small_spec(settings={"population.agents": 20_000, "months": 9}, replications=4))
    store = tmp_path / "store"
    process = subprocess.Popen(
        [*cli_command(), "experiment", str(spec), "--out", str(store), *options],
        env=quiet_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline and not list(store.glob("series/run-*.parquet")):
        time.sleep(0.02)
    assert process.poll() is None, f"the experiment ended before it could be stopped: {process.communicate()}"
    return process, store


def test_killing_the_command_ends_its_worker_processes(tmp_path: Path) -> None:
    process, store = _start(tmp_path, "--executor", "processes", "--workers", "2")
    family = psutil.Process(process.pid).children(recursive=True)  # forkserver, resource tracker, workers
    assert len(family) >= 3, family
    process.kill()
    process.wait(timeout=30)
    _, alive = psutil.wait_procs(family, timeout=15)
    for orphan in alive:  # leave nothing behind, whatever the verdict
        orphan.kill()
    assert not alive, f"still running after the command was killed: {[p.cmdline()[-1][:60] for p in alive]}"
    assert 1 <= len(load(store).series["run_id"].unique()) < 16


def test_ctrl_c_with_a_local_dask_cluster_prints_one_line(tmp_path: Path) -> None:
    with closing(socket.socket()) as taken:  # another Dask cluster's dashboard port: no warning about it either
        try:
            taken.bind(("", 8787))
            taken.listen()
        except OSError:
            pass  # already taken by something else, which is the case wanted
        process, store = _start(tmp_path, "--executor", "dask", "--workers", "1")
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.splitlines() == [f"enrolsim: interrupted; finished runs are kept in {store}; run the same command again to continue"], err
    assert len(load(store).series["run_id"].unique()) >= 1


def test_the_python_example_of_the_docs_runs_as_a_script(tmp_path: Path) -> None:
    """The block under "In Python", saved as a file and run with ``python``, finishes every run.
    It runs verbatim beside a small experiment under the name it loads (4 runs of 9 months)."""
    text = (REPO / "docs" / "experiments.md").read_text(encoding="utf-8")
    block = re.search(r"## In Python\n\n```python\n(.*?)```", text, re.S)
    assert block is not None
    (tmp_path / "experiments").mkdir()
    spec = small_spec(replications=1)
    (tmp_path / "experiments" / "registration_x_payment_ease.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    (tmp_path / "example.py").write_text(block.group(1), encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, env=quiet_env(), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    runs = load(tmp_path / "results" / "sweep").runs
    assert len(runs) == 4 and set(runs["status"]) == {"finished"}, runs[["run_id", "status", "error"]]
