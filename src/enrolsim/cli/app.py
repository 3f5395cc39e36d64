"""The ``enrolsim app`` command: serve the classroom app (``app.py``) with Solara on 127.0.0.1.

Registered by ``enrolsim.cli``. The scenario file is checked before the server starts, so a bad
file ends in one line and exit status 2 like every other command. The server then runs in this
process (Solara's own ``solara run`` command, called here), so stopping ``enrolsim app`` (Ctrl-C,
or a signal to its process id) stops the server itself. Running it here rather than in a fresh
Python saves about two seconds of start-up: numpy, pandas and Mesa, which ``enrolsim`` has already
imported, are not imported a second time. ``--session-timeout`` sets Solara's kernel cull timeout:
how long a session whose browser vanished is kept before its models are freed. The server renders
with reacton's opt-in fast renderer (``REACTON_FAST=1``, unless the variable is set otherwise).
"""

import argparse
import importlib.util
import os
import warnings
from pathlib import Path

from enrolsim.app.settings import DEFAULT_SCENARIO, SCENARIO_ENV
from enrolsim.cli.types import whole_number
from enrolsim.core.errors import InputError, ScenarioError
from enrolsim.core.shipped import locate

COMMANDS = ("app",)
APP_FILE = Path(__file__).resolve().parents[1] / "app" / "page.py"
APP_EXTRA = ("solara", "mesa.visualization", "ipyvuetify")
#: Minutes a session is kept after its browser vanished without closing the tab (the network lost, a laptop
#: shut): long enough to come back after a break, short enough that a class's abandoned models do not pile up
#: (about 3 MB each, twice that side by side: docs/performance.md). A tab closed normally is freed at once.
DEFAULT_SESSION_TIMEOUT = 30


def add_command(commands: argparse._SubParsersAction) -> None:
    """Add ``app`` to the ``enrolsim`` parser."""
    app = commands.add_parser("app", help="serve the classroom app in the browser (Mesa SolaraViz) on 127.0.0.1")
    app.add_argument("--port", type=whole_number(1, 65535), default=8765, help="port on 127.0.0.1 (default 8765)")
    app.add_argument("--scenario", help="scenario file or shipped name (default lessons/classroom, the lessons' district)")
    app.add_argument(
        "--session-timeout",
        type=whole_number(1, 24 * 60),
        default=DEFAULT_SESSION_TIMEOUT,
        metavar="MINUTES",
        help=f"free a session whose browser has been gone this long, e.g. a laptop shut (default {DEFAULT_SESSION_TIMEOUT}; Solara's own is 24 hours)",
    )


def server_arguments(port: int) -> list[str]:
    """The arguments of ``solara run`` for the app on ``127.0.0.1:port``."""
    return [str(APP_FILE), "--host", "127.0.0.1", "--port", str(port), "--production", "--no-open"]


def run_command(args: argparse.Namespace) -> int:
    """Check the scenario, then run the Solara server until it is stopped (sessions culled after ``--session-timeout``)."""
    from enrolsim.scenario.loading import load_scenario

    # Looked up, not imported: importing the whole app extra only to check it is there costs a second.
    missing = next((name for name in APP_EXTRA if importlib.util.find_spec(name) is None), None)
    if missing is not None:
        raise InputError("enrolsim app", "", f"needs the app extra ({missing} is missing): pip install -e '.[app]'")
    path = locate(args.scenario or DEFAULT_SCENARIO, "scenario", ScenarioError)
    scenario = load_scenario(path)
    os.environ[SCENARIO_ENV] = str(path.resolve())
    # reacton's renderer that re-renders only the components whose state changed: with the default one, every
    # Step re-ran the whole page (sidebar, levers, layout), 40 of a side-by-side step's 50 ms of rendering
    os.environ.setdefault("REACTON_FAST", "1")
    print(f"enrolsim app: {scenario.name} at http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    from solara.__main__ import run as solara_run
    from solara.server import settings as solara_settings

    solara_settings.kernel.cull_timeout = f"{args.session_timeout}m"  # read by each session when its browser disconnects
    # Solara's "This website runs on Solara" sits fixed at the page's bottom right, over the charts' legends at 1280x720.
    solara_settings.theme.show_banner = False
    # Solara warns, at a page's first load from 127.0.0.1, that its session cookie falls back to samesite=lax (it
    # matters only when the page is embedded in another site's iframe): twelve lines a teacher would read as a fault.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https", category=UserWarning)

    solara_run.main(args=server_arguments(args.port), prog_name="solara run", standalone_mode=False)
    return 0
