"""Accidents, deaths, claims and news (processes/accidents.py) on hand-built worlds.

With an accident rate of 1 for one risk class and 0 for the others, pins who has an accident (every
worker of that class, whatever the status), that only active participants' accidents are claims
(``jkk_claim`` each) and only active participants' deaths pay ``jkm_benefit``, that the dead are
replaced by entrants with their balance paid on exit, and the village news of docs/ODD.md 7.6:
trust rises by ``min(trust_per_claim_seen x A x claims / N_v, 1) x (1 - T)`` in the village of a
claim only, perceived risk moves toward the occupation's base and up with uninsured accidents.
"""

import numpy as np
import pytest

from enrolsim.core.codes import ExitCause, Scheme, Status
from enrolsim.processes.accidents import accidents_and_claims
from enrolsim.world.drift import base_perceived_risk
from worlds import mock_model, put, uniform_draws

ACTIVE, INACTIVE, NEVER = Status.ACTIVE.value, Status.INACTIVE.value, Status.NEVER.value
#: Accidents for risk class 0 only, none fatal unless a test says so.
CLASS_0_ONLY = {"accidents.accident_rates": [1.0, 0.0, 0.0, 0.0, 0.0], "accidents.fatal_share": 0.0}
A, TRUST_PER_CLAIM, RISK_PER_UNINSURED, DECAY = 40, 0.05, 0.05, 0.03


def world(overrides=None):
    """Every worker in risk class 1 (no accidents), trust 0.5 and perceived risk 0.2, but for those a test sets."""
    model = mock_model({**CLASS_0_ONLY, **(overrides or {})})
    everyone = put(model, np.arange(model.workers.size), risk=1)
    model.drift.set(everyone, np.full(everyone.size, 0.5, dtype=np.float32), np.full(everyone.size, 0.2, dtype=np.float32))
    return model


def first_row_of(model, village):
    return int(np.flatnonzero(model.workers.village == village)[0])


def test_only_an_active_participants_accident_is_a_claim():
    model = world()
    v1 = first_row_of(model, 1)
    put(model, [0], risk=0, status=ACTIVE, scheme=Scheme.PU.value)
    put(model, [1], risk=0, status=INACTIVE, jht_balance=2_000_000.0)
    put(model, [v1], risk=0, status=NEVER)
    accidents_and_claims(model)
    f = model.flows
    assert (f.accidents, f.claims, f.claims_rupiah, f.deaths) == (3, 1, 8_000_000.0, 0)
    assert model.workers.status[[0, 1, v1]].tolist() == [ACTIVE, INACTIVE, NEVER]  # nobody died


def test_a_claim_raises_trust_in_its_village_only():
    model = world()
    put(model, [0, 1], risk=0, status=ACTIVE, scheme=Scheme.BPU.value)  # two claims in village 0
    accidents_and_claims(model)
    size_0 = np.count_nonzero(model.workers.village == 0)
    gain = min(TRUST_PER_CLAIM * A * 2 / size_0, 1)  # 0.0909 for 44 workers
    others = [first_row_of(model, v) for v in (1, 2, 3)]
    assert model.drift.trust(np.array([5]))[0] == pytest.approx(0.5 + gain * 0.5, rel=1e-6)
    assert model.drift.trust(np.array(others)).tolist() == [0.5, 0.5, 0.5]


def test_uninsured_accidents_raise_perceived_risk_which_also_drifts_to_the_occupations_base():
    model = world()
    put(model, [0], risk=0, status=INACTIVE)  # an uninsured accident in village 0 (an inactive account does not insure)
    v1 = first_row_of(model, 1)
    put(model, [v1, v1 + 1], risk=0, status=NEVER)  # two in village 1
    accidents_and_claims(model)
    w = model.workers
    size = [np.count_nonzero(w.village == v) for v in range(4)]
    base = 0.15 + 0.15 * 1  # risk class 1

    def expected(uninsured, village):
        return 0.2 + DECAY * (base - 0.2) + min(RISK_PER_UNINSURED * A * uninsured / size[village], 1) * (1 - 0.2)

    rows = np.array([5, v1 + 5, first_row_of(model, 2)])
    assert model.drift.perceived_risk(rows) == pytest.approx([expected(1, 0), expected(2, 1), expected(0, 2)], rel=1e-6)
    assert model.drift.trust(rows).tolist() == [0.5, 0.5, 0.5]  # no claims: trust does not move (nor decay)


def test_a_fatal_accident_pays_the_claim_and_the_death_benefit_to_an_active_participant_and_frees_the_row():
    model = world({"accidents.fatal_share": 1.0, "jht.balance_half": 0})  # every balance claimed by the heirs
    put(model, [0], risk=0, status=ACTIVE, scheme=Scheme.PU.value, jht_balance=3_000_000.0, birth_month=-40 * 12)
    put(model, [1], risk=0, status=INACTIVE, jht_balance=1_000_000.0, birth_month=-40 * 12)
    accidents_and_claims(model)
    f, w = model.flows, model.workers
    assert (f.accidents, f.claims, f.deaths, f.retirements) == (2, 1, 2, 0)
    assert f.claims_rupiah == 8_000_000.0 + 24_000_000.0
    assert (f.jht_exit_claims, f.jht_paid_on_exit, f.jht_withdrawals) == (2, 4_000_000.0, 0)
    assert (f.lapses, f.exits_by_cause[ExitCause.RETIREMENT]) == (1, 1)  # the active participant's death is an exit
    assert w.status[[0, 1]].tolist() == [NEVER, NEVER]  # entrants (no vacancy is open: none is hired)
    assert w.jht_balance[[0, 1]].tolist() == [0.0, 0.0]
    assert (w.birth_month[[0, 1]] >= -18 * 12 - 11).all()


def test_no_accident_happens_at_rate_zero():
    model = world()
    put(model, np.arange(50), status=ACTIVE, scheme=Scheme.BPU.value)
    accidents_and_claims(model)
    assert (model.flows.accidents, model.flows.claims, model.flows.claims_rupiah) == (0, 0, 0.0)


@pytest.mark.parametrize(("u", "fatal"), [(0.5 - 1e-9, True), (0.5, False)])
def test_an_accident_is_fatal_with_a_draw_under_fatal_share(u, fatal):
    model = world({"accidents.fatal_share": 0.5})
    put(model, [0], risk=0, status=ACTIVE, scheme=Scheme.PU.value)
    with uniform_draws(model, u):
        accidents_and_claims(model)
    assert model.flows.deaths == int(fatal)


def test_the_death_benefit_is_paid_for_active_participants_only():
    """Three fatal accidents, one of an active participant: one claim (Rp8m) and one death benefit (Rp24m)."""
    model = world({"accidents.fatal_share": 1.0})
    put(model, [0], risk=0, status=ACTIVE, scheme=Scheme.PU.value)
    put(model, [1], risk=0, status=INACTIVE)
    put(model, [2], risk=0, status=NEVER)
    accidents_and_claims(model)
    assert (model.flows.deaths, model.flows.claims_rupiah) == (3, 8_000_000.0 + 24_000_000.0)


@pytest.mark.parametrize("decay", [0.0, 0.2])
def test_news_of_many_claims_and_uninsured_accidents_raises_trust_and_risk_to_one_at_most(decay):
    """Gains are capped (trust's at 1, risk's at 1 less the decay toward the base): trust and perceived risk reach 1
    and go no further, with or without the decay."""
    model = world({"accidents.trust_per_claim_seen": 1.0, "accidents.risk_per_uninsured_seen": 1.0, "accidents.perceived_risk_decay": decay})
    village_0 = np.flatnonzero(model.workers.village == 0)
    put(model, village_0[:20], risk=0, status=ACTIVE, scheme=Scheme.PU.value)  # 20 claims
    put(model, village_0[20:40], risk=0, status=NEVER)  # 20 uninsured accidents
    accidents_and_claims(model)
    rows = village_0[40:]
    assert model.drift.trust(rows) == pytest.approx(np.ones(rows.size))
    risk = model.drift.perceived_risk(rows)
    assert (risk <= 1.0 + 1e-6).all() and risk == pytest.approx(
        np.ones(rows.size) if decay == 0 else 0.8 + 0.2 * base_perceived_risk(model.workers.risk[rows]), rel=1e-6
    )
