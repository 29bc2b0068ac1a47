PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: check test build clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# exit 1 means "findings reported" (the seed ledger has deliberate ones); a usage error (2) or
# an internal error (3) fails the target
check: $(STAMP)
	$(BIN)/factledger check claims || [ $$? -eq 1 ]

test: $(STAMP)
	$(BIN)/python -m pytest

build: $(STAMP)
	$(BIN)/factledger build claims --db ledger.duckdb

clean:
	rm -rf $(VENV) ledger.duckdb
