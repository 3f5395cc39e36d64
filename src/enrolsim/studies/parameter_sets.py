"""Parameter sets from a calibration's ensemble table (``ensemble.csv``): read and checked whole, drawn by weight.

``enrolsim compare --parameter-sets`` and ``enrolsim validate`` spread their replications over sets drawn
here, so parameter uncertainty is reported beside chance. A bad table is refused before any run, naming
the file, the row and the column, whether or not the bad row would have been drawn.
"""

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from enrolsim.core.errors import InputError, ScenarioError
from enrolsim.core.strict import is_whole
from enrolsim.scenario.loading import with_overrides
from enrolsim.scenario.parameters import parameter_info
from enrolsim.scenario.schema import Scenario

#: Parameter sets drawn from an ensemble when ``sets`` is not given.
DEFAULT_SETS = 8


def draw_parameter_sets(path: str | Path, sets: int | None, seed: int, scenarios: Sequence[tuple[str, Scenario]]) -> list[dict[str, float]]:
    """``sets`` parameter sets drawn from an ensemble file by their weights (systematic resampling, seeded).

    The whole table is read and checked first (:func:`read_parameter_sets`: every row is applied to each of
    ``scenarios``), so a bad row is named whether or not it would be drawn.
    Systematic resampling keeps the drawn sets spread over the ensemble in proportion to weight, with
    less chance variation than independent draws; a set of large weight may be drawn more than once.
    """
    source = str(path)
    rows, weights = read_parameter_sets(path, scenarios)
    n = min(DEFAULT_SETS, len(rows)) if sets is None else sets
    if not is_whole(n) or not 1 <= n <= len(rows):
        raise InputError("--sets", "", f"{n!r} is not a whole number between 1 and {len(rows)} (the sets in {source})")
    cumulative = np.cumsum(weights / weights.sum())
    u = (np.random.default_rng(seed).random() + np.arange(n)) / n
    chosen = np.minimum(np.searchsorted(cumulative, u), len(rows) - 1)
    return [dict(rows[i]) for i in chosen]


#: Columns of an ensemble table that are not parameters (``enrolsim calibrate`` writes set, loss, weight).
ENSEMBLE_COLUMNS = ("set", "loss", "weight")
_ENSEMBLE_HELP = (
    "expected an ensemble table (a header of set, weight and one column per parameter named by its dotted key,"
    " then one row a set; enrolsim calibrate writes one)"
)


def read_parameter_sets(path: str | Path, scenarios: Sequence[tuple[str, Scenario]]) -> tuple[list[dict[str, float]], np.ndarray]:
    """Every row of an ensemble table as parameter overrides, and the rows' weights; the whole table is checked.

    Raises :class:`InputError` naming the file, the row (counted from 1 below the header, with its
    ``set`` number) and the column: an empty table, a missing ``weight`` column, a column that is not
    a numeric scenario parameter, a cell that is not a finite number, a negative weight or weights that
    all vanish, and a row that makes an invalid scenario (a value out of its parameter's range, a
    fraction for a whole number...) once applied to one of ``scenarios`` (``(name, scenario)`` pairs) and
    validated by the schema as a run would be.
    """
    source = str(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise InputError(source, "", f"is empty: {_ENSEMBLE_HELP}") from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(source, "", f"cannot be read as an ensemble table ({' '.join(str(exc).split())})") from None  # one line
    if "weight" not in table:
        raise InputError(source, "weight", f"missing: {_ENSEMBLE_HELP}")
    keys = [str(c) for c in table.columns if c not in ENSEMBLE_COLUMNS]
    for key in keys:
        info = parameter_info(key)
        if info is None or info.kind == "other":
            raise InputError(source, key, "is not a numeric scenario parameter (see docs/parameters.md)")
    if not keys:
        raise InputError(source, "", f"has no parameter column: {_ENSEMBLE_HELP}")
    if len(table) == 0:
        raise InputError(source, "", f"has a header but no rows: {_ENSEMBLE_HELP}")
    rows: list[dict[str, float]] = []
    weights = np.empty(len(table))
    for i, record in enumerate(table.to_dict("records")):
        label = _row_label(i, record)
        weights[i] = weight = _cell(source, label, "weight", record["weight"])
        if weight < 0:
            raise InputError(source, f"{label}, weight", f"{weight!r} is negative: expected a weight of 0 or more")
        row = {key: _cell(source, label, key, record[key]) for key in keys}
        for name, scenario in scenarios:  # the schema's own checks (ranges, whole numbers, list entries) name the row
            try:
                with_overrides(scenario, row, source=source)
            except ScenarioError as exc:
                key = next((k for k in keys if k == exc.key or k.startswith(exc.key + ".")), exc.key) if exc.key else ""
                raise InputError(source, f"{label}, {key}" if key else label, f"{exc.problem} (applied to {name})") from None
        rows.append(row)
    if weights.sum() <= 0:
        raise InputError(source, "weight", "every weight is 0: expected non-negative weights that do not all vanish")
    return rows, weights


def _row_label(index: int, record: dict[str, Any]) -> str:
    """``row 3 (set 12)``: the row counted from 1 below the header, with its set number when the table has one."""
    number = record.get("set")
    return f"row {index + 1}" + (f" (set {number.strip()})" if isinstance(number, str) and number.strip() else "")


def _cell(source: str, label: str, key: str, text: Any) -> float:
    """The finite number in an ensemble cell, or :class:`InputError` naming the file, row and column."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"{label}, {key}", "is empty: expected a number")
    try:
        value = float(text)
    except ValueError:
        raise InputError(source, f"{label}, {key}", f"{text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise InputError(source, f"{label}, {key}", f"{text.strip()!r} is not a finite number")
    return value
