# Forward and backward propagation, and the passes they return.
"""Forward and backward propagation over a batch of examples, one example per row.

Internally every pass works on a batch: one example `(n,)` is run as a batch of one and its
accessors hand back rows. Inside, the passes keep the course's orientation, one example per
column, with the bias unit $a^{(l)}_0 = 1$ on top of $a^{(l)}$, so each step is the slide's:
$z^{(l+1)} = \\Theta^{(l)} a^{(l)}$, $\\delta^{(l)} = (\\Theta^{(l)})^T \\delta^{(l+1)} .* g'(z^{(l)})$
and $\\partial J / \\partial \\Theta^{(l)} = \\frac1m \\delta^{(l+1)} (a^{(l)})^T$; the accessors hand back
transposes, which are views. Lists are 0-based while the course numbers layers from 1, so
`_a[l - 1]` holds $a^{(l)}$, `_z[l - 2]` holds $z^{(l)}$ and `_delta[l - 2]` holds $\\delta^{(l)}$.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from propagation import _checks
from propagation.activations import ACTIVATIONS, sigmoid
from propagation.costs import COSTS

if TYPE_CHECKING:
    from propagation.network import Network


def _read_only(array: np.ndarray, single: bool) -> np.ndarray:
    view = array[0] if single else array.view()
    view.flags.writeable = False
    return view


class Forward:
    """The result of forward propagation: $z^{(l)}$ and $a^{(l)}$ for every layer.

    Arrays have one row per example, `(m, s_l)`, or are `(s_l,)` when one example was given.
    """

    def __init__(self, network: Network, a: list[np.ndarray], z: list[np.ndarray], single: bool):
        self.network = network
        # One column per example. _a[l - 1] is a(l), (s_l + 1, m) with the bias unit in row 0,
        # except the output a(L), (s_L, m), which has no bias unit. _z[l - 2] is z(l), (s_l, m);
        # layer 1 has no z.
        self._a = a
        self._z = z
        self._single = single

    @property
    def m(self) -> int:
        """The number of examples."""
        return self._a[0].shape[1]

    def a(self, l: int, bias: bool = False) -> np.ndarray:
        """Return the activations $a^{(l)}$ of layer `l` = 1 .. L (read-only).

        Parameters:
            l: Layer number; $a^{(1)} = x$ and $a^{(L)} = h(x)$.
            bias: Prepend the bias unit $a^{(l)}_0 = +1$ (layers 1 .. L-1 only).

        Returns:
            `(m, s_l)` or, with `bias`, `(m, s_l + 1)` ndarray; `(s_l,)`, `(s_l + 1,)` for one example.

        Raises:
            ValueError: If `l` is out of range, or `bias` is asked of the output layer.
        """
        L = self.network.L
        l = _checks.layer(l, 1, L, "a(l)")
        a = self._a[l - 1]  # row 0 is the bias unit, but in the output layer
        if bias and l == L:
            raise ValueError(f"the output layer {L} has no bias unit; bias=True needs l < {L}")
        if not bias and l < L:
            a = a[1:]
        return _read_only(a.T, self._single)

    def z(self, l: int) -> np.ndarray:
        """Return $z^{(l)} = \\Theta^{(l-1)} a^{(l-1)}$ (bias included) for layer `l` = 2 .. L.

        Raises:
            ValueError: If `l` is out of range (layer 1, the input, has no $z$).
        """
        l = _checks.layer(l, 2, self.network.L, "z(l)")
        return _read_only(self._z[l - 2].T, self._single)

    @property
    def output(self) -> np.ndarray:
        """$h(x) = a^{(L)}$."""
        return _read_only(self._a[-1].T, self._single)

    def cost(self, Y: np.ndarray, lam: float) -> float:
        """Return $J$ for checked `(m, K)` labels `Y` and $\\lambda \\ge 0$ (see `Network.cost`)."""
        per_example = COSTS[self.network.cost_name].value(self._z[-1].T, self._a[-1].T, Y)
        J = float(per_example.sum() / self.m)  # the mean, without np.mean's overhead
        if lam:
            # Column 0, the bias weights, is never regularised.
            squares = sum(float(np.square(t[:, 1:]).sum()) for t in self.network.weights)
            J += lam / (2 * self.m) * squares
        return J


def forward(network: Network, X: np.ndarray, single: bool) -> Forward:
    """Propagate checked examples `X`, `(m, s_1)`, through `network`."""
    hidden = ACTIVATIONS[network.activation].g
    weights = network.weights
    m, n = X.shape
    # a(1) = [1; x]: the bias unit, then x. Built as a copy of X with a column of ones in front
    # (one example per row, as X is; its transpose is the course's a(1)), so the pass keeps its
    # own a(1) when the caller later changes X.
    x = np.empty((m, n + 1), network.dtype)
    x[:, 0] = 1
    x[:, 1:] = X
    a, zs, acts = x.T, [], [x.T]
    for l, theta in enumerate(weights, start=1):
        z = theta @ a  # z(l+1) = Θ(l) a(l) for every example (column) at once, bias included
        if l == len(weights):
            a = sigmoid(z)  # the output units are sigmoid units, and have no bias unit
        else:
            a = np.empty((z.shape[0] + 1, m), z.dtype)
            a[0] = 1  # row 0 is the bias unit a(l+1)_0; g(z) goes straight in below it
            hidden(z, out=a[1:])
        zs.append(z)
        acts.append(a)
    return Forward(network, acts, zs, single)


class Backward:
    """The result of backward propagation: deltas, gradients and the cost $J$."""

    def __init__(
        self, fwd: Forward, deltas: list[np.ndarray], grads: list[np.ndarray], cost: float
    ):
        self.forward = fwd
        self._delta = deltas  # _delta[l - 2] is δ(l)
        self._grads = grads  # _grads[l - 1] is ∂J/∂Θ(l)
        self.cost = cost
        for g in grads:
            g.flags.writeable = False

    def delta(self, l: int, bias: bool = False) -> np.ndarray:
        """Return $\\delta^{(l)} = \\partial\\,\\mathrm{cost}(i) / \\partial z^{(l)}$ for `l` = 2 .. L.

        Parameters:
            l: Layer number.
            bias: For a hidden layer, prepend the bias unit's entry of the full product
                $(\\Theta^{(l)})^T \\delta^{(l+1)}$. The algorithm discards it: the bias unit
                always outputs +1, so nothing upstream can change through it.

        Returns:
            `(m, s_l)` ndarray, `(m, s_l + 1)` with `bias`; one row fewer dimension for one example.

        Raises:
            ValueError: If `l` is out of range, or `bias` is asked of the output layer.
        """
        L = self.forward.network.L
        l = _checks.layer(l, 2, L, "delta(l)")
        d = self._delta[l - 2]
        if bias:
            if l == L:
                raise ValueError(f"the output layer {L} has no bias unit; bias=True needs l < {L}")
            theta = self.forward.network.theta(l)
            d_bias = theta[:, :1].T @ self._delta[l - 1]  # (Θ(l))ᵀ δ(l+1), the row of column 0
            d = np.concatenate([d_bias, d])
        return _read_only(d.T, self.forward._single)

    def grad(self, l: int) -> np.ndarray:
        """Return $\\partial J / \\partial \\Theta^{(l)}$ for `l` = 1 .. L-1, shaped like $\\Theta^{(l)}$."""
        l = _checks.layer(l, 1, self.forward.network.L - 1, "grad(l)")
        return self._grads[l - 1]

    @property
    def grads(self) -> list[np.ndarray]:
        """$[\\partial J / \\partial \\Theta^{(1)}, \\dots, \\partial J / \\partial \\Theta^{(L-1)}]$."""
        return list(self._grads)


def backward(network: Network, X: np.ndarray, Y: np.ndarray, lam: float, single: bool) -> Backward:
    """Propagate checked examples forward, then their deltas backward, and average the gradients."""
    fwd = forward(network, X, single)
    slope = ACTIVATIONS[network.activation].slope
    weights = network.weights
    a, z, m = fwd._a, fwd._z, fwd.m

    # Output layer: δ(L) = ∂cost/∂z(L); for the logistic cost it is exactly a(L) - y. (Y has one
    # example per row; Y.T, a view, has one per column like a(L).)
    deltas = [COSTS[network.cost_name].delta(z[-1], a[-1], Y.T)]
    # Hidden layers L-1 .. 2: δ(l) = (Θ(l))ᵀ δ(l+1) .* g'(z(l)), without the bias unit's entry:
    # leaving out column 0 of Θ(l) leaves it out.
    for l in range(network.L - 1, 1, -1):
        d = weights[l - 1][:, 1:].T @ deltas[0]
        d *= slope(a[l - 1][1:], z[l - 2])  # a[l - 1][1:] is a(l) without its bias unit
        deltas.insert(0, d)

    # ∂J/∂Θ(l) = (1/m) δ(l+1) (a(l))ᵀ + (λ/m) Θ(l): the bias unit in a(l) gives column 0, which
    # is not regularised.
    grads = []
    for l, theta in enumerate(weights, start=1):
        g = deltas[l - 1] @ a[l - 1].T  # δ(l+1) (a(l))ᵀ, summed over the examples
        if m > 1:  # the average over one example is that example's gradient
            g /= m
        if lam:
            g[:, 1:] += (lam / m) * theta[:, 1:]
        grads.append(g)
    return Backward(fwd, deltas, grads, fwd.cost(Y, lam))
