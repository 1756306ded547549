# Gradient checking: central differences and the relative difference the course compares.
"""Numerical gradients by central differences, an oracle for backpropagation's gradients."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from propagation import _checks
from propagation.network import Network


def numerical_gradient(
    net: Network, X: object, Y: object, lam: float = 0.0, eps: float = 1e-4
) -> list[np.ndarray]:
    """Return $\\partial J / \\partial \\Theta^{(l)}$ estimated by central differences.

    Every weight in turn is nudged by $\\pm\\epsilon$ in a copy of the weights, and
    $(J(\\Theta + \\epsilon) - J(\\Theta - \\epsilon)) / 2\\epsilon$ is its gradient. This costs two
    forward passes per weight: an oracle for checking backpropagation, not a way to train.

    Parameters:
        net: The network; it is not changed.
        X: Examples, as for `Network.backward`.
        Y: Labels, as for `Network.backward`.
        lam: Regularisation $\\lambda \\ge 0$.
        eps: The nudge $\\epsilon > 0$.

    Returns:
        One array per $\\Theta^{(l)}$, shaped like it.

    Raises:
        ValueError: If `eps` is not a positive finite number, or X, Y or `lam` are invalid.
    """
    if isinstance(eps, bool) or not (
        isinstance(eps, (int, float, np.floating)) and np.isfinite(eps) and eps > 0
    ):
        raise ValueError(f"eps must be a positive finite number; got {eps!r}")
    net.cost(X, Y, lam)  # check the arguments once, before thousands of passes
    weights = [np.array(w) for w in net.weights]  # writable copies; net's own stay untouched
    grads = []
    for theta in weights:
        grad = np.empty_like(theta)
        for index in np.ndindex(theta.shape):
            original = theta[index]
            theta[index] = original + eps
            plus = net.with_weights(weights).cost(X, Y, lam)
            theta[index] = original - eps
            minus = net.with_weights(weights).cost(X, Y, lam)
            theta[index] = original
            grad[index] = (plus - minus) / (2 * eps)
        grads.append(grad)
    return grads


def relative_difference(
    a: np.ndarray | Sequence[np.ndarray], b: np.ndarray | Sequence[np.ndarray]
) -> float:
    """Return $\\lVert a - b \\rVert / \\lVert a + b \\rVert$ over all entries.

    The course's gradient check: below about $10^{-9}$ the two gradients agree.

    Parameters:
        a: An array, or a list of arrays (such as one gradient per layer).
        b: The same shapes as `a`.

    Returns:
        The relative difference; 0.0 when both are all zeros.

    Raises:
        ValueError: If the shapes of `a` and `b` differ.
    """
    a_parts, b_parts = _parts(a, "a"), _parts(b, "b")
    shapes_a, shapes_b = [x.shape for x in a_parts], [x.shape for x in b_parts]
    if shapes_a != shapes_b:
        raise ValueError(f"a and b must have the same shapes; got {shapes_a} and {shapes_b}")
    if sum(x.size for x in a_parts) == 0:
        raise ValueError("a and b are empty; expected at least one number to compare")
    flat_a = np.concatenate([x.ravel() for x in a_parts]).astype(np.float64)
    flat_b = np.concatenate([x.ravel() for x in b_parts]).astype(np.float64)
    difference, total = np.linalg.norm(flat_a - flat_b), np.linalg.norm(flat_a + flat_b)
    if total == 0:
        return 0.0 if difference == 0 else float("inf")
    return float(difference / total)


def _parts(value: object, name: str) -> list[np.ndarray]:
    """Return `value` as a list of arrays: a list of arrays stays one, anything else is one array."""
    if isinstance(value, (list, tuple)) and value and all(np.ndim(x) > 0 for x in value):
        return [_checks.numeric_array(x, f"{name}[{k}]") for k, x in enumerate(value)]
    return [_checks.numeric_array(value, name)]
