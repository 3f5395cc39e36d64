"""The classroom app: the model in a browser, with Mesa's ``SolaraViz``.

Run ``enrolsim app`` (or ``solara run src/enrolsim/app.py``). A teacher changes a lever, presses
Step or play, and the class watches coverage move. What is on the page:

- Mesa's sidebar: Reset, play and Step, the play interval, and the seed (Mesa's model parameters);
- our sidebar card "Levers": the language switch and one number field (or list) per lever, with the
  unit and range of the scenario schema; a valid value restarts the model with the same seed, an
  invalid one is refused with a message and the model keeps its last good settings;
- four views: the villages (households coloured by status, tiles by coverage, Perisai corps on
  them; hovering a household shows ``Worker.describe()``), active participants by segment,
  registrations against those still active (the 5:1), and JHT withdrawals with lapses; then the
  settings in force.

The views are ours (``ClassroomViews``), not Mesa's draggable grid, and light enough to redraw in
well under 100 ms a step (docs/performance.md): the charts are SVG strings (``app_charts``), the
map is drawn in the browser from one status digit a household (``app_map``), and the page is
re-rendered once a step.

Every browser session (tab) has its own model, lever settings and language: they live in Solara
reactive values created per session (``KernelStoreFactory``), so students do not step each other's
model. Mesa's Reset re-creates the model as ``ClassroomModel(rng=seed)``, which takes the levers in
force in that session.

The scenario comes from ``$ENROLSIM_APP_SCENARIO`` (set by ``enrolsim app --scenario``), else
``scenarios/lessons/classroom.yaml`` (the district of the lessons in docs/teaching/).
"""

import math
import os
from collections.abc import Callable
from functools import cache
from html import escape

import numpy as np
import solara
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter
from solara.toestand import KernelStoreFactory

from enrolsim.app.charts import Series, chart_html
from enrolsim.app.controls import CONTROLS, Control, ControlError, apply_control, current_value, format_bound, format_value
from enrolsim.app.map import COVERAGE_TOP, GREENS, STATUS_COLOURS, STATUS_NAMES, map_layout, perisai_markers, status_digits, tiles
from enrolsim.app.settings import DEFAULT_SCENARIO, SCENARIO_ENV
from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.months import format_month
from enrolsim.institutions.perisai import PerisaiAgent
from enrolsim.model import EnrolmentModel
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.schema import Scenario
from enrolsim.texts import LANGUAGES, text

DEFAULT_SEED = 1
SEGMENT_COLOURS = ("#1f77b4", "#17becf", "#ff7f0e", "#9467bd", "#8c564b", "#7f7f7f")


@cache
def base_scenario() -> Scenario:
    """The scenario the app starts from (read once per server process)."""
    return load_scenario(os.environ.get(SCENARIO_ENV) or DEFAULT_SCENARIO)


# --- per-session state ---------------------------------------------------------------------------

#: The scenario with the levers in force in this session (the last good settings).
scenario_in_force: solara.Reactive[Scenario] = solara.Reactive(KernelStoreFactory(base_scenario, key="enrolsim.app.scenario"))
#: "en" or "id".
language: solara.Reactive[str] = solara.reactive("en")
#: The last message under the levers: (kind, label key, problem, value) or None.
message: solara.Reactive[tuple[str, str, str, str] | None] = solara.reactive(None)


class ClassroomModel(EnrolmentModel):
    """``EnrolmentModel`` as the app builds it: by default with this session's levers and seed 1.

    Mesa's Reset calls ``ClassroomModel(rng=seed)``; the levers are not Mesa model parameters
    because they are checked (and may be refused) before any model is built.
    """

    def __init__(self, params: Scenario | None = None, rng: int | None = None) -> None:
        seed = DEFAULT_SEED if rng is None else int(rng)
        super().__init__(params if params is not None else scenario_in_force.value, rng=seed)
        self.seed = seed


def _first_model() -> ClassroomModel:
    return ClassroomModel()


#: This session's model (SolaraViz steps it; the levers replace it).
current_model: solara.Reactive[ClassroomModel] = solara.Reactive(KernelStoreFactory(_first_model, key="enrolsim.app.model"))


def commit(control: Control, typed: object) -> bool:
    """Apply a value typed into ``control``: restart the model with it, or refuse it. True if applied."""
    before = scenario_in_force.value
    kept = format_value(current_value(before, control.key))
    try:
        after = apply_control(before, control.key, typed)
    except ControlError as exc:
        message.set(("error", control.text_key, exc.problem, kept))
        return False
    value = format_value(current_value(after, control.key))
    if after == before:
        message.set(None)
        return True
    scenario_in_force.set(after)
    current_model.set(ClassroomModel(after, rng=current_model.value.seed))
    message.set(("ok", control.text_key, "", value))
    return True


# --- the levers ---------------------------------------------------------------------------------


def control_label(control: Control, lang: str) -> str:
    """``Perisai agents (target) [agents; range 0–1e+06]``."""
    name = text(lang, control.text_key)
    if control.kind == "choice":
        return name
    lo, hi = control.bounds
    return f"{name} [{control.unit}; {text(lang, 'range')} {format_bound(lo)}–{format_bound(hi)}]"


@solara.component
def ControlField(control: Control, lang: str) -> None:
    """One number field or list for one lever."""
    value = current_value(scenario_in_force.value, control.key)
    msg = message.value
    refused = msg is not None and msg[0] == "error" and msg[1] == control.text_key
    if control.kind == "choice":
        names = {text(lang, c): c for c in control.choices}
        solara.Select(
            label=control_label(control, lang),
            value=text(lang, value),
            values=list(names),
            on_value=lambda shown: commit(control, names.get(shown, shown)),
        )
        return
    solara.InputText(
        label=control_label(control, lang),
        value=format_value(value),
        on_value=lambda typed: commit(control, typed),
        continuous_update=False,
        error=refused,
        classes=[f"enrolsim-control-{control.text_key}"],
    )


@solara.component
def LeverPanel() -> None:
    """The levers card in the sidebar (it does not follow the steps: levers change only when typed)."""
    lang = language.value
    with solara.Sidebar(), solara.Card(text(lang, "levers_heading")):
        solara.Select(
            label=text(lang, "language"),
            value=LANGUAGES[lang],
            values=list(LANGUAGES.values()),
            on_value=lambda shown: language.set(next(k for k, v in LANGUAGES.items() if v == shown)),
        )
        solara.Text(text(lang, "levers_help"), style={"font-size": "0.85em"})
        for control in CONTROLS:
            ControlField(control, lang)
        msg = message.value
        if msg is not None:
            kind, key, problem, value = msg
            label = text(lang, key)
            if kind == "error":
                solara.Error(text(lang, "refused", label=label, problem=problem, kept=value), classes=["enrolsim-message"])
            else:
                solara.Success(text(lang, "restarted", label=label, value=value), classes=["enrolsim-message"])


def settings_in_force(model: ClassroomModel, lang: str) -> None:
    """Scenario, seed, month and every lever's value now."""
    scenario = scenario_in_force.value
    month = format_month(scenario.start_month + model.month - 1) if model.month else "–"
    heading = f"{text(lang, 'in_force')} · {text(lang, 'scenario')}: {scenario.name} · {text(lang, 'seed_label')}: {model.seed}"
    heading += f" · {text(lang, 'month_label')}: {model.month} ({month})"
    rows = [(text(lang, c.text_key), text(lang, format_value(current_value(scenario, c.key)))) for c in CONTROLS]
    solara.HTML(tag="div", unsafe_innerHTML=html_table(heading, rows), classes=["enrolsim-settings"])


def html_table(heading: str, rows: list[tuple[str, str]]) -> str:
    """A small two-column table (HTML, escaped): Solara's Markdown would fetch KaTeX from the internet."""
    body = "".join(f"<tr><td>{escape(k)}</td><td><b>{escape(v)}</b></td></tr>" for k, v in rows)
    return f'<div style="font-size:0.8em"><div><b>{escape(heading)}</b></div><table>{body}</table></div>'


# --- charts -------------------------------------------------------------------------------------


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


def show_chart(title_key: str, months: list[str], series: list[Series], lang: str, notes: tuple[tuple[str, str], ...] = ()) -> None:
    """One line chart (an SVG string, ``app_charts``) with its notes and the months caption under it."""
    html = chart_html(
        text(lang, title_key),
        months,
        series,
        x_label=text(lang, "month_label"),
        y_label=text(lang, "persons"),
        notes=[*notes, ("enrolsim-months", months_caption(months, lang))],
    )
    solara.HTML(tag="div", unsafe_innerHTML=html, classes=["enrolsim-chart"])


def coverage_chart(model: EnrolmentModel, lang: str) -> None:
    """Active participants by segment, in persons."""
    series = [Series(text(lang, s), c, recorded(model, f"active_{s}")) for s, c in zip(SEGMENT_NAMES, SEGMENT_COLOURS, strict=True)]
    show_chart("active_by_segment", month_labels(model), series, lang)


def retention_chart(model: EnrolmentModel, lang: str) -> None:
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
    show_chart("retention", month_labels(model), series, lang, notes=(("enrolsim-ratio", note),))


def withdrawal_chart(model: EnrolmentModel, lang: str) -> None:
    """JHT withdrawals (accounts closed) and lapses, persons a month."""
    series = [
        Series(text(lang, "jht_withdrawals"), "#c62828", recorded(model, "jht_withdrawals")),
        Series(text(lang, "lapses"), "#f2a900", recorded(model, "lapses")),
    ]
    show_chart("withdrawals", month_labels(model), series, lang)


# --- the villages -------------------------------------------------------------------------------


@solara.component_vue("map.vue")
def VillageMapView(
    geometry: dict,
    statuses: str,
    tiles: list,
    markers: list,
    colours: list,
    labels: dict,
    month: int,
    event_hover: Callable[[int], None],
) -> None:
    """The map drawn in the browser (``map.vue``); ``event_hover`` gets a household's place in the layout."""


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
        geometry=layout.geometry(),
        statuses=status_digits(model, layout),
        tiles=tiles(model, layout, village_label),
        markers=markers,
        colours=list(STATUS_COLOURS),
        labels=map_labels(lang, bool(markers)),
        month=month,
        event_hover=lambda index: set_hovered(layout.row_of(int(index))),
    )
    line = worker_line(model, hovered, lang, bool(markers))
    solara.Text(line, classes=["enrolsim-worker"], style={"font-size": "0.75em", "display": "block", "max-width": "100%"})


# --- the page -----------------------------------------------------------------------------------


@solara.component
def ClassroomViews(model: ClassroomModel) -> None:
    """The map, the three charts and the settings in force, redrawn together once a step.

    Why one component follows Mesa's update counter, not one per view: each follower costs a
    render pass over the whole page at every step (Mesa's own grid of views does that); five
    passes took about 5 ms a step more than this one, as long as writing the three charts.
    """
    update_counter.get()
    lang = language.value
    with solara.ColumnsResponsive(default=12, large=6):
        with solara.Column():
            VillageMap(model, model.month, lang)
        with solara.Column():
            coverage_chart(model, lang)
        with solara.Column():
            retention_chart(model, lang)
        with solara.Column():
            withdrawal_chart(model, lang)
    settings_in_force(model, lang)


@solara.component
def Page() -> None:
    """Mesa's ``SolaraViz`` for the app bar and the run controls, then the levers and the views."""
    SolaraViz(
        current_model,
        components=[],  # the views are ClassroomViews, below
        model_params={"rng": {"type": "SliderInt", "value": DEFAULT_SEED, "label": "Seed (Reset)", "min": 0, "max": 99, "step": 1}},
        name="enrolsim · classroom / kelas",
        play_interval=150,
    )
    # One level deeper than SolaraViz: Solara orders sidebar cards by depth, and the run controls
    # (Step, play) come first, the levers after them.
    with solara.Column():
        LeverPanel()
        ClassroomViews(current_model.value)
