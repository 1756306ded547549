# Forward and backward propagation, and the passes they return.
"""Forward and backward propagation over a batch of examples, one example per row.

Internally every pass works on a batch: one example `(n,)` is run as a batch of one and its
accessors hand back rows. Lists are 0-based while the course numbers layers from 1, so
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
        self._a = a  # _a[l - 1] is a(l), bias not included; _a[0] is X
        self._z = z  # _z[l - 2] is z(l); layer 1 has no z
        self._single = single

    @property
    def m(self) -> int:
        """The number of examples."""
        return self._a[0].shape[0]

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
        a = self._a[l - 1]
        if bias:
            if l == L:
                raise ValueError(f"the output layer {L} has no bias unit; bias=True needs l < {L}")
            a = np.concatenate([np.ones((a.shape[0], 1), a.dtype), a], axis=1)
        return _read_only(a, self._single)

    def z(self, l: int) -> np.ndarray:
        """Return $z^{(l)} = \\Theta^{(l-1)} a^{(l-1)}$ (bias included) for layer `l` = 2 .. L.

        Raises:
            ValueError: If `l` is out of range (layer 1, the input, has no $z$).
        """
        l = _checks.layer(l, 2, self.network.L, "z(l)")
        return _read_only(self._z[l - 2], self._single)

    @property
    def output(self) -> np.ndarray:
        """$h(x) = a^{(L)}$."""
        return _read_only(self._a[-1], self._single)

    def cost(self, Y: np.ndarray, lam: float) -> float:
        """Return $J$ for checked `(m, K)` labels `Y` and $\\lambda \\ge 0$ (see `Network.cost`)."""
        per_example = COSTS[self.network.cost_name].value(self._z[-1], self._a[-1], Y)
        J = float(per_example.mean())
        if lam:
            # Column 0, the bias weights, is never regularised.
            squares = sum(float(np.square(t[:, 1:]).sum()) for t in self.network.weights)
            J += lam / (2 * self.m) * squares
        return J


def forward(network: Network, X: np.ndarray, single: bool) -> Forward:
    """Propagate checked examples `X`, `(m, s_1)`, through `network`."""
    hidden = ACTIVATIONS[network.activation].g
    weights = network.weights
    a, zs, acts = X, [], [X]
    for l, theta in enumerate(weights, start=1):
        # z(l+1) = Θ(l) [1; a(l)] for every example (row) at once: a(l) Θ(l)[:, 1:]ᵀ plus the
        # bias column broadcast over the rows, which is cheaper than appending a ones column.
        z = a @ theta[:, 1:].T
        z += theta[:, 0]
        a = sigmoid(z) if l == len(weights) else hidden(z)  # output units are sigmoid units
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
            d_bias = self._delta[l - 1] @ theta[:, :1]  # (Θ(l))ᵀ δ(l+1), the row of column 0
            d = np.concatenate([d_bias, d], axis=1)
        return _read_only(d, self.forward._single)

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
    a, z, m = fwd._a, fwd._z, X.shape[0]

    # Output layer: δ(L) = ∂cost/∂z(L); for the logistic cost it is exactly a(L) - y.
    deltas = [COSTS[network.cost_name].delta(z[-1], a[-1], Y)]
    # Hidden layers L-1 .. 2: δ(l) = ((Θ(l))ᵀ δ(l+1) without the bias entry) .* g'(z(l)).
    # With examples in rows that is δ(l+1) Θ(l)[:, 1:]; skipping column 0 drops the bias entry.
    for l in range(network.L - 1, 1, -1):
        d = deltas[0] @ weights[l - 1][:, 1:]
        d *= slope(a[l - 1], z[l - 2])
        deltas.insert(0, d)

    # ∂J/∂Θ(l) = (1/m) δ(l+1)ᵀ [1, a(l)] + (λ/m) Θ(l), column 0 not regularised.
    grads = []
    for l, theta in enumerate(weights, start=1):
        d = deltas[l - 1]  # δ(l+1)
        g = np.empty_like(theta)
        g[:, 0] = d.sum(axis=0)
        g[:, 1:] = d.T @ a[l - 1]
        g /= m
        if lam:
            g[:, 1:] += (lam / m) * theta[:, 1:]
        grads.append(g)
    return Backward(fwd, deltas, grads, fwd.cost(Y, lam))
