"""Rule tests of ecosystem outreach (levers/ecosystems.py).

Pinned:
- who each ecosystem contacts among the uncovered non-wage workers: villages every informal worker,
  markets informal workers above the informal median income, e-commerce platform partners, the
  vulnerable informal workers under the local-government income threshold; never a wage earner, an
  unemployed or an active participant;
- a contacted worker learns ``literacy_gain`` and then registers (BPU, paying for themselves) with
  ``conversion x (0.5 + literacy)``;
- small and micro enterprises: visits to workers of unregistered employers only; each visited
  employer registers fully with ``SME_CONVERSION`` (0.2) over the worker agents a unit of its size
  holds (a visit converts about a fifth of an agent's employment at any unit size); no visits, no draw;
- each contact or visit costs ``unit_cost`` x persons per agent; the same world in persons costs
  the same rupiah, and gains the same participants, at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model, rng_state, set_employers

import enrolsim.levers.ecosystems as ecosystems
from enrolsim.core.codes import Payer, Scheme, Segment, Status
from worlds import put, uniform_draws

EC = EXT + "ecosystems."
UNIT_COST = 33_000.0
GROUPS = ("village", "market", "e_commerce", "vulnerable")


def outreach_world(group: str | None, *, conversion: float = 0.0, gain: float = 0.0, agents: int = 200, persons: float = 1e8, **settings):
    """Every ecosystem off but ``group`` (``persons`` contacts); rows 0-1 informal at Rp1.2m, 2-3 informal at Rp2m, 4-5 informal
    at Rp0.8m, 6-7 platform partners, 8 a wage earner, 9 an active informal participant; the vulnerable line at Rp1m."""
    values = {g: 0.0 for g in GROUPS} | ({group: persons} if group else {}) | {"conversion": conversion, "literacy_gain": gain, "unit_cost": UNIT_COST}
    model = lever_model({**{EC + k: v for k, v in (values | settings).items()}, EXT + "local_government.income_threshold": 1_000_000}, agents=agents)
    put(model, [0, 1], segment=Segment.INFORMAL.value, income=1_200_000.0)
    put(model, [2, 3], segment=Segment.INFORMAL.value, income=2_000_000.0)
    put(model, [4, 5], segment=Segment.INFORMAL.value, income=800_000.0)
    put(model, [10], segment=Segment.INFORMAL.value, income=1_000_000.0)  # at the vulnerable line: village outreach only
    put(model, [11], segment=Segment.INFORMAL.value, income=1_500_000.0)  # at the informal median: neither market nor vulnerable
    put(model, [6, 7], segment=Segment.PLATFORM.value, income=800_000.0)
    put(model, [8], segment=Segment.PERMANENT.value, income=800_000.0)
    put(model, [9], segment=Segment.INFORMAL.value, income=800_000.0, status=Status.ACTIVE.value, scheme=Scheme.BPU.value)
    put(model, np.arange(agents), literacy=0.5)
    return model


def taught(model) -> list[int]:
    return np.flatnonzero(model.workers.literacy != np.float32(0.5)).tolist()


@pytest.mark.parametrize(("group", "reached"), [("village", [0, 1, 2, 3, 4, 5, 10, 11]), ("market", [2, 3]), ("e_commerce", [6, 7]), ("vulnerable", [4, 5])])
def test_each_ecosystem_contacts_its_own_workers(group: str, reached: list[int]):
    model = outreach_world(group, gain=0.5)
    model.levers["ecosystems"].act(model)
    assert taught(model) == reached
    assert np.allclose(model.workers.literacy[reached], 0.75)
    assert model.ledger.costs["ecosystems"] == pytest.approx(len(reached) * model.represents * UNIT_COST, rel=1e-12)
    assert model.flows.new_registrations == 0, "conversion 0: nobody registers"


def test_contacts_are_capped_by_the_persons_a_month():
    """Persons for exactly two worker agents: two of the eight informal workers."""
    model = outreach_world("village", gain=0.5)
    model.params.strategies.extensification.ecosystems.village = 2 * model.represents
    model.levers["ecosystems"].act(model)
    assert len(taught(model)) == 2 and set(taught(model)) <= {0, 1, 2, 3, 4, 5, 10, 11}


def test_contacted_workers_register_with_conversion_times_half_plus_literacy():
    """At literacy 0.5 (no gain) and conversion 1 every contact registers, paying for themselves; at conversion 0.7 and
    a gain that lifts literacy to 1 before the draw, p = 0.7 x 1.5 > 1: every contact too (without the gain 0.7); at conversion 0.5 and no gain, p = 0.5."""
    model = outreach_world("village", conversion=1.0)
    model.levers["ecosystems"].act(model)
    w, rows = model.workers, np.array([0, 1, 2, 3, 4, 5, 10, 11])
    assert (w.status[rows] == Status.ACTIVE.value).all() and (w.scheme[rows] == Scheme.BPU.value).all() and (w.payer[rows] == Payer.SELF.value).all()
    assert model.flows.new_registrations == 8 and w.status[8] == Status.NEVER.value

    model = outreach_world("village", conversion=0.7, gain=1.0)
    model.levers["ecosystems"].act(model)
    assert model.flows.new_registrations == 8

    for conversion, registered in ((0.5, 0), (0.5000001, 8)):  # p = conversion x (0.5 + 0.5): a draw equal to p does not register
        model = outreach_world("village", conversion=conversion)
        with uniform_draws(model, 0.5):
            model.levers["ecosystems"].act(model)
        assert model.flows.new_registrations == registered, conversion

    model = lever_model({EC + "village": 1e8, EC + "conversion": 0.5, EC + "literacy_gain": 0.0}, agents=2_000)
    put(model, np.arange(0, 2_000, 2), segment=Segment.INFORMAL.value, literacy=0.5)
    model.levers["ecosystems"].act(model)
    assert 440 <= model.flows.new_registrations <= 560


def test_small_enterprise_visits_reach_workers_of_unregistered_employers_only(monkeypatch):
    """Employers 0-1 unregistered (two workers each), 2 registered (two workers): the four workers of 0 and 1 are visited;
    at a conversion of a unit's agents (25 here: a chance of 1) both employers register, at 0 neither does."""
    for conversion in (25.0, 0.0):
        monkeypatch.setattr(ecosystems, "SME_CONVERSION", conversion)
        model = lever_model({EC + "small_micro_enterprises": 1e8, EC + "unit_cost": UNIT_COST}, employers=3)
        assert model.employers.agents_in(np.arange(3)).tolist() == [25.0] * 3
        set_employers(model, [2], registered=True)
        put(model, np.arange(6), segment=Segment.PERMANENT.value, employer=[0, 0, 1, 1, 2, 2], income=2_000_000.0)
        model.levers["ecosystems"].act_on_employers(model)
        assert model.employers.registered[:-1].tolist() == [conversion > 0, conversion > 0, True]
        assert model.employer_changes.tolist() == [conversion > 0, conversion > 0, False, False]
        assert model.ledger.costs["ecosystems"] == pytest.approx(4 * model.represents * UNIT_COST, rel=1e-12)
    assert ecosystems.SME_CONVERSION == 0.0 and monkeypatch.undo() is None and ecosystems.SME_CONVERSION == 0.2
    for u, registers in ((0.2 / 75, False), (0.1999999 / 75, True)):  # a unit of 75 agents registers when its draw U < 0.2 / 75
        model = lever_model({EC + "small_micro_enterprises": 1e8}, employers=1)
        put(model, [0, 1], segment=Segment.PERMANENT.value, employer=0, income=2_000_000.0)
        with uniform_draws(model, u):
            model.levers["ecosystems"].act_on_employers(model)
        assert bool(model.employers.registered[0]) is registers, u


def test_without_small_enterprise_visits_the_employer_side_draws_nothing():
    model = outreach_world("village", conversion=1.0)
    state = rng_state(model)
    model.levers["ecosystems"].act_on_employers(model)
    assert rng_state(model) == state and model.ledger.costs["ecosystems"] == 0


def test_ecosystems_off_are_inert():
    assert_inert({**{EC + g: 0.0 for g in (*GROUPS, "small_micro_enterprises")}, EC + "literacy_gain": 0.5}, "ecosystems")


def test_the_same_world_in_persons_costs_the_same_and_gains_the_same_at_two_sizes():
    """Every 10th worker informal, contacts for 10 worker agents at 2,000 (40 at 8,000), all registering: the same rupiah
    and the same participants gained in persons, so the same cost per participant gained (the unit cost)."""
    costs, gained = [], []
    for agents in SIZES:
        model = lever_model({EC + "village": 10 * 60_980, EC + "conversion": 1.0, EC + "literacy_gain": 0.0, EC + "unit_cost": UNIT_COST}, agents=agents)
        put(model, np.arange(0, agents, 10), segment=Segment.INFORMAL.value, literacy=0.5)
        model.levers["ecosystems"].act(model)
        costs.append(model.ledger.costs["ecosystems"])
        gained.append(model.flows.new_registrations * model.represents)
    assert costs[0] == pytest.approx(10 * 60_980 * UNIT_COST, rel=1e-12) and costs[1] == pytest.approx(costs[0], rel=1e-12)
    assert gained == [10 * 60_980.0, 10 * 60_980.0]
    assert costs[1] / gained[1] == pytest.approx(UNIT_COST)


@pytest.mark.parametrize("group", [*GROUPS, "small_micro_enterprises"])
def test_one_person_a_month_in_any_ecosystem_switches_the_lever_on(group):
    off = {EC + g: 0.0 for g in (*GROUPS, "small_micro_enterprises")}
    assert lever_model({**off, EC + group: 1.0}).levers["ecosystems"].configured()
    assert not lever_model(off).levers["ecosystems"].configured()
