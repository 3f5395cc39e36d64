"""The classroom app's village map: what the browser needs to draw it, and little else.

Why a small Vue component (``map.vue``) instead of a chart library: the map has one square a
household (5,000 at classroom scale), and sending their coordinates every month as a chart
specification cost about 70 ms and 300 kB a step. Workers never move village, so the layout
(which square belongs to which worker) is fixed for a model and worked out here once; every month
the browser gets only the households' statuses as one digit each, in layout order, plus a dozen
tiles and the Perisai markers. The browser draws the squares and, on hover, sends back the
household's place in the layout, which :attr:`MapLayout.order` turns into the worker's row.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from enrolsim.core.codes import Status
from enrolsim.institutions.perisai import PerisaiAgent
from enrolsim.model import EnrolmentModel

STATUS_NAMES = tuple(s.name.lower() for s in Status)  # the digit sent for a household is its Status
STATUS_COLOURS = ("#c8c8c8", "#2e7d32", "#f2a900", "#c62828")  # never, active, inactive, withdrawn
#: ColorBrewer "Greens" (as Vega's ``greens`` scheme), spread over coverage 0 to COVERAGE_TOP
GREENS = ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b")
COVERAGE_TOP = 0.6


@dataclass(frozen=True)
class MapLayout:
    """Where each household sits: villages are tiles of ``side`` x ``side`` squares, ``across`` tiles a row.

    Household ``i`` of the layout is worker row ``order[i]``; the households of village ``v`` are
    the ``sizes[v]`` after those of villages ``0..v-1``, filling its tile row by row.
    """

    across: int
    side: int
    order: np.ndarray
    sizes: tuple[int, ...]

    @property
    def pitch(self) -> int:
        """Squares from one tile's corner to the next (the tile and a gap of two)."""
        return self.side + 2

    def tile_corner(self, village: int) -> tuple[int, int]:
        """The grid square at the top left of ``village``'s tile."""
        return (village % self.across) * self.pitch, (village // self.across) * self.pitch

    def geometry(self) -> dict[str, object]:
        """What the browser needs to place the squares (sent when the model changes, not monthly)."""
        return {"across": self.across, "side": self.side, "pitch": self.pitch, "sizes": list(self.sizes)}

    def row_of(self, index: int) -> int | None:
        """The worker row of the household at ``index`` in the layout (None if out of range)."""
        return int(self.order[index]) if 0 <= index < self.order.size else None


def map_layout(model: EnrolmentModel) -> MapLayout:
    """The layout of ``model``'s households: village by village, a landscape block of tiles."""
    villages = model.workers.village
    n_villages = int(model.village_sizes.size)
    sizes = np.bincount(villages, minlength=n_villages)
    return MapLayout(
        across=int(np.ceil(np.sqrt(n_villages * 4 / 3))),
        side=int(np.ceil(np.sqrt(max(int(sizes.max(initial=0)), 1)))),
        order=np.argsort(villages, kind="stable"),
        sizes=tuple(int(s) for s in sizes),
    )


def status_digits(model: EnrolmentModel, layout: MapLayout) -> str:
    """Each household's status as one digit, in layout order (5 kB at classroom scale)."""
    return (model.workers.status[layout.order].astype(np.uint8) + ord("0")).tobytes().decode("ascii")


def coverage_colour(coverage: float) -> str:
    """The tile colour of a village's coverage (share of its workers active), by linear steps of GREENS."""
    position = min(max(coverage / COVERAGE_TOP, 0.0), 1.0) * (len(GREENS) - 1)
    low = min(int(position), len(GREENS) - 2)
    t = position - low
    a, b = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in (GREENS[low], GREENS[low + 1]))
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def village_coverage(model: EnrolmentModel) -> np.ndarray:
    """Share of each village's workers who are active."""
    w = model.workers
    n = int(model.village_sizes.size)
    active = np.bincount(w.village[w.status == Status.ACTIVE.value], minlength=n)
    return active / np.maximum(np.bincount(w.village, minlength=n), 1)


def tiles(model: EnrolmentModel, layout: MapLayout, label: Callable[[int, float], str]) -> list[dict[str, object]]:
    """One tile a village: corner, colour by coverage and a tooltip ``label(village, coverage)``."""
    out = []
    for v, c in enumerate(village_coverage(model)):
        x, y = layout.tile_corner(v)
        out.append({"x": x, "y": y, "fill": coverage_colour(float(c)), "label": label(v, float(c))})
    return out


def perisai_markers(model: EnrolmentModel, layout: MapLayout, label: Callable[[PerisaiAgent], str]) -> list[dict[str, object]]:
    """A marker at the corner of every village a working Perisai corps covers, sized by its members.

    ``size`` is the triangle's half-width in grid squares: larger corps, larger marks.
    """
    per_district = model.params.population.villages_per_district
    corps = [a for a in model.agents_by_type.get(PerisaiAgent, []) if a.members > 0]
    largest = max((a.members for a in corps), default=1.0)
    out = []
    for agent in corps:
        size = round(0.8 + 1.4 * agent.members / largest, 2)
        text = label(agent)
        for v in range(agent.district * per_district, (agent.district + 1) * per_district):
            x, y = layout.tile_corner(v)
            out.append({"x": x + layout.side, "y": y, "size": size, "label": text})
    return out
