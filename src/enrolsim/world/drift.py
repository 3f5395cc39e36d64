"""Trust and perceived risk: the village's monthly drift, kept as one map per village.

Every month each worker's trust moves toward 1 with the claims heard of in the village
(``trust += g (1 - trust)``), and perceived risk moves toward the occupation's base risk and up
with the accidents of uninsured neighbours (``risk += decay (base - risk) + h (1 - risk)``), with
``g`` and ``h`` the same for the whole village. Both are affine in the worker's own value, so the
months compose per village: the model keeps each worker's value as of the last settlement and, per
village, the composed map since then, and applies it when a value is read. A month then costs a
few operations per village instead of a dozen passes over every worker; the values are read for
the few thousand workers who consider enrolling, and in full only for settling, inspection and tests.

Settling writes every worker's current value back and resets the maps; it happens when a map
shrinks the values by a factor of 1,000 or more (about every five years with the baseline's decay of
perceived risk), so that setting a worker's value (an entrant's) never divides by a tiny number.

The arithmetic is float64 per village and float32 per worker, so values agree with month-by-month
updates in float32 to about 1e-6, not bit for bit.
"""

import numpy as np

from enrolsim.world.workers import Workers

#: Settle once a map shrinks values by more than this factor (keeps the inverse map well conditioned).
SETTLE_BELOW = 1e-3


#: Perceived risk of the safest occupation, and what each risk class (0..4) adds to it (assumption).
RISK_PERCEPTION_FLOOR = RISK_PERCEPTION_PER_CLASS = 0.15


def base_perceived_risk(risk: np.ndarray) -> np.ndarray:
    """The risk a worker perceives from the occupation alone, before news of accidents (float32)."""
    base = np.multiply(risk, np.float32(RISK_PERCEPTION_PER_CLASS), dtype=np.float32)
    base += np.float32(RISK_PERCEPTION_FLOOR)
    return base


#: The range of the base over the risk classes, 0..4 (``population.draw_risk``).
LOWEST_BASE, HIGHEST_BASE = (float(b) for b in base_perceived_risk(np.array([0, 4])))


class VillageDrift:
    """Per-village maps since the last settlement: ``trust = ta * settled + tb`` and
    ``risk = ra * settled + rb + rc * base``, with ``base`` the worker's occupational base risk."""

    def __init__(self, workers: Workers, village_first_row: np.ndarray) -> None:
        self.workers = workers
        self.first_row = village_first_row
        self.sizes = np.diff(village_first_row)
        n = self.sizes.size
        self.ta, self.tb = np.ones(n), np.zeros(n)
        self.ra, self.rb, self.rc = np.ones(n), np.zeros(n), np.zeros(n)
        self._summarise()

    # --- the month -------------------------------------------------------------------------------

    def advance(self, trust_gain: np.ndarray, risk_gain: np.ndarray, decay: float) -> None:
        """Compose this month's drift (gains per village) onto the maps; settle if one has shrunk too far."""
        keep = 1.0 - trust_gain
        self.ta *= keep
        self.tb *= keep
        self.tb += trust_gain
        keep = 1.0 - decay - risk_gain
        self.ra *= keep
        self.rb *= keep
        self.rb += risk_gain
        self.rc *= keep
        self.rc += decay
        if min(self.ta.min(initial=1.0), np.abs(self.ra).min(initial=1.0)) < SETTLE_BELOW:
            self.settle()

    def scale_trust(self, factor: float) -> None:
        """Trust falls (``factor`` < 1) in every village: ``trust *= factor``, composed onto the maps."""
        self.ta *= factor
        self.tb *= factor
        if self.ta.min(initial=1.0) < SETTLE_BELOW:
            self.settle()

    def settle(self) -> None:
        """Write every worker's current values back and start the maps afresh."""
        w = self.workers
        w.trust_settled[:] = self.all_trust()
        w.perceived_risk_settled[:] = self.all_perceived_risk()
        self.ta[:], self.tb[:] = 1.0, 0.0
        self.ra[:], self.rb[:], self.rc[:] = 1.0, 0.0, 0.0
        self._summarise()

    # --- reading and writing workers ---------------------------------------------------------------

    def trust(self, rows: np.ndarray, village: np.ndarray | None = None) -> np.ndarray:
        """Current trust of ``rows`` (float32). ``village``: the rows' villages, when the caller has
        them already (scattered rows: each lookup of the column is a cache line from memory)."""
        v = self.workers.village[rows] if village is None else village
        return (self.ta[v] * self.workers.trust_settled[rows] + self.tb[v]).astype(np.float32)

    def perceived_risk(self, rows: np.ndarray, village: np.ndarray | None = None) -> np.ndarray:
        """Current perceived risk of ``rows`` (float32); ``village`` as for :meth:`trust`."""
        w = self.workers
        v = w.village[rows] if village is None else village
        return (self.ra[v] * w.perceived_risk_settled[rows] + self.rb[v] + self.rc[v] * base_perceived_risk(w.risk[rows])).astype(np.float32)

    def set(self, rows: np.ndarray, trust: np.ndarray, perceived_risk: np.ndarray) -> None:
        """Give ``rows`` (each listed once) these current values."""
        w = self.workers
        v = w.village[rows]
        old = w.trust_settled[rows].astype(np.float64)
        settled_trust = ((trust - self.tb[v]) / self.ta[v]).astype(np.float32)
        w.trust_settled[rows] = settled_trust
        self.trust_sum += np.bincount(v, weights=settled_trust - old, minlength=self.sizes.size)
        settled_risk = ((perceived_risk - self.rb[v] - self.rc[v] * base_perceived_risk(w.risk[rows])) / self.ra[v]).astype(np.float32)
        w.perceived_risk_settled[rows] = settled_risk
        # Widen each village's ranges: per run of one village (ufunc.at is slow), so rows in village order.
        order = np.argsort(v, kind="stable")
        v = v[order]
        starts = np.flatnonzero(np.diff(v, prepend=-1))
        for low, high, values in ((self.trust_low, self.trust_high, settled_trust), (self.risk_low, self.risk_high, settled_risk)):
            values = values[order]
            low[v[starts]] = np.minimum(low[v[starts]], np.minimum.reduceat(values, starts))
            high[v[starts]] = np.maximum(high[v[starts]], np.maximum.reduceat(values, starts))

    def all_trust(self) -> np.ndarray:
        """Every worker's current trust (float32, read-only; rows are in village order)."""
        ta, tb = np.repeat(self.ta, self.sizes), np.repeat(self.tb, self.sizes)
        return _read_only((ta * self.workers.trust_settled + tb).astype(np.float32))

    def all_perceived_risk(self) -> np.ndarray:
        """Every worker's current perceived risk (float32, read-only)."""
        w = self.workers
        ra, rb, rc = (np.repeat(x, self.sizes) for x in (self.ra, self.rb, self.rc))
        return _read_only((ra * w.perceived_risk_settled + rb + rc * base_perceived_risk(w.risk)).astype(np.float32))

    # --- summaries ---------------------------------------------------------------------------------

    def mean_trust(self) -> float:
        """Mean current trust of all workers."""
        return float(((self.ta * self.trust_sum).sum() + (self.tb * self.sizes).sum()) / max(self.sizes.sum(), 1))

    def trust_range(self) -> tuple[float, float]:
        """Bounds (low, high) of every worker's current trust."""
        return _range(self.ta, self.tb, self.trust_low, self.trust_high, np.zeros_like(self.ta))

    def perceived_risk_range(self) -> tuple[float, float]:
        """Bounds (low, high) of every worker's current perceived risk."""
        return _range(self.ra, self.rb, self.risk_low, self.risk_high, self.rc)

    def _summarise(self) -> None:
        """Per village: the sum of settled trust, and the range of both settled columns."""
        w, first = self.workers, self.first_row
        total = np.concatenate([[0.0], np.cumsum(w.trust_settled, dtype=np.float64)])
        self.trust_sum = total[first[1:]] - total[first[:-1]]
        starts = first[:-1][self.sizes > 0]  # reduceat needs non-empty sections
        self.trust_low, self.trust_high, self.risk_low, self.risk_high = (np.full(self.sizes.size, fill) for fill in (np.inf, -np.inf, np.inf, -np.inf))
        if starts.size:
            inhabited = self.sizes > 0
            for column, low, high in ((w.trust_settled, self.trust_low, self.trust_high), (w.perceived_risk_settled, self.risk_low, self.risk_high)):
                low[inhabited] = np.minimum.reduceat(column, starts)
                high[inhabited] = np.maximum.reduceat(column, starts)


def _range(a: np.ndarray, b: np.ndarray, low: np.ndarray, high: np.ndarray, c: np.ndarray) -> tuple[float, float]:
    """Bounds of ``a * s + b + c * base`` over villages with workers, ``s`` in [low, high], base in its range."""
    inhabited = np.isfinite(low)
    if not inhabited.any():
        return 0.0, 0.0
    a, b, c, low, high = a[inhabited], b[inhabited], c[inhabited], low[inhabited], high[inhabited]
    ends = np.stack([a * low, a * high])
    bases = np.stack([c * LOWEST_BASE, c * HIGHEST_BASE])
    return float((ends.min(axis=0) + b + bases.min(axis=0)).min()), float((ends.max(axis=0) + b + bases.max(axis=0)).max())


def _read_only(column: np.ndarray) -> np.ndarray:
    """A computed column, marked read-only: writing to it would change nothing (set values with ``set``)."""
    column.flags.writeable = False
    return column
