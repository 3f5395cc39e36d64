"""``Event``: what a dated event does when it begins, each month it runs, and when it ends.

An event kind is one module of this package: a subclass naming its list in the scenario's ``events``
section (``kind``) and overriding ``begin``, ``act`` and ``end``. Events change the processes through
hooks on ``ModelState`` (neutral until an event sets them) or act on workers directly; every event of
the scenario is scheduled by the model (Mesa events) to begin before its first month is simulated
and to end after its last.
"""

import math
from typing import Any, ClassVar

from enrolsim.core.months import parse_month
from enrolsim.state import ModelState


class Event:
    """Base of every event: its settings (a section with ``start`` and ``end``) and hooks that do nothing."""

    #: The event's list in the scenario's ``events`` section.
    kind: ClassVar[str]

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def begin(self, model: ModelState) -> None:
        """Before the event's first month."""

    def prepare(self, model: ModelState) -> None:
        """At the start of each month the event runs, before any process (hooks the whole month reads)."""

    def act(self, model: ModelState) -> None:
        """Each month the event runs, in the month's order (``events_act``)."""

    def end(self, model: ModelState) -> None:
        """After the event's last month."""


def scale_hook(model: ModelState, name: str, owner: Event, factor: float) -> None:
    """Put ``owner``'s ``factor`` on the multiplicative hook ``name`` (a factor of 1 takes it off).

    Events compose by multiplying their factors: the hook is the product of every running owner's
    factor, kept apart (``model.hook_factors``) rather than divided back out, so a factor of 0 (a
    benefit that stops every claim, a budget cut to nothing) can be taken off, and a hook nobody is
    on reads exactly 1 (processes skip work when a hook is 1).
    """
    factors = model.hook_factors.setdefault(name, {})
    if factor == 1.0:
        factors.pop(owner, None)
    else:
        factors[owner] = factor
    setattr(model, name, math.prod(factors.values(), start=1.0))


def shift_hook(model: ModelState, name: str, amount: float) -> None:
    """Add ``amount`` (negative to take it back) to the additive hook ``name``, snapping a residue to exactly 0."""
    value = getattr(model, name) + amount
    setattr(model, name, 0.0 if abs(value) < 1e-12 else value)


def model_month(model: ModelState, month: str) -> int:
    """The model month (0 = the scenario's first month; negative before it) of a ``YYYY-MM`` month."""
    return parse_month(month) - model.params.start_month


def agents_for(model: ModelState, persons: float) -> int:
    """A number of persons as worker agents this month, rounded at random (small runs stay unbiased)."""
    return int(model.rng.poisson(max(persons, 0.0) / model.represents))
