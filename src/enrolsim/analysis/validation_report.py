"""The files of ``enrolsim validate``: ``points.csv``, ``history.csv``, ``validation.png``, ``report.md`` and ``report.html``.

All are made in a staging folder and moved into ``OUT`` only when every one exists (as compare's). The
report is in English; its tables are the CSV files', rounded. The figure has four panels: active
participants with the observed figures and the agency's targets, active participants by segment, JHT
claims a year, and the Sakernas labour figures; the shaded band is chance (the seeds' spread with the
parameters held), the dashed lines the parameter interval (the spread of the parameter sets' means).
"""

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from enrolsim._version import __version__
from enrolsim.analysis.validation_tables import monthly_bands
from enrolsim.core.files import staged_folder
from enrolsim.core.plotting import plt

FILES = ("points.csv", "history.csv", "validation.png", "report.md", "report.html")
FIT_END = "2019-12"  # the calibration's window ends here: later participant figures were never fitted


@dataclass
class ValidationResult:
    """What ``enrolsim validate`` found: the points, the history year by year, the outlook, and the runs."""

    points: pd.DataFrame
    history: pd.DataFrame
    outlook: dict[str, float]
    runs: pd.DataFrame
    describe: dict[str, str]  # what was run: scenario, ensemble, sets, seeds, agents, command
    files: list[Path] = field(default_factory=list)


def write_validation(result: ValidationResult, out: Path) -> list[Path]:
    """Write every file of :data:`FILES` into ``out`` (all or nothing)."""
    with staged_folder(out) as staging:
        result.points.to_csv(staging / "points.csv", index=False)
        result.history.to_csv(staging / "history.csv", index=False)
        figure(result, staging / "validation.png")
        md, body = report(result)
        (staging / "report.md").write_text(md, encoding="utf-8")
        picture = base64.b64encode((staging / "validation.png").read_bytes()).decode("ascii")
        page = f"<!doctype html><html lang=en><meta charset=utf-8><title>enrolsim validate</title><style>{STYLE}</style><body>{body}"
        page += f'<img alt="observed against simulated" src="data:image/png;base64,{picture}"></body></html>\n'
        (staging / "report.html").write_text(page, encoding="utf-8")
    return [out / name for name in FILES]


STYLE = (
    "body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse;font-size:85%}"
    "td,th{border:1px solid #ccc;padding:2px 6px}img{max-width:100%}"
)


def figure(result: ValidationResult, path: Path) -> None:
    """The four panels (see the module docstring)."""
    runs = result.runs
    points = result.points.assign(base=result.points["observed"] / result.points["scale"])  # in the model's unit (persons, rupiah)
    fig, axes = plt.subplots(2, 2, figsize=(13, 8.5))
    when = lambda months: pd.PeriodIndex(months, freq="M").to_timestamp()  # noqa: E731
    panels = (
        (axes[0, 0], [("active", "active participants", "black")], "Active participants (million)", 1e-6),
        (axes[0, 1], [("active_pu", "PU", "tab:blue"), ("active_bpu", "BPU", "tab:orange"), ("active_jakon", "Jakon", "tab:green"),
                      ("active_pmi", "PMI", "tab:red")], "By segment (million)", 1e-6),
    )  # fmt: skip
    segment_of = {"active": "all", "active_pu": "PU", "active_bpu": "BPU", "active_jakon": "Jakon", "active_pmi": "PMI"}
    for ax, series, title, scale in panels:
        for name, label, colour in series:
            bands = monthly_bands(runs, name)
            x = when(bands["month"])
            ax.fill_between(x, bands["value_chance_p5"] * scale, bands["value_chance_p95"] * scale, color=colour, alpha=0.2, linewidth=0)
            ax.plot(x, bands["mean"] * scale, color=colour, label=label)
            ax.plot(x, bands["value_parameter_p5"] * scale, color=colour, linestyle="--", linewidth=0.8)
            ax.plot(x, bands["value_parameter_p95"] * scale, color=colour, linestyle="--", linewidth=0.8)
            seen = points[
                (points["model"] == name) & (points["indicator"] == "active_participants") & (points["segment"].str.lower() == segment_of[name].lower())
            ]
            ax.scatter(when(seen["month"]), seen["base"] * scale, color=colour, edgecolor="black", zorder=3, s=22)
        targets = points[(points["use"] == "target") & (points["model"] == "active")]
        if ax is axes[0, 0] and len(targets):
            ax.scatter(when(targets["month"]), targets["base"] * scale, marker="x", color="crimson", zorder=3, label="agency target")
        ax.set_title(title)
        ax.legend(fontsize=8)
    ax = axes[1, 0]
    claims = result.history[result.history["indicator"] == "jht_withdrawals"]
    ax.fill_between(claims["year"], claims["value_chance_p5"] / 1e6, claims["value_chance_p95"] / 1e6, alpha=0.2, color="tab:purple", linewidth=0)
    ax.plot(claims["year"], claims["mean"] / 1e6, color="tab:purple", marker="o", label="simulated")
    seen = points[points["indicator"] == "jht_claims_cases"]
    ax.scatter(seen["date"].str[:4].astype(int), seen["base"] / 1e6, color="black", zorder=3, label="observed")
    ax.set_title("JHT claims a year (million cases)")
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    for name, colour in (("informal_share", "tab:brown"), ("unemployment_rate", "tab:gray")):
        bands = monthly_bands(runs, name)
        ax.plot(when(bands["month"]), bands["mean"], color=colour, label=f"{name.replace('_', ' ')} (simulated)")
        seen = points[points["indicator"] == name]
        ax.scatter(when(seen["month"]), seen["base"], color=colour, edgecolor="black", zorder=3, s=22, label="Sakernas, August")
    ax.set_title("Labour force (share)")
    ax.legend(fontsize=8)
    for ax in axes.flat:
        if ax is not axes[1, 0]:
            ax.axvline(when([FIT_END])[0], color="grey", linestyle=":", linewidth=1)
    fig.suptitle("Observed against simulated: band chance (5-95%), dashed the parameter sets' 5-95%; fitted to 2019 (dotted line)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def report(result: ValidationResult) -> tuple[str, str]:
    """The report in Markdown and as an HTML body."""
    d, o, points = result.describe, result.outlook, result.points
    shown = points[points["simulated"].notna()]
    fitted = shown[shown["use"] == "fitted"]
    lines = [
        "# Observed against simulated",
        "",
        f"*enrolsim {__version__} · {d['scenario']} · {d['runs']} runs ({d['sets']} parameter sets x {d['seeds']} seeds) · {d['agents']} worker agents a run*",
        "",
        f"Outlook: {outlook_sentence(o)}.",
        "",
        f"Fitted figures (2014-2019): median absolute relative error {fitted['relative_error'].abs().median():.1%} over {len(fitted)} points."
        " Nothing after 2019 was fitted: participant figures after 2019 are kept out of the project, and the labour figures are inputs or checks.",
        "",
        f"Ensemble: {d['ensemble']}. Command: `{d['command']}`",
        "",
        "Intervals: *chance* is the 5-95% spread of the seeds with the parameters held; *parameters* is the 5-95% spread of the parameter sets' means.",
        "",
        "## Every point of data/",
        "",
        _markdown(_points_view(points)),
        "",
        "## The history year by year (active participants, million)",
        "",
        _markdown(_history_view(result.history)),
        "",
        "![observed against simulated](validation.png)",
        "",
    ]
    md = "\n".join(lines)
    body = (
        f"<h1>Observed against simulated</h1><p><em>enrolsim {__version__} · {html.escape(d['scenario'])} · {d['runs']} runs</em></p>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in lines[4:12:2])
        + "<h2>Every point of data/</h2>"
        + _points_view(points).to_html(index=False, na_rep="")
        + "<h2>The history year by year (active participants, million)</h2>"
        + _history_view(result.history).to_html(index=False)
    )
    return md, body


def outlook_sentence(o: dict[str, float]) -> str:
    """Active participants in the outlook's month with both intervals, and how often the target is reached."""
    chance = f"{o['active_chance_p5'] / 1e6:.2f}-{o['active_chance_p95'] / 1e6:.2f}"
    parameters = f"{o['active_parameter_p5'] / 1e6:.2f}-{o['active_parameter_p95'] / 1e6:.2f}"
    return (
        f"{o['mean'] / 1e6:.2f} million active in {o['month']} (chance {chance}, parameters {parameters});"
        f" {o['target'] / 1e6:.0f} million reached in {100 * o['share_reaching']:.0f}% of runs"
    )


def _points_view(points: pd.DataFrame) -> pd.DataFrame:
    view = points[["date", "indicator", "segment", "unit", "use", "observed", "simulated"]].copy()
    for key, name in (("chance", "simulated_chance"), ("parameters", "simulated_parameter")):
        if f"{name}_p5" in points:
            view[key] = [f"{lo:.4g}-{hi:.4g}" if pd.notna(lo) else "" for lo, hi in zip(points[f"{name}_p5"], points[f"{name}_p95"], strict=True)]
    view["relative_error"] = points["relative_error"].map(lambda v: f"{v:+.1%}" if pd.notna(v) else "")
    view["simulated"] = points["simulated"].map(lambda v: f"{v:.4g}" if pd.notna(v) else "no counterpart or not simulated")
    return view


def _history_view(history: pd.DataFrame) -> pd.DataFrame:
    active = history[history["indicator"] == "active"]
    return pd.DataFrame(
        {
            "year": active["year"],
            "mean": (active["mean"] / 1e6).round(2),
            "chance": [f"{a / 1e6:.2f}-{b / 1e6:.2f}" for a, b in zip(active["value_chance_p5"], active["value_chance_p95"], strict=True)],
            "parameters": [f"{a / 1e6:.2f}-{b / 1e6:.2f}" for a, b in zip(active["value_parameter_p5"], active["value_parameter_p95"], strict=True)],
        }
    )


def _markdown(table: pd.DataFrame) -> str:
    head = "| " + " | ".join(table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    rows = ["| " + " | ".join("" if pd.isna(v) else str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join([head, rule, *rows])
