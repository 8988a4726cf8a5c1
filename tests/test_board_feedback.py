"""Per-contact feedback after grading, from the teacher's toolchain to the learner's board.

A real class (fixture assignment), real nbgrader autograde and feedback: the justification
feedback and the review flags read a version-2 ``reponses.json`` (no version-1 file in the
copy), the feedback step writes ``retour.json`` (and embeds it in the pages), and the mission
board shows each contact's ✓/✗ and sentence, naming a class only once the teacher published
the correction.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ASSIGNMENT, KEY, hand_in, new_class  # noqa: E402

from grader.toolchain import autograde as autograde_cmd  # noqa: E402
from grader.toolchain import feedback as feedback_cmd  # noqa: E402
from grader.toolchain.workspace import Classe, read_json  # noqa: E402
from prospection import reponses  # noqa: E402

pytestmark = pytest.mark.slow  # a real nbgrader autograde and feedback

CLASS_WORD = re.compile(r"\b(froid|tiède|tiede|chaud)\b", re.I)
V2_ANSWERS = {
    # key: C01 chaud « Projet de tenues avant avril, budget voté. » (salon 2026-03-14)
    "C01": {"classe": "chaud", "justification": "Projet de tenues avant avril avec un budget voté\u00a0: "
            "court terme. Je le rappelle en priorité dès lundi pour lui proposer un devis."},
    # C02 froid: the notes pasted (refused, and a review flag for the teacher)
    "C02": {"classe": "froid", "justification": "Pas intéressé, déjà équipé."},
    # C03 tiède: a wrong class
    "C03": {"classe": "chaud", "justification": "Intéressé, il faut le rappeler très vite."},
}


def write_v2_copy(folder: Path) -> None:
    """The « perfect » notebook with a version-2 ``reponses.json`` and no version-1 file."""
    hand_in(folder, "perfect")
    (folder / reponses.LEGACY_FILENAME).unlink()
    doc = reponses.empty(ASSIGNMENT, contexte={"fichier_contacts": "mini_salon.xlsx",
                                               "date_salon": "2026-03-14"})
    reponses.set_answer(doc, reponses.QUALIFICATION, V2_ANSWERS)
    reponses.save(folder / reponses.FILENAME, doc)
    assert not (folder / reponses.LEGACY_FILENAME).exists()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("retour") / "classe"
    classe = new_class(root, timeout=4)
    write_v2_copy(classe.root / "submitted" / "v2seul" / ASSIGNMENT)
    hand_in(classe.root / "submitted" / "v1" / ASSIGNMENT, "perfect")
    assert autograde_cmd.main(["--classe", str(root), "--silencieux"]) == 0
    assert feedback_cmd.main(["--classe", str(root), "--silencieux"]) == 0
    return Classe.open(root)


def retour_of(classe: Classe, sid: str) -> dict:
    path = classe.root / "feedback" / sid / ASSIGNMENT / "retour.json"
    assert path.is_file(), sorted(p.name for p in path.parent.glob("*"))
    return json.loads(path.read_text(encoding="utf-8"))


def test_v2_only_copy_gets_its_justification_feedback_and_review_flags(graded):
    doc = retour_of(graded, "v2seul")
    assert doc["schema"] == "prospection-retour" and doc["version"] == 1
    assert doc["exercice"] == ASSIGNMENT and doc["correction_publiee"] is False
    marks = {cid: (c["preuve"], c["action"]) for cid, c in doc["contacts"].items()}
    assert marks == {"C01": (True, True), "C02": (False, False), "C03": (False, False)}
    assert doc["contacts"]["C02"]["message"].startswith("Vous avez recopié les notes")
    for entry in doc["contacts"].values():
        assert not CLASS_WORD.search(entry["message"]), entry
    pages = sorted((graded.root / "feedback" / "v2seul" / ASSIGNMENT).glob("*.html"))
    assert pages
    page = pages[0].read_text(encoding="utf-8")
    assert "Vos justifications, contact par contact" in page
    flags = read_json(graded.flags_path, {})["v2seul"][ASSIGNMENT]
    review = [f for f in flags if f["code"] == "justification_a_relire"]
    assert len(review) == 1 and "contact C02" in review[0]["message"]
    # The notebook of this assignment reads the version-1 file: the graded copy gets it from
    # reponses.json, and the copy is not said to lack answers or to carry an extra file.
    codes = {f["code"] for f in flags}
    assert not codes & {"reponses_absentes", "fichiers_en_plus"}, flags
    graded_v1 = graded.root / "autograded" / "v2seul" / ASSIGNMENT / reponses.LEGACY_FILENAME
    assert graded_v1.is_file(), sorted(graded_v1.parent.iterdir())
    v1 = json.loads(graded_v1.read_text(encoding="utf-8"))["reponses"]
    assert {cid: e["qualification"] for cid, e in v1.items()} == {
        cid: e["classe"] for cid, e in V2_ANSWERS.items()}
    # …and the notebook's salon test, run in the sandbox, read those answers (one point a class)
    from grader.toolchain.grades import read_scores

    key = json.loads(KEY.read_text(encoding="utf-8"))["contacts"]
    right = sum(V2_ANSWERS[cid]["classe"] == key[cid]["classe"] for cid in V2_ANSWERS)
    assert 0 < right < len(V2_ANSWERS)
    got = read_scores(graded)["v2seul"][ASSIGNMENT]["questions"][f"{ASSIGNMENT}:test_reponses"]
    assert got == (float(right), 3.0), got


def test_v1_copy_still_gets_its_feedback(graded):
    doc = retour_of(graded, "v1")
    assert set(doc["contacts"]) == {"C01", "C02", "C03"}


def stub_contacts():
    key = json.loads(KEY.read_text(encoding="utf-8"))
    rows = [{"id": cid, "organisation": c["organisation"], "type": "association", "contact": "",
             "fonction": "", "telephone": "", "email": "", "ville": "", "observations": c["observations"]}
            for cid, c in key["contacts"].items()]
    assert rows
    return types.SimpleNamespace(frame=pd.DataFrame(rows),
                                 salon=types.SimpleNamespace(name="Salon", place="Lyon", date=None),
                                 source="/ailleurs/mini_salon.xlsx")


def learner_folder(tmp_path: Path, classe: Classe, sid: str, html_only: bool = False) -> Path:
    """The learner's mission folder after ``nbgrader fetch_feedback``: feedback/<timestamp>/."""
    folder = tmp_path / "eleve" / ASSIGNMENT
    dest = folder / "feedback" / "2026-03-21 10:00:00.000000 UTC"
    dest.mkdir(parents=True)
    files = sorted((classe.root / "feedback" / sid / ASSIGNMENT).iterdir())
    assert files
    for path in files:
        if not (html_only and path.suffix == ".json"):
            shutil.copy(path, dest / path.name)
    return folder


@pytest.mark.parametrize("html_only", [False, True])
def test_board_model_reads_the_feedback(graded, tmp_path, html_only):
    from prospection.board.model import read_retour

    folder = learner_folder(tmp_path, graded, "v2seul", html_only)
    assert any(folder.glob("feedback/*/*.html"))
    assert any(folder.glob("feedback/*/retour.json")) is not html_only
    retour = read_retour(folder)
    assert retour is not None and not retour.correction_publiee
    assert (retour.contacts["C01"].preuve, retour.contacts["C01"].action) == (True, True)
    assert (retour.contacts["C03"].preuve, retour.contacts["C03"].action) == (False, False)
    assert "1\u00a0/\u00a03" in retour.summary()
    assert read_retour(tmp_path / "vide") is None


def test_board_cards_show_the_feedback_without_naming_a_class(graded, tmp_path):
    from prospection.board.view import MissionBoard

    board = MissionBoard(learner_folder(tmp_path, graded, "v2seul"), contacts=stub_contacts(),
                         grader_hints=False)
    shown = {card.contact_id: card.retour.value for card in board.cards if card.contact_id}
    assert set(shown) == {"C01", "C02", "C03"}
    assert "✓\u00a0preuves" in shown["C01"] and "✓\u00a0action" in shown["C01"]
    assert "✗\u00a0preuves" in shown["C02"] and "recopié les notes" in shown["C02"].replace("&#x27;", "'")
    assert "✗\u00a0preuves" in shown["C03"]
    for value in shown.values():
        assert not CLASS_WORD.search(value), value
    assert "Retour de votre enseignant" in board.retour_summary.value


def test_feedback_given_on_another_contacts_file_is_not_shown(graded, tmp_path):
    """The feedback names the file the answers were given on: a board opened on another file
    (the same ids C01… for other organisations) shows none of it."""
    from prospection.board.view import MissionBoard

    folder = learner_folder(tmp_path, graded, "v2seul")
    assert retour_of(graded, "v2seul")["fichier_contacts"] == "mini_salon.xlsx"
    same = MissionBoard(folder, contacts=stub_contacts(), grader_hints=False)
    assert any(card.retour.value for card in same.cards)
    other = stub_contacts()
    other.source = "/ailleurs/autre_salon.xlsx"
    board = MissionBoard(folder, contacts=other, grader_hints=False)
    assert board.model.doc.get("fichier_contacts") == "autre_salon.xlsx"
    assert all(card.retour.value == "" for card in board.cards)
    assert board.retour_summary.value == ""


def test_board_without_feedback_shows_none(tmp_path):
    from prospection.board.view import MissionBoard

    board = MissionBoard(tmp_path, contacts=stub_contacts(), grader_hints=False)
    assert all(card.retour.value == "" for card in board.cards)
    assert board.retour_summary.value == ""


def test_published_correction_names_the_expected_class(graded, tmp_path):
    from prospection.board.view import MissionBoard

    assert feedback_cmd.main(["--classe", str(graded.root), "--silencieux", "--eleves", "v2seul",
                              "--publier-correction"]) == 0
    doc = retour_of(graded, "v2seul")
    assert doc["correction_publiee"] is True
    assert doc["contacts"]["C03"]["message"].endswith("Classe attendue\u00a0: tiède.")
    board = MissionBoard(learner_folder(tmp_path, graded, "v2seul"), contacts=stub_contacts(),
                         grader_hints=False)
    shown = {card.contact_id: card.retour.value for card in board.cards if card.contact_id}
    assert "Classe attendue\u00a0: chaud." in shown["C01"] and "Classe attendue\u00a0: tiède." in shown["C03"]
    assert "correction est publiée" in board.retour_summary.value
    # back to the unpublished feedback: the other tests of this module read it
    assert feedback_cmd.main(["--classe", str(graded.root), "--silencieux", "--eleves", "v2seul"]) == 0
    assert retour_of(graded, "v2seul")["correction_publiee"] is False


@pytest.mark.browser
def test_voila_board_shows_the_feedback_on_the_cards(tmp_path, artifacts):
    """The learner's board in headless Chromium (the Voilà app), after the teacher's feedback."""
    from browser import chromium_page, free_port, voila_server

    from grader.toolchain.feedback import retour_document
    from prospection.board.app import app_command

    work = tmp_path / "travail"
    rows = [{"contact": "C01", "preuve_ok": True, "action_ok": False,
             "message": "Indiquez la suite que vous donnez à ce contact\u00a0: quelle action, et quand\u00a0?"},
            {"contact": "C02", "preuve_ok": False, "action_ok": True,
             "message": "Vous avez recopié les notes sans les commenter."}]
    dest = work / "feedback" / "2026-03-21 10:00:00.000000 UTC"
    dest.mkdir(parents=True)
    (dest / "retour.json").write_text(json.dumps(retour_document("04_mission_salon", rows),
                                                 ensure_ascii=False), encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd, env = app_command(port=port, open_browser=False, dossier=work, folder=tmp_path / "app")
    with voila_server(cmd, url, env=env, cwd=tmp_path, log=tmp_path / "voila.log"):
        with chromium_page() as page:
            page.goto(url, timeout=90_000)
            page.locator(".board-card").first.wait_for(timeout=90_000)
            first = page.locator(".board-card").nth(0).locator(".board-retour")
            first.wait_for(timeout=30_000)
            text = first.inner_text().replace("\u00a0", " ")
            assert "✓ preuves" in text and "✗ action" in text and "quelle action, et quand ?" in text
            second = page.locator(".board-card").nth(1).locator(".board-retour").inner_text()
            assert "recopié les notes" in second
            assert page.locator(".board-card").nth(2).locator(".board-retour").count() == 0
            summary = page.locator(".board-retour-summary").first.inner_text().replace("\u00a0", " ")
            assert "Retour de votre enseignant" in summary and "1 / 2" in summary
            page.locator(".board-card").nth(0).scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / "board_retour.png"))
