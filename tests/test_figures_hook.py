"""Tests for docs/hooks/figures.py: matplotlib without its help text, the figures unchanged."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from site_build import ROOT

# Run in a fresh interpreter each: the hook changes matplotlib for the process it runs in, and
# matplotlib defines its classes once. With the hook (argv[1] == "hook") as the build runs it.
DRAW = """
import importlib.util, json, sys

if sys.argv[1] == "hook":
    spec = importlib.util.spec_from_file_location("figures_hook", "docs/hooks/figures.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook.on_startup(command="build", dirty=False)

import numpy as np
import propagation as pp
from propagation import datasets, diagrams, plots

from matplotlib.patches import Ellipse
from matplotlib.artist import Artist

class Marker(Artist):
    def set_size(self, size):
        '''Set the size. size : float'''
        self.size = size

marker = Marker()
marker.set(size=3.0)

ex = pp.lecture_example()
X, Y = datasets.xor_data()
net = pp.Network.random([2, 3, 1], seed=1, epsilon=1.0)
print(json.dumps({
    "ellipse_help": Ellipse.set.__doc__ or "",
    "marker_help": Marker.set.__doc__ or "",
    "marker_size": marker.size,
    "figures": [
        diagrams.forward_diagram(ex.network.forward(ex.x), figure_id="f"),
        diagrams.backward_diagram(ex.network.backward(ex.x, ex.y), figure_id="b"),
        plots.cost_curves((0.6, 1.0), figure_id="c"),
        plots.training_curve([0.9, 0.5, 0.25], others={"other": [0.7, 0.6, 0.5]}),
        plots.decision_boundary(net, X, Y, resolution=21, figure_id="d"),
    ],
}))
"""


def draw(mode: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", DRAW, mode], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def hooked() -> dict:
    return draw("hook")


def test_the_figures_are_the_same_with_the_hook(hooked: dict) -> None:
    """Assert every kind of figure the pages draw comes out byte for byte the same, while the
    hook did take the property tables out of matplotlib's help text."""
    plain = draw("plain")
    assert "facecolor" in plain["ellipse_help"] and "size" in plain["marker_help"]
    assert "facecolor" not in hooked["ellipse_help"] and "size" not in hooked["marker_help"]
    assert hooked["figures"] == plain["figures"]
    assert all(svg.startswith("<svg ") for svg in hooked["figures"])


def test_set_still_sets_properties_with_the_hook(hooked: dict) -> None:
    """Assert a class defined after the hook still gets a working `set()` of its own."""
    assert hooked["marker_size"] == 3.0
