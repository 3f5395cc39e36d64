"""What the commands share: argparse value types (bad values end in argparse's one-line error), options, and the line an interruption ends with."""

import argparse
import sys
from collections.abc import Callable

from pydantic import BaseModel

from enrolsim.core.strict import field_bounds
from enrolsim.scenario.schema import Scenario


def whole_number(lo: int, hi: int) -> Callable[[str], int]:
    """A whole number in ``lo..hi`` (argparse names the option in its message)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is not between {lo} and {hi}")
        return value

    return parse


def schema_number(model: type[BaseModel], key: str) -> Callable[[str], int]:
    """A whole number in the range the schema gives ``key`` of ``model``: options and files share one range."""
    lo, hi = field_bounds(model, tuple(key.split(".")))
    if lo is None or hi is None:
        raise KeyError(f"{model.__name__}.{key} has no range in the schema")
    return whole_number(int(lo), int(hi))


def add_executor_options(parser: argparse.ArgumentParser, *, scheduler: bool = True) -> None:
    """``--executor``, ``--workers`` (and ``--scheduler``) for every command that runs many runs."""
    parser.add_argument("--executor", choices=("serial", "processes", "dask"), default="processes", help="where runs execute (default processes)")
    parser.add_argument("--workers", type=whole_number(1, 4096), help="worker processes (default: the CPUs available); dask: LocalCluster workers")
    if scheduler:
        parser.add_argument("--scheduler", help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)")


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of a report, its table headers and figures; another value ends in argparse's one-line error naming the choices."""
    parser.add_argument("--lang", choices=("en", "id"), default="en", help="language of the report, table headers and figures (default en)")


def agents_option(text: str) -> int | str:
    """``--agents``: a whole number in the schema's range, or ``full`` (one agent a person)."""
    if text.strip().lower() == "full":
        return "full"
    try:
        return schema_number(Scenario, "population.agents")(text)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"{exc}; expected a whole number of agents or full") from None


#: Exit status of an interrupted command (128 + SIGINT, as a shell reports Ctrl-C).
INTERRUPTED = 130


def interrupted(kept: str | None = None) -> int:
    """Say in one line that the command was interrupted (Ctrl-C or SIGTERM) and what of its work is ``kept`` (then the
    same command continues it), or that nothing was written; return :data:`INTERRUPTED`."""
    if kept is None:
        sys.stderr.write("enrolsim: interrupted; nothing written\n")
    else:
        sys.stderr.write(f"enrolsim: interrupted; {kept}; run the same command again to continue\n")
    return INTERRUPTED
