# The two commands of the README: `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	@# WeasyPrint (PDF) needs Pango and a font from the system; install them from Debian's packages when missing
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi dejavu || \
		(apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jeugdmonitor demo --out out
	@echo ""
	@echo "Dashboard: maak eerst een account, start dan de server en open http://127.0.0.1:8000/ in een browser:"
	@echo "  $(BIN)/jeugdmonitor user add beleid --store out/jeugdmonitor.duckdb --rol management --gemeente GM0164"
	@echo "  $(BIN)/jeugdmonitor serve --store out/jeugdmonitor.duckdb"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test: lint
	@# the dashboard's browser tests drive Debian's Chromium through Playwright (never a browser download)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_laden.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
