"""The history table reads each indicator as its concept: a stock in December, a flow summed, BSU recipients at their largest month."""

import pandas as pd
import pytest

from enrolsim.analysis.validation_tables import HISTORY_FLOWS, HISTORY_PEAKS, HISTORY_STOCKS, history_table


def _runs() -> pd.DataFrame:
    """Two runs of one parameter set over 2020: BSU paid to 10 then 12 persons for five months."""
    rows = []
    for run_id, paid in ((0, 10.0), (1, 12.0)):
        for m in range(1, 13):
            row = {name: 0.0 for name in (*HISTORY_STOCKS, *HISTORY_FLOWS, *HISTORY_PEAKS)}
            row.update(month=f"2020-{m:02d}", run_id=run_id, parameter_set=0, active=float(100 + m), new_participants=2.0)
            row["bsu_recipients"] = paid if 8 <= m <= 12 else 0.0
            rows.append(row)
    return pd.DataFrame(rows)


def test_history_reads_stocks_flows_and_peaks():
    table = history_table(_runs()).set_index("indicator")
    assert table.loc["active", "how"] == "december" and table.loc["active", "mean"] == pytest.approx(112.0)
    assert table.loc["new_participants", "how"] == "year_sum" and table.loc["new_participants", "mean"] == pytest.approx(24.0)
    # a recipient paid for five months is one recipient, not five
    assert table.loc["bsu_recipients", "how"] == "year_max" and table.loc["bsu_recipients", "mean"] == pytest.approx(11.0)
