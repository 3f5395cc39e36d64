"""Every shipped trial file runs end to end and writes its outputs (moved from test_calibrated.py; the output checks
of test_validation.py's run of the JKN trial through the command line moved here)."""

import pandas as pd

from conftest import SCENARIOS
from enrolsim.studies.trial import load_trial

TRIALS = sorted((SCENARIOS.parent / "trials").glob("*.yaml"))


def test_every_shipped_trial_file_runs(tmp_path):
    """Each trial file in trials/ runs end to end (small: 3,000 agents, 2 replications) and writes its outputs."""
    from conftest import run_cli

    assert len(TRIALS) >= 3
    for path in TRIALS:
        out = tmp_path / path.stem
        result = run_cli(["trial", path, "--out", out, "--agents", 3000, "--replications", 2])
        assert result.code == 0, (path.name, result.err)
        assert {"uptake.csv", "uptake_runs.csv", "comparison.csv", "summary.json", "uptake.png"} <= {p.name for p in out.iterdir()}
        comparison = pd.read_csv(out / "comparison.csv")
        assert set(comparison["when"]) == {"during", "after"} and comparison["uptake"].between(0, 1).all()
        table = pd.read_csv(out / "uptake.csv")
        assert set(table["arm"]) == {arm.name for arm in load_trial(path).spec.arms}
        assert (table["ci_low"] <= table["mean"]).all() and (table["mean"] <= table["ci_high"]).all()
        assert len(pd.read_csv(out / "uptake_runs.csv")["replication"].unique()) == 2
