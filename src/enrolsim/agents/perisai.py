"""Perisai agents: commissioned recruiters of informal workers (launched February 2018).

A ``PerisaiAgent`` is the corps of Perisai agents working one district, ``members`` agents
strong (a fraction when the model is small). Thousands of individual recruiters stepped one by
one would cost more than the million workers they reach, and they differ little but in where
they work. The corps contacts uncovered non-wage workers in its villages, converts some (helping
them complete registration, so none fail), collects their contributions (fewer missed months),
earns the commission and the bonus, and loses members when earnings stay below what they could
earn elsewhere.
"""

from typing import TYPE_CHECKING

import mesa
import numpy as np
from scipy.special import pdtrc

from enrolsim.outreach import contact, uncovered_pool
from enrolsim.participation import activate
from enrolsim.states import Payer, Scheme

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


class PerisaiAgent(mesa.Agent):
    """The Perisai corps of one district."""

    model: "EnrolmentModel"

    def __init__(self, model: "EnrolmentModel", district: int, members: float) -> None:
        super().__init__(model)
        self.district = district
        self.index = district  # recorded in workers.recruiter
        self.members = members
        self.months_worked = 0
        self.recruits = 0.0  # persons recruited this month
        self.recruits_total = 0.0
        self.net_earnings_per_agent = 0.0  # rupiah this month, after the institution's share

    def step(self) -> None:
        """Earn on last month's collections, lose under-earning members, then recruit."""
        lever = self.model.params.strategies.extensification.perisai
        self._earn(lever)
        if self.members <= 0:
            return
        self._recruit(lever)
        self.months_worked += 1

    def _earn(self, lever) -> None:
        collected = self.model.perisai_collected[self.index]
        per_member_recruits = self.recruits / self.members if self.members > 0 else 0.0
        # Share of members with at least bonus_threshold recruits, recruits per member being Poisson.
        bonus_share = float(pdtrc(lever.bonus_threshold - 1, per_member_recruits)) if per_member_recruits > 0 else 0.0
        gross = lever.commission_rate * collected + lever.bonus * bonus_share * self.members
        self.model.ledger.charge("perisai", gross)
        self.net_earnings_per_agent = (1 - lever.institution_share) * gross / self.members if self.members > 0 else 0.0
        if self.months_worked >= 3 and self.net_earnings_per_agent < lever.reservation_income:
            self.members *= 1 - lever.quit_rate

    def _recruit(self, lever) -> None:
        model = self.model
        w = model.workers
        contacted = contact(model, uncovered_pool(model).district(self.district), self.members * lever.contacts_per_agent)
        experience = 1 + lever.experience_effect * min(self.months_worked, 24) / 24
        p = np.minimum(lever.conversion * (0.5 + w.literacy[contacted]) * experience, 1.0)
        joined = contacted[model.rng.random(contacted.size) < p]
        activate(w, model.flows, joined, Scheme.BPU, model.month, Payer.PERISAI)
        w.recruiter[joined] = self.index
        self.recruits = joined.size * model.represents
        self.recruits_total += self.recruits
        model.ledger.perisai_recruits += joined.size


def perisai_members_total(model: "EnrolmentModel") -> float:
    """Perisai agents working now, all districts together."""
    return sum(agent.members for agent in model.agents_by_type.get(PerisaiAgent, []))


def agency_recruits_agents(model: "EnrolmentModel") -> None:
    """The agency recruits agents toward its target, spread evenly over the districts."""
    lever = model.params.strategies.extensification.perisai
    corps = list(model.agents_by_type.get(PerisaiAgent, []))
    gap = lever.agents_target - perisai_members_total(model)
    if gap <= 0 or not corps:
        return
    hired = min(gap, lever.recruitment_per_month)
    for agent in corps:
        agent.members += hired / len(corps)
    model.ledger.charge("perisai", hired * lever.recruitment_cost)
