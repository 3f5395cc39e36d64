"""The classroom app at the end of its scenario: play stops at the last month, and the page says so.

Before, Mesa's Step and play went on past the scenario's last month (December 2021 for the lessons'
district) into years the scenario does not describe, with nothing said. Now the model stops there
(``running`` False, its twin of setting B with it), play stops by itself, Step does nothing more, and
the Run card says where the scenario ends, in the page's language, until Reset (or a lever) starts a
new model.

A three-month copy of the lessons' district keeps these tests short; the browser test serves it with
``enrolsim app --scenario`` and drives it with headless Chromium, as ``tests/test_app_browser.py`` does.
"""

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import enrolsim
from conftest import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, served_app

solara = pytest.importorskip("solara")
ipyvuetify = pytest.importorskip("ipyvuetify")

MONTHS = 3  # the short scenario: 2017-01 to 2017-03
INSPECTION = "strategies.law_enforcement.inspection_rate"
SHORT = f"extends: lessons/classroom\nname: Classroom district, three months\nmonths: {MONTHS}\n"


@pytest.fixture
def short_session() -> Iterator[object]:
    """This process's app session with a three-month copy of the lessons' district in force (a fresh session after)."""
    from enrolsim.app import session

    session.start_afresh()
    session.scenario_in_force.set(enrolsim.with_overrides(session.base_scenario(), {"months": MONTHS}))
    try:
        yield session
    finally:
        session.start_afresh()


def test_a_model_and_its_twin_stop_at_the_scenarios_last_month(short_session):
    session = short_session
    session.contrast.set(session.Contrast(INSPECTION, 0.02))
    model = session.ClassroomModel()
    twin = model.twin
    assert model.running and twin is not None and twin.running
    for month in range(1, MONTHS + 3):
        model.step()
        assert model.running is twin.running is (month < MONTHS), month
    assert model.month == twin.month == MONTHS
    assert len(model.datacollector.model_vars["lapses"]) == len(twin.datacollector.model_vars["lapses"]) == MONTHS
    assert model.last_month == "2017-03"
    again = session.ClassroomModel(rng=model.seed)  # Reset: a new model at month 0 that runs again
    assert again.running and again.month == 0 and again.twin is not None and again.twin.running


def _buttons(rendered: object) -> dict[str, bool]:
    """The Run card's buttons by label: whether each is enabled."""
    return {b.children[0]: not b.disabled for b in rendered.find(ipyvuetify.Btn).widgets if b.children and b.children[0] in ("Reset", "▶", "❚❚", "Step")}


def test_the_run_card_at_the_end_offers_reset_and_says_why(short_session):
    from mesa.visualization.utils import force_update

    from enrolsim.app.page import RunCard

    session = short_session
    session.current_model.set(session.ClassroomModel())
    _, rendered = solara.render(RunCard(), handle_error=False)
    try:
        step = rendered.find(ipyvuetify.Btn, children=["Step"]).widget
        for _ in range(MONTHS):
            step.click()
        assert session.current_model.value.month == MONTHS
        assert _buttons(rendered) == {"Reset": True, "▶": False, "Step": False}
        (end,) = rendered.find(ipyvuetify.Alert, class_="enrolsim-end").widgets
        assert end.children == ["The scenario ends in March 2017: press Reset to run it again."]
        session.language.set("id")
        (end,) = rendered.find(ipyvuetify.Alert, class_="enrolsim-end").widgets
        assert end.children == ["Skenario berakhir pada Maret 2017: tekan Reset untuk menjalankannya lagi."]
        session.language.set("en")
        # a lever restarts the model after the end: Mesa's Step and play work again
        session.restart()
        assert _buttons(rendered) == {"Reset": True, "▶": True, "Step": True}
        assert not rendered.find(ipyvuetify.Alert, class_="enrolsim-end").widgets
        rendered.find(ipyvuetify.Btn, children=["Step"]).widget.click()
        assert session.current_model.value.month == 1
        # and Reset at the end starts again with the seed on the slider
        for _ in range(MONTHS - 1):
            session.current_model.value.step()
        force_update()
        assert _buttons(rendered) == {"Reset": True, "▶": False, "Step": False}
        rendered.find(ipyvuetify.Slider, label="Seed (Reset)").widget.v_model = 7
        rendered.find(ipyvuetify.Btn, children=["Reset"]).widget.click()
        model = session.current_model.value
        assert model.month == 0 and model.running and model.seed == 7
        assert _buttons(rendered) == {"Reset": True, "▶": True, "Step": True}
    finally:
        rendered.close()


# --- in the browser ------------------------------------------------------------------------------


@contextlib.contextmanager
def served_short_app(folder: Path) -> Iterator[str]:
    """`enrolsim app --scenario SHORT` on a free port (``conftest.served_app``), stopped on leaving."""
    scenario = folder / "short.yaml"
    scenario.write_text(SHORT, encoding="utf-8")
    with served_app(folder / "server.log", scenario) as url:
        yield url


def test_play_stops_at_the_scenarios_end_and_the_page_says_so(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the app extra is not installed (pip install -e '.[app]')")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    expect = sync_api.expect
    profile = tempfile.mkdtemp(prefix="enrolsim-chromium-")
    with served_short_app(tmp_path) as url, sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 720}
        )
        context.set_default_timeout(WAIT_MS)
        try:
            page = context.new_page()
            page.goto(url, timeout=WAIT_MS)
            months, end = page.locator(".enrolsim-months"), page.locator(".enrolsim-end")
            play, step = page.get_by_role("button", name="▶"), page.get_by_role("button", name="Step")
            expect(months.first).to_have_text("Months shown: 0", timeout=WAIT_MS)
            expect(end).to_have_count(0)

            # Play runs to the scenario's last month and stops there by itself, saying so under the buttons.
            play.click()
            expect(end).to_have_text("The scenario ends in March 2017: press Reset to run it again.", timeout=WAIT_MS)
            expect(page.get_by_text(f"Time: {MONTHS}.0")).to_be_visible()
            expect(play).to_be_disabled()
            expect(step).to_be_disabled()
            page.wait_for_timeout(1000)  # some seven play intervals: nothing moves
            expect(months.first).to_have_text("Months shown: 3 (2017-01 to 2017-03)")
            expect(page.locator(".enrolsim-map")).to_have_attribute("data-month", str(MONTHS))

            # Side by side after the end: both models start together, play stops both at the end.
            page.locator(".enrolsim-side-switch").click()
            expect(page.locator(".enrolsim-map")).to_have_count(2)
            expect(end).to_have_count(0)
            expect(page.get_by_text("Time: 0.0")).to_be_visible()
            play.click()
            expect(end).to_be_visible()
            for side in ("a", "b"):
                expect(page.locator(f".enrolsim-side-{side} .enrolsim-map")).to_have_attribute("data-month", str(MONTHS))
            expect(page.get_by_text("Months shown: 3 (2017-01 to 2017-03)")).to_have_count(6)

            # In Bahasa Indonesia.
            page.locator(".v-select", has_text="Language / Bahasa").click()
            page.get_by_role("option", name="Bahasa Indonesia").click()
            expect(end).to_have_text("Skenario berakhir pada Maret 2017: tekan Reset untuk menjalankannya lagi.")

            # Reset starts again at month 0; Step works again.
            page.get_by_role("button", name="Reset").click()
            expect(end).to_have_count(0)
            expect(page.get_by_text("Time: 0.0")).to_be_visible()
            step.click()
            expect(page.get_by_text("Time: 1.0")).to_be_visible()
            expect(play).to_be_enabled()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    log = (tmp_path / "server.log").read_text()
    assert "Warning" not in log and "Traceback" not in log, log[-3000:]  # Mesa's controller gave way quietly
