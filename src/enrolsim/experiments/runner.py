"""Running an experiment: the loop that turns its plan into run specs, hands them to an executor and fills the store.

Only the calling process writes the store, as each outcome arrives; running the same experiment
again runs only what the store lacks. A run's result depends on its spec only (scenario and seed),
never on the executor, the number of workers or the order runs finish in.
"""

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from enrolsim.core.progress import wanted as progress_wanted
from enrolsim.experiments.executors import make_executor
from enrolsim.experiments.experiment import Experiment
from enrolsim.experiments.runs import RunReport, RunSpec
from enrolsim.experiments.store import Store

# -- the experiment loop -----------------------------------------------------------------------


def plan_table(experiment: Experiment) -> pd.DataFrame:
    """One row a run: run_id, point, replication, seed and the factor values of its point.

    Run ids are replication-major (``run_id = replication * points + point``), so adding
    replications appends run ids and keeps those of the runs already made.
    """
    points = len(experiment.points)
    n = experiment.n_runs
    table = pd.DataFrame(
        {
            "run_id": pd.Series(range(n), dtype="int64"),
            "point": pd.Series([i % points for i in range(n)], dtype="int64"),
            "replication": pd.Series([i // points for i in range(n)], dtype="int64"),
            "seed": pd.Series([experiment.seeds[i // points] for i in range(n)], dtype="int64"),
        }
    )
    for name in experiment.factor_names:
        table[name] = _column([experiment.points[p][name] for p in table["point"]])
    return table


def _column(values: list[Any]) -> pd.Series:
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return pd.Series(values, dtype="float64" if any(isinstance(v, float) for v in values) else "int64")
    return pd.Series([v if isinstance(v, str) else json.dumps(v) for v in values], dtype="object")


def run_specs(experiment: Experiment, run_ids: list[int]) -> Iterator[RunSpec]:
    """Specs of ``run_ids`` (ascending), building each design point's scenario once."""
    points = len(experiment.points)
    indicators = tuple(experiment.indicators())
    months = experiment.spec.keep.months
    months = months if isinstance(months, str) else tuple(months)
    scenarios: dict[int, dict[str, Any]] = {}
    for run_id in run_ids:
        point = run_id % points
        if point not in scenarios:
            scenarios[point] = experiment.scenario_for(point).model_dump(mode="json")
        yield RunSpec(run_id, experiment.seeds[run_id // points], scenarios[point], indicators, months)


def run_experiment(
    experiment: Experiment,
    store: str | Path,
    executor: str = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool | None = None,
) -> RunReport:
    """Run every run of ``experiment`` not yet finished in ``store``; return what happened.

    A store made by a different experiment is refused (:class:`ExperimentError`) before anything
    is written. Runs that raise are recorded as failed and retried by the next call.
    """
    start = time.perf_counter()
    target = Store(store)
    exists = target.check(experiment)
    plan = plan_table(experiment)
    executor_obj = make_executor(executor, workers, scheduler)  # bad executor options fail before writing
    with executor_obj as pool:
        if exists:
            target.clean()
            if (grown := target.info()).get("runs") != experiment.n_runs:  # more replications: record the larger plan
                target.create(experiment, plan, grown=grown)
        else:
            target.create(experiment, plan)
        done = target.finished_ids()
        todo = [i for i in range(experiment.n_runs) if i not in done]
        report = RunReport(target.path, experiment.n_runs, skipped=experiment.n_runs - len(todo))
        target.write_summary(plan, force=True)
        show = progress_wanted() if progress is None else progress
        bar = tqdm(total=len(todo), desc=experiment.spec.name, unit="run", disable=not show, dynamic_ncols=True)
        try:
            for outcome in pool.map_unordered(run_specs(experiment, todo)):
                target.write(outcome, experiment.seeds[outcome.run_id // len(experiment.points)])
                if outcome.ok:
                    report.finished += 1
                else:
                    report.failed_ids.append(outcome.run_id)
                    report.errors.append(outcome.error or "")
                    bar.set_postfix(failed=report.failed, refresh=False)
                bar.update(1)
                target.write_summary(plan)
        finally:
            bar.close()
            target.write_summary(plan, force=True)
    report.wall_time = time.perf_counter() - start
    return report
