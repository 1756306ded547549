# Batch gradient descent: the lecture's algorithm put to work.
"""Training by batch gradient descent."""

from __future__ import annotations

import numpy as np

from propagation import _checks
from propagation.network import Network
from propagation.passes import backward


def train(
    net: Network,
    X: object,
    Y: object,
    *,
    learning_rate: float,
    iterations: int,
    lam: float = 0.0,
) -> tuple[Network, list[float]]:
    """Train by batch gradient descent: $\\Theta^{(l)} \\leftarrow \\Theta^{(l)} - \\alpha\\, \\partial J / \\partial \\Theta^{(l)}$.

    Parameters:
        net: The starting network; it is not changed.
        X: Examples, `(m, n)` (or one example, `(n,)`).
        Y: Labels, as for `Network.backward`.
        learning_rate: The step size $\\alpha > 0$.
        iterations: The number of steps, >= 0.
        lam: Regularisation $\\lambda \\ge 0$.

    Returns:
        The trained network and the costs $J$: before each step, then after the last one
        (`iterations + 1` values).

    Raises:
        ValueError: If an argument is invalid, or the cost or the weights stop being finite
            (the learning rate is too large).
    """
    if isinstance(learning_rate, bool) or not (
        isinstance(learning_rate, (int, float, np.number))
        and np.isfinite(learning_rate)
        and learning_rate > 0
    ):
        raise ValueError(f"learning_rate must be a positive finite number; got {learning_rate!r}")
    if (
        isinstance(iterations, bool)
        or not isinstance(iterations, (int, np.integer))
        or iterations < 0
    ):
        raise ValueError(f"iterations must be an int >= 0; got {iterations!r}")
    lam = _checks.regularisation(lam)
    costs = []

    def checked(dtype: np.dtype) -> tuple[np.ndarray, np.ndarray, bool]:
        # X and Y as `Network.backward` checks them; every network below has the first one's
        # layer sizes, so this is done once per dtype, not on every step.
        Xc, single = _checks.examples(X, net.layer_sizes[0], dtype, finite=False)
        Yc = _checks.labels(Y, Xc.shape[0], net.layer_sizes[-1], single, dtype, net.cost_name)
        return Xc, Yc, single

    Xc, Yc, single = checked(net.dtype)
    # Too large a learning rate makes the weights, then z, overflow: report that once, as the
    # ValueError below, rather than through numpy's overflow warnings on the way there.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(int(iterations)):
            if Xc.dtype != net.dtype:  # float32 weights stepped by a float64 rate
                Xc, Yc, single = checked(net.dtype)
            result = backward(net, Xc, Yc, lam, single)
            costs.append(result.cost)
            weights = [
                w - learning_rate * g for w, g in zip(net.weights, result.grads, strict=True)
            ]
            if not (np.isfinite(result.cost) and all(np.isfinite(w).all() for w in weights)):
                raise ValueError(
                    f"the cost or the weights became non-finite at step {step + 1}; try a "
                    f"smaller learning_rate than {learning_rate}"
                )
            net = net._stepped(weights)
        costs.append(net.cost(X, Y, lam))
    return net, costs
