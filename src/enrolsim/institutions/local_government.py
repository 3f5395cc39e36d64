"""District governments (Pemda): subsidies for vulnerable workers, licences, outreach, service points.

Since Inpres 2/2021 and Permendagri 27/2021 regions are told to budget contributions for
vulnerable workers and to make business licences conditional on compliance. One agent per
district; each acts on its own workers and employers.
"""

import mesa
import numpy as np

from enrolsim.actions.employers import comply_fully
from enrolsim.actions.outreach import contact_in_districts
from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import Payer, Scheme, Status
from enrolsim.scenario.strategies import LocalGovernment as LocalGovernmentSettings
from enrolsim.state import ModelState
from enrolsim.world.firms import apportion
from enrolsim.world.geography import regencies_and_cities
from enrolsim.world.participation import activate


class LocalGovernment(mesa.Agent):
    """The government of one district.

    The governments of all districts act together (:func:`local_governments_act`): the same
    rules, with each district's own budget share, pool and employers, in one vectorised pass.
    Which workers a district pays for is kept in one array for all districts (the lever's
    ``subsidised``, in the order they joined); ``subsidised`` reads this district's part.
    """

    model: ModelState

    def __init__(self, model: ModelState, district: int) -> None:
        super().__init__(model)
        self.district = district

    @property
    def subsidised(self) -> np.ndarray:
        """Rows whose contributions this district pays."""
        rows, district = self.model.levers["local_government"].subsidised
        return rows[np.flatnonzero(district == self.district)]


def local_governments_act(model: ModelState, subsidised: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pay for vulnerable workers, condition licences, reach out, keep service points open.

    ``subsidised``: the rows the districts paid for until now and their districts, in joining
    order; returns them as they are after this month.
    """
    lever = model.params.strategies.extensification.local_government
    if lever.subsidy_budget > 0:
        subsidised = _subsidise(model, lever, subsidised)
    if lever.licence_conditioning > 0:
        _condition_licences(model, lever)
    if lever.outreach_reach > 0:
        _reach_out(model, lever)
    if lever.service_point_ease > 0:  # in every real district of the scenario's share of Indonesia, however many are modelled
        districts = regencies_and_cities() * model.params.population.national_share
        model.ledger.charge("local_government", lever.service_point_cost * districts)
    return subsidised


def _subsidise(model: ModelState, lever: LocalGovernmentSettings, subsidised: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    w = model.workers
    rows, district = subsidised
    still = np.flatnonzero((w.status[rows] == Status.ACTIVE.value) & (w.payer[rows] == Payer.LOCAL_GOVERNMENT.value))
    rows, district = rows[still], district[still]
    cost = model.bpu_package_price() * model.represents  # the district pays JKK and JKM
    # The national budget's places (whole worker agents, no more than there are; any number if the
    # package is free) shared out so that none is lost to rounding.
    affordable = w.size if cost <= 0 else min(lever.subsidy_budget / 12 / cost, w.size)
    if model.district_share is None:  # equal districts
        base, extra = divmod(int(affordable), model.n_districts)
        places = base + (np.arange(model.n_districts) < extra)
    else:  # the map: in proportion to each district's labour force, none lost to rounding
        places = apportion(int(affordable), model.district_share)[0]
    # When the budget no longer stretches, the last subsidised of a district pay for themselves.
    # Ranked within the district in joining order by a stable sort of 16-bit district numbers (a
    # radix sort: 1.4 to 0.6 ms for the 30,000 subsidised of a million workers) and the districts' counts.
    # At most 4,000 districts (40 provinces x 100 by the scenario's bounds; 514 on the map): they fit.
    order = np.argsort(district.astype(np.int16), kind="stable")
    count = np.bincount(district, minlength=model.n_districts)
    rank = np.empty(rows.size, dtype=np.int64)
    rank[order] = np.arange(rows.size) - (np.cumsum(count) - count)[district[order]]
    over = rank >= places[district]
    w.payer[rows[np.flatnonzero(over)]] = Payer.SELF
    kept = np.flatnonzero(~over)
    rows, district = rows[kept], district[kept]
    # Partial openings are filled with the right chance (``contact`` rounds at random), at any scale.
    open_persons = (places - np.bincount(district, minlength=model.n_districts)) * lever.enrolment_speed * model.represents
    income = w.income
    joining, joining_district = contact_in_districts(model, open_persons, lambda r: income[r] < lever.income_threshold)
    activate(w, model.flows, joining, Scheme.BPU, model.month, Payer.LOCAL_GOVERNMENT)
    rows = np.concatenate([rows, joining])
    model.ledger.charge("local_government", rows.size * cost)
    return rows, np.concatenate([district, joining_district])


def _condition_licences(model: ModelState, lever: LocalGovernmentSettings) -> None:
    e = model.employers
    unregistered = np.flatnonzero(~e.registered[:-1])
    joining = unregistered[np.flatnonzero(model.rng.random(unregistered.size) < lever.licence_conditioning)]
    comply_fully(model, joining)
    model.ledger.charge("local_government", e.firms_in(joining) * lever.licence_cost)  # per firm (a unit stands for several)


def _reach_out(model: ModelState, lever: LocalGovernmentSettings) -> None:
    w = model.workers
    pool_size = np.diff(uncovered_pool(model).district_bounds)
    reached, _ = contact_in_districts(model, pool_size * lever.outreach_reach * model.represents)
    w.teach(reached, model.params.literacy.campaign_gain)
    model.ledger.charge("local_government", reached.size * model.represents * lever.outreach_cost)
