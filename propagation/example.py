# The lecture's 2-2-2-1 network and the one worked example every page of the site uses.
"""The canonical worked example: change a number here and every table and figure follows."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from propagation.network import Network

# Θ(l)[i, j] is the weight from unit j of layer l to unit i of layer l+1; column 0 is the bias.
# Chosen by hand with two decimals so that, for the example below, no two units share a value
# and no delta or gradient rounds to 0 at four decimals.
LECTURE_WEIGHTS = (
    ((0.10, 0.30, -0.20),
     (-0.40, 0.50, 0.70)),   # Θ(1): layer 1 -> layer 2
    ((0.20, -0.60, 0.90),
     (-0.30, 0.80, -0.50)),  # Θ(2): layer 2 -> layer 3
    ((0.40, 1.10, -0.70),),  # Θ(3): layer 3 -> layer 4, the output unit
)  # fmt: skip
LECTURE_X = (0.8, 0.3)
LECTURE_Y = 1.0


class LectureExample(NamedTuple):
    """The lecture's network and its one training example $(x^{(i)}, y^{(i)})$."""

    network: Network
    x: np.ndarray
    y: float


def lecture_example() -> LectureExample:
    """Return the lecture's 2-2-2-1 sigmoid network with logistic cost and its worked example.

    Returns:
        A `LectureExample` with `.network`, `.x` (a `(2,)` ndarray) and `.y` (0.0 or 1.0);
        every call returns fresh objects.

    Examples:
        >>> import propagation as pp
        >>> ex = pp.lecture_example()
        >>> ex.network.layer_sizes
        (2, 2, 2, 1)
    """
    network = Network([np.array(theta) for theta in LECTURE_WEIGHTS])
    return LectureExample(network, np.array(LECTURE_X), LECTURE_Y)
