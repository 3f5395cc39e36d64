"""Perisai agents: commissioned recruiters of informal workers (launched February 2018).

A ``PerisaiAgent`` is the corps of Perisai agents working one district, ``members`` agents
strong (a fraction when the model is small). Thousands of individual recruiters stepped one by
one would cost more than the million workers they reach, and they differ little but in where
they work. The corps contacts uncovered non-wage workers in its villages, converts some (helping
them complete registration, so none fail), collects their contributions (fewer missed months),
earns the commission and the bonus, and loses members when earnings stay below what they could
earn elsewhere.
"""

import mesa
import numpy as np
from scipy.special import pdtrc

from enrolsim.actions.outreach import contact_in_districts
from enrolsim.core.codes import Payer, Scheme
from enrolsim.state import ModelState
from enrolsim.world.participation import activate

#: Months a corps works before under-earning members start to quit.
QUIT_AFTER_MONTHS = 3
#: Months of work after which experience adds its full effect on conversion.
EXPERIENCE_MONTHS = 24
#: A contact's chance to join is ``conversion * (LITERACY_BASE + literacy)``: ``conversion`` at average literacy 0.5.
LITERACY_BASE = 0.5


class PerisaiAgent(mesa.Agent):
    """The Perisai corps of one district.

    The corps of all districts act together (:func:`corps_act`): each corps's earnings, quitting
    and contacts are the same few lines of arithmetic, done for the 136 corps at once on arrays
    made from their attributes, and the contacts of all corps are drawn in one vectorised call.
    """

    model: ModelState

    def __init__(self, model: ModelState, district: int, members: float) -> None:
        super().__init__(model)
        self.district = district
        self.index = district  # recorded in workers.recruiter
        self.members = members
        self.months_worked = 0
        self.recruits = 0.0  # persons recruited this month
        self.expected_recruits = 0.0  # persons its contacts were expected to recruit this month (the bonus reads it)
        self.recruits_total = 0.0
        self.net_earnings_per_agent = 0.0  # rupiah this month, after the institution's share


def corps_act(model: ModelState) -> None:
    """Every corps earns on last month's collections, loses under-earning members, then recruits."""
    lever = model.params.strategies.extensification.perisai
    corps = sorted(model.agents_by_type[PerisaiAgent], key=lambda c: c.index)
    index = np.array([c.index for c in corps])
    members = np.array([c.members for c in corps], dtype=np.float64)
    months_worked = np.array([c.months_worked for c in corps])
    expected = np.array([c.expected_recruits for c in corps], dtype=np.float64)

    # Earnings: the commission on what recruits paid, and the bonus for the members with at least
    # bonus_threshold recruits (recruits per member taken as Poisson about the corps's expected recruits a
    # member: a recruited worker agent stands for hundreds of persons in a small run, and the bonus would
    # follow that rounding instead of what a member recruits).
    staffed = members > 0
    per_member = np.divide(expected, members, out=np.zeros_like(members), where=staffed)
    bonus_share = np.where(per_member > 0, pdtrc(lever.bonus_threshold - 1, per_member), 0.0)
    gross = lever.commission_rate * model.perisai_collected[index] + lever.bonus * bonus_share * members
    model.ledger.charge("perisai", float(gross.sum()))
    net = np.divide((1 - lever.institution_share) * gross, members, out=np.zeros_like(members), where=staffed)
    members = np.where((months_worked >= QUIT_AFTER_MONTHS) & (net < lever.reservation_income), members * (1 - lever.quit_rate), members)

    # Recruiting: contacts in the corps's villages, converted by literacy and experience.
    working = members > 0
    persons = np.zeros(model.n_districts)
    persons[index] = np.where(working, members * lever.contacts_per_agent, 0.0)
    contacted, district = contact_in_districts(model, persons)
    experience = np.ones(model.n_districts)
    experience[index] = 1 + lever.experience_effect * np.minimum(months_worked, EXPERIENCE_MONTHS) / EXPERIENCE_MONTHS
    w = model.workers
    p = np.minimum(lever.conversion * (LITERACY_BASE + w.literacy[contacted]) * experience[district], 1.0)
    expected_recruits = persons * _mean_conversion(lever.conversion, p, district, w.literacy[contacted], experience)
    joined = np.flatnonzero(model.rng.random(contacted.size) < p)
    contacted, district = contacted[joined], district[joined]
    activate(w, model.flows, contacted, Scheme.BPU, model.month, Payer.PERISAI)
    w.recruiter[contacted] = district
    model.ledger.perisai_recruits += joined.size
    recruited = np.bincount(district, minlength=model.n_districts)[index] * model.represents

    for c, m, r, x, e, work in zip(corps, members, recruited, expected_recruits[index], net, working, strict=True):
        c.members, c.net_earnings_per_agent = float(m), float(e)
        c.expected_recruits = float(x) if work else 0.0
        if work:
            c.recruits = float(r)
            c.recruits_total += float(r)
            c.months_worked += 1


def _mean_conversion(conversion: float, p: np.ndarray, district: np.ndarray, literacy: np.ndarray, experience: np.ndarray) -> np.ndarray:
    """Each district's mean chance that a contact joins: its contacts' (``p``, by ``district``), or where a small run drew
    none, the chance at the contacts' mean literacy (0.5 if nobody was contacted) with the corps's experience."""
    n = experience.size
    contacted = np.bincount(district, minlength=n)
    mean_literacy = float(literacy.mean()) if literacy.size else 0.5
    fallback = np.minimum(conversion * (LITERACY_BASE + mean_literacy) * experience, 1.0)
    return np.divide(np.bincount(district, weights=p, minlength=n), contacted, out=fallback, where=contacted > 0)


def perisai_members_total(model: ModelState) -> float:
    """Perisai agents working now, all districts together."""
    return sum(agent.members for agent in model.agents_by_type.get(PerisaiAgent, []))


def agency_recruits_agents(model: ModelState) -> None:
    """The agency recruits agents toward its target, spread evenly over the districts (on the map, by their labour force)."""
    lever = model.params.strategies.extensification.perisai
    corps = list(model.agents_by_type.get(PerisaiAgent, []))
    gap = lever.agents_target - perisai_members_total(model)
    if gap <= 0 or not corps:
        return
    hired = min(gap, lever.recruitment_per_month)
    for agent in corps:
        agent.members += hired / len(corps) if model.district_share is None else hired * float(model.district_share[agent.district])
    model.ledger.charge("perisai", hired * lever.recruitment_cost)
