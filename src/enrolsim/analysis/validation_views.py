"""The validation report's tables as a reader sees them: every point of ``data/`` and the history year by year.

``points.csv`` and ``history.csv`` keep the figures exact, in the model's codes; the report shows the same
rows for reading: a figure in words, in its own unit (shares as percentages, counts with the language's
thousands separator, never an exponent), how the point was used in the words of "How to read the
numbers", the ranges as ``low-high``, and a figure two files give alike once. A view is a
:class:`~enrolsim.analysis.validation_markup.Table` with its headers in the report's language.
"""

import pandas as pd

from enrolsim.analysis.validation_markup import Table
from enrolsim.analysis.validation_tables import FIT_END, SCALES
from enrolsim.analysis.validation_words import code_words, figure_words
from enrolsim.texts import number, share, text

#: The views' columns of figures (right-aligned) and of dates (never wrapped), by key.
NUMERIC = ("observed", "simulated", "chance", "parameter", "vs", "mean")
DATES = ("date", "year")
#: The columns of the table of every point, in order (the misses show a part of them).
POINT_COLUMNS = ("date", "figure", "unit", "used_as", "observed", "simulated", "chance", "parameter", "vs")


def points_view(points: pd.DataFrame, lang: str, columns: tuple[str, ...] = POINT_COLUMNS) -> Table:
    """The points as the report shows them: figures in words, amounts rounded, how each was used; exact repeats once."""
    units = [str(u) for u in points["unit"]]
    view = pd.DataFrame(
        {
            "date": points["date"].astype(str),
            "figure": [figure_words(row, lang) for _, row in points.iterrows()],
            "unit": [unit_words(u, lang) for u in units],
            "used_as": [used_as(use, month, lang) for use, month in zip(points["use"], points["month"], strict=True)],
            "observed": [amount(v, u, lang) for v, u in zip(points["observed"], units, strict=True)],
            "simulated": [simulated_words(v, u, str(m), lang) for v, u, m in zip(points["simulated"], units, points["model"].fillna(""), strict=True)],
        }
    )
    for key, name in (("chance", "simulated_chance"), ("parameter", "simulated_parameter")):
        view[key] = [
            f"{amount(lo, u, lang)}-{amount(hi, u, lang)}" if pd.notna(lo) else ""
            for lo, hi, u in zip(
                points.get(f"{name}_p5", pd.Series(float("nan"), points.index)),
                points.get(f"{name}_p95", pd.Series(float("nan"), points.index)),
                units,
                strict=True,
            )
        ]
    view["vs"] = points["relative_error"].map(lambda v: share(v, lang, 1, signed=True) if pd.notna(v) else "").to_numpy()
    return _table(view.drop_duplicates(ignore_index=True)[list(columns)], lang)


def history_view(history: pd.DataFrame, lang: str) -> Table:
    """Active participants in December of each year, in millions: the mean and both ranges, fitted years told from the forecast."""
    active = history[history["indicator"] == "active"]
    millions = lambda value: number(value / 1e6, lang, 2)  # noqa: E731
    view = pd.DataFrame(
        {
            "year": active["year"].astype(str),
            "period": [text(lang, "val_period_fitted" if str(year) <= FIT_END[:4] else "val_period_forecast") for year in active["year"]],
            "mean": [millions(v) for v in active["mean"]],
            "chance": [f"{millions(a)}-{millions(b)}" for a, b in zip(active["value_chance_p5"], active["value_chance_p95"], strict=True)],
            "parameter": [f"{millions(a)}-{millions(b)}" for a, b in zip(active["value_parameter_p5"], active["value_parameter_p95"], strict=True)],
        }
    )
    return _table(view, lang)


def _table(view: pd.DataFrame, lang: str) -> Table:
    """A view with its headers in ``lang`` (``val_col_<key>``) and its columns' kinds."""
    kinds = tuple("num" if key in NUMERIC else "date" if key in DATES else "" for key in view.columns)
    rows = tuple(tuple(str(v) for v in row) for row in view.itertuples(index=False))
    return Table(tuple(text(lang, f"val_col_{key}") for key in view.columns), rows, kinds)


def used_as(use: str, month: str, lang: str) -> str:
    """The ``use`` of a point in the words of "How to read the numbers": a check after the fitted years is out of sample."""
    if use == "check":
        return text(lang, "val_use_check") if month <= FIT_END else text(lang, "val_use_after", year=FIT_END[:4])
    return code_words(lang, "use", use, use)


def unit_words(unit: str, lang: str) -> str:
    """A unit as the table shows it, in ``lang``: shares as percentages (a unit without words: as written, a share as ``%``)."""
    default = "%" + unit[len("share") :] if unit.lower().startswith("share") else unit
    return code_words(lang, "unit", unit, default)


def amount(value: float, unit: str, lang: str) -> str:
    """A figure as a reader writes it, in its row's unit: shares as percentages, counts with thousands separators, never an exponent."""
    if pd.isna(value):
        return ""
    first = unit.lower().split(" ")[0]
    if first == "share":
        return number(100 * value, lang, 1)
    if first in SCALES or first == "ratio":
        return number(value, lang, 2)
    return number(value, lang)


def simulated_words(value: float, unit: str, model: str, lang: str) -> str:
    """The simulated figure in its row's unit, or why there is none: a date outside the run, or no model indicator (``model`` empty)."""
    if pd.notna(value):
        return amount(value, unit, lang)
    return text(lang, "val_outside_run") if model else text(lang, "val_no_counterpart")
