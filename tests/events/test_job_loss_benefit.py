"""JKP unemployment insurance (events/job_loss_benefit.py).

- Paired seeds: JKP lowers early JHT withdrawals (after a layoff, where it acts, and in all), here with
  every eligible worker claiming and no JHT claim while the benefit is paid, to show the direction
  against the noise of a small run; the history's settings (take-up 0.5, claims halved) do the same, less.
- Claims come only from dismissals and closures; each is paid for six months (recipients over the months
  = six times the claims of cohorts that had all their months), at 45% then 25% of the capped wage.
"""

import numpy as np
from event_support import paired, same_until, window

import enrolsim

STRONG = {"start": "2017-03", "end": "2019-12", "take_up": 1.0, "jht_claim_factor": 0.0, "revised_from": None}


def test_jkp_lowers_early_jht_withdrawals():
    runs = paired(window("2017-01", 36, {"job_loss_benefit": [STRONG]}, agents=15_000), window("2017-01", 36, agents=15_000), (1, 2, 3))
    after_layoff, all_claims = [], []
    for a, b in runs:
        same_until(a, b, "2017-03")
        after_layoff.append(a.loc["2017-03":, "jht_withdrawals_after_layoff"].sum() / b.loc["2017-03":, "jht_withdrawals_after_layoff"].sum())
        all_claims.append(a.loc["2017-03":, "jht_withdrawals"].sum() / b.loc["2017-03":, "jht_withdrawals"].sum())
    assert np.mean(after_layoff) < 0.9, after_layoff
    assert np.mean(all_claims) < 1.0, all_claims


def test_claims_are_paid_six_months():
    a = enrolsim.simulate(window("2017-01", 24, {"job_loss_benefit": [{**STRONG, "end": "2018-12"}]}, agents=8_000), 2).timeseries.set_index("month")
    claims, recipients = a["jkp_claims"], a["jkp_recipients"]
    assert claims.sum() > 0
    complete = claims.loc[:"2018-07"].sum()  # cohorts paid all six months by December 2018
    assert recipients.sum() >= 6 * complete * 0.999
    assert recipients.sum() <= 6 * claims.sum() * 1.001
    assert a.loc[:"2017-02", ["jkp_claims", "jkp_recipients", "jkp_paid_rupiah"]].eq(0).all().all()
    assert (a["jkp_paid_rupiah"] <= a["jkp_recipients"] * 0.45 * 5_000_000 * 1.0001).all()
