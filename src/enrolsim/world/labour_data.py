"""BPS Sakernas (August of each year) as an input: the informal share of employment month by month.

Read from the shipped ``data/labour_force.csv``. August values are joined linearly and held beyond
the first and last year. Between August 2019 and August 2020 the share is held at its 2019 value
until March 2020 and then moves to the 2020 value: the step is the pandemic, which began in March
2020, not a trend that started in September 2019.
"""

import csv
from functools import cache

import numpy as np

from enrolsim.core.shipped import folder

AUGUST = 7  # month index (0-based) of Sakernas's August survey
PANDEMIC_FROM = 2020 * 12 + 2  # March 2020: the informal share starts its 2020 step here


@cache
def informal_shares() -> tuple[np.ndarray, np.ndarray]:
    """Years and August informal shares of employment from ``data/labour_force.csv`` (sorted by year)."""
    with open(folder("data") / "labour_force.csv", encoding="utf-8", newline="") as file:
        rows = [(int(r["year"]), float(r["informal_share"])) for r in csv.DictReader(file) if r["informal_share"]]
    rows.sort()
    return np.array([y for y, _ in rows], dtype=float), np.array([s for _, s in rows])


def informal_share(calendar_month: int) -> float:
    """Sakernas's informal share of employment in an absolute month (``year * 12 + month - 1``)."""
    years, shares = informal_shares()
    t = (calendar_month - AUGUST) / 12  # August of year y is t == y
    if 2019 <= t < 2020:  # held until the pandemic, then the step to August 2020
        since = calendar_month - PANDEMIC_FROM
        t = 2019 if since < 0 else 2019 + (since + 1) / (2020 * 12 + AUGUST - PANDEMIC_FROM + 1)
    return float(np.interp(t, years, shares))
