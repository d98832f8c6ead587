# Two commands on a fresh machine: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
CHROMIUM := /usr/bin/chromium
PORT ?= 8501
# apt-get needs root; CI runs as root, a developer may need sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint unit browser browser-deps clean

run: $(READY)
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(READY) browser-deps lint
	$(BIN)/python -m pytest

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(READY)
	$(BIN)/python -m pytest -m "not browser"

browser: $(READY) browser-deps
	$(BIN)/python -m pytest -m browser

$(READY): requirements.txt requirements-dev.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own here), and an emoji font so
# screenshots show the icons people see.
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi "color emoji"; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y \
			--no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis screenshots
