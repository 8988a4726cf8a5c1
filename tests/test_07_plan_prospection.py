"""Lesson 07: campaign indicators, their French errors, the calculator, the plan sorting."""

from __future__ import annotations

import pytest

from prospection.cours import plan_prospection as p
from prospection.cours.quiz import Quiz


def test_indicators_of_the_practice_campaign():
    c = p.EXEMPLE
    assert c.taux_joignabilite == 260 / 400 and c.taux_rendez_vous == 39 / 260
    assert c.taux_transformation == 12 / 39
    assert c.cout_par_contact == 15 and c.cout_par_rendez_vous == 100 and c.cout_par_commande == 325
    values = {name: value for name, _, value in c.indicateurs()}
    assert values["Taux de joignabilité"] == "65,0\u00a0%" and values["Coût par rendez-vous"] == "100,00\u00a0€"
    assert p.euros(4800) == "4\u202f800,00\u00a0€" and p.pourcent(None) == "—"


def test_zero_bases_give_no_ratio_instead_of_an_error():
    c = p.Campagne(0, 0, 0, 0, 100)
    assert c.taux_joignabilite is None and c.cout_par_contact is None
    assert all(v == "—" for _, _, v in c.indicateurs())


@pytest.mark.parametrize("figures, message", [
    ((10, 20, 0, 0, 0), "plus de contacts que de numéros"),
    ((10, 5, 6, 0, 0), "plus de rendez-vous"),
    ((10, 5, 2, 3, 0), "pas plus de commandes"),
    ((10, 5, 2, 1, -1), "positif"),
    ((10.5, 5, 2, 1, True), "positif"),
])
def test_impossible_figures_are_french_errors(figures, message):
    with pytest.raises(ValueError, match=message):
        p.Campagne(*figures)


def test_calculator_follows_its_fields_and_explains_errors():
    box = p.calculateur()
    assert box.campagne == p.EXEMPLE
    box.champs["cout_total"].value = 7800
    assert box.campagne.cout_par_contact == 30 and "30,00" in box.resultat.value
    box.champs["rendez_vous"].value = 1000
    assert box.campagne is None and "plus de rendez-vous" in box.resultat.value


def test_plan_sorting_covers_the_six_components_and_quiz_keys():
    c = p.ELEMENTS_PLAN
    assert {e.attendu for e in c.elements} == set(p.COMPOSANTES) == set(p.DEFINITIONS)
    assert c.score({i: e.attendu for i, e in enumerate(c.elements)}) == (len(c.elements),) * 2
    logic = Quiz(p.QUESTIONS)
    for i, q in enumerate(logic.questions):
        assert logic.repondre(i, set(q.bonnes)).correct
    # the computed answers of the quiz agree with Campagne
    q = p.Campagne(500, 300, 45, 0, 4500)
    assert q.taux_joignabilite == 0.6 and q.taux_rendez_vous == 0.15 and q.cout_par_rendez_vous == 100
