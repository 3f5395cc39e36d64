"""Scenario settings in words for policy readers: ``Perisai agents — Agents the agency aims to have: 6,000 agents``.

``report.html`` names every lever this way and shows no dotted key; ``report.md`` and
``comparison.xlsx`` give the key beside the words, for analysts. The English meaning and the unit of
a setting come from the scenario schema (:func:`~enrolsim.scenario.parameters.parameter_rows`, so
the words cannot drift from the code), the Indonesian meaning and the lever groups' names from
``texts/levers.py``, and the value is written in its unit by :func:`~enrolsim.texts.in_unit`.
"""

from functools import cache
from typing import Any

from pydantic import BaseModel

from enrolsim.core.strict import model_at
from enrolsim.scenario.parameters import parameter_rows
from enrolsim.scenario.schema import Scenario
from enrolsim.texts import LEVER_GROUPS, LEVER_NAMES_ID, LEVER_START, OTHER_NAMES_ID, in_unit

LEVERS = "strategies."


@cache
def schema_rows() -> dict[str, dict[str, Any]]:
    """The schema's rows (meaning, unit, source, ...) by dotted key."""
    return {row["key"]: row for row in parameter_rows()}


def lever_keys() -> list[str]:
    """Every dotted key of a strategy lever setting in the schema."""
    return [key for key in schema_rows() if key.startswith(LEVERS)]


def group_name(key: str, lang: str) -> str | None:
    """The name of the lever group a setting belongs to (``Perisai agents``); ``None`` outside ``strategies``."""
    return LEVER_GROUPS.get(lang, LEVER_GROUPS["en"]).get(key.rsplit(".", 1)[0]) if key.startswith(LEVERS) else None


def _field(key: str) -> tuple[str, str]:
    """Meaning and unit of ``key``: a schema row, or a field of a list's items (``jht.regimes.rule``)."""
    row = schema_rows().get(key)
    if row is not None:
        return row["meaning"], row["unit"]
    *path, leaf = key.split(".")
    holder: type[BaseModel] | None = model_at(Scenario, tuple(path))
    if holder is not None and leaf in holder.model_fields:
        info = holder.model_fields[leaf]
        return info.description or leaf, str((info.json_schema_extra or {}).get("unit", ""))
    return key, ""


def meaning(key: str, lang: str) -> str:
    """What the setting ``key`` is, in ``lang`` (English: the schema's description)."""
    if key.startswith(LEVERS) and key.endswith(".start"):
        return LEVER_START.get(lang, LEVER_START["en"])
    if lang == "id":
        name = LEVER_NAMES_ID.get(key) or OTHER_NAMES_ID.get(key)
        if name:
            return name
    return _field(key)[0]


def unit_of(key: str) -> str:
    """The schema's unit of ``key``."""
    return _field(key)[1]


def value_words(key: str, value: Any, lang: str) -> str:
    """``value`` of ``key`` in words with its unit; a list of rules as ``first; second`` with each field in words."""
    if isinstance(value, list):
        items = []
        for n, item in enumerate(value, start=1):
            if isinstance(item, dict):
                fields = ", ".join(f"{meaning(f'{key}.{k}', lang)}: {value_words(f'{key}.{k}', v, lang)}" for k, v in item.items())
                items.append(f"({n}) {fields}")
            else:
                items.append(value_words(key, item, lang))
        return "; ".join(items)
    return in_unit(value, unit_of(key), lang)


def setting_words(key: str, value: Any, lang: str) -> str:
    """One setting for a policy reader: ``Perisai agents — Agents the agency aims to have: 6,000 agents``."""
    group = group_name(key, lang)
    head = f"{group} \u2014 {meaning(key, lang)}" if group else meaning(key, lang)
    return f"{head}: {value_words(key, value, lang)}"
