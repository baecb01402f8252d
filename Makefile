PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SAMPLE = samples/重庆市潼南区大数据应用发展管理局2021年部门预算.txt

.PHONY: install runtime test lint bench sample clean catalogue

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'

test:
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check budgetx tests benchmarks
	$(BIN)/ruff format --check budgetx tests benchmarks
	$(BIN)/mypy

bench:
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

# what budgetx needs to run: its runtime dependencies, none of the dev tools
runtime: $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .

sample: runtime
	$(BIN)/budgetx extract $(SAMPLE)

catalogue:
	$(BIN)/python tools/catalogue/build.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
