# One number about a result: accuracy, steps until a cost level, largest difference, median time.
"""Measurements the pages report about a trained network, a training run, two results or a call."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from propagation.network import Network


def accuracy(net: Network, X: np.ndarray, Y: np.ndarray) -> float:
    """Return the fraction of examples on the right side of $h = 0.5$ (one output unit)."""
    h = net.forward(X).output.reshape(-1)
    return float(np.mean((h >= 0.5) == (np.asarray(Y).reshape(-1) >= 0.5)))


def steps_until(costs: Sequence[float], level: float) -> int | None:
    """Return the first step at which the cost is below `level`, or None if it never is."""
    return next((step for step, cost in enumerate(costs) if cost < level), None)


def max_abs_difference(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> float:
    """Return the largest $|a - b|$ over every entry of two lists of same-shaped arrays."""
    return max(float(np.abs(np.subtract(p, q)).max()) for p, q in zip(a, b, strict=True))


def median_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    """Return the median wall-clock time of `repeats` calls of `fn`, in seconds.

    Raises:
        ValueError: If `repeats` is below 1.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1; got {repeats}")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
