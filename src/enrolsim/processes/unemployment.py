"""Open unemployment held to Sakernas from above (``labour_market.unemployment: sakernas``; an input, not a fit).

The model's unemployment comes from its flows: entrants, job losses, contract ends, the pandemic's layoffs
and work lost, and the unemployed finding work at ``job_finding``, a rate fitted to 2014-2019. After the
pandemic Sakernas's unemployment fell faster than that rate lets it (4.8% in August 2025 against the
history's 6.0% while free): the recovery hired faster than 2014-2019's labour market did, and more of it
into informal work (Sakernas's informal share stayed near 59% through 2023, against 55.7% in 2019).
Labour data are inputs, so the history holds unemployment to Sakernas's August figures
(``data/labour_force.csv``, joined linearly) from the pandemic on (March 2020): each month the unemployed
beyond the month's rate take own-account informal work, which needs no vacancy. Unemployment under the
rate is left to the flows: the hold never lays anyone off, so a shock that raises unemployment above
Sakernas's is brought back to it within the month. Before March 2020 unemployment is left to the flows:
2016-2019 is where the job finding was fitted to it, and the history's fitted years stay the fit's.
"""

import numpy as np

from enrolsim.core.codes import Segment
from enrolsim.processes.jobs import draw_from_segment, hire, whole_jobs
from enrolsim.state import ModelState
from enrolsim.world.labour_data import PANDEMIC_FROM, unemployment_rate

#: The first month held: March 2020, when the pandemic began (``world/labour_data.PANDEMIC_FROM``).
HOLD_FROM = PANDEMIC_FROM


def hold_unemployment(model: ModelState) -> None:
    """The unemployed beyond Sakernas's rate of the month (rounded down or up at random, up with the chance of the
    fraction) take own-account informal work."""
    if model.calendar_month < HOLD_FROM:
        return
    rate = unemployment_rate(model.calendar_month)
    assert rate is not None  # Sakernas has a labour force from August 2016
    w = model.workers
    unemployed = int(w.segment_sizes()[Segment.UNEMPLOYED])
    outside = model.params.population.outside_model / model.represents  # in Sakernas's labour force, never unemployed here
    excess = unemployed - rate * (w.size + outside)
    if excess <= 0:
        return
    k = int(whole_jobs(model.rng, np.array([excess]))[0])  # rounded down or up at random, as open jobs are
    moving = draw_from_segment(model, np.array([0, w.size]), Segment.UNEMPLOYED, k, unemployed)
    hire(model, moving, np.full(moving.size, Segment.INFORMAL, dtype=np.int8))
