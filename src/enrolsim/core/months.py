"""Calendar months as ``"YYYY-MM"`` strings outside the model and as integers inside it.

The model counts months from its start (month 0); scenarios and reports speak in calendar
months. Keeping the conversion in one place avoids off-by-one errors between the two.
"""

import re

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> int:
    """Return the absolute month number (year * 12 + month - 1) of ``"YYYY-MM"``."""
    match = _MONTH.match(str(text))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{text!r} is not a month written YYYY-MM")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def format_month(absolute: int) -> str:
    """Inverse of :func:`parse_month`."""
    return f"{absolute // 12:04d}-{absolute % 12 + 1:02d}"


def year_of(absolute: int) -> int:
    """Calendar year of an absolute month number."""
    return absolute // 12
