# Activation functions g and their slopes g', written in terms of the activation a = g(z).
"""Activation functions $g$ and their slopes $g'$.

Every slope is computed from the unit's activation $a = g(z)$ alone, the way the course writes
$g'(z) = a (1 - a)$ for the sigmoid: the forward pass has already computed $a$, so the backward
pass reuses it instead of evaluating $g$ again, and needs no $z$ of a hidden layer.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Activation(NamedTuple):
    """An activation function and its slope, the slope taken from $a = g(z)$.

    `g(z, out=None)` and `slope(a, out=None)` write into `out` when given, as a numpy ufunc
    does, so a pass can compute the activations where their z is, and reuse memory it already
    has for the slopes.
    """

    name: str
    g: object
    slope: object


def logistic(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Return $1 / (1 + e^{-z})$ as `sigmoid` does, leaving numpy's overflow warning to the caller.

    $e^{-z}$ overflows to inf for z below about -709 (-88 in float32); 1 / (1 + inf) is the
    correct limit 0, so the overflow is expected. A pass, which ignores overflow throughout
    (`np.errstate`), calls this directly and saves `sigmoid`'s own `np.errstate` on every layer.
    """
    a = np.negative(z, out=out)
    np.exp(a, out=a)
    a += 1
    return np.reciprocal(a, out=a)


# (As a decorator, np.errstate costs less per call than a `with` block inside.)
@np.errstate(over="ignore")
def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Return the logistic function $g(z) = 1 / (1 + e^{-z})$, elementwise.

    Parameters:
        z: Array of weighted sums.
        out: Where to write the result, as for a numpy ufunc; a new array if `None`.

    Returns:
        `out`, or a new array of the same shape and dtype, with values in $[0, 1]$.
    """
    return logistic(z, out)


def sigmoid_slope(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Return $g'(z) = a (1 - a)$ for the sigmoid (into `out` if given, as for a numpy ufunc)."""
    slope = np.subtract(1, a, out=out)
    slope *= a
    return slope


def tanh_slope(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Return $g'(z) = 1 - a^2$ for tanh (into `out` if given)."""
    slope = np.multiply(a, a, out=out)
    return np.subtract(1, slope, out=slope)


def relu(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Return $\\max(0, z)$, elementwise (into `out` if given, as for a numpy ufunc)."""
    return np.maximum(z, 0, out=out)


def relu_slope(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Return $g'(z)$ for the rectifier: 1 where $z > 0$, else 0 (the kink at 0 counts as 0).

    Read from $a = \\max(0, z)$, which is above 0 exactly where $z$ is. Into `out` if given.
    """
    if out is None:
        return (a > 0).astype(a.dtype)
    return np.greater(a, 0, out=out)  # True and False written as 1 and 0 of out's dtype


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_slope),
    "tanh": Activation("tanh", np.tanh, tanh_slope),
    "relu": Activation("relu", relu, relu_slope),
}
