# Two entry points for a fresh machine (Python 3.11 and nothing else assumed):
#   make demo   run the quarterly job on the demo inbox (embedded PostgreSQL, Airflow in-process)
#   make test   lint + the whole test suite
# Both install the locked dependency set into .venv/ first (idempotent: only when the lock changed).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint lock clean chromium

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.9.30
	$(BIN)/uv pip sync --python $(BIN)/python --compile-bytecode --quiet requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --no-deps --compile-bytecode --quiet -e .
	@touch $(STAMP)

demo: install
	$(BIN)/cchc demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/macros --disable-progress-bar

# Headless Chromium (Debian's package) opens the quarter report in the tests.
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "install Debian's chromium package (or set CHROMIUM=/path/to/chrome)"; exit 1; fi; }

test: lint chromium
	$(BIN)/pytest

# Re-resolve the lock after changing dependencies in pyproject.toml (needs the package index).
lock: install
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock

clean:
	-$(BIN)/cchc warehouse stop
	rm -rf $(VENV) var
