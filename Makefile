# Task runner. Every target makes .venv and installs what it needs first, so on a fresh machine
# `make serve` and `make test` are the only commands a reader needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap's dates come from the last commit, not from the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
READY := $(VENV)/.ready
LIGHTHOUSE := node_modules/.bin/lighthouse
AUDIT_RUNS ?= 3

.PHONY: serve build test bench audit katex clean bytecode

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[docs,test]"
	touch $@

# The package and the build hooks byte-compiled ahead, as pip does for an installed package: where
# PYTHONDONTWRITEBYTECODE is set (this project's machines set it), every build would otherwise
# compile them again, about 30 ms of a 1.5 s build. compileall skips what is up to date, and
# Python recompiles a file changed since.
bytecode: $(READY)
	$(BIN)/python -m compileall -q propagation docs/hooks

## serve: build the site and serve it at http://127.0.0.1:8000, rebuilding on every change
serve: bytecode
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

## build: build the site strictly into site/
build: bytecode
	$(BIN)/mkdocs build --strict

## test: lint, then every test (package, site build, browser). The browser tests drive the
## system's Chromium (`apt-get install chromium`; Playwright's own browser download is not used):
## without one they are skipped, or fail when CI=true.
test: bytecode
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

## bench: print medians and ratios measured in one run
bench: bytecode
	$(BIN)/python tests/benchmarks.py

## audit: Lighthouse (phone) on every page of a strict build; reports and screenshots in audit/
## (median of AUDIT_RUNS runs per page)
audit: bytecode $(LIGHTHOUSE)
	$(BIN)/python tests/audit.py --runs $(AUDIT_RUNS)

$(LIGHTHOUSE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## katex: refresh the vendored KaTeX in docs/assets/katex from npm (version pinned in package.json):
## the script typesets the maths at build time (docs/hooks/katex.py), the stylesheet and fonts
## are served
katex:
	npm ci --no-audit --no-fund
	rm -rf docs/assets/katex && mkdir -p docs/assets/katex/fonts
	cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css docs/assets/katex/
	cp node_modules/katex/dist/fonts/*.woff2 docs/assets/katex/fonts/
	cp node_modules/katex/LICENSE docs/assets/katex/

clean:
	rm -rf $(VENV) site audit node_modules
