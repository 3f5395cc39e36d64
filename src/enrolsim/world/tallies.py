"""This month's tallies: the moves between statuses (``Flows``) and what the levers cost and did (``Ledger``).

Both are zeroed at the start of every month and read by the indicators at its end; counts are in
worker agents or employer units (the indicators multiply by persons per agent), money in rupiah.
"""

from dataclasses import dataclass, field, fields


@dataclass
class Flows:
    """This month's moves, in worker agents (persons = agents x represents) and rupiah per person."""

    new_registrations: int = 0
    reactivations: int = 0
    resumptions: int = 0
    lapses: int = 0
    jht_withdrawals: int = 0
    jht_withdrawn_rupiah: float = 0.0
    jht_paid_on_exit: float = 0.0
    contributions_rupiah: float = 0.0
    accidents: int = 0
    claims: int = 0
    claims_rupiah: float = 0.0
    deaths: int = 0
    retirements: int = 0

    def reset(self) -> None:
        """Zero every counter at the start of a month."""
        for f in fields(self):
            setattr(self, f.name, type(getattr(self, f.name))())


@dataclass
class Ledger:
    """This month's strategy costs (rupiah, one line per lever) and counts (worker agents or employer units)."""

    lines: tuple[str, ...] = ()
    costs: dict[str, float] = field(default_factory=dict)
    perisai_recruits: int = 0
    employers_inspected: int = 0
    referrals: int = 0
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
