# Serving the built site and finding Chromium: shared by the browser tests and `make audit`.
"""Helpers for driving a real browser against the built site.

- `serve(site)` serves a built site on 127.0.0.1 (a free port, a background thread) under the
  path of `site_url`, as GitHub Pages serves a project site, with its `404.html` for unknown
  paths and gzip for text, as GitHub Pages does.
- `discover_pages(site)` lists the pages from the built site itself (every `index.html`).
- `find_chromium()` finds Debian's Chromium; `CHROMIUM_ARGS` are the flags it runs with.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import os
import re
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "install Chromium with `apt-get install chromium` (Debian/Ubuntu)"


def find_chromium() -> str | None:
    """Return the path of a Chromium to drive, or None: `$CHROME_PATH`, else `chromium` on PATH."""
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def site_path(root: Path = ROOT) -> str:
    """Return the path the site is published under (`site_url`'s path, e.g. `/propagation/`)."""

    # mkdocs.yml may hold `!!python/name:` tags; only site_url matters here.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    path = urlsplit(config.get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def discover_pages(site: Path) -> list[str]:
    """Return every page of the built site as a path relative to its root (`""`, `"forward/"`).

    A page is a folder holding `index.html`; `404.html` is not a page (it answers unknown paths).
    """
    pages = []
    for index in sorted(site.rglob("index.html")):
        folder = index.parent.relative_to(site).as_posix()
        pages.append("" if folder == "." else folder + "/")
    return sorted(pages, key=lambda page: (page != "", page))


_TYPES = {
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".xml": "application/xml",
}
_COMPRESSIBLE = ("text/", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve `directory` under `prefix`, quietly, with gzip and the site's 404 page."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **_TYPES,
    }
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, directory: str, prefix: str, **kwargs) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the tests report what matters

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path + "/" == self.prefix:
            self._redirect(self.prefix)
            return
        if not path.startswith(self.prefix) or "/../" in path:
            self._send_file(Path(self.directory) / "404.html", 404)
            return
        file = Path(self.directory) / path[len(self.prefix) :]
        if file.is_dir():
            if not path.endswith("/"):
                self._redirect(path + "/")
                return
            file = file / "index.html"
        if not file.is_file():
            self._send_file(Path(self.directory) / "404.html", 404)
            return
        self._send_file(file, 200)

    def do_HEAD(self) -> None:
        self.do_GET()

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, file: Path, status: int) -> None:
        body = file.read_bytes() if file.is_file() else b"Not found"
        kind = self.guess_type(str(file))
        if kind.startswith("text/") or kind in {"application/json", "application/javascript"}:
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if kind.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        # GitHub Pages lets browsers keep files for 10 minutes.
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a browser drops a kept-alive connection; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass(frozen=True)
class Server:
    """A served site: `url(page)` is the address of a page from `discover_pages`."""

    site: Path
    origin: str  # http://127.0.0.1:<port>
    base: str  # origin + the site's path, ending with "/"

    def url(self, page: str) -> str:
        return self.base + page


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[Server]:
    """Serve the built `site` on 127.0.0.1 (a free port) from a background thread."""
    prefix = site_path() if prefix is None else prefix
    handler = partial(_Handler, directory=str(site), prefix=prefix)
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield Server(site=site, origin=origin, base=origin + prefix)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class _Prose(HTMLParser):
    """Collect the text of a page's `<article>`, leaving out code, maths, figures and scripts."""

    SKIP_TAGS = frozenset({"pre", "code", "script", "style", "svg", "math", "button", "nav"})
    SKIP_CLASSES = frozenset({"arithmatex", "headerlink", "katex"})
    VOID = frozenset(
        {
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "wbr",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element inside <article>: does it skip its text?
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if tag == "article" and not self.stack:
            self.stack.append(False)
            return
        if not self.stack:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES)
        self.stack.append(skip)
        self.skipping += skip

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in self.VOID:
            self.skipping -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and not self.skipping:
            self.parts.append(data)


def prose(html: str) -> str:
    """Return the prose of a built page: its article's text without code, maths or figures."""
    parser = _Prose()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def distinctive_words(texts: dict[str, str], length: int = 6) -> dict[str, str]:
    """Return, for each page that has one, a word of its prose found in no other page's prose.

    Parameters:
        texts: Each page's prose, by page.
        length: The shortest word to pick (short words are often stop words or stems).

    Returns:
        The page's most frequent such word (ties: alphabetical), by page.
    """
    words = {
        page: Counter(re.findall(rf"[a-z]{{{length},}}", text.lower()))
        for page, text in texts.items()
    }
    pages_with = Counter(word for counts in words.values() for word in counts)
    chosen = {}
    for page, counts in words.items():
        unique = [w for w in counts if pages_with[w] == 1]
        if unique:
            chosen[page] = min(unique, key=lambda w: (-counts[w], w))
    return chosen


class _Description(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.content: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "description" and self.content is None:
            self.content = values.get("content") or ""


def meta_description(html: str) -> str | None:
    """Return the content of a built page's `<meta name="description">`, or None."""
    parser = _Description()
    parser.feed(html)
    parser.close()
    return parser.content
