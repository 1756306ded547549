"""Tests for docs/hooks/figures.py: figures drawn in a second process, and matplotlib without its
help text there, the figures unchanged."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from types import ModuleType, SimpleNamespace

import pytest
from site_build import ROOT, load_hook

import propagation as pp
from propagation import diagrams, plots

PLACEHOLDER = load_hook("figures").PLACEHOLDER

# Run in a fresh interpreter each: the hook changes matplotlib for the process it runs in, and
# matplotlib defines its classes once. With the hook (argv[1] == "hook") as the build runs it.
DRAW = """
import importlib.util, json, sys

if sys.argv[1] == "hook":
    spec = importlib.util.spec_from_file_location("figures_hook", "docs/hooks/figures.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook.quiet_matplotlib()

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


# --- drawing in a second process ---------------------------------------------------------------


@pytest.fixture
def hook() -> Iterator[ModuleType]:
    """The hook as a build runs it: the second process started and the stand-ins in place; at the
    end, the process ended and the package's figure functions given back."""
    module = load_hook("figures")
    module.on_pre_build(config=None)
    try:
        yield module
    finally:
        module.on_post_build(config=None)


def build_page(hook: ModuleType, uri: str, block: Callable[[], str]) -> SimpleNamespace:
    """Run `block` as a page's block, put what it printed in the page, and let the hook finish it."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri=uri), content="")
    hook.on_page_markdown("", page=page, config=None, files=None)
    page.content = f"<p>{block()}</p>"
    hook.on_page_context({}, page=page, config=None, nav=None)
    return page


def test_figures_drawn_in_the_other_process_are_the_ones_drawn_here(hook: ModuleType) -> None:
    ex = pp.lecture_example()
    fwd, bwd = ex.network.forward(ex.x), ex.network.backward(ex.x, ex.y)
    page = build_page(
        hook,
        "forward.md",
        lambda: diagrams.forward_diagram(fwd, figure_id="f") + plots.cost_curves(figure_id="c"),
    )
    assert PLACEHOLDER.search(page.content) is None
    originals = {name: function for _, name, function in hook._originals}
    expected = originals["forward_diagram"](fwd, figure_id="f") + originals["cost_curves"](
        figure_id="c"
    )
    assert page.content == f"<p>{expected}</p>"
    later = build_page(hook, "backward.md", lambda: diagrams.backward_diagram(bwd, figure_id="b"))
    assert later.content == f"<p>{originals['backward_diagram'](bwd, figure_id='b')}</p>"


def test_the_build_gives_the_figure_functions_back() -> None:
    before = diagrams.forward_diagram
    hook = load_hook("figures")
    hook.on_pre_build(config=None)
    try:
        assert diagrams.forward_diagram is not before
        assert PLACEHOLDER.fullmatch(diagrams.forward_diagram(None))  # only sent, not drawn
    finally:
        hook.on_build_error(RuntimeError("the build failed"))
    assert diagrams.forward_diagram is before and hook._drawer is None


def test_a_figure_that_fails_is_an_error_naming_the_page_and_the_function(
    hook: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    page = build_page(hook, "cost.md", lambda: plots.cost_curves(figure_id="not an id"))
    assert "plots.cost_curves failed" in page.content
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "figures: cost.md: plots.cost_curves failed" in record.message
    assert "figure_id must be letters" in record.message  # the function's own message


def test_a_figure_not_printed_as_returned_is_an_error(
    hook: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    build_page(hook, "cost.md", lambda: plots.cost_curves(figure_id="c").replace("span", "div"))
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "figures: cost.md: the figure plots.cost_curves returned is not in the page" in (
        record.message
    )


def test_figures_fail_with_what_the_process_printed_when_it_ends(
    hook: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    hook._drawer._process.kill()
    build_page(hook, "cost.md", lambda: plots.cost_curves(figure_id="c"))
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "figures: cost.md: plots.cost_curves failed" in record.message
    assert "the figures' process ended" in record.message


def test_every_figure_function_of_the_package_is_drawn_in_the_other_process() -> None:
    """Assert `FIGURES` lists every function of the figure modules that takes a `figure_id`."""
    listed = load_hook("figures").FIGURES
    for module in (diagrams, plots):
        drawing = {
            name
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__
            and not name.startswith("_")
            and "figure_id" in inspect.signature(function).parameters
        }
        assert drawing and drawing == set(listed[module.__name__])
