"""Contributions collected this month, JHT balances credited, and BPU payments missed.

Wage earners' contributions are paid by their employer unless it is in arrears; BPU participants
pay for themselves and miss payments (income shocks, friction) with a chance that is higher
right after a miss (third parties never miss). Construction projects pay for their registrations in
``construction_projects.py``.
"""

import numpy as np

from enrolsim.core.codes import ExitCause, Payer, Scheme, Status, is_third_party
from enrolsim.state import ModelState
from enrolsim.world.participation import deactivate
from enrolsim.world.workers import blocks


def contributions(model: ModelState) -> None:
    """Collect contributions from every active participant and credit JHT balances."""
    total, bpu = _wage_earners(model)
    total += _own_account(model, bpu)
    model.flows.contributions_rupiah += total


def _wage_earners(model: ModelState) -> tuple[float, np.ndarray]:
    """Balances earn the JHT return; employers not in arrears pay for their registered (PU) workers.

    Returns the rupiah collected and the rows of the active BPU participants (who pay next).

    Performance: most of the population is active wage earners once the strategies work, so the
    rule runs over whole columns (a multiply by a mask is cheaper than building and following an
    index of 600,000 rows); workers who are not paid for this month get a wage of zero. The dozen
    elementwise passes run a block of rows at a time (``blocks``), in the cache, and each block's
    sums are added up in float64: no work column the size of the population is kept (at a national
    1:1 run three of them would be 1.7 GB).
    """
    w, e, c = model.workers, model.employers, model.params.contributions
    growth = np.float32((1 + c.jht_return) ** (1 / 12))
    # The share of the wage each employer declares this month; -1 marks an employer in arrears.
    declared = np.where(e.arrears == 0, e.wage_share, np.float32(-1))
    employer = w.employer.view(np.uint32)  # read as in for_each_worker: -1 reads the sentinel at the end
    multiplier = np.float32(model.income_multiplier) if model.income_multiplier != 1.0 else None  # a shock, or an event's lost hours
    cap, jht_rate = np.float32(c.jp_wage_cap), np.float32(c.jht_rate)
    is_bpu = w.scratch("bpu", bool)
    active_block, pu_block, paid_block = w.block_scratch("active", bool), w.block_scratch("pu", bool), w.block_scratch("paid", bool)
    wage_block, capped_block, due_block = w.block_scratch("wage"), w.block_scratch("capped"), w.block_scratch("due")
    # The cap as a block of equal values: numpy's minimum of an array and a scalar has no SIMD loop
    # and takes three times as long as the minimum of two arrays (18 against 6 us for a block).
    cap_block = w.block_scratch("cap")
    cap_block.fill(cap)
    jht = capped_sum = total = 0.0  # float64 sums of the blocks' float32 sums
    for rows in blocks(w.size):
        n = rows.stop - rows.start
        active, is_pu, paid, capped, dues = active_block[:n], pu_block[:n], paid_block[:n], capped_block[:n], due_block[:n]
        np.equal(w.status[rows], Status.ACTIVE.value, out=active)
        scheme = w.scheme[rows]
        np.equal(scheme, Scheme.PU.value, out=is_pu)
        is_pu &= active
        np.logical_and(np.equal(scheme, Scheme.BPU.value, out=is_bpu[rows]), active, out=is_bpu[rows])
        wage = np.take(declared, employer[rows], out=wage_block[:n], mode="clip")
        np.greater_equal(wage, 0, out=paid)
        paid &= is_pu
        wage *= paid
        wage *= w.income[rows]
        if multiplier is not None:
            wage *= multiplier
        months = w.contribution_months[rows]
        np.add(months, paid, out=months, casting="unsafe")
        # JP on the wage up to the cap; JKK by risk class, JKM and JHT on the whole wage.
        np.minimum(wage, cap_block[:n], out=capped)
        np.multiply(model.pu_rate[rows], wage, out=dues)
        capped_sum += float(capped.sum())
        total += float(dues.sum())
        wage *= jht_rate  # now the JHT credited
        if model.relief_discount:
            jht += float(wage.sum())
        balance = w.jht_balance[rows]
        balance *= growth
        balance += wage
    jp = capped_sum * c.jp_rate
    bpu = np.flatnonzero(is_bpu)
    if model.relief_discount or model.jp_deferred:  # PP 49/2020: JKK and JKM waived (the dues less JHT), JP deferred
        relief = model.relief_discount * (total - jht) + model.jp_deferred * jp
        model.event_tallies["relief_rupiah"] += relief
        return total + jp - relief, bpu
    return total + jp, bpu


def _own_account(model: ModelState, bpu: np.ndarray) -> float:
    """BPU participants ``bpu`` pay for themselves, or miss the month.

    Each column is read and written once for all of ``bpu`` (a paid month credits zero where it
    does not apply) rather than through index arrays of the payers and the missers; JHT balances,
    credited to few, only for those.
    """
    w, c, rng = model.workers, model.params.contributions, model.rng
    ease = 1 - c.payment_ease_effect * min(1.0, c.payment_ease + model.extra_payment_ease)
    unpaid = w.months_unpaid[bpu]
    payer = w.payer[bpu]
    p_miss = np.where(unpaid > 0, np.float32(c.bpu_miss_again), np.float32(c.bpu_miss_probability * ease))
    # Who collects matters (agents, platforms, sponsors), and so do reminders and auto-debit.
    p_miss *= model.payer_miss_factor[payer] * np.float32(model.retention_miss_factor)
    if c.bpu_steady_share > 0:  # steady payers miss less (a habit of the person: world/population.py)
        p_miss *= np.where(w.steady_payer[bpu], np.float32(c.bpu_steady_miss_factor), np.float32(1.0))
    if model.income_multiplier != 1.0:  # a shock or an event: lower incomes, more missed months
        p_miss = np.minimum(p_miss / np.float32(model.income_multiplier), np.float32(1.0))
    missed = rng.random(bpu.size, dtype=np.float32) < p_miss
    paid = ~missed
    unpaid += 1
    unpaid *= missed  # a missed month lengthens the run of unpaid months, a paid one ends it
    w.months_unpaid[bpu] = unpaid
    # Only a missed month lengthens a run and lapse follows every month, so the runs long enough
    # to lapse are among these payers' (lapse reads them here instead of every worker's).
    lapsing = unpaid >= c.unpaid_months_to_inactive
    model.month_cache["lapsing"] = bpu[np.flatnonzero(lapsing)]
    # Those who pay for themselves (no district, village fund or sponsor pays), and those of them
    # with a run of unpaid months that has not yet made them inactive: the share paying irregularly.
    own = ~lapsing & ~is_third_party(payer)
    model.bpu_own_payers = (int(np.count_nonzero(own)), int(np.count_nonzero(own & (unpaid > 0))))
    w.contribution_months[bpu] += paid
    takes_jht = model.bpu_takes_jht(bpu)
    with_jht = paid & takes_jht
    # Only those who take JHT and paid are credited (a quarter of the payers in the baseline): their
    # rows alone are read and written, not every payer's with a credit of zero (scattered rows:
    # each one a cache line from memory).
    w.jht_balance[bpu[np.flatnonzero(with_jht)]] += np.float32(c.bpu_jht_rate * c.bpu_declared_income * model.bpu_price_multiplier)
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
