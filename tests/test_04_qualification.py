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


def test_highlight_uses_the_engine_evidence_spans():
    from prospection import engine

    notes = "Très intéressé par nos maillots. Veut commander pour le tournoi du 12 décembre."
    result = engine.qualify(notes, SALON)
    lecture = q.lire_notes(notes, SALON)
    assert result.evidence, "le moteur doit donner des preuves sur ces notes"
    marked = re.findall(r'<mark class="preuve preuve-(\w+)"[^>]*>(.*?)</mark>', lecture.html_notes)
    expected = [(e.role, notes[e.start:e.end]) for e in sorted(result.evidence, key=lambda e: e.start)]
    assert marked and set(marked) <= set(expected)
    assert lecture.classe == result.classe and lecture.action == result.action


# ---------------------------------------------------------------- engine reading of pasted notes

@pytest.mark.parametrize("notes, classe", [
    ("Très intéressé par nos maillots, commande pour le tournoi du 12 décembre. Demande un devis.", "chaud"),
    ("Intéressée par des tee-shirts pour le festival de juin 2027. À rappeler en mars.", "tiède"),
    ("Pas intéressé : aucun projet, déjà équipé chez un concurrent.", "froid"),
])
def test_pasted_notes_give_class_action_and_confidence(notes, classe):
    lecture = q.lire_notes(notes, SALON)
    assert lecture.classe == classe
    assert lecture.action.strip()
    assert 0.0 <= lecture.confiance <= 1.0
    html = lecture.html()
    assert classe.upper() in html and "Action" in html and "Confiance" in html


def test_analyser_widget_reads_the_textarea_and_the_date():
    widget = q.AnalyseurNotes(notes="Pas intéressé, aucun besoin.", date_salon=SALON)
    assert "FROID" in widget.resultat.value
    widget.notes.value = "Très intéressé, veut commander des maillots d'ici fin novembre 2026."
    widget.bouton.click()
    assert "CHAUD" in widget.resultat.value
    widget.date.value = dt.date(2026, 1, 10)   # ten months earlier: no longer short term
    assert "TIÈDE" in widget.resultat.value       # re-read at once when the date changes
    assert widget.analyser().classe == "tiède"
    widget.notes.value = "   "
    assert widget.analyser() is None and "Collez" in widget.resultat.value


# ---------------------------------------------------------------- salon examples and timeline

def test_worked_examples_one_per_class_then_a_subtle_case():
    lectures = q.lectures_salon()
    assert len(lectures) >= 20
    exemples = q.choisir_exemples(lectures)
    assert [lec.classe for _, _, lec in exemples[:3]] == ["froid", "tiède", "chaud"]
    assert len(exemples) == 4 and "délicat" in exemples[3][0]
    ids = [row["id"] for _, row, _ in exemples]
    assert len(set(ids)) == 4
    subtle = exemples[3][2]
    assert subtle.confiance == min(l.confiance for r, l in lectures if r["id"] not in ids[:3])
    assert "<table>" in q.exemples_salon().data


def test_timeline_places_deadlines_against_the_three_month_line():
    lectures = q.lectures_salon()
    points = q.echeances(lectures)
    assert points, "au moins un contact daté dans le fichier du salon"
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

@pytest.mark.slow
def test_lesson_renders_in_voila_and_the_analyser_answers(tmp_path, artifacts):
    import shutil
    import sys

    from browser import chromium_page, free_port, server

    work = tmp_path / "course"
    work.mkdir()
    shutil.copyfile(NOTEBOOK, work / NOTEBOOK.name)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "voila", NOTEBOOK.name, f"--port={port}", "--no-browser",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--theme=light"]
    with server(cmd, ready_url=f"{url}voila/static/absent", ok_statuses=(200, 403, 404),
                cwd=work, log=tmp_path / "voila.log"):
        with chromium_page() as page:
            try:
                page.goto(url, timeout=120_000)
                area = page.locator("textarea").first
                area.wait_for(timeout=120_000)
                assert page.locator("mark.preuve").count() > 0        # worked examples highlighted
                area.fill("Très intéressé par nos maillots, commande pour le tournoi du 12 décembre.")
                page.get_by_role("button", name="Analyser").click()
                page.get_by_text("CHAUD", exact=True).wait_for(timeout=30_000)
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
    lecture_html = q.Lecture("n", SALON, "chaud", "Rappeler.", "J.", 0.5, True, "oui", "court",
                             None, "n").html()
    texts.append(re.sub(r"<[^>]+>", "", lecture_html))
    assert len(texts) > 10
    for text in texts:
        assert not re.search(r" [:;?!](\s|$)", text), text
        assert "« " not in text and " »" not in text, text
