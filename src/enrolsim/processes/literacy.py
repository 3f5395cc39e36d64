"""Insurance literacy: learnt from active peers and campaigns, slowly forgotten."""

from typing import TYPE_CHECKING

import numpy as np

from enrolsim.sampling import hit

if TYPE_CHECKING:
    from enrolsim.model import EnrolmentModel


def literacy(model: "EnrolmentModel") -> None:
    """Decay, learning from the share of active peers, and campaign visits."""
    w, lit = model.workers, model.params.literacy
    learn = np.float32(lit.peer_learning) * model.peer_active_share[w.group]
    w.literacy += learn * (1 - w.literacy) - np.float32(lit.decay) * w.literacy
    reached = hit(model.rng, model.all_rows, lit.campaign_reach)
    w.literacy[reached] += np.float32(lit.campaign_gain) * (1 - w.literacy[reached])
