"""Third parties paying BPU for groups (processes/third_party_payers.py) on hand-built worlds.

Pins that programmes act only in January; that a new programme enrols uncovered non-wage workers
under the income line (payer ``PROGRAMME``: new registrations or re-activations), never wage earners,
the active, or those above the line; and that each January a programme is renewed (its members stay
paid for) or not (they pay for themselves).
"""

import numpy as np
import pytest

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.processes.third_party_payers import third_party_payers
from worlds import mock_model, put, start_month, uniform_draws

INFORMAL, PLATFORM = Segment.INFORMAL.value, Segment.PLATFORM.value
ACTIVE, INACTIVE, NEVER = Status.ACTIVE.value, Status.INACTIVE.value, Status.NEVER.value
#: Budgets far beyond the eligible workers of the small world: every eligible worker is enrolled.
LAVISH = {"third_party_payers.scale": 1.0, "third_party_payers.new_persons": {2017: 1e9, 2018: 0.0}, "third_party_payers.income_line": 2_000_000}


def world(overrides=None):
    model = mock_model({**LAVISH, **(overrides or {})})
    put(model, np.arange(model.workers.size), income=1_000_000)
    return model


def test_a_programme_enrols_uncovered_non_wage_workers_under_the_income_line():
    model = world()
    put(model, [0, 1], segment=INFORMAL)
    put(model, [2], segment=PLATFORM, status=INACTIVE, scheme=Scheme.BPU.value)
    put(model, [3], segment=INFORMAL, income=3_000_000)  # above the line
    put(model, [4], segment=INFORMAL, status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.SELF.value)  # already paying for themselves
    put(model, [5], segment=Segment.CONTRACT.value)  # a wage earner
    start_month(model)
    third_party_payers(model)  # month 0 is January 2017
    w, f = model.workers, model.flows
    assert w.status[:6].tolist() == [ACTIVE, ACTIVE, ACTIVE, NEVER, ACTIVE, NEVER]
    assert w.payer[:5].tolist() == [Payer.PROGRAMME.value] * 3 + [0, Payer.SELF.value]
    assert w.scheme[:3].tolist() == [Scheme.BPU.value] * 3
    assert (f.new_registrations, f.reactivations) == (2, 1)
    assert sorted(np.concatenate(model.payer_programmes).tolist()) == [0, 1, 2]


def test_programmes_act_only_in_january():
    model = world()
    put(model, [0], segment=INFORMAL)
    for month in range(1, 12):
        model.month = month
        start_month(model)
        third_party_payers(model)
    assert model.workers.status[0] == NEVER and model.payer_programmes == []


def test_in_january_a_programme_is_renewed_or_its_members_pay_for_themselves():
    for renewal, payer in ((1.0, Payer.PROGRAMME), (0.0, Payer.SELF)):
        model = world({"third_party_payers.renewal": renewal})
        members = put(model, [0, 1, 2], segment=INFORMAL, status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.PROGRAMME.value)
        put(model, [2], status=INACTIVE)  # lapsed meanwhile: no longer a member
        model.payer_programmes = [members]
        model.month = 12  # January 2018, with no new budget
        start_month(model)
        third_party_payers(model)
        assert model.workers.payer[[0, 1]].tolist() == [payer.value] * 2, renewal
        assert [rows.tolist() for rows in model.payer_programmes] == ([[0, 1]] if renewal else [])
        assert model.flows.new_registrations == 0


def test_a_part_of_the_country_gets_its_share_of_the_national_budgets():
    """new_persons are national: a scenario standing for 1% of the labour force starts 1% of them. The small world has 200
    agents of 609,800 persons each; 30.5 million persons are 50 agents (a Poisson draw), 1% of them half an agent."""
    budgets = {"third_party_payers.new_persons": {2017: 50 * 609_800.0}, "third_party_payers.scale": 1.0, "third_party_payers.income_line": 2_000_000}
    enrolled = []
    for share in (1.0, 0.01):
        model = world({**budgets, "population.national_share": share})
        assert model.represents == 609_800.0
        put(model, np.arange(model.workers.size), segment=INFORMAL)
        start_month(model)
        third_party_payers(model)
        enrolled.append(np.count_nonzero(model.workers.payer == Payer.PROGRAMME.value))
    assert 25 <= enrolled[0] <= 80, enrolled  # Poisson(50): outside this about once in 10^5
    assert enrolled[1] <= 5, enrolled  # Poisson(0.5): more than 5 about once in 10^5


class OnePoisson:
    """The model's generator with every Poisson draw 1: a budget of exactly one agent."""

    def __init__(self, rng):
        self._rng = rng

    def poisson(self, lam):
        return 1

    def __getattr__(self, name):
        return getattr(self._rng, name)


def january_2018(model):
    model.month = 12
    start_month(model)
    return model


def test_a_budget_cut_multiplies_the_renewal_chance():
    model = world({"third_party_payers.renewal": 0.5})
    model.third_party_renewal_multiplier = 2.0  # in effect 1: every programme renewed
    members = put(model, np.arange(40), segment=INFORMAL, status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.PROGRAMME.value)
    model.payer_programmes = [members[i : i + 2] for i in range(0, 40, 2)]
    third_party_payers(january_2018(model))
    assert (model.workers.payer[members] == Payer.PROGRAMME.value).all()


@pytest.mark.parametrize(("u", "renewed"), [(0.5 - 1e-9, True), (0.5, False)])
def test_a_programme_is_renewed_with_a_draw_under_renewal(u, renewed):
    model = world({"third_party_payers.renewal": 0.5})
    members = put(model, [0], segment=INFORMAL, status=ACTIVE, scheme=Scheme.BPU.value, payer=Payer.PROGRAMME.value)
    model.payer_programmes = [members]
    january_2018(model)
    with uniform_draws(model, u):
        third_party_payers(model)
    assert (model.workers.payer[0] == Payer.PROGRAMME.value) == renewed


def test_persons_an_event_adds_start_programmes_even_without_a_budget():
    model = world({"third_party_payers.scale": 0.0})
    model.third_party_extra_persons = 1e9
    put(model, [0, 1], segment=INFORMAL)
    start_month(model)
    third_party_payers(model)
    assert model.workers.payer[[0, 1]].tolist() == [Payer.PROGRAMME.value] * 2


def test_a_year_missing_from_the_budgets_starts_no_programme():
    model = world()
    put(model, [0], segment=INFORMAL)
    model.month = 24  # January 2019: not in new_persons
    start_month(model)
    third_party_payers(model)
    assert model.workers.status[0] == NEVER and model.payer_programmes == []


def test_a_budget_cut_to_nothing_starts_no_programme():
    model = world()
    model.third_party_new_multiplier = 0.0
    put(model, [0], segment=INFORMAL)
    start_month(model)
    third_party_payers(model)
    assert model.workers.status[0] == NEVER and model.payer_programmes == []


def test_programmes_reach_every_district():
    """Eligible workers only in the last district: with 60 programmes a year some land there."""
    model = world()
    last = np.flatnonzero(model.workers.village // 2 == 1)[:10]
    put(model, last, segment=INFORMAL)
    start_month(model)
    third_party_payers(model)
    assert (model.workers.payer[last] == Payer.PROGRAMME.value).all()


def test_a_worker_earning_exactly_the_income_line_is_not_paid_for():
    model = world()
    put(model, [0, 1], segment=INFORMAL)
    put(model, [1], income=2_000_000)
    start_month(model)
    third_party_payers(model)
    assert model.workers.payer[[0, 1]].tolist() == [Payer.PROGRAMME.value, Payer.SELF.value]


def test_only_programmes_that_enrolled_someone_are_kept():
    model = world()
    put(model, [0], segment=INFORMAL)
    start_month(model)
    third_party_payers(model)
    assert [rows.tolist() for rows in model.payer_programmes] == [[0]]


def test_a_programme_of_one_agent_enrols_one_worker():
    model = world({"third_party_payers.programmes_per_year": 1})
    put(model, np.arange(model.workers.size), segment=INFORMAL)  # eligible workers in every district
    start_month(model)
    model.rng = OnePoisson(model.rng)
    third_party_payers(model)
    assert np.count_nonzero(model.workers.payer == Payer.PROGRAMME.value) == 1


def test_a_lavish_programme_enrols_each_eligible_worker_once():
    model = world({"third_party_payers.programmes_per_year": 1})
    rows = np.flatnonzero(model.workers.village // 2 == 0)[:20]
    put(model, rows, segment=INFORMAL)
    put(model, np.flatnonzero(model.workers.village // 2 == 1)[:20], segment=INFORMAL)
    start_month(model)
    third_party_payers(model)
    (programme,) = model.payer_programmes
    assert programme.size == 20 and np.unique(programme).size == 20
    assert model.flows.new_registrations == 20


def test_on_the_map_programmes_land_in_districts_by_their_labour_force():
    """On the map a programme's district is drawn in proportion to the district's labour force (``district_share``),
    so a small regency is not as likely to host one as a large city: all weight on one district, every programme there."""
    model = mock_model({**LAVISH, "population.geography": "map"}, agents=6_000)
    put(model, np.arange(model.workers.size), income=1_000_000, segment=INFORMAL)
    district = model.workers.village // model.params.population.villages_per_district
    chosen = int(np.bincount(district).argmax())  # a district with workers
    share = np.zeros(model.n_districts)
    share[chosen] = 1.0
    model.district_share = share
    start_month(model)
    third_party_payers(model)
    enrolled = np.flatnonzero(model.workers.payer == Payer.PROGRAMME.value)
    assert enrolled.size > 0 and (district[enrolled] == chosen).all()
    assert enrolled.size == np.count_nonzero(district == chosen)  # the lavish budget enrols all of that district's eligible
