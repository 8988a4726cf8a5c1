"""A key made from a teacher's own contacts file grades the justifications against that file's notes.

The key written by ``python -m grader cle --valider`` carries each contact's notes
(« observations »); the justification points of the teacher's tools (per-contact detail of the
report and export, learner feedback, review flags) are computed against them. The teacher's file
here uses the same ids as the bundled course file (C01, C02, C03) with other contacts: the bundled
notes must never be used for them. A key that lacks some notes leaves those contacts ungraded, with
a French reason for the teacher, rather than grading them against another contact's notes.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grader import cle
from grader.dataset import COLUMNS
from grader.keys import AnswerKeyError
from grader.keys import load_key as read_key
from grader.toolchain import answers
from prospection.loader import load_bundled

SALON = "2026-10-10"   # the bundled course key's date too
OWN = {
    "C01": ("Aviron Club de la Maine",
            "Très intéressé par des combinaisons d'aviron au logo du club. Régates d'automne le "
            "21 novembre. Veut une proposition chiffrée avant la fin du mois."),
    "C02": ("Chorale du Lac", "Pas intéressée : la chorale ne porte pas de tenue commune."),
    "C03": ("Escrime Angers", "Intéressé par des sacs brodés, peut-être pour la saison prochaine."),
}
CLASSES = {"C01": "chaud", "C02": "froid", "C03": "tiède"}
# Quotes the own file's C01 notes (regattas on 21 November, a priced proposal).
ABOUT_OWN = ("Très intéressé par les combinaisons d'aviron, régates le 21 novembre\u00a0: court terme. "
             "Je le rappelle en priorité lundi avec la proposition chiffrée.")
# Quotes the bundled file's C01 notes (another club: jerseys, 14 November, a quote this week).
ABOUT_BUNDLED = ("Très intéressé par les maillots personnalisés, veut trois jeux complets pour la reprise "
                 "du 14 novembre et demande un devis cette semaine\u00a0: je le rappelle en priorité pour "
                 "lui envoyer le devis.")


def answered(text: str, cid: str = "C01", classe: str = "chaud") -> dict:
    """Answers as the teacher's tools read them (``graded_answers_and_key``, ``data.gather``)."""
    return {"reponses": {cid: {"qualification": classe, "justification": text}}}


def own_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(COLUMNS)
        for cid, (org, notes) in OWN.items():
            writer.writerow([cid, org, "Club sportif", "Camille Martin", "Présidente", "02 41 00 00 00",
                             f"{cid.lower()}@exemple.fr", "Angers", notes])
    return path


def review_of(tmp_path: Path) -> tuple[Path, Path]:
    """The teacher's file and its review workbook, every class decided (as a teacher would)."""
    source = own_file(tmp_path / "mes_contacts.csv")
    review = tmp_path / "revue.xlsx"
    assert cle.main([str(source), "--date-salon", SALON, "--sortie", str(review)]) == 0
    wb = load_workbook(review)
    ws = wb["Revue"]
    header = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        ws.cell(r, header.index("Classe retenue") + 1).value = CLASSES[ws.cell(r, header.index("N°") + 1).value]
    wb.save(review)
    return source, review


def validated(review: Path) -> dict:
    """The key written by ``grader cle --valider``, read back as grading reads it."""
    key_path = review.with_name("cle.key.json")
    assert cle.main(["--valider", str(review), "--sortie", str(key_path)]) == 0
    key = answers.load_key({"cle": str(key_path)})
    assert key is not None
    return key


def test_own_file_key_grades_justifications_against_the_own_notes(tmp_path):
    bundled = {str(r.id): (str(r.organisation), str(r.observations)) for r in load_bundled().frame.itertuples()}
    assert set(OWN) <= set(bundled) and all(OWN[c][1] != bundled[c][1] for c in OWN)  # ids collide
    _, review = review_of(tmp_path)
    key = validated(review)

    rows = {r["contact"]: r for r in answers.contact_details(answered(ABOUT_OWN), key)}
    assert rows["C01"]["observations"] == OWN["C01"][1]
    assert (rows["C01"]["point_preuve"], rows["C01"]["point_action"], rows["C01"]["a_relire"]) == (1, 1, False)
    rows = {r["contact"]: r for r in answers.contact_details(answered(ABOUT_BUNDLED), key)}
    assert rows["C01"]["point_preuve"] == 0   # the bundled C01 is another club

    feedback = {r["contact"]: r for r in answers.justification_feedback(answered(ABOUT_OWN), key)}
    assert feedback["C01"]["preuve_ok"] and feedback["C01"]["action_ok"]
    feedback = {r["contact"]: r for r in answers.justification_feedback(answered(ABOUT_BUNDLED), key)}
    assert not feedback["C01"]["preuve_ok"]
    assert answers.justification_review_flags(answered(ABOUT_OWN), key) == []

    # The key itself carries the notes, exactly as the teacher's file has them.
    assert {cid: e["observations"] for cid, e in key["contacts"].items()} == {c: n for c, (_, n) in OWN.items()}
    assert answers._observations(key) == {c: n for c, (_, n) in OWN.items()}


def test_notes_come_from_the_contacts_file_when_the_column_was_deleted(tmp_path, capsys):
    source, review = review_of(tmp_path)
    wb = load_workbook(review)
    ws = wb["Revue"]
    header = [c.value for c in ws[1]]
    ws.delete_cols(header.index("Observations") + 1)
    wb.save(review)
    key = validated(review)
    assert {cid: e["observations"] for cid, e in key["contacts"].items()} == {c: n for c, (_, n) in OWN.items()}
    assert "notes introuvables" not in capsys.readouterr().out

    # The contacts file changed since (or was moved): its notes are not taken, the teacher is told.
    source.write_text(source.read_text(encoding="utf-8").replace("21 novembre", "28 novembre"), encoding="utf-8")
    key = validated(review)
    assert cle.missing_notes(key) == ["C01", "C02", "C03"]
    out = capsys.readouterr().out
    assert "Attention\u00a0: notes introuvables pour 3 contact(s) (C01, C02, C03)\u00a0:" in out
    [row] = [r for r in answers.contact_details(answered(ABOUT_BUNDLED), key) if r["contact"] == "C01"]
    assert row["point_preuve"] is None and row["a_relire"]
    assert row["raison_relecture"] == answers.NO_NOTES_REASON and row["observations"] == ""


def test_a_key_for_another_file_never_takes_the_bundled_notes():
    course = read_key()
    # Ids of the bundled file, organisations of another: not graded, and the teacher sees why.
    other = {"date_salon": SALON, "contacts": {
        cid: {"organisation": org, "classe": CLASSES[cid], "preuves": [], "action": ""}
        for cid, (org, _) in OWN.items()}}
    assert answers._observations(other) == {}
    rows = {r["contact"]: r for r in answers.contact_details(answered(ABOUT_BUNDLED), other)}
    assert rows["C01"]["point_preuve"] is None and rows["C01"]["a_relire"]
    assert rows["C01"]["raison_relecture"] == answers.NO_NOTES_REASON
    assert not rows["C02"]["a_relire"]   # no justification written: nothing to read
    [flag] = answers.justification_review_flags(answered(ABOUT_BUNDLED), other)
    assert flag["code"] == "justification_a_relire" and "non notées automatiquement" in flag["message"]
    assert "(1 contact(s)\u00a0: C01)" in flag["message"]
    assert answers.justification_feedback(answered(ABOUT_BUNDLED), other) == []   # no ✗ for an unknown note

    # Notes for some contacts only: the others are not completed from the bundled file.
    partial = json.loads(json.dumps(course))
    partial["contacts"]["C02"]["observations"] = OWN["C02"][1]
    notes = answers._observations(partial)
    assert notes == {"C02": OWN["C02"][1]}
    rows = {r["contact"]: r for r in answers.contact_details(answered(ABOUT_BUNDLED), partial)}
    assert rows["C01"]["point_preuve"] is None and rows["C01"]["raison_relecture"] == answers.NO_NOTES_REASON

    # Ids the bundled file does not have (a teacher's file numbered 1, 2, 3…).
    numbered = {"date_salon": SALON, "contacts": {"1": {"organisation": "Chorale", "classe": "froid"}}}
    assert answers._observations(numbered) == {}
    [row] = answers.contact_details(answered("Pas intéressée, je ne la rappelle pas.", "1", "froid"), numbered)
    assert row["point_preuve"] is None and row["raison_relecture"] == answers.NO_NOTES_REASON


def test_the_course_key_still_takes_the_bundled_notes():
    course = read_key()
    bundled = {str(r.id): str(r.observations) for r in load_bundled().frame.itertuples()}
    assert not any("observations" in e for e in course["contacts"].values())

    def notes_of(key: dict) -> dict:
        notes = answers._observations(key)
        return {cid: notes.get(cid) for cid in key["contacts"]}

    assert notes_of(course) == {cid: bundled[cid] for cid in course["contacts"]}
    rows = {r["contact"]: r for r in answers.contact_details(answered(ABOUT_BUNDLED), course)}
    assert (rows["C01"]["point_preuve"], rows["C01"]["a_relire"]) == (1, False)
    assert rows["C01"]["observations"] == bundled["C01"]
    # An older key of the course's contacts naming no organisation keeps working as before.
    bare = {"date_salon": SALON, "contacts": {"C01": {"classe": "chaud"}, "C02": {"classe": "froid"}}}
    assert notes_of(bare) == {"C01": bundled["C01"], "C02": bundled["C02"]}
    # Accents and spacing of an organisation's name do not matter.
    spelt = {"date_salon": SALON, "contacts": {"C01": {"classe": "chaud", "organisation": "fc  trelaze jeunes"}}}
    assert notes_of(spelt) == {"C01": bundled["C01"]}


def test_key_validation_accepts_the_notes(tmp_path):
    path = tmp_path / "x.key.json"

    def write(observations) -> Path:
        path.write_text(json.dumps({"date_salon": SALON, "contacts": {
            "C01": {"classe": "chaud", "observations": observations}}}, ensure_ascii=False), encoding="utf-8")
        return path

    assert read_key(path=write(OWN["C01"][1]))["contacts"]["C01"]["observations"] == OWN["C01"][1]
    assert "observations" not in read_key(path=write(None))["contacts"]["C01"]
    with pytest.raises(AnswerKeyError, match="«\u00a0observations\u00a0» doivent être un texte"):
        read_key(path=write(42))


class _Classe:
    """The part of a class workspace the release hook uses."""

    def __init__(self, root: Path):
        self.root, self.answers = root, {}

    def save(self) -> None:
        pass


def test_release_stores_the_notes_of_the_released_file_in_the_class_key(tmp_path):
    """A key written before the keys carried notes gets them when the mission is released."""
    source, review = review_of(tmp_path)
    key = validated(review)
    old_key = tmp_path / "ancienne.key.json"
    old_key.write_text(json.dumps({**key, "contacts": {
        cid: {k: v for k, v in e.items() if k != "observations"} for cid, e in key["contacts"].items()}},
        ensure_ascii=False), encoding="utf-8")
    classe = _Classe(tmp_path / "classe")
    source_dir = classe.root / "source" / cle.MISSION
    source_dir.mkdir(parents=True)
    cle.install_mission_contacts(classe, source_dir, source, old_key, log=lambda *_: None)
    stored = answers.load_key(classe.answers[cle.MISSION])
    assert {cid: e["observations"] for cid, e in stored["contacts"].items()} == {c: n for c, (_, n) in OWN.items()}
    public = json.loads((source_dir / "questions.json").read_text(encoding="utf-8"))
    [items] = [q["items"] for q in public["questions"] if q["type"] == "qualification"]
    assert {i["id"]: i["observations"] for i in items} == {c: e["observations"] for c, e in stored["contacts"].items()}
    rows = {r["contact"]: r for r in answers.contact_details(answered(ABOUT_OWN), stored)}
    assert rows["C01"]["point_preuve"] == 1
