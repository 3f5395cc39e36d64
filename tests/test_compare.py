"""``enrolsim compare`` (issue 5): tables, figures, the report, bad input, resuming with more replications.

Small runs: 3,000 worker agents over 36 months (2017-01 .. 2019-12), five replications. Compared:
the baseline, Perisai agents to 6,000 (from February 2018, a small effect at this size) and the
local-government subsidy moved forward to June 2017 (a clear effect), so both a cost per
additional participant and a "no gain" case can appear.
"""

import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import enrolsim
import enrolsim.studies.compare as compare_module
from conftest import CHROMIUM, CHROMIUM_ARGS, SCENARIOS, run_cli
from enrolsim.analysis.comparison import cost_per_additional, interval, unpaired_interval
from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.errors import InputError
from enrolsim.core.months import parse_month
from enrolsim.experiments import load
from enrolsim.texts import NOTES, column

SHIPPED = [str(SCENARIOS / name) for name in ("baseline.yaml", "perisai_6000.yaml", "micro_targeting.yaml")]
EARLY_SUBSIDY = f"""extends: {SCENARIOS / "local_government_subsidy.yaml"}
name: Local-government subsidy from mid-2017
strategies:
  extensification:
    local_government: {{start: "2017-06"}}
"""
SMALL = {"agents": 3000, "months": 36, "target": 30e6, "executor": "serial", "progress": False}
REPLICATIONS = 5
DATES = ["2017-12", "2018-12", "2019-12"]
OUTPUT_FILES = [
    "comparison.csv",
    "trajectories.csv",
    "comparison.xlsx",
    "trajectories.png",
    "segments.png",
    "cost_effectiveness.png",
    "funnel.png",
    "report.html",
    "report.md",
]

ACTIVE = ["active", *(f"active_{s}" for s in SEGMENT_NAMES), "active_pu", "active_bpu", "active_jakon"]
STATS = ["mean", "p5", "p95"]
COLUMNS = [
    "scenario",
    "scenario_file",
    "date",
    "is_target_date",
    "replications",
    *(f"{name}_{s}" for name in ACTIVE for s in STATS),
    *(f"active_diff_{s}" for s in STATS),
    "share_gaining",
    *(f"programme_cost_{s}" for s in STATS),
    "cost_districts_mean",
    "cost_agency_mean",
    *(f"cost_diff_{s}" for s in STATS),
    "cost_per_additional_active",
    "cost_per_additional_active_p5",
    "cost_per_additional_active_p95",
    "cost_per_additional_active_note",
    "target",
    "target_share",
    *(f"registrations_per_active_{s}" for s in STATS),
    *(f"jht_withdrawals_{s}" for s in STATS),
    "jht_withdrawn_rupiah_mean",
    "recovered_arrears_rupiah_mean",
    *(f"{name}_{s}" for name in ("registered", "inactive", "withdrawn") for s in STATS),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    early = tmp_path_factory.mktemp("scenarios") / "subsidy_2017.yaml"
    early.write_text(EARLY_SUBSIDY, encoding="utf-8")
    return [SHIPPED[0], SHIPPED[1], str(early)]


@pytest.fixture(scope="module")
def english(files: list[str], tmp_path_factory: pytest.TempPathFactory) -> enrolsim.analysis.comparison.Comparison:
    out = tmp_path_factory.mktemp("compare") / "en"
    return enrolsim.compare(files, REPLICATIONS, out=out, lang="en", **SMALL)


@pytest.fixture(scope="module")
def indonesian(english, files: list[str], tmp_path_factory: pytest.TempPathFactory) -> enrolsim.analysis.comparison.Comparison:
    """The same comparison in Bahasa Indonesia, from a copy of the English store (no new runs)."""
    out = tmp_path_factory.mktemp("compare") / "id"
    shutil.copytree(english.plan.out / "store", out / "store")
    comparison = enrolsim.compare(files, REPLICATIONS, out=out, lang="id", **SMALL)
    assert comparison.run_report.finished == 0 and comparison.run_report.skipped == 3 * REPLICATIONS
    return comparison


# -- Show 1: every column and file; intervals contain means; pairing narrows intervals ----------


def test_every_file_is_written(english) -> None:
    out = english.plan.out
    for name in OUTPUT_FILES:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
        if name.endswith(".png"):
            assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(english.files) == sorted(out / name for name in OUTPUT_FILES)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "staging left behind"
    assert english.run_report.finished == 3 * REPLICATIONS and english.run_report.failed == 0
    assert len(load(out / "store").series["run_id"].unique()) == 3 * REPLICATIONS


def test_comparison_csv_has_every_column_and_row(english) -> None:
    table = pd.read_csv(english.plan.out / "comparison.csv")
    assert list(table.columns) == COLUMNS
    assert list(english.table.columns) == COLUMNS  # the Python API returns the same table
    names = [info.name for info in english.plan.scenarios]
    assert list(table["scenario"]) == [n for n in names for _ in DATES]
    assert list(table["date"]) == DATES * 3
    assert list(table["is_target_date"]) == [d == "2019-12" for d in DATES] * 3
    assert (table["replications"] == REPLICATIONS).all() and (table["target"] == 30e6).all()
    pd.testing.assert_frame_equal(
        table.drop(columns="cost_per_additional_active_note"), english.table.drop(columns="cost_per_additional_active_note"), check_dtype=False
    )
    numeric = [c for c in COLUMNS if c not in ("scenario", "scenario_file", "date", "is_target_date", "cost_per_additional_active_note")]
    reference = table["scenario"] == names[0]
    cost_per = ["cost_per_additional_active", "cost_per_additional_active_p5", "cost_per_additional_active_p95"]
    for name in numeric:
        if name in (*cost_per, "share_gaining"):
            assert table.loc[reference, name].isna().all(), name
            assert table.loc[~reference & (table["date"] > "2017-12"), name].notna().all() or name in cost_per, name
        else:
            assert table[name].notna().all(), name
    # a cost per additional participant exactly when the mean gain is positive and told from zero; noted otherwise
    others = table[~reference]
    gains = others["active_diff_mean"] > 0
    unclear = others["cost_per_additional_active_note"].str.startswith("gain not told from zero")
    assert (others["cost_per_additional_active"].notna() == (gains & ~unclear)).all()
    assert (others.loc[~gains, "cost_per_additional_active_note"] == "no additional active participants on average").all()
    subsidy = others[(others["scenario"] == names[2]) & (others["date"] == "2019-12")].iloc[0]
    assert subsidy["active_diff_mean"] > 0 and 0 < subsidy["cost_per_additional_active"] < math.inf
    assert (table.loc[reference, ["active_diff_mean", "active_diff_p5", "active_diff_p95", "cost_diff_mean"]] == 0).all().all()
    assert (table.loc[reference, "cost_per_additional_active_note"] == "reference scenario").all()
    assert table["target_share"].between(0, 1).all() and (table["registrations_per_active_mean"] > 0).all()


def test_intervals_contain_their_means(english) -> None:
    table = english.table
    stems = {c[: -len("_mean")] for c in table.columns if c.endswith("_mean")} - {
        "jht_withdrawn_rupiah",
        "recovered_arrears_rupiah",
        "cost_districts",
        "cost_agency",
    }
    assert len(stems) == len(ACTIVE) + 8
    for stem in stems:
        low, mean, high = table[f"{stem}_p5"], table[f"{stem}_mean"], table[f"{stem}_p95"]
        tolerance = 1e-9 * mean.abs().clip(lower=1)
        assert (low <= mean + tolerance).all() and (mean <= high + tolerance).all(), stem
    cpa = table.dropna(subset=["cost_per_additional_active"])
    assert len(cpa) > 0
    assert (cpa["cost_per_additional_active_p5"] <= cpa["cost_per_additional_active"]).all()
    assert (cpa["cost_per_additional_active"] <= cpa["cost_per_additional_active_p95"]).all()


def test_values_agree_with_the_runs(english) -> None:
    """Means, paired differences, cumulative costs and target shares recomputed from the store."""
    plan, table = english.plan, english.table
    data = load(plan.out / "store")
    by_path = {str(info.path): info.name for info in plan.scenarios}
    runs = data.runs.assign(name=data.runs["scenario"].map(by_path))
    series = data.series.merge(runs[["run_id", "name", "replication"]], on="run_id")
    upto = series[series["month"] <= "2019-12"]
    cost = upto.groupby(["name", "replication"])["programme_cost"].sum()
    recovered = upto.groupby(["name", "replication"])["recovered_arrears_rupiah"].sum()
    last = series[series["month"] == "2019-12"].set_index(["name", "replication"])["active"]
    base = plan.scenarios[0].name
    for info in plan.scenarios[1:]:
        row = table[(table["scenario"] == info.name) & table["is_target_date"]].iloc[0]
        gain = last[info.name] - last[base]
        extra = cost[info.name] - cost[base]
        assert row["active_mean"] == pytest.approx(last[info.name].mean())
        assert row["active_diff_mean"] == pytest.approx(gain.mean())
        assert row["programme_cost_mean"] == pytest.approx(cost[info.name].mean())
        assert row["cost_diff_mean"] == pytest.approx(extra.mean())
        assert row["recovered_arrears_rupiah_mean"] == pytest.approx(recovered[info.name].mean())
        assert row["target_share"] == pytest.approx((last[info.name] >= plan.target).mean())
        if gain.mean() > 1.645 * gain.std(ddof=1) / math.sqrt(len(gain)):
            assert row["cost_per_additional_active"] == pytest.approx(extra.mean() / gain.mean())
        assert row["programme_cost_mean"] > 0  # Perisai agents cost money


def test_paired_differences_are_narrower_than_unpaired(english) -> None:
    """Common random numbers: a run and its baseline share one seed, so they are identical until the
    lever first acts (and draws random numbers of its own), and their difference soon after varies
    less than the difference between runs of unrelated seeds.

    Later the two runs' streams have gone their own ways and only the shared start (the same synthetic
    population) still pairs them; at 3,000 agents and five replications that is not reliably
    narrower, so the test looks at the first date after each lever starts (Perisai from February
    2018: identical in December 2017, compared in December 2018; the subsidy from June 2017:
    compared in December 2017).
    """
    per = english.per_replication
    base = english.plan.scenarios[0].name
    perisai, subsidy = (info.name for info in english.plan.scenarios[1:])

    def paired_and_unpaired(name: str, date: str) -> tuple[float, float, np.ndarray]:
        at = per[per["date"] == date]
        reference = at[at["scenario"] == base].sort_values("replication")["active"].to_numpy()
        other = at[at["scenario"] == name].sort_values("replication")["active"].to_numpy()
        row = english.table[(english.table["scenario"] == name) & (english.table["date"] == date)].iloc[0]
        paired = row["active_diff_p95"] - row["active_diff_p5"]
        assert paired == pytest.approx(np.subtract(*np.quantile(other - reference, [0.95, 0.05])))
        _, low, high = unpaired_interval(reference, other)
        return paired, high - low, other - reference

    _, unpaired, difference = paired_and_unpaired(perisai, "2017-12")
    assert (difference == 0).all() and unpaired > 0, "runs sharing a seed differ before the lever acts"
    for name, date in ((perisai, "2018-12"), (subsidy, "2017-12")):
        paired, unpaired, _ = paired_and_unpaired(name, date)
        assert paired < unpaired, f"{name} {date}: paired {paired:.3g} not narrower than unpaired {unpaired:.3g}"


def test_report_names_scenarios_levers_sources_and_how_to_reproduce(english) -> None:
    plan = english.plan
    markdown = (plan.out / "report.md").read_text(encoding="utf-8")
    assert "strategies.extensification.perisai.agents_target = 6000.0 (6,000 agents)" in markdown  # analysts: the key, and the words
    assert "strategies.extensification.local_government.start = 2017-06 (June 2017)" in markdown
    html = (plan.out / "report.html").read_text(encoding="utf-8")
    # policy readers: the lever, the schema's words for the setting, the value in its unit
    assert "<td>Perisai agents</td><td>Starts</td><td><b>February 2018</b></td>" in html  # the lever named on its first row
    assert "<td></td><td>Agents the agency aims to have</td><td><b>6,000 agents</b></td>" in html
    assert "<td>District governments</td><td>Starts</td><td><b>June 2017</b></td>" in html
    assert "<td>Yearly budget of all districts for contributions of vulnerable workers</td><td><b>Rp1.0 trillion a year</b></td>" in html
    for name in ("report.md", "report.html"):
        text = (plan.out / name).read_text(encoding="utf-8")
        for info in plan.scenarios:
            assert info.name.replace("&", "&amp;") in text
        assert "Inpres 2/2021" in text  # the subsidy lever's source
        assert "docs/domain.md (7.5%)" in text  # a lever's source from the scenario schema
        assert "Koran SINDO" in text  # a DOMAIN figure
        assert f"--replications {REPLICATIONS} --target 30000000 --by 2019-12 --agents 3000 --months 36 --seed 42" in text
        assert enrolsim.__version__ in text
        for seed in plan.seeds:
            assert str(seed) in text
    html = (plan.out / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 4
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_report_gives_the_additional_cost_the_persons_an_agent_stands_for_and_a_script_that_runs(english) -> None:
    """The cost per additional participant is the additional cost over the additional participants: the report shows that
    numerator; an agent's persons are read at the month asked about (the labour force grows); the Python shown has the
    main guard a script needs, and the Python version is a number."""
    plan = english.plan
    markdown = (plan.out / "report.md").read_text(encoding="utf-8")
    assert "Additional cost, against" in markdown and "Cost per additional participant active in" in markdown
    for _, row in english.at_target_date().iloc[1:].iterrows():
        if row["cost_per_additional_active_note"] == "ok":
            assert row["cost_per_additional_active"] == pytest.approx(row["cost_diff_mean"] / row["active_diff_mean"], rel=1e-9)
    scenario = plan.reference.scenario
    grown = enrolsim.world.labour_data.labour_force_growth(scenario.population, scenario.start_month, parse_month(plan.by))
    assert grown > 1.01  # 36 months of a growing labour force
    per_agent = f"stands for about {scenario.population.labour_force * grown / SMALL['agents']:,.0f} persons in {plan.by}"
    assert per_agent in markdown
    assert 'if __name__ == "__main__":\n    enrolsim.compare(' in markdown
    assert f"Python: {platform.python_version()}" in markdown and "<function" not in markdown


def test_report_shows_the_arrears_a_strategy_recovers(tmp_path: Path) -> None:
    """Arrears collection brings money in: the report gives it beside the costs, for the scenarios that recover some."""
    c = enrolsim.compare(["baseline", "intensification"], 1, agents=3000, months=48, out=tmp_path / "out", executor="serial", progress=False)
    recovered = c.at_target_date().set_index("scenario")["recovered_arrears_rupiah_mean"]
    assert recovered.iloc[0] == 0 and recovered.iloc[1] > 0  # intensification collects arrears from 2020
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    line = next(line for line in markdown.splitlines() if line.startswith("Arrears recovered from employers since January 2017"))
    assert f"{recovered.index[1]} {enrolsim.texts.rupiah(recovered.iloc[1], 'en')}" in line and recovered.index[0] not in line
    assert "- No scenario reaches 70.00 million active participants by December 2020 in half of its replications or more." in markdown


def test_report_answers_first_which_scenarios_reach_the_target_and_at_what_cost(english) -> None:
    rows = english.at_target_date()
    reaching = rows[rows["target_share"] >= 0.5]
    assert len(reaching) > 0  # the fixture's target is reached (the arrears test above has a target none reaches)
    markdown = (english.plan.out / "report.md").read_text(encoding="utf-8")
    answer = markdown.split("## In short")[1].strip().splitlines()[0]
    assert answer.startswith("- Reaching 30.00 million active participants by December 2019 in half of the replications or more: ")
    for _, row in rows.iterrows():
        assert (row["scenario"] in answer) == (row["target_share"] >= 0.5)
    for _, row in reaching.iterrows():
        assert (
            f"{row['scenario']} ({enrolsim.texts.share(row['target_share'], 'en')} of replications, {enrolsim.texts.rupiah(row['programme_cost_mean'], 'en')})"
            in answer
        )


def test_indonesian_headers_and_words(indonesian, english) -> None:
    table = pd.read_csv(indonesian.plan.out / "comparison.csv")
    assert list(table.columns) == [column(c, "id") for c in COLUMNS]
    assert {"skenario", "bulan", "aktif_rerata", "aktif_informal_p95", "selisih_aktif_rerata", "biaya_per_tambahan_aktif"} <= set(table.columns)
    assert len(set(table.columns)) == len(COLUMNS)
    np.testing.assert_allclose(table["aktif_rerata"], english.table["active_mean"])
    assert set(table["catatan_biaya_per_tambahan_aktif"].dropna()) <= set(NOTES["id"].values())
    assert "skenario acuan" in set(table["catatan_biaya_per_tambahan_aktif"])
    html = (indonesian.plan.out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in html
    for words in ("Pertanyaan", "Skenario", "Hasil pada Desember 2019", "Asumsi dan sumbernya", "Cara mereproduksi", "juta"):
        assert words in html, words
    for name in ("trajectories.png", "segments.png", "cost_effectiveness.png", "funnel.png"):
        assert (indonesian.plan.out / name).read_bytes() != (english.plan.out / name).read_bytes(), f"{name}: labels not translated"


# -- issue 17: comparison.xlsx beside the CSV files; report.html in words, without dotted keys ----


@pytest.mark.parametrize("language", ["english", "indonesian"])
def test_workbook_sheets_read_back_as_the_csv_tables(language: str, request: pytest.FixtureRequest) -> None:
    comparison = request.getfixturevalue(language)
    out, lang = comparison.plan.out, comparison.plan.lang
    book = pd.read_excel(out / "comparison.xlsx", sheet_name=None)
    names = ["At target date", "Every year end", "Trajectories", "Per replication", "Assumptions", "Levers"]
    if lang == "id":
        names = ["Bulan target", "Setiap akhir tahun", "Lintasan", "Per replikasi", "Asumsi", "Pengungkit"]
    assert list(book) == names
    # numbers as numbers: the sheets equal the CSV files (an upper bound without limit is "inf" in both)
    for sheet, csv in ((names[1], "comparison.csv"), (names[2], "trajectories.csv")):
        expected = pd.read_csv(out / csv)
        read = book[sheet].replace("inf", math.inf).infer_objects()
        assert list(read.columns) == list(expected.columns)  # headers in the report's language
        pd.testing.assert_frame_equal(read, expected, check_dtype=False)
    assert book[names[1]][column("active_mean", lang)].dtype == float
    target = book[names[0]]
    assert list(target[column("date", lang)]) == ["2019-12"] * 3
    replications = book[names[3]]
    assert len(replications) == 3 * len(DATES) * REPLICATIONS
    assert {str(s) for s in comparison.plan.seeds} == set(replications["seed"].astype(str))  # 63-bit seeds kept exactly, as text
    np.testing.assert_allclose(replications[column("active", lang)], comparison.per_replication["active"])
    levers = book[names[5]]
    perisai = levers[levers[text_of(lang, "col_parameter")] == "strategies.extensification.perisai.agents_target"].iloc[0]
    assert perisai[text_of(lang, "col_value")] == 6000
    assert perisai[text_of(lang, "col_value_words")] == ("6,000 agents" if lang == "en" else "6.000 agen")


def text_of(lang: str, key: str) -> str:
    from enrolsim.texts import text

    return text(lang, key)


@pytest.mark.parametrize("language", ["english", "indonesian"])
def test_report_html_names_levers_in_words_without_dotted_keys(language: str, request: pytest.FixtureRequest) -> None:
    from enrolsim.scenario.parameters import parameter_rows

    comparison = request.getfixturevalue(language)
    html = (comparison.plan.out / "report.html").read_text(encoding="utf-8")
    dotted = [row["key"] for row in parameter_rows() if "." in row["key"]]
    assert [key for key in dotted if key in html] == []
    assert "strategies." not in html
    markdown = (comparison.plan.out / "report.md").read_text(encoding="utf-8")
    assert "strategies.extensification.perisai.agents_target = 6000" in markdown  # report.md keeps the keys
    if comparison.plan.lang == "id":
        assert "<td>Agen Perisai</td><td>Mulai berlaku</td><td><b>Februari 2018</b></td>" in html
        assert "<td>Jumlah agen yang ingin dicapai BPJS</td><td><b>6.000 agen</b></td>" in html
        assert "Rp1,0 triliun per tahun" in html


def test_indonesian_assumptions_name_their_units_and_assumptions_in_indonesian(indonesian) -> None:
    """The assumptions table of a report in Bahasa Indonesia had the schema's English units and "assumption" in it."""
    from enrolsim.texts import text

    out = indonesian.plan.out
    book = pd.read_excel(out / "comparison.xlsx", sheet_name="Asumsi")
    perisai = book[book[text("id", "col_parameter")] == "strategies.extensification.perisai.agents_target"].iloc[0]
    assert perisai[text("id", "col_unit")] == "agen"
    sources = book[text("id", "col_source")]
    assert not sources.str.startswith("assumption").any()
    assert sources.str.startswith("asumsi").any()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<td>agen per bulan</td>" in html or "<td>agen</td>" in html
    for english in ("<td>assumption", "<td>persons/month</td>", "<td>probability</td>", "<td>share</td>"):
        assert english not in html, english


# -- Show 2: the report opens in headless Chromium, images load, no console errors ---------------


@pytest.mark.parametrize("language", ["english", "indonesian"])
def test_report_opens_in_headless_chromium(language: str, request: pytest.FixtureRequest) -> None:
    # In CI the set-up (./dev test) installs both, so a missing one is a failure there, not a skip.
    if os.environ.get("CI"):
        from playwright import sync_api

        assert Path(CHROMIUM).exists(), "Debian's chromium is missing: ./dev test should have installed it"
    else:
        sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is in the dev extra")
        if not Path(CHROMIUM).exists():
            pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    comparison = request.getfixturevalue(language)
    report = comparison.plan.out / "report.html"
    errors: list[str] = []
    outside: list[str] = []
    with sync_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            page.goto(report.as_uri(), wait_until="load")
            images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight, i.src.slice(0, 22)])")
            title = page.title()
            headings = page.evaluate("Array.from(document.querySelectorAll('h2')).length")
            page.emulate_media(media="print")  # printed or saved as PDF: the summary alone on page 1, nothing cut
            breaks = page.evaluate(
                "[...document.querySelectorAll('h2')].map(h => getComputedStyle(h).breakBefore)"
                " .concat([...document.querySelectorAll('figure, table.settings, tr')].map(e => getComputedStyle(e).breakInside))"
            )
            pdf = page.pdf(prefer_css_page_size=True)
        finally:
            browser.close()
    assert errors == [] and outside == []
    assert len(images) == 4
    for complete, width, height, src in images:
        assert complete and width > 0 and height > 0 and src == "data:image/png;base64,"
    assert title == ("Comparison of strategies" if language == "english" else "Perbandingan strategi")
    assert headings >= 6
    assert breaks[:headings].count("page") == 1 and set(breaks[headings:]) == {"avoid"}
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page ") >= 2


# -- Show 3: bad input fails before anything runs, naming the file or option ---------------------


@pytest.fixture
def no_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to run fails the test loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("a run started although the input was bad")

    monkeypatch.setattr(compare_module, "run_experiment", refuse)


def _refused(result, out: Path, *fragments: str) -> str:
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    assert "Traceback" not in result.err and result.out == ""
    assert not out.exists(), "something was written"
    return line


def test_a_bad_scenario_among_good_ones_is_named_before_anything_runs(tmp_path: Path, no_runs) -> None:
    bad = tmp_path / "bad_levers.yaml"
    bad.write_text(f"extends: {SCENARIOS / 'baseline.yaml'}\nstrategies:\n  extensification:\n    perisai:\n      commission_rate: 7.5\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["compare", SHIPPED[0], SHIPPED[1], bad, SHIPPED[2], "--out", out, "--agents", "2000", "--months", "24", "--replications", "2"])
    _refused(result, out, "bad_levers.yaml", "strategies.extensification.perisai.commission_rate", "7.5 is not between 0 and 1")
    missing = tmp_path / "missing.yaml"
    result = run_cli(["compare", SHIPPED[0], missing, "--out", out])
    _refused(result, out, "missing.yaml", "no such file")
    with pytest.raises(InputError, match=r"bad_levers\.yaml"):
        enrolsim.compare([SHIPPED[0], bad], 2, out=out, agents=2000, months=24)
    assert not out.exists()


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (["--target", "seventy"], ["--target", "'seventy'", "number of persons"]),
        (["--target", "-5"], ["--target", "positive"]),
        (["--by", "2019-13"], ["--by", "YYYY-MM"]),
        (["--by", "2030-12"], ["--by", "2030-12 is not simulated", "2017-01 .. 2018-12"]),
        (["--lang", "fr"], ["--lang", "'fr'", "en", "id"]),
        (["--replications", "0"], ["--replications", "0 is not between 1"]),
        (["--months", "36", "--agents", "5"], ["--agents", "5 is not between 100"]),
    ],
    ids=["target-word", "target-negative", "by-format", "by-outside", "lang", "replications", "agents"],
)
def test_bad_options_are_named_before_anything_runs(tmp_path: Path, no_runs, options: list[str], fragments: list[str]) -> None:
    out = tmp_path / "out"
    result = run_cli(["compare", SHIPPED[0], SHIPPED[1], "--out", out, "--agents", "2000", "--months", "24", *options])
    _refused(result, out, *fragments)


def test_one_scenario_or_a_duplicate_is_refused(tmp_path: Path, no_runs) -> None:
    out = tmp_path / "out"
    _refused(run_cli(["compare", SHIPPED[0], "--out", out]), out, "at least two scenario files")
    _refused(run_cli(["compare", SHIPPED[0], SHIPPED[1], SHIPPED[0], "--out", out]), out, "baseline.yaml", "listed twice")
    # Two files of one name (a new fit's calibrated.yaml beside the shipped one) crashed the report's tables with a traceback.
    twin = tmp_path / "calibrated.yaml"
    twin.write_text("extends: calibrated\n", encoding="utf-8")
    _refused(run_cli(["compare", "calibrated", twin, "--out", out]), out, f"{twin}: name:", "is also the name of calibrated", "another name")


def test_another_comparisons_store_is_refused_before_running(english, tmp_path: Path, no_runs) -> None:
    out = tmp_path / "out"
    shutil.copytree(english.plan.out / "store", out / "store")
    before = sorted(p.name for p in (out / "store").rglob("*"))
    result = run_cli(["compare", SHIPPED[0], SHIPPED[1], "--out", out, "--agents", "3000", "--months", "36"])
    assert result.code == 2 and len(result.err_lines) == 1 and "store" in result.err_lines[0] and "hash" in result.err_lines[0]
    assert sorted(p.name for p in (out / "store").rglob("*")) == before


@pytest.mark.skipif(os.name != "posix", reason="the forkserver pool is POSIX")
def test_a_script_without_the_main_guard_is_told_why_every_run_failed(tmp_path: Path) -> None:
    """Run as a script, a call to ``enrolsim.compare`` outside ``if __name__ == "__main__":`` runs again in every worker
    process, which dies at start: the error says so, instead of advising a retry that would fail the same way."""
    script = tmp_path / "three.py"
    script.write_text('import enrolsim\nenrolsim.compare(["baseline", "retention"], 1, agents=500, months=2, workers=1)\n', encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300, env={**os.environ, "CI": "1"})
    last = result.stderr.strip().splitlines()[-1]
    assert result.returncode != 0 and "2 runs failed" in last and "BrokenProcessPool" in last, result.stderr[-2000:]
    assert 'if __name__ == "__main__":' in last and "retry" not in last
    guarded = script.read_text().replace("enrolsim.compare(", 'if __name__ == "__main__":\n    enrolsim.compare(')
    script.write_text(guarded, encoding="utf-8")
    assert subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, timeout=300, env={**os.environ, "CI": "1"}).returncode == 0


# -- Show 4: a second call with more replications runs only the new ones --------------------------


def test_more_replications_run_only_the_new_ones(english, files: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = enrolsim.compare(files, 3, out=out, **SMALL)
    assert (first.run_report.finished, first.run_report.skipped) == (9, 0)
    # on the command line, with a process pool: 6 new runs (replications 3 and 4 of each scenario)
    options = ["--replications", str(REPLICATIONS), "--agents", "3000", "--months", "36", "--target", "30e6", "--executor", "processes", "--workers", "2"]
    result = run_cli(["compare", *files, *options, "--out", str(out)])
    assert result.code == 0, result.err
    assert result.err == ""  # no progress bar when stderr is not a terminal
    assert f"{3 * REPLICATIONS} runs: 9 already in {out / 'store'}, 6 run now" in result.out
    assert len(list((out / "store" / "series").glob("run-*.parquet"))) == 3 * REPLICATIONS
    again = enrolsim.compare(files, REPLICATIONS, out=out, **SMALL)
    assert (again.run_report.finished, again.run_report.skipped) == (0, 3 * REPLICATIONS)
    # the grown store gives the same numbers as the fresh 5-replication comparison
    pd.testing.assert_frame_equal(again.table, english.table)
    first_runs = first.per_replication.set_index(["scenario", "replication", "date"])
    grown = again.per_replication.set_index(["scenario", "replication", "date"]).loc[first_runs.index]
    pd.testing.assert_frame_equal(grown, first_runs)
    # fewer replications than the store holds: the first ones are used and nothing runs
    fewer = enrolsim.compare(files, 3, out=out, **SMALL)
    assert (fewer.run_report.finished, fewer.run_report.skipped) == (0, 3 * REPLICATIONS)
    pd.testing.assert_frame_equal(fewer.table, first.table)


# -- the statistics on their own ---------------------------------------------------------------


def test_cost_per_additional_participant_rules() -> None:
    point, low, high, note = cost_per_additional(np.array([100.0, 200.0, 300.0]), np.array([1.0, 2.0, 2.0]))
    assert note == "ok" and point == pytest.approx(600 / 5) and 100 <= low <= point <= high <= 150
    point, low, high, note = cost_per_additional(np.full(5, 100.0), np.array([3.0, 4.0, 5.0, 4.0, 0.0]))
    assert note == "some_no_gain" and point == pytest.approx(500 / 16) and math.isfinite(low) and high == math.inf
    # a mean gain of 1.5 with a standard error of 1.04 (within 1.645 of zero): no cost per participant
    assert cost_per_additional(np.full(4, 100.0), np.array([1.0, 2.0, 4.0, -1.0]))[3] == "unclear_gain"
    assert all(math.isnan(v) for v in cost_per_additional(np.full(4, 100.0), np.array([1.0, 2.0, 4.0, -1.0]))[:3])
    assert cost_per_additional(np.array([100.0]), np.array([0.5]))[3] == "ok"  # one replication: no standard error
    assert cost_per_additional(np.array([100.0, 100.0]), np.array([-1.0, 0.0]))[3] == "no_gain"
    assert all(math.isnan(v) for v in cost_per_additional(np.array([5.0, 5.0]), np.array([1.0, -2.0]))[:3])
    point, low, high, note = cost_per_additional(np.array([-10.0, -20.0]), np.array([1.0, 1.0]))
    assert note == "saves" and point == -15 and low < 0 and high < 0


def test_interval_and_unpaired_interval() -> None:
    mean, low, high = interval(np.array([1.0, 2.0, 3.0, np.nan]))
    assert (mean, low, high) == (2.0, pytest.approx(1.1), pytest.approx(2.9))
    assert all(math.isnan(v) for v in interval(np.array([np.nan])))
    reference = np.array([0.0, 10.0, 20.0])
    mean, low, high = unpaired_interval(reference, reference + 1)  # pairs i != j only
    assert mean == pytest.approx(1.0) and low < -5 and high > 5
