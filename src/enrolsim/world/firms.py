"""Employer units over districts: whole numbers of units in proportion to each district's wage jobs."""

import numpy as np


def apportion(total: int | np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Whole numbers in proportion to ``weights``, summing to ``total`` (rows of a matrix each share their
    own total): floors, then one more for the largest remainders, ties to the first (largest-remainder
    method). With equal weights it gives what ``np.arange(total) % k`` counts: the first ones get the extra."""
    weights = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    totals = np.broadcast_to(np.asarray(total, dtype=np.int64).reshape(-1, 1), (weights.shape[0], 1))
    sums = weights.sum(axis=1, keepdims=True)
    exact = np.divide(weights * totals, sums, out=np.zeros_like(weights), where=sums > 0)
    whole = np.floor(exact).astype(np.int64)
    short = (totals[:, 0] - whole.sum(axis=1)).clip(0)
    order = np.argsort(-(exact - whole), axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(weights.shape[1]), order.shape).copy(), axis=1)
    whole += ranks < short[:, None]
    return whole
