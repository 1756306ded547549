# The cost of one example and its derivative with respect to z(L), kept together per cost.
"""Costs of one example, $\\mathrm{cost}(i)$, and the output delta $\\delta^{(L)}$ each one gives.

The output units are sigmoid units, as in the course, so $h = a^{(L)} = g(z^{(L)})$ and each cost
can be written, and differentiated, in terms of $z^{(L)}$. Keeping a cost's value and its delta
side by side (as Nielsen's `CrossEntropyCost.fn` and `.delta` do) keeps the two consistent.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Cost(NamedTuple):
    """A cost: its value per example and its $\\delta^{(L)} = \\partial\\,\\mathrm{cost} / \\partial z^{(L)}$."""

    name: str
    value: object
    delta: object


def logistic_value(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return $-\\sum_k [y_k \\log h_k + (1 - y_k) \\log(1 - h_k)]$ for every example.

    Computed from $z$ rather than from $h = g(z)$: $-\\log g(z) = \\log(1 + e^{-z})$ and
    $-\\log(1 - g(z)) = \\log(1 + e^{z})$, which stay finite and exact when $h$ rounds to 0 or 1.

    Parameters:
        z: $z^{(L)}$, `(m, K) ndarray`.
        a: $a^{(L)} = g(z^{(L)})$, `(m, K) ndarray` (unused: the value comes from `z`).
        y: Labels in $[0, 1]$, `(m, K) ndarray`.

    Returns:
        `(m,) ndarray`, the cost of each example.
    """
    # log(1 + e^{∓z}) = max(∓z, 0) + log(1 + e^{-|z|}), and y max(-z, 0) + (1 - y) max(z, 0)
    # = max(z, 0) - y z: one exp and one log per entry where np.logaddexp(0, ±z) takes two each.
    return (np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))).sum(axis=1)


def logistic_delta(
    z: np.ndarray, a: np.ndarray, y: np.ndarray, out: np.ndarray | None = None
) -> np.ndarray:
    """Return $\\delta^{(L)} = a^{(L)} - y$, the logistic cost's derivative with respect to $z^{(L)}$.

    The sigmoid's slope $a (1 - a)$ cancels against the cost's $1 / (a (1 - a))$, which is why
    the course's output delta is exactly the prediction minus the label. Into `out` if given.
    """
    return np.subtract(a, y, out=out)


def squared_value(z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return $\\frac12 \\sum_k (h_k - y_k)^2$ for every example, `(m,) ndarray`."""
    return 0.5 * ((a - y) ** 2).sum(axis=1)


def squared_delta(
    z: np.ndarray, a: np.ndarray, y: np.ndarray, out: np.ndarray | None = None
) -> np.ndarray:
    """Return $\\delta^{(L)} = (a^{(L)} - y) \\, a^{(L)} (1 - a^{(L)})$ for the squared error.

    Into `out` if given.
    """
    d = np.subtract(a, y, out=out)
    d *= a
    d *= 1 - a
    return d


COSTS = {
    "logistic": Cost("logistic", logistic_value, logistic_delta),
    "squared": Cost("squared", squared_value, squared_delta),
}
