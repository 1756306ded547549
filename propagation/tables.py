# Tables and matrices as text for the pages: Markdown tables and KaTeX matrices of computed numbers.
"""Formatting of computed numbers into Markdown tables and LaTeX matrices, and the pass as tables.

Every number on the site passes through `fmt`, so the pages agree on how a number is written.
`forward_table`, `backward_table` and `bias_delta_table` show the lecture's pass of one example
unit by unit; `activations_table` shows a layer's activations on several examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from propagation.network import Network
    from propagation.passes import Backward, Forward

DIGITS = 4  # decimals shown on every page


def fmt(value: float, digits: int = DIGITS) -> str:
    """Return `value` with `digits` decimals, never as `-0.0000`.

    Parameters:
        value: A real number.
        digits: Decimals to show.

    Returns:
        The number as text, such as `"0.2800"` or `"-0.0874"`.
    """
    text = f"{float(value):.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def markdown_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None
) -> str:
    """Return a Markdown table; floats are written with `fmt`, other cells with `str`.

    Parameters:
        headers: Column headings (Markdown and `$...$` maths allowed).
        rows: One sequence of cells per row, as many cells as headers.
        align: One letter per column, `l`, `c` or `r`; numbers right-aligned by default.

    Returns:
        The table as Markdown, ending with a newline.

    Raises:
        ValueError: If a heading has no word outside its maths, a row has the wrong number of
            cells, or `align` the wrong length.
    """
    for heading in headers:
        # A heading that is only a formula reads as empty to screen readers and to axe-core.
        if not re.search(r"[A-Za-z]", re.sub(r"\$[^$]*\$", "", heading)):
            raise ValueError(
                f"heading {heading!r} needs a word outside its maths, e.g. 'unit $j$'; "
                "a heading that is only a formula reads as empty to a screen reader"
            )
    rows = [list(row) for row in rows]
    for number, row in enumerate(rows, start=1):
        if len(row) != len(headers):
            raise ValueError(
                f"row {number} has {len(row)} cells; expected {len(headers)}, one per header"
            )
    if align is None:
        align = "".join(
            "r" if rows and isinstance(rows[0][k], (float, np.floating)) else "l"
            for k in range(len(headers))
        )
    if len(align) != len(headers) or set(align) - set("lcr"):
        raise ValueError(f"align must be one of l, c, r per column ({len(headers)}); got {align!r}")
    rule = {"l": ":--", "c": ":-:", "r": "--:"}

    def cell(value: object) -> str:
        return fmt(value) if isinstance(value, (float, np.floating)) else str(value)

    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(rule[a] for a in align) + " |",
        *("| " + " | ".join(cell(v) for v in row) + " |" for row in rows),
    ]
    return "\n".join(lines) + "\n"


def latex_matrix(array: np.ndarray, digits: int = DIGITS) -> str:
    """Return a 1-D or 2-D array as a KaTeX `bmatrix` (a 1-D array as a column).

    Raises:
        ValueError: If the array has more than two dimensions.
    """
    array = np.asarray(array, dtype=float)
    if array.ndim > 2:
        raise ValueError(f"latex_matrix takes a 1-D or 2-D array; got shape {array.shape}")
    rows = array.reshape(-1, 1) if array.ndim == 1 else np.atleast_2d(array)
    body = r" \\ ".join(" & ".join(fmt(v, digits) for v in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def sci(value: float, digits: int = 1) -> str:
    """Return `value` in scientific notation for KaTeX, such as `2.3 \\times 10^{-11}`.

    For the tiny differences the checks print, which `fmt`'s four decimals would show as 0.

    Parameters:
        value: A real number.
        digits: Decimals of the mantissa.

    Returns:
        LaTeX to place inside `$...$`; `"0"` for zero.
    """
    value = float(value)
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


# --- The pages' tables: the forward and backward pass of one example ---------------------------

# The two checks below are shared with propagation.equations, which writes the same pass as maths.


def _one_example(fwd: Forward, what: str) -> None:
    if fwd.a(1).ndim != 1:
        raise ValueError(f"{what} shows the pass of one example; got a batch of m = {fwd.m}")


def _sigmoid_units(network: Network, what: str) -> None:
    if network.activation != "sigmoid" or network.cost_name != "logistic":
        raise ValueError(
            f"{what} writes g'(z) = a(1 - a) and δ(L) = a - y, the course's sigmoid units and "
            f"logistic cost; this network has activation {network.activation!r} and cost "
            f"{network.cost_name!r}"
        )


def forward_table(fwd: Forward) -> str:
    """Return one row per unit, bias units left out: layer $l$, unit $j$, $z^{(l)}_j$, $a^{(l)}_j$.

    The input layer has no $z$: its cell is blank and $a^{(1)} = x$.

    Raises:
        ValueError: If `fwd` is the pass of a batch rather than one example.
    """
    _one_example(fwd, "forward_table")
    rows = []
    for l, s in enumerate(fwd.network.layer_sizes, start=1):
        a, z = fwd.a(l), (fwd.z(l) if l > 1 else None)
        rows += [[l, j, "" if z is None else z[j - 1], a[j - 1]] for j in range(1, s + 1)]
    # Every heading carries a word: a heading of maths alone has no text a screen reader sees.
    headers = ["layer $l$", "unit $j$", "weighted sum $z^{(l)}_j$", "activation $a^{(l)}_j$"]
    return markdown_table(headers, rows, "ccrr")


def backward_table(bwd: Backward) -> str:
    """Return the deltas from the output back to layer 2, one row per unit, bias units left out.

    A hidden unit's row holds what flows back along its edges, $\\sum_i \\Theta^{(l)}_{ij}
    \\delta^{(l+1)}_i$, the slope $g'(z^{(l)}_j) = a^{(l)}_j (1 - a^{(l)}_j)$ and their product
    $\\delta^{(l)}_j$; the output rows hold $\\delta^{(L)}_j = a^{(L)}_j - y_j$.

    Raises:
        ValueError: If `bwd` is the pass of a batch, or the network is not the course's sigmoid
            network with logistic cost.
    """
    fwd, net = bwd.forward, bwd.forward.network
    _one_example(fwd, "backward_table")
    _sigmoid_units(net, "backward_table")
    L = net.L
    rows: list[list[object]] = [
        [L, j, f"output: $a^{{({L})}}_{j} - y$", "", d] for j, d in enumerate(bwd.delta(L), start=1)
    ]
    for l in range(L - 1, 1, -1):
        flows = net.theta(l)[:, 1:].T @ bwd.delta(l + 1)  # column 0 (the bias) left out
        a = fwd.a(l)
        rows += [
            [l, j, flows[j - 1], a[j - 1] * (1 - a[j - 1]), bwd.delta(l)[j - 1]]
            for j in range(1, len(a) + 1)
        ]
    headers = [
        "layer $l$",
        "unit $j$",
        r"flows back $\sum_i \Theta^{(l)}_{ij}\,\delta^{(l+1)}_i$",
        r"slope ${g'(z^{(l)}_j) = a^{(l)}_j\,(1 - a^{(l)}_j)}$",  # braces: KaTeX breaks no line
        r"delta $\delta^{(l)}_j$",
    ]
    return markdown_table(headers, rows, "ccrrr")


def bias_delta_table(bwd: Backward) -> str:
    """Return the bias units' deltas $\\delta^{(l)}_0 = \\sum_i \\Theta^{(l)}_{i0}\\,\\delta^{(l+1)}_i$, each marked discarded.

    Raises:
        ValueError: If `bwd` is the pass of a batch rather than one example.
    """
    _one_example(bwd.forward, "bias_delta_table")
    rows = [
        [l, "0 (bias, always +1)", bwd.delta(l, bias=True)[0], "discarded"]
        for l in range(bwd.forward.network.L - 1, 1, -1)
    ]
    headers = [
        "layer $l$",
        "unit $j$",
        r"bias delta $\delta^{(l)}_0 = \sum_i \Theta^{(l)}_{i0}\,\delta^{(l+1)}_i$",
        "used in a derivative?",
    ]
    return markdown_table(headers, rows, "ccrl")


def activations_table(net: Network, X: np.ndarray, l: int) -> str:
    """Return the activations of layer `l` on each example: one row per example, one column per unit."""
    X = np.atleast_2d(X)
    a = net.forward(X).a(l)
    headers = [
        "input $x_1$",
        "input $x_2$",
        *(f"unit {j}: $a^{{({l})}}_{j}$" for j in range(1, a.shape[1] + 1)),
    ]
    rows = [(*map(float, x), *map(float, row)) for x, row in zip(X, a, strict=True)]
    return markdown_table(headers, rows)
