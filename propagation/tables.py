# Tables and matrices as text for the pages: Markdown tables and KaTeX matrices of computed numbers.
"""Formatting of computed numbers into Markdown tables and LaTeX matrices.

Every number on the site passes through `fmt`, so the pages agree on how a number is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

DIGITS = 4  # decimals shown on every page


def fmt(value: float, digits: int = DIGITS) -> str:
    """Return `value` with `digits` decimals, never as `-0.0000`.

    Parameters:
        value: A real number.
        digits: Decimals to show.

    Returns:
        The number as text, such as `"0.2800"` or `"-0.0874"`.
    """
    text = f"{float(value):.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def markdown_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None
) -> str:
    """Return a Markdown table; floats are written with `fmt`, other cells with `str`.

    Parameters:
        headers: Column headings (Markdown and `$...$` maths allowed).
        rows: One sequence of cells per row, as many cells as headers.
        align: One letter per column, `l`, `c` or `r`; numbers right-aligned by default.

    Returns:
        The table as Markdown, ending with a newline.

    Raises:
        ValueError: If a row has the wrong number of cells or `align` the wrong length.
    """
    rows = [list(row) for row in rows]
    for number, row in enumerate(rows, start=1):
        if len(row) != len(headers):
            raise ValueError(
                f"row {number} has {len(row)} cells; expected {len(headers)}, one per header"
            )
    if align is None:
        align = "".join(
            "r" if rows and isinstance(rows[0][k], (float, np.floating)) else "l"
            for k in range(len(headers))
        )
    if len(align) != len(headers) or set(align) - set("lcr"):
        raise ValueError(f"align must be one of l, c, r per column ({len(headers)}); got {align!r}")
    rule = {"l": ":--", "c": ":-:", "r": "--:"}

    def cell(value: object) -> str:
        return fmt(value) if isinstance(value, (float, np.floating)) else str(value)

    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(rule[a] for a in align) + " |",
        *("| " + " | ".join(cell(v) for v in row) + " |" for row in rows),
    ]
    return "\n".join(lines) + "\n"


def latex_matrix(array: np.ndarray, digits: int = DIGITS) -> str:
    """Return a 1-D or 2-D array as a KaTeX `bmatrix` (a 1-D array as a column).

    Raises:
        ValueError: If the array has more than two dimensions.
    """
    array = np.asarray(array, dtype=float)
    if array.ndim > 2:
        raise ValueError(f"latex_matrix takes a 1-D or 2-D array; got shape {array.shape}")
    rows = array.reshape(-1, 1) if array.ndim == 1 else np.atleast_2d(array)
    body = r" \\ ".join(" & ".join(fmt(v, digits) for v in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def sci(value: float, digits: int = 1) -> str:
    """Return `value` in scientific notation for KaTeX, such as `2.3 \\times 10^{-11}`.

    For the tiny differences the checks print, which `fmt`'s four decimals would show as 0.

    Parameters:
        value: A real number.
        digits: Decimals of the mantissa.

    Returns:
        LaTeX to place inside `$...$`; `"0"` for zero.
    """
    value = float(value)
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"
