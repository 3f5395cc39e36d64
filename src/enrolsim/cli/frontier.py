"""The ``enrolsim frontier`` command (registered by ``enrolsim.cli``): a store read as a cost-coverage frontier.

Every check (the store, its indicators, factors and months, the options) runs before any file is written:
bad input raises :class:`~enrolsim.core.errors.InputError`, which ``enrolsim.cli.main`` prints as one line with
exit status 2. The line the command prints is English, as compare's is; ``--lang`` sets the words of the
figure and the CSV headers.
"""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from enrolsim.cli.types import add_language_option

if TYPE_CHECKING:
    import pandas as pd

    from enrolsim.analysis.frontier import Frontier

COMMAND = "frontier"


def add_command(commands: argparse._SubParsersAction) -> None:
    """Add ``frontier`` to the ``enrolsim`` parser."""
    p = commands.add_parser(
        COMMAND,
        help="which mix of levers reaches the target, at what cost: a cost-coverage frontier over an experiment's design points",
        description="For every design point of STORE: active participants in the month and programme cost summed to it (mean and 5%-95% "
        "of the replications), the share of replications at or above the target, and whether the point is on the cost-coverage frontier "
        "(decided on the means). Writes frontier.csv and frontier.png and prints the cheapest point reaching the target in half of its "
        "replications or more.",
    )
    p.add_argument("store", type=Path, help="store folder written by enrolsim experiment (it must keep active and programme_cost)")
    p.add_argument("--month", metavar="YYYY-MM", help="month of the active participants and the end of the cost (default: the last month kept)")
    p.add_argument("--target", type=float, default=70e6, metavar="PERSONS", help="active participants to reach (default 70e6, the agency's 2026 target)")
    p.add_argument(
        "--from",
        dest="cost_from",
        metavar="YYYY-MM",
        help="first month of the programme cost summed (default: the first month kept), e.g. 2025-01 when the levers start then",
    )
    p.add_argument("--out", type=Path, help="folder for frontier.csv and frontier.png (default STORE/frontier)")
    add_language_option(p)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed ``frontier`` command; return the exit status."""
    from enrolsim.analysis.frontier import frontier
    from enrolsim.analysis.frontier_figure import write_figure
    from enrolsim.core.files import check_output_folder, staged_folder

    result = frontier(args.store, args.month, args.target, args.cost_from)
    out = args.out if args.out is not None else args.store / "frontier"
    check_output_folder(out)
    with staged_folder(out) as staging:  # the table and the figure, or neither
        result.table_in(args.lang).to_csv(staging / "frontier.csv", index=False)
        write_figure(result, args.lang, staging / "frontier.png")
    print(f"{answer(result)}; wrote {out / 'frontier.csv'} and {out / 'frontier.png'}")
    return 0


def answer(result: "Frontier") -> str:
    """The one line for the reader: the cheapest point reaching the target, or that none does and the closest."""
    from enrolsim.texts import month_name, persons

    reach = f"{persons(result.target, 'en')} active participants in {month_name(result.month, 'en')} in half of its replications or more"
    chosen = result.cheapest()
    if chosen is None:
        return f"no design point reaches {reach}; closest: {_point(result.closest(), result)}"
    return f"cheapest reaching {reach}: {_point(chosen, result)}"


def _point(row: "pd.Series", result: "Frontier") -> str:
    """A point in words: its factor values, cost, active participants with their interval, and its target share."""
    from enrolsim.analysis.frontier import point_words
    from enrolsim.texts import month_name, persons, rupiah

    active = f"{persons(row['active_mean'], 'en')} active [{persons(row['active_p5'], 'en')} to {persons(row['active_p95'], 'en')}]"
    cost = f"{rupiah(row['programme_cost_mean'], 'en')} from {month_name(result.cost_from, 'en')} to {month_name(result.month, 'en')}"
    return f"point {int(row['point'])} ({point_words(row, result.factors)}), {cost}, {active}, target reached in {row['target_share']:.0%} of replications"
