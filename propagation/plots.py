# Curves and decision boundaries drawn from computed numbers, as inline SVG for the pages.
"""Plots for the pages: the cost against $h$, a training curve, a decision boundary.

Each function returns an inline `<svg>` (see `propagation._svg.figure_to_svg`) whose accessible
name states what it shows, numbers included. Ink is `_svg.INK`, so a figure follows the page's
light or dark palette; the highlights are the colour-vision-safe `_svg` colours, and lines and
points differ in style and shape too, never in colour alone. matplotlib is imported inside the
functions, so `import propagation` stays numpy-only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from propagation import _svg
from propagation.intuition import logistic_cost
from propagation.network import Network
from propagation.tables import fmt

# Geometry attributes of the SVG, whose numbers matplotlib writes with six decimals.
_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|y1|x2|y2|cx|cy|r|width|height|points|transform)=")([^"]*)"')
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{3,}")


def _to_svg(fig: Any, *, label: str, figure_id: str) -> str:
    """Return `_svg.figure_to_svg` with coordinates rounded to 0.01 pt.

    Six decimals of a point are invisible; two keep the page light, and leave the only
    four-decimal numbers in the figure the ones it states in its text and label.
    """
    svg = _svg.figure_to_svg(fig, label=label, figure_id=figure_id)

    def short(match: re.Match[str]) -> str:
        value = _LONG_DECIMAL.sub(lambda m: f"{float(m.group()):.2f}", match.group(2))
        return f'{match.group(1)}{value}"'

    return _GEOMETRY.sub(short, svg)


def cost_curves(mark: tuple[float, float] | None = None, *, figure_id: str = "cost-curves") -> str:
    """Return the logistic cost and the squared error against $h$, for $y = 1$ and $y = 0$.

    Parameters:
        mark: An example's `(h, y)` to mark on its panel with its cost, or `None`.
        figure_id: The figure's page-unique id.

    Returns:
        An inline `<svg>` with two panels.
    """
    h = np.linspace(0.002, 0.998, 250)
    low, high = 0.01, 0.99
    with _svg.style():
        fig = _svg.figure(figsize=(7.2, 3.3))
        axes = fig.subplots(1, 2, sharey=True)
        # Fixed margins: a layout engine would cost a second rendering pass on every build.
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.91, wspace=0.12)
        for ax, y in zip(axes, (1, 0), strict=True):
            ax.plot(h, logistic_cost(h, y), color=_svg.CYAN, label="logistic cost")
            ax.plot(h, (h - y) ** 2, color=_svg.ORANGE, linestyle="--", label="squared error")
            ax.set_title(f"y = {y}", y=1.0)  # placed, not searched for: nothing is above the axes
            ax.set_xlabel("h(x)")
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 4.6)
            ax.grid(True)
        axes[0].set_ylabel("cost(i)")
        axes[1].legend(loc="upper left")
        text = ""
        if mark is not None:
            mh, my = float(mark[0]), float(mark[1])
            c = float(logistic_cost(mh, my))
            ax = axes[0] if my == 1 else axes[1]
            ax.plot([mh], [c], marker="o", markersize=7, color=_svg.INK, linestyle="none")
            ax.annotate(
                f"h = {fmt(mh)}\ncost = {fmt(c)}",
                (mh, c),
                xytext=(0, 28),
                textcoords="offset points",
                ha="center",
                color=_svg.INK,
            )
            text = f" The dot marks the worked example: h = {fmt(mh)}, y = {my:g}, cost {fmt(c)}."
        label = (
            "The cost of one example against the prediction h, in two panels. For y = 1 the "
            f"logistic cost -log h is {fmt(logistic_cost(low, 1))} at h = {low} and falls to 0 at "
            f"h = 1, while the squared error (h - 1)^2 never exceeds 1 ({fmt((low - 1) ** 2)} at "
            f"h = {low}). For y = 0 the curves are mirrored: -log(1 - h) is "
            f"{fmt(logistic_cost(high, 0))} at h = {high}." + text
        )
        return _to_svg(fig, label=label, figure_id=figure_id)


def training_curve(
    costs: Sequence[float],
    *,
    name: str = "J",
    others: Mapping[str, Sequence[float]] | None = None,
    figure_id: str = "training-curve",
) -> str:
    """Return the cost $J$ against the gradient-descent step.

    Parameters:
        costs: $J$ before each step and after the last, as `train` returns.
        name: The legend's name for `costs`.
        others: More runs to draw for comparison, name to costs, dashed and dotted.
        figure_id: The figure's page-unique id.

    Returns:
        An inline `<svg>`.

    Raises:
        ValueError: If `costs` is empty.
    """
    if len(costs) == 0:
        raise ValueError("costs is empty; expected J before each step and after the last")
    runs = {name: costs, **(others or {})}
    colours = (_svg.CYAN, _svg.ORANGE, _svg.MAGENTA, _svg.GREEN)
    styles = ("-", "--", ":", "-.")
    with _svg.style():
        fig = _svg.figure(figsize=(7.2, 3.2))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.15, top=0.97)
        for k, (run, values) in enumerate(runs.items()):
            ax.plot(
                np.arange(len(values)),
                values,
                color=colours[k % 4],
                linestyle=styles[k % 4],
                label=run,
            )
        ax.set_xlabel("gradient-descent step")
        ax.set_ylabel("J(Θ)")
        ax.set_ylim(bottom=0)
        ax.grid(True)
        if len(runs) > 1:
            ax.legend(loc="center right")
        parts = [
            f"{run}: J from {fmt(values[0])} to {fmt(values[-1])} in {len(values) - 1} steps"
            for run, values in runs.items()
        ]
        label = "The cost J against the gradient-descent step. " + "; ".join(parts) + "."
        return _to_svg(fig, label=label, figure_id=figure_id)


def decision_boundary(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    resolution: int = 101,
    figure_id: str = "decision-boundary",
) -> str:
    """Return $h(x)$ over the plane as shaded regions, its $h = 0.5$ contour and the data points.

    Parameters:
        net: A network with two inputs and one output unit.
        X: `(m, 2)` ndarray of points.
        Y: `(m,)` ndarray of labels 0 and 1.
        resolution: Grid points per axis.
        figure_id: The figure's page-unique id.

    Returns:
        An inline `<svg>`: y = 1 as circles, y = 0 as triangles, regions where $h \\ge 0.5$ and
        $h < 0.5$ in two tints, and the boundary $h = 0.5$ as a line.

    Raises:
        ValueError: If the network does not map two inputs to one output.
    """
    if net.layer_sizes[0] != 2 or net.layer_sizes[-1] != 1:
        raise ValueError(
            f"decision_boundary draws two inputs and one output; got a {net!r} network"
        )
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float).reshape(-1)
    pad = 0.5
    x1 = np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, resolution)
    x2 = np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    g1, g2 = np.meshgrid(x1, x2)
    h = net.forward(np.column_stack([g1.ravel(), g2.ravel()])).output.reshape(g1.shape)
    predicted = net.forward(X).output.reshape(-1) >= 0.5
    right = int(np.sum(predicted == (Y >= 0.5)))
    with _svg.style():
        fig = _svg.figure(figsize=(7.2, 4.4))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.08, right=0.76, bottom=0.11, top=0.98)
        ax.contourf(g1, g2, h, levels=[0, 0.5, 1], colors=[_svg.ORANGE, _svg.CYAN], alpha=0.2)
        ax.contour(g1, g2, h, levels=[0.5], colors=[_svg.INK], linewidths=2)
        one, zero = Y >= 0.5, Y < 0.5
        ax.scatter(*X[one].T, marker="o", s=36, color=_svg.CYAN, edgecolors=_svg.INK, label="y = 1")
        ax.scatter(
            *X[zero].T, marker="^", s=40, color=_svg.ORANGE, edgecolors=_svg.INK, label="y = 0"
        )
        ax.plot([], [], color=_svg.INK, label="h = 0.5")  # the boundary's legend entry
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        ax.set_aspect("equal")
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
        label = (
            f"The network's output h over the plane, with the {len(Y)} training points: "
            f"{int(one.sum())} with y = 1 as circles and {int(zero.sum())} with y = 0 as "
            f"triangles. A line marks the boundary h = 0.5, with h above 0.5 on the circles' "
            f"tint and below on the triangles'; {right} of {len(Y)} points lie on the side of "
            f"their label."
        )
        return _to_svg(fig, label=label, figure_id=figure_id)
