# `make audit`: Lighthouse on every page of a strict build, as a phone sees it, plus screenshots.
"""Build the site strictly, serve it on 127.0.0.1 and run Lighthouse (mobile) on every page.

Writes each page's report (HTML and JSON) to `audit/`, and screenshots of every page (desktop
light, phone dark) to `audit/screenshots/`; prints the scores per page. Exits non-zero if any
page scores below 100 in accessibility, best practices or SEO, or below 90 in performance.

Lighthouse's simulated phone (Lantern) varies by a few points from run to run, so each page is
audited `--runs` times (3 by default) and the run with the median performance score is the one
kept and judged; the spread is printed beside it.

Usage: python tests/audit.py [--runs N] [page ...]   (pages as paths in the site, e.g. `forward/`)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from browser_support import (
    CHROMIUM_ARGS,
    INSTALL_HINT,
    ROOT,
    discover_pages,
    find_chromium,
    meta_description,
    serve,
)
from site_build import build_site

OUT = ROOT / "audit"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Lighthouse's categories, and the lowest score (0-100) each page must reach.
MINIMUM = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
HEADINGS = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
LIGHTHOUSE_FLAGS = ["--headless=new", *(a for a in CHROMIUM_ARGS if a != "--headless")]


def report_name(page: str) -> str:
    """Return the file name a page's reports get: `index`, `forward`, `reference-api`."""
    return page.strip("/").replace("/", "-") or "index"


def lighthouse(url: str, out: Path, chromium: str) -> dict:
    """Run Lighthouse's default (mobile) audit of `url`; write HTML and JSON; return the JSON."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        f"--only-categories={','.join(MINIMUM)}",
        f"--chrome-flags={' '.join(LIGHTHOUSE_FLAGS)}",
    ]
    result = subprocess.run(
        command, env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True
    )
    report = out.parent / f"{out.name}.report.json"
    if result.returncode != 0 or not report.is_file():
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stdout}{result.stderr}")
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """Return the audits that cost a category below its minimum, one line each."""
    lines = []
    for name, category in report["categories"].items():
        if round(100 * (category["score"] or 0)) >= MINIMUM[name]:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"{HEADINGS[name]}: {audit['title']}{value}, score {audit['score']}")
    return lines


def screenshots(server, pages: list[str], chromium: str, out: Path) -> None:
    """Save a full-page screenshot of every page: desktop in light, phone in dark."""
    from playwright.sync_api import sync_playwright

    views = {
        "desktop-light": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"},
        "phone-dark": {
            "viewport": {"width": 375, "height": 740},
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 2,
            "color_scheme": "dark",
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for view, options in views.items():
            context = browser.new_context(**options, reduced_motion="reduce")
            for page in pages:
                tab = context.new_page()
                tab.goto(server.url(page), wait_until="networkidle")
                tab.evaluate("document.fonts.ready.then(() => true)")
                tab.screenshot(path=out / f"{report_name(page)}-{view}.png", full_page=True)
                tab.close()
            context.close()
        browser.close()


def median_report(url: str, name: str, runs: int, chromium: str) -> tuple[dict, tuple[int, int]]:
    """Audit `url` `runs` times; keep the run with the median performance score as
    `audit/<name>.report.{json,html}`; return its report and the lowest and highest scores."""
    results = []
    for run in range(runs):
        out = OUT / f"{name}-run{run}"
        report = lighthouse(url, out, chromium)
        results.append((report["categories"]["performance"]["score"] or 0, run, report))
    results.sort(key=lambda result: result[:2])
    _, kept, report = results[len(results) // 2]
    for run in range(runs):
        for suffix in (".report.json", ".report.html"):
            produced = OUT / f"{name}-run{run}{suffix}"
            if run == kept:
                shutil.move(produced, OUT / f"{name}{suffix}")
            else:
                produced.unlink()
    low, high = (round(100 * results[i][0]) for i in (0, -1))
    return report, (low, high)


def main(selected: list[str], runs: int = 3) -> int:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit(f"no Chromium found: {INSTALL_HINT}")
    if not LIGHTHOUSE.exists():
        raise SystemExit("no Lighthouse in node_modules: run `npm ci` (make audit does)")
    OUT.mkdir(exist_ok=True)
    problems: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="audit-site-") as folder:
        built = Path(folder)
        result = build_site(built)
        if result.returncode != 0:
            raise SystemExit(f"the strict build failed:\n{result.stdout}{result.stderr}")
        pages = [page for page in discover_pages(built) if not selected or page in selected]
        descriptions = {
            page: meta_description((built / page / "index.html").read_text(encoding="utf-8"))
            for page in discover_pages(built)
        }
        with serve(built) as server:
            print(f"  {'page':<26}" + "".join(f"{HEADINGS[name]:>6}" for name in MINIMUM))
            for page in pages:
                report, spread = median_report(server.url(page), report_name(page), runs, chromium)
                scores = {
                    n: round(100 * (c["score"] or 0)) for n, c in report["categories"].items()
                }
                low = any(scores[name] < minimum for name, minimum in MINIMUM.items())
                if low:
                    problems[page] = shortfalls(report)
                row = "".join(f"{scores[name]:>6}" for name in MINIMUM)
                note = f"   (perf {spread[0]}-{spread[1]} in {runs} runs)" if runs > 1 else ""
                note += "   below the minimum" if low else ""
                print(f"  /{page:<25}{row}{note}", flush=True)
            screenshots(server, pages, chromium, OUT / "screenshots")
    print(f"\nReports in audit/, screenshots in audit/screenshots/ ({len(pages)} pages).")
    generic = [
        p for p in pages if not descriptions[p] or (p and descriptions[p] == descriptions[""])
    ]
    if generic:
        print("Pages without a description of their own (front matter `description:`):")
        print("".join(f"  /{page}\n" for page in generic), end="")
    if problems:
        minimum = ", ".join(f"{HEADINGS[name]} {value}" for name, value in MINIMUM.items())
        print(f"\nBelow the minimum ({minimum}):")
        for page, lines in problems.items():
            print(f"  /{page}")
            print("".join(f"    {line}\n" for line in lines), end="")
        return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("pages", nargs="*", help="pages to audit (default: every page)")
    arguments = parser.parse_args()
    sys.exit(main(arguments.pages, arguments.runs))
