# Kāhui: `make run` to try it, `make test` to check it. Nothing else is needed.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
KAHUI := $(VENV)/bin/kahui
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed

.PHONY: help install run test lint bench messages system-deps test-sqlite test-clock test-postgres \
	test-lane-sqlite test-lane-postgres clean

help:
	@echo "make run    install, migrate, load the demo and serve on http://127.0.0.1:8000 (or PORT=8001)"
	@echo "make test   install what tests need, lint, run the suite on SQLite (and its clock-sensitive"
	@echo "           tests at pinned instants) and on PostgreSQL"
	@echo "make lint   ruff, missing migrations, the import rules between apps, mypy"
	@echo "make bench  print the benchmark figures"
	@echo "make messages [LOCALE=nl]  refresh the translation catalogues and compile them"
	@echo "make clean  remove the virtual environment and local data"

$(PY):
	@PYTHON=$$(scripts/find-python) && echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml requirements/dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) pip install --quiet --python $(PY) -r requirements/dev.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# Links in emails and calendar feeds carry the address served: make run PORT=8001.
PORT ?= 8000

run: install
	$(KAHUI) migrate --noinput
	$(KAHUI) createcachetable
	KAHUI_SITE_URL=$${KAHUI_SITE_URL:-http://127.0.0.1:$(PORT)} $(KAHUI) seed-demo
	KAHUI_DEBUG=$${KAHUI_DEBUG:-true} $(KAHUI) serve 127.0.0.1:$(PORT)

# Translations (GNU gettext): refresh kahui/locale/django.pot and every catalogue from
# the marked strings, then compile them. LOCALE=xx starts or refreshes one language only.
messages: install
	@command -v msgfmt >/dev/null || { echo "Please install gettext (e.g. sudo apt-get install gettext)."; exit 1; }
	cd kahui && ../$(KAHUI) makemessages --keep-pot --add-location file $(if $(LOCALE),--locale $(LOCALE),--all)
	cd kahui && ../$(KAHUI) compilemessages

# Chromium for the browser tests, a PostgreSQL server for the second run, Dovecot for the
# IMAP tests, Redis for the scale-out test, GNU gettext for the catalogue tests, and Pango,
# which WeasyPrint lays PDFs out with.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1 || missing="$$missing dovecot-imapd"; \
	command -v redis-server >/dev/null 2>&1 || command -v valkey-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	for pair in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0; do \
	  /sbin/ldconfig -p 2>/dev/null | grep -q "$${pair%%:*}" || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Please install:$$missing (e.g. sudo apt-get install$$missing); tests needing them will fail."; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=kahui.settings KAHUI_DATA_DIR=$$(mktemp -d) $(KAHUI) makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/mypy
	$(PY) scripts/audit

# Measures the branch coverage of kahui/ and prints the total; it fails below the
# figure in pyproject.toml ([tool.coverage.report] fail_under). `.venv/bin/coverage
# report` then lists what the tests leave unrun.
test-sqlite: install
	@echo "== Tests on SQLite (with browser tests), with branch coverage"
	$(VENV)/bin/pytest --cov --cov-report=

# The tests marked `clock` again, each time with the clock started at one of the pinned
# instants in tests/clock.py: a Sunday night in Auckland, the summer holidays, the
# daylight-saving changes in Auckland and Amsterdam, a leap day and New Year's Eve.
# CLOCK_PART=k/n runs every n-th instant from the k-th.
CLOCK_PART ?= 1/1
test-clock: install
	@echo "== Clock-sensitive tests at pinned instants ($(CLOCK_PART))"
	@for instant in $$($(PY) -c "from tests.clock import PINNED; k, n = map(int, '$(CLOCK_PART)'.split('/')); print(*list(PINNED)[k - 1 :: n])"); do \
	  echo "-- $$instant"; \
	  $(VENV)/bin/pytest -m "clock and not browser" --clock $$instant -q -p no:cacheprovider \
	    || exit 1; \
	done

test-postgres: install
	@echo "== Database tests on a throwaway PostgreSQL"
	$(VENV)/bin/pytest -m "not browser" --postgres -p no:cacheprovider

# The two runs share the machine's cores: SQLite (with the browser tests, the longer run)
# then four of the nine instants, beside PostgreSQL then the other five. Each phase's
# output appears when it ends.
test: system-deps install
	@echo "== Lint"
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory -j2 --output-sync=line test-lane-sqlite test-lane-postgres

test-lane-sqlite: install
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-clock CLOCK_PART=2/2

test-lane-postgres: install
	@$(MAKE) --no-print-directory test-postgres
	@$(MAKE) --no-print-directory test-clock CLOCK_PART=1/2

$(VENV)/.bench-installed: $(STAMP) requirements/bench.lock
	$(UV) pip install --quiet --python $(PY) -r requirements/bench.lock
	@touch $@

bench: install system-deps $(VENV)/.bench-installed
	$(PY) -m bench.slots
	$(PY) -m bench.importing
	$(PY) -m bench.formation
	$(PY) -m bench.search
	$(PY) -m bench.search --postgres
	$(PY) -m bench.pages
	$(PY) -m bench.pages --postgres
	$(PY) -m bench.oversight
	$(PY) -m bench.recommend
	$(PY) -m bench.api
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || true
	$(PY) -m bench.throughput
	$(PY) -m bench.soak
	$(PY) -m bench.scaleout

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache .import_linter_cache kahui.egg-info
