"""End to end: release → collect → autograde → feedback → export → report → demo, small class.

Uses the fixture assignment (tests/fixtures/solutions/90_mini_salon) so that it does not depend
on the exercises being written; ``test_demo_on_the_real_exercises`` runs the demo on solutions/.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ANSWERS, ASSIGNMENT, FIXTURES, KEY, hand_in, new_class  # noqa: E402

from grader.toolchain import autograde as autograde_cmd  # noqa: E402
from grader.toolchain import collect as collect_cmd  # noqa: E402
from grader.toolchain import export as export_cmd  # noqa: E402
from grader.toolchain import feedback as feedback_cmd  # noqa: E402
from grader.toolchain import release as release_cmd  # noqa: E402
from grader.toolchain import report as report_cmd  # noqa: E402
from grader.toolchain.grades import read_scores  # noqa: E402
from grader.toolchain.leaks import visible_text  # noqa: E402
from grader.toolchain.workspace import Classe, assignment_ids_in  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
STUDENTS = {  # Moodle-style folder name -> (id, case)
    "Léa Martin_100001_assignsubmission_file_": ("lmartin", "perfect"),
    "Hugo Dubois_100002_assignsubmission_file_": ("hdubois", "partial"),
    "Chloé Petit_100003_assignsubmission_file_": ("cpetit", "empty"),
    "Lucas Durand_100004_assignsubmission_file_": ("ldurand", "edited-test-cell"),
}


def _marked_lines(begin: str, end: str) -> set[str]:
    """Lines between markers in the fixture source notebook, read independently of the toolchain."""
    nb = nbformat.read(FIXTURES / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    out, inside = set(), False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if begin in line:
                inside = True
            elif end in line:
                inside = False
            elif inside and len(line.strip()) > 8:
                out.add(line.strip())
    assert out
    return out


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cycle")
    root = tmp / "classe"
    new_class(root, timeout=4)
    # release again through the command line entry point (idempotent, keeps the settings)
    assert release_cmd.main(["--classe", str(root), ASSIGNMENT]) == 0
    # hand-in zip with Moodle folder names and a student list
    handed = tmp / "rendus"
    for folder, (_, case) in STUDENTS.items():
        hand_in(handed / folder / ASSIGNMENT, case)
    archive = tmp / "rendus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in handed.rglob("*"):
            zf.write(p, p.relative_to(handed))
    liste = tmp / "eleves.csv"
    liste.write_text("identifiant;nom;prenom;email\n" + "".join(
        f"{sid};{folder.split('_')[0].split(' ')[1]};{folder.split(' ')[0]};{sid}@example.org\n"
        for folder, (sid, _) in STUDENTS.items()), encoding="utf-8")
    assert collect_cmd.main([str(archive), "--classe", str(root), "--eleves-csv", str(liste)]) == 0
    assert autograde_cmd.main(["--classe", str(root), "--silencieux"]) == 0
    classe = Classe.open(root)
    first = read_scores(classe)
    assert feedback_cmd.main(["--classe", str(root), "--silencieux"]) == 0
    assert export_cmd.main(["--classe", str(root)]) == 0
    assert report_cmd.main(["--classe", str(root)]) == 0
    return classe, first


def test_release_has_no_solution_nor_hidden_test(cycle):
    classe, _ = cycle
    released = (classe.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8")
    for line in _marked_lines("BEGIN HIDDEN TESTS", "END HIDDEN TESTS") | _marked_lines("BEGIN SOLUTION", "END SOLUTION"):
        assert line not in released
    assert (classe.root / "a_distribuer" / f"{ASSIGNMENT}.zip").is_file()


def test_collect_files_every_student_under_their_id(cycle):
    classe, _ = cycle
    assert classe.students() == sorted(sid for sid, _ in STUDENTS.values())
    for sid, _ in STUDENTS.values():
        assert (classe.root / "submitted" / sid / ASSIGNMENT / "timestamp.txt").is_file()


def test_collect_twice_keeps_the_previous_copy(cycle, tmp_path):
    classe, _ = cycle
    again = tmp_path / "rendus" / "lmartin" / ASSIGNMENT
    hand_in(again, "perfect")
    assert collect_cmd.main([str(tmp_path / "rendus"), "--classe", str(classe.root)]) == 0
    kept = list((classe.root / "submitted" / ".anciennes" / "lmartin").iterdir())
    assert kept and (kept[0] / f"{ASSIGNMENT}.ipynb").is_file()


def test_grades_follow_the_quality_of_the_copies(cycle):
    _, scores = cycle
    got = {sid: scores[sid][ASSIGNMENT]["score"] for sid, _ in STUDENTS.values()}
    assert got == {"lmartin": 8.0, "hdubois": 1.0, "cpetit": 0.0, "ldurand": 3.0}


def test_autograde_is_idempotent_and_can_target_students(cycle):
    classe, first = cycle
    assert autograde_cmd.main(["--classe", str(classe.root), "--silencieux", "--eleves", "ldurand,hdubois"]) == 0
    assert read_scores(classe) == first


def test_feedback_never_shows_hidden_tests_solutions_or_key(cycle):
    classe, _ = cycle
    pages = sorted((classe.root / "feedback").rglob("*.html"))
    assert len(pages) == len(STUDENTS)
    hidden = _marked_lines("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    solutions = _marked_lines("BEGIN SOLUTION", "END SOLUTION")
    key = json.loads(KEY.read_text(encoding="utf-8"))
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        text = visible_text(raw)
        assert "Note" in text and "BEGIN" not in raw
        for line in hidden | solutions:
            assert line not in text, (page, line)
        for needle in ("cache-carre-negatif", "cache-total", "attendu_cache", "justes_cache"):
            assert needle not in raw, (page, needle)
        for contact in key["contacts"].values():
            assert contact["action"] not in text
        # tracebacks keep the French message but no source line
        assert "Traceback" not in text and "----> " not in text


def test_feedback_tells_the_learner_what_happened(cycle):
    classe, _ = cycle
    page = (classe.root / "feedback" / "ldurand" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    text = visible_text(page)
    assert "test_carre" in text and "modifiée" in text
    assert "carre(3) doit valoir 9." in text  # the visible test's French message


def test_csv_export_reads_back(cycle):
    classe, scores = cycle
    path = classe.root / "export" / "notes.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert sorted(r["identifiant"] for r in rows) == classe.students()
    assert [r["nom"] for r in rows] == ["Dubois", "Durand", "Martin", "Petit"]  # Pronote's order
    for row in rows:
        assert float(row[ASSIGNMENT].replace(",", ".")) == scores[row["identifiant"]][ASSIGNMENT]["score"]
        assert row["total_max"] == "9"
    martin = next(r for r in rows if r["identifiant"] == "lmartin")
    assert (martin["nom"], martin["prenom"], martin["note_sur_20"]) == ("Martin", "Léa", "18")
    assert next(r for r in rows if r["identifiant"] == "ldurand")["signalements"] == "1"


def test_csv_export_moodle_format(cycle, tmp_path):
    classe, _ = cycle
    assert export_cmd.main(["--classe", str(classe.root), "--format", "moodle", "--sortie", str(tmp_path)]) == 0
    header = (tmp_path / "notes.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Adresse de courriel,nom,prenom,note_sur_20,")


def test_xlsx_export_has_student_question_and_contact_detail(cycle):
    from openpyxl import load_workbook
    classe, scores = cycle
    wb = load_workbook(classe.root / "export" / "notes.xlsx", read_only=True)
    assert {"Élèves", "Questions", "Contacts", "Signalements", "Colonnes"} <= set(wb.sheetnames)
    eleves = list(wb["Élèves"].values)
    assert len(eleves) == 1 + len(STUDENTS)
    questions = list(wb["Questions"].values)[1:]
    assert len(questions) == len(STUDENTS) * 4
    assert ("lmartin", ASSIGNMENT, ASSIGNMENT, "test_carre", 2, 2) in [tuple(q) for q in questions]
    contacts = list(wb["Contacts"].values)
    header, rows = contacts[0], contacts[1:]
    assert len(rows) == len(STUDENTS) * 3
    by = {(r[0], r[2]): dict(zip(header, r)) for r in rows}
    assert by[("lmartin", "C02")]["classe_choisie"] == "froid" and by[("lmartin", "C02")]["correcte"] == "oui"
    assert by[("hdubois", "C02")]["classe_choisie"] == "tiède" and by[("hdubois", "C02")]["correcte"] == "non"
    assert by[("hdubois", "C02")]["classe_attendue"] == "froid"
    assert by[("cpetit", "C01")]["classe_choisie"] in (None, "")


def test_report_has_plots_and_flagged_copies(cycle):
    classe, _ = cycle
    page = (classe.root / "rapport" / "rapport.html").read_text(encoding="utf-8")
    assert len(re.findall(r'src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', page)) >= 4
    text = visible_text(page)
    for title in ("Répartition des notes", "matrice de confusion", "Contacts les plus manqués",
                  "Critères de justification", "Copies signalées"):
        assert title in text
    assert "ldurand" in text and "cellule_test_modifiee" in text


def _mtimes(root: Path) -> dict[str, int]:
    """The course's sources a command could rewrite (other tests running beside this one write
    only in their own temporary folders, never there)."""
    folders = [root / "prospection" / "data", root / "datasets", root / "course", root / "solutions"]
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) > 20
    return {str(p): p.stat().st_mtime_ns for p in files}


def test_every_command_has_a_french_help_that_changes_nothing(python):
    from grader.cli import COMMANDS

    assert len(COMMANDS) >= 15
    before = _mtimes(REPO)
    for command in COMMANDS:
        done = subprocess.run([python, "-m", "grader", command, "--help"], capture_output=True,
                              text=True, cwd=REPO, timeout=120)
        assert done.returncode == 0, (command, done.stderr)
        assert "Utilisation\u00a0:" in done.stdout and "affiche cette aide" in done.stdout, command
        assert "usage:" not in done.stdout and "show this help" not in done.stdout, command
    changed = sorted(p for p, t in _mtimes(REPO).items() if before.get(p) != t)
    assert not changed, f"« --help » a écrit des fichiers\u00a0: {changed[:5]}"


def test_user_errors_are_french_messages_not_tracebacks(python, tmp_path):
    done = subprocess.run([python, "-m", "grader", "autograde", "--classe", str(tmp_path / "rien")],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 1
    assert "n'est pas un dossier de classe" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([python, "-m", "grader", "export", "--format", "tableur"],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2 and "choix invalide" in done.stderr


def test_demo_on_the_fixture_assignment(tmp_path):
    from grader.toolchain.demo import demo
    out = demo(tmp_path / "demo", n=8, solutions=FIXTURES / "solutions", timeout=3,
               answers=ANSWERS, log=lambda *_: None)
    classe = Classe.open(out["classe"])
    assert len(classe.students()) == 8
    assert out["csv"].is_file() and out["xlsx"].is_file() and out["rapport"].is_file()
    assert len(list((classe.root / "feedback").rglob("*.html"))) == 8
    flags = json.loads(classe.flags_path.read_text(encoding="utf-8"))
    codes = {f["code"] for per in flags.values() for fl in per.values() for f in fl}
    # A loop that ignores the interruption is cut inside the sandbox (cellule_interrompue): the
    # copy is no longer stopped from outside as a whole (delai_depasse), see test_toolchain_robustness.
    assert {"cellule_interrompue", "noyau_arrete", "notebook_illisible"} <= codes


@pytest.mark.slow
def test_demo_on_the_real_exercises(tmp_path):
    from grader.toolchain.demo import demo
    ids = assignment_ids_in(REPO / "solutions")
    assert ids, "aucun exercice dans solutions/"
    out = demo(tmp_path / "demo", n=5, timeout=5, log=lambda *_: None)
    classe = Classe.open(out["classe"])
    scores = read_scores(classe)
    assert set(classe.assignments()) == set(ids)
    assert len(scores) == 5
    # learner 2 is a perfect copy: every exercise gets points; feedback pages exist for everyone
    assert all(scores["eleve02"][a]["score"] > 0 for a in ids), scores["eleve02"]
    assert len(list((classe.root / "feedback").rglob("*.html"))) >= 5 * len(ids)
