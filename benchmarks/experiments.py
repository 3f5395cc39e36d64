"""Throughput of experiments: runs per second serially and with a process pool, and store size.

    .venv/bin/python benchmarks/experiments.py                        # 200 runs of 100,000 workers x 120 months
    .venv/bin/python benchmarks/experiments.py --runs 20 --agents 20000   # a quick look

Runs the same experiment (the baseline, ``--runs`` replications) into two temporary stores, once
with the serial executor and once with ``--workers`` processes, checks both hold identical
series, and prints runs per second, the speed-up and the store's bytes per run. Wall times include
starting the pool and writing the store: what a user waits for.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from enrolsim.experiments import load, run_experiment
from enrolsim.experiments.spec import ExperimentSpec, build_experiment

REPO = Path(__file__).resolve().parents[1]


def experiment(runs: int, agents: int, months: int):
    """The baseline with ``runs`` replications (every run a different seed), all indicators kept."""
    spec = ExperimentSpec(
        name=f"benchmark {runs} x {agents} agents x {months} months",
        scenario="baseline.yaml",
        settings={"population.agents": agents, "months": months},
        replications=runs,
        seed=1,
    )
    return build_experiment(spec, "benchmark", REPO / "scenarios")


def store_bytes(store: Path) -> int:
    """Bytes of every file in the store."""
    return sum(p.stat().st_size for p in store.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--agents", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    exp = experiment(args.runs, args.agents, args.months)
    print(f"{args.runs} runs of {args.agents:,} workers x {args.months} months; Python {sys.version.split()[0]}", flush=True)
    rates = {}
    with tempfile.TemporaryDirectory(prefix="enrolsim-bench-") as tmp:
        stores = {}
        for executor, workers in (("serial", 1), ("processes", args.workers)):
            stores[executor] = Path(tmp) / executor
            start = time.perf_counter()
            report = run_experiment(exp, stores[executor], executor=executor, workers=workers, progress=False)
            elapsed = time.perf_counter() - start
            assert report.failed == 0 and report.finished == args.runs, report
            rates[executor] = args.runs / elapsed
            label = executor if executor == "serial" else f"{workers} processes"
            print(f"{label:>12}: {elapsed:8.1f} s  {rates[executor]:6.2f} runs/s", flush=True)
        same = load(stores["serial"]).series.equals(load(stores["processes"]).series)
        total = store_bytes(stores["processes"])
        series = store_bytes(stores["processes"] / "series")
    print(f"    speed-up: {rates['processes'] / rates['serial']:.2f}x with {args.workers} processes (goal >= 1.7x with 2)")
    print(f"       store: {total / args.runs / 1024:.1f} KiB per run ({series / args.runs / 1024:.1f} KiB of series), {total / 1e6:.1f} MB in all")
    print(f"   identical: {'yes' if same else 'NO'} (serial and processes stores hold the same series)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
