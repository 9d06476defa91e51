# The two commands: `make serve` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve test setup generate validate build bench clean

## serve: set up, generate, vendor the runtime and serve the site on http://127.0.0.1:8000
serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## test: set up, then every test tier (unit, Pyodide under Node, strict build, browser); non-zero on any failure
test: setup
	$(BIN)/python scripts/validate_content.py
	$(BIN)/python scripts/generate.py
	$(BIN)/python -m pytest

setup: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
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
