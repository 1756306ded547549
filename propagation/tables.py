# Tables and matrices as text for the pages: Markdown tables and KaTeX matrices of computed numbers.
"""Formatting of computed numbers into Markdown tables, LaTeX matrices and KaTeX equations.

Every number on the site passes through `fmt`, so the pages agree on how a number is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from propagation import _checks
from propagation._svg import HIGHLIGHTS

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
        ValueError: If a row has the wrong number of cells or `align` the wrong length.
    """
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


# --- The pages' tables and equations: the forward and backward pass of one example -------------

Edge = tuple[int, int, int]  # (l, i, j): the weight Θ(l)_ij from unit j of layer l to unit i of l+1
# Text on a highlight colour, on either palette: contrast above 5:1 on all four colours. Not
# #000000, which matplotlib leaves out of an SVG, letting the page's CSS choose the fill.
ON_HIGHLIGHT = "#111111"


def check_highlight(network: Network, highlight: Mapping[Edge, str] | None) -> dict[Edge, str]:
    """Return `highlight` checked against `network`, for a diagram or an equation to colour.

    Parameters:
        network: The `Network` whose weights the edges name.
        highlight: Maps an edge `(l, i, j)`, the weight $\\Theta^{(l)}_{ij}$ from unit $j$ of layer
            $l$ (0 is the bias unit) to unit $i$ of layer $l + 1$, to one of the colours
            `MAGENTA`, `RED`, `CYAN`, `GREEN` of `propagation._svg`. `None` highlights nothing.

    Returns:
        A new dict from `(l, i, j)` (plain ints) to colour.

    Raises:
        ValueError: If an edge is not three ints, names a layer or unit the network does not
            have, or a colour is not one of the four.
    """
    sizes = network.layer_sizes  # 0-based: sizes[l - 1] is s_l
    checked = {}
    for edge, colour in (highlight or {}).items():
        if not (
            isinstance(edge, tuple)
            and len(edge) == 3
            and all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in edge)
        ):
            raise ValueError(f"highlight edge {edge!r} must be a tuple (l, i, j) naming Θ(l)_ij")
        l, i, j = (int(k) for k in edge)
        if not 1 <= l <= len(sizes) - 1:
            raise ValueError(
                f"highlight edge {edge}: layer l = {l} is out of range; "
                f"Θ(l) exists for l = 1 .. {len(sizes) - 1}"
            )
        if not 1 <= i <= sizes[l]:
            raise ValueError(
                f"highlight edge {edge}: unit i = {i} is out of range; "
                f"layer {l + 1} has units i = 1 .. {sizes[l]}"
            )
        if not 0 <= j <= sizes[l - 1]:
            raise ValueError(
                f"highlight edge {edge}: unit j = {j} is out of range; "
                f"layer {l} has units j = 0 (the bias) .. {sizes[l - 1]}"
            )
        if colour not in HIGHLIGHTS:
            raise ValueError(
                f"highlight colour {colour!r} for edge {edge} is not one of MAGENTA, RED, CYAN, "
                f"GREEN from propagation._svg: {HIGHLIGHTS}"
            )
        checked[l, i, j] = colour
    return checked


def paint(tex: str, colour: str | None) -> str:
    """Return display maths `tex` marked in `colour` like a highlighter pen, or as it is for `None`.

    The colour fills a box behind near-black text (`ON_HIGHLIGHT`),
    `\\colorbox{colour}{$\\textcolor{#111111}{tex}$}`: coloured text would fall below the 4.5:1
    contrast text needs on the light palette, while near-black on any of the four colours stays
    above 5:1 on either palette. The `$` inside the box suits display maths only (`$$ ... $$`);
    inline `$...$` would end at it.

    Raises:
        ValueError: If `colour` is not one of the highlight colours of `propagation._svg`.
    """
    if colour is None:
        return tex
    if colour not in HIGHLIGHTS:
        raise ValueError(f"colour {colour!r} is not one of the highlight colours {HIGHLIGHTS}")
    return rf"\colorbox{{{colour}}}{{$\textcolor{{{ON_HIGHLIGHT}}}{{{tex}}}$}}"


def _one_example(fwd: Forward, what: str) -> None:
    if fwd.a(1).ndim != 1:
        raise ValueError(f"{what} shows the pass of one example; got a batch of m = {fwd.m}")


def _unit(j: object, first: int, last: int, what: str) -> int:
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not first <= j <= last:
        raise ValueError(f"unit {j!r} is out of range for {what}: units are {first} .. {last}")
    return int(j)


def _sigmoid_units(network: Network, what: str) -> None:
    if network.activation != "sigmoid" or network.cost_name != "logistic":
        raise ValueError(
            f"{what} writes g'(z) = a(1 - a) and δ(L) = a - y, the course's sigmoid units and "
            f"logistic cost; this network has activation {network.activation!r} and cost "
            f"{network.cost_name!r}"
        )


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
