"""What the strategies cost and did this month: the ledger behind the strategy indicators."""

from dataclasses import dataclass, fields

#: Cost lines, one per lever (indicator ``cost_<name>``, rupiah a month).
COST_LINES = (
    "audits",
    "arrears_collection",
    "retention",
    "perisai",
    "platforms",
    "local_government",
    "ecosystems",
    "sertakan",
    "nyalakan",
    "service_points",
    "payment_channels",
    "law_enforcement",
    "micro_targeting",
)


@dataclass
class Ledger:
    """This month's strategy costs (rupiah) and counts (worker agents or employer units)."""

    costs: dict[str, float]
    perisai_recruits: int = 0
    employers_inspected: int = 0
    referrals: int = 0
    recovered_arrears_rupiah: float = 0.0

    @classmethod
    def empty(cls) -> "Ledger":
        """A ledger with every cost line at zero."""
        return cls(costs=dict.fromkeys(COST_LINES, 0.0))

    def reset(self) -> None:
        """Zero everything at the start of a month."""
        self.costs = dict.fromkeys(COST_LINES, 0.0)
        for f in fields(self):
            if f.name != "costs":
                setattr(self, f.name, type(getattr(self, f.name))())

    def charge(self, line: str, rupiah: float) -> None:
        """Add a cost to a lever's line."""
        self.costs[line] += float(rupiah)
