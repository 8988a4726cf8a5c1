# Two commands for everyone: `make lab` and `make test`. Everything else is a chore they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1
# French everywhere a learner looks, including Python's own messages.
export LANG := C.UTF-8
# nbgrader calls alembic and jupyter scripts from PATH: the venv's come first.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: lock lab lab-eleve test mission exercice setup chromium fonts bwrap exercises clean-notebooks benchmarks demo evaluation

# Both parts, editable: the learner part (root pyproject.toml, package `prospection`) and the
# teacher part (grader/pyproject.toml, package `grader`). A learner installs only the first.
$(STAMP): pyproject.toml grader/pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]" -e ./grader
	$(BIN)/python -m prospection.lab --configure-only
	touch $(STAMP)

setup: $(STAMP)

## Opens JupyterLab in French on the course's home notebook.
lab: setup
	@$(MAKE) --no-print-directory fonts || true
	$(BIN)/python -m prospection.lab

## The learner's lab: a learner folder (course, exercises, datasets only), no nbgrader teacher tool.
ELEVE_DIR ?= $(HOME)/prospection-commerciale
lab-eleve: setup
	@$(MAKE) --no-print-directory fonts || true
	$(BIN)/python -m prospection.lab --eleve --dossier "$(ELEVE_DIR)"

## Serves the salon mission board as a Voilà app (no code shown); answers are saved in
## MISSION_DIR, where the graded notebook of the mission reads them.
MISSION_DIR ?= exercises/04_mission_salon
mission: setup
	$(BIN)/python -m prospection.board.app --dossier $(MISSION_DIR)

## Serves an exercise (01 to 03) as a Voilà app, answered with the mouse and keyboard only;
## answers are saved in exercises/$(EX)/reponses.json, where the notebook and grading read them.
EX ?= 01_telemarketing
exercice: setup
	$(BIN)/python -m prospection.exercices.app $(EX)

## Installs Debian's Chromium for the browser tests when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium manque : sudo apt-get install chromium"; exit 1; fi; }

## Installs Debian's colour emoji font (status icons ✅ ❌ ⏳) when no emoji font is present.
fonts:
	@fc-list 2>/dev/null | grep -qi "emoji" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && apt-get install -y -qq fonts-noto-color-emoji >/dev/null; \
	  else echo "Police des emojis absente : sudo apt-get install fonts-noto-color-emoji"; exit 1; fi; }

## Installs Debian's bubblewrap (the grading sandbox: learner code runs isolated) when missing.
bwrap:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null; \
	  else echo "bubblewrap manque : sudo apt-get install bubblewrap"; exit 1; fi; }

## The whole test suite.
test: setup chromium fonts bwrap z2jh-hub-env
	$(BIN)/python -m pytest -n 2 --dist loadgroup -p no:cacheprovider $(PYTEST_ARGS)

## Regenerates exercises/ from solutions/ with nbgrader (never edit exercises/ by hand).
exercises: setup
	$(BIN)/python -m grader generate

## Strips outputs and execution counts from every committed notebook.
clean-notebooks: setup
	$(BIN)/python -m grader clean-notebooks

benchmarks: setup
	$(BIN)/python -m benchmarks

## Scores the sealed justification set (never read by `make test`) and rewrites the figures of
## benchmarks/RESULTS_justifications.md.
evaluation: setup
	$(BIN)/python -m benchmarks.evaluate_justifications

demo: setup
	$(BIN)/python -m grader demo

## Re-pins every transitive dependency after a change in pyproject.toml.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^prospection' > requirements.lock.new
	{ echo '# Exact versions of every package, tested together here (pip freeze). Regenerate with `make lock`.'; cat requirements.lock.new; } > requirements.lock && rm requirements.lock.new

include deploy/hub.mk
include deploy/z2jh/z2jh.mk
