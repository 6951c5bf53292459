# The README's two commands: `make run` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell scripts/find-python)

.PHONY: run test install install-dev lint format bench clean

$(BIN)/python:
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
	$(BIN)/taicho translations
	$(BIN)/taicho migrate --no-input -v 0
	$(BIN)/taicho createcachetable
	$(BIN)/taicho collectstatic --no-input -v 0

install-dev: $(VENV)/.installed-dev

## Start taicho on http://127.0.0.1:8000 (web server + worker); the demo ward on first run.
run: install
	$(BIN)/taicho up

## Lint and the whole test suite (on the database DATABASE_URL names; SQLite by default).
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/taicho translations
	$(BIN)/pytest

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/static
