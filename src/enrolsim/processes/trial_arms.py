"""An in-model randomised trial acting on the rows assigned to its arms (``enrolsim trial``).

In the trial's first month the workers of a target group are assigned at random to arms (with
the model's generator) and each arm's intervention is applied to its rows in one vectorised call:

- information: literacy rises by ``literacy_gain`` toward 1;
- the offer: every member of an arm (control included) is visited once and offered enrolment; they
  try with the model's own enrolment logit plus ``visit_logit`` (the visit itself); with a subsidy
  the price term is removed (the offer is free) and ``free_offer_logit`` added; an attempt is
  completed with ``completion_unassisted`` (the model's) or, with help to register, ``assisted_completion``;
- subsidy for N months: enrolled members are paid for (payer ``SPONSOR``: no missed months) until
  the N-th month of the trial, then pay for themselves; members of the arm who enrol later in the
  window are paid for too;
- default enrolment: every member is enrolled except a random ``opt_out`` share.

Afterwards the model runs as usual: members lapse, re-enrol, leave. Rows whose worker retires or
dies (the row is taken by an entrant) leave the trial: a member is a row with the birth month it
had at assignment. With no trial (``model.trial is None``) this process does nothing.
"""

from dataclasses import dataclass

import numpy as np

from enrolsim.core.codes import Payer, Scheme, Status
from enrolsim.processes.voluntary_enrolment import enrolment_probability
from enrolsim.state import ModelState
from enrolsim.world.participation import activate
from enrolsim.world.sampling import hit


@dataclass(frozen=True)
class Arm:
    """One arm's intervention (all at their defaults: control)."""

    name: str
    weight: float = 1.0
    literacy_gain: float = 0.0
    subsidy_months: int = 0
    assisted: bool = False
    default_enrolment: bool = False
    opt_out: float = 0.1


@dataclass
class TrialArms:
    """The trial's design and, once assigned, its members (rows, arm codes, birth months)."""

    arms: tuple[Arm, ...]
    start: int  # model month of the visit
    segments: tuple[int, ...]
    income_below: float | None = None
    share: float = 1.0
    uncovered_only: bool = True
    visit_logit: float = 0.0
    free_offer_logit: float = 0.0
    assisted_completion: float = 1.0
    rows: np.ndarray | None = None
    arm: np.ndarray | None = None
    birth: np.ndarray | None = None

    def act(self, model: ModelState) -> None:
        """Assign and intervene in the start month; keep subsidies paid (and ended) afterwards."""
        if model.month == self.start:
            self._assign(model)
            for code, arm in enumerate(self.arms):
                self._intervene(model, arm, self.members(model, code))
        elif self.rows is not None and model.month > self.start:
            self._keep_subsidies(model)

    def _assign(self, model: ModelState) -> None:
        w = model.workers
        eligible = np.isin(w.segment, np.asarray(self.segments, dtype=w.segment.dtype))
        if self.uncovered_only:
            eligible &= w.status != Status.ACTIVE.value
        if self.income_below is not None:
            eligible &= w.income < np.float32(self.income_below)
        rows = np.sort(hit(model.rng, np.flatnonzero(eligible), self.share))
        weights = np.array([a.weight for a in self.arms], dtype=float)
        self.rows = rows
        self.arm = model.rng.choice(len(self.arms), rows.size, p=weights / weights.sum()).astype(np.int8)
        self.birth = w.birth_month[rows].copy()

    def members(self, model: ModelState, code: int) -> np.ndarray:
        """Rows of arm ``code`` still held by the worker assigned (not replaced by an entrant)."""
        if self.rows is None:
            return np.empty(0, dtype=np.int64)
        same = self.birth == model.workers.birth_month[self.rows]
        return self.rows[(self.arm == code) & same]

    def _intervene(self, model: ModelState, arm: Arm, idx: np.ndarray) -> None:
        w, rng = model.workers, model.rng
        if idx.size == 0:
            return
        if arm.literacy_gain > 0:
            w.teach(idx, arm.literacy_gain)
        if arm.default_enrolment:
            enrol = idx[rng.random(idx.size) >= arm.opt_out]
        else:
            p = np.clip(enrolment_probability(model, idx).astype(np.float64), 1e-12, 1 - 1e-12)
            logit = np.log(p / (1 - p)) + self.visit_logit
            if arm.subsidy_months > 0:  # a free offer: no price term
                price_share = model.bpu_price(idx) / np.maximum(w.income[idx], np.float32(1.0)) / model.income_multiplier
                logit += -model.params.enrolment.price_effect * price_share + self.free_offer_logit
            completion = self.assisted_completion if arm.assisted else model.params.enrolment.completion_unassisted
            enrol = idx[rng.random(idx.size) < completion / (1 + np.exp(-logit))]
        enrol = enrol[w.status[enrol] != Status.ACTIVE.value]
        if arm.subsidy_months > 0:
            activate(w, model.flows, enrol, Scheme.BPU, model.month, Payer.SPONSOR)
            w.paid_until[enrol] = self.start + arm.subsidy_months - 1
        else:
            activate(w, model.flows, enrol, Scheme.BPU, model.month)

    def _keep_subsidies(self, model: ModelState) -> None:
        w = model.workers
        for code, arm in enumerate(self.arms):
            if arm.subsidy_months <= 0:
                continue
            idx = self.members(model, code)
            last = self.start + arm.subsidy_months - 1
            if model.month <= last:  # members who enrolled themselves during the window are paid for too
                joined = idx[(w.status[idx] == Status.ACTIVE.value) & (w.scheme[idx] == Scheme.BPU.value) & (w.payer[idx] == Payer.SELF.value)]
                w.payer[joined] = Payer.SPONSOR
                w.paid_until[joined] = last
            else:
                ended = idx[(w.payer[idx] == Payer.SPONSOR.value) & (w.paid_until[idx] < model.month)]
                w.payer[ended] = Payer.SELF

    def uptake(self, model: ModelState) -> list[tuple[str, int, float]]:
        """Per arm: name, members, share of the members active now."""
        out = []
        for code, arm in enumerate(self.arms):
            idx = self.members(model, code)
            share = float(np.count_nonzero(model.workers.status[idx] == Status.ACTIVE.value)) / max(idx.size, 1)
            out.append((arm.name, int(idx.size), share))
        return out


def trial_arms(model: ModelState) -> None:
    """The trial's arms act on their rows (nothing without a trial)."""
    if model.trial is not None:
        model.trial.act(model)
