# Why the weights start random: an all-equal start keeps hidden units twins; the course's ε.
"""Starting weights: the all-equal start training cannot break, and the range of a random one.

`constant_network` builds the all-equal start, `hidden_spread` measures how far a hidden layer's
units have drifted apart (0.0 while they are still twins), and `epsilon_init` is the course's
rule for the range $[-\\epsilon, \\epsilon]$ random weights are drawn from.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from propagation.network import Network


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
