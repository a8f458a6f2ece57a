# retold: one directed pipeline from a corpus folder to a rendered report.
#   corpus (data/corpora/...) -> tables (reports/tables/*.csv) -> executed notebooks -> HTML editions + index
# Every target bootstraps .venv from the pinned lock file when needed.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
CORPUS ?= data/corpora/kremlin-talks-2022-12-02
REPORT_DIR ?= reports
LEXICON ?= data/lexicons/loaded_terms.yml
NAMING ?= data/lexicons/naming.yml
SPEAKERS ?= data/lexicons/speakers.yml
JOBS ?= 2

PARAMS_FILE := $(REPORT_DIR)/.params
TABLES_STAMP := $(REPORT_DIR)/tables/.built
REPORT_STAMP := $(REPORT_DIR)/.built
CORPUS_FILES := $(shell find $(CORPUS) -type f 2>/dev/null)
LEXICON_FILES := $(wildcard $(LEXICON) $(NAMING) $(SPEAKERS))
SRC_FILES := $(shell find src -name '*.py' -o -name '*.j2' -o -name '*.css' 2>/dev/null)
NOTEBOOKS := $(wildcard notebooks/*.ipynb)
ANALYSIS_ARGS := --lexicon $(LEXICON) --naming $(NAMING) --speakers $(SPEAKERS)

.PHONY: FORCE help venv tables report lab test bench handout check lock clean

help: ## List the targets (default)
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-9s\033[0m %s\n", $$1, $$2}'
	@echo "  Variables: CORPUS=$(CORPUS) REPORT_DIR=$(REPORT_DIR) LEXICON=$(LEXICON)"

$(VENV)/.ready: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	@touch $@

venv: $(VENV)/.ready ## Build .venv from the pinned lock file

check: $(VENV)/.ready ## Validate the corpus and print every problem found
	$(PY) -m retold check $(CORPUS)

# Records CORPUS/LEXICON/NAMING/SPEAKERS, rewritten only when they change, so switching them rebuilds.
$(PARAMS_FILE): FORCE
	@mkdir -p $(REPORT_DIR)
	@echo '$(abspath $(CORPUS)) $(abspath $(LEXICON)) $(abspath $(NAMING)) $(abspath $(SPEAKERS))' | cmp -s - $@ \
		|| echo '$(abspath $(CORPUS)) $(abspath $(LEXICON)) $(abspath $(NAMING)) $(abspath $(SPEAKERS))' > $@

$(TABLES_STAMP): $(VENV)/.ready $(PARAMS_FILE) $(CORPUS_FILES) $(LEXICON_FILES) $(SRC_FILES)
	$(PY) -m retold tables $(CORPUS) $(REPORT_DIR)/tables $(ANALYSIS_ARGS)
	@touch $@

tables: $(TABLES_STAMP) ## Compute every table once into reports/tables/*.csv

$(REPORT_STAMP): $(TABLES_STAMP) $(NOTEBOOKS)
	$(PY) -m retold report $(CORPUS) $(REPORT_DIR) $(ANALYSIS_ARGS) --jobs $(JOBS)
	@touch $@

report: $(REPORT_STAMP) ## Run the notebooks (only those whose inputs changed) and render HTML + index.html
	@echo "Report: $(REPORT_DIR)/index.html"

lab: $(VENV)/.ready ## Open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

test: $(VENV)/.ready ## Run the test suite (unit tests and every notebook)
	$(PY) -m pytest

lock: $(VENV)/.ready ## Re-pin requirements.lock from pyproject.toml and regenerate environment.yml
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header --no-annotate -o requirements.lock
	$(PY) scripts/write_environment.py

bench: $(VENV)/.ready ## Benchmarks: report build vs papermill+nbconvert baseline, and tables at scale (bench/results/)
	$(PY) bench/report_build.py
	$(PY) bench/scale.py

handout: $(REPORT_STAMP) ## Print-ready handout of the reading edition: $(REPORT_DIR)/handout.html (+ .pdf with Chromium)
	$(PY) -m retold handout $(CORPUS) $(REPORT_DIR)

clean: ## Remove generated reports (keeps .venv; `rm -rf .venv` to rebuild it)
	rm -rf $(REPORT_DIR)
