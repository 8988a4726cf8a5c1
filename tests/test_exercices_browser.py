"""Exercises answered with clicks and typing only, in Voilà and in JupyterLab (headless Chromium).

Each test copies a released exercise folder, answers every question through the widgets, reloads
the page, checks that the answers came back, then scores the saved ``reponses.json`` with
``grader.exercices`` (the teacher's side) and expects the points of those answers.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import chromium_page, free_port, lab_dirs, lab_server, server
from grader.exercices import module_for
from prospection import reponses
from prospection.exercices.app import app_command
from prospection.exercices.model import parse_number

REPO = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

WRONG_ITEMS = 2  # items answered wrongly on purpose in q1: partial points must follow

ARGUMENTATION = ("Une association est un non-professionnel : les règles du démarchage visent les "
                 "consommateurs, leur application se discute. Par prudence, je recueillerais son accord.")


def release(tmp_path: Path, exercise: str) -> Path:
    work = tmp_path / exercise
    shutil.copytree(REPO / "exercises" / exercise, work,
                    ignore=shutil.ignore_patterns("reponses*.json", ".ipynb_checkpoints"))
    return work


def plan(exercise: str):
    """What the test clicks: the key's answers, except WRONG_ITEMS items of q1 answered wrong."""
    module = module_for(exercise)
    public, key = module.generate(None)
    answers = module.perfect_answers(public, key)
    q1 = public["questions"][0]
    wrong = {}
    for item_id in list(answers["questions"][q1["id"]]["valeur"])[:WRONG_ITEMS]:
        right = answers["questions"][q1["id"]]["valeur"][item_id]
        wrong[item_id] = next(o["valeur"] for o in q1["options"] if o["valeur"] != right)
    answers["questions"][q1["id"]]["valeur"].update(wrong)
    expected = sum(s.points for s in module.score(public, key, answers))
    return public, key, answers, expected


def label_of(q: dict, value: str) -> str:
    return next(o["libelle"] for o in q["options"] if o["valeur"] == value)


def answer_everything(page, public: dict, answers: dict) -> None:
    for q in public["questions"]:
        box = page.locator(f".px-q-{q['id']}")
        box.scroll_into_view_if_needed()
        value = answers["questions"].get(q["id"], {}).get("valeur")
        if q["type"] == "choix":
            for item_id, chosen in value.items():
                widget = box.locator(f".px-item-{item_id}")
                label = label_of(q, chosen)
                if widget.locator("select").count():
                    widget.locator("select").select_option(label=label)
                else:
                    widget.get_by_role("button", name=label, exact=True).click()
        elif q["type"] == "nombre":
            for item_id, number in value.items():
                field = box.locator(f".px-item-{item_id} input")
                field.click()
                field.press_sequentially(str(number).replace(".", ","))
        elif q["type"] == "ordre":
            current = [o["valeur"] for o in q["options"]]  # a fresh release shows the options' order
            for position, wanted in enumerate(value):
                label = label_of(q, wanted)
                while current.index(wanted) > position:
                    i = current.index(wanted)
                    rows = box.locator(".px-order-row")
                    expect(rows.nth(i)).to_contain_text(label)
                    rows.nth(i).locator(".px-up").click()
                    current[i - 1], current[i] = current[i], current[i - 1]
                    expect(rows.nth(i - 1)).to_contain_text(label)
        elif q["type"] == "texte":
            area = box.locator("textarea")
            area.click()
            area.press_sequentially(value if isinstance(value, str) else ARGUMENTATION, delay=2)


def check_restored(page, public: dict, answers: dict) -> None:
    for q in public["questions"]:
        box = page.locator(f".px-q-{q['id']}")
        value = answers["questions"].get(q["id"], {}).get("valeur")
        if q["type"] == "choix":
            for item_id, chosen in value.items():
                widget = box.locator(f".px-item-{item_id}")
                label = label_of(q, chosen)
                if widget.locator("select").count():
                    shown = widget.locator("select option:checked").inner_text().replace("\u00a0", " ")
                    assert shown == label.replace("\u00a0", " "), (q["id"], item_id)
                else:
                    button = widget.get_by_role("button", name=label, exact=True)
                    assert "mod-active" in (button.get_attribute("class") or ""), (q["id"], item_id)
        elif q["type"] == "texte":
            assert box.locator("textarea").input_value().strip() != ""
        elif q["type"] == "ordre":
            rows = box.locator(".px-order-row")
            for n, wanted in enumerate(value):
                expect(rows.nth(n)).to_contain_text(label_of(q, wanted))
        elif q["type"] == "nombre":
            for item_id, number in value.items():
                shown = box.locator(f".px-item-{item_id} input").input_value()
                assert parse_number(shown) == float(number), (q["id"], item_id, shown)


def wait_saved(folder: Path, public: dict, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    wanted = {q["id"] for q in public["questions"]}
    while True:
        path = folder / "reponses.json"
        if path.exists():
            doc = reponses.load(path)
            if wanted <= set(doc["questions"]):
                return doc
        if time.monotonic() > deadline:
            raise AssertionError(f"réponses non enregistrées : {path.read_text() if path.exists() else 'absent'}")
        time.sleep(0.3)


def score_saved(exercise: str, folder: Path, public: dict, key: dict) -> float:
    doc = reponses.load(folder / "reponses.json", exercise)
    assert doc["modifie_le"].endswith("Z")
    return sum(s.points for s in module_for(exercise).score(public, key, doc))


EXERCISES = ["01_telemarketing", "02_cycle_prospect", "03_appels"]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_in_voila_with_clicks_and_typing_only(tmp_path, artifacts, exercise):
    folder = release(tmp_path, exercise)
    public, key, answers, expected = plan(exercise)
    port = free_port()
    cmd, env = app_command(folder, port=port, open_browser=False, folder=tmp_path / "app")
    url = f"http://127.0.0.1:{port}/"
    with server(cmd, ready_url=url, env=env, log=tmp_path / "voila.log"):
        with chromium_page() as page:
            started = time.monotonic()
            page.goto(url, timeout=120_000)
            page.locator(f".px-q-{public['questions'][-1]['id']}").wait_for(timeout=120_000)
            usable = time.monotonic() - started
            answer_everything(page, public, answers)
            page.locator(".px-verifier").click()
            page.locator(".px-bilan").wait_for(timeout=30_000)
            wait_saved(folder, public)
            time.sleep(1.0)  # the debounced text
            page.screenshot(path=str(artifacts / f"exercice_{exercise}_voila.png"), full_page=True)
            for q in public["questions"]:
                page.locator(f".px-q-{q['id']}").screenshot(path=str(artifacts / f"exercice_{exercise}_{q['id']}.png"))
            page.reload()
            page.locator(f".px-q-{public['questions'][-1]['id']}").wait_for(timeout=120_000)
            check_restored(page, public, answers)
    assert score_saved(exercise, folder, public, key) == expected
    (artifacts / f"exercice_{exercise}_voila.txt").write_text(
        f"page ouverte → exercice utilisable : {usable:.1f} s\n", encoding="utf-8")


@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_in_jupyterlab_with_clicks_and_typing_only(tmp_path, artifacts, exercise):
    folder = release(tmp_path, exercise)
    public, key, answers, expected = plan(exercise)
    port, token = free_port(), secrets.token_hex(8)
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={tmp_path}", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", "--no-browser", f"--IdentityProvider.token={token}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", LANG="fr_FR.UTF-8", **lab_dirs(tmp_path))
    base = f"http://127.0.0.1:{port}"
    notebook_url = f"{base}/lab/tree/{exercise}/{exercise}.ipynb?token={token}"

    def kernel_idle(page):
        page.get_by_text(re.compile(r"\| (Inactif|Idle)$")).first.wait_for(timeout=120_000)

    def run_all(page):
        kernel_idle(page)
        page.get_by_role("menuitem", name=re.compile(r"^(Exécution|Run)$")).first.click()
        item = page.get_by_role("menuitem", name=re.compile(r"^(Exécuter toutes les cellules|Run All Cells)$")).first
        item.wait_for(timeout=30_000)
        item.click()
        page.locator(".px-bilan").wait_for(timeout=180_000)

    with lab_server(cmd, base, token, env=env, log=tmp_path / "lab.log", timeout=120):
        with chromium_page() as page:
            started = time.monotonic()
            page.goto(notebook_url, timeout=120_000)
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
            page.locator(".lm-MenuBar-itemLabel").first.wait_for(timeout=120_000)
            run_all(page)
            usable = time.monotonic() - started
            answer_everything(page, public, answers)
            wait_saved(folder, public)
            time.sleep(1.0)
            page.screenshot(path=str(artifacts / f"exercice_{exercise}_lab.png"), full_page=False)
            # A kernel restart and a page reload: the widgets come back with the saved answers.
            page.on("dialog", lambda dialog: dialog.accept())  # « leave the page? »
            page.goto(notebook_url, timeout=120_000)
            try:
                page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
            finally:
                page.screenshot(path=str(artifacts / f"exercice_{exercise}_lab_reloaded.png"))
            kernel_idle(page)
            page.get_by_role("menuitem", name=re.compile(r"^(Noyau|Kernel)$")).first.click()
            restart = page.get_by_role("menuitem", name=re.compile(
                r"^(Redémarrer le noyau et [Ee]xécuter toutes les cellules|Restart Kernel and Run All Cells)")).first
            restart.wait_for(timeout=30_000)
            restart.click()
            try:
                page.locator(".jp-Dialog .jp-mod-accept").click()  # « Redémarrer »
            finally:
                page.screenshot(path=str(artifacts / f"exercice_{exercise}_lab_restart.png"))
            page.locator(".px-bilan").wait_for(timeout=120_000)
            check_restored(page, public, answers)
    assert score_saved(exercise, folder, public, key) == expected
    (artifacts / f"exercice_{exercise}_lab.txt").write_text(
        f"page ouverte → exercice utilisable (après « Exécuter tout ») : {usable:.1f} s\n", encoding="utf-8")
