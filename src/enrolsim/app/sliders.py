"""Where a lever's slider can stop: positions worked out from the scenario schema's range, labelled in words.

Why positions and not a plain linear slider: many levers' ranges span orders of magnitude (Perisai
agents 0 to 1,000,000; a district subsidy Rp0 to Rp1,000 trillion a year), where a linear slider
would jump over every value a class would try. Such a range gets a 1-2-3-5 ladder (0, 1, 2, 3, 5,
10, 20, ... agents; for rupiah from Rp1 million, or from a ten-thousandth of a smaller range's top: an incentive
of up to Rp10 million a partner-month from Rp1,000); a narrow one (a share 0-1, a price multiplier
0-10, whole months 0-120) gets even steps. The value in force is always one of the positions, and
any other value of the range can still be typed (the text field beside the slider).
"""

import math

from enrolsim.app.controls import Control

MOST_STEPS = 200  # even steps in a narrow range
NARROW = 10  # a range at most this wide gets even steps
STEP_SIZES = tuple(m * 10.0**e for e in range(-4, 2) for m in (1, 2, 5))
LADDER = (1, 2, 3, 5)  # positions per decade on a wide range
RUPIAH_FLOOR = 1e6  # a wide rupiah range starts its ladder at Rp1 million (a budget), or lower if its top is low:
RUPIAH_DECADES = 4  # at most this many decades below the top (a platform incentive of Rp5,000 is a position)


def slider_values(control: Control, current: float | None = None) -> list[float]:
    """The slider positions of number ``control``, with ``current`` among them."""
    lo, hi = control.bounds
    assert lo is not None and hi is not None, f"{control.key} has no range in the schema"
    if control.kind == "int" and hi - lo <= MOST_STEPS:
        values = [float(v) for v in range(int(lo), int(hi) + 1)]
    elif hi - lo <= NARROW:
        step = next(s for s in STEP_SIZES if (hi - lo) / s <= MOST_STEPS)
        values = [round(lo + i * step, 10) for i in range(round((hi - lo) / step) + 1)]
    else:
        floor = max(lo, min(RUPIAH_FLOOR, hi / 10**RUPIAH_DECADES) if control.unit.startswith("rupiah") else 1.0)
        values = [float(lo)] if lo < floor else []
        decade = 10.0 ** math.floor(math.log10(floor))
        while decade <= hi:
            values += [m * decade for m in LADDER if floor <= m * decade <= hi]
            decade *= 10
        if values[-1] < hi:
            values.append(float(hi))
    if current is not None and position(values, current) is None:
        values = sorted([*values, float(current)])
    return values


def position(values: list[float], value: float) -> int | None:
    """Index of ``value`` among ``values`` (None if it is not a position)."""
    return next((i for i, v in enumerate(values) if math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-12)), None)
