"""Employer units by firm size: how many units of each size class each district has, and how size scales chances.

At full scale (one agent a person, ``population.full``) an employer unit is one firm: a micro firm
holds ``sizes.mean_persons.micro`` workers on average, a large one hundreds. At smaller scales a unit
holds ``employers.mean_size`` worker agents (more in large runs: ``unit_size``) and stands for several
firms of one class, or for one firm where a firm is larger than that. Either way the units of a
class hold that class's share of wage jobs (``sizes.share``), and every chance of a unit (to
register, to register partly, to be inspected) is the chance of each of its firms: so national
totals mean the same at every scale, and only their chance variation differs.

Size effects are relative: each is scaled so that its wage-job-weighted mean is 1, so the scenario's
rates (``registration_rate``, ``partial_share``) keep their meaning as the rates of the average wage
job's employer, and the start's chance of being registered is scaled so that ``registered_share`` of
wage jobs are with registered employers (no class above certainty).
"""

from dataclasses import dataclass

import numpy as np

from enrolsim.core.codes import Segment
from enrolsim.scenario.fields import segment_values
from enrolsim.scenario.firm_sizes import SIZE_CLASSES, size_values
from enrolsim.scenario.schema import Scenario
from enrolsim.world.geography import Geography

N_SIZES = len(SIZE_CLASSES)


def apportion(total: int | np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Whole numbers in proportion to ``weights``, summing to ``total`` (rows of a matrix each share their
    own total): floors, then one more for the largest remainders, ties to the first (largest-remainder
    method). With equal weights it gives what ``np.arange(total) % k`` counts: the first ones get the extra."""
    weights = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    totals = np.broadcast_to(np.asarray(total, dtype=np.int64).reshape(-1, 1), (weights.shape[0], 1))
    sums = weights.sum(axis=1, keepdims=True)
    exact = np.divide(weights * totals, sums, out=np.zeros_like(weights), where=sums > 0)
    whole = np.floor(exact).astype(np.int64)
    short = (totals[:, 0] - whole.sum(axis=1)).clip(0)
    order = np.argsort(-(exact - whole), axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(weights.shape[1]), order.shape).copy(), axis=1)
    whole += ranks < short[:, None]
    return whole


@dataclass(frozen=True, eq=False)
class Layout:
    """Employer units sorted by district, then by size class (smallest first)."""

    district: np.ndarray  # int32 per unit, sorted
    size_class: np.ndarray  # int8 per unit, smallest first within a district
    unit_agents: np.ndarray  # float64 per class: worker agents a unit holds on average
    firms_per_unit: np.ndarray  # float64 per class: firms a unit stands for (1 at full scale)
    shares: np.ndarray  # float64 per class: share of wage jobs (sums to 1)
    n_districts: int

    @property
    def counts(self) -> np.ndarray:
        """Units of each class in each district (districts x classes)."""
        flat = self.district.astype(np.int64) * N_SIZES + self.size_class
        return np.bincount(flat, minlength=self.n_districts * N_SIZES).reshape(-1, N_SIZES)

    @property
    def equal_units(self) -> bool:
        """All units hold the same number of agents on average (hiring then picks uniformly within a district)."""
        return bool(np.all(self.unit_agents == self.unit_agents[0]))


def unit_size(mean_size: float, units_per_district: float, n_wage_agents: int, n_districts: int) -> float:
    """Worker agents of the smallest units below full scale: ``mean_size``, or more where the average district
    would otherwise hold more than ``units_per_district`` units.

    What makes results depend on the number of agents is how many units a district has to hire from
    (a worker who leaves an unregistered unit must be likely to find a different employer next, as
    among a district's firms), not how many persons a unit stands for: with 200 units a district a
    million agents agree with one agent a unit (checked on both geographies, docs/validation.md).
    Past that, more units only cost time: at a million agents, one agent a unit meant some 330,000
    units, each with its monthly draws, and each worker's employer read in a table too large for the
    cache. Runs of up to 100,000 agents (about 280 wage agents a district) keep one agent a unit at
    the default of 300.
    """
    return max(mean_size, n_wage_agents / (n_districts * units_per_district))


def layout(scenario: Scenario, geography: Geography, n_wage_agents: int) -> Layout:
    """How many units of each class each district has, and how big they are.

    Units of one size (every scale but near-full ones): as many units in each district as before
    sizes existed, so the same draws, and the classes' labels spread evenly over them. Units of
    different sizes: each class's units apportioned nationally first (so no class is lost to
    rounding in small districts), then over the districts in proportion to their wage jobs.
    """
    p, e = scenario.population, scenario.employers
    shares = np.asarray(size_values(e.sizes.share))
    shares = shares / shares.sum()
    persons = np.asarray(size_values(e.sizes.mean_persons))
    per_agent = p.labour_force / p.agents  # persons an agent stands for at the start
    smallest = unit_size(e.mean_size, e.units_per_district, n_wage_agents, geography.n_districts)
    unit_agents = persons / per_agent if p.full else np.maximum(smallest, persons / per_agent)
    equal = bool(np.all(unit_agents == unit_agents[0]))
    n = max(1, round(n_wage_agents / smallest)) if equal else max(1, round(float(n_wage_agents * (shares / unit_agents).sum())))
    district_shares = geography.district_shares(np.asarray(segment_values(p.segment_shares)))
    weight = geography.district_weight * (district_shares[:, Segment.PERMANENT] + district_shares[:, Segment.CONTRACT])
    per_class = apportion(n, shares / unit_agents)[0]
    if equal:
        if geography.kind == "uniform":  # the layout of before firm sizes and the map, kept exactly
            district = np.sort(np.arange(n, dtype=np.int32) % weight.size)
        else:
            district = np.repeat(np.arange(weight.size, dtype=np.int32), apportion(n, weight)[0])
        spread = np.concatenate([(np.arange(c) + 0.5) / c for c in per_class if c > 0])
        labels = np.repeat(np.arange(N_SIZES, dtype=np.int8), per_class)[np.argsort(spread, kind="stable")]
        size_class = labels[np.lexsort((labels, district))]
    else:
        counts = apportion(per_class, np.broadcast_to(weight, (N_SIZES, weight.size))).T
        district = np.repeat(np.arange(weight.size, dtype=np.int32), counts.sum(axis=1))
        size_class = np.repeat(np.tile(np.arange(N_SIZES, dtype=np.int8), weight.size), counts.ravel())
    return Layout(
        district=district,
        size_class=size_class,
        unit_agents=unit_agents,
        firms_per_unit=unit_agents * per_agent / persons,
        shares=shares,
        n_districts=weight.size,
    )


def relative(effect: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """``effect`` scaled so that its ``shares``-weighted mean is 1 (all ones if the effect is zero)."""
    mean = float(np.dot(effect, shares))
    return effect / mean if mean > 0 else np.ones_like(effect)


def capped_chances(mean: float, effect: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Chances by class, proportional to ``effect`` and at most 1, whose ``shares``-weighted mean is ``mean``
    (as near as the cap allows): the scale is found by bisection."""
    if np.ptp(effect) == 0 or mean <= 0:
        return np.full(effect.size, mean)
    effect = relative(effect, shares)
    lo, hi = 0.0, 1.0 / (mean * max(float(effect[effect > 0].min()), 1e-12))
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.dot(np.minimum(mean * mid * effect, 1.0), shares) < mean else (lo, mid)
    return np.minimum(mean * lo * effect, 1.0)
