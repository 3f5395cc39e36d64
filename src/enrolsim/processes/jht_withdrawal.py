"""JHT withdrawal: inactive participants who left a job take their balance and close the account.

Who may withdraw is the rule in force (``model.jht_rule``), changed in its month by a scheduled
event: five years of membership before September 2015, a one-month wait after it, or only at the
pension age (the 2022 rule, withdrawn). At the pension age the balance is paid in any regime
(see labour_market.replace_with_entrants).
"""

import numpy as np

from enrolsim.core.codes import Status
from enrolsim.scenario.schema import JhtRule
from enrolsim.state import ModelState
from enrolsim.world.participation import close_account
from enrolsim.world.sampling import hit_each
from enrolsim.world.workers import NO_MONTH


def jht_withdrawal(model: ModelState) -> None:
    """Eligible inactive participants withdraw with a probability that literacy lowers."""
    w, rule, j = model.workers, model.jht_rule, model.params.jht
    if rule.rule == JhtRule.AGE_56:
        return

    def probability(idx: np.ndarray) -> np.ndarray:
        p = np.zeros(idx.size, dtype=np.float32)
        inactive = np.flatnonzero(w.status[idx] == Status.INACTIVE.value)  # a quarter of the candidates: read the rest for them only
        rows = idx[inactive]
        left = w.left_job_month[rows]
        eligible = (left != NO_MONTH) & (model.month - left.astype(np.int32) >= rule.waiting_months)
        eligible &= w.jht_balance[rows] > 0
        if rule.rule == JhtRule.FIVE_YEARS:
            eligible &= w.contribution_months[rows] >= rule.membership_months
        chance = np.float32(j.withdrawal_probability) * (1 - np.float32(j.literacy_effect) * w.literacy[rows])
        p[inactive] = np.where(eligible, chance, np.float32(0))
        return p

    # Literacy only lowers the chance, so withdrawal_probability is a ceiling: status, eligibility
    # and literacy are read for the few workers a first draw picks (thinning), not for everyone.
    withdrawing = hit_each(model.rng, w.size, probability, j.withdrawal_probability)
    close_account(w, model.flows, withdrawing)
