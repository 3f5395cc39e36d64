"""The frontier's figure for a policy reader: programme cost against active participants, every design point with
its intervals, the frontier joined by a line, the target, and the cheapest point reaching it marked and labelled.

Cost is in rupiah trillions on x, active participants in millions on y; the title names the month, the axes their
units, and a legend below the axes says what each mark is, in English or Bahasa Indonesia (``texts/frontier.py``).
"""

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from enrolsim.analysis.frontier import Frontier
from enrolsim.core.plotting import plt
from enrolsim.texts import month_name, persons, plain, rupiah, text

DPI = 150
POINTS, FRONTIER_LINE, TARGET, CHOSEN, CLOSEST = "#4c72b0", "#dd8452", "#c44e52", "#2ca02c", "#8c8c8c"


def frontier_figure(result: Frontier, lang: str) -> Figure:
    """The figure of ``result`` with the words of ``lang`` (the caller saves and closes it)."""
    table = result.table
    x, y = table["programme_cost_mean"].to_numpy() / 1e12, table["active_mean"].to_numpy() / 1e6
    xerr = np.clip(np.vstack([x - table["programme_cost_p5"] / 1e12, table["programme_cost_p95"] / 1e12 - x]), 0, None)
    yerr = np.clip(np.vstack([y - table["active_p5"] / 1e6, table["active_p95"] / 1e6 - y]), 0, None)
    fig, ax = plt.subplots(figsize=(9, 6.5), dpi=DPI)
    ax.errorbar(
        x,
        y,
        xerr=xerr,
        yerr=yerr,
        fmt="o",
        markersize=4,
        color=POINTS,
        ecolor="#9bb0d3",
        elinewidth=0.8,
        capsize=2,
        label=text(lang, "fr_points", n=result.replications),
    )
    on = table["on_frontier"].to_numpy()
    ax.plot(x[on], y[on], "-", color=FRONTIER_LINE, linewidth=2, zorder=3, label=text(lang, "fr_frontier"))
    for xi, yi, point in zip(x[on], y[on], table.loc[on, "point"], strict=True):
        ax.annotate(str(point), (xi, yi), xytext=(-4, 5), textcoords="offset points", fontsize=7, color=FRONTIER_LINE, ha="right")
    ax.axhline(result.target / 1e6, color=TARGET, linestyle="--", linewidth=1.2, label=text(lang, "fr_target", target=persons(result.target, lang)))
    _mark_choice(ax, result, lang)
    low, high = min(0.0, float(np.min(x - xerr[0]))), ax.get_xlim()[1]
    ax.set_xlim(low - 0.03 * (high - low), high)  # a margin left of zero: a point without cost and its number stay inside the axes
    ax.set_xlabel(text(lang, "fr_x", start=month_name(result.cost_from, lang), end=month_name(result.month, lang)))
    ax.set_ylabel(text(lang, "fr_y", month=month_name(result.month, lang)))
    ax.set_title(text(lang, "fr_title", month=month_name(result.month, lang)), fontsize=11)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(lambda v, _: plain(v, lang, 2))  # 2,5 in Indonesian
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), fontsize=8, frameon=False)  # below: the points fill the plane
    fig.tight_layout()
    return fig


def _mark_choice(ax: plt.Axes, result: Frontier, lang: str) -> None:
    """Mark and label the cheapest point reaching the target (a green star) or, when none does, the one closest to it
    (a grey diamond); the label stands on the side of the point with more room, so it stays inside the axes."""
    chosen = result.cheapest()
    key, marker, size, colour = "fr_cheapest", "*", 16, CHOSEN
    if chosen is None:
        chosen, key, marker, size, colour = result.closest(), "fr_closest", "D", 10, CLOSEST
    cx, cy = chosen["programme_cost_mean"] / 1e12, chosen["active_mean"] / 1e6
    point = int(chosen["point"])
    ax.plot([cx], [cy], marker, markersize=size, color=colour, markeredgecolor="black", zorder=4, linestyle="none", label=text(lang, key, point=point))
    low, high = ax.get_xlim()
    right = cx < (low + high) / 2
    words = f"{text(lang, 'fr_point', point=point)}: {rupiah(chosen['programme_cost_mean'], lang)}, {persons(chosen['active_mean'], lang)}"
    box = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": colour, "alpha": 0.9}
    ax.annotate(
        words,
        (cx, cy),
        xytext=(12 if right else -12, -16),
        textcoords="offset points",
        ha="left" if right else "right",
        fontsize=8,
        fontweight="bold",
        bbox=box,
    )


def write_figure(result: Frontier, lang: str, path: Path) -> None:
    """Save :func:`frontier_figure` to ``path`` (nothing cut at the edges: the legend is below the axes)."""
    fig = frontier_figure(result, lang)
    try:
        fig.savefig(path, bbox_inches="tight")
    finally:
        plt.close(fig)
