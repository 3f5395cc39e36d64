"""The small integer codes stored in the worker columns.

Codes are ``int8`` so a million workers cost a megabyte per column; the enums give them names
for readers, tests and reports.

Compare a column with a member's ``.value`` (``w.status == Status.ACTIVE.value``), not the member
itself: numpy takes an ``IntEnum`` member for a strong int64 scalar and widens the whole int8
column to compare it, 12 times slower than with a plain int (0.36 against 0.03 ms a million rows).
"""

from enum import IntEnum

import numpy as np


class Segment(IntEnum):
    """Where a worker earns a living this month."""

    PERMANENT = 0  # formal wage earner on a permanent contract (PKWTT)
    CONTRACT = 1  # formal wage earner on a fixed-term contract (PKWT)
    INFORMAL = 2  # informal own-account worker
    PLATFORM = 3  # platform partner: ride-hailing driver, courier, online seller
    CONSTRUCTION = 4  # construction-project worker (Jasa Konstruksi)
    UNEMPLOYED = 5


class Status(IntEnum):
    """A worker's standing with BPJS Ketenagakerjaan: exactly one at any time."""

    NEVER = 0  # never registered
    ACTIVE = 1  # contributions being paid
    INACTIVE = 2  # registered, contributions stopped, account (and JHT balance) kept
    WITHDRAWN = 3  # JHT balance taken out: the account is closed


class Scheme(IntEnum):
    """Who pays for a participant: the last channel through which the worker was active."""

    NONE = 0
    PU = 1  # wage earner, paid by the employer (Penerima Upah)
    BPU = 2  # non-wage worker (Bukan Penerima Upah), paying for themselves or paid for by a third party


class Payer(IntEnum):
    """Who collects a BPU participant's contribution; each has its own chance of a missed month."""

    SELF = 0  # the worker pays at a counter, by transfer or in the app
    PERISAI = 1  # a Perisai agent collects
    PLATFORM = 2  # the platform deducts from earnings (or pays part)
    LOCAL_GOVERNMENT = 3  # the district pays (subsidy for vulnerable workers)
    SPONSOR = 4  # a Sertakan sponsor pays
    PROGRAMME = 5  # a third party of the status quo pays: a district or village budget (APBD, APBDes) or a company programme


class ExitCause(IntEnum):
    """Why an active participant stopped being active, or why a wage earner last left a job.

    The agency counts an exit for every cause but ``ARREARS`` (an employer that stops paying and later
    resumes is not a participant leaving); JHT claims are reported by the cause of the job's end.
    """

    NONE = 0
    MOVE = 1  # left for other work: a job seeker taking another job (wage earners do not quit; see RESIGN_TO_WITHDRAW)
    CONTRACT_END = 2  # a fixed-term contract ended unrenewed
    LAYOFF = 3  # dismissed (PHK), or the job closed
    RESIGN_TO_WITHDRAW = 4  # resigned in order to take the JHT balance
    CLOSURE = 5  # the employer closed
    BPU_LAPSE = 6  # a non-wage participant stopped paying
    ARREARS = 7  # the employer fell into arrears long enough
    RETIREMENT = 8  # reached the pension age, or died


SEGMENT_NAMES: tuple[str, ...] = tuple(s.name.lower() for s in Segment)
NON_WAGE_SEGMENTS = (Segment.INFORMAL, Segment.PLATFORM)


#: Payers who pay for the participant (a district, a sponsor, a programme); the others collect the participant's own money.
THIRD_PARTY_PAYERS = (Payer.LOCAL_GOVERNMENT, Payer.SPONSOR, Payer.PROGRAMME)
_THIRD_PARTY = np.isin(np.arange(len(Payer)), THIRD_PARTY_PAYERS)


def is_third_party(payer: np.ndarray) -> np.ndarray:
    """Which of ``payer`` codes are third parties paying for the participant (a lookup, one gather)."""
    return _THIRD_PARTY[payer]


def is_non_wage(segment: np.ndarray) -> np.ndarray:
    """Which of ``segment`` are non-wage work (informal own-account or platform): the workers who
    may enrol voluntarily (BPU), and whom outreach seeks."""
    informal, platform = (s.value for s in NON_WAGE_SEGMENTS)
    return (segment == informal) | (segment == platform)
