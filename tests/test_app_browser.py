"""The classroom app in a real browser: `enrolsim app` served on a free port, driven by headless Chromium.

One session, in the order a teacher would go: wait for the page, press Step twelve times and check
the charts and the map show twelve months, change a lever and check the model restarted with it,
type odd values and check they are refused with a message while the model keeps running on its
last good settings, check the Perisai corps shows on the map, press Reset, switch to Bahasa
Indonesia, hover a household and check its worker's state is shown, play and pause, and save a
screenshot.

Needs the ``app`` extra (solara, playwright) and Debian's ``chromium`` (``./dev test``
installs it when missing). Waits are generous and nothing is timed: CI machines are slow and shared.
Set ``ENROLSIM_SCREENSHOT_DIR`` to keep the screenshots.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api", reason="the app extra is not installed (pip install -e '.[app]')")
pytest.importorskip("solara")

WAIT_MS = 60_000  # per expectation; generous for a loaded CI machine

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: ./dev test installs Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_http(url: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
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


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`enrolsim app --port P` on a free port, stopped (by its own process id) after the tests."""
    port = _free_port()
    log = tmp_path_factory.mktemp("app") / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "enrolsim.cli", "app", "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for_http(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


@pytest.fixture
def page(app_url):
    profile = tempfile.mkdtemp(prefix="enrolsim-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000}
        )
        context.set_default_timeout(WAIT_MS)
        try:
            tab = context.new_page()
            tab.goto(app_url, timeout=WAIT_MS)
            yield tab
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def _shot(page, tmp_path: Path, name: str) -> Path:
    page.wait_for_timeout(500)  # let the page settle (fonts, the last websocket message)
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("ENROLSIM_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


#: the village tile under a point of the page (households let the mouse through to their tile)
TILE_AT = "([x, y]) => document.elementFromPoint(x, y)?.closest('.enrolsim-tile')?.textContent ?? null"


def _hover_a_household(page) -> tuple[str, str] | None:
    """Move the mouse over the village map until the worker line shows a worker.

    Returns the tooltip of the village tile under the mouse and the worker line, or None.
    """
    box = page.locator(".enrolsim-map svg").bounding_box()
    for k in range(80):
        x, y = box["x"] + 10 + k * box["width"] / 100, box["y"] + 10 + k * box["height"] / 120
        page.mouse.move(x, y)
        page.wait_for_timeout(100)
        line = page.locator(".enrolsim-worker").inner_text()
        if "segmen" in line:
            return page.evaluate(TILE_AT, [x, y]), line
    return None


def test_classroom_session_in_the_browser(page, tmp_path):
    expect = sync_api.expect
    months = page.locator(".enrolsim-months")
    expect(months.first).to_have_text("Months shown: 0", timeout=WAIT_MS)
    expect(page.get_by_text("Levers", exact=True)).to_be_visible()

    # Step twelve times: Mesa's clock and all three charts show twelve months.
    step = page.get_by_role("button", name="Step")
    for month in range(1, 13):
        step.click()
        expect(page.get_by_text(f"Time: {month}.0")).to_be_visible()
    expect(page.get_by_text("Months shown: 12 (2017-01 to 2017-12)")).to_have_count(3)
    expect(page.locator(".enrolsim-ratio")).to_contain_text(" : 1")
    # three charts, ten lines (six segments, two and two), month axes, legends
    expect(page.locator(".enrolsim-chart svg")).to_have_count(3)
    expect(page.locator(".enrolsim-chart path.enrolsim-line")).to_have_count(10)
    for chart in page.locator(".enrolsim-chart").all():  # a month axis over the year, every other month labelled
        expect(chart.locator(".enrolsim-tick")).to_have_text(["2017-01", "2017-03", "2017-05", "2017-07", "2017-09", "2017-11"])
    expect(page.locator(".enrolsim-legend").first).to_contain_text("informal")
    # the map: twelve village tiles, every household drawn, at month 12
    expect(page.locator(".enrolsim-map")).to_have_attribute("data-month", "12")
    expect(page.locator(".enrolsim-tile")).to_have_count(12)
    drawn = page.evaluate("() => [...document.querySelectorAll('.enrolsim-households')].map(p => (p.getAttribute('d').match(/M/g) || []).length)")
    assert sum(drawn) == 5000 and drawn[1] > 0, drawn  # classroom.yaml: 5,000 workers, some active
    expect(page.locator(".enrolsim-perisai")).to_have_count(0)  # no Perisai agents in classroom.yaml
    expect(page.locator(".enrolsim-worker")).to_contain_text("No Perisai agents in this setting.")
    _shot(page, tmp_path, "classroom-en-12-months.png")

    # A lever: Perisai agents (target) 30 restarts the model (month 0) with it in force.
    target = page.get_by_label("Perisai agents (target)", exact=False)
    target.fill("30")
    target.press("Enter")
    expect(page.locator(".enrolsim-message")).to_have_text("Model restarted with Perisai agents (target) = 30.")
    expect(page.get_by_text("Time: 0.0")).to_be_visible()
    expect(months.first).to_have_text("Months shown: 0")
    step.click()
    expect(page.get_by_text("Time: 1.0")).to_be_visible()
    expect(page.locator(".enrolsim-settings")).to_contain_text("Perisai agents (target)30")

    # Odd values are refused with a message; the model keeps running with its last good settings.
    inspection = page.get_by_label("Inspection rate", exact=False)
    for typed, problem in (("abc", "'abc' is not a number"), ("7.5", "7.5 is not between 0 and 1"), ("nan", "'nan' is not a finite number")):
        inspection.fill(typed)
        inspection.press("Enter")
        expect(page.locator(".enrolsim-message")).to_have_text(f"Refused Inspection rate: {problem}. The model keeps running with Inspection rate = 0.")
    waiting = page.get_by_label("JHT waiting period", exact=False)
    waiting.fill("1.5")
    waiting.press("Enter")
    expect(page.locator(".enrolsim-message")).to_contain_text("'1.5' is not a whole number")
    step.click()
    expect(page.get_by_text("Time: 2.0")).to_be_visible()  # not restarted: month 1 -> 2
    expect(months.first).to_have_text("Months shown: 2 (2017-01 to 2017-02)")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Perisai agents (target)30")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Inspection rate0")
    expect(page.locator(".enrolsim-perisai")).to_have_count(12)  # the district's corps, on each of its villages

    # Mesa's Reset starts again at month 0 with the levers in force; two steps bring it back to month 2.
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Time: 0.0")).to_be_visible()
    expect(page.get_by_text("Months shown: 0", exact=True)).to_have_count(3)
    expect(page.locator(".enrolsim-map")).to_have_attribute("data-month", "0")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Perisai agents (target)30")
    for month in (1, 2):
        step.click()
        expect(page.get_by_text(f"Time: {month}.0")).to_be_visible()

    # Bahasa Indonesia.
    page.locator(".v-select", has_text="Language / Bahasa").click()
    page.get_by_role("option", name="Bahasa Indonesia").click()
    expect(page.get_by_text("Tuas kebijakan", exact=True)).to_be_visible()
    expect(page.get_by_text("Bulan ditampilkan: 2 (2017-01 s.d. 2017-02)")).to_have_count(3)
    expect(page.locator(".enrolsim-settings")).to_contain_text("Pengaturan yang berlaku")

    expect(page.locator(".enrolsim-perisai").first).to_contain_text("Korps Perisai")

    # Hovering a household shows that worker's state (Worker.describe()), in the chosen language:
    # the worker lives in the village whose tile is under the mouse.
    hovered = _hover_a_household(page)
    assert hovered is not None, "no worker shown after moving the mouse over the village map"
    tile, line = hovered
    assert line.startswith("Pekerja ") and "status: " in line, line
    village = tile.split(":")[0].removeprefix("Desa ")
    assert f"desa: {village} ·" in line, (tile, line)

    # Play redraws as it goes; pause stops it.
    page.get_by_role("button", name="▶").click()
    expect(months.first).to_have_text(re.compile(r"Bulan ditampilkan: ([6-9]|\d\d) "))
    page.get_by_role("button", name="❚❚").click()
    expect(page.get_by_role("button", name="Step")).to_be_enabled()

    shot = _shot(page, tmp_path, "classroom-id.png")
    assert shot.stat().st_size > 10_000
