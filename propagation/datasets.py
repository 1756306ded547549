# Data for the pages besides the lecture's example: a two-output case, random batches, XOR points.
"""Examples the pages need beyond `lecture_example`, each fixed or seeded so a build repeats.

- `two_output_example`: the lecture's network cut after layer 3, for a cost summed over $K = 2$.
- `random_batch`: m random examples for any network, to compare the loop with the batch.
- `xor_data`: points around the corners of the unit square, labelled by XOR.
"""

from __future__ import annotations

import numpy as np

from propagation.example import lecture_example
from propagation.network import Network


def two_output_example() -> tuple[Network, np.ndarray, np.ndarray]:
    """Return the lecture's network cut after layer 3, its two units as outputs, with y = (1, 0).

    A $K = 2$ example for the cost summed over the output units: the weights are the lecture's
    $\\Theta^{(1)}, \\Theta^{(2)}$ and the input is the lecture's $x$.

    Returns:
        The 2-2-2 `Network`, `x` `(2,)` and `y` `(2,)`.
    """
    ex = lecture_example()
    return Network(ex.network.weights[:2]), ex.x, np.array([1.0, 0.0])


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
