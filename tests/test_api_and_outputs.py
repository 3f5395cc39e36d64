"""The Python API and the files a run writes (issue 2, "Show" 7; docs/architecture.md "Results are tidy tables").

- ``enrolsim.load_scenario``, ``enrolsim.with_overrides``, ``enrolsim.simulate`` and ``Result``;
- ``EnrolmentModel`` is a ``mesa.Model`` seeded with ``rng=``, stepped month by month, with Mesa's
  ``DataCollector``; ``model.worker(row)`` is a ``mesa.Agent`` view of one row;
- ``enrolsim run`` writes ``timeseries.csv`` (month + one column per indicator, one row a month),
  ``summary.json`` (scenario name, scenario hash, seed, version, final values) and a valid,
  non-trivial PNG, and prints one line.
"""

import json

import mesa
import numpy as np
import pandas as pd
import pytest

import enrolsim
from conftest import BASELINE, run_cli, small
from enrolsim.core.codes import SEGMENT_NAMES, Status
from enrolsim.indicators import INDICATORS
from enrolsim.outputs import STACK_ALPHA
from pictures import mask_of, painted, pixels


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "run"
    result = run_cli(["run", BASELINE, "--seed", "4", "--months", "14", "--agents", "2000", "--out", out])
    assert result.code == 0, result.err
    return result, out


def test_run_prints_one_line_and_writes_three_files(cli_run):
    result, out = cli_run
    assert len(result.out.strip().splitlines()) == 1
    assert "million active participants in 2018-02" in result.out
    assert sorted(p.name for p in out.iterdir()) == ["active_by_segment.png", "summary.json", "timeseries.csv"]


def test_timeseries_csv_is_tidy(cli_run):
    _, out = cli_run
    ts = pd.read_csv(out / "timeseries.csv")
    assert list(ts.columns) == ["month", *INDICATORS]
    assert len(ts) == 14
    assert ts["month"].tolist() == [f"2017-{m:02d}" for m in range(1, 13)] + ["2018-01", "2018-02"]


def test_summary_json_has_provenance_and_final_values(cli_run):
    _, out = cli_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    scenario = small(agents=2000, months=14)
    assert summary["scenario"] == scenario.name == "Baseline (status quo from 2017)"
    assert summary["scenario_hash"] == scenario.digest()
    assert summary["seed"] == 4
    assert summary["enrolsim_version"] == enrolsim.__version__
    assert summary["start"] == "2017-01" and summary["end"] == "2018-02"
    assert summary["months"] == 14 and summary["agents"] == 2000
    last = pd.read_csv(out / "timeseries.csv").iloc[-1]
    for name in INDICATORS:
        expected = last[name]
        got = summary["final"][name]
        assert (got is None and np.isnan(expected)) or got == pytest.approx(expected, rel=1e-12), name


def test_the_figure_stacks_each_segment_in_proportion(cli_run):
    """Each segment's band (its colour in the stack) covers the share of the figure's coloured area
    that its active participants are of all active ones, over the months."""
    _, out = cli_run
    image = pixels(out / "active_by_segment.png")
    area = np.array([np.count_nonzero(mask_of(image, painted(f"C{i}", STACK_ALPHA))) for i in range(len(SEGMENT_NAMES))])
    means = pd.read_csv(out / "timeseries.csv")[[f"active_{s}" for s in SEGMENT_NAMES]].mean().to_numpy()
    big = means / means.sum() > 0.05
    assert big.sum() >= 2
    assert area[big] / area[big].sum() == pytest.approx(means[big] / means[big].sum(), abs=0.03)


def test_scenario_hash_tracks_parameters():
    a = small(agents=2000, months=3)
    assert a.digest() == small(agents=2000, months=3).digest()
    assert a.digest() != enrolsim.with_overrides(a, {"jht.withdrawal_probability": 0.05}).digest()


def test_simulate_returns_a_result():
    scenario = enrolsim.load_scenario(BASELINE, {"population.agents": 1500, "months": 5})
    result = enrolsim.simulate(scenario, seed=2)
    assert isinstance(result, enrolsim.Result)
    assert result.seed == 2 and result.scenario is scenario
    assert len(result.timeseries) == 5
    summary = result.summary()
    assert summary["scenario_hash"] == scenario.digest()
    assert summary["final"]["active"] == pytest.approx(result.timeseries["active"].iloc[-1])


def test_simulate_reports_progress_every_month():
    seen = []
    enrolsim.simulate(small(agents=1000, months=4), seed=1, on_month=seen.append)
    assert seen == [1, 2, 3, 4]


def test_load_scenario_overrides_and_extends(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {BASELINE.as_posix()}\nname: child\njht:\n  withdrawal_probability: 0.01\n", encoding="utf-8")
    scenario = enrolsim.load_scenario(child, {"population.agents": 1234})
    assert scenario.name == "child"
    assert scenario.jht.withdrawal_probability == 0.01
    assert scenario.population.agents == 1234
    assert scenario.jht.regimes == enrolsim.load_scenario(BASELINE).jht.regimes  # inherited
    copy = enrolsim.with_overrides(scenario, {"months": 7})
    assert copy.months == 7 and scenario.months != 7  # a copy, the original unchanged


def test_extends_names_a_shipped_scenario_when_no_file_is_beside(tmp_path):
    """A scenario of one's own, saved anywhere, extends a shipped one by its name (the README's province.yaml);
    a file beside it of that name wins."""
    mine = tmp_path / "province.yaml"
    mine.write_text("extends: firm_sizes.yaml\nname: mine\n", encoding="utf-8")
    shipped = enrolsim.load_scenario("firm_sizes")
    assert enrolsim.load_scenario(mine).employers == shipped.employers
    (tmp_path / "firm_sizes.yaml").write_text("name: beside\njht:\n  withdrawal_probability: 0.01\n", encoding="utf-8")
    beside = enrolsim.load_scenario(mine)
    assert beside.jht.withdrawal_probability == 0.01 and beside.employers != shipped.employers


def test_enrolment_model_is_a_mesa_model_seeded_by_rng():
    scenario = small(agents=1500, months=3)
    model = enrolsim.EnrolmentModel(params=scenario, rng=9)
    assert isinstance(model, mesa.Model)
    assert isinstance(model.rng, np.random.Generator)
    assert isinstance(model.datacollector, mesa.DataCollector)
    assert model.workers.size == 1500
    assert model.month == 0
    for _ in range(3):
        model.step()
    assert model.month == 3
    frame = model.datacollector.get_model_vars_dataframe()
    assert len(frame) == 3 and set(INDICATORS) <= set(frame.columns)
    counts = np.bincount(model.workers.status, minlength=len(Status))
    last = frame.iloc[-1]
    assert last["active_workers"] / last["labour_force"] == pytest.approx(counts[Status.ACTIVE] / model.workers.size, rel=1e-12)
    assert last["active"] == pytest.approx(last["active_workers"] + last["active_jakon"] + last["active_pmi"], rel=1e-12)


def test_worker_view_reads_one_row():
    model = enrolsim.EnrolmentModel(params=small(agents=1000, months=2), rng=3)
    model.step()
    row = int(np.flatnonzero(model.workers.status == Status.ACTIVE)[0])
    view = model.worker(row)
    assert isinstance(view, mesa.Agent)
    assert view not in model.agents, "a view must not join the stepped population"
    assert view.status == Status.ACTIVE
    assert view.literacy == pytest.approx(float(model.workers.literacy[row]))
    described = view.describe()
    assert described["status"] == "active"
    assert described["segment"] in {"permanent", "contract", "informal", "platform", "construction", "unemployed"}
