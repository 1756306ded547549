"""The README's package example runs as printed and shows what its comments say."""

from __future__ import annotations

import contextlib
import io
import re

from site_build import ROOT


def readme_example() -> str:
    """Return the README's first Python block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", text, re.S)
    assert match is not None, "README.md has no ```python block"
    return match.group(1)


def test_readme_example_runs_and_learns_xor() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(readme_example(), "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    # The gradient check: backprop and finite differences agree.
    check = next(line for line in lines if re.fullmatch(r"[-+.\deE]+", line.strip()))
    assert float(check) < 1e-7
    # The last line: the first cost, the last cost, and the trained outputs rounded: XOR.
    first, last, outputs = lines[-1].split(maxsplit=2)
    assert float(last) < float(first) / 10
    assert outputs == "[0. 1. 1. 0.]"
