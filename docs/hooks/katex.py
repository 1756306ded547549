# Maths typeset at build time: the site's own KaTeX, run in V8, so pages carry finished maths.
"""mkdocs hook: replace every formula pymdownx.arithmatex marked with KaTeX's HTML and MathML.

pymdownx.arithmatex (generic mode) marks a formula as `<span class="arithmatex">\\(...\\)</span>`
or `<div class="arithmatex">\\[...\\]</div>`, its TeX escaped for HTML. This hook typesets each
one with `katex.renderToString` from the KaTeX vendored in `docs/assets/katex` (the copy whose
stylesheet and fonts the site serves), in V8 embedded by the `mini-racer` package, so a page
needs no script to show its maths and paints it at once.

V8 runs in a process of its own (this file run as a script), on the machine's other core: each
page's formulas are sent as the page's Markdown is converted (`on_page_content`) and put in place
once its HTML is written (`on_post_page`), so the typesetting overlaps the rest of the build. The
search index keeps the TeX (it is made before `on_post_page`). The wrapper stays (`.arithmatex`
holding `.katex`), as in the browser before. A formula KaTeX cannot typeset is an error naming
the page and the formula (a strict build fails; `mkdocs serve` shows KaTeX's red error text in
its place); one KaTeX would only warn about is a warning. The fonts a page's maths uses are
preloaded, so they are there for its first paint.

Run as a script (`python katex.py path/to/katex.min.js`), it is that process: see `serve`.
"""

from __future__ import annotations

import html
import importlib.util
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple, TextIO

# mkdocs counts what its loggers say: an error or warning here fails a strict build.
log = logging.getLogger("mkdocs.plugins.katex")

# The script, relative to the docs folder: the vendored KaTeX (`make katex`).
SCRIPT = Path("assets/katex/katex.min.js")
# One formula as pymdownx.arithmatex writes it: a span (inline) or a div (display).
FORMULA = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
DELIMITERS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}
# Typesets a batch in one call into V8 (each call costs far more than one formula): takes
# [[tex, display], ...], returns JSON [[html, error or null, [warning, ...]], ...]. A formula that
# does not parse gets KaTeX's error rendering and the parser's message.
BATCH_JS = """
function ppTypeset(formulas) {
  return JSON.stringify(formulas.map(function (formula) {
    var warnings = [];
    var options = {
      displayMode: formula[1],
      throwOnError: true,
      strict: function (code, message) { warnings.push(message + " (" + code + ")"); return "ignore"; },
    };
    try {
      return [katex.renderToString(formula[0], options), null, warnings];
    } catch (error) {
      options.throwOnError = false;
      return [katex.renderToString(formula[0], options), String(error.message || error), warnings];
    }
  }));
}
"""


# The KaTeX fonts a page's first paint needs, and what in KaTeX's markup uses each (after
# katex.min.css). Preloaded, they are there when the page is first laid out: fetched only when
# layout met their text, they arrived after the first paint and moved the maths (layout shift).
FONTS = {
    "KaTeX_Main-Regular": ('class="katex"',),
    "KaTeX_Math-Italic": ("mathnormal",),
    "KaTeX_Size1-Regular": ("delimsizing size1", "small-op", "delim-size1"),
    "KaTeX_Size2-Regular": ("delimsizing size2", "large-op"),
    "KaTeX_Size3-Regular": ("delimsizing size3",),
    "KaTeX_Size4-Regular": ("delimsizing size4", "delim-size4"),
}
FONT_FOLDER = "assets/katex/fonts"


class Formula(NamedTuple):
    """One formula of a page: its TeX (unescaped, without delimiters) and whether it is displayed."""

    tex: str
    display: bool


class Typeset(NamedTuple):
    """KaTeX's markup for a formula, and what KaTeX said about it."""

    html: str
    error: str | None  # why KaTeX could not parse it (`html` is then KaTeX's error rendering)
    warnings: tuple[str, ...]  # what KaTeX's strict mode noted (it typeset the formula anyway)


def find_formulas(page_html: str) -> list[Formula]:
    """Return the formulas pymdownx.arithmatex marked in `page_html`, in order.

    Parameters:
        page_html: A page's HTML, as Markdown wrote it or as the theme's template did.

    Returns:
        Each formula's TeX, HTML escapes undone, without its `\\(`/`\\)` or `\\[`/`\\]`.

    Raises:
        ValueError: If a marked formula lacks the delimiters of its kind (generic mode writes
            them; another mode's output is not what this hook reads).
    """
    return [_formula(match) for match in FORMULA.finditer(page_html)]


def _formula(match: re.Match[str]) -> Formula:
    tag, source = match.group(1), html.unescape(match.group(2))
    left, right = DELIMITERS[tag]
    if not (source.startswith(left) and source.endswith(right) and len(source) >= 4):
        raise ValueError(
            f"a formula marked by arithmatex, {match.group(0)[:80]!r}, is not wrapped in "
            f"{left} ... {right}: expected pymdownx.arithmatex's generic output"
        )
    return Formula(source[2:-2], tag == "div")


def substitute(page_html: str, typeset: Mapping[Formula, Typeset]) -> str:
    """Return `page_html` with each marked formula's TeX replaced by its typeset markup.

    Parameters:
        page_html: A page's HTML holding formulas as pymdownx.arithmatex marked them.
        typeset: The markup of every formula in it.

    Returns:
        The page with each wrapper (`<span class="arithmatex">`, `<div class="arithmatex">`)
        kept and holding KaTeX's markup in place of the TeX.

    Raises:
        KeyError: If a formula of the page is not in `typeset`.
    """

    def replace(match: re.Match[str]) -> str:
        formula = _formula(match)
        if formula not in typeset:
            raise KeyError(f"no typeset markup for the formula {formula.tex!r}")
        tag = match.group(1)
        return f'<{tag} class="arithmatex">{typeset[formula].html}</{tag}>'

    return FORMULA.sub(replace, page_html)


def fonts_used(markup: str) -> list[str]:
    """Return the KaTeX fonts of `FONTS` that typeset maths uses, in `FONTS`' order.

    Parameters:
        markup: KaTeX's markup of a page's formulas.

    Returns:
        Font names such as `KaTeX_Main-Regular` (the file is the name with `.woff2`).
    """
    return [name for name, uses in FONTS.items() if any(use in markup for use in uses)]


def preload(page_html: str, fonts: Iterable[str], folder: str) -> str:
    """Return `page_html` with a preload link for each font before its first stylesheet.

    Parameters:
        page_html: A page's HTML, with a `<head>`.
        fonts: Font names (files `<name>.woff2`).
        folder: The fonts' folder, relative to the page.

    Returns:
        The page, its `<head>` asking for the fonts at once (before the stylesheets, which
        would only name them).

    Raises:
        ValueError: If the page has no `<head>` to put them in.
    """
    links = "".join(
        f'<link rel="preload" href="{folder}/{name}.woff2" as="font" type="font/woff2" crossorigin>'
        for name in fonts
    )
    if not links:
        return page_html
    at = page_html.find('<link rel="stylesheet"')
    if at < 0:
        at = page_html.find("</head>")
    if at < 0:
        raise ValueError("a page without a <head>: nowhere to preload KaTeX's fonts")
    return page_html[:at] + links + page_html[at:]


class Typesetter:
    """KaTeX in V8, in a process of its own, fed from a thread; each formula typeset once.

    The process (this file run as a script, `serve`) imports mini-racer and starts V8 on the
    machine's other core while the build goes on; the thread sends it a batch of formulas at a
    time, and waits for the answer without holding the interpreter's lock. (V8 in a thread of
    the build's own process cost the build more: importing and starting it holds that lock.)

    Parameters:
        script: The KaTeX script (`katex.min.js`) to load.

    Raises:
        PluginError: If the `mini-racer` package is missing.
    """

    def __init__(self, script: Path) -> None:
        if importlib.util.find_spec("py_mini_racer") is None:
            from mkdocs.exceptions import PluginError

            raise PluginError(
                "katex: the mini-racer package (V8, to typeset maths at build time) is not "
                "installed: run `make build`, or `pip install -e '.[docs]'`"
            )
        self._process = subprocess.Popen(
            [sys.executable, "-I", __file__, str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        )
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="katex")
        self._cache: dict[Formula, Typeset] = {}
        self._failed: str | None = None  # what the process printed when it failed

    def submit(self, formulas: Iterable[Formula]) -> Future[dict[Formula, Typeset]]:
        """Start typesetting `formulas` in the background.

        Parameters:
            formulas: Formulas to typeset (repeats are typeset once).

        Returns:
            A future holding each formula's `Typeset`; its `result()` raises `RuntimeError`,
            with what the process printed, if KaTeX's process failed.
        """
        return self._executor.submit(self._typeset, list(dict.fromkeys(formulas)))

    def typeset(self, formulas: Iterable[Formula]) -> dict[Formula, Typeset]:
        """Typeset `formulas` and wait for them (see `submit`)."""
        return self.submit(formulas).result()

    def _typeset(self, formulas: list[Formula]) -> dict[Formula, Typeset]:
        new = [formula for formula in formulas if formula not in self._cache]
        if new:
            batch = json.loads(self._ask(json.dumps([list(f) for f in new])))
            for formula, (markup, error, warnings) in zip(new, batch, strict=True):
                self._cache[formula] = Typeset(markup, error, tuple(warnings))
        return {formula: self._cache[formula] for formula in formulas}

    def _ask(self, request: str) -> str:
        if self._failed is None:
            assert self._process.stdin is not None and self._process.stdout is not None
            try:
                self._process.stdin.write(request + "\n")
                self._process.stdin.flush()
                answer = self._process.stdout.readline()
            except OSError:
                answer = ""
            if answer:
                return answer
            self._process.kill()
            _, printed = self._process.communicate()
            self._failed = f"KaTeX's process (V8, mini-racer) failed:\n{printed.strip()}"
        raise RuntimeError(self._failed)

    def close(self) -> None:
        """End KaTeX's process and the thread (after the work already sent)."""
        self._executor.shutdown(wait=True)
        if self._failed is not None:
            return
        try:
            self._process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()


def serve(script: Path, requests: TextIO, answers: TextIO) -> None:
    """Typeset batches of formulas with KaTeX in V8: one JSON line in, one JSON line out.

    Parameters:
        script: The KaTeX script (`katex.min.js`) to load.
        requests: Lines of `[[tex, display], ...]`, read until they end.
        answers: Where each batch's `[[html, error or null, [warning, ...]], ...]` is written,
            one line per request, in order.
    """
    from py_mini_racer import MiniRacer

    context = MiniRacer()
    try:
        context.eval(script.read_text(encoding="utf-8"))
        context.eval(BATCH_JS)
        for request in requests:
            answers.write(context.call("ppTypeset", json.loads(request)) + "\n")
            answers.flush()
    finally:
        context.close()


# The build's state: mkdocs loads a hook afresh with its configuration, once per build.
_typesetter: Typesetter | None = None
_pending: dict[str, Future[dict[Formula, Typeset]]] = {}


def on_config(config: Any) -> None:
    """Load KaTeX in the background as the build starts."""
    global _typesetter
    _typesetter = Typesetter(Path(config.docs_dir) / SCRIPT)
    _pending.clear()


def on_page_content(content: str, page: Any, config: Any, files: Any) -> None:
    """Send the page's formulas to be typeset while the build goes on."""
    if _typesetter is not None:
        _pending[page.file.src_uri] = _typesetter.submit(find_formulas(content))


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put the page's typeset formulas in its HTML; report the ones KaTeX refused or warned of."""
    if _typesetter is None:
        return output
    formulas = find_formulas(output)
    if not formulas:
        return output
    pending = _pending.pop(page.file.src_uri, None)
    typeset = dict(pending.result()) if pending is not None else {}
    missing = [formula for formula in formulas if formula not in typeset]
    if missing:  # none expected: the template adds no maths of its own
        typeset.update(_typesetter.typeset(missing))
    unique = list(dict.fromkeys(formulas))
    for formula in unique:
        done = typeset[formula]
        if done.error is not None:
            log.error(
                f"katex: {page.file.src_uri}: cannot typeset {_quoted(formula)}: {done.error}"
            )
        for warning in done.warnings:
            log.warning(f"katex: {page.file.src_uri}: {_quoted(formula)}: {warning}")
    markup = "".join(typeset[formula].html for formula in unique)
    from mkdocs.utils import get_relative_url

    folder = get_relative_url(FONT_FOLDER, page.url)
    return preload(substitute(output, typeset), fonts_used(markup), folder)


def _quoted(formula: Formula) -> str:
    fence = "$$" if formula.display else "$"
    return f"{fence}{formula.tex}{fence}"


def on_post_build(config: Any) -> None:
    """Free V8 once every page is written."""
    _close()


def on_build_error(error: Exception) -> None:
    """Free V8 when the build fails."""
    _close()


def _close() -> None:
    global _typesetter
    if _typesetter is not None:
        _typesetter.close()
        _typesetter = None
    _pending.clear()


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(10)  # the build needs the answers only once its pages are written: yield to it
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    serve(Path(sys.argv[1]), sys.stdin, sys.stdout)
    sys.stdout.flush()
    os._exit(0)  # every answer is written: skip tearing V8 down, which the build would wait for
