# KaTeX equations of the forward and backward pass with the numbers of one example substituted.
"""The lecture's formulae written out with the numbers of one example, for `$$ ... $$` on a page.

Each function returns LaTeX without the `$$` delimiters. Weights can be highlighted as in the
diagrams: an edge `(l, i, j)` mapped to a colour, checked and painted by `propagation.highlights`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from propagation import _checks
from propagation.highlights import Edge, check_highlight, paint
from propagation.tables import _one_example, _sigmoid_units, fmt, latex_matrix

if TYPE_CHECKING:
    from propagation.network import Network
    from propagation.passes import Backward, Forward


def _unit(j: object, first: int, last: int, what: str) -> int:
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not first <= j <= last:
        raise ValueError(f"unit {j!r} is out of range for {what}: units are {first} .. {last}")
    return int(j)


def _factor(value: float) -> str:
    """Return `value` ready to multiply: negative numbers in parentheses."""
    text = fmt(value)
    return f"({text})" if text.startswith("-") else text


def _restrict(highlight: dict[Edge, str], allowed: set[Edge], what: str) -> None:
    for edge in highlight:
        if edge not in allowed:
            raise ValueError(
                f"highlight edge {edge} is not a weight of {what}; its weights are {sorted(allowed)}"
            )


def weighted_input_equation(
    fwd: Forward, l: int, i: int, highlight: Mapping[Edge, str] | None = None
) -> str:
    """Return KaTeX for $z^{(l)}_i = \\sum_j \\Theta^{(l-1)}_{ij} a^{(l-1)}_j$ and $a^{(l)}_i = g(z^{(l)}_i)$, numbers substituted.

    Parameters:
        fwd: The forward pass of one example.
        l: Layer of the unit, 2 .. L.
        i: The unit, 1 .. $s_l$.
        highlight: Colours for the unit's incoming weights, edges `(l - 1, i, j)` as for
            `check_highlight`; each weight and its number are drawn in its colour.

    Returns:
        An `aligned` environment, without `$$` delimiters.

    Raises:
        ValueError: If `l` or `i` is out of range, `fwd` is a batch, or a highlighted edge is not
            one of the unit's incoming weights.
    """
    net = fwd.network
    _one_example(fwd, "weighted_input_equation")
    l = _checks.layer(l, 2, net.L, "z(l)")
    i = _unit(i, 1, net.layer_sizes[l - 1], f"layer {l}")
    colours = check_highlight(net, highlight)
    k = l - 1  # the weights into layer l are Θ(l - 1)
    _restrict(colours, {(k, i, j) for j in range(net.layer_sizes[k - 1] + 1)}, f"z({l})_{i}")
    theta, a = net.theta(k)[i - 1], fwd.a(k, bias=True)
    symbols, numbers = [], []
    for j in range(len(a)):
        colour = colours.get((k, i, j))
        symbols.append(
            paint(rf"\Theta^{{({k})}}_{{{i}{j}}}", colour)
            + (r" \cdot 1" if j == 0 else rf"\, a^{{({k})}}_{{{j}}}")
        )
        value = "1" if j == 0 else _factor(a[j])  # the bias unit's +1, exactly
        numbers.append(paint(_factor(theta[j]), colour) + r" \cdot " + value)
    z, out = fwd.z(l)[i - 1], fwd.a(l)[i - 1]
    return (
        rf"\begin{{aligned}} z^{{({l})}}_{{{i}}} &= "
        + " + ".join(symbols)
        + r" \\ &= "
        + " + ".join(numbers)
        + rf" \\ &= {fmt(z)} \\[0.4em]"
        + rf" a^{{({l})}}_{{{i}}} &= g(z^{{({l})}}_{{{i}}}) = \frac{{1}}{{1 + e^{{-{_factor(z)}}}}}"
        + rf" = {fmt(out)} \end{{aligned}}"
    )


def forward_matrix_equation(fwd: Forward, l: int) -> str:
    """Return KaTeX for one step of the forward pass in matrix form, numbers substituted.

    $z^{(l+1)} = \\Theta^{(l)} \\begin{bmatrix} 1 \\\\ a^{(l)} \\end{bmatrix}$, then
    $a^{(l+1)} = g(z^{(l+1)})$, elementwise.

    Parameters:
        fwd: The forward pass of one example.
        l: The layer the step starts from, 1 .. L-1.

    Returns:
        An `aligned` environment, without `$$` delimiters.

    Raises:
        ValueError: If `l` is out of range or `fwd` is a batch.
    """
    net = fwd.network
    _one_example(fwd, "forward_matrix_equation")
    l = _checks.layer(l, 1, net.L - 1, "Θ(l)")
    n = l + 1
    return (
        rf"\begin{{aligned}} z^{{({n})}} &= \Theta^{{({l})}} "
        rf"\begin{{bmatrix}} 1 \\ a^{{({l})}} \end{{bmatrix}} = "
        f"{latex_matrix(net.theta(l))} {latex_matrix(fwd.a(l, bias=True))}"
        rf" = {latex_matrix(fwd.z(n))} \\[0.4em] a^{{({n})}} &= g(z^{{({n})}}) = "
        rf"{latex_matrix(fwd.a(n))} \end{{aligned}}"
    )


def output_delta_equation(bwd: Backward, y: object) -> str:
    """Return KaTeX for $\\delta^{(L)}_k = a^{(L)}_k - y_k$ with the numbers of one example.

    Parameters:
        bwd: The backward pass of one example.
        y: The label the pass was run with: a number, or one per output unit.

    Returns:
        An `aligned` environment, one line per output unit, without `$$` delimiters.

    Raises:
        ValueError: If `bwd` is a batch, the network is not the course's (sigmoid units, logistic
            cost), or `y` is not the label the pass was run with.
    """
    net, L = bwd.forward.network, bwd.forward.network.L
    _one_example(bwd.forward, "output_delta_equation")
    _sigmoid_units(net, "output_delta_equation")
    a, delta = bwd.forward.a(L), bwd.delta(L)
    y = np.broadcast_to(np.asarray(y, dtype=float), a.shape)
    if not np.allclose(a - y, delta, rtol=0, atol=1e-9):
        raise ValueError(
            f"y = {y.tolist()} is not the label this pass was run with: δ({L}) = "
            f"{delta.tolist()} but a({L}) - y = {(a - y).tolist()}"
        )
    # With one output unit the course writes y, not y_1.
    label = ["y"] if len(a) == 1 else [f"y_{{{k}}}" for k in range(1, len(a) + 1)]
    lines = [
        rf"\delta^{{({L})}}_{{{k}}} &= a^{{({L})}}_{{{k}}} - {label[k - 1]} = "
        rf"{fmt(a[k - 1])} - {_factor(y[k - 1])} = {fmt(delta[k - 1])}"
        for k in range(1, len(a) + 1)
    ]
    return r"\begin{aligned} " + r" \\ ".join(lines) + r" \end{aligned}"


def hidden_delta_equation(
    bwd: Backward, l: int, j: int, highlight: Mapping[Edge, str] | None = None
) -> str:
    """Return KaTeX for $\\delta^{(l)}_j$ of a hidden unit: the weighted sum, the slope, their product.

    What flows back along the edges leaving unit $j$ (the lecture's intuition),
    $\\sum_i \\Theta^{(l)}_{ij} \\delta^{(l+1)}_i$, then the slope of its sigmoid
    $g'(z^{(l)}_j) = a^{(l)}_j (1 - a^{(l)}_j)$, then $\\delta^{(l)}_j$, their product.

    Parameters:
        bwd: The backward pass of one example.
        l: A hidden layer, 2 .. L-1.
        j: The unit, 1 .. $s_l$.
        highlight: Colours for the weights leaving the unit, edges `(l, i, j)` as for
            `check_highlight`; each weight and its number are drawn in its colour.

    Returns:
        An `aligned` environment, without `$$` delimiters.

    Raises:
        ValueError: If `l` or `j` is out of range, `bwd` is a batch, the network is not the
            course's, or a highlighted edge does not leave unit $j$ of layer $l$.
    """
    fwd, net = bwd.forward, bwd.forward.network
    _one_example(fwd, "hidden_delta_equation")
    _sigmoid_units(net, "hidden_delta_equation")
    l = _checks.layer(l, 2, net.L - 1, "a hidden delta(l)")
    j = _unit(j, 1, net.layer_sizes[l - 1], f"layer {l}")
    colours = check_highlight(net, highlight)
    _restrict(colours, {(l, i, j) for i in range(1, net.layer_sizes[l] + 1)}, f"δ({l})_{j}")
    theta, after = net.theta(l)[:, j], bwd.delta(l + 1)
    symbols, numbers = [], []
    for i in range(1, len(after) + 1):
        colour = colours.get((l, i, j))
        symbols.append(
            paint(rf"\Theta^{{({l})}}_{{{i}{j}}}", colour) + rf"\, \delta^{{({l + 1})}}_{{{i}}}"
        )
        numbers.append(paint(_factor(theta[i - 1]), colour) + r" \cdot " + _factor(after[i - 1]))
    flows = float(theta @ after)
    a = float(fwd.a(l)[j - 1])
    slope = a * (1 - a)
    unit = rf"^{{({l})}}_{{{j}}}"
    return (
        rf"\begin{{aligned}} \textstyle\sum_i \Theta^{{({l})}}_{{i{j}}}\, \delta^{{({l + 1})}}_i &= "
        + " + ".join(symbols)
        + r" \\ &= "
        + " + ".join(numbers)
        + rf" = {fmt(flows)} \\[0.4em]"
        + rf" g'(z{unit}) &= a{unit} (1 - a{unit}) = {fmt(a)} \cdot (1 - {fmt(a)}) = {fmt(slope)}"
        + rf" \\[0.4em] \delta{unit} &= {_factor(flows)} \cdot {fmt(slope)} = {fmt(bwd.delta(l)[j - 1])}"
        + r" \end{aligned}"
    )


def outer_product_equation(net: Network, x: object, y: object, l: int) -> str:
    """Return LaTeX for $\\partial J / \\partial \\Theta^{(l)} = \\delta^{(l+1)} [1, (a^{(l)})^T]$ with its numbers.

    The equation stops at the column times the row; `gradient_tables.gradient_matrix_table` shows
    the product.
    """
    bwd = net.backward(x, y)
    a, d = bwd.forward.a(l, bias=True), bwd.delta(l + 1)
    row = latex_matrix(np.atleast_2d(a))
    return (
        f"\\frac{{\\partial J}}{{\\partial \\Theta^{{({l})}}}} = \\delta^{{({l + 1})}} "
        f"\\begin{{bmatrix}} 1 & (a^{{({l})}})^T \\end{{bmatrix}} = {latex_matrix(d)} {row}"
    )
