# Two commands do everything on a fresh machine:
#   make book   set up the environment and build the HTML book into _build/html
#   make test   run every check CI runs (builds the book first)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HTML := _build/html
# Wall-clock limits: a stalled kernel or browser must not hang CI.
BUILD_TIMEOUT ?= 1200
TEST_TIMEOUT ?= 1800

.PHONY: book bench test serve live clean lock setup data

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed (Node.js 18+) to install the book's front-end assets" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.package-lock.json

# The execution cache keys on notebook code only, and Sphinx re-reads only
# changed pages, so a change to the data, the bibliography (the claims
# register cites it) or the course package forces a full rebuild here.
_build/.cache-stamp: references.bib $(shell find data src -type f -not -path '*/__pycache__/*' 2>/dev/null) | setup
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p _build
	touch $@

book: setup _build/.cache-stamp
	timeout $(BUILD_TIMEOUT) $(BIN)/jupyter-book build . -n -W --keep-going
	@echo "The book is built: open $(CURDIR)/$(HTML)/index.html, or run 'make serve'."

# Performance benchmark (not a test): builds a copy of the book in a temporary
# folder (never _build/html), measures it in Chromium, writes _build/bench/report.md and report.json.
bench: setup
	$(BIN)/python benchmarks/bench.py

test: book
	timeout $(TEST_TIMEOUT) $(BIN)/python -m pytest

serve:
	@test -f $(HTML)/index.html || { echo "No built book in $(HTML): run 'make book' first." >&2; exit 1; }
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(HTML) 8000

live: setup
	$(BIN)/jupyter lab --ip=127.0.0.1 --notebook-dir=$(CURDIR)

# Recompile requirements.txt from requirements.in (needs the package index).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --no-header \
		--output-file requirements.txt requirements.in
	sed -i 's|^-e file://.*|-e .|' requirements.txt

# Regenerate the derived tables (indicators, countries) from the upstream files.
UPSTREAM ?= ../shared/data-sources
data: $(VENV)/.installed
	$(BIN)/python -m sco_course.prepare --upstream $(UPSTREAM) --out data

clean:
	rm -rf _build tests/artifacts
