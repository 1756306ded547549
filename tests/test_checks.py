"""Tests for propagation._checks, through the public API: every bad input is refused by name."""

import re

import numpy as np
import pytest

import propagation as pp

# A 2-3-2 network: n = s_1 = 2 inputs, K = s_L = 2 outputs, L = 3.
NET = pp.Network.random([2, 3, 2], seed=1)
X = np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]])
Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])


def calls(X, Y, lam=0.0):
    """Return every public entry point that checks X, Y and λ, as zero-argument calls."""
    return [
        lambda: NET.backward(X, Y, lam),
        lambda: NET.cost(X, Y, lam),
        lambda: pp.numerical_gradient(NET, X, Y, lam),
        lambda: pp.train(NET, X, Y, learning_rate=0.1, iterations=1, lam=lam),
    ]


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ([0.1, np.nan, 0.3, 0.4], r"Θ\(2\) must be finite; found nan at index \(0, 1\)"),
        ([0.1, 0.2, 0.3, np.inf], r"Θ\(2\) must be finite; found inf at index \(0, 3\)"),
        ([-np.inf, 0.2, 0.3, 0.4], r"Θ\(2\) must be finite; found -inf at index \(0, 0\)"),
    ],
)
def test_non_finite_weights_are_refused(row, match):
    """Assert a nan or inf weight is a ValueError naming the layer, the value and where it is."""
    with pytest.raises(ValueError, match=match):
        pp.Network([np.zeros((3, 3)), np.array([row])])


@pytest.mark.parametrize(
    "bad",
    [
        [["a", "b", "c"]],  # text
        np.array([[1 + 2j, 0, 0]]),  # complex
        np.array([[None, 1.0, 2.0]], dtype=object),  # objects
        [[0.1, 0.2], [0.3]],  # ragged
    ],
    ids=["text", "complex", "object", "ragged"],
)
def test_non_numeric_weights_are_a_type_error(bad):
    """Assert weights that are not real numbers raise TypeError naming Θ(1)."""
    with pytest.raises(TypeError, match=r"Θ\(1\) must (hold real numbers|be an array of numbers)"):
        pp.Network([bad])


def test_integer_and_boolean_data_are_accepted_as_numbers():
    """Assert int weights and boolean inputs are real numbers: accepted and computed in float64."""
    net = pp.Network([np.array([[1, -2, 3]])])
    fwd = net.forward(np.array([True, False]))
    assert fwd.output.dtype == np.float64
    np.testing.assert_allclose(fwd.z(2), [1 - 2], rtol=0)


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (np.zeros(3), r"\(3,\)"),
        (np.zeros(1), r"\(1,\)"),
        (np.zeros((3, 1)), r"\(3, 1\)"),
        (np.zeros((3, 3)), r"\(3, 3\)"),
        (np.zeros((2, 2, 2)), r"\(2, 2, 2\)"),
        (np.float64(0.5), r"\(\)"),
    ],
)
def test_x_of_the_wrong_shape_names_n_and_the_shape(bad, expected):
    """Assert X not (n,) nor (m, n) raises ValueError naming n = s_1 = 2 and the shape given."""
    with pytest.raises(ValueError, match=rf"(?s)(n = s_1 = 2.*{expected}|{expected}.*n = s_1 = 2)"):
        NET.forward(bad)
    for call in calls(bad, Y):
        with pytest.raises(ValueError, match=r"n = s_1 = 2"):
            call()


def test_empty_batch_is_refused():
    """Assert a batch of zero examples, (0, n), raises ValueError saying it is empty."""
    for call in [lambda: NET.forward(np.zeros((0, 2))), *calls(np.zeros((0, 2)), np.zeros((0, 2)))]:
        with pytest.raises(ValueError, match=r"empty batch of shape \(0, 2\).*at least one"):
            call()


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_inputs_are_refused(value):
    """Assert a nan or inf in X raises ValueError naming X and the index."""
    bad = X.copy()
    bad[2, 1] = value
    with pytest.raises(
        ValueError, match=r"X must be finite; found .*inf|X must be finite; found nan"
    ):
        NET.forward(bad)
    for call in calls(bad, Y):
        with pytest.raises(ValueError, match=r"X must be finite.*at index \(2, 1\)"):
            call()


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("units", [1, 3])
def test_non_finite_inputs_are_refused_behind_zero_weights(value, units):
    """Assert a nan or inf in X is refused even where every weight on it is 0, one example or many.

    The forward pass finds a bad x through z(2) = Θ(1) [1; x]; inf × 0 is nan, so a zero weight
    does not hide it.
    """
    weights = [np.ones((units, 4)), np.ones((1, units + 1))]
    weights[0][:, 2] = 0.0  # nothing reaches layer 2 from x_2
    net = pp.Network(weights)
    bad = np.array([[0.5, 0.5, 0.5], [0.1, 0.2, 0.3]])
    bad[1, 1] = value
    with pytest.raises(ValueError, match=r"X must be finite.*at index \(1, 1\)"):
        net.forward(bad)
    with pytest.raises(ValueError, match=r"X must be finite.*at index \(1,\)"):
        net.backward(bad[1], 1.0)


def test_finite_inputs_whose_z_overflows_are_not_refused():
    """Assert a finite X that drives z(2) to inf is accepted: only X itself must be finite."""
    net = pp.Network([[[0.0, 10.0]], [[0.0, 1.0]]])
    with np.errstate(over="ignore"):  # 10 × 1e308 overflows inside the product
        fwd = net.forward([1e308])
    assert fwd.z(2)[0] == np.inf and fwd.a(2)[0] == 1.0


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_labels_are_refused(value):
    """Assert a nan or inf in Y, even a scalar Y, raises ValueError naming Y."""
    bad = Y.copy()
    bad[0, 1] = value
    for call in calls(X, bad):
        with pytest.raises(ValueError, match=r"Y must be finite.*at index \(0, 1\)"):
            call()
    net = pp.Network.random([2, 1], seed=0)
    with pytest.raises(ValueError, match=r"Y must be finite"):
        net.backward([0.1, 0.2], value)


@pytest.mark.parametrize(
    "bad", [["a", "b"], None, np.array([1j, 2j]), {"x": 1}], ids=["text", "none", "complex", "dict"]
)
def test_non_numeric_examples_and_labels_are_a_type_error(bad):
    """Assert X or Y that is not an array of real numbers raises TypeError naming it."""
    with pytest.raises(TypeError, match=r"X must"):
        NET.forward(bad)
    with pytest.raises(TypeError, match=r"X must"):
        NET.backward(bad, Y)
    with pytest.raises(TypeError, match=r"Y must"):
        NET.backward(X[0], bad)
    with pytest.raises(TypeError, match=r"Y must"):
        NET.cost(X[0], bad)


@pytest.mark.parametrize(
    ("bad", "got"),
    [
        (np.zeros(3), r"\(3,\)"),  # (m,) but K = 2
        (np.zeros((3, 1)), r"\(3, 1\)"),
        (np.zeros((2, 2)), r"\(2, 2\)"),  # m = 2, not 3
        (np.zeros((2, 3)), r"\(2, 3\)"),  # transposed
        (np.zeros((3, 2, 1)), r"\(3, 2, 1\)"),
        (np.float64(1.0), r"\(\)"),
    ],
)
def test_batch_labels_of_the_wrong_shape_name_m_and_k(bad, got):
    """Assert Y not (m, K) for a batch raises ValueError naming m = 3, K = s_L = 2 and the shape."""
    for call in calls(X, bad):
        with pytest.raises(
            ValueError, match=rf"m = 3 examples and K = s_L = 2.*\(3, 2\); got shape {got}"
        ):
            call()


@pytest.mark.parametrize("bad", [1.0, np.zeros(3), np.zeros((1, 2)), np.zeros((2, 1))])
def test_single_example_labels_of_the_wrong_shape_name_k(bad):
    """Assert Y not (K,) for one example raises ValueError naming K = s_L = 2 and shape (2,)."""
    with pytest.raises(ValueError, match=r"one example must be shape \(2,\) \(K = s_L = 2"):
        NET.backward(X[0], bad)


def test_one_output_unit_takes_scalar_or_vector_labels_alike():
    """Assert with K = 1, Y as scalar, (1,), (m,) or (m, 1) gives the same gradients (rtol 0)."""
    net = pp.Network.random([2, 3, 1], seed=2)
    one = [net.backward(X[0], y).grads for y in (1.0, [1.0], np.array([1.0]))]
    for grads in one[1:]:
        for g, g0 in zip(grads, one[0], strict=True):
            np.testing.assert_array_equal(g, g0)
    many = [net.backward(X, y).grads for y in ([1.0, 0.0, 1.0], [[1.0], [0.0], [1.0]])]
    for g, g0 in zip(many[1], many[0], strict=True):
        np.testing.assert_array_equal(g, g0)
    with pytest.raises(ValueError, match=r"m = 3 examples and K = s_L = 1.*\(3,\) or \(3, 1\)"):
        net.backward(X, [1.0, 0.0])
    with pytest.raises(ValueError, match=r"a scalar or shape \(1,\)"):
        net.backward(X[0], [[1.0]])


@pytest.mark.parametrize(
    ("label", "span"), [(-0.1, r"-0\.1 to 1\.0"), (1.5, r"0\.0 to 1\.5"), (-3.0, r"-3\.0 to 1\.0")]
)
def test_logistic_labels_must_lie_in_the_unit_interval(label, span):
    """Assert a logistic-cost label outside [0, 1] raises ValueError naming the range and the values."""
    bad = Y.copy()
    bad[1, 0] = label
    for call in calls(X, bad):
        with pytest.raises(
            ValueError, match=rf"logistic cost needs labels in \[0, 1\]; Y holds values from {span}"
        ):
            call()


@pytest.mark.parametrize("lam", [-1e-9, -3.0, -np.inf, np.nan, np.inf])
def test_lambda_must_be_finite_and_not_negative(lam):
    """Assert λ < 0 or non-finite raises ValueError naming λ and the value."""
    for call in calls(X, Y, lam):
        with pytest.raises(
            ValueError, match=r"lam \(the regularisation λ\) must be a finite number >= 0"
        ):
            call()


@pytest.mark.parametrize("lam", ["1", None, True, np.array(1.0), [1.0]])
def test_lambda_must_be_a_number(lam):
    """Assert a λ that is not a real number (text, None, a bool, an array) raises TypeError."""
    for call in calls(X, Y, lam):
        with pytest.raises(TypeError, match=r"lam must be a real number >= 0; got"):
            call()


def test_lambda_accepts_ints_and_numpy_numbers():
    """Assert λ given as 3, 3.0, np.float32(3) or np.int64(3) gives one cost (rtol 1e-15)."""
    costs = [NET.cost(X, Y, lam) for lam in (3, 3.0, np.float32(3), np.int64(3))]
    np.testing.assert_allclose(costs, costs[1], rtol=1e-15)


def accessors():
    """Return (name, call(l), first, last) for every accessor that takes a layer number, L = 3."""
    bwd = NET.backward(X, Y)
    fwd = bwd.forward
    return [
        ("a(l)", fwd.a, 1, 3),
        ("z(l)", fwd.z, 2, 3),
        ("delta(l)", bwd.delta, 2, 3),
        ("grad(l)", bwd.grad, 1, 2),
        ("Θ(l)", NET.theta, 1, 2),
    ]


@pytest.mark.parametrize("index", range(5))
def test_layer_numbers_out_of_range_name_the_valid_range(index):
    """Assert a layer number outside first..last raises ValueError naming the accessor and range."""
    name, call, first, last = accessors()[index]
    for l in (first - 1, last + 1, -1, 100):
        with pytest.raises(
            ValueError,
            match=rf"layer {l} is out of range for {re.escape(name)}.*l = {first} \.\. {last}",
        ):
            call(l)
    call(first)
    call(np.int64(last))


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("l", [2.0, "2", True, None])
def test_layer_numbers_must_be_ints(index, l):
    """Assert a layer number that is not an int (a float, text, a bool, None) raises TypeError."""
    name, call, _, _ = accessors()[index]
    with pytest.raises(TypeError, match=rf"layer number for {re.escape(name)} must be an int"):
        call(l)
