"""The classroom lessons' claims (docs/teaching/), each checked on its scenario with paired seeds.

Every lesson's setting is a file in scenarios/lessons/ (5,000 agents for one district of about
600,000 people, 2017-2021). A claim is checked on the mean over seeds 1-8 of the lesson scenario
against the same scenario with the students' change, so differences are not chance. (Three seeds
were too few: once a lever draws random numbers the two runs part ways, and at 5,000 agents a
district's total active participants then differ by some 10,000 persons from run to run.)
"""

import numpy as np
import pandas as pd
import pytest

import enrolsim
from conftest import SCENARIOS

LESSONS = SCENARIOS / "lessons"
SEEDS = tuple(range(1, 9))
#: Lesson 1's claims are about self-paying BPU members, some 45 worker agents in the district: eight seeds' means
#: differ from one block of eight to the next (campaign x1.20, x1.21, x1.15 and price x0.81, x0.82, x0.83 at seeds
#: 1-8, 9-16, 17-24 since a balance at the pension age or at death is claimed only if worth the trip; x1.17, x1.10,
#: x1.21 and x0.88, x0.79, x0.87 before, by a tenth), and single seeds go the other way (campaign below 1 on seeds 5
#: and 20 since then; on seeds 13 and 15 before, on seeds 14 and 19 earlier, on seeds 1, 6 and 22 earlier still).
LESSON1_SEEDS = tuple(range(1, 25))
S = "strategies."


def runs(name: str, overrides: dict | None = None, seeds: tuple[int, ...] = SEEDS) -> pd.DataFrame:
    """Mean time series over the ``seeds`` of lesson ``name`` with ``overrides``."""
    scenario = enrolsim.load_scenario(LESSONS / f"{name}.yaml", overrides or {})
    frames = [enrolsim.simulate(scenario, seed=seed).timeseries.set_index("month") for seed in seeds]
    return sum(frames) / len(frames)


@pytest.fixture(scope="module")
def lesson1():
    return runs("lesson1_why_people_do_not_enrol", seeds=LESSON1_SEEDS)


@pytest.mark.parametrize(
    ("change", "low", "high"),
    [
        ({"literacy.campaign_reach": 0.05}, 1.08, 1.3),  # campaigns: about +19%
        ({"enrolment.completion_unassisted": 1.0}, 1.5, 2.3),  # help to finish registering: almost twice
        ({"enrolment.registration_ease": 0.8}, 1.5, 2.3),  # service points, the app: almost twice
        ({S + "rules.bpu_price_multiplier": 2.0}, 0.6, 0.9),  # a package twice as dear: about -18%
    ],
)
def test_lesson1_what_moves_voluntary_enrolment(lesson1, change, low, high):
    """Lesson 1's table: the ratio of mean self-paying BPU participants (2017-2021) to the setting's lies in the stated band.

    Self-paying: the groups a district budget or a sponsor pays for (section 7.15 of docs/ODD.md) do not decide to enrol.
    Measured over seeds 1-24: x1.19, x1.88, x1.81, x0.82, the lesson's figures (2026-12-01, after a balance at the
    pension age or at death came to be claimed only if worth the trip; x1.16, x1.90, x1.76, x0.84 after a wage earner
    who resigns to withdraw the JHT came to take own-account work; x1.14, x1.84, x1.74, x0.81 after workers came to leave
    at 56 in every year; x1.16, x1.82, x1.75, x0.82 when the lessons were reviewed; earlier on 2026-11-30: x1.14,
    x1.84, x1.73, x0.84, after JHT claims came open to those at unregistered employers and formal jobs to open against
    the nation's net vacancies; before that, over seeds 1-8: x1.17, x1.84, x1.79, x0.79). Single seeds scatter: the
    campaign's ratio runs 0.95-1.65 (below 1 on seeds 5 and 20; seed 1, the app's default, x1.41) and the price's
    0.62-1.05 (above 1 on seeds 17 and 21)."""
    base = lesson1["active_bpu_self"].mean()
    changed = runs("lesson1_why_people_do_not_enrol", change, LESSON1_SEEDS)["active_bpu_self"].mean()
    assert low < changed / base < high, (change, base, changed)


def test_lesson2_waiting_period_and_the_age_rule():
    """Lesson 2: a year's wait lowers JHT withdrawals against one month; the pension-age rule stops them
    and leaves more accounts open and inactive instead of closed (``inactive``, December 2021: measured 157,000 ->
    219,000; of them holding a JHT balance, ``registered`` minus ``active``: 143,000 -> 205,000)."""
    name = "lesson2_retention_and_jht"
    month = runs(name)
    year = runs(name, {"jht.regimes": [{"start": "2015-09", "rule": "one_month", "waiting_months": 12}]})
    age = runs(name, {"jht.regimes": [{"start": "2015-09", "rule": "one_month"}, {"start": "2018-01", "rule": "age_56"}]})
    assert (
        year["jht_withdrawals"].sum() < 0.85 * month["jht_withdrawals"].sum()
    )  # "about a fifth" fewer (measured -20%: 93,000 -> 74,000; -22%, -20% and -24% before)
    assert age.loc["2018-01":, "jht_withdrawals"].sum() == 0
    assert age.loc["2021-12", "inactive"] > month.loc["2021-12", "inactive"]


def test_lesson2_retention_lowers_the_registration_ratio():
    """Lesson 2: keeping payers (reminders, auto-debit, easy payment) keeps more registrants active: fewer
    registrations per participant still active, and fewer lapses."""
    name = "lesson2_retention_and_jht"
    base = runs(name)
    kept = runs(
        name,
        {
            S + "intensification.retention.reminder_coverage": 1.0,
            S + "intensification.retention.auto_debit_share": 0.5,
            S + "extensification.payment_channels.extra_ease": 0.5,
        },
    )
    assert (
        kept.loc["2019-01":, "active_bpu_self"].mean() > 1.4 * base.loc["2019-01":, "active_bpu_self"].mean()
    )  # the lesson: "almost twice as many" (measured x1.91; x1.96, x1.79 and x1.69 before)
    assert kept.loc["2021-12", "registrations_per_active"] < base.loc["2021-12", "registrations_per_active"]


def test_lesson3_inspections_and_audits_raise_active_wage_earners():
    """Lesson 3: inspections bring more wage earners into active membership by 2021 (half again or more); audits
    of partially compliant employers bring a modest gain (measured +7% since a balance at the pension age or at death is
    claimed only if worth the trip, +5% since resigning to withdraw leads to own-account work, +7% on 2026-12-01 before
    it, +6% on 2026-11-30, +13% before; -0.3% before the 2026-11-29 recalibration),
    since they reach only the employers already registered; nothing changes before the levers start."""
    name = "lesson3_compliance_and_enforcement"
    base = runs(name)
    inspected = runs(name, {S + "law_enforcement.inspection_rate": 0.03, S + "law_enforcement.start": "2018-01"})
    audited = runs(name, {S + "intensification.audits.rate": 0.3, S + "intensification.audits.start": "2018-01"})
    end = "2021-12"
    assert inspected.loc[end, "active_pu"] > 1.5 * base.loc[end, "active_pu"]  # lesson 3: about doubled (measured x1.97)
    assert 1.03 < audited.loc[end, "active_pu"] / base.loc[end, "active_pu"] < 1.3
    assert inspected.loc[end, "active_pu"] > audited.loc[end, "active_pu"]
    for run in (inspected, audited):
        assert run.loc["2017-12", "active_pu"] == base.loc["2017-12", "active_pu"]


def test_lesson3_arrears_make_workers_inactive():
    """Lesson 3: employers falling into arrears twice as often make more wage earners inactive for a while
    (measured: 104,000 -> 184,000 over the five years) and more are reactivated when arrears are paid; at the end about
    as many are active (measured -0.5% since a balance at the pension age or at death is claimed only if worth the
    trip; +0.1% since resigning to withdraw leads to own-account work; +0.2% on 2026-12-01 before it; -1% since
    entrants joined the month's one matching; -3% before, +1% before 2026-11-30)."""
    name = "lesson3_compliance_and_enforcement"
    base, worse = runs(name), runs(name, {"employers.arrears_probability": 0.12})
    assert worse["arrears_lapses"].sum() > 1.3 * base["arrears_lapses"].sum()
    assert worse["resumptions"].sum() > 1.3 * base["resumptions"].sum()
    assert 0.95 < worse.loc["2021-12", "active_pu"] / base.loc["2021-12", "active_pu"] < 1.05  # "about as many"


LEVERS = {
    "perisai": {
        S + "extensification.perisai.start": "2018-01",
        S + "extensification.perisai.agents_initial": 50,
        S + "extensification.perisai.agents_target": 150,
    },
    "local_government": {S + "extensification.local_government.start": "2018-01", S + "extensification.local_government.subsidy_budget": 5e9},
    "law_enforcement": {S + "law_enforcement.start": "2018-01", S + "law_enforcement.inspection_rate": 0.02},
    "retention": {
        S + "intensification.retention.start": "2018-01",
        S + "intensification.retention.reminder_coverage": 1.0,
        S + "intensification.retention.auto_debit_share": 0.8,
    },
}


def test_lesson4_every_lever_buys_participants_at_a_price():
    """Lesson 4: each lever started in January 2018 adds active participants by December 2021 and costs money;
    their costs per additional active participant differ (the lesson's table)."""
    name = "lesson4_strategy_on_a_budget"
    base = runs(name)
    cost_per = {}
    for lever, change in LEVERS.items():
        run = runs(name, change)
        gained = run.loc["2021-12", "active"] - base.loc["2021-12", "active"]
        cost = run.loc["2018-01":"2021-12", "programme_cost"].sum()
        assert gained > 0 and cost > 0, (lever, gained, cost)
        cost_per[lever] = cost / gained
    assert np.isfinite(list(cost_per.values())).all()
    assert max(cost_per.values()) > 10 * min(cost_per.values())  # the choice matters (lesson 4: a hundredfold; measured x111)
    # Not asserted: retention's place by seed (second on each of seeds 1-8, but on seed 5 it gains about 2,100 at
    # Rp989,000 each, more than the subsidy's mean; the lesson says eight seeds are few to rely on; before, third behind
    # the subsidy on seed 1). Its mean gain, like every lever's, must be positive (above).
