"""The classroom app's views: the villages, three charts and the settings in force; two columns of them side by side.

The views are ours, not Mesa's draggable grid, and light enough to redraw in well under 100 ms a
step (docs/performance.md): the charts are SVG strings (``charts.py``), the map is drawn in the
browser from one status digit a household (``map.py``, ``map.vue``), and the page is re-rendered
once a step. In the side-by-side view the first model (A, the levers in force) and its twin (B, one
lever changed) each get a column with the same views; a chart and its counterpart share their
value axis, so that a higher line is a larger number on both sides.
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import numpy as np
import solara
from mesa.visualization.utils import update_counter

from enrolsim.app.charts import Series, chart_html, top_of
from enrolsim.app.controls import BY_KEY, CONTROLS, control_words, current_value
from enrolsim.app.map import COVERAGE_TOP, GREENS, STATUS_COLOURS, STATUS_NAMES, map_layout, perisai_markers, status_digits, tiles
from enrolsim.app.session import ClassroomModel, contrast, language, scenario_in_force
from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.months import format_month
from enrolsim.institutions.perisai import PerisaiAgent
from enrolsim.model import EnrolmentModel
from enrolsim.texts import text

SEGMENT_COLOURS = ("#1f77b4", "#17becf", "#ff7f0e", "#9467bd", "#8c564b", "#7f7f7f")


# --- charts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """One chart's content before it is drawn (so that two can share a value axis)."""

    title_key: str
    months: list[str]
    series: list[Series]
    notes: tuple[tuple[str, str], ...] = ()


def recorded(model: EnrolmentModel, name: str) -> list[float]:
    """One indicator, a value a month so far (NaN where it is undefined), read from Mesa's DataCollector."""
    return [math.nan if v is None else float(v) for v in model.datacollector.model_vars[name]]


def month_labels(model: EnrolmentModel) -> list[str]:
    """``YYYY-MM`` of each month simulated so far."""
    return [format_month(model.params.start_month + i) for i in range(len(model.datacollector.model_vars["lapses"]))]


def months_caption(months: list[str], lang: str) -> str:
    """``Months shown: 12 (2017-01 to 2017-12)``: what the browser test and benchmark wait for."""
    caption = text(lang, "months_shown", n=len(months))
    return caption + (" " + text(lang, "months_range", first=months[0], last=months[-1]) if months else "")


def coverage_chart(model: EnrolmentModel, lang: str) -> Chart:
    """Active participants by segment, in persons."""
    series = [Series(text(lang, s), c, recorded(model, f"active_{s}")) for s, c in zip(SEGMENT_NAMES, SEGMENT_COLOURS, strict=True)]
    return Chart("active_by_segment", month_labels(model), series)


def retention_chart(model: EnrolmentModel, lang: str) -> Chart:
    """Registrations since January against those registrants still active: the agency's 5:1 (counted in December)."""
    ratio = np.array(recorded(model, "registrations_per_active"))
    registered = np.where(np.isnan(ratio), np.nan, recorded(model, "registrations_this_year"))
    with np.errstate(divide="ignore", invalid="ignore"):
        still_active = registered / ratio
    series = [
        Series(text(lang, "registrations_this_year"), "#1565c0", registered.tolist()),
        Series(text(lang, "still_active"), "#2e7d32", still_active.tolist()),
    ]
    now = ratio[-1] if ratio.size else math.nan
    note = text(lang, "ratio_now", ratio=f"{now:.1f} : 1") if math.isfinite(now) else text(lang, "ratio_wait")
    return Chart("retention", month_labels(model), series, notes=(("enrolsim-ratio", note),))


def withdrawal_chart(model: EnrolmentModel, lang: str) -> Chart:
    """JHT withdrawals (accounts closed) and lapses, persons a month."""
    series = [
        Series(text(lang, "jht_withdrawals"), "#c62828", recorded(model, "jht_withdrawals")),
        Series(text(lang, "lapses"), "#f2a900", recorded(model, "lapses")),
    ]
    return Chart("withdrawals", month_labels(model), series)


CHARTS: tuple[Callable[[EnrolmentModel, str], Chart], ...] = (coverage_chart, retention_chart, withdrawal_chart)


def chart_block(chart: Chart, lang: str, top: float = 0.0) -> str:
    """One line chart (an SVG string) with its notes and the months caption under it; its value axis reaches at least ``top``."""
    html = chart_html(
        text(lang, chart.title_key),
        chart.months,
        chart.series,
        x_label=text(lang, "month_label"),
        y_label=text(lang, "persons"),
        notes=[*chart.notes, ("enrolsim-months", months_caption(chart.months, lang))],
        top=top,
    )
    return f'<div class="enrolsim-chart">{html}</div>'


def show_charts(charts: list[Chart], lang: str, tops: list[float] | None = None) -> None:
    """A model's charts as one widget: one message to the browser a step instead of one a chart.

    The widget's own box is ``display: contents``, so each chart is a cell of the grid around it.
    """
    blocks = "".join(chart_block(chart, lang, top) for chart, top in zip(charts, tops or [0.0] * len(charts), strict=True))
    solara.HTML(tag="div", unsafe_innerHTML=blocks, classes=["enrolsim-charts"], style="display: contents")


# --- the villages -------------------------------------------------------------------------------


@solara.component_vue("map.vue")
def VillageMapView(plan: str, statuses: str, frame: str, month: int, event_hover: Callable[[int], None]) -> None:
    """The map drawn in the browser (``map.vue``); ``event_hover`` gets a household's place in the layout.

    Why its data are JSON strings and not lists of dictionaries: at every render reacton walks every
    list and dictionary among a component's arguments, and traitlets validates each item; for the
    tiles and Perisai markers of two maps that walk was a fifth of the server's time a step, a
    string is one value. (``plan``, not ``layout``: that name is taken by every ipywidget's CSS layout.)
    """


def map_labels(lang: str, has_markers: bool) -> dict[str, object]:
    """The map's title and legend in ``lang``."""
    return {
        "title": text(lang, "villages"),
        "statuses": [text(lang, f"status_{s}") for s in STATUS_NAMES],
        "coverage": text(lang, "coverage"),
        "coverage_top": f"{COVERAGE_TOP:.0%}",
        "greens": ",".join(GREENS),
        "perisai": text(lang, "perisai_legend") if has_markers else "",
    }


def worker_line(model: EnrolmentModel, row: int | None, lang: str, has_markers: bool) -> str:
    """``Worker 12 — segment: informal · status: active · ...`` (``Worker.describe()``), or what to do."""
    if row is None or row >= model.workers.size:
        return text(lang, "hover_help") + ("" if has_markers else " " + text(lang, "no_perisai"))
    described = model.worker(row).describe()
    labelled = {"segment": "", "status": "status_"}  # values shown in words: the key of each value's label
    shown = [f"{text(lang, 'f_' + k)}: {text(lang, labelled[k] + str(v)) if k in labelled else v}" for k, v in described.items()]
    return f"{text(lang, 'worker', row=row)} — " + " · ".join(shown)


@solara.component
def VillageMap(model: EnrolmentModel, month: int, lang: str) -> None:
    """The villages at ``month``, and the state of the worker under the mouse.

    A component of its own (the charts are plain functions) for its hooks: the layout is kept for
    the model, and hovering re-renders only this map's worker line.
    """
    layout = solara.use_memo(lambda: map_layout(model), [model])  # workers never move village
    hovered, set_hovered = solara.use_state(None)

    def village_label(v: int, coverage: float) -> str:
        return f"{text(lang, 'village')} {v}: {coverage:.0%} {text(lang, 'coverage')}"

    def corps_label(agent: PerisaiAgent) -> str:
        return text(lang, "perisai_corps", district=agent.district, members=f"{agent.members:.1f}", recruits=f"{agent.recruits:,.0f}")

    markers = perisai_markers(model, layout, corps_label)
    VillageMapView(
        plan=json.dumps({"geometry": layout.geometry(), "colours": list(STATUS_COLOURS), "labels": map_labels(lang, bool(markers))}),
        statuses=status_digits(model, layout),
        frame=json.dumps({"tiles": tiles(model, layout, village_label), "markers": markers}),
        month=month,
        event_hover=lambda index: set_hovered(layout.row_of(int(index))),
    )
    line = worker_line(model, hovered, lang, bool(markers))
    solara.Text(line, classes=["enrolsim-worker"], style={"font-size": "0.75em", "display": "block", "max-width": "100%"})


# --- settings and headings ----------------------------------------------------------------------


def setting_b_words(lang: str) -> str:
    """``B · Perisai agents (target) = 30 agents`` (or that B is still the same as A)."""
    setting = contrast.value
    if setting is None:
        return ""
    control = BY_KEY[setting.key]
    if setting.value == current_value(scenario_in_force.value, setting.key):
        return text(lang, "side_b_same", label=text(lang, control.text_key))
    return text(lang, "side_b", label=text(lang, control.text_key), value=control_words(control, setting.value, lang))


def html_table(heading: str, rows: list[tuple[str, str]]) -> str:
    """A small two-column table (HTML, escaped): Solara's Markdown would fetch KaTeX from the internet."""
    body = "".join(f"<tr><td>{escape(k)}</td><td><b>{escape(v)}</b></td></tr>" for k, v in rows)
    return f'<div style="font-size:0.8em"><div><b>{escape(heading)}</b></div><table>{body}</table></div>'


def settings_in_force(model: ClassroomModel, lang: str) -> None:
    """Scenario, seed, every lever's value now in words, and setting B.

    Not the month (Mesa's "Time" and the charts show it): unchanged between steps, the table sends
    nothing to the browser when a month passes.
    """
    scenario = scenario_in_force.value
    heading = f"{text(lang, 'in_force')} · {text(lang, 'scenario')}: {scenario.name} · {text(lang, 'seed_label')}: {model.seed}"
    rows = [(text(lang, c.text_key), control_words(c, current_value(scenario, c.key), lang)) for c in CONTROLS]
    if contrast.value is not None:
        rows.append((text(lang, "side_heading"), setting_b_words(lang)))
    solara.HTML(tag="div", unsafe_innerHTML=html_table(heading, rows), classes=["enrolsim-settings"])


# --- the page's views ---------------------------------------------------------------------------


#: the views in a CSS grid: two columns on a wide screen, one on a narrow one (a plain Div: Solara's responsive
#: columns add a Vuetify row and column widget a view, and walking them cost about 4 ms of a step's render). Two
#: columns from a 1280-pixel screen (a projector's), whose views get 856 px beside the 400-px sidebar: at one
#: column a class saw the map and one chart, the chart shrunk to its 220-px height in the middle of the column.
GRID = {"display": "grid", "grid-template-columns": "repeat(auto-fill, minmax(400px, 1fr))", "gap": "8px 16px", "align-items": "start"}
SIDE_BY_SIDE = {**GRID, "grid-template-columns": "minmax(0, 1fr) minmax(0, 1fr)"}


@solara.component
def ClassroomViews(model: ClassroomModel) -> None:
    """The map, the three charts and the settings in force (twice, side by side, with setting B), redrawn together once a step.

    Why one component follows Mesa's update counter, not one per view: each follower costs a
    render pass over the whole page at every step (Mesa's own grid of views does that); five
    passes took about 5 ms a step more than this one, as long as writing the three charts.
    """
    update_counter.get()
    lang = language.value
    twin = model.twin
    if twin is None:
        with solara.Div(style=GRID):
            VillageMap(model, model.month, lang)
            show_charts([draw(model, lang) for draw in CHARTS], lang)
    else:
        a, b = [draw(model, lang) for draw in CHARTS], [draw(twin, lang) for draw in CHARTS]
        tops = [max(top_of(x.series), top_of(y.series)) for x, y in zip(a, b, strict=True)]
        with solara.Div(style=SIDE_BY_SIDE):
            for side, shown, charts, heading in (("a", model, a, text(lang, "side_a")), ("b", twin, b, setting_b_words(lang))):
                with solara.Div(classes=[f"enrolsim-side-{side}"]):
                    solara.Text(heading, classes=["enrolsim-side-heading"], style={"font-weight": "600", "display": "block"})
                    VillageMap(shown, shown.month, lang)
                    show_charts(charts, lang, tops)
    settings_in_force(model, lang)
