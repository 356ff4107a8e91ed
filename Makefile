# Two commands do everything on a fresh machine:
#   make book   set up the environment and build the HTML book into _build/html
#   make test   run every check CI runs (builds the book first)
# and one is quick while editing code:
#   make test-unit   the tests that need neither a built book nor a browser
# Others: make live (JupyterLab), make pdf (the book on paper), make student and
# make instructor (the editions to hand out), make serve, make bench (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HTML := _build/html
# Notebooks run before the Sphinx build, this many at a time (default: one per core).
JOBS ?=
# Wall-clock limits, in seconds: a stalled kernel or browser must not hang CI. Running the
# notebooks takes about 35 s on 2 idle cores, the Sphinx build about 15 s once they are
# cached, the whole test suite about 12 minutes; each limit leaves room for a busy machine.
# Inside the suite, pytest-timeout stops a single test (pyproject.toml: 300 s unless a test
# says otherwise), and every subprocess a test starts has a shorter limit of its own.
EXECUTE_TIMEOUT ?= 900
BUILD_TIMEOUT ?= 1200
TEST_TIMEOUT ?= 3600
UNIT_TEST_TIMEOUT ?= 300

.PHONY: book pdf bench test test-unit serve live clean lock setup setup-python setup-node data student instructor

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

# The notebooks need only Python (make live, make student); the book build needs Node.js too.
setup-python: $(VENV)/.installed
setup-node: node_modules/.package-lock.json
setup: setup-python setup-node

# The execution cache keys on notebook code only, and Sphinx re-reads only
# changed pages, so a change to the data, the bibliography (the claims
# register cites it) or the course package forces a full rebuild here. The
# HTML goes too, so that no file an earlier build wrote outlives it (such as
# the widget embed manager, copied only when a page needs it).
_build/.cache-stamp: references.bib $(shell find data src -type f -not -path '*/__pycache__/*' 2>/dev/null) | setup
	rm -rf _build/.jupyter_cache _build/.doctrees $(HTML) _build/jupyter_execute
	mkdir -p _build
	touch $@

# The two editions (make student, make instructor) go into the book too, as
# $(HTML)/downloads/*.zip, linked from the landing page and the instructor guide, so
# that they download from wherever the book is served; they are remade only when what
# they are made from changes (about 4 s for the two).
EDITION_ZIPS := _build/editions/sco-course-student.zip _build/editions/sco-course-instructor.zip
EDITION_SOURCES := $(shell find chapters data src booktools -type f -not -path '*/__pycache__/*' \
	-not -path '*/.ipynb_checkpoints/*' 2>/dev/null) _toc.yml requirements.txt pyproject.toml references.bib \
	LICENSE LICENSE-content.md CITATION.cff
_build/editions/sco-course-%.zip: $(EDITION_SOURCES) | setup
	$(BIN)/python -m booktools.editions $*

# The notebooks the execution cache lacks run first, in parallel, into that cache
# (booktools/execute.py; a failing cell stops here, naming the notebook); the
# Sphinx build then reads every notebook from the cache and executes none.
book: setup _build/.cache-stamp $(EDITION_ZIPS)
	timeout $(EXECUTE_TIMEOUT) $(BIN)/python -m booktools.execute . $(if $(JOBS),--jobs $(JOBS))
	timeout $(BUILD_TIMEOUT) $(BIN)/jupyter-book build . -n -W --keep-going
	mkdir -p $(HTML)/downloads
	cp $(EDITION_ZIPS) $(HTML)/downloads/
	@echo "The book is built: open $(CURDIR)/$(HTML)/index.html, or run 'make serve'."

# The book on paper (booktools/pdf.py): the whole book and one PDF per chapter, printed by
# the system Chromium into _build/pdf/student/; EDITION=instructor prints the solutions too,
# into _build/pdf/instructor/ (EDITION=both: the two).
EDITION ?= student
PDF_TIMEOUT ?= 900
pdf: book
	timeout $(PDF_TIMEOUT) $(BIN)/python -m booktools.pdf --edition $(EDITION)

# Performance benchmark (not a test): builds a copy of the book in a temporary
# folder (never _build/html), measures it in Chromium, writes _build/bench/report.md and report.json.
bench: setup
	$(BIN)/python -m benchmarks

# Everything CI checks; the 15 slowest tests are listed at the end.
test: book
	timeout $(TEST_TIMEOUT) $(BIN)/python -m pytest --durations=15

# Unit tests only (no book build, no browser): about 20 s.
test-unit: setup
	timeout $(UNIT_TEST_TIMEOUT) $(BIN)/python -m pytest -m "unit and not slow" --durations=5

serve:
	$(BIN)/python -m booktools.server $(HTML) --port 8000

# JupyterLab on 127.0.0.1 (LIVE_PORT, or a free port if taken); prints the address with its token.
LIVE_PORT ?= 8888
live: setup-python
	$(BIN)/python -m booktools.live --port $(LIVE_PORT) --notebook-dir $(CURDIR)

# Zips a student can run anywhere with Python: the notebooks (without solutions, or with
# them and the answer keys), data/, the course package, pinned requirements, a README, and
# Leaflet from node_modules (so the maps draw offline; hence setup, not setup-python).
student: setup
	$(BIN)/python -m booktools.editions student
instructor: setup
	$(BIN)/python -m booktools.editions instructor

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
