"""The Formgrader, in Chromium, on a class graded by the toolchain: outside scores, flags, and
its own « Autograde » and « Generate » buttons going through the same path (class config)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import chromium_page, free_port, server
from grader.toolchain.grades import read_scores
from grader.toolchain.workspace import Classe

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO = Path(__file__).resolve().parent.parent
AID = "04_mission_salon"
ATTACK = "ast-transformer"
FIXTURE = REPO / "tests" / "fixtures" / "submissions" / f"submitted-{ATTACK}"
MODEL = REPO / "solutions" / AID  # holds the model answers file (never released)
ARTIFACTS = REPO / "artifacts"


def _python(*args, cwd=None):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.fixture(scope="module")
def classe(tmp_path_factory):
    from prospection import annexe
    root = tmp_path_factory.mktemp("formgrader") / "classe"
    _python("-m", "grader", "release", AID, "--classe", str(root), "--delai", "10")
    honest = root / "submitted" / "honnete" / AID
    honest.mkdir(parents=True)
    shutil.copy(root / "release" / AID / f"{AID}.ipynb", honest)
    from grader.toolchain.answers import load_answers_document
    doc = load_answers_document(MODEL, AID)[1]
    (honest / "reponses.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    annexe.write_annexe([(cid, v["classe"], v["justification"])
                         for cid, v in doc["questions"]["qualification"]["valeur"].items()],
                        honest / "annexe_salon.xlsx")
    shutil.copytree(FIXTURE, root / "submitted" / ATTACK / AID)
    _python("-m", "grader", "autograde", "--classe", str(root), "--silencieux")
    scores = read_scores(Classe.open(root))
    assert scores["honnete"][AID]["score"] == 20.0
    assert scores[ATTACK][AID]["score"] == 0.0
    return root


def _student_row(page, base, sid):
    page.goto(f"{base}/formgrader/manage_students/{sid}/{AID}")
    page.wait_for_selector("td.score:not(:empty)", timeout=60_000)
    score = page.locator("td.score").first.inner_text().strip()
    flagged = page.locator("td.flagged .glyphicon-flag").count() > 0
    return score, flagged


def test_formgrader_shows_outside_scores_flags_and_its_buttons_grade_the_same(classe):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
           "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
           "--ServerApp.ip=127.0.0.1", "--allow-root", f"--ServerApp.root_dir={classe}"]
    ARTIFACTS.mkdir(exist_ok=True)
    with server(cmd, ready_url=f"{base}/formgrader", cwd=classe, env=env,
                log=classe.parent / "jupyter.log", timeout=180):
        with chromium_page() as page:
            score, flagged = _student_row(page, base, "honnete")
            assert re.sub(r"\s+", " ", score).startswith("20"), score
            assert not flagged
            score, flagged = _student_row(page, base, ATTACK)
            assert re.sub(r"\s+", " ", score).startswith("0"), score
            assert flagged
            page.screenshot(path=str(ARTIFACTS / "formgrader_flagged.png"))

            # the Formgrader's own « Autograde » button, for the attacker's copy
            page.goto(f"{base}/formgrader/manage_submissions/{AID}")
            row = page.locator("tr", has_text=ATTACK)
            row.locator("td.autograde a").click()
            page.wait_for_function(
                "() => !document.querySelector('.modal.in') || "
                "/succ|error|fail/i.test(document.querySelector('.modal.in').innerText)",
                timeout=300_000)
            page.wait_for_timeout(1000)
            score, flagged = _student_row(page, base, ATTACK)
            assert re.sub(r"\s+", " ", score).startswith("0"), score
            assert flagged

            # « Generate » republishes source/: harmless (no key, same grading path)
            released_nb = classe / "release" / AID / f"{AID}.ipynb"
            def stamp():
                try:
                    return released_nb.stat().st_mtime_ns
                except FileNotFoundError:  # nbgrader removes the release before writing it again
                    return None
            before = stamp()
            page.goto(f"{base}/formgrader/manage_assignments")
            page.locator("tr", has_text=AID).locator("td.assign a").click()
            deadline = time.monotonic() + 300
            while stamp() in (before, None) and time.monotonic() < deadline:
                page.wait_for_timeout(1000)
            assert stamp() not in (before, None), "« Generate » n'a rien republié"
            page.wait_for_timeout(3000)
    released = classe / "release" / AID
    assert (released / "questions.json").exists()
    assert not list(released.rglob("*.key.json"))
    text = (released / f"{AID}.ipynb").read_text(encoding="utf-8")
    assert "HIDDEN" not in text and "load_key" not in text
    _python("-m", "nbgrader", "autograde", AID, "--force", cwd=classe)
    scores = read_scores(Classe.open(classe))
    assert scores["honnete"][AID]["score"] == 20.0
    assert scores[ATTACK][AID]["score"] == 0.0
