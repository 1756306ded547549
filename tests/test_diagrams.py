"""Tests for propagation.diagrams: the network drawn as inline SVG with its numbers."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from plain_pass import plain_pass

import propagation as pp
from propagation import diagrams
from propagation._svg import CYAN, GREEN, INK, MAGENTA, ORANGE, PAPER
from propagation.example import LECTURE_WEIGHTS, LECTURE_X

SVG = "{http://www.w3.org/2000/svg}"
FORWARD_HIGHLIGHT = {(2, 1, 0): MAGENTA, (2, 1, 1): ORANGE, (2, 1, 2): CYAN}
BACKWARD_HIGHLIGHT = {(2, 1, 2): MAGENTA, (2, 2, 2): ORANGE, (3, 1, 2): GREEN}


def texts(svg):
    """Return the content of every <text> element of the SVG."""
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.fixture
def passes():
    ex = pp.lecture_example()
    return ex.network.forward(ex.x), ex.network.backward(ex.x, ex.y)


def test_forward_diagram_is_an_accessible_svg(passes):
    """The forward diagram parses as XML, has role="img" and an aria-label naming the values."""
    root = ET.fromstring(diagrams.forward_diagram(passes[0], figure_id="fwd"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    z, a, _, _, _ = plain_pass()
    label = root.get("aria-label")
    assert "2-2-2-1" in label
    for value in (*LECTURE_X, *z[2], *a[2], *z[3], *a[3], *z[4], *a[4]):
        assert f"{value:.4f}" in label
    assert f"h = a = ({a[4][0]:.4f})" in label


def test_forward_diagram_writes_z_and_a_in_every_unit(passes):
    """Every unit holds its z and a (the input its x) as text, with four decimals."""
    z, a, _, _, _ = plain_pass()
    found = texts(diagrams.forward_diagram(passes[0]))
    for l in (2, 3, 4):
        for j, (zj, aj) in enumerate(zip(z[l], a[l], strict=True), start=1):
            assert f"{diagrams.symbol('z', l, j)} = {zj:.4f}" in found
            assert f"{diagrams.symbol('a', l, j)} = {aj:.4f}" in found
    assert "x₁ = 0.8000" in found and "x₂ = 0.3000" in found
    assert found.count("+1") == 3  # a bias unit on top of every layer but the output


def test_backward_diagram_writes_delta_in_every_unit(passes):
    """Every unit of layers 2 .. 4 holds its δ; the bias units hold theirs, marked discarded."""
    _, _, delta, _, bias = plain_pass()
    svg = diagrams.backward_diagram(passes[1], figure_id="bwd")
    found = texts(svg)
    for l in (2, 3, 4):
        for j, d in enumerate(delta[l], start=1):
            assert f"{diagrams.symbol('δ', l, j)} = {d:.4f}" in found
    for l in (2, 3):
        assert f"{diagrams.symbol('δ', l, 0)} = {bias[l]:.4f}" in found
    assert found.count("discarded") == 2
    label = ET.fromstring(svg).get("aria-label")
    assert f"{delta[4][0]:.4f}" in label and f"{bias[2]:.4f}" in label and "discarded" in label


def test_bias_units_are_dashed_in_the_backward_diagram(passes):
    """The backward diagram draws dashed ellipses (bias units, input), the forward one none."""
    assert "stroke-dasharray" in diagrams.backward_diagram(passes[1])
    assert "stroke-dasharray" not in diagrams.forward_diagram(passes[0])


@pytest.mark.parametrize("which", ["forward", "backward"])
def test_highlighted_edges_carry_their_colours_and_values(passes, which):
    """Each highlighted edge is stroked in its colour and labelled with its weight on that colour."""
    highlight = FORWARD_HIGHLIGHT if which == "forward" else BACKWARD_HIGHLIGHT
    draw = diagrams.forward_diagram if which == "forward" else diagrams.backward_diagram
    svg = draw(passes[0] if which == "forward" else passes[1], highlight=highlight)
    root = ET.fromstring(svg)
    for (l, i, j), colour in highlight.items():
        weight = f"{LECTURE_WEIGHTS[l - 1][i - 1][j]:.4f}"
        strokes = [
            p for p in root.iter(f"{SVG}path") if f"stroke: {colour.lower()}" in p.get("style", "")
        ]
        assert strokes, f"no edge stroked in {colour}"
        boxes = [p for p in root.iter(f"{SVG}path") if p.get("style") == f"fill: {colour.lower()}"]
        assert len(boxes) == 2, f"expected the symbol's and the value's box in {colour}"
        labels = [t.text for t in root.iter(f"{SVG}text") if "fill: #111111" in t.get("style", "")]
        assert weight in labels and diagrams.symbol("Θ", l, i, j) in labels
        assert f"Θ({l})_{i}{j} = {weight}" in root.get("aria-label")


def test_no_highlight_means_no_colour(passes):
    """Without highlight the figure uses none of the four highlight colours."""
    svg = diagrams.forward_diagram(passes[0]).lower()
    assert not any(c.lower() in svg for c in (MAGENTA, ORANGE, CYAN, GREEN))


def test_ink_and_paper_follow_the_palette(passes):
    """The INK and PAPER sentinels are replaced: text is currentColor, ellipses the page colour."""
    svg = diagrams.backward_diagram(passes[1], highlight=BACKWARD_HIGHLIGHT)
    assert INK.lower() not in svg.lower() and PAPER.lower() not in svg.lower()
    assert "fill: currentColor" in svg and "var(--md-default-bg-color" in svg
    # The only literal colours: the highlights and the near-black text written on them.
    assert not re.search(r"fill: #(?!cc79a7|e0701a|33a9e0|17a673|111111)[0-9a-f]{6}", svg.lower())


def test_ids_are_prefixed_and_unique(passes):
    """Every id starts with the figure id and none repeats, within and across two figures."""
    ids = []
    for figure_id, svg in [
        (
            "forward-a",
            diagrams.forward_diagram(passes[0], highlight=FORWARD_HIGHLIGHT, figure_id="forward-a"),
        ),
        ("backward-b", diagrams.backward_diagram(passes[1], figure_id="backward-b")),
    ]:
        mine = [e.get("id") for e in ET.fromstring(svg).iter() if e.get("id")]
        assert mine and all(i == figure_id or i.startswith(f"{figure_id}-") for i in mine)
        ids += mine
    assert len(ids) == len(set(ids))


def test_two_calls_give_the_same_svg(passes):
    """Drawing twice gives byte-identical SVG, with no date and no global <style>."""
    one = diagrams.backward_diagram(passes[1], highlight=BACKWARD_HIGHLIGHT)
    assert one == diagrams.backward_diagram(passes[1], highlight=BACKWARD_HIGHLIGHT)
    assert "<style" not in one and "*{" not in one.replace(" ", "")
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d", one)


def test_any_small_network_is_drawn():
    """A 3-2-2 network's diagrams hold every z, a and δ of its example, bias deltas included."""
    net = pp.Network.random([3, 2, 2], seed=3, epsilon=1.0)
    x, y = [0.5, -1.0, 2.0], [1.0, 0.0]
    z, a, delta, _, bias = plain_pass([t.tolist() for t in net.weights], x, y)
    forward = texts(diagrams.forward_diagram(net.forward(x)))
    backward = texts(diagrams.backward_diagram(net.backward(x, y)))
    for l in (2, 3):
        for j in (1, 2):
            assert f"{diagrams.symbol('z', l, j)} = {z[l][j - 1]:.4f}" in forward
            assert f"{diagrams.symbol('a', l, j)} = {a[l][j - 1]:.4f}" in forward
            assert f"{diagrams.symbol('δ', l, j)} = {delta[l][j - 1]:.4f}" in backward
    assert f"{diagrams.symbol('δ', 2, 0)} = {bias[2]:.4f}" in backward
    assert forward.count("+1") == 2 and "x₃ = 2.0000" in forward


@pytest.mark.parametrize(
    ("highlight", "message"),
    [
        ({(4, 1, 0): MAGENTA}, "layer l = 4 is out of range"),
        ({(2, 3, 0): ORANGE}, "unit i = 3 is out of range"),
        ({(2, 1, 5): ORANGE}, "unit j = 5 is out of range"),
        ({(2, 1, 0): "magenta"}, "'magenta'"),
    ],
)
def test_bad_highlight_raises_value_error(passes, highlight, message):
    """An unknown edge or colour in highlight raises ValueError naming it, in both diagrams."""
    with pytest.raises(ValueError, match=message):
        diagrams.forward_diagram(passes[0], highlight=highlight)
    with pytest.raises(ValueError, match=message):
        diagrams.backward_diagram(passes[1], highlight=highlight)


def test_a_batch_or_a_bad_figure_id_raises_value_error():
    """The diagrams draw one example; a batch or an id with spaces raises ValueError."""
    ex = pp.lecture_example()
    X = np.array([[0.8, 0.3], [0.2, 0.1]])
    with pytest.raises(ValueError, match="one example; got a batch of m = 2"):
        diagrams.forward_diagram(ex.network.forward(X))
    with pytest.raises(ValueError, match="figure_id"):
        diagrams.forward_diagram(ex.network.forward(ex.x), figure_id="two words")


def test_importing_the_package_does_not_import_matplotlib():
    """import propagation (diagrams and tables included) leaves matplotlib unimported."""
    code = (
        "import sys, propagation, propagation.diagrams, propagation.tables,"
        " propagation.highlights, propagation.equations; print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
