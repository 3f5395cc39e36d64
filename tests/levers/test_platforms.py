"""Rule tests of platform partnerships (levers/platforms.py, institutions/platform.py).

Pinned:
- three ``PartnerPlatform`` agents share the platform segment (half, 30% and 20% of partners, by a
  fixed number of each row: a partner stays with its platform);
- a platform joins when ``regulatory_pressure + incentive / (incentive + 20,000)`` reaches its
  reluctance (0.3, 0.5, 0.4); it decides at the lever's start and each January, not in between;
- a joined platform approaches ``reach`` of its uncovered partners a month (never active ones, never
  other workers); they join BPU by the mode: promotion at ``promotion_conversion`` paying for
  themselves, deduction and co-payment at their conversion paid through the platform, default
  enrolment all but a fixed ``opt_out`` share of them (the same partners opt out every month);
- costs: ``partnership_cost`` a joined platform a month, and ``incentive`` x persons per agent for
  each partner covered through it at the start of the month; the same partners in persons cost the
  same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, lever_model

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.indicators import compute
from enrolsim.institutions.platform import PartnerPlatform, _row_hash
from worlds import put, start_month

PF = EXT + "platforms."
PARTNERSHIP = 40_000_000.0


def platform_world(mode: str, *, agents: int = 200, partners=None, **settings):
    values = {"mode": mode, "regulatory_pressure": 1.0, "reach": 1.0, "partnership_cost": PARTNERSHIP, **settings}
    model = lever_model({PF + k: v for k, v in values.items()}, agents=agents)
    rows = np.arange(0, agents, 5) if partners is None else partners
    put(model, rows, segment=Segment.PLATFORM.value)
    return model, rows


def platforms(model) -> dict[str, PartnerPlatform]:
    return {p.kind: p for p in model.agents_by_type[PartnerPlatform]}


def act(model) -> None:
    model.levers["platforms"].act(model)


def active(model, rows) -> np.ndarray:
    return rows[np.flatnonzero(model.workers.status[rows] == Status.ACTIVE.value)]


def test_three_platforms_share_the_partners_by_a_fixed_number_of_each_row():
    model, rows = platform_world("promotion")
    by_kind = platforms(model)
    assert [(p.kind, p.low, p.high, p.reluctance) for p in by_kind.values()] == [
        ("ride_hailing", 0.0, 0.5, 0.3),
        ("e_commerce", 0.5, 0.8, 0.5),
        ("logistics", 0.8, 1.0, 0.4),
    ]
    parts = [np.sort(p.partners()) for p in by_kind.values()]
    assert np.array_equal(np.sort(np.concatenate(parts)), rows), "every platform worker is the partner of exactly one platform"
    u = _row_hash(rows, 0)
    assert np.array_equal(parts[0], rows[(u >= 0) & (u < 0.5)])
    model.workers.segment[rows[0]] = Segment.INFORMAL.value  # partners are read afresh each month
    model.month_cache.clear()
    assert rows[0] not in np.concatenate([p.partners() for p in by_kind.values()])


def test_promotion_at_conversion_1_enrols_every_uncovered_partner_paying_for_themselves():
    model, rows = platform_world("promotion", promotion_conversion=1.0)
    already = put(model, rows[:2], status=Status.ACTIVE.value, scheme=Scheme.BPU.value, payer=Payer.SELF.value)
    bystander = put(model, [1], segment=Segment.INFORMAL.value)
    act(model)
    w = model.workers
    assert (w.status[rows] == Status.ACTIVE.value).all() and (w.scheme[rows] == Scheme.BPU.value).all() and (w.payer[rows] == Payer.SELF.value).all()
    assert model.flows.new_registrations == rows.size - already.size
    assert w.status[bystander[0]] == Status.NEVER.value
    assert model.ledger.costs["platforms"] == 3 * PARTNERSHIP


@pytest.mark.parametrize("mode", ["payroll_deduction", "copayment"])
def test_deduction_and_copayment_enrol_through_the_platform_at_their_conversion(mode: str):
    key = "deduction_conversion" if mode == "payroll_deduction" else "copay_conversion"
    model, rows = platform_world(mode, **{key: 1.0})
    act(model)
    assert (model.workers.payer[rows] == Payer.PLATFORM.value).all() and active(model, rows).size == rows.size
    model, rows = platform_world(mode, **{key: 0.0})
    act(model)
    assert active(model, rows).size == 0 and model.ledger.costs["platforms"] == 3 * PARTNERSHIP


def test_default_enrolment_leaves_out_the_same_opt_out_share_every_month():
    model, rows = platform_world("default_enrolment", opt_out=0.3)
    act(model)
    stays_out = rows[_row_hash(rows, 1) < 0.3]
    assert 0 < stays_out.size < rows.size
    assert np.array_equal(np.setdiff1d(rows, active(model, rows)), stays_out)
    assert (model.workers.payer[active(model, rows)] == Payer.PLATFORM.value).all()
    start_month(model)
    act(model)
    assert np.array_equal(np.setdiff1d(rows, active(model, rows)), stays_out), "opting out is a fixed trait of the partner"
    for opt_out, joined in ((0.0, rows.size), (1.0, 0)):
        model, rows = platform_world("default_enrolment", opt_out=opt_out)
        act(model)
        assert active(model, rows).size == joined


def test_reach_is_the_monthly_share_of_uncovered_partners_approached():
    model, rows = platform_world("promotion", promotion_conversion=1.0, reach=0.5, agents=2_000, partners=np.arange(0, 2_000, 2))
    act(model)
    assert 400 <= active(model, rows).size <= 600
    model, rows = platform_world("promotion", promotion_conversion=1.0, reach=0.0)
    act(model)
    assert active(model, rows).size == 0


def test_an_incentive_weighs_against_each_platform_s_reluctance():
    """Rp10,000 weighs 10/30 = 0.33: ride-hailing (0.3) joins alone; Rp20,000 weighs 0.5: all three; nothing and no pressure: none."""
    for incentive, pressure, joined in ((10_000.0, 0.0, ["ride_hailing"]), (20_000.0, 0.0, ["ride_hailing", "e_commerce", "logistics"]), (0.0, 0.29, [])):
        model, rows = platform_world("promotion", promotion_conversion=1.0, incentive=incentive, regulatory_pressure=pressure)
        act(model)
        assert [k for k, p in platforms(model).items() if p.joined] == joined
        approached = np.concatenate([platforms(model)[k].partners() for k in joined]) if joined else np.zeros(0, dtype=np.int64)
        assert np.array_equal(active(model, rows), np.sort(approached)), "only partners of a joined platform are approached"
        assert model.ledger.costs["platforms"] == len(joined) * PARTNERSHIP


def test_platforms_decide_at_the_start_and_each_january_only():
    model, _ = platform_world("promotion")
    act(model)
    assert all(p.joined for p in platforms(model).values())
    model.params.strategies.extensification.platforms.regulatory_pressure = 0.0
    for month in (1, 11):
        model.month = month
        start_month(model)
        act(model)
        assert all(p.joined for p in platforms(model).values()), f"a platform left in month {month}"
    model.month = 12  # January 2018
    start_month(model)
    act(model)
    assert not any(p.joined for p in platforms(model).values())
    assert model.ledger.costs["platforms"] == 0


def test_the_incentive_is_paid_for_partners_covered_through_the_platform_at_the_start_of_the_month():
    model, rows = platform_world("payroll_deduction", deduction_conversion=1.0, incentive=30_000.0)
    put(model, rows[:3], status=Status.ACTIVE.value, scheme=Scheme.BPU.value, payer=Payer.PLATFORM.value)
    put(model, rows[3:5], status=Status.ACTIVE.value, scheme=Scheme.BPU.value, payer=Payer.SELF.value)  # paying for themselves: no incentive
    act(model)
    assert model.ledger.costs["platforms"] == pytest.approx(3 * PARTNERSHIP + 3 * model.represents * 30_000, rel=1e-12)
    start_month(model)
    act(model)  # the self-payers are not approached again (active), so they still pay for themselves
    assert model.ledger.costs["platforms"] == pytest.approx(3 * PARTNERSHIP + (rows.size - 2) * model.represents * 30_000, rel=1e-12)


def test_platforms_off_are_inert():
    assert_inert({PF + "mode": "none", PF + "incentive": 10_000.0, PF + "regulatory_pressure": 1.0, PF + "reach": 0.9}, "platforms")


def test_the_same_partners_in_persons_cost_the_same_at_two_sizes():
    """Every 5th worker a partner, every 10th covered through the platform: the same incentive in rupiah at both sizes."""
    costs = []
    for agents in SIZES:
        model, _ = platform_world("payroll_deduction", deduction_conversion=0.0, incentive=30_000.0, agents=agents)
        put(model, np.arange(0, agents, 10), status=Status.ACTIVE.value, scheme=Scheme.BPU.value, payer=Payer.PLATFORM.value)
        act(model)
        costs.append(model.ledger.costs["platforms"])
    assert costs[0] == pytest.approx(3 * PARTNERSHIP + 200 * 60_980 * 30_000, rel=1e-12)
    assert costs[1] == pytest.approx(costs[0], rel=1e-12)


def test_the_indicator_counts_partners_covered_through_the_platform():
    """Deduction at conversion 1: every partner paid through the platform; self-paying participants are not counted."""
    model, rows = platform_world("payroll_deduction", deduction_conversion=1.0)
    put(model, [1], segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value, payer=Payer.SELF.value)
    act(model)
    assert compute(model)["platform_partners_covered"] == pytest.approx(rows.size * model.represents)
