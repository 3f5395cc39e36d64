"""JKP unemployment insurance (PP 37/2021, claimable from February 2022; PP 6/2025 from February 2025).

Each month, the wage earners who lost their job this month by dismissal or closure (PHK: ``LAYOFF``,
``CLOSURE``; not a contract's end or a resignation) are eligible if their employer had registered them,
they have ``contribution_months`` months of contributions, the last ``consecutive_months`` of them in a
row up to the job loss, and they registered before ``registered_before_age``. A share ``take_up`` claim.
A recipient is paid ``benefit_first`` of the wage (capped at ``wage_cap``) in months 1-3 and
``benefit_later`` in months 4-6 (from ``revised_from``: ``revised_benefit`` in every month), counted as
claims, recipients and rupiah.

Approximations: "12 months in the last 24" is read as 12 months of contributions on the account (the model
keeps a count, not a calendar of paid months); "6 in a row" as the months since the latest entry into
active (a resumption after arrears does not restart it); "registered before 54" as the latest entry into
active before that age (the model keeps no first registration). The benefit stops when the recipient is
active again (a new employer's registration: PP 37/2021 ends it with a new job), and does not restart.

Assumption, the effect on JHT: the benefit meets the need an early JHT claim otherwise meets, so while it
is paid a recipient claims JHT at ``jht_claim_factor`` times the usual chance (``model.jkp_until``, read by
``processes/jht_withdrawal.py``). A recipient who does not claim keeps the account and its contribution
months, so comes back on the same account and stays eligible for JKP: the scheme's effect on staying a
member.
"""

from collections import deque

import numpy as np

from enrolsim.core.codes import ExitCause, Status
from enrolsim.events.base import Event, model_month, scale_hook
from enrolsim.state import ModelState
from enrolsim.world.employers import for_each_worker
from enrolsim.world.workers import NO_MONTH, unique_rows

FIRST_MONTHS = 3  # months paid at ``benefit_first`` before ``benefit_later``


class JobLossBenefit(Event):
    """JKP claims by the eligible laid off, benefits paid for six months, JHT claims held back meanwhile."""

    kind = "job_loss_benefit"

    def begin(self, model: ModelState) -> None:
        s = self.settings
        if model.jkp_until is None:
            model.jkp_until = np.full(model.workers.size, NO_MONTH, dtype=np.int16)
        scale_hook(model, "jkp_claim_factor", self, s.jht_claim_factor)
        self.revised = model_month(model, s.revised_from) if s.revised_from is not None else None
        self.cohorts: deque[tuple[int, np.ndarray, np.ndarray]] = deque()  # (first month, rows, capped wage)

    def act(self, model: ModelState) -> None:
        self._claims(model)
        self._pay(model)

    def end(self, model: ModelState) -> None:
        scale_hook(model, "jkp_claim_factor", self, 1.0)

    def _claims(self, model: ModelState) -> None:
        """This month's job losers who are eligible and claim."""
        month = model.month
        lists = [rows for when, rows in model.leavers if when == month]
        if not lists:
            return
        w, e, s = model.workers, model.employers, self.settings
        rows = unique_rows(np.concatenate(lists))
        cause = w.leave_cause[rows]
        # Dismissals and closures first: the other columns are looked up only for those (a fraction of the leavers).
        rows = rows[np.flatnonzero((cause == ExitCause.LAYOFF.value) | (cause == ExitCause.CLOSURE.value))]
        ok = (w.left_job_month[rows] == month) & w.last_registered[rows] & (w.status[rows] == Status.INACTIVE.value)
        ok &= w.contribution_months[rows] >= s.contribution_months
        enrolled = w.enrolled_month[rows].astype(np.int32)
        ok &= (enrolled != NO_MONTH) & (month - enrolled >= s.consecutive_months)
        ok &= enrolled - w.birth_month[rows].astype(np.int32) < s.registered_before_age * 12
        rows = rows[np.flatnonzero(ok)]
        rows = rows[np.flatnonzero(model.rng.random(rows.size) < s.take_up)]
        if rows.size == 0:
            return
        wage = np.minimum(w.income[rows] * for_each_worker(e.wage_share, w.last_employer[rows]), np.float32(s.wage_cap))
        model.jkp_until[rows] = month + s.months - 1
        self.cohorts.append((month, rows, wage))
        model.event_tallies["jkp_claims"] += rows.size

    def _pay(self, model: ModelState) -> None:
        """Benefits of every cohort still within its months."""
        s, month = self.settings, model.month
        while self.cohorts and month - self.cohorts[0][0] >= s.months:
            self.cohorts.popleft()
        status = model.workers.status
        for index, (first, rows, wage) in enumerate(self.cohorts):
            # Working again for a registering employer (PP 37/2021: the benefit ends), or gone: the row is a new
            # entrant's, never registered (a recipient keeps an account, or has withdrawn it).
            back = (status[rows] == Status.ACTIVE.value) | (status[rows] == Status.NEVER.value)
            if back.any():
                model.jkp_until[rows[back]] = NO_MONTH
                rows, wage = rows[~back], wage[~back]
                self.cohorts[index] = (first, rows, wage)
            share = s.benefit_first if month - first < FIRST_MONTHS else s.benefit_later
            if self.revised is not None and first >= self.revised:  # claims under the revision
                share = s.revised_benefit
            model.event_tallies["jkp_recipients"] += rows.size
            model.event_tallies["jkp_rupiah"] += float(wage.sum(dtype=np.float64)) * share
