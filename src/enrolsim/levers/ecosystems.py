"""Outreach through the five ecosystems the agency names: villages, markets, e-commerce, small and micro
enterprises, vulnerable workers.

Small and micro enterprises are reached through their employers (visits to workers of unregistered
employers; some employers register), before employers' workers follow their employers; the other
four are contacts with uncovered workers, who learn and some of whom register with help.
"""

import numpy as np

from enrolsim.actions.employers import comply_fully, workers_of_irregular_employers
from enrolsim.actions.outreach import agents_for, contact
from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import Scheme, Segment
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState
from enrolsim.world.participation import activate
from enrolsim.world.sampling import draw_in_cells
from enrolsim.world.workers import unique_rows

#: Probability a visited unregistered small employer registers (assumption).
SME_CONVERSION = 0.2
#: A contacted worker's chance to register is ``conversion * (LITERACY_BASE + literacy)``: ``conversion`` at average literacy 0.5.
LITERACY_BASE = 0.5


class Ecosystems(Lever):
    """Contacts a month (persons) in each ecosystem, at a cost per contact."""

    name = "ecosystems"
    section = "extensification.ecosystems"

    def configured(self) -> bool:
        s = self.settings
        return any(v > 0 for v in (s.village, s.market, s.e_commerce, s.small_micro_enterprises, s.vulnerable))

    def act_on_employers(self, model: ModelState) -> None:
        """The small and micro enterprise ecosystem: visits to workers of unregistered employers; some employers register."""
        lever = self.settings
        if lever.small_micro_enterprises <= 0:
            return
        w = model.workers
        # Workers of unregistered employers, listed (rather than drawn among everyone and the rest
        # refused, as they become too few); some employers have registered since the listing.
        _, eligible = workers_of_irregular_employers(model)
        eligible = eligible[np.flatnonzero(~model.employers.registered[w.employer[eligible]])]
        k = agents_for(model, np.array([lever.small_micro_enterprises]))
        visited, _ = draw_in_cells(model.rng, eligible, np.array([0, eligible.size]), np.array([0, 1]), k)
        visited = eligible[visited]
        employers = unique_rows(w.employer[visited])
        # A visit converts about SME_CONVERSION of an agent's employment whatever a unit holds: a unit of
        # several agents (large runs, large firms) registers with that chance over its agents.
        chance = SME_CONVERSION / model.employers.agents_in(employers)
        comply_fully(model, employers[np.flatnonzero(model.rng.random(employers.size) < chance)])
        model.ledger.charge(self.name, visited.size * model.represents * lever.unit_cost)

    def act(self, model: ModelState) -> None:
        """Contacts in villages, markets, e-commerce and among the vulnerable: they learn, and some register with help."""
        lever, w = self.settings, model.workers
        segment, income = w.segment, w.income
        vulnerable_line = model.params.strategies.extensification.local_government.income_threshold
        market_line = model.params.population.income_median.informal  # traders: above the informal median
        pool = uncovered_pool(model)
        # Platform partners are a few per cent of the pool: drawn from their own pool, not by refusing the rest.
        platform_partners = pool.narrowed(model, lambda r: segment[r] == Segment.PLATFORM.value) if lever.e_commerce > 0 else pool
        groups = (
            (lever.village, pool, lambda r: segment[r] == Segment.INFORMAL.value),
            (lever.market, pool, lambda r: (segment[r] == Segment.INFORMAL.value) & (income[r] > market_line)),
            (lever.e_commerce, platform_partners, None),
            (lever.vulnerable, pool, lambda r: (segment[r] == Segment.INFORMAL.value) & (income[r] < vulnerable_line)),
        )
        contacted_total = 0
        for persons, among, accept in groups:
            contacted = contact(model, persons, accept, among)
            contacted_total += contacted.size
            w.teach(contacted, lever.literacy_gain)
            p = lever.conversion * (LITERACY_BASE + w.literacy[contacted])
            activate(w, model.flows, contacted[np.flatnonzero(model.rng.random(contacted.size) < p)], Scheme.BPU, model.month)
        model.ledger.charge(self.name, contacted_total * model.represents * lever.unit_cost)
