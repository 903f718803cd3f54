# Hai lệnh cho máy mới: `make run` (tạo .venv, cài đặt, tạo văn bản từ examples/ vào drafts/) và `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test templates fuzz bench clean

# Quiet set-up: pip says only what fails (-qq), and setuptools' notes about editable installs stay out of sight.
$(STAMP): pyproject.toml setup.py
	@echo "Cài đặt vanban vào $(VENV) (lần đầu mất một lúc)…"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -qq --disable-pip-version-check --upgrade pip
	@PYTHONWARNINGS=ignore $(BIN)/pip install -qq --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/vanban render examples --out-dir drafts

test: $(STAMP)
	$(BIN)/python -m pytest

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python bench/speed.py

templates: $(STAMP)
	$(BIN)/python -m generator.template_builder

clean:
	rm -rf $(VENV) drafts/*.docx .pytest_cache
