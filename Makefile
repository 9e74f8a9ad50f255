# Two commands do everything (see README.md): `make book` and `make test`.
# Both create .venv from requirements.txt when it is missing or older than
# requirements.txt, so a fresh clone needs only Python 3.11 and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD_FLAGS := -W -n --keep-going --builder html
PORT ?= 8000

.PHONY: book test execute serve lab clean bench derive help pdf screenshots

help:
	@echo "make book     build the HTML book into _build/html (warnings are errors)"
	@echo "make test     unit tests, data checks, nbval on every notebook, build and browser tests"
	@echo "make pdf      build the PDF edition into _build/pdf/migration-counted.pdf (needs TeX: see .ci/run)"
	@echo "make screenshots  PNG of every page at desktop and phone width into _build/screenshots"
	@echo "make execute  re-run every notebook in place (in parallel), refreshing stored outputs, PNGs stripped"
	@echo "make serve    serve _build/html on http://localhost:$(PORT)"
	@echo "make lab      open the notebooks in JupyterLab to read and re-run them"
	@echo "make derive   re-derive the UN DESA tables from ../shared/data/un-desa"
	@echo "make bench    measure build and execution times (see BENCHMARKS.md)"
	@echo "make clean    remove _build (the virtual environment stays)"

# The virtual environment, rebuilt when the lock or the project changes.
# requirements.txt ends with `-e .`: the project is installed editable, so
# notebooks import `companion` and find the data package from any folder.
$(STAMP): requirements.txt requirements-nodeps.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-nodeps.txt
	touch $(STAMP)

# What the book is built from. The stamp below is newer than all of it after
# a successful build, so an unchanged `make book` does nothing. Folders are
# listed too: adding, removing or renaming a file changes its folder's time.
BOOK_INPUTS := _config.yml _toc.yml references.bib \
	$(shell find book/. _static/. data/. companion/. \( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -o -print)
BOOK_STAMP := _build/html/.built

book: $(BOOK_STAMP)
	@echo
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser, or run: make serve"

# First the notebooks whose code the execution cache lacks run all at once,
# two per core, in kernels forked from a process that has made their common
# imports; then Sphinx reads them from the cache and executes none.
$(BOOK_STAMP): $(STAMP) $(BOOK_INPUTS)
	$(BIN)/python -m companion.book.notebooks cache
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	@# Keep the introduction's link to the PDF edition alive once one is built.
	if [ -f _build/pdf/migration-counted.pdf ]; then cp _build/pdf/migration-counted.pdf _build/html/; fi
	touch $@

test: $(STAMP)
	$(BIN)/python -m pytest

# The PDF edition: Sphinx's LaTeX builder, then XeLaTeX (latexmk) on the
# generated book.tex, all offline. The PDF goes to _build/pdf/, and beside
# the HTML book, where the introduction links to it.
pdf: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going --builder pdflatex
	mkdir -p _build/pdf _build/html
	cp _build/latex/book.pdf _build/pdf/migration-counted.pdf
	cp _build/latex/book.pdf _build/html/migration-counted.pdf
	@echo "The PDF edition is at $(CURDIR)/_build/pdf/migration-counted.pdf"

# Every page of the built book at 1280 and 390 px wide, for review by eye.
screenshots: book
	$(BIN)/python -m tests.screenshots _build/html _build/screenshots

execute: $(STAMP)
	$(BIN)/python -m companion.book.notebooks execute

serve:
	@test -f _build/html/index.html || { echo "No built book: run make book first"; exit 1; }
	@echo "Serving on http://localhost:$(PORT) (Ctrl-C to stop)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# JupyterLab and jupyterlab-myst are pinned in requirements.txt, so `make lab`
# installs nothing and works offline once .venv exists. It opens at the first
# session, with book/ as its folder, on LAB_PORT (LAB_FLAGS=--no-browser for a
# headless machine).
# Jupyter refuses to run as root without --allow-root: given only to root.
# No announcements feed, update check or extension index: nothing is fetched.
LAB_PORT ?= 8888
LAB_FLAGS ?=
LAB_AS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=book --LabApp.default_url=/lab/tree/sessions/01-opening.ipynb \
		--port=$(LAB_PORT) --ServerApp.port_retries=0 \
		--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
		--LabApp.extension_manager=readonly $(LAB_AS_ROOT) $(LAB_FLAGS)

derive: $(STAMP)
	$(BIN)/python -m companion.derive --source "$${COMPANION_SOURCE_DATA:-../shared/data/un-desa}" --out data

bench: $(STAMP)
	$(BIN)/python -m companion.bench --record BENCHMARKS.md

clean:
	rm -rf _build
