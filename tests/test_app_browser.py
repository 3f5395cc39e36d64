"""The classroom app in a real browser: `enrolsim app` served on a free port, driven by headless Chromium.

One session, in the order a teacher would go: wait for the page (no developer controls on it),
press Step twelve times and check the charts and the map show twelve months, change a lever by
typing and by its slider (labelled in words with its unit) and check the model restarted with it,
type odd values and check they are refused with a message while the model keeps running on its
last good settings, check the Perisai corps shows on the map, show two settings side by side (a
second model with one lever changed, stepped with the first), press Reset, switch to Bahasa
Indonesia, hover a household and check its worker's state is shown, play and pause.

Screenshots are written to the test's temporary folder and kept in ``results/screenshots/app/``
(git-ignored; ``ENROLSIM_SCREENSHOT_DIR`` names another folder). Needs the ``app`` extra (solara,
playwright) and Debian's ``chromium`` (``./dev test`` installs it when missing). Waits are generous
and nothing is timed: CI machines are slow and shared.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, WAIT_MS, served_app

sync_api = pytest.importorskip("playwright.sync_api", reason="the app extra is not installed (pip install -e '.[app]')")
pytest.importorskip("solara")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: ./dev test installs Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


#: Each served app's log (stdout and stderr), by its address.
SERVER_LOGS: dict[str, Path] = {}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`enrolsim app --port P` on a free port, stopped (by its own process id) after the tests."""
    log = tmp_path_factory.mktemp("app") / "server.log"
    with served_app(log) as url:
        SERVER_LOGS[url] = log
        yield url


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


SCREENSHOTS = Path(os.environ.get("ENROLSIM_SCREENSHOT_DIR") or REPO / "results" / "screenshots" / "app")


def _shot(page, tmp_path: Path, name: str) -> Path:
    """A full-page screenshot in the test's folder, kept in ``SCREENSHOTS`` (a test artifact, never committed)."""
    page.wait_for_timeout(500)  # let the page settle (fonts, the last websocket message)
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENSHOTS / name)
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


def test_the_teachers_terminal_stays_quiet(page, app_url):
    """A page served, and its session's cookie set, writes no warning or traceback where `enrolsim app` runs."""
    sync_api.expect(page.locator(".enrolsim-months").first).to_have_text("Months shown: 0", timeout=WAIT_MS)
    log = SERVER_LOGS[app_url].read_text()
    assert "Warning" not in log and "Traceback" not in log, log[-3000:]


def test_classroom_session_in_the_browser(page, tmp_path):
    expect = sync_api.expect
    months = page.locator(".enrolsim-months")
    expect(months.first).to_have_text("Months shown: 0", timeout=WAIT_MS)
    expect(page.get_by_text("Levers", exact=True)).to_be_visible()
    for developer in ("Render Interval", "Use Threads", "Play Interval"):  # Mesa's developer controls are not on the classroom page
        expect(page.get_by_text(developer)).to_have_count(0)

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

    # A lever typed: Perisai agents (target) 30 restarts the model (month 0) with it in force; its slider follows.
    target = page.get_by_role("textbox", name="Perisai agents (target) [agents; range 0–1000000]")
    slider = page.locator(".enrolsim-slider-perisai_target")
    expect(slider).to_contain_text("Perisai agents (target): 0 agents")
    target.fill("30")
    target.press("Enter")
    expect(page.locator(".enrolsim-message")).to_have_text("Model restarted with Perisai agents (target) = 30.")
    expect(slider).to_contain_text("Perisai agents (target): 30 agents")
    expect(page.get_by_text("Time: 0.0")).to_be_visible()
    expect(months.first).to_have_text("Months shown: 0")
    # The slider: its positions come from the schema's range (0, 1, 2, 3, 5, 10, 20, 30, 50, ... agents), labelled in words.
    handle = slider.locator("input[type=range]")
    handle.focus()
    handle.press("ArrowRight")
    expect(page.locator(".enrolsim-message")).to_have_text("Model restarted with Perisai agents (target) = 50.")
    expect(slider).to_contain_text("Perisai agents (target): 50 agents")
    expect(target).to_have_value("50")
    handle.press("ArrowLeft")
    expect(page.locator(".enrolsim-message")).to_have_text("Model restarted with Perisai agents (target) = 30.")
    expect(target).to_have_value("30")
    subsidy = page.locator(".enrolsim-slider-subsidy")
    expect(subsidy).to_contain_text("Local-government subsidy budget: Rp0 a year")
    expect(subsidy.locator("input[type=range]")).to_have_attribute("max", "37")  # Rp0, then Rp1 million to Rp1,000 trillion in 1-2-3-5 steps
    step.click()
    expect(page.get_by_text("Time: 1.0")).to_be_visible()
    expect(page.locator(".enrolsim-settings")).to_contain_text("Perisai agents (target)30 agents")

    # Odd values are refused with a message; the model keeps running with its last good settings.
    inspection = page.get_by_role("textbox", name="Inspection rate [1/month; range 0–1]")
    for typed, problem in (("abc", "'abc' is not a number"), ("7.5", "7.5 is not between 0 and 1"), ("nan", "'nan' is not a finite number")):
        inspection.fill(typed)
        inspection.press("Enter")
        expect(page.locator(".enrolsim-message")).to_have_text(f"Refused Inspection rate: {problem}. The model keeps running with Inspection rate = 0.")
    waiting = page.get_by_role("textbox", name="JHT waiting period [months; range 0–120]")
    waiting.fill("1.5")
    waiting.press("Enter")
    expect(page.locator(".enrolsim-message")).to_contain_text("'1.5' is not a whole number")
    step.click()
    expect(page.get_by_text("Time: 2.0")).to_be_visible()  # not restarted: month 1 -> 2
    expect(months.first).to_have_text("Months shown: 2 (2017-01 to 2017-02)")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Perisai agents (target)30 agents")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Inspection rate0% a month")
    expect(page.locator(".enrolsim-perisai")).to_have_count(12)  # the district's corps, on each of its villages

    _side_by_side(page, step, tmp_path)

    # Mesa's Reset starts again at month 0 with the levers in force; two steps bring it back to month 2.
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Time: 0.0")).to_be_visible()
    expect(page.get_by_text("Months shown: 0", exact=True)).to_have_count(3)
    expect(page.locator(".enrolsim-map")).to_have_attribute("data-month", "0")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Perisai agents (target)30 agents")
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

    _shot(page, tmp_path, "classroom-id.png")  # an artifact to look at; what the page shows is asserted above


def _side_by_side(page, step, tmp_path: Path) -> None:
    """Two settings side by side: a second model (B) with the inspection rate changed, the same seed, stepped with the first."""
    expect = sync_api.expect
    page.locator(".enrolsim-side-switch").click()
    expect(page.locator(".enrolsim-map")).to_have_count(2)
    expect(page.get_by_text("Time: 0.0")).to_be_visible()  # both models start together
    expect(page.locator(".enrolsim-side-b .enrolsim-side-heading")).to_have_text("B · the same as A until you change Perisai agents at the start below")
    page.locator(".enrolsim-side-lever").click()
    page.get_by_role("option", name="Inspection rate").click()
    b = page.locator(".enrolsim-slider-inspection-b")
    expect(b).to_contain_text("Inspection rate: 0% a month")
    handle = b.locator("input[type=range]")
    handle.focus()
    for _ in range(4):  # 0.5% a month a key press
        handle.press("ArrowRight")
        page.wait_for_timeout(200)
    expect(page.locator(".enrolsim-message")).to_have_text("Both models restarted; setting B has Inspection rate = 0.02.")
    expect(page.locator(".enrolsim-side-b .enrolsim-side-heading")).to_have_text("B · Inspection rate = 2% a month")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Two settings side by sideB · Inspection rate = 2% a month")
    expect(page.locator(".enrolsim-settings")).to_contain_text("Inspection rate0% a month")  # A keeps its levers
    for month in (1, 2, 3):
        step.click()
        expect(page.get_by_text(f"Time: {month}.0")).to_be_visible()
    expect(page.get_by_text("Months shown: 3 (2017-01 to 2017-03)")).to_have_count(6)  # three charts a model
    expect(page.locator(".enrolsim-map")).to_have_count(2)
    for side in ("a", "b"):
        expect(page.locator(f".enrolsim-side-{side} .enrolsim-map")).to_have_attribute("data-month", "3")
        expect(page.locator(f".enrolsim-side-{side} .enrolsim-chart svg")).to_have_count(3)
    # a chart and its counterpart share their value axis
    axes = [page.locator(f".enrolsim-side-{side} .enrolsim-chart").first.locator("svg > text").all_inner_texts() for side in ("a", "b")]
    assert axes[0][:6] == axes[1][:6], axes
    # a bad value for B is refused with a message; B keeps its value and nothing restarts
    typed = page.locator(".enrolsim-control-inspection-b input")
    typed.fill("abc")
    typed.press("Enter")
    expect(page.locator(".enrolsim-message")).to_have_text(
        "Refused Inspection rate for setting B: 'abc' is not a number. Setting B keeps Inspection rate = 0.02."
    )
    expect(page.get_by_text("Time: 3.0")).to_be_visible()
    _shot(page, tmp_path, "classroom-side-by-side.png")
    # off again: one model, still at month 3
    page.locator(".enrolsim-side-switch").click()
    expect(page.locator(".enrolsim-map")).to_have_count(1)
    expect(page.get_by_text("Months shown: 3 (2017-01 to 2017-03)")).to_have_count(3)
