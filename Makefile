# Hai lệnh cho máy mới: `make run` (tạo .venv, cài đặt, tạo văn bản từ examples/ vào drafts/) và `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test templates fuzz bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/vanban render examples/*.yaml examples/ban-dan-van-quang-ngai/tb-*.yaml --out-dir drafts

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
