"""The golden baseline (issue 2, "Show" 6; docs/architecture.md "A golden baseline").

A small fixed-seed run of ``scenarios/baseline.yaml`` (5,000 agents, 24 months, seed 7), reduced to
rounded final indicator values and flow totals, must equal ``tests/golden/baseline_summary.json``.
Any change of behaviour (a process, a default, the order of random draws) fails this test.

If the change is intended, regenerate the file deliberately and commit it with the change, giving
the reason (it is also appended to ``tests/golden/REGENERATED.md``)::

    .venv/bin/python tests/regenerate_golden.py --reason "..."

New indicators (columns) are reported as differences too, so adding one also means regenerating.

The statistical golden (``tests/golden/statistical_reference.json``): the means over seeds 1-8 at
50,000 agents of 13 key indicators of ``baseline.yaml`` and ``combined_70m.yaml`` at months 12, 36,
60 and 120 must stay within 4.5 standard errors of the difference from the stored means (why 4.5 and
not 3: ``regenerate_golden.py``). It tells a change of what the model says from a change of which
random numbers it draws; the regenerator refuses to rewrite the exact golden unless it passes. The
full check is slow (16 runs, about 30 s of CPU); the rules of the comparison and of the regenerator
are pinned here on the stored reference, fast.
"""

import copy
import importlib.util
import json
import re

import pytest

from conftest import REPO


def _load_regenerator():
    spec = importlib.util.spec_from_file_location("regenerate_golden", REPO / "tests" / "regenerate_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _differences(expected: object, actual: object, path: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            where = f"{path}.{key}" if path else str(key)
            if key not in actual:
                out.append(f"{where}: missing now (was {expected[key]!r})")
            elif key not in expected:
                out.append(f"{where}: new ({actual[key]!r})")
            else:
                out.extend(_differences(expected[key], actual[key], where))
        return out
    return [] if expected == actual else [f"{path}: {expected!r} -> {actual!r}"]


def test_baseline_run_matches_golden_summary():
    regenerate = _load_regenerator()
    assert regenerate.GOLDEN.exists(), "no golden file: run `.venv/bin/python tests/regenerate_golden.py`"
    expected = json.loads(regenerate.GOLDEN.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(regenerate.golden_summary()))  # the same JSON round trip as the file
    differences = _differences(expected, actual)
    assert not differences, (
        f"behaviour changed ({len(differences)} differences); if intended, run `.venv/bin/python tests/regenerate_golden.py` "
        "and commit the file with the reason:\n  " + "\n  ".join(differences[:40])
    )


# --- the statistical golden ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def regenerate():
    return _load_regenerator()


@pytest.fixture(scope="module")
def reference(regenerate) -> dict:
    assert regenerate.STATISTICAL.exists(), "no statistical reference: run `.venv/bin/python tests/regenerate_golden.py --statistical --reason ...`"
    return json.loads(regenerate.STATISTICAL.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_model_means_match_the_statistical_reference(regenerate):
    problems = regenerate.statistical_check()
    assert not problems, (
        f"the model's means moved ({len(problems)}); if intended, run `.venv/bin/python tests/regenerate_golden.py --statistical --reason ...`:\n  "
        + "\n  ".join(problems[:40])
    )


def test_statistical_reference_holds_the_design(regenerate, reference):
    """8 seeds at 50,000 agents, both scenarios, every indicator at months 12, 36, 60 and 120 (calendar months of 2017-2026)."""
    design = reference["design"]
    assert design == {
        "agents": 50_000,
        "seeds": list(range(1, 9)),
        "months": [12, 36, 60, 120],
        "z": regenerate.Z,
        "indicators": list(regenerate.STAT_INDICATORS),
    }
    assert len(design["seeds"]) >= 8 and design["agents"] >= 50_000
    assert set(reference["scenarios"]) == {"baseline", "combined_70m"}
    for scenario in reference["scenarios"].values():
        for indicator in design["indicators"]:
            by_month = scenario["indicators"][indicator]
            expected = [(12, "2017-12", 8), (36, "2019-12", 8), (60, "2021-12", 8), (120, "2026-12", 8)]
            assert sorted((int(m), v["month"], v["n"]) for m, v in by_month.items()) == expected
            assert all(v["se"] >= 0 and v["mean"] == v["mean"] for v in by_month.values())
    baseline = reference["scenarios"]["baseline"]["indicators"]
    assert all(v["mean"] == 0 and v["se"] == 0 for v in baseline["programme_cost"].values()), "the baseline spends nothing"
    combined_cost = reference["scenarios"]["combined_70m"]["indicators"]["programme_cost"]
    assert combined_cost["12"]["mean"] == 0, "combined_70m's first lever starts in 2018-02"
    assert all(combined_cost[m]["se"] > 0 for m in ("36", "60", "120"))
    assert 0 < baseline["active"]["120"]["se"] < 0.02 * baseline["active"]["120"]["mean"]


def test_the_statistical_comparison_flags_a_mean_that_moved(regenerate, reference):
    """The reference against itself passes; a mean moved by 5 standard errors of the difference fails (naming it), by 4 passes;
    a missing indicator, a missing scenario and a changed design fail."""
    assert regenerate.statistical_problems(reference, reference) == []
    for shift, flagged in ((5.0, True), (4.0, False), (-5.0, True)):
        moved = copy.deepcopy(reference)
        cell = moved["scenarios"]["combined_70m"]["indicators"]["active_bpu"]["60"]
        cell["mean"] += shift * 2**0.5 * cell["se"]  # the same se on both sides: the difference's se is se x sqrt 2
        problems = regenerate.statistical_problems(reference, moved)
        assert (problems != []) == flagged, (shift, problems)
        if flagged:
            assert len(problems) == 1 and re.match(rf"combined_70m active_bpu 2021-12: .*{re.escape(f'{shift:+.1f}')} standard errors", problems[0]), problems
    zero_se = copy.deepcopy(reference)
    zero_se["scenarios"]["baseline"]["indicators"]["programme_cost"]["36"]["mean"] = 1.0  # the baseline spent something
    assert len(regenerate.statistical_problems(reference, zero_se)) == 1
    missing = copy.deepcopy(reference)
    del missing["scenarios"]["baseline"]["indicators"]["lapses"]
    assert len(regenerate.statistical_problems(reference, missing)) == 4
    del missing["scenarios"]["combined_70m"]
    assert "combined_70m: not sampled" in regenerate.statistical_problems(reference, missing)
    other = copy.deepcopy(reference)
    other["design"]["seeds"] = [1, 2, 3]
    assert regenerate.statistical_problems(reference, other)[0].startswith("the design changed")


def _isolated(regenerate, monkeypatch, tmp_path, problems: list[str]):
    golden, log = tmp_path / "baseline_summary.json", tmp_path / "REGENERATED.md"
    golden.write_text("untouched", encoding="utf-8")
    monkeypatch.setattr(regenerate, "GOLDEN", golden)
    monkeypatch.setattr(regenerate, "LOG", log)
    monkeypatch.setattr(regenerate, "STATISTICAL", tmp_path / "statistical_reference.json")
    monkeypatch.setattr(regenerate, "statistical_check", lambda progress=False: problems)
    monkeypatch.setattr(regenerate, "golden_summary", lambda: {"final": {"active": 1e6}, "run": {"end": "2018-12"}})
    return golden, log


def test_regenerating_needs_a_reason(regenerate, capsys):
    for argv in ([], ["--statistical"]):
        with pytest.raises(SystemExit) as exc:
            regenerate.main(argv)
        assert exc.value.code == 2
    with pytest.raises(SystemExit):
        regenerate.main(["--reason", "  "])
    assert "--reason" in capsys.readouterr().err


def test_the_exact_golden_is_not_rewritten_while_the_statistical_golden_fails(regenerate, monkeypatch, tmp_path, capsys):
    golden, log = _isolated(regenerate, monkeypatch, tmp_path, ["baseline active 2026-12: ..."])
    assert regenerate.main(["--reason", "draws reordered"]) == 1
    assert golden.read_text(encoding="utf-8") == "untouched" and not log.exists()
    assert "refusing to rewrite the exact golden" in capsys.readouterr().err


def test_the_exact_golden_is_rewritten_and_the_reason_logged_when_the_statistical_golden_passes(regenerate, monkeypatch, tmp_path):
    golden, log = _isolated(regenerate, monkeypatch, tmp_path, [])
    monkeypatch.setattr(regenerate, "git_commit", lambda: "abc1234")
    assert regenerate.main(["--reason", "draws reordered in labour_market"]) == 0
    assert json.loads(golden.read_text(encoding="utf-8"))["final"]["active"] == 1e6
    entry = log.read_text(encoding="utf-8").split("\n## ")[-1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d: exact golden \(commit abc1234\)\n\ndraws reordered in labour_market\n", entry), entry
    assert regenerate.main(["--reason", "second"]) == 0
    assert log.read_text(encoding="utf-8").count("\n## ") == 2, "entries are appended"
