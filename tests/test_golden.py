"""The golden baseline (issue 2, "Show" 6; docs/architecture.md "A golden baseline").

A small fixed-seed run of ``scenarios/baseline.yaml`` (5,000 agents, 24 months, seed 7), reduced to
rounded final indicator values and flow totals, must equal ``tests/golden/baseline_summary.json``.
Any change of behaviour (a process, a default, the order of random draws) fails this test.

If the change is intended, regenerate the file deliberately and commit it with the change, giving
the reason in the commit message::

    .venv/bin/python tests/regenerate_golden.py

New indicators (columns) are reported as differences too, so adding one also means regenerating.
"""

import importlib.util
import json

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
