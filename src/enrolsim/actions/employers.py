"""What happens to employers' workers when employers change: registration, full compliance, arrears.

Institutions make employers register fully or pay their arrears, and ``employer_compliance``
changes them too; every change is marked in ``model.employer_changes`` and the employers' workers
are brought in line once a month, after the employer-side levers (one pass over the workers,
however many acted).
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Scheme, Status
from enrolsim.state import ModelState
from enrolsim.world.employers import for_each_worker
from enrolsim.world.participation import activate, deactivate, resume
from enrolsim.world.workers import blocks, rows_where


def comply_fully(model: ModelState, idx: np.ndarray) -> None:
    """Employers register (if they were not) and declare all workers and full wages."""
    e = model.employers
    e.registered[idx] = True
    e.worker_share[idx] = 1.0
    e.wage_share[idx] = 1.0
    model.employer_changes[idx] = True


def pay_arrears(model: ModelState, idx: np.ndarray) -> float:
    """Employers pay what they owe; returns the arrears recovered (rupiah, persons scaled)."""
    e, w = model.employers, model.workers
    owing = idx[np.flatnonzero(e.arrears[idx] > 0)]
    if owing.size == 0:
        return 0.0
    lapsed_before = e.lapsed(model.params.employers.arrears_months_to_inactive, owing)
    dues = model.month_cache.get("employer_dues")
    if dues is None:
        # Valued once a month for every employer then in arrears (arrears only end within the
        # turn), from their registered workers' wages: a few per cent of the wage rows.
        rows, _ = workers_of_irregular_employers(model)
        rows = rows[np.flatnonzero(w.employer_registered[rows])]
        dues = np.bincount(w.employer[rows], weights=w.income[rows], minlength=e.size + 1) * CONTRIBUTION_RATE
        model.month_cache["employer_dues"] = dues
    recovered = float((dues[owing] * e.wage_share[owing] * e.arrears[owing]).sum()) * model.represents
    e.arrears[owing] = 0
    model.employer_changes[owing[lapsed_before]] = True
    return recovered


def workers_of_irregular_employers(model: ModelState) -> tuple[np.ndarray, np.ndarray]:
    """The workers of employers in arrears, and of unregistered employers, as listed at the first
    call of the month (one pass over every worker's employer serves arrears and visits alike).

    Later in the month either list may hold workers whose employer has since paid or registered
    (employers never fall into arrears or unregister during the institutions' turn): callers
    filter by the employer's state now.
    """
    cached = model.month_cache.get("irregular_employers")
    if cached is None:
        e = model.employers
        state = np.where(e.arrears > 0, 1, np.where(e.registered, 0, 2)).astype(np.uint8)
        state[-1] = 0  # the sentinel: workers without an employer
        employer = model.workers.employer
        in_arrears, unregistered = [np.empty(0, dtype=np.intp)], [np.empty(0, dtype=np.intp)]  # none with no workers
        for rows in blocks(employer.size):  # one pass, a block at a time: no code array of a whole column
            code = for_each_worker(state, employer[rows])
            in_arrears.append(np.flatnonzero(code == 1) + rows.start)
            unregistered.append(np.flatnonzero(code == 2) + rows.start)
        cached = model.month_cache["irregular_employers"] = (np.concatenate(in_arrears), np.concatenate(unregistered))
    return cached


#: Approximate total PU contribution rate (JKK about 0.9%, JKM 0.3%, JHT 5.7%, JP 3%) used to value arrears.
CONTRIBUTION_RATE = 0.099


def settle_employer_changes(model: ModelState) -> None:
    """Bring the workers of every employer changed this turn in line with it."""
    if model.employer_changes.any():
        update_workers_of(model, model.employer_changes)
        model.employer_changes[:] = False


def update_workers_of(model: ModelState, changed: np.ndarray) -> None:
    """Bring the workers of the employers flagged in ``changed`` in line with their employer."""
    w, e, rng = model.workers, model.employers, model.rng
    affected = rows_where(w.size, lambda rows: for_each_worker(changed, w.employer[rows]))
    if affected.size == 0:
        return
    employer = w.employer[affected]
    already = w.employer_registered[affected]
    newly = ~already & (rng.random(affected.size) < e.worker_share[employer]) & e.registered[employer]
    w.employer_registered[affected[newly]] = True
    covered = (already | newly) & ~e.lapsed(model.params.employers.arrears_months_to_inactive, employer)
    # Status and scheme are read once: resume and activate change them for covered workers only, and
    # the workers resume makes active are the inactive ones it is given. Each read of a column at
    # these scattered rows costs about a cache line a row.
    status, pu = w.status[affected], w.scheme[affected] == Scheme.PU.value
    # Only workers this employer stopped paying for resume; one hired while it was lapsed, never paid
    # for by it, enters as a new participant (activate below).
    lapsed_here = covered & already & pu & (w.leave_cause[affected] == ExitCause.ARREARS.value)
    resume(w, model.flows, affected[np.flatnonzero(lapsed_here)])
    active = (status == Status.ACTIVE.value) | (lapsed_here & (status == Status.INACTIVE.value))
    activate(w, model.flows, affected[np.flatnonzero(covered & (newly | ~active))], Scheme.PU, model.month)
    dropped = affected[np.flatnonzero(~covered & (status == Status.ACTIVE.value) & pu)]
    deactivate(w, model.flows, dropped, ExitCause.ARREARS)
    w.leave_cause[dropped] = ExitCause.ARREARS  # still employed: a cure resumes them (lapsed_here)
