"""JupyterLab as `make lab` starts it: French, nbgrader enabled, course home opened."""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import REPO
from prospection import lab

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-gpu", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nbgrader_labextension_enabled():
    done = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                          capture_output=True, text=True, timeout=120)
    listing = done.stdout + done.stderr
    line = next((l for l in listing.splitlines() if "@jupyter/nbgrader" in l), "")
    assert "enabled" in line and "OK" in line, listing


def test_french_language_pack_installed():
    done = subprocess.run([sys.executable, "-m", "pip", "show", "jupyterlab-language-pack-fr-FR"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_configure_writes_french_overrides_and_keeps_others(tmp_path):
    path = lab.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    lab.configure(tmp_path)
    settings = json.loads(path.read_text())
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert settings["@jupyterlab/apputils-extension:themes"]["theme"] == "JupyterLab Dark"


def test_configure_keeps_a_corrupt_settings_file_aside(tmp_path):
    path = lab.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{ pas du json")
    lab.configure(tmp_path)
    assert path.with_suffix(".json.corrompu").read_text() == "{ pas du json"
    assert json.loads(path.read_text())["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"


def test_lab_command_opens_the_home_notebook_and_works_as_root():
    cmd = lab.lab_command(port=8999, open_browser=False, token="x")
    assert cmd[-1].endswith("course/00_accueil.ipynb")
    assert (REPO / lab.HOME_NOTEBOOK).is_file()
    assert ("--allow-root" in cmd) == (lab.os.geteuid() == 0)


@pytest.fixture
def running_lab(tmp_path):
    lab.configure()
    port, token = free_port(), secrets.token_hex(8)
    env = lab.lab_environment()
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(lab.lab_command(port=port, open_browser=False, token=token),
                            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "lab.log").read_text())
                time.sleep(0.5)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.mark.browser
def test_lab_in_french_with_nbgrader_menu_opens_course_home(running_lab, artifacts):
    from playwright.sync_api import sync_playwright

    base, token = running_lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
            page.goto(f"{base}/lab/tree/course/00_accueil.ipynb?token={token}", timeout=90_000)
            menubar = page.locator("#jp-menu-panel, .lm-MenuBar").first
            menubar.wait_for(timeout=90_000)
            page.get_by_role("menuitem", name="Fichier").first.wait_for(timeout=60_000)
            labels = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            for french in ("Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Aide"):
                assert french in labels, labels
            assert "Nbgrader" in labels, labels
            # The home notebook is open in a tab and its title is rendered.
            page.locator(".jp-NotebookPanel .jp-RenderedMarkdown h1").first.wait_for(timeout=60_000)
            tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").all_inner_texts()
            assert "00_accueil.ipynb" in tabs, tabs
            assert not page.get_by_text("Would you like to receive official Jupyter news").count()
            page.screenshot(path=str(artifacts / "lab_accueil.png"))
        finally:
            browser.close()
