"""A parameter's value in words with its unit: ``6,000 agents``, ``Rp1.0 trillion a year``, ``2% a month``.

The report's lever lines and the classroom app's sliders show values this way, in English or
Bahasa Indonesia. The unit is the one the scenario schema gives the parameter (``param(unit=...)``),
so a policy reader sees what an analyst's ``subsidy_budget: 1e12`` means without the schema at
hand. A unit this module does not know is written after the number as it is; a choice (a unit
written ``a | b | c``) is shown by the words of its value.
"""

import math
from typing import Any

from enrolsim.texts.report import MONTHS

#: language -> unit -> (template for one, template for other numbers); {n} is the number, {p} a percentage, {rp} rupiah
UNIT_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "rupiah": ("{rp}", "{rp}"),
        "rupiah/month": ("{rp} a month", "{rp} a month"),
        "rupiah/year": ("{rp} a year", "{rp} a year"),
        "agents": ("{n} agent", "{n} agents"),
        "agents/month": ("{n} agent a month", "{n} agents a month"),
        "persons": ("{n} person", "{n} persons"),
        "persons/month": ("{n} person a month", "{n} persons a month"),
        "months": ("{n} month", "{n} months"),
        "years": ("{n} year", "{n} years"),
        "letters": ("{n} warning letter", "{n} warning letters"),
        "1/month": ("{p} a month", "{p} a month"),
        "1/year": ("{p} a year", "{p} a year"),
        "share": ("{p}", "{p}"),
        "probability": ("{p}", "{p}"),
        "share of wage": ("{p} of the wage", "{p} of the wage"),
        "0-1": ("{n} on a scale of 0 to 1", "{n} on a scale of 0 to 1"),
        "ratio": ("\u00d7{n}", "\u00d7{n}"),
        "exponent": ("{n}", "{n}"),
    },
    "id": {
        "rupiah": ("{rp}", "{rp}"),
        "rupiah/month": ("{rp} per bulan", "{rp} per bulan"),
        "rupiah/year": ("{rp} per tahun", "{rp} per tahun"),
        "agents": ("{n} agen", "{n} agen"),
        "agents/month": ("{n} agen per bulan", "{n} agen per bulan"),
        "persons": ("{n} orang", "{n} orang"),
        "persons/month": ("{n} orang per bulan", "{n} orang per bulan"),
        "months": ("{n} bulan", "{n} bulan"),
        "years": ("{n} tahun", "{n} tahun"),
        "letters": ("{n} surat peringatan", "{n} surat peringatan"),
        "1/month": ("{p} per bulan", "{p} per bulan"),
        "1/year": ("{p} per tahun", "{p} per tahun"),
        "share": ("{p}", "{p}"),
        "probability": ("{p}", "{p}"),
        "share of wage": ("{p} dari upah", "{p} dari upah"),
        "0-1": ("{n} pada skala 0 sampai 1", "{n} pada skala 0 sampai 1"),
        "ratio": ("\u00d7{n}", "\u00d7{n}"),
        "exponent": ("{n}", "{n}"),
    },
}

#: Words of the values of choices (platform modes, inspection targeting, JHT rules), yes/no and no month.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "none": "none",
        "promotion": "promotion",
        "default_enrolment": "default enrolment",
        "payroll_deduction": "deduction from earnings",
        "copayment": "co-payment",
        "random": "at random",
        "risk": "by risk of non-compliance",
        "five_years": "after five years of membership",
        "one_month": "one month after leaving work",
        "age_56": "only at age 56",
        "yes": "yes",
        "no": "no",
        "from_start": "from the start of the run",
    },
    "id": {
        "none": "tidak ada",
        "promotion": "promosi",
        "default_enrolment": "pendaftaran otomatis",
        "payroll_deduction": "potong pendapatan",
        "copayment": "iuran bersama",
        "random": "acak",
        "risk": "menurut risiko ketidakpatuhan",
        "five_years": "setelah lima tahun kepesertaan",
        "one_month": "satu bulan setelah berhenti bekerja",
        "age_56": "hanya pada usia 56",
        "yes": "ya",
        "no": "tidak",
        "from_start": "sejak awal simulasi",
    },
}

SCALES = ((1e12, {"en": "trillion", "id": "triliun"}), (1e9, {"en": "billion", "id": "miliar"}), (1e6, {"en": "million", "id": "juta"}))


def plain(value: float, lang: str, most: int = 4) -> str:
    """``value`` with thousands separators and as few decimals as it needs (at most ``most``): ``6,000``, ``0.075``."""
    digits = next((d for d in range(most + 1) if math.isclose(round(value, d), value, rel_tol=1e-9, abs_tol=1e-12)), most)
    shown = f"{value:,.{digits}f}"
    return shown.replace(",", "\x00").replace(".", ",").replace("\x00", ".") if lang == "id" else shown


def percent(value: float, lang: str) -> str:
    """A share as a percentage with the decimals it needs: ``7.5%``, ``0.5%``, ``30%``."""
    return f"{plain(round(100 * value, 6), lang, 3)}%"


def money(value: float, lang: str) -> str:
    """Rupiah for a setting: ``Rp1.0 trillion``, ``Rp2.5 billion``, ``Rp500 million``, ``Rp35,000``."""
    for scale, names in SCALES:
        if abs(value) >= scale:
            x = value / scale
            shown = plain(x, lang, 3)
            if x == int(x) and abs(x) < 10:  # "Rp1.0 trillion": a round figure still reads as an amount
                shown = f"{int(x)}{',' if lang == 'id' else '.'}0"
            return f"Rp{shown} {names[lang]}"
    return f"Rp{plain(value, lang, 2)}"


def month_name(month: str, lang: str) -> str:
    """``"2026-12"`` as ``"December 2026"`` or ``"Desember 2026"``."""
    year, number = month.split("-")
    return f"{MONTHS[lang][int(number) - 1]} {year}"


def choice_words(value: str, lang: str) -> str:
    """The words of a choice's value (the value itself if it has none)."""
    return CHOICE_WORDS.get(lang, CHOICE_WORDS["en"]).get(value) or CHOICE_WORDS["en"].get(value, value)


def in_unit(value: Any, unit: str, lang: str) -> str:
    """``value`` of a parameter whose schema unit is ``unit``, in words of ``lang``."""
    if value is None:
        return choice_words("from_start", lang) if unit == "YYYY-MM" else "\u2013"
    if isinstance(value, bool):
        return choice_words("yes" if value else "no", lang)
    if unit == "YYYY-MM" and isinstance(value, str):
        return month_name(value, lang)
    if isinstance(value, str):
        return choice_words(value, lang)
    if not isinstance(value, int | float):
        return str(value)
    words = UNIT_WORDS.get(lang, UNIT_WORDS["en"]).get(unit)
    if words is None:
        return f"{plain(value, lang)} {unit}".strip()
    one, other = words
    template = one if value == 1 else other
    return template.format(n=plain(value, lang), p=percent(value, lang), rp=money(value, lang))


#: A unit's name in the assumptions tables of a report in Bahasa Indonesia (English: the schema's unit as it is). A choice
#: (``a | b``) and a month (``YYYY-MM``) are left as they are: their values are the words a scenario file holds.
UNIT_NAMES_ID: dict[str, str] = {
    "0-1": "skala 0-1",
    "1/month": "per bulan",
    "1/year": "per tahun",
    "agents": "agen",
    "agents | full": "agen | full",
    "agents/month": "agen per bulan",
    "class": "kelas",
    "count": "jumlah",
    "exponent": "pangkat",
    "letters": "surat peringatan",
    "list": "daftar",
    "log": "log",
    "log-odds": "log-odds",
    "months": "bulan",
    "persons": "orang",
    "persons/month": "orang per bulan",
    "persons/year": "orang per tahun",
    "probability": "peluang",
    "ratio": "rasio",
    "rupiah": "rupiah",
    "rupiah/month": "rupiah per bulan",
    "rupiah/year": "rupiah per tahun",
    "share": "porsi",
    "share of wage": "porsi dari upah",
    "text": "teks",
    "units": "unit",
    "year": "tahun",
    "years": "tahun",
    "yes/no": "ya/tidak",
}

#: How the schema's sources open when a value is the project's own choice, and the Indonesian for it.
ASSUMPTION = ("assumption", "asumsi")


def unit_name(unit: str, lang: str) -> str:
    """The name of a schema unit in ``lang`` (``persons/month``: ``orang per bulan``)."""
    return UNIT_NAMES_ID.get(unit, unit) if lang == "id" else unit


def source_words(source: str, lang: str) -> str:
    """A schema source in ``lang``: in Bahasa Indonesia an assumption is called one (``asumsi; ...``); the
    citations after it (documents, laws, papers) keep the words they are published under."""
    english, indonesian = ASSUMPTION
    if lang == "id" and source.startswith(english):
        return indonesian + source[len(english) :]
    return source
