# The cost as tables: each output unit's share, the weights λ penalises, the cost after a step.
"""Markdown tables of the cost of one example, from the values of `propagation.intuition`.

- `output_cost_table`: each output unit's term of cost(i), for a network with $K > 1$ outputs.
- `regularisation_table`: per layer, the squared weights the $\\lambda$ term adds up.
- `sign_step_table`: the cost after one gradient step taken with each sign of the output delta.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from propagation.intuition import _one_example, logistic_cost, weight_squares
from propagation.tables import fmt, markdown_table

if TYPE_CHECKING:
    from propagation.intuition import SignStep
    from propagation.network import Network


def output_cost_table(net: Network, x: object, y: object) -> str:
    """Return a table of each output unit's share of cost(i): $k$, $y_k$, $h_k$ and its cost."""
    _, y = _one_example(net, x, y)
    h = np.atleast_1d(net.forward(x).output)
    rows = [
        (str(k), float(y_k), float(h_k), float(logistic_cost(h_k, y_k)))
        for k, (y_k, h_k) in enumerate(zip(y, h, strict=True), start=1)
    ]
    headers = [
        "output $k$",
        "label $y_k$",
        "prediction $h_k$",
        "cost $-[y_k \\log h_k + (1 - y_k) \\log(1 - h_k)]$",
    ]
    return markdown_table(headers, rows, align="crrr")


def regularisation_table(net: Network) -> str:
    """Return a table per layer of the weights $\\lambda$ sees (bias column left out) and their squares."""
    rows = [
        (f"$\\Theta^{{({l})}}$", str(theta[:, 1:].size), square)
        for l, (theta, square) in enumerate(zip(net.weights, weight_squares(net), strict=True), 1)
    ]
    headers = [
        "layer",
        "weights $j \\ge 1$",
        "sum of squares $\\sum_{i, j \\ge 1} (\\Theta^{(l)}_{ij})^2$",
    ]
    return markdown_table(headers, rows, align="lrr")


def sign_step_table(step: SignStep) -> str:
    """Return the three steps of `sign_step` as a table: the delta used, the step, the cost after.

    $\\partial$ in the table is the gradient backpropagation computes from that $\\delta^{(L)}$.
    """
    descend, climb = r"descend: $\Theta - \alpha\,\partial$", r"climb: $\Theta + \alpha\,\partial$"
    rows = [
        ("$a - y$, the cost's derivative", descend, step.descend),
        ("$y - a$, the captions' sign", descend, step.wrong),
        ("$y - a$, the captions' sign", climb, step.climb),
    ]
    headers = [
        r"$\delta^{(L)}$ taken as",
        "step",
        f"cost(i) after; before: {fmt(step.before)}",
    ]
    return markdown_table(headers, rows, align="llr")
