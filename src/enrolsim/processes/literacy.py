"""Insurance literacy: learnt from active peers and campaigns, slowly forgotten."""

import numpy as np

from enrolsim.state import ModelState
from enrolsim.world.sampling import hit_rows


def literacy(model: ModelState) -> None:
    """Decay, learning from the share of active peers, and campaign visits."""
    w, lit = model.workers, model.params.literacy
    # literacy += learn * (1 - literacy) - decay * literacy, in float32 in two reused work arrays.
    learn = np.take(model.peer_active_share * np.float32(lit.peer_learning), w.group, out=w.scratch("a"), mode="clip")
    gain = np.subtract(np.float32(1), w.literacy, out=w.scratch("b"))
    gain *= learn
    np.multiply(np.float32(lit.decay), w.literacy, out=learn)
    gain -= learn
    w.literacy += gain
    w.teach(hit_rows(model.rng, w.size, lit.campaign_reach), lit.campaign_gain)
