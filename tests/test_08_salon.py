"""Lesson 08: before/during/after sorting, who may be called after a salon, salon ratios."""

from __future__ import annotations

import itertools

import pytest

from prospection.cours import salon as s
from prospection.cours.quiz import Quiz


def test_tasks_cover_the_three_moments():
    assert {e.attendu for e in s.TACHES.elements} == set(s.MOMENTS)
    answers = {i: e.attendu for i, e in enumerate(s.TACHES.elements)}
    assert s.TACHES.score(answers) == (len(s.TACHES.elements),) * 2


@pytest.mark.parametrize("statut, demande, consentement, opposition",
                         list(itertools.product(s.STATUTS, (False, True), (False, True), (False, True))))
def test_after_salon_reading(statut, demande, consentement, opposition):
    avis = s.appel_apres_salon(statut, demande, consentement, opposition)
    assert "28 novembre 2026" in avis.explication.replace("\u00a0", " "), "the reading is dated"
    if opposition:
        expected = False
    elif demande or statut == "professionnel" or consentement:
        expected = True
    else:
        expected = False
    assert avis.appel_possible is expected
    if demande and not opposition:
        assert "sollicité" in avis.titre


def test_after_salon_unknown_status_and_widget():
    with pytest.raises(ValueError, match="Statut inconnu"):
        s.appel_apres_salon("robot", False, False, False)
    box = s.outil_apres_salon()
    assert not box.avis.appel_possible
    box.demande.value = True
    assert box.avis.appel_possible and "sollicité" in box.resultat.value
    box.opposition.value = True
    assert not box.avis.appel_possible


def test_salon_ratios():
    b = s.EXEMPLE_BILAN
    assert b.contacts_par_jour == 48 and b.cout_par_contact_qualifie == 50 and b.cout_par_rendez_vous == 4800 / 18
    assert s.BilanSalon(100, 1, 0, 0).cout_par_contact_qualifie is None
    with pytest.raises(ValueError, match="au moins un jour"):
        s.BilanSalon(100, 0, 1, 1)
    with pytest.raises(ValueError, match="négatifs"):
        s.BilanSalon(-1, 1, 1, 1)


def test_quiz_keys():
    logic = Quiz(s.QUESTIONS)
    for i, q in enumerate(logic.questions):
        assert logic.repondre(i, set(q.bonnes)).correct
