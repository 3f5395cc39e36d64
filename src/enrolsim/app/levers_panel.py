"""The classroom app's sidebar cards for the levers and for the side-by-side view.

Each number lever is a slider whose positions come from the scenario schema's range
(``sliders.py``), labelled with the value in words and its unit ("30 agents", "Rp5.0 billion a
year"), with a text field under it for any other value of the range; a choice lever is a list.
Both paths end in the same check (``controls.apply_control``): a valid value restarts the model
with the same seed, an invalid typed one is refused with a message and the model keeps its last
good settings.

Why the slider is a small Vue component (``lever.vue``) with a native range input instead of
Vuetify's slider: Vuetify sends its value to the server at every pixel of a drag, and each value
would restart the model; here the label follows the drag in the browser and one value is sent
when the slider is let go (or moved with the keyboard).
"""

from collections.abc import Callable

import solara

from enrolsim.app.controls import BY_KEY, CONTROLS, Control, control_words, current_value, format_bound, format_value
from enrolsim.app.session import Message, commit, commit_b, contrast, language, message, scenario_in_force, show_side_by_side
from enrolsim.app.sliders import position, slider_values
from enrolsim.texts import LANGUAGES, text, unit_name

#: A lever's text field has its label above the value, wrapping when longer than the sidebar is wide. Vuetify floats
#: the label over the field on one line and cuts it off with "...": in the sidebar's 400 px the subsidy's label lost
#: its range ("Local-government subsidy budget [rupiah/year; range 0–1e...", longer still in Bahasa Indonesia).
LEVER_FIELD_CSS = """
.enrolsim-lever-field.v-text-field { padding-top: 0; margin-top: 2px; }
.enrolsim-lever-field .v-text-field__slot { flex-wrap: wrap; }
.enrolsim-lever-field .v-text-field__slot > .v-label {
  position: static !important; transform: none !important; max-width: 100% !important; flex: 1 0 100%;
  white-space: normal; overflow: visible; height: auto; font-size: 12px; line-height: 1.3;
}
"""


@solara.component_vue("lever.vue")
def LeverSlider(name: str, lever: str, labels: list, position: int, event_choose: Callable[[int], None]) -> None:
    """A slider drawn in the browser (``lever.vue``); ``event_choose`` gets the position let go at."""


def control_label(control: Control, lang: str) -> str:
    """``Perisai agents (target) [agents; range 0–1000000]``: the text field's label, with the schema's unit and range.

    The unit is in the page's language (``agen``, ``per bulan`` in Bahasa Indonesia). A label longer
    than the sidebar is wide wraps onto a second line (``LEVER_FIELD_CSS``) rather than losing its range.
    """
    name = text(lang, control.text_key)
    if control.kind == "choice":
        return name
    lo, hi = control.bounds
    return f"{name} [{unit_name(control.unit, lang)}; {text(lang, 'range')} {format_bound(lo)}–{format_bound(hi)}]"


@solara.component
def ControlField(control: Control, lang: str, side: str = "A") -> None:
    """One lever: a slider and a text field (a number), or a list (a choice); ``side`` "B" sets setting B's value."""
    setting = contrast.value
    value = setting.value if side == "B" and setting is not None else current_value(scenario_in_force.value, control.key)
    apply = commit if side == "A" else commit_b
    css = control.text_key + ("-b" if side == "B" else "")  # setting B's field beside the same lever's own
    msg = message.value
    problem = msg.problem if msg is not None and msg.kind == "error" and msg.text_key == control.text_key and msg.side == side else ""
    # hooks first, whatever the kind: setting B's field may change from a number to a choice lever
    values = solara.use_memo(lambda: slider_values(control, value) if control.kind != "choice" else [], [control.key, value])
    labels = solara.use_memo(lambda: [control_words(control, v, lang) for v in values], [values, lang])
    if control.kind == "choice":
        names = {control_words(control, c, lang): c for c in control.choices}
        solara.Select(
            label=text(lang, control.text_key),
            value=control_words(control, value, lang),
            values=list(names),
            on_value=lambda shown: apply(control, names.get(shown, shown)),
            classes=[f"enrolsim-choice-{css}"],
        )
        return
    LeverSlider(
        name=text(lang, control.text_key),
        lever=css,
        labels=labels,
        position=position(values, value) or 0,
        event_choose=lambda index: apply(control, values[int(index)]),
    )
    solara.InputText(
        label=control_label(control, lang),
        value=format_value(value),
        on_value=lambda typed: apply(control, typed),
        continuous_update=False,
        error=problem or False,  # the problem under the field typed in: the card's message, below every lever, may be out of sight
        classes=[f"enrolsim-control-{css}", "enrolsim-lever-field"],
    )


def show_message(msg: Message | None, side: str, lang: str) -> None:
    """The last message of this panel: a value refused (the model keeps its settings) or the model restarted."""
    if msg is None or msg.side != side:
        return
    label = text(lang, msg.text_key)
    suffix = "_b" if side == "B" else ""
    if msg.kind == "error":
        solara.Error(text(lang, "refused" + suffix, label=label, problem=msg.problem, kept=msg.value), classes=["enrolsim-message"])
    else:
        solara.Success(text(lang, "restarted" + suffix, label=label, value=msg.value), classes=["enrolsim-message"])


@solara.component
def LeverPanel() -> None:
    """The levers card (it does not follow the steps: levers change only when set)."""
    lang = language.value
    solara.Style(LEVER_FIELD_CSS)
    with solara.Card(text(lang, "levers_heading")):
        solara.Select(
            label=text(lang, "language"),
            value=LANGUAGES[lang],
            values=list(LANGUAGES.values()),
            on_value=lambda shown: language.set(next(k for k, v in LANGUAGES.items() if v == shown)),
        )
        solara.Text(text(lang, "levers_help"), style={"font-size": "0.85em"})
        for control in CONTROLS:
            ControlField(control, lang)
        show_message(message.value, "A", lang)


@solara.component
def SideBySidePanel() -> None:
    """The side-by-side card: a switch for a second model (setting B), which lever B changes, and B's value."""
    lang = language.value
    setting = contrast.value
    with solara.Card(text(lang, "side_heading")):
        solara.Switch(label=text(lang, "side_switch"), value=setting is not None, on_value=show_side_by_side, classes=["enrolsim-side-switch"])
        if setting is None:
            solara.Text(text(lang, "side_help"), style={"font-size": "0.85em"})
            return
        names = {text(lang, c.text_key): c.key for c in CONTROLS}
        solara.Select(
            label=text(lang, "side_lever"),
            value=text(lang, BY_KEY[setting.key].text_key),
            values=list(names),
            on_value=lambda shown: show_side_by_side(True, names[shown]),
            classes=["enrolsim-side-lever"],
        )
        ControlField(BY_KEY[setting.key], lang, side="B")
        show_message(message.value, "B", lang)
