"""Tests for propagation.plots: inline SVGs that parse, name themselves, repeat, and state values."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import propagation as pp
from propagation import _svg, datasets, plots
from propagation.tables import fmt

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def xor_net():
    X, Y = datasets.xor_data()
    # A hand-made XOR: unit 1 is OR, unit 2 is AND, the output is OR and not AND.
    net = pp.Network(
        [np.array([[-10.0, 20.0, 20.0], [-30.0, 20.0, 20.0]]), np.array([[-10.0, 20.0, -20.0]])]
    )
    return net, X, Y


@pytest.fixture(scope="module")
def figures(xor_net):
    net, X, Y = xor_net
    return {
        "cost": plots.cost_curves((0.6721, 1.0), figure_id="cost-fig"),
        "curve": plots.training_curve(
            [0.9, 0.5, 0.25], others={"other": [0.7, 0.7, 0.69]}, figure_id="curve-fig"
        ),
        "boundary": plots.decision_boundary(net, X, Y, resolution=41, figure_id="boundary-fig"),
    }


def _texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("name", ["cost", "curve", "boundary"])
def test_svg_parses_and_is_accessible(figures, name):
    """Assert each figure is well-formed SVG with role="img", an aria-label and a matching title."""
    root = ET.fromstring(figures[name])
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    label = root.get("aria-label")
    assert label and len(label) > 40
    assert root.find(f"{SVG}title").text == label


@pytest.mark.parametrize("name", ["cost", "curve", "boundary"])
def test_svg_ids_carry_the_figure_prefix(figures, name):
    """Assert every id inside a figure starts with the figure's id, so figures never collide."""
    root = ET.fromstring(figures[name])
    prefix = root.get("id")
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert ids and all(i == prefix or i.startswith(prefix + "-") for i in ids)


@pytest.mark.parametrize("name", ["cost", "curve", "boundary"])
def test_svg_has_no_hard_coded_black_or_white(figures, name):
    """Assert ink follows the palette: no literal black or white, and currentColor is used."""
    svg = figures[name].lower()
    for colour in ("#000000", "#ffffff", "black", "white", _svg.INK, _svg.PAPER):
        assert colour not in svg
    assert "currentcolor" in svg


def test_figures_are_identical_on_two_calls(figures, xor_net):
    """Assert two calls give byte-identical SVG, so builds repeat."""
    net, X, Y = xor_net
    assert plots.cost_curves((0.6721, 1.0), figure_id="cost-fig") == figures["cost"]
    again = plots.decision_boundary(net, X, Y, resolution=41, figure_id="boundary-fig")
    assert again == figures["boundary"]


def test_cost_curves_state_the_marked_cost(figures):
    """Assert the marked example's h and cost appear as text and in the label, with the -log h value."""
    cost = fmt(-np.log(0.6721))
    assert f"cost = {cost}" in _texts(figures["cost"])
    label = ET.fromstring(figures["cost"]).get("aria-label")
    assert cost in label and "h = 0.6721" in label
    assert fmt(-np.log(0.01)) in label  # 4.6052, the logistic cost at h = 0.01 for y = 1
    assert _svg.CYAN.lower() in figures["cost"].lower() and _svg.ORANGE.lower() in figures["cost"]


def test_cost_curves_without_mark():
    """Assert the plot without a mark has no worked-example sentence."""
    svg = plots.cost_curves(figure_id="plain")
    assert "worked example" not in ET.fromstring(svg).get("aria-label")


def test_training_curve_states_first_and_last_cost(figures):
    """Assert the label gives each run's first and last J and its number of steps."""
    label = ET.fromstring(figures["curve"]).get("aria-label")
    assert "J from 0.9000 to 0.2500 in 2 steps" in label
    assert "other: J from 0.7000 to 0.6900 in 2 steps" in label
    assert "gradient-descent step" in _texts(figures["curve"])


def test_training_curve_rejects_empty():
    """Assert an empty list of costs raises ValueError."""
    with pytest.raises(ValueError, match="empty"):
        plots.training_curve([])


def test_decision_boundary_counts_points(figures):
    """Assert the hand-made XOR network puts all 4 points on their side, and the label says so."""
    label = ET.fromstring(figures["boundary"]).get("aria-label")
    assert "4 of 4 points" in label
    assert "2 with y = 1 as circles and 2 with y = 0 as triangles" in label
    texts = _texts(figures["boundary"])
    assert "y = 1" in texts and "y = 0" in texts


def test_decision_boundary_counts_a_wrong_network(xor_net):
    """Assert a network that answers 'OR' gets 3 of the 4 XOR points right."""
    _, X, Y = xor_net
    net = pp.Network([np.array([[-10.0, 20.0, 20.0]])])
    label = ET.fromstring(plots.decision_boundary(net, X, Y, resolution=21)).get("aria-label")
    assert "3 of 4 points" in label


def test_decision_boundary_rejects_other_shapes(xor_net):
    """Assert a network with three inputs is refused."""
    _, X, Y = xor_net
    with pytest.raises(ValueError, match="two inputs and one output"):
        plots.decision_boundary(pp.Network.random([3, 1], seed=0), X, Y)


def test_import_propagation_does_not_import_matplotlib():
    """Assert importing the package, plots and intuition included, leaves matplotlib unloaded."""
    code = (
        "import sys, propagation, propagation.plots, propagation.intuition, propagation.datasets,"
        " propagation.initialisation, propagation.measures, propagation.listing,"
        " propagation.cost_tables, propagation.gradient_tables;"
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_markers_differ_in_shape_not_only_colour(figures):
    """Assert the y = 1 points (cyan) and the y = 0 points (red) use two different marker shapes."""
    root = ET.fromstring(figures["boundary"])
    # A shape is its path's commands without the numbers: a circle of any size is "M C C ... z".
    shapes = {
        p.get("id"): re.sub(r"[-\d.\s]+", " ", p.get("d")).strip()
        for p in root.iter(f"{SVG}path")
        if p.get("id")
    }
    by_colour: dict[str, set[str]] = {}
    for use in root.iter(f"{SVG}use"):
        fill = re.search(r"fill: (#[0-9a-f]{6})", use.get("style") or "")
        href = use.get("{http://www.w3.org/1999/xlink}href", "")[1:]
        if fill:
            by_colour.setdefault(fill.group(1), set()).add(shapes[href])
    cyan, red = by_colour[_svg.CYAN.lower()], by_colour[_svg.ORANGE.lower()]
    assert len(cyan) == len(red) == 1 and cyan != red


@pytest.mark.parametrize("name", ["cost", "curve", "boundary"])
def test_coordinates_are_rounded(figures, name):
    """Assert geometry carries at most two decimals, so long decimals are only the stated values."""
    root = ET.fromstring(figures[name])
    for el in root.iter():
        for key in ("d", "x", "y", "transform", "width", "height"):
            assert not re.search(r"\d\.\d{3,}", el.get(key) or ""), (el.tag, key)
    texts = _texts(figures[name]) + root.get("aria-label")
    long_numbers = set(re.findall(r"\d+\.\d{3,}", figures[name]))
    assert long_numbers <= set(re.findall(r"\d+\.\d{3,}", texts))
