"""Third parties paying BPU contributions for groups: district budgets (APBD), village funds (APBDes) and company sponsors.

They work by budget year. Each January every running programme is renewed or not (one draw a
programme: ``renewal``); the workers of a programme not renewed are left to pay for themselves, and
most lapse after three unpaid months (in March at the earliest). Then the year's new programmes start (``new_persons`` of the year
shared at random among ``programmes_per_year`` programmes, each in one district: on the map a district
in proportion to its labour force), each enrolling
uncovered non-wage workers under the income line, whose contributions it pays (payer
``PROGRAMME``: never a missed month). So the budget year shows in the monthly series: steps
in January, dips from March.
"""

import numpy as np

from enrolsim.actions.pool import uncovered_pool
from enrolsim.core.codes import Payer, Scheme, Status
from enrolsim.state import ModelState
from enrolsim.world.participation import activate

JANUARY = 0


def third_party_payers(model: ModelState) -> None:
    """In January: programmes renewed or ended, and the budget year's new programmes started."""
    if model.calendar_month % 12 != JANUARY:
        return
    _renew_or_end(model)
    _start_programmes(model)


def _renew_or_end(model: ModelState) -> None:
    end_programmes(model, model.params.third_party_payers.renewal * model.third_party_renewal_multiplier)


def end_programmes(model: ModelState, keep: float) -> None:
    """Each running programme is kept with probability ``keep`` (one draw a programme); the workers of
    those that end pay for themselves from now on (in January the renewal; a budget cut mid-year)."""
    w = model.workers
    renewed = model.rng.random(len(model.payer_programmes)) < keep
    kept = []
    for rows, renew in zip(model.payer_programmes, renewed, strict=True):
        rows = rows[np.flatnonzero((w.status[rows] == Status.ACTIVE.value) & (w.payer[rows] == Payer.PROGRAMME.value))]
        if renew:
            kept.append(rows)
        else:
            w.payer[rows] = Payer.SELF
    model.payer_programmes = kept


def _start_programmes(model: ModelState) -> None:
    t, rng, w = model.params.third_party_payers, model.rng, model.workers
    # Events add persons (instructions to budget for workers) and cut budgets; neutral: 0 and 1.
    national = t.new_persons.get(model.calendar_month // 12, 0.0) * t.scale + model.third_party_extra_persons
    persons = model.params.population.national(national) * model.third_party_new_multiplier
    if persons <= 0:
        return
    sizes = rng.multinomial(rng.poisson(persons / model.represents), rng.dirichlet(np.ones(t.programmes_per_year)))
    pool = uncovered_pool(model)
    bounds = pool.district_bounds
    income = w.income
    for size, district in zip(sizes, _districts(model, bounds.size - 1, sizes.size), strict=True):
        candidates = pool.rows[bounds[district] : bounds[district + 1]]
        candidates = candidates[np.flatnonzero((income[candidates] < t.income_line) & (w.status[candidates] != Status.ACTIVE.value))]
        if size == 0 or candidates.size == 0:
            continue
        rows = candidates[rng.choice(candidates.size, min(size, candidates.size), replace=False)]
        activate(w, model.flows, rows, Scheme.BPU, model.month, Payer.PROGRAMME)
        model.payer_programmes.append(rows)


def _districts(model: ModelState, n_districts: int, n: int) -> np.ndarray:
    """The district of each new programme: any district alike on the uniform grid (whose districts are
    alike); on the map in proportion to the district's labour force, so that a small regency is not
    as likely to host a programme as a large city (a programme there would cover half its workers)."""
    if model.district_share is None:
        return model.rng.integers(0, n_districts, n)
    return model.rng.choice(n_districts, n, p=model.district_share)
