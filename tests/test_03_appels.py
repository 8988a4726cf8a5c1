"""Lesson 03 (appels à chaud): opener builder and its practice checklist, exercise 03's opener
rubric (teacher-side), objection log, quizzes, widgets, checks."""

from __future__ import annotations

import html
import io
import re
import tokenize
from contextlib import redirect_stdout
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospection.cours import appels
from prospection.cours.appels import (
    CONTACTS_PREALABLES, CROYANCES, EXEMPLES_DETAIL, OBJECTIONS, QUESTIONS_APPELS, JournalObjections,
    construire_accroche, reperes_accroche,
)
from prospection.cours.quiz import Quiz

from grader.exercices.bareme_accroche import evaluer_accroche

import nbsource

ROOT = Path(__file__).resolve().parent.parent
ID = "03_appels"
SOLUTION = ROOT / "solutions" / ID / f"{ID}.ipynb"
COURSE = ROOT / "course" / f"{ID}.ipynb"
PNG = b"\x89PNG"
FRENCH = re.compile(r"[àâçéèêëîïôûùœ«]|\b(le|la|les|une?|doit|pas|il|dans|est|de|du)\b", re.I)
NOMS = {"vendeur": "Camille Martin", "entreprise": "Sportéo", "contact_prealable": "Salon des associations de Lyon"}
CRITERES = ("presentation", "contact_prealable", "rendez_vous", "bon_moment")

BONNE = ("Bonjour Madame Durand, je suis Camille Martin, de la société Sportéo. Nous nous sommes "
         "rencontrés samedi au Salon des associations de Lyon, où vous m'aviez parlé de maillots. "
         "Est-ce que je vous appelle au bon moment\u00a0? Je vous propose un rendez-vous de vingt "
         "minutes\u00a0: plutôt mardi à 10 h ou jeudi à 15 h\u00a0?")


# --------------------------------------------------------------------------- exercise 03's rubric (teacher-side)

def test_a_good_opener_meets_every_criterion():
    for noms in ({}, NOMS):
        resultat = evaluer_accroche(BONNE, **noms)
        assert [c.cle for c in resultat.criteres] == list(CRITERES)
        assert resultat.reussie and resultat.score == resultat.total == 4, str(resultat)
        assert all(FRENCH.search(c.retour) for c in resultat.criteres)


@pytest.mark.parametrize("cle, avant, apres, indice", [
    ("presentation", "Bonjour Madame Durand, ", "Madame Durand, ", "salutation"),
    ("presentation", "je suis Camille Martin, de la société Sportéo", "de la société Sportéo", "identité"),
    ("presentation", ", de la société Sportéo", "", "entreprise"),
    ("contact_prealable", "Nous nous sommes rencontrés samedi au Salon des associations de Lyon, où vous m'aviez parlé de maillots. ",
     "", "contact précédent"),
    ("rendez_vous", "plutôt mardi à 10 h ou jeudi à 15 h", "mardi à 10 h", "deux"),
    ("rendez_vous", "Je vous propose un rendez-vous de vingt minutes\u00a0: plutôt mardi à 10 h ou jeudi à 15 h\u00a0?",
     "Nos maillots sont les meilleurs, commandez-les dès aujourd'hui.", "rendez-vous"),
    ("bon_moment", "Est-ce que je vous appelle au bon moment\u00a0? ", "", "bon moment"),
])
def test_each_missing_element_is_caught_with_french_feedback(cle, avant, apres, indice):
    assert avant in BONNE
    texte = BONNE.replace(avant, apres)
    for noms in ({}, NOMS):
        resultat = evaluer_accroche(texte, **noms)
        assert not resultat[cle].ok, (cle, texte)
        assert indice in resultat[cle].retour
        autres = [c for c in resultat.criteres if c.cle != cle]
        assert all(c.ok for c in autres), str(resultat)
        assert resultat.score == 3


def test_named_seller_and_company_must_be_the_right_ones():
    texte = BONNE.replace("Camille Martin", "Paul Girard").replace("Sportéo", "Décathlète")
    assert evaluer_accroche(texte)["presentation"].ok  # no names given: patterns are enough
    resultat = evaluer_accroche(texte, **NOMS)
    assert not resultat["presentation"].ok
    assert "Camille Martin" in resultat["presentation"].retour and "Sportéo" in resultat["presentation"].retour


@pytest.mark.parametrize("variante", [
    "Allô, bonjour Monsieur Petit\u00a0! Ici Camille Martin, de l'entreprise Sportéo. Suite à notre échange sur "
    "votre stand au forum des sports, avez-vous deux minutes\u00a0? Je vous propose une visio jeudi matin ou "
    "vendredi après-midi.",
    "bonjour monsieur, je m'appelle camille martin, je travaille chez sporteo. c'est madame roux qui m'a "
    "recommande de vous appeler. je ne vous derange pas ? on pourrait prendre rendez-vous le 3 avril ou le 5 avril ?",
    "Bonjour, je suis Camille de la société Sportéo. J'ai vu que vous avez participé à notre webinaire. "
    "Je tombe bien\u00a0? Je peux passer vous voir lundi à 18h ou mercredi à 18h30.",
])
def test_usual_phrasings_are_accepted(variante):
    resultat = evaluer_accroche(variante)
    assert resultat.reussie, str(resultat)


def test_where_is_not_read_as_or():
    texte = ("Bonjour, je suis Camille Martin, de la société Sportéo. Nous nous sommes rencontrés le 14 mars "
             "au salon, où vous parliez de jeudi. Est-ce un bon moment\u00a0? Je vous propose un rendez-vous.")
    assert not evaluer_accroche(texte)["rendez_vous"].ok


@pytest.mark.parametrize("valeur", [None, 42, ["Bonjour"], "", "   "])
def test_wrong_type_or_empty_gets_french_feedback_not_an_exception(valeur):
    resultat = evaluer_accroche(valeur)
    assert resultat.score == 0 and resultat.total == 4
    assert all("guillemets" in c.retour for c in resultat.criteres)


def test_rubric_renders_as_text():
    resultat = evaluer_accroche(BONNE)
    assert "Critères remplis\u00a0: 4 / 4." in str(resultat)


# --------------------------------------------------------------------------- the lesson's practice checklist

REPERES = ("salutation", "nom", "entreprise", "raison", "question")
PRATIQUE = ("Bonjour Monsieur Nguyen, je suis Hugo Lemaire, de la société Brodelia. Je vous appelle parce que "
            "votre club ouvre une section jeunes. Auriez-vous un moment\u00a0?")


def test_checklist_quotes_every_element_it_sees_as_written():
    reperes = reperes_accroche(PRATIQUE)
    assert [r.cle for r in reperes.reperes] == list(REPERES)
    assert {r.cle: r.vu for r in reperes.reperes} == {
        "salutation": "Bonjour", "nom": "je suis Hugo Lemaire", "entreprise": "de la société Brodelia",
        "raison": "Je vous appelle parce que", "question": "?"}
    assert "repéré («\u00a0je suis Hugo Lemaire\u00a0»)" in str(reperes)


@pytest.mark.parametrize("cle, avant, apres", [
    ("salutation", "Bonjour Monsieur Nguyen, ", ""),
    ("nom", "je suis Hugo Lemaire, ", ""),
    ("entreprise", ", de la société Brodelia", ""),
    ("raison", "Je vous appelle parce que votre club ouvre une section jeunes. ", ""),
    ("question", "Auriez-vous un moment\u00a0?", "Bonne journée."),
])
def test_checklist_says_what_it_does_not_see_with_a_tip(cle, avant, apres):
    assert avant in PRATIQUE
    reperes = reperes_accroche(PRATIQUE.replace(avant, apres))
    assert reperes[cle].vu is None and FRENCH.search(reperes[cle].conseil)
    assert all(r.vu for r in reperes.reperes if r.cle != cle)
    assert "pas repéré" in reperes._repr_html_()


def test_checklist_gives_no_mark():
    reperes = reperes_accroche(PRATIQUE)
    for name in ("score", "total", "points", "reussie", "note"):
        assert not hasattr(reperes, name), name
    for shown in (str(reperes), reperes._repr_html_()):
        shown = html.unescape(shown)
        assert "ne note pas" in shown
        assert not re.search(r"\d\s*/\s*\d|\bpoints?\b|\bnote\b", shown.replace("ne note pas", "")), shown


@pytest.mark.parametrize("valeur", [None, 42, ["Bonjour"], "", "   "])
def test_checklist_on_a_wrong_type_or_empty_gets_french_tips(valeur):
    reperes = reperes_accroche(valeur)
    assert not any(r.vu for r in reperes.reperes)
    assert all("guillemets" in r.conseil for r in reperes.reperes)


def test_verifier_accroche_reads_the_notebook_variable():
    assert "Pas encore fait" in repr(appels.verifier_accroche())
    namespace = {"accroche": PRATIQUE, "verifier_accroche": appels.verifier_accroche}
    exec("resultat = verifier_accroche()", namespace)
    assert all(r.vu for r in namespace["resultat"].reperes)
    assert [r.cle for r in appels.verifier_accroche("Bonjour").reperes if r.vu] == ["salutation"]
    with pytest.raises(TypeError):
        appels.verifier_accroche(PRATIQUE, vendeur="Camille Martin")  # no key names: no graded reading


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_checklist_never_raises_and_quotes_the_text(texte):
    reperes = reperes_accroche(texte)
    assert [r.cle for r in reperes.reperes] == list(REPERES)
    assert all(r.vu is None or r.vu in texte for r in reperes.reperes)


# --------------------------------------------------------------------------- opener builder

@pytest.mark.parametrize("contact", sorted(CONTACTS_PREALABLES))
def test_builder_output_passes_the_rubric_for_every_kind_of_contact(contact):
    texte = construire_accroche(vendeur="Camille Martin", entreprise="Sportéo", interlocuteur="Madame Durand",
                                contact=contact, detail=EXEMPLES_DETAIL[contact],
                                contexte=appels.CONTEXTES[1], pretexte=appels.PRETEXTES[2])
    assert texte.startswith("Bonjour Madame Durand, je suis Camille Martin, de la société Sportéo.")
    assert EXEMPLES_DETAIL[contact].strip(" ,") in texte
    assert appels.CONTEXTES[1] in texte and appels.PRETEXTES[2] in texte
    assert "mardi à 10 h ou jeudi à 15 h" in texte.replace("\u00a0", " ")
    assert evaluer_accroche(texte, vendeur="Camille Martin", entreprise="Sportéo").reussie
    assert " :" not in texte and " ?" not in texte


@pytest.mark.parametrize("changement, message", [
    ({"contact": "pigeon voyageur"}, "Contact précédent inconnu"),
    ({"vendeur": "  "}, "vendeur"),
    ({"entreprise": ""}, "entreprise"),
    ({"creneaux": ("lundi", "")}, "deux créneaux"),
])
def test_builder_refuses_incomplete_input_in_french(changement, message):
    champs = dict(vendeur="Camille", entreprise="Sportéo", interlocuteur="Madame Durand", contact="salon",
                  detail="au salon")
    champs.update(changement)
    with pytest.raises(ValueError, match=message):
        construire_accroche(**champs)


def test_builder_widget_updates_the_opener_and_its_checklist():
    box = appels.constructeur_accroche()
    apercu = html.unescape(box.apercu.value)
    assert "Hugo Lemaire" in apercu and box.grille.value.count("✔") == len(REPERES)
    assert "ne note pas" in html.unescape(box.grille.value)
    box.champs["interlocuteur"].value = "Monsieur Petit"
    box.champs["creneau2"].value = "vendredi à 9 h"
    apercu = html.unescape(box.apercu.value)
    assert "Bonjour Monsieur Petit" in apercu and "vendredi à 9 h" in apercu
    # a new kind of contact suggests a matching detail (the learner typed none)
    box.champs["contact"].value = "linkedin"
    assert box.champs["detail"].value == EXEMPLES_DETAIL["linkedin"]
    assert "LinkedIn" in box.apercu.value
    # a detail the learner typed is never overwritten
    box.champs["detail"].value = "depuis notre rencontre au forum"
    box.champs["contact"].value = "salon"
    assert box.champs["detail"].value == "depuis notre rencontre au forum"
    box.champs["vendeur"].value = ""
    assert "Renseignez le champ" in html.unescape(box.apercu.value) and box.grille.value == ""
    box.champs["vendeur"].value = "Hugo Lemaire"
    assert box.grille.value.count("✔") == len(REPERES)


def test_builder_starts_on_the_lessons_own_scenario_not_exercise_03s():
    box = appels.constructeur_accroche()
    start = html.unescape(box.apercu.value) + " ".join(str(w.value) for w in box.champs.values())
    for exercise_word in ("Camille", "Sportéo", "Durand", "Lyon", "14 mars", "Vienne", "handball"):
        assert exercise_word not in start, exercise_word


# --------------------------------------------------------------------------- objections

def test_crac_sheet_for_every_common_objection():
    assert len(OBJECTIONS) >= 5
    for cle in OBJECTIONS:
        fiche = appels.fiche_crac(cle)
        for titre in ("Creuser", "Reformuler", "Argumenter", "Contrôler"):
            assert titre in fiche
    with pytest.raises(ValueError, match="Objection inconnue"):
        appels.fiche_crac("météo")
    box = appels.methode_crac()
    box.choix.value = "prestataire"
    assert "renouvel" in box.fiche.value


def test_objection_log_summary():
    journal = JournalObjections()
    assert journal.synthese().empty and journal.a_retravailler() is None
    for cle, resolue in [("pas_le_temps", True), ("pas_le_temps", False), ("pas_le_temps", True),
                         ("trop_cher", False), ("trop_cher", True), ("prestataire", False)]:
        journal.ajouter(cle, "…", "…", resolue)
    resume = journal.synthese()
    assert list(resume.index) == ["pas_le_temps", "trop_cher", "prestataire"]
    assert list(resume["nombre"]) == [3, 2, 1]
    assert list(resume["taux_resolution"]) == pytest.approx([2 / 3, 0.5, 0.0])
    assert journal.a_retravailler() == "prestataire"
    assert list(journal.tableau().columns) == list(JournalObjections.COLONNES)
    with pytest.raises(ValueError, match="Catégorie d'objection inconnue"):
        journal.ajouter("il pleut")


def test_objection_log_widget_keeps_every_entry():
    box = appels.journal_objections()
    box.champs["categorie"].value = "trop_cher"
    box.champs["formulation"].value = "Vous êtes plus cher que le magasin d'à côté"
    box.champs["reponse"].value = "Plus cher par rapport à quoi ?"
    box.champs["resolue"].value = True
    box.children[4].click()
    box.champs["categorie"].value = "pas_le_temps"
    box.noter()
    lignes = box.journal.lignes
    assert [l["objection"] for l in lignes] == ["trop_cher", "pas_le_temps"]
    assert lignes[0]["formulation"] == "Vous êtes plus cher que le magasin d'à côté" and lignes[0]["resolue"]
    assert box.champs["formulation"].value == "" and not box.champs["resolue"].value
    assert "2 objection(s)" in box.message.value and "Je n'ai pas le temps" in html.unescape(box.message.value)
    assert "100\u00a0%" in box.tableau.value and "0\u00a0%" in box.tableau.value
    detail = html.unescape(box.detail.value)
    assert "Vous êtes plus cher que le magasin d'à côté" in detail and "Plus cher par rapport à quoi ?" in detail


# --------------------------------------------------------------------------- quizzes

def check_quiz_logic(questions):
    for index, question in enumerate(questions):
        logic = Quiz(questions)
        bonne = set(question.bonnes) if question.multiple else next(iter(question.bonnes))
        retour = logic.repondre(index, bonne)
        assert retour.correct and retour.message.startswith("Bonne réponse"), question.enonce
        fausse = next(i for i in range(len(question.choix)) if i not in question.bonnes)
        retour = logic.repondre(index, {fausse} if question.multiple else fausse)
        assert not retour.correct, question.enonce
        assert question.explication.strip() and FRENCH.search(question.explication)


def test_beliefs_quiz_has_ten_true_false_statements_with_explanations():
    assert len(CROYANCES) == 10
    assert all(q.choix == ("Vrai", "Faux") for q in CROYANCES)
    assert {next(iter(q.bonnes)) for q in CROYANCES} == {0, 1}, "des vrais et des faux"
    check_quiz_logic(CROYANCES)


def test_lesson_quiz_answer_logic():
    check_quiz_logic(QUESTIONS_APPELS)


@pytest.mark.parametrize("fabrique", [appels.quiz_croyances, appels.quiz_appels])
def test_quiz_widgets_show_the_explanation_after_each_answer(fabrique):
    box = fabrique()
    for question, card in zip(box.logic.questions, box.children[1:-1]):
        _, selector, button, feedback = card.children
        if question.multiple:
            for i, case in enumerate(selector.children):
                case.value = i in question.bonnes
        else:
            selector.value = next(iter(question.bonnes))
        button.click()
        assert "✔" in feedback.value and html.escape(question.explication[:20]) in feedback.value
    assert box.logic.score == (len(box.logic.questions),) * 2


# --------------------------------------------------------------------------- plots and tables

def test_speed_to_lead_plot_names_its_sources():
    graphique = appels.graphique_rapidite()
    assert graphique.png().startswith(PNG)
    ax = graphique.figure.axes[0]
    assert [round(b.get_width()) for b in ax.patches] == [21, 7]
    textes = " ".join(t.get_text() for t in ax.texts) + ax.get_title()
    assert "Oldroyd" in textes and "Harvard Business Review" in textes and "américaines" in textes


def test_call_plan_table():
    table = appels.tableau_plan_appel().data
    assert table.count("<tr>") == len(appels.PLAN_APPEL) + 1
    assert "CRM" in table and "deux créneaux" in table


# --------------------------------------------------------------------------- the exercise's data

def test_exercise_key_agrees_with_the_committed_journal():
    from grader.exercices import ex_03_appels as ex

    public, key = ex.generate(None)
    frame = pd.read_csv(ROOT / "solutions" / ID / "journal_objections.csv")
    q3 = next(q for q in public["questions"] if q["id"] == "q3_comptes")
    names = {it["id"]: it["texte"] for it in q3["items"]}
    comptes = frame["objection"].value_counts()
    assert {names[i]: v["valeur"] for i, v in key["q3_comptes"].items()} == comptes.to_dict()
    taux = (frame["levee"] == "oui").groupby(frame["objection"]).mean()
    assert [names[i] for i in key["q3_ordre"]] == list(taux.sort_values().index)
    assert names[key["q3_priorite"]["objection"]] == taux.idxmin() == "déjà un prestataire"
    assert [row[2] for row in q3["tableau"]["lignes"]] == list(frame["objection"])


def test_exercise_csv_matches_the_statement():
    for folder in ("solutions", "exercises"):
        frame = pd.read_csv(ROOT / folder / ID / "journal_objections.csv")
        assert list(frame.columns) == ["date", "prospect", "objection", "levee", "suite"]
        assert len(frame) == 26 and set(frame["levee"]) == {"oui", "non"}
        comptes = frame["objection"].value_counts()
        assert comptes.is_unique, "pas d'ex aequo : la plus fréquente est unique"
        taux = (frame["levee"] == "oui").groupby(frame["objection"]).mean()
        assert taux.is_unique, "pas d'ex aequo : la moins souvent levée est unique"


# --------------------------------------------------------------------------- the lesson

def test_lesson_structure_and_typography():
    nb = nbformat.read(COURSE, as_version=4)
    texte = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "vous saurez" in nb.cells[0].source and nb.cells[-1].source.startswith("## L'essentiel")
    assert f"../exercises/{ID}/{ID}.ipynb" in texte and "00_accueil.ipynb" in texte
    assert "praticien" in texte and "américaines" in texte and "Oldroyd" in texte
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code
    for source in code:
        lignes = source.splitlines()
        assert len(lignes) == 2 and lignes[0].startswith("from prospection.cours.appels import "), source
    for path in (COURSE, SOLUTION):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                propre = re.sub(r"```[\s\S]*?```|`[^`]*`|\]\([^)]*\)|https?://\S+", "", cell.source)
                assert not re.search(r" [:;?!]|« | »", propre), (path.name, cell.source[:80])


def test_module_strings_use_french_typography():
    for path in (ROOT / "prospection/cours/appels.py", ROOT / "prospection/cours/appels_accroche.py",
                 ROOT / "grader/exercices/ex_03_appels.py", ROOT / "grader/exercices/bareme_accroche.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for tok in tokens:
            if tok.type == tokenize.STRING and not tok.string.lower().startswith(("r", "rf", "fr")):
                assert not re.search(r" [:;?!](?!=)|« | »", tok.string), (path.name, tok.start, tok.string[:80])


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_rubric_never_raises_on_any_text(texte):
    resultat = evaluer_accroche(texte, **NOMS)
    assert resultat.total == 4 and 0 <= resultat.score <= 4
    assert all(c.retour for c in resultat.criteres)


NOM = st.from_regex(r"[A-Z][a-zéèï]{2,9} [A-Z][a-zé]{2,9}", fullmatch=True)
SOCIETE = st.from_regex(r"[A-Z][a-zé]{3,10}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(NOM, SOCIETE, NOM, st.sampled_from(sorted(CONTACTS_PREALABLES)))
def test_built_openers_always_meet_the_rubric(vendeur, entreprise, interlocuteur, contact):
    texte = construire_accroche(vendeur=vendeur, entreprise=entreprise, interlocuteur=interlocuteur,
                                contact=contact, detail=EXEMPLES_DETAIL[contact])
    assert evaluer_accroche(texte, vendeur=vendeur, entreprise=entreprise).reussie, texte


@pytest.mark.parametrize("texte", [
    "Bonjour Madame Durand, Camille Martin, de la société Sportéo, à l'appareil. Vous êtes passée sur notre "
    "stand samedi. Puis-je vous parler un instant\u00a0? Seriez-vous disponible mardi à 10 h ou jeudi à 14 h "
    "pour en parler\u00a0?",
    "Bonjour Madame, je suis Camille Martin de la société Sportéo. On s'est vus au salon des associations. "
    "Vous avez un peu de temps\u00a0? J'aimerais vous voir lundi matin ou mercredi après-midi.",
])
def test_more_learner_phrasings_are_accepted(texte):
    resultat = evaluer_accroche(texte, vendeur="Camille Martin", entreprise="Sportéo")
    assert resultat.reussie, str(resultat)


def test_availability_alone_is_not_a_meeting_with_slots():
    texte = BONNE.replace("Je vous propose un rendez-vous de vingt minutes\u00a0: plutôt mardi à 10 h ou jeudi à 15 h\u00a0?",
                          "Êtes-vous disponible pour en parler maintenant\u00a0?")
    resultat = evaluer_accroche(texte)
    assert not resultat["rendez_vous"].ok and resultat["bon_moment"].ok


# --------------------------------------------------------------------------- the exercise as a Voilà app

def test_exercise_app_uses_the_boards_french_offline_template(tmp_path):
    from prospection.board import app as board_app
    from prospection.exercices import app

    notebook, data_dir = app.prepare_app(ROOT / "exercises" / ID, tmp_path)
    assert notebook.name == "Exercice 03.ipynb" and data_dir == tmp_path / "share"
    template = data_dir / "voila" / "templates" / app.TEMPLATE
    board = board_app.prepare_template(tmp_path / "tableau")
    assert board is not None
    board_template = board / "voila" / "templates" / board_app.TEMPLATE
    files = sorted(p.name for p in template.iterdir())
    assert files == sorted(p.name for p in board_template.iterdir()) and "index.html.j2" in files
    index = (template / "index.html.j2").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in index and index == (board_template / "index.html.j2").read_text(encoding="utf-8")
    assert "Chargement de «\u00a0{{nb_title}}\u00a0»" in (template / "spinner.macro.html.j2").read_text(encoding="utf-8")
    assert "Préparation (étape" in (template / "voila_setup.macro.html.j2").read_text(encoding="utf-8")
