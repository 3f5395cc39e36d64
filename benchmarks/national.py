"""A national run at one agent a person: build time, worker-months a second and peak memory per worker.

Runs the history (``scenarios/history.yaml``: the calibrated scenario from January 2014 with every
dated event; or ``--scenario``) with ``population.agents: full`` (112.8 million workers in 2014) on
Indonesia's map (``population.geography: map``) for ``--months`` months (default 144, twelve years,
to December 2025) in one process, and prints:

- the build time (geography, firms, population, schedule), wall clock and CPU;
- the months' wall time and CPU time, and worker-months per second by each;
- the time per month of each entry of ``model.PROCESSES`` and of the step's own work;
- peak resident memory of the whole process (``ru_maxrss``) per worker, after the build and at the end;
- the final national indicators (with ``--out``, also the time series, and with ``--by-district`` the
  district table ``by_district.parquet`` and ``coverage_by_province.png``, as ``enrolsim run --by-district`` writes them).

Goals (issue 16): build within 2 minutes; at least 17 million worker-months a second (12 national
years in under 20 minutes on one core); peak resident memory at most 100 bytes per worker.

Usage::

    .venv/bin/python benchmarks/national.py --by-district --out results/national  # the national run (30-45 min, ~10 GB)
    .venv/bin/python benchmarks/national.py --agents 2000000 --months 12         # a quick look
    .venv/bin/python benchmarks/national.py --labour-force 5e6 --months 24       # a province-sized full run

Check ``free -g`` first: the national run needs about 80 bytes per worker (9 GB).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


import enrolsim  # noqa: E402
from enrolsim.cli.types import agents_option  # noqa: E402
from enrolsim.outputs import coverage_by_province  # noqa: E402
from enrolsim.run import district_table, districts_now, timeseries_of  # noqa: E402
from throughput import Timers, instrument, machine, max_rss_bytes  # noqa: E402

GOAL_BUILD_S, GOAL_RATE, GOAL_BYTES = 120.0, 17e6, 100.0


def sized(base: enrolsim.Scenario, labour_force: float | None) -> dict[str, object]:
    """Overrides for a part of the country of ``labour_force`` persons (none: the scenario's), its national counts
    (``population.national_share``) scaled with it. A strategy's amounts are not (docs/ODD.md, "A part of the
    country"): the history's Perisai corps stay the nation's, the same at both scales of an agreement."""
    if not labour_force:
        return {}
    ratio = labour_force / base.population.labour_force
    return {"population.labour_force": labour_force, "population.national_share": base.population.national_share * ratio}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "history.yaml"))
    parser.add_argument("--agents", type=agents_option, default="full", help="full (default), or a number of agents")
    parser.add_argument("--labour-force", type=float, help="labour force at the start (default: the scenario's); national_share is scaled with it")
    parser.add_argument("--geography", choices=("map", "uniform"), default="map")
    parser.add_argument("--months", type=int, default=144)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--by-district", action="store_true", help="also keep the district figures each month")
    parser.add_argument("--out", type=Path, help="write the time series (and district table) and a JSON of the figures here")
    args = parser.parse_args(argv)

    base = enrolsim.load_scenario(args.scenario)
    overrides = {"months": args.months, "population.geography": args.geography, **sized(base, args.labour_force), "population.agents": args.agents}
    scenario = enrolsim.with_overrides(base, overrides)
    n, months = scenario.population.agents, scenario.months
    print(f"enrolsim {enrolsim.__version__}: {scenario.name}, {n:,} workers ({scenario.population.labour_force / n:.3g} persons each) x {months} months")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    rss_start = max_rss_bytes()

    timers = Timers()  # each part's wall and CPU time (its thread's: the model runs on one)
    undo = instrument(timers)
    wall, cpu = time.perf_counter(), time.process_time()
    model = enrolsim.EnrolmentModel(scenario, rng=args.seed)
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss_build = max_rss_bytes()
    print(f"build: {build_wall:.1f} s wall, {build_cpu:.1f} s CPU; {model.employers.size:,} employer units; peak RSS {rss_build / n:.1f} bytes/worker")

    district_months = []
    district_wall = district_cpu = 0.0  # the district figures' own time, kept out of the run's
    wall, cpu = time.perf_counter(), time.process_time()
    for month in range(months):
        model.step()
        if args.by_district:
            w0, c0 = time.perf_counter(), time.process_time()
            district_months.append(districts_now(model))
            district_wall, district_cpu = district_wall + time.perf_counter() - w0, district_cpu + time.process_time() - c0
        if month % 12 == 11 or month == months - 1:
            done = month + 1
            spent_wall, spent_cpu = time.perf_counter() - wall - district_wall, time.process_time() - cpu - district_cpu
            print(
                f"  month {done}: {spent_wall / done:.2f} s wall, {spent_cpu / done:.2f} s CPU a month ({n * done / spent_cpu / 1e6:.1f} M wm/s CPU),"
                f" peak RSS {max_rss_bytes() / n:.1f} bytes/worker, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    run_wall, run_cpu = time.perf_counter() - wall - district_wall, time.process_time() - cpu - district_cpu
    undo()
    rss_end = max_rss_bytes()

    figures = {
        "agents": n,
        "months": months,
        "geography": args.geography,
        "employer_units": model.employers.size,
        "build_wall_s": build_wall,
        "build_cpu_s": build_cpu,
        "run_wall_s": run_wall,
        "run_cpu_s": run_cpu,
        "worker_months_per_s_wall": n * months / run_wall,
        "worker_months_per_s_cpu": n * months / run_cpu,
        "peak_rss_bytes_per_worker_build": rss_build / n,
        "peak_rss_bytes_per_worker": rss_end / n,
        "rss_at_start_bytes": rss_start,
        "load_average_end": os.getloadavg()[0],
        "district_figures_cpu_s_a_month": district_cpu / months,
        "final": {k: float(v) for k, v in model.indicators.items() if k in ("active", "active_workers", "active_pu", "active_bpu", "registered", "coverage")},
    }
    print(f"months: {run_wall:.0f} s wall ({n * months / run_wall / 1e6:.1f} M worker-months/s), {run_cpu:.0f} s CPU ({n * months / run_cpu / 1e6:.1f} M/s)")
    print(f"peak RSS of the process: {rss_end / 2**30:.2f} GiB = {rss_end / n:.1f} bytes/worker (at start {rss_start / 2**20:.0f} MiB)")
    print("CPU ms a month by part:")
    for name, seconds in sorted(timers.cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {seconds / months * 1000:9.1f}")
    verdict = [
        ("build", build_wall <= GOAL_BUILD_S, f"{build_wall:.0f} s"),
        ("worker-months/s (CPU)", n * months / run_cpu >= GOAL_RATE, f"{n * months / run_cpu / 1e6:.1f} M"),
        ("bytes/worker", rss_end / n <= GOAL_BYTES, f"{rss_end / n:.1f}"),
    ]
    print("goals: " + "; ".join(f"{name} {value}: {'met' if ok else 'NOT met'}" for name, ok, value in verdict))
    print(json.dumps(figures["final"]))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "national.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        timeseries_of(model).to_csv(args.out / "timeseries.csv", index=False)
        if district_months:
            table = district_table(scenario, district_months)
            table.to_parquet(args.out / "by_district.parquet", index=False, compression="zstd")
            coverage_by_province(table, args.out / "coverage_by_province.png", f"{scenario.name}, {n:,} agents (one a person), seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
