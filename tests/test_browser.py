"""The built site in a real Chromium: every page, on a desktop and a phone, light and dark.

The site is built strictly once, served on 127.0.0.1, and each page is loaded once per view
(desktop or phone, light or dark palette); the tests then assert on what each load recorded:
console and network, images and figures, maths, layout, axe-core's accessibility rules, search.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    INSTALL_HINT,
    Server,
    discover_pages,
    distinctive_words,
    find_chromium,
    prose,
    serve,
)
from site_build import build_site

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class View:
    """A browser window: its size and device, and the palette the system asks for."""

    name: str
    width: int
    height: int
    phone: bool
    scheme: str  # "light" or "dark": prefers-color-scheme

    @property
    def palette(self) -> str:
        """Return the mkdocs-material scheme this view must show (mkdocs.yml's palette)."""
        return "slate" if self.scheme == "dark" else "default"

    def context_options(self) -> dict[str, object]:
        options: dict[str, object] = {
            "viewport": {"width": self.width, "height": self.height},
            "color_scheme": self.scheme,
            "reduced_motion": "reduce",
        }
        if self.phone:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        return options


VIEWS = {
    view.name: view
    for view in (
        View("desktop-light", 1280, 800, phone=False, scheme="light"),
        View("desktop-dark", 1280, 800, phone=False, scheme="dark"),
        View("phone-light", 375, 740, phone=True, scheme="light"),
        View("phone-dark", 375, 740, phone=True, scheme="dark"),
    )
}
# Search is driven through the header on a desktop and through the phone's search button.
SEARCH_VIEWS = ("desktop-light", "phone-dark")
TIMEOUT_MS = 20_000


@dataclass
class Visit:
    """What one page load recorded."""

    page: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # measured in the page by FACTS_JS
    unnamed_images: list[str] = field(default_factory=list)  # from the accessibility tree
    axe: list[str] = field(default_factory=list)
    search: str | None = None  # what went wrong searching for the page's own word, if anything
    searched: bool = False


# Measured inside the page once it has loaded and rendered its maths.
FACTS_JS = """
(width) => {
  const article = document.querySelector("article");
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const positioned = (el) => /absolute|fixed/.test(getComputedStyle(el).position);
  // Is `el` clipped by a box inside the window? Walk up its containing blocks (an absolutely
  // positioned box escapes every scroller between it and its containing block).
  const held = (el) => {
    for (let up = el; up && up !== document.body; ) {
      up = up instanceof HTMLElement && positioned(up) ? up.offsetParent : up.parentElement;
      if (up && up !== document.body && getComputedStyle(up).overflowX !== "visible"
          && up.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  // Anything that sticks out past the window's right edge, unless a box inside it clips it.
  const sticksOut = [];
  for (const el of document.body.querySelectorAll("*:not(svg *)")) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 1 || getComputedStyle(el).position === "fixed") continue;
    if (!visible(el) || held(el)) continue;
    const name = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    sticksOut.push(`${el.tagName.toLowerCase()}${name} (right edge at ${Math.round(box.right)} px)`);
  }
  // Text the reader sees in the article, outside code and rendered maths.
  const texts = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("pre, code, script, style, .katex, svg, .md-code__nav")) continue;
    texts.push(node.textContent);
  }
  return {
    palette: document.body.getAttribute("data-md-color-scheme"),
    scrollWidth: document.documentElement.scrollWidth,
    sticksOut: sticksOut.slice(0, 10),
    images: [...document.images].map((img) => ({
      src: img.currentSrc || img.src,
      loaded: img.complete && img.naturalWidth > 0,
      alt: img.getAttribute("alt"),
    })),
    figures: [...document.querySelectorAll("svg.pp-figure")].map((svg) => ({
      id: svg.id,
      role: svg.getAttribute("role"),
      label: (svg.getAttribute("aria-label") || "").trim(),
    })),
    maths: document.querySelectorAll(".arithmatex").length,
    unrendered: [...document.querySelectorAll(".arithmatex")]
      .filter((el) => !el.querySelector(".katex"))
      .map((el) => el.textContent.trim().slice(0, 60)),
    katexErrors: [...document.querySelectorAll(".katex-error")].map((el) => el.title || el.textContent),
    strayKatex: [...document.querySelectorAll(".katex")]
      .filter((el) => !el.closest(".arithmatex"))
      .map((el) => el.textContent.trim().slice(0, 60)),
    text: texts.join(""),
    links: [...article.querySelectorAll("a[href]")].map((a) => a.href),
    descriptions: [...document.querySelectorAll('meta[name="description"]')].map((meta) => ({
      content: meta.content,
      attributes: [...meta.attributes].map((a) => a.name).sort(),
    })),
  };
}
"""

# Show the k-th tab of every tab set that has one (Source/Result tabs are linked: one click
# switches them all); return how many sets changed.
SHOW_TAB_JS = """
(k) => {
  let shown = 0;
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const labels = set.querySelectorAll(":scope > .tabbed-labels > label");
    if (labels.length > k) { labels[k].click(); shown += 1; }
  }
  return shown;
}
"""
MAX_TABS_JS = """
() => Math.max(0, ...[...document.querySelectorAll(".tabbed-set")].map(
  (set) => set.querySelectorAll(":scope > .tabbed-labels > label").length))
"""
# Raw TeX the reader would see: a dollar sign, or \\( \\) \\[ \\] left in the text.
RAW_TEX = re.compile(r"\$|\\[()\[\]]")


# Fixtures: one strict build, one server and one browser per session -------------------------


@pytest.fixture(scope="session")
def chromium() -> str:
    """Return Chromium's path; skip without it (fail on CI, where it must be installed)."""
    path = find_chromium()
    if path is None:
        message = f"no Chromium found for the browser tests: {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Path:
    """Build the site strictly (warnings are errors, nothing hidden), once per session."""
    dest = tmp_path_factory.mktemp("browser-site")
    result = build_site(dest)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).splitlines()
        named = [line for line in output if line.startswith(("WARNING", "ERROR", "Aborted"))]
        pytest.fail("the strict build failed:\n" + "\n".join(named or output[-20:]), False)
    return dest


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[Server]:
    """Serve the built site on 127.0.0.1 from a background thread."""
    with serve(built_site) as running:
        yield running


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    """Return every page of the built site, found in the site itself (not a hand-kept list)."""
    found = discover_pages(built_site)
    assert "" in found and len(found) > 1, f"pages found in the built site: {found}"
    return found


@pytest.fixture(scope="session")
def search_words(built_site: Path, pages: list[str]) -> dict[str, str]:
    """Return, for each page with enough prose, a word of its body that no other page has."""
    texts = {page: prose((built_site / page / "index.html").read_text("utf-8")) for page in pages}
    return distinctive_words(texts)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    """Launch one headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe() -> object:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="session")
def visits(
    browser, axe, server: Server, pages: list[str], search_words: dict[str, str]
) -> Callable[[str], dict[str, Visit]]:
    """Return `visit(view)`: every page loaded in that view (one context), recorded once."""
    done: dict[str, dict[str, Visit]] = {}

    def visit(name: str) -> dict[str, Visit]:
        if name not in done:
            view = VIEWS[name]
            context = browser.new_context(**view.context_options())
            context.set_default_timeout(TIMEOUT_MS)
            try:
                done[name] = {
                    page: load(context, axe, server, view, page, search_words.get(page))
                    for page in pages
                }
            finally:
                context.close()
        return done[name]

    return visit


def load(context, axe, server: Server, view: View, page: str, word: str | None) -> Visit:
    """Load one page in `context` and record everything the tests assert on."""
    visit = Visit(page)
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: (
            visit.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    tab.on("request", lambda request: visit.requests.append(request.url))
    tab.on(
        "requestfailed",
        lambda request: visit.failed_requests.append(f"{request.url}: {request.failure}"),
    )
    tab.on(
        "response",
        lambda response: (
            visit.failed_requests.append(f"{response.url}: HTTP {response.status}")
            if response.status >= 400
            else None
        ),
    )
    try:
        tab.goto(server.url(page), wait_until="networkidle")
        tab.evaluate("document.fonts.ready.then(() => true)")
        visit.facts = tab.evaluate(FACTS_JS, view.width)
        visit.unnamed_images = unnamed_images(context, tab)
        visit.axe = axe_violations(axe, tab)
        # Content behind the other tabs (Source/Result) is hidden at load: show each in turn
        # and check it too, on the phone for width as well.
        for k in range(1, tab.evaluate(MAX_TABS_JS)):
            tab.evaluate(SHOW_TAB_JS, k)
            tab.wait_for_timeout(50)
            facts = tab.evaluate(FACTS_JS, view.width)
            visit.facts["sticksOut"] += [f"(tab {k + 1}) {e}" for e in facts["sticksOut"]]
            visit.facts["scrollWidth"] = max(visit.facts["scrollWidth"], facts["scrollWidth"])
            visit.axe += [f"(tab {k + 1}) {v}" for v in axe_violations(axe, tab, ".tabbed-set")]
        if word and view.name in SEARCH_VIEWS:
            visit.searched = True
            visit.search = search_for(tab, view, server, page, word)
    finally:
        tab.close()
    return visit


def axe_violations(axe, tab, context: str | None = None) -> list[str]:
    """Return axe-core's violations on the page as it is now (or in the elements `context`
    selects), one line per rule and element."""
    lines = []
    for violation in axe.run(tab, context=context).response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            summary = (node.get("failureSummary") or violation["help"]).splitlines()
            detail = "; ".join(line.strip() for line in summary[1:]) or summary[0]
            if violation["id"] in {"empty-table-header", "empty-heading"}:
                detail += " (empty, or only a formula, which axe cannot read: add a word)"
            lines.append(f"{violation['id']} ({violation['impact']}) at {target}: {detail}")
    return lines


def unnamed_images(context, tab) -> list[str]:
    """Return the images of the browser's accessibility tree that have no name."""
    session = context.new_cdp_session(tab)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
        unnamed = []
        for node in nodes:
            role = node.get("role", {}).get("value")
            name = str(node.get("name", {}).get("value", "")).strip()
            if node.get("ignored") or role not in {"image", "img", "graphics-document"} or name:
                continue
            element = session.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})
            described = session.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": element["object"]["objectId"],
                    "functionDeclaration": "function () { return this.outerHTML.slice(0, 120) }",
                    "returnByValue": True,
                },
            )
            unnamed.append(described["result"]["value"])
        return unnamed
    finally:
        session.detach()


def search_for(tab, view: View, server: Server, page: str, word: str) -> str | None:
    """Search with the theme's search box; return None if a result links to `page`, else why not."""
    tab.evaluate("window.scrollTo(0, 0)")
    if view.phone:
        tab.locator('label.md-header__button[for="__search"]').click()
    else:
        tab.locator(".md-search__input").click()
    query = tab.locator(".md-search__input")
    query.press_sequentially(word)
    links = tab.locator(".md-search-result__list a.md-search-result__link")
    try:
        links.first.wait_for(state="attached", timeout=TIMEOUT_MS)
    except Exception:
        meta = tab.locator(".md-search-result__meta").inner_text()
        return f"searching {word!r} gave no results ({meta.strip()})"
    wanted = urlsplit(server.url(page)).path
    found = [urlsplit(href).path for href in links.evaluate_all("(as) => as.map((a) => a.href)")]
    if wanted not in found:
        return f"searching {word!r} listed {found}, not {wanted}"
    return None


def assert_clean(visits: dict[str, Visit], problems: Callable[[Visit], list[str]]) -> None:
    """Fail listing each page's problems (a few per page), if any page has one."""
    lines = []
    for page, visit in visits.items():
        found = problems(visit)
        if found:
            lines.append(f"/{page} ({len(found)}):")
            lines += [f"    {problem}" for problem in found[:6]]
            lines += [f"    ... and {len(found) - 6} more"] if len(found) > 6 else []
    assert not lines, "\n" + "\n".join(lines)


ALL_VIEWS = pytest.mark.parametrize("view", list(VIEWS))


# Tests ----------------------------------------------------------------------------------------


@ALL_VIEWS
def test_no_console_or_page_errors(visits, view: str) -> None:
    """Assert no page logs a console error or throws an uncaught exception."""
    assert_clean(visits(view), lambda v: v.console_errors + v.page_errors)


@ALL_VIEWS
def test_every_request_succeeds(visits, view: str) -> None:
    """Assert every request a page makes succeeds (no network failure, no HTTP status >= 400)."""
    assert_clean(visits(view), lambda v: v.failed_requests)


@ALL_VIEWS
def test_nothing_is_requested_from_another_host(visits, server: Server, view: str) -> None:
    """Assert every request goes to the site's own server (data: and blob: URLs aside)."""

    def foreign(visit: Visit) -> list[str]:
        return sorted(
            {
                url
                for url in visit.requests
                if not url.startswith((server.origin + "/", "data:", "blob:"))
            }
        )

    visited = visits(view)
    assert_clean(visited, foreign)
    # The record is real: the search worker's index request is seen on every page.
    assert all(any("search_index.json" in url for url in v.requests) for v in visited.values())


@ALL_VIEWS
def test_palette_follows_the_system(visits, view: str) -> None:
    """Assert each page shows the palette the system's colour scheme asks for (slate when dark)."""
    wanted = VIEWS[view].palette
    assert_clean(
        visits(view),
        lambda v: [] if v.facts["palette"] == wanted else [f"palette is {v.facts['palette']}"],
    )


@ALL_VIEWS
def test_images_load_and_figures_are_named(visits, view: str) -> None:
    """Assert every image loads and has alt text, every figure is a named image, and the
    accessibility tree holds no image without a name (the theme's icons are hidden from it)."""

    def problems(visit: Visit) -> list[str]:
        found = []
        for img in visit.facts["images"]:
            if not img["loaded"]:
                found.append(f"image did not load: {img['src']}")
            if not (img["alt"] or "").strip():
                found.append(f"image without alt text: {img['src']}")
        for figure in visit.facts["figures"]:
            if figure["role"] != "img" or not figure["label"]:
                found.append(f"figure {figure['id']!r} is not an image with an aria-label")
        found += [f"image without a name: {html}" for html in visit.unnamed_images]
        return found

    assert_clean(visits(view), problems)


@ALL_VIEWS
def test_maths_is_rendered(visits, view: str) -> None:
    """Assert every formula is typeset by KaTeX (at build time), without errors, and only where
    Markdown marked maths, and no raw TeX delimiter ($, \\(, \\[) is left in the article's text."""

    def problems(visit: Visit) -> list[str]:
        facts = visit.facts
        found = [f"not rendered: {tex}" for tex in facts["unrendered"]]
        found += [f"KaTeX error: {error}" for error in facts["katexErrors"]]
        found += [f"rendered outside a formula: {text}" for text in facts["strayKatex"]]
        for match in RAW_TEX.finditer(facts["text"]):
            start = max(0, match.start() - 30)
            found.append(f"raw TeX in the text: ...{facts['text'][start : match.end() + 30]}...")
        return found

    assert_clean(visits(view), problems)


@ALL_VIEWS
def test_nothing_scrolls_sideways(visits, view: str) -> None:
    """Assert no page is wider than the window, and nothing sticks out past its right edge
    (the theme clips the page sideways, so that would be cut off, not scrollable)."""

    def problems(visit: Visit) -> list[str]:
        facts = visit.facts
        found = list(facts["sticksOut"])
        if facts["scrollWidth"] > VIEWS[view].width:
            found.append(
                f"page is {facts['scrollWidth']} px wide in a {VIEWS[view].width} px window"
            )
        return found

    assert_clean(visits(view), problems)


@ALL_VIEWS
def test_axe_finds_no_violation(visits, view: str) -> None:
    """Assert axe-core finds no accessibility violation (WCAG 2.x A and AA, best practices),
    with every tab of every tab set shown in turn."""
    assert_clean(visits(view), lambda v: v.axe)


@pytest.mark.parametrize("view", SEARCH_VIEWS)
def test_search_finds_each_page_by_a_word_of_its_own(visits, search_words, view: str) -> None:
    """Assert the theme's search, typed into like a reader would, lists each page when given a
    word that only that page's text holds."""
    visited = visits(view)
    assert search_words, "no page has a word of its own to search for"
    assert_clean(visited, lambda v: [v.search] if v.search else [])
    assert {page for page, v in visited.items() if v.searched} == set(search_words)


def test_every_page_has_a_description(visits) -> None:
    """Assert every page has one meta description, whole (a quote in it must not cut it short)."""

    def problems(visit: Visit) -> list[str]:
        descriptions = visit.facts["descriptions"]
        if len(descriptions) != 1:
            return [f"{len(descriptions)} meta descriptions"]
        found = []
        if descriptions[0]["attributes"] != ["content", "name"]:
            found.append(f"description split into attributes {descriptions[0]['attributes']}")
        if len(descriptions[0]["content"].strip()) < 20:
            found.append(f"description too short: {descriptions[0]['content']!r}")
        return found

    assert_clean(visits("desktop-light"), problems)


def test_links_within_the_site_resolve(visits, server: Server, built_site: Path) -> None:
    """Assert every link in a page's text that stays on the site reaches a built page, and its
    #fragment an element of that page (Markdown that a block prints is not checked by mkdocs)."""
    ids: dict[Path, set[str]] = {}

    def target(url: str) -> str | None:
        """Return why `url` does not resolve, or None."""
        parts = urlsplit(url)
        if not parts.path.startswith(urlsplit(server.base).path):
            return "outside the site"
        file = built_site / unquote(parts.path[len(urlsplit(server.base).path) :])
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            if file.suffix == ".md":
                return (
                    "no such page (mkdocs rewrites .md links in a page's Markdown, not in what a"
                    " block prints: link to the built page, e.g. ../forward/#section)"
                )
            return "no such page"
        if parts.fragment and file.suffix == ".html":
            if file not in ids:
                ids[file] = set(re.findall(r'\bid="([^"]+)"', file.read_text(encoding="utf-8")))
            if unquote(parts.fragment) not in ids[file]:
                return f"no #{parts.fragment} on that page"
        return None

    def problems(visit: Visit) -> list[str]:
        found = []
        for url in dict.fromkeys(visit.facts["links"]):
            if url.startswith(server.origin + "/"):
                why = target(url)
                if why:
                    found.append(f"{url[len(server.base) :]}: {why}")
        return found

    assert_clean(visits("desktop-light"), problems)


def test_the_palette_toggle_switches_and_remembers(browser, axe, server: Server) -> None:
    """Assert the header's toggle switches light to dark, the choice survives a reload, the
    toggle is named, and axe finds no violation in the toggled palette."""
    context = browser.new_context(**VIEWS["desktop-light"].context_options())
    try:
        tab = context.new_page()
        tab.goto(server.url(""), wait_until="networkidle")
        scheme = 'document.body.getAttribute("data-md-color-scheme")'
        meta = 'document.querySelector("meta[name=%s]").content'
        assert tab.evaluate(scheme) == "default"
        toggle = tab.locator("form[data-pp-palette] label:visible")
        assert (toggle.get_attribute("title") or "").strip(), "the palette toggle has no name"
        toggle.click()
        tab.wait_for_function(f"{scheme} === 'slate'")
        tab.reload(wait_until="networkidle")
        assert tab.evaluate(scheme) == "slate"
        assert tab.evaluate(meta % "color-scheme") == "dark"
        assert axe_violations(axe, tab) == []
        tab.locator("form[data-pp-palette] label:visible").click()
        tab.wait_for_function(f"{scheme} === 'default'")
        assert tab.evaluate(meta % "color-scheme") == "light"
        # The browser's toolbar takes the header's colour: the light palette's indigo.
        header = tab.evaluate('getComputedStyle(document.querySelector("header")).backgroundColor')
        toolbar = tab.evaluate(meta % "theme-color")
        assert re.fullmatch(r"#[0-9a-f]{6}", toolbar), toolbar
        rgb = [int(toolbar[i : i + 2], 16) for i in (1, 3, 5)]
        assert header.startswith(f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]}"), (header, toolbar)
        # By keyboard: Enter on the toggle switches too.
        tab.focus("#__palette_0")
        tab.keyboard.press("Enter")
        tab.wait_for_function(f"{scheme} === 'slate'")
    finally:
        context.close()


# Records, from the first line of the page on, what restyles a whole page: a class changed on
# <html> (the theme's stylesheet makes that restyle every element), a "switching" attribute on
# <body> (`[data-md-color-switching] *`) and a color-scheme <meta> added or changed. While only
# the head and header are parsed there is next to nothing to restyle, so what counts is what
# happens once the page's <main> exists.
WHOLE_PAGE_RESTYLES = """
window.__restyles = [];
new MutationObserver((records) => {
  if (!document.querySelector("main")) return;
  for (const r of records) {
    const el = r.target;
    if (el === document.documentElement && r.attributeName === "class"
        && r.oldValue !== el.getAttribute("class")) {
      window.__restyles.push(`<html> class ${r.oldValue} -> ${el.getAttribute("class")}`);
    } else if (el === document.body && r.attributeName === "data-md-color-switching") {
      window.__restyles.push("<body> data-md-color-switching");
    } else if (r.type === "childList") {
      for (const node of r.addedNodes) {
        if (node.nodeName === "META" && node.name === "color-scheme")
          window.__restyles.push("color-scheme <meta> added");
      }
    } else if (el.nodeName === "META" && el.name === "color-scheme") {
      window.__restyles.push(`color-scheme <meta> set to ${el.content}`);
    }
  }
}).observe(document, { attributes: true, attributeOldValue: true, childList: true, subtree: true });
"""


@pytest.mark.parametrize("view", ["phone-light", "phone-dark"])
def test_loading_a_page_does_not_restyle_it_whole(browser, server: Server, view: str) -> None:
    """Assert that once <body> is parsed, loading a page (and the theme's script starting on it)
    changes nothing that makes the browser restyle every element: on the maths-heavy pages each
    such restyle is 15-30 ms of a phone's main thread (Lighthouse's total blocking time)."""
    context = browser.new_context(**VIEWS[view].context_options())
    try:
        context.add_init_script(WHOLE_PAGE_RESTYLES)
        tab = context.new_page()
        tab.goto(server.url("backward/"), wait_until="networkidle")
        # The record is real: the theme's script ran (it marks focus handling on <html>).
        assert tab.evaluate('document.documentElement.classList.contains("js-focus-visible")')
        assert tab.evaluate("window.__restyles") == []
        assert tab.evaluate('document.body.getAttribute("data-md-color-scheme")') == (
            VIEWS[view].palette
        )
    finally:
        context.close()


# Records, as the theme's script is added to the page, whether the page had been parsed and how
# many frames the browser had begun to draw (counted by requestAnimationFrame from the start).
THEME_START = """
window.__frames = 0;
(function count() { window.__frames++; requestAnimationFrame(count); })();
window.__frames = 0;
window.__themeAdded = null;
new MutationObserver(function (records, observer) {
  records.forEach(function (record) {
    record.addedNodes.forEach(function (node) {
      if (node.tagName === "SCRIPT" && /bundle\\.[0-9a-f]+\\.min\\.js$/.test(node.src)) {
        window.__themeAdded = { parsed: document.readyState !== "loading", frames: window.__frames };
        observer.disconnect();
      }
    });
  });
}).observe(document, { childList: true, subtree: true });
"""


def test_the_theme_starts_once_after_the_first_paint(browser, server: Server) -> None:
    """Assert the theme's script is added only once the page has been painted (as a plain script it
    could run first and hold the first paint back), and starts once: one copy button per code
    block, where starting twice would give two."""
    context = browser.new_context(**VIEWS["phone-light"].context_options())
    try:
        context.add_init_script(THEME_START)
        tab = context.new_page()
        tab.goto(server.url("backward/"), wait_until="networkidle")
        added = tab.evaluate("window.__themeAdded")
        assert added is not None and added["parsed"] and added["frames"] >= 1
        blocks = tab.evaluate('document.querySelectorAll("article pre > code").length')
        buttons = tab.evaluate(
            'document.querySelectorAll("article pre > .md-code__nav > [data-md-type=copy]").length'
        )
        assert blocks > 0 and buttons == blocks
    finally:
        context.close()


def test_an_unknown_address_gets_the_404_page(browser, axe, server: Server) -> None:
    """Assert a missing page answers 404 with the site's own 404 page, whose styles, scripts and
    icons all load (it links them from the site's root, as GitHub Pages serves it)."""
    context = browser.new_context(**VIEWS["phone-light"].context_options())
    failed: list[str] = []
    context.on("requestfailed", lambda request: failed.append(request.url))
    context.on(
        "response",
        lambda response: (
            failed.append(response.url)
            if response.status >= 400 and not response.url.endswith("/no-such-page/")
            else None
        ),
    )
    try:
        tab = context.new_page()
        response = tab.goto(server.url("no-such-page/"), wait_until="networkidle")
        assert response is not None and response.status == 404
        assert "404" in tab.locator("article").inner_text()
        assert tab.evaluate("getComputedStyle(document.body).display") == "flex"  # styled
        assert failed == []
        assert axe_violations(axe, tab) == []
    finally:
        context.close()


def test_the_width_check_catches_a_wide_element(browser, server: Server) -> None:
    """Assert the sideways check fails when an element is wider than the phone (it can fail)."""
    context = browser.new_context(**VIEWS["phone-light"].context_options())
    try:
        tab = context.new_page()
        tab.goto(server.url(""), wait_until="networkidle")
        tab.evaluate("document.querySelector('article p, article h1').style.width = '900px'")
        facts = tab.evaluate(FACTS_JS, VIEWS["phone-light"].width)
        assert facts["sticksOut"] != [] or facts["scrollWidth"] > VIEWS["phone-light"].width
    finally:
        context.close()
