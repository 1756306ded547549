# An oracle that shares no code with the package: the lecture's pass in plain Python.
"""The forward and backward pass of the lecture, written with lists and math.exp only."""

from __future__ import annotations

import math

from propagation.example import LECTURE_WEIGHTS, LECTURE_X, LECTURE_Y


def _g(z):
    return 1 / (1 + math.exp(-z))


def plain_pass(weights=LECTURE_WEIGHTS, x=LECTURE_X, y=LECTURE_Y):
    """Return z, a, δ, what flows back into each hidden unit, and the bias deltas.

    Each is a dict keyed by the course's layer numbers; `y` is a number or a list, one per output.
    """
    a, z = {1: list(x)}, {}
    for l, theta in enumerate(weights, start=1):
        z[l + 1] = [
            row[0] + sum(w * v for w, v in zip(row[1:], a[l], strict=True)) for row in theta
        ]
        a[l + 1] = [_g(v) for v in z[l + 1]]
    L = len(weights) + 1
    ys = y if isinstance(y, list) else [y]
    delta, flows, bias = {L: [a[L][k] - ys[k] for k in range(len(a[L]))]}, {}, {}
    for l in range(L - 1, 1, -1):
        theta = weights[l - 1]  # Θ(l)
        back = [
            sum(theta[i][j] * delta[l + 1][i] for i in range(len(theta)))
            for j in range(len(theta[0]))
        ]
        bias[l], flows[l] = back[0], back[1:]
        delta[l] = [f * a[l][j] * (1 - a[l][j]) for j, f in enumerate(flows[l])]
    return z, a, delta, flows, bias
