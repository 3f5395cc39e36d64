"""Writing a run's files (``enrolsim run``): the time series, the summary and the figure, all or nothing;
with ``--by-district`` also the district table and the coverage-by-province figure."""

import json
from pathlib import Path

import numpy as np
import pandas as pd

from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.files import staged_folder
from enrolsim.core.plotting import plt
from enrolsim.run import Result
from enrolsim.texts import SEGMENT_LABELS

RUN_FILES = ("timeseries.csv", "summary.json", "active_by_segment.png")
DISTRICT_FILES = ("by_district.parquet", "coverage_by_province.png")


def write_run(result: Result, out: Path) -> list[Path]:
    """Write ``timeseries.csv``, ``summary.json`` and ``active_by_segment.png`` into ``out`` (all or none),
    and ``by_district.parquet`` and ``coverage_by_province.png`` when the run kept its district figures."""
    names = RUN_FILES + (DISTRICT_FILES if result.districts is not None else ())
    title = f"{result.scenario.name}, seed {result.seed}"
    with staged_folder(out) as staging:
        result.timeseries.to_csv(staging / "timeseries.csv", index=False)
        (staging / "summary.json").write_text(json.dumps(result.summary(), indent=2) + "\n", encoding="utf-8")
        active_by_segment(result.timeseries, staging / "active_by_segment.png", title)
        if result.districts is not None:
            result.districts.to_parquet(staging / "by_district.parquet", index=False)
            coverage_by_province(result.districts, staging / "coverage_by_province.png", title)
    return [Path(out) / name for name in names]


#: Opacity of the segments' bands in ``active_by_segment`` (matplotlib's colour cycle, C0 to C5).
STACK_ALPHA = 0.85
#: The provinces' bars in ``coverage_by_province`` (tests find the bars by this colour).
BAR_COLOUR, BAR_ALPHA = "#4c78a8", 0.8


def coverage_by_province(districts: pd.DataFrame, path: Path, title: str) -> None:
    """Coverage (active workers over the labour force) of each province in the last month (bars), each district's (dots).

    Worker rows only: the national construction-project and migrant-worker stocks belong to no district.
    """
    last = districts[districts["month"] == districts["month"].iloc[-1]]
    sums = last.groupby("province", observed=True)[["active", "labour_force"]].sum()
    provinces = (sums["active"] / sums["labour_force"]).sort_values()
    national = last["active"].sum() / last["labour_force"].sum()
    fig, ax = plt.subplots(figsize=(8, max(4.0, 0.24 * len(provinces) + 1.2)), dpi=110)
    y = np.arange(len(provinces))
    ax.barh(y, provinces.to_numpy() * 100, color=BAR_COLOUR, alpha=BAR_ALPHA, label="province")
    position = pd.Series(y, index=provinces.index)
    rows = last[last["labour_force"] > 0]
    ax.scatter(rows["coverage"] * 100, position[rows["province"]].to_numpy(), s=6, color="black", alpha=0.5, label="district", zorder=3)
    ax.axvline(national * 100, color="#e45756", linewidth=1.2, label=f"all districts {national:.1%}")
    ax.set_yticks(y, [_place(str(p)) for p in provinces.index], fontsize=7)
    ax.set_xlabel(f"active workers / labour force, % ({last['month'].iloc[0]}; Jakon and PMI stocks are national, not here)")
    ax.set_title(title, fontsize=9, wrap=True)  # a national run's title is longer than the figure is wide
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


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
