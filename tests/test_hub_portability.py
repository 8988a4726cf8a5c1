"""A class folder is portable, and the toolchain says at once where it cannot run.

- A graded class is moved to another folder (as to another disk or server) and graded again
  there: ``classe.json`` and the generated ``nbgrader_config.py`` hold no absolute path.
- On Windows or macOS (``sys.platform`` and the missing functions are simulated), grading
  commands stop with a French message pointing to the hub or WSL; the others keep working.
- Output is UTF-8 whatever the console's code page.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ASSIGNMENT, hand_in, new_class  # noqa: E402

from grader import cli  # noqa: E402
from grader.toolchain.autograde import autograde  # noqa: E402
from grader.toolchain.collect import collect  # noqa: E402
from grader.toolchain.grades import read_scores  # noqa: E402
from grader.toolchain.workspace import Classe  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def absolute_paths_in(text: str) -> list[str]:
    return re.findall(r"(?:^|[\"'\s=(])(/(?:tmp|work|home|root|usr|srv|opt)\b[^\"'\s]*)", text)


@pytest.mark.slow
def test_moved_class_folder_grades_again(tmp_path):
    classe = new_class(tmp_path / "ici" / "classe", timeout=4)
    for sid, case in (("lmartin", "perfect"), ("hdubois", "partial")):
        hand_in(tmp_path / "rendus" / sid / ASSIGNMENT, case)
    collect(classe, tmp_path / "rendus", log=lambda *_: None)
    autograde(classe, progress=False, log=lambda *_: None)
    before = read_scores(classe)
    assert before["lmartin"][ASSIGNMENT]["score"] > before["hdubois"][ASSIGNMENT]["score"]

    for name in ("classe.json", "nbgrader_config.py"):
        text = (classe.root / name).read_text(encoding="utf-8")
        assert absolute_paths_in(text) == [], (name, absolute_paths_in(text))
        assert str(tmp_path) not in text and str(REPO) not in text
    settings = json.loads((classe.root / "classe.json").read_text(encoding="utf-8"))
    key = settings["reponses"][ASSIGNMENT]["cle"]
    assert not Path(key).is_absolute() and (classe.root / key).is_file()

    moved = tmp_path / "ailleurs" / "disque" / "classe"
    moved.parent.mkdir(parents=True)
    shutil.move(str(classe.root), moved)
    again = Classe.open(moved)
    assert again.answers[ASSIGNMENT]["cle"].startswith(str(moved))
    shutil.rmtree(moved / "autograded")
    autograde(again, progress=False, log=lambda *_: None)
    after = read_scores(again)
    assert {s: a[ASSIGNMENT]["score"] for s, a in after.items()} == \
        {s: a[ASSIGNMENT]["score"] for s, a in before.items()}
    assert (moved / "autograded" / "lmartin" / ASSIGNMENT).is_dir()
    assert not (tmp_path / "ici" / "classe").exists()
    # nbgrader itself, run in the moved folder, finds the class and its gradebook
    done = subprocess.run([sys.executable, "-m", "nbgrader", "db", "student", "list"], cwd=moved,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "lmartin" in done.stdout + done.stderr


@pytest.mark.parametrize("platform, system", [("win32", "Windows"), ("darwin", "macOS")])
def test_grading_on_windows_or_macos_says_where_to_grade(monkeypatch, capsys, tmp_path, platform, system):
    monkeypatch.setattr(sys, "platform", platform)
    for name in ("getuid", "getloadavg", "fork"):
        if platform == "win32" and hasattr(os, name):
            monkeypatch.delattr(os, name)
    for command in ("autograde", "demo"):
        assert cli.main([command, "--classe", str(tmp_path)]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert f"pas sous {system}" in err and "hub" in err and "docs/serveur.md" in err
        if platform == "win32":
            assert "WSL" in err
    # the plain-Python commands still run (here: a French error about the missing class)
    assert cli.main(["export", "--classe", str(tmp_path / "rien")]) == 1
    assert "n'est pas un dossier de classe" in capsys.readouterr().err


def test_learner_side_without_unix_only_functions(monkeypatch, tmp_path):
    from grader import engine
    from prospection.board import app
    monkeypatch.delattr(os, "getuid")
    monkeypatch.delattr(os, "getloadavg")
    monkeypatch.setenv("USERNAME", "Léa Martin")  # Windows always sets it
    assert app._user_tag() == "L_a_Martin"
    notes = ["Projet de tenues avant avril, budget voté."] * 3
    got = engine.qualify_many(notes, dt.date(2026, 3, 14))
    assert len(got) == 3 and got[0].classe == "chaud"


def test_output_is_utf8_whatever_the_console(tmp_path):
    classe = new_class(tmp_path / "classe", timeout=4)
    hand_in(tmp_path / "rendus" / "lmartin" / ASSIGNMENT, "perfect")
    env = dict(os.environ, PYTHONIOENCODING="cp1252")  # a Windows console's code page
    done = subprocess.run([sys.executable, "-m", "grader", "collect", str(tmp_path / "rendus"),
                           "--classe", str(classe.root)], capture_output=True, env=env, timeout=120)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert f"lmartin \u2192 {ASSIGNMENT}" in out  # « → » has no cp1252 code
