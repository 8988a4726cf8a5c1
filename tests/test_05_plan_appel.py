"""Lesson 05: the CROC sorting, the call-plan checker, SONCAS from the transcript, the quiz."""

from __future__ import annotations

import html

from prospection.cours import plan_appel as p
from prospection.cours.classement import Classement, Element
from prospection.cours.quiz import Quiz

import pytest


def right_answers(classement):
    return {i: e.attendu for i, e in enumerate(classement.elements)}


def test_croc_sorting_right_wrong_and_missing():
    c = p.REPLIQUES_CROC
    assert set(c.categories) == {"contact", "raison", "objectif", "conclusion"}
    assert {e.attendu for e in c.elements} == set(c.categories), "every step has at least one line"
    assert c.score(right_answers(c)) == (len(c.elements), len(c.elements))
    assert "Bravo" in c.bilan(right_answers(c))
    wrong = {**right_answers(c), 0: "conclusion"}
    verdicts = c.verifier(wrong)
    assert verdicts[0].correct is False and "Contact" in verdicts[0].message
    missing = {1: c.elements[1].attendu}
    assert c.verifier(missing)[0].correct is None and "reste" in c.bilan(missing)
    assert c.verifier({0: "inconnue"})[0].correct is False


def test_sorting_refuses_a_bad_definition():
    with pytest.raises(ValueError):
        Classement({"a": "A"}, ())
    with pytest.raises(ValueError, match="Catégorie inconnue"):
        Classement({"a": "A"}, (Element("x", "b", "y"),))


def test_sorting_widget_checks_and_resets():
    box = p.tri_croc()
    for menu, element in zip(box.menus, box.logique.elements):
        menu.value = element.attendu
    box.verifier.click()
    assert "Bravo" in html.unescape(box.bilan.value) and all("✔" in r.value for r in box.retours)
    box.recommencer.click()
    assert all(m.value is None for m in box.menus) and box.bilan.value == ""


def test_call_plan_checker_finds_what_each_step_lacks():
    partial = p.evaluer_plan(**p.EXEMPLE_PLAN)
    assert all(c.ok for c in partial if c.etape in ("contact", "raison"))
    assert not any(c.ok for c in partial if c.etape in ("objectif", "conclusion"))
    assert all(c.conseil for c in partial if not c.ok)
    full = p.evaluer_plan(
        contact=p.EXEMPLE_PLAN["contact"], raison=p.EXEMPLE_PLAN["raison"],
        objectif="Combien d'entraîneurs faut-il équiper ? Je vous propose un rendez-vous au club.",
        conclusion="Je récapitule : jeudi à 18 h 30 au gymnase. Merci, bonne soirée !")
    assert all(c.ok for c in full), [c.intitule for c in full if not c.ok]
    assert not any(c.ok for c in p.evaluer_plan())


def test_call_plan_widget_reports_criteria():
    box = p.constructeur_plan()
    assert sum(c.ok for c in box.criteres) == 5
    box.zones["conclusion"].value = "Je récapitule : mardi 10 h. Merci, au revoir."
    box.bouton.click()
    assert sum(c.ok for c in box.criteres) == 8 and "8" in box.resultat.value


def test_soncas_lines_come_from_the_transcript_and_cover_the_six_motives():
    c = p.REPLIQUES_SONCAS
    assert {e.attendu for e in c.elements} == set(p.MOBILES)
    said = {p.fr(t) for who, t in p.TRANSCRIPTION if who != "Vendeur"}
    assert {e.texte for e in c.elements} <= said
    assert c.score(right_answers(c))[0] == 6


def test_quiz_keys():
    logic = Quiz(p.QUESTIONS)
    for i, q in enumerate(logic.questions):
        assert logic.repondre(i, set(q.bonnes)).correct
    barrage = next(q for q in p.QUESTIONS if "barrage" in q.enonce)
    assert barrage.choix[min(barrage.bonnes)] == "Contact"
