"""The teacher's review of justifications reaches flags.json, the class report and the Excel
export; nothing of it reaches the learner's feedback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SALON = "2026-11-21"
NOTES = {
    "A": ("Très intéressé par des combinaisons d'aviron au logo du club. Régates de Noël le "
          "19 décembre. Veut une proposition chiffrée avant la fin du mois."),
    "B": ("Intéressé par des sacs de sport brodés pour les tireurs. Le projet est pour la saison "
          "2027-2028 ; le bureau en parlera à l'AG de juin."),
}
KEY = {"date_salon": SALON, "contacts": {
    "A": {"organisation": "Aviron", "classe": "chaud", "observations": NOTES["A"]},
    "B": {"organisation": "Escrime", "classe": "tiède", "observations": NOTES["B"]},
}}
DOC = {"version": 1, "reponses": {
    "A": {"qualification": "chaud", "justification": "Très intéressé, régates le 19 décembre : "
          "court terme. Je le rappelle en priorité lundi avec la proposition chiffrée."},
    "B": {"qualification": "tiède", "justification": NOTES["B"]},  # the notes pasted
}}


def test_contact_details_mark_what_the_teacher_should_read():
    from grader.toolchain.answers import contact_details

    rows = {r["contact"]: r for r in contact_details(DOC, KEY)}
    assert (rows["A"]["point_preuve"], rows["A"]["point_action"], rows["A"]["a_relire"]) == (1, 1, False)
    assert rows["A"]["raison_relecture"] == ""
    assert (rows["B"]["point_preuve"], rows["B"]["a_relire"]) == (0, True)
    assert rows["B"]["raison_relecture"] == "notes recopiées sans raisonnement"
    assert rows["B"]["observations"] == NOTES["B"]


def test_review_flags_for_flags_json_are_teacher_only():
    from grader.toolchain.answers import justification_review_flags
    from grader.toolchain.feedback import LEARNER_FLAGS

    flags = justification_review_flags(DOC, KEY)
    assert len(flags) == 1
    assert flags[0]["code"] == "justification_a_relire" and flags[0]["code"] not in LEARNER_FLAGS
    assert "contact B" in flags[0]["message"] and "notes recopiées" in flags[0]["message"]
    assert justification_review_flags(None, KEY) == []


@pytest.fixture()
def data():
    from grader.toolchain.answers import contact_details
    from grader.toolchain.data import ClassData

    contacts = [{"eleve": "e1", "exercice": "04_mission_salon", **r} for r in contact_details(DOC, KEY)]
    assert contacts
    return ClassData(["04_mission_salon"], ["e1"], {"e1": ("Martin", "Léa", "lea@example.org")},
                     {}, {}, {}, contacts)


def test_class_report_lists_the_justifications_to_read(data):
    from grader.toolchain.report import render

    page = render(data, "classe-test")
    assert "Justifications à relire (1)" in page
    section = page.split("Justifications à relire (1)")[1]
    assert "notes recopiées sans raisonnement" in section
    assert "Le projet est pour la saison 2027-2028" in section  # the text and the notes
    assert "0, 0" in section  # proposed points


def test_excel_export_has_the_review_columns(data, tmp_path):
    from openpyxl import load_workbook

    from grader.toolchain.export import student_rows, write_xlsx
    from grader.toolchain.roster import Learner

    learners = [Learner(sid, *data.names.get(sid, ("", "", ""))) for sid in data.students]
    assert learners and student_rows(data, learners)
    path = write_xlsx(data, learners, tmp_path / "notes.xlsx")
    ws = load_workbook(path)["Contacts"]
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[-2:] == ("a_relire", "raison_relecture")
    by_contact = {r[header.index("contact")]: r for r in body}
    assert by_contact["B"][-2:] == ("oui", "notes recopiées sans raisonnement")
    assert by_contact["A"][-2] == "non"


def test_the_graded_notebook_no_longer_prints_a_review_list():
    """« Justifications à relire par le formateur : C04 » went to the learner's feedback."""
    paths = sorted((REPO / "solutions").rglob("*.ipynb")) + sorted((REPO / "exercises").rglob("*.ipynb"))
    assert paths
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            src = "".join(cell["source"])
            assert "relire par le formateur" not in src and 'd["a_revoir"]' not in src, path


def test_learner_feedback_page_block_shows_marks_and_sentences_without_class():
    import re

    from grader.toolchain.answers import justification_feedback
    from grader.toolchain.feedback import contacts_block

    rows = justification_feedback(DOC, KEY)
    assert [(r["contact"], r["preuve"], r["action"]) for r in rows] == [("A", "✓", "✓"), ("B", "✗", "✗")]
    block = contacts_block(rows)
    assert "Vos justifications, contact par contact" in block and block.count("<tr>") == 3
    assert "Vous avez recopié les notes" in block.replace("&#x27;", "'")
    assert not re.search(r"\b(froid|tiède|chaud)\b", block)
    assert "relire" not in block and "a_revoir" not in block
    assert contacts_block([]) == ""
    released = justification_feedback(DOC, KEY, correction_publiee=True)
    assert released[1]["message"].endswith("Classe attendue\u00a0: tiède.")
