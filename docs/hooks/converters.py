# Build hook: one Markdown converter per page for markdown-exec's block outputs, reset between blocks.
"""Let markdown-exec convert a page's block outputs with one Markdown converter, not one each.

markdown-exec turns each block's printed Markdown into HTML with a converter configured like the
page's own (`markdown_exec._internal.rendering._mimic`): a new `markdown.Markdown` with every
extension of the site registered afresh, about 0.6 ms each, for some fifty blocks a build. This
hook keeps the converter made for a page's first block and hands it back, reset
(`Markdown.reset()`, which Python-Markdown asks for between two conversions by one converter),
for the page's next blocks. A converter still converting (a block's output that holds a block of
its own) is never handed out again: that block gets a new one, as before. The site's files come
out the same (tests/test_site.py, `test_the_speed_hooks_change_no_file`).

The function it wraps is markdown-exec's own, not part of its public API. Should a release drop
it, the hook leaves markdown-exec alone; should it call it with arguments other than the ones
read here, the hook lets each such call make its converter as before.
"""

from __future__ import annotations

from typing import Any

# The page being converted (its own Markdown instance) and the converters made for it, by
# `update_toc`: pages are converted one after the other, so only the last page's are kept.
_page: list[Any] = [None, {}]
_busy: set[int] = set()  # ids of the converters converting now


def reusing(mimic: Any) -> Any:
    """Return `mimic` (markdown-exec's `_mimic`) made to hand a page's converter back, reset.

    Parameters:
        mimic: The function that makes a converter like the page's:
            `mimic(md, headings, update_toc=...)`, where the converter reports the headings it
            meets into the list `headings`.

    Returns:
        A function taking the same arguments.
    """
    from markdown_exec._internal.processors import HeadingReportingTreeprocessor

    def mimic_once(md: Any, headings: list[Any], *args: Any, **kwargs: Any) -> Any:
        update_toc = kwargs.get("update_toc", True)
        if args or set(kwargs) - {"update_toc"}:  # a call this hook was not written for
            return mimic(md, headings, *args, **kwargs)
        if _page[0] is not md:
            _page[:] = [md, {}]
        made = _page[1]
        converter = made.get(update_toc)
        if converter is None or id(converter) in _busy:
            converter = mimic(md, headings, update_toc=update_toc)
            if update_toc not in made:  # not one made while the page's own was busy
                made[update_toc] = _marking_busy(converter)
            return converter
        converter.reset()
        if update_toc:  # where it reports the headings it meets: this block's list
            converter.treeprocessors[HeadingReportingTreeprocessor.name].headings = headings
        return converter

    mimic_once.wrapped = mimic  # type: ignore[attr-defined]
    return mimic_once


def _marking_busy(converter: Any) -> Any:
    """Make `converter.convert` note that it is converting, so it is not handed out meanwhile."""
    convert = converter.convert

    def marked(text: str) -> str:
        _busy.add(id(converter))
        try:
            return convert(text)
        finally:
            _busy.discard(id(converter))

    converter.convert = marked
    return converter


def on_startup(command: str, dirty: bool) -> None:
    """Make markdown-exec reuse a page's converter from here on, in this process."""
    from markdown_exec._internal import rendering

    mimic = getattr(rendering, "_mimic", None)
    if mimic is not None and not hasattr(mimic, "wrapped"):
        rendering._mimic = reusing(mimic)
