# Matplotlib figures as inline SVG that builds identically twice and reads in light and dark.
"""Turn a matplotlib figure into an inline `<svg>` element for a page.

- Deterministic: a fixed `svg.hashsalt` and no date in the metadata, so two builds are
  byte-identical.
- Text stays text (`svg.fonttype = "none"`), in the page's own font.
- Light and dark: figures draw their ink in `INK` and their paper in `PAPER`, two sentinel colours
  that become `currentColor` and the theme's background colour, so a figure follows the palette.
- Accessible: `role="img"` with an `aria-label` (and a `<title>`) stating what the figure shows.
- Unique ids: every `id` (and reference to it) gets the figure's own prefix, so several figures on
  one page never collide.

matplotlib is imported inside the functions: `import propagation` stays numpy-only.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

# Colours that stay distinguishable with colour-vision deficiency (Okabe and Ito), chosen to read
# on both the light and the dark palette. The lecture draws these edges magenta, red, cyan and green;
# its red is orange here, which stays apart from green for readers who confuse red and green.
MAGENTA = "#CC79A7"
ORANGE = "#E0701A"
CYAN = "#33A9E0"
GREEN = "#17A673"
HIGHLIGHTS = (MAGENTA, ORANGE, CYAN, GREEN)

INK = "#010203"  # becomes currentColor: the page's text colour
PAPER = "#fefdfc"  # becomes the theme's background colour
_REPLACEMENTS = {
    INK: "currentColor",
    PAPER: "var(--md-default-bg-color, #ffffff)",
}

_RC = {
    "svg.hashsalt": "propagation",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 11,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": INK,
    "grid.alpha": 0.15,
    "legend.frameon": False,
    "lines.linewidth": 2,
}


def style() -> Any:
    """Return a context manager applying the site's matplotlib settings (`with style(): ...`)."""
    import matplotlib

    return matplotlib.rc_context(_RC)


def figure(**kwargs: Any) -> Any:
    """Return a new matplotlib `Figure` (keyword arguments as for `Figure`), drawn as SVG.

    A bare `Figure`, not pyplot's: nothing keeps it once its SVG is written, and pyplot with its
    window backends is never imported (a tenth of matplotlib's import time).
    """
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(**kwargs)
    FigureCanvasSVG(fig)
    return fig


def figure_to_svg(fig: Any, *, label: str, figure_id: str) -> str:
    """Return `fig` as an inline, accessible, deterministic `<svg>` element.

    Parameters:
        fig: A matplotlib `Figure` from `figure()`, drawn inside `style()`.
        label: What the figure shows, values included: its accessible name.
        figure_id: A page-unique id (letters, digits, `-`); prefixes every id inside the SVG.

    Returns:
        The `<svg ...>...</svg>` markup, without XML prolog or DOCTYPE.

    Raises:
        ValueError: If `figure_id` is not made of letters, digits and `-`, or `label` is empty.
    """
    import matplotlib

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", figure_id):
        raise ValueError(f"figure_id must be letters, digits and '-'; got {figure_id!r}")
    if not label.strip():
        raise ValueError("label must state what the figure shows; got an empty string")
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: this goes inline
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # matplotlib's <style> says `*{...}`, which inline would restyle the whole page; the site's
    # CSS sets the same stroke joins for `.pp-figure *` instead.
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)
    for sentinel, value in _REPLACEMENTS.items():
        svg = svg.replace(sentinel, value).replace(sentinel.upper(), value)
    # Prefix every id and every reference to one, so figures on one page never collide.
    svg = re.sub(r'id="([^"]+)"', rf'id="{figure_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{figure_id}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{figure_id}-\1"', svg)
    escaped = html.escape(label, quote=True)
    svg = re.sub(
        r"<svg ",
        f'<svg id="{figure_id}" role="img" aria-label="{escaped}" class="pp-figure" ',
        svg,
        count=1,
    )
    # A <title> as the first child gives the figure a tooltip and a name in every browser.
    svg = re.sub(r"(<svg [^>]*>)", rf"\1<title>{escaped}</title>", svg, count=1)
    # Let the figure shrink on narrow screens: CSS sets width: 100%, the viewBox keeps the aspect.
    svg = re.sub(r'(<svg [^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
    return svg
