"""``Lever``: one strategy lever's lifecycle, in the spirit of Covasim's interventions and Starsim's modules.

A lever is one module of this package: a subclass naming its settings (a section of the scenario's
``strategies``, whose zero is the status quo), and saying what it does

- ``build``: at construction, when configured: the institutions (Mesa agents) it needs;
- ``start``: in its start month: switch on what it changes in the monthly processes (hooks on
  ``ModelState``, neutral until then);
- ``act_on_employers`` and ``act``: its part of the institutions' turn each month after it has
  started, before and after the workers of employers changed this month follow their employers;
- its cost line: ``name``, charged with ``model.ledger.charge(self.name, rupiah)`` (unless ``has_cost`` is false),
  and who pays it (``payer``);
- its own state: attributes of the instance (``model.levers[name]``).

A lever that is not configured is never built or started: its code draws no random numbers, so a
scenario with every lever at zero runs exactly like the baseline.
"""

from typing import Any, ClassVar

from enrolsim.scenario.strategies import Strategies
from enrolsim.state import ModelState


class Lever:
    """Base of every lever: settings, and hooks that do nothing unless a lever overrides them."""

    #: Short name: the key in ``model.levers``, the cost line and the indicator ``cost_<name>``.
    name: ClassVar[str]
    #: Where the settings live under ``strategies`` (dotted, e.g. ``"intensification.audits"``).
    section: ClassVar[str]
    #: Whether it spends money (a rule change does not): then it has a cost line and an indicator.
    has_cost: ClassVar[bool] = True
    #: Who pays its cost line (the report's split, docs/ODD.md 7.10.15): ``agency``, BPJS Ketenagakerjaan or the national
    #: government behind it (its own programmes, offices, fees, agents, and the prosecutor's office of law enforcement),
    #: or ``districts``, district budgets (APBD).
    payer: ClassVar[str] = "agency"

    def __init__(self, strategies: Strategies) -> None:
        settings: Any = strategies
        for part in self.section.split("."):
            settings = getattr(settings, part)
        self.settings = settings

    def configured(self) -> bool:
        """Whether the lever would do anything at all (at its zero it is the status quo)."""
        raise NotImplementedError

    def build(self, model: ModelState) -> None:
        """At construction, for a configured lever: create the institutions it needs."""

    def start(self, model: ModelState) -> None:
        """In the start month: switch on what the lever changes in the monthly processes."""

    def act_on_employers(self, model: ModelState) -> None:
        """Each month once started, before employers' workers follow their employers."""

    def act(self, model: ModelState) -> None:
        """Each month once started, after employers' workers have followed their employers."""
