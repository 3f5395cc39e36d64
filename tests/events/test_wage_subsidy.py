"""BSU wage subsidies (events/wage_subsidy.py).

- A round employers expect raises active PU members in the month before its cut-off (paired seeds, mean
  over the seeds): from its start they register workers and pay arrears faster. Nothing changes before.
- The recipients are the active PU members of the cut-off month with a declared wage under the ceiling
  (a share of them with ``eligible_share``), paid ``amount`` spread over the payment months: counted only
  in those months, and rupiah = recipients x amount / months.
- The rounds of scenarios/history.yaml validate (start <= cut-off <= first payment <= end); one out of
  order is refused.
"""

import numpy as np
import pytest
from event_support import history_events, paired, same_until, window

import enrolsim
from enrolsim.core.errors import ScenarioError

ROUND = {"start": "2017-03", "cutoff": "2017-06", "paid_from": "2017-08", "end": "2017-09", "wage_ceiling": 3_500_000, "amount": 600_000}
EXPECTED = {**ROUND, "registration_multiplier": 4.0, "arrears_cure_multiplier": 2.0}


def test_an_expected_cut_off_raises_active_pu_members_in_the_month_before_it():
    expected, unexpected = (window("2017-01", 6, {"wage_subsidy": [r]}, agents=15_000) for r in (EXPECTED, ROUND))
    runs = paired(expected, unexpected, (1, 2, 3, 4))
    gains = []
    for a, b in runs:
        same_until(a, b, "2017-03")
        gains.append(a.loc["2017-05", "active_pu"] - b.loc["2017-05", "active_pu"])
    assert np.mean(gains) > 0, gains
    assert sum(g > 0 for g in gains) >= 3, gains


def test_recipients_are_paid_in_the_payment_months_only():
    a = enrolsim.simulate(window("2017-01", 10, {"wage_subsidy": [{**ROUND, "eligible_share": 0.5}]}, agents=4_000), 5).timeseries.set_index("month")
    paid = a.loc["2017-08":"2017-09", "bsu_recipients"]
    assert (paid > 0).all() and paid.iloc[1] == pytest.approx(paid.iloc[0], rel=0.01)  # the same agents; persons per agent grow
    assert a.drop(index=paid.index)["bsu_recipients"].eq(0).all()
    assert a.loc["2017-08", "bsu_paid_rupiah"] == pytest.approx(a.loc["2017-08", "bsu_recipients"] * 600_000 / 2)
    # Half the eligible, under the ceiling, of the active PU members at the cut-off.
    assert 0.1 * a.loc["2017-06", "active_pu"] < paid.iloc[0] < 0.5 * a.loc["2017-06", "active_pu"]


def test_history_rounds_validate_and_a_round_out_of_order_is_refused():
    rounds = history_events()["wage_subsidy"]
    assert len(rounds) == 4
    window("2020-01", 1, {"wage_subsidy": rounds}, agents=1_000)
    with pytest.raises(ScenarioError) as err:
        window("2017-01", 1, {"wage_subsidy": [{**ROUND, "cutoff": "2017-09"}]}, agents=1_000)
    assert err.value.key == "events.wage_subsidy.0"
