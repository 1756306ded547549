"""Tests for propagation.passes: forward and backward propagation against independent oracles.

The oracles share no code with the package: a 1-1-1 network worked by hand with math.exp, the
course's per-example loop in column-vector form, and central differences of a cost written here.
"""

import itertools
import math

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import propagation as pp

ACTIVATIONS = ["sigmoid", "tanh", "relu"]
COSTS = ["logistic", "squared"]
PAIRS = [(g, c) for g in ACTIVATIONS for c in COSTS]


# --- The oracles: written from the course, sharing nothing with the package -------------------


def sig(z):
    """Return the sigmoid as 1/2 (1 + tanh(z/2)): exact, and silent at any z."""
    return 0.5 * (1 + np.tanh(z / 2))


G = {"sigmoid": sig, "tanh": np.tanh, "relu": lambda z: np.where(z > 0, z, 0.0)}
G_SLOPE = {  # g'(z), from z
    "sigmoid": lambda z: sig(z) * (1 - sig(z)),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
}


def softplus(t):
    """Return log(1 + e^t) = -log g(-t), exact for any t: log1p(e^-|t|) + max(t, 0)."""
    return np.log1p(np.exp(-np.abs(t))) + np.maximum(t, 0)


def example_costs(weights, activation, cost, X, Y, nudge=None):
    """Return (cost(i) for every example, [z(2) .. z(L)]), rows as examples.

    `nudge` = (l, j, e) adds e to z(l)_j of every example before the layer's activation.
    """
    a, zs, L = np.asarray(X, float), [], len(weights) + 1
    for l, theta in enumerate(weights, start=2):  # l: the layer being computed
        z = np.hstack([np.ones((a.shape[0], 1)), a]) @ np.asarray(theta, float).T
        if nudge is not None and nudge[0] == l:
            z[:, nudge[1]] += nudge[2]
        zs.append(z)
        a = sig(z) if l == L else G[activation](z)
    if cost == "logistic":  # -[y log h + (1 - y) log(1 - h)] with h = g(z), written in z
        per = Y * softplus(-zs[-1]) + (1 - Y) * softplus(zs[-1])
    else:
        per = 0.5 * (a - Y) ** 2
    return per.sum(axis=1), zs


def cost_J(weights, activation, cost, X, Y, lam):
    """Return J: the mean cost plus λ/2m times the squared non-bias weights."""
    m = X.shape[0]
    reg = sum(float((np.asarray(t)[:, 1:] ** 2).sum()) for t in weights)
    return example_costs(weights, activation, cost, X, Y)[0].mean() + lam / (2 * m) * reg


def finite_difference_grads(weights, activation, cost, X, Y, lam, e):
    """Return ∂J/∂Θ(l) by central differences of cost_J, and whether a relu kink was crossed.

    The five-point central stencil (-J(+2e) + 8 J(+e) - 8 J(-e) + J(-2e)) / 12e is off by O(e⁴),
    so e can be large enough that rounding in J (about 1e-16 J / e) stays far below 1e-7.
    """
    base = [z > 0 for z in example_costs(weights, activation, cost, X, Y)[1][:-1]]
    crossed, grads = False, []
    for l, theta in enumerate(weights):
        grad = np.empty(theta.shape)
        for index in np.ndindex(theta.shape):
            values = {}
            for step in (2, 1, -1, -2):
                nudged = [np.array(t, float) for t in weights]
                nudged[l][index] += step * e
                values[step] = cost_J(nudged, activation, cost, X, Y, lam)
                hidden = example_costs(nudged, activation, cost, X, Y)[1][:-1]
                crossed |= any(((z > 0) != b).any() for z, b in zip(hidden, base, strict=True))
            grad[index] = (-values[2] + 8 * values[1] - 8 * values[-1] + values[-2]) / (12 * e)
        grads.append(grad)
    return grads, crossed


def course_loop(weights, activation, cost, X, Y, lam):
    """Run the course's algorithm one example at a time, column vectors with a +1 on top.

    Returns a dict of a(l), z(l), δ(l) stacked over the examples (rows), the gradients and J.
    """
    L, m = len(weights) + 1, X.shape[0]
    Delta = [np.zeros(np.shape(t)) for t in weights]  # the course's accumulators Δ(l)
    rows = {"a": {}, "z": {}, "delta": {}}
    J = 0.0
    for i in range(m):
        a, z = {1: X[i].reshape(-1, 1)}, {}
        for l in range(1, L):
            z[l + 1] = weights[l - 1] @ np.vstack([[1.0], a[l]])
            a[l + 1] = sig(z[l + 1]) if l + 1 == L else G[activation](z[l + 1])
        y, h = Y[i].reshape(-1, 1), a[L]
        if cost == "logistic":
            J += float((y * softplus(-z[L]) + (1 - y) * softplus(z[L])).sum())
            d = {L: h - y}
        else:
            J += float(0.5 * ((h - y) ** 2).sum())
            d = {L: (h - y) * h * (1 - h)}
        for l in range(L - 1, 1, -1):
            d[l] = (weights[l - 1].T @ d[l + 1])[1:] * G_SLOPE[activation](z[l])  # drop δ(l)_0
        for l in range(1, L):
            Delta[l - 1] += d[l + 1] @ np.vstack([[1.0], a[l]]).T
        for name, values in (("a", a), ("z", z), ("delta", d)):
            for l, v in values.items():
                rows[name].setdefault(l, []).append(v.ravel())
    grads = []
    for theta, D in zip(weights, Delta, strict=True):
        grad = D / m
        grad[:, 1:] += lam / m * theta[:, 1:]
        grads.append(grad)
        J += lam / 2 * float((theta[:, 1:] ** 2).sum())  # divided by m below
    out = {name: {l: np.array(v) for l, v in d.items()} for name, d in rows.items()}
    out.update(grads=grads, J=J / m)
    return out


def rel(a, b):
    """Return ||a - b|| / ||a + b|| over lists of arrays (written here, not pp.relative_difference)."""
    a = np.concatenate([np.ravel(x) for x in a])
    b = np.concatenate([np.ravel(x) for x in b])
    return np.linalg.norm(a - b) / np.linalg.norm(a + b)


# --- Strategies ------------------------------------------------------------------------------


@st.composite
def problems(draw, activation=None, cost=None, min_layers=2, labels=(0.0, 1.0)):
    """Draw a network of 2..5 layers of 1..4 units, m = 1..5 examples, labels and λ."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=min_layers, max_size=5))
    m = draw(st.integers(1, 5))
    activation = activation or draw(st.sampled_from(ACTIVATIONS))
    cost = cost or draw(st.sampled_from(COSTS))
    weight = st.floats(-1.5, 1.5, allow_subnormal=False)
    weights = [
        draw(hnp.arrays(np.float64, (s_next, s + 1), elements=weight))
        for s, s_next in itertools.pairwise(sizes)
    ]
    X = draw(
        hnp.arrays(np.float64, (m, sizes[0]), elements=st.floats(-2, 2, allow_subnormal=False))
    )
    Y = draw(
        hnp.arrays(np.float64, (m, sizes[-1]), elements=st.floats(*labels, allow_subnormal=False))
    )
    lam = draw(st.sampled_from([0.0, 0.0, 0.3, 3.0]))
    net = pp.Network(weights, activation=activation, cost=cost)
    return net, X, Y, lam


def hidden_z_margin(net, X):
    """Return min |z(l)| over the hidden layers (inf for a network without hidden layers)."""
    zs = example_costs(net.weights, net.activation, net.cost_name, X, np.zeros((len(X), 1)))[1]
    return min((np.abs(z).min() for z in zs[:-1]), default=np.inf)


# --- A 1-1-1 network by hand -----------------------------------------------------------------

HAND_G = {
    "sigmoid": (lambda z: 1 / (1 + math.exp(-z)), lambda a, z: a * (1 - a)),
    "tanh": (math.tanh, lambda a, z: 1 - a * a),
    "relu": (lambda z: max(z, 0.0), lambda a, z: 1.0 if z > 0 else 0.0),
}


@pytest.mark.parametrize("lam", [0.0, 0.7])
@pytest.mark.parametrize(("activation", "cost"), PAIRS)
def test_one_one_one_network_by_hand(activation, cost, lam):
    """Assert z, a, δ, ∂J/∂Θ and J of a 1-1-1 network equal the course's arithmetic (rtol 1e-12)."""
    t10, t11, t20, t21 = 0.4, 1.3, -0.6, 1.8
    examples = [(0.5, 1.0), (-2.0, 0.0)]  # the second one's z(2) < 0: a dead rectifier
    g, slope = HAND_G[activation]
    m = len(examples)
    grad1, grad2, J, per = [0.0, 0.0], [0.0, 0.0], 0.0, []
    for x, y in examples:
        z2 = t10 + t11 * x
        a2 = g(z2)
        z3 = t20 + t21 * a2
        a3 = 1 / (1 + math.exp(-z3))
        if cost == "logistic":
            J += -(y * math.log(a3) + (1 - y) * math.log(1 - a3))
            d3 = a3 - y
        else:
            J += 0.5 * (a3 - y) ** 2
            d3 = (a3 - y) * a3 * (1 - a3)
        d2 = t21 * d3 * slope(a2, z2)
        grad1 = [grad1[0] + d2, grad1[1] + d2 * x]
        grad2 = [grad2[0] + d3, grad2[1] + d3 * a2]
        per.append((z2, a2, z3, a3, d2, d3))
    grad1 = [grad1[0] / m, grad1[1] / m + lam / m * t11]
    grad2 = [grad2[0] / m, grad2[1] / m + lam / m * t21]
    J = J / m + lam / (2 * m) * (t11**2 + t21**2)

    net = pp.Network([[[t10, t11]], [[t20, t21]]], activation=activation, cost=cost)
    X, Y = np.array([[x] for x, _ in examples]), np.array([y for _, y in examples])
    bwd = net.backward(X, Y, lam)
    fwd = bwd.forward
    z2, a2, z3, a3, d2, d3 = (np.array(column) for column in zip(*per, strict=True))
    tol = {"rtol": 1e-12, "atol": 1e-15}
    np.testing.assert_allclose(fwd.z(2)[:, 0], z2, **tol)
    np.testing.assert_allclose(fwd.a(2)[:, 0], a2, **tol)
    np.testing.assert_allclose(fwd.z(3)[:, 0], z3, **tol)
    np.testing.assert_allclose(fwd.output[:, 0], a3, **tol)
    np.testing.assert_allclose(bwd.delta(3)[:, 0], d3, **tol)
    np.testing.assert_allclose(bwd.delta(2)[:, 0], d2, **tol)
    np.testing.assert_allclose(bwd.grad(1), [grad1], **tol)
    np.testing.assert_allclose(bwd.grad(2), [grad2], **tol)
    np.testing.assert_allclose(bwd.cost, J, **tol)
    # One example alone: m = 1, so λ/m = λ.
    x, y = examples[0]
    one = net.backward([x], y, lam)
    z2, a2, z3, a3, d2, d3 = per[0]
    np.testing.assert_allclose(one.grad(1), [[d2, d2 * x + lam * t11]], **tol)
    np.testing.assert_allclose(one.grad(2), [[d3, d3 * a2 + lam * t21]], **tol)


# --- Laws that hold for every network (hypothesis) ----------------------------------------------


@pytest.mark.parametrize(("activation", "cost"), PAIRS)
@settings(max_examples=40)
@given(data=st.data())
def test_gradients_match_finite_differences(activation, cost, data):
    """Assert ∂J/∂Θ(l) from backprop matches central differences of J written here (rel. diff < 1e-7)."""
    net, X, Y, lam = data.draw(problems(activation, cost))
    if activation == "relu":  # finite differences are only exact away from the kink at z = 0
        assume(hidden_z_margin(net, X) > 1e-3)
    e = 1e-4 if activation == "relu" else 1e-3
    numeric, crossed = finite_difference_grads(net.weights, activation, cost, X, Y, lam, e)
    assume(not crossed)
    J = cost_J(net.weights, activation, cost, X, Y, lam)
    # A gradient this small next to J is mostly rounding in any difference quotient: skip it.
    assume(np.linalg.norm(np.concatenate([g.ravel() for g in numeric])) > 1e-6 * (1 + J))
    bwd = net.backward(X, Y, lam)
    assert rel(bwd.grads, numeric) < 1e-7
    np.testing.assert_allclose(bwd.cost, J, rtol=1e-12)


@pytest.mark.parametrize(("activation", "cost"), PAIRS)
@settings(max_examples=25)
@given(data=st.data())
def test_delta_is_the_derivative_of_each_example_cost_in_z(activation, cost, data):
    """Assert δ(l)_j of every example equals (cost(i)(z + e) - cost(i)(z - e)) / 2e (rtol 1e-6, atol 1e-9)."""
    net, X, Y, _ = data.draw(problems(activation, cost))
    if activation == "relu":
        assume(hidden_z_margin(net, X) > 1e-3)
    bwd, e = net.backward(X, Y), 1e-6
    for l in range(2, net.L + 1):
        for j in range(net.layer_sizes[l - 1]):
            plus = example_costs(net.weights, activation, cost, X, Y, (l, j, e))[0]
            minus = example_costs(net.weights, activation, cost, X, Y, (l, j, -e))[0]
            scale = 1 + np.abs(example_costs(net.weights, activation, cost, X, Y)[0])
            np.testing.assert_allclose(
                bwd.delta(l)[:, j], (plus - minus) / (2 * e), rtol=1e-6, atol=1e-9 * scale.max()
            )


@pytest.mark.parametrize(("activation", "cost"), PAIRS)
@settings(max_examples=30)
@given(data=st.data())
def test_batch_equals_the_courses_per_example_loop(activation, cost, data):
    """Assert every a, z, δ, gradient and J of a batch equals the course's loop (rtol 1e-10)."""
    net, X, Y, lam = data.draw(problems(activation, cost))
    if activation == "relu":  # at z = ±1e-46 the summation order decides the rectifier's slope
        assume(hidden_z_margin(net, X) > 1e-9)
    ref = course_loop(net.weights, activation, cost, X, Y, lam)
    bwd = net.backward(X, Y, lam)
    tol = {"rtol": 1e-10, "atol": 1e-12}
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(bwd.forward.a(l), ref["a"][l], **tol)
    for l in range(2, net.L + 1):
        np.testing.assert_allclose(bwd.forward.z(l), ref["z"][l], **tol)
        np.testing.assert_allclose(bwd.delta(l), ref["delta"][l], **tol)
    for l in range(1, net.L):
        np.testing.assert_allclose(bwd.grad(l), ref["grads"][l - 1], **tol)
    np.testing.assert_allclose(bwd.cost, ref["J"], **tol)


@settings(max_examples=80)
@given(problem=problems())
def test_batch_gradient_is_the_mean_of_example_gradients(problem):
    """Assert with λ = 0 a batch's gradient is the mean of its examples' gradients (rtol 1e-10)."""
    net, X, Y, _ = problem
    if net.activation == "relu":  # one example or many may round z = ±1e-46 to either side of 0
        assume(hidden_z_margin(net, X) > 1e-9)
    batch = net.backward(X, Y).grads
    singles = [net.backward(x, y).grads for x, y in zip(X, Y, strict=True)]
    for l, g in enumerate(batch):
        mean = np.mean([s[l] for s in singles], axis=0)
        np.testing.assert_allclose(g, mean, rtol=1e-10, atol=1e-13)
    costs = [net.backward(x, y).cost for x, y in zip(X, Y, strict=True)]
    np.testing.assert_allclose(net.cost(X, Y), np.mean(costs), rtol=1e-12)


@settings(max_examples=80)
@given(problem=problems())
def test_batch_forward_is_its_examples_stacked(problem):
    """Assert a batch's z(l), a(l) (with and without bias) are its single examples' rows (rtol 1e-12)."""
    net, X, _, _ = problem
    batch = net.forward(X)
    singles = [net.forward(x) for x in X]
    tol = {"rtol": 1e-12, "atol": 1e-14}
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(batch.a(l), np.stack([s.a(l) for s in singles]), **tol)
        assert singles[0].a(l).shape == (net.layer_sizes[l - 1],)
        if l < net.L:
            np.testing.assert_allclose(
                batch.a(l, bias=True), np.stack([s.a(l, bias=True) for s in singles]), **tol
            )
        if l > 1:
            np.testing.assert_allclose(batch.z(l), np.stack([s.z(l) for s in singles]), **tol)
    np.testing.assert_allclose(batch.output, batch.a(net.L), rtol=0)


@settings(max_examples=60)
@given(problem=problems(cost="logistic", min_layers=3, labels=(0.25, 0.75)), data=st.data())
def test_bias_deltas_never_reach_a_gradient(problem, data):
    """Assert shifting Θ(L-1)'s bias column, and y with the output, moves the bias delta but no gradient."""
    # For the logistic cost δ(L) = a(L) - y: shift the output units' bias weights and shift y by
    # the output's change, and δ(L) and a(1) .. a(L-1) stay put. The one thing that changes on the
    # way back is the discarded bias entry of (Θ(L-1))ᵀ δ(L); gradients built from it would change.
    net, X, Y, _ = problem
    L, K = net.L, net.layer_sizes[-1]
    shift = data.draw(
        hnp.arrays(np.float64, (K,), elements=st.floats(-1, 1, allow_subnormal=False))
    )
    weights = [np.array(t) for t in net.weights]
    weights[-1][:, 0] += shift
    moved = net.with_weights(weights)
    z_old = example_costs(net.weights, net.activation, "logistic", X, Y)[1][-1]
    z_new = example_costs(weights, net.activation, "logistic", X, Y)[1][-1]
    Y_new = Y + (sig(z_new) - sig(z_old))  # |change| <= |shift| / 4, so Y_new stays in [0, 1]
    before, after = net.backward(X, Y), moved.backward(X, Y_new)
    np.testing.assert_allclose(after.delta(L), before.delta(L), rtol=0, atol=1e-14)
    for l in range(1, L):
        np.testing.assert_allclose(after.grad(l), before.grad(l), rtol=1e-12, atol=1e-14)
    for l in range(2, L):
        np.testing.assert_allclose(after.delta(l), before.delta(l), rtol=1e-12, atol=1e-14)
    # ... while the discarded bias entry of layer L-1 moved by δ(L) · shift.
    moved_by = after.delta(L - 1, bias=True)[:, 0] - before.delta(L - 1, bias=True)[:, 0]
    np.testing.assert_allclose(moved_by, before.delta(L) @ shift, rtol=1e-9, atol=1e-13)


# --- Accessors, shapes and the bias entries -----------------------------------------------------


def lecture():
    """Return the lecture's network, its example and the backward pass."""
    ex = pp.lecture_example()
    return ex.network, ex.x, ex.y, ex.network.backward(ex.x, ex.y)


def test_a_with_bias_prepends_the_plus_one_unit():
    """Assert a(l, bias=True) is [1, a(l)] for one example and for each row of a batch."""
    net, x, _, bwd = lecture()
    for l in (1, 2, 3):
        np.testing.assert_array_equal(bwd.forward.a(l, bias=True), np.r_[1.0, bwd.forward.a(l)])
    batch = net.forward(np.array([x, 2 * x]))
    np.testing.assert_array_equal(batch.a(2, bias=True)[:, 0], [1.0, 1.0])
    np.testing.assert_array_equal(batch.a(2, bias=True)[:, 1:], batch.a(2))
    np.testing.assert_array_equal(batch.a(1), [x, 2 * x])


def test_z_is_theta_times_the_previous_layer_with_bias():
    """Assert z(l) = Θ(l-1) [1; a(l-1)], column-vector form, for every layer (rtol 1e-15)."""
    net, _, _, bwd = lecture()
    for l in range(2, net.L + 1):
        expected = net.theta(l - 1) @ np.r_[1.0, bwd.forward.a(l - 1)]
        np.testing.assert_allclose(bwd.forward.z(l), expected, rtol=1e-15)


def test_bias_delta_is_the_discarded_entry_of_the_full_product():
    """Assert delta(l, bias=True) is [Σ_i Θ(l)_i0 δ(l+1)_i, δ(l)] and δ(l) drops exactly that entry (rtol 1e-12)."""
    net = pp.Network.random([3, 4, 3, 2], seed=3, epsilon=1.0)
    X = np.array([[0.2, -0.4, 1.0], [1.5, 0.3, -0.7]])
    bwd = net.backward(X, [[1.0, 0.0], [0.0, 1.0]])
    for l in (2, 3):
        full = bwd.delta(l + 1) @ net.theta(l)  # rows of (Θ(l))ᵀ δ(l+1), s_l + 1 entries
        with_bias = bwd.delta(l, bias=True)
        assert with_bias.shape == (2, net.layer_sizes[l - 1] + 1)
        np.testing.assert_allclose(with_bias[:, 0], full[:, 0], rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(with_bias[:, 1:], bwd.delta(l))
        slope = bwd.forward.a(l) * (1 - bwd.forward.a(l))
        np.testing.assert_allclose(bwd.delta(l), full[:, 1:] * slope, rtol=1e-12, atol=1e-15)
    single = net.backward(X[0], [1.0, 0.0])
    assert single.delta(2, bias=True).shape == (5,)
    np.testing.assert_allclose(
        single.delta(2, bias=True), bwd.delta(2, bias=True)[0], rtol=1e-12, atol=1e-15
    )


def test_gradient_uses_the_delta_without_its_bias_entry():
    """Assert ∂J/∂Θ(l-1) = δ(l)ᵀ [1, a(l-1)] / m with the bias-free δ(l), not a wrongly sliced full product."""
    bwd = lecture()[3]
    for l in (2, 3):
        expected = np.outer(bwd.delta(l), bwd.forward.a(l - 1, bias=True))
        np.testing.assert_allclose(bwd.grad(l - 1), expected, rtol=1e-15)
        wrong = np.outer(bwd.delta(l, bias=True)[:-1], bwd.forward.a(l - 1, bias=True))
        assert not np.allclose(bwd.grad(l - 1), wrong, rtol=1e-3)


def test_output_layer_has_no_bias_unit():
    """Assert a(L, bias=True) and delta(L, bias=True) raise ValueError naming the output layer."""
    bwd = lecture()[3]
    with pytest.raises(ValueError, match=r"output layer 4 has no bias unit; bias=True needs l < 4"):
        bwd.forward.a(4, bias=True)
    with pytest.raises(ValueError, match=r"output layer 4 has no bias unit; bias=True needs l < 4"):
        bwd.delta(4, bias=True)


def test_single_example_and_batch_of_one_agree():
    """Assert an (n,) example gives 1-D rows and a (1, n) batch (1, s_l) arrays of the same numbers."""
    net, x, y, bwd = lecture()
    batch = net.backward(x[None, :], [y])
    assert bwd.forward.output.shape == (1,) and batch.forward.output.shape == (1, 1)
    assert bwd.delta(2).shape == (2,) and batch.delta(2).shape == (1, 2)
    for l in range(2, 5):
        np.testing.assert_array_equal(batch.delta(l)[0], bwd.delta(l))
        np.testing.assert_array_equal(batch.forward.z(l)[0], bwd.forward.z(l))
    for l in range(1, 4):
        np.testing.assert_array_equal(batch.grad(l), bwd.grad(l))
        assert bwd.grad(l).shape == net.theta(l).shape
    assert bwd.forward.m == 1 and net.forward(np.zeros((3, 2))).m == 3


def test_backward_carries_its_forward_pass():
    """Assert Backward.forward is a Forward with the same numbers as Network.forward, grads lists grad(l)."""
    net, x, _, bwd = lecture()
    assert isinstance(bwd, pp.Backward) and isinstance(bwd.forward, pp.Forward)
    fwd = net.forward(x)
    for l in range(1, 5):
        np.testing.assert_array_equal(bwd.forward.a(l), fwd.a(l))
    assert len(bwd.grads) == 3
    for l in range(1, 4):
        np.testing.assert_array_equal(bwd.grads[l - 1], bwd.grad(l))
    assert isinstance(bwd.cost, float)


# --- Immutability ------------------------------------------------------------------------------


def test_returned_arrays_are_read_only():
    """Assert every array a pass hands out refuses writes, and the grads list is a copy."""
    net = pp.Network.random([2, 3, 2], seed=0)
    for X, Y in ((np.array([0.5, -0.5]), [1.0, 0.0]), (np.array([[0.5, -0.5]] * 2), np.eye(2))):
        bwd = net.backward(X, Y)
        fwd = bwd.forward
        arrays = [fwd.a(1), fwd.a(2), fwd.a(1, bias=True), fwd.z(2), fwd.z(3), fwd.output]
        arrays += [bwd.delta(2), bwd.delta(3), bwd.delta(2, bias=True), bwd.grad(1), *bwd.grads]
        for array in arrays:
            with pytest.raises(ValueError, match="read-only"):
                array[...] = 0.0
        grads = bwd.grads
        grads.clear()
        assert len(bwd.grads) == 2


def test_passes_leave_the_callers_arrays_alone():
    """Assert forward and backward change neither X nor Y, nor their writeable flags."""
    net = pp.Network.random([2, 3, 2], seed=0)
    X, Y = np.array([[0.5, -0.5], [1.0, 2.0]]), np.array([[1.0, 0.0], [0.0, 1.0]])
    X0, Y0 = X.copy(), Y.copy()
    net.forward(X)
    net.backward(X, Y, lam=1.0)
    net.backward(X[0], Y[0])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    assert X.flags.writeable and Y.flags.writeable


@pytest.mark.parametrize("block_bytes", [8, 200, 10**9])
def test_passes_done_in_blocks_of_any_size_agree(monkeypatch, block_bytes):
    # Elementwise steps run a block of rows at a time (passes._BLOCK_BYTES); a block smaller than
    # one row (a batch of over 32,768 float64 examples by default) still makes one row a block.
    rng = np.random.default_rng(11)
    net = pp.Network.random([6, 5, 4, 3], seed=rng)
    X, Y = rng.normal(size=(50, 6)), rng.uniform(size=(50, 3))
    expected = net.backward(X, Y)
    monkeypatch.setattr(pp.passes, "_BLOCK_BYTES", block_bytes)
    got = net.backward(X, Y)
    for l in range(2, net.L + 1):
        np.testing.assert_array_equal(got.forward.z(l), expected.forward.z(l))
        np.testing.assert_array_equal(got.delta(l), expected.delta(l))
    for l in range(1, net.L):
        np.testing.assert_array_equal(got.grad(l), expected.grad(l))
    X[3, 2] = np.nan
    with pytest.raises(ValueError, match="X"):
        net.backward(X, Y)


def test_a_pass_held_is_not_changed_by_the_passes_after_it():
    # Large passes reuse the memory of earlier ones that nobody holds (propagation._memory):
    # what is held, a whole pass or one array of it, keeps its values.
    rng = np.random.default_rng(5)
    net = pp.Network.random([30, 40, 20, 3], seed=rng)
    X1, X2 = rng.normal(size=(2, 2000, 30))
    Y = rng.uniform(size=(2000, 3))
    first = net.backward(X1, Y)
    kept = net.backward(X1, Y).delta(2)  # its pass is dropped; one view of it is held
    expected = {
        "z3": first.forward.z(3).copy(),
        "a2": first.forward.a(2).copy(),
        "d2": first.delta(2).copy(),
        "grad1": first.grad(1).copy(),
    }
    for _ in range(3):
        net.backward(X2, Y)  # dropped at once: their memory is handed on
        later = net.backward(X2, Y)
    assert not np.shares_memory(later.delta(2), kept)
    np.testing.assert_array_equal(first.forward.z(3), expected["z3"])
    np.testing.assert_array_equal(first.forward.a(2), expected["a2"])
    np.testing.assert_array_equal(first.delta(2), expected["d2"])
    np.testing.assert_array_equal(first.grad(1), expected["grad1"])
    np.testing.assert_array_equal(kept, expected["d2"])


@pytest.mark.parametrize("shape", [(2,), (3, 2)])
def test_a1_is_a_read_only_view_of_the_callers_x(shape):
    """Assert a(1) reads the caller's X without a copy, refuses writes, and leaves X writeable.

    The pass does not copy X: a(1) shows what X holds now, while a and δ of the later layers
    keep the numbers computed from X at the time of the pass (z(2), computed again from a(1)
    when asked, follows X like a(1)).
    """
    net = pp.Network.random([2, 3, 1], seed=0)
    X = np.arange(1.0, 1.0 + np.prod(shape)).reshape(shape)
    fwd = net.forward(X)
    assert np.shares_memory(fwd.a(1), X)
    with pytest.raises(ValueError, match="read-only"):
        fwd.a(1)[...] = 0.0
    assert X.flags.writeable
    output = np.array(fwd.output)
    X += 10.0  # e.g. nudging the input for the next table
    np.testing.assert_array_equal(fwd.a(1), X)
    np.testing.assert_array_equal(fwd.a(1, bias=True), np.hstack([np.ones((*shape[:-1], 1)), X]))
    np.testing.assert_array_equal(fwd.output, output)
    np.testing.assert_allclose(fwd.z(2), fwd.a(1, bias=True) @ net.theta(1).T, rtol=1e-15)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("block_bytes", [200, 10**9])
@pytest.mark.parametrize("m", [None, 1, 300])
def test_z_of_a_hidden_layer_is_the_one_its_activations_came_from(
    monkeypatch, activation, block_bytes, m
):
    """Assert g(z(l)) is a(l) to the last bit for every hidden layer: the pass keeps only a(l),
    and z(l), computed again when asked, must be the z that a(l) was computed from."""
    monkeypatch.setattr(pp.passes, "_BLOCK_BYTES", block_bytes)
    rng = np.random.default_rng(3)
    net = pp.Network.random([7, 6, 5, 2], seed=rng, epsilon=2.0, activation=activation)
    X = rng.normal(size=7 if m is None else (m, 7))
    fwd = net.forward(X)
    g = pp.activations.ACTIVATIONS[activation].g
    for l in (2, 3):
        z = fwd.z(l)
        assert z.shape == fwd.a(l).shape and not np.shares_memory(z, fwd.a(l))
        np.testing.assert_array_equal(g(np.array(z)), fwd.a(l))
    np.testing.assert_array_equal(pp.activations.sigmoid(np.array(fwd.z(4))), fwd.output)


def test_a1_is_converted_when_x_has_another_dtype():
    """Assert an int X, or a float64 X for a float32 network, gives a(1) of the network's dtype, not X."""
    X = np.array([[1, 2], [3, 4]])
    net = pp.Network.random([2, 3, 1], seed=0)
    fwd = net.forward(X)
    assert fwd.a(1).dtype == np.float64 and not np.shares_memory(fwd.a(1), X)
    net32 = pp.Network([w.astype(np.float32) for w in net.weights])
    X64 = X.astype(np.float64)
    assert not np.shares_memory(net32.forward(X64).a(1), X64)


@pytest.mark.parametrize(
    "view", [np.asfortranarray, lambda X: X[::2], lambda X: X[:, ::-1]], ids=["F", "rows", "cols"]
)
def test_x_in_any_memory_layout_gives_the_same_pass(view):
    """Assert an X laid out in Fortran order or strided gives the numbers of its C-ordered copy."""
    net = pp.Network.random([3, 4, 2], seed=2, epsilon=1.0)
    X = np.random.default_rng(0).normal(size=(6, 3))
    Y = np.eye(2)[[0, 1, 1, 0, 1, 0]]
    Xv = view(X)
    Yv = Y[::2] if Xv.shape[0] == 3 else Y
    ours, copied = net.backward(Xv, Yv), net.backward(np.ascontiguousarray(Xv), Yv)
    for l in range(1, net.L):
        np.testing.assert_allclose(ours.grad(l), copied.grad(l), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(ours.forward.output, copied.forward.output, rtol=1e-14)
    np.testing.assert_array_equal(ours.forward.a(1), Xv)


# --- float32 and saturation --------------------------------------------------------------------


@pytest.mark.parametrize(("activation", "cost"), PAIRS)
def test_float32_networks_compute_in_float32(activation, cost):
    """Assert float32 weights give float32 a, z, δ and gradients, close to float64's (rtol 1e-4)."""
    net64 = pp.Network.random([3, 4, 2], seed=5, epsilon=1.0, activation=activation, cost=cost)
    net32 = pp.Network(
        [w.astype(np.float32) for w in net64.weights], activation=activation, cost=cost
    )
    X = np.array([[0.1, 0.9, -0.4], [1.2, -0.3, 0.5]])  # float64 input, cast to the network's
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    b32, b64 = net32.backward(X, Y, lam=0.5), net64.backward(X, Y, lam=0.5)
    for l in (1, 2, 3):
        assert b32.forward.a(l).dtype == np.float32
        np.testing.assert_allclose(b32.forward.a(l), b64.forward.a(l), rtol=1e-4, atol=1e-6)
    for l in (2, 3):
        assert b32.forward.z(l).dtype == np.float32 and b32.delta(l).dtype == np.float32
        np.testing.assert_allclose(b32.delta(l), b64.delta(l), rtol=1e-4, atol=1e-6)
    assert b32.delta(2, bias=True).dtype == np.float32
    for g32, g64 in zip(b32.grads, b64.grads, strict=True):
        assert g32.dtype == np.float32
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(b32.cost, b64.cost, rtol=1e-5)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("activation", "cost"), PAIRS)
def test_saturated_units_raise_no_warning_and_keep_the_cost_exact(activation, cost, dtype):
    """Assert |z| in the thousands raises no RuntimeWarning and J equals the exact formula (rtol 1e-12 / 1e-5)."""
    weights = [
        np.array([[0.0, 1500.0, -900.0], [-2.0, -1200.0, 800.0]], dtype=dtype),
        np.array([[1.0, 2000.0, -3000.0]], dtype=dtype),
    ]
    net = pp.Network(weights, activation=activation, cost=cost)
    X = np.array([[1.0, 2.0], [-3.0, 0.5], [0.4, -0.1], [0.0, 0.0]])
    Y = np.array([1.0, 1.0, 0.0, 1.0])
    bwd = net.backward(X, Y, lam=0.1)  # warnings are errors in this test run
    z = example_costs(weights, activation, cost, X, Y[:, None])[1]
    assert np.abs(z[0]).max() > 1000 and np.abs(z[1]).max() > 1000
    expected = cost_J([w.astype(float) for w in weights], activation, cost, X, Y[:, None], 0.1)
    assert np.isfinite(bwd.cost)
    np.testing.assert_allclose(bwd.cost, expected, rtol=1e-5 if dtype == np.float32 else 1e-12)
    assert all(np.isfinite(g).all() for g in bwd.grads)
    h = bwd.forward.output[:, 0]
    assert ((h >= 0) & (h <= 1)).all()
    if cost == "logistic":
        np.testing.assert_array_equal(bwd.delta(3)[:, 0], h - Y.astype(dtype))
