"""Tests for docs/hooks/katex.py: the maths typeset at build time by the site's own KaTeX."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from site_build import ROOT, load_hook

hook = load_hook("katex")
Formula = hook.Formula
SCRIPT = ROOT / "docs" / hook.SCRIPT
MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML"'


@pytest.fixture(scope="module")
def typesetter() -> Iterator[object]:
    """One KaTeX in V8 for the module's tests."""
    typesetter = hook.Typesetter(SCRIPT)
    yield typesetter
    typesetter.close()


def page(uri: str = "forward.md") -> SimpleNamespace:
    """A stand-in for mkdocs' Page: the hook reads its file's source path and its address."""
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri), url=uri.removesuffix(".md") + "/")


def test_find_formulas_reads_inline_and_display_maths_unescaped() -> None:
    """Assert both kinds of arithmatex wrapper are read, HTML escapes undone, delimiters dropped."""
    text = (
        '<p>If <span class="arithmatex">\\(a &lt; b &amp;&amp; c &gt; 0\\)</span> then</p>\n'
        '<div class="arithmatex">\\[\n\\begin{bmatrix}1 &amp; 2\\end{bmatrix}\n\\]</div>'
    )
    assert hook.find_formulas(text) == [
        Formula("a < b && c > 0", False),
        Formula("\n\\begin{bmatrix}1 & 2\\end{bmatrix}\n", True),
    ]


def test_find_formulas_reads_only_arithmatex_wrappers() -> None:
    """Assert TeX outside an arithmatex wrapper, or in another class, is not taken for maths."""
    text = (
        '<span class="arithmatex-note">\\(x\\)</span> <code>\\(y\\)</code> '
        '<div class="other">\\[z\\]</div> $w$'
    )
    assert hook.find_formulas(text) == []


@pytest.mark.parametrize(
    "wrapper",
    [
        '<span class="arithmatex">$x$</span>',
        '<span class="arithmatex">\\[x\\]</span>',  # display delimiters in an inline wrapper
        '<div class="arithmatex">\\(x\\)</div>',
    ],
)
def test_find_formulas_refuses_other_delimiters(wrapper: str) -> None:
    """Assert a wrapper without generic mode's delimiters of its kind is an error naming it."""
    with pytest.raises(ValueError, match="generic") as raised:
        hook.find_formulas(wrapper)
    assert wrapper[:20] in str(raised.value)


def test_substitute_puts_the_markup_inside_each_wrapper() -> None:
    """Assert each wrapper keeps its tag and class and holds the formula's markup; text around it
    and repeats are handled alike."""
    text = (
        '<p><span class="arithmatex">\\(x\\)</span>, <span class="arithmatex">\\(x\\)</span></p>'
        '<div class="arithmatex">\\[y\\]</div>'
    )
    typeset = {
        Formula("x", False): hook.Typeset("<b>X</b>", None, ()),
        Formula("y", True): hook.Typeset("<i>Y</i>", None, ()),
    }
    assert hook.substitute(text, typeset) == (
        '<p><span class="arithmatex"><b>X</b></span>, <span class="arithmatex"><b>X</b></span></p>'
        '<div class="arithmatex"><i>Y</i></div>'
    )


def test_substitute_refuses_a_formula_it_has_no_markup_for() -> None:
    """Assert a formula missing from the markup given is an error naming it."""
    with pytest.raises(KeyError, match=r"no typeset markup.*z"):
        hook.substitute('<span class="arithmatex">\\(z\\)</span>', {})


def test_fonts_used_follows_katex_markup(typesetter) -> None:
    """Assert the fonts named are the ones KaTeX's classes call for: the main font for any
    maths, the italic for letters, the delimiter sizes for big brackets and operators."""
    digits, letter = Formula("1 + 2", False), Formula("x", False)
    brackets = Formula("\\big( \\Big( \\bigg( \\Bigg(", False)
    total = Formula("\\sum_i x_i", True)
    typeset = typesetter.typeset([digits, letter, brackets, total])
    assert hook.fonts_used(typeset[digits].html) == ["KaTeX_Main-Regular"]
    assert hook.fonts_used(typeset[letter].html) == ["KaTeX_Main-Regular", "KaTeX_Math-Italic"]
    sizes = [f"KaTeX_Size{n}-Regular" for n in range(1, 5)]
    assert hook.fonts_used(typeset[brackets].html) == ["KaTeX_Main-Regular", *sizes]
    assert "KaTeX_Size2-Regular" in hook.fonts_used(typeset[total].html)
    assert hook.fonts_used("<p>no maths</p>") == []


def test_every_font_named_is_one_the_site_serves() -> None:
    """Assert each font the hook may preload is a file KaTeX's stylesheet names."""
    css = (ROOT / "docs/assets/katex/katex.min.css").read_text(encoding="utf-8")
    for name in hook.FONTS:
        assert f"url(fonts/{name}.woff2)" in css
        assert (ROOT / "docs" / hook.FONT_FOLDER / f"{name}.woff2").is_file()


def test_preload_asks_for_the_fonts_before_the_first_stylesheet() -> None:
    """Assert the links go before the first stylesheet (or the head's end), fetched as fonts."""
    page_html = '<head><meta x><link rel="stylesheet" href="a.css"></head><body></body>'
    done = hook.preload(page_html, ["KaTeX_Main-Regular"], "../f")
    link = '<link rel="preload" href="../f/KaTeX_Main-Regular.woff2" as="font" type="font/woff2" crossorigin>'
    assert done == page_html.replace('<link rel="stylesheet"', link + '<link rel="stylesheet"')
    assert hook.preload("<head></head>", ["A"], "f").startswith('<head><link rel="preload"')
    assert hook.preload(page_html, [], "f") == page_html
    with pytest.raises(ValueError, match="head"):
        hook.preload("<p>x</p>", ["A"], "f")


def test_typesetter_writes_html_and_mathml(typesetter) -> None:
    """Assert a formula comes back as KaTeX's HTML with a MathML copy carrying the TeX."""
    inline, display = Formula("x^2", False), Formula("x^2", True)
    typeset = typesetter.typeset([inline, display])
    assert typeset[inline].html.startswith('<span class="katex">')
    assert typeset[display].html.startswith('<span class="katex-display">')
    for done in typeset.values():
        assert MATHML in done.html
        assert "<msup><mi>x</mi><mn>2</mn></msup>" in done.html
        assert '<annotation encoding="application/x-tex">x^2</annotation>' in done.html
        assert (done.error, done.warnings) == (None, ())


def test_typesetter_reports_what_katex_cannot_parse(typesetter) -> None:
    """Assert bad TeX gives KaTeX's parse error and its red error markup, not an exception."""
    bad = Formula("\\frac{1}{", False)
    done = typesetter.typeset([bad])[bad]
    assert "parse error" in done.error
    assert 'class="katex-error"' in done.html


def test_typesetter_reports_what_katex_warns_of(typesetter) -> None:
    """Assert KaTeX's strict-mode complaints (here, accented text in maths) come back as warnings."""
    odd = Formula("é", False)
    done = typesetter.typeset([odd])[odd]
    assert done.error is None
    assert len(done.warnings) == 1 and "unicodeTextInMathMode" in done.warnings[0]


def test_typesetter_typesets_a_repeat_once_and_alike(typesetter) -> None:
    """Assert repeats give one entry, and a second KaTeX gives byte-identical markup."""
    formula = Formula("\\delta^{(3)}_1 = \\Theta^{(3)}_{11}", False)
    first = typesetter.typeset([formula, formula, formula])
    assert list(first) == [formula]
    other = hook.Typesetter(SCRIPT)
    try:
        assert other.typeset([formula]) == first
    finally:
        other.close()


def test_typesetter_needs_mini_racer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert a missing mini-racer is a build error saying how to install it."""
    monkeypatch.setitem(sys.modules, "py_mini_racer", None)
    with pytest.raises(PluginError, match=r"mini-racer.*\.\[docs\]"):
        hook.Typesetter(SCRIPT)


def test_typesetter_reports_a_failed_process(tmp_path) -> None:
    """Assert KaTeX's process failing (here, no script to load) is an error with what it printed,
    for every batch after it too."""
    typesetter = hook.Typesetter(tmp_path / "missing.js")
    try:
        for _ in range(2):
            with pytest.raises(RuntimeError, match=r"(?s)failed.*FileNotFoundError.*missing\.js"):
                typesetter.typeset([Formula("x", False)])
    finally:
        typesetter.close()


def test_serve_answers_one_line_per_batch() -> None:
    """Assert the process's loop answers each JSON line with one line, in order."""
    requests = io.StringIO('[["a", false]]\n[["b", true], ["c", false]]\n')
    answers = io.StringIO()
    hook.serve(SCRIPT, requests, answers)
    lines = answers.getvalue().splitlines()
    assert [len(json.loads(line)) for line in lines] == [1, 2]
    second = json.loads(lines[1])
    assert second[0][0].startswith('<span class="katex-display">')
    assert "<mi>c</mi>" in second[1][0]


def test_the_hook_typesets_a_page_between_its_events() -> None:
    """Assert the events in a build's order leave the page's maths typeset and nothing pending."""
    config = SimpleNamespace(docs_dir=str(ROOT / "docs"))
    content = '<p>Cost <span class="arithmatex">\\(J(\\Theta)\\)</span>.</p>'
    hook.on_config(config)
    try:
        assert hook.on_page_content(content, page=page(), config=config, files=None) is None
        output = hook.on_post_page(f"<head></head>{content}", page=page(), config=config)
    finally:
        hook.on_post_build(config=config)
    fonts = '<link rel="preload" href="../assets/katex/fonts/KaTeX_Main-Regular.woff2"'
    assert output.startswith(f"<head>{fonts}")
    assert '</head><p>Cost <span class="arithmatex"><span class="katex">' in output
    assert output.endswith("</span></span>.</p>")
    assert MATHML in output and "\\(" not in output
    assert hook._typesetter is None and hook._pending == {}


def test_the_hook_names_the_page_and_formula_katex_refuses(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Assert bad TeX is logged as an error (which fails a strict build) naming page and formula,
    and formulas the template adds (not seen in the page's content) are typeset too."""
    config = SimpleNamespace(docs_dir=str(ROOT / "docs"))
    content = '<div class="arithmatex">\\[\\frac{1}{2\\]</div>'
    hook.on_config(config)
    try:
        hook.on_page_content(content, page=page("cost.md"), config=config, files=None)
        extra = '<span class="arithmatex">\\(\\sqrt{2}\\)</span>'
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.katex"):
            output = hook.on_post_page(
                "<head></head>" + content + extra, page=page("cost.md"), config=config
            )
    finally:
        hook.on_build_error(error=RuntimeError("build stopped"))
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "cost.md" in errors[0] and "$$\\frac{1}{2$$" in errors[0]
    assert 'class="katex-error"' in output
    assert output.count(MATHML) == 1  # the added formula, typeset
    assert hook._typesetter is None
