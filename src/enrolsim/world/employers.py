"""Employers of wage earners as columns: registration, partial compliance and arrears.

An employer here is a unit of firms in a district that hires, registers (or not) and pays for
its workers. Columns have one extra slot at the end, a sentinel that ``employer == -1`` (no
employer) indexes, so worker-to-employer lookups need no masking.
"""

from dataclasses import dataclass

import numpy as np

from enrolsim.core.codes import Segment
from enrolsim.scenario.fields import segment_values
from enrolsim.scenario.schema import Scenario
from enrolsim.world.firms import apportion
from enrolsim.world.geography import geography_of


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

    @property
    def size(self) -> int:
        """Number of real employers (without the sentinel)."""
        return self.registered.size - 1

    def pick(self, rng: np.random.Generator, district: np.ndarray) -> np.ndarray:
        """An employer for each hire: one at random in the worker's district."""
        count = self.district_count[district]
        first = self.district_first[district]
        local = (rng.random(district.size) * count).astype(np.int32)
        anywhere = rng.integers(0, self.size, district.size, dtype=np.int32)
        return np.where(count > 0, first + local, anywhere)

    def registers(self, rng: np.random.Generator, employer: np.ndarray) -> np.ndarray:
        """Whether each hire is registered by its employer (partial compliance leaves some out)."""
        return self.registered[employer] & (rng.random(employer.size) < self.worker_share[employer])

    def partial_share(self) -> float:
        """Share of registered employer units that are partially compliant (register some of their workers)."""
        registered = np.count_nonzero(self.registered[:-1])
        return np.count_nonzero(self.registered[:-1] & (self.worker_share[:-1] < 1)) / registered if registered else 0.0

    def lapsed(self, months_to_inactive: int) -> np.ndarray:
        """Employers whose arrears have lasted long enough to make their workers inactive."""
        return self.arrears >= months_to_inactive


def for_each_worker(table: np.ndarray, employer: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``table[employer]`` for a column of employer ids: each worker's employer's entry.

    ``-1`` (no employer) reads the sentinel at the end, as with Python indexing. Read as unsigned,
    -1 lies past the end and ``clip`` brings it to the last entry: twice as fast over a million
    workers as fancy indexing, whose test of each index's sign the branch predictor cannot learn.
    ``out``, a work array of the result's type and size, spares a fresh million-value array.
    """
    return np.take(table, employer.view(np.uint32), mode="clip", out=out)


def build_employers(scenario: Scenario, rng: np.random.Generator, n_wage_agents: int) -> Employers:
    """Employers at the start: some registered, some of those partially compliant, none in arrears."""
    e = scenario.employers
    geo = geography_of(scenario)
    n_districts = geo.n_districts
    n = max(1, round(n_wage_agents / e.mean_size))
    if geo.kind == "uniform":  # equal districts: the layout of before the map, kept exactly
        district = np.sort(np.arange(n, dtype=np.int32) % n_districts)
    else:  # in proportion to each district's expected wage jobs
        shares = geo.district_shares(np.asarray(segment_values(scenario.population.segment_shares)))
        wage_jobs = geo.district_weight * (shares[:, Segment.PERMANENT] + shares[:, Segment.CONTRACT])
        district = np.repeat(np.arange(n_districts, dtype=np.int32), apportion(n, wage_jobs)[0])
    registered = rng.random(n) < e.registered_share
    partial = registered & (rng.random(n) < e.partial_share)
    count = np.bincount(district, minlength=n_districts).astype(np.int32)
    first = (np.cumsum(count) - count).astype(np.int32)
    return Employers(
        district=np.append(district, -1).astype(np.int32),
        registered=np.append(registered, False),
        worker_share=np.append(np.where(partial, e.partial_worker_share, 1.0), 0.0).astype(np.float32),
        wage_share=np.append(np.where(partial, e.partial_wage_share, 1.0), 0.0).astype(np.float32),
        arrears=np.zeros(n + 1, dtype=np.int16),
        district_first=first,
        district_count=count,
    )
