"""Sensitivity indices from a store made with the shipped Sobol experiment (issue 4, Show 5)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

from enrolsim.analysis.sensitivity import sensitivity
from enrolsim.experiments import load, load_experiment, run_experiment
from experiments_support import REPO, run_cli, small_spec, write_spec


def assert_chart(path: Path) -> None:
    """A PNG that decodes to a chart: a sizeable image, mostly background, with drawn content in several colours."""
    image = imread(path)
    height, width = image.shape[:2]
    assert width >= 400 and height >= 200, image.shape
    rgb = image[..., :3].reshape(-1, 3)
    drawn = np.any(rgb < 0.9, axis=1).mean()  # share of pixels that are not (near) white
    assert 0.01 < drawn < 0.6, drawn
    assert len(np.unique((rgb * 255).astype(np.uint8), axis=0)) >= 8, "a chart in a handful of flat colours"


@pytest.fixture(scope="module")
def sobol_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped Sobol study at a small size: N = 16 (16 x 16 = 256 runs of 1,000 agents over 12 months)."""
    overrides = {"design.samples": 16, "settings.population.agents": 1000, "settings.months": 12}
    experiment = load_experiment(REPO / "experiments" / "behavioural_sobol.yaml", overrides)
    store = tmp_path_factory.mktemp("sobol") / "store"
    report = run_experiment(experiment, store, executor="processes", workers=2, progress=False)
    assert report.failed == 0 and report.finished == 256
    return store


def test_sensitivity_command_writes_table_and_chart(sobol_store: Path) -> None:
    # Mean literacy responds smoothly to the factors within a year; head counts of a 1,000-agent
    # world are too coarse for a 256-run design to say much.
    code, _out, err = run_cli("sensitivity", str(sobol_store), "--indicator", "mean_literacy", "--month", "2017-12")
    assert code == 0, err
    table = pd.read_csv(sobol_store / "sensitivity" / "sobol_mean_literacy_2017-12.csv")
    assert_chart(sobol_store / "sensitivity" / "sobol_mean_literacy_2017-12.png")
    assert list(table.columns) == ["factor", "S1", "S1_conf", "ST", "ST_conf"]
    assert len(table) == 14 and table.notna().all().all()
    # Indices sum sensibly: first order within [0, 1] and total >= first, both up to the sampling
    # error of a small design (each index's bootstrap interval, plus a small absolute tolerance).
    tol = 0.05
    assert (table["S1"] + table["S1_conf"] >= -tol).all() and (table["S1"] - table["S1_conf"] <= 1 + tol).all(), table
    assert (table["ST"] + table["ST_conf"] + tol >= table["S1"] - table["S1_conf"]).all(), table
    assert table["S1"].sum() - table["S1_conf"].max() <= 1 + tol
    assert table["ST"].max() > 0.05  # something matters, and for literacy it is a literacy parameter
    assert table.loc[table["ST"].idxmax(), "factor"].startswith("literacy.")


def test_sensitivity_indicators_and_months_are_checked(sobol_store: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("sensitivity", str(sobol_store), "--indicator", "actve", "--out", str(tmp_path / "a"))
    assert code == 2 and "--indicator" in err and "'actve' is not in this store" in err
    code, _, err = run_cli("sensitivity", str(sobol_store), "--indicator", "active", "--month", "2030-01", "--out", str(tmp_path / "b"))
    assert code == 2 and "--month" in err and "2030-01" in err
    code, _, err = run_cli("sensitivity", str(tmp_path / "nothing"), "--indicator", "active", "--out", str(tmp_path / "c"))
    assert code == 2 and "not an experiment store" in err
    code, _, err = run_cli("sensitivity", str(sobol_store / "experiment.json"), "--indicator", "active", "--out", str(tmp_path / "d"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "experiment.json: is a file; expected a store folder" in err, err
    assert not any((tmp_path / d).exists() for d in "abcd")


def test_sensitivity_refuses_a_grid_store(tmp_path: Path) -> None:
    experiment = load_experiment(write_spec(tmp_path, small_spec(replications=1)))
    run_experiment(experiment, tmp_path / "grid", executor="serial", progress=False)
    code, _, err = run_cli("sensitivity", str(tmp_path / "grid"), "--indicator", "active")
    assert code == 2 and "design.kind" in err and "sobol or morris" in err
    assert not (tmp_path / "grid" / "sensitivity").exists()


def test_morris_indices(tmp_path: Path) -> None:
    spec = small_spec(
        factors={"enrolment.literacy_effect": {"range": [0.5, 5.0]}, "jht.withdrawal_probability": {"range": [0.01, 0.1]}},
        design={"kind": "morris", "samples": 4},
        replications=1,
    )
    experiment = load_experiment(write_spec(tmp_path, spec))
    run_experiment(experiment, tmp_path / "morris", executor="serial", progress=False)
    assert len(load(tmp_path / "morris").runs) == 4 * 3
    result = sensitivity(tmp_path / "morris", "active")
    assert list(result.table["factor"]) == ["enrolment.literacy_effect", "jht.withdrawal_probability"]
    # The indices are the elementary effects of the store's own trajectories, computed here by hand:
    # each trajectory moves one factor at a time by a step of the unit range; an effect is the change
    # of the indicator (final month, mean over replications) over that step.
    data = load(tmp_path / "morris")
    month = sorted(data.series["month"].unique())[-1]
    y = data.at("active", month).groupby("point")["value"].mean().sort_index().to_numpy()
    names = list(result.table["factor"])
    x = data.runs.drop_duplicates("point").sort_values("point")[names].to_numpy(dtype=float)
    width = np.array([spec["factors"][n]["range"][1] - spec["factors"][n]["range"][0] for n in names])
    effects: dict[str, list[float]] = {n: [] for n in names}
    for start in range(0, len(y), len(names) + 1):
        for a in range(start, start + len(names)):
            step = (x[a + 1] - x[a]) / width
            (moved,) = np.flatnonzero(step)
            effects[names[moved]].append((y[a + 1] - y[a]) / step[moved])
    table = result.table.set_index("factor")
    for name, ee in effects.items():
        assert len(ee) == 4
        assert table.at[name, "mu"] == pytest.approx(np.mean(ee), rel=1e-9)
        assert table.at[name, "mu_star"] == pytest.approx(np.mean(np.abs(ee)), rel=1e-9)
        assert table.at[name, "sigma"] == pytest.approx(np.std(ee, ddof=1), rel=1e-9)
