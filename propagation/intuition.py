# The experiments the pages run to make backpropagation believable: nudges, checks, comparisons.
"""The maths the pages demonstrate, each piece computed independently of `Network.backward`.

- The cost written from $h$ itself, and the squared weights $\\lambda$ penalises (`logistic_cost`,
  `weight_squares`).
- $\\delta = \\partial\\,\\mathrm{cost} / \\partial z$: re-run the forward pass with one $z$ nudged
  (`nudged_cost`, `numerical_deltas`).
- The sign of the output delta: one gradient-descent step taken with $a - y$ and with $y - a$
  (`sign_step`).
- What a bug looks like: a backward pass that forgets $g'(z)$ (`buggy_gradients`).
- One example at a time against the whole batch (`loop_gradients`).

Functions return values; the pages print them, most through the tables of
`propagation.cost_tables` and `propagation.gradient_tables`. Units are numbered from 1 and layers
from 1, as in the course.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from propagation import _checks
from propagation.activations import ACTIVATIONS, sigmoid
from propagation.costs import COSTS
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
    acts = [a0]  # acts[l - 1] is a(l)
    for l, theta in enumerate(net.weights, start=1):
        z = theta[:, 0] + theta[:, 1:] @ acts[-1]  # z(l+1)
        acts.append(sigmoid(z) if l == net.L - 1 else g.g(z))
    if output_delta not in ("a-y", "y-a"):
        raise ValueError(f"output_delta must be 'a-y' or 'y-a'; got {output_delta!r}")
    delta = acts[-1] - y if output_delta == "a-y" else y - acts[-1]  # δ(L)
    grads = []
    for l in range(net.L - 1, 0, -1):  # Θ(l) for l = L-1 .. 1; delta holds δ(l+1)
        grads.insert(0, np.outer(delta, np.concatenate([[1.0], acts[l - 1]])))
        if l > 1:
            delta = net.theta(l)[:, 1:].T @ delta  # what flows back along the edges
            if slope:
                delta = delta * g.slope(acts[l - 1])
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
