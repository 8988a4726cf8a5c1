"""Grades land in Pronote and Moodle without hand fixes.

A real class (fixture exercise, real nbgrader autograde) with a roster in which one learner
handed in nothing and one has no e-mail. The files are read back and checked against:

- Pronote's paste order: one line per roster learner, NOM then Prénom (accents and case
  ignored), « Abs » for an absent learner, decimal comma;
- Moodle's gradebook CSV import (grade/import/csv): a key column mapped on a user field, never
  empty (an empty key takes the previous row's user); a grade cell is a number (decimal point
  accepted in every language), or empty / « - » for no grade — any other text aborts the import;
- Moodle's assignment grading worksheet (mod/assign/feedback/offline): columns found by their
  name in the teacher's language (« Identifiant », « Note », « Dernière modification (note) »),
  identifier « Participant<number> » with the French prefix (« Participant » then the number),
  a grade within the maximum grade.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ASSIGNMENT, hand_in, new_class  # noqa: E402

from grader.toolchain import export as export_cmd  # noqa: E402
from grader.toolchain.autograde import autograde  # noqa: E402
from grader.toolchain.collect import collect  # noqa: E402
from grader.toolchain.grades import read_scores  # noqa: E402

pytestmark = pytest.mark.slow

ROSTER = (
    "Nom;Prénom;E-mail;Numéro d'identification\n"
    "Petit;Chloé;chloe.petit@lycee.fr;E3\n"
    "Éluard;Paul;paul.eluard@lycee.fr;E5\n"     # absent: hands in nothing
    "Dubois;Hugo;;\n"                            # neither e-mail nor ID number in the roster
    "Martin;Léa;lea.martin@lycee.fr;E1\n"
    "de la Tour;Agnès;agnes.delatour@lycee.fr;E4\n"
)
HANDED = {  # Moodle folder -> fixture case
    "Léa Martin_100001_assignsubmission_file_": "perfect",
    "Hugo Dubois_100002_assignsubmission_file_": "partial",
    "Chloé Petit_100003_assignsubmission_file_": "empty",
    "Agnès de la Tour_100004_assignsubmission_file_": "perfect",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    classe = new_class(tmp / "classe", timeout=4)
    for folder, case in HANDED.items():
        hand_in(tmp / "rendus" / folder, case)
    (tmp / "liste.csv").write_bytes(ROSTER.encode("cp1252"))
    said: list[str] = []
    collect(classe, tmp / "rendus", tmp / "liste.csv", log=said.append)
    assert any("aucune copie pour ÉLUARD Paul" in line for line in said), said
    autograde(classe, progress=False, log=lambda *_: None)
    scores = read_scores(classe)
    assert len(scores) == 4
    return classe, scores


def read(path: Path, sep: str) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel and Moodle read accents right
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=sep))


def test_pronote_rows_follow_the_class_list_order(graded, tmp_path):
    classe, scores = graded
    assert export_cmd.main(["--classe", str(classe.root), "--format", "pronote", "--sortie", str(tmp_path)]) == 0
    rows = read(tmp_path / "notes.csv", ";")
    # Pronote lists learners by NOM then Prénom; pasted grades go down that list line by line
    assert [(r["nom"], r["prenom"]) for r in rows] == [
        ("de la Tour", "Agnès"), ("Dubois", "Hugo"), ("Éluard", "Paul"), ("Martin", "Léa"), ("Petit", "Chloé")]
    names = [fold(r["nom"] + " " + r["prenom"]) for r in rows]
    assert names == sorted(names)
    by = {r["nom"]: r for r in rows}
    assert by["Éluard"]["note_sur_20"] == "Abs" and by["Éluard"][ASSIGNMENT] == ""
    lea = scores[by["Martin"]["identifiant"]][ASSIGNMENT]["score"]
    hugo = scores[by["Dubois"]["identifiant"]][ASSIGNMENT]["score"]
    assert float(by["Martin"][ASSIGNMENT].replace(",", ".")) == lea
    assert float(by["Dubois"][ASSIGNMENT].replace(",", ".")) == hugo
    for r in rows:
        assert "." not in r["note_sur_20"]  # decimal comma only
        if r["note_sur_20"] != "Abs":
            assert 0 <= float(r["note_sur_20"].replace(",", ".")) <= 20
    for r in rows:  # a fraction shows with a comma, a whole number without
        if r["note_sur_20"] != "Abs":
            assert ("," in r["note_sur_20"]) == (not float(r["note_sur_20"].replace(",", ".")).is_integer())


def test_moodle_gradebook_import_rules(graded, tmp_path):
    classe, scores = graded
    said: list[str] = []
    paths = export_cmd.export(classe, tmp_path, "moodle", log=said.append)
    assert tmp_path / "notes.csv" in paths
    rows = list(csv.reader((tmp_path / "notes.csv").read_text(encoding="utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    assert header[0] == "Adresse de courriel"
    # every row has a key and a key maps one user only
    keys = [r[0] for r in body]
    assert all(re.fullmatch(r"[^@\s]+@[^@\s]+", k) for k in keys)
    assert len(set(keys)) == len(keys) == 4
    note = header.index("note_sur_20")
    for r in body:
        value = r[note]
        assert value == "-" or re.fullmatch(r"\d+(\.\d+)?", value), value
        assert value == "-" or 0 <= float(value) <= 20
    absent = next(r for r in body if r[0] == "paul.eluard@lycee.fr")
    assert absent[note] == "-"
    for r in body:
        for cell in r[note:header.index("total_max")]:
            assert cell in ("", "-") or re.fullmatch(r"\d+(\.\d+)?", cell), cell
    # the learner without e-mail is warned about and listed apart, never with an empty key
    assert any("DUBOIS Hugo" in line and "saisir à la main" in line for line in said)
    apart = list(csv.DictReader((tmp_path / "moodle_sans_identifiant.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["nom"], r["prenom"]) for r in apart] == [("Dubois", "Hugo")]


def test_moodle_key_falls_back_to_idnumber(graded, tmp_path):
    from grader.toolchain.roster import load_class_roster, save_class_roster
    classe, _ = graded
    learners = load_class_roster(classe.root)
    try:
        for x in learners:
            if x.nom == "Martin":
                x.email = ""
        save_class_roster(classe.root, learners)
        export_cmd.export(classe, tmp_path, "moodle", log=lambda *_: None)
        rows = list(csv.reader((tmp_path / "notes.csv").read_text(encoding="utf-8-sig").splitlines()))
        # two learners without e-mail, one without ID number: Moodle maps on the ID number
        assert rows[0][0] == "Numéro d'identification"
        assert sorted(r[0] for r in rows[1:]) == ["E1", "E3", "E4", "E5"]
        apart = (tmp_path / "moodle_sans_identifiant.csv").read_text(encoding="utf-8-sig")
        assert "Dubois" in apart and "Martin" not in apart
    finally:
        for x in learners:
            if x.nom == "Martin":
                x.email = "lea.martin@lycee.fr"
        save_class_roster(classe.root, learners)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_moodle_grading_worksheet(graded, tmp_path, lang):
    classe, scores = graded
    assert export_cmd.main(["--classe", str(classe.root), "--format", "moodle", "--langue-moodle", lang,
                            "--sortie", str(tmp_path)]) == 0
    sheet = tmp_path / f"moodle_feuille_{ASSIGNMENT}.csv"
    rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    names = {"fr": ("Identifiant", "Note", "Dernière modification (note)", "Note maximale", "Participant"),
             "en": ("Identifier", "Grade", "Last modified (grade)", "Maximum grade", "Participant ")}[lang]
    ident, grade, modified, maximum, prefix = (header.index(n) if i < 4 else n for i, n in enumerate(names))
    numbers = {r[ident][len(prefix):] for r in body}
    assert numbers == {"100001", "100002", "100003", "100004"}  # Moodle cuts the prefix's length off
    for r in body:
        value = r[grade].replace(",", ".")
        assert re.fullmatch(r"\d+(\.\d+)?", value)
        assert 0 <= float(value) <= float(r[maximum].replace(",", "."))
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r[modified])  # PHP strtotime reads it
    by_number = {r[ident][len(prefix):]: r for r in body}
    lea = next(sid for sid in scores if sid.startswith("lea"))
    assert float(by_number["100001"][grade].replace(",", ".")) == scores[lea][ASSIGNMENT]["score"]
    if lang == "fr":
        for r in body:
            assert "." not in r[grade] and "." not in r[maximum]  # French Moodle reads a decimal comma
        assert "\u00a0/\u00a0" in by_number["100001"][header.index("Feedback par commentaires")]


def test_xlsx_lists_every_learner_with_absent_ones(graded, tmp_path):
    from openpyxl import load_workbook
    classe, _ = graded
    export_cmd.export(classe, tmp_path, "pronote", log=lambda *_: None)
    rows = list(load_workbook(tmp_path / "notes.xlsx", read_only=True)["Élèves"].values)
    header, body = rows[0], rows[1:]
    assert len(body) == 5
    assert dict(zip(header, next(r for r in body if r[0] == "Éluard")))["note_sur_20"] == "Abs"
