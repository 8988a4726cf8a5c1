"""Justifications that aim at the points without the reasoning (issue 14), and the per-contact
feedback and teacher review built on the scores."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grader.justifications import (MOTIF_LABELS, REFUSED_PATTERNS, learner_feedback, partial_credit,
                                   review_flags, score, teacher_review)

REPO = Path(__file__).resolve().parent.parent
SALON = "2026-11-21"
CHAUD_NOTES = ("Très intéressé par des combinaisons d'aviron au logo du club : les rameurs n'ont plus "
               "de tenues assorties. Régates de Noël le 19 décembre. Veut une proposition chiffrée "
               "avant la fin du mois.")
FROID_NOTES = ("Pas intéressée : les adhérentes viennent avec leurs propres tenues et le club ne veut "
               "pas de dépense supplémentaire.")
TIEDE_NOTES = ("Intéressé par des sacs de sport brodés pour les tireurs. Le projet est pour la saison "
               "2027-2028 ; le bureau en parlera à l'AG de juin.")
OPEN_NOTES = ("Intéressé par des crosses et des maillots pour l'équipe réserve. Le tournoi régional est "
              "le 27 février ; le président hésite encore entre commander pour ce tournoi ou attendre "
              "la saison prochaine.")
GOOD_CHAUD = ("Très intéressé par des combinaisons, régates le 19 décembre : court terme, donc chaud. "
              "Je le rappelle en priorité lundi pour lui envoyer la proposition chiffrée.")
CLASS_WORDS = re.compile(r"\b(froid|froide|tiède|tiede|chaud|chaude)s?\b", re.IGNORECASE)


def test_the_issue_keyword_list_earns_nothing_and_says_why():
    text = "intérêt, projet, budget, délai, court terme, concurrent, devis, rappel prioritaire"
    for notes, ref in ((CHAUD_NOTES, "chaud"), (FROID_NOTES, "froid"), (TIEDE_NOTES, "tiède")):
        s = score(notes, SALON, ref, ref, text)
        assert (s.evidence, s.action) == (0, 0) and s.motifs == ("keywords",), s
        assert "mots-clés" in s.feedback and not CLASS_WORDS.search(s.feedback)


def test_an_sms_style_answer_is_not_a_keyword_list():
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", "tres interesse combinaisons, regates 19/12. rapl asap + devis")
    assert (s.evidence, s.action, s.motifs) == (1, 1, ())


def test_pasted_notes_earn_no_evidence_but_an_own_action_counts():
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", TIEDE_NOTES)
    assert (s.evidence, s.action) == (0, 0) and s.motifs == ("pasted",)
    assert s.feedback.startswith("Vous avez recopié les notes")
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", TIEDE_NOTES + " Tiède.")
    assert s.evidence == 0 and s.motifs == ("pasted",)
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", TIEDE_NOTES + " Le relancer en mai pour un rendez-vous.")
    assert (s.evidence, s.action, s.motifs) == (0, 1, ("pasted",))
    # the contact's own request, pasted with the notes, is not the learner's plan
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", CHAUD_NOTES)
    assert (s.evidence, s.action) == (0, 0)


def test_pasted_notes_with_reasoning_of_ones_own_keep_the_point():
    text = TIEDE_NOTES + " Intérêt réel mais projet à moyen terme : je le relancerai en mai pour un rendez-vous."
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", text)
    assert (s.evidence, s.action, s.motifs) == (1, 1, ())


def test_notes_restated_or_pasted_then_argued_keep_the_point_a_class_word_alone_does_not():
    """The rubric's line (dev5): quoting the notes then linking them to the class is reasoning;
    the notes left as they are with only a class word (or a plan) added are pasted."""
    notes = ("Très intéressé par des dossards et des tee-shirts pour la course régionale du 12 juin. "
             "Veut un devis sous huit jours ; hésite avec un concurrent.")
    salon = "2027-04-24"
    restated = ("Très intéressé par des dossards et des tee-shirts pour la course du 12 juin, il veut "
                "un devis sous huit jours et hésite avec un concurrent : chaud. J'envoie le devis en priorité.")
    argued = notes + " La course a lieu dans sept semaines à peine : c'est chaud, je l'appelle demain."
    for text in (restated, argued):
        s = score(notes, salon, "chaud", "chaud", text)
        assert (s.evidence, s.action, s.motifs) == (1, 1, ()), text
    for text in (notes + " Chaud.", notes.rstrip(".") + " : chaud.", notes + " Chaud. Rappeler demain."):
        s = score(notes, salon, "chaud", "chaud", text)
        assert s.evidence == 0 and s.motifs == ("pasted",), text


def test_english_is_flagged_and_earns_nothing():
    text = ("Very interested in rowing suits for the 19 December regatta: hot lead, call him back "
            "on Monday with the quote.")
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", text)
    assert (s.evidence, s.action, s.motifs) == (0, 0, ("not_french",))
    assert "français" in s.feedback


def test_another_contacts_justification_earns_no_evidence():
    text = ("Le président veut 200 bonnets au logo pour le meeting du 20 mars, très vite. "
            "J'envoie le devis dès demain.")
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", text)
    assert s.evidence == 0 and "other_contact" in s.motifs and s.action == 1
    assert "bonnets" in s.feedback and "ne figurent pas dans les notes" in s.feedback


def test_a_fact_absent_from_the_notes_earns_no_evidence():
    text = ("Le club est très intéressé pour les régates du 19 décembre et a obtenu une subvention "
            "de la région. Je le rappelle demain en priorité.")
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", text)
    assert (s.evidence, s.action) == (0, 1) and "absent_fact" in s.motifs
    assert "« subvention »" in s.feedback
    # a fact the notes do give is fine
    s = score("Budget accordé par le département. Veut des maillots pour le 13 décembre, très vite.",
              SALON, "chaud", "chaud", "Veut des maillots pour le 13 décembre, budget accordé : "
              "je le rappelle en priorité demain.")
    assert (s.evidence, s.action, s.motifs) == (1, 1, ())


def test_the_issue_self_contradicting_plan_loses_the_action_point():
    text = ("Très intéressé, régates le 19 décembre. Je le rappelle en priorité demain et je le "
            "relancerai l'an prochain.")
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", text)
    assert (s.evidence, s.action) == (1, 0) and "contradiction" in s.motifs
    assert "se contredisent" in s.feedback


def test_another_class_action_loses_the_action_point():
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", "Très intéressé, régates le 19 décembre. Je lui "
              "envoie notre catalogue et je garde sa fiche pour la prochaine campagne.")
    assert (s.evidence, s.action) == (1, 0)
    assert not CLASS_WORDS.search(s.feedback)


def test_borderline_contact_accepts_either_class_well_argued():
    accepted = ["tiède", "chaud"]
    tiede = ("Intéressé par des crosses et des maillots, mais le président pense attendre la saison "
             "prochaine : je le classe tiède et le relancerai en janvier pour un rendez-vous.")
    chaud = ("Intéressé par des crosses et des maillots pour le tournoi du 27 février, tout proche : "
             "chaud, je le rappelle en priorité la semaine prochaine pour un devis.")
    for qual, text in (("tiède", tiede), ("chaud", chaud)):
        s = score(OPEN_NOTES, SALON, "tiède", qual, text, accepted=accepted)
        assert (s.evidence, s.action) == (1, 1), (qual, s)
        assert score(OPEN_NOTES, SALON, "tiède", qual, text).evidence == (1 if qual == "tiède" else 0)
    s = score(OPEN_NOTES, SALON, "tiède", "froid", "Le président hésite, donc pas intéressé : garder "
              "la fiche.", accepted=accepted)
    assert s.evidence == 0


def test_ordinary_good_justification_has_no_pattern():
    s = score(CHAUD_NOTES, SALON, "chaud", "chaud", GOOD_CHAUD)
    assert (s.evidence, s.action, s.motifs, s.messages) == (1, 1, (), ())


# --- per-contact feedback and teacher review ---------------------------------------------------
KEY = {"date_salon": SALON, "contacts": {
    "A": {"organisation": "Aviron", "classe": "chaud"},
    "B": {"organisation": "Gym", "classe": "froid"},
    "C": {"organisation": "Escrime", "classe": "tiède"},
    "D": {"organisation": "Hockey", "classe": "tiède", "classes_acceptees": ["tiède", "chaud"]},
    "E": {"organisation": "Vide", "classe": "froid"},
}}
NOTES = {"A": CHAUD_NOTES, "B": FROID_NOTES, "C": TIEDE_NOTES, "D": OPEN_NOTES, "E": FROID_NOTES}
ANSWERS = {"reponses": {
    "A": {"qualification": "chaud", "justification": GOOD_CHAUD},
    "B": {"qualification": "chaud", "justification": "Le club a besoin de tenues : à rappeler vite."},
    "C": {"qualification": "tiède", "justification": TIEDE_NOTES},
    "D": {"qualification": "chaud", "justification": "intérêt, crosses, maillots, tournoi, février, devis, rappel"},
}}


@pytest.fixture(scope="module")
def credit():
    return partial_credit(ANSWERS, KEY, NOTES, SALON)


def test_learner_feedback_gives_marks_and_one_sentence_without_the_class(credit):
    rows = learner_feedback(credit)
    assert [r["contact"] for r in rows] == ["A", "B", "C", "D", "E"]
    by_id = {r["contact"]: r for r in rows}
    assert (by_id["A"]["preuve"], by_id["A"]["action"]) == ("✓", "✓")
    assert (by_id["B"]["preuve"], by_id["B"]["action"]) == ("✗", "✗")
    assert by_id["C"]["preuve"] == "✗" and "recopié" in by_id["C"]["message"]
    assert "mots-clés" in by_id["D"]["message"]
    assert by_id["E"]["message"].startswith("Vous n'avez pas traité ce contact")
    for r in rows:
        msg = r["message"]
        assert msg.count(". ") == 0 and msg.endswith((".", "?")), msg  # one sentence
        assert re.search(r"\b(vous|votre|vos|citez|dites|précisez|indiquez)\b", msg, re.IGNORECASE), msg
        assert not CLASS_WORDS.search(msg), msg
        for word in ("relire", "formateur", "a_revoir", "revoir", "confiance"):
            assert word not in msg.lower()
        assert " \u00a0" not in msg and not re.search(r"[^\u00a0][:;?!]", msg.replace("://", "")), msg


def test_learner_feedback_names_the_class_once_the_correction_is_released(credit):
    rows = {r["contact"]: r for r in learner_feedback(credit, correction_publiee=True, key=KEY)}
    assert rows["B"]["message"].endswith("Classe attendue\u00a0: froid.")
    assert rows["D"]["message"].endswith("Classes acceptées\u00a0: tiède ou chaud.")
    with pytest.raises(ValueError):
        learner_feedback(credit, correction_publiee=True)


def test_teacher_review_lists_refused_patterns_with_text_notes_and_proposed_points(credit):
    records = teacher_review(credit, KEY, NOTES)
    by_id = {r["contact"]: r for r in records}
    assert set(by_id) == {"C", "D"}
    c = by_id["C"]
    assert c["motifs"] == ["pasted"] and c["texte"] == TIEDE_NOTES and c["notes"] == TIEDE_NOTES
    assert (c["preuve"], c["action"], c["classe_cle"]) == (0, 0, "tiède")
    assert c["raison"] == MOTIF_LABELS["pasted"]
    assert by_id["D"]["motifs"] == ["keywords"] and by_id["D"]["classes_acceptees"] == ["tiède", "chaud"]
    flags = review_flags(records)
    assert [f["code"] for f in flags] == ["justification_a_relire"] * 2
    assert all(f["gravite"] == "attention" and "à relire" in f["message"] for f in flags)
    assert set(MOTIF_LABELS) == set(REFUSED_PATTERNS)


def test_review_flags_are_not_shown_to_learners():
    from grader.justifications.review import FLAG_CODE
    from grader.toolchain.feedback import LEARNER_FLAGS

    assert FLAG_CODE not in LEARNER_FLAGS


def test_cli_keeps_its_lines_and_reads_classes_acceptees(tmp_path):
    line = {"observations": OPEN_NOTES, "date_salon": SALON, "reference": "tiède",
            "qualification": "chaud", "justification": "Intéressé par des crosses et des maillots "
            "pour le tournoi du 27 février, tout proche : je le rappelle en priorité demain.",
            "classes_acceptees": ["tiède", "chaud"], "id": "x"}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "grader", "justifications", str(src)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {k: got[k] for k in line} == line
    assert (got["evidence"], got["action"], got["motifs"]) == (1, 1, [])
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**line, "classes_acceptees": ["bof"]}) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "grader", "justifications", str(bad)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "classes_acceptees" in out.stderr and "Traceback" not in out.stderr


def test_a_supplier_the_notes_do_not_give_is_an_absent_fact():
    notes = "Ne voit pas l'intérêt : l'amicale n'organise plus de sorties."
    text = "Pas intéressée, l'amicale achète toujours ses tenues au magasin du quartier. Garder la fiche."
    s = score(notes, SALON, "froid", "froid", text)
    assert (s.evidence, s.action) == (0, 1) and "absent_fact" in s.motifs
    # the same claim is fine when the notes say where the contact buys
    notes = "Ne voit pas l'intérêt : l'amicale achète tout au magasin de sport du quartier."
    s = score(notes, SALON, "froid", "froid", text)
    assert (s.evidence, s.action, s.motifs) == (1, 1, ())


def test_another_contacts_product_with_nothing_of_these_notes_earns_no_evidence():
    text = "Intéressé par des parkas pour les benjamins en 2029. Relance en 2028."
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", text)
    assert (s.evidence, s.action) == (0, 1) and "other_contact" in s.motifs
    # the notes' own product, said in one's own words, is fine
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède",
              "Les tireurs voudraient des sacs brodés, mais pour 2027-2028 : relance avant l'AG.")
    assert (s.evidence, s.action) == (1, 1) and "other_contact" not in s.motifs


def test_a_budget_the_notes_give_in_other_words_is_no_absent_fact():
    notes = "Veut 60 gourdes pour la fête du 12 décembre ; le bureau a validé la dépense."
    s = score(notes, SALON, "chaud", "chaud", "veut 60 gourdes pr le 12/12, budget validé. rappel demain")
    assert (s.evidence, s.action) == (1, 1) and "absent_fact" not in s.motifs
    s = score("Veut 60 gourdes pour la fête du 12 décembre.", SALON, "chaud", "chaud",
              "veut 60 gourdes pr le 12/12, budget validé. rappel demain")
    assert s.evidence == 0 and "absent_fact" in s.motifs


def test_another_contacts_product_month_or_quantity_is_refused_and_sent_for_review():
    notes = ("Intéressé par des kimonos brodés pour les ceintures noires. Pas avant la rentrée "
             "2027, le budget sera voté en juin.")
    # another contact's product, event and month, nothing of these notes
    s = score(notes, SALON, "tiède", "tiède", "Intéressé par des gourdes pour la fête de mars. Relance en février.")
    assert s.evidence == 0 and "other_contact" in s.motifs and "mars" in s.feedback
    # one product of someone else's and nothing of these notes: refused, and the teacher looks
    s = score(notes, SALON, "tiède", "tiède", "Intéressé par des gourdes, pas avant la rentrée 2027. Relance en mai.")
    assert s.evidence == 0 and "other_contact" in s.motifs and s.a_revoir
    # a quantity of goods the notes do not give counts as a fact of someone else's
    s = score(notes, SALON, "tiède", "tiède", "Veut 150 casquettes, pas avant la rentrée 2027. Relance en mai.")
    assert s.evidence == 0 and "other_contact" in s.motifs and "150 casquettes" in s.feedback
    # this contact's product, its month, in the learner's words: fine
    s = score(notes, SALON, "tiède", "tiède", "Il voudrait des kimonos pour ses ceintures noires, budget en juin : relance en mai.")
    assert (s.evidence, s.action) == (1, 1) and "other_contact" not in s.motifs


def test_a_contract_the_notes_give_as_signed_is_no_absent_fact():
    notes = "Aucun intérêt : le comité a signé pour deux ans avec un autre fournisseur."
    s = score(notes, SALON, "froid", "froid", "Pas intéressé, contrat de 2 ans ailleurs. Fiche CRM.")
    assert (s.evidence, s.action) == (1, 1) and "absent_fact" not in s.motifs
    s = score("Aucun intérêt pour nos produits.", SALON, "froid", "froid",
              "Pas intéressé, contrat de 2 ans ailleurs. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.motifs


def test_a_keyword_list_joined_by_plus_signs_earns_nothing_but_a_plus_in_a_plan_is_fine():
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", "intérêt + saison + AG + relance + rdv")
    assert (s.evidence, s.action) == (0, 0) and "keywords" in s.motifs
    s = score(TIEDE_NOTES, SALON, "tiède", "tiède", "Intéressé, saison 2027-2028. Relance + rdv avant l'AG.")
    assert (s.evidence, s.action) == (1, 1) and "keywords" not in s.motifs


def test_absent_fact_families_financing_past_orders_and_closures():
    notes = "Intéressé par des sacs brodés pour la saison 2027-2028, décision à l'AG de juin."
    for text, word in (("Intéressé pour 2027-2028, son sponsor paiera les sacs. Relance en mai.", "sponsor"),
                       ("Intéressé pour 2027-2028, la mairie finance l'achat. Relance en mai.", "mairie finance"),
                       ("Intéressé pour 2027-2028, il est déjà client chez nous. Relance en mai.", "déjà client")):
        s = score(notes, SALON, "tiède", "tiède", text)
        assert (s.evidence, s.action) == (0, 1) and "absent_fact" in s.motifs, text
        assert word in s.feedback, s.feedback
    s = score("Aucun intérêt pour nos produits.", SALON, "froid", "froid",
              "Pas intéressé, le club est en redressement judiciaire. Garder la fiche.")
    assert (s.evidence, s.action) == (0, 1) and "absent_fact" in s.motifs
    # a customer of a competitor is not a customer of ours
    s = score("Aucun intérêt : achète tout chez un concurrent.", SALON, "froid", "froid",
              "Pas intéressé, il est déjà client d'un concurrent. Fiche CRM.")
    assert (s.evidence, s.action, s.motifs) == (1, 1, ())
    # the notes give them: fine
    s = score("Pas de besoin : le club, en liquidation, cessera ses activités.", SALON, "froid", "froid",
              "Aucun besoin, club en liquidation. Garder la fiche.")
    assert (s.evidence, s.action) == (1, 1) and "absent_fact" not in s.motifs


def test_a_text_read_again_as_it_is_reads_the_same():
    """``_pasted`` reuses the reading of its own words for their claims when no plan is left
    out and ``analyse`` reads the text as it is (``expand`` changes nothing): reading that text
    again gives the same analysis."""
    from datetime import date

    from grader.justifications.analysis import analyse
    from prospection.texte.abreviations import expand

    rows = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "justifications_dev5.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    checked = 0
    for row in rows[:120]:
        a = analyse(row["justification"], date(2026, 3, 14))
        if not a.action_spans and expand(a.text) == a.text:
            assert analyse(a.text, date(2026, 3, 14)) == a
            checked += 1
    assert checked >= 5


# Two contacts of one file: a justification of the second, rewritten for the first, names the
# second's facts in plain words (no product, event or date of its own to give it away).
AMICALE = {"observations": "M. Le Bihan est passé dire bonjour. L'amicale vient de renouveler toutes ses "
                           "tenues et n'a besoin de rien.", "organisation": "Amicale laïque de Plouay"}
AINES = {"observations": "Mme Guillou n'a pas d'argent pour des objets : les cotisations servent aux "
                         "sorties en car et au goûter des anciens.", "organisation": "Club des aînés de Quistinic"}
AINES_TEXT = ("Froid : ils n'ont pas un sou à mettre là-dedans, tout part dans les sorties en car et le "
              "goûter. Fiche gardée, doc envoyée.")


def test_another_contact_of_the_file_is_recognised_from_its_notes(tmp_path):
    from grader.justifications.scoring import file_contacts

    others = file_contacts([AMICALE, AINES])
    s = score(AMICALE["observations"], SALON, "froid", "froid", AINES_TEXT,
              organisation=AMICALE["organisation"], others=others)
    assert s.evidence == 0 and "other_contact" in s.motifs, s
    assert "sorties" in s.feedback and "goûter" in s.feedback and not CLASS_WORDS.search(s.feedback)
    assert s.action == 1  # (its plan is judged on its fit with the class, as the rubric says)
    # this contact's own facts, with one plain word the other's notes also have, are this contact's
    for text in ("Froid : l'amicale a tout renouvelé et n'a besoin de rien. Je garde sa fiche et lui envoie la doc.",
                 "Froid : équipés de neuf, aucun besoin ; pas d'argent à dépenser en objets. Fiche CRM."):
        s = score(AMICALE["observations"], SALON, "froid", "froid", text,
                  organisation=AMICALE["organisation"], others=others)
        assert (s.evidence, s.action) == (1, 1) and not s.motifs, (text, s)
    # the file read as a whole: the command line and the class's grading compare with every contact
    rows = [{"id": 1, **AMICALE, "date_salon": SALON, "reference": "froid", "qualification": "froid",
             "justification": AINES_TEXT},
            {"id": 2, **AINES, "date_salon": SALON, "reference": "froid", "qualification": "froid",
             "justification": "Froid : pas d'argent, tout va aux sorties. Je garde la fiche."}]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "grader", "justifications", str(src)], capture_output=True,
                         text=True, cwd=REPO, timeout=120)
    assert res.returncode == 0, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(o["evidence"], o["motifs"]) for o in out] == [(0, ["other_contact"]), (1, [])]
    key = {"contacts": {"C01": {"classe": "froid", **AMICALE}, "C02": {"classe": "froid", **AINES}}}
    credit = partial_credit({"C01": {"qualification": "froid", "justification": AINES_TEXT}}, key,
                            {"C01": AMICALE["observations"], "C02": AINES["observations"]}, SALON)
    assert credit["C01"]["evidence"] == 0 and "other_contact" in credit["C01"]["motifs"]


def test_a_deposit_the_notes_do_not_give_is_an_invented_fact():
    notes = "La présidente veut 30 vestes brodées pour la course du 12 décembre ; elle attend un appel dès lundi."
    s = score(notes, "2026-11-21", "chaud", "chaud", "Chaud : la présidente a versé un acompte sur le stand pour les "
              "vestes, course le 12 décembre. Je l'appelle lundi en priorité.")
    assert s.evidence == 0 and "absent_fact" in s.motifs and "acompte" in s.feedback, s
    s = score(notes.replace(" ; elle attend", " ; elle a laissé un acompte et attend"), "2026-11-21", "chaud", "chaud",
              "Chaud : elle a versé un acompte pour les vestes, course le 12 décembre. Je l'appelle lundi en priorité.")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s


def test_suppliers_the_notes_give_in_other_words_back_the_text():
    notes = ("M. Vidal ne cherche rien : le cercle a déjà ses sacs brodés, commandés il y a deux ans à un fournisseur "
             "qu'il trouve très bien. La ligue a commandé ses polos chez un autre prestataire.")
    for text in ("Froid : le cercle est déjà équipé et il est satisfait de son fournisseur actuel. Je garde sa fiche.",
                 "Froid : les polos ont été achetés chez un concurrent. Je garde sa fiche et j'envoie le catalogue."):
        s = score(notes, "2026-10-10", "froid", "froid", text)
        assert s.evidence == 1 and "absent_fact" not in s.motifs, (text, s)
    notes = "La capitaine veut 20 vestes pour la régate du 12 juillet. Elle a déjà un devis de Nautiprint."
    s = score(notes, "2027-06-05", "chaud", "chaud", "Chaud : 20 vestes pour le 12 juillet, elle choisira son "
              "fournisseur entre Nautiprint et nous. Je la rappelle en priorité lundi.")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s


def test_a_quote_from_another_printer_backs_a_competitor():
    notes = ("Le capitaine veut 40 tee-shirts pour les jeux du 12 septembre. Il a déjà le devis d'un imprimeur de "
             "Saint-Brieuc et compte choisir avant la fin de la semaine prochaine.")
    s = score(notes, "2026-08-22", "chaud", "chaud", "Chaud : 40 tee-shirts pour le 12 septembre ; il hésite avec un "
              "concurrent et se décide sous dix jours. On le contacte avant tout le monde pour caler le devis.")
    assert (s.evidence, s.action) == (1, 1) and "absent_fact" not in s.motifs, s


def test_a_contract_the_notes_call_an_agreement_or_a_partnership_is_no_absent_fact():
    for notes in ("M. Vasseur est lié à un brodeur de Lens par un accord sur deux ans et ne veut pas changer.",
                  "M. Vasseur a un partenariat de deux ans avec un brodeur de Lens et ne veut pas changer."):
        s = score(notes, "2027-03-13", "froid", "froid", "froid: contrat 2 ans avec un brodeur de lens, veut pas "
                  "changer. fiche crm + doc par mail")
        assert s.evidence == 1 and "absent_fact" not in s.motifs, (notes, s)
    # « d'accord pour recevoir la brochure » is no contract
    s = score("M. Vasseur est d'accord pour recevoir notre brochure ; il n'a besoin de rien.", "2027-03-13", "froid",
              "froid", "Froid : il a un contrat de deux ans avec son brodeur. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_notes_that_say_sewn_at_home_or_bought_from_us_back_those_facts():
    notes = "Le capitaine a regardé nos drapeaux ; la compagnie coud elle-même ses étendards. Il ne veut rien acheter."
    s = score(notes, "2027-06-12", "froid", "froid", "froid, ils fabriquent eux memes leurs etendards, veut rien "
              "acheter. doc par courrier + fiche crm")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s
    notes = "M. Reynaud nous a acheté des polos brodés il y a deux ans ; le club n'en aura pas besoin avant longtemps."
    s = score(notes, "2027-06-12", "froid", "froid", "Froid : le club est déjà client, polos achetés chez nous il y a "
              "deux ans, pas de besoin avant longtemps. Je garde sa fiche.")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s
    # a fact the notes do not back stays absent
    s = score("Le capitaine a regardé nos drapeaux. Il ne veut rien acheter.", "2027-06-12", "froid", "froid",
              "Froid : ils fabriquent eux-mêmes leurs étendards. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_orders_placed_money_set_aside_and_a_door_closed():
    notes = "M. Gilbert est ravi de son fournisseur ; les polos de la saison ont été commandés en janvier."
    s = score(notes, "2027-03-20", "froid", "froid", "froid. polos deja commandés + content de son fournisseur. "
              "fiche crm, doc a une future campagne")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s
    notes = "Mme Bousquet a été claire : « pas cette année ». Le cercle est satisfait de son fournisseur."
    s = score(notes, "2027-03-20", "froid", "froid", "Froid : satisfaite de son fournisseur, elle a fermé la porte "
              "pour cette année. Fiche gardée.")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s
    notes = "M. Jourde veut 70 écussons pour la fête de mi-avril ; il a prévu 1 500 € et attend notre devis sous dix jours."
    s = score(notes, "2027-03-06", "chaud", "chaud", "Chaud : 70 écussons pour la fête de mi-avril, il a déjà "
              "réservé l'argent. Je l'appelle en priorité et le devis part sous dix jours.")
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s
    # an order the notes never give stays an absent fact
    s = score("M. Gilbert est ravi de son fournisseur.", "2027-03-20", "froid", "froid",
              "Froid : il a déjà commandé ses polos pour la saison. Fiche gardée.")
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_more_facts_the_notes_back_in_other_words():
    cases = [
        ("M. Hamon n'a pas de budget cette année ; la boutique est déjà approvisionnée par un potier.", "froid",
         "froid : pas de budget + boutique deja fournie par un potier. fiche gardée"),
        ("M. Delattre veut 40 polos pour le concours du 21 juin ; il a mis 1 800 € de côté et veut un devis sous huit jours.",
         "chaud", "Chaud : 40 polos pour le 21 juin, 1 800 € déjà réservés. Je le rappelle en priorité, devis sous huit jours."),
        ("M. Dufour voudrait des maillots pour la saison 2027-2028 ; il fera faire des devis l'été prochain.", "tiède",
         "Tiède : maillots pour la saison 2027-2028, il ne demandera des devis que l'été prochain. Relance au printemps."),
        ("Mme Chabert : un mécène local offre chaque année les sacs de la société ; aucun besoin.", "froid",
         "Froid : un mécène de la commune lui offre ses sacs, aucun besoin. Fiche gardée."),
    ]
    for notes, cls, text in cases:
        s = score(notes, "2026-11-14", cls, cls, text)
        assert "absent_fact" not in s.motifs, (text, s)


def test_the_class_claimed_first_then_the_notes_restated_in_ones_own_words_is_no_paste():
    """« Chaud : » then the notes with words of one's own put between theirs argues the class;
    « Chaud : » then the notes as they are stays pasted."""
    notes = ("Le trésorier, M. Rosette, veut 25 lycras imprimés et 25 casquettes pour le Tour des yoles qui part "
             "dans cinq semaines. Il compare avec un fournisseur de Fort-de-France et veut une réponse cette semaine.")
    salon = "2027-05-08"
    restated = ("Chaud. Le trésorier veut 25 lycras imprimés et 25 casquettes pour le Tour des yoles qui démarre dans "
                "cinq semaines, et il attend une réponse cette semaine car il compare avec un fournisseur de "
                "Fort-de-France. Je l'appelle en tout premier demain matin et je lui envoie le devis dans la journée.")
    s = score(notes, salon, "chaud", "chaud", restated)
    assert (s.evidence, s.action) == (1, 1) and "pasted" not in s.motifs, s
    for text in ("Chaud : " + notes + " Je l'appelle en priorité demain matin.",
                 notes + " Chaud : je l'appelle en priorité demain matin."):
        s = score(notes, salon, "chaud", "chaud", text)
        assert s.evidence == 0 and "pasted" in s.motifs, (text, s)
