"""Open unemployment held to Sakernas from above (``labour_market.unemployment: sakernas``; an input, not a fit).

The model's unemployment comes from its flows: entrants, job losses, contract ends, the pandemic's layoffs
and work lost, and the unemployed finding work at ``job_finding``, a rate fitted to 2014-2019. After the
pandemic Sakernas's unemployment fell faster than that rate lets it (4.8% in August 2025 against the
history's 6.0% while free): the recovery's hiring, mostly into own-account and family work, was faster than
2014-2019's. Labour data are inputs, so the history holds unemployment to Sakernas's August figures
(``data/labour_force.csv``, joined linearly, from August 2016): each month the unemployed beyond the
month's rate take own-account informal work, which needs no vacancy. Unemployment under the rate is left
to the flows: the hold never lays anyone off.
"""

import numpy as np

from enrolsim.core.codes import Segment
from enrolsim.processes.jobs import draw_from_segment, hire
from enrolsim.state import ModelState
from enrolsim.world.labour_data import unemployment_rate


def hold_unemployment(model: ModelState) -> None:
    """The unemployed beyond Sakernas's rate of the month (rounded at random) take own-account informal work."""
    rate = unemployment_rate(model.calendar_month)
    if rate is None:
        return
    w = model.workers
    unemployed = int(w.segment_sizes()[Segment.UNEMPLOYED])
    outside = model.params.population.outside_model / model.represents  # in Sakernas's labour force, never unemployed here
    excess = unemployed - rate * (w.size + outside)
    if excess <= 0:
        return
    moving = draw_from_segment(model, np.array([0, w.size]), Segment.UNEMPLOYED, min(int(model.rng.poisson(excess)), unemployed), unemployed)
    hire(model, moving, np.full(moving.size, Segment.INFORMAL, dtype=np.int8))
