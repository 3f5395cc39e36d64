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

Every browser session has its own model(s) and settings (``session.py``). The scenario comes from
``$ENROLSIM_APP_SCENARIO`` (set by ``enrolsim app --scenario``), else
``scenarios/lessons/classroom.yaml`` (the district of the lessons in docs/teaching/).
"""

import solara
from mesa.visualization.solara_viz import ModelController, ModelCreator, ShowSteps

from enrolsim.app.levers_panel import LeverPanel, SideBySidePanel
from enrolsim.app.session import DEFAULT_SEED, ClassroomModel, base_scenario, current_model, language
from enrolsim.app.views import ClassroomViews
from enrolsim.texts import text

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


@solara.component
def RunCard() -> None:
    """Mesa's Reset / play / Step with the seed and the month, and none of its developer controls."""
    parameters = solara.use_reactive({"rng": DEFAULT_SEED})
    play_interval = solara.use_reactive(PLAY_INTERVAL_MS)
    render_interval = solara.use_reactive(1)  # a redraw every month: a class follows each one
    use_threads = solara.use_reactive(False)
    lang = language.value
    with solara.Card(text(lang, "run_heading")):
        ModelController(current_model, model_parameters=parameters, play_interval=play_interval, render_interval=render_interval, use_threads=use_threads)
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
