"""PP 49/2020 contribution relief (events/contribution_relief.py), as scenarios/history.yaml configures it.

- In the relief's contribution months (August 2020 to January 2021) the contributions collected fall by
  at least the JKK and JKM share of the dues, and what was waived or deferred is counted
  (``contribution_relief_rupiah``) in those months only.
- With the waiver and the deferral only (no change of behaviour), the contributions collected plus what
  was waived or deferred are the contributions without the relief, in the relief's first month.
"""

import pytest
from event_support import history_events, paired, same_until, window


@pytest.fixture(scope="module")
def runs():
    relief = history_events()["contribution_relief"]
    return paired(window("2020-05", 12, {"contribution_relief": relief}), window("2020-05", 12), (1, 2))


def test_contributions_fall_while_the_relief_runs(runs):
    for a, b in runs:
        same_until(a, b, "2020-08")
        during = slice("2020-08", "2021-01")
        assert a.loc[during, "contributions_rupiah"].sum() < 0.9 * b.loc[during, "contributions_rupiah"].sum()
        assert (a.loc[during, "contribution_relief_rupiah"] > 0).all()
        assert a.loc["2021-02":, "contribution_relief_rupiah"].eq(0).all()
        assert a.loc[:"2020-07", "contribution_relief_rupiah"].eq(0).all()


def test_collected_plus_waived_is_what_would_have_been_collected():
    relief = {**history_events()["contribution_relief"][0], "arrears_cure_multiplier": 1.0}
    a, b = paired(window("2020-07", 2, {"contribution_relief": [relief]}, agents=5_000), window("2020-07", 2, agents=5_000), (3,))[0]
    # In the first month the BPU price is lower, so voluntary enrolment may differ: compare within 0.5%.
    total = a.loc["2020-08", "contributions_rupiah"] + a.loc["2020-08", "contribution_relief_rupiah"]
    assert total == pytest.approx(b.loc["2020-08", "contributions_rupiah"], rel=5e-3)
