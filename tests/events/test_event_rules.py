"""The dated events' rules on hand-built worlds (events/*.py): each event called directly on a small quiet model.

- Hooks (events/base.py): events of one kind running at once multiply their factors and each takes off its own
  (two rushes, two pandemics, two wage-subsidy rounds expected together); an additive hook's residue is snapped
  to exactly 0; no persons are no agents, at any scale.
- The pandemic (events/covid.py): each month of the spread draws a national count over ``spread_months`` as
  agents of the scenario's part of the country, in the spread months only; a furlough takes active PU members
  with an employer (all of them when the count reaches them, one when it is one), keeps them in the job,
  inactive by arrears (not an exit), each for a geometric length of its own (one month at a mean of one) and
  never beyond the event; layoffs and work lost take wage earners and own-account or platform workers (not those
  between casual contracts) into unemployment, drawn without replacement; the furloughed are counted while
  inactive in the furlough's job; a furlough over resumes the worker only if still in that job, registered by
  it, in PU, at an employer registered and not lapsed; the event's end ends every furlough; employers' chance to
  pay arrears follows the depth.
- Wage subsidies (events/wage_subsidy.py): the eligible are active PU members with an employer whose declared
  wage (income x the employer's declared share x the month's income multiplier) is at most the ceiling; a
  share is drawn at ``U < eligible_share``; employers are sped up from the start to the cut-off month, the
  cut-off month included; two rounds paying in one month count both; a round whose cut-off is before the run
  has no recipients.
- JKP (events/job_loss_benefit.py): a claim at ``U < take_up``; a single claimant is a cohort; the benefit is
  held for ``months`` months from the claim's month; two schemes in force count both their claims.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from enrolsim.core.codes import ExitCause, Scheme, Segment, Status
from enrolsim.events import events_act
from enrolsim.events.base import agents_for, shift_hook
from enrolsim.events.covid import Covid, own_account_workers
from enrolsim.events.jht_rush import JhtRush
from enrolsim.events.job_loss_benefit import JobLossBenefit
from enrolsim.events.wage_subsidy import WageSubsidy
from enrolsim.scenario import events as sections
from enrolsim.world.workers import NO_MONTH
from worlds import mock_model, put, uniform_draws

PU, BPU = Scheme.PU.value, Scheme.BPU.value
ACTIVE, INACTIVE = Status.ACTIVE.value, Status.INACTIVE.value
PERMANENT, CONTRACT, INFORMAL, PLATFORM, UNEMPLOYED = (Segment[name].value for name in ("PERMANENT", "CONTRACT", "INFORMAL", "PLATFORM", "UNEMPLOYED"))

#: A pandemic from the mock model's first month (January 2017) that does nothing unless a test says so.
QUIET_COVID = {"start": "2017-01", "end": "2018-12", "recovery_from": "2018-06", "spread_months": 1, "furloughed": 0, "laid_off": 0, "out_of_work": 0}
QUIET_COVID |= {"reduced_hours_share": 0.0, "arrears_multiplier": 1.0, "arrears_cure_multiplier": 1.0}


def covid(model, **settings: Any) -> Covid:
    """A pandemic (``QUIET_COVID`` with ``settings``) begun on ``model``."""
    event = Covid(sections.Covid(**{**QUIET_COVID, **settings}))
    event.begin(model)
    return event


class Counts:
    """``model.rng``, but every Poisson draw (a count of agents) is ``k``; the means asked for are kept."""

    def __init__(self, rng: np.random.Generator, k: int) -> None:
        self._rng, self.k, self.means = rng, k, []

    def poisson(self, lam: float, size: Any = None) -> int:
        self.means.append(lam)
        return self.k

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rng, name)


@contextmanager
def agent_counts(model, k: int) -> Iterator[Counts]:
    """Within the block every count of agents an event draws is ``k``."""
    real = model.rng
    model.rng = Counts(real, k)
    try:
        yield model.rng
    finally:
        model.rng = real


# --- hooks -------------------------------------------------------------------------------------


def test_no_persons_are_no_agents_even_at_full_scale():
    """At one agent a person (``represents`` 1) a count of 0 persons, or a negative one, draws no agent."""
    model = SimpleNamespace(rng=np.random.default_rng(1), represents=1.0)
    assert [agents_for(model, persons) for persons in (0.0, -3.0) * 20] == [0] * 40
    assert sum(agents_for(model, 5.0) for _ in range(40)) > 0


def test_an_additive_hook_taken_back_reads_exactly_zero():
    """Two reliefs overlapping (0.1, then 0.2) and taken back in the same order: 0.1 + 0.2 - 0.1 - 0.2 is 5.6e-17 in
    floats; the hook snaps the residue to exactly 0 (processes skip work on a hook of 0)."""
    model = SimpleNamespace(relief_discount=0.0)
    for amount in (0.1, 0.2, -0.1, -0.2):
        shift_hook(model, "relief_discount", amount)
    assert model.relief_discount == 0.0


def test_two_rushes_at_once_multiply_the_claims_and_each_takes_off_its_own():
    model = mock_model()
    a, b = (JhtRush(sections.JhtRush(start="2017-01", end="2017-06", claim_multiplier=m, trust_factor=1.0)) for m in (2.0, 3.0))
    a.begin(model)
    b.begin(model)
    assert model.claim_multiplier == 6.0
    a.end(model)
    assert model.claim_multiplier == 3.0
    b.end(model)
    assert model.claim_multiplier == 1.0


# --- the pandemic -------------------------------------------------------------------------------


def test_own_account_workers_are_informal_and_platform_workers_not_between_casual_contracts():
    model = mock_model()
    put(model, [0, 3], segment=INFORMAL)
    put(model, [1], segment=PLATFORM)
    put(model, [2], segment=INFORMAL, casual=True)  # between casual contracts: a wage earner out of a contract
    put(model, [4], segment=PERMANENT, employer=0)
    put(model, [5], segment=CONTRACT, employer=0)
    assert own_account_workers(model).tolist() == [0, 1, 3]


def test_each_month_of_the_spread_draws_a_national_count_over_the_spread_months_in_agents_of_the_scenario():
    """Furloughed, laid off and out of work, in that order: each a national count x ``national_share`` over the
    ``spread_months``, in agents (``represents``); drawn in the event's first ``spread_months`` months only."""
    model = mock_model({"population.national_share": 0.5})
    event = covid(model, start="2017-03", spread_months=2, furloughed=3e6, laid_off=6e5, out_of_work=1.2e6)
    drawn, expected = [], []
    for month in range(2, 6):  # March (the event's first month) to June
        model.month = month
        with agent_counts(model, 0) as counts:
            event.act(model)
        drawn.append(counts.means)
        expected.append([persons * 0.5 / 2 / model.represents for persons in (3e6, 6e5, 1.2e6)])  # an agent's persons this month
    assert drawn[0] == pytest.approx(expected[0], rel=1e-12) and drawn[1] == pytest.approx(expected[1], rel=1e-12)
    assert drawn[2:] == [[], []]


def furlough_world(**settings: Any) -> tuple[Any, np.ndarray, Covid]:
    """Ten active PU members in a job (row 0 at employer unit 0), and rows that may not be furloughed: an active BPU
    member, an active PU member without an employer, an inactive PU member in a job, one already furloughed (row 13);
    a pandemic with ``settings`` begun."""
    model = mock_model()
    members = put(model, np.arange(10), segment=PERMANENT, status=ACTIVE, scheme=PU, employer=np.arange(10) % 3, employer_registered=True)
    put(model, [10], segment=INFORMAL, status=ACTIVE, scheme=BPU)
    put(model, [11], segment=PERMANENT, status=ACTIVE, scheme=PU, employer=-1)
    put(model, [12, 13], segment=PERMANENT, status=INACTIVE, scheme=PU, employer=2, employer_registered=True)
    put(model, [13], status=ACTIVE)
    event = covid(model, furloughed=1e6, **settings)
    event.until[13], event.employer[13] = 23, 2
    return model, members, event


def test_a_furlough_takes_active_pu_members_in_a_job_keeps_them_in_it_inactive_by_arrears_each_for_a_length_of_its_own():
    model, members, event = furlough_world(furlough_months_mean=6.0)
    with agent_counts(model, 100):  # more than the members: every one of them
        event._furlough(model)
    w = model.workers
    assert np.flatnonzero(event.until != NO_MONTH).tolist() == [*members.tolist(), 13]
    assert (w.status[members] == INACTIVE).all() and (w.leave_cause[members] == ExitCause.ARREARS.value).all()
    assert (w.employer[members] == np.arange(10) % 3).all() and (event.employer[members] == np.arange(10) % 3).all()
    assert w.status[10] == ACTIVE and w.status[11] == ACTIVE and event.until[13] == 23
    # Arrears lapses, not exits in the agency's count.
    assert model.flows.arrears_lapses == 10 and model.flows.exits_by_cause[ExitCause.ARREARS] == 10 and model.flows.exits_by_cause.sum() == 10
    assert len(set(event.until[members].tolist())) > 1  # each draws his own length
    assert (event.until[members] >= 0).all() and (event.until[members] <= event.last).all()


def test_a_count_of_one_furloughs_one_and_at_a_mean_of_one_month_the_furlough_ends_in_its_month():
    model, members, event = furlough_world(furlough_months_mean=1.0)
    model.month = 4
    with agent_counts(model, 1):
        event._furlough(model)
    furloughed = np.flatnonzero(event.until != NO_MONTH)
    assert furloughed.size == 2 and furloughed[0] in members and event.until[furloughed[0]] == 4  # and row 13, furloughed before


def test_no_furlough_outlasts_the_event():
    model, members, event = furlough_world(end="2017-03", recovery_from="2017-02", furlough_months_mean=60.0)
    model.month = 2  # March, the event's last month
    with agent_counts(model, 100):
        event._furlough(model)
    assert (event.until[members] == 2).all()


def test_layoffs_and_work_lost_take_wage_earners_and_own_account_workers_into_unemployment():
    model = mock_model()
    wage = put(model, np.arange(12), segment=PERMANENT, employer=np.arange(12) % 3)
    own = put(model, np.arange(20, 32), segment=INFORMAL)
    put(model, [40], segment=INFORMAL, casual=True)
    event = covid(model, laid_off=1e6, out_of_work=1e6)
    w = model.workers
    with agent_counts(model, 1):
        event._lay_off(model)
    assert np.count_nonzero(w.segment[wage] == UNEMPLOYED) == 1
    with agent_counts(model, 100):  # more than there are: every one, each once
        event._lay_off(model)
        event._put_out_of_work(model)
    assert (w.segment[wage] == UNEMPLOYED).all() and (w.employer[wage] == -1).all() and (w.segment[own] == UNEMPLOYED).all()
    assert w.segment[40] == INFORMAL


def furloughs_to_end() -> tuple[Any, Covid]:
    """Furloughed workers (inactive PU members) whose furloughs were over by month 5 but for row 6's.

    Units 0 and 1 are registered and paying, unit 2 is not registered, unit 3 is registered with arrears long enough
    to have made its workers inactive. Row 0 (unit 0) and row 7 (unit 1) resume; row 1 moved to unit 1; row 2's unit
    never registered him; row 3's unit is not registered; row 4's is lapsed; row 5 is in BPU now."""
    model = mock_model()
    e = model.employers
    e.registered[:4], e.arrears[:4] = [True, True, False, True], [0, 0, 0, model.params.employers.arrears_months_to_inactive]
    rows = put(model, np.arange(8), segment=PERMANENT, status=INACTIVE, scheme=PU, employer_registered=True)
    event = covid(model)
    event.employer[rows] = [0, 0, 1, 2, 3, 1, 1, 1]
    put(model, rows, employer=[0, 1, 1, 2, 3, 1, 1, 1])
    put(model, [2], employer_registered=False)
    put(model, [5], scheme=BPU)
    event.until[rows] = [3, 4, 4, 4, 4, 4, 5, 1]
    return model, event


def test_a_furlough_over_resumes_only_those_still_in_its_job_registered_at_an_employer_that_pays():
    model, event = furloughs_to_end()
    event._end_furloughs(model, 5)
    w = model.workers
    assert np.flatnonzero(w.status == ACTIVE).tolist() == [0, 7] and model.flows.resumptions == 2
    assert np.flatnonzero(event.until != NO_MONTH).tolist() == [6] and event.until[6] == 5  # row 6's goes on in month 5


def test_a_single_furlough_over_resumes_its_worker():
    model, event = furloughs_to_end()
    event.until[1:] = NO_MONTH
    event._end_furloughs(model, 5)
    assert np.flatnonzero(model.workers.status == ACTIVE).tolist() == [0] and event.until[0] == NO_MONTH


def test_the_events_end_ends_every_furlough():
    """The last furloughs end in the event's last month: after it nobody is still furloughed."""
    model, event = furloughs_to_end()
    event.last = 5
    event.end(model)
    assert (event.until == NO_MONTH).all()
    assert np.flatnonzero(model.workers.status == ACTIVE).tolist() == [0, 6, 7]


def test_the_furloughed_are_counted_while_inactive_in_the_furloughs_job():
    """Rows 0-3 furloughed at unit 1 until month 5: 0 and 1 still inactive there (counted), 2 resumed early by the
    employer's cure, 3 inactive at another unit; row 4 an inactive account of an unemployed worker, never furloughed."""
    model = mock_model()
    event = covid(model)
    put(model, np.arange(4), segment=PERMANENT, status=INACTIVE, scheme=PU, employer=[1, 1, 1, 2])
    put(model, [2], status=ACTIVE)
    put(model, [4], status=INACTIVE, scheme=PU)
    event.until[:4], event.employer[:4] = 5, 1
    model.month = 1  # after the spread: nobody new
    model.running_events = [event]
    events_act(model)
    assert model.event_tallies["furloughed"] == 2


def test_two_pandemics_at_once_count_both_furloughs_and_multiply_their_hooks():
    model = mock_model()
    put(model, np.arange(3), segment=PERMANENT, status=INACTIVE, scheme=PU, employer=1)
    first, second = covid(model, arrears_multiplier=2.0), covid(model, arrears_multiplier=3.0)
    first.until[:2], first.employer[:2] = 5, 1
    second.until[2], second.employer[2] = 5, 1
    for event in (first, second):
        event.prepare(model)
    assert model.arrears_multiplier == 6.0
    model.month = 1
    model.running_events = [first, second]
    events_act(model)
    assert model.event_tallies["furloughed"] == 3
    first.end(model)
    assert model.arrears_multiplier == 3.0


def test_employers_chance_to_pay_arrears_follows_the_depth():
    """The cure multiplied by 1 + (0.5 - 1) x depth: 0.5 at the trough (January-February), then the depth 3/4, 1/2,
    1/4 and 0 from ``recovery_from`` (March) to the last month (June); exactly 1 after the end."""
    model = mock_model()
    event = covid(model, end="2017-06", recovery_from="2017-03", arrears_cure_multiplier=0.5)
    seen = []
    for month in range(6):
        model.month = month
        event.prepare(model)
        seen.append(model.arrears_cure_multiplier)
    assert seen == pytest.approx([0.5, 0.5, 0.625, 0.75, 0.875, 1.0], abs=1e-12)
    event.end(model)
    assert model.arrears_cure_multiplier == 1.0


# --- wage subsidies -----------------------------------------------------------------------------

ROUND = {"start": "2017-01", "cutoff": "2017-03", "paid_from": "2017-04", "end": "2017-05", "wage_ceiling": 2e6, "amount": 6e5}


def subsidy(model, **settings: Any) -> WageSubsidy:
    event = WageSubsidy(sections.WageSubsidy(**{**ROUND, **settings}))
    event.begin(model)
    return event


def test_the_eligible_are_active_pu_members_in_a_job_with_a_declared_wage_at_most_the_ceiling():
    """Unit 0 declares half the wage and the month's incomes are halved (lost hours): row 0 (8 million) declares 2
    million, the ceiling, and is eligible; row 1, 2 rupiah more, is not; row 2 at unit 1 (declaring all) with 4
    million is; row 3, inactive, is not; nor row 4, an active BPU member."""
    model = mock_model()
    model.employers.wage_share[:2] = [0.5, 1.0]
    model.earnings_multiplier = 0.5
    put(model, np.arange(4), segment=PERMANENT, status=ACTIVE, scheme=PU, employer=[0, 0, 1, 0], income=[8e6, 8e6 + 2, 4e6, 1e6])
    put(model, [3], status=INACTIVE)
    put(model, [4], segment=INFORMAL, status=ACTIVE, scheme=BPU, income=1e6)
    assert subsidy(model)._eligible(model).tolist() == [0, 2]
    share = subsidy(model, eligible_share=0.5)
    with uniform_draws(model, 0.5):
        assert share._eligible(model).size == 0  # U < share: a draw of exactly the share is not paid
    with uniform_draws(model, 0.499):
        assert share._eligible(model).tolist() == [0, 2]


def test_employers_are_sped_up_from_the_start_to_the_cut_off_and_two_rounds_expected_together_multiply():
    """Round A expected from January (cut-off March: registration x2, cure x1.5), round B from February (cut-off
    April: x3, x2); each is taken off in its cut-off month's turn."""
    model = mock_model()
    a = subsidy(model, registration_multiplier=2.0, arrears_cure_multiplier=1.5)
    assert (model.registration_multiplier, model.arrears_cure_multiplier) == (2.0, 1.5)
    model.month = 1
    b = subsidy(model, start="2017-02", cutoff="2017-04", registration_multiplier=3.0, arrears_cure_multiplier=2.0)
    assert (model.registration_multiplier, model.arrears_cure_multiplier) == (6.0, 3.0)
    model.month = 2
    a.act(model)
    assert (model.registration_multiplier, model.arrears_cure_multiplier) == (3.0, 2.0)
    model.month = 3
    b.act(model)
    assert (model.registration_multiplier, model.arrears_cure_multiplier) == (1.0, 1.0)


def test_a_round_beginning_in_its_cut_off_month_speeds_employers_in_that_month():
    """The events' turn comes after the employers': a round that begins in its cut-off month is in force for them in
    that month, and taken off in its turn."""
    model = mock_model()
    model.month = 2
    event = subsidy(model, start="2017-03", registration_multiplier=4.0)
    assert model.registration_multiplier == 4.0
    event.act(model)
    assert model.registration_multiplier == 1.0


def test_two_rounds_paying_in_one_month_count_both_and_a_round_cut_off_before_the_run_pays_nobody():
    model = mock_model()
    a, b = subsidy(model), subsidy(model, amount=1.2e6)
    a.recipients, b.recipients = np.arange(3), np.arange(10, 15)
    model.month = 3  # April: both pay, half their amount
    model.running_events = [a, b]
    events_act(model)
    assert model.event_tallies["bsu_recipients"] == 8 and model.event_tallies["bsu_rupiah"] == 3 * 3e5 + 5 * 6e5
    late = mock_model()
    late.month = 3  # a run beginning after the cut-off: its state does not say who was paid, so none are counted
    past = subsidy(late)
    past.act(late)
    assert late.event_tallies["bsu_recipients"] == 0


# --- JKP ----------------------------------------------------------------------------------------

JKP = {"start": "2017-01", "end": "2018-12", "take_up": 0.5, "revised_from": None}


def job_loser(model) -> JobLossBenefit:
    """Row 0 dismissed this month, eligible (registered, 12 months of contributions, active 6 months, 30 years old),
    listed among the month's leavers; a JKP event begun."""
    m = model.month
    put(model, [0], segment=UNEMPLOYED, status=INACTIVE, scheme=PU, leave_cause=ExitCause.LAYOFF.value, left_job_month=m, last_registered=True)
    put(model, [0], contribution_months=12, enrolled_month=m - 6, birth_month=m - 30 * 12, last_employer=0, income=3e6)
    model.leavers.clear()
    model.leavers.append((m, np.array([0])))
    event = JobLossBenefit(sections.JobLossBenefit(**JKP))
    event.begin(model)
    return event


def test_a_single_eligible_job_loser_claims_at_u_under_the_take_up_and_is_held_for_the_benefits_months():
    model = mock_model()
    model.month = 4
    event = job_loser(model)
    with uniform_draws(model, 0.5):  # U < take_up: a draw of exactly the take-up does not claim
        event._claims(model)
    assert not event.cohorts and model.jkp_until[0] == NO_MONTH
    with uniform_draws(model, 0.499):
        event._claims(model)
    assert len(event.cohorts) == 1 and event.cohorts[0][1].tolist() == [0]
    assert model.jkp_until[0] == 4 + 6 - 1  # paid in months 4-9
    assert model.event_tallies["jkp_claims"] == 1


def test_two_schemes_in_force_count_both_their_claims():
    model = mock_model()
    first = job_loser(model)
    second = JobLossBenefit(sections.JobLossBenefit(**{**JKP, "take_up": 1.0}))
    second.begin(model)
    model.running_events = [first, second]
    with uniform_draws(model, 0.1):
        events_act(model)
    assert model.event_tallies["jkp_claims"] == 2
