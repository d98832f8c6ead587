# Two commands on a fresh machine: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
# Every setting of the app is .streamlit/config.toml's, its port included; `make run PORT=9000` overrides it.
PORT ?=
# apt-get needs root; CI runs as root, a developer may need sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint unit browser browser-deps clean mutation bench serve serve-replicas nginx-deps

# deploy/asgi.py serves app.py with the protections of deploy/hardening.py (headers, no outgoing calls, ...).
SCRIPT := deploy/asgi.py

run: $(READY)
	$(BIN)/streamlit run $(SCRIPT) $(if $(PORT),--server.port $(PORT))

test: $(READY) browser-deps nginx-deps lint
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

# Debian's Chromium for the browser tests (Playwright cannot download its own here), an emoji font so
# screenshots show the icons people see, and poppler's pdftoppm to render the PDF summary's pages.
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! command -v pdftoppm >/dev/null || ! fc-list 2>/dev/null | grep -qi "color emoji"; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y \
			--no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji poppler-utils; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis screenshots

# --- Mutation testing: not part of `make test`; slow, run by hand -----------------------------------------
# mutmut 3 mutates logic/, exports/ and cli/ (settings in pyproject's [tool.mutmut]) and runs their tests (tests/logic,
# tests/exports, tests/cli) against each mutant, two at a time. Results stay in mutants/ (ignored by git); `mutmut show NAME`.
# MUTANTS picks some by name, e.g. make mutation MUTANTS="'logic.*' 'exports.fhir.*'" (README "Test strength").
mutation: $(READY)
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		run = sum(s[k] for k in ('killed', 'survived', 'no_tests', 'suspicious', 'timeout', 'segfault')); \
		print(f\"mutation score: {s['killed']} killed of {run} run ({100 * s['killed'] / run:.1f}%); {s['total'] - run} not run\")"
	$(BIN)/mutmut results

# --- Serving and measuring (README "Deploying" and "Performance") ----------------------------------------
# make serve                 one process, exactly as `make run`
# make serve-replicas N=2    N processes and nginx under supervisord (deploy/supervisord.conf); Ctrl-C stops all
# make bench                 pytest-benchmark and Locust, then the README's table (`python -m bench --help`)
N ?= 2
BENCH_ARGS ?=

serve: run

serve-replicas: $(READY) nginx-deps
	$(BIN)/python -m deploy.replicas --replicas $(N) $(if $(PORT),--port $(PORT))

bench: $(READY) nginx-deps
	$(BIN)/python -m bench --replicas $(N) $(BENCH_ARGS)

# Debian's nginx, run from the project's own config under supervisord, never as a system service.
nginx-deps:
	@if [ ! -x $(NGINX) ]; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends nginx; \
	fi
