"""The mission board in headless Chromium, as a trainee (Voilà app) and as a learner
(JupyterLab) use it: qualify, justify, reload, find everything again, export the annex."""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from browser import chromium_page, free_port, lab_dirs, lab_server, lab_wait_run_over, screenshot_on_failure, voila_server
from prospection import lab
from prospection.board import storage
from prospection.board.app import APP_NOTEBOOK, app_command
from prospection.board.session import ENV_FOLDER

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent

#: (card index, button label, class written, justification typed)
CHOICES = [
    (0, "Froid", "froid", "Pas intéressé : garder la fiche dans le CRM et envoyer une invitation."),
    (1, "Chaud", "chaud", "Intéressé, projet pour septembre : le rappeler en priorité."),
    (3, "Tiède", "tiède", "Projet dans deux ans : relancer à l'approche de l'échéance."),
]


def learner_copy(folder: Path) -> Path:
    """A learner's copy of the mission notebook (the same thin notebook the Voilà app runs)."""
    target = folder / "mission_salon.ipynb"
    shutil.copy(APP_NOTEBOOK, target)
    return target


def wait_for_answers(folder: Path, expected: dict, timeout: float = 30) -> dict:
    path = folder / storage.ANSWERS_FILENAME
    deadline = time.monotonic() + timeout
    got = {}
    while time.monotonic() < deadline:
        if path.exists():
            got = {cid: (a["qualification"], a["justification"])
                   for cid, a in storage.load_answers(path)["reponses"].items()}
            if all(got.get(k) == v for k, v in expected.items()):
                return got
        time.sleep(0.2)
    raise AssertionError(f"réponses attendues {expected}, fichier\u00a0: {got}")


def fill_board(page) -> dict:
    cards = page.locator(".board-card")
    expected = {}
    for index, label, cls, text in CHOICES:
        card = cards.nth(index)
        card.locator(".board-choice button", has_text=label).click()
        textarea = card.locator(".board-justification textarea")
        textarea.click()
        textarea.press_sequentially(text[:10], delay=5)  # real keystrokes for the beginning
        textarea.fill(text)
        # What the learner sees must be what they typed before anything is read back from the
        # file: a failure then says whether the page or the save lost the text.
        shown = textarea.input_value()
        assert shown == text, f"la zone de texte affiche {shown!r} au lieu de {text!r}"
        cid = card.locator(".board-card-title").get_attribute("data-contact")
        expected[cid] = (cls, text)
    return expected


def check_restored(page) -> None:
    cards = page.locator(".board-card")
    cards.first.wait_for(timeout=60_000)
    for index, label, cls, text in CHOICES:
        card = cards.nth(index)
        active = card.locator(".board-choice button.mod-active")
        active.wait_for(timeout=30_000)
        assert active.inner_text().strip() == label
        assert card.locator(".board-justification textarea").input_value() == text
    progress = page.locator(".board-progress").inner_text().replace("\u00a0", " ")
    assert re.search(r"\b3 / \d+ contacts qualifiés", progress), progress


def check_keyboard_paging(page) -> None:
    label = page.locator(".board-page-label")
    assert "Page 1" in label.inner_text()
    # Tab from a justification goes on to the next card's buttons.
    page.locator(".board-card").nth(0).locator("textarea").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.board-card') === "
                            "document.querySelectorAll('.board-card')[1]")
    assert focused, "Tab should reach the next card"
    page.locator("button.board-next").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.board-page-label').innerText.includes('Page 2')",
                           timeout=20_000)
    page.locator("button.board-previous").focus()
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.board-page-label').innerText.includes('Page 1')",
                           timeout=20_000)


def check_bad_upload(page, tmp_path: Path, work: Path) -> None:
    bad = tmp_path / "pas_un_classeur.xlsx"
    bad.write_bytes(b"ceci n'est pas un classeur Excel")
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.locator(".board-upload").first.click()
    chooser.value.set_files(str(bad))
    status = page.locator(".board-upload-status .board-message-erreur")
    status.wait_for(timeout=30_000)
    assert "pas_un_classeur.xlsx" in status.inner_text()
    assert "Traceback" not in page.content()
    # The board is still there and still saves.
    card = page.locator(".board-card").nth(2)
    card.locator(".board-choice button", has_text="Chaud").click()
    cid = card.locator(".board-card-title").get_attribute("data-contact")
    deadline = time.monotonic() + 30
    while storage.load_answers(work)["reponses"].get(cid, {}).get("qualification") != "chaud":
        assert time.monotonic() < deadline, "the board stopped saving after a bad upload"
        time.sleep(0.2)


def export_and_read(page, tmp_path: Path, expected: dict) -> None:
    import openpyxl

    page.locator("button.board-export").click()
    link = page.locator("a.board-download-link")
    link.wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        link.click()
    target = tmp_path / "annexe_telechargee.xlsx"
    info.value.save_as(target)
    wb = openpyxl.load_workbook(target)
    cells = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)
    for cls, text in expected.values():
        assert text in cells, f"{text!r} absent de l'annexe"
    for header in ("froids", "tièdes", "chauds"):
        assert header in cells.lower()


# ---------------------------------------------------------------- Voilà

def test_voila_app_qualify_reload_restore_export(tmp_path, artifacts):
    work = tmp_path / "travail"
    work.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # Exactly what `make mission` runs, with the app's files in a temp folder.
    cmd, env = app_command(port=port, open_browser=False, dossier=work, folder=tmp_path / "app")
    assert "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd
    with voila_server(cmd, url, env=env, cwd=tmp_path, log=tmp_path / "voila.log"):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "board_voila_echec.png", full_page=False):
            page.goto(url, timeout=90_000)
            page.locator(".board-card").first.wait_for(timeout=90_000)
            assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor").count() == 0, "code shown"
            assert page.title() == "Mission salon"
            source = urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
            assert "Chargement du tableau" in source and "Préparation (étape" in source
            assert "Running" not in source and "Executing" not in source
            expected = fill_board(page)
            wait_for_answers(work, expected)
            page.screenshot(path=str(artifacts / "board_voila_rempli.png"), full_page=True)
            page.reload(timeout=90_000)
            check_restored(page)
            check_keyboard_paging(page)
            page.screenshot(path=str(artifacts / "board_voila_recharge.png"))
            check_bad_upload(page, tmp_path, work)
            export_and_read(page, tmp_path, expected)
            page.locator(".board-annex").scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / "board_voila_annexe.png"))


# ---------------------------------------------------------------- JupyterLab

def _run_notebook_cells(page) -> None:
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    # JupyterLab may ask which kernel to start: take the proposed Python 3.
    select = page.locator(".jp-Dialog button", has_text="Sélectionner")
    with contextlib.suppress(Exception):
        select.wait_for(timeout=10_000)
        select.click()
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                 ".jp-StatusBar-TextItem:has-text('Inactif')").first.wait_for(timeout=90_000)
    prompt = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").first
    for attempt in range(2):  # a keystroke lost while the page still settles: once more
        page.locator(".jp-Notebook .jp-Cell .jp-InputArea-editor").first.click()
        page.keyboard.press("Shift+Enter")
        try:  # the run has started (« [*]: ») or is over (« [1]: »)
            page.wait_for_function("el => /\\[(\\*|\\d+)\\]/.test(el.textContent)",
                                   arg=prompt.element_handle(), timeout=20_000)
            break
        except Exception:
            if attempt:
                raise
    lab_wait_run_over(page)  # the board is used once the run is over, as a learner sees it


def test_jupyterlab_qualify_reload_restart_restore_export(tmp_path, artifacts):
    work = tmp_path / "copie_apprenant"
    work.mkdir()
    notebook = learner_copy(work)
    lab.configure()
    port, token = free_port(), secrets.token_hex(8)
    cmd = [a for a in lab.lab_command(port=port, open_browser=False, token=token)
           if not a.startswith("--ServerApp.root_dir") and not a.endswith(".ipynb")]
    cmd.append(f"--ServerApp.root_dir={work}")
    env = lab.lab_environment()
    env.update(lab_dirs(tmp_path, settings=False))
    env.pop(ENV_FOLDER, None)  # the learner's board works in the notebook's folder
    base = f"http://127.0.0.1:{port}"
    with lab_server(cmd, base, token, env=env, cwd=work, log=tmp_path / "lab.log"):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "board_lab_echec.png", full_page=False):
            page.goto(f"{base}/lab/tree/{notebook.name}?token={token}", timeout=90_000)
            _run_notebook_cells(page)
            page.locator(".board-card").first.wait_for(timeout=90_000)
            expected = fill_board(page)
            wait_for_answers(work, expected)
            page.screenshot(path=str(artifacts / "board_lab_rempli.png"))
            check_keyboard_paging(page)
            # Reload the page and restart the kernel: the board comes back from the file.
            page.reload(timeout=90_000)
            kernels = json.load(urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=10))
            assert kernels, "no kernel running"
            for k in kernels:
                req = urllib.request.Request(f"{base}/api/kernels/{k['id']}/restart?token={token}",
                                             method="POST", data=b"")
                urllib.request.urlopen(req, timeout=60)
            _run_notebook_cells(page)
            check_restored(page)
            page.screenshot(path=str(artifacts / "board_lab_restaure.png"))
            export_and_read(page, tmp_path, expected)


def test_cli_of_make_mission_serves_the_board(tmp_path):
    """`make mission` runs `python -m prospection.board.app`: it must serve the board (as root too)."""
    import sys

    port = free_port()
    cmd = [sys.executable, "-m", "prospection.board.app", "--no-browser", f"--port={port}",
           f"--dossier={tmp_path}"]
    url = f"http://127.0.0.1:{port}/"
    with voila_server(cmd, url, cwd=tmp_path, log=tmp_path / "mission.log"):
        page = urllib.request.urlopen(url, timeout=90).read().decode("utf-8")
        assert "<title>Mission salon</title>" in page
        assert "application/vnd.jupyter.widget-view+json" in page, "the board widget is not rendered"
    assert "Tableau de la mission salon" in (tmp_path / "mission.log").read_text(encoding="utf-8")
