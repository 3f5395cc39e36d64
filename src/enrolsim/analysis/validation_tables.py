"""Observed against simulated: every point of ``data/`` read against the runs of a history, with chance and parameter bands apart.

:func:`observed_points` reads every row of the participant files (``bpjstk_sources_2014_2019.csv``,
``bpjstk_history.csv``), of the labour files (``labour_force.csv``, ``labour_force_rates.csv``) and of
``payment_regularity.csv`` (how regularly self-paying members pay: an analogue from JKN), and
says how the model is read against it (:data:`READINGS`: which indicators, summed how, in which unit);
a row with no counterpart in the model is kept, with no simulated value, so the table shows every point.
:func:`point_table` gives each point the simulated mean over all runs, the chance interval (the seeds'
spread with the parameters held) and the parameter interval (the spread of the parameter sets' means):
``analysis.statistics.uncertainty_apart``. :func:`history_table` gives the run year by year.

Each point says how it was used (``use``): ``fitted`` (a target of the calibration, 2014-2019), ``input``
(Sakernas's informal share, which formal employment follows), ``target`` (the agency's targets for
2024-2026: not observations), ``check`` (everything else: nothing after 2019 was fitted).
:func:`misses` picks the observations the runs do not reach, for the report's "What the model misses".
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from enrolsim.analysis.statistics import HIGH, LOW, uncertainty_apart
from enrolsim.core.months import format_month, parse_month


@dataclass(frozen=True)
class Reading:
    """How the model is read against a kind of figure: indicators summed, ``at`` the month, a ``year_sum`` or ``to_date``."""

    model: tuple[str, ...]
    how: str = "at"
    year_before: bool = False  # dated in January, describes the year before: read December


#: (indicator or metric, segment in lower case) -> how the model is read; segment "*" matches any.
READINGS: dict[tuple[str, str], Reading] = {
    ("active_participants", "all"): Reading(("active",)),
    ("active_participants", "pu"): Reading(("active_pu",)),
    ("active_participants", "bpu"): Reading(("active_bpu",)),
    ("active_participants", "jakon"): Reading(("active_jakon",)),
    ("active_participants", "pmi"): Reading(("active_pmi",)),
    ("active_participants", "pu+bpu (residual)"): Reading(("active_pu", "active_bpu")),
    ("registered_participants", "*"): Reading(("registered",)),
    ("new_participants_gross", "*"): Reading(("new_participants",), "year_sum"),
    ("new_participants_in_year", "*"): Reading(("new_participants",), "year_sum"),
    ("exits_gross", "*"): Reading(("exits",), "year_sum"),
    ("leaving_participants_in_year", "*"): Reading(("exits",), "year_sum"),
    ("exits_ytd", "*"): Reading(("exits",), "to_date"),
    ("jht_claims_cases", "*"): Reading(("jht_claims",), "year_sum"),
    ("jht_claims_cases_ytd", "*"): Reading(("jht_claims",), "to_date"),
    ("jht_claims_value", "*"): Reading(("jht_withdrawn_rupiah",), "year_sum"),
    # Every programme's benefits: JHT claimed early or at the pension age or death, JKK and JKM; the JP pension's
    # benefits (small before 2030: it began in July 2015) are not modelled, so the model should fall a little short.
    ("total_claims_value", "*"): Reading(("jht_withdrawn_rupiah", "jht_paid_on_exit_rupiah", "claims_rupiah"), "year_sum"),
    ("perisai_agents", "*"): Reading(("perisai_agents",)),
    ("perisai_recruits_cumulative", "*"): Reading(("perisai_recruits_cumulative",)),
    ("registrations_per_year_end_active", "*"): Reading(("registrations_per_active",), year_before=True),
    ("firms_partially_compliant_share", "*"): Reading(("employers_partial_share",), year_before=True),
    ("active_participants_target", "*"): Reading(("active",)),
    ("informal_share", "*"): Reading(("informal_share",)),
    ("unemployment_rate", "*"): Reading(("unemployment_rate",)),
    ("bpu_irregular_share", "*"): Reading(("bpu_irregular_share",)),
    ("labour_force", "*"): Reading(("labour_force",)),  # plus those outside the model (civil servants, military, police)
}

#: The first word of a figure's unit -> the factor that brings the model's value (persons, rupiah) into it.
SCALES = {"million": 1e-6, "billion": 1e-9, "trillion": 1e-12}
PARTICIPANT_FILES = ("bpjstk_sources_2014_2019.csv", "bpjstk_history.csv")
AUGUST = "-08-31"
FIT_END = "2019-12"  # the calibration's window ends here: later participant figures were never fitted
FITTED_YEARS = f"2014-{FIT_END[:4]}"  # the years the calibration fitted, in words
#: A point is missed when its observed value lies outside every simulated interval and further than
#: this from the simulated mean: a reader can act on a miss of this size, not on one of a few percent.
MISS = 0.10


def observed_points(data: Path, fitted: set[tuple[str, str, str]]) -> pd.DataFrame:
    """Every row of the participant and labour files, with how the model is read against it.

    ``fitted`` holds the (indicator, segment, date) of the calibration's targets.
    """
    frames = []
    for name in PARTICIPANT_FILES:
        table = pd.read_csv(data / name).rename(columns={"metric": "indicator", "ref_date": "date"})
        table["source"] = name
        frames.append(table)
    labour = pd.read_csv(data / "labour_force.csv")
    for column, indicator, unit in (("informal_share", "informal_share", "share"), ("labour_force_million", "labour_force", "million persons")):
        rows = labour[labour[column].notna()]
        frames.append(pd.DataFrame({"indicator": indicator, "segment": "all", "date": rows["year"].astype(str) + AUGUST, "value": rows[column], "unit": unit}))
        frames[-1]["source"] = "labour_force.csv"
    rates = pd.read_csv(data / "labour_force_rates.csv").assign(source="labour_force_rates.csv")
    frames.append(rates)
    frames.append(pd.read_csv(data / "payment_regularity.csv").assign(source="payment_regularity.csv"))
    derived = labour[labour["labour_force_million"].notna() & labour["employed_million"].notna()]
    derived = derived[~(derived["year"].astype(str) + AUGUST).isin(rates["date"])]
    frames.append(
        pd.DataFrame(
            {
                "indicator": "unemployment_rate",
                "segment": "all",
                "date": derived["year"].astype(str) + AUGUST,
                "value": 1 - derived["employed_million"] / derived["labour_force_million"],
                "unit": "share",
                "source": "labour_force.csv (1 - employed / labour force)",
            }
        )
    )
    points = pd.concat(frames, ignore_index=True)
    points["segment"] = points["segment"].fillna("all").replace({"total": "all"})
    points = points[["source", "indicator", "segment", "date", "value", "unit", *(c for c in ("reliability",) if c in points)]].rename(
        columns={"value": "observed"}
    )
    readings = [_reading(row.indicator, row.segment) for row in points.itertuples()]
    points["model"] = ["+".join(r.model) if r else "" for r in readings]
    points["how"] = [r.how if r else "" for r in readings]
    points["month"] = [_month(row.date, r) for row, r in zip(points.itertuples(), readings, strict=True)]
    points["scale"] = [SCALES.get(str(u).lower().split(" ")[0], 1.0) for u in points["unit"]]
    points["use"] = [_use(row, fitted) for row in points.itertuples()]
    return points.sort_values(["date", "indicator", "segment"], kind="stable").reset_index(drop=True)


def _reading(indicator: str, segment: str) -> Reading | None:
    """The reading of a segment's figure, or of any segment's; None: no counterpart in the model (e.g. non-civil-servant staff)."""
    return READINGS.get((indicator, str(segment).lower()), READINGS.get((indicator, "*")))


def _month(date: str, reading: Reading | None) -> str:
    month = parse_month(str(date)[:7])
    return format_month(month - 1 if reading is not None and reading.year_before else month)


def _use(row: object, fitted: set[tuple[str, str, str]]) -> str:
    indicator, segment, date = row.indicator, row.segment, row.date  # type: ignore[attr-defined]
    if indicator.endswith("_target"):
        return "target"
    if indicator == "informal_share":
        return "input"
    return "fitted" if (indicator, segment, date) in fitted else "check"


def _value(series: pd.DataFrame, model: list[str], how: str, month: str) -> float:
    """One run's value of a reading (``series`` indexed by month)."""
    value = series[model].sum(axis=1)
    if how == "at":
        return float(value.loc[month])
    year = value.index.str.startswith(month[:4])
    return float(value[year if how == "year_sum" else year & (value.index <= month)].sum())


def point_table(points: pd.DataFrame, runs: pd.DataFrame, *, add: dict[str, float] | None = None) -> pd.DataFrame:
    """``points`` with the simulated mean, chance and parameter intervals, and the relative error.

    ``runs``: every run's monthly indicators with ``run_id`` and ``parameter_set`` columns. ``add`` is
    added to an indicator's value before scaling (those outside the model, for the labour force).
    """
    add = add or {}
    months = set(runs["month"])
    groups = [(s, part.set_index("month")) for (s, _), part in runs.groupby(["parameter_set", "run_id"])]
    sets = np.array([s for s, _ in groups])
    rows = []
    for point in points.itertuples():
        row = point._asdict()
        row.pop("Index")
        model = point.model.split("+") if point.model else []
        if not model or point.month not in months or (point.how == "year_sum" and f"{point.month[:4]}-01" not in months):
            rows.append({**row, "simulated": np.nan})
            continue
        values = np.array([(_value(series, model, point.how, point.month) + sum(add.get(m, 0.0) for m in model)) * point.scale for _, series in groups])
        rows.append({**row, "simulated": float(values.mean()), **uncertainty_apart("simulated", values, sets)})
    table = pd.DataFrame(rows)
    table["relative_error"] = table["simulated"] / table["observed"] - 1
    return table


#: The history year by year: stocks in December, flows summed over the year, and ``year_max`` for a
#: count of persons paid each month of a round (BSU recipients: a year's sum would count each one
#: once per month paid).
HISTORY_STOCKS = (
    "active",
    "active_pu",
    "active_bpu",
    "active_bpu_third_party",
    "active_jakon",
    "active_pmi",
    "registered",
    "unemployment_rate",
    "informal_share",
)
HISTORY_FLOWS = ("new_participants", "exits", "jht_claims", "jkp_claims", "contributions_rupiah")
HISTORY_PEAKS = ("bsu_recipients",)


def history_table(runs: pd.DataFrame) -> pd.DataFrame:
    """One row a year and indicator: December's stock, the year's sum or its largest month, with its mean and both intervals."""
    rows = []
    groups = [(s, part.set_index("month")) for (s, _), part in runs.groupby(["parameter_set", "run_id"])]
    sets = np.array([s for s, _ in groups])
    for year in sorted({m[:4] for m in runs["month"] if m.endswith("-12")}):
        for name in (*HISTORY_STOCKS, *HISTORY_FLOWS, *HISTORY_PEAKS):
            if name in HISTORY_STOCKS:
                how, values = "december", np.array([float(series.loc[f"{year}-12", name]) for _, series in groups])
            else:
                how = "year_sum" if name in HISTORY_FLOWS else "year_max"
                months = [series.loc[series.index.str.startswith(year), name] for _, series in groups]
                values = np.array([float(m.sum() if how == "year_sum" else m.max()) for m in months])
            rows.append({"year": int(year), "indicator": name, "how": how, "mean": float(values.mean()), **uncertainty_apart("value", values, sets)})
    return pd.DataFrame(rows)


def monthly_bands(runs: pd.DataFrame, name: str) -> pd.DataFrame:
    """``name`` month by month: mean, chance and parameter intervals (for the figure)."""
    wide = runs.pivot_table(index=["parameter_set", "run_id"], columns="month", values=name)
    sets = wide.index.get_level_values("parameter_set").to_numpy()
    rows = [{"month": m, "mean": float(wide[m].mean()), **uncertainty_apart("value", wide[m].to_numpy(), sets)} for m in wide.columns]
    return pd.DataFrame(rows)


def outlook(runs: pd.DataFrame, target: float, month: str) -> dict[str, float]:
    """Active participants in ``month``: mean, intervals and the share of runs at or above ``target``."""
    at = runs[runs["month"] == month]
    values, sets = at["active"].to_numpy(dtype=float), at["parameter_set"].to_numpy()
    low, high = np.quantile(values, [LOW, HIGH])
    return {
        "month": month,
        "target": target,
        "mean": float(values.mean()),
        "p5": float(low),
        "p95": float(high),
        "share_reaching": float((values >= target).mean()),
        **uncertainty_apart("active", values, sets),
    }


def misses(points: pd.DataFrame) -> pd.DataFrame:
    """The observations (fitted or checked) the runs miss, largest relative error first (see :data:`MISS`).

    An observation outside the chance and parameter intervals alike is not explained by chance or by
    the calibrated parameters' spread: it is something the model's rules or inputs do not reproduce.
    """
    seen = points[points["use"].isin(("fitted", "check")) & points["simulated"].notna()]
    low = seen[["simulated_chance_p5", "simulated_parameter_p5"]].min(axis=1)
    high = seen[["simulated_chance_p95", "simulated_parameter_p95"]].max(axis=1)
    outside = ((seen["observed"] < low) | (seen["observed"] > high)) & (seen["relative_error"].abs() > MISS)
    missed = seen[outside]
    return missed.iloc[np.argsort(-missed["relative_error"].abs().to_numpy(), kind="stable")]
