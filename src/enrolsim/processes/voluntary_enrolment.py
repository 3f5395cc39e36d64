"""Voluntary (BPU) enrolment of non-wage workers.

Each month a non-wage worker who is not active decides to try with a logistic probability in
literacy, price against income, perceived risk, trust, the share of active peers (same village
and segment) and the ease of registering; an unassisted attempt then fails often (over half did
in the JKN experiment).
"""

from typing import TYPE_CHECKING

import numpy as np

from enrolsim.participation import activate
from enrolsim.states import Scheme, Segment, Status

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def enrolment_probability(model: "EnrolmentModel", idx: np.ndarray) -> np.ndarray:
    """Monthly probability that each of ``idx`` tries to register (before completion)."""
    w, c = model.workers, model.params.enrolment
    price_share = model.bpu_price(idx) / np.maximum(w.income[idx], np.float32(1.0))
    logit = (
        np.float32(c.base_logit + c.ease_effect * c.registration_ease)
        + np.float32(c.literacy_effect) * w.literacy[idx]
        + np.float32(c.price_effect) * price_share
        + np.float32(c.risk_effect) * w.perceived_risk[idx]
        + np.float32(c.trust_effect) * w.trust[idx]
        + np.float32(c.peer_effect) * model.peer_active_share[w.group[idx]]
    )
    return 1.0 / (1.0 + np.exp(-logit))


def voluntary_enrolment(model: "EnrolmentModel") -> None:
    """Non-wage workers who are not active try to register; some attempts are completed."""
    w, rng = model.workers, model.rng
    nonwage = (w.segment == Segment.INFORMAL) | (w.segment == Segment.PLATFORM)
    candidates = np.flatnonzero(nonwage & (w.status != Status.ACTIVE))
    p_try = enrolment_probability(model, candidates)
    u = rng.random(candidates.size, dtype=np.float32)
    completes = u < p_try * np.float32(model.params.enrolment.completion_unassisted)
    activate(w, model.flows, candidates[completes], Scheme.BPU, model.month)
