"""Every word shown to a person, in English (``en``) and Bahasa Indonesia (``id``): one catalogue, one lookup.

``text(lang, key, **values)`` returns a label or sentence of the comparison's report (``texts/report.py``),
of the validation's report and figure (``texts/validation.py``), of the frontier's figure and table
(``texts/frontier.py``) or of the classroom app (``texts/app.py``);
``count(lang, key, n)`` a number with its noun, one or many. A key missing in a language falls back to English, and a key
missing everywhere is returned as it is (a forgotten translation shows, never crashes). Numbers,
rupiah, persons, shares and months are written in the language's convention (English 70,123.4;
Indonesian 70.123,4).
"""

import math

from enrolsim.texts.app import APP
from enrolsim.texts.frontier import FRONTIER
from enrolsim.texts.levers import LEVER_GROUPS, LEVER_NAMES_ID, LEVER_START, OTHER_NAMES_ID
from enrolsim.texts.report import COLUMN_STEMS, DOMAIN_FIGURES, MONTHS, NOTES, REPORT, SEGMENT_LABELS, SUFFIXES
from enrolsim.texts.units import choice_words, in_unit, money, month_name, percent, plain, source_words, unit_name
from enrolsim.texts.validation import VALIDATION

#: Language codes and their names, in the order the app offers them.
LANGUAGES: dict[str, str] = {"en": "English", "id": "Bahasa Indonesia"}

#: The one catalogue: language -> key -> template (the app's, the comparison's, the validation's and the frontier's keys are distinct).
TEXT: dict[str, dict[str, str]] = {lang: {**REPORT[lang], **APP[lang], **VALIDATION[lang], **FRONTIER[lang]} for lang in LANGUAGES}


def text(lang: str, key: str, **values: object) -> str:
    """The label or sentence ``key`` in ``lang`` (English if missing there), with ``values`` filled in."""
    template = TEXT.get(lang, {}).get(key) or TEXT["en"].get(key) or key
    return template.format(**values) if values else template


def count(lang: str, key: str, n: int) -> str:
    """``n`` with its noun in ``lang``: the template ``{key}_one`` for one, ``{key}_other`` for any other number."""
    return text(lang, f"{key}_one" if n == 1 else f"{key}_other", n=number(n, lang))


def column(name: str, lang: str) -> str:
    """Header of ``comparison.csv`` column ``name`` (English) in ``lang``; a column without a translation keeps its name."""
    if lang == "en":
        return name
    for suffix, local in SUFFIXES.items():
        if name.endswith(f"_{suffix}") and name[: -len(suffix) - 1] in COLUMN_STEMS:
            return f"{COLUMN_STEMS[name[: -len(suffix) - 1]]}_{local}"
    return COLUMN_STEMS.get(name, name)


def number(value: float, lang: str, digits: int = 0) -> str:
    """``value`` with thousands separators in the convention of ``lang`` (``1,234.5`` / ``1.234,5``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text(lang, "not_applicable")
    if math.isinf(value):
        return text(lang, "infinite") if value > 0 else "-\u221e"
    shown = f"{value:,.{digits}f}"
    if lang == "id":
        shown = shown.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return shown


def persons(value: float, lang: str) -> str:
    """A number of persons for reading: ``70.1 million`` / ``70,1 juta`` (or ``812,000``)."""
    if value is None or not math.isfinite(value):
        return number(value, lang)
    if abs(value) >= 1e6:
        return f"{number(value / 1e6, lang, 2)} {text(lang, 'million')}"
    return number(round(value, -2) if abs(value) >= 1e4 else value, lang)


def rupiah(value: float, lang: str) -> str:
    """Rupiah for reading: ``Rp1.25 trillion`` / ``Rp1,25 triliun``, ``Rp640 billion``, ``Rp35,000``."""
    if value is None or not math.isfinite(value):
        return number(value, lang)
    sign = "-" if value < 0 else ""
    size = abs(value)
    if size >= 1e12:
        return f"{sign}Rp{number(size / 1e12, lang, 2)} {text(lang, 'trillion')}"
    if size >= 1e9:
        return f"{sign}Rp{number(size / 1e9, lang, 1)} {text(lang, 'billion')}"
    return f"{sign}Rp{number(size, lang)}"


def share(value: float, lang: str, digits: int = 0, *, signed: bool = False) -> str:
    """A share as a percentage with ``digits`` decimals: ``45%``, ``8.3%`` / ``8,3%``; ``+158.5%`` when ``signed`` (a
    difference, as the validation's "simulated vs observed"). No figure (NaN) is written as the tables write it."""
    if value is None or not math.isfinite(value):
        return number(value, lang)
    shown = number(100 * value, lang, digits)
    return f"{'+' if signed and not shown.startswith('-') else ''}{shown}%"


__all__ = [
    "DOMAIN_FIGURES",
    "LANGUAGES",
    "LEVER_GROUPS",
    "LEVER_NAMES_ID",
    "LEVER_START",
    "MONTHS",
    "NOTES",
    "OTHER_NAMES_ID",
    "SEGMENT_LABELS",
    "TEXT",
    "choice_words",
    "column",
    "count",
    "in_unit",
    "money",
    "month_name",
    "number",
    "percent",
    "persons",
    "plain",
    "rupiah",
    "share",
    "source_words",
    "text",
    "unit_name",
]
