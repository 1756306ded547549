"""The site: a strict, deterministic build whose every page carries the example's numbers."""

from __future__ import annotations

import html
import inspect
import json
import re
from pathlib import Path

import numpy as np
import pytest
from browser_support import discover_pages, prose
from mkdocstrings_handlers.python import PythonOptions
from site_build import ROOT, build_site, copy_project

import propagation as pp
from propagation.tables import fmt

pytestmark = pytest.mark.site

PAGES = [
    "index.html",
    "forward/index.html",
    "cost/index.html",
    "delta/index.html",
    "backward/index.html",
    "gradients/index.html",
    "gradient-checking/index.html",
    "vectorized/index.html",
    "training/index.html",
    "notation/index.html",
    "reference/api/index.html",
]
# Raw TeX a reader would see: a dollar sign, or \\( \\) \\[ \\] left in the text.
RAW_TEX = re.compile(r"\$|\\[()\[\]]")
MEASURED = re.compile(r'(<span class="pp-measured"[^>]*>).*?(</span>)', re.S)


def files_that_differ(site: Path, other: Path) -> list[str]:
    """Return the files of two builds that differ, measured timings aside (the one thing meant to
    vary), after asserting both builds wrote the same files."""
    names = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    different = []
    for name in names:
        a, b = (site / name).read_bytes(), (other / name).read_bytes()
        if a != b and name.suffix in {".html", ".json"}:
            a, b = (MEASURED.sub(r"\1\2", x.decode()) for x in (a, b))
        if a != b:
            different.append(str(name))
    return different


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's site strictly, once for this module."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def page_text(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def page_words(site: Path, page: str) -> str:
    """Return a built page's text without its markup: typeset maths carries numbers of its own in
    its attributes (`margin-right:0.05724em`), which are not numbers the page shows."""
    return re.sub(r"<[^>]*>", " ", page_text(site, page))


def example_numbers(example: pp.LectureExample) -> dict[str, set[str]]:
    """Return the example's computed numbers, written as the pages write them, by kind."""
    net, x, y = example
    fwd, bwd = net.forward(x), net.backward(x, y)
    L = net.L
    return {
        "forward": {fmt(v) for l in range(2, L + 1) for v in (*fwd.z(l), *fwd.a(l))},
        "deltas": {fmt(v) for l in range(2, L + 1) for v in bwd.delta(l)},
        "gradients": {fmt(v) for g in bwd.grads for v in g.ravel()},
        "cost": {fmt(bwd.cost)},
    }


def test_every_page_is_built(site: Path) -> None:
    """Assert every page of the nav exists in the built site (a block calling sys.exit would not)."""
    missing = [page for page in PAGES if not (site / page).is_file()]
    assert missing == []


def test_the_site_publishes_no_build_sources(site: Path) -> None:
    """Assert the built site holds none of what only builds it: templates, hooks, snippets,
    READMEs, KaTeX's script (the theme copies any file of its folders that is not a page)."""
    sources = [
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file()
        and (p.suffix in {".jinja", ".py", ".md"} or p.name.lower() == "katex.min.js")
    ]
    assert sources == []
    assert (site / "reference/api/index.html").is_file()  # the templates' page is there


@pytest.mark.parametrize(
    ("page", "kinds"),
    [
        ("index.html", ["forward"]),
        ("forward/index.html", ["forward"]),
        ("cost/index.html", ["cost"]),
        ("delta/index.html", ["deltas"]),
        ("backward/index.html", ["deltas"]),
        ("gradients/index.html", ["gradients"]),
        ("gradient-checking/index.html", ["gradients"]),
    ],
)
def test_pages_carry_the_example_numbers(site: Path, page: str, kinds: list[str]) -> None:
    """Assert each page shows every number of its kind computed for the lecture example."""
    text = page_words(site, page)
    numbers = example_numbers(pp.lecture_example())
    missing = sorted(n for kind in kinds for n in numbers[kind] if n not in text)
    assert missing == [], f"{page} lacks {missing}"


def test_changing_one_weight_changes_every_page(tmp_path: Path) -> None:
    """Assert that after changing Θ(2)_11 no page shows an old number and each shows its new ones."""
    before = example_numbers(pp.lecture_example())
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", package=True)
    example = project / "propagation" / "example.py"
    row = "((0.20, -0.60, 0.90),"  # the first row of Θ(2), in the file as an author edits it
    assert example.read_text(encoding="utf-8").count(row) == 1
    example.write_text(
        example.read_text(encoding="utf-8").replace(row, "((0.20, -0.55, 0.90),"), encoding="utf-8"
    )
    result = build_site(tmp_path / "site", root=project)
    assert result.returncode == 0, result.stdout + result.stderr

    weights = [np.array(t) for t in pp.example.LECTURE_WEIGHTS]
    weights[1][0, 1] = -0.55
    changed = pp.LectureExample(pp.Network(weights), pp.lecture_example().x, pp.lecture_example().y)
    after = example_numbers(changed)
    # Θ(1) did not change, so layer 2's z and a stay; everything downstream of Θ(2) moves.
    fwd = changed.network.forward(changed.x)
    unchanged = {fmt(v) for v in (*fwd.z(2), *fwd.a(2))}
    stale = {n for kind in before for n in before[kind]} - unchanged
    stale -= {n for kind in after for n in after[kind]}
    for page in PAGES:
        text = page_words(tmp_path / "site", page)
        shown = sorted(n for n in stale if n in text)
        assert shown == [], f"{page} still shows {shown} after the weight changed"
    text = page_words(tmp_path / "site", "backward/index.html")
    assert after["deltas"] <= set(re.findall(r"-?\d+\.\d{4}", text))


def test_api_page_documents_every_member(site: Path) -> None:
    """Assert the API page has a heading for every member api.md lists and renders their sections.

    The page's templates are trimmed copies (docs/mkdocstrings): this catches one that
    drops a member, a signature or a docstring section.
    """
    source = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    members = re.findall(r"^ {8}- (\w+)$", source, re.M)
    assert "train" in members and "Network" in members
    text = page_text(site, "reference/api/index.html")
    missing = [name for name in members if f'id="propagation.{name}"' not in text]
    assert missing == []
    for name in members:
        obj = getattr(pp, name)
        if inspect.isfunction(obj):
            params = inspect.signature(obj).parameters
            absent = [p for p in params if f"<b><code>{p}</code></b>" not in text]
            assert absent == [], f"{name}: parameters {absent} not listed"
    assert text.count('class="doc-signature highlight"') >= len(members)
    for title in ("Parameters:", "Returns:", "Raises:", "Examples:"):
        assert f'<span class="doc-section-title">{title}</span>' in text


def test_api_signatures_are_laid_out_to_the_line_length(site: Path) -> None:
    """Assert the API page's signatures, laid out by its own template (signature.html.jinja, no
    formatter), keep every parameter in order and every line within mkdocstrings' line length:
    one line when short enough, else the parameters on lines of their own, each with a comma when
    they need a line each."""
    width = PythonOptions().line_length
    text = page_text(site, "reference/api/index.html")
    blocks = re.findall(r'<div class="doc-signature highlight"><pre>(.*?)</pre>', text, re.S)
    signatures = {}
    for block in blocks:
        shown = html.unescape(re.sub(r"<[^>]+>", "", block)).strip()
        signatures[shown.split("(", 1)[0]] = shown
    laid_out = 0
    for name, obj in [(n, getattr(pp, n)) for n in dir(pp)] + [("random", pp.Network.random)]:
        if not (inspect.isfunction(obj) or inspect.ismethod(obj)) or name not in signatures:
            continue
        shown, params = signatures[name], list(inspect.signature(obj).parameters)
        lines = shown.split("\n")
        assert max(len(line) for line in lines) <= width, shown
        at = [shown.find(f"{p}:") for p in params]
        assert -1 not in at and at == sorted(at), f"{name}: parameters {params} not in order"
        if len(lines) == 1:
            continue
        laid_out += 1
        assert lines[0] == f"{name}(" and lines[-1].startswith(")"), shown
        middle = lines[1:-1]
        assert all(line.startswith("    ") for line in middle), shown
        if len(middle) > 1:  # one parameter (or the `*` marker) a line
            assert len(middle) == len(params) + ("*" in shown) and all(
                line.endswith(",") for line in middle
            ), shown
    assert laid_out >= 3  # train, numerical_gradient and Network.random do not fit on one line


def test_two_builds_are_identical(site: Path, tmp_path: Path) -> None:
    """Assert a second build gives byte-identical files, measured timings aside."""
    again = tmp_path / "again"
    result = build_site(again)
    assert result.returncode == 0, result.stdout + result.stderr
    assert files_that_differ(site, again) == []


def test_the_speed_hooks_change_no_file(site: Path, tmp_path: Path) -> None:
    """Assert a build without the hooks that only make it faster (figures.py: figures drawn in a
    second process, by a matplotlib without its help text; converters.py: one converter per page
    for markdown-exec) writes the same files, measured timings aside."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    hooks = ("  - docs/hooks/figures.py\n", "  - docs/hooks/converters.py\n")
    text = config.read_text(encoding="utf-8")
    assert all(hook in text for hook in hooks)
    for hook in hooks:
        text = text.replace(hook, "")
    config.write_text(text, encoding="utf-8")
    result = build_site(tmp_path / "plain", root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert files_that_differ(site, tmp_path / "plain") == []


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (
            '```python exec="true" id="fault"\nraise RuntimeError("broken example")\n```\n',
            "broken example",
        ),
        ("[a page that is not there](missing.md)\n", "missing.md"),
        (
            '```python exec="true" html="true" id="fault"\nfrom propagation import plots\n'
            'print(plots.cost_curves(figure_id="not an id"))\n```\n',
            "notation.md: plots.cost_curves failed",
        ),
    ],
)
def test_strict_build_fails_on_a_broken_page(tmp_path: Path, fault: str, message: str) -> None:
    """Assert a failing block or a broken link fails the build, naming the culprit."""
    project = copy_project(tmp_path)
    page = project / "docs" / "notation.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + fault, encoding="utf-8")
    result = build_site(tmp_path / "site", root=project)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr


def test_strict_build_fails_on_a_missing_page(tmp_path: Path) -> None:
    """Assert a page in the nav whose file is missing fails the build."""
    project = copy_project(tmp_path)
    (project / "docs" / "cost.md").unlink()
    result = build_site(tmp_path / "site", root=project)
    assert result.returncode != 0
    assert "cost.md" in result.stdout + result.stderr


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    """Assert no built page or stylesheet loads a script, style, font or image from another host."""
    loads = re.compile(
        r"""<(?:script|img|source|iframe)\b[^>]*\bsrc=["'](https?:)?//"""
        r"""|<link\b(?=[^>]*\brel=["'](?:stylesheet|preload|icon|modulepreload|preconnect))"""
        r"""[^>]*\bhref=["'](https?:)?//"""
        r"""|url\(\s*["']?(https?:)?//""",
        re.I,
    )
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".css", ".js"}:
            for match in loads.finditer(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(site)}: {match.group(0)[:80]}")
    assert offenders == []


def test_maths_is_typeset_at_build_time(site: Path) -> None:
    """Assert every page carries its maths typeset by KaTeX (HTML and MathML), with no error, no
    TeX left for a script, and no maths script at all."""
    pages = discover_pages(site)
    assert len(pages) == len(PAGES)
    formulas = 0
    for page in pages:
        text = page_text(site, page + "index.html")
        marked = re.findall(r'<(?:span|div) class="arithmatex">(.{0,60})', text)
        formulas += len(marked)
        untypeset = [start for start in marked if not start.startswith('<span class="katex')]
        assert untypeset == [], f"{page}: formulas left as TeX: {untypeset}"
        assert "katex-error" not in text, page
        assert text.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') >= len(marked), page
        raw = [m.group(0) for m in RAW_TEX.finditer(prose(text))]
        assert raw == [], f"{page}: raw TeX delimiters in the text: {raw}"
        preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', text)
        assert all((site / page / href).resolve().is_file() for href in preloaded), page
        assert bool(marked) == any(h.endswith("KaTeX_Main-Regular.woff2") for h in preloaded)
        scripts = re.findall(r"<script\b[^>]*>", text)
        assert [tag for tag in scripts if "katex" in tag or "auto-render" in tag] == [], page
    assert formulas > 0
    served = [path.name for path in site.rglob("*.js")]
    assert [name for name in served if "katex" in name or "auto-render" in name] == []


def test_tables_come_wrapped(site: Path) -> None:
    """Assert every table is wrapped by the build as the theme wraps it, and marked so that the
    theme's script leaves it be (it wraps only tables without a class)."""
    tables = 0
    for page in discover_pages(site):
        text = page_text(site, page + "index.html")
        found = re.findall(r"(.{0,70})<table\b([^>]*)>", text)
        tables += len(found)
        bare = [
            f"{before}<table{attributes}>"
            for before, attributes in found
            if not before.endswith('<div class="md-typeset__table">')
            or attributes != ' class="pp-table"'
        ]
        assert bare == [], f"{page}: {bare}"
    assert tables > 0


def test_katex_is_the_pinned_version(site: Path) -> None:
    """Assert the KaTeX that typesets the maths and the stylesheet and fonts the site serves are
    the version pinned in package.json, with KaTeX's licence beside them."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["katex"]
    script = (ROOT / "docs/assets/katex/katex.min.js").read_text(encoding="utf-8")
    assert f'version:"{pinned}"' in script.replace(" ", "")
    assert (site / "assets/katex/LICENSE").is_file()
    css = (site / "assets/katex/katex.min.css").read_text(encoding="utf-8")
    assert f'content:"{pinned}"' in css
    fonts = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert fonts and all((site / "assets/katex" / font).is_file() for font in fonts)
    assert "assets/katex/katex.min.css" in page_text(site, "forward/index.html")


def test_strict_build_fails_on_bad_maths(tmp_path: Path) -> None:
    """Assert a formula KaTeX cannot parse fails the build, naming the page and the formula."""
    project = copy_project(tmp_path)
    page = project / "docs" / "notation.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA broken formula: $\\frac{1}{\\Theta$.\n",
        encoding="utf-8",
    )
    result = build_site(tmp_path / "site", root=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(r"notation\.md.*\\frac\{1\}\{\\Theta", output), output[-2000:]


def test_no_number_is_typed_into_a_page() -> None:
    """Assert no page's prose holds a number with three or more decimals: those come from blocks."""
    typed = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        fence = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
            elif not fence and re.search(r"(?<![\w.])-?\d*\.\d{3,}(?![\w.])", line):
                typed.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert typed == []
