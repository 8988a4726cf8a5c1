"""The shared quiz logic and the learner self-check framework."""

from __future__ import annotations

import pytest

from prospection.autocontrole import HIDDEN_NOTE, Bilan, Exercice
from prospection.cours.quiz import Question, Quiz, quiz, vrai_faux


def make_quiz():
    return Quiz([
        Question("Capitale ?", ["Lyon", "Paris"], 1, "Paris est la capitale.", {0: "Lyon est une préfecture."}),
        Question("Pairs ?", ["1", "2", "4"], [1, 2], "2 et 4 sont pairs."),
        vrai_faux("Le téléphone est mort.", False, "Il reste efficace."),
    ])


def test_right_answer_is_accepted_with_explanation():
    retour = make_quiz().repondre(0, 1)
    assert retour.correct and "Paris est la capitale" in retour.message


def test_wrong_answer_gets_its_own_feedback():
    retour = make_quiz().repondre(0, 0)
    assert not retour.correct and "préfecture" in retour.message


def test_multiple_answers_must_all_be_chosen():
    q = make_quiz()
    assert not q.repondre(1, {1}).correct
    assert "Incomplet" in q.repondre(1, {1}).message
    assert q.repondre(1, {1, 2}).correct
    assert not q.repondre(1, {0, 1, 2}).correct


def test_no_answer_asks_to_choose():
    retour = make_quiz().repondre(0, None)
    assert not retour.correct and "Choisissez" in retour.message


def test_true_false_and_score():
    q = make_quiz()
    assert q.repondre(2, 1).correct
    assert q.repondre(0, 0).correct is False
    assert q.score == (1, 3)
    assert "sur 2 question(s) traitée(s)" in q.bilan()


def test_badly_defined_question_is_refused():
    with pytest.raises(ValueError):
        Question("?", ["a"], 3)


def test_quiz_widget_gives_feedback_on_click():
    box = quiz([vrai_faux("Vrai ?", True, "Oui.")], titre="Essai")
    card = box.children[1]
    selector, button, feedback = card.children[1], card.children[2], card.children[3]
    selector.value = 1
    button.click()
    assert "✘" in feedback.value
    selector.value = 0
    button.click()
    assert "✔" in feedback.value and "Oui." in feedback.value
    assert box.logic.score == (1, 1)


EX = Exercice("demo", "Démo")


@EX.question("q1", "Question 1")
def _q1(total):
    assert isinstance(total, int), "« total » doit être un nombre entier."
    assert total == 4, "Recomptez : le total n'est pas le bon."


@EX.question("q2", "Question 2")
def _q2(liste):
    assert sorted(liste) == [1, 2], "La liste doit contenir 1 et 2."


def statuses(namespace):
    return [r.statut for r in EX.evaluer_tout(namespace)]


def test_self_check_reports_each_question():
    assert statuses({"total": 4, "liste": [2, 1]}) == ["ok", "ok"]
    assert statuses({"total": 5}) == ["echec", "a_faire"]


def test_self_check_turns_wrong_format_into_french_message():
    result = EX.evaluer("q2", {"liste": 3})
    assert result.statut == "echec" and "Format inattendu" in result.message
    assert "Traceback" not in result.message


def test_report_never_claims_everything_passed():
    bilan = Bilan(EX, EX.evaluer_tout({"total": 4, "liste": [1, 2]}))
    text = str(bilan)
    assert "2 question(s) sur 2" in text and HIDDEN_NOTE in text
    assert "tous les tests" not in text.lower()
    assert HIDDEN_NOTE in bilan._repr_html_()
