"""Start-up time and time per step of the classroom app (``enrolsim app``) at classroom scale.

Prints, for the app's default scenario (``scenarios/lessons/classroom.yaml``) or ``--scenario``:

- server start-up: from launching ``enrolsim app`` to the first HTTP answer;
- page start-up: from opening the page in headless Chromium to the charts showing month 0
  (skipped when ``/usr/bin/chromium`` or playwright is missing);
- the model alone: building it, and a month's ``step()`` (mean over ``--months``);
- a step as the class sees it: the Step button pressed with the mouse (a real press and release
  through Chromium's input), timed in the page from the button's click event to the first
  animation frame in which all three charts and the village map show the new month: the
  websocket both ways, the model's month, the server's rendering and the browser's update
  (mean over ``--clicks``, default the classroom's 60 months, so the charts grow as in class);
- the same step seen from this script (mouse press sent to the new month seen): the figure
  above plus the round trips between playwright and Chromium;
- what the server sends a step: websocket bytes received by the page, per click.

Usage: ``.venv/bin/python benchmarks/app.py [--scenario FILE] [--months N] [--clicks N]``.
Goals (issue 7): start-up under 10 s, a step under 100 ms. A whole class at once (30 sessions on
one server): ``benchmarks/app_load.py``, which uses this script's server helpers.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests' chromium and its launch flags

import enrolsim  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from enrolsim.cli.app import DEFAULT_SCENARIO  # noqa: E402

#: true once every chart's caption and every village map show month ``n`` (three charts a map: one model,
#: or two side by side; checked every animation frame)
SHOWN = """n => {
    const captions = [...document.querySelectorAll('.enrolsim-chart .enrolsim-months')];
    const maps = [...document.querySelectorAll('.enrolsim-map')];
    return maps.length > 0 && captions.length === 3 * maps.length
        && captions.every(e => `${e.textContent} `.startsWith(`Months shown: ${n} `))
        && maps.every(m => m.dataset.month === String(n));
}"""
#: starts a stopwatch in the page at the next click on Step; ``window.enrolsimStep`` becomes the ms
#: from that click event to the first animation frame in which SHOWN(n) holds
WATCH = f"""n => {{
    const shown = {SHOWN};
    window.enrolsimStep = new Promise(resolve => {{
        document.addEventListener('click', () => {{
            const pressed = performance.now();
            const check = () => shown(n) ? resolve(performance.now() - pressed) : requestAnimationFrame(check);
            check();
        }}, {{once: true, capture: true}});
    }});
}}"""


def model_figures(scenario_path: Path, months: int) -> None:
    scenario = enrolsim.load_scenario(scenario_path)
    t = time.perf_counter()
    model = enrolsim.EnrolmentModel(scenario, rng=1)
    build = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(months):
        model.step()
    step = (time.perf_counter() - t) / months
    print(f"model: {scenario.population.agents:,} worker agents in {scenario.population.villages_per_district} villages")
    print(f"  build          {build * 1000:8.1f} ms")
    print(f"  step (model)   {step * 1000:8.2f} ms  (mean of {months} months)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(scenario_path: Path, *options: str, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """``enrolsim app`` on a free port (``options`` added); returns the process and its URL once it answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    out = log.open("w") if log is not None else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "-m", "enrolsim.cli", "app", "--port", str(port), "--scenario", str(scenario_path), *options], stdout=out, stderr=subprocess.STDOUT
    )
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return server, url
        except OSError:
            if server.poll() is not None or time.perf_counter() - t0 > 120:
                server.kill()
                raise SystemExit("enrolsim app did not start") from None
            time.sleep(0.05)


def stop_server(server: subprocess.Popen) -> None:
    """Stop the server this script started (by its process id)."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)


def app_figures(scenario_path: Path, clicks: int) -> None:
    t0 = time.perf_counter()
    server, url = start_server(scenario_path)
    try:
        print(f"  server start   {time.perf_counter() - t0:8.2f} s  (launch to first HTTP answer)")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            print("  (playwright missing: no page figures)")
            return
        if not Path(CHROMIUM).exists():
            print(f"  ({CHROMIUM} missing: no page figures)")
            return
        profile = tempfile.mkdtemp()
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000}
            )
            context.set_default_timeout(120_000)
            page = context.new_page()
            received = [0]  # websocket bytes from the server
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))))
            t = time.perf_counter()
            page.goto(url)
            page.wait_for_function(SHOWN, arg=0, polling="raf")
            page.locator(".enrolsim-map .enrolsim-tile").first.wait_for()
            print(f"  page start     {time.perf_counter() - t:8.2f} s  (open page to charts at month 0)")
            print(f"  start-up total {time.perf_counter() - t0:8.2f} s  (launch to charts; goal < 10 s)")
            box = page.get_by_role("button", name="Step").bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.wait_for_timeout(1000)  # let the first page's messages settle before counting bytes
            before = received[0]
            in_page, wall = [], []
            for month in range(1, clicks + 1):
                page.evaluate(WATCH, month)
                t = time.perf_counter()
                page.mouse.click(x, y)  # a real press and release of the mouse button, through Chromium's input
                page.wait_for_function(SHOWN, arg=month, polling="raf")
                wall.append(time.perf_counter() - t)
                in_page.append(page.evaluate("() => window.enrolsimStep") / 1000)
            print(
                f"  step (browser) {statistics.mean(in_page) * 1000:8.1f} ms  (Step's click event to the first frame showing the new month"
                f" in charts and map; mean of {clicks}, median {statistics.median(in_page) * 1000:.1f}, max {max(in_page) * 1000:.1f}; goal < 100 ms)"
            )
            print(f"  step (driver)  {statistics.mean(wall) * 1000:8.1f} ms  (the same seen from this script: mouse press sent to month seen, mean)")
            print(f"  sent a step    {(received[0] - before) / clicks / 1000:8.1f} kB  (websocket, server to page, mean of {clicks})")
            context.close()
        shutil.rmtree(profile, ignore_errors=True)
    finally:
        stop_server(server)


def refuse_beyond_the_scenario(parser: argparse.ArgumentParser, scenario: Path, option: str, steps: int) -> None:
    """The app's model stops at its scenario's last month (Step greyed out): more steps would wait for ever."""
    months = enrolsim.load_scenario(scenario).months
    if steps > months:
        parser.error(f"{option} {steps}: the app stops at the scenario's last month; {scenario} has {months} months")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--clicks", type=int, default=60, help="Steps pressed (default 60: the classroom scenario's five years)")
    args = parser.parse_args()
    refuse_beyond_the_scenario(parser, args.scenario, "--clicks", args.clicks)
    print(f"enrolsim {enrolsim.__version__}, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    model_figures(args.scenario, args.months)
    print("app:")
    app_figures(args.scenario, args.clicks)


if __name__ == "__main__":
    main()
