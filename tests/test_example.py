"""Tests for propagation.example: the lecture's 2-2-2-1 network and its one worked example."""

import math

import numpy as np

import propagation as pp


def g(z):
    """Return the course's sigmoid of one number."""
    return 1 / (1 + math.exp(-z))


def test_it_is_the_lectures_network():
    """Assert a 2-2-2-1 network of sigmoid units with the logistic cost, L = 4."""
    ex = pp.lecture_example()
    assert isinstance(ex, pp.LectureExample)
    assert ex.network.layer_sizes == (2, 2, 2, 1) and ex.network.L == 4
    assert (ex.network.activation, ex.network.cost_name) == ("sigmoid", "logistic")
    assert ex.x.shape == (2,)
    assert ex.y in (0.0, 1.0)


def test_weights_are_written_with_at_most_two_decimals():
    """Assert every weight is a multiple of 0.01, so a reader can redo the sums by hand (atol 1e-9)."""
    for theta in pp.lecture_example().network.weights:
        np.testing.assert_allclose(theta * 100, np.round(theta * 100), rtol=0, atol=1e-9)


def test_every_unit_value_is_distinct_at_four_decimals():
    """Assert x and every z(l), a(l) differ from each other when rounded to 4 decimals."""
    ex = pp.lecture_example()
    fwd = ex.network.forward(ex.x)
    values = list(ex.x)
    for l in range(2, 5):
        values += list(fwd.z(l)) + list(fwd.a(l))
    assert len(values) == 2 + 2 * (2 + 2 + 1)
    rounded = [round(float(v), 4) for v in values]
    assert len(set(rounded)) == len(rounded), rounded


def test_no_delta_or_gradient_rounds_to_zero():
    """Assert every δ(l), bias entries included, and every gradient entry is nonzero at 4 decimals."""
    ex = pp.lecture_example()
    bwd = ex.network.backward(ex.x, ex.y)
    deltas = [bwd.delta(2, bias=True), bwd.delta(3, bias=True), bwd.delta(4)]
    for d in deltas + bwd.grads:
        assert (np.abs(np.round(d, 4)) > 0).all(), d


def test_forward_pass_by_the_lectures_equations():
    """Assert the forward pass equals the lecture's sums worked with math.exp, e.g. z(3)_1 = Θ(2)_10 + Θ(2)_11 a(2)_1 + Θ(2)_12 a(2)_2 (rtol 1e-14)."""
    ex = pp.lecture_example()
    T1, T2, T3 = (w.tolist() for w in ex.network.weights)
    x1, x2 = ex.x
    z2 = [T1[i][0] + T1[i][1] * x1 + T1[i][2] * x2 for i in range(2)]
    a2 = [g(z) for z in z2]
    z3 = [T2[i][0] + T2[i][1] * a2[0] + T2[i][2] * a2[1] for i in range(2)]
    a3 = [g(z) for z in z3]
    z4 = T3[0][0] + T3[0][1] * a3[0] + T3[0][2] * a3[1]
    fwd = ex.network.forward(ex.x)
    np.testing.assert_allclose(fwd.z(2), z2, rtol=1e-14)
    np.testing.assert_allclose(fwd.a(3), a3, rtol=1e-14)
    np.testing.assert_allclose(fwd.z(3), z3, rtol=1e-14)
    np.testing.assert_allclose(fwd.output, [g(z4)], rtol=1e-14)


def test_backward_pass_by_the_lectures_equations():
    """Assert δ(4)_1 = a(4)_1 - y and δ(3)_2, δ(2)_2 as the lecture's weighted sums times a(1 - a) (rtol 1e-13)."""
    ex = pp.lecture_example()
    T1, T2, T3 = (w.tolist() for w in ex.network.weights)
    x1, x2 = ex.x
    a2 = [g(T1[i][0] + T1[i][1] * x1 + T1[i][2] * x2) for i in range(2)]
    a3 = [g(T2[i][0] + T2[i][1] * a2[0] + T2[i][2] * a2[1]) for i in range(2)]
    a4 = g(T3[0][0] + T3[0][1] * a3[0] + T3[0][2] * a3[1])
    d4 = a4 - ex.y
    d3 = [
        T3[0][j] * d4 * a3[j - 1] * (1 - a3[j - 1]) for j in (1, 2)
    ]  # δ(3)_2 = Θ(3)_12 δ(4)_1 · g'
    d2 = [(T2[0][j] * d3[0] + T2[1][j] * d3[1]) * a2[j - 1] * (1 - a2[j - 1]) for j in (1, 2)]
    bwd = ex.network.backward(ex.x, ex.y)
    np.testing.assert_allclose(bwd.delta(4), [d4], rtol=1e-13)
    np.testing.assert_allclose(bwd.delta(3), d3, rtol=1e-13)
    np.testing.assert_allclose(bwd.delta(2), d2, rtol=1e-13)
    # ∂J/∂Θ(l)_ij = a(l)_j δ(l+1)_i, with a(l)_0 = 1
    np.testing.assert_allclose(bwd.grad(3), [[d4, d4 * a3[0], d4 * a3[1]]], rtol=1e-13)
    np.testing.assert_allclose(bwd.grad(1)[1], [d2[1], d2[1] * x1, d2[1] * x2], rtol=1e-13)


def test_every_call_returns_fresh_objects():
    """Assert changing one example's x leaves the next call's x, and the weights, as they were."""
    first = pp.lecture_example()
    x0 = first.x.copy()
    first.x[0] += 1.0
    second = pp.lecture_example()
    np.testing.assert_array_equal(second.x, x0)
    assert second.network is not first.network
    for w1, w2 in zip(first.network.weights, second.network.weights, strict=True):
        np.testing.assert_array_equal(w1, w2)


def test_package_docstring_example():
    """Assert the package docstring's example holds: δ(4) of the lecture example has shape (1,)."""
    ex = pp.lecture_example()
    assert ex.network.backward(ex.x, ex.y).delta(4).shape == (1,)
    assert set(pp.__all__) >= {
        "Network",
        "lecture_example",
        "numerical_gradient",
        "relative_difference",
        "train",
    }
