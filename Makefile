PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
SAMPLE = samples/重庆市潼南区大数据应用发展管理局2021年部门预算.txt

.PHONY: install runtime system test lint bench sample clean catalogue

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

# Debian packages some tests use (they skip cleanly without them): headless Chromium for the HTML
# report's screenshot test (add fonts-noto-cjk to look at the screenshot: without CJK fonts the Chinese
# shows as boxes). Needs root and apt-get; anywhere else it says so and changes nothing.
DEBS ?= chromium
system:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBS) >/dev/null \
		|| echo "make system: could not install $(DEBS); the tests that need them will skip"; \
	else echo "make system: not root or no apt-get; install $(DEBS) yourself for the browser tests"; fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
	rm -f budgetx/readers/pdf/_loops.*.so budgetx/readers/pdf/_loops.*.pyd
