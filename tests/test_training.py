"""Tests for propagation.training: batch gradient descent, its costs, and what it must not touch."""

import numpy as np
import pytest

import propagation as pp

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0.0, 1.0, 1.0, 0.0])


def test_one_step_is_theta_minus_alpha_times_the_gradient():
    """Assert one step gives Θ(l) - α ∂J/∂Θ(l) for every layer, with ∂J/∂Θ by finite differences (rtol 1e-6)."""
    net = pp.Network.random([2, 3, 1], seed=0, epsilon=1.0)
    alpha, lam = 0.7, 0.4
    new, costs = pp.train(net, XOR_X, XOR_Y, learning_rate=alpha, iterations=1, lam=lam)
    for l in (1, 2):
        theta = net.theta(l)
        grad = np.empty(theta.shape)  # central differences, written here
        for index in np.ndindex(theta.shape):
            values = []
            for sign in (1, -1):
                weights = [np.array(w) for w in net.weights]
                weights[l - 1][index] += sign * 1e-5
                values.append(net.with_weights(weights).cost(XOR_X, XOR_Y, lam))
            grad[index] = (values[0] - values[1]) / 2e-5
        np.testing.assert_allclose(new.theta(l), theta - alpha * grad, rtol=1e-6, atol=1e-9)
    assert costs == [net.cost(XOR_X, XOR_Y, lam), new.cost(XOR_X, XOR_Y, lam)]


def test_costs_are_taken_before_each_step_and_after_the_last():
    """Assert costs has iterations + 1 values, the k-th being J after k steps (rtol 1e-15)."""
    net = pp.Network.random([2, 3, 1], seed=1, epsilon=1.0)
    final, costs = pp.train(net, XOR_X, XOR_Y, learning_rate=0.5, iterations=5, lam=0.1)
    assert len(costs) == 6 and all(isinstance(c, float) for c in costs)
    step = net
    for k in range(6):
        np.testing.assert_allclose(costs[k], step.cost(XOR_X, XOR_Y, 0.1), rtol=1e-15)
        step = pp.train(step, XOR_X, XOR_Y, learning_rate=0.5, iterations=1, lam=0.1)[0]
    np.testing.assert_allclose(costs[-1], final.cost(XOR_X, XOR_Y, 0.1), rtol=1e-15)


def test_zero_iterations_return_an_equal_network_and_one_cost():
    """Assert iterations = 0 returns the same weights and just the starting cost."""
    net = pp.Network.random([2, 2, 1], seed=0)
    new, costs = pp.train(net, XOR_X, XOR_Y, learning_rate=1.0, iterations=0)
    assert costs == [net.cost(XOR_X, XOR_Y)]
    for w, w0 in zip(new.weights, net.weights, strict=True):
        np.testing.assert_array_equal(w, w0)


def test_training_on_xor_lowers_the_cost_and_learns_it():
    """Assert 1000 steps on XOR take J from above 0.69 to below 0.01, falling every step, outputs right."""
    net = pp.Network.random([2, 3, 1], seed=0, epsilon=1.0)
    trained, costs = pp.train(net, XOR_X, XOR_Y, learning_rate=3.0, iterations=1000)
    assert costs[0] > 0.69 and costs[-1] < 0.01
    assert (np.diff(costs) <= 0).all()
    np.testing.assert_array_equal(np.round(trained.forward(XOR_X).output[:, 0]), XOR_Y)


@pytest.mark.parametrize(("activation", "cost"), [("tanh", "squared"), ("relu", "logistic")])
def test_training_lowers_the_cost_for_other_activations_and_costs(activation, cost):
    """Assert 200 small steps lower J for tanh/squared and relu/logistic networks."""
    net = pp.Network.random([2, 4, 1], seed=2, epsilon=1.0, activation=activation, cost=cost)
    trained, costs = pp.train(net, XOR_X, XOR_Y, learning_rate=0.5, iterations=200)
    assert costs[-1] < 0.9 * costs[0]
    assert (trained.activation, trained.cost_name) == (activation, cost)


def test_regularisation_shrinks_weights_but_not_biases():
    """Assert a λ step moves Θ by -α λ/m Θ off the bias column and not at all on it (rtol 1e-12)."""
    net = pp.Network.random([2, 3, 1], seed=0, epsilon=1.0)
    alpha, lam, m = 0.3, 2.0, 4
    plain = pp.train(net, XOR_X, XOR_Y, learning_rate=alpha, iterations=1)[0]
    shrunk = pp.train(net, XOR_X, XOR_Y, learning_rate=alpha, iterations=1, lam=lam)[0]
    for l in (1, 2):
        pull = shrunk.theta(l) - plain.theta(l)
        np.testing.assert_allclose(pull[:, 0], 0.0, atol=1e-15)
        np.testing.assert_allclose(pull[:, 1:], -alpha * lam / m * net.theta(l)[:, 1:], rtol=1e-12)


def test_regularisation_keeps_weights_smaller_over_many_steps():
    """Assert after 300 steps the non-bias weights are smaller in norm with λ = 1 than with λ = 0."""
    net = pp.Network.random([2, 3, 1], seed=0, epsilon=1.0)
    norms = []
    for lam in (0.0, 1.0):
        trained = pp.train(net, XOR_X, XOR_Y, learning_rate=1.0, iterations=300, lam=lam)[0]
        norms.append(sum(float((w[:, 1:] ** 2).sum()) for w in trained.weights))
    assert norms[1] < 0.5 * norms[0]


def test_training_changes_nothing_it_is_given():
    """Assert train returns a new network and leaves the old one, X and Y as they were."""
    net = pp.Network.random([2, 3, 1], seed=0)
    before = [w.copy() for w in net.weights]
    X, Y = XOR_X.copy(), XOR_Y.copy()
    trained, _ = pp.train(net, X, Y, learning_rate=1.0, iterations=10, lam=0.5)
    assert trained is not net
    for w, w0 in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)
    assert not np.array_equal(trained.theta(1), net.theta(1))
    np.testing.assert_array_equal(X, XOR_X)
    np.testing.assert_array_equal(Y, XOR_Y)
    assert X.flags.writeable and Y.flags.writeable


def by_hand(net, X, Y, rate, steps, lam=0.0):
    """Gradient descent written with the public API only: Network.backward and with_weights."""
    costs = []
    for _ in range(steps):
        result = net.backward(X, Y, lam)
        costs.append(result.cost)
        grads = zip(net.weights, result.grads, strict=True)
        net = net.with_weights([w - rate * g for w, g in grads])
    return net, [*costs, net.cost(X, Y, lam)]


@pytest.mark.parametrize(
    ("dtype", "rate", "X", "Y"),
    [
        (np.float64, 2.0, XOR_X, XOR_Y),
        (np.float32, 2.0, XOR_X, XOR_Y),
        (np.float32, np.float64(2.0), XOR_X, XOR_Y),  # a float64 rate makes the weights float64
        (np.float64, 2.0, np.array([0.5, -0.5]), 1.0),
    ],
)
def test_train_steps_exactly_as_backward_and_with_weights(dtype, rate, X, Y):
    """Assert train's networks and costs are bit for bit those of stepping by hand with
    `Network.backward` and `with_weights` (it checks X and Y once, not on every step)."""
    net = pp.Network([w.astype(dtype) for w in pp.Network.random([2, 3, 1], seed=4).weights])
    trained, costs = pp.train(net, X, Y, learning_rate=rate, iterations=30, lam=0.05)
    expected, expected_costs = by_hand(net, X, Y, rate, 30, lam=0.05)
    assert costs == expected_costs
    assert trained.dtype == expected.dtype and trained.layer_sizes == expected.layer_sizes
    for w, e in zip(trained.weights, expected.weights, strict=True):
        assert w.dtype == e.dtype and not w.flags.writeable
        np.testing.assert_array_equal(w, e)


def test_training_on_one_example():
    """Assert train takes one (n,) example with a scalar label and lowers its cost."""
    net = pp.Network.random([2, 2, 1], seed=0)
    _, costs = pp.train(net, np.array([0.5, -0.5]), 1.0, learning_rate=1.0, iterations=20)
    assert len(costs) == 21 and costs[-1] < costs[0]


def test_float32_networks_stay_float32():
    """Assert training a float32 network returns a float32 network."""
    net = pp.Network([w.astype(np.float32) for w in pp.Network.random([2, 3, 1], seed=0).weights])
    trained, costs = pp.train(net, XOR_X, XOR_Y, learning_rate=1.0, iterations=5)
    assert trained.dtype == np.float32 and all(w.dtype == np.float32 for w in trained.weights)
    assert costs[-1] < costs[0]


@pytest.mark.parametrize("rate", [0, 0.0, -0.1, np.nan, np.inf, "0.1", None, True])
def test_learning_rate_must_be_positive_and_finite(rate):
    """Assert a learning rate not a positive finite number raises ValueError naming it."""
    net = pp.Network.random([2, 1], seed=0)
    with pytest.raises(ValueError, match=r"learning_rate must be a positive finite number; got"):
        pp.train(net, XOR_X, XOR_Y, learning_rate=rate, iterations=1)


@pytest.mark.parametrize("iterations", [-1, 2.0, 2.5, "3", None, True])
def test_iterations_must_be_a_non_negative_int(iterations):
    """Assert iterations not an int >= 0 raises ValueError naming it."""
    net = pp.Network.random([2, 1], seed=0)
    with pytest.raises(ValueError, match=r"iterations must be an int >= 0; got"):
        pp.train(net, XOR_X, XOR_Y, learning_rate=0.1, iterations=iterations)


def test_learning_rate_and_iterations_are_keyword_only():
    """Assert learning_rate and iterations cannot be passed by position."""
    net = pp.Network.random([2, 1], seed=0)
    with pytest.raises(TypeError):
        pp.train(net, XOR_X, XOR_Y, 0.1, 10)


def test_diverging_training_is_a_value_error_without_warnings():
    """Assert a learning rate large enough to overflow raises the ValueError that says so, no RuntimeWarning."""
    net = pp.Network.random([2, 3, 1], seed=0, activation="relu")
    with pytest.raises(
        ValueError, match=r"became non-finite at step \d+; try a smaller learning_rate"
    ):
        pp.train(net, XOR_X, XOR_Y, learning_rate=1e200, iterations=50)
