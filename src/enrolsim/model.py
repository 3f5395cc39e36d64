"""``EnrolmentModel``: builds the world from a scenario and steps it month by month.

This file is the one place where the order of a month is written (``PROCESSES``); each line is a
module in ``processes/``. Workers are numpy columns (``population.py``); Mesa provides the seeded
generator, the event schedule for rule changes and the data collector.
"""

from collections.abc import Callable
from functools import partial

import mesa
import numpy as np

from enrolsim import indicators
from enrolsim.calendar import format_month, parse_month
from enrolsim.employers import build_employers
from enrolsim.participation import Flows
from enrolsim.population import N_SEGMENTS, build_population, n_villages, retirement_age
from enrolsim.processes.accidents import accidents_and_claims
from enrolsim.processes.contributions import contributions, lapse
from enrolsim.processes.employer_compliance import employer_compliance
from enrolsim.processes.jht_withdrawal import jht_withdrawal
from enrolsim.processes.labour_market import labour_market
from enrolsim.processes.literacy import literacy
from enrolsim.processes.voluntary_enrolment import voluntary_enrolment
from enrolsim.scenario import JhtRegime, Scenario
from enrolsim.states import Scheme, Segment, Status

#: What happens in a month, in order.
PROCESSES: tuple[Callable[["EnrolmentModel"], None], ...] = (
    labour_market,
    employer_compliance,
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
        self.flows = Flows()
        self.vacancies = np.zeros(N_SEGMENTS)  # open jobs by segment, in worker agents
        wage_share = p.segment_shares.permanent + p.segment_shares.contract
        self.employers = build_employers(self.params, self.rng, max(1, round(p.agents * wage_share)))
        self.workers = build_population(self.params, self.rng, self.employers)
        self.all_rows = np.arange(self.workers.size)
        self.village_sizes = np.maximum(np.bincount(self.workers.village, minlength=n_villages(self.params)), 1)
        self.registration_history: list[int] = []
        self.indicators: dict[str, float] = {}
        self.jht_rule = self._schedule_jht_rules()
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

    def _schedule_jht_rules(self) -> JhtRegime:
        """The rule in force at the start; later rules take effect by Mesa events in their month."""
        current = self.params.jht.regimes[0]
        for regime in self.params.jht.regimes:
            offset = parse_month(regime.start) - self.params.start_month
            if offset <= 0:
                current = regime
            else:
                # Month m is simulated by the step at Mesa time m + 1; half a month earlier the rule is in force.
                self._rule_changes = getattr(self, "_rule_changes", [])
                change = partial(self._set_jht_rule, regime)
                self._rule_changes.append(change)  # Mesa holds events by weak reference
                self.schedule_event(change, at=offset + 0.5)
        return current

    def _set_jht_rule(self, regime: JhtRegime) -> None:
        self.jht_rule = regime

    # --- the month --------------------------------------------------------------------------

    def step(self) -> None:
        """Simulate one month: every process in order, then record the indicators."""
        self.flows.reset()
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
        active = np.bincount(w.group[w.status == Status.ACTIVE], minlength=size)
        everyone = np.bincount(w.group, minlength=size)
        return (active / np.maximum(everyone, 1)).astype(np.float32)

    # --- prices -----------------------------------------------------------------------------

    def bpu_price(self, idx: np.ndarray) -> np.ndarray:
        """Monthly BPU contribution of each worker in ``idx``: JKK + JKM, plus JHT if taken."""
        c = self.params.contributions
        jkk = min(max(c.bpu_jkk_rate * c.bpu_declared_income, c.bpu_jkk_min), c.bpu_jkk_max)
        base = np.float32(jkk + c.bpu_jkm)
        return base + self.workers.bpu_jht[idx] * np.float32(c.bpu_jht_rate * c.bpu_declared_income)

    def label(self) -> str:
        """Calendar month of the last simulated month, ``YYYY-MM``."""
        return format_month(self.calendar_month - 1)


__all__ = ["PROCESSES", "EnrolmentModel", "Scheme", "Segment", "Status"]
