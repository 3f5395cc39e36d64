"""Reading scenario files: YAML, ``extends:`` chains, overrides, and messages a person can act on."""

import copy
from pathlib import Path
from typing import Any

from enrolsim.core.errors import ScenarioError
from enrolsim.core.files import read_mapping
from enrolsim.core.settings import merge, set_path
from enrolsim.core.shipped import locate
from enrolsim.core.strict import validated
from enrolsim.scenario.schema import Scenario


def load_scenario(path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Read, merge and validate a scenario file.

    ``path`` is a file, or the name of a shipped scenario (``baseline``, ``lessons/classroom``).
    ``overrides`` maps dotted key paths (``"population.agents"``) to values applied after the
    ``extends`` chain is merged, and validated with everything else. An error is blamed on the
    file of the chain that wrote the bad key (a parent's mistake names the parent).
    """
    path = locate(path, "scenario", ScenarioError)
    files: list[tuple[str, dict[str, Any]]] = []
    data = _read_chain(path, (), files)
    if overrides:  # the files must be right on their own: an option that replaces a bad value does not hide it
        _validated(copy.deepcopy(data), path, files)
    for key, value in (overrides or {}).items():
        set_path(data, key, value, source=lambda loc: _blame(files, loc), error=ScenarioError)
    return _validated(data, path, files)


def _validated(data: dict[str, Any], path: Path, files: list[tuple[str, dict[str, Any]]]) -> Scenario:
    """``data`` as a scenario; an error is blamed on the file of the chain that wrote the bad key."""
    try:
        return validated(Scenario, data, str(path), ScenarioError)
    except ScenarioError as exc:
        raise ScenarioError(_blame(files, tuple(_key_parts(exc.key))), exc.key, exc.problem) from None


def validate(data: dict[str, Any], source: str) -> Scenario:
    """Validate merged scenario data; raise :class:`ScenarioError` naming the first bad key."""
    return validated(Scenario, data, source, ScenarioError)


def with_overrides(scenario: Scenario, overrides: dict[str, Any], source: str = "overrides") -> Scenario:
    """A copy of ``scenario`` with dotted-path overrides, validated again."""
    data = scenario.model_dump(mode="json")
    for key, value in overrides.items():
        set_path(data, key, value, source=lambda loc: source, error=ScenarioError)
    return validate(data, source)


def _key_parts(key: str) -> list[str | int]:
    """A key path as written (``"shocks.0.start"``) back as its parts, list indexes as integers."""
    return [int(part) if part.isdigit() else part for part in key.split(".")] if key else []


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
    data = read_mapping(path, ScenarioError)
    parent = data.pop("extends", None)
    files.append((str(path), data))
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ScenarioError(str(path), "extends", f"{parent!r} is not a file name")
    base = _read_chain(_parent_file(path, parent), (*seen, resolved), files)
    return merge(base, data)


def _parent_file(path: Path, parent: str) -> Path:
    """The file that ``extends: parent`` in ``path`` names: the file beside ``path``, or else the shipped scenario
    of that name (``firm_sizes.yaml`` or ``firm_sizes``), so that a scenario of one's own, saved anywhere, can
    extend a shipped one by name, as the command line can run one."""
    beside = path.parent / parent
    if beside.exists():
        return beside
    name = parent.removesuffix(".yaml").removesuffix(".yml")
    try:
        return locate(name, "scenario", ScenarioError)
    except ScenarioError:
        raise ScenarioError(str(path), "extends", f"{parent!r}: no such file beside it ({beside}), and no shipped scenario of that name") from None
