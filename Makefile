# Contract Compare: every target creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One file per fictional vendor, in five formats.
SAMPLES := $(addprefix sample_contracts/,pelavik_subscription_agreement.txt brightwave_api_terms.pdf \
	nordmoln_allmanna_villkor.docx kestrel_data_processing_agreement.html fjordlane_villkor_sv_en.txt)

.PHONY: run test lint bench samples train clean package package-test wheel-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The first install downloads Qt (about 200 MB) and takes minutes: pip shows its progress.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing Contract Compare and its libraries into $(VENV) (the first time takes a few minutes)"
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "Installing Contract Compare with its test tools into $(VENV) (the first time takes a few minutes)"
	$(BIN)/python -m pip install --progress-bar on -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/contract-compare gui $(SAMPLES)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check viewer tests bench sample_contracts packaging training
	$(BIN)/ruff format --check viewer tests bench sample_contracts packaging training
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

samples: $(VENV)/.installed
	$(BIN)/python sample_contracts/build_samples.py

# The topic model (resources/taxonomy/model.en.json) from ../shared/corpus's development part.
train: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python training/topic_model.py

# One-folder desktop build in dist/contract-compare/ (PyInstaller; see packaging/README.md).
$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $(VENV)/.installed $@

package: $(VENV)/.installed-package
	$(BIN)/python packaging/build.py

# The wheel installed in a clean virtualenv, run as a user would (CI runs it after the tests).
wheel-check: $(VENV)/.installed-test
	$(BIN)/python packaging/wheel_check.py

package-test: package
	$(BIN)/python packaging/smoke_test.py dist/contract-compare/contract-compare

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
