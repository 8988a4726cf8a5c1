"""Home lesson: table of contents, course map and quiz logic."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import REPO
from prospection.cours import accueil
from prospection.cours.quiz import Quiz

COURSE = REPO / "course"
NOTEBOOK = COURSE / "00_accueil.ipynb"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def notebook_links() -> list[str]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [link for link in LINK.findall(cell.source) if "://" not in link]
    return found


def test_table_of_contents_lists_every_lesson_and_exercise():
    chemins = [lien.chemin for lien in accueil.SOMMAIRE]
    from prospection.cours.cadre import LECONS

    lessons = ["00_accueil", "01_telemarketing", "02_cycle_prospect", "03_appels", "04_qualification",
               "05_plan_appel", "06_fiche_prospect", "07_plan_prospection", "08_salon",
               "09_simulateur_appel", "10_revision", "90_lexique"]
    assert [l.ident for l in LECONS] == lessons
    for lesson in lessons:
        assert f"{lesson}.ipynb" in chemins
    for ex in ["01_telemarketing", "02_cycle_prospect", "03_appels", "04_mission_salon"]:
        assert f"../exercises/{ex}/{ex}.ipynb" in chemins
    assert accueil.liens("application"), "le tableau de mission doit figurer au sommaire"


@pytest.mark.parametrize("lien", accueil.SOMMAIRE, ids=[l.code for l in accueil.SOMMAIRE])
def test_every_table_of_contents_entry_points_to_an_existing_file(lien):
    assert (COURSE / lien.chemin).resolve().is_file(), f"{lien.titre}: {lien.chemin} n'existe pas"


def test_every_link_of_the_notebook_points_to_an_existing_file():
    links = notebook_links()
    assert len(links) >= 17, links
    assert "fiches/essentiel.html" in links and "fiches/grille_observation.html" in links
    for link in links:
        assert (COURSE / link.split("#")[0]).resolve().is_file(), link


def test_notebook_table_is_the_module_table():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert any(accueil.sommaire_markdown() in cell.source for cell in nb.cells if cell.cell_type == "markdown")


def test_notebook_is_thin_one_call_per_code_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    assert codes
    for source in codes:
        lines = [l for l in source.splitlines() if l.strip()]
        assert lines[0].startswith("from prospection.cours.accueil import")
        assert len(lines) == 2, source


def test_quiz_right_answers_score_full_and_wrong_ones_explain():
    logic = Quiz(accueil.QUESTIONS)
    for index, question in enumerate(logic.questions):
        wrong = next(i for i in range(len(question.choix)) if i not in question.bonnes)
        retour = logic.repondre(index, wrong)
        assert not retour.correct and retour.message
    assert logic.score == (0, len(accueil.QUESTIONS))
    for index, question in enumerate(logic.questions):
        assert logic.repondre(index, set(question.bonnes)).correct
    assert logic.score == (len(accueil.QUESTIONS), len(accueil.QUESTIONS))


def test_quiz_keys_are_the_facts_the_course_teaches():
    by_text = {q.enonce: q for q in accueil.QUESTIONS}
    shift_enter = next(q for t, q in by_text.items() if "exécuter" in t)
    assert shift_enter.choix[min(shift_enter.bonnes)] == "Maj + Entrée"
    levels = next(q for t, q in by_text.items() if "trois niveaux" in t)
    assert levels.choix[min(levels.bonnes)] == "Froid, tiède, chaud"
    hidden = next(q for t, q in by_text.items() if "verifier" in t)
    assert hidden.choix[min(hidden.bonnes)] == "Faux"


def test_french_typography_in_learner_texts():
    texts = [l.resume for l in accueil.SOMMAIRE] + [l.titre for l in accueil.SOMMAIRE]
    for q in accueil.QUESTIONS:
        texts += [q.enonce, q.explication, *q.choix, *q.retours.values()]
    assert texts
    for text in texts:
        assert not re.search(r" [:;?!](\s|$)", text), text
        assert "« " not in text and " »" not in text, text


def test_fr_adds_non_breaking_spaces():
    assert accueil.fr("Pourquoi ? « oui » : non !") == "Pourquoi\u00a0? «\u00a0oui\u00a0»\u00a0: non\u00a0!"


def test_course_map_has_one_box_per_entry():
    fig = accueil.figure_plan()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert len(accueil._BOITES) == len(accueil.SOMMAIRE)
    for _, label, _, _ in accueil._BOITES:
        assert label in texts
    image = accueil.plan_du_cours()
    assert image.data[:4] == b"\x89PNG"
