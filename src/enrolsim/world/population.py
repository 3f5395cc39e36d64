"""The synthetic population at the start: villages, workers' draws (incomes, risk, durations) and initial statuses."""

from dataclasses import dataclass

import numpy as np

from enrolsim.core.codes import Scheme, Segment, Status, is_non_wage
from enrolsim.scenario.fields import segment_values
from enrolsim.scenario.schema import Scenario
from enrolsim.world.drift import base_perceived_risk
from enrolsim.world.employers import Employers
from enrolsim.world.geography import geography_of
from enrolsim.world.workers import N_SEGMENTS, NO_END, NO_MONTH, Workers

#: Village means of literacy and trust are kept this far from 0 and 1 (a beta needs room on both sides).
VILLAGE_MEAN_LIMITS = (0.02, 0.98)
#: Concentration of a worker's literacy and trust around the village mean (beta a + b).
BELIEF_CONCENTRATION = 5.0
#: Spread (standard deviation) of a worker's risk class around the segment's mean.
RISK_CLASS_SPREAD = 0.8
#: Spread (log scale) of start JHT balances around their median.
JHT_BALANCE_SPREAD = 0.8
#: Start: active participants joined up to this many months ago; registered accounts hold up to this many contribution months.
MAX_START_TENURE, MAX_START_CONTRIBUTION_MONTHS = 60, 120


def n_villages(scenario: Scenario) -> int:
    """Number of modelled villages (peer groups' places) of the scenario's geography."""
    return geography_of(scenario).n_villages


def draw_incomes(scenario: Scenario, rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    """Monthly incomes: log-normal around the segment's median."""
    medians = np.asarray(segment_values(scenario.population.income_median), dtype=np.float32)
    noise = rng.standard_normal(segment.size, dtype=np.float32) * np.float32(scenario.population.income_sigma)
    return medians[segment] * np.exp(noise)


def draw_risk(scenario: Scenario, rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    """Occupational risk class around the segment's mean."""
    means = np.asarray(segment_values(scenario.population.risk_class_mean), dtype=np.float32)
    raw = means[segment] + rng.standard_normal(segment.size, dtype=np.float32) * np.float32(RISK_CLASS_SPREAD)
    return np.clip(np.rint(raw), 0, 4).astype(np.int8)


def draw_steady_payers(scenario: Scenario, rng: np.random.Generator, n: int) -> np.ndarray:
    """Whether each person pays BPU contributions steadily: a habit of the person, kept for life.

    Payment regularity differs between people and lasts (a quarter of JKN's voluntary members pay
    irregularly: docs/domain.md), so a cohort of new BPU participants loses its irregular payers in
    its first months and those still paying after a year are mostly steady. No draw (and the
    random stream of a scenario without the split unchanged) when ``bpu_steady_share`` is 0.
    """
    share = scenario.contributions.bpu_steady_share
    if share <= 0:
        return np.zeros(n, dtype=bool)
    return rng.random(n, dtype=np.float32) < np.float32(share)


def draw_durations(rng: np.random.Generator, mean: float, n: int) -> np.ndarray:
    """Contract or project lengths in months (geometric, at least one month)."""
    return rng.geometric(1.0 / max(mean, 1.0), n).astype(np.int16)


@dataclass(eq=False)
class Villages:
    """What villages differ in: mean insurance literacy and trust (schooling, past dealings with the agency).

    The agency does not observe these; it sees only their consequences in its registration records,
    which is what makes micro-targeting possible and imperfect.
    """

    literacy_mean: np.ndarray  # float64, one per village
    trust_mean: np.ndarray

    def draw(self, rng: np.random.Generator, village: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Literacy and trust of workers living in ``village`` (beta around their village's means)."""
        return _beta(rng, self.literacy_mean[village]), _beta(rng, self.trust_mean[village])


def build_villages(scenario: Scenario, rng: np.random.Generator) -> Villages:
    """Village means scattered around the population's means by ``population.village_spread``."""
    p = scenario.population
    n = n_villages(scenario)
    literacy = np.clip(p.literacy_mean + p.village_spread * rng.standard_normal(n), *VILLAGE_MEAN_LIMITS)
    trust = np.clip(p.trust_mean + p.village_spread * rng.standard_normal(n), *VILLAGE_MEAN_LIMITS)
    return Villages(literacy_mean=literacy, trust_mean=trust)


def _beta(rng: np.random.Generator, mean: np.ndarray, concentration: float = BELIEF_CONCENTRATION) -> np.ndarray:
    return rng.beta(mean * concentration, (1 - mean) * concentration).astype(np.float32)


def places_and_segments(scenario: Scenario, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Each worker's village (int32, sorted) and segment (int8).

    Rows are in village order: a village's (and a district's) workers are then a slice of every
    column, found by binary search, and outreach by district needs no sort (outreach.py). On the
    map each village's head count and its segments are multinomial counts from its district's
    expected size and its province's shares (the same distribution as one draw per worker, rows
    within a village being exchangeable), which costs one byte a worker instead of a sort.
    """
    p = scenario.population
    n = p.agents
    shares = np.asarray(segment_values(p.segment_shares))
    geo = geography_of(scenario)
    if geo.kind == "uniform":  # the draws of the model before the map, kept exactly
        segment = rng.choice(N_SEGMENTS, n, p=shares / sum(segment_values(p.segment_shares))).astype(np.int8)
        return np.sort(rng.integers(0, geo.n_villages, n, dtype=np.int32)), segment
    vpd = geo.villages_per_district
    per_village = rng.multinomial(n, np.repeat(geo.district_weight / vpd, vpd))
    district_shares = geo.district_shares(shares)
    by_segment = rng.multinomial(per_village, np.repeat(district_shares / district_shares.sum(axis=1, keepdims=True), vpd, axis=0))
    village = np.repeat(np.arange(per_village.size, dtype=np.int32), per_village)
    segment = np.repeat(np.tile(np.arange(N_SEGMENTS, dtype=np.int8), per_village.size), by_segment.ravel())
    return village, segment


def _birth_months(scenario: Scenario, rng: np.random.Generator, n: int) -> np.ndarray:
    """Months of birth (int16): ages uniform between the entry age and the pension age."""
    p = scenario.population
    working_months = (scenario.labour_market.retirement_age - p.entry_age) * 12
    if geography_of(scenario).kind == "uniform":  # the draws of the model before the map, kept exactly
        return -(p.entry_age * 12 + rng.integers(0, working_months, n)).astype(np.int16)
    birth = rng.integers(0, working_months, n, dtype=np.int16)  # two bytes a worker, not eight
    birth += np.int16(p.entry_age * 12)
    return np.negative(birth, out=birth)


def build_population(scenario: Scenario, rng: np.random.Generator, employers: Employers, villages: Villages) -> Workers:
    """The synthetic population at the start month, with its initial enrolment statuses."""
    p = scenario.population
    n = p.agents
    village, segment = places_and_segments(scenario, rng)
    birth_month = _birth_months(scenario, rng, n)
    risk = draw_risk(scenario, rng, segment)
    literacy, trust = villages.draw(rng, village)

    workers = Workers(
        segment=segment,
        village=village,
        group=village * N_SEGMENTS + segment,
        birth_month=birth_month,
        income=draw_incomes(scenario, rng, segment),
        risk=risk,
        literacy=literacy,
        trust_settled=trust,
        perceived_risk_settled=base_perceived_risk(risk),
        employer=np.full(n, -1, dtype=np.int32),
        employer_registered=np.zeros(n, dtype=bool),
        status=np.full(n, Status.NEVER, dtype=np.int8),
        scheme=np.full(n, Scheme.NONE, dtype=np.int8),
        bpu_jht=rng.random(n) < scenario.contributions.bpu_jht_share,
        steady_payer=draw_steady_payers(scenario, rng, n),
        contribution_months=np.zeros(n, dtype=np.int16),
        jht_balance=np.zeros(n, dtype=np.float32),
        months_unpaid=np.zeros(n, dtype=np.int8),
        contract_end=np.full(n, NO_END, dtype=np.int16),
        enrolled_month=np.full(n, NO_MONTH, dtype=np.int16),
        left_job_month=np.full(n, NO_MONTH, dtype=np.int16),
        payer=np.zeros(n, dtype=np.int8),
        recruiter=np.full(n, -1, dtype=np.int16),
        paid_until=np.full(n, NO_MONTH, dtype=np.int16),
        last_employer=np.full(n, -1, dtype=np.int32),
        last_registered=np.zeros(n, dtype=bool),
        leave_cause=np.zeros(n, dtype=np.int8),
        casual=np.zeros(n, dtype=bool),
    )

    pu = _employ(scenario, rng, employers, workers)
    _initial_statuses(scenario, rng, workers, pu)
    return workers


def _employ(scenario: Scenario, rng: np.random.Generator, employers: Employers, workers: Workers) -> np.ndarray:
    """Wage earners work for an employer in their district; contract workers are part-way through.

    Returns the rows of those their employer registered. (A function of its own so that its index
    arrays are freed before the next step: at a national 1:1 run they are gigabytes.)
    """
    p, lm, segment = scenario.population, scenario.labour_market, workers.segment
    wage = np.flatnonzero((segment == Segment.PERMANENT.value) | (segment == Segment.CONTRACT.value))
    district = workers.village[wage] // p.villages_per_district
    workers.employer[wage] = employers.pick(rng, district)
    del district
    contract = wage[segment[wage] == Segment.CONTRACT.value]
    # Casual contracts are short, so fewer of them are running at any moment than are signed.
    casual_months = lm.casual_share * lm.casual_months_mean
    stock_casual = casual_months / (casual_months + (1 - lm.casual_share) * lm.contract_months_mean)
    casual = rng.random(contract.size) < stock_casual
    regular = draw_durations(rng, lm.contract_months_mean, contract.size)
    workers.contract_end[contract] = np.where(casual, draw_durations(rng, lm.casual_months_mean, contract.size), regular) - 1
    workers.casual[contract] = casual
    del contract, casual, regular
    registered = employers.registers(rng, workers.employer[wage])
    workers.employer_registered[wage] = registered
    return wage[registered]


def _initial_statuses(scenario: Scenario, rng: np.random.Generator, workers: Workers, pu: np.ndarray) -> None:
    """Start statuses: registered wage earners (``pu``) and some non-wage workers are active; of the
    others, some hold an old inactive account and some closed theirs by withdrawing."""
    p = scenario.population
    nonwage = np.flatnonzero(is_non_wage(workers.segment))
    bpu = nonwage[rng.random(nonwage.size) < p.initial_bpu_active_share]
    del nonwage
    for idx, scheme in ((pu, Scheme.PU), (bpu, Scheme.BPU)):
        workers.status[idx] = Status.ACTIVE
        workers.scheme[idx] = scheme
        workers.enrolled_month[idx] = -rng.integers(1, MAX_START_TENURE + 1, idx.size)
    del bpu

    others = np.flatnonzero(workers.status != Status.ACTIVE.value)
    u = rng.random(others.size)
    inactive = others[u < p.initial_inactive_share]
    withdrawn = others[(u >= p.initial_inactive_share) & (u < p.initial_inactive_share + p.initial_withdrawn_share)]
    del others, u
    workers.status[inactive] = Status.INACTIVE
    workers.scheme[inactive] = Scheme.PU
    workers.status[withdrawn] = Status.WITHDRAWN
    workers.scheme[withdrawn] = Scheme.PU
    del withdrawn

    holders = np.concatenate([pu, inactive])
    del inactive
    workers.jht_balance[holders] = p.initial_jht_balance_median * np.exp(rng.standard_normal(holders.size) * JHT_BALANCE_SPREAD)
    del holders
    registered_any = np.flatnonzero(workers.status != Status.NEVER.value)
    workers.contribution_months[registered_any] = rng.integers(1, MAX_START_CONTRIBUTION_MONTHS + 1, registered_any.size)
