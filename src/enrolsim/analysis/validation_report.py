"""The files of ``enrolsim validate``: ``points.csv``, ``history.csv``, ``validation.png``, ``report.md`` and ``report.html``.

All are made in a staging folder and moved into ``OUT`` only when every one exists (as compare's). The
report is in English and is written for a reader who forwards the outlook, not for a modeller: it
answers first how well the model did and what it says about the outlook's month against the target,
then explains how to read the numbers, lists what the model misses, and only then gives every point
(its tables are the CSV files', rounded, in the figures' own units, without exponents). The figure is
``analysis.figures.validation_figure``.
"""

import base64
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from enrolsim._version import __version__
from enrolsim.analysis.figures import validation_figure
from enrolsim.analysis.validation_tables import FIT_END, FITTED_YEARS, MISS, SCALES, misses
from enrolsim.core.files import staged_folder
from enrolsim.core.plotting import plt
from enrolsim.texts import month_name

FIGURE_FILE = "validation.png"
FILES = ("points.csv", "history.csv", FIGURE_FILE, "report.md", "report.html")
TITLE = "Observed against simulated: how well the model did, and its outlook"
#: Indicators of the labour market (Sakernas): after the fitted years the history follows them by design.
LABOUR = ("labour_force", "unemployment_rate", "informal_share")

#: An indicator of ``data/`` in words (the CSV keeps the code); an indicator not here is shown as its code in words.
INDICATOR_WORDS = {
    "active_participants": "active participants",
    "active_participants_target": "target: active participants",
    "new_participants_target": "target: new participants",
    "registered_participants": "registered accounts",
    "new_participants": "new participants in the year, as reported (probably net: see data/)",
    "new_participants_gross": "new participants in the year",
    "new_participants_in_year": "new participants in the year",
    "exits_gross": "participants leaving in the year",
    "leaving_participants_in_year": "participants leaving in the year",
    "exits_ytd": "participants leaving, year to date",
    "jht_claims_cases": "JHT (old-age savings) claims in the year",
    "jht_claims_cases_ytd": "JHT claims, year to date",
    "jht_claims_value": "JHT claims paid in the year",
    "total_claims_value": "all benefit claims paid in the year",
    "perisai_agents": "Perisai agents",
    "perisai_recruits_cumulative": "persons recruited by Perisai agents so far",
    "perisai_contributions_cumulative": "contributions collected by Perisai agents so far",
    "registrations_per_year_end_active": "registrations a year per active participant",
    "firms_partially_compliant_share": "firms registering only part of their workers",
    "bpu_irregular_share": "self-paying members who pay irregularly",
    "informal_share": "informal workers' share of the employed",
    "unemployment_rate": "open unemployment rate",
    "labour_force": "labour force",
}


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
        fig = validation_figure(result.runs, result.points, result.history)
        fig.savefig(staging / FIGURE_FILE, dpi=110)
        plt.close(fig)
        md, body = report(result)
        (staging / "report.md").write_text(md, encoding="utf-8")
        picture = base64.b64encode((staging / FIGURE_FILE).read_bytes()).decode("ascii")
        body = body.replace(f'src="{FIGURE_FILE}"', f'src="data:image/png;base64,{picture}"')  # the page travels alone: the figure inside it
        page = f"<!doctype html><html lang=en><meta charset=utf-8><title>{html.escape(TITLE)}</title><style>{STYLE}</style><body>{body}</body></html>\n"
        (staging / "report.html").write_text(page, encoding="utf-8")
    return [out / name for name in FILES]


#: The page on screen and printed on A4: the tables wrap inside the page's width (nothing is cut at its
#: right edge), their headings repeat on each page, and no row or the figure is split across two pages.
STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}"
    "table{border-collapse:collapse;font-size:85%;margin:0.5em 0 1em}td,th{border:1px solid #ccc;padding:2px 5px;vertical-align:top;overflow-wrap:break-word}"
    "th{background:#f0f2f5;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}td.date{white-space:nowrap}"
    "code{overflow-wrap:anywhere}figure{margin:1em 0}img{max-width:100%;height:auto}figcaption{color:#555;font-size:90%}"
    "@page{size:A4;margin:12mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}table{font-size:7pt}td,th{padding:1px 3px}"
    "thead{display:table-header-group}tr,figure{break-inside:avoid}h2{break-after:avoid}figure img{max-height:240mm}}"
)


def report(result: ValidationResult) -> tuple[str, str]:
    """The report in Markdown and as an HTML body (the same blocks, see :func:`document`)."""
    blocks = document(result)
    return _markdown_of(blocks), _html_of(blocks)


#: A block of the report: ("h1" | "h2" | "p", text), ("ul", [items]), ("table", frame) or ("figure", caption).
#: Text marks **bold** and `code` as Markdown does; the HTML renders them.
Block = tuple[str, object]


def document(result: ValidationResult) -> list[Block]:
    """The report's blocks: the answers first, how to read them, the misses, then every point and how it was run."""
    d, o, points = result.describe, result.outlook, result.points
    runs = int(d["runs"])
    missed = misses(points)
    return [
        ("h1", TITLE),
        ("p", f"*enrolsim {__version__} · {d['scenario']} · {runs} runs ({d['sets']} parameter sets x {d['seeds']} seeds)"
              f" · {d['agents']} worker agents a run*"),
        ("h2", "In short"),
        ("p", f"**How well the model did.** {fit_sentence(points)}"),
        ("p", f"**After {FIT_END[:4]}.** {after_fit_sentence(points)}"),
        ("p", f"**What it says about {month_name(str(o['month']), 'en')}.** {outlook_words(o, runs)}"),
        ("p", f"**What it misses.** {miss_sentence(missed)}"),
        ("h2", "How to read the numbers"),
        ("ul", READING),
        ("h2", "What the model misses"),
        ("p", MISSES_INTRO.format(miss=f"{MISS:.0%}")),
        ("table", _points_view(missed, ("date", "figure", "unit", "used as", "observed", "simulated", "simulated vs observed"))),
        ("p", "**Not represented**: the model has no counterpart of " + (", ".join(_not_simulated(points)) or "no figure") + "."),
        ("h2", "Figure"),
        ("figure", FIGURE_CAPTION),
        ("h2", "The history year by year (active participants in December, million persons)"),
        ("table", _history_view(result.history)),
        ("h2", "Every point of data/"),
        ("p", "One row a figure of `data/`, oldest first. A figure that two files of `data/` give alike is shown once"
              " (`points.csv` keeps both rows, each with its source file)."),
        ("table", _points_view(points)),
        ("h2", "How this was run"),
        ("p", f"Ensemble: {d['ensemble']}."),
        ("p", f"Command: `{d['command']}`"),
        ("p", "The tables are in `points.csv` (every point, unrounded, with its source and how the model is read against it) and `history.csv` (year by year,"
              " every indicator); docs/validation.md, \"The history 2014-2026\", explains them."),
    ]  # fmt: skip


READING = [
    "**Observed** is a published figure (BPJS Ketenagakerjaan, BPS's Sakernas labour survey, the agency's targets), in the unit of its row."
    " **Simulated** is the model's figure for the same date and unit: the mean over all runs.",
    "**Chance range**: where 90% of the runs fall when only the random draws change (5% of runs below it, 5% above), with the parameters held."
    " It is the spread a single run's luck gives.",
    "**Parameter range**: where 90% of the calibrated parameter sets' averages fall. The sets are different settings of the model's unknowns that"
    f" fitted {FITTED_YEARS} about equally well; the range is how much not knowing those settings moves the result.",
    "Neither range includes what the model leaves out or errors in the published figures: the real uncertainty is wider than both.",
    f"**Used as**: *fitted*, the model's unknowns were chosen to reproduce it ({FITTED_YEARS}); *check, not fitted*, a figure of those years"
    f" left out of the fit; *after {FIT_END[:4]}, not fitted*, a later figure (out of sample: the model never saw it); *input*, a figure the model"
    " is given and follows; *agency target*, a goal, not an observation (its difference is the gap to the goal, not an error).",
    "**Simulated vs observed**: the simulated mean over the observed figure, less one: -10% is 10% below the observed figure (or the target).",
]
MISSES_INTRO = (
    "The observations the model does not reproduce: the observed figure lies outside both simulated ranges and more than {miss} from the"
    " simulated mean, largest difference first. These are misses of the model's rules or inputs, not of chance; docs/validation.md,"
    ' "What still misses, and why", explains the known ones.'
)
FIGURE_CAPTION = (
    "Lines are the simulated means, shaded bands the chance ranges, dashed lines the parameter ranges; dots are observed figures,"
    f" crosses the agency's targets. Left of the dotted line ({FIT_END[:4]}) the model was fitted; right of it nothing was fitted."
)


def fit_sentence(points: pd.DataFrame) -> str:
    """The fitted years in words: the typical error and how many points were within :data:`MISS`, fitted and checked apart."""
    shown = points[points["simulated"].notna()]
    fitted = shown[shown["use"] == "fitted"]
    checks = shown[(shown["use"] == "check") & (shown["month"] <= FIT_END)]
    text = (
        f"Over {FITTED_YEARS}, the years it was fitted to, the typical (median) difference between the model's mean and the observed figure"
        f" is {fitted['relative_error'].abs().median():.1%} over the {len(fitted)} fitted points;"
        f" {int((fitted['relative_error'].abs() <= MISS).sum())} of them are within {MISS:.0%}."
    )
    if len(checks):
        text += (
            f" Over the {_count(len(checks), 'other figure')} of those years that were not fitted it is {checks['relative_error'].abs().median():.1%}"
            f" ({int((checks['relative_error'].abs() <= MISS).sum())} within {MISS:.0%})."
        )
    return text


def after_fit_sentence(points: pd.DataFrame) -> str:
    """What after the fitted years is checked against observations, and what is not: the limit of the outlook's evidence."""
    later = points[(points["month"] > FIT_END) & points["use"].isin(("check", "input")) & points["simulated"].notna()]
    participants = later[~later["indicator"].isin(LABOUR)]
    labour = later[later["indicator"].isin(LABOUR)]
    if len(participants):
        text = (
            f"{_count(len(participants), 'participant figure')} after {FIT_END[:4]}, never fitted, compared: median difference"
            f" {participants['relative_error'].abs().median():.1%}."
        )
    else:
        text = (
            f"Nothing after {FIT_END[:4]} was fitted, and `data/` holds no observed participant figure after {FIT_END[:4]}: the participant path"
            f" from {int(FIT_END[:4]) + 1} on is a forecast from the {FIT_END[:4]} state and the dated events, which this report cannot check"
            " against observations."
        )
    if len(labour):
        text += (
            f" The {_count(len(labour), 'labour-market figure')} after {FIT_END[:4]} (labour force, unemployment, informal share) agree within"
            f" {labour['relative_error'].abs().max():.1%}, but the history follows Sakernas's labour figures by design (docs/validation.md),"
            " so their agreement is no evidence for the participant forecast."
        )
    return text


def outlook_words(o: dict[str, float], runs: int) -> str:
    """The outlook for a reader: the mean, both ranges, the gap to the target and how many runs reached it."""
    gap = (o["mean"] - o["target"]) / 1e6
    reached = round(o["share_reaching"] * runs)
    side = f"{-gap:.1f} million short of" if gap < 0 else f"{gap:.1f} million above"
    return (
        f"{o['mean'] / 1e6:.1f} million active participants (chance range {o['active_chance_p5'] / 1e6:.1f}-{o['active_chance_p95'] / 1e6:.1f} million,"
        f" parameter range {o['active_parameter_p5'] / 1e6:.1f}-{o['active_parameter_p95'] / 1e6:.1f} million), {side} the target of"
        f" {o['target'] / 1e6:,.0f} million; {'none' if reached == 0 else reached} of the {runs} runs reached the target."
    )


def outlook_sentence(o: dict[str, float]) -> str:
    """Active participants in the outlook's month with both intervals, and how often the target is reached (the command's line)."""
    chance = f"{o['active_chance_p5'] / 1e6:.2f}-{o['active_chance_p95'] / 1e6:.2f}"
    parameters = f"{o['active_parameter_p5'] / 1e6:.2f}-{o['active_parameter_p95'] / 1e6:.2f}"
    return (
        f"{o['mean'] / 1e6:.2f} million active in {o['month']} (chance {chance}, parameters {parameters});"
        f" {o['target'] / 1e6:.0f} million reached in {100 * o['share_reaching']:.0f}% of runs"
    )


def miss_sentence(missed: pd.DataFrame) -> str:
    """How many observations the model misses, and the largest (see :func:`enrolsim.analysis.validation_tables.misses`)."""
    if missed.empty:
        return f"Every observation is within the simulated ranges or within {MISS:.0%} of the simulated mean."
    top = missed.iloc[0]
    return (
        f"{_count(len(missed), 'observation')} {'lies' if len(missed) == 1 else 'lie'} outside both simulated ranges"
        f" and more than {MISS:.0%} from the simulated mean; the largest is"
        f" {_figure_words(top)} in {month_name(top['month'], 'en')} ({top['relative_error']:+.0%}). They are listed below."
    )


def _count(n: int, noun: str) -> str:
    """``1 observation``, ``2 observations``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


#: The participants' segments as the agency writes them (``data/`` writes some in lower case).
SEGMENT_WORDS = {"pu": "PU", "bpu": "BPU", "jakon": "Jakon", "pmi": "PMI"}


def _figure_words(row: pd.Series) -> str:
    """An indicator and its segment in words: ``active participants, BPU``."""
    words = INDICATOR_WORDS.get(row["indicator"], str(row["indicator"]).replace("_", " "))
    segment = str(row["segment"])
    return words if segment.lower() == "all" else f"{words}, {SEGMENT_WORDS.get(segment.lower(), segment)}"


def _not_simulated(points: pd.DataFrame) -> list[str]:
    """The figures the model has no counterpart of (a gap in what it represents, as a reader should know)."""
    rows = points[points["model"].fillna("").eq("")]
    return sorted({f"{_figure_words(row)} ({str(row['date'])[:7]})" for _, row in rows.iterrows()})


def _simulated(value: float, unit: str, model: str) -> str:
    """The simulated figure in its row's unit, or why there is none: a date outside the run, or no model indicator (``model`` empty)."""
    if pd.notna(value):
        return _amount(value, unit)
    return "outside the run" if model else "no counterpart in the model"


def _unit(unit: str) -> str:
    """A unit as the table shows it: shares as percentages."""
    return "%" + unit[len("share") :] if unit.lower().startswith("share") else unit


def _amount(value: float, unit: str) -> str:
    """A figure as a reader writes it, in its row's unit: shares as percentages, counts with thousands separators, never an exponent."""
    if pd.isna(value):
        return ""
    first = unit.lower().split(" ")[0]
    if first == "share":
        return f"{100 * value:.1f}"
    if first in SCALES or first == "ratio":
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def _points_view(points: pd.DataFrame, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The points as the report shows them: figures in words, amounts rounded, how each was used; exact repeats once."""
    view = pd.DataFrame(
        {
            "date": points["date"].astype(str),
            "figure": [_figure_words(row) for _, row in points.iterrows()],
            "unit": points["unit"].map(lambda u: _unit(str(u))),
            "used as": [_used_as(use, month) for use, month in zip(points["use"], points["month"], strict=True)],
            "observed": [_amount(v, str(u)) for v, u in zip(points["observed"], points["unit"], strict=True)],
            "simulated": [_simulated(v, str(u), str(m)) for v, u, m in zip(points["simulated"], points["unit"], points["model"].fillna(""), strict=True)],
        }
    )
    for key, name in (("chance range", "simulated_chance"), ("parameter range", "simulated_parameter")):
        view[key] = [
            f"{_amount(lo, str(u))}-{_amount(hi, str(u))}" if pd.notna(lo) else ""
            for lo, hi, u in zip(
                points.get(f"{name}_p5", pd.Series(float("nan"), points.index)),
                points.get(f"{name}_p95", pd.Series(float("nan"), points.index)),
                points["unit"],
                strict=True,
            )
        ]
    view["simulated vs observed"] = points["relative_error"].map(lambda v: f"{v:+.1%}" if pd.notna(v) else "").to_numpy()
    view = view.drop_duplicates(ignore_index=True)
    return view if columns is None else view[list(columns)]


def _used_as(use: str, month: str) -> str:
    """The ``use`` of a point in the words of :data:`READING`: a check after the fitted years is out of sample."""
    if use == "check":
        return "check, not fitted" if month <= FIT_END else f"after {FIT_END[:4]}, not fitted"
    return {"target": "agency target"}.get(use, use)


def _history_view(history: pd.DataFrame) -> pd.DataFrame:
    active = history[history["indicator"] == "active"]
    return pd.DataFrame(
        {
            "year": active["year"],
            "period": ["fitted" if str(year) <= FIT_END[:4] else "forecast, not fitted" for year in active["year"]],
            "mean": [f"{v / 1e6:.2f}" for v in active["mean"]],
            "chance range": [f"{a / 1e6:.2f}-{b / 1e6:.2f}" for a, b in zip(active["value_chance_p5"], active["value_chance_p95"], strict=True)],
            "parameter range": [f"{a / 1e6:.2f}-{b / 1e6:.2f}" for a, b in zip(active["value_parameter_p5"], active["value_parameter_p95"], strict=True)],
        }
    )


#: The report tables' columns of figures, right-aligned in the HTML (:func:`_cell_class`).
NUMERIC = ("observed", "simulated", "chance range", "parameter range", "simulated vs observed", "mean")


def _markdown_of(blocks: list[Block]) -> str:
    lines: list[str] = []
    for kind, content in blocks:
        if kind == "table":
            table = content  # type: ignore[assignment]
            lines += ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]  # type: ignore[attr-defined]
            lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]  # type: ignore[attr-defined]
        elif kind == "ul":
            lines += [f"- {item}" for item in content]  # type: ignore[attr-defined]
        elif kind == "figure":
            lines += [f"![observed against simulated]({FIGURE_FILE})", "", str(content)]
        else:
            lines.append({"h1": "# ", "h2": "## "}.get(kind, "") + str(content))
        lines.append("")
    return "\n".join(lines)


def _html_of(blocks: list[Block]) -> str:
    parts = []
    for kind, content in blocks:
        if kind == "table":
            table: pd.DataFrame = content  # type: ignore[assignment]
            head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
            rows = "".join(
                "<tr>" + "".join(f"<td{_cell_class(c)}>{html.escape(str(v))}</td>" for c, v in zip(table.columns, row, strict=True)) + "</tr>"
                for row in table.itertuples(index=False)
            )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in content) + "</ul>")  # type: ignore[attr-defined]
        elif kind == "figure":
            parts.append(f'<figure><img alt="observed against simulated" src="{FIGURE_FILE}"><figcaption>{_inline(str(content))}</figcaption></figure>')
        else:
            parts.append(f"<{kind}>{_inline(str(content))}</{kind}>")
    return "".join(parts)


def _cell_class(column: str) -> str:
    """Numbers right-aligned; a date kept on one line (a printed table wraps its words, never a date)."""
    return " class=num" if column in NUMERIC else " class=date" if column in ("date", "year") else ""


def _inline(text: str) -> str:
    """Markdown's **bold**, *italics* and `code` as HTML (the text escaped first)."""
    text = html.escape(text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)
