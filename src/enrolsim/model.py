"""``EnrolmentModel``: builds the world from a scenario and steps it month by month.

This file is the one place where the order of a month is written (``PROCESSES``); each line is a
module in ``processes/``. Workers are numpy columns (``population.py``); Mesa provides the seeded
generator, the event schedule for rule changes and the data collector.
"""

from collections import deque
from collections.abc import Callable
from functools import partial

import mesa
import numpy as np

from enrolsim import indicators
from enrolsim.actions.outreach import uncovered_pool
from enrolsim.actions.targeting import AgencyView, predicted_uptake
from enrolsim.core.months import format_month, parse_month
from enrolsim.institutions.worker import Worker
from enrolsim.levers import apply_lever_start, create_institutions, is_configured, levers_of
from enrolsim.levers.turn import institutions_act
from enrolsim.processes.accidents import accidents_and_claims
from enrolsim.processes.contributions import contributions, lapse
from enrolsim.processes.employer_compliance import employer_compliance
from enrolsim.processes.jht_withdrawal import jht_withdrawal
from enrolsim.processes.labour_market import labour_market
from enrolsim.processes.literacy import literacy
from enrolsim.processes.trial_arms import trial_arms
from enrolsim.processes.voluntary_enrolment import voluntary_enrolment
from enrolsim.scenario.schema import JhtRegime, Scenario, Shock
from enrolsim.world.drift import VillageDrift
from enrolsim.world.employers import build_employers
from enrolsim.world.ledger import Ledger
from enrolsim.world.participation import Flows
from enrolsim.world.population import N_SEGMENTS, build_population, build_villages, n_villages, retirement_age

#: What happens in a month, in order.
PROCESSES: tuple[Callable[["EnrolmentModel"], None], ...] = (
    labour_market,
    employer_compliance,
    institutions_act,
    trial_arms,
    voluntary_enrolment,
    contributions,
    lapse,
    jht_withdrawal,
    accidents_and_claims,
    literacy,
)


class EnrolmentModel(mesa.Model):
    """Enrolment in BPJS Ketenagakerjaan: who registers, who keeps paying, who leaves.

    ``rng`` seeds the model's one generator (``self.rng``); nothing else draws random numbers.
    ``self.month`` counts the months simulated; calendar month ``self.calendar_month``.
    """

    def __init__(self, params: Scenario | None = None, rng: int | None = None) -> None:
        super().__init__(rng=rng)
        self.params = params if params is not None else Scenario()
        p = self.params.population
        self.month = 0
        self._scheduled: list[Callable[[], None]] = []  # Mesa holds scheduled events by weak reference
        self.flows = Flows()
        self.vacancies = np.zeros(N_SEGMENTS)  # open jobs by segment, in worker agents
        wage_share = p.segment_shares.permanent + p.segment_shares.contract
        self.employers = build_employers(self.params, self.rng, max(1, round(p.agents * wage_share)))
        self.villages = build_villages(self.params, self.rng)
        self.workers = build_population(self.params, self.rng, self.employers, self.villages)
        #: Village v's workers are rows village_first_row[v] : village_first_row[v + 1] (rows never move).
        self.village_first_row = np.searchsorted(self.workers.village, np.arange(n_villages(self.params) + 1))
        self.workers.drift = VillageDrift(self.workers, self.village_first_row)
        self.village_sizes = np.maximum(np.diff(self.village_first_row), 1)
        #: Each worker's PU contribution rate (JKK by risk class, JKM, JHT) as a share of the declared
        #: wage: fixed by the risk class, so looked up once (and for entrants) instead of every month.
        self.pu_rate = np.take(self.pu_rates_by_class(), self.workers.risk, mode="clip")
        self.registration_history: list[int] = []
        self.indicators: dict[str, float] = {}
        self._schedule_jht_rules()
        self._init_strategies()
        self._init_shocks()
        self.datacollector = mesa.DataCollector(model_reporters=indicators.model_reporters())

    # --- time -------------------------------------------------------------------------------

    @property
    def calendar_month(self) -> int:
        """Absolute month number of the month being (or about to be) simulated."""
        return self.params.start_month + self.month

    @property
    def represents(self) -> float:
        """Persons per worker agent this month: the labour force grows, the agents do not."""
        p = self.params.population
        return p.labour_force * (1 + p.labour_force_growth) ** (self.month / 12) / p.agents

    @property
    def retirement_age(self) -> int:
        """Pension age this month (PP 45/2015 schedule)."""
        return retirement_age(self.params, self.calendar_month // 12)

    def _schedule_jht_rules(self) -> None:
        """The first rule is in force at the start; each rule takes over in its month (a Mesa event)."""
        self.jht_rule = self.params.jht.regimes[0]
        for regime in self.params.jht.regimes:
            self._schedule(regime.start, partial(self._set_jht_rule, regime))

    def _set_jht_rule(self, regime: JhtRegime) -> None:
        self.jht_rule: JhtRegime = regime

    # --- strategies -------------------------------------------------------------------------

    def _init_strategies(self) -> None:
        """Hooks the processes read (neutral until a lever starts), institutions, lever start events."""
        s = self.params.strategies
        self.n_districts = self.params.population.provinces * self.params.population.districts_per_province
        self.ledger = Ledger.empty()
        self.month_cache: dict[object, object] = {}
        self.employer_changes = np.zeros(self.employers.size + 1, dtype=bool)
        self.started_levers: set[str] = set()
        self.extra_ease = 0.0  # registration ease added nationally (service points)
        self.district_extra_ease = np.zeros(self.n_districts, dtype=np.float32)  # by district service points
        self.extra_payment_ease = 0.0
        self.retention_miss_factor = 1.0
        self.bpu_price_multiplier = 1.0
        self.bpu_jht_required = False
        self.payer_miss_factor = np.array(
            [1.0, 1 - s.extensification.perisai.collection_effect, 1 - s.extensification.platforms.deduction_effect, 0.0, 0.0],
            dtype=np.float32,
        )
        self.perisai_collected = np.zeros(self.n_districts)
        empty = np.zeros(0, dtype=np.int64)
        self.subsidised = (empty, empty)  # rows local governments pay for, and their districts, in joining order
        self.sponsored: deque[tuple[int, np.ndarray]] = deque()  # Sertakan cohorts: (last month paid, rows)
        self.last_bpu_payments = 0
        self.perisai_recruits_total = 0.0
        self.levers = levers_of(s)
        create_institutions(self)
        for name, lever in self.levers.items():
            if is_configured(name, lever):
                self._schedule(lever.start, partial(self._start_lever, name))

    def _schedule(self, start: str | None, action: Callable[[], None]) -> None:
        """Run ``action`` before the month ``start`` is simulated (now if it is not after the start)."""
        offset = 0 if start is None else parse_month(start) - self.params.start_month
        if offset <= 0:
            action()
            return
        self._scheduled.append(action)
        # Month m is simulated by the step at Mesa time m + 1; half a month earlier the change is in force.
        self.schedule_event(action, at=offset + 0.5)

    # --- shocks -----------------------------------------------------------------------------

    def _init_shocks(self) -> None:
        """Labour-market hooks (neutral at 1, 0 and 1), switched by events at each shock's start and after its end.

        ``trial`` is the in-model randomised trial acting on its assigned rows (``trial.py``), ``None`` otherwise.
        """
        self.job_loss_multiplier = 1.0
        self.informalisation_rate = 0.0  # monthly share of wage earners moving to informal work
        self.income_multiplier = 1.0
        self.active_shocks: list[Shock] = []
        self.trial = None
        for shock in self.params.shocks:
            after = format_month(parse_month(shock.end) + 1)
            self._schedule(shock.start, partial(self._shock_switch, shock, True))
            self._schedule(after, partial(self._shock_switch, shock, False))

    def _shock_switch(self, shock: Shock, on: bool) -> None:
        if on:
            self.active_shocks.append(shock)
        elif shock in self.active_shocks:
            self.active_shocks.remove(shock)
        job_loss, stay_formal, income = 1.0, 1.0, 1.0
        for s in self.active_shocks:
            months = parse_month(s.end) - parse_month(s.start) + 1
            job_loss *= s.job_loss_multiplier
            stay_formal *= (1 - s.informalisation) ** (1 / months)
            income *= s.income_multiplier
        self.job_loss_multiplier, self.informalisation_rate, self.income_multiplier = job_loss, 1 - stay_formal, income

    def _start_lever(self, name: str) -> None:
        self.started_levers.add(name)
        apply_lever_start(self, name, self.levers[name])

    def lever_on(self, name: str) -> bool:
        """Whether the lever ``name`` has started (and is configured to do something)."""
        return name in self.started_levers

    def lever_start_offset(self, name: str) -> int:
        """Model month in which lever ``name`` starts."""
        start = self.levers[name].start
        return 0 if start is None else max(0, parse_month(start) - self.params.start_month)

    def predicted_uptake(self) -> np.ndarray:
        """Predicted BPU uptake per village from the agency's records (cached for the month)."""
        cached = self.month_cache.get("predicted_uptake")
        if cached is None:
            uncovered = uncovered_pool(self).by_village()  # counted from observable columns too
            cached = predicted_uptake(AgencyView(self.workers), self.village_sizes.size, self.month, uncovered)
            self.month_cache["predicted_uptake"] = cached
        return cached

    # --- the month --------------------------------------------------------------------------

    def step(self) -> None:
        """Simulate one month: every process in order, then record the indicators."""
        self.flows.reset()
        self.ledger.reset()
        self.month_cache.clear()
        self.peer_active_share = self._peer_active_share()
        for process in PROCESSES:
            process(self)
        self.indicators = indicators.compute(self)
        self.datacollector.collect(self)
        self.month += 1

    def _peer_active_share(self) -> np.ndarray:
        """Share of active participants in each peer group (village x segment), float32."""
        w = self.workers
        size = n_villages(self.params) * N_SEGMENTS
        return (w.active_in_group(size) / np.maximum(w.group_sizes(size), 1)).astype(np.float32)

    # --- prices -----------------------------------------------------------------------------

    def pu_rates_by_class(self) -> np.ndarray:
        """PU contribution rate (JKK + JKM + JHT) of each occupational risk class, float32."""
        c = self.params.contributions
        return np.asarray(c.jkk_rates, dtype=np.float32) + np.float32(c.jkm_rate + c.jht_rate)

    def bpu_package_price(self) -> float:
        """Monthly BPU contribution for JKK and JKM (the package without JHT)."""
        c = self.params.contributions
        jkk = min(max(c.bpu_jkk_rate * c.bpu_declared_income, c.bpu_jkk_min), c.bpu_jkk_max)
        return (jkk + c.bpu_jkm) * self.bpu_price_multiplier

    def bpu_takes_jht(self, idx: np.ndarray) -> np.ndarray:
        """Which of ``idx`` pay for JHT too (all of them when the rules require it)."""
        return np.ones(idx.size, dtype=bool) if self.bpu_jht_required else self.workers.bpu_jht[idx]

    def bpu_prices(self) -> tuple[np.float32, np.float32]:
        """The two monthly BPU contributions, as charged (float32): JKK + JKM, and with JHT too."""
        c = self.params.contributions
        package = np.float32(self.bpu_package_price())
        return package, package + np.float32(c.bpu_jht_rate * c.bpu_declared_income * self.bpu_price_multiplier)

    def bpu_price(self, idx: np.ndarray, takes_jht: np.ndarray | None = None) -> np.ndarray:
        """Monthly BPU contribution of each worker in ``idx``: JKK + JKM, plus JHT if taken
        (``takes_jht``, when the caller has already looked it up)."""
        without, with_jht = self.bpu_prices()
        return np.where(self.bpu_takes_jht(idx) if takes_jht is None else takes_jht, with_jht, without)

    def worker(self, row: int) -> "Worker":
        """A Mesa agent view of one worker's row (for inspection and the classroom app)."""
        return Worker(self, row)
