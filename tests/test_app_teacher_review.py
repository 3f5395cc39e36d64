"""The classroom app as a teacher uses it in front of a class: what a review at projector size found.

Each test fails without its mending:

- a share or a rate shown on its slider in per cent ("3% a month") takes a percentage typed ("3%"),
  as the lessons and the slider write it; a lever that is not a percentage refuses one;
- a text field's label gives its unit in the page's language, and wraps instead of being cut off
  (the subsidy's range was lost, "…range 0–1e..."), and a refused value is explained under the
  field typed in, not only at the foot of the levers card, out of sight at 1280x720;
- the Run card shows the seed in force and the one the slider holds for the next Reset (Mesa's
  slider shows its value only while dragged; lesson 1 asks to compare seeds);
- the charts' text is at least 10 px high in a 400-px cell, and at 1280x720 the views stand in
  two columns (a class saw the map and one chart); Solara's banner no longer covers the legends;
  the browser tab is named after the app, not "Page".

The non-browser tests render the page in this process; the browser tests serve ``enrolsim app``
as ``tests/test_app_browser.py`` does (``conftest.served_app``) and drive it with headless Chromium.
"""

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import enrolsim
from conftest import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, served_app
from enrolsim.app.charts import WIDTH, Series, line_chart_svg
from enrolsim.app.controls import BY_KEY, CONTROLS, ControlError, apply_control, current_value

solara = pytest.importorskip("solara")
ipyvuetify = pytest.importorskip("ipyvuetify")
sync_api = pytest.importorskip("playwright.sync_api", reason="the app extra is not installed (pip install -e '.[app]')")

CLASSROOM = "scenarios/lessons/classroom.yaml"
INSPECTION = "strategies.law_enforcement.inspection_rate"
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def classroom():
    return enrolsim.load_scenario(CLASSROOM)


# --- typed values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        (INSPECTION, "3%", 0.03),  # lesson 3: "inspect 3% of employers a month"
        (INSPECTION, " 2.5 % ", 0.025),
        ("strategies.extensification.perisai.commission_rate", "7.5%", 0.075),
        ("literacy.campaign_reach", "5%", 0.05),  # lesson 1: "literacy campaigns reach 5% of workers a month"
    ],
)
def test_a_percentage_is_taken_where_the_slider_shows_one(classroom, key, typed, value):
    assert current_value(apply_control(classroom, key, typed), key) == value


@pytest.mark.parametrize(
    ("key", "typed", "problem"),
    [
        ("jht.regimes.0.waiting_months", "5%", "'5%': this lever is not a percentage"),
        ("strategies.rules.bpu_price_multiplier", "50%", "'50%': this lever is not a percentage"),
        ("strategies.extensification.perisai.agents_target", "10%", "'10%': this lever is not a percentage"),
        (INSPECTION, "300%", "3.0 is not between 0 and 1"),
        (INSPECTION, "%", "no value given"),
        (INSPECTION, "nan%", "'nan%' is not a finite number"),
    ],
)
def test_an_odd_percentage_is_refused_with_one_line(classroom, key, typed, problem):
    with pytest.raises(ControlError) as caught:
        apply_control(classroom, key, typed)
    assert caught.value.problem == problem


# --- labels, messages and the seed, rendered in this process ------------------------------------


def test_a_fields_unit_is_in_the_pages_language():
    from enrolsim.app.levers_panel import control_label

    assert control_label(BY_KEY["jht.regimes.0.waiting_months"], "id") == "Masa tunggu JHT [bulan; rentang 0–120]"
    assert control_label(BY_KEY["strategies.extensification.perisai.agents_target"], "id") == "Agen Perisai (target) [agen; rentang 0–1000000]"
    assert control_label(BY_KEY[INSPECTION], "en") == "Inspection rate [1/month; range 0–1]"  # English keeps the schema's unit


@pytest.fixture
def render() -> Iterator[object]:
    """Render a sidebar card in this process (a fresh session before and after); Page's sidebar renders only in a browser."""
    from enrolsim.app import session

    contexts = []

    def rendered(element: object) -> object:
        _, rc = solara.render(element, handle_error=False)
        contexts.append(rc)
        return rc

    session.start_afresh()
    try:
        yield rendered
    finally:
        for rc in contexts:
            rc.close()
        session.start_afresh()


def test_a_refused_value_is_explained_under_its_own_field(render):
    from enrolsim.app import session
    from enrolsim.app.levers_panel import LeverPanel

    rendered = render(LeverPanel())
    assert not session.commit(BY_KEY[INSPECTION], "abc")
    fields = {f.class_.split()[0]: f for f in rendered.find(ipyvuetify.TextField).widgets if f.class_}
    assert fields["enrolsim-control-inspection"].error and fields["enrolsim-control-inspection"].messages == ["'abc' is not a number"]
    waiting = fields["enrolsim-control-waiting"]
    assert not waiting.error and not waiting.messages  # only the field typed in


def test_the_run_card_shows_the_seed_in_force_and_the_one_for_the_next_reset(render):
    from enrolsim.app.page import RunCard

    rendered = render(RunCard())
    (seed,) = rendered.find(ipyvuetify.Html, class_="enrolsim-seed").widgets
    assert seed.children == ["Seed: 1"]
    (slider,) = rendered.find(ipyvuetify.Slider, label="Seed (Reset)").widgets
    slider.v_model = 29  # the teacher moves Mesa's seed slider
    assert seed.children == ["Seed: 1 → 29 (Reset)"]
    rendered.find(ipyvuetify.Btn, children=["Reset"]).widget.click()
    assert seed.children == ["Seed: 29"]
    from enrolsim.app import session

    assert session.current_model.value.seed == 29


def test_chart_text_is_readable_in_a_400_pixel_cell():
    svg = line_chart_svg(["2017-01", "2017-02"], [Series("a", "#000", [1.0, 2.0])], x_label="Month", y_label="persons")
    size = float(re.search(r"font:(\d+(?:\.\d+)?)px", svg).group(1))
    assert size * 400 / WIDTH >= 10, size  # two columns at 1280x720 give each chart about 400 px


# --- in the browser, at a projector's size ------------------------------------------------------


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """`enrolsim app --port P` on a free port, stopped (by its own process id) after the tests."""
    with served_app(tmp_path_factory.mktemp("app") / "server.log") as url:
        yield url


@pytest.fixture
def projector(app_url) -> Iterator[object]:
    """A tab at 1280x720, the app loaded."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
    profile = tempfile.mkdtemp(prefix="enrolsim-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport=PROJECTOR)
        context.set_default_timeout(WAIT_MS)
        try:
            tab = context.new_page()
            tab.goto(app_url, timeout=WAIT_MS)
            sync_api.expect(tab.locator(".enrolsim-months").first).to_have_text("Months shown: 0", timeout=WAIT_MS)
            yield tab
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


#: each lever field's label: its text, whether its text is cut (wider than its box), and whether it reaches past its field
LABELS = """() => [...document.querySelectorAll('.enrolsim-lever-field')].map(field => {
  const label = field.querySelector('label');
  return [label.textContent, label.scrollWidth > label.clientWidth, label.getBoundingClientRect().right > field.getBoundingClientRect().right + 1];
})"""


def test_no_lever_label_is_cut_off_in_either_language(projector):
    expect = sync_api.expect
    for language in ("English", "Bahasa Indonesia"):
        if language != "English":
            projector.locator(".v-select", has_text="Language / Bahasa").click()
            projector.get_by_role("option", name=language).click()
            expect(projector.get_by_text("Tuas kebijakan", exact=True)).to_be_visible()
            # The levers' labels are redrawn after the heading: on a loaded machine they were read still in English.
            expect(projector.locator(".enrolsim-lever-field label", has_text="Anggaran subsidi pemerintah daerah")).to_be_visible()
        labels = projector.evaluate(LABELS)
        assert len(labels) == sum(c.kind != "choice" for c in CONTROLS), labels  # every number lever
        assert not [name for name, cut, past in labels if cut or past], labels
    assert any(name.startswith("Anggaran subsidi pemerintah daerah [rupiah per tahun; rentang 0–") for name, _, _ in labels), labels


def test_at_a_projectors_size_the_views_stand_in_two_columns_and_nothing_covers_them(projector):
    assert projector.title() == "enrolsim · classroom / kelas"
    expect = sync_api.expect
    step = projector.get_by_role("button", name="Step")
    for month in (1, 2):
        step.click()
        expect(projector.get_by_text(f"Time: {month}.0")).to_be_visible()
    map_box = projector.locator(".enrolsim-map").bounding_box()
    first_chart = projector.locator(".enrolsim-chart").first.bounding_box()
    assert abs(first_chart["y"] - map_box["y"]) < 5 and first_chart["x"] > map_box["x"] + map_box["width"], (map_box, first_chart)
    expect(projector.get_by_text("This website runs on")).to_have_count(0)
    # a value refused is explained where it was typed, in view
    field = projector.locator(".enrolsim-control-inspection input")
    field.fill("abc")
    field.press("Enter")
    expect(projector.locator(".enrolsim-control-inspection")).to_contain_text("'abc' is not a number")
    field.fill("3%")
    field.press("Enter")
    expect(projector.locator(".enrolsim-message")).to_have_text("Model restarted with Inspection rate = 0.03.")
    expect(projector.locator(".enrolsim-slider-inspection")).to_contain_text("Inspection rate: 3% a month")
