"""Writing a run's files (``enrolsim run``): the time series, the summary and the figure, all or nothing;
with ``--by-district`` also the district table and the coverage-by-province figure, and with
``--district NAME`` the named districts' rows as ``by_district.csv`` too.

The CSV is for a reader without Parquet tools (a district official with a spreadsheet): the same rows and
columns as the Parquet table, restricted to the districts asked for (or all), so the two never disagree.
"""

import difflib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.errors import InputError
from enrolsim.core.files import staged_folder
from enrolsim.core.plotting import plt
from enrolsim.run import Result
from enrolsim.scenario.schema import Scenario
from enrolsim.texts import SEGMENT_LABELS
from enrolsim.world.geography import geography_of

RUN_FILES = ("timeseries.csv", "summary.json", "active_by_segment.png")
DISTRICT_FILES = ("by_district.parquet", "coverage_by_province.png")
DISTRICT_CSV = "by_district.csv"  # with --district: the named districts' rows, for a spreadsheet
ALL_DISTRICTS = "all"
#: 12 significant digits: a spreadsheet shows 11586.2 persons, not the binary 11586.199999999999.
CSV_FLOAT = "%.12g"


def write_run(result: Result, out: Path, *, csv_districts: Sequence[int] | None = None) -> list[Path]:
    """Write ``timeseries.csv``, ``summary.json`` and ``active_by_segment.png`` into ``out`` (all or none),
    and ``by_district.parquet`` and ``coverage_by_province.png`` when the run kept its district figures;
    ``csv_districts`` (BPS codes, see :func:`district_codes`) also writes their rows as ``by_district.csv``."""
    if csv_districts is not None and result.districts is None:
        raise ValueError("csv_districts needs a run that kept its district figures (simulate(..., by_district=True))")
    names = RUN_FILES + (DISTRICT_FILES if result.districts is not None else ()) + ((DISTRICT_CSV,) if csv_districts is not None else ())
    title = f"{result.scenario.name}, seed {result.seed}"
    with staged_folder(out) as staging:
        result.timeseries.to_csv(staging / "timeseries.csv", index=False)
        (staging / "summary.json").write_text(json.dumps(result.summary(), indent=2) + "\n", encoding="utf-8")
        active_by_segment(result.timeseries, staging / "active_by_segment.png", title)
        if result.districts is not None:
            result.districts.to_parquet(staging / "by_district.parquet", index=False)
            coverage_by_province(result.districts, staging / "coverage_by_province.png", title)
        if csv_districts is not None:
            rows = result.districts[result.districts["district_code"].isin(csv_districts)]
            rows.to_csv(staging / DISTRICT_CSV, index=False, float_format=CSV_FLOAT)
    return [Path(out) / name for name in names]


def district_codes(scenario: Scenario, names: Sequence[str]) -> list[int]:
    """The BPS codes of the districts ``names`` asks for, checked before a run: each a district's name in any
    case (``Kota Bandung``), its code (``3273``), or ``all``. A name that is no district raises
    :class:`InputError` naming ``--district`` and the districts whose names hold its words, so a reader who
    typed ``Bandung`` learns it is ``KOTA BANDUNG`` or ``KABUPATEN BANDUNG``."""
    geo = geography_of(scenario)
    codes = [int(c) for c in geo.district_code]
    by_name = {name.casefold(): code for name, code in zip(geo.district_name, codes, strict=True)}
    chosen: list[int] = []
    for asked in names:
        key = " ".join(asked.split()).casefold()
        if key == ALL_DISTRICTS:
            return codes
        code = by_name.get(key, int(key) if key.isdigit() and int(key) in codes else None)
        if code is None:
            words = key.split()
            near = [n for n in geo.district_name if words and all(w in n.casefold() for w in words)]
            near = near or difflib.get_close_matches(key.upper(), geo.district_name, n=5)
            hint = f"; did you mean {', '.join(near[:8])}?" if near else f" (a name such as {geo.district_name[0]!r}, a code, or {ALL_DISTRICTS})"
            raise InputError("--district", "", f"{asked!r} is no district of the {scenario.population.geography} geography{hint}")
        chosen.append(code)
    return chosen


#: Opacity of the segments' bands in ``active_by_segment`` (matplotlib's colour cycle, C0 to C5).
STACK_ALPHA = 0.85
#: The provinces' bars in ``coverage_by_province`` (tests find the bars by this colour).
BAR_COLOUR, BAR_ALPHA = "#4c78a8", 0.8


def coverage_by_province(districts: pd.DataFrame, path: Path, title: str) -> None:
    """Save :func:`coverage_figure` as ``path``."""
    fig = coverage_figure(districts, title)
    fig.savefig(path)
    plt.close(fig)


def coverage_figure(districts: pd.DataFrame, title: str) -> Figure:
    """Coverage (active workers over the labour force) of each province in the last month (bars), each district's (dots).

    Worker rows only: the national construction-project and migrant-worker stocks belong to no district.
    The title says what is shown and when, before the run it comes from, for a reader who sees the figure alone.
    """
    month = districts["month"].iloc[-1]
    last = districts[districts["month"] == month]
    sums = last.groupby("province", observed=True)[["active", "labour_force"]].sum()
    provinces = (sums["active"] / sums["labour_force"]).sort_values()
    national = last["active"].sum() / last["labour_force"].sum()
    fig, ax = plt.subplots(figsize=(8, max(4.0, 0.24 * len(provinces) + 1.2)), dpi=110)
    y = np.arange(len(provinces))
    ax.barh(y, provinces.to_numpy() * 100, color=BAR_COLOUR, alpha=BAR_ALPHA, label="province (bar)")
    position = pd.Series(y, index=provinces.index)
    rows = last[last["labour_force"] > 0]
    ax.scatter(rows["coverage"] * 100, position[rows["province"]].to_numpy(), s=6, color="black", alpha=0.5, label="one district (dot)", zorder=3)
    ax.axvline(national * 100, color="#e45756", linewidth=1.2, label=f"all districts {national:.1%}")
    ax.set_yticks(y, [_place(str(p)) for p in provinces.index], fontsize=7)
    ax.set_xlabel("active workers / labour force, % (Jakon and PMI stocks are national, not here)")
    ax.set_title(f"Coverage by province and district, {month}\n{title}", fontsize=9, wrap=True)  # a national run's title is long
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def _place(name: str) -> str:
    """A BPS name in capitals as a label: ``DKI JAKARTA`` -> ``DKI Jakarta``, ``DI YOGYAKARTA`` -> ``DI Yogyakarta``."""
    return " ".join(word if word in ("DKI", "DI") else word.title() for word in name.split())


def active_by_segment(timeseries: pd.DataFrame, path: Path, title: str) -> None:
    """Stacked areas of active participants by segment (millions of persons) over the months."""
    x = pd.PeriodIndex(timeseries["month"], freq="M").to_timestamp()
    stacks = [timeseries[f"active_{s}"] / 1e6 for s in SEGMENT_NAMES]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    ax.stackplot(x, stacks, labels=[SEGMENT_LABELS["en"][s] for s in SEGMENT_NAMES], alpha=STACK_ALPHA)
    ax.plot(x, timeseries["active"] / 1e6, color="black", linewidth=1.2, label="all active")
    ax.set_ylabel("active participants (million persons)")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
