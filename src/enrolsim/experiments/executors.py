"""Where runs execute: in this process, a local process pool, or Dask.

- ``serial``: in this process, one run after another (debugging, notebooks, tiny experiments).
- ``processes``: a local :class:`~concurrent.futures.ProcessPoolExecutor` (``forkserver`` start
  method on POSIX, so the pool is safe to start from a program that already runs threads).
- ``dask``: ``dask.distributed``; a ``LocalCluster`` when no scheduler address is given, otherwise
  ``Client(address)`` on a running cluster whose workers have enrolsim installed.

Executors keep a bounded number of runs in flight, so an experiment of 100,000 runs does not
build 100,000 tasks up front.
"""

import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from enrolsim.core.errors import InputError
from enrolsim.experiments.runs import RunOutcome, RunSpec, _failed, execute

EXECUTORS = ("serial", "processes", "dask")


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
            context.set_forkserver_preload(["enrolsim.experiments.runs", "enrolsim.run"])
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
