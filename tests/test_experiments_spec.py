"""Experiment files: bad ones stop before any run, naming file, key and expectation (issue 4, Show 3)."""

from pathlib import Path

import numpy as np
import pytest

from enrolsim.experiments import ExperimentError, load_experiment, replication_seeds
from experiments_support import BASELINE, REPO, run_cli, small_spec, write_spec

SOBOL_FACTORS = {"enrolment.literacy_effect": {"range": [0.5, 5.0]}, "jht.withdrawal_probability": {"range": [0.01, 0.1]}}

BAD = {
    "unknown factor path": (
        {"factors": {"enrolment.literacy_efect": {"levels": [1.0, 2.0]}}},
        "factors.enrolment.literacy_efect",
        "unknown parameter",
    ),
    "range outside the parameter's bounds": (
        {"factors": {"enrolment.registration_ease": {"range": [0.2, 1.5]}}, "design": {"kind": "latin_hypercube", "samples": 4}},
        "factors.enrolment.registration_ease.range",
        "outside the parameter's range 0 .. 1",
    ),
    "level outside the parameter's bounds": (
        {"factors": {"employers.registration_rate": {"levels": [0.01, 2.0]}}},
        "factors.employers.registration_rate.levels.1",
        "2.0 is not between 0 and 1",
    ),
    "sobol with a categorical factor": (
        {"factors": {**SOBOL_FACTORS, "scenario": {"levels": [str(BASELINE)]}}, "design": {"kind": "sobol", "samples": 4}},
        "factors.scenario",
        "sobol design needs a numeric range",
    ),
    "sobol with a whole-number factor": (
        {"factors": {**SOBOL_FACTORS, "contributions.unpaid_months_to_inactive": {"range": [1, 6]}}, "design": {"kind": "sobol", "samples": 4}},
        "factors.contributions.unpaid_months_to_inactive",
        "needs continuous factors",
    ),
    "sobol samples not a power of two": (
        {"factors": SOBOL_FACTORS, "design": {"kind": "sobol", "samples": 6}},
        "design.samples",
        "not a power of 2",
    ),
    "morris without samples": (
        {"factors": SOBOL_FACTORS, "design": {"kind": "morris"}},
        "design.samples",
        "needs a number of samples",
    ),
    "grid with a range and no levels": (
        {"factors": {"enrolment.literacy_effect": {"range": [0.5, 5.0]}}},
        "factors.enrolment.literacy_effect",
        "a grid needs levels",
    ),
    "levels and range together": (
        {"factors": {"enrolment.literacy_effect": {"levels": [1.0], "range": [0.5, 5.0]}}},
        "factors.enrolment.literacy_effect",
        "either levels",
    ),
    "range a number that is not a number parameter": (
        {"factors": {"start": {"range": [0.0, 1.0]}}, "design": {"kind": "latin_hypercube", "samples": 4}},
        "factors.start.range",
        "not a number",
    ),
    "unknown top-level key": ({"replicatons": 3}, "replicatons", "unknown key"),
    "unknown indicator": ({"keep": {"indicators": ["actve"]}}, "keep.indicators", "'actve' is not an indicator"),
    "month not simulated": ({"keep": {"months": ["2030-01"]}}, "keep.months", "2030-01 is not simulated"),
    "unknown setting": ({"settings": {"population.agentz": 5}}, "settings.population.agentz", "unknown key"),
    "factor also fixed in settings": (
        {"settings": {"population.agents": 2000, "months": 9, "employers.registration_rate": 0.02}},
        "factors.employers.registration_rate",
        "also fixed in settings",
    ),
    "replications zero": ({"replications": 0}, "replications", "0 is not between 1 and 100000"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_experiment_file_fails_before_any_run(tmp_path: Path, case: str) -> None:
    changes, key, expectation = BAD[case]
    path = write_spec(tmp_path, small_spec(**changes))
    store = tmp_path / "store"
    code, _out, err = run_cli("experiment", str(path), "--out", str(store), "--executor", "serial")
    assert code == 2
    assert err.count("\n") == 1, err
    assert f"{path}: {key}: " in err
    assert expectation in err
    assert not store.exists()


def test_missing_scenario_file_names_it(tmp_path: Path) -> None:
    path = write_spec(tmp_path, small_spec(scenario="nowhere.yaml"))
    code, _, err = run_cli("experiment", str(path), "--out", str(tmp_path / "store"))
    assert code == 2 and "nowhere.yaml" in err and "no such file" in err
    assert not (tmp_path / "store").exists()


def test_scheduler_without_dask_is_refused(tmp_path: Path) -> None:
    path = write_spec(tmp_path, small_spec())
    code, _, err = run_cli("experiment", str(path), "--out", str(tmp_path / "store"), "--scheduler", "tcp://localhost:1")
    assert code == 2 and "--scheduler" in err
    assert not (tmp_path / "store").exists()


def test_shipped_experiment_files_validate() -> None:
    counts = {}
    for path in sorted((REPO / "experiments").glob("*.yaml")):
        counts[path.stem] = load_experiment(path).n_runs
    assert counts["registration_x_payment_ease"] == 4 * 4 * 10
    assert counts["behavioural_sobol"] == 256 * (14 + 2)
    assert counts["strategy_comparison"] == 11 * 20
    assert counts["perisai_sweep"] == 4 * 4 * 10
    assert counts["strategy_mix_from_2025"] == 40 * 4


def test_designs_have_the_expected_points(tmp_path: Path) -> None:
    grid = load_experiment(write_spec(tmp_path, small_spec()))
    assert len(grid.points) == 4 and grid.n_runs == 8
    assert grid.points[1] == {"employers.registration_rate": 0.01, "contributions.payment_ease": 0.8}
    sobol = load_experiment(write_spec(tmp_path, small_spec(factors=SOBOL_FACTORS, design={"kind": "sobol", "samples": 8}, replications=1)))
    assert len(sobol.points) == 8 * (2 + 2)
    morris = load_experiment(write_spec(tmp_path, small_spec(factors=SOBOL_FACTORS, design={"kind": "morris", "samples": 5}, replications=1)))
    assert len(morris.points) == 5 * (2 + 1)
    lhs_spec = small_spec(factors={"contributions.unpaid_months_to_inactive": {"range": [1, 6]}}, design={"kind": "latin_hypercube", "samples": 10})
    lhs = load_experiment(write_spec(tmp_path, lhs_spec))
    values = [p["contributions.unpaid_months_to_inactive"] for p in lhs.points]
    assert all(isinstance(v, int) and 1 <= v <= 6 for v in values)
    for experiment in (sobol, morris):
        for point in experiment.points:
            assert 0.5 <= point["enrolment.literacy_effect"] <= 5.0
    # A grid of no factors is the base scenario alone, replicated (docs/experiments.md: a study of its chance spread).
    spread = load_experiment(write_spec(tmp_path, small_spec(factors={}, replications=3)))
    assert spread.points == [{}] and spread.n_runs == 3


def test_replication_seeds_come_from_seedsequence_spawn() -> None:
    seeds = replication_seeds(123, 5)
    children = np.random.SeedSequence(123).spawn(5)
    assert seeds == [int(c.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for c in children]
    assert replication_seeds(123, 3) == seeds[:3]  # adding replications keeps the earlier ones
    assert len(set(seeds)) == 5 and all(0 <= s < 2**63 for s in seeds)


def test_overrides_for_a_quick_look() -> None:
    experiment = load_experiment(REPO / "experiments" / "behavioural_sobol.yaml", {"design.samples": 4, "settings.population.agents": 1000})
    assert experiment.n_runs == 4 * 16
    assert experiment.bases[experiment.spec.scenario].population.agents == 1000


def test_error_is_an_input_error_with_key() -> None:
    with pytest.raises(ExperimentError) as info:
        load_experiment(REPO / "experiments" / "behavioural_sobol.yaml", {"design.kind": "grid", "design.samples": None})
    assert info.value.key.startswith("factors.")


def test_numbers_written_with_an_exponent_are_numbers(tmp_path: Path) -> None:
    """YAML 1.1 (PyYAML) reads 1e11 and 4.0e12 as text: a budget's levels reached the store as strings,
    and the factor was no longer numeric for the analyses that read it."""
    path = tmp_path / "budgets.yaml"
    path.write_text(
        f"name: budgets\nscenario: {BASELINE}\nsettings: {{population.agents: 2000, months: 9}}\n"
        "factors:\n  strategies.extensification.local_government.subsidy_budget: {levels: [0, 1e11, 2.5e11]}\n"
        "design: {kind: grid}\nreplications: 1\nseed: 3\n",
        encoding="utf-8",
    )
    budgets = [p["strategies.extensification.local_government.subsidy_budget"] for p in load_experiment(path).points]
    assert budgets == [0, 1e11, 2.5e11] and all(isinstance(b, int | float) for b in budgets)
