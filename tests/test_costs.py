"""Tests for propagation.costs: each cost against its formula, each δ(L) against ∂cost/∂z(L)."""

import math

import numpy as np
import pytest

import propagation as pp
from propagation.costs import COSTS

# Three examples, two output units; z(L) moderate so log h and log(1 - h) are exact enough.
Z = np.array([[-2.0, 0.5], [1.5, -0.3], [0.1, 3.0]])
Y = np.array([[0.0, 1.0], [1.0, 1.0], [0.3, 0.0]])


def h_of(z):
    """Return the sigmoid, written independently of the package."""
    return 1 / (1 + math.exp(-z))


def by_hand(name, z, y):
    """Return cost(i) for one example, summed over its output units, written from the course."""
    total = 0.0
    for zk, yk in zip(z, y, strict=True):
        h = h_of(zk)
        if name == "logistic":
            total += -(yk * math.log(h) + (1 - yk) * math.log(1 - h))
        else:
            total += 0.5 * (h - yk) ** 2
    return total


def softplus(t):
    """Return log(1 + e^t) exactly for any t: log1p(e^-|t|) + max(t, 0)."""
    return np.log1p(np.exp(-np.abs(t))) + np.maximum(t, 0)


def test_known_costs():
    """Assert exactly the logistic and squared costs are offered."""
    assert set(COSTS) == {"logistic", "squared"}


@pytest.mark.parametrize("name", ["logistic", "squared"])
def test_value_matches_the_course_formula(name):
    """Assert cost(i) equals the course's formula summed over k, for every example (rtol 1e-13)."""
    a = 1 / (1 + np.exp(-Z))
    expected = [by_hand(name, z, y) for z, y in zip(Z, Y, strict=True)]
    np.testing.assert_allclose(COSTS[name].value(Z, a, Y), expected, rtol=1e-13)


@pytest.mark.parametrize("name", ["logistic", "squared"])
def test_delta_is_the_derivative_of_the_cost_in_z(name):
    """Assert δ(L) equals central differences of the hand-written cost in each z(L)_k (rtol 1e-7)."""
    a, e = 1 / (1 + np.exp(-Z)), 1e-6
    expected = np.empty_like(Z)
    for i, k in np.ndindex(Z.shape):
        plus, minus = Z[i].copy(), Z[i].copy()
        plus[k] += e
        minus[k] -= e
        expected[i, k] = (by_hand(name, plus, Y[i]) - by_hand(name, minus, Y[i])) / (2 * e)
    np.testing.assert_allclose(COSTS[name].delta(Z, a, Y), expected, rtol=1e-7, atol=1e-10)


def test_logistic_delta_is_exactly_prediction_minus_label():
    """Assert the logistic δ(L) is a(L) - y to the last bit, as the course writes it."""
    a = np.array([[0.2, 0.9], [0.6, 0.05]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_array_equal(COSTS["logistic"].delta(np.zeros_like(a), a, y), a - y)


def test_squared_delta_carries_the_sigmoid_slope():
    """Assert the squared δ(L) is (a - y) a (1 - a), unlike the logistic one (rtol 1e-15)."""
    a = np.array([[0.2, 0.9]])
    y = np.array([[1.0, 0.0]])
    expected = [[(0.2 - 1) * 0.2 * 0.8, 0.9 * 0.9 * 0.1]]
    np.testing.assert_allclose(COSTS["squared"].delta(np.zeros_like(a), a, y), expected, rtol=1e-15)


@pytest.mark.parametrize("name", ["logistic", "squared"])
def test_delta_into_out_writes_there_and_leaves_its_inputs(name):
    """Assert delta(..., out=) returns `out` holding what delta returns without it."""
    a = np.array([[0.2, 0.9], [0.6, 0.05]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    a0, y0 = a.copy(), y.copy()
    out = np.full_like(a, np.nan)
    assert COSTS[name].delta(np.zeros_like(a), a, y, out=out) is out
    np.testing.assert_array_equal(out, COSTS[name].delta(np.zeros_like(a), a0, y0))
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(y, y0)


def test_logistic_value_is_exact_where_h_rounds_to_0_or_1():
    """Assert the logistic cost at |z| up to 5000 equals softplus written in the test (rtol 1e-15)."""
    z = np.array([[-5000.0], [-40.0], [40.0], [5000.0], [-5000.0], [5000.0]])
    y = np.array([[1.0], [1.0], [0.0], [0.0], [0.0], [1.0]])
    a = np.clip(np.sign(z), 0, 1)  # what h rounds to
    expected = (y * softplus(-z) + (1 - y) * softplus(z)).ravel()
    value = COSTS["logistic"].value(z, a, y)
    assert np.isfinite(value).all()
    np.testing.assert_allclose(value, expected, rtol=1e-15, atol=1e-300)
    np.testing.assert_allclose(value[[0, 3]], [5000.0, 5000.0], rtol=1e-15)


@pytest.mark.parametrize("cost", ["logistic", "squared"])
def test_network_cost_is_the_mean_over_examples(cost):
    """Assert J of a one-layer network is the mean of the hand-written cost(i) (rtol 1e-13)."""
    # 1-2 network: z(2) = (0.4 - 1.2 x, -0.1 + 0.6 x)
    net = pp.Network([[[0.4, -1.2], [-0.1, 0.6]]], cost=cost)
    X = np.array([[0.5], [-1.0], [2.0]])
    Ys = np.array([[1.0, 0.0], [0.0, 0.0], [0.25, 1.0]])
    expected = np.mean(
        [
            by_hand(cost, [0.4 - 1.2 * x, -0.1 + 0.6 * x], y)
            for x, y in zip(X[:, 0], Ys, strict=True)
        ]
    )
    np.testing.assert_allclose(net.cost(X, Ys), expected, rtol=1e-13)


def test_squared_cost_accepts_labels_outside_the_unit_interval():
    """Assert the squared cost takes any real label, ½(h - y)² with y = 2 (rtol 1e-14)."""
    net = pp.Network([[[0.0, 1.0]]], cost="squared")  # h = g(x)
    np.testing.assert_allclose(net.cost([0.0], 2.0), 0.5 * (0.5 - 2.0) ** 2, rtol=1e-14)
