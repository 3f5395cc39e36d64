"""Helpers shared by tests/test_experiments*.py: small experiment files and CLI calls."""

import contextlib
import io
import os
import sys
from pathlib import Path

import yaml

from enrolsim.cli import main as cli_main

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "scenarios" / "baseline.yaml"


def small_spec(**changes: object) -> dict:
    """A 2 x 2 grid, 2 replications, 2,000 agents over 9 months (8 runs, well under a second each)."""
    spec = {
        "name": "small grid",
        "scenario": str(BASELINE),
        "settings": {"population.agents": 2000, "months": 9},
        "factors": {
            "employers.registration_rate": {"levels": [0.01, 0.05]},
            "contributions.payment_ease": {"levels": [0.2, 0.8]},
        },
        "design": {"kind": "grid"},
        "replications": 2,
        "seed": 11,
        "keep": {"indicators": ["active", "active_bpu", "coverage", "lapses"], "months": "all"},
    }
    spec.update(changes)
    return spec


def write_spec(folder: Path, spec: dict, name: str = "exp.yaml") -> Path:
    """Write ``spec`` as YAML into ``folder``; return the file."""
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def run_cli(*argv: str) -> tuple[int, str, str]:
    """``enrolsim.cli.main`` in-process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(list(argv))
        except SystemExit as exc:  # argparse errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def cli_command() -> list[str]:
    """The console script as a subprocess command (the same interpreter as the tests)."""
    return [sys.executable, "-m", "enrolsim.cli"]


def quiet_env() -> dict[str, str]:
    """Environment for subprocesses: no progress bar."""
    return {**os.environ, "CI": "1"}
