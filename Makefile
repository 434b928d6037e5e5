# Putin and NATO: a reproducible research book.
#   make book      set up, execute every chapter and build the HTML book into _build/html
#   make test      set up, lint (ruff) and run every test (the strict book build and the browser tests included)
#   make validate  check every table in data/ against its schema and the bibliography
#   make bench     measure build times, chapter run times and page weights (a report, not a test)
#   make lab       open the chapters as notebooks in JupyterLab
#   make slides    the session deck (in the order of teaching/plan.yml) and the chapter decks, in _build/slides (offline; needs npm)
#   make pdf       the student handout, the lecturer's guide, the whole book and the student edition, in _build/pdf (needs Chromium)
#   make clean     remove the build and the execution cache (keeps the virtual environment)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB_FLAGS := --warningiserror --nitpick --keep-going

.PHONY: book test validate bench clean distclean setup lock lab slides pdf FORCE

# The virtual environment belongs to the folder it was made in: its commands start its Python by
# absolute path, and the editable install imports helpers and bookscripts from that folder's src/
# and scripts/. The stamp records that folder. In a copied or moved checkout the stamp names
# another folder, so the environment is made anew (emptied first), instead of silently running
# the other folder's code.
VENV_HOME := $(shell cat $(STAMP) 2>/dev/null)
ifneq ($(wildcard $(STAMP)),)
ifneq ($(VENV_HOME),$(CURDIR))
VENV_MOVED := 1
endif
endif
MOVED_NOTE := $(VENV) was made for $(or $(VENV_HOME),an unrecorded folder) and not for $(CURDIR): making it anew

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml $(if $(VENV_MOVED),FORCE)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11 (or newer)")'
	$(if $(VENV_MOVED),@echo "$(MOVED_NOTE)")
	$(PYTHON) -m venv $(if $(VENV_MOVED),--clear )$(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@echo '$(CURDIR)' > $(STAMP)

FORCE:

book: $(STAMP)
	@$(BIN)/python -m helpers.validate --stale-build _build/html
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo
	@echo "The book is built. Open it in a browser: file://$(CURDIR)/_build/html/index.html"

validate: $(STAMP)
	$(BIN)/python -m helpers.validate

LINTED := src scripts _ext bench tests

test: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

$(VENV)/.lab-installed: $(STAMP) requirements-lab.txt scripts/lab_settings.py
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt
	$(BIN)/book-lab-settings
	@touch $@

# JupyterLab refuses to start as root unless told to; containers and Binder-like machines run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# JupyterLab serves the repository, as Binder does, and opens on chapters/: a chapter's exercises
# edit files in data/, and saving a chapter finds the jupytext settings in pyproject.toml.
lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/chapters $(ROOT_FLAG)

slides: $(STAMP)
	$(BIN)/book-slides

pdf: $(STAMP)
	$(BIN)/book-pdf

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV)

# The pins are resolved from requirements.in by uv (a real locker: the same input gives the same
# pins, and a dependency removed from requirements.in leaves the lock), for Python 3.11. The lab
# lock (JupyterLab, for make lab and Binder) is resolved with the book's pins as constraints.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11 --custom-compile-command "make lock" --quiet
	$(BIN)/uv pip compile requirements-lab.in -o requirements-lab.txt --python-version 3.11 --constraint requirements.txt --custom-compile-command "make lock" --quiet
