"""The ``enrolsim app`` command: serve the classroom app (``app.py``) with Solara on 127.0.0.1.

Registered by ``enrolsim.cli``. The scenario file is checked before the server starts, so a bad
file ends in one line and exit status 2 like every other command. The server then replaces this
process (``exec``), so stopping ``enrolsim app`` (Ctrl-C, or a signal to its process id) stops the
server itself.
"""

import argparse
import os
import sys
from pathlib import Path

from enrolsim.cli_types import whole_number
from enrolsim.errors import InputError

COMMANDS = ("app",)
APP_FILE = Path(__file__).with_name("app.py")
SCENARIO_ENV = "ENROLSIM_APP_SCENARIO"  # read by app.py
DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "lessons" / "classroom.yaml"


def add_command(commands: argparse._SubParsersAction) -> None:
    """Add ``app`` to the ``enrolsim`` parser."""
    app = commands.add_parser("app", help="serve the classroom app in the browser (Mesa SolaraViz) on 127.0.0.1")
    app.add_argument("--port", type=whole_number(1, 65535), default=8765, help="port on 127.0.0.1 (default 8765)")
    app.add_argument("--scenario", type=Path, help="scenario YAML file (default scenarios/lessons/classroom.yaml, the lessons' district)")


def server_command(port: int) -> list[str]:
    """The Solara server command line for the app on ``127.0.0.1:port``."""
    return [sys.executable, "-m", "solara", "run", str(APP_FILE), "--host", "127.0.0.1", "--port", str(port), "--production", "--no-open"]


def run_command(args: argparse.Namespace) -> int:
    """Check the scenario, then become the Solara server (does not return on success)."""
    from enrolsim.app_assets import seed_offline_assets
    from enrolsim.loading import load_scenario

    try:
        import mesa.visualization  # noqa: F401
        import solara  # noqa: F401
    except ImportError as exc:
        raise InputError("enrolsim app", "", f"needs the app extra ({exc.name} is missing): pip install -e '.[app]'") from None
    path = args.scenario or DEFAULT_SCENARIO
    scenario = load_scenario(path)
    path = path.resolve()
    seed_offline_assets()
    env = {**os.environ, SCENARIO_ENV: str(path)}
    print(f"enrolsim app: {scenario.name} at http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    command = server_command(args.port)
    os.execve(command[0], command, env)
    return 0  # not reached
