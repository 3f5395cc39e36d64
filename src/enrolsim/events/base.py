"""``Event``: what a dated event does when it begins, each month it runs, and when it ends.

An event kind is one module of this package: a subclass naming its list in the scenario's ``events``
section (``kind``) and overriding ``begin``, ``act`` and ``end``. Events change the processes through
hooks on ``ModelState`` (neutral until an event sets them) or act on workers directly; every event of
the scenario is scheduled by the model (Mesa events) to begin before its first month is simulated
and to end after its last.
"""

from typing import Any, ClassVar

from enrolsim.state import ModelState


class Event:
    """Base of every event: its settings (a section with ``start`` and ``end``) and hooks that do nothing."""

    #: The event's list in the scenario's ``events`` section.
    kind: ClassVar[str]

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def begin(self, model: ModelState) -> None:
        """Before the event's first month."""

    def act(self, model: ModelState) -> None:
        """Each month the event runs, in the month's order (``events_act``)."""

    def end(self, model: ModelState) -> None:
        """After the event's last month."""
