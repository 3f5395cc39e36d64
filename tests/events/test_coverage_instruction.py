"""Inpres 2/2021 (events/coverage_instruction.py), with the magnitudes of scenarios/history.yaml.

Paired seeds: from April 2021 employers register faster (more registered employer units' workers: active
PU members higher by December 2022 on average), and from the 2022 budget year third parties pay for more
non-wage workers (``active_bpu_third_party`` higher in 2022 in every seed). Nothing changes before April 2021.
"""

import numpy as np
from event_support import history_events, paired, same_until, window


def test_more_employers_register_and_budgets_pay_for_more_workers():
    instruction = history_events()["coverage_instruction"]
    # Registration as fast as before 2017 (0.009 in the calibration, here 0.01): at the calibrated rate from 2017
    # (0.0015 a month) a few of the employer units of 10,000 agents register in two years, and 30% more of a
    # few is lost in the noise (PU -0.5 to +1.2 million in single seeds, measured); the event multiplies the rate.
    faster = {"employers.registration_rate": 0.01}
    runs = paired(window("2021-01", 24, {"coverage_instruction": instruction}, overrides=faster), window("2021-01", 24, overrides=faster), (1, 2, 3))
    pu, third = [], []
    for a, b in runs:
        same_until(a, b, "2021-04")
        pu.append(a.loc["2022-12", "active_pu"] - b.loc["2022-12", "active_pu"])
        third.append(a.loc["2022-02", "active_bpu_third_party"] - b.loc["2022-02", "active_bpu_third_party"])
    assert np.mean(pu) > 0, pu
    assert min(third) > 0, third
