"""Reading scenario files: YAML, ``extends:`` chains, overrides, and messages a person can act on."""

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from enrolsim.core.errors import ScenarioError
from enrolsim.scenario.schema import Scenario


def load_scenario(path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Read, merge and validate a scenario file.

    ``overrides`` maps dotted key paths (``"population.agents"``) to values applied after the
    ``extends`` chain is merged, and validated with everything else. An error is blamed on the
    file of the chain that wrote the bad key (a parent's mistake names the parent).
    """
    path = Path(path)
    files: list[tuple[str, dict[str, Any]]] = []
    data = _read_chain(path, (), files)
    for key, value in (overrides or {}).items():
        set_path(data, key, value, source=lambda loc: _blame(files, loc))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        loc = exc.errors(include_url=False)[0]["loc"]
        raise _to_scenario_error(exc, _blame(files, loc)) from None


def validate(data: dict[str, Any], source: str) -> Scenario:
    """Validate merged scenario data; raise :class:`ScenarioError` naming the first bad key."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise _to_scenario_error(exc, source) from None


def with_overrides(scenario: Scenario, overrides: dict[str, Any], source: str = "overrides") -> Scenario:
    """A copy of ``scenario`` with dotted-path overrides, validated again."""
    data = scenario.model_dump(mode="json")
    for key, value in overrides.items():
        set_path(data, key, value, source=lambda loc: source)
    return validate(data, source)


def set_path(data: dict[str, Any], dotted: str, value: Any, source: Any = None) -> None:
    """Set ``data[a][b][c] = value`` for ``dotted == "a.b.c"``, creating dictionaries on the way.

    ``source(loc)`` names the file to blame when a section on the way is not a mapping.
    """
    *parents, leaf = dotted.split(".")
    node = data
    for depth, key in enumerate(parents):
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            loc = tuple(parents[: depth + 1])
            where = source(loc) if source else "overrides"
            raise ScenarioError(where, ".".join(loc), f"{node!r} is not a section (expected keys and values)")
    node[leaf] = value


def _blame(files: list[tuple[str, dict[str, Any]]], loc: tuple) -> str:
    """The file of an ``extends`` chain (child first) that wrote the key path ``loc``, or the child."""
    for name, raw in files:
        node: Any = raw
        for part in loc:
            if (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
                node = node[part]
            else:
                break
        else:
            return name
    for name, raw in files:  # a whole section or list written by one file
        if loc and isinstance(raw, dict) and loc[0] in raw:
            return name
    return files[0][0]


def _read_chain(path: Path, seen: tuple[Path, ...], files: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The merged data of ``path`` and the files it extends; ``files`` collects each file's own data."""
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(p.name for p in (*seen, resolved))
        raise ScenarioError(str(path), "extends", f"cycle of extends: {chain}")
    data = _read_yaml(path)
    parent = data.pop("extends", None)
    files.append((str(path), data))
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ScenarioError(str(path), "extends", f"{parent!r} is not a file name")
    base = _read_chain(path.parent / parent, (*seen, resolved), files)
    return _merge(base, data)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "no such file") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(str(path), "", f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ScenarioError(str(path), "", f"cannot be read ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "unreadable"
        raise ScenarioError(str(path), "", f"invalid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ScenarioError(str(path), "", "expected a mapping of keys to values at the top level")
    return data


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _to_scenario_error(exc: ValidationError, source: str) -> ScenarioError:
    error = exc.errors(include_url=False)[0]
    key = ".".join(str(part) for part in error["loc"])
    value = error.get("input")
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_keys(error["loc"][:-1]))
        problem = f"unknown key (expected one of: {allowed})"
    elif kind == "missing":
        problem = "missing value"
    elif kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        problem = _range_problem(error)
    elif kind == "value_error":
        problem = str(error["ctx"]["error"])
    else:
        problem = f"{value!r}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return ScenarioError(source, key, problem)


def _field_at(loc: tuple) -> tuple[type[BaseModel] | None, str | None]:
    """The model class holding the field at ``loc`` and the field's name."""
    model: type[BaseModel] = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None, None
        model = inner
    leaf = loc[-1]
    return (model, leaf) if isinstance(leaf, str) and leaf in model.model_fields else (None, None)


def _range_problem(error: dict[str, Any]) -> str:
    """``"7.5 is not between 0 and 1"`` when the field has both bounds, else the bound broken."""
    model, name = _field_at(error["loc"])
    lo = hi = None
    if model is not None:
        for meta in model.model_fields[name].metadata:
            lo = getattr(meta, "ge", lo)
            hi = getattr(meta, "le", hi)
    value = error.get("input")
    if lo is not None and hi is not None:
        return f"{value!r} is not between {lo} and {hi}"
    ctx = error.get("ctx", {})
    symbols = {"ge": ">=", "le": "<=", "gt": ">", "lt": "<"}
    bound = next((f"{symbols[k]} {v}" for k, v in ctx.items() if k in symbols), "in range")
    return f"{value!r} is not {bound}"


def _allowed_keys(loc: tuple) -> list[str]:
    model: type[BaseModel] = Scenario
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return []
        model = inner
    return sorted(model.model_fields)
