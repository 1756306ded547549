"""Tests for docs/hooks/converters.py: one markdown-exec converter per page, reset between blocks."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from markdown import Markdown
from markdown_exec._internal import rendering
from markdown_exec._internal.processors import HeadingReportingTreeprocessor
from site_build import load_hook

REPORTER = HeadingReportingTreeprocessor.name


class Page:
    """Stands in for a page's own Markdown instance."""


class Converter:
    """Stands in for the converter markdown-exec makes: counts resets, converts with `inner`."""

    def __init__(self, headings: list[Any], inner: Any = None) -> None:
        self.resets = 0
        self.treeprocessors = {REPORTER: SimpleNamespace(headings=headings)}
        self.inner = inner

    def reset(self) -> Converter:
        self.resets += 1
        return self

    def convert(self, text: str) -> str:
        return self.inner(text) if self.inner else text.upper()


@pytest.fixture
def hook() -> Iterator[ModuleType]:
    """The hook, with markdown-exec's own function put back afterwards."""
    original = rendering._mimic
    yield load_hook("converters")
    rendering._mimic = original


def test_a_page_gets_its_converter_back_reset_with_the_block_headings(hook: ModuleType) -> None:
    made = []

    def mimic(md: Any, headings: list[Any], *, update_toc: bool = True) -> Converter:
        made.append(Converter(headings))
        return made[-1]

    mimic_once = hook.reusing(mimic)
    page, other = Page(), Page()
    first_headings, second_headings = [], []
    first = mimic_once(page, first_headings, update_toc=True)
    second = mimic_once(page, second_headings, update_toc=True)
    assert second is first and len(made) == 1
    assert first.resets == 1
    assert first.treeprocessors[REPORTER].headings is second_headings
    assert mimic_once(other, [], update_toc=True) is not first  # another page: its own
    assert mimic_once(page, [], update_toc=False) is not first  # another configuration
    assert len(made) == 3
    assert first.convert("a") == "A"  # still converts, through the hook's wrapper


def test_a_busy_converter_is_not_handed_out(hook: ModuleType) -> None:
    """A block whose output holds a block: the inner one gets a converter of its own."""
    page = Page()
    seen, made = [], []

    def mimic(md: Any, headings: list[Any], *, update_toc: bool = True) -> Converter:
        made.append(Converter(headings, inner=None if made else nested))
        return made[-1]

    def nested(text: str) -> str:
        seen.append(mimic_once(page, []))
        return seen[-1].convert(text) + "!"

    mimic_once = hook.reusing(mimic)
    outer = mimic_once(page, [])
    assert outer.convert("a") == "A!"
    assert seen[0] is not outer and len(made) == 2
    assert mimic_once(page, []) is outer  # free again once its conversion ended


def test_calls_it_was_not_written_for_go_to_markdown_exec(hook: ModuleType) -> None:
    made = []

    def mimic(md: Any, headings: list[Any], **kwargs: Any) -> Converter:
        made.append(Converter(headings))
        return made[-1]

    mimic_once = hook.reusing(mimic)
    page = Page()
    assert mimic_once(page, [], prefix="x") is not mimic_once(page, [], prefix="x")
    assert all(c.resets == 0 for c in made)


def test_startup_wraps_markdown_exec_once(hook: ModuleType) -> None:
    original = rendering._mimic
    hook.on_startup(command="build", dirty=False)
    hook.on_startup(command="build", dirty=False)
    assert rendering._mimic is not original
    assert rendering._mimic.wrapped is original


def test_real_converters_keep_each_block_apart(hook: ModuleType) -> None:
    """Through markdown-exec's own converter: the second block shows none of the first's
    references, abbreviations or headings, and reports only its own heading."""
    hook.on_startup(command="build", dirty=False)
    page = Markdown(extensions=["abbr", "toc", "tables", "md_in_html"])
    first = rendering.MarkdownConverter(page)
    html = first.convert("# One\n\n[a][r] HTML\n\n[r]: https://example.invalid/\n*[HTML]: markup")
    assert 'href="https://example.invalid/"' in html and "<abbr" in html
    second = rendering.MarkdownConverter(page)
    html = second.convert("# Two\n\n[a][r] HTML")
    assert "href" not in html and "<abbr" not in html and "Two" in html
    headings = page.treeprocessors["markdown_exec_insert_headings"].headings
    assert [[h.text for h in found] for found in headings.values()] == [["One"], ["Two"]]
