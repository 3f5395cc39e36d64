"""How events compose on the model's hooks (events/base.py) and when a hook is in force.

- A hook is the product of the running events' factors, and reads exactly 1 once they have all ended, even
  when a factor was 0 (a JKP that stops every JHT claim of its recipients, a budget cut to nothing).
- The pandemic's depth is in force from the start of its month, so the labour market and the employers read
  this month's, not last month's; it recovers from ``recovery_from`` and is 0 in the event's last month.
"""

import pytest
from event_support import window

import enrolsim
import enrolsim.model

STOPS_ALL = {"start": "2017-03", "end": "2017-06", "take_up": 1.0, "jht_claim_factor": 0.0, "revised_from": None}
CUTS_ALL = {"start": "2017-02", "end": "2017-05", "cut": 1.0}
RELIEF = {"start": "2017-02", "end": "2017-08", "discount": 0.5, "jp_deferred": 0.5, "arrears_cure_multiplier": 2.0}
BSU = {"start": "2017-04", "cutoff": "2017-05", "paid_from": "2017-06", "end": "2017-10", "wage_ceiling": 5e6, "amount": 6e5}


def hooks_each_month(start: str, months: int, events: dict, names: tuple[str, ...]) -> list[dict[str, float]]:
    """The hooks ``names`` after each month of a small run from ``start`` with ``events``."""
    model = enrolsim.EnrolmentModel(window(start, months, events, agents=2_000), rng=1)
    seen = []
    for _ in range(months):
        model.step()
        seen.append({name: getattr(model, name) for name in names})
    return seen


#: The hooks the first tests read.
HOOKS = ("jkp_claim_factor", "third_party_renewal_multiplier", "third_party_new_multiplier", "arrears_cure_multiplier", "registration_multiplier")


def months_of(events: dict, months: int = 12) -> list[dict[str, float]]:
    """:data:`HOOKS` after each month of a small run from January 2017 with ``events``."""
    return hooks_each_month("2017-01", months, events, HOOKS)


def test_events_with_a_factor_of_zero_end_and_their_hooks_read_exactly_one():
    seen = months_of({"job_loss_benefit": [STOPS_ALL], "budget_cuts": [CUTS_ALL]})
    assert seen[3]["jkp_claim_factor"] == 0.0 and seen[3]["third_party_new_multiplier"] == 0.0  # April: both running
    assert all(month[name] == 1.0 for month in seen[6:] for name in month)  # July on: both ended


def test_two_events_on_one_hook_multiply_and_leave_it_at_one():
    """The relief doubles employers' cure (February-August) while a wage subsidy ahead multiplies it by 1.5 from
    April until its cut-off month's turn (May): 3 at the end of April; each taken off in its month."""
    seen = months_of({"contribution_relief": [RELIEF], "wage_subsidy": [{**BSU, "arrears_cure_multiplier": 1.5}]})
    cure = [month["arrears_cure_multiplier"] for month in seen]
    assert cure[0] == 1.0 and cure[1:3] == [2.0, 2.0]
    assert cure[3] == pytest.approx(3.0)  # April: both
    assert cure[4:8] == [2.0] * 4 and cure[8:] == [1.0] * 4


def test_the_pandemic_depth_is_in_force_from_the_start_of_its_month(monkeypatch):
    """What employers' arrears read in each month (recorded as employer_compliance runs): 2 at the trough, from
    ``recovery_from`` falling by a fifth a month to exactly 1 in the last month (depth 4/5 ... 0)."""
    covid = {"start": "2017-02", "end": "2017-09", "recovery_from": "2017-05", "spread_months": 1, "furloughed": 0, "laid_off": 0}
    covid |= {"out_of_work": 0, "reduced_hours_share": 0.0, "arrears_multiplier": 2.0, "arrears_cure_multiplier": 1.0}
    read = []
    compliance = enrolsim.model.employer_compliance

    def recording(model):
        read.append(model.arrears_multiplier)
        compliance(model)

    monkeypatch.setattr(enrolsim.model, "PROCESSES", tuple(recording if p is compliance else p for p in enrolsim.model.PROCESSES))
    months_of({"covid": [covid]}, months=10)
    assert read[:4] == [1.0, 2.0, 2.0, 2.0]  # January before it; February-April at the trough
    assert read[4:9] == pytest.approx([1.8, 1.6, 1.4, 1.2, 1.0])  # May (recovery_from) to September (the last month)
    assert read[9] == 1.0


def test_the_coverage_instruction_speeds_registration_from_its_start_and_adds_budgets_from_its_first_budget_year():
    """Inpres 2/2021 as the history sets it: registration x1.3 from April 2021; 300,000 persons added to the new
    third-party programmes from budget year 2022, not before; both taken off at the end."""
    instruction = {"start": "2021-04", "end": "2022-06", "registration_multiplier": 1.3, "third_party_persons": 300_000, "first_budget_year": 2022}
    seen = hooks_each_month("2021-01", 20, {"coverage_instruction": [instruction]}, ("registration_multiplier", "third_party_extra_persons"))
    assert [m["registration_multiplier"] for m in seen] == [1.0] * 3 + [1.3] * 15 + [1.0] * 2
    assert [m["third_party_extra_persons"] for m in seen] == [0.0] * 12 + [300_000.0] * 6 + [0.0] * 2


def test_the_budget_cuts_lower_renewal_and_new_programmes_while_they_last():
    seen = hooks_each_month(
        "2025-01", 8, {"budget_cuts": [{"start": "2025-02", "end": "2025-06", "cut": 0.18}]}, ("third_party_renewal_multiplier", "third_party_new_multiplier")
    )
    for name in ("third_party_renewal_multiplier", "third_party_new_multiplier"):
        assert [m[name] for m in seen] == [1.0] + [pytest.approx(0.82)] * 5 + [1.0] * 2


def test_the_pandemic_cuts_earnings_by_the_hours_lost_at_the_trough_and_gives_them_back():
    """24.03 m of 128.45 m employed on reduced hours (0.187) losing 30% of them: incomes x (1 - 0.187 x 0.3) at the
    trough, recovering with the depth, exactly 1 after the end."""
    covid = {"start": "2020-03", "end": "2020-10", "recovery_from": "2020-07", "spread_months": 1, "furloughed": 0, "laid_off": 0, "out_of_work": 0}
    covid |= {"reduced_hours_share": 0.187, "hours_cut": 0.3}
    seen = hooks_each_month("2020-01", 12, {"covid": [covid]}, ("earnings_multiplier",))
    cut = 0.187 * 0.3
    expected = [1.0, 1.0] + [1 - cut] * 4 + [1 - cut * d for d in (0.75, 0.5, 0.25, 0.0)] + [1.0, 1.0]
    assert [m["earnings_multiplier"] for m in seen] == pytest.approx(expected, abs=1e-12)


def test_an_event_over_before_the_run_starts_does_nothing():
    """A 2015 scare listed in a run from 2017 is past: trust starts as without it, and no hook is set."""
    rush = {"start": "2015-07", "end": "2015-09", "claim_multiplier": 2.0, "trust_factor": 0.5}
    scenario = window("2017-01", 2, {"jht_rush": [rush]}, agents=2_000)
    with_past, without = enrolsim.EnrolmentModel(scenario, rng=1), enrolsim.EnrolmentModel(window("2017-01", 2, agents=2_000), rng=1)
    assert with_past.drift.mean_trust() == without.drift.mean_trust() and with_past.claim_multiplier == 1.0
    assert not with_past.running_events
