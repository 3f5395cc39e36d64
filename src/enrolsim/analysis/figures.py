"""The comparison's figures (matplotlib, Agg), labelled in English or Bahasa Indonesia, and ``enrolsim validate``'s.

Each comparison function draws one figure from a :class:`~enrolsim.analysis.comparison.Comparison` and saves
it as PNG; :func:`write_figures` writes all four and returns their paths. :func:`validation_figure` draws
the validation's four panels, in its report's language.
"""

import re
from functools import partial
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from enrolsim.analysis.comparison import Comparison
from enrolsim.analysis.validation_tables import FIT_END, FITTED_YEARS, monthly_bands
from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.plotting import plt
from enrolsim.texts import MONTHS, SEGMENT_LABELS, month_name, number, persons, text

FIGURES = ("trajectories.png", "segments.png", "cost_effectiveness.png", "funnel.png")
#: Sharp enough to print on A4 at the report's width (100 left legends at 4-5 points unreadable on paper).
DPI = 150
LINE_STYLES = ("-", "--", "-.", ":")


def _colours(n: int) -> list:
    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20")
    return [cmap(i % cmap.N) for i in range(n)]


def trajectories(c: Comparison, path: Path) -> None:
    """Active participants a month: mean line and 5%-95% band per scenario, the target line."""
    lang, plan = c.plan.lang, c.plan
    fig, ax = plt.subplots(figsize=(9, 5.2), dpi=DPI)
    for i, (colour, info) in enumerate(zip(_colours(len(plan.scenarios)), plan.scenarios, strict=True)):
        part = c.trajectories[c.trajectories["scenario"] == info.name]
        x = pd.PeriodIndex(part["month"], freq="M").to_timestamp()
        ax.fill_between(x, part["p5"] / 1e6, part["p95"] / 1e6, color=colour, alpha=0.2, linewidth=0)
        # a line style as well as a colour: ten scenarios close together are told apart in print, and in grey
        ax.plot(x, part["mean"] / 1e6, color=colour, linewidth=1.6, linestyle=LINE_STYLES[i % len(LINE_STYLES)], label=info.name)
    ax.axhline(plan.target / 1e6, color="black", linestyle="--", linewidth=1, label=text(lang, "target", target=persons(plan.target, lang)))
    ax.axvline(
        pd.Period(plan.by, freq="M").to_timestamp(), color="grey", linestyle=":", linewidth=1, label=text(lang, "fig_by", month=month_name(plan.by, lang))
    )
    ax.set_ylabel(text(lang, "active_millions"))
    ax.set_xlabel(text(lang, "month"))
    n = int(c.table["replications"].iloc[0])
    ax.set_title(f"{text(lang, 'fig_trajectories')} ({text(lang, 'band', n=n)})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)  # below: inside, it touched the lines
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")  # nothing cut at the edges (a legend below the axes, long labels)
    plt.close(fig)


def segments(c: Comparison, path: Path) -> None:
    """Active participants by segment in the ``by`` month: stacked bars, whisker on the total."""
    lang, plan = c.plan.lang, c.plan
    rows = c.at_target_date()
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(rows) + 2.2), dpi=DPI)
    y = np.arange(len(rows))[::-1]
    left = np.zeros(len(rows))
    for colour, segment in zip(_colours(len(SEGMENT_NAMES)), SEGMENT_NAMES, strict=True):
        values = rows[f"active_{segment}_mean"].to_numpy() / 1e6
        ax.barh(y, values, left=left, color=colour, label=SEGMENT_LABELS[lang][segment], height=0.6)
        left += values
    total = rows["active_mean"].to_numpy() / 1e6
    # the agency's participants outside the worker rows (Jakon projects' registrations, migrant workers): without them the
    # bars stopped some 15 million short of the total they are drawn against
    ax.barh(y, total - left, left=left, color="lightgrey", hatch="//", edgecolor="grey", label=text(lang, "jakon_pmi"), height=0.6)
    err = np.vstack([total - rows["active_p5"] / 1e6, rows["active_p95"] / 1e6 - total])
    ax.errorbar(total, y, xerr=np.clip(err, 0, None), fmt="none", ecolor="black", capsize=4, linewidth=1)
    ax.axvline(plan.target / 1e6, color="black", linestyle="--", linewidth=1, label=text(lang, "target", target=persons(plan.target, lang)))
    ax.set_yticks(y, rows["scenario"], fontsize=8)
    ax.set_xlabel(text(lang, "active_millions"))
    ax.set_title(text(lang, "fig_segments", month=month_name(plan.by, lang)))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=7, frameon=False)
    ax.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")  # nothing cut at the edges (a legend below the axes, long labels)
    plt.close(fig)


def cost_effectiveness(c: Comparison, path: Path) -> None:
    """The cost-effectiveness plane: additional cost against additional active participants, with intervals."""
    lang, plan = c.plan.lang, c.plan
    rows = c.at_target_date()
    fig, ax = plt.subplots(figsize=(8, 6), dpi=DPI)
    x = rows["active_diff_mean"].to_numpy() / 1e6
    y = rows["cost_diff_mean"].to_numpy() / 1e9
    xerr = np.clip(np.vstack([x - rows["active_diff_p5"] / 1e6, rows["active_diff_p95"] / 1e6 - x]), 0, None)
    yerr = np.clip(np.vstack([y - rows["cost_diff_p5"] / 1e9, rows["cost_diff_p95"] / 1e9 - y]), 0, None)
    # iso-cost lines: rupiah per additional participant
    xmax = max(float(np.nanmax(np.abs(rows["active_diff_p95"]))) / 1e6, 1e-3) * 1.15
    ymax = max(float(np.nanmax(np.abs(rows["cost_diff_p95"]))) / 1e9, 1e-3) * 1.15
    for per in (1e5, 1e6, 1e7):
        xs = np.linspace(0, xmax, 50)
        ys = xs * 1e6 * per / 1e9
        keep = ys <= ymax
        if keep.sum() > 1:
            ax.plot(xs[keep], ys[keep], color="grey", linewidth=0.7, alpha=0.6)
            ax.annotate(text(lang, "per_participant", value=number(per, lang)), (xs[keep][-1], ys[keep][-1]), fontsize=7, color="grey", ha="right")
    for colour, (i, row) in zip(_colours(len(rows)), rows.iterrows(), strict=True):
        label = row["scenario"] if i else f"{row['scenario']} ({text(lang, 'reference')})"
        # numbered on the plane and in the legend: strategies of small effect sit on top of each other near the origin
        ax.errorbar(x[i], y[i], xerr=xerr[:, [i]], yerr=yerr[:, [i]], fmt="o", color=colour, capsize=3, label=f"{i + 1}  {label}")
        ax.annotate(str(i + 1), (x[i], y[i]), xytext=(4, 4), textcoords="offset points", fontsize=8, color=colour, fontweight="bold")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    reference = plan.reference.name
    ax.set_xlabel(text(lang, "fig_ce_x", reference=reference), fontsize=9)
    ax.set_ylabel(text(lang, "fig_ce_y", month=month_name(plan.by, lang)), fontsize=9)
    ax.set_title(text(lang, "fig_ce", month=month_name(plan.by, lang)))
    ax.yaxis.set_major_formatter(lambda v, _: number(v, lang))  # 50,000 rather than 50000
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=7, frameon=False)  # below: it hid the guide lines
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")  # nothing cut at the edges (a legend below the axes, long labels)
    plt.close(fig)


def funnel(c: Comparison, path: Path) -> None:
    """The retention funnel in the ``by`` month: registered, active, inactive, withdrawn per scenario."""
    lang, plan = c.plan.lang, c.plan
    rows = c.at_target_date()
    stages = ("registered", "active", "inactive", "withdrawn")
    fig, ax = plt.subplots(figsize=(9, 5.2), dpi=DPI)
    width = 0.8 / len(rows)
    base = np.arange(len(stages))
    for colour, (i, row) in zip(_colours(len(rows)), rows.iterrows(), strict=True):
        means = np.array([row[f"{s}_mean"] for s in stages]) / 1e6
        err = np.clip(np.vstack([means - np.array([row[f"{s}_p5"] for s in stages]) / 1e6, np.array([row[f"{s}_p95"] for s in stages]) / 1e6 - means]), 0, None)
        ax.bar(base + (i - (len(rows) - 1) / 2) * width, means, width * 0.95, yerr=err, capsize=2, color=colour, label=row["scenario"])
    ax.set_xticks(base, [text(lang, s) for s in stages], fontsize=8)
    ax.set_ylabel(text(lang, "persons_millions"))
    ax.set_title(text(lang, "fig_funnel", month=month_name(plan.by, lang)))
    ax.legend(fontsize=7, frameon=False)
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")  # nothing cut at the edges (a legend below the axes, long labels)
    plt.close(fig)


def write_figures(c: Comparison, folder: Path) -> list[Path]:
    """Write the four figures into ``folder``; return their paths (in :data:`FIGURES` order)."""
    paths = [folder / name for name in FIGURES]
    for draw, path in zip((trajectories, segments, cost_effectiveness, funnel), paths, strict=True):
        draw(c, path)
    return paths


#: The validation figure's panel by participant segment (PU, BPU, Jakon, PMI; not the labour segments of ``SEGMENT_NAMES``):
#: each one's model indicator, the key of its legend label and its colour.
VALIDATION_SEGMENTS = (
    ("active_pu", "val_fig_pu", "tab:blue"),
    ("active_bpu", "val_fig_bpu", "tab:orange"),
    ("active_jakon", "val_fig_jakon", "tab:green"),
    ("active_pmi", "val_fig_pmi", "tab:red"),
)
#: The segment of ``data/``'s active participants that each model indicator is read against.
OBSERVED_SEGMENT = {"active": "all", "active_pu": "PU", "active_bpu": "BPU", "active_jakon": "Jakon", "active_pmi": "PMI"}


def validation_figure(runs: pd.DataFrame, points: pd.DataFrame, history: pd.DataFrame, lang: str = "en") -> Figure:
    """``enrolsim validate``'s four panels from its runs, points and history table: active participants with the
    observed figures and the agency's targets, by segment, JHT claims a year, and the Sakernas labour figures.

    The shaded band is chance (the seeds' spread with the parameters held), the dashed lines the parameter
    interval, the dotted line the end of the fitted years; one legend below the panels says what every mark
    and colour is, so none covers a line or a point. Every label is in ``lang``; in Bahasa Indonesia the
    months of the time axes and the decimals of every axis are written as Indonesian writes them.
    """
    t = partial(text, lang)
    points = points.assign(base=points["observed"] / points["scale"])  # in the model's unit (persons, rupiah)
    fig, axes = plt.subplots(2, 2, figsize=(13, 9.5))
    _participants_panel(axes[0, 0], runs, points, (("active", "val_fig_all_segments", "black"),), t("val_fig_active"), lang)
    targets = points[(points["use"] == "target") & (points["model"] == "active")]
    if len(targets):
        axes[0, 0].scatter(_month_starts(targets["month"]), targets["base"] * 1e-6, marker="x", color="crimson", zorder=3)
    _participants_panel(axes[0, 1], runs, points, VALIDATION_SEGMENTS, t("val_fig_by_segment"), lang)
    _claims_panel(axes[1, 0], history, points, lang)
    _labour_panel(axes[1, 1], runs, points, lang)
    for ax in (axes[0, 0], axes[0, 1], axes[1, 1]):
        ax.axvline(_month_starts([FIT_END])[0], color="grey", linestyle=":", linewidth=1)
    for ax in axes.flat:
        ax.grid(alpha=0.3)
        if ax is not axes[1, 0]:
            date_axis(ax, lang)
        if lang == "id":
            ax.yaxis.set_major_formatter(_DecimalComma())
    marks = [
        Line2D([], [], color="black", label=t("val_fig_mean")),
        Patch(color="black", alpha=0.2, label=t("val_fig_chance")),
        Line2D([], [], color="black", linestyle="--", linewidth=0.8, label=t("val_fig_parameter")),
        Line2D([], [], color="white", marker="o", markerfacecolor="grey", markeredgecolor="black", label=t("val_fig_observed")),
        Line2D([], [], color="white", marker="x", markeredgecolor="crimson", label=t("val_fig_target")),
        Line2D([], [], color="grey", linestyle=":", label=t("val_fig_fit_end", year=FIT_END[:4])),
    ]
    colours = [h for ax in (axes[0, 1], axes[1, 1]) for h in ax.get_legend_handles_labels()[0]]  # the segments and measures
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ncol in (4, 3, 2):  # below the panels, it covers no data; as many columns as the figure's width holds (Indonesian labels are longer)
        legend = fig.legend(handles=marks + colours, loc="lower center", ncol=ncol, fontsize=9, frameon=False)
        box = legend.get_window_extent(renderer)
        if box.width <= fig.bbox.width or ncol == 2:
            break
        legend.remove()
    fig.suptitle(t("val_fig_title", years=FITTED_YEARS), fontsize=11)
    fig.tight_layout(rect=(0, max(0.1, box.height / fig.bbox.height + 0.01), 1, 0.97))  # the panels above the legend's rows
    return fig


class _DecimalComma(mticker.ScalarFormatter):
    """matplotlib's tick labels with a decimal comma, as Indonesian writes numbers (``0,5``; no thousands separator on an axis)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", ",")


def date_axis(ax: Axes, lang: str) -> None:
    """A time axis of months: a short run's ticks are months, a long run's years, never crowded; the months in ``lang``."""
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator) if lang == "en" else _ConciseMonths(locator, lang))


class _ConciseMonths(mdates.ConciseDateFormatter):
    """matplotlib's concise dates with the months' abbreviations of ``lang`` (``Agu``, ``Okt``, ``Des``).

    matplotlib writes a month by ``strftime("%b")``, in English whatever the report's language: its
    labels are rewritten, each English abbreviation to the first three letters of the month's name in
    ``lang`` (as Indonesian abbreviates them).
    """

    _ENGLISH = re.compile(r"\b(" + "|".join(name[:3] for name in MONTHS["en"]) + r")\b")

    def __init__(self, locator: mdates.DateLocator, lang: str) -> None:
        super().__init__(locator)
        self._names = {en[:3]: local[:3] for en, local in zip(MONTHS["en"], MONTHS[lang], strict=True)}

    def _local(self, label: str) -> str:
        return self._ENGLISH.sub(lambda m: self._names[m.group(1)], label)

    def format_ticks(self, values: list[float]) -> list[str]:
        return [self._local(label) for label in super().format_ticks(values)]

    def get_offset(self) -> str:
        return self._local(super().get_offset())


def _month_starts(months: pd.Series | list[str]) -> pd.DatetimeIndex:
    """``YYYY-MM`` months as the dates of their first days (the panels' time axis)."""
    return pd.PeriodIndex(months, freq="M").to_timestamp()


def _participants_panel(ax: Axes, runs: pd.DataFrame, points: pd.DataFrame, series: tuple[tuple[str, str, str], ...], title: str, lang: str) -> None:
    """Active participants in millions: each series' mean, chance band and parameter range, and the observed figures of its segment."""
    scale = 1e-6
    for name, label, colour in series:
        bands = monthly_bands(runs, name)
        x = _month_starts(bands["month"])
        ax.fill_between(x, bands["value_chance_p5"] * scale, bands["value_chance_p95"] * scale, color=colour, alpha=0.2, linewidth=0)
        ax.plot(x, bands["mean"] * scale, color=colour, label=text(lang, label))
        ax.plot(x, bands["value_parameter_p5"] * scale, color=colour, linestyle="--", linewidth=0.8)
        ax.plot(x, bands["value_parameter_p95"] * scale, color=colour, linestyle="--", linewidth=0.8)
        observed = (points["indicator"] == "active_participants") & (points["segment"].str.lower() == OBSERVED_SEGMENT[name].lower())
        seen = points[(points["model"] == name) & observed]
        ax.scatter(_month_starts(seen["month"]), seen["base"] * scale, color=colour, edgecolor="black", zorder=3, s=22)
    ax.set_title(title)
    ax.set_ylabel(text(lang, "val_fig_million_persons"))


def _claims_panel(ax: Axes, history: pd.DataFrame, points: pd.DataFrame, lang: str) -> None:
    """JHT claims a year as the agency counts them (all reasons), in millions (a yearly axis, its dotted line between
    the last fitted year and the next)."""
    claims = history[history["indicator"] == "jht_claims"]
    ax.fill_between(claims["year"], claims["value_chance_p5"] / 1e6, claims["value_chance_p95"] / 1e6, alpha=0.2, color="tab:purple", linewidth=0)
    ax.plot(claims["year"], claims["mean"] / 1e6, color="tab:purple", marker="o")
    seen = points[points["indicator"] == "jht_claims_cases"]
    ax.scatter(seen["date"].str[:4].astype(int), seen["base"] / 1e6, color="tab:purple", edgecolor="black", zorder=3)
    ax.set_title(text(lang, "val_fig_claims"))
    ax.set_ylabel(text(lang, "val_fig_million_claims"))
    ax.axvline(int(FIT_END[:4]) + 0.5, color="grey", linestyle=":", linewidth=1)


def _labour_panel(ax: Axes, runs: pd.DataFrame, points: pd.DataFrame, lang: str) -> None:
    """The informal share and open unemployment in per cent, simulated means against Sakernas's August figures."""
    for name, label, colour in (("informal_share", "val_fig_informal", "tab:brown"), ("unemployment_rate", "val_fig_unemployment", "tab:gray")):
        bands = monthly_bands(runs, name)
        ax.plot(_month_starts(bands["month"]), bands["mean"] * 100, color=colour, label=text(lang, label))
        seen = points[points["indicator"] == name]
        ax.scatter(_month_starts(seen["month"]), seen["base"] * 100, color=colour, edgecolor="black", zorder=3, s=22)
    ax.set_title(text(lang, "val_fig_labour"))
    ax.set_ylabel(text(lang, "val_fig_percent"))
    ax.set_ylim(0, 100)
