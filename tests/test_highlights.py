"""Tests for propagation.highlights: edges checked against the network, maths marked in colour."""

import numpy as np
import pytest

import propagation as pp
from propagation import highlights
from propagation._svg import CYAN, GREEN, MAGENTA, ORANGE


def test_check_highlight_accepts_the_lecture_edges():
    """check_highlight returns the lecture's edges and colours unchanged, as plain int tuples."""
    net = pp.lecture_example().network
    wanted = {(2, 1, 0): MAGENTA, (np.int64(2), 1, 1): ORANGE, (2, 1, 2): CYAN, (3, 1, 2): GREEN}
    got = highlights.check_highlight(net, wanted)
    assert got == {(2, 1, 0): MAGENTA, (2, 1, 1): ORANGE, (2, 1, 2): CYAN, (3, 1, 2): GREEN}
    assert all(type(k) is int for edge in got for k in edge)


@pytest.mark.parametrize(
    ("edge", "colour", "message"),
    [
        ((4, 1, 0), MAGENTA, r"layer l = 4 is out of range; Θ\(l\) exists for l = 1 \.\. 3"),
        ((0, 1, 0), MAGENTA, "layer l = 0 is out of range"),
        ((3, 2, 1), MAGENTA, "unit i = 2 is out of range; layer 4 has units i = 1 .. 1"),
        (
            (1, 1, 3),
            MAGENTA,
            r"unit j = 3 is out of range; layer 1 has units j = 0 \(the bias\) .. 2",
        ),
        ((1, 1), MAGENTA, r"must be a tuple \(l, i, j\)"),
        ((2, 1, 0), "#ff00ff", "'#ff00ff'.*not one of MAGENTA, ORANGE, CYAN, GREEN"),
    ],
)
def test_check_highlight_names_what_is_wrong(edge, colour, message):
    """check_highlight raises ValueError naming the bad edge, unit, layer or colour."""
    with pytest.raises(ValueError, match=message):
        highlights.check_highlight(pp.lecture_example().network, {edge: colour})


def test_paint_colours_and_refuses_unknown_colours():
    """paint boxes maths in a highlight colour, passes None through, refuses other colours."""
    assert highlights.paint("x", MAGENTA) == r"\colorbox{#CC79A7}{$\textcolor{#111111}{x}$}"
    assert highlights.paint("x", None) == "x"
    with pytest.raises(ValueError, match="'red'"):
        highlights.paint("x", "red")
