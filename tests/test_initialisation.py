"""Tests for propagation.initialisation: the all-equal start stays symmetric, a random one does not."""

from __future__ import annotations

import math

import numpy as np
import pytest

import propagation as pp
from propagation import datasets, initialisation, measures


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_zero_start_keeps_hidden_units_identical(ex):
    """Assert after steps from all-zero weights every weight moved but each layer's units stay twins."""
    net = initialisation.constant_network([2, 2, 2, 1])
    trained, costs = pp.train(net, ex.x, ex.y, learning_rate=1.0, iterations=5)
    assert costs[-1] < costs[0]
    for theta in trained.weights:
        assert np.all(theta != 0)
    for theta in trained.weights[:-1]:
        np.testing.assert_allclose(theta[0], theta[1], rtol=0, atol=1e-15)
    assert initialisation.hidden_spread(trained, ex.x) == {2: 0.0, 3: 0.0}


def test_random_start_breaks_the_symmetry(ex):
    """Assert after the same steps from random weights the hidden units differ."""
    net = pp.Network.random([2, 2, 2, 1], seed=0, epsilon=0.12)
    trained, _ = pp.train(net, ex.x, ex.y, learning_rate=1.0, iterations=5)
    spread = initialisation.hidden_spread(trained, ex.x)
    assert min(spread.values()) > 1e-3


def test_zero_start_on_xor_has_zero_gradient():
    """Assert all-zero weights on the four XOR corners get exactly zero gradient: nothing moves."""
    X, Y = datasets.xor_data()
    grads = initialisation.constant_network([2, 2, 2, 1]).backward(X, Y).grads
    assert all(np.all(g == 0) for g in grads)


def test_constant_network_shapes():
    """Assert constant_network builds the asked shapes filled with the value."""
    net = initialisation.constant_network([3, 2, 1], value=0.5)
    assert net.layer_sizes == (3, 2, 1)
    assert all(np.all(t == 0.5) for t in net.weights)


def test_epsilon_init():
    """Assert the course's sqrt(6)/sqrt(s_l + s_l+1) by hand for 2 and 3 units."""
    assert initialisation.epsilon_init(2, 3) == pytest.approx(1.0954451150103321)


def test_noisy_xor_needs_large_enough_random_weights():
    """Assert the training page's claim: 2-3-3-1 learns the noisy XOR from ε = 1, not from 0.12."""
    X, Y = datasets.xor_data(40, noise=0.15, seed=0)
    for seed in (0, 1, 2):
        big = pp.Network.random([2, 3, 3, 1], seed=seed, epsilon=1.0)
        trained, costs = pp.train(big, X, Y, learning_rate=3.0, iterations=450)
        assert costs[-1] < 0.05 and measures.accuracy(trained, X, Y) == 1.0
        small = pp.Network.random([2, 3, 3, 1], seed=seed, epsilon=0.12)
        _, costs = pp.train(small, X, Y, learning_rate=3.0, iterations=450)
        assert abs(costs[-1] - math.log(2)) < 1e-3
