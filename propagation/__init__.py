"""Forward and backward propagation in the notation of Andrew Ng's Machine Learning course.

Layers are numbered from 1 (the input) to L (the output); $\\Theta^{(l)}$ maps layer $l$ to layer
$l + 1$ and holds the bias weights in column 0.

Examples:
    >>> import propagation as pp
    >>> ex = pp.lecture_example()
    >>> bwd = ex.network.backward(ex.x, ex.y)
    >>> bwd.delta(4).shape
    (1,)
"""

from propagation.checking import numerical_gradient, relative_difference
from propagation.example import LectureExample, lecture_example
from propagation.network import Network
from propagation.passes import Backward, Forward
from propagation.training import train

__all__ = [
    "Backward",
    "Forward",
    "LectureExample",
    "Network",
    "lecture_example",
    "numerical_gradient",
    "relative_difference",
    "train",
]
