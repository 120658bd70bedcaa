# Taskdeck: every command a developer runs. `make help` lists them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= ./data

.PHONY: help install run test lint format unit e2e chromium bench package constraints clean web web-dev web-client web-lint web-test

help: ## list the commands
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Taskdeck needs Python 3.11 ($(PYTHON))"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install Taskdeck with its dev tools

WEB_STAMP := web/node_modules/.installed
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)

$(WEB_STAMP): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "Taskdeck's web app needs Node 20+ and npm"; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

# The typed client's types are generated from the committed OpenAPI document, never
# committed themselves (a 9,000-line generated file is nothing a reader should open).
WEB_TYPES := web/src/api/schema.d.ts

$(WEB_TYPES): web/openapi.json $(WEB_STAMP)
	cd web && npx openapi-typescript openapi.json -o src/api/schema.d.ts --silent

web/dist/index.html: $(WEB_STAMP) $(WEB_TYPES) $(WEB_SOURCES)
	cd web && npx vite build --logLevel warn

web: web/dist/index.html ## build the web app into web/dist (the server serves it at /)

web-dev: $(WEB_STAMP) $(WEB_TYPES) ## Vite's dev server on :5173 against the API of `make run`
	cd web && npx vite

web-client: install $(WEB_STAMP) ## regenerate web/openapi.json (and so the client's types) from the API
	$(BIN)/taskdeck openapi > web/openapi.json
	$(MAKE) $(WEB_TYPES)

web-lint: $(WEB_STAMP) $(WEB_TYPES) ## eslint and tsc --noEmit on the web app
	cd web && npx eslint . && npm run -s typecheck

web-test: $(WEB_STAMP) $(WEB_TYPES) ## the web app's component tests (Vitest)
	cd web && npx vitest run

run: install web ## serve the API and the web app on http://127.0.0.1:8000 with data in ./data
	$(BIN)/taskdeck serve --data-dir $(DATA_DIR)

lint: install web-lint ## ruff (lint and format check), mypy --strict, eslint and tsc
	$(BIN)/ruff check taskdeck tests bench
	$(BIN)/ruff format --check taskdeck tests bench
	$(BIN)/mypy
	$(BIN)/mypy --strict bench

format: install ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix taskdeck tests bench
	$(BIN)/ruff format taskdeck tests bench

unit: install ## the tests alone, without lint (the browser tests are `make e2e`)
	$(BIN)/pytest -n 2 --ignore=tests/e2e

# The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
CHROMIUM := /usr/bin/chromium

chromium: ## install Debian's chromium for the browser tests, when missing
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }

e2e: install web chromium ## end-to-end tests: headless Chromium against a real server
	$(BIN)/pytest tests/e2e

test: lint web-test unit e2e ## everything CI runs: lint, types and every test

bench: install web chromium ## the benchmark: a real server under load, results in bench/results/
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

# The code of the Lambda functions (infra/template.yaml's CodeUri): Taskdeck with its
# runtime dependencies and the `aws` extra, as wheels for Lambda's python3.11 on arm64,
# which runs on Amazon Linux 2 (glibc 2.26: manylinux wheels up to 2_26, no later).
# Left out: uvicorn and its [standard] extras (`taskdeck serve` only; nothing on a
# handler's path imports them), console scripts, every dev dependency (never asked for),
# and pydantic.v1, pydantic 1's copy inside pydantic 2: nothing in the package uses it,
# and FastAPI imports it only to refuse v1 models, treating its absence as "none" (10 ms
# of the API's cold start; the handler marks it absent, `aws/loading.known_absent`).
# Compiled to .pyc with unchecked hashes: /var/task is read-only, the zip keeps no
# timestamps, and without .pyc the imports take three times as long. LAMBDA_ARCH=x86_64
# and another LAMBDA_DIR build one this machine can import (tests/infra/test_package.py).
LAMBDA_DIR ?= build/lambda
LAMBDA_ARCH ?= aarch64
# pyproject.toml dependencies left out of the package, by name.
LAMBDA_UNNEEDED := uvicorn
LAMBDA_PLATFORMS := manylinux2014_$(LAMBDA_ARCH) $(foreach glibc,17 18 19 20 21 22 23 24 25 26,manylinux_2_$(glibc)_$(LAMBDA_ARCH))

package: install ## build/lambda: the Lambda functions' code (arm64, .pyc) for infra/template.yaml
	rm -rf $(LAMBDA_DIR) && mkdir -p $(LAMBDA_DIR)
	$(BIN)/python -c 'import re, sys, tomllib; \
	  project = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	  wanted = project["dependencies"] + project["optional-dependencies"]["aws"]; \
	  print(*[r for r in wanted if re.match(r"[\w.-]+", r)[0].lower() not in sys.argv[1:]], sep="\n")' \
	  $(LAMBDA_UNNEEDED) > $(LAMBDA_DIR).requirements.txt
	$(BIN)/pip install --quiet --no-compile --target $(LAMBDA_DIR) -c constraints.txt \
	  $(foreach platform,$(LAMBDA_PLATFORMS),--platform $(platform)) \
	  --implementation cp --python-version 3.11 --only-binary=:all: \
	  -r $(LAMBDA_DIR).requirements.txt
	rm -rf $(LAMBDA_DIR)/bin $(LAMBDA_DIR)/pydantic/v1
	tar -c --exclude=__pycache__ --exclude='*.pyc' taskdeck | tar -x -C $(LAMBDA_DIR)
	$(BIN)/python -m compileall -q -j 0 --invalidation-mode unchecked-hash $(LAMBDA_DIR)
	@echo "$(LAMBDA_DIR): $$(du -sh $(LAMBDA_DIR) | cut -f1) in $$(find $(LAMBDA_DIR) -type f | wc -l) files (Lambda's limit: 250 MB unzipped)"

constraints: ## re-pin constraints.txt from a fresh install of pyproject.toml's ranges
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/pip install --quiet -e '.[dev]'
	{ echo "# Exact versions CI and 'make install' use (pip install -c constraints.txt)."; \
	  echo "# Regenerate after changing pyproject.toml: make constraints"; \
	  .venv-pin/bin/pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-pin

clean: ## remove the virtualenv, caches and build files (not ./data)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build *.egg-info
	rm -rf web/node_modules web/dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
