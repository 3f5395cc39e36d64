"""The classroom app's charts and village map, without a browser.

The charts are SVG strings (``app_charts``) and the map is drawn in the browser from a layout and
one status digit a household (``app_map``): these tests check that the SVG is well formed and
shows the data, that every household is drawn once where its village is, and that a hovered
household's place in the layout leads back to that worker. The last test renders the page in
this process (no server) and steps it.
"""

import json
import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import enrolsim
from enrolsim.app.charts import Series, chart_html, format_number, line_chart_svg, month_ticks, nice_ticks
from enrolsim.app.controls import apply_control
from enrolsim.app.map import GREENS, STATUS_COLOURS, coverage_colour, map_layout, perisai_markers, status_digits, tiles, village_coverage
from enrolsim.core.codes import Status

CLASSROOM = "scenarios/lessons/classroom.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def classroom():
    return enrolsim.load_scenario(CLASSROOM)


@pytest.fixture(scope="module")
def stepped(classroom):
    """The classroom district after 14 months, with a Perisai corps (target 30 agents)."""
    model = enrolsim.EnrolmentModel(apply_control(classroom, "strategies.extensification.perisai.agents_target", "30"), rng=1)
    for _ in range(14):
        model.step()
    return model


# --- charts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("top", "expected"), [(7, [0, 2, 4, 6, 8]), (10, [0, 2, 4, 6, 8, 10]), (0.3, [0, 0.1, 0.2, 0.3]), (83_000, [0, 20_000, 40_000, 60_000, 80_000, 100_000])]
)
def test_nice_ticks_cover_the_top_with_round_steps(top, expected):
    assert nice_ticks(top) == pytest.approx(expected)


@pytest.mark.parametrize("top", [0, -5, math.nan, math.inf])
def test_nice_ticks_of_nothing_to_show(top):
    assert nice_ticks(top) == [0.0, 1.0]


@pytest.mark.parametrize(
    ("n", "expected"), [(0, []), (1, [0]), (6, [0, 1, 2, 3, 4, 5]), (12, [0, 2, 4, 6, 8, 10]), (60, [0, 12, 24, 36, 48]), (120, [0, 24, 48, 72, 96])]
)
def test_month_ticks_at_most_six_at_calendar_steps(n, expected):
    assert month_ticks(n) == expected


def test_format_number():
    assert format_number(60_522.4) == "60,522"
    assert format_number(2.5) == "2.5"
    assert format_number(3.0) == "3"
    assert format_number(math.nan) == "–"


def _svg(months, series):
    return ET.fromstring(line_chart_svg(months, series, x_label="Month", y_label="persons"))  # well formed, or this raises


def test_a_chart_draws_each_series_through_its_values():
    months = ["2017-01", "2017-02", "2017-03"]
    svg = _svg(months, [Series("a", "#111111", [0.0, 50.0, 100.0]), Series("b", "#222222", [100.0, 100.0, 100.0])])
    lines = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "enrolsim-line"]
    assert [p.get("stroke") for p in lines] == ["#111111", "#222222"]
    points = [[tuple(map(float, seg.split())) for seg in p.get("d").replace("L", "M").split("M")[1:]] for p in lines]
    (a0, a1, a2), (b0, b1, b2) = points
    assert a0[0] < a1[0] < a2[0]  # months left to right
    assert a0[1] > a1[1] > a2[1]  # larger values higher up (SVG's y grows downwards)
    assert b0[1] == b1[1] == b2[1] == a2[1]  # the same value at the same height
    ticks = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "enrolsim-tick"]
    assert ticks == months
    tips = [r.find(f"{SVG}title").text for r in svg.iter(f"{SVG}rect")]
    assert tips[1] == "2017-02\na: 50\nb: 100"  # hovering a month shows its values


def test_a_missing_value_breaks_the_line():
    svg = _svg(["m1", "m2", "m3", "m4"], [Series("s", "#000", [1.0, math.nan, 3.0, 4.0])])
    (line,) = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "enrolsim-line"]
    assert line.get("d").count("M") == 2 and line.get("d").count("L") == 1


def test_an_empty_chart_has_axes_and_no_line_points():
    svg = _svg([], [Series("s", "#000", [])])
    (line,) = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "enrolsim-line"]
    assert line.get("d") == ""
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") != "enrolsim-tick"][:2] == ["0", "1"]


def test_chart_html_escapes_names_and_puts_notes_under_the_chart():
    html = chart_html(
        "A < B", ["2017-01"], [Series("x & y", "#000", [1.0])], x_label="Month", y_label="persons", notes=[("enrolsim-months", "Months shown: 1")]
    )
    root = ET.fromstring(f"<root>{html}</root>")
    assert root[0].text == "A < B"
    assert root[1].tag == f"{SVG}svg"
    assert "x & y" in "".join(root[2].itertext())
    assert root[3].get("class") == "enrolsim-months" and root[3].text == "Months shown: 1"


# --- the village map ------------------------------------------------------------------------------


def test_every_household_is_drawn_once_inside_its_village_tile(stepped):
    layout = map_layout(stepped)
    villages = stepped.workers.village
    assert sorted(layout.order.tolist()) == list(range(stepped.workers.size))
    assert layout.sizes == tuple(np.bincount(villages, minlength=12).tolist())
    assert layout.side**2 >= max(layout.sizes)
    first = np.cumsum((0, *layout.sizes))
    for index in range(0, stepped.workers.size, 97):
        row = layout.row_of(index)
        v = int(np.searchsorted(first, index, side="right")) - 1
        assert villages[row] == v  # the household's square is in the tile of its worker's village
        k = index - first[v]
        x0, y0 = layout.tile_corner(v)
        x, y = x0 + k % layout.side, y0 + k // layout.side  # where app_map.vue draws it
        assert x0 <= x < x0 + layout.side and y0 <= y < y0 + layout.side
    assert layout.row_of(-1) is None and layout.row_of(stepped.workers.size) is None


def test_statuses_are_sent_as_one_digit_a_household(stepped):
    layout = map_layout(stepped)
    digits = status_digits(stepped, layout)
    assert len(digits) == stepped.workers.size and set(digits) <= set("0123")
    counts = np.bincount(np.frombuffer(digits.encode(), dtype=np.uint8) - ord("0"), minlength=len(Status))
    assert counts.tolist() == np.bincount(stepped.workers.status, minlength=len(Status)).tolist()
    row = layout.row_of(1234)
    assert int(digits[1234]) == stepped.workers.status[row]
    assert len(STATUS_COLOURS) == len(Status)


def test_tiles_are_coloured_by_coverage(stepped):
    layout = map_layout(stepped)
    shown = tiles(stepped, layout, lambda v, c: f"{v}:{c:.3f}")
    coverage = village_coverage(stepped)
    assert len(shown) == 12
    assert [t["label"] for t in shown] == [f"{v}:{c:.3f}" for v, c in enumerate(coverage)]
    w = stepped.workers
    assert coverage[3] == pytest.approx(np.mean(w.status[w.village == 3] == Status.ACTIVE))
    assert coverage_colour(0.0) == GREENS[0] and coverage_colour(0.6) == GREENS[-1] and coverage_colour(2.0) == GREENS[-1]
    darkness = [sum(int(coverage_colour(c)[k : k + 2], 16) for k in (1, 3, 5)) for c in np.linspace(0, 0.6, 25)]
    assert darkness == sorted(darkness, reverse=True)  # more coverage, darker green


def test_perisai_markers_on_every_village_of_a_working_corps(stepped, classroom):
    layout = map_layout(stepped)
    markers = perisai_markers(stepped, layout, lambda agent: f"corps {agent.district}: {agent.members:.1f}")
    assert len(markers) == 12  # one district of twelve villages
    assert {m["label"] for m in markers} == {markers[0]["label"]} and markers[0]["label"].startswith("corps 0: ")
    assert {(m["x"] - layout.side, m["y"]) for m in markers} == {layout.tile_corner(v) for v in range(12)}
    none = enrolsim.EnrolmentModel(classroom, rng=1)
    none.step()
    assert perisai_markers(none, map_layout(none), str) == []  # classroom.yaml has no Perisai agents


# --- the page, rendered in this process -----------------------------------------------------------


def test_the_page_steps_and_shows_a_hovered_worker():
    solara = pytest.importorskip("solara")
    ipyvuetify = pytest.importorskip("ipyvuetify")
    from mesa.visualization.utils import force_update

    from enrolsim.app import page as app
    from enrolsim.app import session

    session.start_afresh()  # the session's values are this process's: another test may have left a model stepped
    _, rc = solara.render(app.Page(), handle_error=False)
    model = app.current_model.value
    for _ in range(3):
        model.step()
        force_update()
    (charts,) = rc.find(solara.widgets.HTML, attributes={"class": "enrolsim-charts", "style": "display: contents"}).widgets  # one widget, three charts
    assert charts.unsafe_innerHTML.count('<div class="enrolsim-chart">') == 3
    assert charts.unsafe_innerHTML.count("Months shown: 3 (2017-01 to 2017-03)") == 3
    (view,) = rc.find(ipyvuetify.VuetifyTemplate, month=3).widgets
    layout = map_layout(model)
    assert view.statuses == status_digits(model, layout) and json.loads(view.plan)["geometry"] == layout.geometry()
    assert len(json.loads(view.frame)["tiles"]) == 12

    view._event_callbacks["hover"](1234)  # what app_map.vue sends when the mouse is on household 1234
    row = layout.row_of(1234)
    (line,) = rc.find(ipyvuetify.Html, class_="enrolsim-worker").widgets
    text = "".join(line.children)
    assert text.startswith(f"Worker {row} — ")
    assert f"village: {int(model.workers.village[row])} ·" in text
