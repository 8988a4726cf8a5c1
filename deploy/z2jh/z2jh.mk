# Zero to JupyterHub (deploy/z2jh/): the hub image's Python packages, at the chart's exact
# versions, in their own environment, so that tests/test_z2jh_config.py loads config.yaml through
# the chart's own hub configuration with the real authenticator and spawner classes, and runs
# the learners' nbgrader configuration with the real ngshare_exchange. Included by
# the root Makefile; nothing of it goes into .venv (jupyterhub 5.5.0 here, not the school
# server's 6.x).
Z2JH_HUB_VENV := .venv-z2jh-hub
Z2JH_HUB_STAMP := $(Z2JH_HUB_VENV)/.installed
Z2JH_HUB_PACKAGES := jupyterhub oauthenticator jupyterhub-kubespawner jupyterhub-nativeauthenticator PyYAML
# ngshare_exchange as the images install it (--no-deps, version of the Dockerfiles), in a folder
# of its own that the test puts on PYTHONPATH next to .venv's nbgrader: .venv itself is untouched.
Z2JH_NGSHARE := $(Z2JH_HUB_VENV)/ngshare_exchange
Z2JH_NGSHARE_PIN := $(shell grep -oh 'ngshare_exchange==[0-9.]*' deploy/z2jh/Dockerfile.eleve | head -1)

.PHONY: z2jh-hub-env

$(Z2JH_HUB_STAMP): tests/data/z2jh/hub-image-requirements.txt deploy/z2jh/z2jh.mk deploy/z2jh/Dockerfile.eleve | setup
	test -x $(Z2JH_HUB_VENV)/bin/python || $(PYTHON) -m venv $(Z2JH_HUB_VENV)
	$(Z2JH_HUB_VENV)/bin/python -m pip install --quiet -c tests/data/z2jh/hub-image-requirements.txt $(Z2JH_HUB_PACKAGES)
	rm -rf $(Z2JH_NGSHARE)
	$(BIN)/python -m pip install --quiet --no-deps --target $(Z2JH_NGSHARE) "$(Z2JH_NGSHARE_PIN)"
	touch $(Z2JH_HUB_STAMP)

## The chart's hub packages for tests/test_z2jh_config.py (called by `make test`).
z2jh-hub-env: $(Z2JH_HUB_STAMP)
