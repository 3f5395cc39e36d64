"""The statistics of a comparison: intervals, paired and unpaired differences, cost per additional
participant, and chance and parameter uncertainty apart (the choices are stated in ``analysis/comparison.py``)."""

import math

import numpy as np

LOW, HIGH = 0.05, 0.95  # the interval's percentiles
#: A mean gain is told from zero when it is more than this many standard errors above it (one-sided 95%).
CLEAR_OF_ZERO = 1.645


def interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean, 5th and 95th percentile of ``values`` (NaNs ignored; all NaN gives NaNs)."""
    values = np.asarray(values, dtype=float)
    finite = values[~np.isnan(values)]
    if finite.size == 0:
        return math.nan, math.nan, math.nan
    low, high = np.quantile(finite, [LOW, HIGH])
    return float(finite.mean()), float(low), float(high)


def unpaired_interval(reference: np.ndarray, other: np.ndarray) -> tuple[float, float, float]:
    """Mean and 5%-95% of ``other[i] - reference[j]`` over all pairs of different replications.

    What the difference's interval would be had the scenarios been run with independent seeds:
    the comparison against which common random numbers are judged.
    """
    reference, other = np.asarray(reference, dtype=float), np.asarray(other, dtype=float)
    pairs = other[:, None] - reference[None, :]  # [i, j]: replication i of other, j of reference
    different = ~np.eye(len(other), len(reference), dtype=bool)
    return interval(pairs[different])


def _quantile_with_inf(values: np.ndarray, q: float) -> float:
    """Linear-interpolation quantile where ``+inf`` values sort last and make the quantile infinite."""
    ordered = np.sort(np.asarray(values, dtype=float))
    position = q * (len(ordered) - 1)
    lo, hi = math.floor(position), math.ceil(position)
    frac = position - lo
    if math.isinf(ordered[hi]) and (frac > 0 or math.isinf(ordered[lo])):
        return math.inf
    if math.isinf(ordered[lo]):
        return math.inf
    return float(ordered[lo] + (ordered[hi] - ordered[lo]) * frac)


def cost_per_additional(cost_diff: np.ndarray, active_diff: np.ndarray) -> tuple[float, float, float, str]:
    """Cost per additional active participant: (point, p5, p95, note key); see the module docstring.

    ``cost_diff`` and ``active_diff`` are paired per replication (same seed). Note keys: ``ok``,
    ``no_gain`` (mean gain <= 0: NaNs), ``unclear_gain`` (a mean gain within :data:`CLEAR_OF_ZERO`
    standard errors of zero, over two or more replications: NaNs, as a cost per participant of a gain
    that may be none would read as a bargain), ``some_no_gain`` (some replications gained nothing and
    count as infinitely expensive), ``saves`` (less cost and more participants on average).
    """
    cost_diff, active_diff = np.asarray(cost_diff, dtype=float), np.asarray(active_diff, dtype=float)
    mean_cost, mean_gain = float(cost_diff.mean()), float(active_diff.mean())
    if mean_gain <= 0:
        return math.nan, math.nan, math.nan, "no_gain"
    if active_diff.size > 1 and mean_gain <= CLEAR_OF_ZERO * float(active_diff.std(ddof=1)) / math.sqrt(active_diff.size):
        return math.nan, math.nan, math.nan, "unclear_gain"
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(active_diff > 0, cost_diff / np.where(active_diff > 0, active_diff, 1.0), math.inf)
    point = mean_cost / mean_gain
    low, high = _quantile_with_inf(ratios, LOW), _quantile_with_inf(ratios, HIGH)
    if (active_diff <= 0).any():
        note = "some_no_gain"
    elif mean_cost < 0:
        note = "saves"
    else:
        note = "ok"
    return point, low, high, note


def uncertainty_apart(name: str, values: np.ndarray, sets: np.ndarray) -> dict[str, float]:
    """Parameter and chance uncertainty of ``values`` (one a run), each run made with parameter set ``sets[i]``.

    Parameter uncertainty: the 5th and 95th percentiles of the sets' means (the sets were drawn by
    their weight in the ensemble). Chance: the overall mean plus the 5th and 95th percentiles of each
    run's deviation from its set's mean (the seeds' variation with the parameters held).
    """
    values, sets = np.asarray(values, dtype=float), np.asarray(sets)
    groups = np.unique(sets)
    means = np.array([values[sets == s].mean() for s in groups])
    deviations = values - means[np.searchsorted(groups, sets)]
    mean = float(values.mean())
    p_low, p_high = np.quantile(means, [LOW, HIGH])
    c_low, c_high = np.quantile(deviations, [LOW, HIGH])
    return {
        f"{name}_parameter_p5": float(p_low),
        f"{name}_parameter_p95": float(p_high),
        f"{name}_chance_p5": mean + float(c_low),
        f"{name}_chance_p95": mean + float(c_high),
    }


def stat(name: str, values: np.ndarray) -> dict[str, float]:
    mean, low, high = interval(values)
    return {f"{name}_mean": mean, f"{name}_p5": low, f"{name}_p95": high}
