"""The COVID-19 labour shock: furloughs with contributions stopped, layoffs, lost hours, employers unable to pay.

Formal employment already follows Sakernas's informal share month by month (``processes/formal_jobs.py``,
its 2020 step included), so this event does not move anyone into informal work; it adds what the annual
shares cannot show:

- **Furloughs** (dirumahkan): over the first ``spread_months`` months, ``furloughed`` persons among active
  PU members keep their job but their employer stops paying for them, so they are inactive as in an
  employer's arrears (``ExitCause.ARREARS``: not an exit in the agency's count). Each furlough lasts a
  geometric number of months (mean ``furlough_months_mean``, ending by the event's last month); then the
  employer pays again (a resumption, not a registration) if the worker still holds that job. The
  furlough is a per-row end month and the employer at its start, kept on the event: one vectorised
  pass a month, and nothing for the processes to read.
- **Layoffs** (PHK): ``laid_off`` persons among wage earners lose their job into unemployment over the
  same months; the jobs close (the Sakernas target reopens what the series calls for).
- **Work lost outside wage jobs**: ``out_of_work`` own-account and platform workers (not those between
  casual contracts) lose their work into unemployment over the same months, so that the unemployed by
  COVID are Sakernas's (2.56 million in August 2020, with the layoffs); they find work again at the usual
  job-finding rate. Fewer employed also means fewer formal jobs by the Sakernas share. A BPU member among
  them stays a member, paying or missing months as before.
- **Lost hours**: incomes fall by ``reduced_hours_share x hours_cut`` (``model.earnings_multiplier``:
  lower wages contributions are paid on, more missed BPU months, a dearer BPU price relative to income).
- **Employers unable to pay**: their chance to fall into arrears is multiplied by ``arrears_multiplier``
  and their chance to pay up by ``arrears_cure_multiplier``.

Earnings and arrears are at their worst until ``recovery_from`` and recover linearly to normal at the
event's last month. The counts (furloughed, laid off, out of work) are national: a scenario of part of the
country takes its ``population.national_share`` of them.
"""

from collections.abc import Callable

import numpy as np

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status, is_non_wage
from enrolsim.events.base import Event, agents_for, model_month, scale_hook
from enrolsim.processes.jobs import lay_off, wage_earners
from enrolsim.state import ModelState
from enrolsim.world.participation import deactivate, resume
from enrolsim.world.workers import NO_MONTH, blocks, rows_where


class Covid(Event):
    """Furloughs, layoffs, lost hours and arrears, worst at first and recovering to the event's end."""

    kind = "covid"

    def begin(self, model: ModelState) -> None:
        s = self.settings
        self.first, self.last = model_month(model, s.start), model_month(model, s.end)
        self.recovery = model_month(model, s.recovery_from)
        self.until = np.full(model.workers.size, NO_MONTH, dtype=np.int16)  # last month of each row's furlough
        self.employer = np.full(model.workers.size, -1, dtype=np.int32)  # the employer at the furlough's start

    def prepare(self, model: ModelState) -> None:
        self._set_depth(model, self._depth(model.month))  # before the month's labour market and employers

    def act(self, model: ModelState) -> None:
        if model.month - self.first < self.settings.spread_months:
            self._furlough(model)
            self._lay_off(model)
            self._put_out_of_work(model)
        self._end_furloughs(model, model.month)
        # Still furloughed: inactive in the furlough's job (not those laid off or retired from it since).
        until, status, employer, furloughed_by = self.until, model.workers.status, model.workers.employer, self.employer
        model.event_tallies["furloughed"] += sum(
            np.count_nonzero((until[r] != NO_MONTH) & (status[r] == Status.INACTIVE.value) & (employer[r] == furloughed_by[r])) for r in blocks(until.size)
        )

    def end(self, model: ModelState) -> None:
        self._set_depth(model, 0.0)
        self._end_furloughs(model, self.last + 1)

    # --- the shock's depth ---------------------------------------------------------------------

    def _depth(self, month: int) -> float:
        """1 before ``recovery_from``; from it, falling linearly to 0 in the event's last month."""
        if month < self.recovery:
            return 1.0
        return max(0.0, (self.last - month) / (self.last + 1 - self.recovery))

    def _set_depth(self, model: ModelState, depth: float) -> None:
        s = self.settings
        factors = (
            1 - s.reduced_hours_share * s.hours_cut * depth,
            1 + (s.arrears_multiplier - 1) * depth,
            1 + (s.arrears_cure_multiplier - 1) * depth,
        )
        for name, factor in zip(("earnings_multiplier", "arrears_multiplier", "arrears_cure_multiplier"), factors, strict=True):
            scale_hook(model, name, self, factor)

    # --- furloughs and layoffs -----------------------------------------------------------------

    def _agents_a_month(self, model: ModelState, persons: float) -> int:
        """Worker agents for one of the first ``spread_months`` months of a national count of ``persons``, in the
        scenario's part of the country (``population.national_share``: a district gets its share, not the nation's)."""
        return agents_for(model, model.params.population.national(persons) / self.settings.spread_months)

    def _furlough(self, model: ModelState) -> None:
        """This month's furloughs among active PU members with an employer: their employer stops paying."""
        w, rng, s = model.workers, model.rng, self.settings
        n = self._agents_a_month(model, s.furloughed)
        if n == 0:
            return
        candidates = np.flatnonzero(w.active_codes(w.scheme) == Scheme.PU.value)
        candidates = candidates[np.flatnonzero((w.employer[candidates] >= 0) & (self.until[candidates] == NO_MONTH))]
        rows = candidates[rng.choice(candidates.size, min(n, candidates.size), replace=False)]
        months = rng.geometric(1 / s.furlough_months_mean, rows.size)
        self.until[rows] = np.minimum(model.month + months - 1, self.last)
        self.employer[rows] = w.employer[rows]
        deactivate(w, model.flows, rows, ExitCause.ARREARS)
        w.leave_cause[rows] = ExitCause.ARREARS  # still employed, as in arrears: an employer's cure resumes them early

    def _lay_off(self, model: ModelState) -> None:
        """This month's dismissals of wage earners into unemployment; the jobs close with them."""
        self._into_unemployment(model, self.settings.laid_off, wage_earners)

    def _put_out_of_work(self, model: ModelState) -> None:
        """This month's own-account and platform workers who lose their work into unemployment (platform jobs
        close with them; own-account work has no vacancies)."""
        self._into_unemployment(model, self.settings.out_of_work, own_account_workers)

    def _into_unemployment(self, model: ModelState, persons: float, candidates: Callable[[ModelState], np.ndarray]) -> None:
        """This month's share of ``persons``, drawn among the rows ``candidates`` lists, lose their work into unemployment."""
        n = self._agents_a_month(model, persons)
        if n == 0:
            return
        among = candidates(model)
        rows = among[model.rng.choice(among.size, min(n, among.size), replace=False)]
        lay_off(model, rows)
        model.workers.set_segment(rows, Segment.UNEMPLOYED)

    def _end_furloughs(self, model: ModelState, month: int) -> None:
        """Furloughs over by ``month``: the employer pays again for those still in the same job, registered."""
        until = self.until
        rows = rows_where(until.size, lambda r: (until[r] != NO_MONTH) & (until[r] < month))
        if rows.size == 0:
            return
        w, e = model.workers, model.employers
        employer = w.employer[rows]
        back = (employer == self.employer[rows]) & (employer >= 0) & w.employer_registered[rows] & (w.scheme[rows] == Scheme.PU.value)
        back &= e.registered[employer] & ~e.lapsed(model.params.employers.arrears_months_to_inactive, employer)
        resume(w, model.flows, rows[np.flatnonzero(back)])
        self.until[rows] = NO_MONTH
        self.employer[rows] = -1


def own_account_workers(model: ModelState) -> np.ndarray:
    """Rows of own-account and platform workers, in increasing order; not those between casual contracts, who
    are wage earners out of a contract (the layoffs count them)."""
    segment, casual = model.workers.segment, model.workers.casual
    return rows_where(segment.size, lambda r: is_non_wage(segment[r]) & ~casual[r])
