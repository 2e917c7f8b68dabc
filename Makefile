# Kopbal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node/node_modules/.installed-stamp
# Tests run in this many processes (pytest-xdist); CI has 2 cores.
WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install run run-scale test test-sqlite test-postgres lint format bench check clean audit node

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install kopbal with its pinned dependencies

$(NODE_STAMP): node/package.json node/package-lock.json
	npm ci --prefix node --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node: $(NODE_STAMP) ## Install axe-core and Lighthouse (npm, pinned in node/package-lock.json)

run: install ## Migrate, load the demo, print the admin login and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) ensure_admin
	@echo "Kopbal draait op http://$${KOPBAL_BIND:-127.0.0.1:8000}  (stoppen: Ctrl-C)"
	$(PY) -m kopbal.serve

run-scale: install ## The scale profile: local PostgreSQL + Redis (var/scale/), 4 app workers
	scripts/run-scale.sh

test: install ## The whole suite: lint, checks, tests on SQLite and on a throwaway PostgreSQL
	$(BIN)/ruff check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: install node ## Tests on SQLite (with the browser tests)
	$(BIN)/pytest -q -n $(WORKERS)

test-postgres: install ## Tests on a throwaway PostgreSQL cluster (started and removed here)
	scripts/with-pg.sh sh -c '$(BIN)/pytest -q -n $(WORKERS) -m "not browser and not serial" && $(BIN)/pytest -q -m serial'

lint: install ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## ruff format and fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## Benchmarks that print ratios against a baseline
	$(PY) bench/pages.py
	$(PY) bench/tagger.py
	scripts/with-pg.sh $(PY) bench/scale.py
	$(PY) bench/search.py
	scripts/with-pg.sh $(PY) bench/search.py

audit: install node ## Lighthouse (accessibility, SEO, best practices) on a running demo site
	$(PY) scripts/audit.py

clean: ## Remove the virtualenv and local data (database, media)
	rm -rf $(VENV) var
