# The README's two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev assets chromium migrate demo serve worker ci clean

# The deployment file: hub.toml when the operator wrote one, otherwise the demo deployment.
run migrate demo serve worker: export HUB_CONFIG ?= $(if $(wildcard hub.toml),hub.toml,deploy/hub.demo.toml)

run: install assets migrate demo serve

test: install-dev assets chromium
	$(BIN)/pytest -q

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

assets: install
	$(BIN)/python -m hub.web.assets

# The browser tests drive Debian's chromium (test tools cannot download their own browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installation de chromium (tests dans le navigateur)…"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

migrate: install
	$(BIN)/hub db upgrade

demo: install
	$(BIN)/hub demo

serve: install
	$(BIN)/hub serve --host $(HOST) --port $(PORT)

worker: install
	$(BIN)/hub worker

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var hub/web/node_modules hub/web/static/vendor
