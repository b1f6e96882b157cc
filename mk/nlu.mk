# NLU targets, included by the top-level Makefile (which defines VENV and the `venv` target).
#   make rasa-venv                 Python 3.10 venv with Rasa (stamped: instant when up to date)
#   make nlu-model                 train the model if its inputs changed (content hash), else reuse
#   make nlu-eval DATA=PATH.csv    score the server at RASA_URL (started and stopped if not running)
RASA_VENV := .venv-rasa
RASA_STAMP := $(RASA_VENV)/.installed
RASA_PYTHON ?= python3.10
RASA_PYENV_VERSION ?= 3.10.13

.PHONY: rasa-venv nlu-model nlu-eval

rasa-venv: $(RASA_STAMP)

$(RASA_STAMP): requirements-rasa.txt
	test -x $(RASA_VENV)/bin/python || PYENV_VERSION=$(RASA_PYENV_VERSION) $(RASA_PYTHON) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet -r requirements-rasa.txt
	touch $@

nlu-model: rasa-venv venv
	$(VENV)/bin/python -m nlu.server train-if-needed

nlu-eval: nlu-model
	@test -n "$(DATA)" || { echo "usage: make nlu-eval DATA=path/to.csv" >&2; exit 2; }
	$(VENV)/bin/python -m nlu.evaluate --start-server $(DATA)
