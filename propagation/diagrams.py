# The lecture's network drawn with its computed numbers: fat ellipses, bias units on top, coloured edges.
"""The network of one example drawn as in the lecture, values written inside the units.

Layers run left to right, the bias unit (+1) on top of every layer but the output, every unit a
"fat ellipse" big enough to hold its numbers. Highlighted weights are drawn thick, in their
colour, with their value beside them; the other edges stay thin and faint. The figures are inline
SVG from `propagation._svg`: text stays text, ink follows the page's palette.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from propagation import _svg
from propagation.highlights import ON_HIGHLIGHT, Edge, check_highlight
from propagation.tables import fmt

if TYPE_CHECKING:
    from propagation.network import Network
    from propagation.passes import Backward, Forward

COLOUR_NAMES = {
    _svg.MAGENTA: "magenta",
    _svg.ORANGE: "orange",
    _svg.CYAN: "cyan",
    _svg.GREEN: "green",
}
DX, DY = 4.0, 1.3  # distance between layers, between units of a layer (drawing units)
W, H = 2.3, 0.95  # an ellipse's width and height
INCH = 0.6  # inches per drawing unit: the 2-2-2-1 network is about 8 inches wide

_CENTRED = {"ha": "center", "va": "center", "zorder": 4}
_UNIT = {"facecolor": _svg.PAPER, "edgecolor": _svg.INK, "linewidth": 1.3, "zorder": 2}
_FAINT_UNIT = {**_UNIT, "linestyle": "--", "alpha": 0.55}  # bias units' discarded deltas
_UNIT_TEXT = {**_CENTRED, "fontsize": 11, "color": _svg.INK}
_BOLD_EDGE = {"mutation_scale": 13, "linewidth": 2.6, "zorder": 3}
_FAINT_EDGE = {"mutation_scale": 8, "linewidth": 0.8, "color": _svg.INK, "alpha": 0.3, "zorder": 1}
# A highlighted weight's label: near-black text on a box of its colour, as in the equations
# (highlights.paint); the colour itself as text would fall below 4.5:1 contrast on the light
# palette.
_WEIGHT_LABEL = {**_CENTRED, "fontsize": 10, "color": ON_HIGHLIGHT}

_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def symbol(name: str, l: int, *sub: int) -> str:
    """Return the course's symbol as plain text: `symbol("z", 2, 1)` is `"z⁽²⁾₁"`."""
    return name + f"({l})".translate(_SUP) + "".join(str(k) for k in sub).translate(_SUB)


def _x(j: int) -> str:
    return "x" + str(j).translate(_SUB)


def _layout(sizes: tuple[int, ...]) -> dict[tuple[int, int], tuple[float, float]]:
    """Return the centre of every unit `(l, j)`; `j = 0` is the bias unit, on top of its layer."""
    top = (max(sizes) + 1) / 2 * DY
    centres = {}
    for l, s in enumerate(sizes, start=1):
        for j in range(1, s + 1):  # the units of a layer are centred on y = 0
            centres[l, j] = ((l - 1) * DX, ((s + 1) / 2 - j) * DY)
        if l < len(sizes):
            centres[l, 0] = ((l - 1) * DX, top)
    return centres


def _rim(centre: tuple[float, float], towards: tuple[float, float]) -> tuple[float, float]:
    """Return where the line from `centre` to `towards` leaves the ellipse around `centre`."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    t = 1 / ((dx / (W / 2)) ** 2 + (dy / (H / 2)) ** 2) ** 0.5
    return centre[0] + t * dx, centre[1] + t * dy


def _single(fwd: Forward, what: str) -> None:
    if fwd.a(1).ndim != 1:
        raise ValueError(f"{what} draws the pass of one example; got a batch of m = {fwd.m}")


def _draw(
    net: Network,
    texts: Mapping[tuple[int, int], tuple[list[str], bool]],
    highlight: dict[Edge, str],
    backwards: bool,
    label: str,
    figure_id: str,
) -> str:
    """Draw every edge, then every unit with its lines of text (faint or not); return the SVG."""
    with _svg.style():
        from matplotlib.patches import Ellipse, FancyArrowPatch
        from matplotlib.transforms import Affine2D

        sizes, centres = net.layer_sizes, _layout(net.layer_sizes)
        xs, ys = zip(*centres.values(), strict=True)
        left, right = min(xs) - W / 2 - 0.1, max(xs) + W / 2 + 0.1
        bottom, top = min(ys) - H / 2 - 0.1, max(ys) + H / 2 + 0.45  # room for the layer names
        fig = _svg.figure(figsize=((right - left) * INCH, (top - bottom) * INCH))
        # No axes: everything goes on the figure itself, placed in drawing units by `units`. An
        # Axes, never shown here, cost a third of a diagram's time (10 of 27 ms): making it, and
        # clipping every artist to it.
        units = (
            Affine2D().translate(-left, -bottom).scale(1 / (right - left), 1 / (top - bottom))
            + fig.transFigure
        )
        for l in range(1, len(sizes)):
            for i in range(1, sizes[l] + 1):  # sizes is 0-based: sizes[l] is s_{l+1}
                for j in range(sizes[l - 1] + 1):
                    tail, head = centres[l, j], centres[l + 1, i]
                    if backwards:
                        tail, head = head, tail
                    a, b = _rim(tail, head), _rim(head, tail)
                    colour = highlight.get((l, i, j))
                    look = {**_BOLD_EDGE, "color": colour} if colour else _FAINT_EDGE
                    arrow = FancyArrowPatch(a, b, arrowstyle="-|>", shrinkA=0, shrinkB=1, **look)
                    fig.add_artist(arrow).set_transform(units)
                    if colour:  # the lecture's highlighted edges share a head: label near the tail
                        at = (a[0] + 0.42 * (b[0] - a[0]), a[1] + 0.42 * (b[1] - a[1]))
                        # Two one-line texts, not one of two lines: a one-line text is centred by
                        # the browser (text-anchor: middle) in whatever font the page uses.
                        theta = fmt(net.theta(l)[i - 1, j])
                        for dy, text in (0.16, symbol("Θ", l, i, j)), (-0.16, theta):
                            box = {"boxstyle": "square,pad=0.3", "fc": colour, "ec": "none"}
                            fig.text(
                                at[0], at[1] + dy, text, bbox=box, transform=units, **_WEIGHT_LABEL
                            )
        for (l, j), (x, y) in sorted(centres.items()):
            lines, faint = texts[l, j]
            unit = Ellipse((x, y), W, H, transform=units, **(_FAINT_UNIT if faint else _UNIT))
            fig.add_artist(unit)
            for k, line in enumerate(lines):
                dy = ((len(lines) - 1) / 2 - k) * 0.34
                fig.text(x, y + dy, line, alpha=0.6 if faint else 1, transform=units, **_UNIT_TEXT)
        for l in range(1, len(sizes) + 1):
            name = {1: "input", len(sizes): "output"}.get(l, "hidden")
            at = ((l - 1) * DX, top - 0.2)
            fig.text(*at, f"layer {l} · {name}", fontweight="bold", transform=units, **_UNIT_TEXT)
        return _svg.figure_to_svg(fig, label=label, figure_id=figure_id)


def _values(values: object) -> str:
    return "(" + ", ".join(fmt(v) for v in values) + ")"


def _highlighted(net: Network, highlight: dict[Edge, str]) -> str:
    if not highlight:
        return ""
    named = [
        f"Θ({l})_{i}{j} = {fmt(net.theta(l)[i - 1, j])} in {COLOUR_NAMES[c]}"
        for (l, i, j), c in highlight.items()
    ]
    return " Highlighted weights: " + ", ".join(named) + "."


def forward_diagram(
    fwd: Forward, *, highlight: Mapping[Edge, str] | None = None, figure_id: str = "forward-pass"
) -> str:
    """Return the network drawn left to right with $z^{(l)}_j$ and $a^{(l)}_j$ inside every unit.

    Parameters:
        fwd: The forward pass of one example.
        highlight: Edges `(l, i, j)`, the weight $\\Theta^{(l)}_{ij}$, mapped to `MAGENTA`, `ORANGE`,
            `CYAN` or `GREEN` of `propagation._svg`; drawn thick with their value.
        figure_id: A page-unique id for the figure.

    Returns:
        An inline `<svg>` whose accessible name lists every value.

    Raises:
        ValueError: If `fwd` is a batch, or a highlighted edge or colour is unknown.
    """
    net = fwd.network
    _single(fwd, "forward_diagram")
    colours = check_highlight(net, highlight)
    L, texts = net.L, {}
    for l, s in enumerate(net.layer_sizes, start=1):
        if l < L:
            texts[l, 0] = (["+1"], False)
        for j in range(1, s + 1):
            a = fmt(fwd.a(l)[j - 1])
            if l == 1:  # a(1) = x: the input layer has no z
                texts[l, j] = ([f"{_x(j)} = {a}"], False)
            else:
                texts[l, j] = (
                    [f"{symbol('z', l, j)} = {fmt(fwd.z(l)[j - 1])}", f"{symbol('a', l, j)} = {a}"],
                    False,
                )
    sizes = "-".join(map(str, net.layer_sizes))
    layers = "; ".join(
        f"layer {l}: z = {_values(fwd.z(l))}, a = {_values(fwd.a(l))}" for l in range(2, L)
    )
    label = (
        f"Forward pass through the {sizes} network, left to right: x = {_values(fwd.a(1))}; "
        f"{layers}; output layer {L}: z = {_values(fwd.z(L))}, h = a = {_values(fwd.a(L))}."
        + _highlighted(net, colours)
    )
    return _draw(net, texts, colours, False, label, figure_id)


def backward_diagram(
    bwd: Backward, *, highlight: Mapping[Edge, str] | None = None, figure_id: str = "backward-pass"
) -> str:
    """Return the network drawn right to left with $\\delta^{(l)}_j$ inside every unit.

    The bias units hold the delta the algorithm computes and discards, drawn dashed and faint;
    the input layer has no delta.

    Parameters:
        bwd: The backward pass of one example.
        highlight: As for `forward_diagram`.
        figure_id: A page-unique id for the figure.

    Returns:
        An inline `<svg>` whose accessible name lists every delta.

    Raises:
        ValueError: If `bwd` is a batch, or a highlighted edge or colour is unknown.
    """
    fwd, net = bwd.forward, bwd.forward.network
    _single(fwd, "backward_diagram")
    colours = check_highlight(net, highlight)
    L, texts = net.L, {}
    for l, s in enumerate(net.layer_sizes, start=1):
        if l == 1:
            texts[1, 0] = (["+1", "no δ"], True)
            for j in range(1, s + 1):
                texts[1, j] = ([f"{_x(j)} = {fmt(fwd.a(1)[j - 1])}", "no δ"], True)
            continue
        if l < L:
            bias = fmt(bwd.delta(l, bias=True)[0])
            texts[l, 0] = ([f"{symbol('δ', l, 0)} = {bias}", "discarded"], True)
        for j in range(1, s + 1):
            texts[l, j] = ([f"{symbol('δ', l, j)} = {fmt(bwd.delta(l)[j - 1])}"], False)
    sizes = "-".join(map(str, net.layer_sizes))
    layers = "; ".join(f"layer {l}: δ = {_values(bwd.delta(l))}" for l in range(L, 1, -1))
    biases = ", ".join(f"δ({l})_0 = {fmt(bwd.delta(l, bias=True)[0])}" for l in range(L - 1, 1, -1))
    label = (
        f"Backward pass through the {sizes} network, right to left: {layers}."
        + (f" The bias units' deltas {biases} are discarded." if biases else "")
        + " The input layer has no delta."
        + _highlighted(net, colours)
    )
    return _draw(net, texts, colours, True, label, figure_id)
