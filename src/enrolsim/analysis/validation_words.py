"""The validation's findings in sentences, in the report's language: the answers of "In short" and the command's line.

These sentences are what a reader forwards (how well the model did over the fitted years, what after
them can and cannot be checked, the outlook against the target, what the model misses), so they are
built here from the tables alone, apart from the report's layout, with every word from the catalogue
(``texts/validation.py``) and every number, share and month in the language's convention. A figure of
``data/`` is named by its indicator's and segment's words; a code without words is shown as written.
"""

import pandas as pd

from enrolsim.analysis.validation_tables import FIT_END, FITTED_YEARS, MISS
from enrolsim.texts import TEXT, count, month_name, number, share, text

#: Indicators of the labour market (Sakernas): after the fitted years the history follows them by design.
LABOUR = ("labour_force", "unemployment_rate", "informal_share")


def code_words(lang: str, kind: str, code: str, default: str) -> str:
    """The words of a code of ``data/`` (``kind``: indicator, segment or unit), or ``default`` when the catalogue has none."""
    key = f"val_{kind}_{code}"
    return text(lang, key) if key in TEXT["en"] else default


def figure_words(row: pd.Series, lang: str) -> str:
    """An indicator and its segment in words: ``active participants, BPU`` / ``peserta aktif, BPU``."""
    indicator = str(row["indicator"])
    words = code_words(lang, "indicator", indicator, indicator.replace("_", " "))
    segment = str(row["segment"])
    return words if segment.lower() == "all" else f"{words}, {code_words(lang, 'segment', segment.lower(), segment)}"


def not_simulated(points: pd.DataFrame, lang: str) -> list[str]:
    """The figures the model has no counterpart of (a gap in what it represents, as a reader should know), with their month."""
    rows = points[points["model"].fillna("").eq("")]
    return sorted({f"{figure_words(row, lang)} ({str(row['date'])[:7]})" for _, row in rows.iterrows()})


def fit_sentence(points: pd.DataFrame, lang: str) -> str:
    """The fitted years in words: the typical error and how many points were within :data:`MISS`, fitted and checked apart."""
    shown = points[points["simulated"].notna()]
    fitted = shown[shown["use"] == "fitted"]
    checks = shown[(shown["use"] == "check") & (shown["month"] <= FIT_END)]
    miss = share(MISS, lang)
    sentence = text(
        lang,
        "val_fit",
        years=FITTED_YEARS,
        median=share(fitted["relative_error"].abs().median(), lang, 1),
        n=number(len(fitted), lang),
        within=number(int((fitted["relative_error"].abs() <= MISS).sum()), lang),
        miss=miss,
    )
    if len(checks):
        sentence += text(
            lang,
            "val_fit_checks",
            count=count(lang, "val_n_other_figure", len(checks)),
            median=share(checks["relative_error"].abs().median(), lang, 1),
            within=number(int((checks["relative_error"].abs() <= MISS).sum()), lang),
            miss=miss,
        )
    return sentence


def after_fit_sentence(points: pd.DataFrame, lang: str) -> str:
    """What after the fitted years is checked against observations, and what is not: the limit of the outlook's evidence."""
    later = points[(points["month"] > FIT_END) & points["use"].isin(("check", "input")) & points["simulated"].notna()]
    participants = later[~later["indicator"].isin(LABOUR)]
    labour = later[later["indicator"].isin(LABOUR)]
    year = FIT_END[:4]
    if len(participants):
        sentence = text(
            lang,
            "val_after_checked",
            count=count(lang, "val_n_participant_figure", len(participants)),
            year=year,
            median=share(participants["relative_error"].abs().median(), lang, 1),
        )
    else:
        sentence = text(lang, "val_after_unchecked", year=year, next=int(year) + 1)
    if len(labour):
        largest = share(labour["relative_error"].abs().max(), lang, 1)
        sentence += text(lang, "val_after_labour", count=count(lang, "val_n_labour_figure", len(labour)), year=year, largest=largest)
    return sentence


def outlook_words(o: dict[str, float], runs: int, lang: str) -> str:
    """The outlook for a reader: the mean, both ranges, the gap to the target and how many runs reached it."""
    millions = lambda value: number(value / 1e6, lang, 1)  # noqa: E731
    gap = o["mean"] - o["target"]
    reached = round(o["share_reaching"] * runs)
    return text(
        lang,
        "val_outlook",
        mean=millions(o["mean"]),
        chance=f"{millions(o['active_chance_p5'])}-{millions(o['active_chance_p95'])}",
        parameter=f"{millions(o['active_parameter_p5'])}-{millions(o['active_parameter_p95'])}",
        side=text(lang, "val_short_of", gap=millions(-gap)) if gap < 0 else text(lang, "val_above", gap=millions(gap)),
        target=number(o["target"] / 1e6, lang),
        reached=text(lang, "val_none_reached") if reached == 0 else number(reached, lang),
        runs=count(lang, "val_n_run", runs),
    )


def outlook_sentence(o: dict[str, float]) -> str:
    """Active participants in the outlook's month with both intervals, and how often the target is reached: the command's line
    on the terminal, in English whatever the report's language (as ``enrolsim compare``'s)."""
    chance = f"{o['active_chance_p5'] / 1e6:.2f}-{o['active_chance_p95'] / 1e6:.2f}"
    parameters = f"{o['active_parameter_p5'] / 1e6:.2f}-{o['active_parameter_p95'] / 1e6:.2f}"
    return (
        f"{o['mean'] / 1e6:.2f} million active in {o['month']} (chance {chance}, parameters {parameters});"
        f" {o['target'] / 1e6:.0f} million reached in {100 * o['share_reaching']:.0f}% of runs"
    )


def miss_sentence(missed: pd.DataFrame, lang: str) -> str:
    """How many observations the model misses, and the largest (see :func:`enrolsim.analysis.validation_tables.misses`)."""
    miss = share(MISS, lang)
    if missed.empty:
        return text(lang, "val_no_miss", miss=miss)
    top = missed.iloc[0]
    return text(
        lang,
        "val_miss_one" if len(missed) == 1 else "val_miss_other",
        count=count(lang, "val_n_observation", len(missed)),
        miss=miss,
        figure=figure_words(top, lang),
        month=month_name(top["month"], lang),
        error=share(top["relative_error"], lang, 0, signed=True),
    )
