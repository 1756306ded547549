"""Tests for propagation.network: construction, shapes, immutability, random weights and J."""

import math
import re

import numpy as np
import pytest

import propagation as pp

THETA1 = np.array([[0.1, 0.3, -0.2], [-0.4, 0.5, 0.7], [0.2, -0.1, 0.6]])  # 2 -> 3
THETA2 = np.array([[0.3, -0.5, 0.8, 0.2]])  # 3 -> 1


def test_sizes_and_layers_follow_the_weights():
    """Assert layer_sizes, L and theta(l) follow Θ(l) of shape (s_{l+1}, s_l + 1)."""
    net = pp.Network([THETA1, THETA2])
    assert net.layer_sizes == (2, 3, 1)
    assert net.L == 3
    np.testing.assert_array_equal(net.theta(1), THETA1)
    np.testing.assert_array_equal(net.theta(2), THETA2)
    assert [w.shape for w in net.weights] == [(3, 3), (1, 4)]
    assert net.activation == "sigmoid" and net.cost_name == "logistic"
    assert repr(net) == "Network(2-3-1, activation='sigmoid', cost='logistic')"


def test_weights_are_copied_and_read_only():
    """Assert the network copies the caller's weights, leaves them writable, and hands out read-only ones."""
    theta1, theta2 = THETA1.copy(), THETA2.copy()
    net = pp.Network([theta1, theta2])
    theta1[0, 0] = 99.0  # the caller's array is still theirs, and writable
    assert theta1.flags.writeable and theta2.flags.writeable
    assert net.theta(1)[0, 0] == 0.1
    for w in [*net.weights, net.theta(1), net.theta(2)]:
        with pytest.raises(ValueError, match="read-only"):
            w[0, 0] = 1.0
    listed = net.weights
    listed[0] = np.zeros((3, 3))  # the list is a copy too
    np.testing.assert_array_equal(net.theta(1), THETA1)


def test_nested_lists_are_weights_too():
    """Assert plain nested lists give the same network as arrays."""
    net = pp.Network([THETA1.tolist(), THETA2.tolist()])
    np.testing.assert_array_equal(net.theta(2), THETA2)


@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32, np.float32), np.float32),
        ((np.float64, np.float64), np.float64),
        ((np.float32, np.float64), np.float64),
        ((np.int64, np.int32), np.float64),
        ((np.float16, np.float32), np.float64),
    ],
)
def test_dtype_is_float32_only_when_every_weight_is(dtypes, expected):
    """Assert a network computes in float32 when all weights are float32, else in float64."""
    net = pp.Network([THETA1.astype(dtypes[0]), THETA2.astype(dtypes[1])])
    assert net.dtype == expected
    assert all(w.dtype == expected for w in net.weights)


def test_shapes_that_do_not_chain_name_both_layers_and_shapes():
    """Assert Θ(l) and Θ(l+1) that do not chain raise ValueError naming both layers, shapes and the need."""
    with pytest.raises(
        ValueError,
        match=r"Θ\(1\) of shape \(3, 3\) and Θ\(2\) of shape \(1, 3\) do not chain: "
        r"layer 2 has s_2 = 3 units, so Θ\(2\) needs 3 \+ 1 = 4 columns",
    ):
        pp.Network([THETA1, np.zeros((1, 3))])
    with pytest.raises(ValueError, match=r"Θ\(2\) of shape \(1, 4\) and Θ\(3\) of shape \(2, 3\)"):
        pp.Network([THETA1, THETA2, np.zeros((2, 3))])


@pytest.mark.parametrize(
    ("weights", "shape"),
    [
        ([np.zeros(3)], r"\(3,\)"),
        ([np.zeros((2, 3, 1))], r"\(2, 3, 1\)"),
        ([np.float64(1.0)], r"\(\)"),
        ([np.zeros((2, 1))], r"\(2, 1\)"),  # no room for a bias column and a unit
        ([np.zeros((0, 3))], r"\(0, 3\)"),  # no unit in the next layer
        ([THETA1, np.zeros(4)], r"\(4,\)"),
    ],
)
def test_weights_must_be_2d_with_a_bias_column(weights, shape):
    """Assert a weight that is not 2-D (s_{l+1}, s_l + 1) raises ValueError naming it and its shape."""
    l = len(weights)
    with pytest.raises(ValueError, match=rf"Θ\({l}\) must be a 2-D array .*got shape {shape}"):
        pp.Network(weights)


@pytest.mark.parametrize("weights", [[], (), np.zeros((2, 2, 3))])
def test_weights_must_be_a_non_empty_list(weights):
    """Assert no weights, or one 3-D array instead of a list, raises ValueError saying what is expected."""
    with pytest.raises(ValueError, match=r"weights must be a non-empty list of 2-D arrays"):
        pp.Network(weights)


def test_unknown_activation_or_cost_lists_the_known_ones():
    """Assert an unknown activation or cost raises ValueError listing the known names."""
    with pytest.raises(
        ValueError,
        match=r"unknown activation 'softmax'; expected one of \['sigmoid', 'tanh', 'relu'\]",
    ):
        pp.Network([THETA1, THETA2], activation="softmax")
    with pytest.raises(
        ValueError, match=r"unknown cost 'hinge'; expected one of \['logistic', 'squared'\]"
    ):
        pp.Network([THETA1, THETA2], cost="hinge")
    with pytest.raises(ValueError, match=r"unknown activation 'Sigmoid'"):
        pp.Network.random([2, 1], activation="Sigmoid")
    with pytest.raises(ValueError, match=r"unknown cost 'cross-entropy'"):
        pp.Network.random([2, 1], cost="cross-entropy")


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("cost", ["logistic", "squared"])
def test_with_weights_keeps_activation_and_cost(activation, cost):
    """Assert with_weights returns a new network, same activation and cost, the old one unchanged."""
    net = pp.Network([THETA1, THETA2], activation=activation, cost=cost)
    new = net.with_weights([2 * THETA1, 2 * THETA2])
    assert new is not net
    assert (new.activation, new.cost_name) == (activation, cost)
    np.testing.assert_array_equal(new.theta(1), 2 * THETA1)
    np.testing.assert_array_equal(net.theta(1), THETA1)


def test_random_has_the_shapes_and_range_asked_for():
    """Assert random() gives Θ(l) of shape (s_{l+1}, s_l + 1), within [-0.12, 0.12], spread out."""
    net = pp.Network.random([4, 5, 3, 2], seed=0)
    assert net.layer_sizes == (4, 5, 3, 2)
    assert [w.shape for w in net.weights] == [(5, 5), (3, 6), (2, 4)]
    values = np.concatenate([w.ravel() for w in net.weights])
    assert np.abs(values).max() <= 0.12
    assert values.min() < -0.06 and values.max() > 0.06  # uniform, not all near 0
    assert len(np.unique(values)) == values.size  # no symmetry left to break
    wide = pp.Network.random([4, 5], seed=0, epsilon=2.0)
    assert np.abs(wide.theta(1)).max() <= 2.0 and np.abs(wide.theta(1)).max() > 1.0


def test_random_is_repeatable_and_leaves_the_global_generator_alone():
    """Assert a seed repeats the weights, a Generator is accepted, and np.random's state is untouched."""
    state = np.random.get_state()  # noqa: NPY002 (the legacy global state is what we watch)
    a = pp.Network.random([3, 2, 1], seed=7)
    b = pp.Network.random([3, 2, 1], seed=7)
    c = pp.Network.random([3, 2, 1], seed=8)
    d = pp.Network.random([3, 2, 1], seed=np.random.default_rng(7))
    after = np.random.get_state()  # noqa: NPY002
    assert state[0] == after[0] and np.array_equal(state[1], after[1]) and state[2:] == after[2:]
    for wa, wb, wd in zip(a.weights, b.weights, d.weights, strict=True):
        np.testing.assert_array_equal(wa, wb)
        np.testing.assert_array_equal(wa, wd)
    assert not np.array_equal(a.theta(1), c.theta(1))


def test_random_passes_activation_and_cost_on():
    """Assert random() builds a network with the activation and cost asked for."""
    net = pp.Network.random([2, 2, 1], seed=0, activation="tanh", cost="squared")
    assert (net.activation, net.cost_name) == ("tanh", "squared")


@pytest.mark.parametrize("sizes", [[3], [], [2, 0], [2, 3, -1], [0, 1]])
def test_random_refuses_too_few_or_empty_layers(sizes):
    """Assert random() with fewer than two layers or a layer below 1 unit raises ValueError naming them."""
    with pytest.raises(
        ValueError,
        match=rf"at least two layers of at least 1 unit each; got {re.escape(str(sizes))}",
    ):
        pp.Network.random(sizes)


@pytest.mark.parametrize("sizes", [[2.7, 1], [2, 1.0], ["2", 1], [2, True], [2, None]])
def test_random_refuses_sizes_that_are_not_ints(sizes):
    """Assert random() with a size that is not an int raises TypeError instead of truncating it."""
    with pytest.raises(TypeError, match=r"layer_sizes must be ints"):
        pp.Network.random(sizes)


def test_random_accepts_numpy_int_sizes():
    """Assert layer sizes may be numpy ints, as np.arange gives them."""
    assert pp.Network.random(np.array([3, 2, 1]), seed=0).layer_sizes == (3, 2, 1)


@pytest.mark.parametrize("epsilon", [-0.1, np.nan, np.inf])
def test_random_refuses_a_bad_epsilon(epsilon):
    """Assert random() with epsilon negative or non-finite raises ValueError naming epsilon."""
    with pytest.raises(ValueError, match=r"epsilon must be a finite number >= 0"):
        pp.Network.random([2, 1], epsilon=epsilon)


def test_cost_of_a_1_1_1_network_by_hand():
    """Assert J, with and without λ, equals the course's formula worked with math.exp (rtol 1e-13)."""
    t10, t11, t20, t21 = 0.3, -0.8, -0.2, 1.4
    net = pp.Network([[[t10, t11]], [[t20, t21]]])
    xs, ys, lam = [0.5, -1.5, 2.0], [1.0, 0.0, 1.0], 0.6
    total = 0.0
    for x, y in zip(xs, ys, strict=True):
        a2 = 1 / (1 + math.exp(-(t10 + t11 * x)))
        h = 1 / (1 + math.exp(-(t20 + t21 * a2)))
        total += -(y * math.log(h) + (1 - y) * math.log(1 - h))
    m = len(xs)
    J = total / m
    X = np.array(xs)[:, None]
    np.testing.assert_allclose(net.cost(X, ys), J, rtol=1e-13)
    # Bias weights t10, t20 are not regularised.
    np.testing.assert_allclose(
        net.cost(X, ys, lam), J + lam / (2 * m) * (t11**2 + t21**2), rtol=1e-13
    )


def test_regularisation_skips_the_bias_column():
    """Assert J(λ) - J(0) is λ/2m times the squares of the non-bias weights only (rtol 1e-12)."""
    net = pp.Network([THETA1, THETA2])
    X = np.array([[0.1, 0.2], [1.0, -0.5], [0.3, 0.3], [2.0, 1.0]])
    Y = np.array([1.0, 0.0, 0.0, 1.0])
    lam, m = 2.5, 4
    squares = sum(
        w[i][j] ** 2 for w in (THETA1, THETA2) for i in range(len(w)) for j in range(1, len(w[0]))
    )
    np.testing.assert_allclose(
        net.cost(X, Y, lam) - net.cost(X, Y), lam / (2 * m) * squares, rtol=1e-12
    )
    # Changing only bias weights leaves the regularisation term alone.
    bias_moved = THETA1 + np.c_[np.ones(3), np.zeros((3, 2))]  # column 0 only
    biased = net.with_weights([bias_moved, THETA2])
    np.testing.assert_allclose(
        biased.cost(X, Y, lam) - biased.cost(X, Y), lam / (2 * m) * squares, rtol=1e-12
    )


def test_cost_equals_the_backward_pass_cost():
    """Assert Network.cost and Backward.cost agree, for one example and a batch (rtol 1e-15)."""
    net = pp.Network([THETA1, THETA2])
    X = np.array([[0.1, 0.2], [1.0, -0.5]])
    for x, y in ((X[0], 1.0), (X, [1.0, 0.0])):
        for lam in (0.0, 1.5):
            np.testing.assert_allclose(
                net.cost(x, y, lam), net.backward(x, y, lam).cost, rtol=1e-15
            )
            assert isinstance(net.cost(x, y, lam), float)
