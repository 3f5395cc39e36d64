"""BPS Sakernas (August of each year) as an input: the informal share of employment, the size of the
labour force and its open unemployment, month by month.

Read from the shipped ``data/labour_force.csv``. August values are joined linearly. Between August
2019 and August 2020 each series is held at its 2019 value until March 2020 and then moves to the 2020
value: the step is the pandemic, which began in March 2020, not a trend that started in September
2019. Beyond the first and last August the informal share is held; the labour force grows at the
scenario's ``labour_force_growth``.
"""

import csv
from functools import cache, lru_cache

import numpy as np

from enrolsim.core.shipped import folder
from enrolsim.scenario.people import Population

AUGUST = 7  # month index (0-based) of Sakernas's August survey
PANDEMIC_FROM = 2020 * 12 + 2  # March 2020: the 2020 step of each series starts here


@cache
def _column(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Years and August values of one column of ``data/labour_force.csv`` (sorted by year; years without a value left out)."""
    with open(folder("data") / "labour_force.csv", encoding="utf-8", newline="") as file:
        rows = [(int(r["year"]), float(r[name])) for r in csv.DictReader(file) if r[name]]
    rows.sort()
    return np.array([y for y, _ in rows], dtype=float), np.array([v for _, v in rows])


def informal_shares() -> tuple[np.ndarray, np.ndarray]:
    """Years and August informal shares of employment from ``data/labour_force.csv`` (sorted by year)."""
    return _column("informal_share")


def _survey_time(calendar_month: int) -> float:
    """An absolute month (``year * 12 + month - 1``) on the surveys' time axis, where August of year y is y,
    with the year from August 2019 held at 2019 until March 2020 and then stretched to reach August 2020."""
    t = (calendar_month - AUGUST) / 12
    if 2019 <= t < 2020:
        since = calendar_month - PANDEMIC_FROM
        t = 2019 if since < 0 else 2019 + (since + 1) / (2020 * 12 + AUGUST - PANDEMIC_FROM + 1)
    return t


def informal_share(calendar_month: int) -> float:
    """Sakernas's informal share of employment in an absolute month (``year * 12 + month - 1``)."""
    years, shares = informal_shares()
    return float(np.interp(_survey_time(calendar_month), years, shares))


@lru_cache(maxsize=4096)  # read by ``represents`` many times a month; a run asks for a few hundred months
def labour_force(calendar_month: int, growth: float, less: float = 0.0) -> float:
    """Sakernas's labour force less ``less`` persons (those outside the model: civil servants, military,
    police) in an absolute month; before its first and after its last August that count grows at ``growth``
    a year from the August's (Sakernas has no labour force for 2015 and before here)."""
    years, millions = _column("labour_force_million")
    persons = millions * 1e6 - less
    t = _survey_time(calendar_month)
    if t < years[0]:
        return float(persons[0] * (1 + growth) ** (t - years[0]))
    if t > years[-1]:
        return float(persons[-1] * (1 + growth) ** (t - years[-1]))
    return float(np.interp(t, years, persons))


def labour_force_growth(population: Population, start_month: int, calendar_month: int) -> float:
    """The eligible labour force in ``calendar_month`` over the start's, as the scenario's population grows it
    (``labour_force_path``): a worker agent stands for that many times more persons than at the start, since
    the labour force grows and the agents do not."""
    if population.labour_force_path == "sakernas":  # Sakernas's labour force, less those outside the model
        growth, outside = population.labour_force_growth, population.outside_formal
        return labour_force(calendar_month, growth, outside) / labour_force(start_month, growth, outside)
    return (1 + population.labour_force_growth) ** ((calendar_month - start_month) / 12)


def unemployment_rate(calendar_month: int) -> float | None:
    """Sakernas's open unemployment (1 - employed / labour force) in an absolute month, or None before the first
    August with both counts (2016); held at the last August's after it."""
    lf_years, labour = _column("labour_force_million")
    employed_years, employed = _column("employed_million")
    years = np.intersect1d(lf_years, employed_years)
    rates = 1 - employed[np.searchsorted(employed_years, years)] / labour[np.searchsorted(lf_years, years)]
    t = _survey_time(calendar_month)
    return None if t < years[0] else float(np.interp(t, years, rates))
