"""The classroom app's levers: which scenario keys they set, their units and ranges, and how typed text is checked.

Nothing here needs a browser. Units and ranges come from the scenario schema (the pydantic fields'
``ge``/``le`` bounds and ``unit``), so the app cannot offer a value the model would refuse. Text typed
into a number field goes through :func:`apply_control`: it either returns a new, validated scenario or
raises :class:`ControlError` with one line a person can act on; the caller keeps its last good
scenario in that case.
"""

import math
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from enrolsim.core.errors import InputError, ScenarioError
from enrolsim.scenario.loading import with_overrides
from enrolsim.scenario.schema import Scenario
from enrolsim.scenario.strategies import PlatformMode
from enrolsim.texts import choice_words, in_unit


class ControlError(InputError):
    """A control value the app refuses; ``str()`` is the one-line message shown under the controls."""


@dataclass(frozen=True)
class Control:
    """One lever of the app: a dotted scenario key and how its value is typed."""

    key: str  # dotted key; "jht.regimes.0.waiting_months" addresses the first JHT rule
    kind: str  # "float", "int" or "choice"
    text_key: str  # label key in enrolsim.texts

    @property
    def field(self) -> tuple[type[BaseModel], str]:
        """The schema class and field name behind this control."""
        model: type[BaseModel] = Scenario
        *parents, leaf = self.key.split(".")
        for part in parents:
            if part.isdigit():
                continue
            annotation = model.model_fields[part].annotation
            model = getattr(annotation, "__args__", (annotation,))[0]
        return model, leaf

    @property
    def unit(self) -> str:
        """Unit from the schema (``json_schema_extra['unit']``)."""
        model, name = self.field
        extra = model.model_fields[name].json_schema_extra or {}
        return str(extra.get("unit", ""))

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """Inclusive ``(lo, hi)`` from the schema's ``ge``/``le``; ``None`` where unbounded."""
        model, name = self.field
        lo = hi = None
        for meta in model.model_fields[name].metadata:
            lo = getattr(meta, "ge", lo)
            hi = getattr(meta, "le", hi)
        return lo, hi

    @property
    def in_percent(self) -> bool:
        """Whether the slider shows this lever in per cent ("2% a month"): then "2%" may be typed for 0.02.

        Derived from the words the slider shows, so that what may be typed follows what is read.
        """
        return self.kind == "float" and "%" in in_unit(0.5, self.unit, "en")

    @property
    def choices(self) -> tuple[str, ...]:
        """Allowed values of a choice control."""
        return tuple(m.value for m in PlatformMode) if self.kind == "choice" else ()


#: The levers the app shows, in the order it shows them.
CONTROLS: tuple[Control, ...] = (
    Control("strategies.extensification.perisai.agents_initial", "float", "perisai_initial"),
    Control("strategies.extensification.perisai.agents_target", "float", "perisai_target"),
    Control("strategies.extensification.perisai.commission_rate", "float", "commission"),
    Control("strategies.extensification.platforms.mode", "choice", "platform_mode"),
    Control("strategies.extensification.platforms.incentive", "float", "platform_incentive"),
    Control("strategies.extensification.local_government.subsidy_budget", "float", "subsidy"),
    Control("strategies.law_enforcement.inspection_rate", "float", "inspection"),
    Control("jht.regimes.0.waiting_months", "int", "waiting"),
    Control("strategies.rules.bpu_price_multiplier", "float", "price"),
    Control("literacy.campaign_reach", "float", "campaign"),
)
BY_KEY = {c.key: c for c in CONTROLS}


def current_value(scenario: Scenario, key: str) -> Any:
    """The value of control ``key`` in ``scenario`` (enums as their text)."""
    node: Any = scenario
    for part in key.split("."):
        node = node[int(part)] if part.isdigit() else getattr(node, part)
    return getattr(node, "value", node)


def control_words(control: Control, value: Any, lang: str) -> str:
    """A lever's value in words with its unit: ``30 agents``, ``7.5%``, ``deduction from earnings``."""
    return choice_words(str(value), lang) if control.kind == "choice" else in_unit(value, control.unit, lang)


def format_value(value: Any) -> str:
    """A value as the number field shows it: ``40``, ``0.075``, ``5000000000``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def format_bound(value: float | None) -> str:
    """A range bound for a label: ``0``, ``1``, ``1e+15``."""
    if value is None:
        return "∞"
    return format_value(float(value)) if abs(value) < 1e7 else f"{value:.0e}"


def parse(control: Control, text: object) -> Any:
    """The value typed into ``control``'s field, or :class:`ControlError` for anything odd.

    A lever the slider shows in per cent also takes a percentage ("3%" for 0.03): the lessons and the
    slider say "3% a month", and a teacher types what they read.
    """
    raw = str(text).strip()
    label = control.key
    if control.kind == "choice":
        if raw not in control.choices:
            raise ControlError("control", label, f"{raw!r} is not one of {', '.join(control.choices)}")
        return raw
    raw = raw.replace("_", "")  # 1_000 as Python and YAML write it
    percent = raw.endswith("%")
    if percent and not control.in_percent:
        raise ControlError("control", label, f"{raw!r}: this lever is not a percentage")
    digits = raw.removesuffix("%").strip()
    if not digits:
        raise ControlError("control", label, "no value given")
    try:
        number = float(digits)
    except ValueError:
        raise ControlError("control", label, f"{raw!r} is not a number") from None
    if not math.isfinite(number):
        raise ControlError("control", label, f"{raw!r} is not a finite number")
    if percent:
        number = round(number / 100, 12)  # 7.5% is 0.075, not 0.07500000000000001
    if control.kind == "int":
        if not number.is_integer():
            raise ControlError("control", label, f"{raw!r} is not a whole number")
        return int(number)
    return number


def apply_control(scenario: Scenario, key: str, text: object) -> Scenario:
    """``scenario`` with control ``key`` set from typed ``text``, validated by the schema.

    Raises :class:`ControlError` (never returns a half-applied scenario) when the text is not a
    value of the right kind or is outside the schema's range.
    """
    control = BY_KEY[key]
    value = parse(control, text)
    try:
        if key.startswith("jht.regimes."):
            index, field = int(key.split(".")[2]), key.split(".")[3]
            regimes = [r.model_dump(mode="json") for r in scenario.jht.regimes]
            regimes[index][field] = value
            return with_overrides(scenario, {"jht.regimes": regimes}, source="control")
        return with_overrides(scenario, {key: value}, source="control")
    except ScenarioError as exc:
        raise ControlError("control", key, exc.problem) from None
