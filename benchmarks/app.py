"""Start-up time and time per step of the classroom app (``enrolsim app``) at classroom scale.

Prints, for the app's default scenario (``scenarios/lessons/classroom.yaml``) or ``--scenario``:

- server start-up: from launching ``enrolsim app`` to the first HTTP answer;
- page start-up: from opening the page in headless Chromium to the charts showing month 0
  (skipped when ``/usr/bin/chromium`` or playwright is missing);
- the model alone: building it, and a month's ``step()`` (mean over ``--months``);
- a step as the class sees it: pressing Step in the browser until the charts show the new month
  (mean over ``--clicks``; includes the village map and three charts re-drawn, the websocket and
  the browser's rendering).

Usage: ``.venv/bin/python benchmarks/app.py [--scenario FILE] [--months N] [--clicks N]``.
Goals (issue 7): start-up under 10 s, a step under 100 ms.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import enrolsim  # noqa: E402
from enrolsim.app_cli import DEFAULT_SCENARIO  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
#: true once the page's chart captions show month ``n`` (checked every animation frame)
SHOWN = "n => [...document.querySelectorAll('.enrolsim-months')].every(e => e.textContent.startsWith(`Months shown: ${n} `))"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def app_figures(scenario_path: Path, clicks: int) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "enrolsim.cli", "app", "--port", str(port), "--scenario", str(scenario_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.perf_counter() - t0 > 120:
                    raise SystemExit("enrolsim app did not start") from None
                time.sleep(0.05)
        print(f"  server start   {time.perf_counter() - t0:8.2f} s  (launch to first HTTP answer)")
        try:
            from playwright.sync_api import expect, sync_playwright
        except ImportError:
            print("  (playwright missing: no page figures)")
            return
        if not Path(CHROMIUM).exists():
            print(f"  ({CHROMIUM} missing: no page figures)")
            return
        profile = tempfile.mkdtemp()
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=ARGS, viewport={"width": 1400, "height": 1000}
            )
            context.set_default_timeout(120_000)
            page = context.new_page()
            t = time.perf_counter()
            page.goto(url)
            expect(page.locator(".enrolsim-months").first).to_have_text("Months shown: 0")
            page.locator(".vega-embed canvas").first.wait_for()
            print(f"  page start     {time.perf_counter() - t:8.2f} s  (open page to charts at month 0)")
            print(f"  start-up total {time.perf_counter() - t0:8.2f} s  (launch to charts; goal < 10 s)")
            step = page.get_by_role("button", name="Step")
            t = time.perf_counter()
            for month in range(1, clicks + 1):
                step.click()
                page.wait_for_function(SHOWN, arg=month, polling="raf")
            print(f"  step (browser) {(time.perf_counter() - t) / clicks * 1000:8.1f} ms  (click to charts updated, mean of {clicks}; goal < 100 ms)")
            context.close()
        shutil.rmtree(profile, ignore_errors=True)
    finally:
        server.terminate()
        server.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--clicks", type=int, default=24)
    args = parser.parse_args()
    print(f"enrolsim {enrolsim.__version__}, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    model_figures(args.scenario, args.months)
    print("app:")
    app_figures(args.scenario, args.clicks)


if __name__ == "__main__":
    main()
