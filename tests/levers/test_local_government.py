"""Rule tests of the district governments (levers/local_government.py, institutions/local_government.py).

Pinned:
- one ``LocalGovernment`` agent per district, built with the lever;
- subsidy: the yearly budget buys ``budget / 12 / (BPU package price x persons per agent)`` whole
  places (no more than there are workers), shared over the districts with the remainder to the first;
  each month ``enrolment_speed`` of a district's open places is filled from its uncovered non-wage
  workers under ``income_threshold`` (BPU, paid by the district), and the districts pay the package
  for every subsidised participant; those no longer active or paid by the district leave the list;
  when the budget no longer stretches, the last to join pay for themselves;
- licences: each unregistered employer registers fully with ``licence_conditioning``, at
  ``licence_cost`` for each firm it stands for; registered employers are left alone;
- outreach: ``outreach_reach`` of each district's uncovered non-wage workers learn ``campaign_gain``,
  at ``outreach_cost`` x persons per agent each; nobody else does;
- service points: from the start month each district's registration ease rises by
  ``service_point_ease``, at ``service_point_cost`` a month in each of Indonesia's 514 regencies and cities
  (times ``national_share``), however many districts are modelled;
- the same world in persons costs the same rupiah at 2,000 and 8,000 agents.
"""

import numpy as np
import pytest
from lever_support import EXT, SIZES, assert_inert, firms, lever_model, set_employers

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.indicators import compute
from enrolsim.institutions.local_government import LocalGovernment as DistrictGovernment
from worlds import put, start_month

LG = EXT + "local_government."
PACKAGE = 10_000 + 6_800  # BPU JKK minimum + JKM a month (baseline prices)


def district_rows(model, district: int) -> np.ndarray:
    vpd = model.params.population.villages_per_district
    return np.arange(model.village_first_row[district * vpd], model.village_first_row[(district + 1) * vpd])


def subsidy_world(places: float, *, speed: float = 1.0, agents: int = 200):
    """A budget of ``places`` worker agents a month at the package price; in district 0 five informal workers under the
    income threshold and two above it, in district 1 four under it; everyone else unemployed."""
    model = lever_model({LG + "subsidy_budget": 1.0})
    budget = places * 12 * PACKAGE * model.represents
    model = lever_model({LG + "subsidy_budget": budget, LG + "enrolment_speed": speed, LG + "income_threshold": 1_500_000}, agents=agents)
    d0, d1 = district_rows(model, 0), district_rows(model, 1)
    put(model, d0[:5], segment=Segment.INFORMAL.value, income=1_000_000.0)
    put(model, d0[5:7], segment=Segment.INFORMAL.value, income=2_000_000.0)
    put(model, d1[:4], segment=Segment.INFORMAL.value, income=1_000_000.0)
    put(model, d1[4:6], segment=Segment.PERMANENT.value, income=1_000_000.0)  # poor but wage earners: not in the pool
    return model, d0, d1


def subsidised(model) -> np.ndarray:
    return np.flatnonzero((model.workers.status == Status.ACTIVE.value) & (model.workers.payer == Payer.LOCAL_GOVERNMENT.value))


def test_one_district_government_per_district():
    model, _, _ = subsidy_world(5.5)
    assert sorted(g.district for g in model.agents_by_type[DistrictGovernment]) == list(range(model.n_districts)) == [0, 1]


def test_the_budget_buys_whole_places_shared_over_the_districts():
    """5.5 places: 5 whole places, 3 in district 0 and 2 in district 1, filled at once (enrolment speed 1) from the poor in the pool."""
    model, d0, d1 = subsidy_world(5.5)
    model.levers["local_government"].act_on_employers(model)
    w = model.workers
    rows = subsidised(model)
    assert np.isin(rows, d0[:5]).sum() == 3 and np.isin(rows, d1[:4]).sum() == 2 and rows.size == 5
    assert (w.scheme[rows] == Scheme.BPU.value).all() and model.flows.new_registrations == 5
    assert model.ledger.costs["local_government"] == pytest.approx(5 * PACKAGE * model.represents, rel=1e-12)
    lever = model.levers["local_government"]
    assert sorted(lever.subsidised[0].tolist()) == rows.tolist()
    by_district = {g.district: sorted(g.subsidised.tolist()) for g in model.agents_by_type[DistrictGovernment]}
    assert by_district == {0: sorted(set(rows) & set(d0)), 1: sorted(set(rows) & set(d1))}

    start_month(model)  # a month later: the places are full; the districts pay for the same five
    lever.act_on_employers(model)
    assert subsidised(model).tolist() == rows.tolist() and model.flows.new_registrations == 0
    assert model.ledger.costs["local_government"] == pytest.approx(5 * PACKAGE * model.represents, rel=1e-12)


def test_places_fill_at_the_enrolment_speed():
    """Speed 0.5 and 4 places a district: 2 open places filled in the first month (4 x 0.5 agents, exactly)."""
    model, _, _ = subsidy_world(8.5, speed=0.5)
    model.levers["local_government"].act_on_employers(model)
    assert subsidised(model).size == 4


def test_a_participant_who_lapsed_leaves_the_list_and_the_place_is_filled_again():
    model, d0, _ = subsidy_world(5.5)
    lever = model.levers["local_government"]
    lever.act_on_employers(model)
    gone = np.intersect1d(subsidised(model), d0)[0]
    put(model, [gone], status=Status.INACTIVE.value, income=2_000_000.0)  # lapsed, and no longer poor enough to be taken back
    start_month(model)
    lever.act_on_employers(model)
    rows = subsidised(model)
    assert gone not in lever.subsidised[0] and rows.size == 5 and model.flows.new_registrations == 1
    assert np.isin(rows, d0).sum() == 3, "the place stays in its district"


def test_a_participant_another_payer_took_over_leaves_the_list_and_the_place_is_filled_again():
    """Still active, but a sponsor pays now: the district no longer counts, charges or drops them to paying for themselves."""
    model, d0, _ = subsidy_world(5.5)
    lever = model.levers["local_government"]
    lever.act_on_employers(model)
    taken = np.intersect1d(subsidised(model), d0)[0]
    put(model, [taken], payer=Payer.SPONSOR.value)
    start_month(model)
    lever.act_on_employers(model)
    rows = subsidised(model)
    assert taken not in lever.subsidised[0] and model.workers.payer[taken] == Payer.SPONSOR.value
    assert rows.size == 5 and np.isin(rows, d0).sum() == 3 and model.flows.new_registrations == 1
    assert model.ledger.costs["local_government"] == pytest.approx(5 * PACKAGE * model.represents, rel=1e-12)


def test_when_the_budget_no_longer_stretches_the_last_to_join_pay_for_themselves():
    """Twice the price: 2.75 places, so 2 (one a district); the first to join in each district stay subsidised."""
    model, _, _ = subsidy_world(5.5)
    lever = model.levers["local_government"]
    lever.act_on_employers(model)
    rows_before, district_before = lever.subsidised
    first = {d: rows_before[np.flatnonzero(district_before == d)][0] for d in (0, 1)}
    model.bpu_price_multiplier = 2.0
    start_month(model)
    lever.act_on_employers(model)
    w = model.workers
    assert sorted(subsidised(model).tolist()) == sorted(first.values())
    dropped = np.setdiff1d(rows_before, subsidised(model))
    assert dropped.size == 3 and (w.payer[dropped] == Payer.SELF.value).all() and (w.status[dropped] == Status.ACTIVE.value).all()
    assert model.ledger.costs["local_government"] == pytest.approx(2 * 2 * PACKAGE * model.represents, rel=1e-12)


def test_licences_register_every_unregistered_employer_at_conditioning_1():
    model = lever_model({LG + "licence_conditioning": 1.0, LG + "licence_cost": 123_456.0}, employers=5)
    set_employers(model, [3, 4], registered=True, worker_share=0.5, wage_share=0.6)
    model.levers["local_government"].act_on_employers(model)
    e = model.employers
    assert e.registered[:-1].all() and model.employer_changes.tolist() == [True, True, True, False, False, False]
    assert (e.worker_share[[3, 4]] == np.float32(0.5)).all(), "licences only concern unregistered employers"
    assert model.ledger.costs["local_government"] == pytest.approx(firms(model, [0, 1, 2]) * 123_456.0, rel=1e-12)


def test_outreach_teaches_the_uncovered_non_wage_workers_only():
    model = lever_model({LG + "outreach_reach": 1.0, LG + "outreach_cost": 15_000.0, "literacy.campaign_gain": 0.5})
    pool = put(model, [0, 1, 120], segment=Segment.INFORMAL.value, literacy=0.2)
    put(model, [2], segment=Segment.PLATFORM.value, literacy=0.2)
    others = put(model, [3, 4], segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value, literacy=0.2)
    wage = put(model, [5], segment=Segment.PERMANENT.value, literacy=0.2)
    model.levers["local_government"].act_on_employers(model)
    w = model.workers
    assert np.allclose(w.literacy[[*pool, 2]], 0.6)
    assert np.allclose(w.literacy[[*others, *wage]], 0.2)
    assert model.ledger.costs["local_government"] == pytest.approx(4 * model.represents * 15_000, rel=1e-12)


@pytest.mark.parametrize("national_share", [1.0, 0.01])
def test_service_points_ease_registration_from_their_start_at_a_cost_per_real_district(national_share):
    """Two modelled districts; the cost is for the 514 regencies and cities of the scenario's share of Indonesia."""
    model = lever_model(
        {LG + "service_point_ease": 0.25, LG + "service_point_cost": 7_000_000.0, LG + "start": "2017-03", "population.national_share": national_share}
    )
    assert "local_government" not in model.started_levers and not model.district_extra_ease.any()
    model.step()
    model.step()
    assert not model.district_extra_ease.any()
    model.step()
    assert model.district_extra_ease.tolist() == [0.25, 0.25]
    assert model.indicators["cost_local_government"] == pytest.approx(7_000_000.0 * 514 * national_share, rel=1e-12)


def test_local_government_off_is_inert():
    assert_inert({LG + "subsidy_budget": 0.0, LG + "licence_conditioning": 0.0, LG + "income_threshold": 2_000_000}, "local_government")


def test_the_same_world_in_persons_costs_the_same_at_two_sizes():
    """Places worth 10.1 agents at 2,000 (10 whole places) and 40.4 at 8,000 (40): 609,800 persons either way; outreach
    to every 10th worker (informal): these cost the same rupiah. Licences for 15 of 30 and 60 of 120 employer units
    cost ``licence_cost`` for each firm the units stand for (``firms_in``, the same firms in persons)."""
    costs, subsidised_persons = [], []
    for agents in SIZES:
        scale = agents // SIZES[0]
        model = lever_model(
            {
                LG + "subsidy_budget": 10.1 * 12 * PACKAGE * 60_980,
                LG + "enrolment_speed": 1.0,
                LG + "licence_conditioning": 1.0,
                LG + "outreach_reach": 1.0,
            },
            agents=agents,
            employers=30 * scale,
        )
        set_employers(model, np.arange(0, 30 * scale, 2), registered=True)
        put(model, np.arange(0, agents, 10), segment=Segment.INFORMAL.value, income=1_000_000.0)
        model.levers["local_government"].act_on_employers(model)
        licences = firms(model, np.arange(1, 30 * scale, 2)) * 100_000  # per firm: the same firms at both sizes (firms_in)
        costs.append(model.ledger.costs["local_government"] - licences)
        subsidised_persons.append(subsidised(model).size * model.represents)
    assert subsidised_persons == [10 * 60_980.0, 10 * 60_980.0]
    # outreach reaches the 200 of the month's pool less the 10 the subsidy has just made active
    expected = 60_980 * (10 * PACKAGE + 190 * 15_000)
    assert costs[0] == pytest.approx(expected, rel=1e-12) and costs[1] == pytest.approx(expected, rel=1e-12)


def test_service_point_ease_adds_to_what_each_district_has():
    model = lever_model({LG + "service_point_ease": 0.25, LG + "start": "2017-02"})
    model.district_extra_ease[:] = [0.1, 0.0]
    model._start_lever("local_government")
    assert model.district_extra_ease.tolist() == pytest.approx([0.35, 0.25])


def test_the_indicator_counts_the_subsidised_in_persons():
    model, _, _ = subsidy_world(5.5)
    model.levers["local_government"].act_on_employers(model)
    values = compute(model)
    assert values["subsidised_participants"] == pytest.approx(5 * model.represents)
    assert values["cost_local_government"] == values["programme_cost"] == pytest.approx(5 * PACKAGE * model.represents)


def test_before_they_act_the_district_governments_pay_for_nobody():
    model, _, _ = subsidy_world(5.5)
    assert [g.subsidised.size for g in sorted(model.agents_by_type[DistrictGovernment], key=lambda g: g.district)] == [0, 0]
