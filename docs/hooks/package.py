# Build hook: every build runs the package as it is now, not as it was when `mkdocs serve` began.
"""Forget the package's modules before each build, so the pages import them afresh.

`mkdocs serve` rebuilds the site when a file in `propagation/` changes (`watch` in mkdocs.yml),
but Python imports a module once per process: without this hook the pages' blocks would go on
running the package's code, and showing its numbers, as they were when the server started (a new
weight in `propagation/example.py` would rebuild every page with the old one). A single
`mkdocs build` has not imported the package yet when it starts, so it pays nothing for this.
"""

from __future__ import annotations

import sys
from typing import Any

PACKAGE = "propagation"


def on_pre_build(config: Any) -> None:
    """Remove the package and its submodules from `sys.modules`; the next import reads them anew."""
    for name in [name for name in sys.modules if name.partition(".")[0] == PACKAGE]:
        del sys.modules[name]
