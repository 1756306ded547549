# Tables wrapped at build time as mkdocs-material wraps them in the browser, so it leaves them be.
"""mkdocs hook: wrap each Markdown table in the theme's scroll wrapper when the page is built.

mkdocs-material's script wraps every `table:not([class])` of a page in
`<div class="md-typeset__scrollwrap"><div class="md-typeset__table">` once the page has loaded:
it takes each table out of the document and puts it back. A table full of typeset maths is then
styled and laid out again from scratch, which on a phone blocked the page for hundreds of
milliseconds (Lighthouse: total blocking time). Written into the page here instead, with the
class `pp-table` so that the script passes it by; docs/stylesheets/extra.css gives
`table.pp-table` the theme's `table:not([class])` rules.
"""

from __future__ import annotations

import re
from typing import Any

# A table as Python-Markdown writes it (no attributes), and its end.
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
WRAPPED = (
    '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
    '<table class="pp-table">{}</table></div></div>'
)


def wrap_tables(content: str) -> str:
    """Return `content` with every attribute-less `<table>` wrapped as the theme would wrap it.

    Parameters:
        content: A page's HTML, as Markdown wrote it.

    Returns:
        The page, each such table inside the theme's two wrappers and marked `pp-table`; tables
        that carry attributes (not the theme's to wrap, or wrapped already) are left alone.
    """
    return TABLE.sub(lambda match: WRAPPED.format(match.group(1)), content)


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    """Wrap the page's tables."""
    return wrap_tables(content)
