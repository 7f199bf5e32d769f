# Framing Lens. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= seeds
DATA   ?= ../shared/benchmarks
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.DEFAULT_GOAL := help
.PHONY: help setup report explore test figures bench smoke lint lock clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## create .venv and install the pinned packages (idempotent)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

report: $(STAMP) ## run every notebook on $(CORPUS) into reports/ (open reports/index.html)
	$(BIN)/framing report --corpus $(CORPUS) --out reports

explore: $(STAMP) ## open the explorer (notebook 07) in JupyterLab on 127.0.0.1; Run All to start it
	$(BIN)/jupyter lab --ip 127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/07-explorer.ipynb

test: $(STAMP) ## run the unit tests, the notebook tests, the browser test and nbval
	$(BIN)/pytest -q $(NBVAL) tests notebooks

figures: $(STAMP) ## re-execute the notebooks in place on seeds/, regenerating figures/
	cd notebooks && for nb in [0-9][0-9]-*.ipynb; do \
	  ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False \
	  --ExecutePreprocessor.store_widget_state=False "$$nb" || exit 1; done

bench: $(STAMP) ## throughput against the reference pipeline (installs the bench extra)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python benchmarks/throughput.py --data $(DATA)
	$(BIN)/python benchmarks/quotes_accuracy.py --data $(DATA)
	$(BIN)/python benchmarks/loaded_accuracy.py --data $(DATA)
	$(BIN)/python benchmarks/reuse_speed.py --data $(DATA)
	$(BIN)/python benchmarks/explorer_speed.py --data $(DATA)

smoke: $(STAMP) ## framing report on every benchmark corpus in $(DATA) that is present, with times
	$(BIN)/python benchmarks/smoke.py --data $(DATA)

lint: $(STAMP) ## ruff on everything; mypy on analysis/
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/mypy analysis

lock: ## re-pin constraints.txt from the current .venv
	(echo "# Exact versions of every package, direct and transitive, used by 'make setup'."; \
	 echo "# Regenerate with: make lock"; \
	 $(BIN)/pip freeze --exclude-editable | grep -v '^pip==') > constraints.txt

clean: ## remove .venv and reports/
	rm -rf $(VENV) reports .reports.framing
