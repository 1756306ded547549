"""Tests for propagation.tables: number formatting, Markdown tables and KaTeX for the pages."""

import math
import re

import numpy as np
import pytest

import propagation as pp
from propagation import tables
from propagation._svg import CYAN, GREEN, MAGENTA, RED
from propagation.example import LECTURE_WEIGHTS, LECTURE_X, LECTURE_Y

# --- An oracle that shares no code with the package: the lecture's pass in plain Python ---------


def _g(z):
    return 1 / (1 + math.exp(-z))


def plain_pass(weights=LECTURE_WEIGHTS, x=LECTURE_X, y=LECTURE_Y):
    """Return z, a, delta and bias deltas as dicts keyed by the course's layer numbers."""
    a, z = {1: list(x)}, {}
    for l, theta in enumerate(weights, start=1):
        z[l + 1] = [
            row[0] + sum(w * v for w, v in zip(row[1:], a[l], strict=True)) for row in theta
        ]
        a[l + 1] = [_g(v) for v in z[l + 1]]
    L = len(weights) + 1
    delta, flows, bias = {L: [a[L][k] - y for k in range(len(a[L]))]}, {}, {}
    for l in range(L - 1, 1, -1):
        theta = weights[l - 1]  # Θ(l)
        back = [
            sum(theta[i][j] * delta[l + 1][i] for i in range(len(theta)))
            for j in range(len(theta[0]))
        ]
        bias[l], flows[l] = back[0], back[1:]
        delta[l] = [f * a[l][j] * (1 - a[l][j]) for j, f in enumerate(flows[l])]
    return z, a, delta, flows, bias


def f4(value):
    """Four decimals, written independently of tables.fmt."""
    return f"{value:.4f}"


def rows_of(markdown):
    """Return a Markdown table's header cells and body rows as lists of stripped strings."""
    lines = [line.strip().strip("|").split("|") for line in markdown.strip().splitlines()]
    cells = [[c.strip() for c in line] for line in lines]
    return cells[0], cells[2:]


@pytest.fixture
def passes():
    ex = pp.lecture_example()
    return ex.network.forward(ex.x), ex.network.backward(ex.x, ex.y)


Z, A, DELTA, FLOWS, BIAS = plain_pass()


# --- fmt, markdown_table, latex_matrix ------------------------------------------------------------


def test_fmt_four_decimals_and_no_negative_zero():
    """fmt writes four decimals and never "-0.0000"."""
    assert tables.fmt(0.28) == "0.2800"
    assert tables.fmt(-0.087380) == "-0.0874"
    assert tables.fmt(-0.00001) == "0.0000"
    assert tables.fmt(np.float32(1.5), digits=1) == "1.5"


def test_markdown_table_rejects_a_short_row():
    """markdown_table names the row whose cell count is wrong."""
    with pytest.raises(ValueError, match="row 2 has 1 cells"):
        tables.markdown_table(["a", "b"], [[1, 2], [3]])


def test_latex_matrix_writes_a_column_for_a_vector():
    """latex_matrix writes a 1-D array as a column bmatrix and refuses 3-D arrays."""
    assert tables.latex_matrix([1, -0.5]) == r"\begin{bmatrix} 1.0000 \\ -0.5000 \end{bmatrix}"
    with pytest.raises(ValueError, match="shape"):
        tables.latex_matrix(np.zeros((1, 1, 1)))


# --- The pages' tables ----------------------------------------------------------------------------


def test_forward_table_has_every_unit_with_its_z_and_a(passes):
    """forward_table lists every non-bias unit with z and a; the input rows show a = x, z blank."""
    headers, rows = rows_of(tables.forward_table(passes[0]))
    assert headers == [
        "layer $l$",
        "unit $j$",
        "weighted sum $z^{(l)}_j$",
        "activation $a^{(l)}_j$",
    ]
    expected = [["1", str(j), "", f4(LECTURE_X[j - 1])] for j in (1, 2)]
    expected += [
        [str(l), str(j), f4(Z[l][j - 1]), f4(A[l][j - 1])]
        for l in (2, 3, 4)
        for j in range(1, len(Z[l]) + 1)
    ]
    assert rows == expected


def test_backward_table_has_flows_slopes_and_deltas(passes):
    """backward_table holds Σ Θ δ, a(1 - a) and δ for every hidden unit, after the output's a - y."""
    headers, rows = rows_of(tables.backward_table(passes[1]))
    assert len(headers) == 5 and headers[-1] == r"delta $\delta^{(l)}_j$"
    assert rows[0][:2] == ["4", "1"] and "a^{(4)}_1 - y" in rows[0][2]
    assert rows[0][4] == f4(A[4][0] - LECTURE_Y)
    expected = [
        [
            str(l),
            str(j),
            f4(FLOWS[l][j - 1]),
            f4(A[l][j - 1] * (1 - A[l][j - 1])),
            f4(DELTA[l][j - 1]),
        ]
        for l in (3, 2)
        for j in (1, 2)
    ]
    assert rows[1:] == expected


def test_bias_delta_table_marks_every_bias_delta_discarded(passes):
    """bias_delta_table has one row per hidden layer's bias unit, its delta and "discarded"."""
    headers, rows = rows_of(tables.bias_delta_table(passes[1]))
    assert len(headers) == 4
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("3", f4(BIAS[3]), "discarded"),
        ("2", f4(BIAS[2]), "discarded"),
    ]


def test_every_heading_has_words_outside_the_maths(passes):
    """Each table heading holds a word outside $...$, so screen readers have a name to read."""
    for markdown in (
        tables.forward_table(passes[0]),
        tables.backward_table(passes[1]),
        tables.bias_delta_table(passes[1]),
    ):
        headers, _ = rows_of(markdown)
        for heading in headers:
            assert re.search(r"[A-Za-z]{2,}", re.sub(r"\$[^$]*\$", "", heading)), heading


def test_tables_refuse_a_batch():
    """The per-example tables raise ValueError naming the batch size when given a batch."""
    ex = pp.lecture_example()
    X = np.array([[0.8, 0.3], [0.1, 0.2]])
    with pytest.raises(ValueError, match="one example; got a batch of m = 2"):
        tables.forward_table(ex.network.forward(X))
    with pytest.raises(ValueError, match="m = 2"):
        tables.backward_table(ex.network.backward(X, [1.0, 0.0]))


def test_backward_table_refuses_other_activations():
    """backward_table's a(1 - a) column needs sigmoid units: tanh raises ValueError naming it."""
    net = pp.Network([np.array(t) for t in LECTURE_WEIGHTS], activation="tanh")
    with pytest.raises(ValueError, match="'tanh'"):
        tables.backward_table(net.backward(np.array(LECTURE_X), 1.0))


# --- Highlights and equations ---------------------------------------------------------------------


def test_check_highlight_accepts_the_lecture_edges():
    """check_highlight returns the lecture's edges and colours unchanged, as plain int tuples."""
    net = pp.lecture_example().network
    wanted = {(2, 1, 0): MAGENTA, (np.int64(2), 1, 1): RED, (2, 1, 2): CYAN, (3, 1, 2): GREEN}
    got = tables.check_highlight(net, wanted)
    assert got == {(2, 1, 0): MAGENTA, (2, 1, 1): RED, (2, 1, 2): CYAN, (3, 1, 2): GREEN}
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
        ((2, 1, 0), "#ff00ff", "'#ff00ff'.*not one of MAGENTA, RED, CYAN, GREEN"),
    ],
)
def test_check_highlight_names_what_is_wrong(edge, colour, message):
    """check_highlight raises ValueError naming the bad edge, unit, layer or colour."""
    with pytest.raises(ValueError, match=message):
        tables.check_highlight(pp.lecture_example().network, {edge: colour})


def marked(tex, colour):
    """The KaTeX a highlighted term is written as: near-black text in a box of its colour."""
    return rf"\colorbox{{{colour}}}{{$\textcolor{{#111111}}{{{tex}}}$}}"


def test_paint_colours_and_refuses_unknown_colours():
    """paint boxes maths in a highlight colour, passes None through, refuses other colours."""
    assert tables.paint("x", MAGENTA) == r"\colorbox{#CC79A7}{$\textcolor{#111111}{x}$}"
    assert tables.paint("x", None) == "x"
    with pytest.raises(ValueError, match="'red'"):
        tables.paint("x", "red")


def test_weighted_input_equation_colours_the_lecture_weights(passes):
    """z(3)_1's equation colours Θ(2)_10, _11, _12 and their numbers, and gives z and a."""
    colours = {(2, 1, 0): MAGENTA, (2, 1, 1): RED, (2, 1, 2): CYAN}
    tex = tables.weighted_input_equation(passes[0], 3, 1, colours)
    theta = LECTURE_WEIGHTS[1][0]
    for j, colour in enumerate((MAGENTA, RED, CYAN)):
        assert marked(rf"\Theta^{{(2)}}_{{1{j}}}", colour) in tex
        number = f4(theta[j]) if theta[j] >= 0 else f"({f4(theta[j])})"
        assert marked(number, colour) in tex
    assert rf"\cdot {f4(A[2][0])}" in tex and rf"\cdot {f4(A[2][1])}" in tex
    assert f"&= {f4(Z[3][0])}" in tex and f"= {f4(A[3][0])}" in tex
    assert tex.count("{") == tex.count("}")


def test_weighted_input_equation_refuses_edges_of_other_units(passes):
    """A highlighted edge that does not enter the unit, or a layer out of range, raises ValueError."""
    with pytest.raises(ValueError, match=r"edge \(2, 2, 1\) is not a weight of z\(3\)_1"):
        tables.weighted_input_equation(passes[0], 3, 1, {(2, 2, 1): RED})
    with pytest.raises(ValueError, match="layer 1 is out of range"):
        tables.weighted_input_equation(passes[0], 1, 1)
    with pytest.raises(ValueError, match="unit 3 is out of range for layer 2"):
        tables.weighted_input_equation(passes[0], 2, 3)


def test_forward_matrix_equation_has_the_weights_and_the_result(passes):
    """The matrix step from layer 1 shows Θ(1), [1; x] and z(2), a(2) with their numbers."""
    tex = tables.forward_matrix_equation(passes[0], 1)
    row = " & ".join(f4(w) for w in LECTURE_WEIGHTS[0][0])
    assert row in tex
    assert rf"\begin{{bmatrix}} {f4(Z[2][0])} \\ {f4(Z[2][1])} \end{{bmatrix}}" in tex
    assert rf"\begin{{bmatrix}} {f4(A[2][0])} \\ {f4(A[2][1])} \end{{bmatrix}}" in tex
    with pytest.raises(ValueError, match="layer 4 is out of range"):
        tables.forward_matrix_equation(passes[0], 4)


def test_output_delta_equation_is_a_minus_y(passes):
    """δ(4)_1 = a(4)_1 - y with the numbers; a label other than the pass's raises ValueError."""
    tex = tables.output_delta_equation(passes[1], LECTURE_Y)
    assert f"= {f4(A[4][0])} - {f4(LECTURE_Y)} = {f4(DELTA[4][0])}" in tex
    with pytest.raises(ValueError, match="not the label this pass was run with"):
        tables.output_delta_equation(passes[1], 0.0)


def test_hidden_delta_equation_shows_the_sum_then_the_slope(passes):
    """δ(2)_2's equation colours Θ(2)_12 and Θ(2)_22 and shows Σ Θ δ, a(1 - a) and δ."""
    tex = tables.hidden_delta_equation(passes[1], 2, 2, {(2, 1, 2): MAGENTA, (2, 2, 2): RED})
    assert marked(r"\Theta^{(2)}_{12}", MAGENTA) in tex
    assert marked(r"\Theta^{(2)}_{22}", RED) in tex
    assert marked(f"({f4(LECTURE_WEIGHTS[1][1][2])})", RED) in tex
    slope = A[2][1] * (1 - A[2][1])
    assert f"= {f4(FLOWS[2][1])}" in tex and f"= {f4(slope)}" in tex
    assert tex.endswith(rf"= {f4(DELTA[2][1])} \end{{aligned}}")
    assert tex.count("{") == tex.count("}")


def test_hidden_delta_equation_refuses_the_output_layer_and_foreign_edges(passes):
    """hidden_delta_equation takes layers 2 .. L-1 and only edges leaving the unit."""
    with pytest.raises(ValueError, match="layer 4 is out of range"):
        tables.hidden_delta_equation(passes[1], 4, 1)
    with pytest.raises(ValueError, match=r"edge \(3, 1, 2\) is not a weight of δ\(2\)_2"):
        tables.hidden_delta_equation(passes[1], 2, 2, {(3, 1, 2): GREEN})
