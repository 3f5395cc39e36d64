"""Employers of wage earners as columns: registration, partial compliance and arrears.

An employer here is a unit in a district that hires, registers (or not) and pays for its workers:
one firm at full scale, several firms of one size class at smaller scales (``world/firms.py``).
Columns have one extra slot at the end, a sentinel that ``employer == -1`` (no employer) indexes,
so worker-to-employer lookups need no masking.
"""

from dataclasses import dataclass

import numpy as np

from enrolsim.scenario.firm_sizes import size_values
from enrolsim.scenario.schema import Scenario
from enrolsim.world.firms import N_SIZES, capped_chances, layout, relative
from enrolsim.world.geography import geography_of
from enrolsim.world.sampling import hit, hit_each
from enrolsim.world.workers import BLOCK, blocks


@dataclass(eq=False)
class Employers:
    """Employer columns; the last row is the sentinel for workers without an employer."""

    district: np.ndarray  # int32
    registered: np.ndarray  # bool: known to the agency and paying for (some of) its workers
    worker_share: np.ndarray  # float32: share of its workers it registers
    wage_share: np.ndarray  # float32: share of the wage it declares
    arrears: np.ndarray  # int16: consecutive months in arrears (0 = paying)
    district_first: np.ndarray  # int32: first employer of each district (employers sorted by district)
    district_count: np.ndarray  # int32: employers in each district
    #: Firm size class of each unit (int8, 0 micro .. 3 large; the sentinel 0); within a district units run smallest class first.
    size_class: np.ndarray | None = None
    #: Units of each class in each district (districts x classes); None when all units are of one size (hiring
    #: then picks uniformly within a district).
    class_count: np.ndarray | None = None
    unit_agents: np.ndarray | None = None  # float64 per class: worker agents a unit of the class holds on average
    firms_per_unit: np.ndarray | None = None  # float64 per class: firms a unit stands for (1 at full scale)
    registration_effect: np.ndarray | None = None  # float64 per class (mean 1 over wage jobs); None: no size effect
    partial_effect: np.ndarray | None = None
    inspection_weight: np.ndarray | None = None  # float64 per unit (the sentinel 0); None: all alike

    def __post_init__(self) -> None:
        # Hiring tables: each district's cumulative share of wage jobs by class, and each class's first unit there.
        self._ends: np.ndarray | None = None
        self._class_first: np.ndarray | None = None
        if self.class_count is not None and self.unit_agents is not None:
            jobs = np.cumsum(self.class_count * self.unit_agents, axis=1)
            self._ends = jobs / np.maximum(jobs[:, -1:], 1e-300)
            self._class_first = (np.cumsum(self.class_count, axis=1) - self.class_count).astype(np.int32)

    @property
    def size(self) -> int:
        """Number of real employers (without the sentinel)."""
        return self.registered.size - 1

    def pick(self, rng: np.random.Generator, district: np.ndarray) -> np.ndarray:
        """An employer for each hire: one at random in the worker's district, in proportion to its size.

        One uniform number a hire: with units of one size it falls on a unit of the district; with
        firms of different sizes it falls in a size class's stretch of the district's wage jobs (the
        class's units times their size), then on one unit of the class.
        """
        count = self.district_count[district]
        first = self.district_first[district]
        u = rng.random(district.size)
        if self._ends is None:
            local = (u * count).astype(np.int32)
        else:  # in chunks: a national build hires tens of millions at once, each with a few 8-byte temporaries
            local = np.empty(district.size, dtype=np.int32)
            for start in range(0, district.size, LOOKUP_CHUNK):
                part = slice(start, start + LOOKUP_CHUNK)
                local[part] = self._local(district[part], u[part])
        anywhere = rng.integers(0, self.size, district.size, dtype=np.int32)
        return np.where(count > 0, first + local, anywhere)

    def _local(self, district: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Each hire's unit within its district from its uniform number ``u`` (units sorted by class)."""
        assert self._ends is not None and self._class_first is not None and self.class_count is not None
        ends, base = self._ends.ravel(), district.astype(np.int64) * N_SIZES
        flat = base.copy()
        for j in range(N_SIZES - 1):
            flat += u >= ends[base + j]
        end = ends[flat]
        start = np.where(flat % N_SIZES > 0, ends[np.maximum(flat - 1, 0)], 0.0)
        n_class = self.class_count.ravel()[flat]
        within = np.minimum((u - start) / np.maximum(end - start, 1e-300) * n_class, np.maximum(n_class - 1, 0))
        return self._class_first.ravel()[flat] + within.astype(np.int32)

    def registering(self, rng: np.random.Generator, unregistered: np.ndarray, rate: float) -> np.ndarray:
        """Which of the ``unregistered`` units register this month: at ``rate`` times their class's effect."""
        if self.registration_effect is None or self.size_class is None:
            return hit(rng, unregistered, rate)
        per_class = np.minimum(rate * self.registration_effect, 1.0)
        size_class = self.size_class
        return hit_each(rng, unregistered, lambda rows: per_class[size_class[rows]], float(per_class.max()))

    def partly(self, rng: np.random.Generator, joining: np.ndarray, share: float) -> np.ndarray:
        """Which of the units ``joining`` register only part of their workers: ``share`` times their class's effect."""
        if self.partial_effect is None or self.size_class is None:
            return joining[np.flatnonzero(rng.random(joining.size) < share)]
        chance = np.minimum(share * self.partial_effect[self.size_class[joining]], 1.0)
        return joining[np.flatnonzero(rng.random(joining.size) < chance)]

    def registers(self, rng: np.random.Generator, employer: np.ndarray) -> np.ndarray:
        """Whether each hire is registered by its employer (partial compliance leaves some out)."""
        return self.registered[employer] & (rng.random(employer.size) < self.worker_share[employer])

    def partial_share(self) -> float:
        """Share of registered employer units that are partially compliant (register some of their workers)."""
        registered = np.count_nonzero(self.registered[:-1])
        return np.count_nonzero(self.registered[:-1] & (self.worker_share[:-1] < 1)) / registered if registered else 0.0

    def firms_in(self, units: np.ndarray) -> float:
        """The firms ``units`` stand for (``firms_per_unit`` of each one's size class; one each at full scale).

        Per-firm counts and costs (inspections, referrals, audits, collection cases) are counted in
        firms, so they mean the same at every number of agents: a unit at 50,000 agents stands for
        about a thousand micro firms, at full scale for one.
        """
        assert self.firms_per_unit is not None and self.size_class is not None
        return float(self.firms_per_unit[self.size_class[units]].sum())

    def agents_in(self, units: np.ndarray) -> np.ndarray:
        """Worker agents each of ``units`` holds on average (its size class's; at least 1, as ``mean_size`` and
        ``sizes.mean_persons`` are)."""
        assert self.unit_agents is not None and self.size_class is not None
        return self.unit_agents[self.size_class[units]]

    def lapsed(self, months_to_inactive: int, units: np.ndarray | None = None) -> np.ndarray:
        """Whether employers' arrears have lasted long enough to make their workers inactive: of every unit (and the
        sentinel), or of ``units`` (-1 the sentinel). Asked of a month's hires, only theirs are read: at one agent
        a person there are 12 million units."""
        return self.arrears >= months_to_inactive if units is None else self.arrears[units] >= months_to_inactive


#: Hires placed at a time by ``Employers.pick``: a national build hires tens of millions at once, and each
#: hire's lookups make a few 8-byte temporaries.
LOOKUP_CHUNK = 1 << 20


def for_each_worker(table: np.ndarray, employer: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``table[employer]`` for a column of employer ids: each worker's employer's entry.

    ``-1`` (no employer) reads the sentinel at the end, as with Python indexing. Read as unsigned,
    -1 lies past the end and ``clip`` brings it to the last entry: twice as fast over a million
    workers as fancy indexing, whose test of each index's sign the branch predictor cannot learn.
    ``out``, a work array of the result's type and size, spares a fresh million-value array.

    ``np.take`` first converts a 4-byte index to 8-byte integers in a fresh array; over a whole
    column that is 8 MB a million workers of new pages every call. Above one block the index is
    converted :data:`~enrolsim.world.workers.BLOCK` rows at a time into one kept buffer that stays in
    the cache: 35% faster at a million workers (2.0 to 1.3 ms), and no temporary of 8 bytes a worker
    in a national run.
    """
    index = employer.view(np.uint32)
    if index.size <= BLOCK:
        return np.take(table, index, mode="clip", out=out)
    out = np.empty(index.size, dtype=table.dtype) if out is None else out
    buffer = np.empty(BLOCK, dtype=np.intp)
    for rows in blocks(index.size):
        part = buffer[: rows.stop - rows.start]
        part[...] = index[rows]
        np.take(table, part, mode="clip", out=out[rows])
    return out


def build_employers(scenario: Scenario, rng: np.random.Generator, n_wage_agents: int) -> Employers:
    """Employers at the start: some registered, some of those partially compliant, none in arrears.

    Units of each district and size class in proportion to the class's wage jobs (``world/firms.py``);
    the chance a unit is registered or partial at the start is its class's, the same for every class
    unless the scenario gives size effects (without them, the draws of the model before firm sizes).
    """
    e = scenario.employers
    sizes = e.sizes
    plan = layout(scenario, geography_of(scenario), n_wage_agents)
    district, size_class, counts = plan.district, plan.size_class, plan.counts
    n = district.size
    registered_chance = capped_chances(e.registered_share, np.asarray(size_values(sizes.registered)), plan.shares)
    partial_chance = np.minimum(e.partial_share * relative(np.asarray(size_values(sizes.partial)), plan.shares), 1.0)
    registered = rng.random(n) < (registered_chance[size_class] if np.ptp(registered_chance) > 0 else e.registered_share)
    partial = registered & (rng.random(n) < (partial_chance[size_class] if np.ptp(partial_chance) > 0 else e.partial_share))
    count = counts.sum(axis=1).astype(np.int32)
    first = (np.cumsum(count) - count).astype(np.int32)
    inspection = relative(np.asarray(size_values(sizes.inspection)), plan.shares)
    return Employers(
        district=np.append(district, -1).astype(np.int32),
        registered=np.append(registered, False),
        worker_share=np.append(np.where(partial, e.partial_worker_share, 1.0), 0.0).astype(np.float32),
        wage_share=np.append(np.where(partial, e.partial_wage_share, 1.0), 0.0).astype(np.float32),
        arrears=np.zeros(n + 1, dtype=np.int16),
        district_first=first,
        district_count=count,
        size_class=np.append(size_class, 0).astype(np.int8),
        class_count=None if plan.equal_units else counts,
        unit_agents=plan.unit_agents,
        firms_per_unit=plan.firms_per_unit,
        registration_effect=_effect(np.asarray(size_values(sizes.registration)), plan.shares),
        partial_effect=_effect(np.asarray(size_values(sizes.partial)), plan.shares),
        inspection_weight=None if np.ptp(inspection) == 0 else np.append(inspection[size_class], 0.0),
    )


def _effect(values: np.ndarray, shares: np.ndarray) -> np.ndarray | None:
    """A size effect scaled to mean 1 over wage jobs, or None when it does not differ by class."""
    effect = relative(values, shares)
    return None if np.ptp(effect) == 0 else effect
