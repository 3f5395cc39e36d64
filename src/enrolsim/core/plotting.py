"""Figures written next to a run's tables."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no screen on servers and in CI
import matplotlib.pyplot as plt
import pandas as pd

from enrolsim.core.codes import SEGMENT_NAMES

SEGMENT_LABELS = {
    "permanent": "formal, permanent",
    "contract": "formal, fixed-term",
    "informal": "informal own-account",
    "platform": "platform partner",
    "construction": "construction project",
    "unemployed": "unemployed",
}


def active_by_segment(timeseries: pd.DataFrame, path: Path, title: str) -> None:
    """Stacked areas of active participants by segment (millions of persons) over the months."""
    x = pd.PeriodIndex(timeseries["month"], freq="M").to_timestamp()
    stacks = [timeseries[f"active_{s}"] / 1e6 for s in SEGMENT_NAMES]
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    ax.stackplot(x, stacks, labels=[SEGMENT_LABELS[s] for s in SEGMENT_NAMES], alpha=0.85)
    ax.plot(x, timeseries["active"] / 1e6, color="black", linewidth=1.2, label="all active")
    ax.set_ylabel("active participants (million persons)")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
