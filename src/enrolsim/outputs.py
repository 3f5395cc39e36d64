"""Writing a run's files (``enrolsim run``): the time series, the summary and the figure, all or nothing."""

import json
from pathlib import Path

import pandas as pd

from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.files import staged_folder
from enrolsim.core.plotting import plt
from enrolsim.run import Result
from enrolsim.texts import SEGMENT_LABELS

RUN_FILES = ("timeseries.csv", "summary.json", "active_by_segment.png")


def write_run(result: Result, out: Path) -> list[Path]:
    """Write ``timeseries.csv``, ``summary.json`` and ``active_by_segment.png`` into ``out`` (all or none)."""
    with staged_folder(out) as staging:
        result.timeseries.to_csv(staging / "timeseries.csv", index=False)
        (staging / "summary.json").write_text(json.dumps(result.summary(), indent=2) + "\n", encoding="utf-8")
        active_by_segment(result.timeseries, staging / "active_by_segment.png", f"{result.scenario.name}, seed {result.seed}")
    return [Path(out) / name for name in RUN_FILES]


def active_by_segment(timeseries: pd.DataFrame, path: Path, title: str) -> None:
    """Stacked areas of active participants by segment (millions of persons) over the months."""
    x = pd.PeriodIndex(timeseries["month"], freq="M").to_timestamp()
    stacks = [timeseries[f"active_{s}"] / 1e6 for s in SEGMENT_NAMES]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    ax.stackplot(x, stacks, labels=[SEGMENT_LABELS["en"][s] for s in SEGMENT_NAMES], alpha=0.85)
    ax.plot(x, timeseries["active"] / 1e6, color="black", linewidth=1.2, label="all active")
    ax.set_ylabel("active participants (million persons)")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
