"""Insurance literacy: learnt from active peers and campaigns, slowly forgotten."""

import numpy as np

from enrolsim.state import ModelState
from enrolsim.world.sampling import hit_rows
from enrolsim.world.workers import blocks


def literacy(model: ModelState) -> None:
    """Decay, learning from the share of active peers, and campaign visits."""
    w, lit = model.workers, model.params.literacy
    # literacy += learn * (1 - literacy) - decay * literacy, in float32 in two reused work arrays, a block at a time.
    peer_learning, decay = model.peer_active_share * np.float32(lit.peer_learning), np.float32(lit.decay)
    learn_block, gain_block = w.block_scratch("a"), w.block_scratch("b")
    for rows in blocks(w.size):
        level = w.literacy[rows]
        learn, gain = learn_block[: level.size], gain_block[: level.size]
        np.take(peer_learning, w.group[rows], out=learn, mode="clip")
        np.subtract(np.float32(1), level, out=gain)
        gain *= learn
        np.multiply(decay, level, out=learn)
        gain -= learn
        level += gain
    w.teach(hit_rows(model.rng, w.size, lit.campaign_reach), lit.campaign_gain)
