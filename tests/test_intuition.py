"""Tests for propagation.intuition: each result checked against an oracle it does not share code with."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import propagation as pp
from propagation import intuition, tables


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
    net, x, y = intuition.two_output_example()
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
        assert intuition.max_abs_difference(loop, batch) < 1e-14


def test_loop_gradients_of_one_example_are_its_gradients(ex):
    """Assert the loop over a batch of one gives the example's own gradients."""
    loop = intuition.loop_gradients(ex.network, ex.x[np.newaxis], np.array([ex.y]))
    for a, b in zip(loop, ex.network.backward(ex.x, ex.y).grads, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-15)


def test_max_abs_difference():
    """Assert max_abs_difference is the largest |a - b| over all arrays."""
    a = [np.array([1.0, 2.0]), np.array([[0.0]])]
    b = [np.array([1.5, 2.0]), np.array([[-2.0]])]
    assert intuition.max_abs_difference(a, b) == 2.0


def test_median_seconds_is_the_median(monkeypatch):
    """Assert median_seconds returns the median of the measured durations."""
    ticks = iter([0.0, 1.0, 1.0, 4.0, 4.0, 6.0])  # durations 1, 3, 2
    monkeypatch.setattr(intuition.time, "perf_counter", lambda: next(ticks))
    calls = []
    assert intuition.median_seconds(lambda: calls.append(1), repeats=3) == 2.0
    assert len(calls) == 3
    with pytest.raises(ValueError, match="repeats"):
        intuition.median_seconds(lambda: None, repeats=0)


def test_zero_start_keeps_hidden_units_identical(ex):
    """Assert after steps from all-zero weights every weight moved but each layer's units stay twins."""
    net = intuition.constant_network([2, 2, 2, 1])
    trained, costs = pp.train(net, ex.x, ex.y, learning_rate=1.0, iterations=5)
    assert costs[-1] < costs[0]
    for theta in trained.weights:
        assert np.all(theta != 0)
    for theta in trained.weights[:-1]:
        np.testing.assert_allclose(theta[0], theta[1], rtol=0, atol=1e-15)
    assert intuition.hidden_spread(trained, ex.x) == {2: 0.0, 3: 0.0}


def test_random_start_breaks_the_symmetry(ex):
    """Assert after the same steps from random weights the hidden units differ."""
    net = pp.Network.random([2, 2, 2, 1], seed=0, epsilon=0.12)
    trained, _ = pp.train(net, ex.x, ex.y, learning_rate=1.0, iterations=5)
    spread = intuition.hidden_spread(trained, ex.x)
    assert min(spread.values()) > 1e-3


def test_zero_start_on_xor_has_zero_gradient():
    """Assert all-zero weights on the four XOR corners get exactly zero gradient: nothing moves."""
    X, Y = intuition.xor_data()
    grads = intuition.constant_network([2, 2, 2, 1]).backward(X, Y).grads
    assert all(np.all(g == 0) for g in grads)


def test_constant_network_shapes():
    """Assert constant_network builds the asked shapes filled with the value."""
    net = intuition.constant_network([3, 2, 1], value=0.5)
    assert net.layer_sizes == (3, 2, 1)
    assert all(np.all(t == 0.5) for t in net.weights)


def test_xor_data():
    """Assert xor_data labels corners by XOR, is seeded, and adds noise only when asked."""
    X, Y = intuition.xor_data()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(Y, [0, 1, 1, 0])
    A, B = intuition.xor_data(40, noise=0.1, seed=5)
    C, D = intuition.xor_data(40, noise=0.1, seed=5)
    E, _ = intuition.xor_data(40, noise=0.1, seed=6)
    np.testing.assert_array_equal(A, C)
    np.testing.assert_array_equal(B, D)
    assert not np.array_equal(A, E)
    assert A.shape == (40, 2) and B.sum() == 20
    assert np.all(np.round(A).astype(int)[:, 0] ^ np.round(A).astype(int)[:, 1] == B)


def test_epsilon_init():
    """Assert the course's sqrt(6)/sqrt(s_l + s_l+1) by hand for 2 and 3 units."""
    assert intuition.epsilon_init(2, 3) == pytest.approx(1.0954451150103321)


def test_accuracy_counts_sides_of_one_half():
    """Assert accuracy of h = g(10 x1 - 5) on three points is 2/3."""
    net = pp.Network([np.array([[-5.0, 10.0, 0.0]])])
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert intuition.accuracy(net, X, np.array([0.0, 1.0, 1.0])) == pytest.approx(2 / 3)


def test_logistic_cost_matches_the_package_cost(ex):
    """Assert the formula from h equals Network.cost, for K = 1 and summed over K = 2."""
    h = ex.network.forward(ex.x).output
    assert float(intuition.logistic_cost(h, ex.y).sum()) == pytest.approx(
        ex.network.cost(ex.x, ex.y), rel=1e-12
    )
    net, x, y = intuition.two_output_example()
    h = net.forward(x).output
    assert float(intuition.logistic_cost(h, y).sum()) == pytest.approx(net.cost(x, y), rel=1e-12)
    assert intuition.logistic_cost(0.5, 1.0) == pytest.approx(math.log(2))


def test_two_output_example_is_the_lecture_cut_after_layer_3(ex):
    """Assert the K = 2 example reuses the lecture's Θ(1), Θ(2) and x, with y = (1, 0)."""
    net, x, y = intuition.two_output_example()
    assert net.layer_sizes == (2, 2, 2)
    for a, b in zip(net.weights, ex.network.weights[:2], strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(x, ex.x)
    np.testing.assert_array_equal(y, [1.0, 0.0])


def test_weight_squares_leave_out_the_bias_and_make_the_lambda_term(ex):
    """Assert Θ(1)'s non-bias squares by hand, and J(λ) - J(0) = λ/2m Σ squares."""
    squares = intuition.weight_squares(ex.network)
    assert squares[0] == pytest.approx(0.3**2 + 0.2**2 + 0.5**2 + 0.7**2)
    lam = 2.0
    gap = ex.network.cost(ex.x, ex.y, lam) - ex.network.cost(ex.x, ex.y)
    assert gap == pytest.approx(lam / 2 * sum(squares), rel=1e-12)


def test_delta_table_lists_every_unit(ex):
    """Assert the delta table has a row per unit of layers 2..4 with backprop's δ in it."""
    text = intuition.delta_table(ex.network, ex.x, ex.y)
    rows = text.strip().splitlines()[2:]
    assert len(rows) == 5
    d = ex.network.backward(ex.x, ex.y).delta(3)[1]
    assert f"| $\\delta^{{(3)}}_2$ | {tables.fmt(d)} | {tables.fmt(d)} |" in text


def test_gradient_tables(ex):
    """Assert the gradient tables hold every entry, products equal to the package's gradient."""
    bwd = ex.network.backward(ex.x, ex.y)
    matrix = intuition.gradient_matrix_table(bwd.grad(2))
    assert len(matrix.strip().splitlines()) == 2 + 2
    assert "$j = 0$ (bias)" in matrix and tables.fmt(bwd.grad(2)[1, 2]) in matrix
    products = intuition.gradient_products_table(ex.network, ex.x, ex.y, 2)
    rows = products.strip().splitlines()[2:]
    assert len(rows) == 6
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3] == cells[4]  # a·δ as printed equals the package's entry as printed
    assert len(intuition.gradient_products_table(ex.network, ex.x, ex.y, 3).splitlines()) == 5


def test_regularised_gradient_table_leaves_bias_alone(ex):
    """Assert the bias rows add nothing and the others add λ/m Θ, as the package's gradients do."""
    text = intuition.regularised_gradient_table(ex.network, ex.x, ex.y, 1.0, 1)
    rows = [[c.strip() for c in r.strip("|").split("|")] for r in text.strip().splitlines()[2:]]
    assert len(rows) == 6
    for row in rows:
        i, j = (int(k) for k in row[0].strip("$()").split(", "))
        if j == 0:
            assert row[2] == "0 (bias)" and row[1] == row[3]
        else:
            assert row[2] == tables.fmt(ex.network.theta(1)[i - 1, j])
            expected = ex.network.backward(ex.x, ex.y, 1.0).grad(1)[i - 1, j]
            assert row[3] == tables.fmt(expected)


def test_check_table_rows_and_differences(ex):
    """Assert the check table has a row per weight and prints the difference in 10^k form."""
    grads = ex.network.backward(ex.x, ex.y).grads
    shifted = [g + 1e-7 for g in grads]
    text = intuition.check_table(grads, shifted)
    rows = text.strip().splitlines()[2:]
    assert len(rows) == 15
    assert all("-1.0 \\times 10^{-7}" in row for row in rows)
    assert "$\\Theta^{(3)}_{12}$" in text


def test_output_cost_and_regularisation_tables(ex):
    """Assert the K = 2 cost table has a row per output and the λ table a row per Θ with its sum."""
    net, x, y = intuition.two_output_example()
    text = intuition.output_cost_table(net, x, y)
    assert len(text.strip().splitlines()) == 4
    terms = intuition.logistic_cost(net.forward(x).output, y)
    assert all(tables.fmt(t) in text for t in terms)
    reg = intuition.regularisation_table(ex.network)
    assert len(reg.strip().splitlines()) == 5
    assert tables.fmt(0.87) in reg


def test_activations_table(ex):
    """Assert the activation table has a row per example holding its inputs and a(l)."""
    X, _ = intuition.xor_data()
    text = intuition.activations_table(ex.network, X, 2)
    rows = text.strip().splitlines()[2:]
    assert len(rows) == 4
    a = ex.network.forward(X).a(2)
    assert tables.fmt(a[3, 1]) in rows[3]


def test_sci():
    """Assert sci writes KaTeX scientific notation and 0 as 0."""
    assert tables.sci(2.345e-11) == r"2.3 \times 10^{-11}"
    assert tables.sci(-0.5) == r"-5.0 \times 10^{-1}"
    assert tables.sci(123456, 2) == r"1.23 \times 10^{5}"
    assert tables.sci(0.0) == "0"


def test_sign_step_table_reports_the_three_steps(ex):
    """Assert the sign table shows the cost before and the three costs after, in order."""
    step = intuition.sign_step(ex.network, ex.x, ex.y, alpha=1.0)
    text = intuition.sign_step_table(step)
    rows = text.strip().splitlines()
    assert f"before: {tables.fmt(step.before)}" in rows[0]
    after = [r.strip("| ").rsplit("|", 1)[1].strip() for r in rows[2:]]
    assert after == [tables.fmt(step.descend), tables.fmt(step.wrong), tables.fmt(step.climb)]


def test_outer_product_equation_holds_delta_and_activations(ex):
    """Assert the equation prints δ(l+1) and [1, a(l)], whose outer product is the gradient."""
    bwd = ex.network.backward(ex.x, ex.y)
    tex = intuition.outer_product_equation(ex.network, ex.x, ex.y, 2)
    assert tables.latex_matrix(bwd.delta(3)) in tex
    assert tables.latex_matrix(np.atleast_2d(bwd.forward.a(2, bias=True))) in tex
    assert tex.endswith(tables.latex_matrix(np.atleast_2d(bwd.forward.a(2, bias=True))))
    outer = np.outer(bwd.delta(3), bwd.forward.a(2, bias=True))
    np.testing.assert_allclose(outer, bwd.grad(2), atol=1e-15)


def test_random_batch_shapes_labels_and_seed(ex):
    """Assert random_batch fits the network, gives 0/1 labels and repeats with its seed."""
    X, Y = intuition.random_batch(ex.network, 30, seed=4)
    assert X.shape == (30, 2) and Y.shape == (30,)
    assert set(np.unique(Y)) <= {0.0, 1.0}
    X2, Y2 = intuition.random_batch(ex.network, 30, seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    net, _, _ = intuition.two_output_example()
    assert intuition.random_batch(net, 5, seed=0)[1].shape == (5, 2)


def test_steps_until():
    """Assert steps_until finds the first cost below the level, or None."""
    assert intuition.steps_until([0.7, 0.69, 0.4, 0.1], 0.5) == 2
    assert intuition.steps_until([0.7, 0.69], 0.5) is None


def test_source_code_drops_only_the_docstring():
    """Assert the shown source keeps the signature, the body and comments, and drops the docstring."""
    text = intuition.source_code(intuition.loop_gradients)
    assert text.startswith("def loop_gradients(")
    assert '"""' not in text and "Parameters:" not in text
    assert "# this example alone" in text and text.rstrip().endswith("for total in Delta]")
    one_line = intuition.source_code(intuition.steps_until)
    assert one_line.count("\n") == 2 and "return next(" in one_line


def test_noisy_xor_needs_large_enough_random_weights():
    """Assert the training page's claim: 2-3-3-1 learns the noisy XOR from ε = 1, not from 0.12."""
    X, Y = intuition.xor_data(40, noise=0.15, seed=0)
    for seed in (0, 1, 2):
        big = pp.Network.random([2, 3, 3, 1], seed=seed, epsilon=1.0)
        trained, costs = pp.train(big, X, Y, learning_rate=2.0, iterations=800)
        assert costs[-1] < 0.05 and intuition.accuracy(trained, X, Y) == 1.0
        small = pp.Network.random([2, 3, 3, 1], seed=seed, epsilon=0.12)
        _, costs = pp.train(small, X, Y, learning_rate=2.0, iterations=800)
        assert abs(costs[-1] - math.log(2)) < 1e-3
