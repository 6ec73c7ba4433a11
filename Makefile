# The front door: `make run` serves the demo site, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
## The site's address in e-mails and absolute links; the default site follows it at every migrate.
BASE_URL ?= http://$(HOST):$(PORT)

CHROMIUM ?= /usr/bin/chromium

.PHONY: run serve install install-test lock browser engine demo test services test-postgres lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

ONEPASS := search/backends/embedded/onepass

## The embedded engine's search pass (Rust, on tantivy; see its src/lib.rs), built by maturin
## with the machine's cargo from crates.io.
$(VENV)/.installed-onepass: $(ONEPASS)/Cargo.toml $(ONEPASS)/Cargo.lock $(ONEPASS)/pyproject.toml $(wildcard $(ONEPASS)/src/*.rs) $(BIN)/python
	@command -v cargo >/dev/null || { echo "Rust's cargo is needed to build $(ONEPASS) (https://rustup.rs)"; exit 1; }
	$(BIN)/pip install --quiet ./$(ONEPASS)
	touch $@

install: $(VENV)/.installed $(VENV)/.installed-onepass

install-test: $(VENV)/.installed-test $(VENV)/.installed-onepass browser engine

LOCKTOOL := var/locktool
## Pins pyproject.toml's dependencies and what they bring into requirements*.txt, for .venv's Python,
## keeping the versions already pinned; LOCK_ARGS=--upgrade (or --upgrade-package NAME) moves them.
## uv lives in a venv of its own, so the lock tool never enters the project's environment.
lock: $(BIN)/python
	@test -x $(LOCKTOOL)/bin/uv || { $(PYTHON) -m venv $(LOCKTOOL) && $(LOCKTOOL)/bin/pip install --quiet uv==0.13.9; }
	$(LOCKTOOL)/bin/uv pip compile --quiet --native-tls --python $(BIN)/python --custom-compile-command "make lock" \
	  $(LOCK_ARGS) pyproject.toml -o requirements.txt
	$(LOCKTOOL)/bin/uv pip compile --quiet --native-tls --python $(BIN)/python --custom-compile-command "make lock" \
	  $(LOCK_ARGS) pyproject.toml --extra test -c requirements.txt -o requirements-test.txt

## The browser tests drive Debian's Chromium; Playwright's own browser download cannot run here.
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Chromium for the browser tests (Debian package, needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

ENGINE := tools/opensearch-node

## The OpenSearch 2.19.6 node of the search tests (tests/search/engines.py), built with Java 17 and
## Maven from Maven Central into ~/.m2. Without them those tests are skipped, except in CI (CI=true).
engine: $(ENGINE)/target/classpath.txt

$(ENGINE)/target/classpath.txt: $(ENGINE)/pom.xml $(shell find $(ENGINE)/src -type f)
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
	  echo "Building the OpenSearch test node ($(ENGINE))"; \
	  mvn -q -B -f $(ENGINE)/pom.xml package && touch $@; \
	else echo "No Java 17 or Maven: the search tests on OpenSearch will be skipped (and fail in CI)"; fi

demo: install
	BASE_URL=$(BASE_URL) $(MANAGE) migrate --noinput
	BASE_URL=$(BASE_URL) $(MANAGE) load_demo

## Sets up everything, builds the demo and serves it with its background worker.
run: demo serve

serve: install
	@echo "Serving http://$(HOST):$(PORT)/ (admin at /admin/); Ctrl-C stops the server and its worker."
	@BASE_URL=$(BASE_URL) $(MANAGE) migrate --noinput -v0  # the default site follows BASE_URL
	@trap 'kill 0' INT TERM EXIT; export BASE_URL=$(BASE_URL); \
	while :; do $(MANAGE) db_worker --no-reload; echo "db_worker stopped; restarting it"; sleep 1; done & \
	$(MANAGE) run_periodic_jobs & \
	$(MANAGE) runserver $(HOST):$(PORT)

## Installs what tests need, checks the project and runs the test suite.
test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cargo fmt --check --manifest-path $(ONEPASS)/Cargo.toml
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

## Starts PostgreSQL and Redis on 127.0.0.1, installing them when missing; fails, saying which, if one cannot start.
services:
	scripts/services

TEST_DATABASE_URL ?= postgres://sis:sis@127.0.0.1:5432/sis
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1

## The same checks on PostgreSQL with Redis as the shared cache: the concurrency and shared-cache tests run here.
test-postgres: services
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(MAKE) test

lint: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	cargo fmt --manifest-path $(ONEPASS)/Cargo.toml

## Refreshes the Swedish catalogue (needs gettext) and compiles it.
messages: install
	$(MANAGE) makemessages --locale sv --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --no-obsolete
	$(MANAGE) compilemessages --locale sv --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
