"""Workers as columns: one numpy array per attribute, one row per worker agent.

A national run has millions of workers, so they are never Python objects (see DESIGN.md):
every monthly rule is a vectorised expression over these arrays or over an index array of the
rows it concerns. Compact dtypes keep a worker under 60 bytes.

Subsets of index arrays are taken through ``np.flatnonzero(mask)``, not the boolean mask itself:
numpy's boolean indexing is four to five times slower on the scattered masks of tens of
thousands of rows that the monthly rules produce (130 against 30 microseconds for 30,000).
"""

from dataclasses import dataclass, fields

import numpy as np

from enrolsim.core.codes import Scheme, Segment, Status, is_non_wage
from enrolsim.scenario.fields import segment_values
from enrolsim.scenario.schema import Scenario
from enrolsim.world.drift import VillageDrift, base_perceived_risk
from enrolsim.world.employers import Employers

NO_MONTH = np.int16(-32768)  # "never" in month columns
NO_END = np.int16(32767)  # a contract that does not end (permanent work)
N_SEGMENTS = len(Segment)


@dataclass(eq=False)
class Workers:
    """The worker columns. Month columns count months from the model's start (month 0)."""

    segment: np.ndarray  # int8, Segment
    village: np.ndarray  # int32; district = village // villages_per_district
    group: np.ndarray  # int32, peer group = village * N_SEGMENTS + segment (kept in step with segment)
    birth_month: np.ndarray  # int16, negative: months before the start
    income: np.ndarray  # float32, rupiah a month
    risk: np.ndarray  # int8, occupational risk class 0..4
    literacy: np.ndarray  # float32, 0..1
    trust_settled: np.ndarray  # float32: trust at the last settlement of the village drift (drift.py)
    perceived_risk_settled: np.ndarray  # float32: perceived risk at the last settlement
    employer: np.ndarray  # int32, -1 for none
    employer_registered: np.ndarray  # bool, the current employer registered this worker
    status: np.ndarray  # int8, Status
    scheme: np.ndarray  # int8, Scheme of the latest active spell
    bpu_jht: np.ndarray  # bool, a BPU participant who also takes JHT
    contribution_months: np.ndarray  # int16
    jht_balance: np.ndarray  # float32, rupiah per person
    months_unpaid: np.ndarray  # int8, consecutive unpaid months (BPU)
    contract_end: np.ndarray  # int16, month a contract or project ends; NO_END for none
    enrolled_month: np.ndarray  # int16, month of the latest entry into ACTIVE
    left_job_month: np.ndarray  # int16, month the worker last left wage work
    payer: np.ndarray  # int8, Payer: who collects the BPU contribution
    recruiter: np.ndarray  # int16, the Perisai corps that recruited the worker, -1 for none
    paid_until: np.ndarray  # int16, last month a sponsor or subsidy pays (payer SPONSOR / LOCAL_GOVERNMENT)

    def __post_init__(self) -> None:
        self._group_sizes: np.ndarray | None = None  # members of each peer group, kept by set_segment
        self._active_in_group: np.ndarray | None = None  # active members of each peer group, kept by set_status and set_segment
        self._scratch: dict[tuple[str, np.dtype], np.ndarray] = {}
        self.drift: VillageDrift | None = None  # the model attaches the village drift of trust and perceived risk

    @property
    def trust(self) -> np.ndarray:
        """Every worker's trust in the agency now, 0..1 (read-only; set through ``drift.set``)."""
        return _read_only(self.drift.all_trust() if self.drift is not None else self.trust_settled.copy())

    @property
    def perceived_risk(self) -> np.ndarray:
        """Every worker's perceived risk of the work now, 0..1 (read-only; set through ``drift.set``)."""
        return _read_only(self.drift.all_perceived_risk() if self.drift is not None else self.perceived_risk_settled.copy())

    @property
    def size(self) -> int:
        """Number of worker agents."""
        return self.segment.size

    def group_sizes(self, n_groups: int) -> np.ndarray:
        """Workers in each peer group: counted once, then kept up to date by :meth:`set_segment`.

        Segments (and so groups) change only through ``set_segment``, which already keeps ``group``
        in step; counting a million rows every month would cost more than all the moves.
        """
        if self._group_sizes is None or self._group_sizes.size != n_groups:
            self._group_sizes = np.bincount(self.group, minlength=n_groups)
        return self._group_sizes

    def active_in_group(self, n_groups: int) -> np.ndarray:
        """Active workers in each peer group: counted once, then kept up to date by :meth:`set_status`
        and :meth:`set_segment` (the peer shares and the indicators read it every month)."""
        if self._active_in_group is None or self._active_in_group.size != n_groups:
            self._active_in_group = np.bincount(self.group[np.flatnonzero(self.status == Status.ACTIVE.value)], minlength=n_groups)
        return self._active_in_group

    def set_status(self, idx: np.ndarray, status: Status, were_active: bool | None = None) -> None:
        """Give workers ``idx`` (each listed once) a status; every status change goes through here.

        Keeps the active count of each peer group in step, so that no month has to count them.
        ``were_active``, when the caller knows it, says that all of ``idx`` are active now (True)
        or none of them is (False); it saves looking.
        """
        counts = self._active_in_group
        becoming_active = status == Status.ACTIVE
        if counts is not None and were_active is not becoming_active:
            changing = idx if were_active is not None else idx[np.flatnonzero((self.status[idx] == Status.ACTIVE.value) != becoming_active)]
            moved = np.bincount(self.group[changing], minlength=counts.size)
            if becoming_active:
                counts += moved
            else:
                counts -= moved
        self.status[idx] = status

    def active_codes(self, codes: np.ndarray) -> np.ndarray:
        """``codes`` (say ``scheme`` or ``payer``) of active workers, 0 for the others, in a work array.

        One multiply masks the column, so each code is then counted or selected with one compare.
        """
        return np.multiply(codes, self.status == Status.ACTIVE.value, out=self.scratch("codes", np.int8))

    def scratch(self, name: str, dtype: type = np.float32) -> np.ndarray:
        """A reusable work array of one value per worker (contents undefined), kept between months.

        Full-population temporaries allocated afresh every month cost page faults that can take
        longer than the arithmetic; a process that needs one borrows it here by a name of its own
        and must not hold it across a call to another process's code.
        """
        key = (name, np.dtype(dtype))
        array = self._scratch.get(key)
        if array is None or array.size != self.size:
            array = self._scratch[key] = np.empty(self.size, dtype=dtype)
        return array

    @property
    def nbytes(self) -> int:
        """Bytes held by all columns."""
        return sum(getattr(self, f.name).nbytes for f in fields(self))

    def set_segment(self, idx: np.ndarray, segment: np.ndarray | int) -> None:
        """Move workers to a segment, keeping their peer group (and the groups' sizes) in step.

        ``idx`` lists each worker once.
        """
        old = self.group[idx]
        new = old // N_SEGMENTS * N_SEGMENTS  # the village's first group, village * N_SEGMENTS
        new += segment
        self.segment[idx] = segment
        self.group[idx] = new
        for counts, moving in ((self._group_sizes, slice(None)), (self._active_in_group, np.flatnonzero(self.status[idx] == Status.ACTIVE.value))):
            if counts is not None:
                counts -= np.bincount(old[moving], minlength=counts.size)
                counts += np.bincount(new[moving], minlength=counts.size)

    def segment_sizes(self) -> np.ndarray:
        """Workers in each segment (from the groups' sizes when they are kept)."""
        if self._group_sizes is not None:
            return self._group_sizes.reshape(-1, N_SEGMENTS).sum(axis=0)
        return np.array([np.count_nonzero(self.segment == s) for s in range(N_SEGMENTS)], dtype=np.int64)


def _read_only(column: np.ndarray) -> np.ndarray:
    column.flags.writeable = False  # a computed column: writing to it would change nothing
    return column


def retirement_age(scenario: Scenario, year: int) -> int:
    """Pension age in a calendar year: PP 45/2015 raises it a year every few years to a cap."""
    lm = scenario.labour_market
    if year < lm.retirement_age_rise_from:
        return lm.retirement_age
    rises = (year - lm.retirement_age_rise_from) // lm.retirement_age_rise_every + 1
    return min(lm.retirement_age + rises, lm.retirement_age_max)


def n_villages(scenario: Scenario) -> int:
    """Number of modelled villages (peer groups' places)."""
    p = scenario.population
    return p.provinces * p.districts_per_province * p.villages_per_district


def draw_incomes(scenario: Scenario, rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    """Monthly incomes: log-normal around the segment's median."""
    medians = np.asarray(segment_values(scenario.population.income_median), dtype=np.float32)
    noise = rng.standard_normal(segment.size, dtype=np.float32) * np.float32(scenario.population.income_sigma)
    return medians[segment] * np.exp(noise)


def draw_risk(scenario: Scenario, rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    """Occupational risk class around the segment's mean."""
    means = np.asarray(segment_values(scenario.population.risk_class_mean), dtype=np.float32)
    raw = means[segment] + rng.standard_normal(segment.size, dtype=np.float32) * np.float32(0.8)
    return np.clip(np.rint(raw), 0, 4).astype(np.int8)


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
    literacy = np.clip(p.literacy_mean + p.village_spread * rng.standard_normal(n), 0.02, 0.98)
    trust = np.clip(p.trust_mean + p.village_spread * rng.standard_normal(n), 0.02, 0.98)
    return Villages(literacy_mean=literacy, trust_mean=trust)


def _beta(rng: np.random.Generator, mean: np.ndarray, concentration: float = 5.0) -> np.ndarray:
    return rng.beta(mean * concentration, (1 - mean) * concentration).astype(np.float32)


def build_population(scenario: Scenario, rng: np.random.Generator, employers: Employers, villages: Villages) -> Workers:
    """The synthetic population at the start month, with its initial enrolment statuses."""
    p = scenario.population
    lm = scenario.labour_market
    n = p.agents
    segment = rng.choice(N_SEGMENTS, n, p=np.asarray(segment_values(p.segment_shares)) / sum(segment_values(p.segment_shares))).astype(np.int8)
    # Rows in village order: a village's (and a district's) workers are then a slice of every column,
    # found by binary search, and outreach by district needs no sort (outreach.py).
    village = np.sort(rng.integers(0, n_villages(scenario), n, dtype=np.int32))
    start_year = scenario.start_month // 12
    working_months = (retirement_age(scenario, start_year) - p.entry_age) * 12
    birth_month = -(p.entry_age * 12 + rng.integers(0, working_months, n)).astype(np.int16)
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
        contribution_months=np.zeros(n, dtype=np.int16),
        jht_balance=np.zeros(n, dtype=np.float32),
        months_unpaid=np.zeros(n, dtype=np.int8),
        contract_end=np.full(n, NO_END, dtype=np.int16),
        enrolled_month=np.full(n, NO_MONTH, dtype=np.int16),
        left_job_month=np.full(n, NO_MONTH, dtype=np.int16),
        payer=np.zeros(n, dtype=np.int8),
        recruiter=np.full(n, -1, dtype=np.int16),
        paid_until=np.full(n, NO_MONTH, dtype=np.int16),
    )

    # Wage earners work for an employer in their district; contract workers are part-way through.
    wage = np.flatnonzero((segment == Segment.PERMANENT.value) | (segment == Segment.CONTRACT.value))
    district = village[wage] // p.villages_per_district
    workers.employer[wage] = employers.pick(rng, district)
    contract = wage[segment[wage] == Segment.CONTRACT.value]
    # Casual contracts are short, so fewer of them are running at any moment than are signed.
    casual_months = lm.casual_share * lm.casual_months_mean
    stock_casual = casual_months / (casual_months + (1 - lm.casual_share) * lm.contract_months_mean)
    casual = rng.random(contract.size) < stock_casual
    regular = draw_durations(rng, lm.contract_months_mean, contract.size)
    workers.contract_end[contract] = np.where(casual, draw_durations(rng, lm.casual_months_mean, contract.size), regular) - 1
    registered = employers.registers(rng, workers.employer[wage])
    workers.employer_registered[wage] = registered
    pu = wage[registered]

    # Construction workers: some are on a project now, and some projects cover them (Jakon).
    construction = np.flatnonzero(segment == Segment.CONSTRUCTION.value)
    on_project_share = lm.project_months_mean / (lm.project_months_mean + 1 / max(lm.project_start, 1e-9))
    on_project = construction[rng.random(construction.size) < on_project_share]
    workers.contract_end[construction] = -1  # between projects: free to start one in the first month
    workers.contract_end[on_project] = draw_durations(rng, lm.project_months_mean, on_project.size) - 1
    jakon = on_project[rng.random(on_project.size) < lm.jakon_coverage]

    nonwage = np.flatnonzero(is_non_wage(segment))
    bpu = nonwage[rng.random(nonwage.size) < p.initial_bpu_active_share]

    for idx, scheme in ((pu, Scheme.PU), (jakon, Scheme.JAKON), (bpu, Scheme.BPU)):
        workers.status[idx] = Status.ACTIVE
        workers.scheme[idx] = scheme
        workers.enrolled_month[idx] = -rng.integers(1, 61, idx.size)

    # Those not active now: some hold an old inactive account, some closed theirs by withdrawing.
    others = np.flatnonzero(workers.status != Status.ACTIVE.value)
    u = rng.random(others.size)
    inactive = others[u < p.initial_inactive_share]
    withdrawn = others[(u >= p.initial_inactive_share) & (u < p.initial_inactive_share + p.initial_withdrawn_share)]
    workers.status[inactive] = Status.INACTIVE
    workers.scheme[inactive] = Scheme.PU
    workers.status[withdrawn] = Status.WITHDRAWN
    workers.scheme[withdrawn] = Scheme.PU

    holders = np.concatenate([pu, inactive])
    workers.jht_balance[holders] = p.initial_jht_balance_median * np.exp(rng.standard_normal(holders.size) * 0.8)
    registered_any = np.flatnonzero(workers.status != Status.NEVER.value)
    workers.contribution_months[registered_any] = rng.integers(1, 121, registered_any.size)
    return workers
