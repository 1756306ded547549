# Build hook: keep Python's cyclic garbage collector off what the build keeps alive anyway.
"""Freeze the objects alive when the pages start building, so collections skip them.

A build keeps hundreds of thousands of long-lived objects (mkdocs, the theme, the plugins, then
matplotlib and griffe); every full collection walks all of them, several times per build and
once more when Python exits, and finds nothing to free there. `gc.freeze()` before the pages
moves them out of the collector's reach; the pages' own garbage (figures, parse trees) is still
collected. `mkdocs build` then freezes what is left too, so the collection at exit walks nothing;
`mkdocs serve` instead hands everything back after each build, so a long-running server does
not keep a rebuild's leftovers for good. Nothing is cached: every build computes every page.
"""

from __future__ import annotations

import gc
from typing import Any

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this process serves the site (rebuilds many times) or builds it once."""
    global _serving
    _serving = command == "serve"


def on_pre_build(config: Any) -> None:
    """Freeze every object alive before the pages build."""
    gc.freeze()


def on_post_build(config: Any) -> None:
    """Serving: give the frozen objects back to the collector. Building: freeze the rest too."""
    if _serving:
        gc.unfreeze()
    else:
        gc.freeze()
