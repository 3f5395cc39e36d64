"""Where runs execute: in this process, a local process pool, or Dask.

- ``serial``: in this process, one run after another (debugging, notebooks, tiny experiments).
- ``processes``: a local :class:`~concurrent.futures.ProcessPoolExecutor` (``forkserver`` start
  method on POSIX, so the pool is safe to start from a program that already runs threads).
- ``dask``: ``dask.distributed``; a ``LocalCluster`` when no scheduler address is given, otherwise
  ``Client(address)`` on a running cluster whose workers have enrolsim installed.

Executors keep a bounded number of runs in flight, so an experiment of 100,000 runs does not
build 100,000 tasks up front. Worker processes started here end with the process that started
them, however it ends (Ctrl-C, ``kill``, SIGKILL), and Ctrl-C is handled by that process alone.
"""

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from enrolsim.core.errors import InputError
from enrolsim.experiments import scheduler_check  # its timeout read at each use (a test shortens it)
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
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_end_with_launcher)

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


def _end_with_launcher() -> None:
    """Pool initializer: end this worker when the process that started the pool is gone.

    A pool's workers wait for work on a queue whose writing end they hold themselves, so they never
    see the launcher die: after ``kill`` or SIGKILL of ``enrolsim experiment`` they (and the
    forkserver) would live on, idle, holding their memory. The launcher holds the other end of the
    pipe multiprocessing gives each child as its parent's sentinel; it closes when the launcher ends.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), name="end-with-launcher", daemon=True).start()


def _exit_after(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns once the parent's end of the sentinel pipe is closed: it has exited
    os._exit(1)


class DaskExecutor:
    """``dask.distributed``: a LocalCluster, or the cluster whose scheduler is at ``scheduler``."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        try:
            from dask.distributed import Client
        except ImportError:
            raise InputError("--executor", "dask", "dask.distributed is not installed (pip install 'enrolsim[dask]')") from None
        self.cluster = None
        if scheduler is not None:
            scheduler_check.check_scheduler(scheduler)
            try:
                self.client = Client(scheduler, timeout=f"{scheduler_check.SCHEDULER_TIMEOUT:g}s")
            except Exception as exc:  # whatever Dask raises, the person needs one line, not its traceback
                raise InputError("--scheduler", scheduler, f"cannot connect to a Dask scheduler ({scheduler_check.first_line(exc)})") from None
            if not self.client.nthreads():
                sys.stderr.write(f"enrolsim: the Dask scheduler at {scheduler} has no workers yet; runs start when one connects (dask worker {scheduler})\n")
        else:
            self.cluster = _local_cluster(workers)
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


def _local_cluster(workers: int) -> Any:
    """A ``LocalCluster`` of ``workers`` single-threaded processes that leaves the terminal to enrolsim.

    Its worker processes start with SIGINT ignored (they inherit that), so Ctrl-C interrupts this
    process alone, which closes the cluster, instead of printing a traceback from every worker. Its
    HTTP server takes a free port on 127.0.0.1 rather than 8787 (taken by any other Dask cluster,
    a warning), and Dask's logs show errors only ("event loop unresponsive" is a long run, not news).
    """
    from dask.distributed import LocalCluster

    ignore_interrupts = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignore_interrupts else None
    try:
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        )
    finally:
        if ignore_interrupts:
            signal.signal(signal.SIGINT, previous)


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
