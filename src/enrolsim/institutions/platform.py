"""Partner platforms: ride-hailing, e-commerce and logistics companies and their partners.

Partners are not employees: the agency cannot oblige a platform to enrol them. A platform joins
a partnership when the agency's incentive and the regulatory pressure outweigh its reluctance,
and then approaches its uncovered partners each month in the scenario's mode.
"""

import mesa
import numpy as np

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.scenario.strategies import PlatformMode
from enrolsim.state import ModelState
from enrolsim.world.participation import activate

#: The platforms, their share of all platform partners, and their reluctance to join (0-1).
PLATFORMS = (("ride_hailing", 0.5, 0.3), ("e_commerce", 0.3, 0.5), ("logistics", 0.2, 0.4))

#: An incentive of this many rupiah per partner-month weighs as much as full regulatory pressure.
INCENTIVE_SCALE = 20_000.0


def _row_hash(rows: np.ndarray, salt: int) -> np.ndarray:
    """A fixed pseudo-random number in [0, 1) for each worker row (no draw from the generator)."""
    mixed = (rows.astype(np.uint64) * np.uint64(2654435761) + np.uint64(salt)) % np.uint64(2**32)
    return mixed.astype(np.float64) / 2**32


def _platform_workers(model: ModelState) -> tuple[np.ndarray, np.ndarray]:
    """Platform-segment rows and the fixed number that says whose partner each is (once a month for all platforms)."""
    cached = model.month_cache.get("platform_workers")
    if cached is None:
        rows = np.flatnonzero(model.workers.segment == Segment.PLATFORM.value)
        cached = model.month_cache["platform_workers"] = (rows, _row_hash(rows, 0))
    return cached


class PartnerPlatform(mesa.Agent):
    """One platform; its partners are the platform-segment workers whose row falls in its share."""

    model: ModelState

    def __init__(self, model: ModelState, kind: str, low: float, high: float, reluctance: float) -> None:
        super().__init__(model)
        self.kind, self.low, self.high, self.reluctance = kind, low, high, reluctance
        self.joined = False

    def willing(self) -> bool:
        """Whether the offer and the pressure outweigh the platform's reluctance."""
        lever = self.model.params.strategies.extensification.platforms
        if lever.mode == PlatformMode.NONE:
            return False
        pull = lever.regulatory_pressure + lever.incentive / (lever.incentive + INCENTIVE_SCALE)
        return pull >= self.reluctance

    def partners(self) -> np.ndarray:
        """Rows of this platform's partners this month."""
        rows, u = _platform_workers(self.model)
        return rows[np.flatnonzero((u >= self.low) & (u < self.high))]

    def step(self) -> None:
        """Decide (each January and at the start) whether to take part, then approach partners."""
        model = self.model
        if model.month == model.lever_start_offset("platforms") or model.calendar_month % 12 == 0:
            self.joined = self.willing()
        if not self.joined:
            return
        lever = model.params.strategies.extensification.platforms
        w, rng = model.workers, model.rng
        partners = self.partners()
        model.ledger.charge("platforms", lever.partnership_cost)
        # Status read once, payers of the active only: each read at these scattered rows costs about a cache line a row.
        active = w.status[partners] == Status.ACTIVE.value
        enrolled = partners[np.flatnonzero(active)]
        covered = enrolled[np.flatnonzero(w.payer[enrolled] == Payer.PLATFORM.value)]
        model.ledger.charge("platforms", covered.size * model.represents * lever.incentive)
        uncovered = partners[np.flatnonzero(~active)]
        approached = uncovered[np.flatnonzero(rng.random(uncovered.size) < lever.reach)]
        if lever.mode == PlatformMode.DEFAULT_ENROLMENT:
            joining = approached[np.flatnonzero(_row_hash(approached, 1) >= lever.opt_out)]
            payer = Payer.PLATFORM
        else:
            p, payer = {
                PlatformMode.PROMOTION: (lever.promotion_conversion, Payer.SELF),
                PlatformMode.PAYROLL_DEDUCTION: (lever.deduction_conversion, Payer.PLATFORM),
                PlatformMode.COPAYMENT: (lever.copay_conversion, Payer.PLATFORM),
            }[lever.mode]
            joining = approached[np.flatnonzero(rng.random(approached.size) < p)]
        activate(w, model.flows, joining, Scheme.BPU, model.month, payer)


def make_platforms(model: ModelState) -> None:
    """Create the three platforms (only when the scenario offers a partnership)."""
    low = 0.0
    for kind, share, reluctance in PLATFORMS:
        PartnerPlatform(model, kind, low, low + share, reluctance)
        low += share
