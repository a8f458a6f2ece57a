# retold: one directed pipeline from a corpus folder to a rendered report.
#   corpus (data/corpora/...) -> tables (reports/tables/*.csv) -> executed notebooks -> HTML editions + index
# `retold report` decides what is stale (src/retold/build/cache.py), so make only bootstraps .venv
# from the pinned lock file and passes the variables on.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
CORPUS ?= data/corpora/$(shell cat data/corpora/DEFAULT)
REPORT_DIR ?= reports
LEXICON ?=
NAMING ?=
SPEAKERS ?=
JOBS ?= 2

# Paths reach the shell through the environment ("$$CORPUS"), never pasted into the command line, so a
# path holding spaces, quotes or `;` is one argument and nothing else.
export CORPUS REPORT_DIR LEXICON NAMING SPEAKERS JOBS
ANALYSIS_ARGS := $(if $(LEXICON),--lexicon "$$LEXICON") $(if $(NAMING),--naming "$$NAMING") \
	$(if $(SPEAKERS),--speakers "$$SPEAKERS")

.PHONY: help venv import check tables report handout lab notebooks codebook test bench lock clean

help: ## List the targets (default)
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-9s\033[0m %s\n", $$1, $$2}'
	@echo "  Variables: CORPUS=$$CORPUS REPORT_DIR=$$REPORT_DIR LEXICON=$$LEXICON NAMING=$$NAMING SPEAKERS=$$SPEAKERS"

# Bytecode is compiled at install time: this environment sets PYTHONDONTWRITEBYTECODE, so without it every
# command would recompile ~1,400 modules.
$(VENV)/.ready: requirements.lock pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	$(PY) -m compileall -q src
	@touch $@

venv: $(VENV)/.ready ## Build .venv from the pinned lock file

import: $(VENV)/.ready ## Make a corpus folder: make import SOURCE=folder|file.csv|urls.txt CORPUS=new/folder
	@test -n "$(SOURCE)" || { echo "give SOURCE=... (a folder of .txt/.html, a .csv/.jsonl table or a URL list)"; exit 2; }
	@test "$(origin CORPUS)" != "file" || { echo "give CORPUS=new/folder (where the corpus is written)"; exit 2; }
	$(PY) -m retold import "$(SOURCE)" "$(CORPUS)" $(if $(FORCE),--force)

check: $(VENV)/.ready ## Validate the corpus and print every problem found
	$(PY) -m retold check "$$CORPUS"

tables: $(VENV)/.ready ## Compute every table once into $(REPORT_DIR)/tables/*.csv
	$(PY) -m retold tables "$$CORPUS" "$$REPORT_DIR/tables" $(ANALYSIS_ARGS)

report: $(VENV)/.ready ## Tables, notebooks (only those whose inputs changed), HTML editions and index.html
	$(PY) -m retold report "$$CORPUS" "$$REPORT_DIR" $(ANALYSIS_ARGS) --jobs "$$JOBS"

handout: report ## Class handout + teacher answer key: $(REPORT_DIR)/handout*.html (+ .pdf with Chromium)
	$(PY) -m retold handout "$$CORPUS" "$$REPORT_DIR"

# As root it adds --allow-root, without a display --no-browser (open the printed URL); LAB_ARGS="--ip=0.0.0.0" adds more.
lab: $(VENV)/.ready ## Open JupyterLab on the guide with the project's kernel (jupytext keeps .py/.ipynb in sync)
	$(PY) -m retold.build.lab notebooks

notebooks: $(VENV)/.ready ## Sync each notebook pair (notebooks/*.py <-> *.ipynb) after editing either side
	$(VENV)/bin/jupytext --sync notebooks/*.ipynb

codebook: $(VENV)/.ready ## Rewrite the generated part of docs/codebook.md from src/retold/data/codebook.yml
	$(PY) -m retold.codebook docs/codebook.md

test: $(VENV)/.ready ## Run the test suite (unit tests, every notebook, browser checks)
	$(PY) -m pytest

BENCH_SIZES ?= 1000,2000,5000,10000

bench: $(VENV)/.ready ## Benchmarks: report build, tables at scale (local and Dask engines), hostile inputs (bench/results/)
	$(PY) bench/report_build.py
	$(PY) bench/scale.py --engine both --sizes $(BENCH_SIZES) --compare 2000
	$(PY) bench/hostile.py

lock: $(VENV)/.ready ## Re-pin requirements.lock from pyproject.toml and regenerate environment.yml
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header --no-annotate -o requirements.lock
	$(PY) scripts/write_environment.py

# Only a folder retold recognises as its report (by its manifest) is cleaned, and only the files it wrote:
# never /, your home folder or this repository. Needs no .venv (the command uses the standard library only).
clean: ## Remove the report folder retold wrote (only its own files; keeps .venv; `rm -rf .venv` to rebuild it)
	@if [ -x $(PY) ]; then $(PY) -m retold clean "$$REPORT_DIR"; \
	else PYTHONPATH=src $(PYTHON) -m retold clean "$$REPORT_DIR"; fi
