"""This month's tallies: the moves between statuses (``Flows``) and what the levers cost and did (``Ledger``).

Both are zeroed at the start of every month and read by the indicators at its end; counts are in
worker agents or employer units (the indicators multiply by persons per agent), money in rupiah.
"""

from dataclasses import dataclass, field, fields

import numpy as np

from enrolsim.core.codes import ExitCause


@dataclass
class Flows:
    """This month's moves, in worker agents (persons = agents x represents) and rupiah per person."""

    new_registrations: int = 0
    reactivations: int = 0
    resumptions: int = 0
    lapses: int = 0
    jht_withdrawals: int = 0
    jht_withdrawn_rupiah: float = 0.0
    jht_exit_claims: int = 0  # balances claimed at retirement or death
    jht_paid_on_exit: float = 0.0
    contributions_rupiah: float = 0.0
    accidents: int = 0
    claims: int = 0
    claims_rupiah: float = 0.0
    deaths: int = 0
    retirements: int = 0
    arrears_lapses: int = 0  # of the lapses: employers in arrears (not an exit in the agency's count until the job ends)
    suspensions_ended: int = 0  # workers inactive for their employer's arrears who leave the job, retire or die: their exit
    new_after_withdrawal: int = 0  # of the new registrations: a new account after a JHT withdrawal
    exits_by_cause: np.ndarray = field(default_factory=lambda: np.zeros(len(ExitCause), dtype=np.int64))  # lapses by ExitCause
    claims_by_cause: np.ndarray = field(default_factory=lambda: np.zeros(len(ExitCause), dtype=np.int64))  # JHT claims by leave_cause

    def reset(self) -> None:
        """Zero every counter at the start of a month."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                value[:] = 0
            else:
                setattr(self, f.name, type(value)())


@dataclass
class Ledger:
    """This month's strategy costs (rupiah, one line per lever) and counts (worker agents, or firms: ``Employers.firms_in``)."""

    lines: tuple[str, ...] = ()
    costs: dict[str, float] = field(default_factory=dict)
    perisai_recruits: int = 0
    employers_inspected: float = 0.0  # firms
    referrals: float = 0.0  # firms
    recovered_arrears_rupiah: float = 0.0

    @classmethod
    def empty(cls, lines: tuple[str, ...]) -> "Ledger":
        """A ledger with the cost ``lines`` (the levers' names, in the registry's order) at zero."""
        return cls(lines=lines, costs=dict.fromkeys(lines, 0.0))

    def reset(self) -> None:
        """Zero everything at the start of a month."""
        self.costs = dict.fromkeys(self.lines, 0.0)
        for f in fields(self):
            if f.name not in ("lines", "costs"):
                setattr(self, f.name, type(getattr(self, f.name))())

    def charge(self, line: str, rupiah: float) -> None:
        """Add a cost to a lever's line."""
        self.costs[line] += float(rupiah)
