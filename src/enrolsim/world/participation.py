"""Moving workers between enrolment statuses, counting every move once.

All status changes go through these functions so that the monthly flows (new registrations,
re-activations, lapses, withdrawals) are counted where they happen and nowhere else.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Payer, Scheme, Status
from enrolsim.world.tallies import Flows
from enrolsim.world.workers import NO_MONTH, Workers


def activate(workers: Workers, flows: Flows, idx: np.ndarray, scheme: Scheme, month: int, payer: Payer = Payer.SELF) -> None:
    """Make workers active under ``scheme``, collected by ``payer``; those already active only change who pays."""
    status = workers.status[idx]
    entering = idx[np.flatnonzero(status != Status.ACTIVE.value)]
    flows.reactivations += int(np.count_nonzero(status == Status.INACTIVE.value))
    flows.new_registrations += entering.size - int(np.count_nonzero(status == Status.INACTIVE.value))
    flows.new_after_withdrawal += int(np.count_nonzero(status == Status.WITHDRAWN.value))
    workers.set_status(entering, Status.ACTIVE, were_active=False)
    workers.enrolled_month[entering] = month
    workers.months_unpaid[entering] = 0
    workers.scheme[idx] = scheme
    workers.payer[idx] = payer


def resume(workers: Workers, flows: Flows, idx: np.ndarray) -> None:
    """Inactive wage earners whose employer paid its arrears are active again.

    Not a registration: the same employer resumes paying for the same account, so it is kept out
    of the registration counts behind the agency's 5:1 ratio.
    """
    idx = idx[np.flatnonzero(workers.status[idx] == Status.INACTIVE.value)]
    flows.resumptions += idx.size
    workers.set_status(idx, Status.ACTIVE, were_active=False)
    workers.months_unpaid[idx] = 0


def deactivate(workers: Workers, flows: Flows, idx: np.ndarray, cause: ExitCause) -> None:
    """Active workers whose contributions stopped become inactive; their account is kept.

    ``cause`` is counted: the agency counts every exit but an employer's arrears (``ARREARS``), whose
    workers are still with the employer and may resume; theirs is counted if the job ends first
    (:func:`end_suspensions`).
    """
    idx = idx[np.flatnonzero(workers.status[idx] == Status.ACTIVE.value)]
    flows.lapses += idx.size
    flows.exits_by_cause[cause] += idx.size
    if cause == ExitCause.ARREARS:
        flows.arrears_lapses += idx.size
    workers.set_status(idx, Status.INACTIVE, were_active=True)
    workers.months_unpaid[idx] = 0


def end_suspensions(workers: Workers, flows: Flows, idx: np.ndarray, status: np.ndarray | None = None) -> None:
    """Those of ``idx`` suspended by their employer's arrears (inactive, still in the job) leave it: the exit the agency defers.

    Called before the job ends (or the worker retires or dies) and before ``leave_cause`` is overwritten. Without it,
    the suspended who never resume (about one in ten: their contract ends, they are laid off, retire or die) would
    leave the participants uncounted, and their later registration elsewhere would count as new. ``status``: the
    rows' statuses, when the caller has read them.
    """
    status = workers.status[idx] if status is None else status
    inactive = idx[np.flatnonzero(status == Status.INACTIVE.value)]
    suspended = (workers.leave_cause[inactive] == ExitCause.ARREARS.value) & (workers.employer[inactive] >= 0)
    flows.suspensions_ended += int(np.count_nonzero(suspended))


def close_account(workers: Workers, flows: Flows, idx: np.ndarray) -> None:
    """A JHT withdrawal: the balance is paid out and the account closed (counted by why the last job ended)."""
    flows.jht_withdrawals += idx.size
    np.add.at(flows.claims_by_cause, workers.leave_cause[idx], 1)
    flows.jht_withdrawn_rupiah += float(workers.jht_balance[idx].sum(dtype=np.float64))
    workers.set_status(idx, Status.WITHDRAWN, were_active=False)  # only inactive accounts withdraw
    workers.jht_balance[idx] = 0
    workers.contribution_months[idx] = 0
    workers.left_job_month[idx] = NO_MONTH
