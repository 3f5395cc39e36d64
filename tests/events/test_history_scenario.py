"""``scenarios/history.yaml`` and ``scenarios/from_history/`` (issue 14).

- The history runs from January 2014 to December 2026 (156 months) on the calibrated scenario, with every
  kind of event of the registry listed, the 2015 scare as the calibration window has it, and no JHT rule
  of its own (the age-56 rule never took effect).
- Every strategy of ``from_history/`` extends the history and can be compared from January 2025 (its
  levers start then: ``compare --from`` accepts them).
- Slow: one whole run at 5,000 agents shows every event in its months.
"""

import pytest
from event_support import HISTORY

import enrolsim
from conftest import REPO, SCENARIOS
from enrolsim.core.files import read_mapping
from enrolsim.events import EVENTS
from enrolsim.studies.compare import prepare

FROM_HISTORY = sorted((SCENARIOS / "from_history").glob("*.yaml"))


def test_history_covers_2014_to_2026_with_every_event():
    history = enrolsim.load_scenario(HISTORY)
    assert (history.start, history.months) == ("2014-01", 156)
    for kind in EVENTS:
        assert getattr(history.events, kind.kind), f"history.yaml lists no {kind.kind}"
    window = enrolsim.Scenario.model_validate({"events": read_mapping(REPO / "calibrations" / "calibration_2014.yaml")["events"]}).events.jht_rush
    assert history.events.jht_rush[: len(window)] == window
    assert all(regime.rule.value != "age_56" for regime in history.jht.regimes)


def test_every_strategy_from_history_starts_in_2025():
    assert len(FROM_HISTORY) >= 8
    for path in FROM_HISTORY:
        assert read_mapping(path)["extends"] == "../history.yaml", path.name
    prepare([HISTORY, *FROM_HISTORY], replications=1, agents=1_000, from_month="2025-01")


@pytest.mark.slow
def test_the_history_shows_every_event_in_its_months():
    ts = enrolsim.simulate(enrolsim.with_overrides(enrolsim.load_scenario(HISTORY), {"population.agents": 5_000}), 1).timeseries.set_index("month")
    assert ts.index[-1] == "2026-12"
    assert ts.loc[:"2020-02", ["furloughed", "bsu_recipients", "jkp_claims", "contribution_relief_rupiah"]].eq(0).all().all()
    assert ts.loc["2020-04":"2020-08", "furloughed"].gt(0).all()
    assert ts.loc["2020-08":"2021-01", "contribution_relief_rupiah"].gt(0).all()
    for month in ("2020-08", "2021-08", "2022-09", "2025-06"):
        assert ts.loc[month, "bsu_recipients"] > 0, month
    assert ts.loc[:"2022-01", "jkp_claims"].eq(0).all() and ts.loc["2022-02":, "jkp_claims"].sum() > 0
