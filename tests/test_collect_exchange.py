"""``collect --echange`` takes what learners submitted through nbgrader's exchange.

nbgrader's own commands play both sides in a temporary exchange (the teacher's
``release_assignment``, each learner's ``fetch_assignment`` and ``submit``); the hub test (tests/test_hub_class.py) does the same with real accounts on JupyterHub."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ASSIGNMENT, FIXTURES, new_class  # noqa: E402

from grader.toolchain import collect as collect_cmd  # noqa: E402
from grader.toolchain.roster import load_class_roster  # noqa: E402

pytestmark = pytest.mark.slow
COURSE = "prospection-commerciale"


def nbgrader(*args, cwd, exchange):
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--course", COURSE,
                           f"--Exchange.root={exchange}"], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def submit(home: Path, user: str, exchange: Path) -> None:
    """nbgrader's submit names the copy after the Unix account running it (here root, for
    every learner): the copy is renamed as the learner's own account would have named it."""
    inbound = exchange / COURSE / "inbound"
    before = set(inbound.iterdir()) if inbound.is_dir() else set()
    nbgrader("submit", ASSIGNMENT, cwd=home, exchange=exchange)
    (new,) = set(inbound.iterdir()) - before
    new.rename(inbound / (user + "+" + new.name.split("+", 1)[1]))


def test_collect_from_the_exchange(tmp_path, capsys):
    classe = new_class(tmp_path / "classe", timeout=4)
    exchange = tmp_path / "echange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    nbgrader("release_assignment", ASSIGNMENT, cwd=classe.root, exchange=exchange)
    roster = tmp_path / "liste.csv"
    roster.write_text("Identifiant;Nom;Prénom;E-mail\nlmartin;Martin;Léa;lea@lycee.fr\n"
                      "hdubois;Dubois;Hugo;hugo@lycee.fr\nzabsente;Absente;Zoé;zoe@lycee.fr\n", encoding="utf-8")
    for user, case in (("lmartin", "perfect"), ("hdubois", "partial"), ("intrus", "empty")):
        home = tmp_path / "eleves" / user
        home.mkdir(parents=True)
        nbgrader("fetch_assignment", ASSIGNMENT, cwd=home, exchange=exchange)
        work = home / ASSIGNMENT
        assert (work / f"{ASSIGNMENT}.ipynb").is_file()
        shutil.copy(FIXTURES / "submissions" / f"submitted-{case}.ipynb", work / f"{ASSIGNMENT}.ipynb")
        answers = FIXTURES / "submissions" / f"submitted-{case}.reponses_salon.json"
        if answers.exists():
            shutil.copy(answers, work / "reponses_salon.json")
        submit(home, user, exchange)
    # a second, later submission of the same learner wins
    submit(tmp_path / "eleves" / "lmartin", "lmartin", exchange)
    assert len(list((exchange / COURSE / "inbound").iterdir())) == 4

    assert collect_cmd.main(["--echange", str(exchange), "--classe", str(classe.root),
                             "--eleves", str(roster)]) == 0
    out = capsys.readouterr().out
    for user in ("lmartin", "hdubois"):
        copy = classe.root / "submitted" / user / ASSIGNMENT
        assert {p.name for p in copy.iterdir()} >= {f"{ASSIGNMENT}.ipynb", "timestamp.txt"}
    assert json.loads((classe.root / "submitted" / "lmartin" / ASSIGNMENT / "reponses_salon.json")
                      .read_text(encoding="utf-8"))
    assert "« intrus » ne correspond à aucun élève" in out
    assert "aucune copie pour ABSENTE Zoé" in out
    assert {x.identifiant for x in load_class_roster(classe.root)} >= {"lmartin", "hdubois", "zabsente"}


def test_collect_without_exchange_is_a_french_error(tmp_path, capsys):
    classe = new_class(tmp_path / "classe", timeout=4)
    assert collect_cmd.main(["--echange", str(tmp_path / "nulle-part"), "--classe", str(classe.root)]) == 1
    err = capsys.readouterr().err
    assert "Échange nbgrader introuvable" in err and "Traceback" not in err
