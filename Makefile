# Two commands on a fresh machine: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
CHROMIUM := /usr/bin/chromium
PORT ?= 8501
# apt-get needs root; CI runs as root, a developer may need sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint unit browser browser-deps clean mutation bench serve serve-replicas nginx-deps

# deploy/asgi.py serves app.py with the protections of deploy/hardening.py (headers, no outgoing calls, ...).
SCRIPT := deploy/asgi.py

run: $(READY)
	$(BIN)/streamlit run $(SCRIPT) --server.port $(PORT)

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

# --- Mutation testing (issue 5): not part of `make test`; slow, run by hand -------------------------------
# mutmut 3 mutates logic/ only (settings in pyproject's [tool.mutmut]) and runs the unit and property tests
# against each mutant, two at a time. Results stay in mutants/ (ignored by git); `mutmut show NAME` shows one.
mutation: $(READY)
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		print(f\"mutation score: {s['killed']} killed of {s['total']} ({100 * s['killed'] / s['total']:.1f}%)\")"
	$(BIN)/mutmut results

# --- Speed and scale (issue 6): benchmarks, production serving, replicas behind nginx ---------------------
# make bench                      app vs bare Streamlit; table on stdout, everything in bench/results.json
# make bench SIZES=10 REPEATS=1 BENCH_ARGS="--replica-people 50"   a quick run (more: python -m bench.run --help)
# make serve                      one production process (flags: deploy/production.py says why each)
# make serve-replicas N=2         N processes behind nginx on $(PORT), sticky by cookie, one cookie secret
SIZES ?= 10,50,100
REPEATS ?= 3
N ?= 2
BENCH_ARGS ?=
NGINX := /usr/sbin/nginx
SERVE_FLAGS := --server.headless=true --server.fileWatcherType=none --server.runOnSave=false \
	--browser.gatherUsageStats=false --runner.postScriptGC=false

bench: $(READY) browser-deps nginx-deps
	$(BIN)/python -m bench.run --sizes $(SIZES) --repeats $(REPEATS) --replicas $(N) $(BENCH_ARGS)

serve: $(READY)
	$(BIN)/streamlit run $(SCRIPT) --server.port $(PORT) $(SERVE_FLAGS)

serve-replicas: $(READY) nginx-deps
	$(BIN)/python -m deploy.replicas --replicas $(N) --port $(PORT)

# Debian's nginx, run by deploy/replicas.py from its own config as a child process, never as a service.
nginx-deps:
	@if [ ! -x $(NGINX) ]; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends nginx; \
	fi
