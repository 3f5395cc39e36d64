"""Where a small run's labour market loses matches: the month's job matching at two numbers of agents.

``benchmarks/scale_agreement.py`` shows that a province-sized world has more flows at full scale
than at a tenth of its agents (docs/validation.md, "Results by district and at full scale"). This
script opens the matching (``processes/jobs.place_seekers``) of the same runs and prints, in persons
a year over the span: the job seekers and what they wish for, the open jobs, the placements by
segment, and the seekers left unplaced because their province had fewer openings than seekers
(``min(seekers, openings)``: at a tenth a province sees tens of seekers a call, so that minimum
binds more often by chance than at full scale, where it sees hundreds).

Usage::

    .venv/bin/python benchmarks/matching_by_scale.py --labour-force 2e6 --months 36 --from-month 12 \\
        --small 200000 --small-seeds 10-13 --large full --large-seeds 1-4

The matching is wrapped to count; nothing it draws or decides changes.
"""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import enrolsim  # noqa: E402
from enrolsim.cli.types import agents_option  # noqa: E402
from enrolsim.core.codes import Segment  # noqa: E402
from enrolsim.processes import jobs  # noqa: E402
from national import sized  # noqa: E402
from scale_agreement import seeds  # noqa: E402

JOBS = [s for s in Segment if s not in (Segment.INFORMAL, Segment.UNEMPLOYED)]


class Tally:
    """Persons counted at every call of the matching while ``on``."""

    def __init__(self) -> None:
        self.on, self.represents = False, 1.0
        self.wishing = np.zeros(len(Segment))
        self.openings = np.zeros(len(Segment))
        self.placed = np.zeros(len(Segment))
        self.seekers = self.unplaced = 0.0
        self.province_calls = 0  # regions seen, summed over the calls
        self.seeker_agents = self.opening_agents = 0.0  # agents, not persons: what the minimum is taken over

    def wrap(self, place: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        """``place`` (``jobs.place_seekers``), counting what it is given and what it places."""

        def counted(rng: np.random.Generator, n: np.ndarray, wishing: np.ndarray, openings: np.ndarray) -> np.ndarray:
            placed = place(rng, n, wishing, openings)
            if self.on:
                r = self.represents
                seekers = wishing[:, [s.value for s in JOBS]].sum(axis=1)
                self.wishing += wishing.sum(axis=0) * r
                self.openings += openings.sum(axis=0) * r
                self.placed += placed.sum(axis=0) * r
                self.seekers += float(seekers.sum()) * r
                self.unplaced += float((seekers - n).sum()) * r
                self.province_calls += n.size
                self.seeker_agents += float(seekers.sum())
                self.opening_agents += float(openings.sum())
            return placed

        return counted


def measure(agents: int | str, seed_list: list[int], labour_force: float, months: int, first: int) -> Tally:
    """Run the baseline on the map at ``agents`` for each seed and count the matching from month ``first``."""
    tally = Tally()
    place = jobs.place_seekers
    jobs.place_seekers = tally.wrap(place)
    try:
        base = enrolsim.load_scenario("baseline")
        scenario = enrolsim.with_overrides(base, {"population.geography": "map", **sized(base, labour_force), "months": months, "population.agents": agents})
        for seed in seed_list:
            model = enrolsim.EnrolmentModel(scenario, rng=seed)
            tally.represents = model.represents
            for month in range(months):
                tally.on = month >= first
                model.step()
    finally:
        jobs.place_seekers = place
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labour-force", type=float, default=2e6, help="persons at the start (default 2e6: the province test's world)")
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--from-month", type=int, default=12, help="first month counted (default 12: the second year)")
    parser.add_argument("--small", type=agents_option, default=200_000)
    parser.add_argument("--small-seeds", type=seeds, default=seeds("10-13"))
    parser.add_argument("--large", type=agents_option, default="full")
    parser.add_argument("--large-seeds", type=seeds, default=seeds("1-4"))
    args = parser.parse_args(argv)
    if not 0 <= args.from_month < args.months:
        parser.error(f"--from-month: expected 0 to {args.months - 1}, got {args.from_month}")

    years = (args.months - args.from_month) / 12

    def side_name(agents: int | str) -> str:
        return "one agent a person" if agents == "full" else f"{agents:,} agents"

    sides = {
        side_name(args.small): measure(args.small, args.small_seeds, args.labour_force, args.months, args.from_month),
        side_name(args.large): measure(args.large, args.large_seeds, args.labour_force, args.months, args.from_month),
    }
    (small_label, small), (large_label, large) = sides.items()
    for label, tally in sides.items():
        calls = max(tally.province_calls, 1)
        print(f"{label}: a province sees {tally.seeker_agents / calls:,.1f} seeker agents and {tally.opening_agents / calls:,.1f} open jobs a call")
    n_small, n_large = len(args.small_seeds) * years, len(args.large_seeds) * years
    print(f"baseline on the map, {args.labour_force:,.0f} persons, months {args.from_month}-{args.months - 1}; persons a year, mean of the seeds")
    print(f"{'':34s} {small_label:>20s} {large_label:>20s} {'large / small - 1':>18s}")

    def row(label: str, a: float, b: float) -> None:
        a, b = a / n_small, b / n_large
        print(f"{label:34s} {a:20,.0f} {b:20,.0f} {b / a - 1 if a else float('nan'):+17.1%}")

    row("job seekers", small.seekers, large.seekers)
    row("  left unplaced by the minimum", small.unplaced, large.unplaced)
    for s in JOBS:
        row(f"wishing for {s.name.lower()}", small.wishing[s], large.wishing[s])
        row(f"  openings of {s.name.lower()}", small.openings[s], large.openings[s])
        row(f"  placed in {s.name.lower()}", small.placed[s], large.placed[s])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
