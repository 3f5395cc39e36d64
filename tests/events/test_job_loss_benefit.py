"""JKP unemployment insurance (events/job_loss_benefit.py).

- Paired seeds: JKP lowers early JHT withdrawals (after a layoff, where it acts, and in all), here with
  every eligible worker claiming and no JHT claim while the benefit is paid, to show the direction
  against the noise of a small run; the history's settings (take-up 0.5, claims halved) do the same, less.
- Claims come only from dismissals and closures; each is paid for six months at most, at 45% then 25% of
  the capped wage declared by the last employer (60% for claims from the 2025 revision), and no longer once
  the recipient is active again: each month's tallies are the running cohorts' wages at their shares.
"""

import numpy as np
import pytest
from event_support import paired, same_until, window

import enrolsim
from enrolsim.core.codes import ExitCause, Status
from enrolsim.events.job_loss_benefit import JobLossBenefit
from enrolsim.processes.labour_market import replace_with_entrants
from enrolsim.world.workers import NO_MONTH

STRONG = {"start": "2017-03", "end": "2019-12", "take_up": 1.0, "jht_claim_factor": 0.0, "revised_from": None}


def test_jkp_lowers_early_jht_withdrawals():
    runs = paired(window("2017-01", 36, {"job_loss_benefit": [STRONG]}, agents=15_000), window("2017-01", 36, agents=15_000), (1, 2, 3))
    after_layoff, all_claims = [], []
    for a, b in runs:
        same_until(a, b, "2017-03")
        after_layoff.append(a.loc["2017-03":, "jht_withdrawals_after_layoff"].sum() / b.loc["2017-03":, "jht_withdrawals_after_layoff"].sum())
        all_claims.append(a.loc["2017-03":, "jht_withdrawals"].sum() / b.loc["2017-03":, "jht_withdrawals"].sum())
    assert np.mean(after_layoff) < 0.9, after_layoff
    assert np.mean(all_claims) < 1.0, all_claims


def test_claims_are_paid_six_months():
    a = enrolsim.simulate(window("2017-01", 24, {"job_loss_benefit": [{**STRONG, "end": "2018-12"}]}, agents=8_000), 2).timeseries.set_index("month")
    claims, recipients = a["jkp_claims"], a["jkp_recipients"]
    assert claims.sum() > 0
    assert 3 * claims.loc[:"2018-07"].sum() < recipients.sum() <= 6 * claims.sum() * 1.001  # most are paid for months
    assert a.loc[:"2017-02", ["jkp_claims", "jkp_recipients", "jkp_paid_rupiah"]].eq(0).all().all()
    assert (a["jkp_paid_rupiah"] <= a["jkp_recipients"] * 0.45 * 5_000_000 * 1.0001).all()


def test_each_months_benefit_is_the_running_cohorts_wages_at_their_shares_until_work_resumes():
    """PP 37/2021: 45% of the capped wage in months 1-3, 25% in months 4-6; PP 6/2025: 60% for claims from the
    revision; the benefit ends with a new job (the recipient active again). Checked against the event's own
    cohorts every month, and each cohort's wage against the last employer's declared share when it claims."""
    settings = {**STRONG, "end": "2018-12", "revised_from": "2018-03", "revised_benefit": 0.6}
    model = enrolsim.EnrolmentModel(window("2017-01", 24, {"job_loss_benefit": [settings]}, agents=8_000), rng=2)
    w, e = model.workers, model.employers
    seen = {"first": 0, "later": 0, "revised": 0}
    for _ in range(24):
        model.step()
        jkp = [event for event in model.running_events if isinstance(event, JobLossBenefit)]
        if not jkp:
            continue
        month, recipients, rupiah = model.month - 1, 0, 0.0
        for first, rows, wage in jkp[0].cohorts:
            assert 0 <= month - first < 6
            assert not (w.status[rows] == Status.ACTIVE.value).any()
            if first == month:  # claimed this month: the wage the last employer declared, capped
                assert np.array_equal(wage, np.minimum(w.income[rows] * e.wage_share[w.last_employer[rows]], np.float32(5_000_000)))
            kind = "revised" if first >= 14 else ("first" if month - first < 3 else "later")
            seen[kind] += rows.size
            recipients += rows.size
            rupiah += float(wage.sum(dtype=np.float64)) * {"first": 0.45, "later": 0.25, "revised": 0.6}[kind]
        assert model.event_tallies["jkp_recipients"] == recipients
        assert model.event_tallies["jkp_rupiah"] == pytest.approx(rupiah, rel=1e-12)
    assert min(seen.values()) > 0, seen


def test_who_may_claim_the_benefit():
    """PP 37/2021: a dismissal or closure (not a contract's end), registered by the employer, 12 months of contributions,
    the last 6 in a row (here: active 6 months before the job loss), registered before 54. Eight leavers, one rule broken
    by each but rows 0 and 2: only they claim (take-up 1)."""
    model = enrolsim.EnrolmentModel(window("2017-01", 6, {"job_loss_benefit": [{**STRONG, "end": "2017-12"}]}, agents=2_000), rng=1)
    for _ in range(3):  # JKP runs from March
        model.step()
    jkp = next(e for e in model.running_events if isinstance(e, JobLossBenefit))
    w, m, rows = model.workers, model.month, np.arange(8)
    w.status[rows], w.leave_cause[rows], w.left_job_month[rows], w.last_registered[rows] = Status.INACTIVE.value, ExitCause.LAYOFF.value, m, True
    w.contribution_months[rows], w.enrolled_month[rows], w.birth_month[rows], w.last_employer[rows] = 12, m - 6, m - 30 * 12, 0
    w.leave_cause[1] = ExitCause.CONTRACT_END.value  # not a dismissal
    w.leave_cause[2] = ExitCause.CLOSURE.value  # a closure: eligible
    w.last_registered[3] = False  # the employer had not registered them
    w.contribution_months[4] = 11
    w.enrolled_month[5] = m - 5  # five months in a row
    w.birth_month[6] = m - 6 - 54 * 12  # registered at 54
    w.status[7] = Status.ACTIVE.value  # already working for a registering employer
    model.leavers.clear()
    model.leavers.append((m, rows))
    jkp.cohorts.clear()
    jkp._claims(model)
    assert len(jkp.cohorts) == 1 and sorted(jkp.cohorts[0][1].tolist()) == [0, 2]


def test_a_recipient_who_dies_or_retires_is_paid_no_more_and_the_entrant_in_the_row_draws_nothing():
    model = enrolsim.EnrolmentModel(window("2017-01", 6, {"job_loss_benefit": [{**STRONG, "end": "2017-12"}]}, agents=2_000), rng=1)
    for _ in range(3):  # JKP runs from March
        model.step()
    jkp = next(e for e in model.running_events if isinstance(e, JobLossBenefit))
    rows = np.array([5, 6])
    model.workers.status[rows] = Status.INACTIVE.value
    model.jkp_until[rows] = model.month + 5
    jkp.cohorts.clear()
    jkp.cohorts.append((model.month, rows, np.full(2, np.float32(2e6))))
    replace_with_entrants(model, rows[:1])  # row 5: a death or retirement
    model.event_tallies["jkp_recipients"] = 0.0
    jkp._pay(model)
    assert model.event_tallies["jkp_recipients"] == 1 and jkp.cohorts[0][1].tolist() == [6]
    assert model.jkp_until[5] == NO_MONTH
