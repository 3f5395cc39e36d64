"""Every shipped trial file runs end to end (moved from test_calibrated.py)."""

import pandas as pd

from conftest import SCENARIOS

TRIALS = sorted((SCENARIOS.parent / "trials").glob("*.yaml"))


def test_every_shipped_trial_file_runs(tmp_path):
    """Each trial file in trials/ runs end to end (small: 3,000 agents, 2 replications) and writes its outputs."""
    from conftest import run_cli

    assert len(TRIALS) >= 3
    for path in TRIALS:
        out = tmp_path / path.stem
        result = run_cli(["trial", path, "--out", out, "--agents", 3000, "--replications", 2])
        assert result.code == 0, (path.name, result.err)
        assert {"uptake.csv", "comparison.csv", "summary.json", "uptake.png"} <= {p.name for p in out.iterdir()}
        comparison = pd.read_csv(out / "comparison.csv")
        assert set(comparison["when"]) == {"during", "after"} and comparison["uptake"].between(0, 1).all()
