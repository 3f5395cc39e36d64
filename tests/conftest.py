"""Shared fixtures and helpers for the enrolsim test suite.

- ``REPO``, ``SCENARIOS``, ``BASELINE``, ``DATA``: paths in the repository.
- ``small(scenario=None, overrides=None, *, agents=..., months=...)``: a validated copy of a
  scenario (the baseline by default) at a size a test can afford.
- ``run_cli([...])``: ``enrolsim.cli.main`` in-process, returning exit code, stdout and stderr
  (argparse errors, which ``sys.exit(2)``, are caught and turned into the same tuple; an uncaught
  exception becomes a traceback on stderr and status 1, as the console script would show it).
- ``enrolsim_command()``: how to start the installed console script in a subprocess.
- ``time_limit(seconds)``: turn an endless loop into a ``TimeoutError`` (main thread only).

Hypothesis: the ``ci`` profile (selected when the ``CI`` environment variable is set) derandomizes
the search so that CI runs are repeatable; locally examples are drawn afresh each run.
"""

import contextlib
import io
import os
import shutil
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
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
