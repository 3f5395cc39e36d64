"""Voluntary (BPU) enrolment of non-wage workers.

Each month a non-wage worker who is not active decides to try with a logistic probability in
literacy, price against income, perceived risk, trust, the share of active peers (same village
and segment) and the ease of registering; an unassisted attempt then fails often (over half did
in the JKN experiment).

Performance: the probability is small for almost everyone (an intercept near -7), so candidates
are thinned (``sampling.hit_each_tiered``): a first draw with a ceiling every worker's probability
is under (the columns' extremes and the highest peer share), then a second with a ceiling exact in
the candidate's own peer share and literacy (the widest terms; two lookups), and only then the
logistic, kept with its own probability over that ceiling. The result has the same distribution
as one Bernoulli draw per worker; the candidates are the month's uncovered pool
(``actions.pool.uncovered_pool``), listed once a month for outreach and enrolment alike.
"""

import numpy as np

from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import NON_WAGE_SEGMENTS, Scheme, Status
from enrolsim.state import ModelState
from enrolsim.world.participation import activate
from enrolsim.world.sampling import hit_each_tiered
from enrolsim.world.workers import N_SEGMENTS


def enrolment_probability(model: ModelState, idx: np.ndarray) -> np.ndarray:
    """Monthly probability that each of ``idx`` tries to register (before completion).

    The rows' villages are looked up once for the trust, perceived-risk and district terms: the
    candidates are scattered rows, so each column lookup costs a cache miss a row.
    """
    w, c = model.workers, model.params.enrolment
    village = w.village[idx]
    price_share = model.bpu_price(idx) / np.maximum(w.income[idx], np.float32(1.0))
    if model.income_multiplier != 1.0:  # a shock
        price_share /= np.float32(model.income_multiplier)
    logit = (
        np.float32(c.base_logit + c.ease_effect * (c.registration_ease + model.extra_ease))
        + np.float32(c.literacy_effect) * w.literacy[idx]
        + np.float32(c.price_effect) * price_share
        + np.float32(c.risk_effect) * model.drift.perceived_risk(idx, village)
        + np.float32(c.trust_effect) * model.drift.trust(idx, village)
        + np.float32(c.peer_effect) * model.peer_active_share[w.group[idx]]
    )
    if model.district_extra_ease.any():  # district service points (local government lever)
        district = village // model.params.population.villages_per_district
        logit += np.float32(c.ease_effect) * model.district_extra_ease[district]
    with np.errstate(over="ignore"):  # log-odds under -88 overflow float32's exp to inf: the probability is 0, as it should be
        return 1.0 / (1.0 + np.exp(-logit))


def _bounds(model: ModelState) -> tuple[float, float]:
    """Upper bounds of this month's enrolment log-odds of non-wage workers: of every term but the
    literacy and peer terms, and of the literacy term.

    Each term is bounded by its coefficient times the column's maximum (or minimum, for a negative
    coefficient) over all workers. The price term is never positive unless ``price_effect`` is;
    then there is no bound.
    """
    w, c = model.workers, model.params.enrolment
    if w.size == 0:
        return -np.inf, 0.0
    if c.price_effect > 0:
        return np.inf, 0.0  # a price that attracts: no useful bound, every candidate is evaluated
    district = model.district_extra_ease  # the district term's bound: its largest or (a negative effect) smallest ease
    bound = c.base_logit + c.ease_effect * (c.registration_ease + model.extra_ease) + max(c.ease_effect * float(x) for x in (district.min(), district.max()))
    for coef, (low, high) in ((c.risk_effect, model.drift.perceived_risk_range()), (c.trust_effect, model.drift.trust_range())):
        bound += coef * (high if coef > 0 else low)
    literacy = c.literacy_effect * float(w.literacy.max() if c.literacy_effect > 0 else w.literacy.min())
    return bound + 1e-3, literacy  # slack for float32 rounding in the per-worker sums


def voluntary_enrolment(model: ModelState) -> None:
    """Non-wage workers who are not active try to register; some attempts are completed."""
    w, rng, c = model.workers, model.rng, model.params.enrolment
    # The month's pool of uncovered non-wage workers: since it was listed (by outreach earlier in the
    # month, or now) workers have only become active, never left it, so it holds every candidate.
    pool = uncovered_pool(model).rows
    others, literacy_top = _bounds(model)
    # Per peer group: the bound of all terms but literacy, with the group's own peer term.
    group_bound = others + c.peer_effect * model.peer_active_share.astype(np.float64)
    top = float(group_bound.reshape(-1, N_SEGMENTS)[:, list(NON_WAGE_SEGMENTS)].max()) + literacy_top if group_bound.size else -np.inf
    with np.errstate(over="ignore"):
        ceiling = c.completion_unassisted / (1.0 + np.exp(-top))
    status, group, literacy = w.status, w.group, w.literacy
    # In float32 like the probabilities themselves; the bound's slack (1e-3) dwarfs the rounding.
    group_bound32, completion, literacy_effect = group_bound.astype(np.float32), np.float32(c.completion_unassisted), np.float32(c.literacy_effect)

    def ceilings(rows: np.ndarray) -> np.ndarray:
        """Exact in the peer and literacy terms; 0 once active.

        ``completion / (1 + exp(-(bound + literacy_effect * literacy)))``, the same float32
        operations in place in two arrays: the candidates are a third of the pool (150,000), and
        each fresh temporary of that size costs more than the arithmetic done in it.
        """
        tight = np.take(group_bound32, group[rows])
        literacy_term = literacy[rows]
        literacy_term *= literacy_effect
        tight += literacy_term
        np.negative(tight, out=tight)
        with np.errstate(over="ignore"):
            np.exp(tight, out=tight)
        tight += np.float32(1)
        np.divide(completion, tight, out=tight)
        tight[np.flatnonzero(status[rows] == Status.ACTIVE.value)] = 0  # the few made active by outreach this month
        return tight

    completes = hit_each_tiered(rng, pool, ceilings, lambda rows: enrolment_probability(model, rows) * completion, ceiling)
    activate(w, model.flows, completes, Scheme.BPU, model.month)
