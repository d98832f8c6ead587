# Two commands on a fresh machine: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
APP_READY := $(VENV)/.app-ready
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
# Every setting of the app is .streamlit/config.toml's, its port included; `make run PORT=9000` overrides it.
PORT ?=
# apt-get needs root; CI runs as root, a developer may need sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint unit browser browser-deps clean lock mutation bench serve serve-replicas nginx-deps

# deploy/asgi.py serves app.py with the protections of server/ (headers, no outgoing calls, ...).
SCRIPT := deploy/asgi.py

run: $(APP_READY)
	$(BIN)/streamlit run $(SCRIPT) $(if $(PORT),--server.port $(PORT))

test: $(READY) browser-deps nginx-deps lint
	$(BIN)/python -m pytest

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The fast tests: no browser, no server or other process, no system package, nothing slow; no root needed.
unit: $(READY)
	$(BIN)/python -m pytest -m "not browser and not integration and not slow"

browser: $(READY) browser-deps
	$(BIN)/python -m pytest -m browser

# The dependencies are declared in pyproject.toml and locked, the whole tree with hashes, in requirements.txt
# (the app: all `make run` installs) and requirements-dev.txt (the app, its tests and tools: `make test`).
# pip checks every hash, so an install years from now is exactly what was tested (tests/project/test_lock.py).
$(APP_READY): requirements.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(READY): requirements.txt requirements-dev.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@ $(APP_READY)

# After changing pyproject.toml's dependencies: compile both locks again with uv's `pip compile` (in a venv of its
# own, so it is not part of what it locks), which reads the `dev` dependency group (PEP 735; pip-tools 7.7 reads
# extras only). The output is plain requirements files that pip installs, checking every hash. Pins already in
# the locks are kept unless pyproject.toml asks for others.
LOCK := UV_CUSTOM_COMPILE_COMMAND="make lock" .venv-lock/bin/uv pip compile --quiet --generate-hashes \
	--python-version 3.11 --no-annotate pyproject.toml
lock:
	[ -x .venv-lock/bin/uv ] || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv==0.13.9)
	$(LOCK) -o requirements.txt
	$(LOCK) --group dev -o requirements-dev.txt

# Debian's Chromium for the browser tests (Playwright cannot download its own here), an emoji font so
# screenshots show the icons people see, and poppler's pdftoppm to render the PDF summary's pages.
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! command -v pdftoppm >/dev/null || ! fc-list 2>/dev/null | grep -qi "color emoji"; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y \
			--no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji poppler-utils; \
	fi

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache .ruff_cache .hypothesis screenshots

# --- Mutation testing: not part of `make test`; slow, run by hand -----------------------------------------
# mutmut 3 mutates logic/, exports/ and cli/ (settings in pyproject's [tool.mutmut]) and runs their tests (tests/logic,
# tests/exports, tests/cli) against each mutant, two at a time. Results stay in mutants/ (ignored by git); `mutmut show NAME`.
# MUTANTS picks some by name, e.g. make mutation MUTANTS="'logic.*' 'exports.fhir.*'" (docs/testing.md, "Test strength").
mutation: $(READY)
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		run = sum(s[k] for k in ('killed', 'survived', 'no_tests', 'suspicious', 'timeout', 'segfault')); \
		print(f\"mutation score: {s['killed']} killed of {run} run ({100 * s['killed'] / run:.1f}%); {s['total'] - run} not run\")"
	$(BIN)/mutmut results

# --- Serving and measuring (docs/deploying.md, docs/benchmarks.md) ----------------------------------------
# make serve                 one process, exactly as `make run`
# make serve-replicas N=2    N processes and nginx under supervisord (deploy/supervisord.conf); Ctrl-C stops all
# make bench                 pytest-benchmark and Locust, then the table of docs/benchmarks.md (`python -m bench --help`)
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
