# The README's two commands: `make demo` (main job on the seed network) and `make test`.
# Both create .venv and install the project on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BENCH  := $(VENV)/.installed-bench

.PHONY: demo test test-fast tex browser generate check-generated bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,plot,torch,jax]'
	touch $@

$(BENCH): $(STAMP)
	$(PY) -m pip install -q -e '.[bench-torch,bench-jax]'
	touch $@

tex:
	@bash scripts/install-tex.sh

# headless Chromium for the HTML sheet's browser tests (apt, as root, when missing)
browser:
	@bash scripts/install-browser.sh

demo: $(STAMP)
	$(PY) -m codegen.demo

# -n auto: one pytest-xdist worker per core (tests/conftest.py gives every worker the run's seed);
# --dist loadgroup: the tests of one published-corpus file on one worker (tests/conftest.py)
# PYTHONDONTWRITEBYTECODE= : compiled modules are kept in __pycache__ even where the environment
# says not to write them; each worker, and each CLI the tests start, would otherwise compile the
# project and rewrite every test module's asserts again (about 10 s of CPU per process)
test: $(STAMP) tex browser lint
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n auto --dist loadgroup

# the suite without TeX or a browser (no apt, no root): what a quick edit-test loop needs
test-fast: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n auto --dist loadgroup -m "not tex and not slow and not browser"

lint: $(STAMP)
	$(VENV)/bin/ruff check --no-cache .
	$(VENV)/bin/ruff format --no-cache --check .
	$(VENV)/bin/mypy

generate: $(STAMP) browser
	$(PY) -m codegen.regen

check-generated: $(STAMP)
	$(PY) -m codegen.regen --check

bench: $(BENCH)
	$(PY) benchmarks/derive_speed.py
	$(PY) benchmarks/run.py
	$(PY) benchmarks/w2_floor.py
	$(PY) benchmarks/matrix_sweep.py
	$(PY) benchmarks/backends_c.py
	$(PY) benchmarks/backends_torch_jax.py

clean:
	rm -rf $(VENV) demo
