# Highlighted weights: the edges a page marks, checked against the network, and marked in maths.
"""Highlights: a weight named by its edge, given one of the colour-vision-safe colours of `_svg`.

A highlight maps an edge `(l, i, j)`, the weight $\\Theta^{(l)}_{ij}$, to a colour.
`check_highlight` checks it against the network; `propagation.diagrams` draws the edge in its
colour and `paint` marks the weight in an equation of `propagation.equations`, so a figure and
the equation beside it agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from propagation._svg import HIGHLIGHTS

if TYPE_CHECKING:
    from propagation.network import Network

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
            `MAGENTA`, `ORANGE`, `CYAN`, `GREEN` of `propagation._svg`. `None` highlights nothing.

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
                f"highlight colour {colour!r} for edge {edge} is not one of MAGENTA, ORANGE, CYAN, "
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
