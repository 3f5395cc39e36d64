"""``EnrolmentModel``: builds the world from a scenario and steps it month by month.

This file is the one place where the order of a month is written (``PROCESSES``); each line is a
module of ``processes/`` or the levers' turn (``levers/``). Workers are numpy columns
(``world/workers.py``); Mesa provides the seeded generator, the event schedule for rule changes,
levers and shocks, and the data collector. What the rules may read and write is ``ModelState``
(``state.py``), which this class extends with building and stepping.
"""

from collections.abc import Callable
from functools import partial

import mesa
import numpy as np

import enrolsim.indicators as indicators
from enrolsim.core.months import format_month, parse_month
from enrolsim.events import Event, events_act, events_of
from enrolsim.institutions.worker import Worker
from enrolsim.levers import COST_LINES, levers_act, levers_of
from enrolsim.processes.accidents import accidents_and_claims
from enrolsim.processes.construction_projects import construction_projects, start_construction_projects
from enrolsim.processes.contributions import contributions, lapse
from enrolsim.processes.employer_compliance import employer_compliance
from enrolsim.processes.jht_withdrawal import jht_withdrawal
from enrolsim.processes.labour_market import labour_market
from enrolsim.processes.literacy import literacy
from enrolsim.processes.migrant_workers import migrant_workers, start_migrant_workers
from enrolsim.processes.third_party_payers import third_party_payers
from enrolsim.processes.trial_arms import trial_arms
from enrolsim.processes.voluntary_enrolment import voluntary_enrolment
from enrolsim.scenario.schema import JhtRegime, Scenario, Shock
from enrolsim.state import ModelState
from enrolsim.world.drift import VillageDrift
from enrolsim.world.employers import build_employers
from enrolsim.world.population import build_population, build_villages, n_villages
from enrolsim.world.regions import RegionLookup
from enrolsim.world.tallies import Ledger
from enrolsim.world.workers import N_SEGMENTS

#: What happens in a month, in order.
PROCESSES: tuple[Callable[[ModelState], None], ...] = (
    labour_market,
    employer_compliance,
    levers_act,
    events_act,
    third_party_payers,
    trial_arms,
    voluntary_enrolment,
    contributions,
    lapse,
    jht_withdrawal,
    accidents_and_claims,
    literacy,
    construction_projects,
    migrant_workers,
)


class EnrolmentModel(ModelState):
    """Enrolment in BPJS Ketenagakerjaan: who registers, who keeps paying, who leaves.

    ``rng`` seeds the model's one generator (``self.rng``); nothing else draws random numbers.
    ``self.month`` counts the months simulated; calendar month ``self.calendar_month``.
    """

    def __init__(self, params: Scenario | None = None, rng: int | None = None) -> None:
        super().__init__(params, rng)
        p = self.params.population
        self._scheduled: list[Callable[[], None]] = []  # Mesa holds scheduled events by weak reference
        self._recorded = True  # the flows and costs hold a month already recorded (or the build's): zeroed before the next
        wage_share = p.segment_shares.permanent + p.segment_shares.contract
        self.employers = build_employers(self.params, self.rng, max(1, round(p.agents * wage_share)))
        self.villages = build_villages(self.params, self.rng)
        self.workers = build_population(self.params, self.rng, self.employers, self.villages)
        self.village_first_row = np.searchsorted(self.workers.village, np.arange(n_villages(self.params) + 1))
        self.region_first_row = self.village_first_row[self.region_first_village]
        self.region_lookup = RegionLookup.build(self.region_first_row)
        self.drift = VillageDrift(self.workers, self.village_first_row)
        self.village_sizes = np.maximum(np.diff(self.village_first_row), 1)
        # Fixed by the risk class, so looked up once (and for entrants) instead of every month.
        self.pu_rate = np.take(self.pu_rates_by_class(), self.workers.risk, mode="clip")
        start_construction_projects(self)
        start_migrant_workers(self)
        self._schedule_jht_rules()
        self._schedule_registration_rates()
        self._init_levers()
        self._init_shocks()
        self._init_events()
        self.datacollector = mesa.DataCollector(model_reporters=indicators.model_reporters())

    # --- scheduled changes -------------------------------------------------------------------

    def _schedule(self, start: str | None, action: Callable[[], None]) -> None:
        """Run ``action`` before the month ``start`` is simulated (now if it is not after the start)."""
        offset = 0 if start is None else parse_month(start) - self.params.start_month
        if offset <= 0:
            action()
            return
        action = partial(self._before_month, action)
        self._scheduled.append(action)
        # Month m is simulated by the step at Mesa time m + 1; half a month earlier the change is in force.
        self.schedule_event(action, at=offset + 0.5)

    def _before_month(self, action: Callable[[], None]) -> None:
        """A scheduled change, made before its month is simulated: what it moves counts in that month's flows."""
        self._open_month()
        action()

    def _open_month(self) -> None:
        """Zero the flows and costs once the last month is recorded, before anything of the next one counts.

        Not at the top of ``step``: Mesa runs the month's scheduled changes before it (an event's end that
        resumes furloughed workers, say), and what they moved would be lost.
        """
        if self._recorded:
            self.flows.reset()
            self.ledger.reset()
            self._recorded = False

    def _schedule_jht_rules(self) -> None:
        """The first rule is in force at the start; each rule takes over in its month (a Mesa event)."""
        for regime in self.params.jht.regimes:
            self._schedule(regime.start, partial(self._set_jht_rule, regime))

    def _set_jht_rule(self, regime: JhtRegime) -> None:
        self.jht_rule = regime

    def _schedule_registration_rates(self) -> None:
        """Each later rate of employers' registration takes over in its month (a Mesa event)."""
        for change in self.params.employers.registration_rate_changes:
            self._schedule(change.start, partial(setattr, self, "registration_rate", change.rate))

    def _init_levers(self) -> None:
        """Every lever of the registry; the configured ones build their institutions and start in their month."""
        self.ledger = Ledger.empty(COST_LINES)
        self.employer_changes = np.zeros(self.employers.size + 1, dtype=bool)
        self.levers = levers_of(self.params.strategies)
        for lever in self.levers.values():
            if lever.configured():
                lever.build(self)
                self._schedule(lever.settings.start, partial(self._start_lever, lever.name))

    def _start_lever(self, name: str) -> None:
        self.started_levers.add(name)
        self.levers[name].start(self)

    def _init_shocks(self) -> None:
        """Labour-market hooks switched by events at each shock's start and after its end."""
        self.active_shocks: list[Shock] = []
        for shock in self.params.shocks:
            after = format_month(parse_month(shock.end) + 1)
            self._schedule(shock.start, partial(self._shock_switch, shock, True))
            self._schedule(after, partial(self._shock_switch, shock, False))

    def _init_events(self) -> None:
        """Every dated event begins before its first month and ends after its last (Mesa events).

        An event over before the run's start is past: the starting state already holds what it did, so it is not
        played again at the start (a 2015 scare cutting trust once more in a run from 2023).
        """
        for event in events_of(self.params.events):
            if parse_month(event.settings.end) < self.params.start_month:
                continue
            self._schedule(event.settings.start, partial(self._event_switch, event, True))
            self._schedule(format_month(parse_month(event.settings.end) + 1), partial(self._event_switch, event, False))

    def _event_switch(self, event: Event, on: bool) -> None:
        if on:
            self.running_events.append(event)
            event.begin(self)
        elif event in self.running_events:
            self.running_events.remove(event)
            event.end(self)

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

    # --- the month --------------------------------------------------------------------------

    def step(self) -> None:
        """Simulate one month: every process in order, then record the indicators."""
        self._open_month()
        self.month_cache.clear()
        self.leavers.clear()  # this month's lists only (read by the JKP claims)
        self.peer_active_share = self._peer_active_share()
        for event in self.running_events:
            event.prepare(self)
        for process in PROCESSES:
            process(self)
        self._tally_years()
        self.indicators = indicators.compute(self)
        self.datacollector.collect(self)
        self._recorded = True
        self.month += 1

    def _tally_years(self) -> None:
        """Running totals the indicators read: registrations since January, Perisai recruits since the start."""
        if self.calendar_month % 12 == 0:
            self.registrations_this_year = 0
        self.registrations_this_year += self.flows.new_registrations + self.flows.reactivations
        self.perisai_recruits_total += self.ledger.perisai_recruits * self.represents

    def _peer_active_share(self) -> np.ndarray:
        """Share of active participants in each peer group (village x segment), float32."""
        w = self.workers
        size = n_villages(self.params) * N_SEGMENTS
        return (w.active_in_group(size) / np.maximum(w.group_sizes(size), 1)).astype(np.float32)

    def worker(self, row: int) -> Worker:
        """A Mesa agent view of one worker's row (for inspection and the classroom app)."""
        return Worker(self, row)
