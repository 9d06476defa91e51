# The two commands: `make serve` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
# The oldest Python every pin in requirements.lock installs on (pyproject.toml's requires-python agrees).
PYTHON_MIN := 3.11
PYTHON_OK = $(shell $(PYTHON) -c 'import sys; sys.exit(sys.version_info < tuple(map(int, "$(PYTHON_MIN)".split("."))))' 2>/dev/null && echo yes)
PYTHON_VERSION = $(shell $(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null)
export NO_MKDOCS_2_WARNING := 1
# Another venv, another interpreter: `make setup VENV=.venv-debian PYTHON=/usr/bin/python3`.
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve test setup generate validate build bench clean check help

## serve: set up, generate, vendor the runtime and serve the site on http://127.0.0.1:8000
serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# eslint for the tests and checks (Node is a test-only requirement), pinned in package-lock.json.
NODE_MODULES := node_modules/.package-lock.json

## test: set up, then every test tier (checks, unit, Pyodide under Node, strict build, browser); non-zero on any failure
test: setup $(NODE_MODULES)
	$(BIN)/python scripts/validate_content.py
	$(BIN)/python scripts/generate.py
	$(BIN)/python -m pytest

setup: $(INSTALLED)

$(NODE_MODULES): package.json package-lock.json
	npm ci --silent
	touch $@

## check: the fast checks (about 20 s): ruff, mypy, eslint, doctests, the widgets' JavaScript unit tests
check: setup $(NODE_MODULES)
	$(BIN)/python -m pytest -q -p no:randomly tests/test_code_checks.py

## help: list the targets
help:
	@sed -n 's/^## \([a-z-]*\): \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | awk -F '\t' '{ printf "  make %-18s %s\n", $$1, $$2 }'

$(INSTALLED): requirements.lock pyproject.toml
	$(if $(PYTHON_OK),,$(error Python $(PYTHON_MIN) or newer is needed ($(PYTHON) is $(or $(PYTHON_VERSION),not found)); name one: make serve PYTHON=python$(PYTHON_MIN)))
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	echo '*' > $(VENV)/.gitignore
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

## generate: pages and calculator data from content/, and the vendored browser runtime
generate: setup
	$(BIN)/python scripts/generate.py

validate: setup
	$(BIN)/python scripts/validate_content.py

## build: the static site in site/ (what `mkdocs gh-deploy` publishes)
build: setup
	$(BIN)/mkdocs build --strict

bench: setup
	$(BIN)/python scripts/bench_browser.py

clean:
	rm -rf site .cache docs/vendor calculators/innovation_toolkit/data

# Zensical, the second supported generator: its own venv (requirements-zensical.lock), never .venv.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_INSTALLED := $(ZENSICAL_VENV)/.installed

.PHONY: zensical publish-zensical

## zensical: the site built with Zensical into site/ (generate, notices, zensical build --strict, service worker stamp, site checks); honours SITE_URL
zensical: setup $(ZENSICAL_INSTALLED)
	$(BIN)/python scripts/generate.py
	$(BIN)/python scripts/notices.py
	$(ZENSICAL_VENV)/bin/zensical build --strict
	$(BIN)/python scripts/generate.py --stamp-service-worker site
	$(BIN)/python scripts/check_site.py site

## publish-zensical: SITE_URL=https://ORG.github.io/REPO/ make publish-zensical builds with Zensical and pushes site/ to gh-pages (ghp-import)
publish-zensical: setup
	$(BIN)/python scripts/publish_zensical.py --url-only
	$(MAKE) zensical
	$(BIN)/python scripts/publish_zensical.py site

$(ZENSICAL_INSTALLED): requirements-zensical.lock
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	echo '*' > $(ZENSICAL_VENV)/.gitignore
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	touch $@
