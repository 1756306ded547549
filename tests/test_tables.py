"""Tests for propagation.tables: number formatting, Markdown tables and the pass as tables."""

import re

import numpy as np
import pytest
from plain_pass import plain_pass

import propagation as pp
from propagation import datasets, tables
from propagation.example import LECTURE_WEIGHTS, LECTURE_X, LECTURE_Y


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


# --- fmt, sci, markdown_table, latex_matrix -------------------------------------------------------


def test_fmt_four_decimals_and_no_negative_zero():
    """fmt writes four decimals and never "-0.0000"."""
    assert tables.fmt(0.28) == "0.2800"
    assert tables.fmt(-0.087380) == "-0.0874"
    assert tables.fmt(-0.00001) == "0.0000"
    assert tables.fmt(np.float32(1.5), digits=1) == "1.5"


def test_sci():
    """Assert sci writes KaTeX scientific notation and 0 as 0."""
    assert tables.sci(2.345e-11) == r"2.3 \times 10^{-11}"
    assert tables.sci(-0.5) == r"-5.0 \times 10^{-1}"
    assert tables.sci(123456, 2) == r"1.23 \times 10^{5}"
    assert tables.sci(0.0) == "0"


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


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_activations_table(ex):
    """Assert the activation table has a row per example holding its inputs and a(l)."""
    X, _ = datasets.xor_data()
    text = tables.activations_table(ex.network, X, 2)
    rows = text.strip().splitlines()[2:]
    assert len(rows) == 4
    a = ex.network.forward(X).a(2)
    assert tables.fmt(a[3, 1]) in rows[3]


def test_markdown_table_refuses_a_heading_that_is_only_a_formula():
    """Assert a heading with no word outside its maths raises ValueError naming the heading."""
    with pytest.raises(ValueError, match=r"heading '\$k\$' needs a word outside its maths"):
        tables.markdown_table(["$k$", "cost"], [["1", 0.5]])
    with pytest.raises(ValueError, match=r"heading '' needs a word"):
        tables.markdown_table(["", "cost"], [["1", 0.5]])
    assert tables.markdown_table(["output $k$", "cost"], [["1", 0.5]]).startswith("| output $k$")
