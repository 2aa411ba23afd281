# Parallax: `make run` sets up and launches the app; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/dev.lock
STAMP := $(VENV)/.installed

.PHONY: install run test test-core lint bench-extraction clean

install: $(STAMP)

# Reinstall only when the lock file or the project metadata changes.
$(STAMP): $(LOCK) pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/python main.py

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The headless core only: no display, no Qt.
test-core: install
	$(BIN)/python -m pytest -q -m "not gui"

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy reader

bench-extraction: install
	$(PYTHON) ../shared/bench/article-extraction/evaluate.py \
	    --cmd '$(BIN)/python main.py extract {file} --json' --jobs 2
	$(PYTHON) ../shared/bench/pasted-text/evaluate.py \
	    --cmd '$(BIN)/python main.py extract {file} --json'

clean:
	rm -rf $(VENV) build *.egg-info
