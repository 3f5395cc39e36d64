"""The cost-coverage frontier of an experiment: which mix of levers reaches a target, and the cheapest that does.

``enrolsim compare`` answers "which strategy reaches 70 million active participants by December 2026, at what
cost?" for a handful of named scenarios; a sweep over lever intensities (an experiment with numeric factors,
e.g. a Latin hypercube) answers it over many mixes once its store is read this way. :func:`frontier` reduces
a store to one row a design point:

- **Active participants** in the month: the mean over replications and the 5th-95th percentile of the
  replications (:func:`~enrolsim.analysis.statistics.interval`: run-to-run chance in the model, not uncertainty
  in its parameters).
- **Programme cost**: the indicator ``programme_cost`` (every lever's cost, rupiah a month) summed per
  replication over the months from ``cost_from`` (default: the first kept) to the month; mean and interval.
  Every month in between must be kept, or the sum would not be the cost.
- **Target share**: the share of replications at or above the target. A point *reaches* the target when at
  least half of its replications do (:data:`REACH_SHARE`); :func:`cheapest_reaching` is the cheapest such point.
- **On the frontier** (:func:`on_frontier`): no other point has at least as many active participants at no more
  cost, one of the two strictly. It is decided on the means: a point just off it may be on it within chance,
  which the intervals show.
- **Against a point without cost**: when a point's programme cost is zero in every replication (no lever spends),
  the others' additional active participants are paired differences from it (replication *r* against
  replication *r*, which used the same seed), with compare's cost per additional participant
  (:func:`~enrolsim.analysis.statistics.cost_per_additional`).

The points are the design's: the factors' values, or, in a grid of scenario files, the scenarios by name. A store
whose factors are neither numbers nor scenario files (a grid of choices only, or of parameter sets) is refused:
its points are no mixes of intensities.
"""

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from enrolsim.analysis.lever_words import group_name, value_words
from enrolsim.analysis.statistics import cost_per_additional, stat
from enrolsim.core.errors import InputError
from enrolsim.core.months import format_month, parse_month
from enrolsim.core.strict import check_target
from enrolsim.experiments.spec import PARAMETER_SET_FACTOR, SCENARIO_FACTOR
from enrolsim.experiments.store import ExperimentData, load
from enrolsim.texts import NOTES, column, text
from enrolsim.texts.frontier import FRONTIER

ACTIVE, COST = "active", "programme_cost"
DEFAULT_TARGET = 70e6
#: A point reaches the target when at least this share of its replications is at or above it.
REACH_SHARE = 0.5
NOTE = "cost_per_additional_active_note"


@dataclass
class Frontier:
    """A store read as a frontier: one row a design point, sorted by mean programme cost."""

    table: pd.DataFrame  # point, factor columns, date, cost_from, replications, active_*, programme_cost_*, target, target_share, on_frontier[, additional]
    month: str  # the month of active participants
    cost_from: str  # the first month of the programme cost summed
    target: float
    factors: list[str]  # the table's factor columns (a grid of scenario files: scenario, by its name, and scenario_file)
    replications: int

    def cheapest(self) -> pd.Series | None:
        """The cheapest point reaching the target in at least half of its replications (``None``: none does)."""
        return cheapest_reaching(self.table)

    def closest(self) -> pd.Series:
        """The point with the most active participants on average: the closest to the target when none reaches it."""
        return closest_to_target(self.table)

    def table_in(self, lang: str) -> pd.DataFrame:
        """``table`` with the headers and notes of ``lang``, as written to ``frontier.csv`` (factor keys kept)."""
        table = self.table.copy()
        if NOTE in table:
            table[NOTE] = table[NOTE].map(lambda k: text(lang, "fr_reference_note") if k == "reference" else NOTES[lang][k])
        own = FRONTIER["en"]
        return table.rename(columns={c: text(lang, f"fr_csv_{c}") if f"fr_csv_{c}" in own else column(c, lang) for c in table.columns})


def on_frontier(cost: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Whether each point is on the cost-coverage frontier: no other point has at least as many active participants
    at no more cost, one of the two strictly. Points with equal cost and equal participants are both on it.

    One pass in order of cost: a point is on the frontier when it has the most participants of its cost and more than
    every strictly cheaper point.
    """
    cost, active = np.asarray(cost, dtype=float), np.asarray(active, dtype=float)
    on = np.zeros(cost.size, dtype=bool)
    best_cheaper = -math.inf
    for level in np.unique(cost):
        same = np.flatnonzero(cost == level)
        top = active[same].max()
        on[same] = (active[same] == top) & (active[same] > best_cheaper)
        best_cheaper = max(best_cheaper, top)
    return on


def cheapest_reaching(table: pd.DataFrame, share: float = REACH_SHARE) -> pd.Series | None:
    """The row of least mean programme cost among those whose ``target_share`` is at least ``share`` (at equal cost,
    the most active participants, then the first point); ``None`` when no row reaches it."""
    reaching = table[table["target_share"] >= share]
    if reaching.empty:
        return None
    return reaching.sort_values(["programme_cost_mean", "active_mean", "point"], ascending=[True, False, True]).iloc[0]


def closest_to_target(table: pd.DataFrame) -> pd.Series:
    """The row with the most active participants on average (at equal participants, the cheapest, then the first point)."""
    return table.sort_values(["active_mean", "programme_cost_mean", "point"], ascending=[False, True, True]).iloc[0]


def frontier(store: str | Path, month: str | None = None, target: float = DEFAULT_TARGET, cost_from: str | None = None) -> Frontier:
    """Read ``store`` as a frontier in ``month`` (default: the last kept) against ``target`` active participants, the
    cost summed from ``cost_from`` (default: the first kept month). Raise :class:`InputError` naming the store or the
    option when the store cannot give it (checked before anything is computed)."""
    source = str(store)
    check_target(target)
    for option, value in (("--month", month), ("--from", cost_from)):
        if value is not None:
            try:
                parse_month(value)
            except ValueError as exc:
                raise InputError(option, "", f"{exc} (e.g. 2026-12)") from None
    data = load(store)
    _check_store(data, source)
    month, cost_from = _months(data, source, month, cost_from)
    active, cost = _per_replication(data, month, cost_from)
    table, factors = _points(data)
    table["date"], table["cost_from"], table["replications"] = month, cost_from, active.shape[1]
    for name, values in ((ACTIVE, active), (COST, cost)):
        table = table.assign(**pd.DataFrame([stat(name, values.loc[p].to_numpy()) for p in table["point"]], index=table.index))
    table["target"] = target
    table["target_share"] = [float((active.loc[p].to_numpy() >= target).mean()) for p in table["point"]]
    table["on_frontier"] = on_frontier(table["programme_cost_mean"], table["active_mean"])
    free = cost.index[(cost == 0).all(axis=1)]
    if len(free):  # the first point without programme cost: the others' gains count from it
        table = table.assign(**_additional(table["point"], active, cost, int(free[0])))
    table = table.sort_values(["programme_cost_mean", "point"], kind="stable").reset_index(drop=True)
    return Frontier(table, month, cost_from, float(target), factors, int(active.shape[1]))


def point_words(row: pd.Series, factors: list[str], lang: str = "en") -> str:
    """A design point's factor values for a reader: ``District governments (subsidy_budget): Rp2.13 trillion a year;
    ...`` (a lever by its group's name), a scenario by its name; numbers to three significant digits."""
    parts = []
    for key in factors:
        if key == "scenario_file":
            continue
        value = row[key]
        if isinstance(value, np.generic):  # numpy's int64 is no int: a grid's whole levels (2000 agents) lost their unit
            value = value.item()
        if key == SCENARIO_FACTOR:
            parts.append(str(value))
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = float(f"{value:.3g}")
        group = group_name(key, lang)
        name = f"{group} ({key.rsplit('.', 1)[1]})" if group else key
        parts.append(f"{name}: {value_words(key, value, lang)}")
    return "; ".join(parts)


def _check_store(data: ExperimentData, source: str) -> None:
    """The indicators, factors and runs a frontier needs."""
    kept = data.info.get("indicators", [])
    missing = [name for name in (ACTIVE, COST) if name not in kept]
    if missing:
        raise InputError(
            source, "keep.indicators", f"keeps {', '.join(kept)}: a frontier needs {' and '.join(missing)} (keep: {{indicators: [active, programme_cost]}})"
        )
    factors = data.factors
    if SCENARIO_FACTOR not in factors and not any(_numeric(data.runs[name]) for name in factors if name != PARAMETER_SET_FACTOR):
        has = ", ".join(factors) or "none"
        raise InputError(
            source,
            "factors",
            f"no numeric factor (its factors: {has}): a frontier compares mixes of lever intensities, so it needs a factor with a range "
            "or numeric levels, or a grid of scenario files",
        )
    unfinished = data.runs[data.runs["status"] != "finished"]
    if len(unfinished):
        ids = ", ".join(str(i) for i in unfinished["run_id"].head(5))
        raise InputError(source, "runs", f"{len(unfinished)} of {len(data.runs)} runs are not finished (e.g. {ids}); run the experiment again to complete them")


def _numeric(values: pd.Series) -> bool:
    """Whether a factor's values (a column of the store's runs) are numbers: a YAML level written ``1.0e11`` (a string
    to YAML 1.1) ran as a number and counts as one; yes/no values do not."""
    if pd.api.types.is_bool_dtype(values) or any(isinstance(v, bool) for v in values):
        return False
    return bool(pd.to_numeric(values, errors="coerce").notna().all())


def _months(data: ExperimentData, source: str, month: str | None, cost_from: str | None) -> tuple[str, str]:
    """The month of the figures and the first month of the cost, both kept, with every month between them kept.

    Kept means kept by every run: in a grid of scenario files whose spans differ (one from 2014, one from 2017) a month
    only some runs have would give the others no figure, and the defaults are the span the runs share."""
    runs_of_month = data.series.groupby("month")["run_id"].nunique()
    everywhere = runs_of_month[runs_of_month == data.series["run_id"].nunique()]
    if everywhere.empty:
        raise InputError(source, "", "its runs keep no month in common (their scenarios cover different years), so no month can compare them")
    kept = sorted(everywhere.index)
    span = f"kept: {kept[0]} .. {kept[-1]}" + ("" if len(kept) == len(runs_of_month) else " by every run")
    month = kept[-1] if month is None else month
    cost_from = kept[0] if cost_from is None else cost_from
    if month not in kept:
        raise InputError("--month", "", f"{month!r} is not kept in this store ({span})")
    if cost_from not in kept or cost_from > month:
        raise InputError("--from", "", f"{cost_from!r} is not a kept month up to {month} ({span})")
    needed = [format_month(m) for m in range(parse_month(cost_from), parse_month(month) + 1)]
    gaps = [m for m in needed if m not in set(kept)]
    if gaps:
        raise InputError(
            source,
            "keep.months",
            f"{gaps[0]} is not kept: the programme cost is summed month by month, so every month from {cost_from} to {month} must be kept "
            "(keep: {months: all})",
        )
    return month, cost_from


def _per_replication(data: ExperimentData, month: str, cost_from: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Active participants in ``month`` and programme cost summed from ``cost_from``: one row a point, one column a replication."""
    series = data.series
    counted = series[(series["month"] >= cost_from) & (series["month"] <= month)]
    values = {
        ACTIVE: series.loc[series["month"] == month].set_index("run_id")[ACTIVE],
        COST: counted.groupby("run_id")[COST].sum(),
    }
    runs = data.runs.set_index("run_id")[["point", "replication"]]
    tables = [runs.assign(value=values[name]).pivot(index="point", columns="replication", values="value").sort_index() for name in (ACTIVE, COST)]
    return tables[0], tables[1]


def _points(data: ExperimentData) -> tuple[pd.DataFrame, list[str]]:
    """One row a design point with its factor values; a scenario file is shown by its scenario's name, its file beside it."""
    table = data.runs.drop_duplicates("point").sort_values("point")[["point", *data.factors]].reset_index(drop=True)
    factors = list(data.factors)
    for name in factors:
        if name != SCENARIO_FACTOR and _numeric(table[name]):
            table[name] = pd.to_numeric(table[name])
    if SCENARIO_FACTOR in table:
        names = {file: scenario.get("name", file) for file, scenario in data.info.get("scenarios", {}).items()}
        at = table.columns.get_loc(SCENARIO_FACTOR) + 1
        table.insert(at, "scenario_file", table[SCENARIO_FACTOR])
        table[SCENARIO_FACTOR] = table["scenario_file"].map(lambda f: names.get(f, f))
        factors.insert(factors.index(SCENARIO_FACTOR) + 1, "scenario_file")
    return table, factors


def _additional(points: pd.Series, active: pd.DataFrame, cost: pd.DataFrame, reference: int) -> dict[str, list[Any]]:
    """Each point's additional active participants against ``reference`` (paired by replication) and cost per additional one."""
    columns: dict[str, list[Any]] = {}
    for point in points:
        gain = active.loc[point].to_numpy() - active.loc[reference].to_numpy()
        values = stat("active_diff", gain)
        if point == reference:
            ratio = (math.nan, math.nan, math.nan, "reference")
        else:
            ratio = cost_per_additional(cost.loc[point].to_numpy() - cost.loc[reference].to_numpy(), gain)
        values |= dict(zip(("cost_per_additional_active", "cost_per_additional_active_p5", "cost_per_additional_active_p95", NOTE), ratio, strict=True))
        for key, value in values.items():
            columns.setdefault(key, []).append(value)
    return columns
