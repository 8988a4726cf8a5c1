# JupyterHub for a class (deploy/): `make hub-deps` installs, `make hub` starts a trial on
# http://127.0.0.1:8000. Included by the root Makefile.
#
# Environments live under HUB_PREFIX (readable by every account, unlike a home folder):
#   $(HUB_PREFIX)/prof   teacher: the whole toolchain (grader), JupyterHub, Formgrader; the hub runs here
#   $(HUB_PREFIX)/eleve  learners: Jupyter, nbgrader's Assignments tab and the learner part only
# Both are built from the system's Python 3 (/usr/bin/python3), which every account can run.
HUB_PREFIX ?= /opt/prospection-hub
HUB_TEACHER_SERVER := nbgrader.server_extensions.formgrader nbgrader.server_extensions.course_list \
	nbgrader.server_extensions.validate_assignment
HUB_TEACHER_PLUGINS := @jupyter/nbgrader:create-assignment @jupyter/nbgrader:formgrader \
	@jupyter/nbgrader:course-list @jupyter/nbgrader:validate-assignment \
	@jupyter-notebook/lab-extension:interface-switcher
HUB_PYTHON ?= /usr/bin/python3
HUB_STATE ?= /var/lib/prospection-hub
HUB_PROF := $(HUB_PREFIX)/prof
HUB_ELEVE := $(HUB_PREFIX)/eleve
HUB_SOURCES := $(shell git ls-files prospection grader 2>/dev/null)
# Pins of requirements.lock that need a newer Python than the system's (soupsieve 4.1.3 wants
# 3.11.5, Debian 12 has 3.11.2): left to pip, which takes the newest version that fits.
HUB_UNPIN ?= soupsieve
HUB_LOCK := $(HUB_PREFIX)/contraintes.txt

.PHONY: hub hub-deps node-proxy

## Node.js, npm and configurable-http-proxy (JupyterHub's proxy, from npm, version pinned in
## deploy/package-lock.json).
node-proxy:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "Node.js manque : sudo apt-get install nodejs npm"; exit 1; fi; }
	@test -x deploy/node_modules/.bin/configurable-http-proxy || \
	  npm ci --prefix deploy --no-audit --no-fund --loglevel=error

$(HUB_LOCK): requirements.lock
	mkdir -p $(HUB_PREFIX)
	grep -v -E '^($(subst $(eval) ,|,$(strip $(HUB_UNPIN))))==' requirements.lock > $@

$(HUB_PROF)/.installed: pyproject.toml $(HUB_LOCK) deploy/requirements-hub.txt
	test -x $(HUB_PROF)/bin/python || $(HUB_PYTHON) -m venv $(HUB_PROF)
	$(HUB_PROF)/bin/python -m pip install --quiet --upgrade "pip==26.3"
	$(HUB_PROF)/bin/python -m pip install --quiet -c $(HUB_LOCK) -r deploy/requirements-hub.txt ".[test]"
	touch $@

$(HUB_ELEVE)/.installed: $(HUB_LOCK) deploy/requirements-hub.txt deploy/requirements-eleve.txt
	test -x $(HUB_ELEVE)/bin/python || $(HUB_PYTHON) -m venv $(HUB_ELEVE)
	$(HUB_ELEVE)/bin/python -m pip install --quiet --upgrade "pip==26.3"
	$(HUB_ELEVE)/bin/python -m pip install --quiet -c $(HUB_LOCK) -c deploy/requirements-hub.txt -r deploy/requirements-eleve.txt
	# nbgrader's teacher tools off and locked for learners (nbgrader enables all by default, and
	# JupyterLab 4 lets a user turn an unlocked one back on); the same lists as prospection/lab.py
	# and deploy/z2jh/Dockerfile.eleve. The Assignments tab (assignment-list, menu) stays.
	$(HUB_ELEVE)/bin/jupyter server extension disable --sys-prefix $(HUB_TEACHER_SERVER) >/dev/null 2>&1
	$(HUB_ELEVE)/bin/jupyter labextension disable --level=sys_prefix $(HUB_TEACHER_PLUGINS) >/dev/null 2>&1
	$(HUB_ELEVE)/bin/jupyter labextension lock --level=sys_prefix $(HUB_TEACHER_PLUGINS) >/dev/null 2>&1
	touch $@

## The course itself, copied (not linked: a learner cannot read a teacher's clone): the learner
## part alone in the learner environment, both parts in the teacher's. Re-run when sources change.
$(HUB_PREFIX)/.sources: $(HUB_PROF)/.installed $(HUB_ELEVE)/.installed $(HUB_SOURCES)
	@# setuptools builds in ./build and packs whatever is left there: an old build/lib/grader
	@# would land in the learner environment. Start from an empty build folder.
	rm -rf build
	$(HUB_ELEVE)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	$(HUB_ELEVE)/bin/python -m prospection.lab --configure-only
	@# Learners never get the grading code nor keys, whatever a package ships.
	rm -rf $(HUB_ELEVE)/lib/python3*/site-packages/grader
	@! $(HUB_ELEVE)/bin/python -I -c "import grader" 2>/dev/null || { echo "grader importable dans l'environnement élève"; exit 1; }
	$(HUB_PROF)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	@if [ -f grader/pyproject.toml ]; then $(HUB_PROF)/bin/python -m pip install --quiet --no-deps --force-reinstall ./grader; fi
	touch $@

hub-deps: bwrap node-proxy $(HUB_PREFIX)/.sources

## A trial hub on http://127.0.0.1:8000 (accounts: see docs/serveur.md, deploy/comptes.py).
hub: hub-deps
	PROSPECTION_HUB_PREFIX=$(HUB_PREFIX) PROSPECTION_HUB_STATE=$(HUB_STATE) \
	  $(HUB_PROF)/bin/jupyterhub -f deploy/jupyterhub_config.py

# The hub test (tests/test_hub_class.py) needs all of it.
test: hub-deps
