"""Lesson 04: decision rule, evidence highlighting from the engine, worked examples, quiz."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import nbformat
import pytest

from conftest import REPO
from prospection.cours import qualification as q
from prospection.cours.quiz import Quiz

NOTEBOOK = REPO / "course" / "04_qualification.ipynb"
SALON = dt.date(2026, 10, 10)


# ---------------------------------------------------------------- decision rule

@pytest.mark.parametrize("interet, jours, attendu", [
    ("non", 10, "froid"), ("non", None, "froid"), ("oui", 10, "chaud"), ("oui", 92, "chaud"),
    ("oui", 93, "tiède"), ("oui", None, "tiède"), ("incertain", 400, "tiède"),
])
def test_decision_rule_interest_first_then_three_months(interet, jours, attendu):
    assert q.classe_selon_criteres(interet, jours) == attendu


# ---------------------------------------------------------------- highlighting

def test_highlight_wraps_exactly_the_spans_and_escapes_text():
    notes = "Très intéressé <b> : devis avant le 14 novembre."
    spans = [SimpleNamespace(start=5, end=14, role="interet"),
             {"start": notes.index("14 novembre"), "end": len(notes) - 1, "role": "delai"}]
    html = q.surligner(notes, spans)
    marks = re.findall(r'<mark class="preuve preuve-(\w+)"[^>]*>(.*?)</mark>', html)
    assert marks == [("interet", "intéressé"), ("delai", "14 novembre")]
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">") == notes


def test_highlight_skips_overlapping_and_out_of_range_spans():
    notes = "pas intéressé du tout"
    spans = [{"start": 0, "end": 13, "role": "desinteret"}, {"start": 4, "end": 13, "role": "interet"},
             {"start": 5, "end": 99, "role": "delai"}]
    html = q.surligner(notes, spans)
    assert html.count("<mark") == 1 and "preuve-desinteret" in html


def test_cues_highlight_interest_deadline_competitor_and_never_a_class():
    notes = "Très intéressé par nos maillots. Commande pour le tournoi du 12 décembre, compare avec un concurrent."
    indices = q.reperer_indices(notes, SALON)
    marked = set(re.findall(r'<mark class="preuve preuve-(\w+)"[^>]*>(.*?)</mark>', indices.html_notes))
    assert {("interet", "Très intéressé"), ("delai", "12 décembre"), ("concurrent", "concurrent")} <= marked
    (mots, debut, fin, jours), = indices.echeances
    assert mots == "12 décembre" and fin == dt.date(2026, 12, 12) and jours == (fin - SALON).days
    before, question = indices.html().lower().split("à vous de décider")
    for classe in ("froid", "tiède", "chaud"):
        assert classe in question and classe not in before  # only in the question put to the learner


def test_negated_interest_is_a_disinterest_cue_even_in_sms_spelling():
    for notes in ("Pas intéressé, aucun besoin.", "pa interessé, aucun besoin"):
        roles = q.reperer_indices(notes, SALON).roles
        assert roles["desinteret"] and not roles["interet"], notes


def test_analyser_widget_reads_the_textarea_and_the_date():
    widget = q.AnalyseurNotes(notes="Pas intéressé, aucun besoin.", date_salon=SALON)
    assert "désintérêt" in widget.resultat.value and "À vous de décider" in widget.resultat.value
    widget.notes.value = "Très intéressé, veut commander des maillots d'ici fin novembre 2026."
    widget.bouton.click()
    assert "fin novembre 2026" in widget.resultat.value
    first = widget.analyser().echeances[0][3]
    widget.date.value = dt.date(2026, 1, 10)   # ten months earlier: the deadline is further away
    assert widget.analyser().echeances[0][3] > first
    widget.notes.value = "   "
    assert widget.analyser() is None and "Collez" in widget.resultat.value


def test_lesson_module_returns_no_class_for_notes():
    """No learner function turns a contact's notes into a class: the engine is teacher-side."""
    assert not hasattr(q, "lire_notes") and not hasattr(q, "exemples_salon")


# ---------------------------------------------------------------- practice examples and timeline

def test_worked_examples_come_from_the_practice_file_not_the_graded_one():
    from prospection.loader import load_bundled

    graded = load_bundled().frame
    lectures = q.lectures_entrainement()
    assert len(lectures) >= 10
    assert not {r["organisation"] for r, _ in lectures} & set(graded["organisation"])
    assert not {r["observations"] for r, _ in lectures} & set(graded["observations"])
    exemples = q.choisir_exemples(lectures)
    assert [lec.classe for _, _, lec in exemples[:3]] == ["froid", "tiède", "chaud"]
    assert len(exemples) == 4 and "moins évident" in exemples[3][0]
    assert len({row["id"] for _, row, _ in exemples}) == 4
    html = q.exemples_entrainement().data
    assert "<table>" in html and "Forum des associations de Nantes" in html


def test_practice_data_agrees_with_the_teacher_build_and_the_xlsx():
    import json

    from grader.donnees_cours import build_practice_contacts, practice_contacts_path, practice_workbook_path
    from prospection.loader import load_contacts

    committed = json.loads(practice_contacts_path().read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(build_practice_contacts(), ensure_ascii=False))
    frame = load_contacts(practice_workbook_path()).frame
    assert list(frame["observations"]) == [c["observations"] for c in committed["contacts"]]


def test_timeline_places_deadlines_against_the_three_month_line():
    lectures = q.lectures_entrainement()
    points = q.echeances(lectures)
    assert points, "au moins un contact daté dans le fichier d'entraînement"
    for _, jours, classe in points:
        if classe == "chaud":
            assert jours <= q.JOURS_COURT_TERME + 31
    fig = q.figure_frise(lectures)
    assert len(fig.axes[0].patches) == len(points)


def test_decision_tree_figure_renders():
    fig = q.figure_arbre()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for word in ("FROID", "TIÈDE", "CHAUD"):
        assert word in texts
    assert q.arbre_decision().data[:4] == b"\x89PNG"


# ---------------------------------------------------------------- quiz and notebook

def test_quiz_logic_right_and_wrong_answers():
    logic = Quiz(q.QUESTIONS)
    assert len(logic.questions) >= 4
    for i, question in enumerate(logic.questions):
        wrong = next(c for c in range(len(question.choix)) if c not in question.bonnes)
        assert not logic.repondre(i, wrong).correct
        assert logic.repondre(i, set(question.bonnes)).correct
    assert logic.score == (len(q.QUESTIONS), len(q.QUESTIONS))


def test_quiz_keys_follow_the_course_rule():
    by_start = {question.enonce[:30]: question for question in q.QUESTIONS}
    first = next(v for k, v in by_start.items() if k.startswith("Quel critère"))
    assert "intérêt" in first.choix[min(first.bonnes)]
    march = next(v for v in q.QUESTIONS if "mars 2027" in v.enonce)
    deadline = (dt.date(2027, 3, 15) - SALON).days
    assert march.choix[min(march.bonnes)] == q.classe_selon_criteres("oui", deadline)


def test_levels_and_frameworks_cover_the_three_classes():
    assert [n.classe for n in q.NIVEAUX] == ["froid", "tiède", "chaud"]
    assert {c for c, *_ in q.CADRES} == {"froid", "tiède", "chaud"}
    html = q.tableau_cadres().data
    for word in ("Hot", "Warm", "Cold"):
        assert word in html


def test_notebook_structure_objectives_summary_links_one_call_per_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Objectifs" in text and "L'essentiel" in text
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        assert (NOTEBOOK.parent / link).resolve().is_file(), link
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    assert codes
    for source in codes:
        lines = source.splitlines()
        assert len(lines) == 2 and lines[0].startswith("from prospection.cours.qualification import")
        name = lines[1].removesuffix("()")
        assert callable(getattr(q, name)), name
    assert not re.search(r" [:;?!](\s|$)", re.sub(r"`[^`]*`", "", text))


# ---------------------------------------------------------------- rendered in Voilà (headless Chromium)

@pytest.mark.browser
@pytest.mark.slow
def test_lesson_renders_in_voila_and_the_analyser_answers(tmp_path, artifacts):
    import shutil

    from browser import chromium_page, free_port, voila_command, voila_server

    work = tmp_path / "course"
    work.mkdir()
    shutil.copyfile(NOTEBOOK, work / NOTEBOOK.name)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = voila_command(NOTEBOOK.name, port, "--theme=light")
    with voila_server(cmd, url, cwd=work, log=tmp_path / "voila.log"):
        with chromium_page() as page:
            try:
                page.goto(url, timeout=120_000)
                area = page.locator("textarea").first
                area.wait_for(timeout=120_000)
                assert page.locator("mark.preuve").count() > 0        # worked examples highlighted
                area.fill("Très intéressé par nos maillots, commande pour le tournoi du 12 décembre.")
                page.get_by_role("button", name="Repérer les indices").click()
                page.get_by_text("À vous de décider").first.wait_for(timeout=30_000)
                area.scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / "lesson04_voila_analyse.png"))
                page.get_by_text("L'essentiel").first.wait_for(timeout=10_000)
                first_card = page.locator(".widget-radio-box").first
                first_card.locator("input").nth(1).check()             # the right answer (interest)
                page.get_by_role("button", name="Valider").first.click()
                page.get_by_text("Bonne réponse").first.wait_for(timeout=30_000)
            finally:
                page.screenshot(path=str(artifacts / "lesson04_voila.png"), full_page=True)


def test_french_typography_in_lesson_texts():
    texts = [n.definition for n in q.NIVEAUX] + [n.action for n in q.NIVEAUX]
    for question in q.QUESTIONS:
        texts += [question.enonce, question.explication, *question.choix, *question.retours.values()]
    indices_html = q.reperer_indices("Intéressé, commande pour le 12 décembre.", SALON).html()
    texts.append(re.sub(r"<[^>]+>", "", indices_html))
    texts += [re.sub(r"<[^>]+>", "", q.exemples_entrainement().data)]
    assert len(texts) > 10
    for text in texts:
        assert not re.search(r" [:;?!](\s|$)", text), text
        assert "« " not in text and " »" not in text, text
