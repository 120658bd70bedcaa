# Taskdeck: every command a developer runs. `make help` lists them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= ./data

.PHONY: help install run test lint format unit bench constraints clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Taskdeck needs Python 3.11 ($(PYTHON))"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install Taskdeck with its dev tools

run: install ## serve the API on http://127.0.0.1:8000 with data in ./data
	$(BIN)/taskdeck serve --data-dir $(DATA_DIR)

lint: install ## ruff (lint and format check) and mypy --strict
	$(BIN)/ruff check taskdeck tests bench
	$(BIN)/ruff format --check taskdeck tests bench
	$(BIN)/mypy
	$(BIN)/mypy --strict bench

format: install ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix taskdeck tests bench
	$(BIN)/ruff format taskdeck tests bench

unit: install ## the tests alone, without lint
	$(BIN)/pytest -n 2

test: lint unit ## everything CI runs: lint, types and every test

bench: install ## the benchmark: a real server under load, results in bench/results/
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

constraints: ## re-pin constraints.txt from a fresh install of pyproject.toml's ranges
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/pip install --quiet -e '.[dev]'
	{ echo "# Exact versions CI and 'make install' use (pip install -c constraints.txt)."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints"; \
	  .venv-pin/bin/pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-pin

clean: ## remove the virtualenv, caches and build files (not ./data)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
