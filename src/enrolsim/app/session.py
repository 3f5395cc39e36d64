"""What one browser session of the classroom app holds: its levers, language, message, the optional setting B, and its model(s).

Every browser session (tab) has its own model, lever settings and language: they live in Solara
reactive values created per session (``KernelStoreFactory``, ``solara.reactive``), so students do
not step each other's model. When the session ends (the tab is closed, or its browser has been
gone for ``enrolsim app --session-timeout`` minutes) Solara closes its kernel and these values,
models included, are freed.

The side-by-side view contrasts two settings: setting B is the levers in force with one lever
changed (:class:`Contrast`). ``ClassroomModel`` then builds a second model, its ``twin``, from
setting B with the same seed and steps it with itself, so both are always at the same month and
differ only by that lever (and what it changes downstream). Mesa's Reset calls
``ClassroomModel(rng=seed)``, which takes this session's levers and setting B.

A model stops at the scenario's last month (``months`` from ``start``): its ``running`` turns False,
and its twin's with it, so Mesa's play stops there and a Step does nothing more. Past that month the
scenario describes nothing (its inputs run on, or are held, into years no lesson is about).
``scenario_over`` tells the page, which then offers Reset alone and says why.
"""

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import solara
from mesa.visualization.utils import force_update, update_counter
from solara.toestand import KernelStoreFactory

from enrolsim.app.controls import BY_KEY, Control, ControlError, apply_control, current_value, format_value
from enrolsim.app.settings import DEFAULT_SCENARIO, SCENARIO_ENV
from enrolsim.core.months import format_month
from enrolsim.model import EnrolmentModel
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.schema import Scenario

DEFAULT_SEED = 1


@cache
def base_scenario() -> Scenario:
    """The scenario the app starts from (read once per server process)."""
    return load_scenario(os.environ.get(SCENARIO_ENV) or DEFAULT_SCENARIO)


@dataclass(frozen=True)
class Contrast:
    """Setting B of the side-by-side view: the levers in force with lever ``key`` at ``value``."""

    key: str
    value: Any


@dataclass(frozen=True)
class Message:
    """The last message under a lever panel: a value refused, or the model restarted with it."""

    kind: str  # "ok" or "error"
    text_key: str  # the lever's label key
    problem: str  # what was wrong (errors)
    value: str  # the value now in force (as typed)
    side: str = "A"  # "A": the levers; "B": setting B


#: The scenario with the levers in force in this session (the last good settings).
scenario_in_force: solara.Reactive[Scenario] = solara.Reactive(KernelStoreFactory(base_scenario, key="enrolsim.app.scenario"))
#: "en" or "id".
language: solara.Reactive[str] = solara.reactive("en")
#: The last message under the levers or setting B.
message: solara.Reactive[Message | None] = solara.reactive(None)
#: Setting B of the side-by-side view; None: one model only.
contrast: solara.Reactive[Contrast | None] = solara.reactive(None)


def scenario_b(a: Scenario, setting: Contrast) -> Scenario:
    """Setting B: ``a`` with the contrasted lever at B's value (already checked when it was chosen)."""
    return apply_control(a, setting.key, setting.value)


class ClassroomModel(EnrolmentModel):
    """``EnrolmentModel`` as the app builds it: this session's levers, seed 1 by default, and a twin for setting B.

    Mesa's Reset calls ``ClassroomModel(rng=seed)``; the levers are not Mesa model parameters
    because they are checked (and may be refused) before any model is built.
    """

    def __init__(self, params: Scenario | None = None, rng: int | None = None) -> None:
        seed = DEFAULT_SEED if rng is None else int(rng)
        super().__init__(params if params is not None else scenario_in_force.value, rng=seed)
        self.seed = seed
        setting = contrast.value
        #: the model of setting B (same seed), stepped with this one; None without the side-by-side view
        self.twin: EnrolmentModel | None = EnrolmentModel(scenario_b(self.params, setting), rng=seed) if setting is not None else None

    @property
    def last_month(self) -> str:
        """The scenario's last month (``YYYY-MM``), where this model stops."""
        return format_month(self.params.start_month + self.params.months - 1)

    def step(self) -> None:
        """A month of this model and, in the side-by-side view, of its twin; after the scenario's last month
        both stop (``running`` False) and nothing more is simulated."""
        if not self.running:
            return
        super().step()
        if self.twin is not None:
            self.twin.step()
        if self.month >= self.params.months:
            self.running = False
            if self.twin is not None:
                self.twin.running = False


def _first_model() -> ClassroomModel:
    return ClassroomModel()


#: This session's model (Mesa's controller steps it; the levers replace it).
current_model: solara.Reactive[ClassroomModel] = solara.Reactive(KernelStoreFactory(_first_model, key="enrolsim.app.model"))


def _scenario_over() -> bool:
    update_counter.get()
    return not current_model.value.running


#: Whether this session's model has simulated the scenario's last month. Read again at every step (Mesa's
#: update counter) and whenever the model is replaced, but a component that reads it re-renders only when
#: it changes: at the end, and at the next start.
scenario_over: solara.Reactive[bool] = solara.lab.computed(_scenario_over, key="enrolsim.app.scenario_over")


def start_afresh() -> None:
    """This session as a new browser tab finds it: the scenario's levers, no setting B, no message, a model at month 0.

    Outside a Solara server (tests, benchmarks) every "session" is the one process, so a test that
    steps a model or opens setting B calls this to leave nothing behind for the next one.
    """
    contrast.set(None)
    message.set(None)
    scenario_in_force.set(base_scenario())
    current_model.set(ClassroomModel())


def restart() -> None:
    """A new model (and twin) with the settings in force and the same seed, at month 0."""
    current_model.set(ClassroomModel(rng=current_model.value.seed))


def commit(control: Control, typed: object) -> bool:
    """Apply a value typed or slid into ``control``: restart the model with it, or refuse it. True if applied."""
    before = scenario_in_force.value
    kept = format_value(current_value(before, control.key))
    try:
        after = apply_control(before, control.key, typed)
    except ControlError as exc:
        message.set(Message("error", control.text_key, exc.problem, kept))
        return False
    if after == before:
        message.set(None)
        return True
    scenario_in_force.set(after)
    restart()
    message.set(Message("ok", control.text_key, "", format_value(current_value(after, control.key))))
    return True


def commit_b(control: Control, typed: object) -> bool:
    """Set setting B's lever from a value typed or slid: restart both models with it, or refuse it."""
    setting = contrast.value
    assert setting is not None and setting.key == control.key
    kept = format_value(setting.value)
    try:
        value = current_value(apply_control(scenario_in_force.value, control.key, typed), control.key)
    except ControlError as exc:
        message.set(Message("error", control.text_key, exc.problem, kept, side="B"))
        return False
    if value != setting.value:
        contrast.set(Contrast(control.key, value))
        restart()
    message.set(Message("ok", control.text_key, "", format_value(value), side="B"))
    return True


def show_side_by_side(on: bool, key: str | None = None) -> None:
    """Turn the side-by-side view on (setting B = the levers in force, lever ``key`` to be changed) or off.

    Turning it on restarts both models at month 0 so that they run together; turning it off keeps
    the first model where it is.
    """
    if not on:
        contrast.set(None)
        current_model.value.twin = None
        force_update()  # the views follow Mesa's update counter: they redraw without the twin
        return
    key = key or next(iter(BY_KEY))
    contrast.set(Contrast(key, current_value(scenario_in_force.value, key)))
    message.set(None)
    restart()
