"""The classroom app: the model in a browser, with Mesa's run controls.

Run ``enrolsim app`` (or ``solara run src/enrolsim/app/page.py``). A teacher changes a lever, presses
Step or play, and the class watches coverage move. What is on the page:

- the sidebar: Mesa's Reset, play and Step, the seed (Mesa's model parameters) and the month; the
  side-by-side switch, which adds a second model with one lever changed (setting B, same seed) for
  lessons that contrast two settings; then the levers (``levers_panel.py``: the language, a slider
  and a text field per number lever with the schema's unit and range, a list per choice);
- the views (``views.py``): the villages, active participants by segment, registrations against
  those still active (the 5:1), JHT withdrawals with lapses, and the settings in force; with
  setting B, a column of them for each model.

Why not Mesa's ``SolaraViz`` page itself: its sidebar offers developer controls (the play and
render intervals, threads) that only confuse a class. This page uses Mesa's own components for
what a class needs (``ModelController``, ``ModelCreator``, ``ShowSteps``) with the play interval
fixed, one month per Step and no threads.

At the scenario's last month the model stops (``session.py``): play stops by itself, and Mesa's
controller gives way to Reset with play and Step greyed out and a line saying where the scenario
ends. (Mesa's controller keeps its own "running" flag, set only by its Step, play and Reset: kept
through the end, it would have left Step and play greyed out for a model restarted by a lever or
the side-by-side switch. It is built afresh when the next model starts.)

Every browser session has its own model(s) and settings (``session.py``). The scenario comes from
``$ENROLSIM_APP_SCENARIO`` (set by ``enrolsim app --scenario``), else
``scenarios/lessons/classroom.yaml`` (the district of the lessons in docs/teaching/).
"""

import solara
from mesa.visualization.solara_viz import ModelController, ModelCreator, ShowSteps

from enrolsim.app.levers_panel import LeverPanel, SideBySidePanel
from enrolsim.app.session import DEFAULT_SEED, ClassroomModel, base_scenario, current_model, language, scenario_over
from enrolsim.app.views import ClassroomViews
from enrolsim.texts import month_name, text

TITLE = "enrolsim · classroom / kelas"
PLAY_INTERVAL_MS = 150  # a month every 0.15 s while playing: about seven a second, as fast as a class can follow
SEED = {"rng": {"type": "SliderInt", "value": DEFAULT_SEED, "label": "Seed (Reset)", "min": 0, "max": 99, "step": 1}}

__all__ = ["ClassroomModel", "Page", "base_scenario", "current_model"]


def seed_words(running: int, chosen: int, lang: str) -> str:
    """``Seed: 1``, or ``Seed: 1 → 29 (Reset)`` when the slider holds another seed for the next Reset.

    Mesa's seed slider shows its value only while it is dragged: without this line a teacher comparing
    seeds (lesson 1) could not tell which seed the slider is at, nor which one the model runs.
    """
    shown = f"{text(lang, 'seed_label')}: {running}"
    return shown if chosen == running else f"{shown} → {chosen} (Reset)"


def scenario_over_words(model: ClassroomModel, lang: str) -> str:
    """``The scenario ends in December 2021: press Reset to run it again.``"""
    return text(lang, "scenario_over", month=month_name(model.last_month, lang))


@solara.component
def RunButtons(parameters: solara.Reactive[dict], play_interval: solara.Reactive[int]) -> None:
    """Mesa's Reset / play / Step while the scenario has months left; at its end, Reset alone (play and Step
    greyed out) and where the scenario ends.

    Re-rendered only when the model ends or a new one starts (``scenario_over``), not at every step.
    """
    render_interval = solara.use_reactive(1)  # a redraw every month: a class follows each one
    use_threads = solara.use_reactive(False)
    if not scenario_over.value:
        ModelController(current_model, model_parameters=parameters, play_interval=play_interval, render_interval=render_interval, use_threads=use_threads)
        return

    def reset() -> None:  # what Mesa's Reset does: a new model with the seed on the slider
        current_model.set(ClassroomModel(rng=int(parameters.value.get("rng", DEFAULT_SEED))))

    with solara.Row(justify="space-between"):
        solara.Button(label="Reset", color="primary", on_click=reset)
        solara.Button(label="▶", color="primary", disabled=True)
        solara.Button(label="Step", color="primary", disabled=True)
    solara.Info(scenario_over_words(current_model.value, language.value), dense=True, classes=["enrolsim-end"])


@solara.component
def RunCard() -> None:
    """Mesa's Reset / play / Step with the seed and the month, and none of its developer controls."""
    parameters = solara.use_reactive({"rng": DEFAULT_SEED})
    play_interval = solara.use_reactive(PLAY_INTERVAL_MS)
    lang = language.value
    with solara.Card(text(lang, "run_heading")):
        RunButtons(parameters, play_interval)
        ModelCreator(current_model, SEED, model_parameters=parameters)
        solara.Text(
            seed_words(current_model.value.seed, int(parameters.value.get("rng", DEFAULT_SEED)), lang), classes=["enrolsim-seed"], style={"display": "block"}
        )
        ShowSteps(current_model.value)


@solara.component
def Page() -> None:
    """The app bar, the sidebar (run controls, side by side, levers) and the views."""
    solara.Title(TITLE)  # the browser tab's name, else "Page"
    with solara.AppBar():
        solara.AppBarTitle(TITLE)
    with solara.Sidebar(), solara.Column():
        RunCard()
        SideBySidePanel()
        LeverPanel()
    ClassroomViews(current_model.value)
