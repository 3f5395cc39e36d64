"""Observed against simulated: every figure of a calibration's targets, with chance and parameter uncertainty apart.

A scenario (``calibrated`` by default) is run with ``seeds`` replication seeds and, with an ensemble
of parameter sets, with each of ``sets`` sets drawn from it by weight. For every target of the
calibration file the table gives the observed value, the simulated mean, the chance interval (5-95%
of the seeds' spread with the parameters held) and the parameter interval (5-95% of the sets' means),
and the relative error of the mean. Runs go through the experiment runner (any executor) into a
temporary store.
"""

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from enrolsim.analysis.comparison import uncertainty_apart
from enrolsim.core.errors import ScenarioError
from enrolsim.core.shipped import locate
from enrolsim.experiments.experiment import Experiment, build_experiment
from enrolsim.experiments.runner import run_experiment
from enrolsim.experiments.spec import PARAMETER_SET_FACTOR, ExperimentSpec
from enrolsim.experiments.store import load
from enrolsim.scenario.loading import load_scenario
from enrolsim.studies.calibration import simulated
from enrolsim.studies.calibration_spec import Calibration, load_calibration
from enrolsim.studies.compare import draw_parameter_sets


def validation_runs(
    scenario: str | Path,
    *,
    seeds: int,
    agents: int,
    months: int | None = None,
    parameter_sets: str | Path | None = None,
    sets: int | None = None,
    seed: int = 2019,
    executor: str = "processes",
    workers: int | None = None,
) -> pd.DataFrame:
    """Every run's monthly indicators (a ``run_id``, ``parameter_set`` and ``replication`` column each)."""
    path = load_path(scenario)
    base = load_scenario(path)
    drawn = draw_parameter_sets(parameter_sets, sets, seed) if parameter_sets is not None else []
    settings = {"population.agents": agents, **({"months": months} if months is not None else {})}
    spec = ExperimentSpec(
        name=f"validation: {base.name}"[:200],
        scenario=str(path),
        settings=settings,
        factors={PARAMETER_SET_FACTOR: {"levels": list(range(len(drawn)))}} if drawn else {},
        replications=seeds,
        seed=seed,
        parameter_sets=drawn,
    )
    with tempfile.TemporaryDirectory(prefix="enrolsim-validation-") as scratch:
        folder = Path(scratch)
        experiment: Experiment = build_experiment(spec, "validation", folder)
        report = run_experiment(experiment, folder / "store", executor=executor, workers=workers, progress=False)
        if report.failed:
            raise RuntimeError(f"{report.failed} validation runs failed; errors in {folder / 'store' / 'failed'}")
        data = load(folder / "store")
    runs = data.runs[["run_id", "replication", *([PARAMETER_SET_FACTOR] if drawn else [])]]
    frame = data.series.merge(runs, on="run_id")
    if PARAMETER_SET_FACTOR not in frame:
        frame[PARAMETER_SET_FACTOR] = 0
    return frame


def load_path(scenario: str | Path) -> Path:
    """The scenario file behind a path or a shipped name."""
    return locate(scenario, "scenario", ScenarioError).resolve()


def target_table(cal: Calibration, runs: pd.DataFrame) -> pd.DataFrame:
    """One row a target: observed, simulated mean, chance and parameter intervals, relative error."""
    per_run = []
    for (run_set, _), series in runs.groupby([PARAMETER_SET_FACTOR, "run_id"]):
        per_run.append((run_set, simulated(cal, series.drop(columns=[PARAMETER_SET_FACTOR, "replication"]))))
    sets = np.array([s for s, _ in per_run])
    values = np.array([v for _, v in per_run])  # runs x targets
    rows = []
    for i, t in enumerate(cal.spec.targets):
        apart = uncertainty_apart("simulated", values[:, i], sets)
        mean = float(values[:, i].mean())
        rows.append(
            {
                "target": cal.target_label(i),
                "model": "+".join(t.model),
                "how": t.how,
                "weight": cal.weights[i],
                "observed": cal.observed[i],
                "simulated": mean,
                "standard_error": float(values[:, i].std(ddof=1) / np.sqrt(len(values))) if len(values) > 1 else float("nan"),
                **apart,
                "relative_error": mean / cal.observed[i] - 1,
            }
        )
    return pd.DataFrame(rows)


def validate(
    calibration: str | Path,
    scenario: str | Path = "calibrated",
    **options: object,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The target table and the runs behind it (see :func:`validation_runs` for the options)."""
    cal = load_calibration(calibration)
    runs = validation_runs(scenario, **options)  # type: ignore[arg-type]
    return target_table(cal, runs), runs
