"""Nested settings addressed by dotted keys (``"population.agents"``): set, flatten, merge.

Scenario overrides, experiment and calibration settings, the report's list of levers and the
calibrated scenario's differences all speak of parameters this way.
"""

from collections.abc import Callable
from typing import Any

from enrolsim.core.errors import InputError


def set_path(
    data: dict[str, Any], dotted: str, value: Any, source: Callable[[tuple[str, ...]], str] | None = None, error: type[InputError] = InputError
) -> None:
    """Set ``data[a][b][c] = value`` for ``dotted == "a.b.c"``, creating dictionaries on the way.

    ``source(loc)`` names the file to blame when a section on the way is not a mapping (raised as ``error``).
    """
    *parents, leaf = dotted.split(".")
    node: Any = data
    for depth, key in enumerate(parents):
        if isinstance(node, list) and not (key.isdigit() and int(key) < len(node)):  # only an item of a list, e.g. shocks.0.start
            loc = tuple(parents[:depth])
            raise error(source(loc) if source else "overrides", ".".join(parents[: depth + 1]), f"{key!r} is not an item of the list (it has {len(node)})")
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        if not isinstance(node, dict | list):
            loc = tuple(parents[: depth + 1])
            where = source(loc) if source else "overrides"
            raise error(where, ".".join(loc), f"{node!r} is not a section (expected keys and values)")
    if isinstance(node, list):
        if not (leaf.isdigit() and int(leaf) < len(node)):
            where = source(tuple(parents)) if source else "overrides"
            raise error(where, dotted, f"{leaf!r} is not an item of the list (it has {len(node)})")
        node[int(leaf)] = value
    else:
        node[leaf] = value


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` as ``{"a.b": 1}`` (lists and other values are leaves)."""
    if not isinstance(data, dict):
        return {prefix.rstrip("."): data}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``base``, section by section (a child's list or value replaces the base's)."""
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged
