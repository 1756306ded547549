"""Tests for docs/hooks/tables.py: tables wrapped at build time as the theme wraps them."""

from __future__ import annotations

import re
from pathlib import Path

import material
from site_build import load_hook

hook = load_hook("tables")
THEME = Path(material.__path__[0]) / "templates/assets/javascripts"


def test_wrap_tables_wraps_each_markdown_table() -> None:
    """Assert each attribute-less table gets the theme's two wrappers and the pp-table class,
    its rows untouched, the text around it too."""
    content = "<p>a</p>\n<table>\n<tr><td>1</td></tr>\n</table>\n<table><tr><td>2</td></tr></table>"
    assert hook.wrap_tables(content) == (
        "<p>a</p>\n"
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        '<table class="pp-table">\n<tr><td>1</td></tr>\n</table></div></div>\n'
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        '<table class="pp-table"><tr><td>2</td></tr></table></div></div>'
    )


def test_wrap_tables_leaves_tables_with_attributes() -> None:
    """Assert a table with a class (wrapped already, or someone else's) is left as it is."""
    content = '<table class="pp-table"><tr><td>1</td></tr></table><table class="x"></table>'
    assert hook.wrap_tables(content) == content
    assert hook.wrap_tables(hook.wrap_tables("<table></table>")) == hook.wrap_tables(
        "<table></table>"
    )


def test_the_hook_returns_the_wrapped_page() -> None:
    """Assert the mkdocs event gives back the page with its tables wrapped."""
    assert 'class="pp-table"' in hook.on_page_content(
        "<table></table>", page=None, config=None, files=None
    )


def test_the_theme_passes_tables_with_a_class_by() -> None:
    """Assert the theme's script wraps only `table:not([class])`: the premise of the hook."""
    (bundle,) = THEME.glob("bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    assert re.findall(r"table:not\(\[class\]\)", script) == ["table:not([class])"]
    assert "md-typeset__scrollwrap" in script and "md-typeset__table" in script
