"""Trusted grading, end to end with real nbgrader: a manually graded text reaches the teacher's
cell (escaped), and identical answers files (version 2, or version 1 read the same way) are
flagged, while the same right choices saved by two learners at other times are not."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader.exercices import module_for
from grader.toolchain.answers import fingerprint, load_answers_document
from grader.toolchain.grades import gradebook, read_scores
from grader.toolchain.workspace import Classe
from prospection import reponses

AID = "01_telemarketing"
REPO = Path(__file__).resolve().parent.parent
TEXT = ("Un club sportif associatif n'est pas un particulier : je vérifierais d'abord son statut.\n\n"
        "<script>document.title='pirate'</script> **gras** et [lien](javascript:alert(1))")


def _python(*args, cwd=None):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done


def _answers(choices: dict, when: str, text: str | None) -> dict:
    doc = reponses.empty(AID)
    for qid, value in choices.items():
        reponses.set_answer(doc, qid, value, when=when)
    if text is not None:
        reponses.set_answer(doc, "q4_argumentation", text, when=when)
    return reponses.validate(doc)


def _hand_in(root: Path, sid: str, doc: dict | bytes, drop: str | None = None) -> Path:
    folder = root / "submitted" / sid / AID
    folder.mkdir(parents=True)
    nb = nbformat.read(root / "release" / AID / f"{AID}.ipynb", as_version=4)
    if drop:   # the learner deleted a locked cell
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != drop]
    nbformat.write(nb, folder / f"{AID}.ipynb")
    data = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False, indent=1).encode()
    (folder / "reponses.json").write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def classe(tmp_path_factory):
    root = tmp_path_factory.mktemp("confiance") / "classe"
    _python("-m", "grader", "release", AID, "--classe", str(root), "--delai", "10")
    module = module_for(AID)
    perfect = module.perfect_answers(*module.generate(None))
    choices = {q: e["valeur"] for q, e in perfect["questions"].items() if q != "q4_argumentation"}
    _hand_in(root, "redacteur", _answers(choices, "2026-11-20T09:00:00Z", TEXT))
    copied = json.dumps(_answers(choices, "2026-11-21T10:00:00Z", "Mon propre texte, écrit seul, "
                                 "sur le RGPD et le consentement préalable."), ensure_ascii=False).encode()
    _hand_in(root, "copieur1", copied)
    _hand_in(root, "copieur2", copied)   # the same file, byte for byte
    _hand_in(root, "bon1", _answers(choices, "2026-11-22T08:00:00Z", None))
    _hand_in(root, "bon2", _answers(choices, "2026-11-22T08:30:00Z", None))   # same right choices
    # a deleted test cell after a locked widget cell (nbgrader 0.9.6 alone crashes on it)
    _hand_in(root, "supprime", _answers(choices, "2026-11-23T08:00:00Z", None), drop="q1_types")
    _python("-m", "grader", "autograde", "--classe", str(root), "--silencieux")
    return root


def _cell(root: Path, sid: str, grade_id: str):
    path = root / "autograded" / sid / AID / f"{AID}.ipynb"
    nb = nbformat.read(path, as_version=4)
    found = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    assert len(found) == 1, [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    return found[0]


def _assert_text_shown(cell) -> None:
    assert cell.cell_type == "markdown"
    assert "Tâche corrigée par votre enseignant" in cell.source          # the instruction stays
    assert "Texte rendu par l'élève" in cell.source
    assert "je vérifierais d'abord son statut." in cell.source
    assert "&lt;script&gt;document.title='pirate'&lt;/script&gt;" in cell.source
    assert "<script" not in cell.source                                   # shown, never run
    html_line = [ln for ln in cell.source.splitlines() if "texte-eleve" in ln]
    assert len(html_line) == 1 and html_line[0].endswith("</div>")        # one raw HTML block
    assert "**gras**" in html_line[0]                                     # no markdown inside


def test_manual_text_is_copied_into_the_teachers_cell(classe):
    _assert_text_shown(_cell(classe, "redacteur", "q4_argumentation"))
    empty = _cell(classe, "bon1", "q4_argumentation")
    assert "aucun texte dans le fichier de réponses rendu" in empty.source


def test_manual_question_waits_for_the_teacher_and_automatic_points_are_given(classe):
    scores = read_scores(Classe.open(classe))["redacteur"][AID]
    assert scores["manuel"] is True
    auto = {q: v for q, v in scores["questions"].items() if not q.endswith(":q4_argumentation")}
    assert auto and all(score == top for score, top in auto.values()), auto
    assert scores["questions"][f"{AID}:q4_argumentation"] == (0.0, 2.0)
    with gradebook(Classe.open(classe)) as gb:
        grade = gb.find_grade("q4_argumentation", AID, AID, "redacteur")
        assert grade.needs_manual_grade and grade.manual_score is None


def test_plain_nbgrader_autograde_shows_the_same_text(classe):
    """The Formgrader's « Autograde » button runs nbgrader with the class config: same cell."""
    target = classe / "autograded" / "redacteur" / AID / f"{AID}.ipynb"
    target.unlink()
    _python("-m", "nbgrader", "autograde", AID, "--student", "redacteur", "--force", cwd=classe)
    _assert_text_shown(_cell(classe, "redacteur", "q4_argumentation"))


def test_identical_v2_answers_files_are_flagged_not_the_same_right_choices(classe):
    flags = json.loads((classe / "rapport" / "flags.json").read_text(encoding="utf-8"))
    codes = {sid: [f for f in flags[sid][AID] if f["code"] == "reponses_identiques"] for sid in flags}
    assert set(codes) >= {"redacteur", "copieur1", "copieur2", "bon1", "bon2"}
    assert len(codes["copieur1"]) == 1 and "copieur2" in codes["copieur1"][0]["message"]
    assert len(codes["copieur2"]) == 1 and "copieur1" in codes["copieur2"][0]["message"]
    assert "mêmes textes rédigés" in codes["copieur1"][0]["message"]
    assert codes["bon1"] == [] and codes["bon2"] == [] and codes["redacteur"] == []
    with gradebook(Classe.open(classe)) as gb:   # nbgrader's « flagged » state follows
        assert all(nb.flagged for nb in gb.find_submission(AID, "copieur1").notebooks)
        assert not any(nb.flagged for nb in gb.find_submission(AID, "bon1").notebooks)


def test_fingerprint_reads_v1_and_v2_through_one_reader(tmp_path):
    """A version-1 salon file and a version-2 file are fingerprinted from the same reader; a
    copied file (same save instants) is found even without written text."""
    entry = {"organisation": "Club", "qualification": "chaud",
             "justification": "Il a demandé un devis pour la rentrée, je le rappelle lundi.",
             "modifie_le": "2026-11-20T10:00:00+01:00"}
    v1 = {"version": 1, "fichier_contacts": "contacts.xlsx", "date_salon": "2026-11-18",
          "reponses": {"C01": entry}}
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "reponses_salon.json").write_text(json.dumps(v1), encoding="utf-8")
    other = dict(entry, modifie_le="2026-11-21T09:00:00+01:00")   # same text, saved another day
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "reponses_salon.json").write_text(
        json.dumps(dict(v1, reponses={"C01": other})), encoding="utf-8")
    docs = {n: load_answers_document(tmp_path / n, "04_mission_salon") for n in "abc"}
    assert all(status == "ok" for status, _, _ in docs.values()), docs
    fps = {n: fingerprint(d[1]) for n, d in docs.items()}
    assert fps["a"] is not None and fps["a"] == fps["b"] == fps["c"]   # the text decides

    same_choice = {"q1_types": {"B": "appels_sortants"}, "q3_creneaux": {"B": "interdit"}}
    for name, when in (("d", "2026-11-20T08:00:00Z"), ("e", "2026-11-20T08:00:00Z"), ("f", "2026-11-20T09:00:00Z")):
        (tmp_path / name).mkdir()
        reponses.save(tmp_path / name, _answers(same_choice, when, None))
    fps = {n: fingerprint(load_answers_document(tmp_path / n, AID)[1]) for n in "def"}
    assert fps["d"] is not None and fps["d"] == fps["e"] and "copié" in fps["d"][1]
    assert fps["f"] is not None and fps["f"] != fps["d"]    # same choices, another time: no match
    one = _answers({"q1_types": {"B": "appels_sortants"}}, "2026-11-20T08:00:00Z", None)
    assert fingerprint(one) is None        # one choice at the same second proves nothing
    assert fingerprint(load_answers_document(tmp_path / "absent", AID)[1]) is None


def test_a_deleted_test_cell_is_restored_and_graded(classe):
    flags = json.loads((classe / "rapport" / "flags.json").read_text(encoding="utf-8"))["supprime"][AID]
    codes = {f["code"] for f in flags}
    assert "cellule_test_supprimee" in codes and "correction_impossible" not in codes, flags
    scores = read_scores(Classe.open(classe))["supprime"][AID]["questions"]
    assert scores[f"{AID}:q1_types"] == (3.0, 3.0), scores
    assert _cell(classe, "supprime", "q1_types").cell_type == "code"
