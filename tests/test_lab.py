"""JupyterLab as `make lab` (teacher) and `python -m prospection.lab --eleve` (learner) start it:
French, on the course home; the teacher keeps every nbgrader tool, the learner sees only the
course, the exercises and the data, and none of nbgrader's teacher tools."""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from browser import chromium_page, free_port, lab_dirs, lab_server
from conftest import REPO
from prospection import lab



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


HOME_TAB = "00_accueil.ipynb"
FRENCH_MENUS = ("Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Aide")
TEACHER_MENU_ITEMS = ("Formgrader", "Course List", "Assignment List")


def test_lab_command_opens_the_home_notebook_and_works_as_root():
    cmd = lab.lab_command(port=8999, open_browser=False, token="x")
    assert f"--LabApp.default_url=/lab/tree/{lab.HOME_NOTEBOOK}" in cmd
    assert f"--ServerApp.root_dir={REPO}" in cmd
    assert (REPO / lab.HOME_NOTEBOOK).is_file()
    assert ("--allow-root" in cmd) == (lab.os.geteuid() == 0)


def test_learner_folder_holds_course_exercises_datasets_only(tmp_path):
    folder = lab.prepare_learner_folder(tmp_path / "eleve")
    assert sorted(p.name for p in folder.iterdir()) == ["course", "datasets", "exercises"]
    assert (folder / lab.HOME_NOTEBOOK).is_file()
    released = sorted(p.relative_to(REPO / "exercises") for p in (REPO / "exercises").rglob("*.ipynb"))
    assert released, "no released exercise"
    assert sorted(p.relative_to(folder / "exercises") for p in (folder / "exercises").rglob("*.ipynb")) == released
    assert not list(folder.rglob("solutions")) and not list(folder.rglob("grader"))


def test_learner_folder_never_overwrites_a_learners_work(tmp_path):
    folder = lab.prepare_learner_folder(tmp_path / "eleve")
    notebook = next((folder / "exercises").rglob("*.ipynb"))
    notebook.write_text("mon travail", encoding="utf-8")
    (folder / lab.HOME_NOTEBOOK).unlink()
    lab.prepare_learner_folder(folder)
    assert notebook.read_text(encoding="utf-8") == "mon travail"
    assert (folder / lab.HOME_NOTEBOOK).is_file()  # a missing file comes back


def test_learner_mode_refuses_the_teachers_folder_in_french(tmp_path):
    done = subprocess.run([sys.executable, "-m", "prospection.lab", "--eleve", "--dossier", str(REPO),
                           "--no-browser"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "dossier de l'enseignant" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(lab.LearnerFolderError, match="introuvable"):
        lab.prepare_learner_folder(tmp_path / "eleve", material=tmp_path / "rien")


def test_learner_config_turns_off_teacher_tools_and_keeps_assignments_with_an_exchange(tmp_path):
    plain = lab.learner_config_dir(tmp_path / "seul")
    disabled = json.loads((plain / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    servers = json.loads((plain / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    for plugin in ("create-assignment", "formgrader", "course-list", "assignment-list"):
        assert disabled[f"@jupyter/nbgrader:{plugin}"] is True
    assert servers == {"nbgrader.server_extensions.formgrader": False,
                       "nbgrader.server_extensions.course_list": False,
                       "nbgrader.server_extensions.validate_assignment": False,
                       "nbgrader.server_extensions.assignment_list": False}
    hub = lab.learner_config_dir(tmp_path / "hub", exchange=True)
    disabled = json.loads((hub / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    servers = json.loads((hub / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert "@jupyter/nbgrader:assignment-list" not in disabled and "@jupyter/nbgrader:menu" not in disabled
    assert "@jupyter/nbgrader:formgrader" in disabled
    assert "nbgrader.server_extensions.assignment_list" not in servers


def test_hub_image_gets_the_learner_config_from_the_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "prospection.lab", "--eleve", "--configure-only",
                           "--config-dir", str(tmp_path / "etc"), "--echange"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    server_config = json.loads((tmp_path / "etc" / "jupyter_server_config.json").read_text())
    assert server_config["ServerApp"]["default_url"] == lab.HOME_URL
    assert server_config["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    disabled = json.loads((tmp_path / "etc" / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert "@jupyter/nbgrader:create-assignment" in disabled and "@jupyter/nbgrader:assignment-list" not in disabled
    (tmp_path / "fichier").write_text("")
    refused = subprocess.run([sys.executable, "-m", "prospection.lab", "--eleve", "--configure-only",
                              "--config-dir", str(tmp_path / "fichier")], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "Impossible d'écrire" in refused.stderr and "Traceback" not in refused.stderr


@contextlib.contextmanager
def running(cmd, env, root, tmp_path, token, name="lab"):
    """A lab server from exactly ``cmd``/``env``; yields (base URL, log path)."""
    env = dict(env, **lab_dirs(tmp_path, name, settings=False))
    port = next(a.split("=", 1)[1] for a in cmd if a.startswith("--ServerApp.port="))
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / f"{name}.log"
    with lab_server(cmd, base, token, cwd=root, env=env, log=log):
        yield base, log


@contextlib.contextmanager
def learner_lab_server(tmp_path, exchange=False):
    """The learner's lab (``--eleve``) on a free port, in a fresh learner folder."""
    lab.configure()
    port, token = free_port(), secrets.token_hex(8)
    cmd, env, root = lab.learner_lab(tmp_path / "eleve", port=port, open_browser=False, token=token,
                                     exchange=exchange, config_dir=tmp_path / "config-eleve")
    with running(cmd, env, root, tmp_path, token, "eleve") as (base, log):
        yield base, token, log, root


@pytest.fixture
def running_lab(tmp_path):
    lab.configure()
    port, token = free_port(), secrets.token_hex(8)
    with running(lab.lab_command(port=port, open_browser=False, token=token), lab.lab_environment(),
                 REPO, tmp_path, token, "enseignant") as (base, log):
        yield base, token


def printed_url(log, timeout=30) -> str:
    """The URL JupyterLab prints for the user to open (the one with the token)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.findall(r"(http://127\.0\.0\.1:\d+\S*\?token=\S+)", log.read_text(errors="replace"))
        if found:
            return found[0]
        time.sleep(0.5)
    raise AssertionError(log.read_text(errors="replace")[-3000:])


def http_status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


def menu_labels(page) -> list[str]:
    page.get_by_role("menuitem", name="Fichier").first.wait_for(timeout=90_000)
    return page.locator(".lm-MenuBar-itemLabel").all_inner_texts()


def open_home_notebook(page) -> None:
    page.locator(".jp-NotebookPanel .jp-RenderedMarkdown h1").first.wait_for(timeout=90_000)
    tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").all_inner_texts()
    assert HOME_TAB in tabs, tabs


def root_listing(page) -> list[str]:
    """Names the file browser shows at the root of the server (its home breadcrumb)."""
    page.locator(".jp-BreadCrumbs-home").first.click()
    page.wait_for_function("!document.querySelector('.jp-BreadCrumbs').innerText.includes('course')",
                           timeout=30_000)
    page.locator(".jp-DirListing-item").first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    return sorted(page.locator(".jp-DirListing-itemName").all_inner_texts())


def palette_finds(page, word: str) -> list[str]:
    """Commands of the command palette whose label contains ``word`` (its search is fuzzy)."""
    page.keyboard.press("Control+Shift+C")
    search = page.locator(".lm-CommandPalette-input").first
    search.wait_for(timeout=30_000)
    search.fill(word)
    page.wait_for_timeout(500)
    found = page.locator(".lm-CommandPalette-item .lm-CommandPalette-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    return [label for label in found if word.lower() in label.lower()]


@pytest.mark.browser
def test_lab_in_french_with_nbgrader_menu_opens_course_home(running_lab, artifacts):
    base, token = running_lab
    with chromium_page() as page:
        page.goto(f"{base}/lab/tree/course/00_accueil.ipynb?token={token}", timeout=90_000)
        labels = menu_labels(page)
        for french in FRENCH_MENUS:
            assert french in labels, labels
        assert "Nbgrader" in labels, labels
        open_home_notebook(page)
        assert not page.get_by_text("Would you like to receive official Jupyter news").count()
        assert page.locator(".jp-NotebookPanel-toolbar :text-is('Notebook')").count()  # hidden for learners
        page.screenshot(path=str(artifacts / "lab_accueil.png"))
        # The teacher keeps every nbgrader tool.
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
        for item in TEACHER_MENU_ITEMS:
            assert any(item in i for i in items), items
        page.screenshot(path=str(artifacts / "lab_enseignant_menu_nbgrader.png"))
        page.keyboard.press("Escape")
        assert palette_finds(page, "Create Assignment"), "create-assignment missing for the teacher"
        files = root_listing(page)
        assert "solutions" in files and "grader" in files, files
    # Their server extensions answer (a 400 means « found, asked without the right arguments »).
    for path in ("formgrader", "formgraders", "assignments", "assignments/validate"):
        assert http_status(f"{base}/{path}?token={token}") != 404, path


@pytest.mark.browser
def test_learner_lab_opens_on_home_in_french_without_teacher_tools(tmp_path, artifacts):
    with learner_lab_server(tmp_path) as (base, token, log, root):
        url = printed_url(log)
        assert f"/lab/tree/{lab.HOME_NOTEBOOK}?token=" in url, url
        with chromium_page() as page:
            # The URL printed in the terminal (a token given on the command line is masked there).
            page.goto(url.replace("token=...", f"token={token}"), timeout=90_000)
            labels = menu_labels(page)
            for french in FRENCH_MENUS:
                assert french in labels, labels
            assert "Nbgrader" not in labels, labels
            open_home_notebook(page)
            assert root_listing(page) == ["course", "datasets", "exercises"]
            for word in ("Formgrader", "Create Assignment", "Course List", "Assignment List", "Validate"):
                assert not palette_finds(page, word), word
            assert not page.locator("text=Create Assignment").count()
            assert not page.locator(".jp-Toolbar button:has-text('Validate')").count()
            assert not page.locator(".jp-NotebookPanel-toolbar :text-is('Notebook')").count()
            page.screenshot(path=str(artifacts / "lab_eleve_accueil.png"))
        # The server side of the teacher tools is off too.
        for path in ("formgrader", "formgraders", "assignments", "assignments/validate"):
            assert http_status(f"{base}/{path}?token={token}") == 404, path
        # The base URL (a bookmark, the hub's « Start ») is redirected to the home notebook too.
        with urllib.request.urlopen(f"{base}/?token={token}", timeout=60) as response:
            assert response.url.split("?")[0].endswith(f"/lab/tree/{lab.HOME_NOTEBOOK}"), response.url


@pytest.mark.browser
def test_learner_lab_with_a_hub_exchange_keeps_only_assignments(tmp_path):
    with learner_lab_server(tmp_path, exchange=True) as (base, token, log, root):
        with chromium_page() as page:
            page.goto(f"{base}/?token={token}", timeout=90_000)
            labels = menu_labels(page)
            assert "Nbgrader" in labels, labels
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            items = [i for i in page.locator(".lm-Menu-itemLabel").all_inner_texts() if i.strip()]
            assert any("Assignment List" in i for i in items), items
            assert not any("Formgrader" in i or "Course List" in i for i in items), items
        assert http_status(f"{base}/assignments?token={token}") != 404
        for path in ("formgrader", "formgraders"):
            assert http_status(f"{base}/{path}?token={token}") == 404, path
