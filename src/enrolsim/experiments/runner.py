"""Running an experiment: run specs, executors, and the loop that fills the store.

Workers receive a :class:`RunSpec` (a run id, a seed, the run's scenario as plain JSON data and
what to keep: a few kilobytes), never a model, and send back a :class:`RunOutcome` with the kept
indicator series. Only the calling process writes the store, as each outcome arrives.

Executors:

- ``serial``: in this process, one run after another (debugging, notebooks, tiny experiments).
- ``processes``: a local :class:`~concurrent.futures.ProcessPoolExecutor` (``forkserver`` start
  method on POSIX, so the pool is safe to start from a program that already runs threads).
- ``dask``: ``dask.distributed``; a ``LocalCluster`` when no scheduler address is given, otherwise
  ``Client(address)`` on a running cluster whose workers have enrolsim installed.

Executors keep a bounded number of runs in flight, so an experiment of 100,000 runs does not
build 100,000 tasks up front. A run's result depends on its spec only (scenario and seed), never
on the executor, the number of workers or the order runs finish in.
"""

import json
import multiprocessing
import os
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from enrolsim.core.errors import InputError
from enrolsim.core.progress import wanted as progress_wanted
from enrolsim.experiments.spec import Experiment
from enrolsim.experiments.store import Store

EXECUTORS = ("serial", "processes", "dask")


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs for one run."""

    run_id: int
    seed: int
    scenario: dict[str, Any]  # Scenario.model_dump(mode="json") of the run's design point
    indicators: tuple[str, ...]
    months: str | tuple[str, ...]  # "all", "last" or the months kept


@dataclass
class RunOutcome:
    """A run's result as sent back to the writer."""

    run_id: int
    ok: bool
    table: pd.DataFrame | None = None
    error: str = ""
    traceback: str = ""
    wall_time: float = 0.0


def execute(spec: RunSpec) -> RunOutcome:
    """Run one spec; never raises (an exception becomes a failed outcome)."""
    from enrolsim.run import simulate
    from enrolsim.scenario.schema import Scenario

    start = time.perf_counter()
    try:
        scenario = Scenario.model_validate(spec.scenario)
        frame = simulate(scenario, seed=spec.seed).timeseries
        frame = frame[["month", *spec.indicators]]
        if spec.months == "last":
            frame = frame.iloc[[-1]]
        elif spec.months != "all":
            frame = frame[frame["month"].isin(spec.months)]
        frame = frame.reset_index(drop=True)
        frame.insert(0, "run_id", spec.run_id)
        return RunOutcome(spec.run_id, True, table=frame, wall_time=time.perf_counter() - start)
    except Exception as exc:
        return _failed(spec, exc, time.perf_counter() - start)


def _failed(spec: RunSpec, exc: BaseException, wall_time: float = 0.0) -> RunOutcome:
    line = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return RunOutcome(spec.run_id, False, error=line, traceback="".join(traceback.format_exception(exc)), wall_time=wall_time)


# -- executors ---------------------------------------------------------------------------------


class SerialExecutor:
    """Runs in the calling process."""

    def __enter__(self) -> "SerialExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map_unordered(self, specs: Iterator[RunSpec]) -> Iterator[RunOutcome]:
        """Outcomes in order."""
        for spec in specs:
            yield execute(spec)


class ProcessExecutor:
    """A local process pool with a bounded number of runs in flight."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["enrolsim.experiments.runner", "enrolsim.run"])
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context)

    def __enter__(self) -> "ProcessExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def map_unordered(self, specs: Iterator[RunSpec]) -> Iterator[RunOutcome]:
        """Outcomes as runs finish."""
        pending: dict[Future, RunSpec] = {}
        specs = iter(specs)

        def fill() -> None:
            while len(pending) < 2 * self.workers + 2:
                spec = next(specs, None)
                if spec is None:
                    return
                try:
                    pending[self.pool.submit(execute, spec)] = spec
                except BrokenProcessPool:  # a worker died (killed, out of memory): start a new pool
                    self.pool.shutdown(wait=False, cancel_futures=True)
                    self.pool = self._new_pool()
                    pending[self.pool.submit(execute, spec)] = spec

        fill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                spec = pending.pop(future)
                try:
                    yield future.result()
                except Exception as exc:  # the worker process died under this run
                    yield _failed(spec, exc)
            fill()


class DaskExecutor:
    """``dask.distributed``: a LocalCluster, or the cluster whose scheduler is at ``scheduler``."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--executor", "dask", "dask.distributed is not installed (pip install 'enrolsim[dask]')") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError("--scheduler", scheduler, f"cannot connect to a Dask scheduler ({exc})") from None
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self.cluster)

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def map_unordered(self, specs: Iterator[RunSpec]) -> Iterator[RunOutcome]:
        """Outcomes as runs finish, a bounded number in flight."""
        from dask.distributed import as_completed

        threads = max(1, sum(self.client.nthreads().values()))
        specs = iter(specs)
        by_key: dict[str, RunSpec] = {}

        def submit() -> Any:
            spec = next(specs, None)
            if spec is None:
                return None
            future = self.client.submit(execute, spec, pure=False, key=f"enrolsim-run-{spec.run_id}-{os.getpid()}-{time.monotonic_ns()}")
            by_key[future.key] = spec
            return future

        first = [f for f in (submit() for _ in range(2 * threads + 2)) if f is not None]
        if not first:
            return
        flow = as_completed(first)
        for future in flow:
            spec = by_key.pop(future.key)
            try:
                outcome = future.result()
            except Exception as exc:  # lost worker, KilledWorker, ...
                outcome = _failed(spec, exc)
            future.release()
            yield outcome
            following = submit()
            if following is not None:
                flow.add(following)


def make_executor(name: str, workers: int | None = None, scheduler: str | None = None) -> Any:
    """The executor called ``name`` (``serial``, ``processes`` or ``dask``)."""
    if name not in EXECUTORS:
        raise InputError("--executor", name, f"expected one of {', '.join(EXECUTORS)}")
    workers = workers or default_workers()
    if name == "serial":
        return SerialExecutor()
    if name == "processes":
        return ProcessExecutor(workers)
    return DaskExecutor(workers, scheduler)


def default_workers() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- the experiment loop -----------------------------------------------------------------------


@dataclass
class RunReport:
    """What one call of :func:`run_experiment` did."""

    store: Path
    total: int
    skipped: int  # finished before this call
    finished: int = 0
    failed_ids: list[int] = field(default_factory=list)
    wall_time: float = 0.0

    @property
    def failed(self) -> int:
        """Runs that raised in this call."""
        return len(self.failed_ids)


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
            if target.info().get("runs") != experiment.n_runs:  # more replications: record the larger plan
                target.create(experiment, plan)
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
                    bar.set_postfix(failed=report.failed, refresh=False)
                bar.update(1)
                target.write_summary(plan)
        finally:
            bar.close()
            target.write_summary(plan, force=True)
    report.wall_time = time.perf_counter() - start
    return report
