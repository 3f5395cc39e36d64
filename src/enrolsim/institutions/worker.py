"""``Worker``: a Mesa agent that is a view of one row of the worker columns.

Workers are never stepped as objects (docs/architecture.md); this view exists for people: the classroom app
shows it on hover, tests and notebooks inspect it. It reads and writes through to the columns.
It is not registered with the model, so it never appears in ``model.agents``.
"""

from dataclasses import fields

import mesa
import numpy as np

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.core.months import format_month
from enrolsim.state import ModelState
from enrolsim.world.workers import Workers

COLUMNS = frozenset(f.name for f in fields(Workers))


class Worker(mesa.Agent):
    """One worker agent (standing for ``model.represents`` persons), read from its row."""

    model: ModelState

    def __init__(self, model: ModelState, row: int) -> None:
        super().__init__(model)
        model.deregister_agent(self)  # a view, not a member of the stepped population
        self.row = row

    def __getattr__(self, name: str) -> object:
        """A column's value for this worker (``view.literacy``, ``view.status``...)."""
        if name in COLUMNS:
            return getattr(self.model.workers, name)[self.row].item()
        if name in ("trust", "perceived_risk"):  # kept per village by the drift (drift.py)
            return getattr(self.model.drift, name)(np.array([self.row])).item()
        raise AttributeError(name)

    def describe(self) -> dict[str, object]:
        """The worker's state in words a person reads: segment, status, age, balance..."""
        w, i, m = self.model.workers, self.row, self.model
        return {
            "segment": Segment(int(w.segment[i])).name.lower(),
            "status": Status(int(w.status[i])).name.lower(),
            "scheme": Scheme(int(w.scheme[i])).name,
            "payer": Payer(int(w.payer[i])).name.lower(),
            "age": (m.month - int(w.birth_month[i])) // 12,
            "village": int(w.village[i]),
            "income_rupiah": round(float(w.income[i])),
            "risk_class": int(w.risk[i]),
            "literacy": round(float(w.literacy[i]), 3),
            "trust": round(self.trust, 3),
            "jht_balance_rupiah": round(float(w.jht_balance[i])),
            "contribution_months": int(w.contribution_months[i]),
            "months_unpaid": int(w.months_unpaid[i]),
            "enrolled": format_month(m.params.start_month + int(w.enrolled_month[i])) if w.enrolled_month[i] > -32768 else None,
        }
