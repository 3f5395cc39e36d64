"""``enrolsim frontier``: a store read as a cost-coverage frontier.

- The rule: which points are on the frontier (exactly, with ties), on a hand-made table and against its
  definition on random points; the cheapest point reaching the target in half of its replications, and the
  closest when none does.
- The command on a tiny store made here (a grid of three district subsidy budgets, the first zero, x 2
  replications of 1,000 agents over 5 months of 2017): every figure of ``frontier.csv`` recomputed from the
  store's runs, the printed line, Indonesian headers, a grid of scenario files.
- The figure's title, axes and legend in English and Indonesian, read from the matplotlib objects.
- Bad input: one line naming the store or the option, exit status 2, nothing written.
"""

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from conftest import BASELINE, REPO, refused, run_cli
from enrolsim.analysis.frontier import Frontier, cheapest_reaching, closest_to_target, frontier, on_frontier, point_words
from enrolsim.analysis.frontier_figure import frontier_figure
from enrolsim.core.plotting import plt
from enrolsim.experiments import load, load_experiment, run_experiment
from enrolsim.scenario.loading import load_scenario
from enrolsim.texts import text
from enrolsim.texts.frontier import FRONTIER

SUBSIDY = "strategies.extensification.local_government.subsidy_budget"
LAW = REPO / "scenarios" / "law_enforcement.yaml"


def make_store(folder: Path, name: str, **changes: object) -> Path:
    """A small experiment run into ``folder/name``: by default three subsidy budgets (zero first) x 2 replications."""
    spec = {
        "name": name,
        "scenario": str(BASELINE),
        "settings": {"population.agents": 1000, "months": 5},
        "factors": {SUBSIDY: {"levels": [0.0, 1.0e12, 3.0e12]}},
        "design": {"kind": "grid"},
        "replications": 2,
        "seed": 3,
        "keep": {"indicators": ["active", "programme_cost"], "months": "all"},
    } | changes
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    report = run_experiment(load_experiment(path), folder / name, executor="serial", progress=False)
    assert report.failed == 0
    return folder / name


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The grid the command is read on, and stores that differ from it in one way (1 replication of 2 points each)."""
    folder = tmp_path_factory.mktemp("frontier")
    two = {"replications": 1}
    return {
        "grid": make_store(folder, "grid"),
        "scenarios": make_store(
            folder,
            "scenarios",
            scenario=None,
            settings={"population.agents": 1000, "months": 5, "strategies.law_enforcement.start": "2017-01"},
            factors={"scenario": {"levels": [str(BASELINE), str(LAW)]}},
            **two,
        ),
        "active_only": make_store(folder, "active_only", keep={"indicators": ["active"], "months": "all"}, **two),
        "choices": make_store(folder, "choices", factors={"strategies.extensification.platforms.mode": {"levels": ["none", "promotion"]}}, **two),
        "no_factor": make_store(folder, "no_factor", factors={}, **two),
        "sparse": make_store(folder, "sparse", keep={"indicators": ["active", "programme_cost"], "months": ["2017-02", "2017-05"]}, **two),
    }


def per_point(store: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Active participants in the last month and programme cost summed over all months: one row a point, one column a replication."""
    data = load(store)
    runs = data.runs[["run_id", "point", "replication"]].merge(data.series, on="run_id")
    active = runs[runs["month"] == runs["month"].max()].pivot(index="point", columns="replication", values="active")
    cost = runs.groupby(["point", "replication"])["programme_cost"].sum().unstack()
    return active, cost


# -- the rule ------------------------------------------------------------------------------------


def test_the_frontier_rule_on_a_hand_made_table() -> None:
    cost = [0, 1, 1, 2, 2, 3, 4, 4, 5, 6]
    active = [10, 12, 11, 12, 15, 15, 16, 16, 14, 16]
    # 0 cheapest; 1 more for more; 2 fewer at the same cost as 1; 3 as many as 1 for more; 4 more; 5 as many as 4 for
    # more; 6 and 7 equal (both stay on); 8 fewer for more; 9 as many as 6 and 7 for more.
    expected = [True, True, False, False, True, False, True, True, False, False]
    assert on_frontier(np.array(cost), np.array(active)).tolist() == expected
    order = np.random.default_rng(1).permutation(len(cost))  # the rule does not depend on the order of the rows
    assert on_frontier(np.array(cost)[order], np.array(active)[order]).tolist() == [expected[i] for i in order]


def test_the_frontier_rule_is_its_definition_on_random_points() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(1, 25))
        cost, active = rng.integers(0, 5, n).astype(float), rng.integers(0, 5, n).astype(float)  # few values: many ties
        dominated = [any(cost[j] <= cost[i] and active[j] >= active[i] and (cost[j] < cost[i] or active[j] > active[i]) for j in range(n)) for i in range(n)]
        assert on_frontier(cost, active).tolist() == [not d for d in dominated], (cost, active)


def hand_table(rows: list[tuple[int, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["point", "programme_cost_mean", "active_mean", "target_share"])


def test_the_cheapest_point_reaching_the_target_in_half_of_its_replications() -> None:
    table = hand_table([(0, 0.0, 60.0, 0.0), (1, 5.0, 69.9, 0.25), (2, 7.0, 70.2, 0.5), (3, 7.0, 71.0, 0.5), (4, 6.0, 72.0, 0.49), (5, 9.0, 75.0, 1.0)])
    assert cheapest_reaching(table)["point"] == 3  # half counts, 0.49 does not; at equal cost the one with more participants
    assert cheapest_reaching(table[table["point"] != 3])["point"] == 2
    assert cheapest_reaching(table[~table["point"].isin([2, 3])])["point"] == 5
    assert cheapest_reaching(table.assign(programme_cost_mean=1.0, active_mean=70.0))["point"] == 2  # a full tie: the first point
    none = table[table["point"].isin([0, 1, 4])]
    assert cheapest_reaching(none) is None
    assert closest_to_target(none)["point"] == 4  # the most participants on average
    assert closest_to_target(hand_table([(0, 3.0, 70.0, 0.0), (1, 2.0, 70.0, 0.0), (2, 1.0, 69.0, 0.0)]))["point"] == 1  # then the cheaper


def test_a_point_in_words_gives_whole_levels_their_unit() -> None:
    """A grid's whole-number levels (the Perisai sweep's 2000-8000 agents) are numpy int64 in the table, which is no
    int: they were written ``2000`` without their unit or thousands separator."""
    agents, rate = "strategies.extensification.perisai.agents_target", "strategies.extensification.perisai.commission_rate"
    table = pd.DataFrame({"point": [0, 1], agents: pd.to_numeric(pd.Series(["2000", "8000"])), rate: [0.05, 0.125], "date": "2026-12"})
    assert table[agents].dtype == np.int64  # and a row of the table (numbers and months) holds it as numpy's int64
    assert point_words(table.iloc[1], [agents, rate]) == "Perisai agents (agents_target): 8,000 agents; Perisai agents (commission_rate): 12.5%"
    assert point_words(table.iloc[1], [agents, rate], "id") == "Agen Perisai (agents_target): 8.000 agen; Agen Perisai (commission_rate): 12,5%"


# -- the command on a store --------------------------------------------------------------------------


def test_every_figure_of_the_table_comes_from_the_store(stores: dict[str, Path], tmp_path: Path) -> None:
    active, cost = per_point(stores["grid"])
    target = float(active.loc[1].max())  # point 1 reaches it in one of its two replications
    done = run_cli(["frontier", stores["grid"], "--target", repr(target), "--out", tmp_path])
    assert done.code == 0, done.err
    table = pd.read_csv(tmp_path / "frontier.csv")
    assert list(table.columns[:3]) == ["point", SUBSIDY, "date"]
    assert table["programme_cost_mean"].is_monotonic_increasing and table["point"].tolist() == [0, 1, 2]
    assert table[SUBSIDY].tolist() == [0.0, 1.0e12, 3.0e12]
    assert (table["date"] == "2017-05").all() and (table["cost_from"] == "2017-01").all() and (table["replications"] == 2).all()
    rows = table.set_index("point")
    for name, values in (("active", active), ("programme_cost", cost)):
        assert np.allclose(rows[f"{name}_mean"], values.mean(axis=1))
        assert np.allclose(rows[f"{name}_p5"], values.quantile(0.05, axis=1)) and np.allclose(rows[f"{name}_p95"], values.quantile(0.95, axis=1))
    assert rows["target_share"].tolist() == (active.ge(target).mean(axis=1)).tolist()
    assert rows.loc[1, "target_share"] == 0.5
    assert cost.loc[0].eq(0).all() and cost.loc[2].gt(cost.loc[1]).all()  # the grid as meant: no cost without a budget
    # point 0 spends nothing: the others' additional participants are paired differences from it
    gain = active.sub(active.loc[0], axis=1)
    assert np.allclose(rows["active_diff_mean"], gain.mean(axis=1))
    assert np.allclose(rows["active_diff_p5"], gain.quantile(0.05, axis=1)) and np.allclose(rows["active_diff_p95"], gain.quantile(0.95, axis=1))
    assert rows.loc[0, "cost_per_additional_active_note"] == "reference: the point without programme cost"
    clear = rows["cost_per_additional_active_note"].isna()  # compare's note: empty when the cost per participant is given
    assert clear.loc[2], rows.loc[2]
    assert np.isclose(rows.loc[2, "cost_per_additional_active"], cost.loc[2].mean() / gain.loc[2].mean())
    # the line: the cheapest point reaching the target in half of its replications or more
    expected = next(p for p in rows.index if rows.loc[p, "target_share"] >= 0.5)
    assert done.out.startswith(
        f"cheapest reaching {target / 1e6:.2f} million active participants in May 2017 in half of its replications or more: point {expected} ("
    )
    assert "District governments (subsidy_budget): Rp" in done.out and len(done.out.strip().splitlines()) == 1


def test_the_line_says_when_no_point_reaches_the_target(stores: dict[str, Path], tmp_path: Path) -> None:
    active, _ = per_point(stores["grid"])
    done = run_cli(["frontier", stores["grid"], "--target", "1e9", "--out", tmp_path])
    assert done.code == 0, done.err
    assert done.out.startswith("no design point reaches 1,000.00 million active participants in May 2017 in half of its replications or more; closest: point ")
    assert f"closest: point {int(active.mean(axis=1).idxmax())} (" in done.out
    done = run_cli(["frontier", stores["grid"], "--target", "1", "--out", tmp_path])
    assert " or more: point 0 (District governments (subsidy_budget): Rp0 a year), Rp0 from January 2017 to May 2017, " in done.out


def test_the_defaults_and_the_indonesian_headers(stores: dict[str, Path], tmp_path: Path) -> None:
    store = shutil.copytree(stores["grid"], tmp_path / "store")
    assert run_cli(["frontier", store]).code == 0  # default: STORE/frontier, the last month, 70 million
    english = pd.read_csv(store / "frontier" / "frontier.csv")
    assert (english["target"] == 70e6).all() and (english["date"] == "2017-05").all()
    done = run_cli(["frontier", store, "--lang", "id", "--out", tmp_path / "id"])
    assert done.code == 0 and done.out.startswith(("cheapest reaching", "no design point reaches"))  # the line stays English
    local = pd.read_csv(tmp_path / "id" / "frontier.csv")
    assert list(local.columns[:3]) == ["titik", SUBSIDY, "bulan"]
    for header in ("aktif_rerata", "biaya_program_kumulatif_p95", "porsi_replikasi_mencapai_target", "di_batas_efisien", "biaya_sejak"):
        assert header in local.columns
    note = "cost_per_additional_active_note"
    pd.testing.assert_frame_equal(
        local.drop(columns="catatan_biaya_per_tambahan_aktif").set_axis(english.columns.drop(note), axis=1), english.drop(columns=note)
    )
    assert local["catatan_biaya_per_tambahan_aktif"].iloc[0] == "acuan: titik tanpa biaya program"


def test_a_month_and_a_first_month_choose_what_is_counted(stores: dict[str, Path], tmp_path: Path) -> None:
    data = load(stores["grid"])
    runs = data.runs[["run_id", "point"]].merge(data.series, on="run_id")
    done = run_cli(["frontier", stores["grid"], "--month", "2017-04", "--from", "2017-03", "--out", tmp_path])
    assert done.code == 0, done.err
    rows = pd.read_csv(tmp_path / "frontier.csv").set_index("point").sort_index()
    counted = runs[runs["month"].between("2017-03", "2017-04")].groupby(["point", "run_id"])["programme_cost"].sum().groupby("point").mean()
    assert np.allclose(rows["programme_cost_mean"], counted)
    assert np.allclose(rows["active_mean"], runs[runs["month"] == "2017-04"].groupby("point")["active"].mean())
    assert "from March 2017 to April 2017" in done.out


def test_a_grid_of_scenario_files_has_the_scenarios_as_points(stores: dict[str, Path], tmp_path: Path) -> None:
    done = run_cli(["frontier", stores["scenarios"], "--target", "1", "--out", tmp_path])
    assert done.code == 0, done.err
    table = pd.read_csv(tmp_path / "frontier.csv")
    names = [load_scenario(BASELINE).name, load_scenario(LAW).name]
    assert table["scenario"].tolist() == names and table["scenario_file"].tolist() == [str(BASELINE), str(LAW)]
    assert table["programme_cost_mean"].iloc[0] == 0 and table["programme_cost_mean"].iloc[1] > 0
    assert f"point 0 ({names[0]}), Rp0 from" in done.out


def test_scenario_files_of_different_spans_are_read_on_the_months_every_run_has(tmp_path: Path) -> None:
    """A grid of scenarios starting in different months (e.g. the history from 2014 and the baseline from 2017): a month
    only some runs have gave the others no figure, and the command ended in a traceback."""
    later = tmp_path / "later.yaml"
    later.write_text(f'extends: {BASELINE}\nname: Later\nstart: "2017-03"\n', encoding="utf-8")
    store = make_store(tmp_path, "spans", scenario=None, factors={"scenario": {"levels": [str(BASELINE), str(later)]}}, replications=1)
    assert sorted(load(store).series.groupby("run_id")["month"].min()) == ["2017-01", "2017-03"]  # 2017-01..05 and 2017-03..07
    done = run_cli(["frontier", store, "--target", "1", "--out", tmp_path / "out"])
    assert done.code == 0, done.err
    table = pd.read_csv(tmp_path / "out" / "frontier.csv")
    assert (table["date"] == "2017-05").all() and (table["cost_from"] == "2017-03").all()  # the last and first months both runs have
    assert table["active_mean"].notna().all()
    refused(run_cli(["frontier", store, "--month", "2017-07"]), "--month", "'2017-07' is not kept in this store (kept: 2017-03 .. 2017-05 by every run)")


# -- the figure --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result(stores: dict[str, Path]) -> Frontier:
    active, _ = per_point(stores["grid"])
    return frontier(stores["grid"], target=float(active.loc[1].max()))


def figure_words(result: Frontier, lang: str) -> dict[str, object]:
    fig = frontier_figure(result, lang)
    try:
        ax = fig.axes[0]
        frontier_line = next(line for line in ax.get_lines() if line.get_label() == text(lang, "fr_frontier"))
        return {
            "title": ax.get_title(),
            "x": ax.get_xlabel(),
            "y": ax.get_ylabel(),
            "legend": [t.get_text() for t in ax.get_legend().get_texts()],
            "notes": [t.get_text() for t in ax.texts],
            "frontier": list(zip(*frontier_line.get_data(), strict=True)),
            "bars": len(ax.containers),
        }
    finally:
        plt.close(fig)


def test_the_figure_says_what_it_shows_in_english_and_indonesian(result: Frontier) -> None:
    english, local = figure_words(result, "en"), figure_words(result, "id")
    assert english["title"] == "Programme cost against active participants in May 2017: every mix of levers"
    assert english["x"] == "programme cost, January 2017 to May 2017 (Rp trillion)"
    assert english["y"] == "active participants in May 2017 (million persons)"
    assert local["title"] == "Biaya program dibanding peserta aktif pada Mei 2017: setiap kombinasi pengungkit"
    assert local["x"] == "biaya program, Januari 2017 s.d. Mei 2017 (Rp triliun)"
    assert local["y"] == "peserta aktif pada Mei 2017 (juta orang)"
    chosen = int(result.cheapest()["point"])
    target = f"{result.target / 1e6:.2f}"
    assert english["legend"] == [
        "frontier: no other point has more participants for less (on the means)",
        f"target: {target} million",
        f"cheapest reaching the target in at least half of the replications: point {chosen}",
        "design point: mean, and 5%-95% of 2 replications",
    ]
    assert local["legend"] == [
        text("id", "fr_frontier"),
        f"target: {target.replace('.', ',')} juta",
        text("id", "fr_cheapest", point=chosen),
        text("id", "fr_points", n=2),
    ]
    assert any(note.startswith(f"point {chosen}: Rp") for note in english["notes"]) and any(note.startswith(f"titik {chosen}: Rp") for note in local["notes"])
    english_words = set(FRONTIER["en"].values())
    assert not any(words in english_words for words in (local["title"], local["x"], local["y"], *local["legend"]))
    assert english["bars"] == 1  # every point with its intervals as error bars
    # the line joins the points on the frontier only: here the dearest point is made to gain less than the cheapest
    table = result.table.copy()
    table.loc[2, "active_mean"] = table["active_mean"].min() - 1
    table["on_frontier"] = on_frontier(table["programme_cost_mean"], table["active_mean"])
    on = table[table["on_frontier"]]
    assert len(on) == 2, table
    line = figure_words(dataclasses.replace(result, table=table), "en")["frontier"]
    assert line == list(zip(on["programme_cost_mean"] / 1e12, on["active_mean"] / 1e6, strict=True))


def test_a_point_without_cost_and_its_number_stay_inside_the_axes(result: Frontier) -> None:
    """The grid's first point spends nothing: with the axis starting at zero its marker was cut in half and its number
    stood left of the axes, beside the y-axis's tick labels, where it read as one of them."""
    assert result.table["programme_cost_mean"].min() == 0
    fig = frontier_figure(result, "en")
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        numbers = [t for t in ax.texts if t.get_text().isdigit()]
        assert numbers and all(t.get_window_extent(renderer).x0 >= ax.bbox.x0 for t in numbers), [t.get_text() for t in numbers]
        assert ax.get_xlim()[0] < 0
    finally:
        plt.close(fig)


def test_every_frontier_key_is_in_both_languages() -> None:
    assert set(FRONTIER["en"]) == set(FRONTIER["id"]) and all(key.startswith("fr_") for key in FRONTIER["en"])
    assert all(FRONTIER["en"][key] != FRONTIER["id"][key] for key in FRONTIER["en"] if key not in ("fr_target",))


# -- bad input ---------------------------------------------------------------------------------------

BAD = {
    "not-a-store": ("empty", [], ["empty", "is not an experiment store"]),
    "no-programme-cost": ("active_only", [], ["active_only", "keep.indicators", "a frontier needs programme_cost"]),
    "month-not-kept": ("grid", ["--month", "2030-01"], ["--month", "'2030-01' is not kept in this store (kept: 2017-01 .. 2017-05)"]),
    "month-not-a-month": ("grid", ["--month", "2017-13"], ["--month", "YYYY-MM"]),
    "from-after-month": ("grid", ["--month", "2017-03", "--from", "2017-04"], ["--from", "'2017-04' is not a kept month up to 2017-03"]),
    "months-with-gaps": ("sparse", [], ["sparse", "keep.months", "every month from 2017-02 to 2017-05 must be kept"]),
    "choices-only": ("choices", [], ["choices", "factors", "no numeric factor", "platforms.mode"]),
    "no-factor": ("no_factor", [], ["no_factor", "factors", "no numeric factor"]),
    "target-zero": ("grid", ["--target", "0"], ["--target", "0.0 is not a positive number of persons"]),
    "target-negative": ("grid", ["--target=-5e6"], ["--target", "is not a positive number of persons"]),
    "target-nan": ("grid", ["--target", "nan"], ["--target", "is not a positive number of persons"]),
    "target-word": ("grid", ["--target", "many"], ["--target", "'many'"]),
    "language": ("grid", ["--lang", "fr"], ["--lang", "'fr'", "'en'", "'id'"]),
    "unfinished-runs": ("unfinished", [], ["unfinished", "runs", "1 of 6 runs are not finished"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(case: str, stores: dict[str, Path], tmp_path: Path) -> None:
    name, options, fragments = BAD[case]
    if name == "empty":
        store = tmp_path / "empty"
        store.mkdir()
    elif name == "unfinished":
        store = shutil.copytree(stores["grid"], tmp_path / "unfinished")
        (store / "series" / "run-0000004.parquet").unlink()
    else:
        store = stores[name]
    out = tmp_path / "out"
    refused(run_cli(["frontier", store, *options, "--out", out]), *fragments, out=out)
    assert not (store / "frontier").exists()
