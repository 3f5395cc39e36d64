"""Contributions collected this month, JHT balances credited, and BPU payments missed.

Wage earners' contributions are paid by their employer unless it is in arrears; BPU participants
pay for themselves and miss payments (income shocks, friction) with a chance that is higher
right after a miss; Jakon coverage is paid by the contractor per project.
"""

from typing import TYPE_CHECKING

import numpy as np

from enrolsim.participation import deactivate
from enrolsim.states import Payer, Scheme, Status

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def contributions(model: "EnrolmentModel") -> None:
    """Collect contributions from every active participant and credit JHT balances."""
    w, c = model.workers, model.params.contributions
    w.jht_balance *= np.float32((1 + c.jht_return) ** (1 / 12))
    active = np.flatnonzero(w.status == Status.ACTIVE)
    scheme = w.scheme[active]
    total = _wage_earners(model, active, scheme == Scheme.PU)
    total += _own_account(model, active[np.flatnonzero(scheme == Scheme.BPU)])
    total += np.count_nonzero(scheme == Scheme.JAKON) * c.jakon_contribution
    model.flows.contributions_rupiah += total


def _wage_earners(model: "EnrolmentModel", active: np.ndarray, is_pu: np.ndarray) -> float:
    """Employers not in arrears pay for their registered (PU) workers among ``active``."""
    w, e, c = model.workers, model.employers, model.params.contributions
    # Selecting the PU rows and the paying employers' rows in one pass: fewer index arrays built.
    employer = w.employer[active]
    paying = np.flatnonzero(is_pu & (e.arrears[employer] == 0))
    paid, employer = active[paying], employer[paying]
    wage = w.income[paid]
    wage *= e.wage_share[employer]
    if model.income_multiplier != 1.0:  # a shock
        wage *= np.float32(model.income_multiplier)
    w.contribution_months[paid] += 1
    # JP on the wage up to the cap; JKK by risk class, JKM and JHT on the whole wage.
    jp = float(np.minimum(wage, np.float32(c.jp_wage_cap)).sum(dtype=np.float64)) * c.jp_rate
    rates = np.asarray(c.jkk_rates, dtype=np.float32) + np.float32(c.jkm_rate + c.jht_rate)
    due = np.take(rates, w.risk[paid])
    due *= wage
    total = float(due.sum(dtype=np.float64))
    wage *= np.float32(c.jht_rate)
    w.jht_balance[paid] += wage
    return total + jp


def _own_account(model: "EnrolmentModel", bpu: np.ndarray) -> float:
    w, c, rng = model.workers, model.params.contributions, model.rng
    ease = 1 - c.payment_ease_effect * min(1.0, c.payment_ease + model.extra_payment_ease)
    p_miss = np.where(w.months_unpaid[bpu] > 0, np.float32(c.bpu_miss_again), np.float32(c.bpu_miss_probability * ease))
    # Who collects matters (agents, platforms, sponsors), and so do reminders and auto-debit.
    p_miss *= model.payer_miss_factor[w.payer[bpu]] * np.float32(model.retention_miss_factor)
    if model.income_multiplier != 1.0:  # a shock: lower incomes, more missed months
        p_miss = np.minimum(p_miss / np.float32(model.income_multiplier), np.float32(1.0))
    missed = rng.random(bpu.size, dtype=np.float32) < p_miss
    w.months_unpaid[bpu[missed]] += 1
    paid = bpu[~missed]
    w.months_unpaid[paid] = 0
    w.contribution_months[paid] += 1
    with_jht = paid[model.bpu_takes_jht(paid)]
    w.jht_balance[with_jht] += np.float32(c.bpu_jht_rate * c.bpu_declared_income * model.bpu_price_multiplier)
    price = model.bpu_price(paid)
    by_agents = (w.payer[paid] == Payer.PERISAI) & (w.recruiter[paid] >= 0)
    model.perisai_collected = np.bincount(w.recruiter[paid[by_agents]], weights=price[by_agents], minlength=model.n_districts) * model.represents
    model.last_bpu_payments = paid.size
    return float(price.sum(dtype=np.float64))


def lapse(model: "EnrolmentModel") -> None:
    """BPU participants with too many unpaid months in a row become inactive."""
    w = model.workers
    unpaid = np.flatnonzero(w.months_unpaid >= model.params.contributions.unpaid_months_to_inactive)
    deactivate(w, model.flows, unpaid)
