"""The classroom app: the model in a browser, with Mesa's ``SolaraViz``.

Run ``enrolsim app`` (or ``solara run src/enrolsim/app.py``). A teacher changes a lever, presses
Step or play, and the class watches coverage move. What is on the page:

- Mesa's sidebar: Reset, play and Step, the play interval, and the seed (Mesa's model parameters);
- our sidebar card "Levers": the language switch and one number field (or list) per lever, with the
  unit and range of the scenario schema; a valid value restarts the model with the same seed, an
  invalid one is refused with a message and the model keeps its last good settings;
- four views: the villages (households coloured by status, tiles by coverage, Perisai corps on
  them; hovering a household shows ``Worker.describe()``), active participants by segment,
  registrations against those still active (the 5:1), and JHT withdrawals with lapses.

Every browser session (tab) has its own model, lever settings and language: they live in Solara
reactive values created per session (``KernelStoreFactory``), so students do not step each other's
model. Mesa's Reset re-creates the model as ``ClassroomModel(rng=seed)``, which takes the levers in
force in that session.

The scenario comes from ``$ENROLSIM_APP_SCENARIO`` (set by ``enrolsim app --scenario``), else
``scenarios/lessons/classroom.yaml`` (the district of the lessons in docs/teaching/).
"""

import os
from functools import cache
from html import escape

import altair as alt
import numpy as np
import pandas as pd
import solara
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter
from solara.toestand import KernelStoreFactory

from enrolsim.agents.perisai import PerisaiAgent
from enrolsim.app_assets import seed_offline_assets
from enrolsim.app_cli import DEFAULT_SCENARIO, SCENARIO_ENV
from enrolsim.app_controls import CONTROLS, Control, ControlError, apply_control, current_value, format_bound, format_value
from enrolsim.app_text import LANGUAGES, text
from enrolsim.calendar import format_month
from enrolsim.loading import load_scenario
from enrolsim.model import EnrolmentModel
from enrolsim.scenario import Scenario
from enrolsim.states import SEGMENT_NAMES, Status

DEFAULT_SEED = 1
STATUS_NAMES = tuple(s.name.lower() for s in Status)
STATUS_COLOURS = ("#c8c8c8", "#2e7d32", "#f2a900", "#c62828")  # never, active, inactive, withdrawn
SEGMENT_COLOURS = ("#1f77b4", "#17becf", "#ff7f0e", "#9467bd", "#8c564b", "#7f7f7f")
CHART_HEIGHT = 170


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
def LeverPanel(model: ClassroomModel) -> None:
    """The levers card (in the sidebar) and the settings in force (in the page)."""
    update_counter.get()
    lang = language.value
    with solara.Sidebar(), solara.Card(text(lang, "levers")):
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
    scenario = scenario_in_force.value
    month = format_month(scenario.start_month + model.month - 1) if model.month else "–"
    heading = f"{text(lang, 'in_force')} · {text(lang, 'scenario')}: {scenario.name} · {text(lang, 'seed')}: {model.seed}"
    heading += f" · {text(lang, 'month')}: {model.month} ({month})"
    rows = [(text(lang, c.text_key), text(lang, format_value(current_value(scenario, c.key)))) for c in CONTROLS]
    solara.HTML(tag="div", unsafe_innerHTML=html_table(heading, rows), classes=["enrolsim-settings"])


def html_table(heading: str, rows: list[tuple[str, str]]) -> str:
    """A small two-column table (HTML, escaped): Solara's Markdown would fetch KaTeX from the internet."""
    body = "".join(f"<tr><td>{escape(k)}</td><td><b>{escape(v)}</b></td></tr>" for k, v in rows)
    return f'<div style="font-size:0.8em"><div><b>{escape(heading)}</b></div><table>{body}</table></div>'


# --- charts -------------------------------------------------------------------------------------


def timeseries(model: EnrolmentModel) -> pd.DataFrame:
    """The months simulated so far, one row each, with a ``date`` column."""
    df = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    df["date"] = [format_month(model.params.start_month + i) for i in range(len(df))]
    return df


def _months_caption(df: pd.DataFrame, lang: str) -> None:
    caption = text(lang, "months_shown", n=len(df))
    if len(df):
        caption += " " + text(lang, "months_range", first=df["date"].iloc[0], last=df["date"].iloc[-1])
    solara.Text(caption, classes=["enrolsim-months"], style={"font-size": "0.8em"})


def _line_chart(long: pd.DataFrame, title: str, lang: str, colours: tuple[str, ...] | None = None) -> alt.Chart:
    series = list(dict.fromkeys(long["series"]))
    colour = alt.Color("series:N", title=text(lang, "series"), sort=series)
    if colours is not None:
        colour = colour.scale(domain=series, range=list(colours[: len(series)]))
    return (
        alt.Chart(long)
        .mark_line(point=len(long) <= 40)
        .encode(
            x=alt.X("yearmonth(date):T", title=text(lang, "month"), axis=alt.Axis(format="%Y-%m")),
            y=alt.Y("value:Q", title=text(lang, "persons")),
            color=colour,
            tooltip=[alt.Tooltip("yearmonth(date):T", format="%Y-%m"), "series:N", alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(title=title, width="container", height=CHART_HEIGHT)
    )


def _long(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame({"date": pd.Series(dtype=str), "series": pd.Series(dtype=str), "value": pd.Series(dtype=float)})
    long = df[["date", *columns]].melt(id_vars="date", var_name="series", value_name="value")
    long["series"] = long["series"].map(columns)
    return long.dropna()


@solara.component
def CoverageChart(model: EnrolmentModel) -> None:
    """Active participants by segment, in persons."""
    update_counter.get()
    lang = language.value
    df = timeseries(model)
    columns = {f"active_{s}": text(lang, s) for s in SEGMENT_NAMES}
    solara.FigureAltair(_line_chart(_long(df, columns), text(lang, "active_by_segment"), lang, SEGMENT_COLOURS))
    _months_caption(df, lang)


@solara.component
def RetentionChart(model: EnrolmentModel) -> None:
    """Registrations in the last 12 months against those registrants still active: the 5:1."""
    update_counter.get()
    lang = language.value
    df = timeseries(model)
    if not df.empty:
        df["still_active"] = df["registrations_12m"] / df["registrations_per_active"]
        df.loc[df["registrations_per_active"].isna(), "registrations_12m"] = np.nan
    columns = {"registrations_12m": text(lang, "registrations_12m"), "still_active": text(lang, "still_active")}
    solara.FigureAltair(_line_chart(_long(df, columns), text(lang, "retention"), lang, ("#1565c0", "#2e7d32")))
    ratio = df["registrations_per_active"].iloc[-1] if len(df) else np.nan
    solara.Text(
        text(lang, "ratio_now", ratio=f"{ratio:.1f} : 1") if np.isfinite(ratio) else text(lang, "ratio_wait"),
        classes=["enrolsim-ratio"],
        style={"font-size": "0.8em"},
    )
    _months_caption(df, lang)


@solara.component
def WithdrawalChart(model: EnrolmentModel) -> None:
    """JHT withdrawals (accounts closed) and lapses, persons a month."""
    update_counter.get()
    lang = language.value
    df = timeseries(model)
    columns = {"jht_withdrawals": text(lang, "jht_withdrawals"), "lapses": text(lang, "lapses")}
    solara.FigureAltair(_line_chart(_long(df, columns), text(lang, "withdrawals"), lang, ("#c62828", "#f2a900")))
    _months_caption(df, lang)


# --- the villages -------------------------------------------------------------------------------


def village_layout(model: EnrolmentModel) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Households (one per worker agent), village tiles and Perisai markers, in grid coordinates."""
    w = model.workers
    n_villages = int(model.village_sizes.size)
    across = int(np.ceil(np.sqrt(n_villages * 4 / 3)))  # tiles a row, a landscape block
    order = np.argsort(w.village, kind="stable")
    village = w.village[order]
    first = np.searchsorted(village, np.arange(n_villages))
    slot = np.arange(order.size) - first[village]
    side = int(np.ceil(np.sqrt(max(int(np.bincount(w.village, minlength=n_villages).max()), 1))))
    pitch = side + 2  # cells a tile, with a gap
    tile_x, tile_y = (village % across) * pitch, (village // across) * pitch
    households = pd.DataFrame(
        {
            "x": tile_x + slot % side + 0.5,
            "y": tile_y + slot // side + 0.5,
            "row": order,
            "status": np.array(STATUS_NAMES)[w.status[order]],
            "segment": np.array(SEGMENT_NAMES)[w.segment[order]],
        }
    )
    sizes = np.bincount(w.village, minlength=n_villages)
    active = np.bincount(w.village[w.status == Status.ACTIVE], minlength=n_villages)
    v = np.arange(n_villages)
    tiles = pd.DataFrame(
        {
            "x0": (v % across) * pitch - 0.5,
            "y0": (v // across) * pitch - 0.5,
            "x1": (v % across) * pitch + side + 0.5,
            "y1": (v // across) * pitch + side + 0.5,
            "village": v,
            "coverage": active / np.maximum(sizes, 1),
        }
    )
    villages_per_district = model.params.population.villages_per_district
    markers = [
        {
            "x": (vi % across) * pitch + side + 0.2,
            "y": (vi // across) * pitch - 0.2,
            "members": float(agent.members),
            "recruits": float(agent.recruits),
            "district": int(agent.district),
        }
        for agent in model.agents_by_type.get(PerisaiAgent, [])
        for vi in range(agent.district * villages_per_district, (agent.district + 1) * villages_per_district)
        if agent.members > 0
    ]
    return households, tiles, pd.DataFrame(markers, columns=["x", "y", "members", "recruits", "district"])


def village_chart(model: EnrolmentModel, lang: str) -> alt.LayerChart:
    """The village map as an Altair chart (households are points one can hover)."""
    households, tiles, markers = village_layout(model)
    households["status_label"] = households["status"].map(lambda s: text(lang, s))
    households = households[["x", "y", "row", "status_label"]]  # what the browser needs
    tiles["label"] = [f"{text(lang, 'village')} {v}: {c:.0%} {text(lang, 'coverage')}" for v, c in zip(tiles["village"], tiles["coverage"], strict=True)]
    span = max(float(tiles["x1"].max()), float(tiles["y1"].max())) + 1
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-1, span]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[span * 0.75, -1]))
    tile = (
        alt.Chart(tiles)
        .mark_rect(opacity=0.55, stroke="#555", strokeWidth=0.5)
        .encode(
            x=alt.X("x0:Q", axis=None, scale=alt.Scale(domain=[-1, span])),
            x2="x1:Q",
            y=alt.Y("y0:Q", axis=None, scale=alt.Scale(domain=[span * 0.75, -1])),
            y2="y1:Q",
            color=alt.Color(
                "coverage:Q",
                scale=alt.Scale(domain=[0, 0.6], scheme="greens"),
                title=text(lang, "coverage"),
                legend=alt.Legend(format=".0%", orient="bottom", gradientLength=120),
            ),
            tooltip=[alt.Tooltip("label:N", title=text(lang, "village"))],
        )
    )
    status_names = [text(lang, s) for s in STATUS_NAMES]
    points = (
        alt.Chart(households)
        .mark_square(size=9, opacity=0.95)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status_label:N",
                title=text(lang, "status"),
                scale=alt.Scale(domain=status_names, range=list(STATUS_COLOURS)),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            # no tooltip: hovering shows the whole Worker.describe() under the map, and the spec stays small
        )
    )
    layers = [tile, points]
    if not markers.empty:
        markers["label"] = [
            text(lang, "perisai_corps", district=d, members=f"{m:.1f}", recruits=f"{r:,.0f}")
            for d, m, r in zip(markers["district"], markers["members"], markers["recruits"], strict=True)
        ]
        layers.append(
            alt.Chart(markers)
            .mark_point(shape="triangle-down", filled=True, color="#000", opacity=0.85)
            .encode(x=x, y=y, size=alt.Size("members:Q", legend=None, scale=alt.Scale(range=[40, 260])), tooltip=["label:N"])
        )
    return alt.layer(*layers).resolve_scale(color="independent").properties(title=text(lang, "villages"), width=250, height=170)


@solara.component
def VillageMap(model: EnrolmentModel) -> None:
    """The villages, and the state of the worker under the mouse (``Worker.describe()``)."""
    update_counter.get()
    lang = language.value
    hovered, set_hovered = solara.use_state(None)
    chart = solara.use_memo(lambda: village_chart(model, lang), [model, model.month, lang])

    def on_hover(datum: dict | None) -> None:
        if datum and "row" in datum:
            set_hovered(int(datum["row"]))

    solara.FigureAltair(chart, on_hover=on_hover)
    corps = [a for a in model.agents_by_type.get(PerisaiAgent, []) if a.members > 0]
    if hovered is None or hovered >= model.workers.size:
        line = text(lang, "hover_help") + ("" if corps else " " + text(lang, "no_perisai"))
    else:
        described = model.worker(hovered).describe()
        shown = [f"{text(lang, 'f_' + k)}: {text(lang, str(v)) if k in ('segment', 'status') else v}" for k, v in described.items()]
        line = f"{text(lang, 'worker', row=hovered)} — " + " · ".join(shown)
    solara.Text(line, classes=["enrolsim-worker"], style={"font-size": "0.75em", "display": "block", "max-width": "100%"})


# --- the page -----------------------------------------------------------------------------------

seed_offline_assets()

page = SolaraViz(
    current_model,
    components=[(VillageMap, 0), (CoverageChart, 0), (RetentionChart, 0), (WithdrawalChart, 0), (LeverPanel, 0)],
    model_params={"rng": {"type": "SliderInt", "value": DEFAULT_SEED, "label": "Seed (Reset)", "min": 0, "max": 99, "step": 1}},
    name="enrolsim · classroom / kelas",
    play_interval=150,
)
