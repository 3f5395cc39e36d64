"""``enrolsim compare --from YYYY-MM`` (studies/compare.py, analysis/comparison.py, cli/compare.py).

- Scenarios run from their common start with the same seeds and are reported from the month: the table's
  dates and the trajectories start there, costs are summed from it (a lever's cost before it is not
  counted), the command and the report name it; the runs agree before it (nothing diverged).
- A lever that sets a scenario apart and starts before ``--from`` is refused: one line, exit 2, nothing
  written; so is a month outside the runs, or ``--by`` before ``--from``.
"""

from pathlib import Path

import pytest

from conftest import BASELINE, run_cli
from enrolsim.core.errors import InputError
from enrolsim.studies.compare import compare, prepare

REFERENCE = f"extends: {BASELINE}\nname: Reference\nstart: '2017-01'\nmonths: 18\n"
RETENTION = "strategies:\n  intensification:\n    retention: {{start: '{start}', reminder_coverage: 1.0}}\n"
LATER = REFERENCE.replace("Reference", "Retention from July") + RETENTION.format(start="2017-07")
EARLIER = REFERENCE.replace("Reference", "Retention from March") + RETENTION.format(start="2017-03")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("reference", REFERENCE), ("later", LATER), ("earlier", EARLIER)):
        out[name] = tmp_path / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_compare_from_a_month(files, tmp_path):
    c = compare([files["reference"], files["later"]], 2, agents=1_500, from_month="2017-07", executor="serial")
    assert c.plan.first_month == "2017-07"
    assert list(c.table["date"].unique()) == ["2017-12", "2018-06"]
    assert c.trajectories["month"].min() == "2017-07"
    assert c.diverged_before == []
    later = c.table[c.table["scenario"] == "Retention from July"].set_index("date")
    assert later.loc["2017-12", "programme_cost_mean"] > 0
    assert "--from 2017-07" in c.plan.command() and "from_month='2017-07'" in c.plan.python_call()
    # From the start the same runs count the same cost (nothing was spent before July).
    full = compare([files["reference"], files["later"]], 2, agents=1_500, executor="serial").table.set_index(["scenario", "date"])
    assert full.loc[("Retention from July", "2017-12"), "programme_cost_mean"] == pytest.approx(later.loc["2017-12", "programme_cost_mean"])


def test_costs_are_counted_from_the_month(tmp_path):
    both = RETENTION.format(start="2017-03")
    reference = tmp_path / "ref.yaml"
    reference.write_text(REFERENCE + both, encoding="utf-8")
    more = tmp_path / "more.yaml"
    channels = "  extensification:\n    payment_channels: {start: '2017-09', extra_ease: 0.4}\n"
    more.write_text(REFERENCE.replace("Reference", "More") + both + channels, encoding="utf-8")
    whole = compare([reference, more], 1, agents=1_500, executor="serial").table.set_index(["scenario", "date"])
    part = compare([reference, more], 1, agents=1_500, from_month="2017-09", executor="serial").table.set_index(["scenario", "date"])
    # The reference's retention since March is counted from September only; the difference is the same.
    assert 0 < part.loc[("Reference", "2017-12"), "programme_cost_mean"] < whole.loc[("Reference", "2017-12"), "programme_cost_mean"]
    assert part.loc[("More", "2017-12"), "cost_diff_mean"] == pytest.approx(whole.loc[("More", "2017-12"), "cost_diff_mean"])
    assert part.loc[("More", "2017-12"), "active_diff_mean"] == pytest.approx(whole.loc[("More", "2017-12"), "active_diff_mean"])


def test_a_lever_before_the_month_is_refused(files, tmp_path):
    with pytest.raises(InputError) as err:
        prepare([files["reference"], files["earlier"]], from_month="2017-07")
    assert err.value.key.endswith("retention.start") and "before --from 2017-07" in str(err.value)
    out = tmp_path / "out"
    for args in (["--from", "2017-07"], ["--from", "2016-12"], ["--from", "2018-03", "--by", "2017-12"], ["--from", "2017-13"]):
        result = run_cli(["compare", files["reference"], files["earlier"], *args, "--agents", "1000", "--out", out])
        assert result.code == 2, (args, result.err)
        assert len(result.err_lines) == 1, result.err
        assert not out.exists()
