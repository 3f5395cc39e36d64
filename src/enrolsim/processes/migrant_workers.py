"""PMI: migrant workers placed abroad, covered for their placement, a stock of persons apart from the worker rows.

Migrant workers abroad are not in the domestic labour force. Since August 2017 (Permenaker 7/2017)
their protection is with BPJS Ketenagakerjaan: each month's placements are covered (``coverage``)
for ``months_covered`` months. Placements are a constant a month unless a year's are given
(``placements_by_year``: the history's 2020 suspension and recovery). The stock is the sum of the placements of the last months covered;
placements covered are new participants and covers that end are exits in the agency's count.
"""

from enrolsim.core.months import parse_month, year_of
from enrolsim.state import ModelState


def _covered(model: ModelState, calendar_month: int) -> float:
    """Placements covered in an absolute month (persons): the year's placements a twelfth a month where listed."""
    m = model.params.migrant_workers
    if calendar_month < parse_month(m.covered_from):
        return 0.0
    year = year_of(calendar_month)
    placements = m.placements_by_year[year] / 12 if year in m.placements_by_year else m.placements_per_month
    return model.params.population.national(placements) * m.coverage


def start_migrant_workers(model: ModelState) -> None:
    """The placements still covered at the start (those of the months before it)."""
    size = model.pmi_by_month.size
    for back in range(1, size + 1):
        model.pmi_by_month[(model.calendar_month - back) % size] = _covered(model, model.calendar_month - back)


def migrant_workers(model: ModelState) -> None:
    """This month's placements are covered; those of ``months_covered`` months ago end."""
    slot = model.calendar_month % model.pmi_by_month.size
    model.pmi_left = float(model.pmi_by_month[slot])
    model.pmi_new = _covered(model, model.calendar_month)
    model.pmi_by_month[slot] = model.pmi_new
