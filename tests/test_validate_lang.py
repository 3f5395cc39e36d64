"""``enrolsim validate --lang en|id``: the report, the figure and the CSV headers in Bahasa Indonesia, English unchanged.

- The catalogue: every key of the validation's words is in both languages, none meets a key of the comparison
  or the app, and every code of ``data/`` the report names has Indonesian words.
- An Indonesian report (``report.md``, ``report.html``) has the Indonesian headings, table headers and number
  format, no English sentence left, and no word fetched from the English catalogue (which is replaced by markers
  while the report is written again); English and Indonesian reports of the same runs have the same blocks.
- The CSV files get Indonesian headers and keep their values (compare's convention).
- The figure's titles, axis labels, legend and months are Indonesian (read off the matplotlib figure).
- English: the report of the same runs keeps its words, and the command line is the one it was.
- A bad ``--lang`` is refused in one line naming the option and the languages, and nothing is written.

One small history (15 months from June 2019, a placeholder ensemble of three sets, 2 x 2 runs of 1,500 agents)
run once for the module, in Indonesian.
"""

import dataclasses
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import BASELINE, DATA, refused, run_cli
from enrolsim.analysis.figures import date_axis, validation_figure
from enrolsim.analysis.validation_report import ValidationResult, csv_in, document, report
from enrolsim.analysis.validation_tables import observed_points
from enrolsim.core.errors import InputError
from enrolsim.core.plotting import plt
from enrolsim.studies.validation import fitted_targets, prepare_validation, run_validation
from enrolsim.texts import APP, REPORT, TEXT
from enrolsim.texts.data_words import CSV_HEADERS_ID
from enrolsim.texts.validation import VALIDATION

COVID = "events:\n  covid: [{start: '2019-09', end: '2019-12', recovery_from: '2019-11'}]\n"
SCENARIO = f"extends: {BASELINE}\nname: Short history\nstart: '2019-06'\nmonths: 15\n" + COVID
ENSEMBLE = "set,loss,weight,jht.withdrawal_probability,enrolment.base_logit\n0,0.01,0.5,0.25,-7.3\n1,0.02,0.3,0.3,-7.2\n2,0.03,0.2,0.2,-7.4\n"
#: Indonesian entries that are the English ones on purpose: the agency's abbreviations, "%", "seed" (as compare says it).
SAME_IN_BOTH = {"val_n_seed_one", "val_segment_pu", "val_segment_bpu", "val_segment_jakon", "val_segment_pmi", "val_unit_share"}
#: Words an Indonesian sentence never holds: any of them in the Indonesian report is English left behind.
ENGLISH_WORDS = ("the", "of", "and", "is", "are", "with", "from", "to", "not", "fitted", "observed", "simulated", "range", "million", "runs", "figure")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "short.yaml").write_text(SCENARIO, encoding="utf-8")
    (folder / "ensemble.csv").write_text(ENSEMBLE, encoding="utf-8")
    return folder / "short.yaml", folder / "ensemble.csv"


@pytest.fixture(scope="module")
def indonesian(inputs, tmp_path_factory: pytest.TempPathFactory) -> tuple[ValidationResult, Path]:
    scenario, ensemble = inputs
    out = tmp_path_factory.mktemp("validate") / "out"
    plan = prepare_validation(scenario, parameter_sets=ensemble, sets=2, seeds=2, agents=1500, out=out, lang="id")
    return run_validation(plan, executor="serial", progress=False), out


def _visible(page: str) -> str:
    """An HTML page's visible text (its tags, style and embedded picture left out)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def _id_number(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


# -- the catalogue -------------------------------------------------------------------------------


def test_every_key_is_in_both_languages_and_translated():
    assert set(VALIDATION["en"]) == set(VALIDATION["id"])
    same = {key for key, words in VALIDATION["en"].items() if VALIDATION["id"][key] == words}
    assert same == SAME_IN_BOTH
    for key, words in VALIDATION["en"].items():  # the same blanks to fill
        assert set(re.findall(r"{(\w+)}", words)) == set(re.findall(r"{(\w+)}", VALIDATION["id"][key])), key


def test_no_key_meets_another_part_of_the_catalogue():
    for lang in ("en", "id"):
        assert not set(VALIDATION[lang]) & (set(REPORT[lang]) | set(APP[lang]))
        assert all(TEXT[lang][key] == words for key, words in VALIDATION[lang].items())


def test_every_code_of_data_has_indonesian_words():
    """A code without words is shown as written (English): every indicator, segment and unit of ``data/`` has them."""
    points = observed_points(DATA, fitted_targets())
    for kind, codes in (
        ("indicator", set(points["indicator"])),
        ("segment", {str(s).lower() for s in points["segment"]} - {"all"}),
        ("unit", {str(u) for u in points["unit"]}),
        ("csv", set(points.columns) | {"year", "mean", "value_chance_p5", "value_chance_p95", "value_parameter_p5", "value_parameter_p95"}),
    ):
        missing = {code for code in codes if f"val_{kind}_{code}" not in VALIDATION["id"]}
        assert not missing, (kind, missing)


# -- the Indonesian report -----------------------------------------------------------------------


def test_the_report_is_in_indonesian(indonesian):
    _, out = indonesian
    md = (out / "report.md").read_text(encoding="utf-8")
    for heading in (
        "# Observasi dibanding simulasi: seberapa tepat model, dan proyeksinya",
        "## Ringkasnya",
        "## Cara membaca angka",
        "## Di mana model meleset",
        "## Grafik",
        "## Riwayat per tahun (peserta aktif pada Desember, juta orang)",
        "## Setiap angka dalam data/",
        "## Cara simulasi ini dijalankan",
    ):
        assert f"\n{heading}\n" in f"\n{md}", heading
    for lead in ("**Seberapa tepat model.**", "**Setelah 2019.**", "**Apa kata model tentang Agustus 2020.**", "**Di mana model meleset.**"):
        assert lead in md, lead
    assert "| tanggal | indikator | satuan | penggunaan | observasi | simulasi | rentang peluang | rentang parameter | simulasi vs observasi |" in md
    assert "| tahun | periode | rerata | rentang peluang | rentang parameter |" in md
    assert re.search(r"^\| 2019-12-31 \| peserta aktif \| juta orang \| dikalibrasi \|", md, flags=re.M)
    assert re.search(r"^\| 2020-08-31 \| angkatan kerja \| juta orang \| setelah 2019, tidak dikalibrasi \|", md, flags=re.M)
    assert re.search(r"^\| 2026-12-31 \| target: peserta aktif \| juta orang \| target BPJS \|", md, flags=re.M)
    assert re.search(r"^\| 2019 \| dikalibrasi \| \d+,\d\d \| \d+,\d\d-\d+,\d\d \|", md, flags=re.M)  # December 2019: the run's only December
    assert "4 simulasi (2 set parameter x 2 seed) · 1.500 agen pekerja per simulasi" in md
    assert md.rstrip().endswith("dan angka dengan titik desimal.")
    assert "--lang id" in md  # the command reproduces the Indonesian report
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html><html lang=id>") and "<title>Observasi dibanding simulasi" in page
    assert "<strong>Seberapa tepat model.</strong>" in page and 'alt="observasi dibanding simulasi"' in page


def test_numbers_are_written_the_indonesian_way(indonesian):
    """Thousands with a dot, decimals with a comma: counts, millions, shares and the outlook's gap."""
    result, out = indonesian
    md = (out / "report.md").read_text(encoding="utf-8")
    points = result.points
    jakon = points[(points["segment"] == "Jakon") & (points["date"] == "2019-11-30")].iloc[0]
    assert jakon["observed"] > 1e6 and f"| {_id_number(jakon['observed'])} | {_id_number(jakon['simulated'])} |" in md
    unemployment = points[(points["indicator"] == "unemployment_rate") & (points["date"] == "2019-08-31")].iloc[0]
    assert f"| % | dikalibrasi | {_id_number(100 * unemployment['observed'], 1)} | {_id_number(100 * unemployment['simulated'], 1)} |" in md
    total = points[(points["indicator"] == "active_participants") & (points["segment"] == "all") & (points["date"] == "2019-12-31")].iloc[0]
    assert f"| {_id_number(total['observed'], 2)} | {_id_number(total['simulated'], 2)} |" in md
    assert f"| {total['relative_error'] * 100:+.1f}% |".replace(".", ",") in md
    gap = (70e6 - result.outlook["mean"]) / 1e6
    assert f"{_id_number(gap, 1)} juta di bawah target 70 juta" in md
    for name in ("report.md", "report.html"):
        text = _visible((out / name).read_text(encoding="utf-8"))
        assert not re.search(r"\b\d{1,3}(,\d{3})+\b(?![,\d])", text), name  # no English thousands separator
        assert not re.search(r"\b\d+\.\d{1,2}%", text), name  # no English decimal point in a percentage


def test_no_english_is_left(indonesian):
    """Nothing of the report is English but what is quoted as written: the scenario's name, file names, the command and
    docs/validation.md's section titles. A key missing in Indonesian would fall back to English: written again with the
    English catalogue replaced by markers, the report holds none."""
    result, out = indonesian
    for name in ("report.md", "report.html"):
        text = _visible(re.sub(r"`[^`]*`|<code>.*?</code>", " ", (out / name).read_text(encoding="utf-8")))  # code: the command, file names
        text = re.sub(r"\S*/\S*", " ", text)  # paths: the ensemble's, data/, docs/validation.md
        for quoted in ("Short history", "short.yaml", "What still misses, and why", "The history 2014-2026"):
            text = text.replace(quoted, " ")
        left = sorted({w for w in ENGLISH_WORDS if re.search(rf"\b{w}\b", text, flags=re.I)})
        assert not left, (name, left)
    markers = {key: f"@@{key}@@" for key in TEXT["en"]}
    original = dict(TEXT["en"])
    try:
        TEXT["en"].update(markers)
        md, body = report(result)
    finally:
        TEXT["en"].clear()
        TEXT["en"].update(original)
    assert "@@" not in md + body, re.findall(r"@@\w+@@", md + body)[:5]


def test_english_and_indonesian_reports_have_the_same_blocks(indonesian):
    result, _ = indonesian
    english, local = document(dataclasses.replace(result, lang="en")), document(result)
    assert [kind for kind, _ in english] == [kind for kind, _ in local]
    for (kind, a), (_, b) in zip(english, local, strict=True):
        if kind == "table":
            assert len(a.headers) == len(b.headers) and len(a.rows) == len(b.rows) and a.kinds == b.kinds
            assert [row[0] for row in a.rows] == [row[0] for row in b.rows]  # the same dates and years, in the same order
        elif kind == "ul":
            assert len(a) == len(b)


# -- the CSV files ---------------------------------------------------------------------------------


def test_the_csv_files_have_indonesian_headers_and_the_same_values(indonesian):
    result, out = indonesian
    for name, table in (("points.csv", result.points), ("history.csv", result.history)):
        written = pd.read_csv(out / name)
        assert list(written.columns) == [CSV_HEADERS_ID[c] for c in table.columns], name
        for english, local in zip(table.columns, written.columns, strict=True):
            if pd.api.types.is_float_dtype(table[english]):
                assert np.allclose(written[local], table[english], equal_nan=True, rtol=1e-12), (name, english)
            else:
                assert written[local].fillna("").astype(str).tolist() == table[english].fillna("").astype(str).tolist(), (name, english)
    assert {"dikalibrasi", "target BPJS"}.isdisjoint(pd.read_csv(out / "points.csv")["penggunaan"])  # values stay codes
    assert list(csv_in(result.points, "en").columns) == list(result.points.columns)


# -- the figure ------------------------------------------------------------------------------------


def _labels(fig) -> list[str]:
    fig.canvas.draw()
    found = [fig._suptitle.get_text()] + [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    for ax in fig.axes:
        found += [ax.get_title(), ax.get_ylabel(), ax.get_xlabel(), *ax.get_legend_handles_labels()[1]]  # the lines' labels too
        found += [t.get_text() for t in itertools.chain(ax.get_xticklabels(), ax.get_yticklabels())]
    return [label for label in found if label]


def test_the_figure_is_labelled_in_indonesian(indonesian):
    result, _ = indonesian
    fig = validation_figure(result.runs, result.points, result.history, "id")
    try:
        labels = _labels(fig)
        yticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
        figure_box = fig.bbox
        legend_boxes = [legend.get_window_extent() for legend in fig.legends]
    finally:
        plt.close(fig)
    for key in [k for k in VALIDATION["id"] if k.startswith("val_fig_")]:
        expected = VALIDATION["id"][key].format(years="2014-2019", year="2019")
        assert expected in labels, key
        if key != "val_fig_title":
            assert VALIDATION["en"][key].format(years="2014-2019", year="2019") not in labels, key
    assert any("," in t for t in yticks) and not any(re.search(r"\d\.\d", t) for t in yticks)  # 0,5 rather than 0.5
    assert all(figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1 for box in legend_boxes)  # the longer legend still fits


def test_the_months_of_a_time_axis_are_indonesian():
    """A time axis over fifteen months has month ticks; matplotlib writes them in English, the Indonesian axis does not."""
    months = pd.period_range("2019-06", "2020-08", freq="M").to_timestamp()
    ticks = {}
    for lang in ("en", "id"):
        fig, ax = plt.subplots(figsize=(9, 3))
        try:
            ax.plot(months, range(len(months)))
            date_axis(ax, lang)
            fig.canvas.draw()
            ticks[lang] = [t.get_text() for t in ax.get_xticklabels()]
        finally:
            plt.close(fig)
    assert {"Aug", "Oct", "Dec"} & set(ticks["en"]), ticks["en"]  # the test's axis has the months that differ
    names = {"May": "Mei", "Aug": "Agu", "Oct": "Okt", "Dec": "Des"}  # the months Indonesian abbreviates otherwise
    assert ticks["id"] == [names.get(t, t) for t in ticks["en"]]


# -- English, and a bad --lang ---------------------------------------------------------------------


def test_english_keeps_its_words(indonesian):
    """The same runs reported in English: the words of before, English CSV headers, the command as it was."""
    result, _ = indonesian
    english = dataclasses.replace(result, lang="en", describe={**result.describe, "command": "enrolsim validate short.yaml"})
    md, body = report(english)
    for words in (
        "# Observed against simulated: how well the model did, and its outlook",
        "## In short",
        "**How well the model did.** Over 2014-2019, the years it was fitted to, the typical (median) difference",
        "**What it says about August 2020.**",
        "| date | figure | unit | used as | observed | simulated | chance range | parameter range | simulated vs observed |",
        "| year | period | mean | chance range | parameter range |",
        "*after 2019, not fitted*, a later figure (out of sample: the model never saw it)",
        "4 runs (2 parameter sets x 2 seeds) · 1,500 worker agents a run",
        "Ensemble: 2 sets drawn by weight from",
    ):
        assert words in md, words
    gap = (70e6 - result.outlook["mean"]) / 1e6
    assert f"{gap:.1f} million short of the target of 70 million; none of the 4 runs reached the target." in md
    assert "<strong>How well the model did.</strong>" in body
    assert not re.search(r"\b(dan|yang|peserta|juta|dikalibrasi)\b", md)


def test_the_command_names_the_language_only_when_it_is_not_english(inputs):
    scenario, ensemble = inputs
    for lang, tail in (("en", "--by 2020-08"), ("id", "--by 2020-08 --lang id")):
        plan = prepare_validation(scenario, parameter_sets=ensemble, sets=1, seeds=1, agents=1000, lang=lang)
        assert plan.command().endswith(tail), plan.command()


def test_a_bad_language_is_refused_in_one_line(inputs, tmp_path):
    scenario, ensemble = inputs
    out = tmp_path / "out"
    done = run_cli(["validate", scenario, "--parameter-sets", ensemble, "--agents", "1000", "--lang", "fr", "--out", out])
    refused(done, "--lang", "'fr'", "'en'", "'id'", out=out)
    with pytest.raises(InputError, match=r"^--lang: 'fr' is not a language of the report \(expected en or id\)$"):
        prepare_validation(scenario, parameter_sets=ensemble, agents=1000, out=out, lang="fr")
    assert not out.exists()


def test_a_median_of_no_figure_is_written_as_none_not_nan() -> None:
    """A run too short to reach a fitted point (the first is October 2014) has no typical error: the sentence wrote
    ``nan%``, in either language. The report's percentages come from the catalogue's one formatter (``texts.share``)."""
    from enrolsim.analysis.validation_words import fit_sentence
    from enrolsim.texts import share

    points = pd.DataFrame({"simulated": [1.0], "use": ["check"], "relative_error": [-0.123], "month": ["2014-03"]})
    for lang in ("en", "id"):
        sentence = fit_sentence(points, lang)
        assert "nan" not in sentence.lower() and f"{share(-0.123, lang, 1)[1:]}" in sentence, sentence
    assert (share(0.0834, "id", 1), share(1.585, "en", 1, signed=True), share(-0.76, "id", 0, signed=True)) == ("8,3%", "+158.5%", "-76%")
    assert share(12.3456, "id", 1, signed=True) == "+1.234,6%"  # thousands as everywhere else in the report
