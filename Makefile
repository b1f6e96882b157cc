# Awaaz: `make run` starts the service, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
APP_STAMP := $(VENV)/.installed
PORT ?= 8000
export RASA_TELEMETRY_ENABLED := false

.PHONY: run test venv db browsers voice-tools nlu-ready lint

-include mk/*.mk

# The NLU targets live in mk/nlu.mk; without it the app runs with the department menu only.
NLU_READY := $(if $(wildcard mk/nlu.mk),nlu-model,)

venv: $(APP_STAMP)

$(APP_STAMP): pyproject.toml constraints.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet pip==26.3
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

db: venv
	$(VENV)/bin/awaaz setup

# Debian's Chromium for the browser tests (Playwright drives it; no browser download), and Noto
# fonts so Urdu renders in the screenshots instead of empty boxes.
browsers:
	@(command -v chromium >/dev/null && test -d /usr/share/fonts/truetype/noto) || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null)

# espeak-ng speaks the voice-note tests' complaints (English, Urdu) and ffmpeg encodes them (issue 15).
voice-tools:
	@(command -v espeak-ng >/dev/null && command -v ffmpeg >/dev/null) || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng ffmpeg >/dev/null)

run: venv db $(NLU_READY)
	$(VENV)/bin/python -m api.run --port $(PORT)

# pyflakes, bugbear and import order over the project; types over the core (config in pyproject.toml).
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: venv lint browsers voice-tools $(NLU_READY)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)
