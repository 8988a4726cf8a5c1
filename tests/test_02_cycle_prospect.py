"""Lesson 02 (cycle du prospect): funnel logic, quiz answers, widgets, public checks, exercise."""

from __future__ import annotations

import html
import io
import math
import re
import tokenize
from contextlib import redirect_stdout
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospection.cours import cycle
from prospection.cours.cycle import ETAPES, QUESTIONS_CYCLE, Entonnoir
from prospection.cours.quiz import Quiz

import nbsource

ROOT = Path(__file__).resolve().parent.parent
ID = "02_cycle_prospect"
SOLUTION = ROOT / "solutions" / ID / f"{ID}.ipynb"
COURSE = ROOT / "course" / f"{ID}.ipynb"
PNG = b"\x89PNG"


# --------------------------------------------------------------------------- funnel logic

def test_default_funnel_counts_come_from_the_lifecycle_model():
    from prospection.lifecycle import simulate_funnel

    e = Entonnoir(200)
    # 120 qualified: 60 froid, 36 tiède, 24 chaud; 11 tièdes warm up (35 chauds); 9 chauds sign.
    assert e.repartition() == {"suspect": 80, "froid": 60, "tiède": 25, "chaud": 26, "client": 9, "perdu": 0}
    assert e.atteints() == {"suspect": 200, "froid": 120, "tiède": 60, "chaud": 35, "client": 9}
    modele = simulate_funnel(200, taux_qualification=0.6, repartition={"froid": 0.5, "tiède": 0.3, "chaud": 0.2},
                             taux_rechauffement=0.3, taux_conversion=0.25)
    assert e.funnel == modele
    assert e.taux_global() == pytest.approx(0.045)
    assert e.taux_passage() == pytest.approx({"froid": 0.6, "tiède": 0.5, "chaud": 35 / 60, "client": 9 / 35})


def test_suspects_needed_for_a_target():
    e = Entonnoir(200)
    assert e.part_clients() == pytest.approx(0.6 * (0.2 + 0.3 * 0.3) * 0.25)
    besoin = e.suspects_pour(10)
    assert besoin == math.ceil(10 / e.part_clients())
    assert Entonnoir(besoin).atteints()["client"] >= 10
    assert Entonnoir(besoin - 30).atteints()["client"] < 10
    with pytest.raises(ValueError, match="aucun suspect"):
        Entonnoir(100, taux_conversion=0).suspects_pour(1)


def test_small_campaign_never_goes_negative():
    # lifecycle.simulate_funnel gives tiède = -1 here (froid and chaud both rounded up)
    e = Entonnoir(3, taux_qualification=1, part_tiede=0, part_chaud=0.5, taux_rechauffement=0, taux_conversion=0)
    assert min(e.repartition().values()) >= 0 and sum(e.repartition().values()) == 3
    assert e.repartition()["tiède"] == 0


def test_zero_suspects_gives_zero_everywhere():
    e = Entonnoir(0)
    assert set(e.atteints().values()) == {0}
    assert e.taux_global() == 0.0 and set(e.taux_passage().values()) == {0.0}


@pytest.mark.parametrize("suspects, parametres, message", [
    (-1, {}, "entier positif"),
    (2.5, {}, "entier positif"),
    (True, {}, "entier positif"),
    (100, {"taux_conversion": 1.5}, "entre 0 et 1"),
    (100, {"taux_conversion": "beaucoup"}, "nombre entre 0 et 1"),
    (100, {"part_tiede": 0.7, "part_chaud": 0.5}, "dépassent 100"),
    (100, {"tres_chaud": 0.5}, "Paramètre inconnu"),
])
def test_bad_funnel_inputs_get_a_french_message(suspects, parametres, message):
    with pytest.raises(ValueError, match=message):
        Entonnoir(suspects, **parametres)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 5000), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_funnel_invariants(suspects, qualification, tiede, chaud, rechauffement, conversion):
    chaud = min(chaud, 1 - tiede)
    e = Entonnoir(suspects, taux_qualification=qualification, part_tiede=tiede, part_chaud=chaud,
                  taux_rechauffement=rechauffement, taux_conversion=conversion)
    atteints = list(e.atteints().values())
    assert atteints == sorted(atteints, reverse=True), "un entonnoir ne s'élargit jamais"
    repartition = e.repartition()
    assert sum(repartition.values()) == suspects, "chaque suspect est compté une fois à la fin"
    assert min(repartition.values()) >= 0
    assert all(0 <= t <= 1 for t in e.taux_passage().values())
    assert 0 <= e.taux_global() <= 1


# --------------------------------------------------------------------------- quiz logic

@pytest.mark.parametrize("index", range(len(QUESTIONS_CYCLE)))
def test_quiz_accepts_the_right_answer_and_refuses_a_wrong_one(index):
    question = QUESTIONS_CYCLE[index]
    logic = Quiz(QUESTIONS_CYCLE)
    bonne = set(question.bonnes) if question.multiple else next(iter(question.bonnes))
    retour = logic.repondre(index, bonne)
    assert retour.correct and retour.message.startswith("Bonne réponse")
    fausse = next(i for i in range(len(question.choix)) if i not in question.bonnes)
    retour = logic.repondre(index, fausse if not question.multiple else {fausse})
    assert not retour.correct and retour.message.startswith("Pas tout à fait")
    assert question.explication.strip()


def drive_quiz(box, right: bool):
    """Answer every card of a quiz widget (right or wrong) and click « Valider »."""
    logic = box.logic
    cards = box.children[1:-1]
    assert len(cards) == len(logic.questions) > 0
    for question, card in zip(logic.questions, cards):
        _, selector, button, feedback = card.children
        choix = set(question.bonnes) if right else {next(i for i in range(len(question.choix)) if i not in question.bonnes)}
        if question.multiple:
            for i, box_ in enumerate(selector.children):
                box_.value = i in choix
        else:
            selector.value = next(iter(choix))
        button.click()
        assert ("✔" if right else "✘") in feedback.value
    return logic


def test_quiz_widget_gives_instant_feedback():
    assert drive_quiz(cycle.quiz_cycle(), right=True).score == (len(QUESTIONS_CYCLE), len(QUESTIONS_CYCLE))
    assert drive_quiz(cycle.quiz_cycle(), right=False).score == (0, len(QUESTIONS_CYCLE))


# --------------------------------------------------------------------------- widgets and plots

def test_funnel_widget_follows_the_sliders():
    box = cycle.entonnoir_interactif()
    assert bytes(box.image.value).startswith(PNG)
    avant = bytes(box.image.value)
    box.curseurs["suspects"].value = 400
    box.curseurs["taux_conversion"].value = 0.5
    assert box.lectures["taux_conversion"].value == "50\u00a0%"
    assert box.entonnoir.suspects == 400 and box.entonnoir.parametres["taux_conversion"] == 0.5
    attendu = Entonnoir(400, taux_conversion=0.5).repartition()
    assert box.entonnoir.repartition() == attendu
    assert f">{attendu['client']}<" in box.tableau.value
    assert bytes(box.image.value) != avant
    box.curseurs["taux_conversion"].value = 0
    assert "aucun suspect ne devient client" in box.tableau.value and "infinité" not in box.tableau.value
    # tièdes + chauds above 100 %: a French message, the last valid funnel stays shown
    box.curseurs["part_tiede"].value = 0.9
    assert "dépassent 100" in box.message.value
    assert box.entonnoir.parametres["part_tiede"] == 0.3
    box.curseurs["part_tiede"].value = 0.5
    assert box.message.value == "" and box.entonnoir.parametres["part_tiede"] == 0.5


def test_contact_journey_widget_applies_lifecycle_events():
    box = cycle.parcours_contact()
    assert "suspect" in box.historique.value
    assert box.classe.layout.display is None and box.horizon.layout.display == "none"
    box.classe.value = "froid"
    box.appliquer.click()
    box.evenement.value = "projet_date"
    assert box.horizon.layout.display is None and box.classe.layout.display == "none"
    box.horizon.value = "court"
    box.appliquer.click()
    box.evenement.value = "devis_accepte"
    box.appliquer.click()
    assert box.etat["contact"].stage.value == "client"
    assert [s.value for _, s in box.etat["contact"].history] == ["froid", "chaud", "client"]
    assert "Client" in box.historique.value and "font-weight:bold" in box.echelle.value
    box.evenement.value = "refus"
    box.appliquer.click()
    assert "n'a pas de sens" in html.unescape(box.message.value)
    assert box.etat["contact"].stage.value == "client"
    box.recommencer.click()
    assert box.etat["contact"].stage.value == "suspect" and box.message.value == ""


def test_priority_debate_shows_both_readings_and_the_reference():
    box = cycle.debat_priorite()
    assert box.retour.value == ""
    for choix in ("tiède", "chaud"):
        box.choix.value = choix
        texte = html.unescape(box.retour.value)
        assert "Le prospect chaud d'abord" in texte and "Le prospect tiède d'abord" in texte
        assert "mission" in texte


def test_plots_and_tables_render():
    assert cycle.graphique_echelle().png().startswith(PNG)
    assert cycle.graphique_entonnoir(Entonnoir(50)).png().startswith(PNG)
    assert cycle.graphique_entonnoir(Entonnoir(0)).png().startswith(PNG)
    objectifs = cycle.tableau_objectifs().data
    assert objectifs.count("<tr>") == 7 and all(o in objectifs for o in map(str, cycle.OBJECTIFS.values()))
    echelle = cycle.tableau_echelle().data
    assert all(cycle.LIBELLES[e] in echelle for e in (*ETAPES, "perdu"))


# --------------------------------------------------------------------------- the exercise's data

def test_exercise_csv_matches_the_common_variant():
    from grader.exercices import ex_02_cycle_prospect as ex

    public, key = ex.generate(None)
    q2 = next(q for q in public["questions"] if q["id"] == "q2_taux")
    for folder in ("solutions", "exercises"):
        frame = pd.read_csv(ROOT / folder / ID / "entonnoir_campagne.csv")
        assert list(frame.columns) == ["etape", "effectif"]
        assert list(frame["effectif"]) == [400, 220, 88, 30, 12]
        assert list(frame["effectif"]) == [row[1] for row in q2["tableau"]["lignes"]]
        assert not set(frame["etape"]) & {"froid", "tiède", "chaud"}, "temperatures are not funnel steps"
    assert key["q2_faible"] == {"etape": "rendez_vous"}


# --------------------------------------------------------------------------- French typography

def french_text_problems(text: str) -> list[str]:
    text = re.sub(r"```[\s\S]*?```|`[^`]*`|\]\([^)]*\)|https?://\S+", "", text)
    problems = re.findall(r".{0,20}(?: [:;?!](?!=)|« | »).{0,5}", text)
    problems += re.findall(r".{0,20}\w[;?!](?=\s|$)", text)
    return problems


def test_lesson_and_exercise_text_use_french_typography():
    notebooks = [COURSE, SOLUTION]
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert not french_text_problems(cell.source), (path.name, french_text_problems(cell.source))


def test_module_strings_use_french_typography():
    for path in (ROOT / "prospection/cours/cycle.py", ROOT / "grader/exercices/ex_02_cycle_prospect.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for tok in tokens:
            if tok.type == tokenize.STRING and not tok.string.lower().startswith(("r", "rf", "fr")):
                assert not re.search(r" [:;?!](?!=)|« | »", tok.string), (path.name, tok.start, tok.string[:80])


def test_lesson_has_objectives_summary_links_and_one_call_cells():
    nb = nbformat.read(COURSE, as_version=4)
    texte = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "vous saurez" in nb.cells[0].source
    assert nb.cells[-1].source.startswith("## L'essentiel")
    assert f"../exercises/{ID}/{ID}.ipynb" in texte and "00_accueil.ipynb" in texte
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code
    for source in code:
        lignes = source.splitlines()
        assert len(lignes) == 2 and lignes[0].startswith("from prospection.cours.cycle import "), source
    assert any("quiz" in s for s in code) and any("graphique" in s or "entonnoir" in s for s in code)


# The histories of question 1, told as lifecycle events: the exercise's key must agree with the model.
HISTORIQUES_EN_EVENEMENTS = {
    "C1": [],
    "C2": [("qualification", {"classe": "froid"})],
    "C3": [("interet_exprime", {}), ("projet_date", {"horizon": "moyen_long"})],
    "C4": [("interet_exprime", {}), ("projet_date", {"horizon": "court"})],
    "C5": [("interet_exprime", {}), ("projet_date", {"horizon": "moyen_long"}), ("devis_accepte", {})],
    "C6": [("interet_exprime", {}), ("projet_date", {"horizon": "court"}), ("opposition", {})],
    "C7": [("qualification", {"classe": "froid"}), ("projet_date", {"horizon": "court"})],
}


def test_exercise_key_agrees_with_the_lifecycle_model():
    from grader.exercices import ex_02_cycle_prospect as ex
    from prospection.lifecycle import Prospect

    public, key = ex.generate(None)
    q1 = public["questions"][0]
    etapes = {**key["q1_echelle"], q1["exemple"]["item"]: q1["exemple"]["valeur"]}
    assert set(HISTORIQUES_EN_EVENEMENTS) == {it["id"] for it in q1["items"]} == set(etapes)
    for ident, evenements in HISTORIQUES_EN_EVENEMENTS.items():
        contact = Prospect(ident)
        for evenement, details in evenements:
            contact.apply(evenement, **details)
        assert contact.stage.value == etapes[ident], ident


# --------------------------------------------------------------------------- one reading of « perdu »

def test_competitor_purchase_is_froid_and_only_an_opposition_is_perdu_everywhere():
    """Lesson text, ladder definitions, quiz and lifecycle model say the same thing."""
    from prospection.lifecycle import EVENTS, next_stage

    assert next_stage("chaud", "achat_concurrent").value == "froid"
    assert next_stage("tiède", "opposition").value == "perdu"
    assert "opposition" in EVENTS["opposition"]
    assert "concurrent" in cycle.DEFINITIONS["froid"] and "concurrent" not in cycle.DEFINITIONS["perdu"]
    assert "ne plus être contacté" in cycle.DEFINITIONS["perdu"]
    nb = nbformat.read(COURSE, as_version=4)
    texte = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").replace("\u00a0", " ")
    assert "acheter chez un concurrent" in texte and "redevient **froid**" in texte
    assert "demande à ne plus être contacté" in texte
    perdu = next(q for q in cycle.QUESTIONS_CYCLE if "perdu" in q.enonce and "Quand" in q.enonce)
    assert "ne plus être contacté" in perdu.choix[min(perdu.bonnes)]
    club = next(q for q in cycle.QUESTIONS_CYCLE if "contrat de trois ans" in q.enonce)
    assert "froid" in club.choix[min(club.bonnes)]


def test_the_two_definitions_of_the_cold_prospect_side_by_side():
    html_table = cycle.tableau_definitions_froid().data
    assert "phase d'attention" in html.unescape(html_table) and "Mission salon" in html_table
    assert len(cycle.DEFINITIONS_FROID) == 2


def test_priority_debate_keeps_the_source_argument_for_the_tiede():
    texte = cycle.LECTURES_PRIORITE["tiède"][1]
    assert "concurrent" in texte and "oublier" not in texte


def test_no_client_sentence_is_plain_french():
    box = cycle.entonnoir_interactif()
    box.curseurs["taux_conversion"].value = 0
    texte = html.unescape(box.tableau.value)
    assert "aucun suspect ne devient client" in texte and "infinité" not in texte


def test_quiz_says_several_answers_once():
    from prospection.cours.quiz import MULTIPLE, quiz

    multiple = [q for q in cycle.QUESTIONS_CYCLE if q.multiple]
    assert multiple and all(MULTIPLE.strip() not in q.enonce for q in multiple)
    box = quiz(cycle.QUESTIONS_CYCLE)
    shown = [c.children[0].value for c in box.children[1:-1]]
    assert sum(MULTIPLE.strip() in t for t in shown) == len(multiple)
