"""Comparing the model with a published figure by the model's own uncertainty, not a fixed wide band.

A published figure is a value and the range it stands for: an exact count (144,745 members) stands
for itself; "about 4,000" for the numbers that round to it at its last non-zero digit (3,500 to
4,500), and a source may say more (the agency's "about 4,000 agents, 3,500 of them active").

The model's figure is the mean over replications (seeds) with its standard error. The model matches
the published figure when the published range meets the mean +- 3 standard errors. Where it does
not, the test is marked ``xfail(strict=True)`` with the miss measured when it was written (so a
model that comes to match the figure is noticed), and a companion check keeps the miss from
growing: the mean may not be further from the published value than the recorded miss plus 3
standard errors.

- ``Figure(name, value, source, low=..., high=..., miss=..., note=...)``; ``about(value, source)``
  fills the range by rounding (``unit_of_written`` reads the unit from the figure as written);
  ``exact(value, source)``;
- ``Spread.of(values)``: mean, standard error and number of replications;
- ``matches(spread, figure)`` / ``miss_no_larger(spread, figure)``: the two assertions;
- ``params(figures)``: ``pytest.param`` per figure, xfail (strict) for those with a recorded miss.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pytest

#: Standard errors either side of the model's mean.
K = 3.0


@dataclass(frozen=True)
class Figure:
    """A published figure: ``value``, the range ``low``-``high`` it stands for, and the model's recorded miss (relative), if it misses."""

    name: str
    value: float
    source: str
    low: float
    high: float
    miss: float | None = None
    note: str = ""  # what the model gave when the miss was recorded

    def missed(self, miss: float, note: str) -> "Figure":
        return Figure(self.name, self.value, self.source, self.low, self.high, miss, note)


def exact(name: str, value: float, source: str) -> Figure:
    return Figure(name, value, source, value, value)


def about(name: str, value: float, source: str, *, unit: float | None = None, low: float | None = None, high: float | None = None) -> Figure:
    """ "About ``value``": the numbers that round to it at its last non-zero digit (8% -> 7.5-8.5%, 4,000 -> 3,500-4,500),
    or at ``unit`` when the source writes more digits (19.0 million: ``unit`` 0.1 million)."""
    half = 0.5 * (unit_of_last_digit(value) if unit is None else unit)
    return Figure(name, value, source, value - half if low is None else low, value + half if high is None else high)


def unit_of_last_digit(value: float) -> float:
    """10 ** the position of the last non-zero digit of ``value`` (4,000 -> 1,000; 0.08 -> 0.01; 5 -> 1; 144,745 -> 1)."""
    if value == 0:
        return 0.0
    digits = f"{abs(value):.12g}"
    mantissa, _, exponent = digits.partition("e")
    whole, _, fraction = mantissa.partition(".")
    fraction = fraction.rstrip("0")
    power = -len(fraction) if fraction else len(whole) - len(whole.rstrip("0"))
    return 10.0 ** (power + (int(exponent) if exponent else 0))


def unit_of_written(text: str) -> float:
    """The unit of the last digit of a number as written ("19.0" -> 0.1, "34.17" -> 0.01, "144745" -> 1)."""
    text = text.strip()
    return 10.0 ** -len(text.partition(".")[2]) if "." in text else unit_of_last_digit(float(text))


def fmt(value: float) -> str:
    """A figure for a message: millions as "22.8m", others with thousands separators."""
    return f"{value / 1e6:,.4g}m" if abs(value) >= 1e6 else f"{value:,.6g}"


@dataclass(frozen=True)
class Spread:
    """Mean and standard error of a model figure over ``n`` replications."""

    mean: float
    se: float
    n: int

    @classmethod
    def of(cls, values: Iterable[float]) -> "Spread":
        v = np.asarray(list(values), dtype=float)
        assert v.size >= 2 and np.isfinite(v).all(), v
        return cls(float(v.mean()), float(v.std(ddof=1) / math.sqrt(v.size)), int(v.size))

    def describe(self) -> str:
        return f"{fmt(self.mean)} +- {K:g} x {fmt(self.se)} (n={self.n})"

    def z_against(self, other: "Spread") -> float:
        """The difference of the two means in standard errors of that difference (Welch's two-sample z)."""
        return (self.mean - other.mean) / math.hypot(self.se, other.se)


def matches(spread: Spread, figure: Figure) -> None:
    """The published range meets the model's mean +- 3 standard errors."""
    low, high = spread.mean - K * spread.se, spread.mean + K * spread.se
    assert high >= figure.low and low <= figure.high, (
        f"{figure.name}: model {spread.describe()} misses {fmt(figure.value)} ({fmt(figure.low)}-{fmt(figure.high)}, {figure.source}) "
        f"by {spread.mean / figure.value - 1:+.1%}"
        if figure.value
        else f"{figure.name}: model {spread.describe()} misses 0"
    )


def miss_no_larger(spread: Spread, figure: Figure) -> None:
    """The model is no further from the published value than the recorded miss, give or take 3 standard errors, and
    on the same side of it (a miss that turned from -54% to +54% is a different model, not the same miss)."""
    assert figure.miss is not None
    allowed = abs(figure.miss * figure.value) + K * spread.se
    same_side = (spread.mean - figure.value) * figure.miss >= 0 or abs(spread.mean - figure.value) <= K * spread.se
    assert same_side and abs(spread.mean - figure.value) <= allowed, (
        f"{figure.name}: the model moved away from {fmt(figure.value)} ({figure.source}): {spread.describe()}, "
        f"{spread.mean / figure.value - 1:+.1%} against the recorded {figure.miss:+.1%} ({figure.note})"
    )


def params(figures: Iterable[Figure]) -> list:
    """One ``pytest.param`` per figure (id: its name), xfail (strict) with the recorded miss where the model misses."""
    out = []
    for f in figures:
        marks = ()
        if f.miss is not None:
            reason = f"the model misses {fmt(f.value)} ({f.source}) by {f.miss:+.0%}: {f.note}"
            marks = (pytest.mark.xfail(strict=True, reason=reason),)
        out.append(pytest.param(f, id=f.name, marks=marks))
    return out


def missed(figures: Iterable[Figure]) -> list:
    """The figures with a recorded miss, as ``pytest.param`` (for the check that the miss does not grow)."""
    return [pytest.param(f, id=f.name) for f in figures if f.miss is not None]
