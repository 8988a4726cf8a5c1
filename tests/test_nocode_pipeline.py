"""The whole way, without a line of code: the teacher releases, the learner answers with clicks
and typing only in headless Chromium, the teacher collects and autogrades with real nbgrader,
and the gradebook holds the points those answers are worth.

- ``python -m grader release 01_telemarketing 04_mission_salon`` in a class folder (its real
  ``nbgrader_config.py``);
- the learner's copies are the released folders, copied as nbgrader's « fetch » does;
- exercise 01 is answered in JupyterLab (the learner's lab: « Exécuter toutes les cellules »
  from the menu, then the widgets), the salon mission in the Voilà app of ``make mission``
  (qualify, justify, « Exporter l'annexe »);
- ``python -m grader collect`` files the copies handed in, ``python -m grader autograde`` grades
  them (nbgrader's autograde, with the class's preprocessors);
- the scores are read back from nbgrader's gradebook (``nbgrader.api.Gradebook``) and compared,
  grade cell by grade cell, with the teacher's scorer applied to the answers the test gave
  (not to the files, not hard-coded); a few answers are wrong on purpose so partial credit shows.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import (chromium_page, free_port, lab_dirs, lab_run_all, lab_server, screenshot_on_failure,
                     voila_server)
from grader.exercices import module_for
from prospection import lab
from prospection.board import storage
from prospection.board.app import app_command as mission_app_command
from test_exercices_browser import answer_everything, plan, wait_saved

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

EXERCISE = "01_telemarketing"
MISSION = "04_mission_salon"
STUDENT = "alice"
#: Board cards answered in the mission (page 1), and which of them get a wrong class.
MISSION_CARDS = 5
MISSION_WRONG = {1, 3}
LABELS = {"froid": "Froid", "tiède": "Tiède", "chaud": "Chaud"}


def _run(*args: str, cwd: Path | None = None, timeout: int = 900) -> str:
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


def answer_exercise_in_lab(tmp_path: Path, home: Path, artifacts: Path) -> None:
    """Exercise 01 in the learner's lab, rooted at the learner's home (the fetched copies)."""
    public, key, answers, _ = plan(EXERCISE)
    port, token = free_port(), secrets.token_hex(8)
    cmd = lab.lab_command(port=port, open_browser=False, token=token, root=home)
    env = lab.lab_environment(lab.learner_config_dir(tmp_path / "config"))
    env.update(lab_dirs(tmp_path))
    base = f"http://127.0.0.1:{port}"
    with lab_server(cmd, base, token, env=env, cwd=home, log=tmp_path / "lab.log", timeout=120):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "chaine_sans_code_lab_echec.png"):
            page.goto(f"{base}/lab/tree/{EXERCISE}/{EXERCISE}.ipynb?token={token}", timeout=120_000)
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
            lab_run_all(page)
            page.locator(".px-bilan").wait_for(timeout=180_000)
            answer_everything(page, public, answers)
            wait_saved(home / EXERCISE, public)
            time.sleep(1.5)  # the debounced written answer
            page.screenshot(path=str(artifacts / "chaine_sans_code_01_lab.png"))


def mission_plan() -> tuple[dict, dict, dict]:
    public, key = module_for(MISSION).generate(None)
    items = next(q for q in public["questions"] if q["type"] == "qualification")["items"]
    return public, key, {i["id"]: i for i in items}


def answer_mission_in_voila(tmp_path: Path, folder: Path, artifacts: Path) -> dict:
    """The first cards of the board: a class (right per the key, or wrong on purpose) and a
    justification typed from the contact's notes; then « Exporter l'annexe ». Returns
    ``{id: {"classe", "justification"}}`` as given."""
    from grader.exercices.ex_04_mission_salon import accepted_classes

    _, key, items = mission_plan()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd, env = mission_app_command(port=port, open_browser=False, dossier=folder, folder=tmp_path / "app")
    given: dict[str, dict] = {}
    with voila_server(cmd, url, env=env, cwd=tmp_path, log=tmp_path / "voila.log", timeout=120):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "chaine_sans_code_mission_echec.png"):
            page.goto(url, timeout=120_000)
            cards = page.locator(".board-card")
            cards.first.wait_for(timeout=120_000)
            assert cards.count() >= MISSION_CARDS
            for n in range(MISSION_CARDS):
                card = cards.nth(n)
                cid = card.locator(".board-card-title").get_attribute("data-contact")
                accepted = accepted_classes(key["contacts"][cid])
                right = sorted(accepted)[0]
                cls = next(c for c in LABELS if c not in accepted) if n in MISSION_WRONG else right
                notes = " ".join(str(items[cid].get("observations", "")).split()[:12])
                text = f"D'après les notes ({notes}), contact {cls} : je le rappelle selon son échéance."
                card.scroll_into_view_if_needed()
                card.locator(".board-choice button", has_text=LABELS[cls]).click()
                area = card.locator(".board-justification textarea")
                area.click()
                area.press_sequentially(text, delay=1)
                given[cid] = {"classe": cls, "justification": text}
            deadline = time.monotonic() + 30
            while True:  # every answer saved in the released copy's answers file
                saved = storage.load_answers(folder)["reponses"] if (folder / "reponses.json").exists() else {}
                if all(saved.get(cid, {}).get("qualification") == a["classe"]
                       and saved[cid].get("justification") == a["justification"] for cid, a in given.items()):
                    break
                assert time.monotonic() < deadline, f"réponses non enregistrées : {saved}"
                time.sleep(0.3)
            page.locator("button.board-export").click()
            page.locator("a.board-download-link").wait_for(timeout=60_000)
            assert (folder / "annexe_salon.xlsx").is_file()
            page.screenshot(path=str(artifacts / "chaine_sans_code_mission_voila.png"))
    return given


def expected_mission_points(given: dict) -> dict[str, float]:
    """The teacher's scorer on the answers given; the annex as the board exports it (one column
    per class, each contact under its class)."""
    public, key, items = mission_plan()
    annex = {cls: [(f"{cid} {items[cid].get('organisation', '')}", a["justification"])
                   for cid, a in given.items() if a["classe"] == cls] for cls in LABELS}
    answers = {"questions": {"qualification": {"valeur": given}}, "fichiers": {"annexe_salon.xlsx": annex}}
    return {s.grade_id: s.points for s in module_for(MISSION).score(public, key, answers)}


def test_release_answer_by_clicks_collect_autograde_gradebook(tmp_path, artifacts):
    from nbgrader.api import Gradebook

    classe = tmp_path / "classe"
    _run("-m", "grader", "release", EXERCISE, MISSION, "--classe", str(classe))
    assert (classe / "nbgrader_config.py").is_file()
    # The learner fetches the released copies (nbgrader's fetch: release/<exercise>/ → ~/<exercise>/).
    home = tmp_path / "eleve"
    for ex in (EXERCISE, MISSION):
        released = classe / "release" / ex
        assert (released / f"{ex}.ipynb").is_file(), sorted(p.name for p in released.iterdir())
        shutil.copytree(released, home / ex)
    assert not list(home.rglob("reponses*.json"))

    answer_exercise_in_lab(tmp_path / "lab", home, artifacts)
    given = answer_mission_in_voila(tmp_path / "voila", home / MISSION, artifacts)

    # The learner hands in the two folders; the teacher collects and autogrades.
    handed = tmp_path / "rendus" / STUDENT
    for ex in (EXERCISE, MISSION):
        shutil.copytree(home / ex, handed / ex, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _run("-m", "grader", "collect", str(tmp_path / "rendus"), "--classe", str(classe))
    assert (classe / "submitted" / STUDENT / EXERCISE / "reponses.json").is_file()
    _run("-m", "grader", "autograde", "--classe", str(classe), "--silencieux")

    public, key, answers, expected_total = plan(EXERCISE)
    expected = {EXERCISE: {s.grade_id: s.points for s in module_for(EXERCISE).score(public, key, answers)},
                MISSION: expected_mission_points(given)}
    assert sum(expected[EXERCISE].values()) == expected_total
    with Gradebook(f"sqlite:///{classe / 'gradebook.db'}") as gb:
        got = {}
        for ex in (EXERCISE, MISSION):
            notebook = gb.find_submission(ex, STUDENT).notebooks[0]
            got[ex] = {g.name: g.auto_score for g in notebook.grades}
            maxima = {g.name: g.max_score for g in notebook.grades}
            for grade_id, points in expected[ex].items():
                assert got[ex][grade_id] == pytest.approx(points, abs=0.01), (ex, grade_id, got[ex])
            # Partial credit, not all or nothing: the wrong answers cost points, the right ones count.
            total = sum(expected[ex].values())
            assert 0 < total < sum(maxima[g] for g in expected[ex]), (ex, expected[ex])
    (artifacts / "chaine_sans_code.txt").write_text(
        "".join(f"{ex} : {sum(v or 0 for v in got[ex].values()):g} points automatiques ({got[ex]})\n"
                for ex in got), encoding="utf-8")
