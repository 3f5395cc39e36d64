"""Employers: registration with the agency, partial compliance, arrears.

Employer states change for a few employers a month; only the workers of those employers are
touched. A registered employer's registered workers are active unless the employer has been in
arrears for ``arrears_months_to_inactive`` months; paying up reactivates them.

The changes are marked in ``model.employer_changes``; the workers follow once a month, in the
institutions' turn after every lever that acts on employers (audits, arrears collection,
inspections, licences, visits), so that one pass over the workers serves all of them
(``employer_actions.settle_employer_changes``). Nothing between reads those workers' status; the
arrears collected in between are valued on the workers registered at the start of the month (a
unit that registers all its workers this month owes for those it had registered while in arrears).
"""

import numpy as np

from enrolsim.state import ModelState
from enrolsim.world.sampling import hit


def employer_compliance(model: ModelState) -> None:
    """Employers register, comply fully, fall into and out of arrears; their workers follow."""
    e, rng, p = model.employers, model.rng, model.params.employers
    real = np.arange(e.size)
    registered = real[e.registered[:-1]]
    unregistered = real[~e.registered[:-1]]
    improving = hit(rng, registered[e.worker_share[registered] < 1], p.full_compliance_rate)
    joining = hit(rng, unregistered, p.registration_rate)
    e.registered[joining] = True
    e.worker_share[np.concatenate([improving, joining])] = 1.0
    e.wage_share[np.concatenate([improving, joining])] = 1.0

    was_lapsed = e.lapsed(p.arrears_months_to_inactive)
    paying = registered[e.arrears[registered] == 0]
    in_arrears = registered[e.arrears[registered] > 0]
    cured = hit(rng, in_arrears, p.arrears_cure)
    e.arrears[in_arrears] += 1
    e.arrears[cured] = 0
    e.arrears[hit(rng, paying, p.arrears_probability)] = 1
    now_lapsed = e.lapsed(p.arrears_months_to_inactive)

    changes = model.employer_changes
    changes |= now_lapsed != was_lapsed
    changes[improving] = True
    changes[joining] = True
