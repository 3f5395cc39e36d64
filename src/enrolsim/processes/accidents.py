"""Work accidents and deaths, the claims paid for them, and what the neighbours conclude.

A claim paid to someone a worker knows raises the worker's trust in the agency; an accident of an
uninsured person raises the perceived risk of the work. News travels within the village: a
worker hears of the events among ``acquaintances`` people there.
"""

import numpy as np

from enrolsim.core.codes import Status
from enrolsim.processes.labour_market import replace_with_entrants
from enrolsim.state import ModelState
from enrolsim.world.sampling import hit_each, hit_rows
from enrolsim.world.workers import unique_rows


def accidents_and_claims(model: ModelState) -> None:
    """Accidents by risk class, deaths, claims to participants, and peers' trust and perceived risk."""
    w, a, rng = model.workers, model.params.accidents, model.rng
    rates = np.asarray(a.accident_rates, dtype=np.float32)
    accidents = hit_each(rng, w.size, lambda idx: rates[w.risk[idx]], float(rates.max()))
    insured = w.status[accidents] == Status.ACTIVE.value
    fatal = rng.random(accidents.size) < a.fatal_share
    model.flows.accidents += accidents.size
    model.flows.claims += int(np.count_nonzero(insured))
    model.flows.claims_rupiah += float(np.count_nonzero(insured) * a.jkk_claim)

    other_deaths = hit_rows(rng, w.size, a.mortality)
    dead = unique_rows(np.concatenate([accidents[fatal], other_deaths]))
    model.flows.claims_rupiah += float(np.count_nonzero(w.status[dead] == Status.ACTIVE.value) * a.jkm_benefit)

    _spread_news(model, w.village[accidents[insured]], w.village[accidents[~insured]])
    replace_with_entrants(model, dead, died=True)


def _spread_news(model: ModelState, claim_villages: np.ndarray, uninsured_villages: np.ndarray) -> None:
    a = model.params.accidents
    size = model.village_sizes
    heard_claims = a.acquaintances * np.bincount(claim_villages, minlength=size.size) / size
    heard_uninsured = a.acquaintances * np.bincount(uninsured_villages, minlength=size.size) / size
    trust_gain = np.minimum(a.trust_per_claim_seen * heard_claims, 1)
    # At most 1 less the decay: the month's perceived risk is then a weighted mean of the last, 1 and the base, so it
    # stays within [0, 1] (a gain of 1 with the decay on top put a heavily hit village's risk above 1).
    risk_gain = np.minimum(a.risk_per_uninsured_seen * heard_uninsured, 1 - a.perceived_risk_decay)
    # trust += gain * (1 - trust) and perceived_risk += decay * (base - perceived_risk) + gain *
    # (1 - perceived_risk) for every worker, composed per village (drift.py).
    model.drift.advance(trust_gain, risk_gain, a.perceived_risk_decay)
