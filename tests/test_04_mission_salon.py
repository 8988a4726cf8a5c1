"""Salon mission: public checks, saving the learner's dict, the graded cells' real logic,
and what the release contains."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from prospection.autocontrole import verifier
from prospection.board.storage import load_answers, save_answers, empty_answers
from prospection.exercices import ex_04_mission_salon as ex

ID = "04_mission_salon"
SOURCE = REPO / "solutions" / ID / f"{ID}.ipynb"
RELEASE = REPO / "exercises" / ID
DATASET = REPO / "datasets" / ex.CONTACTS_FILENAME


def cells(path=SOURCE):
    return nbformat.read(path, as_version=4).cells


def nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def solution_reponses() -> dict:
    """The teacher's model answers (the answers file left in ``solutions/04_mission_salon``)."""
    doc = load_answers(REPO / "solutions" / ID / "reponses_salon.json")
    return {cid: (v["qualification"], v["justification"]) for cid, v in doc["reponses"].items()}


@pytest.fixture
def dossier(tmp_path, monkeypatch):
    """An assignment folder as learners get it (contacts file only), as working directory."""
    shutil.copyfile(REPO / "solutions" / ID / ex.CONTACTS_FILENAME, tmp_path / ex.CONTACTS_FILENAME)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def statuts(namespace=None) -> dict[str, tuple[str, str]]:
    bilan = verifier(ID, namespace or {})
    return {r.cle: (r.statut, r.message) for r in bilan.resultats}


# ---------------------------------------------------------------- shipped files

def test_shipped_contacts_file_is_the_bundled_dataset():
    shipped = REPO / "solutions" / ID / ex.CONTACTS_FILENAME
    assert shipped.read_bytes() == DATASET.read_bytes(), (
        "copie périmée : python -c \"from prospection.exercices.ex_04_mission_salon import "
        "copier_fichier_contacts as c; c('solutions/04_mission_salon')\""
    )


def test_model_answers_cover_every_contact():
    ids = set(ex._contacts_index(ex.charger_contacts(REPO / "solutions" / ID)))
    reponses = solution_reponses()
    assert len(ids) >= 20 and set(reponses) == ids


# ---------------------------------------------------------------- saving the dict

def test_right_answers_pass_every_public_check(dossier):
    message = ex.enregistrer_reponses(solution_reponses())
    assert message.ok, message
    assert ex.ecrire_annexe().ok
    result = statuts()
    assert set(result) == {"fichier", "completes", "justifications", "annexe"}
    assert all(statut == "ok" for statut, _ in result.values()), result
    doc = load_answers(dossier / "reponses.json")
    assert doc["version"] == 1 and doc["date_salon"] == "2026-10-10"
    assert doc["fichier_contacts"] == ex.CONTACTS_FILENAME
    assert doc["reponses"]["C01"]["organisation"]


def test_no_answers_file_fails_with_a_french_message(dossier):
    result = statuts()
    assert all(statut == "echec" for statut, _ in result.values()), result
    assert "introuvable" in result["fichier"][1] and "tableau de mission" in result["fichier"][1]


def test_missing_contact_and_short_justification_are_named(dossier):
    reponses = dict(solution_reponses())
    del reponses["C03"]
    reponses["C05"] = ("froid", "pas intéressé")
    assert ex.enregistrer_reponses(reponses).ok
    result = statuts()
    assert result["completes"][0] == "echec" and "C03" in result["completes"][1]
    assert result["justifications"][0] == "echec"
    assert "C03" in result["justifications"][1]


def test_short_justification_alone(dossier):
    reponses = dict(solution_reponses())
    reponses["C05"] = ("froid", "pas intéressé")
    ex.enregistrer_reponses(reponses)
    statut, message = statuts()["justifications"]
    assert statut == "echec" and "trop courte" in message and "C05" in message


@pytest.mark.parametrize("reponses, mot", [
    ({"C01": ("bouillant", "Très intéressé, devis cette semaine, je le rappelle.")}, "inconnue"),
    ({"C01": "chaud"}, "couple"),
    ({"C99": ("froid", "Pas intéressé du tout, je garde la fiche.")}, "inconnu"),
    ({"C01": ("chaud", 42)}, "texte"),
    (["C01", "chaud"], "dictionnaire"),
])
def test_wrong_format_gets_a_french_message_and_saves_nothing(dossier, reponses, mot):
    message = ex.enregistrer_reponses(reponses)
    assert not message.ok and mot in message.texte and "Rien n'a été enregistré" in message.texte
    assert not (dossier / "reponses.json").exists()


def test_tiede_without_accent_and_dict_entries_are_accepted(dossier):
    message = ex.enregistrer_reponses({
        "c01": {"qualification": "TIEDE", "justification": "Intéressé, projet au printemps : relance."}})
    assert message.ok
    assert load_answers(dossier)["reponses"]["C01"]["qualification"] == "tiède"


def test_saving_the_empty_template_never_erases_board_answers(dossier):
    doc = empty_answers(ex.CONTACTS_FILENAME, "2026-10-10")
    doc["reponses"]["C02"] = {"organisation": "Badminton Club Avrillais", "qualification": "froid",
                              "justification": "Tapé dans le tableau de mission.", "modifie_le": ""}
    save_answers(dossier / "reponses.json", doc)
    template = {cid: ("", "") for cid in solution_reponses()}
    assert ex.enregistrer_reponses(template).ok
    assert load_answers(dossier)["reponses"]["C02"]["justification"] == "Tapé dans le tableau de mission."
    assert not list(dossier.glob("reponses.sauvegarde-*"))


def test_replacing_an_answer_keeps_the_previous_file_aside(dossier):
    ex.enregistrer_reponses({"C02": ("froid", "Première version de ma justification ici.")})
    message = ex.enregistrer_reponses({"C02": ("tiède", "Seconde version de ma justification ici.")})
    assert message.ok and "sauvegarde" in message.texte
    copies = list(dossier.glob("reponses.sauvegarde-*.json"))
    assert len(copies) == 1
    assert load_answers(copies[0])["reponses"]["C02"]["qualification"] == "froid"
    assert load_answers(dossier)["reponses"]["C02"]["qualification"] == "tiède"


def test_save_cell_reads_the_learners_variable(dossier):
    namespace = {"reponses": {"C02": ("froid", "Pas intéressée, contrat de trois ans : fiche CRM.")}}
    exec("from prospection.exercices.ex_04_mission_salon import enregistrer_reponses\n"
         "resultat = enregistrer_reponses()", namespace)
    assert namespace["resultat"].ok
    assert load_answers(dossier)["reponses"]["C02"]["qualification"] == "froid"
    exec("resultat = enregistrer_reponses()", {"enregistrer_reponses": ex.enregistrer_reponses})


# ---------------------------------------------------------------- the graded cells, scored from data

def points(grade_id: str) -> float:
    cell = next(c for c in cells() if nbgrader(c).get("grade_id") == grade_id)
    return float(nbgrader(cell)["points"])


def answer_with(dossier, reponses):
    assert ex.enregistrer_reponses(reponses).ok
    assert ex.ecrire_annexe().ok


def scored(dossier) -> dict[str, object]:
    """What the teacher's process gives the answers of ``dossier`` (grade_id -> QuestionScore)."""
    from grader.exercices import ex_04_mission_salon as spec, score_answers
    from grader.toolchain.answers import attach_data_files, load_answers_document
    public, key = spec.generate(None)
    _, doc, _ = load_answers_document(Path(dossier), ID)
    attach_data_files(doc, Path(dossier), public)
    return {s.grade_id: s for s in score_answers(ID, public, key, doc)}


def half_wrong(reponses: dict) -> tuple[dict, list[str]]:
    """Every other contact gets a wrong class and an empty-of-evidence justification."""
    other = {"froid": "chaud", "tiède": "froid", "chaud": "tiède"}
    changed = sorted(reponses)[::2]
    wrong = dict(reponses)
    for cid in changed:
        wrong[cid] = (other[reponses[cid][0]], "Je pense que c'est comme ça, voilà mon avis.")
    return wrong, changed


def test_no_hidden_test_every_graded_cell_is_scored_from_data():
    from grader.exercices import ex_04_mission_salon as spec
    tests = [c for c in cells() if nbgrader(c).get("grade") and c.cell_type == "code"]
    assert len(tests) == 4
    for cell in tests:
        first = cell.source.splitlines()[0]
        assert first.startswith('"""') and first.endswith('"""') and len(first) > 6
        assert "HIDDEN" not in cell.source and "grader" not in cell.source
    public, _ = spec.generate(None)
    assert {q["grade_id"]: q["points"] for q in public["questions"]} == \
        {nbgrader(c)["grade_id"]: nbgrader(c)["points"] for c in tests}
    manual = [c for c in cells() if c.cell_type == "markdown" and nbgrader(c).get("points")]
    assert {nbgrader(c)["grade_id"] for c in manual} == {"ordre_de_rappel", "appreciation_formateur"}


def test_perfect_answers_get_every_point(dossier):
    answer_with(dossier, solution_reponses())
    for gid, result in scored(dossier).items():
        assert result.points == points(gid), (gid, result)


def test_half_wrong_answers_get_partial_points(dossier):
    wrong, changed = half_wrong(solution_reponses())
    answer_with(dossier, wrong)
    total = len(solution_reponses())
    result = scored(dossier)
    assert result["test_classes"].points == round(points("test_classes") * (total - len(changed)) / total, 2)
    assert f"{total - len(changed)} contact(s) sur {total}" in result["test_classes"].feedback
    value = result["test_justifications"].points
    assert 0 < value < points("test_justifications")
    assert value <= round(points("test_justifications") * (total - len(changed)) / total, 2) + 0.01


def test_feedback_of_the_scores_reveals_no_class(dossier):
    wrong, changed = half_wrong(solution_reponses())
    answer_with(dossier, wrong)
    for gid in ("test_classes", "test_justifications"):
        text = scored(dossier)[gid].feedback
        for cid in changed:
            assert cid not in text.split("relire")[0], text


def test_annex_out_of_date_loses_the_annex_points(dossier):
    answer_with(dossier, solution_reponses())
    reponses = dict(solution_reponses())
    reponses["C01"] = ("froid", "Finalement pas intéressé du tout, je garde la fiche.")
    assert ex.enregistrer_reponses(reponses).ok          # annex not rewritten
    result = scored(dossier)["test_annexe"]
    assert result.points == 0 and "C01" in result.feedback


def test_no_answers_file_gets_no_point_and_public_cells_fail_in_french(dossier):
    assert sum(s.points for s in scored(dossier).values()) == 0
    for gid in ("test_reponses_completes", "test_classes", "test_justifications", "test_annexe"):
        with pytest.raises(AssertionError) as info:
            exec(compile(graded_cell(gid), "<cellule>", "exec"), {"__name__": "__main__"})  # noqa: S102
        assert re.search(r"introuvable|n'existe pas", str(info.value)), (gid, str(info.value))


def graded_cell(grade_id: str) -> str:
    found = [c.source for c in cells() if nbgrader(c).get("grade_id") == grade_id]
    assert len(found) == 1, grade_id
    return found[0]


# ---------------------------------------------------------------- the release

def released_files() -> list[Path]:
    """The committed release (a learner working in exercises/ adds answers files: not released)."""
    import subprocess

    listed = subprocess.run(["git", "ls-files", "--", str(RELEASE.relative_to(REPO))], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split()
    files = sorted(REPO / name for name in listed)
    assert files, "exercises/04_mission_salon est vide : python -m grader generate 04_mission_salon"
    return files


def test_release_ships_the_notebook_and_the_contacts_file_only():
    names = {p.relative_to(RELEASE).as_posix() for p in released_files()}
    assert names == {f"{ID}.ipynb", ex.CONTACTS_FILENAME}, names
    assert (RELEASE / ex.CONTACTS_FILENAME).read_bytes() == DATASET.read_bytes()


def test_release_contains_no_key_no_hidden_test_no_solution():
    text = (RELEASE / f"{ID}.ipynb").read_text(encoding="utf-8")
    for marker in ("BEGIN HIDDEN", "BEGIN SOLUTION", "grader.keys", "load_key", "partial_credit",
                   "_cles", ".key.json"):
        assert marker not in text, marker
    from grader.keys import load_key
    for entry in load_key()["contacts"].values():
        assert entry["action"] not in text
    for _, justification in solution_reponses().values():
        assert justification[:40] not in text


def test_annex_exported_by_the_board_with_organisation_names_is_accepted(dossier):
    from prospection.annexe import write_annexe

    reponses = solution_reponses()
    assert ex.enregistrer_reponses(reponses).ok
    index = ex._contacts_index(ex.charger_contacts())
    rows = [(index[cid]["organisation"], classe, text) for cid, (classe, text) in reponses.items()]
    write_annexe(rows, dossier / ex.ANNEX_FILENAME)
    ex.annexe_coherente()
    rows[0] = (rows[0][0], "chaud" if rows[0][1] != "chaud" else "froid", rows[0][2])
    write_annexe(rows, dossier / ex.ANNEX_FILENAME)
    with pytest.raises(AssertionError, match=sorted(reponses)[0]):
        ex.annexe_coherente()


def test_unreadable_annex_gets_a_french_message(dossier):
    assert ex.enregistrer_reponses(solution_reponses()).ok
    (dossier / ex.ANNEX_FILENAME).write_text("pas un classeur", encoding="utf-8")
    statut, message = statuts()["annexe"]
    assert statut == "echec" and "trois colonnes" in message


def test_notebook_links_point_to_existing_files():
    for folder, nb_path in ((SOURCE.parent, SOURCE), (RELEASE, RELEASE / f"{ID}.ipynb")):
        text = "\n".join(c.source for c in cells(nb_path) if c.cell_type == "markdown")
        links = re.findall(r"\]\(([^)\s]+)\)", text)
        assert links
        for link in links:
            assert (folder / link).resolve().is_file(), link


@pytest.mark.parametrize("contenu, mot", [
    ('{"version": 1, "reponses": {', "JSON invalide"),
    ('{"version": 1, "reponses": {"C01": {"qualification": "brûlant"}}}', "inconnue"),
    ('["C01", "chaud"]', "objet JSON"),
])
def test_hand_edited_answers_file_gets_a_french_message(dossier, contenu, mot):
    (dossier / "reponses.json").write_text(contenu, encoding="utf-8")
    statut, message = statuts()["fichier"]
    assert statut == "echec" and "illisible" in message and mot in message
    with pytest.raises(AssertionError, match="illisible"):
        exec(compile(graded_cell("test_classes"), "<cellule>", "exec"), {"__name__": "__main__"})  # noqa: S102
    assert (dossier / "reponses.json").read_text(encoding="utf-8") == contenu  # untouched
    assert not ex.enregistrer_reponses({"C01": ("chaud", "Très intéressé, devis cette semaine : rappel.")}).ok
    assert (dossier / "reponses.json").read_text(encoding="utf-8") == contenu


# ---------------------------------------------------------------- real nbgrader autograde, board route

@pytest.mark.slow
def test_nbgrader_autograde_of_a_board_submission_gives_partial_credit(tmp_path):
    """A learner who used only the board is graded from the files handed in, by a plain
    ``nbgrader autograde`` in a class folder (the class config points it at the data grading)."""
    import subprocess
    import sys

    from nbgrader.api import Gradebook
    from prospection.annexe import write_annexe

    root = tmp_path / "classe"
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))

    def run(*args, cwd=None):
        done = subprocess.run([sys.executable, *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr

    run("-m", "grader", "release", ID, "--classe", str(root))
    copie = root / "submitted" / "alice" / ID
    shutil.copytree(root / "release" / ID, copie)
    reponses = solution_reponses()
    wrong, changed = half_wrong(reponses)
    doc = empty_answers(ex.CONTACTS_FILENAME, "2026-10-10")
    for cid, (classe, text) in wrong.items():
        doc["reponses"][cid] = {"organisation": "", "qualification": classe,
                                "justification": text, "modifie_le": ""}
    save_answers(copie / "reponses.json", doc)
    write_annexe([(cid, classe, text) for cid, (classe, text) in wrong.items()], copie / ex.ANNEX_FILENAME)
    run("-m", "nbgrader", "autograde", ID, "--force", cwd=root)

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        grades = {g.name: (g.auto_score, g.max_score)
                  for g in gb.find_submission(ID, "alice").notebooks[0].grades}
    total = len(reponses)
    assert grades["test_reponses_completes"] == (2.0, 2.0)
    assert grades["test_classes"] == (round(10 * (total - len(changed)) / total, 2), 10.0)
    assert 0 < grades["test_justifications"][0] < 6.0
    assert grades["test_annexe"] == (2.0, 2.0)       # the annex handed in matches the answers
    assert grades["ordre_de_rappel"][0] == 0.0      # unchanged written answer, graded by hand
    assert grades["appreciation_formateur"][0] is None
