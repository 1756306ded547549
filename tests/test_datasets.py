"""Tests for propagation.datasets: shapes, labels and seeds of the pages' extra data."""

from __future__ import annotations

import numpy as np
import pytest

import propagation as pp
from propagation import datasets


@pytest.fixture
def ex():
    return pp.lecture_example()


def test_two_output_example_is_the_lecture_cut_after_layer_3(ex):
    """Assert the K = 2 example reuses the lecture's Θ(1), Θ(2) and x, with y = (1, 0)."""
    net, x, y = datasets.two_output_example()
    assert net.layer_sizes == (2, 2, 2)
    for a, b in zip(net.weights, ex.network.weights[:2], strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(x, ex.x)
    np.testing.assert_array_equal(y, [1.0, 0.0])


def test_random_batch_shapes_labels_and_seed(ex):
    """Assert random_batch fits the network, gives 0/1 labels and repeats with its seed."""
    X, Y = datasets.random_batch(ex.network, 30, seed=4)
    assert X.shape == (30, 2) and Y.shape == (30,)
    assert set(np.unique(Y)) <= {0.0, 1.0}
    X2, Y2 = datasets.random_batch(ex.network, 30, seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    net, _, _ = datasets.two_output_example()
    assert datasets.random_batch(net, 5, seed=0)[1].shape == (5, 2)


def test_xor_data():
    """Assert xor_data labels corners by XOR, is seeded, and adds noise only when asked."""
    X, Y = datasets.xor_data()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(Y, [0, 1, 1, 0])
    A, B = datasets.xor_data(40, noise=0.1, seed=5)
    C, D = datasets.xor_data(40, noise=0.1, seed=5)
    E, _ = datasets.xor_data(40, noise=0.1, seed=6)
    np.testing.assert_array_equal(A, C)
    np.testing.assert_array_equal(B, D)
    assert not np.array_equal(A, E)
    assert A.shape == (40, 2) and B.sum() == 20
    assert np.all(np.round(A).astype(int)[:, 0] ^ np.round(A).astype(int)[:, 1] == B)
