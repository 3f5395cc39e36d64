"""Which region (the map's province) a worker row belongs to, without a column of regions.

Rows are in village order and a region's villages are consecutive, so region ``r`` is the rows
``first_row[r] : first_row[r + 1]``. A binary search among the regions' first rows answers for any
row, but a month asks it of every row it moves, several times over, and at scattered rows each
search costs about 15 ns. Cut the rows into blocks of ``2**shift`` rows, no longer than the shortest
region: a block then holds at most one region's start, so a row's region is its block's first
row's, plus one if the row is at or past the next region's start. Two lookups in tables of a few
hundred entries, the same answer.
"""

from dataclasses import dataclass

import numpy as np

#: Regions shorter than this many rows (a small run on the map) make the blocks too many: search instead.
MIN_BLOCK_ROWS = 64


@dataclass(frozen=True)
class RegionLookup:
    """The tables of :meth:`of`; built by :meth:`build` from the regions' first rows."""

    shift: int  # blocks of 2**shift rows
    block_region: np.ndarray  # the region of each block's first row (intp)
    next_start: np.ndarray  # the first row after each region (intp)

    @classmethod
    def build(cls, first_row: np.ndarray) -> "RegionLookup | None":
        """The lookup for regions ``first_row[r] : first_row[r + 1]`` (``first_row[0]`` is 0); None if a region has
        fewer than :data:`MIN_BLOCK_ROWS` rows (an empty one breaks the one-start-a-block rule)."""
        first_row = np.asarray(first_row, dtype=np.intp)
        shortest = int(np.diff(first_row).min()) if first_row.size > 1 else 0
        if shortest < MIN_BLOCK_ROWS or first_row[0] != 0:  # the first region starts at row 0, as the model's do
            return None
        shift = shortest.bit_length() - 1  # 2**shift <= the shortest region
        block_start = np.arange(0, int(first_row[-1]), 1 << shift, dtype=np.intp)
        block_region = np.searchsorted(first_row, block_start, side="right") - 1
        return cls(shift=shift, block_region=block_region, next_start=first_row[1:].copy())

    def of(self, rows: np.ndarray) -> np.ndarray:
        """The region of each of ``rows`` (intp), as ``np.searchsorted(first_row, rows, side="right") - 1``, for
        integer rows ``0 <= row < first_row[-1]`` (worker rows)."""
        region = np.take(self.block_region, rows >> self.shift)
        region += rows >= np.take(self.next_start, region)
        return region
