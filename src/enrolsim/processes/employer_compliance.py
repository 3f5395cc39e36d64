"""Employers: closures and births, registration with the agency, partial compliance, arrears.

Each month some employer units close: their workers lose their jobs (the agency counts an exit) and
a new, unregistered unit takes the place (the jobs stay, as vacancies). Unregistered units register
at ``model.registration_rate`` (changed in its months by ``registration_rate_changes``), a share
``partial_share`` of them only partly; partially
compliant ones comply fully at ``full_compliance_rate``, and fully compliant ones drift back to
partial compliance at ``partial_drift`` (new hires left out, wages under-declared), so partial
compliance holds near a steady share instead of vanishing.

Employer states change for a few employers a month; only the workers of those employers are
touched. A registered employer's registered workers are active unless the employer has been in
arrears for ``arrears_months_to_inactive`` months; paying up reactivates them.

The changes are marked in ``model.employer_changes``; the workers follow once a month, in the
institutions' turn after every lever that acts on employers (audits, arrears collection,
inspections, licences, visits), so that one pass over the workers serves all of them
(``actions.employers.settle_employer_changes``). Nothing between reads those workers' status; the
arrears collected in between are valued on the workers registered at the start of the month (a
unit that registers all its workers this month owes for those it had registered while in arrears).
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Segment
from enrolsim.processes.jobs import leave_work
from enrolsim.state import ModelState
from enrolsim.world.employers import for_each_worker
from enrolsim.world.sampling import hit, hit_among


def employer_compliance(model: ModelState) -> None:
    """Employers close and are replaced, register, comply fully or partly, fall into and out of arrears; their workers follow."""
    e, rng, p = model.employers, model.rng, model.params.employers
    _close(model, hit_among(rng, e.size, p.closure_rate))
    registered = np.flatnonzero(e.registered[:-1])  # flatnonzero: boolean indexing of a range is several times slower
    unregistered = np.flatnonzero(~e.registered[:-1])
    partial = e.worker_share[registered] < 1
    improving = hit(rng, registered[partial], p.full_compliance_rate)
    drifting = hit(rng, registered[~partial], p.partial_drift)
    # Events speed registration up; firm size changes it when the scenario gives size effects (world/firms.py).
    joining = e.registering(rng, unregistered, model.registration_rate * model.registration_multiplier)
    e.registered[joining] = True
    partly = np.concatenate([drifting, e.partly(rng, joining, p.partial_share)])
    fully = np.concatenate([improving, joining])
    e.worker_share[fully] = 1.0
    e.wage_share[fully] = 1.0
    e.worker_share[partly] = p.partial_worker_share
    e.wage_share[partly] = p.partial_wage_share

    paying = registered[e.arrears[registered] == 0]
    in_arrears = registered[e.arrears[registered] > 0]
    was_lapsed = e.lapsed(p.arrears_months_to_inactive, in_arrears)
    # Events (a crisis, relief, a wage subsidy ahead) change how often employers fall into arrears and pay up.
    cured = hit(rng, in_arrears, p.arrears_cure * model.arrears_cure_multiplier)
    e.arrears[in_arrears] += 1
    e.arrears[cured] = 0
    falling = hit(rng, paying, p.arrears_probability * model.arrears_multiplier)
    e.arrears[falling] = 1

    # Only the arrears of these units changed, so only they can have crossed the months that lapse their
    # workers; those falling into arrears were paying, so not lapsed before (it takes a month at least).
    changes = model.employer_changes
    changes[in_arrears[e.lapsed(p.arrears_months_to_inactive, in_arrears) != was_lapsed]] = True
    changes[falling[e.lapsed(p.arrears_months_to_inactive, falling)]] = True
    changes[improving] = True
    changes[joining] = True


def _close(model: ModelState, closing: np.ndarray) -> None:
    """Employer units close: their workers lose their jobs; a new unregistered unit takes each place."""
    if closing.size == 0:
        return
    e, w = model.employers, model.workers
    model.month_cache["closed_units"] = closing  # a new unit takes each place: off any inspection ladder
    rows = _workers_of(model, closing)
    leave_work(model, rows, ExitCause.CLOSURE)
    w.set_segment(rows, Segment.UNEMPLOYED)
    # The new unit is unregistered; its shares are set when it registers (every reader of them asks whether the
    # unit is registered first), so the closed unit's declared wage share is kept for the JKP of its workers.
    e.registered[closing] = False
    e.arrears[closing] = 0
    model.employer_changes[closing] = False


def _workers_of(model: ModelState, closing: np.ndarray) -> np.ndarray:
    """Rows of the workers of the ``closing`` units, in increasing order.

    Performance: a unit's workers live in its district (``Employers.pick`` hires within the worker's
    district, and a recall goes back to the last employer), unless the district has no unit at all
    (then hires go anywhere); rows are in village, so district, order. Only the rows of the districts
    with a closing unit, and of those without units, are looked up: at a million workers a closure
    month with units of 25 agents touched a third of the districts, and a lookup of every worker's
    employer was 3 of the month's milliseconds. With units of one agent (hundreds of closures a
    month) most districts are touched, and then one pass over every worker is cheaper than a pass
    a district. ``tests/processes/test_employer_districts.py`` checks that units stay
    in their workers' districts.
    """
    e, w = model.employers, model.workers
    shut = np.zeros(e.size + 1, dtype=bool)
    shut[closing] = True
    looked = np.zeros(e.district_count.size, dtype=bool)
    looked[e.district[closing]] = True
    looked |= e.district_count == 0
    found = w.scratch("closing", bool)
    if np.count_nonzero(looked) > looked.size // 4:  # with units of one agent, closures touch most districts: one pass
        return np.flatnonzero(for_each_worker(shut, w.employer, out=found))
    first_row = model.village_first_row[:: model.params.population.villages_per_district]  # each district's first row, and the end
    rows = []
    for district in np.flatnonzero(looked):
        start, end = first_row[district], first_row[district + 1]
        rows.append(np.flatnonzero(for_each_worker(shut, w.employer[start:end], out=found[start:end])) + start)
    return np.concatenate(rows)
