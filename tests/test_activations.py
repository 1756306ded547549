"""Tests for propagation.activations: each g against its formula, each slope against g's own slope."""

import math

import numpy as np
import pytest

import propagation as pp
from propagation.activations import ACTIVATIONS, logistic, sigmoid

Z = np.array([-6.0, -2.5, -1.0, -0.3, 0.2, 0.7, 1.5, 4.0])  # no kink of the rectifier at 0

REFERENCE = {  # g written from its definition, one value at a time
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)),
    "tanh": lambda z: (math.exp(z) - math.exp(-z)) / (math.exp(z) + math.exp(-z)),
    "relu": lambda z: max(z, 0.0),
}


def test_known_activations():
    """Assert exactly the course's sigmoid plus tanh and relu are offered."""
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu"}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_g_matches_its_definition(name):
    """Assert g(z) equals its textbook formula at several z (rtol 1e-14)."""
    expected = [REFERENCE[name](z) for z in Z]
    np.testing.assert_allclose(ACTIVATIONS[name].g(Z.copy()), expected, rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_slope_matches_central_differences(name):
    """Assert slope(g(z)) equals (g(z+h) - g(z-h)) / 2h computed from the formula (rtol 1e-8, atol 1e-9)."""
    g, h = REFERENCE[name], 1e-6
    expected = [(g(z + h) - g(z - h)) / (2 * h) for z in Z]
    a = ACTIVATIONS[name].g(Z.copy())
    # Rounding in the difference quotient is about 1e-16 / h = 1e-10, hence atol 1e-9.
    np.testing.assert_allclose(ACTIVATIONS[name].slope(a), expected, rtol=1e-8, atol=1e-9)


def test_sigmoid_slope_is_the_courses_a_times_one_minus_a():
    """Assert the sigmoid's slope is a(1 - a), the course's g'(z), for given a (rtol 1e-15)."""
    a = np.array([0.1, 0.25, 0.5, 0.9])
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].slope(a), a * (1 - a), rtol=1e-15)


def test_relu_slope_at_the_kink_is_zero():
    """Assert the rectifier's slope is 0 at z = 0 and at negative z, 1 at positive z."""
    z = np.array([-1.0, 0.0, 1e-12, 3.0])
    slope = ACTIVATIONS["relu"].slope(ACTIVATIONS["relu"].g(z))
    np.testing.assert_array_equal(slope, [0.0, 0.0, 1.0, 1.0])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_g_and_slope_keep_dtype_and_leave_input_alone(name, dtype):
    """Assert g and its slope return new arrays of the input's dtype and shape, input unchanged."""
    z = np.array([[-2.0, 0.5], [1.0, 3.0]], dtype=dtype)
    before = z.copy()
    a = ACTIVATIONS[name].g(z)
    slope = ACTIVATIONS[name].slope(a)
    assert a.dtype == dtype and slope.dtype == dtype
    assert a.shape == z.shape and slope.shape == z.shape
    assert not np.shares_memory(a, z)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sigmoid_saturates_without_warnings(dtype):
    """Assert the sigmoid reaches its limits 0 and 1 at |z| in the thousands with no RuntimeWarning."""
    z = np.array([-5000.0, -800.0, -30.0, 100.0, 800.0, 5000.0], dtype=dtype)
    a = sigmoid(z)  # warnings are errors in this test run
    assert np.isfinite(a).all()
    np.testing.assert_array_equal(a[[0, 1, 4, 5]], [0.0, 0.0, 1.0, 1.0])
    np.testing.assert_allclose(
        a[2], 1 / (1 + math.exp(30)), rtol=1e-6 if dtype == np.float32 else 1e-14
    )
    np.testing.assert_array_equal(ACTIVATIONS["sigmoid"].slope(a)[[0, 1, 4, 5]], 0.0)


def test_logistic_is_the_sigmoid_without_its_own_errstate():
    """Assert logistic (what a pass calls, inside its own np.errstate) equals sigmoid."""
    z = np.linspace(-800, 800, 4001)
    with np.errstate(over="ignore"):
        np.testing.assert_array_equal(logistic(z), sigmoid(z))
        out = np.empty_like(z)
        assert logistic(z, out=out) is out
    np.testing.assert_array_equal(out, sigmoid(z))


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_hidden_units_use_the_activation_and_the_output_stays_sigmoid(name):
    """Assert a network's hidden units apply g and its output unit the sigmoid (rtol 1e-14)."""
    # 1-2-1 network; z(2) = (0.3 + 0.5 x, -0.2 - 1.5 x), z(3) = 0.1 + 0.7 a(2)_1 - 0.4 a(2)_2
    net = pp.Network([[[0.3, 0.5], [-0.2, -1.5]], [[0.1, 0.7, -0.4]]], activation=name)
    x = 0.9
    a2 = [REFERENCE[name](0.3 + 0.5 * x), REFERENCE[name](-0.2 - 1.5 * x)]
    z3 = 0.1 + 0.7 * a2[0] - 0.4 * a2[1]
    fwd = net.forward([x])
    np.testing.assert_allclose(fwd.a(2), a2, rtol=1e-14)
    np.testing.assert_allclose(fwd.output, [1 / (1 + math.exp(-z3))], rtol=1e-14)
