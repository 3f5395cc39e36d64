"""Status changes and their counting (world/participation.py, docs/ODD.md 7.0).

Pins what each move counts: ``activate`` a new registration from never registered or withdrawn (the
latter also a new account after a withdrawal), a re-activation from inactive, nothing for the already
active (only scheme and payer change); ``resume`` a resumption from inactive only, keeping the old
``enrolled_month``; ``deactivate`` a lapse from active only, by its cause (arrears counted apart),
resetting the unpaid run; ``close_account`` a withdrawal with its rupiah, by why the last job ended.
Each keeps the per-group active counts equal to a recount of the status column.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Payer, Scheme, Segment, Status
from enrolsim.world.participation import activate, close_account, deactivate, resume
from enrolsim.world.workers import NO_MONTH
from worlds import mock_model, put

ACTIVE, INACTIVE, NEVER, WITHDRAWN = (s.value for s in (Status.ACTIVE, Status.INACTIVE, Status.NEVER, Status.WITHDRAWN))


def world():
    """Rows 0-7: two never registered, two inactive, two withdrawn, two active (BPU since month -4)."""
    model = mock_model()
    put(model, np.arange(8), segment=Segment.INFORMAL.value, months_unpaid=2)
    put(model, [2, 3], status=INACTIVE, enrolled_month=-30, scheme=Scheme.PU.value)
    put(model, [4, 5], status=WITHDRAWN, enrolled_month=-60)
    put(model, [6, 7], status=ACTIVE, enrolled_month=-4, scheme=Scheme.BPU.value, payer=Payer.SELF.value)
    model.month = 9
    return model


def counts_agree(model):
    """The active count kept per peer group equals a recount of the status column."""
    w = model.workers
    n_groups = model.village_sizes.size * len(Segment)
    recount = np.bincount(w.group[w.status == ACTIVE], minlength=n_groups)
    return np.array_equal(w.active_in_group(n_groups), recount)


def test_activate_counts_new_registrations_and_reactivations_and_not_the_already_active():
    model = world()
    activate(model.workers, model.flows, np.arange(8), Scheme.BPU, model.month, Payer.PERISAI)
    w, f = model.workers, model.flows
    assert (f.new_registrations, f.reactivations, f.resumptions, f.lapses) == (4, 2, 0, 0)
    assert f.new_after_withdrawal == 2  # of the new registrations
    assert w.status[:8].tolist() == [ACTIVE] * 8
    assert w.enrolled_month[:8].tolist() == [9] * 6 + [-4, -4]  # the already active keep their spell
    assert w.months_unpaid[:8].tolist() == [0] * 6 + [2, 2]
    assert w.scheme[:8].tolist() == [Scheme.BPU.value] * 8 and w.payer[:8].tolist() == [Payer.PERISAI.value] * 8
    assert counts_agree(model)


def test_resume_counts_only_the_inactive_and_keeps_their_enrolment_month():
    model = world()
    resume(model.workers, model.flows, np.arange(8))
    w, f = model.workers, model.flows
    assert (f.resumptions, f.new_registrations, f.reactivations) == (2, 0, 0)
    assert w.status[:8].tolist() == [NEVER, NEVER, ACTIVE, ACTIVE, WITHDRAWN, WITHDRAWN, ACTIVE, ACTIVE]
    assert w.enrolled_month[[2, 3]].tolist() == [-30, -30]
    assert w.months_unpaid[[2, 3]].tolist() == [0, 0]
    assert counts_agree(model)


def test_an_employers_arrears_are_a_lapse_but_counted_apart():
    model = world()
    deactivate(model.workers, model.flows, np.array([6, 7]), ExitCause.ARREARS)
    f = model.flows
    assert (f.lapses, f.arrears_lapses, f.exits_by_cause[ExitCause.ARREARS]) == (2, 2, 2)


def test_deactivate_counts_only_the_active_and_resets_their_unpaid_run():
    model = world()
    deactivate(model.workers, model.flows, np.arange(8), ExitCause.BPU_LAPSE)
    w, f = model.workers, model.flows
    assert (f.lapses, f.exits_by_cause[ExitCause.BPU_LAPSE], f.exits_by_cause.sum(), f.arrears_lapses) == (2, 2, 2, 0)
    assert w.status[:8].tolist() == [NEVER, NEVER, INACTIVE, INACTIVE, WITHDRAWN, WITHDRAWN, INACTIVE, INACTIVE]
    assert w.months_unpaid[[6, 7]].tolist() == [0, 0] and w.months_unpaid[[0, 2]].tolist() == [2, 2]
    assert w.enrolled_month[[6, 7]].tolist() == [-4, -4]
    assert counts_agree(model)


def test_close_account_counts_the_withdrawal_and_its_balance():
    model = world()
    put(model, [2, 3], jht_balance=[1_500_000.0, 500_000.0], contribution_months=[10, 70], left_job_month=[3, 4])
    put(model, [2, 3], leave_cause=[ExitCause.LAYOFF.value, ExitCause.CONTRACT_END.value])
    close_account(model.workers, model.flows, np.array([2, 3]))
    w, f = model.workers, model.flows
    assert (f.jht_withdrawals, f.jht_withdrawn_rupiah) == (2, 2_000_000.0)
    assert f.claims_by_cause[[ExitCause.LAYOFF, ExitCause.CONTRACT_END]].tolist() == [1, 1] and f.claims_by_cause.sum() == 2
    assert w.status[[2, 3]].tolist() == [WITHDRAWN, WITHDRAWN]
    assert w.jht_balance[[2, 3]].tolist() == [0.0, 0.0]
    assert w.contribution_months[[2, 3]].tolist() == [0, 0]
    assert w.left_job_month[[2, 3]].tolist() == [NO_MONTH, NO_MONTH]
    assert counts_agree(model)


def test_a_withdrawn_worker_who_registers_again_is_a_new_registration():
    model = world()
    close_account(model.workers, model.flows, np.array([2]))
    activate(model.workers, model.flows, np.array([2]), Scheme.BPU, model.month)
    assert (model.flows.new_registrations, model.flows.new_after_withdrawal, model.flows.reactivations) == (1, 1, 0)
