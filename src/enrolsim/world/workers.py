"""Workers as columns: one numpy array per attribute, one row per worker agent.

A national run has millions of workers, so they are never Python objects (docs/architecture.md):
every monthly rule is a vectorised expression over these arrays or over an index array of the
rows it concerns. Compact dtypes keep a worker's columns near 62 bytes (``Workers.nbytes``).

Subsets of index arrays are taken through ``np.flatnonzero(mask)``, not the boolean mask itself:
numpy's boolean indexing is four to five times slower on the scattered masks of tens of
thousands of rows that the monthly rules produce (130 against 30 microseconds for 30,000).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from itertools import pairwise

import numpy as np

from enrolsim.core.codes import Segment, Status

NO_MONTH = np.int16(-32768)  # "never" in month columns
NO_END = np.int16(32767)  # a contract that does not end (permanent work)
N_SEGMENTS = len(Segment)

#: Rows of one block of whole-column work (``blocks``): 32,768 rows, 128 kB of float32, so the few
#: work arrays of a block stay in the core's own cache between the steps of an expression.
BLOCK = 1 << 15


#: Rows of one block of a pass that only tests and counts (``rows_where``, the indicators' counts): a few
#: steps a block, so fewer, larger blocks (less Python at a million workers) whose masks of 128 kB still
#: stay in the core's cache.
MASK_BLOCK = 4 * BLOCK

#: Populations of at least ``PACK_FROM`` and fewer than ``PACK_BELOW`` workers keep their columns in one
#: allocation backed by huge pages (``Workers._pack``): below, all columns fit the address cache anyway;
#: from ``PACK_BELOW`` (every one-byte column 4 MiB or more) numpy asks for huge pages for each column
#: itself, and a copy of the columns would add to a national run's peak memory.
PACK_FROM, PACK_BELOW = 1 << 17, 1 << 22


def blocks(n: int, size: int = BLOCK) -> Iterator[slice]:
    """Consecutive slices of at most ``size`` rows (:data:`BLOCK` by default) covering rows ``0..n-1``.

    A rule that makes several elementwise passes over whole columns (``a = f(x); a *= y; z += a``)
    runs them block by block: each pass then reads its inputs from the cache instead of from
    memory, about twice as fast at a million rows. Elementwise results are the same bit for bit;
    sums are still taken over whole columns, as numpy's pairwise summation depends on the blocking.
    """
    return (slice(start, min(start + size, n)) for start in range(0, n, size))


def rows_where(n: int, test: Callable[[slice], np.ndarray]) -> np.ndarray:
    """``np.flatnonzero(test(slice(0, n)))``, the rows ``0..n-1`` passing ``test``, a block at a time.

    ``test`` takes a slice of rows and returns their mask. A test of whole columns makes a mask of a
    byte a worker: at a national 1:1 run 112 MB of fresh pages, which the kernel zeroes every time
    (freed masks that large go back to the system), and a month makes dozens of them. A block's mask
    stays in the cache and is reused by the allocator. The same rows, in increasing order.
    """
    if n <= MASK_BLOCK:
        return np.flatnonzero(test(slice(0, n)))
    found = []
    for rows in blocks(n, MASK_BLOCK):
        block_rows = np.flatnonzero(test(rows))
        block_rows += rows.start  # in place: a dense block's rows are a megabyte
        found.append(block_rows)
    return np.concatenate(found)


def unique_rows(rows: np.ndarray) -> np.ndarray:
    """The distinct entries of an index array, in increasing order: ``np.unique(rows)``, by sorting.

    numpy 2.3+ finds unique integers by hashing, which on tens of thousands of scattered rows is
    10-15 times slower than a sort followed by dropping repeats (15 ms against 1 ms for 60,000).
    """
    rows = np.sort(rows, axis=None)
    if rows.size < 2:
        return rows
    keep = np.empty(rows.size, dtype=bool)
    keep[0] = True
    np.not_equal(rows[1:], rows[:-1], out=keep[1:])
    return rows[np.flatnonzero(keep)]


@dataclass(eq=False)
class Workers:
    """The worker columns. Month columns count months from the model's start (month 0)."""

    segment: np.ndarray  # int8, Segment
    village: np.ndarray  # int32; district = village // villages_per_district
    group: np.ndarray  # int32, peer group = village * N_SEGMENTS + segment (kept in step with segment)
    birth_month: np.ndarray  # int16, negative: months before the start
    income: np.ndarray  # float32, rupiah a month
    risk: np.ndarray  # int8, occupational risk class 0..4
    literacy: np.ndarray  # float32, 0..1
    trust_settled: np.ndarray  # float32: trust at the last settlement of the village drift (world/drift.py, ``model.drift``)
    perceived_risk_settled: np.ndarray  # float32: perceived risk at the last settlement
    employer: np.ndarray  # int32, -1 for none
    employer_registered: np.ndarray  # bool, the current employer registered this worker
    status: np.ndarray  # int8, Status
    scheme: np.ndarray  # int8, Scheme of the latest active spell
    bpu_jht: np.ndarray  # bool, a BPU participant who also takes JHT
    steady_payer: np.ndarray  # bool, a person who pays BPU contributions steadily (contributions.bpu_steady_share)
    contribution_months: np.ndarray  # int16
    jht_balance: np.ndarray  # float32, rupiah per person
    months_unpaid: np.ndarray  # int8, consecutive unpaid months (BPU)
    contract_end: np.ndarray  # int16, month a fixed-term contract ends; NO_END for none
    enrolled_month: np.ndarray  # int16, month of the latest entry into ACTIVE
    left_job_month: np.ndarray  # int16, month the worker last left wage work
    payer: np.ndarray  # int8, Payer: who collects the BPU contribution
    recruiter: np.ndarray  # int16, the Perisai corps that recruited the worker, -1 for none
    paid_until: np.ndarray  # int16, last month a sponsor or subsidy pays (payer SPONSOR / LOCAL_GOVERNMENT)
    last_employer: np.ndarray  # int32, the employer of the last wage job, -1 for none (callbacks)
    last_registered: np.ndarray  # bool, that employer had registered the worker
    leave_cause: np.ndarray  # int8, ExitCause: why the last wage job ended
    casual: np.ndarray  # bool, on a casual contract, or doing informal work between casual contracts

    def __post_init__(self) -> None:
        if PACK_FROM <= self.size < PACK_BELOW:
            self._pack()
        self._group_sizes: np.ndarray | None = None  # members of each peer group, kept by set_segment
        self._active_in_group: np.ndarray | None = None  # active members of each peer group, kept by set_status and set_segment
        self._scratch: dict[tuple[str, np.dtype], np.ndarray] = {}

    def _pack(self) -> None:
        """Move every column into one allocation, so that the kernel backs them with huge pages.

        The moves of a month (hires, departures, changes of status) read and write a few tens of
        thousands of scattered rows in each of a dozen columns. With 4 kB pages each such access
        is likely to miss the processor's address cache (TLB), which holds about 8 MB of 4 kB pages
        against some 60 MB of columns at a million workers: a page-table walk per access. numpy asks
        the kernel for 2 MB pages (``madvise``) only for arrays of 4 MiB or more, so below about four
        million workers most columns get none; one allocation of all of them does, and 60 MB then
        take 30 TLB entries (the month's CPU time at a million workers: docs/performance.md). Contents,
        dtypes and so results are unchanged.
        """
        columns = [(f.name, getattr(self, f.name)) for f in fields(self)]
        offsets = np.cumsum([0] + [-(-column.nbytes // 64) * 64 for _, column in columns])  # each column on a cache line
        arena = np.empty(int(offsets[-1]) + 64, dtype=np.uint8)
        arena = arena[-arena.ctypes.data % 64 :]
        for (name, column), start in zip(columns, offsets[:-1], strict=True):
            packed = arena[start : start + column.nbytes].view(column.dtype)
            packed[...] = column
            setattr(self, name, packed)

    @property
    def size(self) -> int:
        """Number of worker agents."""
        return self.segment.size

    def group_sizes(self, n_groups: int) -> np.ndarray:
        """Workers in each peer group: counted once, then kept up to date by :meth:`set_segment`.

        Segments (and so groups) change only through ``set_segment``, which already keeps ``group``
        in step; counting a million rows every month would cost more than all the moves.
        """
        if self._group_sizes is None or self._group_sizes.size != n_groups:
            self._group_sizes = np.bincount(self.group, minlength=n_groups)
        return self._group_sizes

    def active_in_group(self, n_groups: int) -> np.ndarray:
        """Active workers in each peer group: counted once, then kept up to date by :meth:`set_status`
        and :meth:`set_segment` (the peer shares and the indicators read it every month)."""
        if self._active_in_group is None or self._active_in_group.size != n_groups:
            self._active_in_group = np.bincount(self.group[np.flatnonzero(self.status == Status.ACTIVE.value)], minlength=n_groups)
        return self._active_in_group

    def set_status(self, idx: np.ndarray, status: Status, were_active: bool | None = None) -> None:
        """Give workers ``idx`` (each listed once) a status; every status change goes through here.

        Keeps the active count of each peer group in step, so that no month has to count them.
        ``were_active``, when the caller knows it, says that all of ``idx`` are active now (True)
        or none of them is (False); it saves looking.
        """
        counts = self._active_in_group
        becoming_active = status == Status.ACTIVE
        if counts is not None and were_active is not becoming_active:
            changing = idx if were_active is not None else idx[np.flatnonzero((self.status[idx] == Status.ACTIVE.value) != becoming_active)]
            moved = np.bincount(self.group[changing], minlength=counts.size)
            if becoming_active:
                counts += moved
            else:
                counts -= moved
        self.status[idx] = status

    def active_codes(self, codes: np.ndarray) -> np.ndarray:
        """``codes`` (say ``scheme`` or ``payer``) of active workers, 0 for the others, in a work array.

        One multiply masks the column, so each code is then counted or selected with one compare.
        """
        return np.multiply(codes, self.status == Status.ACTIVE.value, out=self.scratch("codes", np.int8))

    def between_casual_contracts(self, among: np.ndarray | None = None) -> np.ndarray:
        """Rows of those doing informal work between casual contracts, in increasing order (one pass over two columns).

        ``among``: rows in increasing order that hold every such worker (those between casual contracts
        earlier in the month, when nobody can have joined them since): only they are looked at.
        """
        if among is not None:
            return among[np.flatnonzero((self.segment[among] == Segment.INFORMAL.value) & self.casual[among])]
        mask = np.equal(self.segment, Segment.INFORMAL.value, out=self.scratch("between", bool))  # a kept work array: no fresh pages
        return np.flatnonzero(np.logical_and(mask, self.casual, out=mask))

    def teach(self, rows: np.ndarray, gain: float) -> None:
        """Campaigns, outreach and lessons close a share ``gain`` of ``rows``' gap to full literacy."""
        self.literacy[rows] += np.float32(gain) * (1 - self.literacy[rows])

    def block_scratch(self, name: str, dtype: type = np.float32) -> np.ndarray:
        """A reusable work array of :data:`BLOCK` values (contents undefined), for work done by :func:`blocks`;
        the same rules as :meth:`scratch`."""
        key = ("block " + name, np.dtype(dtype))
        array = self._scratch.get(key)
        if array is None:
            array = self._scratch[key] = np.empty(BLOCK, dtype=dtype)
        return array

    def scratch(self, name: str, dtype: type = np.float32) -> np.ndarray:
        """A reusable work array of one value per worker (contents undefined), kept between months.

        Full-population temporaries allocated afresh every month cost page faults that can take
        longer than the arithmetic; a process that needs one borrows it here by a name of its own
        and must not hold it across a call to another process's code.
        """
        key = (name, np.dtype(dtype))
        array = self._scratch.get(key)
        if array is None or array.size != self.size:
            array = self._scratch[key] = np.empty(self.size, dtype=dtype)
        return array

    @property
    def nbytes(self) -> int:
        """Bytes held by all columns."""
        return sum(getattr(self, f.name).nbytes for f in fields(self))

    def set_segment(self, idx: np.ndarray, segment: np.ndarray | int) -> np.ndarray:
        """Move workers to a segment, keeping their peer group (and the groups' sizes) in step.

        ``idx`` lists each worker once. Returns their new peer groups, ``village * N_SEGMENTS +
        segment``: a caller that needs the movers' villages divides them instead of looking up
        another column at these scattered rows.
        """
        old = self.group[idx]
        new = old // N_SEGMENTS * N_SEGMENTS  # the village's first group, village * N_SEGMENTS
        new += segment
        self.segment[idx] = segment
        self.group[idx] = new
        for counts, moving in ((self._group_sizes, slice(None)), (self._active_in_group, np.flatnonzero(self.status[idx] == Status.ACTIVE.value))):
            if counts is not None:
                counts -= np.bincount(old[moving], minlength=counts.size)
                counts += np.bincount(new[moving], minlength=counts.size)
        return new

    def segment_sizes(self) -> np.ndarray:
        """Workers in each segment (from the groups' sizes when they are kept)."""
        if self._group_sizes is not None:
            return self._group_sizes.reshape(-1, N_SEGMENTS).sum(axis=0)
        return np.array([np.count_nonzero(self.segment == s) for s in range(N_SEGMENTS)], dtype=np.int64)

    def segment_sizes_in(self, first_village: np.ndarray, first_row: np.ndarray) -> np.ndarray:
        """Workers in each segment of each block of consecutive villages (block b: villages first_village[b] to
        first_village[b + 1], rows first_row[b] to first_row[b + 1]): blocks x segments."""
        if self._group_sizes is not None:
            return np.add.reduceat(self._group_sizes.reshape(-1, N_SEGMENTS), first_village[:-1], axis=0)
        return np.stack([np.bincount(self.segment[a:b], minlength=N_SEGMENTS) for a, b in pairwise(first_row)]).astype(np.int64)
