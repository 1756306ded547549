"""Tests for propagation.gradient_tables: every entry against the package's own derivatives."""

from __future__ import annotations

import pytest

import propagation as pp
from propagation import gradient_tables, tables


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_delta_table_lists_every_unit(ex):
    """Assert the delta table has a row per unit of layers 2..4 with backprop's δ in it."""
    text = gradient_tables.delta_table(ex.network, ex.x, ex.y)
    rows = text.strip().splitlines()[2:]
    assert len(rows) == 5
    d = ex.network.backward(ex.x, ex.y).delta(3)[1]
    assert f"| $\\delta^{{(3)}}_2$ | {tables.fmt(d)} | {tables.fmt(d)} |" in text


def test_gradient_tables(ex):
    """Assert the gradient tables hold every entry, products equal to the package's gradient."""
    bwd = ex.network.backward(ex.x, ex.y)
    matrix = gradient_tables.gradient_matrix_table(bwd.grad(2))
    assert len(matrix.strip().splitlines()) == 2 + 2
    assert "$j = 0$ (bias)" in matrix and tables.fmt(bwd.grad(2)[1, 2]) in matrix
    products = gradient_tables.gradient_products_table(ex.network, ex.x, ex.y, 2)
    rows = products.strip().splitlines()[2:]
    assert len(rows) == 6
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3] == cells[4]  # a·δ as printed equals the package's entry as printed
    assert len(gradient_tables.gradient_products_table(ex.network, ex.x, ex.y, 3).splitlines()) == 5


def test_regularised_gradient_table_leaves_bias_alone(ex):
    """Assert the bias rows add nothing and the others add λ/m Θ, as the package's gradients do."""
    text = gradient_tables.regularised_gradient_table(ex.network, ex.x, ex.y, 1.0, 1)
    rows = [[c.strip() for c in r.strip("|").split("|")] for r in text.strip().splitlines()[2:]]
    assert len(rows) == 6
    for row in rows:
        i, j = (int(k) for k in row[0].strip("$()").split(", "))
        if j == 0:
            assert row[2] == "0 (bias)" and row[1] == row[3]
        else:
            assert row[2] == tables.fmt(ex.network.theta(1)[i - 1, j])
            expected = ex.network.backward(ex.x, ex.y, 1.0).grad(1)[i - 1, j]
            assert row[3] == tables.fmt(expected)


def test_check_table_rows_and_differences(ex):
    """Assert the check table has a row per weight and prints the difference in 10^k form."""
    grads = ex.network.backward(ex.x, ex.y).grads
    shifted = [g + 1e-7 for g in grads]
    text = gradient_tables.check_table(grads, shifted)
    rows = text.strip().splitlines()[2:]
    assert len(rows) == 15
    assert all("-1.0 \\times 10^{-7}" in row for row in rows)
    assert "$\\Theta^{(3)}_{12}$" in text
