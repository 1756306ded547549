# The experiments the pages run to make backpropagation believable: nudges, checks, comparisons.
"""The maths the pages demonstrate, each piece computed independently of `Network.backward`.

- $\\delta = \\partial\\,\\mathrm{cost} / \\partial z$: re-run the forward pass with one $z$ nudged
  (`nudged_cost`, `numerical_deltas`).
- The sign of the output delta: one gradient-descent step taken with $a - y$ and with $y - a$
  (`sign_step`).
- What a bug looks like: a backward pass that forgets $g'(z)$ (`buggy_gradients`).
- One example at a time against the whole batch (`loop_gradients`, `median_seconds`).
- Why the weights start random: all-equal hidden units stay equal (`constant_network`,
  `hidden_spread`), and a small data set that needs the hidden layers (`xor_data`).

Functions return values; the pages print them. Units are numbered from 1 and layers from 1, as in
the course.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from propagation import _checks, tables
from propagation.activations import ACTIVATIONS, sigmoid
from propagation.costs import COSTS
from propagation.example import lecture_example
from propagation.network import Network


def _one_example(net: Network, x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Return checked `(s_1,)` input and `(K,)` labels for one example."""
    X, single = _checks.examples(x, net.layer_sizes[0], net.dtype)
    if not single:
        raise ValueError(f"x must be one example of shape ({net.layer_sizes[0]},); got a batch")
    Y = _checks.labels(y, 1, net.layer_sizes[-1], True, net.dtype, net.cost_name)
    return X[0], Y[0]


def logistic_cost(h: object, y: object) -> np.ndarray:
    """Return the course's $-[y \\log h + (1 - y) \\log(1 - h)]$, elementwise, from $h$ itself.

    Written straight from the formula (the package's own cost works from $z$), so it can check it.

    Parameters:
        h: Outputs $h(x)$ in $(0, 1)$.
        y: Labels in $[0, 1]$, broadcastable against `h`.

    Returns:
        An ndarray of the cost of each output; sum over the last axis for several outputs.
    """
    h, y = np.asarray(h, dtype=float), np.asarray(y, dtype=float)
    return -(y * np.log(h) + (1 - y) * np.log(1 - h))


def weight_squares(net: Network) -> list[float]:
    """Return $\\sum_{i, j \\ge 1} (\\Theta^{(l)}_{ij})^2$ for each layer, bias column 0 left out."""
    return [float(np.square(theta[:, 1:]).sum()) for theta in net.weights]


def nudged_cost(net: Network, x: object, y: object, l: int, j: int, dz: float) -> float:
    """Return cost(i) when $z^{(l)}_j$ is moved by `dz` inside the forward pass.

    The forward pass runs to layer `l`, adds `dz` to unit `j`'s weighted sum, and carries on from
    the nudged value layer by layer to the output; nothing of `Network.backward` is used.

    Parameters:
        net: The network (not changed).
        x: One example, `(s_1,)`.
        y: Its label: a scalar or `(K,)`.
        l: Layer, 2 .. L (layer 1 has no $z$).
        j: Unit, 1 .. $s_l$, as in the course.
        dz: The nudge added to $z^{(l)}_j$.

    Returns:
        The cost of the example with the nudged unit.

    Raises:
        ValueError: If `l` or `j` is out of range, or x, y are not one example.
    """
    a, y = _one_example(net, x, y)
    l = _checks.layer(l, 2, net.L, "z(l)")
    s_l = net.layer_sizes[l - 1]
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not 1 <= j <= s_l:
        raise ValueError(f"unit j must be 1 .. s_{l} = {s_l} in layer {l}; got {j!r}")
    hidden = ACTIVATIONS[net.activation].g
    for layer in range(2, net.L + 1):
        theta = net.theta(layer - 1)
        z = theta[:, 0] + theta[:, 1:] @ a  # z(layer) = Θ(layer-1) [1; a(layer-1)]
        if layer == l:
            z[j - 1] += dz  # unit j sits at index j - 1
        a = sigmoid(z) if layer == net.L else hidden(z)
    return float(COSTS[net.cost_name].value(z[np.newaxis], a[np.newaxis], y[np.newaxis])[0])


def numerical_deltas(
    net: Network, x: object, y: object, eps: float = 1e-5
) -> dict[int, np.ndarray]:
    """Return $(\\mathrm{cost}(z + \\epsilon) - \\mathrm{cost}(z - \\epsilon)) / 2\\epsilon$ for every unit.

    Returns:
        `{l: (s_l,) ndarray}` for layers l = 2 .. L: the central difference of `nudged_cost`.
    """
    deltas = {}
    for l in range(2, net.L + 1):
        deltas[l] = np.array(
            [
                (nudged_cost(net, x, y, l, j, eps) - nudged_cost(net, x, y, l, j, -eps)) / (2 * eps)
                for j in range(1, net.layer_sizes[l - 1] + 1)
            ]
        )
    return deltas


def _single_backward(
    net: Network, x: object, y: object, *, output_delta: str = "a-y", slope: bool = True
) -> list[np.ndarray]:
    """Return the gradients of one example by a plain backward loop with switches for mistakes."""
    if net.cost_name != "logistic":
        raise ValueError(
            f"the output delta a - y belongs to the logistic cost; got {net.cost_name!r}"
        )
    a0, y = _one_example(net, x, y)
    g = ACTIVATIONS[net.activation]
    acts, zs = [a0], []  # acts[l - 1] is a(l), zs[l - 2] is z(l)
    for l, theta in enumerate(net.weights, start=1):
        zs.append(theta[:, 0] + theta[:, 1:] @ acts[-1])
        acts.append(sigmoid(zs[-1]) if l == net.L - 1 else g.g(zs[-1]))
    if output_delta not in ("a-y", "y-a"):
        raise ValueError(f"output_delta must be 'a-y' or 'y-a'; got {output_delta!r}")
    delta = acts[-1] - y if output_delta == "a-y" else y - acts[-1]  # δ(L)
    grads = []
    for l in range(net.L - 1, 0, -1):  # Θ(l) for l = L-1 .. 1; delta holds δ(l+1)
        grads.insert(0, np.outer(delta, np.concatenate([[1.0], acts[l - 1]])))
        if l > 1:
            delta = net.theta(l)[:, 1:].T @ delta  # what flows back along the edges
            if slope:
                delta = delta * g.slope(acts[l - 1], zs[l - 2])
    return grads


def buggy_gradients(net: Network, x: object, y: object, bug: str = "no_slope") -> list[np.ndarray]:
    """Return the gradients of one example computed by a backward pass with a deliberate bug.

    Parameters:
        net: The network (logistic cost).
        x: One example, `(s_1,)`.
        y: Its label.
        bug: `"no_slope"`: the hidden deltas are the weighted sums $(\\Theta^{(l)})^T
            \\delta^{(l+1)}$ alone, without the factor $g'(z^{(l)})$.

    Returns:
        One array per $\\Theta^{(l)}$, shaped like it, as `Backward.grads`.

    Raises:
        ValueError: If `bug` is unknown.
    """
    if bug != "no_slope":
        raise ValueError(f"unknown bug {bug!r}; expected 'no_slope'")
    return _single_backward(net, x, y, slope=False)


class SignStep(NamedTuple):
    """One gradient-descent step from the same weights, with each sign of the output delta."""

    delta_cost: float  # δ(L) = a - y, the derivative of the cost
    delta_captions: float  # y - a, the captions' sign
    before: float  # cost(i) before the step
    descend: float  # after Θ - α ∂/∂Θ computed from a - y
    wrong: float  # after Θ - α ∂/∂Θ computed from y - a, as if it were the cost's gradient
    climb: float  # after Θ + α ∂/∂Θ computed from y - a: climbing the log-likelihood


def sign_step(net: Network, x: object, y: object, alpha: float) -> SignStep:
    """Return the cost after one step of size `alpha` taken with each sign of the output delta.

    Parameters:
        net: A network with one output unit and the logistic cost.
        x: One example.
        y: Its label.
        alpha: The learning rate $\\alpha > 0$.

    Returns:
        A `SignStep` of the two deltas and the cost before and after each step.
    """
    if net.layer_sizes[-1] != 1:
        raise ValueError(
            f"sign_step compares one output unit; the network has {net.layer_sizes[-1]}"
        )
    _, y_checked = _one_example(net, x, y)
    h = net.forward(x).output[0]
    right = _single_backward(net, x, y, output_delta="a-y")
    other = _single_backward(net, x, y, output_delta="y-a")

    def after(grads: list[np.ndarray], sign: float) -> float:
        stepped = net.with_weights(
            [t + sign * alpha * g for t, g in zip(net.weights, grads, strict=True)]
        )
        return stepped.cost(x, y)

    return SignStep(
        delta_cost=float(h - y_checked[0]),
        delta_captions=float(y_checked[0] - h),
        before=net.cost(x, y),
        descend=after(right, -1.0),
        wrong=after(other, -1.0),
        climb=after(other, +1.0),
    )


def loop_gradients(net: Network, X: np.ndarray, Y: np.ndarray) -> list[np.ndarray]:
    """Return the gradients averaged over the examples, one example at a time.

    The course's for-loop: backpropagate example i alone, add its gradients to an accumulator
    ($\\Delta^{(l)} := \\Delta^{(l)} + \\delta^{(l+1)} (a^{(l)})^T$), divide by m at the end.

    Parameters:
        net: The network.
        X: `(m, s_1)` ndarray, one example per row.
        Y: `(m,)` or `(m, K)` ndarray of labels.

    Returns:
        One array per $\\Theta^{(l)}$, as `net.backward(X, Y).grads`.
    """
    m = len(X)
    Delta = [np.zeros_like(theta) for theta in net.weights]
    for x, y in zip(X, Y, strict=True):
        grads = net.backward(x, y).grads  # this example alone
        for total, grad in zip(Delta, grads, strict=True):
            total += grad
    return [total / m for total in Delta]


def max_abs_difference(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> float:
    """Return the largest $|a - b|$ over every entry of two lists of same-shaped arrays."""
    return max(float(np.abs(np.subtract(p, q)).max()) for p, q in zip(a, b, strict=True))


def median_seconds(fn: Callable[[], object], repeats: int = 5) -> float:
    """Return the median wall-clock time of `repeats` calls of `fn`, in seconds.

    Raises:
        ValueError: If `repeats` is below 1.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1; got {repeats}")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def constant_network(layer_sizes: Sequence[int], value: float = 0.0) -> Network:
    """Return a sigmoid network whose every weight is `value` (0 for the course's all-zero start)."""
    sizes = [int(s) for s in layer_sizes]
    return Network([np.full((b, a + 1), float(value)) for a, b in itertools.pairwise(sizes)])


def hidden_spread(net: Network, X: np.ndarray) -> dict[int, float]:
    """Return, per hidden layer, the largest difference between two of its units' activations.

    Returns:
        `{l: max over examples and units j of |a(l)_j - a(l)_1|}` for l = 2 .. L-1; 0.0 means
        every unit of the layer computes the same function on these examples.
    """
    fwd = net.forward(np.atleast_2d(X))
    spread = {}
    for l in range(2, net.L):
        a = fwd.a(l)
        spread[l] = float(np.abs(a - a[:, :1]).max())
    return spread


def epsilon_init(s_in: int, s_out: int) -> float:
    """Return the course's rule of thumb $\\epsilon_{init} = \\sqrt{6} / \\sqrt{s_l + s_{l+1}}$."""
    return float(np.sqrt(6) / np.sqrt(s_in + s_out))


def xor_data(m: int = 4, *, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Return m points around the corners of the unit square labelled by XOR.

    Corners are used in turn ((0, 0), (0, 1), (1, 0), (1, 1), ...), each point moved by Gaussian
    noise of standard deviation `noise`; y = 1 when exactly one coordinate's corner is 1.

    Returns:
        `X`, `(m, 2)` ndarray, and `Y`, `(m,)` ndarray of 0.0 and 1.0.
    """
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    which = np.arange(m) % 4
    rng = np.random.default_rng(seed)
    X = corners[which] + rng.normal(0.0, noise, size=(m, 2))
    return X, np.array([0.0, 1.0, 1.0, 0.0])[which]


def accuracy(net: Network, X: np.ndarray, Y: np.ndarray) -> float:
    """Return the fraction of examples on the right side of $h = 0.5$ (one output unit)."""
    h = net.forward(X).output.reshape(-1)
    return float(np.mean((h >= 0.5) == (np.asarray(Y).reshape(-1) >= 0.5)))


def two_output_example() -> tuple[Network, np.ndarray, np.ndarray]:
    """Return the lecture's network cut after layer 3, its two units as outputs, with y = (1, 0).

    A $K = 2$ example for the cost summed over the output units: the weights are the lecture's
    $\\Theta^{(1)}, \\Theta^{(2)}$ and the input is the lecture's $x$.

    Returns:
        The 2-2-2 `Network`, `x` `(2,)` and `y` `(2,)`.
    """
    ex = lecture_example()
    return Network(ex.network.weights[:2]), ex.x, np.array([1.0, 0.0])


# --- Tables for the pages: Markdown built from the values above -------------------------------


def output_cost_table(net: Network, x: object, y: object) -> str:
    """Return a table of each output unit's share of cost(i): $k$, $y_k$, $h_k$ and its cost."""
    _, y = _one_example(net, x, y)
    h = np.atleast_1d(net.forward(x).output)
    rows = [
        (str(k), float(y_k), float(h_k), float(logistic_cost(h_k, y_k)))
        for k, (y_k, h_k) in enumerate(zip(y, h, strict=True), start=1)
    ]
    headers = ["$k$", "$y_k$", "$h_k$", "$-[y_k \\log h_k + (1 - y_k) \\log(1 - h_k)]$"]
    return tables.markdown_table(headers, rows, align="crrr")


def regularisation_table(net: Network) -> str:
    """Return a table per layer of the weights $\\lambda$ sees (bias column left out) and their squares."""
    rows = [
        (f"$\\Theta^{{({l})}}$", str(theta[:, 1:].size), square)
        for l, (theta, square) in enumerate(zip(net.weights, weight_squares(net), strict=True), 1)
    ]
    headers = ["layer", "weights $j \\ge 1$", "$\\sum_{i, j \\ge 1} (\\Theta^{(l)}_{ij})^2$"]
    return tables.markdown_table(headers, rows, align="lrr")


def delta_table(net: Network, x: object, y: object, eps: float = 1e-5) -> str:
    """Return, for every unit of layers 2 .. L, $\\delta$ from backprop beside the nudged-cost slope."""
    bwd = net.backward(x, y)
    numeric = numerical_deltas(net, x, y, eps)
    rows = []
    for l in range(2, net.L + 1):
        for j in range(1, net.layer_sizes[l - 1] + 1):
            d, n = float(bwd.delta(l)[j - 1]), float(numeric[l][j - 1])
            cells = (d, n, f"${tables.sci(d - n)}$")
            rows.append((f"$\\delta^{{({l})}}_{j}$", *cells))
    headers = [
        "unit",
        "backprop",
        "$\\frac{\\mathrm{cost}(z + \\epsilon) - \\mathrm{cost}(z - \\epsilon)}{2 \\epsilon}$",
        "difference",
    ]
    return tables.markdown_table(headers, rows, align="lrrr")


def gradient_matrix_table(grad: np.ndarray) -> str:
    """Return a gradient (or any $\\Theta$-shaped array) as a table: rows $i$, columns $j$ (0 = bias)."""
    grad = np.asarray(grad)
    headers = ["", *(f"$j = {j}$" + (" (bias)" if j == 0 else "") for j in range(grad.shape[1]))]
    rows = [(f"$i = {i}$", *map(float, row)) for i, row in enumerate(grad, start=1)]
    return tables.markdown_table(headers, rows, align="l" + "r" * grad.shape[1])


def gradient_products_table(net: Network, x: object, y: object, l: int) -> str:
    """Return every entry of $\\partial J / \\partial \\Theta^{(l)}$ as the product $a^{(l)}_j \\delta^{(l+1)}_i$."""
    bwd = net.backward(x, y)
    a, d, grad = bwd.forward.a(l, bias=l < net.L), bwd.delta(l + 1), bwd.grad(l)
    rows = [
        (
            f"$({i}, {j})$",
            float(a[j]),
            float(d[i - 1]),
            float(a[j] * d[i - 1]),
            float(grad[i - 1, j]),
        )
        for i in range(1, grad.shape[0] + 1)
        for j in range(grad.shape[1])
    ]
    headers = [
        "$(i, j)$",
        f"$a^{{({l})}}_j$",
        f"$\\delta^{{({l + 1})}}_i$",
        "product",
        f"$\\partial J / \\partial \\Theta^{{({l})}}_{{ij}}$ (package)",
    ]
    return tables.markdown_table(headers, rows, align="lrrrr")


def regularised_gradient_table(net: Network, x: object, y: object, lam: float, l: int) -> str:
    """Return $\\partial J / \\partial \\Theta^{(l)}_{ij}$ without and with $\\lambda$, and the term between."""
    m = np.atleast_2d(np.asarray(x)).shape[0]
    plain, with_lam = net.backward(x, y).grad(l), net.backward(x, y, lam).grad(l)
    theta = net.theta(l)
    rows = []
    for i in range(1, theta.shape[0] + 1):
        for j in range(theta.shape[1]):
            term = "0 (bias)" if j == 0 else tables.fmt(lam / m * theta[i - 1, j])
            rows.append((f"$({i}, {j})$", float(plain[i - 1, j]), term, float(with_lam[i - 1, j])))
    headers = [
        "$(i, j)$",
        "$\\lambda = 0$",
        "$+ \\frac{\\lambda}{m} \\Theta_{ij}$",
        f"$\\lambda = {lam:g}$",
    ]
    return tables.markdown_table(headers, rows, align="lrrr")


def check_table(
    backprop: Sequence[np.ndarray], numerical: Sequence[np.ndarray], name: str = "backprop"
) -> str:
    """Return every weight's gradient from `backprop` beside the numerical one, and the difference."""
    rows = []
    for l, (b, n) in enumerate(zip(backprop, numerical, strict=True), start=1):
        for i, j in np.ndindex(b.shape):
            diff = float(b[i, j] - n[i, j])
            rows.append(
                (
                    f"$\\Theta^{{({l})}}_{{{i + 1}{j}}}$",
                    float(b[i, j]),
                    float(n[i, j]),
                    f"${tables.sci(diff)}$",
                )
            )
    return tables.markdown_table(["weight", name, "numerical", "difference"], rows, align="lrrr")


def activations_table(net: Network, X: np.ndarray, l: int) -> str:
    """Return the activations of layer `l` on each example: one row per example, one column per unit."""
    X = np.atleast_2d(X)
    a = net.forward(X).a(l)
    headers = ["$x_1$", "$x_2$", *(f"$a^{{({l})}}_{j}$" for j in range(1, a.shape[1] + 1))]
    rows = [(*map(float, x), *map(float, row)) for x, row in zip(X, a, strict=True)]
    return tables.markdown_table(headers, rows)


def sign_step_table(step: SignStep) -> str:
    """Return the three steps of `sign_step` as a table: the delta used, the step, the cost after.

    $\\partial$ in the table is the gradient backpropagation computes from that $\\delta^{(L)}$.
    """
    descend, climb = r"descend: $\Theta - \alpha\,\partial$", r"climb: $\Theta + \alpha\,\partial$"
    rows = [
        ("$a - y$, the cost's derivative", descend, step.descend),
        ("$y - a$, the captions' sign", descend, step.wrong),
        ("$y - a$, the captions' sign", climb, step.climb),
    ]
    headers = [
        r"$\delta^{(L)}$ taken as",
        "step",
        f"cost(i) after; before: {tables.fmt(step.before)}",
    ]
    return tables.markdown_table(headers, rows, align="llr")


def outer_product_equation(net: Network, x: object, y: object, l: int) -> str:
    """Return LaTeX for $\\partial J / \\partial \\Theta^{(l)} = \\delta^{(l+1)} [1, (a^{(l)})^T]$ with its numbers.

    The equation stops at the column times the row; `gradient_matrix_table` shows the product.
    """
    bwd = net.backward(x, y)
    a, d = bwd.forward.a(l, bias=True), bwd.delta(l + 1)
    row = tables.latex_matrix(np.atleast_2d(a))
    return (
        f"\\frac{{\\partial J}}{{\\partial \\Theta^{{({l})}}}} = \\delta^{{({l + 1})}} "
        f"\\begin{{bmatrix}} 1 & (a^{{({l})}})^T \\end{{bmatrix}} = {tables.latex_matrix(d)} {row}"
    )


def random_batch(net: Network, m: int, *, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return m seeded random examples for `net`: standard normal inputs and labels 0 or 1.

    Returns:
        `X`, `(m, s_1)` ndarray, and `Y`, `(m,)` ndarray when K = 1, else `(m, K)`.
    """
    rng = np.random.default_rng(seed)
    n, K = net.layer_sizes[0], net.layer_sizes[-1]
    X = rng.normal(size=(m, n))
    Y = rng.integers(0, 2, size=(m, K)).astype(float)
    return X, (Y[:, 0] if K == 1 else Y)


def steps_until(costs: Sequence[float], level: float) -> int | None:
    """Return the first step at which the cost is below `level`, or None if it never is."""
    return next((step for step, cost in enumerate(costs) if cost < level), None)


def source_code(fn: Callable[..., object]) -> str:
    """Return the source of a function of this package without its docstring, for a page to show.

    Raises:
        ValueError: If the function has no docstring to remove.
    """
    import inspect

    lines = inspect.getsource(fn).splitlines(keepends=True)
    start = next((k for k, line in enumerate(lines) if line.strip().startswith('"""')), None)
    if start is None:
        raise ValueError(f"{fn.__qualname__} has no docstring")
    end = start
    if lines[start].strip().count('"""') < 2:  # a docstring over several lines
        end = next(k for k in range(start + 1, len(lines)) if '"""' in lines[k])
    return "".join(lines[:start] + lines[end + 1 :])
