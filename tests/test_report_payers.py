"""Who pays the programme cost: district budgets (the district governments' lever) and the agency (every other lever).

``enrolsim compare`` splits the cumulative programme cost into ``cost_districts_mean`` and ``cost_agency_mean``
(``comparison.csv``), each summed from the levers' ``cost_<line>`` indicators over the months of the programme
cost, and the report shows the split under its results table in English and Bahasa Indonesia (docs/ODD.md 7.10.15).

Small runs: 2,000 worker agents over 24 months (2017-01 .. 2018-12), two replications: the baseline (no lever),
the district governments' lever alone (all four of its parts) and a mix of it with three of the agency's levers.
A second comparison, with ``from_month``, has costs before the month it is reported from.
"""

import shutil
from pathlib import Path

import pandas as pd
import pytest

import enrolsim
from conftest import SCENARIOS
from enrolsim.analysis.comparison import PAYERS, Comparison, payer_lines
from enrolsim.experiments import load
from enrolsim.levers import COST_LINES
from enrolsim.texts import column, rupiah

BASELINE = SCENARIOS / "baseline.yaml"
DISTRICTS_ONLY = f"""extends: {BASELINE}
name: District governments alone
strategies:
  extensification:
    local_government: {{subsidy_budget: 1.0e12, licence_conditioning: 0.005, outreach_reach: 0.01, service_point_ease: 0.1}}
"""
MIXED = f"""extends: {BASELINE}
name: Districts with Perisai and retention
strategies:
  intensification:
    retention: {{reminder_coverage: 0.5, auto_debit_share: 0.1}}
  extensification:
    local_government: {{subsidy_budget: 1.0e12}}
    perisai: {{agents_initial: 500, agents_target: 1000}}
"""
# Perisai from the start in both; the districts' subsidy only from July 2017, the month the comparison is reported from.
PERISAI_FROM_START = f"""extends: {BASELINE}
name: Perisai from the start
strategies:
  extensification:
    perisai: {{agents_initial: 500, agents_target: 1000}}
"""
SUBSIDY_FROM_JULY = """extends: {reference}
name: Perisai and the districts' subsidy from July 2017
strategies:
  extensification:
    local_government: {{start: "2017-07", subsidy_budget: 1.0e12}}
"""
SMALL = {"agents": 2000, "months": 24, "target": 30e6, "executor": "serial", "progress": False}
REPLICATIONS = 2
SPLIT = ["cost_districts_mean", "cost_agency_mean"]


def _write(folder: Path, name: str, content: str) -> str:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("payer_scenarios")
    return [str(BASELINE), _write(folder, "districts_only.yaml", DISTRICTS_ONLY), _write(folder, "mixed.yaml", MIXED)]


@pytest.fixture(scope="module")
def english(files: list[str], tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    return enrolsim.compare(files, REPLICATIONS, out=tmp_path_factory.mktemp("payers") / "en", lang="en", **SMALL)


@pytest.fixture(scope="module")
def indonesian(english: Comparison, files: list[str], tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """The same comparison in Bahasa Indonesia, from a copy of the English store (no new runs)."""
    out = tmp_path_factory.mktemp("payers") / "id"
    shutil.copytree(english.plan.out / "store", out / "store")
    comparison = enrolsim.compare(files, REPLICATIONS, out=out, lang="id", **SMALL)
    assert comparison.run_report.finished == 0
    return comparison


def _line_sums(c: Comparison, first: str | None = None) -> pd.DataFrame:
    """From the store: every ``cost_<line>`` and ``programme_cost`` summed from ``first`` (default: the first month) to
    each date of the table, per scenario and replication."""
    data = load(c.plan.out / "store")
    names = {str(info.path): info.name for info in c.plan.scenarios}
    runs = data.runs.assign(name=data.runs["scenario"].map(names))
    series = data.series.merge(runs[["run_id", "name", "replication"]], on="run_id")
    if first is not None:
        series = series[series["month"] >= first]
    costs = [f"cost_{line}" for line in COST_LINES] + ["programme_cost"]
    sums = [series[series["month"] <= date].groupby(["name", "replication"])[costs].sum().assign(date=date) for date in c.plan.dates]
    return pd.concat(sums).reset_index()


def _split_of(sums: pd.DataFrame) -> pd.DataFrame:
    """Means over the replications of each payer's lines, as the table should hold them."""
    sums = sums.assign(
        districts=sums[[f"cost_{line}" for line in payer_lines("districts")]].sum(axis=1),
        agency=sums[[f"cost_{line}" for line in payer_lines("agency")]].sum(axis=1),
    )
    return sums.groupby(["name", "date"])[["districts", "agency", "programme_cost"]].mean()


# -- who pays what -------------------------------------------------------------------------------


def test_every_cost_line_has_one_payer_and_the_districts_pay_their_own_lever_only() -> None:
    assert set(PAYERS) == set(COST_LINES)
    assert set(PAYERS.values()) == {"districts", "agency"}
    assert payer_lines("districts") == ["local_government"]
    assert sorted(payer_lines("districts") + payer_lines("agency")) == sorted(COST_LINES)
    with pytest.raises(ValueError, match=r"without a payer.*a_new_lever"):
        payer_lines("agency", (*COST_LINES, "a_new_lever"))


def test_the_split_adds_up_to_the_programme_cost(english: Comparison) -> None:
    table = english.table
    assert list(table.columns[table.columns.get_loc("programme_cost_p95") + 1 :][:2]) == SPLIT  # beside the total
    assert table[SPLIT].notna().all().all() and (table[SPLIT] >= 0).all().all()
    total = table["cost_districts_mean"] + table["cost_agency_mean"]
    assert total.to_numpy() == pytest.approx(table["programme_cost_mean"].to_numpy(), rel=1e-12, abs=1e-3)
    mixed = table[(table["scenario"] == "Districts with Perisai and retention") & table["is_target_date"]].iloc[0]
    assert mixed["cost_districts_mean"] > 0 and mixed["cost_agency_mean"] > 0  # both purses pay in the mix
    # per replication too (the workbook's sheet of paired values)
    per = english.per_replication
    assert (per["cost_districts"] + per["cost_agency"]).to_numpy() == pytest.approx(per["programme_cost"].to_numpy(), rel=1e-12, abs=1e-3)


def test_a_scenario_of_the_districts_lever_alone_costs_the_agency_nothing(english: Comparison) -> None:
    table = english.table
    districts = table[table["scenario"] == "District governments alone"]
    assert len(districts) == len(english.plan.dates)
    assert (districts["cost_agency_mean"] == 0).all()
    assert (districts["cost_districts_mean"] > 0).all()
    assert districts["cost_districts_mean"].to_numpy() == pytest.approx(districts["programme_cost_mean"].to_numpy(), rel=1e-12)
    baseline = table[table["scenario"] == english.plan.reference.name]
    assert (baseline[[*SPLIT, "programme_cost_mean"]] == 0).all().all()  # no lever, no cost, in either purse


def test_the_split_is_the_levers_own_lines_summed_from_the_store(english: Comparison) -> None:
    expected = _split_of(_line_sums(english))
    for _, row in english.table.iterrows():
        want = expected.loc[(row["scenario"], row["date"])]
        assert row["cost_districts_mean"] == pytest.approx(want["districts"], rel=1e-9, abs=1e-3)
        assert row["cost_agency_mean"] == pytest.approx(want["agency"], rel=1e-9, abs=1e-3)
        assert row["programme_cost_mean"] == pytest.approx(want["programme_cost"], rel=1e-9, abs=1e-3)


def test_the_split_counts_the_months_of_the_programme_cost(tmp_path: Path) -> None:
    """With ``from_month`` the split, like the programme cost, counts only what was spent from that month: the agency's
    Perisai costs of January to June 2017 are in neither."""
    reference = _write(tmp_path, "perisai.yaml", PERISAI_FROM_START)
    subsidy = _write(tmp_path, "subsidy.yaml", SUBSIDY_FROM_JULY.format(reference=reference))
    c = enrolsim.compare([reference, subsidy], REPLICATIONS, out=tmp_path / "out", from_month="2017-07", **SMALL)
    expected = _split_of(_line_sums(c, first="2017-07"))
    whole = _split_of(_line_sums(c))
    for _, row in c.table.iterrows():
        want = expected.loc[(row["scenario"], row["date"])]
        assert row["cost_districts_mean"] == pytest.approx(want["districts"], rel=1e-9, abs=1e-3)
        assert row["cost_agency_mean"] == pytest.approx(want["agency"], rel=1e-9, abs=1e-3)
        assert row["cost_districts_mean"] + row["cost_agency_mean"] == pytest.approx(row["programme_cost_mean"], rel=1e-12)
        assert row["cost_agency_mean"] < whole.loc[(row["scenario"], row["date"]), "agency"]  # the first half of 2017 left out
    rows = c.at_target_date().set_index("scenario")
    assert rows["cost_districts_mean"].iloc[0] == 0 and rows["cost_districts_mean"].iloc[1] > 0
    assert "The programme cost from July 2017 to December 2018 (means), split by who pays it" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


# -- the report and comparison.csv in both languages --------------------------------------------


def _payer_rows(c: Comparison) -> list[list[str]]:
    lang = c.plan.lang
    return [
        [row["scenario"], rupiah(row["cost_districts_mean"], lang), rupiah(row["cost_agency_mean"], lang), rupiah(row["programme_cost_mean"], lang)]
        for _, row in c.at_target_date().iterrows()
    ]


@pytest.mark.parametrize(
    ("language", "heading", "headers", "limits"),
    [
        (
            "english",
            "Who pays the programme cost",
            ["Scenario", "District budgets (APBD)", "BPJS Ketenagakerjaan and national government", "Programme cost (total)"],
            "Who pays is the model's assignment of its cost lines, not budget data (docs/ODD.md 7.10.15)",
        ),
        (
            "indonesian",
            "Siapa yang membayar biaya program",
            ["Skenario", "APBD kabupaten/kota", "BPJS Ketenagakerjaan dan pemerintah pusat", "Biaya program (total)"],
            "Siapa yang membayar adalah pembagian pos biaya oleh model, bukan data anggaran (docs/ODD.md 7.10.15)",
        ),
    ],
)
def test_the_report_shows_the_split_under_the_results_table(
    language: str, heading: str, headers: list[str], limits: str, request: pytest.FixtureRequest
) -> None:
    c: Comparison = request.getfixturevalue(language)
    out = c.plan.out
    markdown = (out / "report.md").read_text(encoding="utf-8")
    results, _, rest = markdown.partition(f"### {heading}\n")
    assert rest, f"no section {heading!r}"
    assert results.count("\n| ") >= 4 and "## " in results  # the results table comes first
    section = rest.split("\n## ")[0]
    expected = ["| " + " | ".join(headers) + " |", "|---|---|---|---|", *("| " + " | ".join(cells) + " |" for cells in _payer_rows(c))]
    assert [line for line in section.splitlines() if line.startswith("|")] == expected
    assert limits in markdown
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"<h3>{heading}</h3>" in html
    assert "<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>" in html
    for cells in _payer_rows(c):
        assert f"<tr><td>{cells[0]}</td>" + "".join(f'<td class="num">{v}</td>' for v in cells[1:]) + "</tr>" in html
    # the results table keeps its nine columns (an A4 page's width): the split is a table of its own
    first = html.split("<table>")[1]
    assert first.split("</thead>")[0].count("<th>") == 9
    assert limits in html.replace("&#x27;", "'")


def test_comparison_csv_carries_the_split_in_both_languages(english: Comparison, indonesian: Comparison) -> None:
    for c, names in ((english, SPLIT), (indonesian, ["biaya_apbd_kumulatif_rerata", "biaya_bpjs_kumulatif_rerata"])):
        table = pd.read_csv(c.plan.out / "comparison.csv")
        assert [column(name, c.plan.lang) for name in SPLIT] == names
        pd.testing.assert_frame_equal(table[names], english.table[SPLIT].set_axis(names, axis=1), check_dtype=False)
        total = column("programme_cost_mean", c.plan.lang)
        assert (table[names[0]] + table[names[1]]).to_numpy() == pytest.approx(table[total].to_numpy(), rel=1e-12, abs=1e-3)
