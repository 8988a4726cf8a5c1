"""Lesson 06: the prospect record checks and the form widget."""

from __future__ import annotations

import datetime as dt

from prospection.cours import fiche_prospect as f
from prospection.cours.quiz import Quiz

SALON = f.DATE_SALON


def good(cle: str) -> f.Fiche:
    return {
        "judo": f.Fiche("Judo Club de Joué-lès-Tours", "association", "Léa Perrin", "secrétaire",
                        "02 47 55 10 20", "lea.perrin@judo-joue.fr", "40 kimonos pour l'école de judo",
                        dt.date(2026, 11, 15), "chaud", "demande", "devis", SALON + dt.timedelta(days=3)),
        "mairie": f.Fiche("Mairie de Saint-Avertin", "collectivité", "Karim Benali", "responsable des sports",
                          "02 47 48 00 11", "k.benali@saint-avertin.fr", "rééquiper le gymnase municipal",
                          dt.date(2027, 9, 1), "tiède", "accord", "relancer", dt.date(2027, 1, 10)),
        "rando": f.Fiche("Amicale des randonneurs de Chinon", "association", "Odile Marchand", "présidente",
                         "02 47 93 12 34", "", "aucun : fournisseur satisfaisant", None, "froid",
                         "opposition", "aucune", None),
    }[cle]


def failed(fiche, cle):
    return [c.intitule for c in f.verifier_fiche(fiche, f.NOTES_PAR_CLE[cle]) if not c.ok]


def test_a_well_filled_record_passes_every_check_for_each_practice_note():
    assert len(f.NOTES) == 3 and {n.maturite for n in f.NOTES} == {"froid", "tiède", "chaud"}
    for note in f.NOTES:
        assert failed(good(note.cle), note.cle) == [], note.cle


def test_each_rule_catches_its_mistake():
    judo = good("judo")
    judo.telephone = "02 47 55"
    judo.email = "lea.perrin@"
    judo.date_action = SALON - dt.timedelta(days=1)
    problems = failed(judo, "judo")
    assert any("Téléphone" in p for p in problems) and any("E-mail" in p for p in problems)
    assert any("après le salon" in p for p in problems)
    late = good("judo")
    late.date_action = SALON + dt.timedelta(days=20)
    assert any("rappelé vite" in p for p in failed(late, "judo"))
    wrong = good("mairie")
    wrong.maturite = "chaud"
    assert any("conforme aux notes" in p for p in failed(wrong, "mairie"))
    after = good("mairie")
    after.date_action = dt.date(2027, 10, 1)
    assert any("avant l'échéance" in p for p in failed(after, "mairie"))
    called = good("rando")
    called.action, called.date_action = "appeler", SALON + dt.timedelta(days=2)
    assert any("Opposition" in p for p in failed(called, "rando"))


def test_empty_record_gets_advice_not_an_error():
    controles = f.verifier_fiche(f.Fiche())
    assert controles and not any(c.ok for c in controles if "E-mail" not in c.intitule)
    assert all(c.conseil for c in controles if not c.ok)


def test_widget_shows_notes_checks_and_card():
    box = f.fiche_prospect()
    assert box.choix.value == "judo"
    for name, value in vars(good("judo")).items():
        if name in box.champs:
            box.champs[name].value = value
    box.bouton.click()
    assert box.controles and all(c.ok for c in box.controles), [c.intitule for c in box.controles if not c.ok]
    assert "fiche-prospect" in box.apercu.value and "Judo Club" in box.apercu.value
    box.choix.value = "rando"
    assert box.resultat.value == "" and box.apercu.value == ""


def test_quiz_keys():
    logic = Quiz(f.QUESTIONS)
    for i, q in enumerate(logic.questions):
        assert logic.repondre(i, set(q.bonnes)).correct
