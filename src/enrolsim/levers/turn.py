"""The institutions' turn: strategies acted out by the agency and the Mesa agents.

Order: employer-side work first (audits, arrears collection, inspections, licences, visits to
small enterprises); then the workers of every employer changed this month (by these levers or by
employer_compliance earlier in the month) are brought in line in one pass, so that they are active
before anyone else counts them; then the outreach that recruits workers (district subsidies,
platforms, Perisai corps, ecosystems, Sertakan, Nyalakan); then retention. A lever that has not
started, or is at zero, does nothing and draws no random numbers.
"""

from typing import TYPE_CHECKING

import numpy as np

from enrolsim.actions.employers import comply_fully, pay_arrears, settle_employer_changes, workers_of_irregular_employers
from enrolsim.actions.outreach import agents_for, contact, uncovered_pool
from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.institutions import EnforcementOffice, PartnerPlatform
from enrolsim.institutions.local_government import local_governments_act
from enrolsim.institutions.perisai import agency_recruits_agents, corps_act
from enrolsim.processes.literacy import teach
from enrolsim.world.participation import activate
from enrolsim.world.sampling import draw_in_cells, hit, hit_rows

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def institutions_act(model: "EnrolmentModel") -> None:
    """Every started lever and institution acts once this month; employers' workers follow their employers."""
    if not model.started_levers:
        settle_employer_changes(model)
        return
    _audits(model)
    _arrears_collection(model)
    _step(model, EnforcementOffice, "law_enforcement")
    if model.lever_on("local_government"):
        local_governments_act(model)
    _small_enterprise_visits(model)
    settle_employer_changes(model)
    _step(model, PartnerPlatform, "platforms")
    if model.lever_on("perisai"):
        agency_recruits_agents(model)
        corps_act(model)
    _ecosystems(model)
    _sertakan(model)
    _nyalakan(model)
    _retention(model)
    _running_costs(model)


def _step(model: "EnrolmentModel", kind: type, lever: str) -> None:
    agents = model.agents_by_type.get(kind)
    if agents is not None and model.lever_on(lever):
        agents.do("step")


def _audits(model: "EnrolmentModel") -> None:
    lever = model.params.strategies.intensification.audits
    if not (model.lever_on("audits") and lever.rate > 0):
        return
    e = model.employers
    partial = np.flatnonzero(e.registered[:-1] & (e.worker_share[:-1] < 1))
    audited = hit(model.rng, partial, lever.rate)
    comply_fully(model, audited[np.flatnonzero(model.rng.random(audited.size) < lever.effect)])
    model.ledger.charge("audits", audited.size * model.represents * lever.unit_cost)


def _arrears_collection(model: "EnrolmentModel") -> None:
    lever = model.params.strategies.intensification.arrears_collection
    if not (model.lever_on("arrears_collection") and lever.rate > 0):
        return
    e = model.employers
    owing = np.flatnonzero(e.arrears[:-1] > 0)
    chased = hit(model.rng, owing, lever.rate)
    model.ledger.recovered_arrears_rupiah += pay_arrears(model, chased[np.flatnonzero(model.rng.random(chased.size) < lever.effect)])
    model.ledger.charge("arrears_collection", chased.size * model.represents * lever.unit_cost)


def _ecosystems(model: "EnrolmentModel") -> None:
    """Outreach through the five ecosystems: contacts learn, and some register with help."""
    lever = model.params.strategies.extensification.ecosystems
    if not model.lever_on("ecosystems"):
        return
    w = model.workers
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
        teach(w, contacted, lever.literacy_gain)
        p = lever.conversion * (0.5 + w.literacy[contacted])
        activate(w, model.flows, contacted[np.flatnonzero(model.rng.random(contacted.size) < p)], Scheme.BPU, model.month)
    model.ledger.charge("ecosystems", contacted_total * model.represents * lever.unit_cost)


def _small_enterprise_visits(model: "EnrolmentModel") -> None:
    """The small and micro enterprise ecosystem: visits to workers of unregistered employers; some employers register."""
    lever = model.params.strategies.extensification.ecosystems
    if not (model.lever_on("ecosystems") and lever.small_micro_enterprises > 0):
        return
    w = model.workers
    # Workers of unregistered employers, listed (rather than drawn among everyone and the rest
    # refused, as they become too few); some employers have registered since the listing.
    _, eligible = workers_of_irregular_employers(model)
    eligible = eligible[np.flatnonzero(~model.employers.registered[w.employer[eligible]])]
    k = agents_for(model, np.array([lever.small_micro_enterprises]))
    visited, _ = draw_in_cells(model.rng, eligible, np.array([0, eligible.size]), np.array([0, 1]), k)
    visited = eligible[visited]
    employers = np.unique(w.employer[visited])
    comply_fully(model, employers[np.flatnonzero(model.rng.random(employers.size) < SME_CONVERSION)])
    model.ledger.charge("ecosystems", visited.size * model.represents * lever.unit_cost)


#: Probability a visited unregistered small employer registers (assumption).
SME_CONVERSION = 0.2


def _sertakan(model: "EnrolmentModel") -> None:
    """Sponsors pay for vulnerable workers for a fixed number of months; then the workers pay."""
    lever = model.params.strategies.extensification.sertakan
    if not (model.lever_on("sertakan") and lever.sponsored_per_month > 0):
        return
    w = model.workers
    while model.sponsored and model.sponsored[0][0] < model.month:  # cohorts whose sponsorship ended
        _, cohort = model.sponsored.popleft()
        w.payer[cohort[np.flatnonzero((w.payer[cohort] == Payer.SPONSOR.value) & (w.paid_until[cohort] < model.month))]] = Payer.SELF
    line = model.params.strategies.extensification.local_government.income_threshold
    income = w.income
    sponsored = contact(model, lever.sponsored_per_month, lambda r: income[r] < line)
    activate(w, model.flows, sponsored, Scheme.BPU, model.month, Payer.SPONSOR)
    w.paid_until[sponsored] = model.month + lever.months_paid - 1
    model.sponsored.append((model.month + lever.months_paid - 1, sponsored))
    model.ledger.charge("sertakan", sponsored.size * model.represents * lever.agency_cost)


def _nyalakan(model: "EnrolmentModel") -> None:
    """Active participants register an uncovered non-wage worker of their village through the app."""
    lever = model.params.strategies.extensification.nyalakan
    if not (model.lever_on("nyalakan") and lever.rate > 0):
        return
    w, rng = model.workers, model.rng
    candidates = hit_rows(rng, w.size, lever.rate)
    helpers = candidates[np.flatnonzero(w.status[candidates] == Status.ACTIVE.value)]
    pool = uncovered_pool(model)
    village = w.village[helpers]
    size = pool.by_village()[village]
    inhabited = np.flatnonzero(size > 0)
    village, size = village[inhabited], size[inhabited]
    picked = np.unique(pool.rows[pool.village_bounds[village] + (rng.random(village.size) * size).astype(np.int64)])
    picked = picked[np.flatnonzero(w.status[picked] != Status.ACTIVE.value)]
    registered = picked[np.flatnonzero(rng.random(picked.size) < lever.completion)]
    activate(w, model.flows, registered, Scheme.BPU, model.month)
    model.ledger.charge("nyalakan", registered.size * model.represents * lever.unit_cost)


def _retention(model: "EnrolmentModel") -> None:
    """Reminders and auto-debit (their cost; their effect is in contributions) and JHT education."""
    lever = model.params.strategies.intensification.retention
    if not model.lever_on("retention"):
        return
    w = model.workers
    persons = np.count_nonzero(w.active_codes(w.scheme) == Scheme.BPU.value) * model.represents
    model.ledger.charge("retention", persons * (lever.reminder_coverage * lever.reminder_cost + lever.auto_debit_share * lever.auto_debit_cost))
    if lever.jht_education_reach > 0:
        candidates = hit_rows(model.rng, w.size, lever.jht_education_reach)  # each inactive holder with this chance
        taught = candidates[np.flatnonzero((w.status[candidates] == Status.INACTIVE.value) & (w.jht_balance[candidates] > 0))]
        teach(w, taught, lever.jht_education_gain)
        model.ledger.charge("retention", taught.size * model.represents * lever.jht_education_cost)


def _running_costs(model: "EnrolmentModel") -> None:
    """Fixed monthly costs of levers that work through ease rather than contacts."""
    s = model.params.strategies
    if model.lever_on("service_points") and s.extensification.service_points.extra_ease > 0:
        model.ledger.charge("service_points", s.extensification.service_points.monthly_cost)
    if model.lever_on("payment_channels") and s.extensification.payment_channels.extra_ease > 0:
        payments = model.last_bpu_payments * model.represents
        model.ledger.charge("payment_channels", payments * s.extensification.payment_channels.cost_per_payment)
    if model.lever_on("micro_targeting") and s.micro_targeting.enabled:
        model.ledger.charge("micro_targeting", s.micro_targeting.unit_cost)
