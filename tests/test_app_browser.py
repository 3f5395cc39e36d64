"""The classroom app in a real browser: `enrolsim app` served on a free port, driven by headless Chromium.

One session, in the order a teacher would go: wait for the page, press Step twelve times and check
the charts show twelve months, change a lever and check the model restarted with it, type odd
values and check they are refused with a message while the model keeps running on its last good
settings, switch to Bahasa Indonesia, hover a household, and save a screenshot.

Needs the ``app`` extra (solara, altair, playwright) and Debian's ``chromium`` (``./dev test``
installs it when missing). Waits are generous and nothing is timed: CI machines are slow and shared.
Set ``ENROLSIM_SCREENSHOT_DIR`` to keep the screenshots.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api", reason="the app extra is not installed (pip install -e '.[app]')")
pytest.importorskip("solara")

CHROMIUM = os.environ.get("ENROLSIM_CHROMIUM", "/usr/bin/chromium")
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
    page.wait_for_timeout(2000)  # let the charts finish drawing (they redraw a moment after the page updates)
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("ENROLSIM_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def _hover_a_household(page) -> bool:
    """Move the mouse over the village map until the worker line shows a worker."""
    canvas = page.locator(".vega-embed canvas").first
    box = canvas.bounding_box()
    for k in range(80):
        page.mouse.move(box["x"] + 15 + k * 3, box["y"] + 35 + k * 2)
        page.wait_for_timeout(100)
        if "segmen" in page.locator(".enrolsim-worker").inner_text():
            return True
    return False


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

    # Bahasa Indonesia.
    page.locator(".v-select", has_text="Language / Bahasa").click()
    page.get_by_role("option", name="Bahasa Indonesia").click()
    expect(page.get_by_text("Tuas kebijakan", exact=True)).to_be_visible()
    expect(page.get_by_text("Bulan ditampilkan: 2 (2017-01 s.d. 2017-02)")).to_have_count(3)
    expect(page.locator(".enrolsim-settings")).to_contain_text("Pengaturan yang berlaku")

    # Hovering a household shows the worker's state (Worker.describe()), in the chosen language.
    assert _hover_a_household(page), "no worker shown after moving the mouse over the village map"
    expect(page.locator(".enrolsim-worker")).to_contain_text("Pekerja")

    shot = _shot(page, tmp_path, "classroom-id.png")
    assert shot.stat().st_size > 10_000
