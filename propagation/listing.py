# A function's source as a page shows it: the code without its docstring.
"""Source code for the pages' "show the code" boxes, taken from the package itself."""

from __future__ import annotations

from collections.abc import Callable


def source_code(fn: Callable[..., object]) -> str:
    """Return the source of a function of this package without its docstring, for a page to show.

    Raises:
        ValueError: If the function has no docstring to remove.
    """
    import inspect

    lines = inspect.getsource(fn).splitlines(keepends=True)
    start = next((k for k, line in enumerate(lines) if line.strip().startswith('"""')), None)
    if start is None:
        raise ValueError(f"{fn.__qualname__} has no docstring")
    end = start
    if lines[start].strip().count('"""') < 2:  # a docstring over several lines
        end = next(k for k in range(start + 1, len(lines)) if '"""' in lines[k])
    return "".join(lines[:start] + lines[end + 1 :])
