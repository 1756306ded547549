# Build hook: every build runs the package as it is now, not as it was when `mkdocs serve` began.
"""Forget the package's modules, and the pages' sessions, before each build.

`mkdocs serve` rebuilds the site when a file in `propagation/` changes (`watch` in mkdocs.yml),
but Python imports a module once per process: without this hook the pages' blocks would go on
running the package's code, and showing its numbers, as they were when the server started (a new
weight in `propagation/example.py` would rebuild every page with the old one). markdown-exec
likewise keeps the names a page's blocks define (`session="<page>"`) from one build to the next,
so a block could go on using a name that an edited page no longer defines; each build starts
them empty, as `make build` does. A single `mkdocs build` has imported and defined nothing yet
when it starts, so it pays nothing for this.
"""

from __future__ import annotations

import sys
from typing import Any

PACKAGE = "propagation"


def on_pre_build(config: Any) -> None:
    """Remove the package and its submodules from `sys.modules`, and clear the pages' sessions."""
    for name in [name for name in sys.modules if name.partition(".")[0] == PACKAGE]:
        del sys.modules[name]
    from markdown_exec._internal.formatters import python

    # markdown-exec's own, private: if a new version renames it, there is nothing to clear here
    sessions = getattr(python, "_sessions_globals", None)
    if sessions is not None:
        sessions.clear()
