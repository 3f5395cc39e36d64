"""Small hand-built worlds for rule tests (in the spirit of Starsim's ``mock_sim``).

A rule test builds a tiny model in which every monthly probability is zero (``QUIET``), sets a few
workers' columns by hand (:func:`put`), switches on only the probability it tests (at 0 or 1 where
that pins the logic), and calls the rule directly (``labour_market(model)``, ``lapse(model)``...),
not a whole month. What the rule did is then read from the columns and ``model.flows``.

- ``mock_model(overrides, agents=...)``: an ``EnrolmentModel`` of one province, two districts of two
  villages, built from the baseline with ``QUIET`` and ``overrides`` (dotted keys) applied, every
  worker blank (unemployed, never registered; ``blank=False`` keeps the drawn population); nothing
  has been stepped (month 0), and the month's caches are set up as ``step`` would.
- ``put(model, rows, segment=..., status=..., ...)``: set columns of ``rows``, through
  ``Workers.set_segment`` and ``Workers.set_status`` so the peer counts stay right.
- ``start_month(model)``: what ``EnrolmentModel.step`` does before the processes (flows, ledger and
  caches reset, peer shares), for tests that call a rule on its own.
- ``uniform_draws(model, u)``: a context in which every uniform draw of the model's generator
  (``rng.random``) is ``u``, so that a rule's ``U < p`` compare pins ``p`` from both sides (every
  other kind of draw is the real generator's).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np

import enrolsim
from conftest import baseline
from enrolsim.core.codes import Segment, Status
from enrolsim.model import EnrolmentModel
from enrolsim.scenario.fields import segment_values
from enrolsim.world.workers import NO_END, NO_MONTH

#: Every monthly probability of the baseline at zero, so that only what a test switches on happens.
QUIET: dict[str, Any] = {
    "labour_market.permanent_job_loss": 0.0,
    "labour_market.contract_renewal": 1.0,
    "labour_market.contract_to_permanent": 0.0,
    "labour_market.job_finding": 0.0,
    "labour_market.informal_exit": 0.0,
    "labour_market.platform_exit": 0.0,
    "labour_market.construction_exit": 0.0,
    "labour_market.casual_renewal": 1.0,
    "labour_market.casual_search": 0.0,
    "labour_market.recall": 0.0,
    "labour_market.formal_employment": "growth",  # no Sakernas target opening or closing wage jobs
    "labour_market.job_growth": dict.fromkeys(("permanent", "contract", "informal", "platform", "construction", "unemployed"), 0.0),
    "employers.registration_rate": 0.0,
    "employers.registration_rate_changes": [],
    "employers.full_compliance_rate": 0.0,
    "employers.partial_drift": 0.0,
    "employers.closure_rate": 0.0,
    "employers.arrears_probability": 0.0,
    "employers.arrears_cure": 0.0,
    "enrolment.base_logit": -20.0,
    "contributions.bpu_miss_probability": 0.0,
    "contributions.bpu_miss_again": 0.0,
    "jht.withdrawal_probability": 0.0,
    "jht.background_probability": 0.0,
    "jht.resign_to_withdraw": 0.0,
    "accidents.accident_rates": [0.0, 0.0, 0.0, 0.0, 0.0],
    "accidents.mortality": 0.0,
    "literacy.decay": 0.0,
    "literacy.peer_learning": 0.0,
    "literacy.campaign_reach": 0.0,
    "third_party_payers.scale": 0.0,
    # The agency's stocks kept apart from the worker rows (Jakon, PMI) at zero: the indicators then count rows only.
    "construction_projects.registrations_per_worker": 0.0,
    "migrant_workers.placements_per_month": 0.0,
}

#: One province of two districts of two villages: small enough to reason about.
GEOGRAPHY: dict[str, Any] = {"population.provinces": 1, "population.districts_per_province": 2, "population.villages_per_district": 2}


@cache
def _baseline() -> enrolsim.Scenario:
    """The baseline file, read once a session (``with_overrides`` copies it, so it is never changed)."""
    return baseline()


def draw_segments(rng: np.random.Generator, shares_section: object, n: int) -> np.ndarray:
    """Segments drawn from national shares with ``rng.choice``: what the model drew before provinces became
    labour markets, and what ``jobs.draw_segments_by_region`` must still draw with one region."""
    shares = np.asarray(segment_values(shares_section))
    return rng.choice(len(Segment), n, p=shares / shares.sum()).astype(np.int8)


def mock_scenario(overrides: dict[str, Any] | None = None, *, agents: int = 200, quiet: bool = True) -> enrolsim.Scenario:
    """The baseline at ``agents`` workers in the small geography, quiet unless ``quiet`` is false, with ``overrides``."""
    settings = {"population.agents": agents, "months": 12, **GEOGRAPHY, **(QUIET if quiet else {}), **(overrides or {})}
    return enrolsim.with_overrides(_baseline(), settings)


def mock_model(overrides: dict[str, Any] | None = None, *, agents: int = 200, seed: int = 0, quiet: bool = True, blank: bool = True) -> EnrolmentModel:
    """A built, unstepped model of :func:`mock_scenario`, with the month's bookkeeping set up as ``step`` would.

    ``blank`` (the default) makes every worker an unemployed 30-year-old who never registered, with no
    employer, contract or balance, so that only the rows a test sets up can do anything.
    """
    model = EnrolmentModel(mock_scenario(overrides, agents=agents, quiet=quiet), rng=seed)
    if blank:
        everyone = np.arange(model.workers.size)
        put(model, everyone, segment=Segment.UNEMPLOYED.value, status=Status.NEVER.value, scheme=0, payer=0, employer=-1, employer_registered=False)
        put(model, everyone, contract_end=NO_END, enrolled_month=NO_MONTH, left_job_month=NO_MONTH, paid_until=NO_MONTH, recruiter=-1)
        put(model, everyone, jht_balance=0.0, contribution_months=0, months_unpaid=0, birth_month=-30 * 12)
        put(model, everyone, last_employer=-1, last_registered=False, leave_cause=0, casual=False, steady_payer=False)
    start_month(model)
    return model


def start_month(model: EnrolmentModel) -> None:
    """What ``EnrolmentModel.step`` does before the processes: zero the tallies and caches, compute peer shares."""
    model.flows.reset()
    model.ledger.reset()
    model.month_cache.clear()
    model.peer_active_share = model._peer_active_share()


def put(model: EnrolmentModel, rows: np.ndarray | list[int], **columns: Any) -> np.ndarray:
    """Set ``columns`` of ``rows`` (scalars or arrays); segment and status through the workers' own setters.

    Returns ``rows`` as an index array. Columns not named keep their values.
    """
    rows = np.asarray(rows, dtype=np.int64)
    w = model.workers
    if "segment" in columns:
        w.set_segment(rows, np.broadcast_to(np.asarray(columns.pop("segment"), dtype=np.int8), rows.shape).copy())
    if "status" in columns:
        status = np.broadcast_to(np.asarray(columns.pop("status"), dtype=np.int8), rows.shape)
        for code in np.unique(status):
            w.set_status(rows[status == code], Status(int(code)))
    for name, value in columns.items():
        column = getattr(w, name)
        column[rows] = value
    if "risk" in columns:  # the PU rate is looked up once by risk class (model.pu_rate): keep it in step
        model.pu_rate[rows] = model.pu_rates_by_class()[w.risk[rows]]
    return rows


def rows_of(model: EnrolmentModel, segment: Segment, n: int) -> np.ndarray:
    """The first ``n`` rows, moved to ``segment`` (a convenient set of workers to hand-build)."""
    rows = np.arange(n)
    put(model, rows, segment=segment.value)
    return rows


class FixedUniform:
    """A generator whose uniform draws (``random``) are all ``u``; every other draw is ``rng``'s."""

    def __init__(self, rng: np.random.Generator, u: float) -> None:
        self._rng, self.u = rng, u

    def random(self, size: Any = None, dtype: Any = np.float64, out: np.ndarray | None = None) -> Any:
        return np.full(() if size is None else size, self.u, dtype=dtype)[()]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rng, name)


class ExactPoisson:
    """A generator whose ``poisson(lam)`` returns ``lam`` rounded, so the size of a shortfall or an excess is known;
    every other draw is ``rng``'s."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng

    def poisson(self, lam: Any) -> int:
        return round(float(lam))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rng, name)


def exact_poisson(model: EnrolmentModel) -> EnrolmentModel:
    """``model`` drawing with :class:`ExactPoisson` from now on."""
    model.rng = ExactPoisson(model.rng)
    return model


@contextmanager
def uniform_draws(model: EnrolmentModel, u: float) -> Iterator[None]:
    """Within the block every ``model.rng.random`` draw is ``u`` (binomials, choices, exponentials stay random)."""
    real = model.rng
    model.rng = FixedUniform(real, u)  # type: ignore[assignment]
    try:
        yield
    finally:
        model.rng = real
