# The network: its weights Θ(1) .. Θ(L-1), its activation and its cost.
"""A feed-forward network in the course's notation."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from propagation import _checks
from propagation.activations import ACTIVATIONS
from propagation.costs import COSTS
from propagation.passes import Backward, Forward, backward, forward


class Network:
    """A fully connected network with weights $\\Theta^{(1)}, \\dots, \\Theta^{(L-1)}$.

    Hidden units use `activation`; the output units are sigmoid units, so $h(x) = a^{(L)}$ lies
    in $(0, 1)$ as in the course. The network is immutable: training returns a new one.

    Parameters:
        weights: $\\Theta^{(1)} .. \\Theta^{(L-1)}$; $\\Theta^{(l)}$ has shape
            `(s_{l+1}, s_l + 1)`, column 0 holding the bias weights. The arrays are copied.
        activation: The hidden units' $g$: `"sigmoid"` (the course's), `"tanh"` or `"relu"`.
        cost: `"logistic"` (the course's) or `"squared"`.

    Raises:
        ValueError: If there are no weights, a weight is not 2-D or not finite, consecutive
            shapes do not chain, or the activation or cost is unknown.
        TypeError: If a weight is not numeric.

    Examples:
        >>> import propagation as pp
        >>> net = pp.Network([[[0.1, 0.2, 0.3]]])
        >>> net.layer_sizes
        (2, 1)
    """

    def __init__(
        self,
        weights: Sequence[np.ndarray],
        activation: str = "sigmoid",
        cost: str = "logistic",
    ) -> None:
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"unknown activation {activation!r}; expected one of {list(ACTIVATIONS)}"
            )
        if cost not in COSTS:
            raise ValueError(f"unknown cost {cost!r}; expected one of {list(COSTS)}")
        if isinstance(weights, np.ndarray) or len(weights) == 0:
            what = (
                f"an array of shape {np.shape(weights)}"
                if isinstance(weights, np.ndarray)
                else "[]"
            )
            raise ValueError(
                f"weights must be a non-empty list of 2-D arrays Θ(1) .. Θ(L-1); got {what}"
            )
        thetas = [_checks.numeric_array(w, f"Θ({l})") for l, w in enumerate(weights, start=1)]
        for l, theta in enumerate(thetas, start=1):
            if theta.ndim != 2 or theta.shape[1] < 2 or theta.shape[0] < 1:
                raise ValueError(
                    f"Θ({l}) must be a 2-D array of shape (s_{l + 1}, s_{l} + 1) with a bias "
                    f"column and at least one unit; got shape {theta.shape}"
                )
        for l in range(1, len(thetas)):
            # thetas is 0-based: Θ(l) is thetas[l - 1]. Θ(l+1) takes layer l+1's s_{l+1} units
            # plus the bias, so its columns must be Θ(l)'s rows + 1.
            rows, cols = thetas[l - 1].shape[0], thetas[l].shape[1]
            if cols != rows + 1:
                raise ValueError(
                    f"Θ({l}) of shape {thetas[l - 1].shape} and Θ({l + 1}) of shape "
                    f"{thetas[l].shape} do not chain: layer {l + 1} has s_{l + 1} = {rows} units, "
                    f"so Θ({l + 1}) needs {rows} + 1 = {rows + 1} columns"
                )
        dtype = _dtype(thetas)
        self._keep([np.array(t, dtype=dtype) for t in thetas], activation, cost)  # copies

    def _keep(self, weights: list[np.ndarray], activation: str, cost: str) -> None:
        """Take checked `weights` of the network's dtype as its own, read-only, with the rest.

        Nobody else may hold the arrays: `__init__` passes copies of the caller's.
        """
        for theta in weights:
            theta.flags.writeable = False
        self._weights = weights
        self.activation = activation
        self.cost_name = cost
        self.dtype = weights[0].dtype
        # (s_1, .., s_L), kept: every pass checks its arguments against it
        self._layer_sizes = (weights[0].shape[1] - 1, *(t.shape[0] for t in weights))

    @classmethod
    def random(
        cls,
        layer_sizes: Sequence[int],
        *,
        seed: int | np.random.Generator | None = None,
        epsilon: float = 0.12,
        activation: str = "sigmoid",
        cost: str = "logistic",
    ) -> Network:
        """Return a network with every weight drawn uniformly from $[-\\epsilon, \\epsilon]$.

        Random weights break the symmetry that all-equal weights would keep between the units
        of a layer (the course's "random initialisation").

        Parameters:
            layer_sizes: $s_1, \\dots, s_L$, bias units not counted; at least two layers.
            seed: Seed or `np.random.Generator`; the global random state is never used.
            epsilon: Half-width of the interval, $\\epsilon_{init}$.
            activation: As for `Network`.
            cost: As for `Network`.

        Returns:
            A new `Network`.

        Raises:
            ValueError: If fewer than two layer sizes are given, or a size is below 1.
            TypeError: If a layer size is not an int.
        """
        sizes = list(layer_sizes)
        if not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) for s in sizes):
            raise TypeError(f"layer_sizes must be ints (units per layer); got {sizes}")
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(
                f"layer_sizes must list at least two layers of at least 1 unit each; got {sizes}"
            )
        if not (np.isfinite(epsilon) and epsilon >= 0):
            raise ValueError(f"epsilon must be a finite number >= 0; got {epsilon}")
        rng = np.random.default_rng(seed)
        weights = [
            rng.uniform(-epsilon, epsilon, size=(s_next, s + 1))
            for s, s_next in itertools.pairwise(sizes)
        ]
        return cls(weights, activation=activation, cost=cost)

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """$(s_1, \\dots, s_L)$: units per layer, bias units not counted."""
        return self._layer_sizes

    @property
    def L(self) -> int:
        """The number of layers $L$."""
        return len(self._weights) + 1

    @property
    def weights(self) -> list[np.ndarray]:
        """$[\\Theta^{(1)}, \\dots, \\Theta^{(L-1)}]$, read-only arrays."""
        return list(self._weights)

    def theta(self, l: int) -> np.ndarray:
        """Return $\\Theta^{(l)}$, the weights from layer `l` to layer `l + 1` (read-only).

        Parameters:
            l: Layer number, 1 .. L-1 as in the course.

        Returns:
            `(s_{l+1}, s_l + 1) ndarray`; column 0 holds the bias weights.

        Raises:
            ValueError: If `l` is out of range.
        """
        return self._weights[_checks.layer(l, 1, self.L - 1, "Θ(l)") - 1]

    def with_weights(self, weights: Sequence[np.ndarray]) -> Network:
        """Return a network with the same activation and cost and new weights."""
        return Network(weights, activation=self.activation, cost=self.cost_name)

    def _stepped(self, weights: list[np.ndarray]) -> Network:
        """Return `with_weights(weights)` without its checks, for weights made from this network's.

        `train` makes each step's weights from the last network's by arithmetic: the same
        shapes, finite (it checks), fresh arrays nobody else holds, so they are made read-only
        rather than copied. The dtype follows them as in `Network` (float32 only if all are).
        """
        dtype = _dtype(weights)
        net = object.__new__(Network)
        net._keep([w.astype(dtype, copy=False) for w in weights], self.activation, self.cost_name)
        return net

    def forward(self, X: object) -> Forward:
        """Run forward propagation.

        Parameters:
            X: One example, `(n,)`, or a batch, `(m, n)` with one example per row; $n = s_1$.

        Returns:
            The `Forward` pass, with $z^{(l)}$ and $a^{(l)}$ for every layer. X is not copied:
            $a^{(1)}$ is a read-only view of it (see `Forward.a`).

        Raises:
            ValueError: If X has the wrong shape, is empty or is not finite.
            TypeError: If X is not numeric.
        """
        X, single = _checks.examples(X, self.layer_sizes[0], self.dtype, finite=False)
        return forward(self, X, single)

    def backward(self, X: object, Y: object, lam: float = 0.0) -> Backward:
        """Run forward then backward propagation and compute every gradient.

        Parameters:
            X: One example, `(n,)`, or a batch, `(m, n)`.
            Y: Labels: a scalar or `(K,)` for one example; `(m,)` (when K = 1) or `(m, K)`.
            lam: Regularisation $\\lambda \\ge 0$.

        Returns:
            The `Backward` pass: deltas, gradients and the cost $J$.

        Raises:
            ValueError: If X or Y has the wrong shape or values, or `lam` is negative.
            TypeError: If X or Y is not numeric.
        """
        X, single = _checks.examples(X, self.layer_sizes[0], self.dtype, finite=False)
        Y = _checks.labels(Y, X.shape[0], self.layer_sizes[-1], single, self.dtype, self.cost_name)
        return backward(self, X, Y, _checks.regularisation(lam), single)

    def cost(self, X: object, Y: object, lam: float = 0.0) -> float:
        """Return the cost $J$ over the examples X with labels Y (arguments as for `backward`)."""
        X, single = _checks.examples(X, self.layer_sizes[0], self.dtype, finite=False)
        Y = _checks.labels(Y, X.shape[0], self.layer_sizes[-1], single, self.dtype, self.cost_name)
        return forward(self, X, single).cost(Y, _checks.regularisation(lam))

    def __repr__(self) -> str:
        sizes = "-".join(map(str, self.layer_sizes))
        return f"Network({sizes}, activation={self.activation!r}, cost={self.cost_name!r})"


def _dtype(weights: Sequence[np.ndarray]) -> np.dtype:
    """Return a network's dtype: float32 if every weight is float32, float64 otherwise."""
    return np.dtype(np.float32 if all(t.dtype == np.float32 for t in weights) else np.float64)
