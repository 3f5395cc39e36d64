"""JHT withdrawal: inactive participants who left a job claim their balance and close the account.

Who may claim is the rule in force (``model.jht_rule``), changed in its month by a scheduled event:
five years of membership before September 2015, a one-month wait after it, or only at the pension
age (the 2022 rule, withdrawn). At the pension age (or death) the balance is claimed in any regime, if it is
worth the trip (``labour_market.replace_with_entrants``).

Most claims come soon after leaving work: a worker who left a wage job in month ``m`` and is still
inactive claims, in each month of the window ``[m + wait, m + wait + claim_window_months)``, with
``withdrawal_probability * B / (B + balance_half) * (1 - literacy_effect * literacy)``, B the balance:
a small balance is seldom worth the trip. Other eligible inactive accounts (left long ago, or before
the model starts) claim at ``background_probability`` with the same factors. Some active wage
earners with a large balance resign in order to claim (``resign_to_withdraw``); they claim as soon
as the wait allows and later come back under a new account. Each claim is counted by why the last
job ended (``flows.claims_by_cause``).

Performance: the window's candidates are found by one pass over the columns that decide (``_in_window``);
the background is thinned from one draw at its probability over all rows.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.processes.jobs import leave_work
from enrolsim.scenario.behaviour import JhtRule
from enrolsim.state import ModelState
from enrolsim.world.participation import close_account
from enrolsim.world.sampling import hit_each, hit_rows
from enrolsim.world.workers import NO_MONTH, blocks, unique_rows


def jht_withdrawal(model: ModelState) -> None:
    """Resignations to withdraw, then the month's claims: the window, the background and those who resigned for it."""
    rule = model.jht_rule
    if rule.rule == JhtRule.AGE_56:
        return
    _resign_to_withdraw(model)
    claiming = np.concatenate([_window_claims(model), _background_claims(model), _resigned_claims(model)])
    close_account(model.workers, model.flows, unique_rows(claiming))


def claim_factor(model: ModelState, rows: np.ndarray) -> np.ndarray:
    """How much each of ``rows`` is inclined to claim, 0..1: the balance's weight times what literacy leaves."""
    w, j = model.workers, model.params.jht
    return balance_weight(model, w.jht_balance[rows]) * (1 - np.float32(j.literacy_effect) * w.literacy[rows])


def balance_weight(model: ModelState, balance: np.ndarray) -> np.ndarray:
    """How much a balance is worth the trip, 0..1: ``B / (B + balance_half)``, the same for a claim and for a
    resignation in order to claim."""
    half = np.float32(model.params.jht.balance_half)  # a half under float32's smallest is 0: no 0 / 0 for an empty balance
    return balance / (balance + half) if half > 0 else (balance > 0).astype(np.float32)


def _eligible(model: ModelState, rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` may claim under the rule in force: inactive, a balance, no job with an employer that
    registered them, the wait over (and five years' membership before 2015-09).

    A wage earner whose employer registered them and is in arrears cannot claim: the employment has not ended. One
    who works for an employer that never registered them can: to the agency their last registered job ended
    (about 6 of 19.5 million inactive balances in 2019 were barred when any wage job barred a claim)."""
    w, rule = model.workers, model.jht_rule
    ok = (w.status[rows] == Status.INACTIVE.value) & (w.jht_balance[rows] > 0) & ~w.employer_registered[rows]
    left = w.left_job_month[rows].astype(np.int32)
    ok &= (left == NO_MONTH) | (model.month - left >= rule.waiting_months)
    if rule.rule == JhtRule.FIVE_YEARS:
        ok &= w.contribution_months[rows] >= rule.membership_months
    return ok


def _window_claims(model: ModelState) -> np.ndarray:
    """Claims of those who left a job in the window's months (by the month they last left)."""
    j, rule, w = model.params.jht, model.jht_rule, model.workers
    if j.withdrawal_probability <= 0:
        return np.zeros(0, dtype=np.int64)
    first, last = model.month - rule.waiting_months - j.claim_window_months + 1, model.month - rule.waiting_months
    rows = _in_window(model, first, last)
    if rule.rule == JhtRule.FIVE_YEARS:
        rows = rows[np.flatnonzero(w.contribution_months[rows] >= rule.membership_months)]
    p = np.float32(j.withdrawal_probability * model.claim_multiplier) * claim_factor(model, rows)
    if model.jkp_until is not None and model.jkp_claim_factor != 1.0:  # JKP recipients: the benefit meets the need
        p = np.where(model.jkp_until[rows] >= model.month, p * np.float32(model.jkp_claim_factor), p)
    return rows[np.flatnonzero(model.rng.random(rows.size, dtype=np.float32) < p)]


def _in_window(model: ModelState, first: int, last: int) -> np.ndarray:
    """Rows, in increasing order, that last left a job in one of the months ``first..last`` and may claim
    but for the five-year rule: inactive, a balance, no job with an employer that registered them (the wait is
    over: ``last`` is this month less the wait).

    Performance: one pass over four columns, a block at a time (``blocks``), costs less than
    following the months' lists of leavers: the window holds a tenth of the workers, so its lookups
    touch most of each column's cache lines anyway, in a scattered order, and the lists would have
    to be merged and pruned of those who left again. ``left_job_month - first`` read as unsigned
    puts the months before ``first`` and ``NO_MONTH`` past ``last - first``: one compare.
    """
    w = model.workers
    span = np.uint16(last - first)
    window = w.scratch("jht window", bool)
    since_block, test_block = w.block_scratch("jht since", np.int16), w.block_scratch("jht test", bool)
    for rows in blocks(w.size):
        n = rows.stop - rows.start
        since, test, ok = since_block[:n], test_block[:n], window[rows]
        np.subtract(w.left_job_month[rows], np.int16(first), out=since)
        np.less_equal(since.view(np.uint16), span, out=ok)
        ok &= np.equal(w.status[rows], Status.INACTIVE.value, out=test)
        ok &= np.greater(w.jht_balance[rows], 0, out=test)
        ok &= np.logical_not(w.employer_registered[rows], out=test)
    return np.flatnonzero(window)


def _background_claims(model: ModelState) -> np.ndarray:
    """Claims of other eligible accounts, at the background probability (thinned over every row)."""
    j, rule = model.params.jht, model.jht_rule
    background = min(j.background_probability * model.claim_multiplier, 1.0)
    if background <= 0:
        return np.zeros(0, dtype=np.int64)
    w = model.workers
    window_start = model.month - rule.waiting_months - j.claim_window_months + 1  # the window's first month (see _window_claims)

    def probability(rows: np.ndarray) -> np.ndarray:
        left = w.left_job_month[rows].astype(np.int32)
        outside_window = (left == NO_MONTH) | (left < window_start)
        return np.where(_eligible(model, rows) & outside_window, np.float32(background) * claim_factor(model, rows), np.float32(0))

    return hit_each(model.rng, w.size, probability, background)


def _resigned_claims(model: ModelState) -> np.ndarray:
    """Those who resigned to withdraw claim as soon as the wait allows (if still inactive and eligible)."""
    due = model.month - model.jht_rule.waiting_months
    queue = model.resigned_to_withdraw
    ready = []
    while queue and queue[0][0] <= due:
        ready.append(queue.popleft()[1])
    if not ready:
        return np.zeros(0, dtype=np.int64)
    rows = np.concatenate(ready)
    return rows[np.flatnonzero(_eligible(model, rows))]


def _resign_to_withdraw(model: ModelState) -> None:
    """Active wage earners resign to take their JHT balance, more often the larger it is, and do own-account work.

    Where they go no source here says; they take informal own-account work (an assumption, 2026-12-01) rather
    than open unemployment, as most of Indonesia's workers outside wage jobs do (Sakernas: informal work about
    57% of employment, open unemployment about 5%). Sent to unemployment, they made the fitted rate of
    resignations (0.0062 a month) raise unemployment 2016-2019 while Sakernas's fell (docs/validation.md)."""
    j, w, rng = model.params.jht, model.workers, model.rng
    if j.resign_to_withdraw <= 0 or model.claim_multiplier <= 0:
        return
    rows = hit_rows(rng, w.size, min(j.resign_to_withdraw * model.claim_multiplier, 1.0))
    # Status first, the others only for the active: each lookup of these scattered rows is a cache miss.
    rows = rows[np.flatnonzero(w.status[rows] == Status.ACTIVE.value)]
    rows = rows[np.flatnonzero((w.employer[rows] >= 0) & (w.scheme[rows] == Scheme.PU.value))]
    if model.jht_rule.rule == JhtRule.FIVE_YEARS:
        rows = rows[np.flatnonzero(w.contribution_months[rows] >= model.jht_rule.membership_months)]
    rows = rows[np.flatnonzero(rng.random(rows.size, dtype=np.float32) < balance_weight(model, w.jht_balance[rows]))]
    leave_work(model, rows, ExitCause.RESIGN_TO_WITHDRAW)
    w.set_segment(rows, Segment.INFORMAL)
    model.resigned_to_withdraw.append((model.month, rows))
