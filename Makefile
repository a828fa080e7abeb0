# Need Help: `make run` starts the product, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint lock worker beat migrate seed messages bench clean

UV_VERSION := 0.13.9
LOCK_ARGS := --generate-hashes --universal --python-version 3.12 --quiet

$(PY):
	@set -e; \
	PYTHON=$$(bin/find-python) || exit 1; \
	echo "Creating $(VENV) with $$PYTHON"; \
	"$$PYTHON" -m venv $(VENV)

# Exactly the locked versions, checked against their hashes: a fresh clone, CI and the image
# install the same thing until `make lock` is run and its result committed.
$(STAMP): $(PY) requirements-dev.lock
	@set -e; \
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock; \
	$(PY) -m pip check; \
	touch $(STAMP)

# Resolve pyproject.toml's ranges again (after changing a dependency): requirements.lock for the
# image, requirements-dev.lock (with the dev extra) for make and CI. Commit both.
lock: $(PY)
	$(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_ARGS) -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_ARGS) -o requirements-dev.lock

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@$(PY) manage.py demo_logins
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/bandit -q -r . -x ./.venv,./tests,./bench,./staticfiles -ll

worker: $(STAMP)
	$(VENV)/bin/celery -A contact_portal worker --loglevel=info

beat: $(STAMP)
	$(VENV)/bin/celery -A contact_portal beat --loglevel=info

# Extract new strings into every catalog, then compile. Translate what bin/po-tool status
# reports as untranslated before committing (a test fails on untranslated or fuzzy entries).
messages: $(STAMP)
	$(PY) manage.py makemessages -a --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=ops
	$(PY) manage.py compilemessages --ignore=.venv
	$(PY) bin/po-tool status

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
