"""Rule tests of the Perisai corps (levers/perisai.py, institutions/perisai.py).

Pinned:
- one corps per district, ``agents_initial / districts`` members strong;
- the agency hires ``min(target - members, recruitment_per_month)`` agents a month, spread evenly,
  at ``recruitment_cost`` each (agents are persons: no persons-per-agent factor), and stops at the target;
- a corps contacts ``members x contacts_per_agent`` persons of its district's uncovered non-wage
  workers (nobody else), each joining with ``conversion x (0.5 + literacy) x experience`` (capped at
  1; experience rises by ``experience_effect`` over 24 months worked); recruits are BPU participants
  collected by the corps (payer PERISAI, recruiter = its district), counted in persons;
- earnings: ``commission_rate`` of what its recruits paid plus ``bonus`` for each member with at
  least ``bonus_threshold`` recruits (recruits per member Poisson), all charged to the agency;
  members net ``1 - institution_share`` of it; after 3 months worked a corps earning under
  ``reservation_income`` loses ``quit_rate`` of its members;
- the same world in persons costs and recruits the same at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model
from scipy.special import pdtrc

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.indicators import compute
from enrolsim.institutions.perisai import PerisaiAgent, perisai_members_total
from enrolsim.processes.contributions import contributions
from worlds import put, start_month, uniform_draws

P = EXT + "perisai."
#: At 2,000 agents (60,980 persons per agent) 3,049 members a district x 60 contacts = 3 worker agents contacted a district.
MEMBERS = 3_049


def perisai_world(*, agents: int = 2_000, members: float = MEMBERS, pool: int = 10, literacy: float = 0.5, **settings):
    """Two districts, ``pool`` informal workers in each (rows spread over the district), everyone else unemployed."""
    values = {"agents_initial": 2 * members, "agents_target": 0, "contacts_per_agent": 60, "conversion": 1.0, **settings}
    model = lever_model({P + k: v for k, v in values.items()}, agents=agents)
    vpd = model.params.population.villages_per_district
    by_district = []
    for d in range(model.n_districts):
        first, end = model.village_first_row[d * vpd], model.village_first_row[(d + 1) * vpd]
        rows = np.linspace(first, end - 1, pool).astype(np.int64) if pool else np.zeros(0, dtype=np.int64)
        put(model, rows, segment=Segment.INFORMAL.value, literacy=literacy)
        by_district.append(rows)
    return model, by_district


def corps(model) -> list[PerisaiAgent]:
    return sorted(model.agents_by_type[PerisaiAgent], key=lambda c: c.index)


def recruits(model) -> np.ndarray:
    w = model.workers
    return np.flatnonzero((w.status == Status.ACTIVE.value) & (w.payer == Payer.PERISAI.value))


def test_one_corps_per_district_with_an_even_share_of_the_agents():
    model, _ = perisai_world()
    assert [(c.district, c.index, c.members, c.months_worked) for c in corps(model)] == [(0, 0, MEMBERS, 0), (1, 1, MEMBERS, 0)]


def test_each_corps_recruits_in_its_own_district_only_the_uncovered_non_wage():
    model, pools = perisai_world()
    put(model, pools[0][:2], status=Status.ACTIVE.value, scheme=Scheme.BPU.value)  # already covered: not recruited again
    model.levers["perisai"].act(model)
    w, rows = model.workers, recruits(model)
    for d, pool in enumerate(pools):
        mine = np.intersect1d(rows, pool)
        assert mine.size == 3 and (w.recruiter[mine] == d).all()
    assert rows.size == 6 and np.isin(rows, np.concatenate(pools)).all()
    assert not np.isin(pools[0][:2], rows).any()
    assert (w.scheme[rows] == Scheme.BPU.value).all() and model.flows.new_registrations == 6
    assert model.ledger.perisai_recruits == 6
    assert [(c.recruits, c.recruits_total, c.months_worked) for c in corps(model)] == [(3 * model.represents, 3 * model.represents, 1)] * 2


def test_conversion_follows_literacy_and_experience():
    """p = conversion x (0.5 + literacy) x (1 + experience_effect x months/24), capped at 1."""
    model, _ = perisai_world(conversion=0.5, experience_effect=1.0)
    for c in corps(model):
        c.months_worked = 30  # two years or more: experience 2, so p = 0.5 x 1 x 2 = 1
    model.levers["perisai"].act(model)
    assert recruits(model).size == 6

    model, _ = perisai_world(conversion=0.0)
    model.levers["perisai"].act(model)
    assert recruits(model).size == 0 and model.ledger.perisai_recruits == 0

    # literacy 0 and conversion 1: p = 0.5; 200 contacts a district among 500 each, so 200 recruits (sd 10)
    model, _ = perisai_world(members=MEMBERS * 200 / 3, pool=500, literacy=0.0)
    model.levers["perisai"].act(model)
    assert 160 <= recruits(model).size <= 240
    model, _ = perisai_world(members=MEMBERS * 200 / 3, pool=500, literacy=1.0)
    model.levers["perisai"].act(model)
    assert recruits(model).size >= 398  # p = 1.5 capped at 1: every contact joins (the count of contacts is rounded at random)


@pytest.mark.parametrize(("months", "effect", "p"), [(0, 1.0, 0.5), (12, 1.0, 0.75), (24, 0.5, 0.75), (36, 0.5, 0.75)])
def test_experience_raises_conversion_over_24_months_and_no_further(months, effect, p):
    """p = 0.5 x (0.5 + 0.5) x (1 + experience_effect x min(months, 24) / 24), pinned from both sides of the draw: a
    draw just under p joins every contact (3 a district), one just over none."""
    for u, joined in ((p - 1e-4, 6), (p + 1e-4, 0)):
        model, _ = perisai_world(conversion=0.5, experience_effect=effect)
        for c in corps(model):
            c.months_worked = months
        with uniform_draws(model, u):
            model.levers["perisai"].act(model)
        assert recruits(model).size == joined, (months, effect, u)


def test_the_agency_hires_toward_its_target_at_the_monthly_pace():
    model, _ = perisai_world(members=50, agents_target=170, recruitment_per_month=40, recruitment_cost=900_000.0, contacts_per_agent=0, quit_rate=0.0)
    lever = model.levers["perisai"]
    hired = []
    for _ in range(4):
        start_month(model)
        lever.act(model)
        hired.append(model.ledger.costs["perisai"] / 900_000.0)
    assert hired == pytest.approx([40, 30, 0, 0])
    assert [c.members for c in corps(model)] == [85.0, 85.0] and perisai_members_total(model) == 170


def test_earnings_are_commission_and_bonus_and_the_agency_pays_them():
    model, _ = perisai_world(members=100, contacts_per_agent=0, commission_rate=0.1, bonus=400_000.0, bonus_threshold=50, institution_share=0.2)
    model.perisai_collected = np.array([1e9, 3e9])
    a, b = corps(model)
    a.expected_recruits, b.expected_recruits = 60 * 100, 0.0  # last month: 60 expected recruits per member in district 0, none in 1
    model.levers["perisai"].act(model)
    bonus_share = pdtrc(49, 60.0)
    gross = np.array([0.1 * 1e9 + 400_000 * bonus_share * 100, 0.1 * 3e9])
    assert model.ledger.costs["perisai"] == pytest.approx(gross.sum(), rel=1e-12)
    assert [a.net_earnings_per_agent, b.net_earnings_per_agent] == pytest.approx(list(0.8 * gross / 100), rel=1e-12)


@pytest.mark.parametrize("agents", SIZES)
def test_the_bonus_follows_the_recruits_expected_of_a_member_not_the_rounding_of_worker_agents(agents):
    """100 members a district, 60 contacts each, every contact joins (conversion 1 at literacy 0.5): 60 recruits a
    member are expected, 6,000 persons, a tenth of a worker agent at 2,000 agents. Whether the draw recruits no agent
    or one (60,980 persons: 610 a member), the next month's bonus is for Poisson(60) >= 50, at either size."""
    model, _ = perisai_world(agents=agents, members=100, commission_rate=0.0, bonus=400_000.0, bonus_threshold=50)
    lever = model.levers["perisai"]
    lever.act(model)
    assert [c.expected_recruits for c in corps(model)] == pytest.approx([6_000.0, 6_000.0], rel=1e-12)
    start_month(model)
    lever.act(model)
    assert model.ledger.costs["perisai"] == pytest.approx(2 * 400_000 * pdtrc(49, 60.0) * 100, rel=1e-12)


def test_under_earning_corps_lose_members_after_three_months():
    model, _ = perisai_world(members=100, contacts_per_agent=0, reservation_income=1e9, quit_rate=0.2)
    a, b = corps(model)
    a.months_worked, b.months_worked = 3, 2
    model.levers["perisai"].act(model)
    assert [a.members, b.members] == [80.0, 100.0]  # quit_rate of the members leave, the others stay
    assert [a.months_worked, b.months_worked] == [4, 3]
    model, _ = perisai_world(members=100, contacts_per_agent=0, reservation_income=0.0, quit_rate=0.2)
    for c in corps(model):
        c.months_worked = 3
    model.levers["perisai"].act(model)
    assert [c.members for c in corps(model)] == [100.0, 100.0]  # earning exactly the reservation income (0): nobody quits


def test_a_corps_without_members_does_not_work():
    model, _ = perisai_world(members=MEMBERS)
    a, _ = corps(model)
    a.members = 0.0
    model.levers["perisai"].act(model)
    assert a.months_worked == 0 and a.recruits == 0 and recruits(model).size == 3


def test_perisai_off_is_inert():
    assert_inert({P + "agents_initial": 0, P + "agents_target": 0, P + "contacts_per_agent": 100, P + "conversion": 0.5}, "perisai")


def test_the_same_world_in_persons_costs_and_recruits_the_same_at_two_sizes():
    """Every 4th worker informal. Month 1: each corps recruits 3 worker agents at 2,000 agents, 12 at 8,000 (the same persons).
    Month 2: the agency hires 100 agents (Rp1m each), and the corps earn the commission on the same collections and a bonus
    that depends on last month's recruits per member (persons): the same rupiah at both sizes, as computed by hand."""
    costs, recruited = [], []
    for agents in SIZES:
        model = lever_model({P + "agents_initial": 2 * MEMBERS, P + "contacts_per_agent": 60, P + "conversion": 1.0}, agents=agents)
        put(model, np.arange(0, agents, 4), segment=Segment.INFORMAL.value, literacy=0.5)
        lever = model.levers["perisai"]
        lever.act(model)
        recruited.append(recruits(model).size * model.represents)
        model.params.strategies.extensification.perisai.agents_target = 2 * MEMBERS + 100
        start_month(model)
        model.perisai_collected = np.array([5e8, 7e8])
        lever.act(model)
        costs.append(model.ledger.costs["perisai"])
    assert recruited[0] == pytest.approx(6 * 60_980, rel=1e-12) and recruited[1] == pytest.approx(recruited[0], rel=1e-12)
    members = MEMBERS + 50
    expected = 100 * 1_000_000 + 0.075 * 1.2e9 + 2 * 500_000 * pdtrc(49, 3 * 60_980 / members) * members
    assert costs[0] == pytest.approx(expected, rel=1e-9)
    assert costs[1] == pytest.approx(costs[0], rel=1e-9)


def test_the_commission_on_what_recruits_paid_is_the_same_at_two_sizes():
    """Recruits pay the BPU package (Rp16,800, no JHT) through their corps; next month the agency pays 7.5% of it as
    commission. 6 worker agents at 2,000 agents, 24 at 8,000: the same persons, so the same rupiah (no bonus here)."""
    costs = []
    for agents in SIZES:
        model = lever_model({P + "agents_initial": 2 * MEMBERS, P + "contacts_per_agent": 60, P + "conversion": 1.0, P + "bonus": 0.0}, agents=agents)
        put(model, np.arange(0, agents, 4), segment=Segment.INFORMAL.value, literacy=0.5, bpu_jht=False)
        lever = model.levers["perisai"]
        lever.act(model)
        contributions(model)  # the quiet world: nobody misses a payment
        start_month(model)
        model.params.strategies.extensification.perisai.contacts_per_agent = 0
        lever.act(model)
        costs.append(model.ledger.costs["perisai"])
    assert costs[0] == pytest.approx(0.075 * 6 * 60_980 * 16_800, rel=1e-6)
    assert costs[1] == pytest.approx(costs[0], rel=1e-6)


def test_the_indicators_count_agents_recruits_and_earnings_in_persons():
    """After a month: agents working (members, persons), recruits and active recruits (worker agents x persons per agent),
    and the mean net earnings weighted by members (two corps of 100 and 300 members earning differently)."""
    model, _ = perisai_world(members=MEMBERS, commission_rate=0.1, institution_share=0.0, bonus=0.0)
    a, b = corps(model)
    model.perisai_collected = np.array([1e9, 9e9])
    model.levers["perisai"].act(model)
    a.members, b.members = 100.0, 300.0  # after the month's work: weigh the corps differently
    a.net_earnings_per_agent, b.net_earnings_per_agent = 1_000.0, 5_000.0
    values = compute(model)
    r = model.represents
    assert values["perisai_agents"] == 400.0
    assert values["perisai_recruits"] == pytest.approx(6 * r) and values["perisai_recruits_active"] == pytest.approx(6 * r)
    assert values["perisai_earnings_per_agent"] == pytest.approx((100 * 1_000 + 300 * 5_000) / 400)
    assert values["cost_perisai"] == values["programme_cost"] == pytest.approx(0.1 * 1e10)


def test_the_cumulative_recruits_add_up_month_by_month():
    model, _ = perisai_world(pool=40)
    r = []
    for _ in range(3):
        model.step()
        r.append(model.indicators["perisai_recruits"])
    assert r[0] == pytest.approx(6 * model.represents, rel=0.01) and all(x > 0 for x in r)
    assert model.indicators["perisai_recruits_cumulative"] == pytest.approx(sum(r), rel=1e-12)


@pytest.mark.parametrize(("initial", "target"), [(1, 0), (0, 1)])
def test_one_agent_at_the_start_or_as_the_target_switches_perisai_on(initial, target):
    assert lever_model({P + "agents_initial": initial, P + "agents_target": target}).levers["perisai"].configured()


def test_the_mean_earnings_of_a_single_agent_are_his_and_of_none_zero():
    model, _ = perisai_world(members=MEMBERS)
    a, b = corps(model)
    a.members, b.members = 1.0, 0.0
    a.net_earnings_per_agent, b.net_earnings_per_agent = 2_500.0, 9_000.0
    assert compute(model)["perisai_earnings_per_agent"] == 2_500.0
    a.members = 0.0
    assert compute(model)["perisai_earnings_per_agent"] == 0.0


def test_before_its_start_perisai_reports_no_agents():
    """The corps are built with the scenario, but work (and are counted) only from the lever's start."""
    model = lever_model({P + "agents_initial": 2 * MEMBERS, P + "start": "2018-01"})
    assert corps(model) and compute(model)["perisai_agents"] == 0.0
