# Krachtbron. The two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
# Three workers on two cores: a third of the suite's time is spent waiting (a subprocess
# starting, a browser, a socket), so a third worker fills it; worksteal evens out the tail
# (CONTRIBUTING.md, "What runs where").
PYTEST_ARGS ?= -n 3 --dist worksteal

.PHONY: run test test-long check test-sqlite test-postgres bench setup setup-dev system-deps system-deps-test demo migrate clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.installed: requirements.txt pyproject.toml | $(UV)
	[ -x $(PY) ] || $(UV) venv --quiet $(VENV) --python $(PYTHON)
	$(UV) pip install --quiet --python $(PY) -r requirements.txt
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(UV) pip install --quiet --python $(PY) -r requirements.txt -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

system-deps:
	scripts/install-system-deps.sh run

system-deps-test:
	scripts/install-system-deps.sh test

migrate: setup
	mkdir -p var
	$(PY) manage.py migrate --verbosity 0

demo: migrate
	KRACHTBRON_DEMO=1 $(PY) manage.py load_demo

## Serve Krachtbron with demo data on http://127.0.0.1:8000, with the task worker beside it
## (sending e-mail and SMS, the daily upkeep); Ctrl+C stops both. E-mail and SMS go to this terminal.
run: system-deps demo
	@echo "Krachtbron draait op http://127.0.0.1:8000 (stop met Ctrl+C)"
	KRACHTBRON_DEMO=1 $(PY) manage.py schedule_daily
	KRACHTBRON_DEMO=1 $(PY) manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	KRACHTBRON_DEMO=1 $(PY) manage.py runserver 127.0.0.1:8000

## ruff, mypy and the import contracts
check: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy krachtbron bench
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_catalogues.py

test-sqlite: setup-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: setup-dev
	scripts/with-postgres.sh $(VENV)/bin/pytest $(PYTEST_ARGS)

## The whole suite on SQLite and PostgreSQL, plus `make check`
test: system-deps-test setup-dev
	$(MAKE) --no-print-directory check
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

## What `make test` leaves out (CONTRIBUTING.md, "What runs where"): the long sweeps on both
## databases, the render tests on PostgreSQL, and every property test with many more examples
test-long: system-deps-test setup-dev
	HYPOTHESIS_PROFILE=long $(VENV)/bin/pytest $(PYTEST_ARGS) --long
	HYPOTHESIS_PROFILE=long scripts/with-postgres.sh $(VENV)/bin/pytest $(PYTEST_ARGS) --long

## Every benchmark; prints BENCH lines
bench: system-deps-test setup-dev
	$(PY) -m bench

clean:
	rm -rf $(VENV) .tools var staticfiles
