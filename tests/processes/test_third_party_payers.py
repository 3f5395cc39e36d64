"""Third parties paying BPU for groups (processes/third_party_payers.py) on hand-built worlds.

Pins that programmes act only in January; that a new programme enrols uncovered non-wage workers
under the income line (payer ``PROGRAMME``: new registrations or re-activations), never wage earners,
the active, or those above the line; and that each January a programme is renewed (its members stay
paid for) or not (they pay for themselves).
"""

import numpy as np

from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.processes.third_party_payers import third_party_payers
from worlds import mock_model, put, start_month

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
