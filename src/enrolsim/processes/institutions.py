"""The institutions' turn: strategies acted out by the agency and the Mesa agents.

Order: employer-side work first (audits, arrears collection, inspections, licences), so that
workers of employers brought into compliance are active before anyone else counts them; then the
outreach that recruits workers (platforms, Perisai corps, ecosystems, Sertakan, Nyalakan); then
retention. A lever that has not started, or is at zero, does nothing and draws no random numbers.
"""

from typing import TYPE_CHECKING

import numpy as np

from enrolsim.agents import EnforcementOffice, LocalGovernment, PartnerPlatform, PerisaiAgent
from enrolsim.agents.perisai import agency_recruits_agents
from enrolsim.employer_actions import comply_fully, pay_arrears, settle_employer_changes
from enrolsim.outreach import agents_for, contact, uncovered_pool
from enrolsim.participation import activate
from enrolsim.sampling import hit
from enrolsim.states import Payer, Scheme, Segment, Status

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def institutions_act(model: "EnrolmentModel") -> None:
    """Every started lever and institution acts once this month."""
    if not model.started_levers:
        return
    _audits(model)
    _arrears_collection(model)
    _step(model, EnforcementOffice, "law_enforcement")
    _step(model, LocalGovernment, "local_government")
    settle_employer_changes(model)
    _step(model, PartnerPlatform, "platforms")
    if model.lever_on("perisai"):
        agency_recruits_agents(model)
        _step(model, PerisaiAgent, "perisai")
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
    comply_fully(model, audited[model.rng.random(audited.size) < lever.effect])
    model.ledger.charge("audits", audited.size * model.represents * lever.unit_cost)


def _arrears_collection(model: "EnrolmentModel") -> None:
    lever = model.params.strategies.intensification.arrears_collection
    if not (model.lever_on("arrears_collection") and lever.rate > 0):
        return
    e = model.employers
    owing = np.flatnonzero(e.arrears[:-1] > 0)
    chased = hit(model.rng, owing, lever.rate)
    model.ledger.recovered_arrears_rupiah += pay_arrears(model, chased[model.rng.random(chased.size) < lever.effect])
    model.ledger.charge("arrears_collection", chased.size * model.represents * lever.unit_cost)


def _ecosystems(model: "EnrolmentModel") -> None:
    """Outreach through the five ecosystems: contacts learn, and some register with help."""
    lever = model.params.strategies.extensification.ecosystems
    if not model.lever_on("ecosystems"):
        return
    w = model.workers
    pool = uncovered_pool(model).rows
    income_line = model.params.strategies.extensification.local_government.income_threshold
    segment, income = w.segment[pool], w.income[pool]
    informal = segment == Segment.INFORMAL
    market_line = model.params.population.income_median.informal  # traders: above the informal median
    groups = (
        (lever.village, pool[informal]),
        (lever.market, pool[informal & (income > market_line)]),
        (lever.e_commerce, pool[segment == Segment.PLATFORM]),
        (lever.vulnerable, pool[informal & (income < income_line)]),
    )
    contacted_total = 0
    for persons, rows in groups:
        contacted = contact(model, rows, persons)
        contacted_total += contacted.size
        w.literacy[contacted] += np.float32(lever.literacy_gain) * (1 - w.literacy[contacted])
        p = lever.conversion * (0.5 + w.literacy[contacted])
        activate(w, model.flows, contacted[model.rng.random(contacted.size) < p], Scheme.BPU, model.month)
    if lever.small_micro_enterprises > 0:
        unregistered_workers = np.flatnonzero(~model.employers.registered[w.employer] & (w.employer >= 0))
        visited = unregistered_workers[
            model.rng.choice(unregistered_workers.size, min(agents_for(model, lever.small_micro_enterprises), unregistered_workers.size), replace=False)
        ]
        contacted_total += visited.size
        employers = np.unique(w.employer[visited])
        comply_fully(model, employers[model.rng.random(employers.size) < SME_CONVERSION])
        settle_employer_changes(model)
    model.ledger.charge("ecosystems", contacted_total * model.represents * lever.unit_cost)


#: Probability a visited unregistered small employer registers (assumption).
SME_CONVERSION = 0.2


def _sertakan(model: "EnrolmentModel") -> None:
    """Sponsors pay for vulnerable workers for a fixed number of months; then the workers pay."""
    lever = model.params.strategies.extensification.sertakan
    if not (model.lever_on("sertakan") and lever.sponsored_per_month > 0):
        return
    w = model.workers
    ended = np.flatnonzero((w.payer == Payer.SPONSOR) & (w.paid_until < model.month))
    w.payer[ended] = Payer.SELF
    pool = uncovered_pool(model).rows
    line = model.params.strategies.extensification.local_government.income_threshold
    sponsored = contact(model, pool[w.income[pool] < line], lever.sponsored_per_month)
    activate(w, model.flows, sponsored, Scheme.BPU, model.month, Payer.SPONSOR)
    w.paid_until[sponsored] = model.month + lever.months_paid - 1
    model.ledger.charge("sertakan", sponsored.size * model.represents * lever.agency_cost)


def _nyalakan(model: "EnrolmentModel") -> None:
    """Active participants register uncovered non-wage workers of their village through the app."""
    lever = model.params.strategies.extensification.nyalakan
    if not (model.lever_on("nyalakan") and lever.rate > 0):
        return
    w, rng = model.workers, model.rng
    helpers = hit(rng, np.flatnonzero(w.status == Status.ACTIVE), lever.rate)
    pool = uncovered_pool(model).rows
    by_village = np.bincount(w.village[pool], minlength=model.village_sizes.size)
    helped_villages = w.village[helpers]
    has_someone = by_village[helped_villages] > 0
    order = np.argsort(w.village[pool].astype(np.int16 if by_village.size < 2**15 else np.int32), kind="stable")  # radix sort
    sorted_pool = pool[order]
    first = np.cumsum(by_village) - by_village
    v = helped_villages[has_someone]
    picked = np.unique(sorted_pool[first[v] + (rng.random(v.size) * by_village[v]).astype(np.int64)])
    picked = picked[w.status[picked] != Status.ACTIVE]
    registered = picked[rng.random(picked.size) < lever.completion]
    activate(w, model.flows, registered, Scheme.BPU, model.month)
    model.ledger.charge("nyalakan", registered.size * model.represents * lever.unit_cost)


def _retention(model: "EnrolmentModel") -> None:
    """Reminders and auto-debit (their cost; their effect is in contributions) and JHT education."""
    lever = model.params.strategies.intensification.retention
    if not model.lever_on("retention"):
        return
    bpu_active = model.month_cache.get("bpu_active_count")
    if bpu_active is None:
        w = model.workers
        bpu_active = int(np.count_nonzero((w.status == Status.ACTIVE) & (w.scheme == Scheme.BPU)))
    persons = bpu_active * model.represents
    model.ledger.charge("retention", persons * (lever.reminder_coverage * lever.reminder_cost + lever.auto_debit_share * lever.auto_debit_cost))
    if lever.jht_education_reach > 0:
        w = model.workers
        holders = np.flatnonzero((w.status == Status.INACTIVE) & (w.jht_balance > 0))
        taught = hit(model.rng, holders, lever.jht_education_reach)
        w.literacy[taught] += np.float32(lever.jht_education_gain) * (1 - w.literacy[taught])
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
