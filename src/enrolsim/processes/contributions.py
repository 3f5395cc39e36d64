"""Contributions collected this month, JHT balances credited, and BPU payments missed.

Wage earners' contributions are paid by their employer unless it is in arrears; BPU participants
pay for themselves and miss payments (income shocks, friction) with a chance that is higher
right after a miss (third parties never miss). Construction projects pay for their registrations in
``construction_projects.py``.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Payer, Scheme
from enrolsim.state import ModelState
from enrolsim.world.employers import for_each_worker
from enrolsim.world.participation import deactivate


def contributions(model: ModelState) -> None:
    """Collect contributions from every active participant and credit JHT balances."""
    w, c = model.workers, model.params.contributions
    w.jht_balance *= np.float32((1 + c.jht_return) ** (1 / 12))
    scheme = w.active_codes(w.scheme)  # NONE unless active
    total = _wage_earners(model, scheme == Scheme.PU.value)
    total += _own_account(model, np.flatnonzero(scheme == Scheme.BPU.value))
    model.flows.contributions_rupiah += total


def _wage_earners(model: ModelState, is_pu: np.ndarray) -> float:
    """Employers not in arrears pay for their registered (PU) workers, ``is_pu`` over all rows.

    Performance: most of the population is active wage earners once the strategies work, so the
    rule runs over whole columns (a multiply by a mask is cheaper than building and following an
    index of 600,000 rows); workers who are not paid for this month get a wage of zero.
    """
    w, e, c = model.workers, model.employers, model.params.contributions
    # The share of the wage each employer declares this month; -1 marks an employer in arrears.
    declared = np.where(e.arrears == 0, e.wage_share, np.float32(-1))
    wage = for_each_worker(declared, w.employer)
    paid = np.greater_equal(wage, 0, out=w.scratch("paid", bool))
    paid &= is_pu
    wage *= paid
    wage *= w.income
    if model.income_multiplier != 1.0:  # a shock, or an event's lost hours
        wage *= np.float32(model.income_multiplier)
    np.add(w.contribution_months, paid, out=w.contribution_months, casting="unsafe")
    # JP on the wage up to the cap; JKK by risk class, JKM and JHT on the whole wage.
    # Sums in float32 (numpy's pairwise summation: a relative error near 1e-7, well inside what a
    # rupiah total means) read each array once instead of converting it to float64 on the way.
    jp = float(np.minimum(wage, np.float32(c.jp_wage_cap), out=w.scratch("b")).sum()) * c.jp_rate
    due = np.multiply(model.pu_rate, wage, out=w.scratch("b"))
    total = float(due.sum())
    wage *= np.float32(c.jht_rate)
    w.jht_balance += wage
    if model.relief_discount or model.jp_deferred:  # PP 49/2020: JKK and JKM waived (the dues less JHT), JP deferred
        relief = model.relief_discount * (total - float(wage.sum())) + model.jp_deferred * jp
        model.event_tallies["relief_rupiah"] += relief
        return total + jp - relief
    return total + jp


def _own_account(model: ModelState, bpu: np.ndarray) -> float:
    """BPU participants ``bpu`` pay for themselves, or miss the month.

    Each column is read and written once for all of ``bpu`` (a paid month credits zero where it
    does not apply) rather than through index arrays of the payers and the missers.
    """
    w, c, rng = model.workers, model.params.contributions, model.rng
    ease = 1 - c.payment_ease_effect * min(1.0, c.payment_ease + model.extra_payment_ease)
    unpaid = w.months_unpaid[bpu]
    payer = w.payer[bpu]
    p_miss = np.where(unpaid > 0, np.float32(c.bpu_miss_again), np.float32(c.bpu_miss_probability * ease))
    # Who collects matters (agents, platforms, sponsors), and so do reminders and auto-debit.
    p_miss *= model.payer_miss_factor[payer] * np.float32(model.retention_miss_factor)
    if model.income_multiplier != 1.0:  # a shock or an event: lower incomes, more missed months
        p_miss = np.minimum(p_miss / np.float32(model.income_multiplier), np.float32(1.0))
    missed = rng.random(bpu.size, dtype=np.float32) < p_miss
    paid = ~missed
    unpaid += 1
    unpaid *= missed  # a missed month lengthens the run of unpaid months, a paid one ends it
    w.months_unpaid[bpu] = unpaid
    # Only a missed month lengthens a run and lapse follows every month, so the runs long enough
    # to lapse are among these payers' (lapse reads them here instead of every worker's).
    model.month_cache["lapsing"] = bpu[np.flatnonzero(unpaid >= c.unpaid_months_to_inactive)]
    w.contribution_months[bpu] += paid
    takes_jht = model.bpu_takes_jht(bpu)
    with_jht = paid & takes_jht
    w.jht_balance[bpu] += with_jht * np.float32(c.bpu_jht_rate * c.bpu_declared_income * model.bpu_price_multiplier)
    price = model.bpu_price(bpu, takes_jht)
    by_agents = np.flatnonzero(paid & (payer == Payer.PERISAI.value))
    by_agents = by_agents[np.flatnonzero(w.recruiter[bpu[by_agents]] >= 0)]
    model.perisai_collected = np.bincount(w.recruiter[bpu[by_agents]], weights=price[by_agents], minlength=model.n_districts) * model.represents
    payments, with_jht = np.count_nonzero(paid), np.count_nonzero(with_jht)
    model.last_bpu_payments = int(payments)
    # Two prices only (with or without JHT): their counts times the prices, exactly the sum.
    without, with_price = model.bpu_prices()
    if model.relief_discount:  # the JKK and JKM waived (already out of the prices charged)
        model.event_tallies["relief_rupiah"] += payments * model.bpu_package_price(waived=True)
    return float(without) * (payments - with_jht) + float(with_price) * with_jht


def lapse(model: ModelState) -> None:
    """BPU participants with too many unpaid months in a row become inactive."""
    w = model.workers
    unpaid = model.month_cache.get("lapsing")
    if unpaid is None:  # contributions did not run this month (a model stepped process by process)
        unpaid = np.flatnonzero(w.months_unpaid >= model.params.contributions.unpaid_months_to_inactive)
    deactivate(w, model.flows, unpaid, ExitCause.BPU_LAPSE)
