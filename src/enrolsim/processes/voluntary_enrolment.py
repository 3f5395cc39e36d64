"""Voluntary (BPU) enrolment of non-wage workers.

Each month a non-wage worker who is not active decides to try with a logistic probability in
literacy, price against income, perceived risk, trust, the share of active peers (same village
and segment) and the ease of registering; an unassisted attempt then fails often (over half did
in the JKN experiment).

Performance: the probability is small for almost everyone (an intercept near -7), so candidates
are thinned (``sampling.hit_each``): a first draw with a ceiling every worker's probability is
under, bounded from the columns' extremes, then each drawn candidate is kept with its own
probability over the ceiling. The result has the same distribution as one Bernoulli draw per
worker, and the logistic is evaluated for about 7% of the informal candidates (all platform ones).
"""

from typing import TYPE_CHECKING

import numpy as np

from enrolsim.participation import activate
from enrolsim.population import N_SEGMENTS
from enrolsim.sampling import hit_each
from enrolsim.states import NON_WAGE_SEGMENTS, Scheme, Status

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def enrolment_probability(model: "EnrolmentModel", idx: np.ndarray) -> np.ndarray:
    """Monthly probability that each of ``idx`` tries to register (before completion)."""
    w, c = model.workers, model.params.enrolment
    price_share = model.bpu_price(idx) / np.maximum(w.income[idx], np.float32(1.0))
    if model.income_multiplier != 1.0:  # a shock
        price_share /= np.float32(model.income_multiplier)
    logit = (
        np.float32(c.base_logit + c.ease_effect * (c.registration_ease + model.extra_ease))
        + np.float32(c.literacy_effect) * w.literacy[idx]
        + np.float32(c.price_effect) * price_share
        + np.float32(c.risk_effect) * w.perceived_risk[idx]
        + np.float32(c.trust_effect) * w.trust[idx]
        + np.float32(c.peer_effect) * model.peer_active_share[w.group[idx]]
    )
    if model.district_extra_ease.any():  # district service points (local government lever)
        district = w.village[idx] // model.params.population.villages_per_district
        logit += np.float32(c.ease_effect) * model.district_extra_ease[district]
    return 1.0 / (1.0 + np.exp(-logit))


def enrolment_logit_bound(model: "EnrolmentModel", segments: tuple[int, ...] = NON_WAGE_SEGMENTS) -> float:
    """An upper bound of the enrolment log-odds this month of every worker in ``segments``.

    Each term is bounded by its coefficient times the column's maximum (or minimum, for a negative
    coefficient) over all workers; the peer share by the largest share among the segments' peer
    groups. The price term is never positive unless ``price_effect`` is; then there is no bound.
    """
    return _bound_but_peers(model) + _peer_bound(model, segments)


def _bound_but_peers(model: "EnrolmentModel") -> float:
    w, c = model.workers, model.params.enrolment
    if w.size == 0:
        return -np.inf
    if c.price_effect > 0:
        return np.inf  # a price that attracts: no useful bound, every candidate is evaluated
    bound = c.base_logit + c.ease_effect * (c.registration_ease + model.extra_ease + float(model.district_extra_ease.max()))
    for coef, column in ((c.literacy_effect, w.literacy), (c.risk_effect, w.perceived_risk), (c.trust_effect, w.trust)):
        bound += coef * float(column.max() if coef > 0 else column.min())
    return bound + 1e-3  # slack for float32 rounding in the per-worker sums


def _peer_bound(model: "EnrolmentModel", segments: tuple[int, ...]) -> float:
    c = model.params.enrolment
    peers = model.peer_active_share.reshape(-1, N_SEGMENTS)[:, list(segments)]
    return c.peer_effect * float(peers.max() if c.peer_effect > 0 else peers.min())


def voluntary_enrolment(model: "EnrolmentModel") -> None:
    """Non-wage workers who are not active try to register; some attempts are completed."""
    w, rng = model.workers, model.rng
    completion = model.params.enrolment.completion_unassisted
    not_active = w.status != Status.ACTIVE
    bound = _bound_but_peers(model)
    completes = []
    # One draw per segment: platform peer groups are small, so their shares (and the bound) run
    # high; informal workers, nearly all of the candidates, get a ceiling of their own.
    for segment in NON_WAGE_SEGMENTS:
        candidates = np.flatnonzero((w.segment == segment) & not_active)
        with np.errstate(over="ignore"):
            ceiling = completion / (1.0 + np.exp(-(bound + _peer_bound(model, (segment,)))))
        completes.append(hit_each(rng, candidates, lambda idx: enrolment_probability(model, idx) * np.float32(completion), ceiling))
    activate(w, model.flows, np.concatenate(completes), Scheme.BPU, model.month)
