"""The files of ``enrolsim validate``: ``points.csv``, ``history.csv``, ``validation.png``, ``report.md`` and ``report.html``.

All are made in a staging folder and moved into ``OUT`` only when every one exists (as compare's). The
report is in English or Bahasa Indonesia (``ValidationResult.lang``) and is written for a reader who
forwards the outlook, not for a modeller: it answers first how well the model did and what it says about
the outlook's month against the target, then explains how to read the numbers, lists what the model
misses, and only then gives every point (its tables are the CSV files', rounded, in the figures' own
units, without exponents). This module puts the report together (:func:`document`); its sentences are
``analysis.validation_words``, its tables ``analysis.validation_views``, its Markdown and HTML
``analysis.validation_markup``, its words ``texts/validation.py`` and the figure
``analysis.figures.validation_figure``. The CSV files follow ``enrolsim compare``'s: headers in the
report's language, values as the model writes them (codes of ``data/``, numbers with a decimal point).
"""

import base64
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from enrolsim._version import __version__
from enrolsim.analysis.figures import validation_figure
from enrolsim.analysis.validation_markup import Block, Figure, html_body, html_page, markdown
from enrolsim.analysis.validation_tables import FIT_END, FITTED_YEARS, MISS, misses
from enrolsim.analysis.validation_views import history_view, points_view
from enrolsim.analysis.validation_words import after_fit_sentence, fit_sentence, miss_sentence, not_simulated, outlook_words
from enrolsim.core.files import staged_folder
from enrolsim.core.plotting import plt
from enrolsim.texts import count, month_name, number, share, text

FIGURE_FILE = "validation.png"
FILES = ("points.csv", "history.csv", FIGURE_FILE, "report.md", "report.html")


@dataclass
class ValidationResult:
    """What ``enrolsim validate`` found: the points, the history year by year, the outlook, and the runs.

    ``lang`` is the language of the report, the figure and the CSV headers (``en`` or ``id``).
    """

    points: pd.DataFrame
    history: pd.DataFrame
    outlook: dict[str, float]
    runs: pd.DataFrame
    describe: dict[str, str]  # what was run: scenario, ensemble (in the report's words), runs, sets, seeds, agents, command
    files: list[Path] = field(default_factory=list)
    lang: str = "en"


def write_validation(result: ValidationResult, out: Path) -> list[Path]:
    """Write every file of :data:`FILES` into ``out`` (all or nothing), in ``result.lang``."""
    lang = result.lang
    with staged_folder(out) as staging:
        csv_in(result.points, lang).to_csv(staging / "points.csv", index=False)
        csv_in(result.history, lang).to_csv(staging / "history.csv", index=False)
        fig = validation_figure(result.runs, result.points, result.history, lang)
        fig.savefig(staging / FIGURE_FILE, dpi=110)
        plt.close(fig)
        md, body = report(result)
        (staging / "report.md").write_text(md, encoding="utf-8")
        picture = base64.b64encode((staging / FIGURE_FILE).read_bytes()).decode("ascii")
        body = body.replace(f'src="{FIGURE_FILE}"', f'src="data:image/png;base64,{picture}"')  # the page travels alone: the figure inside it
        (staging / "report.html").write_text(html_page(body, text(lang, "val_title"), lang), encoding="utf-8")
    return [out / name for name in FILES]


def csv_in(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``points`` or ``history`` with the headers of ``lang`` (``val_csv_<column>``), as written to its CSV file; the values unchanged."""
    return table.rename(columns={c: text(lang, f"val_csv_{c}") for c in table.columns})


def report(result: ValidationResult) -> tuple[str, str]:
    """The report in Markdown and as an HTML body (the same blocks, see :func:`document`)."""
    blocks = document(result)
    return markdown(blocks), html_body(blocks)


def document(result: ValidationResult) -> list[Block]:
    """The report's blocks: the answers first, how to read them, the misses, then every point and how it was run."""
    lang, d, o, points = result.lang, result.describe, result.outlook, result.points
    t = partial(text, lang)
    runs = int(d["runs"])
    year = FIT_END[:4]
    missed = misses(points)
    meta = t(
        "val_meta",
        version=__version__,
        scenario=d["scenario"],
        runs=count(lang, "val_n_run", runs),
        sets=count(lang, "val_n_set", int(d["sets"])),
        seeds=count(lang, "val_n_seed", int(d["seeds"])),
        agents=number(int(d["agents"]), lang),
    )
    return [
        ("h1", t("val_title")),
        ("p", meta),
        ("h2", t("val_in_short")),
        ("p", t("val_lead_fit", text=fit_sentence(points, lang))),
        ("p", t("val_lead_after", year=year, text=after_fit_sentence(points, lang))),
        ("p", t("val_lead_outlook", month=month_name(str(o["month"]), lang), text=outlook_words(o, runs, lang))),
        ("p", t("val_lead_misses", text=miss_sentence(missed, lang))),
        ("h2", t("val_reading_heading")),
        ("ul", reading(lang)),
        ("h2", t("val_misses_heading")),
        ("p", t("val_misses_intro", miss=share(MISS, lang))),
        ("table", points_view(missed, lang, ("date", "figure", "unit", "used_as", "observed", "simulated", "vs"))),
        *([("p", t("val_not_represented", figures="; ".join(unmatched)))] if (unmatched := not_simulated(points, lang)) else []),
        ("h2", t("val_figure_heading")),
        ("figure", Figure(FIGURE_FILE, t("val_figure_alt"), t("val_figure_caption", year=year))),
        ("h2", t("val_history_heading")),
        ("table", history_view(result.history, lang)),
        ("h2", t("val_points_heading")),
        ("p", t("val_points_intro")),
        ("table", points_view(points, lang)),
        ("h2", t("val_run_heading")),
        ("p", t("val_ensemble", sets=count(lang, "val_n_drawn", int(d["sets"])), file=d["ensemble"])),
        ("p", t("val_command", command=d["command"])),
        ("p", t("val_files")),
    ]


def reading(lang: str) -> list[str]:
    """ "How to read the numbers": what observed and simulated, the two ranges and each use of a point mean."""
    return [
        text(lang, "val_reading_observed"),
        text(lang, "val_reading_chance"),
        text(lang, "val_reading_parameter", years=FITTED_YEARS),
        text(lang, "val_reading_neither"),
        text(lang, "val_reading_used_as", years=FITTED_YEARS, year=FIT_END[:4]),
        text(lang, "val_reading_vs"),
    ]
