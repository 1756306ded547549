"""Tests for propagation.intuition: each result checked against an oracle it does not share code with."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import propagation as pp
from propagation import datasets, intuition, measures


def _g(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _hand_111(b1: float, w1: float, b2: float, w2: float, x: float, y: float, dz: float = 0.0):
    """Cost and deltas of a 1-1-1 sigmoid network, written out by hand; dz nudges z(2)_1."""
    z2 = b1 + w1 * x + dz
    a2 = _g(z2)
    z3 = b2 + w2 * a2
    h = _g(z3)
    cost = -(y * math.log(h) + (1 - y) * math.log(1 - h))
    d3 = h - y
    d2 = w2 * d3 * a2 * (1 - a2)
    return cost, d2, d3, a2


NET_111 = pp.Network([np.array([[0.3, -0.8]]), np.array([[-0.2, 1.5]])])
X_111, Y_111 = np.array([0.6]), 1.0


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_nudged_cost_without_nudge_is_the_cost(ex):
    """Assert nudged_cost with dz = 0 equals Network.cost for every unit of the lecture network."""
    expected = ex.network.cost(ex.x, ex.y)
    for l, s in ((2, 2), (3, 2), (4, 1)):
        for j in range(1, s + 1):
            assert intuition.nudged_cost(ex.network, ex.x, ex.y, l, j, 0.0) == pytest.approx(
                expected, abs=1e-15
            )


def test_nudged_cost_matches_hand_formula_on_1_1_1():
    """Assert nudging z(2)_1 of a 1-1-1 network gives the hand-computed cost."""
    for dz in (-0.5, 0.01, 0.7):
        hand = _hand_111(0.3, -0.8, -0.2, 1.5, 0.6, 1.0, dz)[0]
        assert intuition.nudged_cost(NET_111, X_111, Y_111, 2, 1, dz) == pytest.approx(hand, 1e-12)


def test_numerical_deltas_match_hand_deltas_on_1_1_1():
    """Assert the nudged-cost slopes equal the hand-derived δ(2) and δ(3) of a 1-1-1 network."""
    _, d2, d3, _ = _hand_111(0.3, -0.8, -0.2, 1.5, 0.6, 1.0)
    numeric = intuition.numerical_deltas(NET_111, X_111, Y_111)
    np.testing.assert_allclose(numeric[2], [d2], atol=1e-9)
    np.testing.assert_allclose(numeric[3], [d3], atol=1e-9)


def test_numerical_deltas_match_backprop_on_lecture_example(ex):
    """Assert δ(l)_j from re-running the forward pass equals bwd.delta(l) to 1e-8 for l = 2..4."""
    bwd = ex.network.backward(ex.x, ex.y)
    numeric = intuition.numerical_deltas(ex.network, ex.x, ex.y)
    assert sorted(numeric) == [2, 3, 4]
    for l in (2, 3, 4):
        np.testing.assert_allclose(numeric[l], bwd.delta(l), rtol=0, atol=1e-8)


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 3), min_size=3, max_size=4),
    seed=st.integers(0, 10_000),
    activation=st.sampled_from(["sigmoid", "tanh"]),
)
def test_numerical_deltas_match_backprop_for_any_network(sizes, seed, activation):
    """Assert nudged-cost deltas equal backprop's for random networks, labels and activations."""
    rng = np.random.default_rng(seed)
    net = pp.Network.random(sizes, seed=rng, epsilon=1.0, activation=activation)
    x, y = rng.normal(size=sizes[0]), rng.integers(0, 2, size=sizes[-1]).astype(float)
    bwd = net.backward(x, y)
    numeric = intuition.numerical_deltas(net, x, y)
    for l in range(2, net.L + 1):
        np.testing.assert_allclose(numeric[l], bwd.delta(l), rtol=0, atol=1e-8)


def test_nudged_cost_leaves_the_network_alone(ex):
    """Assert nudging z does not change the network's weights."""
    before = [w.copy() for w in ex.network.weights]
    intuition.nudged_cost(ex.network, ex.x, ex.y, 3, 2, 0.5)
    for w, b in zip(ex.network.weights, before, strict=True):
        np.testing.assert_array_equal(w, b)


@pytest.mark.parametrize(("l", "j"), [(1, 1), (5, 1), (2, 0), (2, 3), (4, 2)])
def test_nudged_cost_rejects_missing_units(ex, l, j):
    """Assert a layer without z or a unit the layer lacks raises ValueError naming the range."""
    with pytest.raises(ValueError, match=r"out of range|unit j"):
        intuition.nudged_cost(ex.network, ex.x, ex.y, l, j, 0.1)


def test_nudged_cost_rejects_a_batch(ex):
    """Assert nudged_cost takes one example, not a batch."""
    with pytest.raises(ValueError, match="one example"):
        intuition.nudged_cost(ex.network, np.ones((2, 2)), np.ones(2), 2, 1, 0.1)


def test_sign_step_descends_with_a_minus_y_and_climbs_with_y_minus_a(ex):
    """Assert a - y lowers the cost, y - a as a gradient raises it, and climbing with it lowers it."""
    step = intuition.sign_step(ex.network, ex.x, ex.y, alpha=1.0)
    h = ex.network.forward(ex.x).output[0]
    assert step.delta_cost == pytest.approx(h - ex.y)
    assert step.delta_captions == pytest.approx(ex.y - h)
    assert step.before == pytest.approx(ex.network.cost(ex.x, ex.y))
    assert step.descend < step.before < step.wrong
    assert step.climb == step.descend


def test_sign_step_descend_matches_a_step_with_backward(ex):
    """Assert the a - y step equals one step with Network.backward's gradients."""
    grads = ex.network.backward(ex.x, ex.y).grads
    stepped = ex.network.with_weights(
        [w - 0.5 * g for w, g in zip(ex.network.weights, grads, strict=True)]
    )
    step = intuition.sign_step(ex.network, ex.x, ex.y, alpha=0.5)
    assert step.descend == pytest.approx(stepped.cost(ex.x, ex.y), abs=1e-14)


def test_sign_step_needs_one_output():
    """Assert sign_step refuses a network with two output units."""
    net, x, y = datasets.two_output_example()
    with pytest.raises(ValueError, match="one output unit"):
        intuition.sign_step(net, x, y, alpha=1.0)


def test_buggy_gradients_fail_the_check(ex):
    """Assert the no-slope gradients differ from the numerical ones by a large relative difference."""
    buggy = intuition.buggy_gradients(ex.network, ex.x, ex.y, bug="no_slope")
    numeric = pp.numerical_gradient(ex.network, ex.x, ex.y)
    assert pp.relative_difference(buggy, numeric) > 1e-2
    # The bug lives in the hidden deltas: the last layer's gradient, from δ(L) alone, is right.
    np.testing.assert_allclose(buggy[-1], numeric[-1], atol=1e-9)
    assert np.abs(buggy[0] - numeric[0]).max() > 1e-3


def test_buggy_gradients_match_hand_formula_on_1_1_1():
    """Assert the no-slope Θ(1) gradient is w2 δ(3) [1, x], the hand formula without g'(z)."""
    _, _, d3, a2 = _hand_111(0.3, -0.8, -0.2, 1.5, 0.6, 1.0)
    buggy = intuition.buggy_gradients(NET_111, X_111, Y_111)
    np.testing.assert_allclose(buggy[0], [[1.5 * d3, 1.5 * d3 * 0.6]], atol=1e-14)
    np.testing.assert_allclose(buggy[1], [[d3, d3 * a2]], atol=1e-14)


def test_buggy_gradients_reject_unknown_bug(ex):
    """Assert an unknown bug name raises ValueError."""
    with pytest.raises(ValueError, match="unknown bug"):
        intuition.buggy_gradients(ex.network, ex.x, ex.y, bug="typo")


def test_loop_gradients_equal_batch_gradients():
    """Assert summing one example at a time equals the matrix form on a batch, K = 1 and K = 2."""
    rng = np.random.default_rng(3)
    for sizes in ([2, 2, 2, 1], [3, 4, 2]):
        net = pp.Network.random(sizes, seed=rng, epsilon=1.0)
        X = rng.normal(size=(7, sizes[0]))
        Y = rng.integers(0, 2, size=(7, sizes[-1])).astype(float)
        Y = Y.ravel() if sizes[-1] == 1 else Y
        loop = intuition.loop_gradients(net, X, Y)
        batch = net.backward(X, Y).grads
        assert measures.max_abs_difference(loop, batch) < 1e-14


def test_loop_gradients_of_one_example_are_its_gradients(ex):
    """Assert the loop over a batch of one gives the example's own gradients."""
    loop = intuition.loop_gradients(ex.network, ex.x[np.newaxis], np.array([ex.y]))
    for a, b in zip(loop, ex.network.backward(ex.x, ex.y).grads, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-15)


def test_logistic_cost_matches_the_package_cost(ex):
    """Assert the formula from h equals Network.cost, for K = 1 and summed over K = 2."""
    h = ex.network.forward(ex.x).output
    assert float(intuition.logistic_cost(h, ex.y).sum()) == pytest.approx(
        ex.network.cost(ex.x, ex.y), rel=1e-12
    )
    net, x, y = datasets.two_output_example()
    h = net.forward(x).output
    assert float(intuition.logistic_cost(h, y).sum()) == pytest.approx(net.cost(x, y), rel=1e-12)
    assert intuition.logistic_cost(0.5, 1.0) == pytest.approx(math.log(2))


def test_weight_squares_leave_out_the_bias_and_make_the_lambda_term(ex):
    """Assert Θ(1)'s non-bias squares by hand, and J(λ) - J(0) = λ/2m Σ squares."""
    squares = intuition.weight_squares(ex.network)
    assert squares[0] == pytest.approx(0.3**2 + 0.2**2 + 0.5**2 + 0.7**2)
    lam = 2.0
    gap = ex.network.cost(ex.x, ex.y, lam) - ex.network.cost(ex.x, ex.y)
    assert gap == pytest.approx(lam / 2 * sum(squares), rel=1e-12)
