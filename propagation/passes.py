# Forward and backward propagation, and the passes they return.
"""Forward and backward propagation over a batch of examples, one example per row.

Internally every pass works on a batch: one example `(n,)` is run as a batch of one and its
accessors hand back rows. Inside, the passes keep the course's orientation, one example per
column, with the bias unit $a^{(l)}_0 = 1$ on top of $a^{(l)}$ (but for $a^{(1)}$, the caller's X
itself, not copied), so each step is the slide's:
$z^{(l+1)} = \\Theta^{(l)} a^{(l)}$, $\\delta^{(l)} = (\\Theta^{(l)})^T \\delta^{(l+1)} .* g'(z^{(l)})$
and $\\partial J / \\partial \\Theta^{(l)} = \\frac1m \\delta^{(l+1)} (a^{(l)})^T$; the accessors hand back
transposes, which are views. Lists are 0-based while the course numbers layers from 1, so
`_a[l - 1]` holds $a^{(l)}$ and `_delta[l - 2]` holds $\\delta^{(l)}$.

A pass keeps $z^{(l)}$ for the output layer alone, which the cost needs. The backward pass takes
each hidden layer's slope $g'(z^{(l)})$ from $a^{(l)}$ (`propagation.activations`), so a hidden
layer's $g(z)$ is computed where its product put $z$, and `Forward.z` computes $z^{(l)}$ again
when asked: for a large batch, a layer fewer to write to memory and read back.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from propagation import _checks, _memory
from propagation.activations import ACTIVATIONS, logistic
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

    def __init__(self, network: Network, a: list[np.ndarray], z_out: np.ndarray, single: bool):
        self.network = network
        # One column per example. _a[l - 1] is a(l), (s_l + 1, m) with the bias unit in row 0,
        # except the input a(1) = X.T, (s_1, m), a view of the caller's X without one, and the
        # output a(L), (s_L, m), which has no bias unit. _z_out is z(L), (s_L, m).
        self._a = a
        self._z_out = z_out
        self._single = single

    @property
    def m(self) -> int:
        """The number of examples."""
        return self._a[0].shape[1]

    def a(self, l: int, bias: bool = False) -> np.ndarray:
        """Return the activations $a^{(l)}$ of layer `l` = 1 .. L (read-only).

        $a^{(1)}$ is the X the pass was given, not a copy, when X already had the network's
        dtype: a read-only view of the caller's array, which shows it as it is now. The pass
        never writes to it, and its later layers keep what was computed from X at the time
        (but for $z^{(2)}$, which `z` computes again from $a^{(1)}$ when asked).

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
        if bias and l == L:
            raise ValueError(f"the output layer {L} has no bias unit; bias=True needs l < {L}")
        if l == 1 and bias:  # a(1) is X, stored without the bias unit: built here, on demand
            a = np.concatenate([np.ones((1, self.m), a.dtype), a])
        elif 1 < l < L and not bias:  # row 0 is the bias unit
            a = a[1:]
        return _read_only(a.T, self._single)

    def z(self, l: int) -> np.ndarray:
        """Return $z^{(l)} = \\Theta^{(l-1)} a^{(l-1)}$ (bias included) for layer `l` = 2 .. L.

        The pass keeps $z^{(L)}$; for a hidden layer the product is computed again, from
        $a^{(l-1)}$ as it is now (for $l = 2$, the caller's X: see `a`), the same numbers the pass
        computed from it.

        Raises:
            ValueError: If `l` is out of range (layer 1, the input, has no $z$).
        """
        L = self.network.L
        l = _checks.layer(l, 2, L, "z(l)")
        if l == L:
            return _read_only(self._z_out.T, self._single)
        theta = self.network.theta(l - 1)
        with np.errstate(over="ignore", invalid="ignore"):  # as in the pass: z may overflow
            if l == 2:  # a(1) = X.T has no bias unit: Θ(1)'s column 0 is added by broadcasting
                z = np.matmul(theta[:, 1:], self._a[0])
                z += theta[:, :1]
            else:
                z = np.matmul(theta, self._a[l - 2])
        return _read_only(z.T, self._single)

    @property
    def output(self) -> np.ndarray:
        """$h(x) = a^{(L)}$."""
        return _read_only(self._a[-1].T, self._single)

    def cost(self, Y: np.ndarray, lam: float) -> float:
        """Return $J$ for checked `(m, K)` labels `Y` and $\\lambda \\ge 0$ (see `Network.cost`)."""
        z, a = self._z_out, self._a[-1]
        value = COSTS[self.network.cost_name].value
        if z.nbytes <= _BLOCK_BYTES:  # one block: the whole layer at once
            total = float(value(z.T, a.T, Y).sum())
        else:
            # A block of output units at a time, so the cost's temporaries stay small (a large
            # one is new memory, paid for in page faults); Y copied into the order of z(L) and
            # a(L) in memory, one example per column, so the three are read together.
            y = np.ascontiguousarray(Y.T)
            total = sum(float(value(z[r].T, a[r].T, y[r].T).sum()) for r in _row_blocks(z))
        J = total / self.m  # the mean, without np.mean's overhead
        if lam:
            # Column 0, the bias weights, is never regularised.
            squares = sum(float(np.square(t[:, 1:]).sum()) for t in self.network.weights)
            J += lam / (2 * self.m) * squares
        return J


# A nan or inf in x makes nan of inf × 0 and inf - inf in z(2) and its sum; it is refused just
# after, by a message that names it, so numpy's warnings would add nothing.
@np.errstate(over="ignore", invalid="ignore")
def forward(network: Network, X: np.ndarray, single: bool) -> Forward:
    """Propagate examples `X`, `(m, s_1)`, through `network`; nan and inf in X are refused here.

    Raises:
        ValueError: If X holds a nan or an inf (found through $z^{(2)}$: `_activate`).
    """
    # sigmoid without its own np.errstate: this function ignores overflow as a whole
    hidden = logistic if network.activation == "sigmoid" else ACTIVATIONS[network.activation].g
    weights = network.weights
    m = X.shape[0]
    out, new = _memory_for(X)
    # a(1) is X itself, one example per column: X.T is a view, so the batch is never copied.
    # Having no row of ones, a(1) gets its bias weights, column 0 of Θ(1), added by broadcasting.
    acts = [X.T]
    for l, theta in enumerate(weights, start=1):
        units = theta.shape[0]
        if l < len(weights):
            # A hidden layer: z(l+1) goes below the bias unit, and g(z) then takes its place.
            a = new((units + 1, m), X.dtype)
            a[0] = 1  # row 0 is the bias unit a(l+1)_0
            z = a[1:]
            g = hidden
        else:
            # The output layer keeps z(L) apart from a(L), for the cost. Its units are sigmoid
            # units, with no bias unit.
            z, a, g = out((units, m), X.dtype), new((units, m), X.dtype), logistic
        # z(l+1) = Θ(l) a(l) for every example at once, the bias unit in row 0 of a(l); for
        # l = 1, Θ(1) without its bias column times X, the column added by _activate below
        z = np.matmul(theta[:, 1:] if l == 1 else theta, acts[-1], out=z)
        if not _activate(z, g, a if l == len(weights) else z, theta[:, :1] if l == 1 else None):
            _refuse_non_finite(X, single)
        acts.append(a)
    return Forward(network, acts, z, single)


def _activate(z: np.ndarray, g: Callable, out: np.ndarray, bias: np.ndarray | None) -> bool:
    """Set `out` (which may be `z`) to g(z), after adding `bias`, if given, to every column of z.

    Returns whether the first row of z came out finite where the bias was added (True without a
    bias). A nan or inf in x reaches every entry of its example's column of z(2), whatever the
    weights (inf × 0 is nan), so one row of z(2) is enough to find it: m numbers, where X has
    m s_1 (784 m for MNIST). Done a block of rows at a time (see `_row_blocks`), g reads what
    the addition just wrote, still in the cache.
    """
    if z.nbytes <= _BLOCK_BYTES:  # one block: the whole layer at once
        blocks = [(z, out, bias)]
    else:
        blocks = [(z[r], out[r], None if bias is None else bias[r]) for r in _row_blocks(z)]
    finite = True
    for i, (z_block, out_block, bias_block) in enumerate(blocks):
        if bias_block is not None:
            z_block += bias_block
            if i == 0:
                finite = math.isfinite(z_block[0].sum())
        g(z_block, out=out_block)
    return finite


def _memory_for(X: np.ndarray) -> tuple[Callable, Callable]:
    """Return where a pass over examples X gets the memory of its arrays, as `(out, new)`.

    `out(shape, dtype)` is passed as `out=` to a product, `new(shape, dtype)` makes an array the
    pass fills itself. For a large batch, both hand out memory reused from earlier passes
    (`_memory.empty`). For a small one, `out` gives None, so numpy allocates, and `new` is
    `np.empty`: for a few examples either costs less than a call into `_memory`.
    """
    if X.nbytes >= _memory.SMALL:
        return _memory.empty, _memory.empty
    return _numpy_allocates, np.empty


def _numpy_allocates(shape: tuple[int, ...], dtype: np.dtype) -> None:
    return None


def _refuse_non_finite(X: np.ndarray, single: bool) -> None:
    """Refuse a nan or inf in X, naming it; a finite X whose z(2) overflowed is let through."""
    _checks.refuse_non_finite(X[0] if single else X, "X")


def _multiply_by_slope(d: np.ndarray, slope: Callable, a: np.ndarray) -> None:
    """Multiply `d` in place by the slope $g'(z)$ (computed from `a`), a block at a time.

    Each block's slopes go into one spare block, so no array the size of the layer is made.
    """
    if d.nbytes <= _BLOCK_BYTES:  # one block: the whole layer at once
        d *= slope(a)
        return
    blocks = _row_blocks(d)
    spare = _memory.empty(d[blocks[0]].shape, d.dtype)
    for rows in blocks:
        block = d[rows]
        block *= slope(a[rows], out=spare[: len(block)])


def _row_blocks(array: np.ndarray) -> list[slice]:
    """Return slices of `array`'s rows (units) that make blocks of about 256 KB.

    Elementwise steps that follow each other run a block at a time: a block stays in the
    processor's cache from one step to the next, where a whole layer (10 MB for 128 units and
    10,000 examples) would go out to main memory and back between steps.
    """
    rows = max(1, _BLOCK_BYTES // (array.shape[1] * array.itemsize))
    return [slice(i, i + rows) for i in range(0, array.shape[0], rows)]


_BLOCK_BYTES = 1 << 18


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
    sizes = network.layer_sizes
    fwd = forward(network, X, single)
    out, new = _memory_for(X)
    slope = ACTIVATIONS[network.activation].slope
    weights = network.weights
    a, m = fwd._a, fwd.m

    # Output layer: δ(L) = ∂cost/∂z(L); for the logistic cost it is exactly a(L) - y. (Y has one
    # example per row; Y.T, a view, has one per column like a(L).)
    z = fwd._z_out
    deltas = [COSTS[network.cost_name].delta(z, a[-1], Y.T, out=out(z.shape, X.dtype))]
    # Hidden layers L-1 .. 2: δ(l) = (Θ(l))ᵀ δ(l+1) .* g'(z(l)), without the bias unit's entry:
    # leaving out column 0 of Θ(l) leaves it out. g'(z(l)) is computed from a(l).
    for l in range(network.L - 1, 1, -1):
        d = np.matmul(weights[l - 1][:, 1:].T, deltas[0], out=out((sizes[l - 1], m), X.dtype))
        _multiply_by_slope(d, slope, a[l - 1][1:])  # a[l - 1][1:]: a(l), without the bias unit
        deltas.insert(0, d)

    # ∂J/∂Θ(l) = (1/m) δ(l+1) [1; a(l)]ᵀ + (λ/m) Θ(l): the bias unit gives column 0, which is not
    # regularised. In a(2) .. a(L-1) the bias unit is row 0, so one product gives the whole
    # gradient. a(1) = X.T has no such row: ∂J/∂Θ(1) is built from its two parts.
    grads = []
    for l, theta in enumerate(weights, start=1):
        if l == 1:
            g = new(theta.shape, theta.dtype)
            np.add.reduce(deltas[0], axis=1, out=g[:, 0])  # δ(2) times the bias unit's 1s: a sum
            np.matmul(deltas[0], X, out=g[:, 1:])  # δ(2) (a(1))ᵀ = δ(2) X, summed over the examples
        else:
            # δ(l+1) (a(l))ᵀ, summed over the examples
            g = np.matmul(deltas[l - 1], a[l - 1].T, out=out(theta.shape, theta.dtype))
        if m > 1:  # the average over one example is that example's gradient
            g /= m
        if lam:
            g[:, 1:] += (lam / m) * theta[:, 1:]
        grads.append(g)
    return Backward(fwd, deltas, grads, fwd.cost(Y, lam))
