"""Tests for propagation.equations: the lecture's formulae with the example's numbers in KaTeX."""

import numpy as np
import pytest
from plain_pass import plain_pass

import propagation as pp
from propagation import equations, tables
from propagation._svg import CYAN, GREEN, MAGENTA, ORANGE
from propagation.example import LECTURE_WEIGHTS, LECTURE_Y


def f4(value):
    """Four decimals, written independently of tables.fmt."""
    return f"{value:.4f}"


@pytest.fixture
def passes():
    ex = pp.lecture_example()
    return ex.network.forward(ex.x), ex.network.backward(ex.x, ex.y)


Z, A, DELTA, FLOWS, BIAS = plain_pass()


# --- The equations ---------------------------------------------------------------------------------


def marked(tex, colour):
    """The KaTeX a highlighted term is written as: near-black text in a box of its colour."""
    return rf"\colorbox{{{colour}}}{{$\textcolor{{#111111}}{{{tex}}}$}}"


def test_weighted_input_equation_colours_the_lecture_weights(passes):
    """z(3)_1's equation colours Θ(2)_10, _11, _12 and their numbers, and gives z and a."""
    colours = {(2, 1, 0): MAGENTA, (2, 1, 1): ORANGE, (2, 1, 2): CYAN}
    tex = equations.weighted_input_equation(passes[0], 3, 1, colours)
    theta = LECTURE_WEIGHTS[1][0]
    for j, colour in enumerate((MAGENTA, ORANGE, CYAN)):
        assert marked(rf"\Theta^{{(2)}}_{{1{j}}}", colour) in tex
        number = f4(theta[j]) if theta[j] >= 0 else f"({f4(theta[j])})"
        assert marked(number, colour) in tex
    assert rf"\cdot {f4(A[2][0])}" in tex and rf"\cdot {f4(A[2][1])}" in tex
    assert f"&= {f4(Z[3][0])}" in tex and f"= {f4(A[3][0])}" in tex
    assert tex.count("{") == tex.count("}")


def test_weighted_input_equation_refuses_edges_of_other_units(passes):
    """A highlighted edge that does not enter the unit, or a layer out of range, raises ValueError."""
    with pytest.raises(ValueError, match=r"edge \(2, 2, 1\) is not a weight of z\(3\)_1"):
        equations.weighted_input_equation(passes[0], 3, 1, {(2, 2, 1): ORANGE})
    with pytest.raises(ValueError, match="layer 1 is out of range"):
        equations.weighted_input_equation(passes[0], 1, 1)
    with pytest.raises(ValueError, match="unit 3 is out of range for layer 2"):
        equations.weighted_input_equation(passes[0], 2, 3)


def test_forward_matrix_equation_has_the_weights_and_the_result(passes):
    """The matrix step from layer 1 shows Θ(1), [1; x] and z(2), a(2) with their numbers."""
    tex = equations.forward_matrix_equation(passes[0], 1)
    row = " & ".join(f4(w) for w in LECTURE_WEIGHTS[0][0])
    assert row in tex
    assert rf"\begin{{bmatrix}} {f4(Z[2][0])} \\ {f4(Z[2][1])} \end{{bmatrix}}" in tex
    assert rf"\begin{{bmatrix}} {f4(A[2][0])} \\ {f4(A[2][1])} \end{{bmatrix}}" in tex
    with pytest.raises(ValueError, match="layer 4 is out of range"):
        equations.forward_matrix_equation(passes[0], 4)


def test_output_delta_equation_is_a_minus_y(passes):
    """δ(4)_1 = a(4)_1 - y with the numbers; a label other than the pass's raises ValueError."""
    tex = equations.output_delta_equation(passes[1], LECTURE_Y)
    assert f"= {f4(A[4][0])} - {f4(LECTURE_Y)} = {f4(DELTA[4][0])}" in tex
    with pytest.raises(ValueError, match="not the label this pass was run with"):
        equations.output_delta_equation(passes[1], 0.0)


def test_hidden_delta_equation_shows_the_sum_then_the_slope(passes):
    """δ(2)_2's equation colours Θ(2)_12 and Θ(2)_22 and shows Σ Θ δ, a(1 - a) and δ."""
    tex = equations.hidden_delta_equation(passes[1], 2, 2, {(2, 1, 2): MAGENTA, (2, 2, 2): ORANGE})
    assert marked(r"\Theta^{(2)}_{12}", MAGENTA) in tex
    assert marked(r"\Theta^{(2)}_{22}", ORANGE) in tex
    assert marked(f"({f4(LECTURE_WEIGHTS[1][1][2])})", ORANGE) in tex
    slope = A[2][1] * (1 - A[2][1])
    assert f"= {f4(FLOWS[2][1])}" in tex and f"= {f4(slope)}" in tex
    assert tex.endswith(rf"= {f4(DELTA[2][1])} \end{{aligned}}")
    assert tex.count("{") == tex.count("}")


def test_hidden_delta_equation_refuses_the_output_layer_and_foreign_edges(passes):
    """hidden_delta_equation takes layers 2 .. L-1 and only edges leaving the unit."""
    with pytest.raises(ValueError, match="layer 4 is out of range"):
        equations.hidden_delta_equation(passes[1], 4, 1)
    with pytest.raises(ValueError, match=r"edge \(3, 1, 2\) is not a weight of δ\(2\)_2"):
        equations.hidden_delta_equation(passes[1], 2, 2, {(3, 1, 2): GREEN})


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_outer_product_equation_holds_delta_and_activations(ex):
    """Assert the equation prints δ(l+1) and [1, a(l)], whose outer product is the gradient."""
    bwd = ex.network.backward(ex.x, ex.y)
    tex = equations.outer_product_equation(ex.network, ex.x, ex.y, 2)
    assert tables.latex_matrix(bwd.delta(3)) in tex
    assert tables.latex_matrix(np.atleast_2d(bwd.forward.a(2, bias=True))) in tex
    assert tex.endswith(tables.latex_matrix(np.atleast_2d(bwd.forward.a(2, bias=True))))
    outer = np.outer(bwd.delta(3), bwd.forward.a(2, bias=True))
    np.testing.assert_allclose(outer, bwd.grad(2), atol=1e-15)
