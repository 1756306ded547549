"""Tests for propagation.checking: numerical gradients and the relative difference the course uses."""

import math

import numpy as np
import pytest

import propagation as pp


def debug_initialize_weights(fan_out, fan_in):
    """Return ex4's debugInitializeWeights: reshape(sin(1:numel(W)), size(W)) / 10, column-major."""
    n = fan_out * (1 + fan_in)
    return np.sin(np.arange(1, n + 1)).reshape((1 + fan_in, fan_out)).T / 10


def test_debug_weights_follow_matlabs_column_major_reshape():
    """Assert the helper fills W column by column, W(i, j) = sin(1 + i + j fan_out) / 10 (0-based)."""
    W = debug_initialize_weights(5, 3)
    assert W.shape == (5, 4)
    np.testing.assert_array_equal(W, np.sin(np.arange(1, 21)).reshape((5, 4), order="F") / 10)
    for i, j in np.ndindex(W.shape):
        assert W[i, j] == math.sin(1 + i + j * 5) / 10
    assert W[1, 0] == math.sin(2) / 10 and W[0, 1] == math.sin(6) / 10


def check_nn_gradients_problem():
    """Return ex4's checkNNGradients set-up: 3-5-3 network, m = 5, labels 2, 3, 1, 2, 3 one-hot."""
    input_layer_size, hidden_layer_size, num_labels, m = 3, 5, 3, 5
    theta1 = debug_initialize_weights(hidden_layer_size, input_layer_size)  # 5 x 4
    theta2 = debug_initialize_weights(num_labels, hidden_layer_size)  # 3 x 6
    X = debug_initialize_weights(m, input_layer_size - 1)  # 5 x 3
    y = 1 + np.mod(np.arange(1, m + 1), num_labels)
    assert y.tolist() == [2, 3, 1, 2, 3]
    Y = np.eye(num_labels)[y - 1]
    return theta1, theta2, X, Y


@pytest.mark.parametrize("lam", [0.0, 3.0])
def test_course_gradient_check_passes(lam):
    """Assert ex4's checkNNGradients: backprop vs numerical gradient, relative difference < 1e-9."""
    theta1, theta2, X, Y = check_nn_gradients_problem()
    net = pp.Network([theta1, theta2])
    backprop = net.backward(X, Y, lam).grads
    numeric = pp.numerical_gradient(net, X, Y, lam)  # eps = 1e-4, as computeNumericalGradient
    assert [g.shape for g in numeric] == [(5, 4), (3, 6)]
    assert pp.relative_difference(backprop, numeric) < 1e-9
    # ... and by the formula written here, not by the package
    a = np.concatenate([g.ravel() for g in backprop])
    b = np.concatenate([g.ravel() for g in numeric])
    assert np.linalg.norm(a - b) / np.linalg.norm(a + b) < 1e-9


def test_course_gradient_check_cost_with_regularisation():
    """Assert J(λ = 3) on ex4's check problem equals nnCostFunction's formula written here (rtol 1e-13)."""
    theta1, theta2, X, Y = check_nn_gradients_problem()
    m, lam = X.shape[0], 3.0
    g = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731 (the course's sigmoid, one line)
    a2 = g(np.c_[np.ones(m), X] @ theta1.T)
    h = g(np.c_[np.ones(m), a2] @ theta2.T)
    J = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m
    J += lam / (2 * m) * (np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2))
    net = pp.Network([theta1, theta2])
    np.testing.assert_allclose(net.cost(X, Y, lam), J, rtol=1e-13)
    np.testing.assert_allclose(net.backward(X, Y, lam).cost, J, rtol=1e-13)


def logistic_regression_gradient(theta, X, Y, lam, cost="logistic"):
    """Return ∂J/∂Θ of a network without hidden layers, h = g(Θ [1; x]), by its closed form."""
    m = X.shape[0]
    A = np.c_[np.ones(m), X]
    h = 1 / (1 + np.exp(-(A @ theta.T)))
    d = h - Y if cost == "logistic" else (h - Y) * h * (1 - h)
    grad = d.T @ A / m
    grad[:, 1:] += lam / m * theta[:, 1:]
    return grad


THETA = np.array([[0.5, -1.0, 2.0], [-0.3, 0.8, 0.1]])
X = np.array([[0.2, 0.4], [-1.0, 0.5], [1.5, -0.7]])
Y = np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0]])


@pytest.mark.parametrize("cost", ["logistic", "squared"])
@pytest.mark.parametrize("lam", [0.0, 2.0])
def test_numerical_gradient_matches_a_closed_form(cost, lam):
    """Assert numerical_gradient equals the closed-form gradient of logistic regression (rtol 1e-7)."""
    net = pp.Network([THETA], cost=cost)
    (numeric,) = pp.numerical_gradient(net, X, Y, lam)
    expected = logistic_regression_gradient(THETA, X, Y, lam, cost)
    np.testing.assert_allclose(numeric, expected, rtol=1e-7, atol=1e-10)


def test_numerical_gradient_of_one_example():
    """Assert numerical_gradient takes one example, (n,) and (K,), like backward (rtol 1e-7)."""
    net = pp.Network([THETA])
    (numeric,) = pp.numerical_gradient(net, X[1], Y[1], lam=1.0)
    expected = logistic_regression_gradient(THETA, X[1:2], Y[1:2], 1.0)
    np.testing.assert_allclose(numeric, expected, rtol=1e-7, atol=1e-10)


def test_numerical_gradient_is_a_central_difference():
    """Assert the error falls with eps² (central), not with eps (one-sided): x100 per x10 in eps."""
    net = pp.Network([THETA])
    expected = logistic_regression_gradient(THETA, X, Y, 0.0)
    errors = [
        np.abs(pp.numerical_gradient(net, X, Y, eps=eps)[0] - expected).max()
        for eps in (1e-1, 1e-2)
    ]
    assert 50 < errors[0] / errors[1] < 200


def test_numerical_gradient_uses_eps():
    """Assert a huge eps gives a different (worse) estimate than the default: eps is used."""
    net = pp.Network([THETA])
    expected = logistic_regression_gradient(THETA, X, Y, 0.0)
    coarse = pp.numerical_gradient(net, X, Y, eps=0.5)[0]
    assert np.abs(coarse - expected).max() > 1e-4


def test_numerical_gradient_of_the_regularisation_term():
    """Assert the λ part of the numerical gradient is (λ/m) Θ off the bias column, 0 on it (atol 1e-9)."""
    net = pp.Network.random([2, 3, 2], seed=4, epsilon=1.0)
    with_lam = pp.numerical_gradient(net, X, Y, lam=2.0)
    without = pp.numerical_gradient(net, X, Y)
    for g1, g0, theta in zip(with_lam, without, net.weights, strict=True):
        expected = 2.0 / 3 * theta
        expected[:, 0] = 0.0
        np.testing.assert_allclose(g1 - g0, expected, rtol=1e-7, atol=1e-9)


def test_numerical_gradient_changes_nothing_it_is_given():
    """Assert numerical_gradient leaves the network's weights, X and Y unchanged and returns fresh arrays."""
    net = pp.Network.random([2, 3, 2], seed=4)
    before = [w.copy() for w in net.weights]
    X0, Y0 = X.copy(), Y.copy()
    grads = pp.numerical_gradient(net, X, Y, lam=1.0)
    for w, w0 in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)
        assert not w.flags.writeable
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    assert all(not any(np.shares_memory(g, w) for w in net.weights) for g in grads)


@pytest.mark.parametrize("eps", [0, 0.0, -1e-4, np.nan, np.inf, "1e-4", None, True, [1e-4]])
def test_numerical_gradient_refuses_a_bad_eps(eps):
    """Assert eps not a positive finite number raises ValueError naming eps and the value."""
    net = pp.Network([THETA])
    with pytest.raises(ValueError, match=r"eps must be a positive finite number; got"):
        pp.numerical_gradient(net, X, Y, eps=eps)


def test_numerical_gradient_accepts_numpy_eps():
    """Assert eps may be a numpy float or an int."""
    net = pp.Network([THETA])
    a = pp.numerical_gradient(net, X, Y, eps=np.float64(1e-4))[0]
    b = pp.numerical_gradient(net, X, Y, eps=1)[0]
    assert a.shape == b.shape == THETA.shape


def test_relative_difference_by_hand():
    """Assert ||a - b|| / ||a + b|| on hand-worked vectors: 1 for orthogonal, 1/7 for a = 4/3 b."""
    assert pp.relative_difference(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(
        1.0, rel=1e-15
    )
    # a = (4, 8), b = (3, 6): ||(1, 2)|| / ||(7, 14)|| = 1/7
    assert pp.relative_difference(np.array([4.0, 8.0]), np.array([3.0, 6.0])) == pytest.approx(
        1 / 7, rel=1e-15
    )
    assert pp.relative_difference(np.array([2.5, -1.0]), np.array([2.5, -1.0])) == 0.0


def test_relative_difference_over_lists_of_arrays():
    """Assert a list of arrays counts as all its entries together, in either order of a and b."""
    a = [np.array([[3.0, 0.0]]), np.array([4.0])]
    b = [np.array([[0.0, 0.0]]), np.array([0.0])]
    # ||a - b|| = ||a + b|| = 5
    assert pp.relative_difference(a, b) == pytest.approx(1.0, rel=1e-15)
    c = [np.array([[3.0, 1.0]]), np.array([2.0])]
    d = [np.array([[1.0, 1.0]]), np.array([2.0])]
    # a - b = (2, 0, 0), a + b = (4, 2, 4): 2 / 6
    assert pp.relative_difference(c, d) == pytest.approx(1 / 3, rel=1e-15)
    assert pp.relative_difference(d, c) == pytest.approx(1 / 3, rel=1e-15)
    assert pp.relative_difference(tuple(c), tuple(d)) == pytest.approx(1 / 3, rel=1e-15)


def test_relative_difference_of_zeros_and_opposites():
    """Assert 0.0 when both are all zeros, inf when a = -b is not zero."""
    assert pp.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert pp.relative_difference(np.array([1.0, -2.0]), np.array([-1.0, 2.0])) == float("inf")


def test_relative_difference_computes_in_float64():
    """Assert float32 inputs give the float64 answer, not one rounded to float32 (rtol 1e-12)."""
    a, b = np.array([1.0, 2.0], np.float32), np.array([1.0, 2.0 + 2**-20], np.float32)
    expected = 2**-20 / math.hypot(2.0, 4.0 + 2**-20)
    assert pp.relative_difference(a, b) == pytest.approx(expected, rel=1e-12)
    assert isinstance(pp.relative_difference(a, b), float)


def test_relative_difference_refuses_mismatched_shapes():
    """Assert a and b of different shapes raise ValueError naming both lists of shapes."""
    with pytest.raises(ValueError, match=r"same shapes; got \[\(2,\)\] and \[\(3,\)\]"):
        pp.relative_difference(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match=r"got \[\(2, 3\), \(1, 4\)\] and \[\(2, 3\)\]"):
        pp.relative_difference([np.zeros((2, 3)), np.zeros((1, 4))], [np.zeros((2, 3))])
    with pytest.raises(ValueError, match=r"got \[\(2, 3\)\] and \[\(3, 2\)\]"):
        pp.relative_difference(np.zeros((2, 3)), np.zeros((3, 2)))


def test_relative_difference_refuses_non_finite_or_non_numeric_input():
    """Assert nan or inf raise ValueError, text raises TypeError, each naming a or b."""
    with pytest.raises(ValueError, match=r"a must be finite; found nan"):
        pp.relative_difference(np.array([np.nan, 1.0]), np.zeros(2))
    with pytest.raises(ValueError, match=r"b must be finite; found inf"):
        pp.relative_difference(np.zeros(2), np.array([0.0, np.inf]))
    with pytest.raises(TypeError, match=r"b must hold real numbers"):
        pp.relative_difference(np.zeros(2), np.array(["x", "y"]))


def test_relative_difference_takes_a_plain_list_of_numbers_as_one_array():
    """Assert [3, 4] compares as the vector (3, 4), not as two scalars of shape ()."""
    assert pp.relative_difference([3.0, 4.0], np.array([3.0, 4.0])) == 0.0
    assert pp.relative_difference([1, 0], (0, 1)) == pytest.approx(1.0, rel=1e-15)


def test_relative_difference_refuses_empty_input():
    """Assert empty a and b raise ValueError saying there is nothing to compare."""
    with pytest.raises(ValueError, match=r"empty; expected at least one number"):
        pp.relative_difference([], [])
    with pytest.raises(ValueError, match=r"empty; expected at least one number"):
        pp.relative_difference(np.zeros((0, 3)), np.zeros((0, 3)))
