# The two commands a new user needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The installers' output goes here, so that what `make run` prints last is how to log in.
INSTALL_LOG := $(VENV)/install.log
PORT ?= 5000
# Tests that touch the database run a second time on PostgreSQL when this is set (CI sets it).
PG_TESTS := tests/db tests/services tests/web tests/test_cli.py tests/test_cli_teacher.py

.PHONY: install run test lint typecheck pytest bench clean editor

$(STAMP): pyproject.toml requirements/lock.txt requirements/spacy-model.txt
	@echo "Installing into $(VENV) (a few minutes the first time; details in $(INSTALL_LOG))..."
	@$(PYTHON) -m venv $(VENV)
	@( $(BIN)/pip install --disable-pip-version-check pip==26.3 \
	  && $(BIN)/pip install --disable-pip-version-check -c requirements/lock.txt -e '.[dev]' \
	  && $(BIN)/pip install --disable-pip-version-check --no-deps --require-hashes \
	     -r requirements/spacy-model.txt ) > $(INSTALL_LOG) 2>&1 \
	  || { tail -n 30 $(INSTALL_LOG); echo "The install failed; see $(INSTALL_LOG)."; exit 1; }
	@touch $(STAMP)

install: $(STAMP)

run: install
	@$(BIN)/quizapp serve --setup --host 127.0.0.1 --port $(PORT)

test: install lint typecheck pytest

lint: install
	$(BIN)/ruff check quizapp tests bench
	$(BIN)/ruff format --check quizapp tests bench

typecheck: install
	$(BIN)/mypy

pytest: install
	env -u QUIZAPP_TEST_DATABASE_URL $(BIN)/pytest -q
	@if [ -n "$$QUIZAPP_TEST_DATABASE_URL" ]; then \
		echo "== again on $$QUIZAPP_TEST_DATABASE_URL"; \
		$(BIN)/pytest -q -m 'not e2e' $(PG_TESTS); \
	fi

# The bank editor's bundle is committed; only changing static/editor/ needs node and npm.
editor:
	cd static/editor && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
