# Derivatives as tables: δ beside the nudged cost's slope, ∂J/∂Θ entry by entry, with λ, checked.
"""Markdown tables of the cost's derivatives, $\\delta$ and $\\partial J / \\partial \\Theta$.

- `delta_table`: $\\delta^{(l)}_j$ from backprop beside the slope of the nudged cost.
- `gradient_matrix_table`: a gradient as a grid, rows $i$ and columns $j$.
- `gradient_products_table`: each entry of $\\partial J / \\partial \\Theta^{(l)}$ as the product
  $a^{(l)}_j \\delta^{(l+1)}_i$, beside the package's.
- `regularised_gradient_table`: the gradient without and with $\\lambda$, and the term between.
- `check_table`: backprop's gradient beside the numerical one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from propagation.intuition import numerical_deltas
from propagation.tables import fmt, markdown_table, sci

if TYPE_CHECKING:
    from propagation.network import Network


def delta_table(net: Network, x: object, y: object, eps: float = 1e-5) -> str:
    """Return, for every unit of layers 2 .. L, $\\delta$ from backprop beside the nudged-cost slope."""
    bwd = net.backward(x, y)
    numeric = numerical_deltas(net, x, y, eps)
    rows = []
    for l in range(2, net.L + 1):
        for j in range(1, net.layer_sizes[l - 1] + 1):
            d, n = float(bwd.delta(l)[j - 1]), float(numeric[l][j - 1])
            cells = (d, n, f"${sci(d - n)}$")
            rows.append((f"$\\delta^{{({l})}}_{j}$", *cells))
    headers = [
        "unit",
        "backprop",
        "nudged $\\frac{\\mathrm{cost}(z + \\epsilon) - \\mathrm{cost}(z - \\epsilon)}{2 \\epsilon}$",
        "difference",
    ]
    return markdown_table(headers, rows, align="lrrr")


def gradient_matrix_table(grad: np.ndarray) -> str:
    """Return a gradient (or any $\\Theta$-shaped array) as a table: rows $i$, columns $j$ (0 = bias)."""
    grad = np.asarray(grad)
    headers = [
        "row",
        *(f"column $j = {j}$" + (" (bias)" if j == 0 else "") for j in range(grad.shape[1])),
    ]
    rows = [(f"$i = {i}$", *map(float, row)) for i, row in enumerate(grad, start=1)]
    return markdown_table(headers, rows, align="l" + "r" * grad.shape[1])


def gradient_products_table(net: Network, x: object, y: object, l: int) -> str:
    """Return every entry of $\\partial J / \\partial \\Theta^{(l)}$ as the product $a^{(l)}_j \\delta^{(l+1)}_i$."""
    bwd = net.backward(x, y)
    a, d, grad = bwd.forward.a(l, bias=l < net.L), bwd.delta(l + 1), bwd.grad(l)
    rows = [
        (
            f"$({i}, {j})$",
            float(a[j]),
            float(d[i - 1]),
            float(a[j] * d[i - 1]),
            float(grad[i - 1, j]),
        )
        for i in range(1, grad.shape[0] + 1)
        for j in range(grad.shape[1])
    ]
    headers = [
        "weight $(i, j)$",
        f"activation $a^{{({l})}}_j$",
        f"delta $\\delta^{{({l + 1})}}_i$",
        "product",
        f"gradient $\\partial J / \\partial \\Theta^{{({l})}}_{{ij}}$ (package)",
    ]
    return markdown_table(headers, rows, align="lrrrr")


def regularised_gradient_table(net: Network, x: object, y: object, lam: float, l: int) -> str:
    """Return $\\partial J / \\partial \\Theta^{(l)}_{ij}$ without and with $\\lambda$, and the term between."""
    m = np.atleast_2d(np.asarray(x)).shape[0]
    plain, with_lam = net.backward(x, y).grad(l), net.backward(x, y, lam).grad(l)
    theta = net.theta(l)
    rows = []
    for i in range(1, theta.shape[0] + 1):
        for j in range(theta.shape[1]):
            term = "0 (bias)" if j == 0 else fmt(lam / m * theta[i - 1, j])
            rows.append((f"$({i}, {j})$", float(plain[i - 1, j]), term, float(with_lam[i - 1, j])))
    headers = [
        "weight $(i, j)$",
        "gradient, $\\lambda = 0$",
        "added $\\frac{\\lambda}{m} \\Theta_{ij}$",
        f"gradient, $\\lambda = {lam:g}$",
    ]
    return markdown_table(headers, rows, align="lrrr")


def check_table(
    backprop: Sequence[np.ndarray], numerical: Sequence[np.ndarray], name: str = "backprop"
) -> str:
    """Return every weight's gradient from `backprop` beside the numerical one, and the difference."""
    rows = []
    for l, (b, n) in enumerate(zip(backprop, numerical, strict=True), start=1):
        for i, j in np.ndindex(b.shape):
            diff = float(b[i, j] - n[i, j])
            rows.append(
                (
                    f"$\\Theta^{{({l})}}_{{{i + 1}{j}}}$",
                    float(b[i, j]),
                    float(n[i, j]),
                    f"${sci(diff)}$",
                )
            )
    return markdown_table(["weight", name, "numerical", "difference"], rows, align="lrrr")
