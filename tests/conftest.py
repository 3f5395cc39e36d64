"""Shared fixtures and helpers for the enrolsim test suite.

- ``REPO``, ``SCENARIOS``, ``BASELINE``, ``DATA``: paths in the repository.
- ``small(scenario=None, overrides=None, *, agents=..., months=...)``: a validated copy of a
  scenario (the baseline by default) at a size a test can afford.
- ``run_cli([...])``: ``enrolsim.cli.main`` in-process, returning exit code, stdout and stderr
  (argparse errors, which ``sys.exit(2)``, are caught and turned into the same tuple; an uncaught
  exception becomes a traceback on stderr and status 1, as the console script would show it).
- ``enrolsim_command()``: how to start the installed console script in a subprocess.
- ``time_limit(seconds)``: turn an endless loop into a ``TimeoutError`` (main thread only).
- ``served_app(log)``: ``enrolsim app`` served on a free port for the browser tests, its output in ``log``.

Hypothesis: the ``ci`` profile (selected when the ``CI`` environment variable is set) derandomizes
the search so that CI runs are repeatable; locally examples are drawn afresh each run.
"""

import contextlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import enrolsim
from enrolsim.cli import main as cli_main
from enrolsim.scenario.schema import Scenario

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "scenarios"
BASELINE = SCENARIOS / "baseline.yaml"
DATA = REPO / "data"  # copies of /work/shared/data with their sources (data/README.md)

settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def baseline() -> Scenario:
    """The baseline scenario file, loaded and validated (a fresh object each call)."""
    return enrolsim.load_scenario(BASELINE)


def small(scenario: Scenario | None = None, overrides: dict[str, Any] | None = None, *, agents: int = 10_000, months: int = 24) -> Scenario:
    """``scenario`` (default: the baseline) with ``agents`` worker agents, ``months`` months and dotted ``overrides``."""
    base = scenario if scenario is not None else baseline()
    return enrolsim.with_overrides(base, {"population.agents": agents, "months": months, **(overrides or {})})


@dataclass
class CliResult:
    """What a command-line call returned and printed."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def run_cli(argv: Sequence[str]) -> CliResult:
    """Run ``enrolsim`` in this process with ``argv`` (without the program name)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main([str(a) for a in argv])
        except SystemExit as exc:  # argparse reports bad options by exiting
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:  # what the console script would do: a traceback and status 1
            traceback.print_exc(file=err)
            code = 1
    return CliResult(code=code, out=out.getvalue(), err=err.getvalue())


def refused(result: CliResult, *fragments: str, out: Path | None = None) -> str:
    """Bad input refused as the project promises: exit status 2, one line on stderr holding every fragment, no
    traceback, and ``out`` (when given) not written. Returns the line."""
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1 and "Traceback" not in result.err, result.err
    line = result.err_lines[0]
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    assert out is None or not out.exists(), "something was written"
    return line


def enrolsim_command() -> list[str]:
    """The installed console script of the project's venv, or ``python -m enrolsim.cli``."""
    script = Path(sys.executable).with_name("enrolsim")
    if script.exists():
        return [str(script)]
    found = shutil.which("enrolsim")
    return [found] if found else [sys.executable, "-m", "enrolsim.cli"]


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise ``TimeoutError`` in this (main) thread after ``seconds``; a no-op in other threads.

    Not a performance threshold: it only turns a hang into a failure with a traceback.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(name="small")
def small_fixture():
    return small


@pytest.fixture(name="run_cli")
def run_cli_fixture():
    return run_cli


#: Debian's chromium as the browser tests launch it: headless, and with nothing that reaches the
#: network (this machine's network is closed; without these flags chromium's connections fail).
CHROMIUM = os.environ.get("ENROLSIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How long a browser test waits for each expectation (milliseconds): generous for a loaded CI machine.
WAIT_MS = 60_000


def free_port() -> int:
    """A TCP port nothing listens on at this moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    """Return once ``url`` answers 200; fail with the end of ``log`` if ``server`` exits or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"enrolsim app exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"enrolsim app did not answer at {url} within {timeout} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def served_app(log: Path, scenario: Path | None = None) -> Iterator[str]:
    """`enrolsim app --port P [--scenario FILE]` on a free port, its output in ``log``: yields its address once it
    answers, and stops it (by its own process id) on leaving."""
    port = free_port()
    command = [sys.executable, "-m", "enrolsim.cli", "app", "--port", str(port), *(["--scenario", str(scenario)] if scenario else [])]
    with log.open("w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
