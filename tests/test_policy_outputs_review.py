"""A policy analyst's and a district official's review of ``enrolsim validate`` and ``enrolsim run --by-district``.

- The analyst reads ``report.md`` / ``report.html`` to decide how far to trust the outlook: the answers come
  first (how well the model did, what after 2019 cannot be checked, the outlook against the target, what it
  misses); figures are in their units without exponents; the HTML renders its emphasis instead of showing
  Markdown's marks; fitted points and those after the fitted years are told apart; a figure two files give
  alike is shown once; the misses are listed; the page prints on A4 without cutting; the figure says in one
  legend what every mark is, with each panel's unit, and no legend covers a line or a point.
- The district official gets their district's rows as a CSV for a spreadsheet (``--district NAME``, or ``all``),
  is told which names exist when a name is no district, and reads a coverage figure whose title says what it
  shows and when.

Small runs: a history of 15 months from June 2019 (fitted points in 2019, labour figures of August 2020 after
the fitted years) with a placeholder ensemble, and two months of the map at 3,000 agents.
"""

import itertools
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import BASELINE, CHROMIUM, CHROMIUM_ARGS, refused, run_cli
from enrolsim.analysis.figures import validation_figure
from enrolsim.analysis.validation_report import ValidationResult
from enrolsim.analysis.validation_tables import MISS, misses
from enrolsim.core.plotting import plt
from enrolsim.outputs import coverage_figure
from enrolsim.studies.validation import prepare_validation, run_validation

COVID = "events:\n  covid: [{start: '2019-09', end: '2019-12', recovery_from: '2019-11'}]\n"
SCENARIO = f"extends: {BASELINE}\nname: Short history\nstart: '2019-06'\nmonths: 15\n" + COVID
ENSEMBLE = "set,loss,weight,jht.withdrawal_probability,enrolment.base_logit\n0,0.01,0.5,0.25,-7.3\n1,0.02,0.3,0.3,-7.2\n2,0.03,0.2,0.2,-7.4\n"
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)  # A4's width less the report's 12 mm margins, in CSS pixels


@pytest.fixture(scope="module")
def validation(tmp_path_factory: pytest.TempPathFactory) -> tuple[ValidationResult, Path]:
    folder = tmp_path_factory.mktemp("validate")
    (folder / "short.yaml").write_text(SCENARIO, encoding="utf-8")
    (folder / "ensemble.csv").write_text(ENSEMBLE, encoding="utf-8")
    plan = prepare_validation(folder / "short.yaml", parameter_sets=folder / "ensemble.csv", sets=2, seeds=2, agents=1500, out=folder / "out")
    return run_validation(plan, executor="serial", progress=False), folder / "out"


def _section(md: str, heading: str) -> str:
    """The text of a ``## heading`` section of the Markdown report."""
    start = md.index(f"## {heading}\n")
    end = md.find("\n## ", start + 1)
    return md[start : end if end >= 0 else len(md)]


def _text_of(page: str) -> str:
    """An HTML page's visible text (its tags, style and embedded picture left out)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


# -- the analyst: report.md and report.html ------------------------------------------------------


def test_the_report_answers_first(validation):
    """How well the model did, what after 2019 cannot be checked, the outlook against the target and the misses
    come before any table, in words; the outlook gives the gap in millions and how many runs reached the target."""
    result, out = validation
    md = (out / "report.md").read_text(encoding="utf-8")
    summary = _section(md, "In short")
    assert md.index("## In short") < md.index("|")  # before the first table
    for lead in ("**How well the model did.**", "**After 2019.**", "**What it says about August 2020.**", "**What it misses.**"):
        assert lead in summary, lead
    gap = (70e6 - result.outlook["mean"]) / 1e6
    assert f"{gap:.1f} million short of the target of 70 million" in summary
    assert "of the 4 runs reached the target" in summary
    assert "no observed participant figure after 2019" in summary  # data/ holds none: the forecast is unchecked


def test_amounts_are_in_their_units_without_exponents(validation):
    """No ``1.044e+07`` or ``0.07068441614816967``: counts with thousands separators, shares as percentages."""
    result, out = validation
    for name in ("report.md", "report.html"):
        text = _text_of((out / name).read_text(encoding="utf-8"))
        assert not re.search(r"\d[eE][+-]?\d", text), name
        assert not re.search(r"\d\.\d{5,}", text), name
    md = (out / "report.md").read_text(encoding="utf-8")
    jakon = result.points[(result.points["segment"] == "Jakon") & (result.points["date"] == "2019-11-30")].iloc[0]
    assert f"| {jakon['observed']:,.0f} | {jakon['simulated']:,.0f} |" in md
    unemployment = result.points[(result.points["indicator"] == "unemployment_rate") & (result.points["date"] == "2019-08-31")].iloc[0]
    assert f"| % | fitted | {100 * unemployment['observed']:.1f} | {100 * unemployment['simulated']:.1f} |" in md


def test_the_html_renders_its_emphasis(validation):
    """The page shows *chance* as italics and the command as code, not Markdown's stars and backticks."""
    _, out = validation
    page = (out / "report.html").read_text(encoding="utf-8")
    text = _text_of(page)
    assert "*" not in text and "`" not in text
    assert "<strong>How well the model did.</strong>" in page and "<code>enrolsim validate" in page


def test_fitted_and_after_the_fitted_years_are_told_apart(validation):
    """Each row says how the point was used; a check after 2019 is marked out of sample, a target a goal."""
    _, out = validation
    md = (out / "report.md").read_text(encoding="utf-8")
    points = _section(md, "Every point of data/")
    assert re.search(r"^\| 2020-08-31 \| labour force \| million persons \| after 2019, not fitted \|", points, flags=re.M)
    assert re.search(r"^\| 2019-12-31 \| active participants \| million persons \| fitted \|", points, flags=re.M)
    assert re.search(r"^\| 2016-08-31 \| labour force \| million persons \| check, not fitted \|", points, flags=re.M)
    assert re.search(r"^\| 2026-12-31 \| target: active participants \| million persons \| agency target \|", points, flags=re.M)
    history = _section(md, "The history year by year (active participants in December, million persons)")
    assert re.search(r"^\| 2019 \| fitted \|", history, flags=re.M)
    reading = _section(md, "How to read the numbers")
    assert "*after 2019, not fitted*" in reading and "*agency target*, a goal, not an observation" in reading


def test_a_figure_two_files_give_alike_is_shown_once(validation):
    """December 2019's active participants are in both participant files: points.csv keeps both, the report one."""
    result, out = validation
    same = result.points[(result.points["date"] == "2019-12-31") & (result.points["indicator"] == "active_participants") & (result.points["segment"] == "all")]
    assert same["source"].nunique() == 2
    points = _section((out / "report.md").read_text(encoding="utf-8"), "Every point of data/")
    assert len(re.findall(r"^\| 2019-12-31 \| active participants \| million persons \|", points, flags=re.M)) == 1


def test_the_misses_are_the_observations_outside_both_ranges():
    """A miss lies outside the chance and parameter ranges and beyond MISS of the mean; targets and inputs are no misses."""
    rows = [
        # observed, simulated, chance, parameter ranges, use
        (100.0, 80.0, (78, 82), (79, 81), "fitted"),  # outside both, -20%: a miss
        (100.0, 80.0, (78, 102), (79, 81), "check"),  # inside the chance range: not
        (100.0, 95.0, (94, 96), (94, 96), "fitted"),  # outside both but within 10%: not
        (100.0, 60.0, (58, 62), (59, 61), "target"),  # a goal, not an observation: not
        (100.0, 150.0, (140, 160), (145, 155), "check"),  # outside both, +50%: the largest miss
        (100.0, np.nan, (np.nan, np.nan), (np.nan, np.nan), "check"),  # no counterpart: not
    ]
    points = pd.DataFrame(
        {
            "observed": [r[0] for r in rows],
            "simulated": [r[1] for r in rows],
            "simulated_chance_p5": [r[2][0] for r in rows],
            "simulated_chance_p95": [r[2][1] for r in rows],
            "simulated_parameter_p5": [r[3][0] for r in rows],
            "simulated_parameter_p95": [r[3][1] for r in rows],
            "use": [r[4] for r in rows],
        }
    )
    points["relative_error"] = points["simulated"] / points["observed"] - 1
    assert pytest.approx(0.10) == MISS
    assert misses(points).index.tolist() == [4, 0]


def test_the_report_lists_what_the_model_misses(validation):
    """Every miss of the run is a row of "What the model misses", and the figures without a counterpart are named."""
    result, out = validation
    section = _section((out / "report.md").read_text(encoding="utf-8"), "What the model misses")
    missed = misses(result.points)
    assert len(missed) > 0
    rows = re.findall(r"^\| \d{4}-\d\d-\d\d \|", section, flags=re.M)
    assert len(rows) == len(missed.drop_duplicates(["date", "indicator", "segment", "observed", "use"]))
    assert f"{missed.iloc[0]['relative_error']:+.1%} |" in section
    assert "**Not represented**" in section and "target: new participants (2019-01)" in section
    assert "all benefit claims paid in the year (2018-12)" not in section.split("**Not represented**")[1]  # checked since 2026-11-30


def test_the_report_prints_on_a4_without_cutting(validation):
    """Printed (or saved as PDF) on A4 with the report's margins, nothing is wider than the page, and no table row
    or the figure is split across pages."""
    from playwright import sync_api

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: ./dev test installs it"
    _, out = validation
    with sync_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, viewport={"width": A4_CONTENT_PX, "height": 1000}
        )
        try:
            page = browser.new_page()
            page.goto((out / "report.html").as_uri(), wait_until="load")
            page.emulate_media(media="print")
            widest = page.evaluate("Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            kept = page.evaluate("[...document.querySelectorAll('tr, figure')].map(e => getComputedStyle(e).breakInside)")
            pdf = page.pdf(prefer_css_page_size=True)
        finally:
            browser.close()
    assert widest <= A4_CONTENT_PX + 1 and scroll <= A4_CONTENT_PX
    assert set(kept) == {"avoid"}
    pages = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert pdf.startswith(b"%PDF") and len(pages) >= 2
    assert all(abs(float(w) - 595) < 1.5 and abs(float(h) - 842) < 1.5 for w, h in pages)  # A4: 595 x 842 points


def test_the_figure_says_what_every_mark_is(validation):
    """One legend names the mean, both ranges, observed, the targets, the end of the fitted years and every colour;
    each panel has its unit; the legend lies outside every panel, so it covers no line or point; the time axes'
    tick labels do not run into each other (a run of 15 months has month ticks)."""
    result, _ = validation
    fig = validation_figure(result.runs, result.points, result.history)
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        texts = " ".join(t.get_text() for legend in fig.legends for t in legend.get_texts())
        for word in ("observed", "chance range", "parameter range", "agency target", "fitted before, not fitted after", "mean", "PU", "Jakon", "unemployment"):
            assert word in texts, word
        boxes = [legend.get_window_extent() for legend in fig.legends] + [ax.get_legend().get_window_extent() for ax in fig.axes if ax.get_legend()]
        for ax in fig.axes:
            assert ax.get_ylabel(), ax.get_title()
            assert not any(box.overlaps(ax.get_window_extent()) for box in boxes), ax.get_title()
            labels = sorted((t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()), key=lambda b: b.x0)
            assert all(a.x1 < b.x0 for a, b in itertools.pairwise(labels)), (ax.get_title(), [t.get_text() for t in ax.get_xticklabels()])
    finally:
        plt.close(fig)


# -- the district official: by_district.csv and the coverage figure -------------------------------


@pytest.fixture(scope="module")
def two_districts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("districts") / "run"
    done = run_cli(
        ["run", "baseline", "--agents", "3000", "--months", "2", "--geography", "map", "--district", "kota bandung", "--district", "9403", "--out", out]
    )
    assert done.code == 0, done.err
    return out


def test_a_district_as_a_csv_for_a_spreadsheet(two_districts):
    """``--district`` takes a name in any case or a BPS code, implies --by-district, and writes those districts'
    rows, the Parquet table's columns and values, as by_district.csv."""
    table = pd.read_parquet(two_districts / "by_district.parquet")
    rows = pd.read_csv(two_districts / "by_district.csv")
    assert list(rows.columns) == list(table.columns)
    assert set(rows["district"]) == {"KOTA BANDUNG", "KABUPATEN JAYAPURA"} and len(rows) == 2 * 2
    expected = table[table["district_code"].isin([3273, 9403])].reset_index(drop=True)
    for column in table.columns:
        if pd.api.types.is_float_dtype(expected[column]):
            assert np.allclose(rows[column], expected[column], rtol=1e-11), column
        else:
            assert rows[column].astype(str).tolist() == expected[column].astype(str).tolist(), column


def test_every_district_as_a_csv(tmp_path):
    done = run_cli(["run", "baseline", "--agents", "3000", "--months", "2", "--district", "ALL", "--out", tmp_path / "all"])
    assert done.code == 0, done.err
    assert len(pd.read_csv(tmp_path / "all" / "by_district.csv")) == len(pd.read_parquet(tmp_path / "all" / "by_district.parquet")) == 136 * 2


def test_a_name_that_is_no_district_names_the_districts_it_may_mean(tmp_path):
    """``Bandung`` alone is two regencies and a city: refused before the run, naming them, nothing written."""
    out = tmp_path / "bandung"
    done = run_cli(["run", "baseline", "--agents", "3000", "--months", "2", "--geography", "map", "--district", "Bandung", "--out", out])
    refused(done, "--district", "KOTA BANDUNG", "KABUPATEN BANDUNG", "KABUPATEN BANDUNG BARAT", out=out)


def test_the_coverage_figure_says_what_it_shows_and_when(two_districts):
    """The title names coverage by province and district and the month; the legend says a dot is one district."""
    table = pd.read_parquet(two_districts / "by_district.parquet")
    fig = coverage_figure(table, "Baseline, seed 0")
    try:
        title = fig.axes[0].get_title()
        labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    finally:
        plt.close(fig)
    assert f"Coverage by province and district, {table['month'].iloc[-1]}" in title and "Baseline, seed 0" in title
    assert "one district (dot)" in labels and "province (bar)" in labels
