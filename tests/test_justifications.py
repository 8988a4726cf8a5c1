"""Unit tests of the justification grader (grader.justifications)."""

from __future__ import annotations

import json
from datetime import date
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.justifications import REVIEW_BELOW, hints, normalise_class, partial_credit, score
from prospection.texte.francais import fold

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "justifications_dev.jsonl"
SALON = "2026-10-08"
OBS_CHAUD = ("Club de basket : intéressé par des maillots pour le tournoi du 20 novembre 2026. "
             "Demande un devis.")
OBS_TIEDE = "Club de foot : intéressé par des survêtements pour la saison prochaine, budget voté en avril 2027."
OBS_FROID = "Association : pas intéressée, aucun budget, a déjà un fournisseur."


def points(obs, ref, qual, text, salon=SALON):
    s = score(obs, salon, ref, qual, text)
    return s.evidence, s.action


# --- negation ------------------------------------------------------------------------------
def test_negated_interest_is_evidence_of_no_interest():
    assert points(OBS_FROID, "froid", "froid", "Elle n'est pas intéressée, déjà un fournisseur.")[0] == 1
    assert points(OBS_FROID, "froid", "froid", "Elle est intéressée par nos produits.")[0] == 0


def test_negation_contradicts_an_interested_contact():
    assert points(OBS_CHAUD, "chaud", "chaud",
                  "Il n'est plus intéressé, tournoi le 20 novembre. Le rappeler en priorité.")[0] == 0
    assert points(OBS_CHAUD, "chaud", "chaud",
                  "Il est intéressé, tournoi le 20 novembre. Le rappeler en priorité.") == (1, 1)


def test_sms_negation_without_ne_and_sans():
    assert points(OBS_FROID, "froid", "froid", "elle veut pas changer de fournisseur. garder la fiche") == (1, 1)
    assert points(OBS_FROID, "froid", "froid", "Association sans aucun besoin. On garde sa fiche.") == (1, 1)


def test_not_now_is_a_timing_not_a_refusal():
    text = "Il n'est pas intéressé tout de suite mais l'an prochain oui. Le relancer au printemps."
    assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1)


# --- accents, case, misspellings -------------------------------------------------------------
def test_accents_case_and_misspellings_do_not_matter():
    variants = [
        "Intéressé par les survêtements, projet pour la saison prochaine. Le relancer en mars.",
        "interesse par les survetements, projet pour la saison prochaine. le relancer en mars.",
        "INTERRESSE PAR LES SURVETEMENTS, PROJET POUR LA SAISON PROCHAINE. LE RELENCER EN MARS.",
    ]
    assert {points(OBS_TIEDE, "tiède", "tiede", v) for v in variants} == {(1, 1)}


def test_class_labels_accept_tiede_without_accent():
    assert normalise_class("tiede") == normalise_class("Tiède") == "tiède"
    assert normalise_class("tres chaud") is None


# --- stuffing and contradiction ------------------------------------------------------------------
def test_keyword_stuffing_of_several_classes_loses_the_evidence_point():
    text = ("Contact froid, tiède ou chaud : intéressé, tournoi le 20 novembre, "
            "le rappeler en priorité.")
    assert points(OBS_CHAUD, "chaud", "chaud", text)[0] == 0


def test_self_contradicting_timing_loses_the_evidence_point():
    text = "Intéressé, projet à court terme mais aussi à long terme. Le relancer en mars."
    assert points(OBS_TIEDE, "tiède", "tiède", text)[0] == 0


def test_timing_contradicting_the_notes_loses_the_evidence_point():
    assert points(OBS_TIEDE, "tiède", "tiède",
                  "Intéressé par les survêtements, projet urgent. Le relancer en mars.")[0] == 0


def test_wrong_class_gets_no_evidence_point():
    assert points(OBS_TIEDE, "tiède", "chaud",
                  "Intéressé, saison prochaine. Le relancer en mars.")[0] == 0


# --- temporal ---------------------------------------------------------------------------------
def test_dates_are_resolved_against_the_salon_date():
    text = "Intéressé, tournoi le 20 novembre. Je le rappelle en priorité."
    assert points(OBS_CHAUD, "chaud", "chaud", text, salon="2026-10-08")[0] == 1
    # Salon in June: 20 November is more than three months away, not short term.
    assert points(OBS_CHAUD, "chaud", "chaud", text, salon="2026-06-01")[0] == 0
    assert points(OBS_TIEDE, "tiède", "tiède", "Intéressé, tournoi le 20 novembre. Le relancer en octobre.",
                  salon="2026-06-01")[0] == 1


@pytest.mark.parametrize("when, ref", [
    ("d'ici quinze jours", "chaud"), ("dans trois semaines", "chaud"), ("avant Noël", "chaud"),
    ("dans deux ans", "tiède"), ("l'an prochain", "tiède"), ("en septembre 2027", "tiède"),
])
def test_relative_time_expressions(when, ref):
    obs = OBS_CHAUD if ref == "chaud" else OBS_TIEDE
    other = "tiède" if ref == "chaud" else "chaud"
    text = f"Intéressé, projet {when}."
    assert points(obs, ref, ref, text)[0] == 1
    assert points(obs, other, other, text)[0] == 0


def test_vague_time_words():
    assert points(OBS_CHAUD, "chaud", "chaud", "Intéressé, besoin urgent.")[0] == 1
    assert points(OBS_TIEDE, "tiède", "tiède", "Intéressé mais ce sera plus tard.")[0] == 1
    assert points(OBS_TIEDE, "tiède", "tiède", "Intéressé, il veut commander bientôt.")[0] == 0
    assert points(OBS_TIEDE, "tiède", "tiède", "Il est intéressé.")[0] == 0


# --- actions ----------------------------------------------------------------------------------
@pytest.mark.parametrize("ref, obs, text, expected", [
    ("chaud", OBS_CHAUD, "Le rappeler en priorité dès demain.", 1),
    ("chaud", OBS_CHAUD, "Envoyer le devis aujourd'hui avant la concurrence.", 1),
    ("chaud", OBS_CHAUD, "Le rappeler.", 0),
    ("chaud", OBS_CHAUD, "Le recontacter l'an prochain.", 0),
    ("chaud", OBS_CHAUD, "Il demande un devis.", 0),
    ("tiède", OBS_TIEDE, "Le relancer à l'approche de l'échéance pour obtenir un rendez-vous.", 1),
    ("tiède", OBS_TIEDE, "Le rappeler tout de suite.", 0),
    ("tiède", OBS_TIEDE, "Garder sa fiche dans le CRM.", 0),
    ("froid", OBS_FROID, "Garder sa fiche dans le CRM et lui envoyer une invitation.", 1),
    ("froid", OBS_FROID, "La recontacter lors d'une prochaine campagne.", 1),
    ("froid", OBS_FROID, "La rappeler vite.", 0),
    ("froid", OBS_FROID, "Envoyer une brochure, ou la rappeler en priorité.", 0),
])
def test_action_fits_the_correct_class(ref, obs, text, expected):
    assert points(obs, ref, ref, text)[1] == expected


# --- feedback, confidence ------------------------------------------------------------------------
def _dev_rows():
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, "jeu de développement vide"
    return rows


def test_feedback_never_names_a_class_and_covers_each_missing_point():
    rows = _dev_rows()
    for r in rows:
        s = score(r["observations"], r["date_salon"], r["reference"], r["qualification"], r["justification"])
        words = set(fold(s.feedback).replace("'", " ").split())
        assert not words & {"froid", "tiede", "chaud", "froids", "tiedes", "chauds"}, s.feedback
        missing = (1 - s.evidence) + (1 - s.action)
        assert (s.feedback == "") == (missing == 0)
        if missing:
            assert s.feedback.count(".") + s.feedback.count("?") >= 1
        assert 0.0 <= s.confidence <= 1.0
        assert s.a_revoir == (s.confidence < REVIEW_BELOW)


def test_feedback_uses_french_typography():
    s = score(OBS_CHAUD, SALON, "chaud", "chaud", "Sympa.")
    assert s.feedback and " :" not in s.feedback and " ?" not in s.feedback
    assert "\u00a0:" in s.feedback or "\u00a0?" in s.feedback


def test_low_confidence_cases_are_flagged_for_review():
    s = score(OBS_CHAUD, SALON, "chaud", "chaud", "Intéressé par des maillots, saison en janvier. Rappeler en priorité.")
    assert s.evidence == 1 and s.a_revoir and s.confidence < REVIEW_BELOW


def test_empty_justification():
    s = score(OBS_FROID, SALON, "froid", "froid", "")
    assert (s.evidence, s.action) == (0, 0) and "justification" in s.feedback.lower()


# --- hints and partial credit ----------------------------------------------------------------------
def test_hints_use_no_key():
    h = hints(OBS_TIEDE, SALON, "tiède", "Il aime nos survêtements.")
    assert (h.interest, h.timing, h.action) == (True, False, False) and len(h.messages) == 2
    h = hints(OBS_TIEDE, SALON, "tiède", "Il aime nos survêtements, projet en mai 2027. Le relancer en avril.")
    assert (h.interest, h.timing, h.action) == (True, True, True) and not h.messages
    h = hints(OBS_FROID, SALON, "froid", "Pas intéressée. Garder la fiche.")
    assert (h.interest, h.timing, h.action) == (True, None, True)


def test_partial_credit():
    key = {"date_salon": SALON, "contacts": {"A": {"classe": "chaud"}, "B": {"classe": "froid"},
                                              "C": {"classe": "tiède"}}}
    answers = {"version": 1, "reponses": {
        "A": {"qualification": "chaud", "justification": "Intéressé, tournoi le 20 novembre : le rappeler en priorité."},
        "B": {"qualification": "tiède", "justification": "Intéressée plus tard, la relancer."},
    }}
    obs = {"A": OBS_CHAUD, "B": OBS_FROID, "C": OBS_TIEDE}
    credit = partial_credit(answers, key, obs, SALON)
    assert set(credit) == {"A", "B", "C"}
    assert (credit["A"]["evidence"], credit["A"]["action"]) == (1, 1)
    assert (credit["B"]["evidence"], credit["B"]["action"]) == (0, 0)
    assert (credit["C"]["evidence"], credit["C"]["action"]) == (0, 0) and credit["C"]["feedback"]
    assert set(credit["A"]) >= {"evidence", "action", "confidence", "feedback", "a_revoir"}


# --- command line ------------------------------------------------------------------------------
def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "grader", "justifications", *args], input=stdin,
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_cli_round_trip(tmp_path):
    rows = [
        {"id": 1, "observations": OBS_CHAUD, "date_salon": SALON, "reference": "chaud",
         "qualification": "chaud", "justification": "Intéressé, tournoi le 20 novembre : rappeler en priorité."},
        {"id": 2, "observations": OBS_TIEDE, "date_salon": SALON, "reference": "tiede",
         "qualification": "tiede", "justification": "Il est intéressé."},
        {"id": 3, "observations": OBS_FROID, "date_salon": SALON, "reference": "froid",
         "qualification": None, "justification": "Pas intéressée : garder la fiche dans le CRM."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    res = run_cli(str(src))
    assert res.returncode == 0, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 2, 3]
    for o, r in zip(out, rows):
        assert {k: o[k] for k in r} == r  # input fields kept as they were
        assert o["evidence"] in (0, 1) and o["action"] in (0, 1)
        assert 0 <= o["confidence"] <= 1 and isinstance(o["feedback"], str)
        assert o["confidence"] == min(o["evidence_confidence"], o["action_confidence"])
        assert isinstance(o["a_revoir"], bool)
    assert [(o["evidence"], o["action"]) for o in out] == [(1, 1), (0, 0), (1, 1)]


@pytest.mark.parametrize("lines, needle", [
    (['{"observations": "x", "date_salon": "2026-10-08", "reference": "froid", "qualification": "froid", "justification": "ok"}', "{pas du json"], "ligne 2"),
    (['{"observations": "x", "date_salon": "2026-10-08", "reference": "froid", "qualification": "froid"}'], "justification"),
    (['{"observations": "x", "date_salon": "08/10/2026", "reference": "froid", "qualification": "froid", "justification": "ok"}'], "date_salon"),
    (['{"observations": "x", "date_salon": "2026-10-08", "reference": "brûlant", "qualification": "froid", "justification": "ok"}'], "reference"),
    (['[1, 2]'], "ligne 1"),
])
def test_cli_bad_input_gives_a_french_error(tmp_path, lines, needle):
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run_cli(str(src))
    assert res.returncode == 2
    assert needle in res.stderr and "Erreur" in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


def test_cli_missing_file_and_stdin(tmp_path):
    res = run_cli(str(tmp_path / "absent.jsonl"))
    assert res.returncode == 2 and "introuvable" in res.stderr and "Traceback" not in res.stderr
    line = json.dumps({"observations": OBS_FROID, "date_salon": SALON, "reference": "froid",
                       "qualification": "froid", "justification": "Aucun besoin."})
    res = run_cli("-", stdin=line + "\n")
    assert res.returncode == 0 and json.loads(res.stdout)["evidence"] == 1


def test_a_date_the_notes_do_not_give_is_flagged_not_silently_accepted():
    obs = "Trésorier très intéressé par des t-shirts pour le trail du 15 novembre 2026."
    right = score(obs, SALON, "chaud", "chaud", "Intéressé, trail le 15 novembre : le rappeler en priorité.")
    wrong = score(obs, SALON, "chaud", "chaud", "Intéressé, trail le 28 novembre : le rappeler en priorité.")
    assert not right.a_revoir and wrong.a_revoir and wrong.evidence_confidence < right.evidence_confidence


@pytest.mark.parametrize("ref, obs, text, expected", [
    ("tiède", OBS_TIEDE, "Pas de projet avant la saison prochaine, mais intéressé. Le relancer en mars.", (1, 1)),
    ("tiède", OBS_TIEDE, "Rien ne presse : saison prochaine, mais les survêtements l'intéressent. Relancer en mars.", (1, 1)),
    ("chaud", OBS_CHAUD, "Il ne faut surtout pas attendre : il veut les maillots pour le 20 novembre. L'appeler demain.", (1, 1)),
    ("froid", OBS_FROID, "- intérêt : aucun\n- action : garder dans le fichier", (1, 1)),
    ("froid", OBS_FROID, "Intéressée avant, plus maintenant. Lui envoyer une invitation.", (1, 1)),
    ("froid", OBS_FROID, "Pas de besoin. Je ne la relancerai pas avant la prochaine campagne.", (1, 1)),
    ("froid", OBS_FROID, "Pas intéressée. Ne pas la rappeler, juste garder la fiche.", (1, 1)),
])
def test_negation_scope_edge_cases(ref, obs, text, expected):
    assert points(obs, ref, ref, text) == expected


def test_feedback_without_a_class_gives_no_hint_about_the_class():
    s = score(OBS_TIEDE, SALON, "tiède", None, "Il aime nos survêtements.")
    assert s.evidence == 0 and "qualification" in s.feedback and "échéance" not in s.feedback


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300), ref=st.sampled_from(["froid", "tiède", "chaud", "tiede"]),
       qual=st.sampled_from([None, "", "froid", "tiède", "chaud", "tiede"]))
def test_any_text_gets_a_valid_score(text, ref, qual):
    s = score(OBS_CHAUD, SALON, ref, qual, text)
    assert s.evidence in (0, 1) and s.action in (0, 1) and 0 <= s.confidence <= 1
    h = hints(OBS_CHAUD, SALON, qual, text)
    assert isinstance(h.interest, bool) and isinstance(h.action, bool)


def test_long_text_and_odd_characters():
    text = ("Intéressé 😀, tournoi le 20 novembre ; rappeler en priorité !!! " * 200) + "\u00a0\u202f\t"
    s = score(OBS_CHAUD, SALON, "chaud", "chaud", text)
    assert (s.evidence, s.action) == (1, 1)


def test_a_class_weighed_and_set_aside_is_not_stuffing():
    text = ("J'ai hésité avec chaud car il est intéressé, mais c'est pour la saison prochaine, "
            "donc moyen terme. Le relancer en mars.")
    assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1)
    assert points(OBS_TIEDE, "tiède", "tiède", "Intéressé, chaud ou tiède, saison prochaine. Le relancer en mars.")[0] == 0


def test_sms_abbreviations_are_spelled_out():
    from prospection.texte.abreviations import expand

    assert expand("pa interessé, devis ds les 15j, avt le 14/11, l'an pro") == \
        "pas interessé, devis dans les 15 jours, avant le 14/11, l'an prochain"
    assert expand("Papa a un pavé") == "Papa a un pavé"  # only whole words
    assert points(OBS_FROID, "froid", "froid", "pa interessée. fiche crm") == (1, 1)
    assert points(OBS_CHAUD, "chaud", "chaud", "interessé, tournoi ds 6 sem. rapl en 1er") == (1, 1)


def test_taste_is_not_a_need_for_a_cold_contact():
    obs = "Très aimable, trouve nos sacs jolis. Pas de projet en vue."
    assert points(obs, "froid", "froid", "Il aime nos sacs mais n'a aucun projet. Garder la fiche.") == (1, 1)
    assert points(obs, "froid", "froid", "Il est intéressé mais n'a aucun projet. Garder la fiche.")[0] == 0


# --- issue 14, dev9 round: general rules, each on a sentence of its own --------------------
def test_a_purchase_already_made_from_the_contacts_own_supplier_is_no_interest():
    from grader.justifications.analysis import analyse

    obs = "Aucun intérêt : la section vient de racheter ses chasubles auprès de son équipementier habituel."
    text = "La section a déjà changé ses chasubles chez son équipementier, elle n'attend rien : froid. Je garde la fiche."
    assert points(obs, "froid", "froid", text) == (1, 1)
    # a wish to change is interest, a change already made elsewhere is not
    a = analyse("Il veut changer ses ballons avant le tournoi de mars.", date(2026, 10, 8))
    assert a.interest and not a.disinterest
    a = analyse("Il vient de changer ses ballons chez son fournisseur.", date(2026, 10, 8))
    assert a.disinterest and not a.interest and a.elsewhere
    # « avant qu'il commande ailleurs »: what the plan forestalls, not a purchase made
    a = analyse("Je l'appelle demain, avant qu'il commande ailleurs.", date(2026, 10, 8))
    assert not a.disinterest and not a.elsewhere


def test_the_contacts_visit_at_the_stand_is_not_a_meeting_the_learner_plans():
    obs = "Venu au stand par curiosité ; le club n'a aucun besoin et aucun budget."
    text = "Une visite au stand par simple curiosité, sans aucun besoin : froid. On l'ajoute au fichier."
    assert points(obs, "froid", "froid", text) == (1, 1)
    # a visit the learner proposes to a contact who wants nothing is still a meeting
    assert points(obs, "froid", "froid", "Aucun besoin. Je lui propose une visite de nos locaux.")[1] == 0


def test_general_words_for_events_and_reasons_are_not_another_contacts_facts():
    obs = "Le comité ne prépare aucune fête cette année et ne vend rien. Pas de budget."
    text = ("Aucune manifestation en vue, aucune activité de vente, donc rien à nous acheter : "
            "froid. Je l'inscris dans le fichier.")
    s = score(obs, SALON, "froid", "froid", text)
    assert (s.evidence, s.action) == (1, 1) and "other_contact" not in s.motifs


def test_vocabulary_families_of_interest_and_of_no_interest():
    # interest: « demandeur », « preneur »; its negation is no interest
    assert points(OBS_CHAUD, "chaud", "chaud",
                  "Le club est très demandeur, tournoi le 20 novembre : je l'appelle dès demain.") == (1, 1)
    assert points(OBS_CHAUD, "chaud", "chaud",
                  "Preneur de maillots pour le tournoi du 20 novembre. Rappel en priorité.") == (1, 1)
    assert points(OBS_FROID, "froid", "froid", "Pas preneuse, on garde sa fiche.") == (1, 1)
    # no interest said without the usual words
    for text in ("Elle ne donnera pas suite. Garder la fiche.",
                 "L'association a tout ce qu'il lui faut. Fiche CRM.",
                 "Aucune intention d'acheter quoi que ce soit. Je conserve le contact.",
                 "Nos produits ne lui serviraient à rien. On garde la fiche."):
        assert points(OBS_FROID, "froid", "froid", text) == (1, 1), text


def test_vocabulary_families_of_follow_up_moves():
    # calls said otherwise, a quote « chiffré », SMS « dvis », urgency « sous trois jours »
    for text in ("Intéressé, tournoi le 20 novembre : je lui passe un coup de fil dès demain.",
                 "Intéressé pour le tournoi du 20 novembre. Je chiffre sa commande sous trois jours.",
                 "interessé, tournoi le 20/11. dvis dans la foulée"):
        assert points(OBS_CHAUD, "chaud", "chaud", text) == (1, 1), text
    for text in ("Intéressé, mais pour la saison prochaine. Prendre de ses nouvelles en mars.",
                 "Intéressé, projet pour la saison prochaine : faire le point avec lui en mars."):
        assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1), text


def test_a_renewal_already_done_is_no_need_never_a_wish():
    from grader.justifications.analysis import analyse

    obs = "Pas de besoin : les maillots ont été remplacés l'an dernier. Aucun budget."
    for text in ("Maillots remplacés l'an dernier, rien à vendre : froid. Fiche gardée.",
                 "Intérêt : aucun\nMotif : équipement renouvelé\nSuite : fiche CRM",
                 "Le club vient de tout changer, pas de besoin. Je garde sa fiche."):
        assert points(obs, "froid", "froid", text) == (1, 1), text
    # a renewal wished for or planned stays interest
    d = date(2026, 10, 8)
    assert analyse("Il veut faire remplacer ses maillots avant mars.", d).interest
    assert analyse("Le club doit changer ses survêtements.", d).interest
    assert not analyse("Survêtements changés en septembre.", d).interest


def test_not_interested_now_but_yes_later_is_a_timing_the_plan_aside():
    for text in ("Pas intéressé pour cette saison, mais oui pour la suivante. Le relancer en mars.",
                 "Il ne veut rien cette année mais pour la saison 2027-2028 il en parlera. Relance en mars."):
        assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1), text
    # a later date in the learner's own plan after « mais » does not turn a no into a later
    text = "Pas intéressée pour l'instant, mais je garde sa fiche pour la campagne de l'an prochain."
    assert points(OBS_FROID, "froid", "froid", text) == (1, 1)
    assert points(OBS_FROID, "froid", "froid", "Elle n'a pas l'utilité de nos produits. Fiche CRM.") == (1, 1)


def test_interest_denied_for_the_short_term_only_is_not_a_contradiction():
    # warm contact: the denial is about the timing; cold contact: it still reads as no interest now
    text = ("Il est intéressé, mais rien ne sera commandé à court terme : c'est pour la saison "
            "prochaine. Je le relance en mars.")
    assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1)
    assert points(OBS_CHAUD, "chaud", "chaud", "Intéressé mais aucun achat à court terme. Rappel demain.")[0] == 0
    assert points(OBS_FROID, "froid", "froid", "Aucun achat à court terme. Je garde la fiche.") == (1, 1)


def test_an_action_the_learner_sets_aside_is_not_the_plan():
    text = ("Pas intéressée, déjà un fournisseur : la relancer vite serait inutile. "
            "Je garde la fiche et lui envoie une invitation.")
    assert points(OBS_FROID, "froid", "froid", text) == (1, 1)
    text = ("Intéressé pour la saison prochaine ; il serait prématuré de lui faire un devis "
            "aujourd'hui. Relance en mars pour un rendez-vous.")
    assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1)


def test_a_suppliers_closure_is_a_need_not_the_contacts_end():
    obs = "Son imprimeur a fermé boutique : veut vite des maillots pour le tournoi du 20 novembre 2026."
    text = "Son imprimeur a cessé son activité, il veut des maillots pour le 20 novembre : je le rappelle demain."
    assert points(obs, "chaud", "chaud", text) == (1, 1)
    # the contact's own closure stays a no
    obs = "Le club va fermer en juin, aucun besoin."
    assert points(obs, "froid", "froid", "Le club va fermer. Garder la fiche.") == (1, 1)
    assert points(obs, "chaud", "chaud", "Le club va fermer, rappel demain.")[0] == 0


def test_a_refusal_phrase_does_not_run_across_punctuation():
    text = ("Intéressé pour la saison prochaine. De plus, aucun budget ne sera voté avant avril : "
            "je le relance en mars.")
    assert points(OBS_TIEDE, "tiède", "tiède", text) == (1, 1)


def test_sms_signs_zero_and_question_form_answers():
    assert points(OBS_CHAUD, "chaud", "chaud", "interessé, tournoi < 2 mois. rapl asap") == (1, 1)
    assert points(OBS_TIEDE, "tiède", "tiède", "interessé survets, projet > 6 mois. relance mars") == (1, 1)
    assert points(OBS_FROID, "froid", "froid", "0 interet, 0 budget. fiche crm") == (1, 1)
    assert points(OBS_FROID, "froid", "froid", "Intéressée ? non. Besoin ? aucun. Fiche + doc.") == (1, 1)


def test_a_borderline_contacts_date_abbreviated_still_counts_for_either_side():
    obs = ("Intéressé par des bonnets pour la rentrée de septembre ; le budget ne sera voté "
           "qu'en juillet.")
    text = "interessé bonnets pr la rentree, budget voté en juil. relance fin juin"
    s = score(obs, "2027-05-22", "tiède", "tiède", text, accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1)


def test_an_event_of_the_notes_is_a_date_not_the_interest():
    obs = ("Intéressé par des bonnets. Le bureau hésite à commander pour la course du 6 décembre "
           "ou pour la suivante.")
    # the event with its date only: no interest stated
    assert points(obs, "chaud", "chaud", "Course le 6 décembre. Je le rappelle en priorité.")[0] == 0
    # the product named (the object of the interest) is enough with the date
    assert points(obs, "chaud", "chaud", "Des bonnets pour la course du 6 décembre. Je le rappelle en priorité.") == (1, 1)


def test_a_meeting_the_contact_asked_for_and_the_learner_sets_up_is_the_plan():
    obs = "Veut des maillots pour le tournoi du 20 novembre 2026 ; demande un rendez-vous."
    text = "Veut des maillots pour le 20 novembre : lui proposer le rendez-vous demandé dès lundi."
    assert points(obs, "chaud", "chaud", text) == (1, 1)
    # the request alone is not the plan
    assert points(obs, "chaud", "chaud", "Veut des maillots pour le 20 novembre, rendez-vous demandé.")[1] == 0


def test_timing_words_brefs_delais_and_the_next_edition():
    assert points(OBS_CHAUD, "chaud", "chaud",
                  "Intéressé, tournoi le 20 novembre : je le rappelle dans les plus brefs délais.") == (1, 1)
    assert points(OBS_TIEDE, "tiède", "tiède",
                  "Intéressé, mais pour l'année d'après, pas celle-ci. Relance en mars.") == (1, 1)
    assert points(OBS_TIEDE, "tiède", "tiède",
                  "Intéressé pour la prochaine édition seulement. Je le relance au printemps.") == (1, 1)


def test_an_event_two_months_past_means_the_next_one():
    # said in February, « Noël » is next December (long term); « la rentrée » said just after this
    # year's one is still asked of the teacher
    obs = "Intéressé par des bonnets pour le marché de Noël ; rien ne presse."
    s = score(obs, "2027-02-20", "tiède", "tiède", "Intéressé par des bonnets pour Noël : je le relance en octobre.")
    assert (s.evidence, s.action, s.a_revoir) == (1, 1, False)
    s = score(OBS_TIEDE, "2026-09-14", "tiède", "tiède", "Intéressé, projet pour la rentrée. Relance en mars.")
    assert s.a_revoir


def test_sms_orders_phone_calls_and_a_plan_after_a_comma():
    # « cmd » / « cder » are orders (interest), « tel lundi » a call, and a plan after a comma is
    # the learner's even right after what the contact wants
    assert points(OBS_CHAUD, "chaud", "chaud", "cmd pr le tournoi du 20/11. tel demain") == (1, 1)
    assert points(OBS_CHAUD, "chaud", "chaud", "veut cder pr le 20/11, tel lundi") == (1, 1)
    # « tel » as an ordinary word is no call
    assert points(OBS_TIEDE, "tiède", "tiède", "Un tel projet prend du temps.")[1] == 0
    # what the contact asks for is still not the plan
    assert points(OBS_CHAUD, "chaud", "chaud", "Intéressé pour le 20 novembre, il veut être rappelé demain.")[1] == 0


def test_a_comma_closes_the_interest_before_a_negated_timing():
    assert points(OBS_TIEDE, "tiède", "tiède", "Intéressé, pas pressé du tout. Relance en mars.") == (1, 1)
    # SMS « veut pas » without the comma is still a refusal
    assert points(OBS_FROID, "froid", "froid", "veut pas de maillots. fiche crm") == (1, 1)
    assert points(OBS_FROID, "froid", "froid", "Aucune occasion d'utiliser nos produits. Fiche CRM.") == (1, 1)


# --- issue 14, dev10–dev12 round (the second sealed set retired to development, then two
# blind batches): general rules, each on sentences of its own -------------------------------
SALON_SPRING = "2027-04-17"
WARM_NOTES = ("Intéressée par des sweats brodés pour la chorale, pour le concert de novembre. "
              "Le bureau votera la dépense en septembre.")
HOT_NOTES = ("L'équipe réserve n'a aucun maillot et joue son premier match le 15 mai. Le président "
             "veut commander vite, le budget est prêt.")
COLD_NOTES = ("Le trésorier accompagnait un ami exposant. Le club n'a aucun projet d'achat : toutes "
              "ses dépenses vont à la rénovation du local.")


def test_au_plus_tard_is_a_deadline_not_a_delay():
    text = ("Intérêt net pour des maillots : la commande doit partir dans trois semaines au plus "
            "tard, donc chaud. Je rappelle le président en priorité demain.")
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING) == (1, 1)


def test_a_dated_follow_up_to_get_ahead_of_the_others_is_later():
    text = ("Intéressée par des sweats pour le concert de novembre, vote en septembre : tiède. "
            "Je la relance fin août pour passer avant les autres fournisseurs.")
    assert points(WARM_NOTES, "tiède", "tiède", text, SALON_SPRING) == (1, 1)


def test_a_plain_no_outweighs_a_word_that_is_not_the_contacts_interest():
    text = ("Le trésorier cherchait surtout à saluer un ami ; pour le club, pas de projet : tout va au "
            "local. Froid, je garde la fiche.")
    assert points(COLD_NOTES, "froid", "froid", text, SALON_SPRING) == (1, 1)
    # a plain interest claim beside the no stays a contradiction
    assert points(COLD_NOTES, "froid", "froid", "Il est intéressé mais pas de projet. Fiche CRM.",
                  SALON_SPRING)[0] == 0


def test_a_telegram_list_of_short_verbless_items_is_a_keyword_list():
    s = score(COLD_NOTES, SALON_SPRING, "froid", "froid",
              "pas de projet, pas de budget, fiche, catalogue, invitation, campagne")
    assert (s.evidence, s.action) == (0, 0) and "keywords" in s.motifs
    s = score(WARM_NOTES, SALON_SPRING, "tiède", "tiède", "sweats, chorale, concert, novembre, vote, tiède, relance")
    assert "keywords" in s.motifs
    s = score(COLD_NOTES, SALON_SPRING, "froid", "froid", "Froid : intérêt, besoin, budget, délai. Action : CRM.")
    assert (s.evidence, s.action) == (0, 0) and "keywords" in s.motifs
    # a telegraphic answer that states things is not
    s = score(HOT_NOTES, SALON_SPRING, "chaud", "chaud",
              "tres interessé maillots, match 15/05, budget ok, rapl demain, devis")
    assert "keywords" not in s.motifs and (s.evidence, s.action) == (1, 1)
    s = score(COLD_NOTES, SALON_SPRING, "froid", "froid", "Aucun besoin, tout au local. Froid. Fiche CRM.")
    assert "keywords" not in s.motifs and (s.evidence, s.action) == (1, 1)


def test_long_notes_mostly_pasted_with_hardly_a_word_of_ones_own_are_pasted():
    notes = ("Club de théâtre amateur venu en famille. Veut soixante tee-shirts et une bâche pour son "
             "festival du 5 juin. La présidente décide seule et l'argent de la billetterie est là. "
             "Attend notre proposition la semaine prochaine. Très sympathique.")
    text = ("Veut soixante tee-shirts et une bâche pour son festival du 5 juin. La présidente décide "
            "seule et l'argent de la billetterie est là. Attend notre proposition la semaine prochaine. "
            "Chaud, je l'appelle demain en priorité.")
    s = score(notes, SALON_SPRING, "chaud", "chaud", text)
    assert (s.evidence, s.action) == (0, 1) and "pasted" in s.motifs
    argued = ("Le festival du 5 juin est dans sept semaines et l'argent de la billetterie est là : "
              "rien ne retarde l'achat des soixante tee-shirts, c'est chaud. Je l'appelle demain en priorité.")
    assert points(notes, "chaud", "chaud", argued, SALON_SPRING) == (1, 1)


def test_a_paraphrase_in_plain_words_is_not_another_contacts_facts():
    notes = "Pas intéressés : les danseuses achètent leurs justaucorps elles-mêmes et le club refuse les achats groupés."
    text = ("Aucune envie de notre offre : chacune s'habille à ses frais et le bureau ne veut pas "
            "centraliser. Froid, je l'invite à nos portes ouvertes.")
    s = score(notes, SALON_SPRING, "froid", "froid", text)
    assert (s.evidence, s.action) == (1, 1) and "other_contact" not in s.motifs
    # particular facts of someone else (a town, a printer) still are
    other = "Fidèles à leur imprimeur de Saumur depuis dix ans et très contents : froid. Newsletter."
    assert "other_contact" in score(notes, SALON_SPRING, "froid", "froid", other).motifs


def test_the_notes_lack_of_goods_restated_is_the_need():
    text = "Ils n'ont pas de maillots et jouent le 15 mai : chaud. Je rappelle demain en priorité."
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING) == (1, 1)
    # a lack the notes do not state is no need
    assert points(WARM_NOTES, "tiède", "tiède", "Pas de maillots, concert en novembre : tiède. Relance en septembre.",
                  SALON_SPRING)[0] == 0


def test_a_time_set_aside_with_pas_pour_is_not_the_projects():
    notes = ("Intéressée par des tabliers pour la fête du village, mais l'édition de juin est déjà "
             "équipée ; ce sera pour juin 2028.")
    text = ("Intéressée par nos tabliers, mais pas pour la fête de juin qui est déjà équipée : c'est "
            "pour juin 2028. Tiède, je la relance en janvier.")
    assert points(notes, "tiède", "tiède", text, SALON_SPRING) == (1, 1)


def test_negations_that_deny_no_interest():
    # « ne … que » restricts
    assert points(WARM_NOTES, "tiède", "tiède",
                  "Intéressée par des sweats ; l'achat ne concerne que le concert de novembre : tiède. Relance en septembre.",
                  SALON_SPRING) == (1, 1)
    # « pas encore » is pending
    assert points(HOT_NOTES, "chaud", "chaud",
                  "Veut des maillots pour le 15 mai et n'a pas encore choisi de fournisseur : chaud. Je l'appelle demain.",
                  SALON_SPRING)[0] == 1
    # an obstacle denied
    assert points(HOT_NOTES, "chaud", "chaud",
                  "Match le 15 mai, budget prêt : plus rien ne bloque l'achat des maillots. Chaud, rappel demain en priorité.",
                  SALON_SPRING) == (1, 1)
    # the delay denied
    assert points(HOT_NOTES, "chaud", "chaud",
                  "Ce n'est pas un projet lointain : les maillots doivent être là le 15 mai. Chaud, appel demain.",
                  SALON_SPRING)[0] == 1


def test_a_second_plan_with_a_later_date_of_its_own_contradicts_a_fast_one():
    text = "Maillots pour le 15 mai, budget prêt : chaud. Je l'appelle en priorité demain puis je le relancerai en septembre."
    s = score(HOT_NOTES, SALON_SPRING, "chaud", "chaud", text)
    assert s.action == 0 and "contradiction" in s.motifs
    text = "Maillots pour le 15 mai : chaud. Je l'appelle en priorité demain et je le relancerai dans six mois."
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING)[1] == 0
    # two fast steps are one plan
    text = "Maillots pour le 15 mai : chaud. Je l'appelle demain puis j'envoie le devis sous 48 h."
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING) == (1, 1)
    # a deadline inside a fast plan is no delay
    text = ("Maillots pour le 15 mai : chaud. Je l'appelle en priorité lundi pour préparer le devis "
            "avant la réunion du bureau.")
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING) == (1, 1)


def test_a_wrong_class_takes_no_action_point():
    # the plan fits the key's class by chance, not the learner's own (wrong) class
    assert points(COLD_NOTES, "froid", "tiède", "Il a laissé sa carte, donc un peu intéressé. Je garde sa fiche.",
                  SALON_SPRING) == (0, 0)


def test_a_class_weighed_in_a_question_or_a_seeming_is_not_claimed():
    text = "chaud/tiède ? je dirais chaud, maillots pour le 15 mai, budget prêt. rappel demain en priorité"
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING) == (1, 1)
    text = ("Il pourrait sembler tiède car rien n'est signé, mais les maillots doivent être prêts pour "
            "le 15 mai et le budget est là : chaud. Je l'appelle demain en priorité.")
    assert points(HOT_NOTES, "chaud", "chaud", text, SALON_SPRING) == (1, 1)


def test_dates_of_the_notes_compare_without_their_articles():
    from grader.justifications.scoring import _date_key

    assert _date_key("la Toussaint") == _date_key("Toussaint") == "tous"
    assert _date_key("de la rentrée") == _date_key("rentrée")


def test_actions_for_a_cold_contact_in_other_words():
    notes = "Les brodeuses sont venues voir la démonstration. Elles font tout elles-mêmes et n'ont besoin de rien."
    # the demonstration they watched is no meeting the learner plans
    assert points(notes, "froid", "froid", "Venues pour la démonstration, aucun besoin. Je les enregistre dans le fichier.",
                  SALON_SPRING) == (1, 1)
    assert points(notes, "froid", "froid", "Aucun besoin, fiche CRM.", SALON_SPRING) == (1, 1)
    assert points(notes, "froid", "froid", "Elles n'ont besoin de rien. On les abonne à la newsletter.",
                  SALON_SPRING) == (1, 1)


def test_timing_words_of_this_round():
    from prospection.texte.temps import find_time_expressions

    found = find_time_expressions("en septembre de l'année prochaine", date(2027, 4, 17))
    assert found[0].date_min == date(2028, 9, 1)
    notes = "Intéressés par des gourdes ; le bureau doit encore choisir, sans date fixée pour la décision."
    assert points(notes, "tiède", "tiède", "Intéressés, pas de date de décision. Relance.", SALON_SPRING) == (1, 1)


def test_no_reason_to_buy_now_and_nothing_said_of_later_is_cold():
    text = "Ses tenues sont déjà offertes par un sponsor : aucune raison d'acheter chez nous maintenant. Froid, fiche CRM."
    notes = "Le club reçoit ses tenues d'un sponsor et n'a besoin de rien pour le moment."
    assert points(notes, "froid", "froid", text, SALON_SPRING) == (1, 1)


def test_interest_objects_are_goods_not_decision_words():
    from grader.justifications.analysis import interest_objects

    objs = interest_objects("Le club changera de tenues quand le contrat prendra fin. Le projet sera discuté en conseil.")
    assert "tenue" in " ".join(objs) or "tenues" in objs
    assert not {"quand", "contrat", "conseil", "etre", "sera"} & set(objs)
    # a timing alone is no interest
    notes = "Intéressé par des polos ; changera de tenues quand le contrat prendra fin, au printemps 2028."
    assert points(notes, "tiède", "tiède", "Tiède : pas avant l'an prochain, quand le contrat sera fini. Relance en janvier.",
                  SALON_SPRING)[0] == 0


def test_absent_facts_of_this_round():
    notes = "Intéressé par des combinaisons pour la saison 2028, pas avant. Souhaite un catalogue."
    s = score(notes, SALON_SPRING, "tiède", "tiède",
              "Intéressé, saison 2028 ; il a déjà demandé un devis à un concurrent. Relance en janvier.")
    assert s.evidence == 0 and "absent_fact" in s.motifs
    s = score(notes, SALON_SPRING, "tiède", "tiède", "Il veut 25 combinaisons pour la saison 2028 : tiède. Relance en janvier.")
    assert s.evidence == 0 and "absent_fact" in s.motifs
    # a quantity the notes give is theirs
    notes2 = "Intéressé par 25 combinaisons pour la saison 2028, pas avant."
    assert points(notes2, "tiède", "tiède", "Il veut 25 combinaisons pour la saison 2028 : tiède. Relance en janvier.",
                  SALON_SPRING) == (1, 1)


# --- issue 14, dev13–dev15 round (three blind batches): general rules, sentences of their own --
SALON_AUTUMN = "2027-10-16"
CHOIR_NOTES = ("Le chef de chœur aimerait des étoles brodées pour le concert du printemps 2028. Le "
               "bureau votera la dépense en novembre ; rien ne presse.")
RUN_NOTES = ("L'organisateur veut 150 bonnets brodés pour la course de la Saint-Sylvestre du 31 décembre. "
             "Le budget est prêt ; il compare deux fournisseurs et décidera sous dix jours.")
SCOUT_NOTES = ("Les chefs scouts sont passés par curiosité. Chaque famille équipe ses enfants de son côté ; "
               "le groupe n'a aucun projet d'achat.")


def test_keyword_lists_of_the_rubrics_own_words():
    for text in ("CHAUD : intérêt ✔ délai ✔ budget ✔ devis ✔ → action : rappel, devis, rdv",
                 "Tiède. Mots-clés : intérêt, projet, délai, budget, relance.",
                 "Besoin, intérêt, délai, CRM : froid."):
        s = score(RUN_NOTES, SALON_AUTUMN, "chaud", "chaud", text)
        assert "keywords" in s.motifs and (s.evidence, s.action) == (0, 0), text
    # criteria picked and qualified are still the rubric's words, true of any warm contact (the blind
    # batches label « tiède = intérêt + délai long » so, 9 texts in 10); a fact of this contact is not
    s = score(CHOIR_NOTES, SALON_AUTUMN, "tiède", "tiède", "Intérêt + délai long = tiède. Action : relance.")
    assert "keywords" in s.motifs
    s = score(CHOIR_NOTES, SALON_AUTUMN, "tiède", "tiède", "Intérêt (étoles) + délai long (printemps 2028) = tiède. Action : relance.")
    assert "keywords" not in s.motifs


def test_a_class_first_thought_of_then_set_aside_is_no_stuffing():
    text = ("Au début j'ai pensé froid, car rien n'est commandé et le concert n'est qu'au printemps 2028. "
            "Mais le chef de chœur aimerait vraiment des étoles : c'est tiède. Je le relance en novembre.")
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)


def test_a_vote_or_a_meeting_date_does_not_contradict_the_projects_date():
    text = ("Il aimerait des étoles brodées pour le concert du printemps 2028 ; le bureau votera la "
            "dépense en novembre. Tiède, je le relance début novembre.")
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)


def test_relative_durations_with_approximations():
    from prospection.texte.temps import find_time_expressions

    salon = date(2027, 10, 16)
    for text, inside in (("dans presque six mois", date(2028, 4, 16)), ("dans environ deux mois", date(2027, 12, 16)),
                         ("dans un peu plus de deux mois", date(2027, 12, 20)),
                         ("dans plus de trois mois", date(2028, 1, 25)), ("dans moins de deux mois", date(2027, 12, 5))):
        found = find_time_expressions(text, salon)
        assert found and found[0].date_min <= inside <= found[0].date_max, (text, found)
    text = "Intérêt pour des bonnets, la course est dans un peu plus de deux mois : chaud. Je l'appelle demain en priorité."
    assert points(RUN_NOTES, "chaud", "chaud", text, SALON_AUTUMN) == (1, 1)


def test_words_that_look_like_a_refusal_or_a_wish_but_are_not():
    # « veut dire » means, « il y a un intérêt » is no past, a denied delay is no refusal
    text = "Sa réponse « on verra » veut surtout dire non : aucun projet d'achat. Froid, fiche CRM."
    assert points(SCOUT_NOTES, "froid", "froid", text, SALON_AUTUMN) == (1, 1)
    text = "Il y a un intérêt pour des étoles, pour le printemps 2028 : tiède. Relance en novembre."
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)
    text = ("Il veut 150 bonnets pour le 31 décembre et ne mettra pas plus de dix jours à choisir : "
            "chaud. Appel dès lundi.")
    assert points(RUN_NOTES, "chaud", "chaud", text, SALON_AUTUMN) == (1, 1)
    # a risk named in the plan is not a purchase made elsewhere
    text = ("Bonnets pour le 31 décembre, décision sous dix jours : si on attend, la commande part "
            "ailleurs. Chaud, devis sous 48 h.")
    assert points(RUN_NOTES, "chaud", "chaud", text, SALON_AUTUMN) == (1, 1)
    # nothing ordered yet says nothing of the wish
    text = "Il n'a rien commandé encore, mais il aimerait des étoles pour le printemps 2028 : tiède. Relance en novembre."
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)


def test_ways_of_saying_no_need():
    for text in ("Les familles s'équipent chacune de leur côté, le groupe n'a aucune demande à nous faire. Froid, fiche CRM.",
                 "Rien n'est prévu côté achats. Froid, je garde la fiche.",
                 "- Besoin : couvert par les familles\n- Classe : froid\n- Action : fiche CRM"):
        assert points(SCOUT_NOTES, "froid", "froid", text, SALON_AUTUMN) == (1, 1), text


def test_a_no_granted_or_bounded_is_no_refusal_for_a_warm_contact():
    text = ("Même s'il n'est pas pressé, le chef de chœur aimerait des étoles pour le printemps 2028 : "
            "tiède. Relance en novembre.")
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)
    text = ("Il aimerait des étoles pour le printemps 2028, mais tant que le bureau n'a pas voté la "
            "dépense, aucun achat n'est possible : tiède, relance avant le vote de novembre.")
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)
    # « pas d'achat avant 2028. » at the end of a sentence is a date, not a refusal
    text = "Il aimerait des étoles, donc pas d'achat avant 2028. Je le relance en novembre."
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)


def test_plans_fast_and_late_at_once_lose_the_action_point():
    for text in ("Bonnets pour le 31 décembre : chaud. À rappeler en priorité, mais après les fêtes.",
                 "Bonnets pour le 31 décembre : chaud. Devis sous 48 h mais rien ne presse, je le recontacterai après les fêtes."):
        assert points(RUN_NOTES, "chaud", "chaud", text, SALON_AUTUMN)[1] == 0, text
    text = "Étoles pour le printemps 2028 : tiède. Rappel J+2 pour le devis, puis relance en novembre."
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN)[1] == 0


def test_what_the_contact_took_at_the_stand_is_not_the_learners_plan():
    text = ("Il a pris nos tarifs pour comparer l'an prochain, c'est un début d'intérêt pour des étoles : "
            "tiède. Je le relance en novembre.")
    assert points(CHOIR_NOTES, "tiède", "tiède", text, SALON_AUTUMN) == (1, 1)


# --- issue 14, dev16–dev18 round (three blind batches): general rules, sentences of their own --
SALON_WINTER = "2027-12-04"
BAND_NOTES = ("La fanfare voudrait des vestes brodées pour son défilé de printemps, fin avril 2028. "
              "Le bureau en reparlera en février.")
CYCLE_NOTES = ("Le club cycliste organise sa course le 15 janvier et veut une soixantaine de maillots. "
               "Le budget est prêt ; le président attend un devis avant Noël.")
POOL_NOTES = ("Les nageurs ont reçu des bonnets neufs du comité. Aucun achat n'est envisagé avant 2029 ; "
              "le trésorier est passé par curiosité.")


def test_the_rubrics_criteria_named_are_no_interest_stated():
    text = ("J'applique trois critères dans l'ordre : l'intérêt, le besoin, puis le délai. Ici, aucun "
            "besoin : les bonnets viennent d'être offerts. Froid, fiche CRM.")
    assert points(POOL_NOTES, "froid", "froid", text, SALON_WINTER) == (1, 1)
    s = score(POOL_NOTES, SALON_WINTER, "froid", "froid", "Critères : intérêt, besoin, budget, délai, décideur. Action : CRM.")
    assert "keywords" in s.motifs and (s.evidence, s.action) == (0, 0)
    # « un autre projet » is someone else's
    text = "Pas d'intention d'achat : leur argent va à un autre projet. Froid, je garde la fiche."
    assert points(POOL_NOTES, "froid", "froid", text, SALON_WINTER) == (1, 1)


def test_a_denied_purchase_and_a_denied_delay():
    # « ne nous achètera rien » outweighs a search for something else
    text = "Le club cherche surtout des bénévoles et ne nous achètera rien avant 2029 : froid, fiche CRM."
    assert points(POOL_NOTES, "froid", "froid", text, SALON_WINTER) == (1, 1)
    # the denial bears on the delay, not on the purchase
    text = ("Il veut une soixantaine de maillots pour le 15 janvier et ne peut pas commander au-delà "
            "de quinze jours : chaud, devis sous 48 h.")
    assert points(CYCLE_NOTES, "chaud", "chaud", text, SALON_WINTER) == (1, 1)


def test_form_answers_that_deny_the_urgency():
    text = "Intérêt ? Oui, des vestes brodées. Délai ? Pour le printemps. Urgence ? Aucune. → Tiède. Relance en février."
    assert points(BAND_NOTES, "tiède", "tiède", text, SALON_WINTER) == (1, 1)
    text = "Intéressée, oui ; pressée, non : c'est pour le printemps. Tiède, relance en février."
    assert points(BAND_NOTES, "tiède", "tiède", text, SALON_WINTER) == (1, 1)


def test_a_quantity_is_an_absent_fact_only_when_the_notes_give_none():
    from grader.justifications.gaming import _folded_notes, _gives_a_quantity

    assert _gives_a_quantity(_folded_notes("Veut une soixantaine de maillots."))
    assert _gives_a_quantity(_folded_notes("Besoin de 60 maillots pour le 6 mai 2027."))
    assert not _gives_a_quantity(_folded_notes("Course le 15 janvier 2028, devis avant le 20/12."))
    # an approximate number the notes give, and a date, are no invented quantity
    text = "Chaud : course le 15/01, 60 maillots, budget prêt. Devis avant Noël, rappel asap."
    assert points(CYCLE_NOTES, "chaud", "chaud", text, SALON_WINTER) == (1, 1)
    text = "Tiède : il veut 45 vestes pour le défilé de fin avril 2028. Relance en février."
    assert "absent_fact" in score(BAND_NOTES, SALON_WINTER, "tiède", "tiède", text).motifs


def test_the_notes_open_dates_compare_without_their_year():
    from grader.justifications.scoring import _date_key

    assert _date_key("fin mars 2028") == _date_key("fin mars")
    notes = "La présidente cherche des éventails pour le gala de fin mars 2028 ; elle compare plusieurs offres."
    text = "Chaud : elle cherche des éventails pour le gala de fin mars et compare les offres, il faut être rapide. Devis en priorité."
    s = score(notes, SALON_WINTER, "tiède", "chaud", text, accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1)


def test_no_purchase_before_a_date_over_a_year_away_is_cold():
    text = "Aucun achat prévu avant 2029, bonnets neufs : froid. Je garde la fiche pour la prochaine campagne."
    assert points(POOL_NOTES, "froid", "froid", text, SALON_WINTER) == (1, 1)


def test_sms_and_weak_signs_of_this_round():
    assert points(POOL_NOTES, "froid", "froid", "froid, pa dinteret ils ont des bonnets neufs. envoyer doc par mail",
                  SALON_WINTER) == (1, 1)
    notes = "Le club vient de signer pour trois ans avec un équipementier. Aucun besoin pour l'instant."
    assert points(notes, "froid", "froid", "froid, contrat 3 ans avec un autre fournisseur. garder la fiche",
                  SALON_WINTER) == (1, 1)


# --- issue 14, dev19–dev21 round (three blind batches): general rules, sentences of their own --
SALON_LATE = "2027-11-13"
SAIL_NOTES = ("Le club ouvre son école de voile le 15 avril ; casquettes + lycras au logo, budget voté. "
              "Dde devis avant fin novembre.")
FAIR_NOTES = ("Le comité prépare la fête des moissons d'août 2028 et aimerait des tabliers gravés. Il fera "
              "le point sur les commandes en mars.")
QUIET_NOTES = ("Le club de tarot vient de recevoir des sacoches offertes par un sponsor et ne cherche rien. "
               "Le président a laissé sa carte « au cas où ».")


def test_the_goods_the_notes_name_are_a_named_purchase():
    # no interest verb in the notes or the text: naming the goods the contact wants is enough
    text = "chaud : casquettes + lycras pour l'ouverture du 15 avril, devis avant fin novembre. rappel lundi"
    assert points(SAIL_NOTES, "chaud", "chaud", text, "2028-02-26") == (1, 1)
    # the timing alone still is not
    assert points(SAIL_NOTES, "chaud", "chaud", "chaud, ouverture le 15 avril. rappel lundi", "2028-02-26")[0] == 0


def test_durations_counted_from_the_salon_and_week_numbers():
    from prospection.texte.temps import find_time_expressions

    salon = date(2027, 9, 11)
    found = find_time_expressions("un tournoi qui tombe un mois après le salon", salon)
    assert found and found[0].date_min <= date(2027, 10, 11) <= found[0].date_max
    found = find_time_expressions("la collecte S43", salon)
    assert found and found[0].date_min == date(2027, 10, 25)
    found = find_time_expressions("dans à peine plus de trois mois", salon)
    assert found and found[0].date_min == date(2027, 12, 11)


def test_ways_of_saying_the_gear_is_there_or_the_interest_is_thin():
    for text in ("Froid : le club ne cherche rien, il vient d'être équipé par son sponsor. Fiche CRM et catalogue.",
                 "froid - sacoches offertes par sponsor, besoin 0. carte ds crm + invit portes ouvertes",
                 "L'intérêt est très vague (« au cas où ») et rien n'est prévu : froid. Je garde sa carte."):
        assert points(QUIET_NOTES, "froid", "froid", text, SALON_LATE) == (1, 1), text
    notes = "Les uniformes ont été changés en 2026 ; le prochain renouvellement n'est pas envisagé avant 2031."
    assert points(notes, "froid", "froid", "Froid, rien avant 2031. CRM.", "2028-02-26") == (1, 1)


def test_interest_phrased_as_a_thought():
    notes = "La présidente pense à des sweats pour les CM2, à la kermesse de fin juin. Elle sondera les familles en avril."
    text = "Tiède : elle pense à des sweats pour les CM2, la kermesse est fin juin, dans quatre mois. Relance début avril."
    assert points(notes, "tiède", "tiède", text, "2028-02-26") == (1, 1)


def test_a_quote_that_goes_with_a_later_follow_up_is_no_fast_plan():
    text = "Tabliers pour la fête d'août 2028, point en mars : tiède. On le relance en février avec une maquette."
    assert points(FAIR_NOTES, "tiède", "tiède", text, SALON_LATE) == (1, 1)
    # « on le garde au chaud » is an idiom, « limite tiède » a weighing
    text = "On le garde au chaud : les tabliers lui plaisent, mais pour août 2028. Tiède, relance en février."
    assert points(FAIR_NOTES, "tiède", "tiède", text, SALON_LATE) == (1, 1)
    text = "chaud (limite tiède). casquettes + lycras pr l'ouverture du 15/04, devis avt fin novembre. appel rapide"
    assert points(SAIL_NOTES, "chaud", "chaud", text, "2028-02-26") == (1, 1)


# --- issue 14, dev22–dev24 round (three blind batches): general rules, sentences of their own --
SALON_SPRING2 = "2027-04-10"
FEST_NOTES = ("Le festival, fin juillet, cherche des t-shirts pour ses bénévoles. La présidente pense "
              "commander « courant juin, peut-être juillet » ; le nombre de bénévoles n'est pas connu.")
GYM_NOTES = ("La gym volontaire a reçu des t-shirts offerts par la mairie. Pas de besoin pour l'instant ; "
             "la trésorière a pris un catalogue.")


def test_a_long_answer_that_thinks_aloud_concludes_once():
    text = ("Au début je me suis dit chaud, parce que juillet n'est pas si loin. Mais en relisant, la "
            "commande ne partira qu'en juin ou juillet et le nombre de bénévoles n'est pas connu : "
            "il y a un intérêt réel, mais rien de pressé. Je la classe tiède et je la relance fin mai.")
    s = score(FEST_NOTES, SALON_SPRING2, "tiède", "tiède", text, accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1) and "stuffing" not in s.reasons


def test_the_notes_open_dates_match_by_their_month_words():
    # (a contact the key leaves open between tiède and chaud: its own straddling dates decide nothing)
    text = "Tiède : t-shirts pour les bénévoles, commande vers juin-juillet, quantités floues. Relance fin mai."
    s = score(FEST_NOTES, SALON_SPRING2, "tiède", "tiède", text, accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1)


def test_a_plan_in_a_question_answered_no_is_ruled_out():
    text = ("Est-ce qu'elles ont un besoin ? Non, la mairie fournit les t-shirts. Faut-il les rappeler vite ? "
            "Non plus. Froid : fiche CRM + doc par courrier.")
    assert points(GYM_NOTES, "froid", "froid", text, SALON_SPRING2) == (1, 1)


def test_a_later_follow_up_carries_its_quote():
    text = ("Tiède : t-shirts pour le festival, commande en juin ou juillet. Je programme une relance fin mai "
            "pour obtenir un rendez-vous et préparer le devis.")
    assert points(FEST_NOTES, "tiède", "tiède", text, SALON_SPRING2)[1] == 1


def test_pasted_notes_with_a_class_word_slipped_in_are_still_pasted():
    notes = ("Le responsable est passé au stand par curiosité. Il travaille depuis dix ans avec un imprimeur "
             "local dont il est très satisfait et n'a aucun projet de textile ou de goodies.")
    text = ("Le responsable est passé au stand par curiosité. Il travaille depuis dix ans avec un imprimeur "
            "local, donc froid, dont il est très satisfait et n'a aucun projet de textile ou de goodies. "
            "Je garde sa fiche au CRM.")
    s = score(notes, SALON_SPRING2, "froid", "froid", text)
    assert (s.evidence, s.action) == (0, 1) and "pasted" in s.motifs


def test_keyword_lists_with_check_marks_and_arrows():
    for text in ("✔ intérêt ✔ besoin ✔ budget ✔ délai → chaud", "- intérêt\n- projet\n- échéance\n- bureau\n=> tiède, relance",
                 "Chaud : intérêt + urgence + commande + délai + devis"):
        assert "keywords" in score(FEST_NOTES, SALON_SPRING2, "tiède", "tiède", text).motifs, text


# --- issue 14, last round (dev22–dev27): general rules, sentences of their own ---------------
def test_last_round_no_need_and_interest_phrasings():
    notes = "L'amicale n'a besoin ni de textile ni de goodies et n'a pas de budget. Le président accompagnait un ami."
    for text in ("Froid : l'amicale n'a besoin ni de textile ni de goodies, aucun intérêt aujourd'hui. Fiche CRM.",
                 "Froid, pas pour eux. Catalogue par mail.",
                 "Classe : froid\nBesoin / budget : ni l'un ni l'autre\nAction : fiche CRM"):
        assert points(notes, "froid", "froid", text, SALON_SPRING2) == (1, 1), text
    notes = "Le club aimerait des casquettes pour septembre ; rien ne presse."
    assert points(notes, "tiède", "tiède", "Tiède, ça les tente mais pas avant septembre. Relance en juin.",
                  SALON_SPRING2) == (1, 1)
    # « la saison froide » is no class word
    text = "Tiède : des casquettes pour la saison froide 2027-2028, rien ne presse. Relance en juin."
    assert "stuffing" not in score(notes, SALON_SPRING2, "tiède", "tiède", text).reasons


def test_last_round_dates_that_are_steps_or_horizons():
    notes = "Intéressée par des foulards pour septembre 2028 ; les parents valideront en mai."
    assert points(notes, "tiède", "tiède", "tiède, foulards pr septembre 2028, validation parents en mai. relance juin",
                  "2028-03-04") == (1, 1)
    notes = "Le club doit rembourser ses bateaux ; aucune dépense avant 2029."
    assert points(notes, "froid", "froid", "Froid : rien ne se fera avant 2029. Fiche CRM.", "2027-11-13") == (1, 1)
    notes = "Intéressé par des polos pour les vingt ans du club, au printemps 2028 ; attend l'accord de la mairie."
    assert points(notes, "tiède", "tiède", "Tiède. Des polos pour leur anniversaire, mais dans huit ou neuf mois. Relance cet automne.",
                  "2027-07-10") == (1, 1)
    # « sans date de commande » denies the date, not the interest
    notes = "Le bureau apprécie les gourdes pour les 10 ans du club en octobre 2028 ; aucune date de commande."
    assert points(notes, "tiède", "tiède", "Tiède : ils apprécient les gourdes pour octobre 2028, sans date de commande ni urgence. Relance au printemps.",
                  "2027-11-27") == (1, 1)


def test_last_round_invented_supplier_closure():
    notes = "Intéressés par des sweats pour la saison 2028-2029 ; budget voté à l'AG de janvier."
    s = score(notes, "2027-07-10", "tiède", "tiède",
              "Tiède, sweats pour 2028-2029 ; l'imprimeur du club arrête son activité. Relance en décembre.")
    assert s.evidence == 0 and "absent_fact" in s.motifs


def test_sms_months_seasons_and_sans():
    from prospection.texte.abreviations import expand

    assert expand("pr sept 2028, debut sept, fin sept.") == "pour septembre 2028, debut septembre, fin septembre"
    assert expand("sept joueurs, pour sept joueurs, les sept mois") == "sept joueurs, pour sept joueurs, les sept mois"
    assert expand("c pr lhiver prochain, ss besoin") == "c pour l'hiver prochain, sans besoin"
    notes = "La cheffe de chœur veut des écharpes pour l'hiver prochain ; rien ne presse."
    assert points(notes, "tiède", "tiède", "tiède, elle veut des echarpes mais c pr lhiver prochain, ya pas le feu. relance en sept",
                  "2027-02-06") == (1, 1)
    notes = "Le club veut des tee-shirts pour son tournoi de fin mars ; il attend une proposition au plus vite."
    assert points(notes, "chaud", "chaud", "chaud tournoi fin mars ds 3 sem, tshirts, urgent. rappel + devis ds la journée",
                  "2027-03-06") == (1, 1)


def test_unpunctuated_plans_and_steps_the_contact_can_skip():
    notes = "Les maillots sont offerts par un sponsor ; ni projet ni budget cette année."
    assert points(notes, "froid", "froid", "froid ni projet ni budget cette annee on garde la fiche pr la prochaine campagne",
                  "2027-04-17") == (1, 1)
    notes = "Le club a déjà ses blousons et ses casquettes pour plusieurs années."
    assert points(notes, "froid", "froid", "Froid : le club a déjà ses blousons et casquettes, rien demandé. Fiche CRM.",
                  "2028-01-08") == (1, 1)
    notes = "L'équipe veut des lycras pour la compétition de début juin ; le budget est déjà voté."
    text = ("Chaud : des lycras pour début juin, moins de deux mois, et il n'a plus besoin de faire voter "
            "le budget. Je le rappelle demain en priorité.")
    assert points(notes, "chaud", "chaud", text, "2027-04-17") == (1, 1)


def test_a_denied_wait_or_a_denied_refusal_is_no_refusal():
    notes = "La présidente veut des coupe-vent brodés pour la course du 12 mai ; le budget est prêt."
    text = ("Chaud : les coupe-vent sont pour la course du 12 mai et elle ne veut pas attendre, "
            "le budget est prêt. Je l'appelle demain en priorité.")
    assert points(notes, "chaud", "chaud", text, "2027-03-20") == (1, 1)
    text = ("Chaud, la course est le 12 mai et la présidente ne va pas traîner pour choisir ses coupe-vent. "
            "Rappel prioritaire demain.")
    assert points(notes, "chaud", "chaud", text, "2027-03-20") == (1, 1)
    notes = "Le trésorier n'écarte pas une commande de gilets si le prix convient, pour la rentrée 2028."
    text = "Tiède : il n'exclut pas de commander des gilets, mais pour la rentrée 2028 seulement. Relance au printemps."
    assert points(notes, "tiède", "tiède", text, "2027-05-15") == (1, 1)
    # a plain refusal stays one
    notes = "Le club ne veut pas de textile personnalisé : les tenues viennent du comité."
    assert points(notes, "froid", "froid", "Froid : il ne veut pas de nos tenues. Fiche CRM.", "2027-05-15") == (1, 1)
    assert points(notes, "tiède", "tiède", "Tiède : il ne veut pas de nos tenues. Relance en mars.", "2027-05-15")[0] == 0


def test_a_project_not_settled_is_not_a_refusal():
    notes = "M. Vasseur trouve nos casquettes réussies ; le club en voudrait peut-être, sans projet arrêté."
    text = "Tiède : il aime nos casquettes et pourrait en vouloir, mais pas de projet ferme. Je le relance en janvier."
    assert points(notes, "tiède", "tiède", text, "2027-09-18") == (1, 1)
    text = "Tiède : intéressé par les casquettes, aucun projet daté pour l'instant. Relance en janvier."
    assert points(notes, "tiède", "tiède", text, "2027-09-18") == (1, 1)
    # the interest is still needed, and a cold reading still holds
    assert points(notes, "tiède", "tiède", "Tiède : pas de projet ferme. Relance en janvier.", "2027-09-18")[0] == 0
    notes = "Le secrétaire trouve nos gourdes jolies ; aucun projet, aucun budget."
    text = "Froid : il aime nos gourdes mais n'a aucun projet concret. Fiche gardée dans le CRM."
    assert points(notes, "froid", "froid", text, "2027-09-18") == (1, 1)


def test_a_denial_the_sentence_turns_into_interest():
    notes = "M. Ribot est venu sans idée précise ; il a parlé de sweats pour le club si les effectifs montent l'an prochain."
    text = ("Tiède : il n'avait pas de projet en venant, mais il a parlé de sweats pour le club l'an prochain. "
            "Relance en juin.")
    assert points(notes, "tiède", "tiède", text, "2027-10-02") == (1, 1)
    # for a cold contact the denial still counts, and the interest after it too
    notes = "Le président n'a aucun projet ; il trouve nos sweats jolis."
    text = "Froid : pas de projet, mais il est très intéressé par nos sweats pour le club. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2027-10-02")[0] == 0


def test_a_copied_plan_naming_another_contacts_person_earns_no_action():
    notes = "La trésorière veut des gourdes pour la randonnée du 3 juin ; elle attend un devis rapidement."
    copied = ("Chaud : Mme Pelletier veut des bonnets et des polaires pour la sortie du 20 mai. "
              "Je rappelle Mme Pelletier en priorité demain.")
    s = score(notes, "2027-04-10", "chaud", "chaud", copied)
    assert s.evidence == 0 and s.action == 0 and "other_contact" in s.motifs
    assert any("personne" in m for m in s.messages)
    generic = "Chaud : il veut des bonnets et des polaires pour la sortie du 20 mai. Je le rappelle en priorité demain."
    assert score(notes, "2027-04-10", "chaud", "chaud", generic).action == 1
    own = "Chaud : la trésorière veut des gourdes pour le 3 juin. Je rappelle la trésorière en priorité demain."
    assert points(notes, "chaud", "chaud", own, "2027-04-10") == (1, 1)


def test_what_the_contact_took_or_declined_is_not_the_plan():
    notes = "La présidente ne voit pas l'intérêt d'objets personnalisés et n'a pas voulu de devis."
    text = ("Froid : elle ne voit pas l'intérêt de nos objets et elle a refusé le devis. Je l'inscris dans "
            "le CRM et on la recontactera à la prochaine campagne.")
    assert points(notes, "froid", "froid", text, "2027-06-05") == (1, 1)
    notes = "La chorale aimerait des polos pour sa tournée de l'été 2028 ; catalogue pris."
    text = "Tiède : des polos pour l'été 2028 (catalogue et tarifs emportés), c'est loin. Je les relance en février."
    assert points(notes, "tiède", "tiède", text, "2027-06-05") == (1, 1)


def test_on_an_open_contact_the_straddling_date_in_other_words_is_the_learners_call():
    notes = "La secrétaire veut des survêtements pour la fête des 30 ans du club, le 21 juin ; elle compare des offres."
    salon = "2027-03-13"
    for text in ("Chaud : des survêtements pour les 30 ans du club au début de l'été, et elle compare : "
                 "je lui fais une offre en priorité cette semaine.",
                 "Chaud : le 21 juin n'est qu'à un peu plus de trois mois, elle veut des survêtements et compare "
                 "les offres. Rappel prioritaire lundi."):
        s = score(notes, salon, "chaud", "chaud", text, accepted=["chaud", "tiède"])
        assert (s.evidence, s.action) == (1, 1), (text, s.reasons)
    # not on a contact the key does not leave open
    text = "Chaud : des survêtements pour les 30 ans du club au début de l'été. Je lui fais une offre en priorité."
    assert score(notes, salon, "tiède", "chaud", text).evidence == 0


def test_the_season_after():
    notes = "La cheffe de chœur aimerait des foulards pour la tournée de l'été 2027 ; rien ne presse."
    text = "Tiède : des foulards pour leurs concerts de l'été d'après, c'est loin. Relance au printemps."
    assert points(notes, "tiède", "tiède", text, "2026-09-19") == (1, 1)


def test_a_fact_the_notes_deny_is_an_absent_fact():
    notes = "Le président voudrait des vestes pour ses archers dès que possible, mais la dépense doit d'abord être votée en AG en novembre."
    text = "Chaud : il a son budget et veut les vestes dès que possible. Devis cette semaine."
    s = score(notes, "2027-06-05", "chaud", "chaud", text, accepted=["chaud", "tiède"])
    assert s.evidence == 0 and "absent_fact" in s.motifs
    # said as a condition, it is no claim
    text = "Tiède : il les voudrait vite, mais seulement si le budget est voté en novembre. Relance en octobre."
    assert "absent_fact" not in score(notes, "2027-06-05", "tiède", "tiède", text, accepted=["chaud", "tiède"]).motifs
    notes = "La capitaine est très satisfaite de son fournisseur ; elle a pris nos tarifs pour comparer."
    text = "Tiède : elle veut changer de fournisseur la saison prochaine. Relance en août."
    s = score(notes, "2027-03-27", "froid", "tiède", text, accepted=["froid", "tiède"])
    assert s.evidence == 0 and "absent_fact" in s.motifs


def test_short_plans_after_an_arrow_a_title_or_a_verbless_clause():
    notes = "M. Fabre s'intéresse aux gilets brodés pour 2028 ; pas pressé du tout."
    assert points(notes, "tiède", "tiède", "tiède, intéressé mais pas pressé → relance", "2027-02-06") == (1, 1)
    notes = "M. Moreau veut 150 écharpes pour la finale du 12 décembre, au plus vite."
    text = "Chaud : des écharpes pour la finale du 12 décembre, dans un mois. J'appelle M. Moreau dès demain."
    assert points(notes, "chaud", "chaud", text, "2027-11-06") == (1, 1)
    notes = "La présidente ne veut pas d'objets personnalisés ; elle a laissé sa carte."
    assert points(notes, "froid", "froid", "Froid : aucun besoin d'objets personnalisés. Fiche CRM et doc par mail.",
                  "2027-11-06") == (1, 1)


def test_goods_the_contact_has_run_out_of_are_a_need():
    notes = "La trésorière n'a plus de stock de maillots pour les U13 ; le tournoi est dans six semaines."
    assert points(notes, "chaud", "chaud", "Chaud : le club n'a plus de maillots et le tournoi est dans six semaines. "
                  "Je la rappelle en priorité.", "2027-04-17") == (1, 1)


def test_interest_words_that_state_no_interest_of_the_contact():
    notes = "Le chef de musique est venu par curiosité ; aucun besoin, la mairie fournit les tenues."
    text = ("Froid : venu par curiosité, aucun besoin puisque la mairie fournit les tenues. Je l'invite à nos "
            "portes ouvertes, ça peut l'intéresser.")
    assert points(notes, "froid", "froid", text, "2027-09-25") == (1, 1)
    notes = "La présidente trouve les gourdes sympas ; rien n'est prévu."
    text = "Froid : simple intérêt de principe pour les gourdes, aucun achat envisagé. Brochure envoyée, fiche gardée."
    assert points(notes, "froid", "froid", text, "2027-04-10") == (1, 1)
    notes = "M. Azéma s'intéresse aux casquettes pour l'automne 2028 ; rien ne presse."
    text = "Tiède : il n'a pas caché son intérêt pour les casquettes, mais c'est pour l'automne 2028. Relance en janvier."
    assert points(notes, "tiède", "tiède", text, "2027-10-09") == (1, 1)


def test_interest_then_no_project_yet_is_lukewarm_not_a_contradiction():
    notes = "La présidente trouve les gourdes sympas et a pris une brochure ; rien n'est prévu, peut-être un jour."
    text = "tiede, elle aime bien les gourdes mais rien de prevu, peut etre un jour. relance a la rentree"
    s = score(notes, "2027-04-10", "froid", "tiède", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    # a cold reading of the same words still holds
    text = "Froid : elle aime bien les gourdes mais rien de prévu. Fiche gardée, brochure envoyée."
    s = score(notes, "2027-04-10", "froid", "froid", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_lacking_goods_double_denials_and_the_team():
    notes = "La trésorière n'a plus de stock de maillots ; le tournoi est dans six semaines, elle veut un devis."
    text = ("Chaud : elle n'a plus aucun maillot alors que le tournoi est dans six semaines. "
            "Je l'appelle lundi en priorité.")
    assert points(notes, "chaud", "chaud", text, "2027-04-17") == (1, 1)
    assert points(notes, "chaud", "chaud", "chaud : maillots, tournoi ds 6 sem, rappel prio", "2027-04-17") == (1, 1)
    notes = "Mme Vidal veut des justaucorps pour la saison 2028-2029 ; pas de commande avant l'été 2028."
    text = ("Tiède : pas d'achat tout de suite, pas avant l'été 2028, mais elle n'est pas sans projet : "
            "des justaucorps pour la saison suivante. Relance en mai.")
    assert points(notes, "tiède", "tiède", text, "2027-11-20") == (1, 1)
    notes = "La capitaine est satisfaite de son fournisseur ; elle a pris nos tarifs pour comparer."
    text = ("Froid. L'équipe a déjà un prestataire qui lui convient ; les tarifs servent juste à comparer. "
            "Je note le contact pour une future campagne.")
    s = score(notes, "2027-03-27", "froid", "froid", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_more_ways_to_say_no_use_for_it():
    notes = "Le ciné-club n'a pas de budget pour des goodies et n'en voit pas l'utilité."
    text = "Froid : le ciné-club ne juge pas cela utile pour ses séances. Je garde ses coordonnées et j'envoie la doc."
    assert points(notes, "froid", "froid", text, "2027-03-20") == (1, 1)
    notes = "Les membres fabriquent leurs badges eux-mêmes ; le textile ne les intéresse pas."
    text = "Froid : ils font leurs accessoires eux-mêmes et le textile ne les attire pas. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2027-03-20") == (1, 1)


def test_the_notes_wish_under_a_double_denial_is_an_object_of_interest():
    notes = "Le coach n'exclut pas une commande de sweats si le prix est bas, pour la reprise de septembre."
    text = ("Chaud : le coach pourrait prendre des sweats pour la rentrée de septembre, à environ trois mois. "
            "Devis cette semaine, puis je le rappelle.")
    s = score(notes, "2027-06-05", "tiède", "chaud", text, accepted=["tiède", "chaud"])
    assert s.evidence == 1, s.reasons
    text = "chaud, sweats pr la reprise de sept, cmd possible si prix bas. devis ds la semaine + rappel en prio"
    s = score(notes, "2027-06-05", "tiède", "chaud", text, accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_on_an_open_contact_a_step_denied_does_not_undo_the_learners_reading():
    notes = "La secrétaire veut des survêtements pour les 25 ans du club, le 20 juin ; elle compare des offres."
    text = ("Chaud. Ce n'est pas un projet pour dans un an : les survêtements sont pour le 20 juin et elle ne va "
            "pas attendre pour choisir. Je la rappelle dès lundi.")
    s = score(notes, "2027-03-13", "chaud", "chaud", text, accepted=["chaud", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_within_the_week_is_fast_and_a_far_not_before_is_no_refusal():
    notes = "Mme Roche veut des sacs brodés pour les 20 ans du club, fin août ; le CA se réunit dans un mois."
    text = "Chaud : des sacs brodés pour les 20 ans du club, fin août. Devis avant la réunion du CA, et je la rappelle dans la semaine."
    s = score(notes, "2027-05-29", "chaud", "chaud", text, accepted=["chaud", "tiède"])
    assert s.action == 1, s.reasons
    notes = "M. Brun est intéressé par des carquois, mais rien avant le printemps 2029 : le club déménage."
    text = "Tiède : intéressé, mais il ne veut rien avant le printemps 2029 à cause du déménagement. Relance à l'automne 2028."
    assert points(notes, "tiède", "tiède", text, "2028-02-19") == (1, 1)


def test_a_curious_visit_is_neither_a_plan_nor_a_wish():
    notes = "Le chef de musique est venu par curiosité voir nos machines ; aucun besoin, la mairie fournit les tenues."
    text = ("Visite d'un curieux : il voulait découvrir nos machines d'impression. Côté achats, c'est la commune qui "
            "habille les musiciens, donc pas de besoin : froid. Je le garde dans notre fichier et je lui enverrai "
            "l'invitation aux portes ouvertes.")
    assert points(notes, "froid", "froid", text, "2027-09-25") == (1, 1)


def test_a_bare_quote_for_a_hot_contact_says_not_when():
    notes = "Le trésorier veut 60 polos pour le championnat du 14 juin ; l'argent est de côté."
    s = score(notes, "2027-04-10", "chaud", "chaud", "Chaud : des polos pour le 14 juin, l'argent est prêt. Je lui enverrai le devis.")
    assert s.action == 0 and "vague_action" in s.reasons
    for plan in ("Je lui envoie le devis avant la fin de la semaine.",
                 "Devis à faire et à envoyer avant qu'il aille voir ailleurs.",
                 "Il demande un rendez-vous : je le fixe en priorité pour la semaine prochaine et j'y apporte un devis.",
                 "Devis sous 48 h."):
        text = "Chaud : des polos pour le 14 juin, l'argent est prêt. " + plan
        assert score(notes, "2027-04-10", "chaud", "chaud", text).action == 1, plan


def test_a_stated_conclusion_sets_the_weighed_classes_aside():
    notes = "M. Weber aimerait des sacoches brodées « un jour, quand on aura des sous » ; il a demandé le catalogue."
    text = ("Je balance entre froid et tiède. Arguments pour froid : pas de budget, pas de date. Arguments pour "
            "tiède : il s'est montré intéressé par des sacoches brodées et il a demandé le catalogue, ce qu'un "
            "contact vraiment froid ne fait pas. Le délai est long ou inconnu. Je conclus tiède. Action : envoi "
            "du catalogue, puis relance dans trois mois.")
    s = score(notes, "2027-01-23", "tiède", "tiède", text, accepted=["tiède", "froid"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    # without a conclusion, two classes stay two classes
    text = "Froid ou tiède : pas de budget, mais il s'intéresse aux sacoches. Relance dans trois mois."
    assert "stuffing" in score(notes, "2027-01-23", "tiède", "tiède", text, accepted=["tiède", "froid"]).reasons


def test_ranges_and_what_is_left_are_durations():
    notes = "Mme Laborde cherche des sweats brodés pour la tournée de l'été prochain ; rien ne presse."
    text = "Tiède : la troupe veut des sweats brodés pour ses tournées d'été, soit dans sept-huit mois. Relance en janvier."
    assert points(notes, "tiède", "tiède", text, "2026-11-14") == (1, 1)
    notes = "M. Caradec a besoin de 30 vestes brodées avant le 1er juillet ; il doit commander d'ici trois semaines."
    text = "Chaud : il n'a que trois semaines pour commander ses 30 vestes brodées. Je le rappelle lundi en priorité."
    assert points(notes, "chaud", "chaud", text, "2027-05-08") == (1, 1)


def test_facts_the_notes_do_not_give_orders_grants_and_budgets():
    notes = "Mme Vidal cherche 60 foulards pour le camp du 11 juillet ; elle doit commander avant fin mai."
    text = "Chaud : 60 foulards pour le camp du 11 juillet, et elle nous a déjà passé un bon de commande signé. Rappel en priorité."
    s = score(notes, "2027-04-17", "chaud", "chaud", text)
    assert s.evidence == 0 and "absent_fact" in s.motifs
    notes = "La troupe voudrait des programmes pour la mi-avril ; le budget dépend encore d'une subvention de la mairie."
    text = "Chaud : programmes pour la mi-avril, la mairie a déjà accordé la subvention, le budget est bouclé. Devis cette semaine."
    s = score(notes, "2027-01-16", "chaud", "chaud", text, accepted=["chaud", "tiède"])
    assert s.evidence == 0 and "absent_fact" in s.motifs
    # notes that give the order back it up
    notes = "Intéressé par des gobelets pour 2028 ; cette année, tout est déjà commandé."
    text = "Tiède : des gobelets pour 2028, tout est déjà commandé pour cette année. Relance en septembre."
    assert points(notes, "tiède", "tiède", text, "2027-06-19") == (1, 1)


def test_what_the_contact_did_a_small_interest_and_a_new_contact_later():
    notes = "Mme Rault est passée par curiosité ; le cercle n'a pas de budget et n'en voit pas l'utilité."
    text = ("Froid : elle visitait le salon par curiosité, pas de budget, aucune utilité pour le cercle. "
            "Je l'enregistre dans le CRM et je lui enverrai notre documentation à la prochaine campagne.")
    assert points(notes, "froid", "froid", text, "2027-11-27") == (1, 1)
    notes = "L'association n'a pas d'argent cette année ; le trésorier a laissé son mail pour le catalogue."
    text = ("Il a laissé son mail, donc un petit intérêt, mais pas d'argent cette année : je reste sur froid. "
            "Catalogue par mail et fiche CRM.")
    assert points(notes, "froid", "froid", text, "2027-11-13") == (1, 1)
    notes = "L'équipe veut des maillots pour la saison 2028-2029 ; la capitaine n'est pas pressée."
    text = "Tiède : des maillots pour la saison qui démarre dans un an, rien ne presse. Échantillons par la poste et nouveau contact en début d'année."
    assert points(notes, "tiède", "tiède", text, "2027-09-18") == (1, 1)
    notes = "Le fablab fabrique lui-même ses tee-shirts et n'a besoin de rien chez nous."
    assert points(notes, "froid", "froid", "Froid, autonomes en tee-shirts. Fiche CRM.", "2027-02-06") == (1, 1)


def test_another_cold_contacts_reason_is_a_copy():
    notes = "Le trésorier est passé prendre un catalogue ; la société est très satisfaite de son fournisseur actuel."
    s = score(notes, "2027-06-12", "froid", "froid", "Froid : le club a renouvelé ses tenues l'an dernier. Fiche CRM.")
    assert s.evidence == 0 and "other_contact" in s.motifs
    s = score(notes, "2027-06-12", "froid", "froid", "Froid : club en sommeil pendant les travaux de la piscine. Fiche CRM.")
    assert s.evidence == 0 and "other_contact" in s.motifs
    # the contact's own reason in other words is no copy
    notes = "Le club a refait toutes ses tenues en janvier et ne cherche rien."
    assert points(notes, "froid", "froid", "Froid : le club a renouvelé toutes ses tenues en janvier. Fiche CRM.",
                  "2027-02-27") == (1, 1)


def test_the_salon_date_money_words_and_interest_then_no_project():
    notes = "Mme Lagarde cherche des sweats brodés pour la tournée de l'été prochain ; elle n'est pas pressée."
    text = ("Tiède : elle cherche des sweats brodés pour la tournée de l'été prochain ; le salon est mi-novembre, "
            "ça fait au moins sept mois. Relance début janvier.")
    assert points(notes, "tiède", "tiède", text, "2026-11-14") == (1, 1)
    notes = "Le coach veut des bonnets pour le tournoi de mai ; il commandera une fois les subventions reçues."
    text = "Il n'est pas prêt à commander tout de suite, pas avant d'avoir les subventions, mais il veut des bonnets pour mai. Tiède, relance en mars."
    s = score(notes, "2027-02-06", "tiède", "tiède", text, accepted=["tiède", "chaud"])
    assert s.evidence == 1, s.reasons
    notes = "Mme Chazal trouve nos gourdes sympas ; aucun projet d'achat pour le moment."
    text = ("Je la mets en tiède : elle a montré un intérêt pour les gourdes, mais il n'y a pas de projet ni de date. "
            "Donc intérêt mais long terme. Relance dans quelques mois.")
    s = score(notes, "2026-10-03", "froid", "tiède", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_a_plan_set_aside_stops_at_the_comma_and_shopping_around_is_no_supplier():
    notes = "La présidente n'a aucun budget pour des goodies ; la mairie fournit déjà les lots."
    text = ("Froid : aucun budget et pas besoin de lots. Pas la peine de la rappeler, j'enregistre la fiche "
            "et je l'inviterai à notre journée portes ouvertes.")
    assert points(notes, "froid", "froid", text, "2026-11-21") == (1, 1)
    notes = "L'organisateur veut 800 tee-shirts pour le semi du 12 septembre ; il compare plusieurs fournisseurs."
    text = ("Chaud : 800 tee-shirts pour le semi du 12 septembre, et il compare déjà d'autres fournisseurs. "
            "Je l'appelle lundi en priorité.")
    assert points(notes, "chaud", "chaud", text, "2026-07-04") == (1, 1)
    notes = "Le collectif veut 300 bracelets pour le Téléthon de décembre ; la mairie a déjà réservé l'enveloppe."
    text = "Chaud : 300 bracelets pour le Téléthon de décembre, budget réservé. Je le rappelle en priorité demain."
    s = score(notes, "2026-09-26", "chaud", "chaud", text)
    assert "absent_fact" not in s.motifs and s.evidence == 1


def test_a_long_answer_that_declares_its_class_is_no_stuffing():
    notes = "M. Hardy veut 80 tee-shirts pour le cross du 15 octobre ; commande avant fin septembre, budget disponible."
    text = ("Je classe ce contact chaud, mais j'ai vérifié que ce n'était pas seulement tiède. Un tiède aurait un "
            "intérêt avec un achat dans plus de trois mois. Ici le cross est le 15 octobre, un mois après le salon, "
            "et la commande doit partir avant la fin septembre : c'est du très court terme. L'intérêt est net et le "
            "budget disponible. Je le rappelle en priorité lundi et je lui envoie le devis sous 48 h.")
    assert points(notes, "chaud", "chaud", text, "2026-09-12") == (1, 1)
    # a short text naming two classes still names two
    assert "stuffing" in score(notes, "2026-09-12", "chaud", "chaud", "Tiède ou chaud : cross le 15 octobre. Rappel lundi.").reasons


def test_phrases_do_not_jump_commas_some_day_and_nothing_missing():
    from prospection.texte.phrases import find_phrases

    assert not find_phrases("aucune raison d'attendre, j'envoie le devis", ["attend~ * devis"])
    assert find_phrases("il attend notre devis", ["attend~ * devis"])
    notes = "M. Hardy veut 80 tee-shirts pour le cross du 15 octobre ; budget disponible, commande avant fin septembre."
    text = ("Il n'attend que notre proposition pour ses 80 tee-shirts, le budget est disponible et le cross est le "
            "15 octobre. Chaud. Aucune raison d'attendre, j'envoie le devis dès lundi.")
    assert points(notes, "chaud", "chaud", text, "2026-09-12") == (1, 1)
    notes = "L'amicale a renouvelé ses vestes l'an dernier et en est très contente ; aucun achat prévu."
    text = ("Froid : vestes changées l'an dernier, ils sont satisfaits, aucune raison d'acheter. Je lui poste le "
            "catalogue pour qu'il pense à nous le jour où il faudra renouveler, et fiche CRM.")
    assert points(notes, "froid", "froid", text, "2026-03-14") == (1, 1)
    notes = "Le secrétaire dit que le club a acheté ses polos en 2025 et n'a besoin de rien."
    text = "Le club est équipé depuis l'an dernier et il ne lui manquait rien : froid. Catalogue par courrier, fiche CRM."
    assert points(notes, "froid", "froid", text, "2026-10-03") == (1, 1)


def test_the_plans_pace_and_the_contacts_own_call():
    notes = "Mme Béchet veut 300 sacs imprimés pour la kermesse du 26 juin ; proposition chiffrée la semaine prochaine."
    s = score(notes, "2027-05-15", "chaud", "chaud",
              "Le contact présente un intérêt, un projet et un délai. Il est donc chaud et une action adaptée sera menée rapidement.")
    assert s.evidence == 0
    notes = "Le capitaine s'intéresse à des carquois pour le tir du Roy en mai 2027 ; il reviendra vers nous au printemps."
    text = "Tiède car intéressé par des carquois, tir du Roy en mai prochain. Il nous recontactera au printemps, on attend son appel."
    assert points(notes, "tiède", "tiède", text, "2026-09-26") == (1, 0)
    text = "Tiède : carquois pour le tir du Roy en mai prochain. Je le recontacterai au printemps."
    assert points(notes, "tiède", "tiède", text, "2026-09-26") == (1, 1)


def test_a_grant_or_a_budget_alone_states_no_interest():
    notes = "Le responsable monte un dossier de subvention ; il est intéressé par des chasubles pour la rentrée."
    s = score(notes, "2027-05-15", "tiède", "tiède", "Tiède : il attend la subvention du département à la rentrée. Relance en septembre.")
    assert s.evidence == 0 and "need_interest" in s.reasons
    text = "Tiède : il est intéressé par des chasubles, subvention attendue à la rentrée. Relance en septembre."
    assert points(notes, "tiède", "tiède", text, "2027-05-15") == (1, 1)


def test_synonyms_and_generic_words_are_no_other_contacts_facts():
    notes = ("La responsable souhaite des gourdes et des casquettes pour les 30 ans du club, en octobre ; "
             "pas de budget avant septembre.")
    text = ("La responsable est intéressée par des bouteilles et des couvre-chefs personnalisés pour l'anniversaire "
            "du club à l'automne, les fonds ne seront là qu'après les vacances : tiède. Je la rappellerai fin août.")
    s = score(notes, "2027-02-06", "tiède", "tiède", text)
    assert "other_contact" not in s.motifs and (s.evidence, s.action) == (1, 1), s.reasons
    # another contact's goods and event are still someone else's
    text = "Tiède : il est intéressé par des sweats brodés pour le bal de juillet, budget voté en février. Relance en mars."
    assert "other_contact" in score(notes, "2027-02-06", "tiède", "tiède", text).motifs


def test_rubric_lists_under_other_labels():
    notes = "L'éducateur voudrait des maillots pour la saison 2027-2028 ; commande après le vote du budget au printemps."
    for text in ("Analyse : intérêt – besoin – budget – délai – décideur. Tiède. Action : relance / rdv / devis.",
                 "Mots-clés : intérêt, besoin, projet, budget, échéance, décideur. Classement : tiède. Suivi : CRM, fidélisation."):
        s = score(notes, "2026-10-03", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (0, 0) and "keywords" in s.motifs, text


def test_saints_days_no_calendar_and_not_being_late():
    from prospection.texte.temps import find_time_expressions

    got = [(e.date_min, e.date_max) for e in find_time_expressions("pour la Saint-Jean", date(2026, 4, 11))]
    assert got == [(date(2026, 6, 24), date(2026, 6, 24))]
    notes = "Le club veut des maillots pour l'épreuve de la Saint-Jean ; l'argent est prêt."
    text = "Chaud : ils veulent habiller leurs coureurs pour l'épreuve de la Saint-Jean. J'appelle en priorité lundi."
    assert points(notes, "chaud", "chaud", text, "2026-04-11") == (1, 1)
    notes = "Il est tenté par nos objets au logo, sans date ni urgence."
    text = "Tiède : il est tenté par nos petits objets au logo, aucun calendrier. Je le recontacte en début d'année prochaine."
    assert points(notes, "tiède", "tiède", text, "2026-09-19") == (1, 1)


def test_nothing_else_mid_september_and_sms_calls():
    notes = "L'association a commandé ses casquettes l'an dernier chez un autre fournisseur ; aucun autre besoin."
    text = "Froid : ils ont fait le plein de casquettes l'an dernier et n'ont besoin de rien d'autre. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2026-08-29") == (1, 1)
    notes = "Le président envisage des tenues floquées pour la reprise mi-septembre ; le budget reste à confirmer."
    s = score(notes, "2026-06-13", "tiède", "tiède", "tiede, tenues floquees pr la reprise mi sept mais budget pas encore ok. relancer en juillet",
              accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    notes = "Le professeur veut 40 kimonos pour l'interclubs du 6 mars ; l'argent est débloqué."
    assert points(notes, "chaud", "chaud", "chaud, kimonos x40 pr l'interclub du 6 mars. jlappel demain 1ere heure",
                  "2027-01-16") == (1, 1)


def test_long_answers_superlatives_useless_calls_and_unknowns():
    notes = "L'organisateur du semi du 12 septembre veut 800 tee-shirts ; il doit commander avant fin juillet."
    text = ("Ce contact est le plus intéressant du salon : 800 tee-shirts pour le semi du 12 septembre, commande "
            "avant fin juillet. Chaud : je l'appelle lundi en priorité.")
    assert points(notes, "chaud", "chaud", text, "2026-07-04") == (1, 1)
    notes = "Le club veut renouveler ses tenues pour la saison 2028-2029 ; décision en juin."
    text = ("Tiède : ils veulent renouveler leurs tenues pour la saison 2028-2029, décision en juin. Appeler "
            "maintenant ne servirait à rien, je le relancerai en mai.")
    assert points(notes, "tiède", "tiède", text, "2028-01-20") == (1, 1)
    notes = "Le bureau aime nos gourdes pour les 10 ans du club en octobre 2028 ; aucune date de commande."
    text = ("Sans date on ne sait pas s'ils achèteront, mais le bureau aime nos gourdes pour les 10 ans du club "
            "en octobre 2028 : tiède. Je le relancerai au printemps.")
    assert points(notes, "tiède", "tiède", text, "2027-09-18") == (1, 1)
    notes = "Le comité voudrait des tabliers pour la fête du cidre d'août 2028 ; il fera le point sur ses commandes en mars."
    text = ("Tiède : des tabliers pour la fête du cidre d'août 2028, et le comité ne fera le point sur ses commandes "
            "qu'en mars. Relance en février.")
    assert points(notes, "tiède", "tiède", text, "2027-11-20") == (1, 1)


def test_more_synonyms_of_the_notes_are_no_copy():
    notes = "Le responsable explique que la mairie fournit les maillots et les coupes du club ; aucun achat prévu."
    text = ("Je classe froid : c'est la municipalité qui habille les joueurs et qui offre les trophées, le responsable "
            "n'a donc rien à nous acheter pour l'instant. Je conserve ses coordonnées et je penserai à lui lors de "
            "la prochaine campagne de prospection.")
    s = score(notes, "2027-02-13", "froid", "froid", text)
    assert "other_contact" not in s.motifs and (s.evidence, s.action) == (1, 1), s.reasons


def test_a_class_defined_or_a_reading_supposed_states_nothing_of_the_contact():
    notes = "M. Desforges veut renouveler les bonnets du club pour la rentrée 2028 ; budget voté au printemps 2028."
    text = ("Il veut renouveler les bonnets : l'intérêt est là. Mais rien avant la rentrée 2028, soit un an et demi. "
            "On pourrait penser que c'est presque froid tellement c'est loin, mais un contact froid n'a pas d'intérêt, "
            "ce qui n'est pas le cas ici. C'est donc un contact tiède. Relance au printemps 2028.")
    assert points(notes, "tiède", "tiède", text, "2027-02-27") == (1, 1)
    # « ce n'est pas un contact chaud car … » is said of this contact
    notes = "Intéressé par le logiciel ; la décision sera prise à l'AG de juin 2027."
    text = "Ce n'est pas un contact chaud car la décision ne sera prise qu'à l'AG de juin 2027, mais il est bien intéressé par le logiciel. Relance au printemps."
    assert points(notes, "tiède", "tiède", text, "2026-11-21") == (1, 1)


def test_the_present_the_other_suppliers_quote_and_denials_of_the_short_term():
    notes = "M. Desforges veut renouveler les bonnets du club pour la rentrée 2028."
    text = "Tiède : il veut renouveler les bonnets pour la rentrée 2028 ; nous sommes en février 2027, plus d'un an avant. Relance au printemps 2028."
    assert points(notes, "tiède", "tiède", text, "2027-02-27") == (1, 1)
    notes = "M. Vayssier veut 300 gobelets pour la fête du 23 mai ; le devis de son imprimeur ne lui plaît pas."
    text = "Chaud : 300 gobelets pour le 23 mai, et le devis de son imprimeur ne lui plaît pas. Je le rappelle en priorité demain."
    assert points(notes, "chaud", "chaud", text, "2027-04-10") == (1, 1)
    notes = "Mme Guérin envisage des tabliers pour la fête des jardins du printemps prochain, sans date."
    text = ("Tiède : elle envisage des tabliers pour le printemps prochain ; ce n'est pas chaud car il n'y a ni urgence "
            "ni achat dans les trois mois, et l'absence d'urgence ne supprime pas l'intérêt. Relance en janvier.")
    assert points(notes, "tiède", "tiède", text, "2026-09-12") == (1, 1)


def test_review_counterexamples_stay_right():
    notes = "Le président veut des maillots pour le tournoi du 12 juin ; il veut un devis vite."
    text = "Il s'agit d'un contact chaud car il veut des maillots pour le tournoi du 12 juin, dans moins d'un mois. Rappel prioritaire demain."
    assert points(notes, "chaud", "chaud", text, "2027-05-15") == (1, 1)
    notes = "Le tournoi est annulé : le club ne veut plus de maillots."
    assert points(notes, "froid", "froid", "Froid : le tournoi est annulé, il ne veut plus de maillots. Fiche CRM.",
                  "2027-05-15") == (1, 1)
    notes = "Le club autonome financièrement veut des maillots pour le tournoi du 12 juin."
    text = "Chaud : club autonome financièrement, il veut des maillots pour le tournoi du 12 juin. Rappel prioritaire demain."
    assert points(notes, "chaud", "chaud", text, "2027-05-15") == (1, 1)
    notes = "Le président aimerait des maillots pour la saison 2028-2029 ; aucune urgence."
    text = "Tiède : il veut de nouveaux maillots, mais pas avant 2028. Je le rappelle dans la semaine du 15 février."
    assert points(notes, "tiède", "tiède", text, "2027-05-15") == (1, 1)
    notes = "Le coach veut des gourdes pour la course ; commande dans moins de 1,5 mois."
    text = "Chaud : il veut des gourdes pour la course, commande dans moins de 1,5 mois. Rappel prioritaire demain."
    assert points(notes, "chaud", "chaud", text, "2027-05-15") == (1, 1)


def test_a_class_set_aside_as_close_or_almost():
    notes = "La cheffe de chœur voudrait des étoles pour le concert de fin mai ; le bureau doit encore en parler."
    text = ("Tiède, mais proche du chaud : elle voudrait des étoles pour le concert de fin mai, à un peu plus de trois "
            "mois, et le bureau n'a rien décidé. Je la relance début mars.")
    assert points(notes, "tiède", "tiède", text, "2027-02-13") == (1, 1)
    text = "Tiède, presque chaud : des étoles pour fin mai, le bureau en parle encore. Relance début mars."
    assert points(notes, "tiède", "tiède", text, "2027-02-13") == (1, 1)


def test_ruling_out_every_purchase_is_no_interest_and_a_denied_ruling_out_is_not():
    notes = "Le trésorier explique que tout l'argent du club ira au nouveau ponton jusqu'en 2029 ; aucun achat de textile d'ici là."
    text = "Froid : le trésorier exclut d'ici là toute dépense en textile, tout part dans le ponton. Fiche CRM et brochure."
    assert points(notes, "froid", "froid", text, "2027-01-16") == (1, 1)
    # a gap of the phrase never takes the negation of « n'exclut pas »
    notes = "La présidente aime nos mugs ; un achat est possible pour les 20 ans du club, en 2028."
    text = "Tiède : elle n'exclut pas un achat de mugs pour les 20 ans du club en 2028. Relance à l'automne."
    assert points(notes, "tiède", "tiède", text, "2027-01-16") == (1, 1)


def test_a_form_line_answered_no_denies_its_heading():
    notes = "Le secrétaire fait imprimer les bulletins par un adhérent et ne veut pas changer de fournisseur."
    text = "Besoin : aucun\nChangement de fournisseur : non\nClasse : froid\nSuivi : fiche CRM et plaquette"
    assert points(notes, "froid", "froid", text, "2027-01-16") == (1, 1)


def test_not_losing_the_order_is_no_refusal_of_it():
    notes = "Le président veut 50 médailles pour la course du 6 mars ; il attend un devis cette semaine."
    text = ("Chaud : 50 médailles pour la course du 6 mars, dans moins de cinq semaines. Pour ne pas perdre cette "
            "commande, je le rappelle en priorité lundi et j'envoie le devis sous 48 h.")
    assert points(notes, "chaud", "chaud", text, "2027-02-06") == (1, 1)


def test_what_the_contact_wants_to_know_is_not_what_it_wants_to_buy():
    from grader.justifications.scoring import interest_objects

    notes = "La trésorière aime nos sacs isothermes mais veut d'abord connaître le résultat de la tombola avant de décider."
    objects = interest_objects(notes)
    assert "resultat" not in objects and "abord" not in objects and "sac" in objects
    text = "Tiède : elle attend le résultat de la tombola. Je la relance en mai."
    assert points(notes, "tiède", "tiède", text, "2027-01-16")[0] == 0


def test_the_notes_dates_are_no_objects_of_the_offer():
    from grader.justifications.scoring import interest_objects

    notes = "Le chef de chœur veut des pochettes brodées pour Noël. La commande doit partir dans les quinze jours, au plus tard."
    objects = interest_objects(notes)
    assert "quinze" not in objects and "tard" not in objects and "pochette" in objects
    text = "Chaud : c'est à régler dans les quinze jours au plus tard. J'appelle en priorité demain."
    assert points(notes, "chaud", "chaud", text, "2026-11-14")[0] == 0


def test_a_fact_line_of_a_form_is_not_the_plan():
    notes = "Le club fête ses 40 ans le 8 janvier et veut 100 écussons brodés ; il attend un devis avant Noël."
    text = ("Besoin : 100 écussons brodés\nÉvénement : 40 ans, 8 janvier\nDélai : devis avant Noël, livraison début "
            "janvier\nClasse : chaud\nAction : appel prioritaire lundi, devis sous 48 h")
    assert points(notes, "chaud", "chaud", text, "2026-11-14") == (1, 1)
    # on one line, with separators: the action after the fact stays the plan
    text = "Besoin : 100 écussons / Délai : avant Noël / Classe : chaud / Action : devis envoyé en priorité cette semaine"
    assert points(notes, "chaud", "chaud", text, "2026-11-14") == (1, 1)


def test_a_concession_ends_at_its_comma_or_colon():
    notes = "La présidente a regardé nos gourdes, « peut-être dans quelques années » ; aucun besoin aujourd'hui."
    text = ("Froid, même si elle n'est pas fermée : aujourd'hui l'association n'a besoin de rien. Je garde la fiche "
            "et je lui envoie le catalogue.")
    assert points(notes, "froid", "froid", text, "2027-04-17") == (1, 1)
    # inside the concession, the denial is granted then set aside
    notes = "Le coach veut des maillots pour le tournoi du 5 juin ; son fournisseur actuel le satisfait à moitié."
    text = ("Chaud : même s'il n'est pas mécontent de son fournisseur actuel, il veut des maillots pour le tournoi "
            "du 5 juin. Rappel prioritaire demain.")
    assert points(notes, "chaud", "chaud", text, "2027-04-17") == (1, 1)


def test_a_date_restated_after_a_consultation_date_is_secondary_too():
    notes = "La troupe veut des programmes pour la création de septembre 2027 ; elle consultera les imprimeurs au printemps."
    text = ("Tiède : la création est dans sept mois environ et elle ne consultera les imprimeurs qu'au printemps, "
            "dans deux mois. Elle veut des programmes. Je la relance début avril.")
    assert points(notes, "tiède", "tiède", text, "2027-02-13") == (1, 1)


def test_a_copied_plan_naming_another_contacts_role_or_event():
    notes = "Le président voudrait renouveler 40 maillots avant la première course de la saison, début mai."
    other = ("Chaud : la capitaine veut 20 maillots réversibles pour le match du 10 octobre et son fournisseur a fermé. "
             "Je rappelle la capitaine en priorité demain.")
    s = score(notes, "2027-02-06", "chaud", "chaud", other)
    assert (s.evidence, s.action) == (0, 0) and "plan_of_another" in s.reasons
    other = ("Tiède : la cheffe de chœur veut des étoles pour les 20 ans de la chorale en décembre 2027. "
             "Je la relance après le concert.")
    s = score("La metteuse en scène veut des affiches pour la création de septembre 2027.", "2027-02-13",
              "tiède", "tiède", other)
    assert (s.evidence, s.action) == (0, 0), s.reasons
    assert "personne ou un événement" in s.feedback
    # a plan timed by what every club goes through may be the learner's own
    other = "Tiède : la cheffe de chœur veut des étoles pour les 20 ans de la chorale en décembre 2027. Je la relance à la reprise."
    s = score("La metteuse en scène veut des affiches pour la création de septembre 2027.", "2027-02-13",
              "tiède", "tiède", other)
    assert s.evidence == 0 and s.action == 1, s.reasons


def test_the_learners_own_denial_is_about_the_plan():
    notes = "Le comité veut des tabliers pour la fête du 1er juin ; la somme est réservée."
    text = "Chaud : des tabliers pour la fête du 1er juin, dans moins de deux mois. Je n'attends pas : devis sous 48 h."
    s = score(notes, "2027-04-10", "chaud", "chaud", text)
    assert "contradiction" not in s.reasons and s.action == 1, s.reasons


def test_more_ways_of_saying_not_now_or_nothing_to_sell():
    notes = "Le secrétaire a feuilleté le catalogue des polaires : « pas d'actualité, peut-être un jour »."
    assert points(notes, "froid", "froid", "Froid : ce n'est pas d'actualité pour le club. Fiche gardée au CRM.",
                  "2026-10-03") == (1, 1)
    # for a contact left open toward tiède, « pas d'actualité » is not now, not no
    s = score(notes, "2026-10-03", "froid", "tiède",
              "Tiède : il a feuilleté les polaires avec intérêt, mais ce n'est pas d'actualité. Relance en février.",
              accepted=["froid", "tiède"])
    assert s.evidence == 1, s.reasons
    notes = "L'équipementier du club l'habille sous contrat jusqu'en 2029 ; le président en est satisfait."
    assert points(notes, "froid", "froid", "Froid : ils ont un contrat jusqu'en 2029. Fiche CRM et doc.",
                  "2026-10-03") == (1, 1)
    notes = "Le club ne porte pas de tenue et n'achète jamais d'objets publicitaires."
    assert points(notes, "froid", "froid", "Froid, rien à leur proposer aujourd'hui. Fiche gardée.",
                  "2026-10-03") == (1, 1)


def test_within_the_month_is_short_term():
    notes = "Il faut 30 survêtements pour la reprise de mi-septembre ; le coach veut commander dans le mois."
    text = "Chaud : le coach veut 30 survêtements et commander dans le mois. Appel prioritaire demain."
    assert points(notes, "chaud", "chaud", text, "2027-06-12") == (1, 1)


def test_a_paraphrase_naming_the_notes_goods_is_about_this_contact():
    notes = "Intéressés par des sacs brodés pour les 20 ans du cercle, à la Toussaint. Rien ne presse."
    text = "Ils fêtent leurs 20 ans dans environ sept mois et veulent des sacs brodés pour l'occasion ; aucune urgence. Tiède. Relance après l'été."
    s = score(notes, "2026-03-28", "tiède", "tiède", text)
    assert "other_contact" not in s.motifs and (s.evidence, s.action) == (1, 1), s.reasons


def test_a_cold_contacts_particular_reason_the_notes_never_give():
    notes = "La présidente est passée au stand avec sa sœur. L'amicale n'a aucun projet d'achat cette année."
    for text in ("Froid : l'amicale a renouvelé toutes ses tenues l'an dernier. Fiche CRM et brochure.",
                 "Froid : les tenues sont payées par la mairie, aucun projet. Fiche CRM et brochure.",
                 "Froid : chaque adhérent achète son propre équipement. Fiche CRM et brochure.",
                 "Froid : elle est très contente de son imprimeur actuel. Fiche CRM et brochure.",
                 "Froid : ils fabriquent eux-mêmes leurs tenues. Fiche CRM et brochure."):
        s = score(notes, "2027-03-20", "froid", "froid", text)
        assert s.evidence == 0 and "absent_fact" in s.reasons and s.action == 1, (text, s.reasons)
    # the same reasons, when the notes give them, are the contact's own
    notes = ("Le club vient de changer tous ses maillots ; la mairie fournit les survêtements, chaque licencié achète "
             "ses chaussures et le président est très satisfait de son fournisseur.")
    for text in ("Froid : le club a renouvelé tous ses maillots. Fiche CRM et brochure.",
                 "Froid : les survêtements sont fournis par la mairie. Fiche CRM et brochure.",
                 "Froid : chaque licencié achète ses propres chaussures et le président est content de son fournisseur. Fiche CRM."):
        assert points(notes, "froid", "froid", text, "2027-03-20") == (1, 1), text


def test_a_copied_plan_timed_by_the_copied_reasoning():
    notes = "La responsable trouve nos sacs en tissu intéressants ; rien de prévu, « peut-être l'an prochain »."
    text = ("Tiède : l'association a un projet de gourdes pour la rentrée de septembre 2028 et le budget ne sera "
            "connu qu'en mai. Je la relancerai en mai.")
    s = score(notes, "2027-03-20", "tiède", "tiède", text)
    assert s.evidence == 0 and s.action == 0 and "plan_of_another" in s.reasons, s.reasons
    # the same month in the notes: the learner's own timing
    notes = "La responsable trouve nos gourdes intéressantes pour la rentrée 2028 ; le budget sera connu en mai."
    assert points(notes, "tiède", "tiède", text, "2027-03-20") == (1, 1)


def test_september_abbreviated_after_a_day():
    notes = "Le secrétaire cherche 45 vestes brodées pour le trek du 5 septembre ; il veut un devis sous quinze jours."
    text = "chaud : 45 vestes brodées pr le trek du 5 sept, devis ds les 15j max → je l'envoie cette semaine"
    assert points(notes, "chaud", "chaud", text, "2026-06-20") == (1, 1)


def test_frozen_purchases_and_a_supplier_the_notes_give_as_a_past_participle():
    notes = "Le cercle fusionne avec le club voisin : tous les achats sont gelés jusqu'à la fin de la fusion."
    assert points(notes, "froid", "froid", "froid, achats gelés a cause de la fusion. fiche crm + doc", "2027-11-20") == (1, 1)
    notes = "Les écharpes du chœur sont fournies depuis dix ans par une mercière du village ; aucun besoin cette année."
    text = "Froid : le chœur a déjà un fournisseur, la mercière du village, et n'a aucun besoin cette année. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2026-11-14") == (1, 1)


def test_no_project_but_considering_is_interest_for_later():
    notes = "La présidente est satisfaite de son fournisseur ; elle « regardera peut-être l'an prochain si les prix montent »."
    text = ("Tiède plutôt que froid : elle n'a pas de projet mais elle envisage de regarder nos offres l'an prochain "
            "si ses prix augmentent. Je la relancerai au début de l'année prochaine.")
    s = score(notes, "2026-03-21", "froid", "tiède", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_a_need_the_learner_only_supposes_is_not_stated():
    notes = "La coordinatrice n'achète pas d'objets publicitaires et préfère dépenser en jeux."
    text = ("Une ludothèque pourrait avoir besoin de goodies, mais la coordinatrice n'achète pas d'objets "
            "publicitaires et préfère dépenser en jeux : froid. Fiche CRM et invitation aux portes ouvertes.")
    assert points(notes, "froid", "froid", text, "2027-10-09") == (1, 1)


def test_a_long_answer_defining_the_classes_then_preferring_one():
    notes = "La secrétaire trouve nos casquettes « sympas, un jour peut-être » ; aucun projet, aucun budget."
    text = ("Ce contact est délicat, car on pourrait y voir un début d'intérêt. Rappelons la différence : le tiède a un "
            "intérêt réel pour un produit mais achète à moyen terme, le froid n'a pas d'intérêt actuel. Elle a dit que "
            "les casquettes « pourraient être sympas un jour », ce qui n'est pas rien. Mais il n'y a aucun projet ni "
            "budget : c'est une remarque en passant. Je préfère donc classer froid plutôt que tiède. J'enregistre "
            "l'association dans le CRM et je lui envoie la documentation, pour qu'elle nous ait sous la main si le "
            "bureau s'y intéresse.")
    s = score(notes, "2027-04-10", "froid", "froid", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    notes = "M. Castel vient de recevoir des polos d'un concurrent dont il est content ; rien avant deux ans."
    text = ("Selon la grille, un contact froid est quelqu'un qui n'a pas d'intérêt pour notre offre ; tiède et chaud "
            "supposent au contraire un intérêt. M. Castel vient de recevoir des polos d'un concurrent et il en est "
            "content, rien avant deux ans. On pourrait se dire que dans deux ans il faudra les changer, donc tiède ; "
            "mais il n'a exprimé aucune envie. Je classe donc froid. Je l'enregistre dans le CRM et je lui envoie "
            "notre documentation.")
    assert points(notes, "froid", "froid", text, "2026-10-03") == (1, 1)


def test_refusing_lateness_is_urgency_and_an_empty_stock_is_a_need():
    notes = "L'adjudant veut 60 sweats pour la Sainte-Barbe du 4 décembre ; budget voté, devis avant la fin du mois."
    text = ("Chaud : il veut 60 sweats pour la Sainte-Barbe du 4 décembre et il ne veut pas recevoir le devis après "
            "la fin du mois. Appel lundi en priorité, devis avant mercredi.")
    assert points(notes, "chaud", "chaud", text, "2026-10-10") == (1, 1)
    notes = "La présidente n'a plus de gobelets en stock et veut en commander 500 pour la fête du 14 juillet."
    text = "Chaud : il ne lui reste plus aucun gobelet pour la fête du 14 juillet. Appel demain matin et devis dans la foulée."
    assert points(notes, "chaud", "chaud", text, "2027-05-29") == (1, 1)
    # « d'après » and « après avoir » are no lateness: the refusal stands
    notes = "Le président a regardé nos prix et ne veut rien acheter ; il est satisfait de son fournisseur."
    text = "Froid : il ne veut pas acheter après avoir vu nos prix. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2027-05-29") == (1, 1)


def test_a_rubric_form_answered_yes_or_no_says_nothing_of_the_contact():
    notes = "Le secrétaire cherche 45 vestes brodées pour le trek du 5 septembre ; il veut un devis sous quinze jours."
    text = "Intérêt : oui. Projet : oui. Délai : court. Budget : ?. Décideur : oui. → chaud. Action : priorité."
    s = score(notes, "2026-06-20", "chaud", "chaud", text)
    assert (s.evidence, s.action) == (0, 0) and "keywords" in s.reasons, s.reasons


def test_the_learner_confirming_the_order_is_the_plan_not_a_request():
    notes = "Mme Gaudin veut 60 polos pour le tournoi du 14 juin ; elle attend un devis avant la fin du mois."
    text = "Chaud : 60 polos pour le tournoi du 14 juin. Je confirme la commande par téléphone dès lundi matin."
    assert points(notes, "chaud", "chaud", text, "2027-04-10") == (1, 1)


def test_wants_and_negations_that_state_them():
    notes = "L'adjudant veut 60 sweats pour la Sainte-Barbe du 4 décembre ; le budget est voté."
    text = "Chaud : il ne manque ni l'envie ni l'argent, la Sainte-Barbe est le 4 décembre. Appel lundi en priorité."
    assert points(notes, "chaud", "chaud", text, "2026-10-10") == (1, 1)
    notes = "Elle cherche des survêtements pour la rentrée de septembre ; le sponsor répondra en juin."
    text = "Tiède : elle cherche des survêtements pour la rentrée, dans six mois. Inutile de la presser : je la relance en juin."
    assert points(notes, "tiède", "tiède", text, "2027-03-13") == (1, 1)
    # a vague wish is a taste, not a need, for a cold contact
    notes = "Elle trouve les casquettes sympas « pour un jour » ; ni projet ni budget."
    text = "Froid : une vague envie pour « un jour », mais ni projet ni budget. Fiche CRM et doc."
    assert points(notes, "froid", "froid", text, "2026-10-10") == (1, 1)


def test_denied_by_construction_certain_or_chosen_by_someone_else():
    notes = "Tout l'argent part dans le toit du moulin, rien avant 2028 ; il a pris un catalogue."
    text = "Froid : rien avant 2028, et ce n'est pas parce qu'il a pris un catalogue qu'il est intéressé. Fiche CRM et doc."
    assert points(notes, "froid", "froid", text, "2026-06-13") == (1, 1)
    notes = "M. Dufour veut 25 vestes pour le tournoi du 19 juin ; le comité valide la dépense en avril."
    text = "Chaud : l'intérêt pour les 25 vestes ne fait pas de doute et le tournoi est le 19 juin. Appel lundi, devis sous 48 h."
    assert points(notes, "chaud", "chaud", text, "2027-04-03") == (1, 1)
    notes = "Les uniformes de la fanfare sont fournis par la mairie, qui décide seule ; aucun budget propre."
    text = "Froid : l'équipement est payé et choisi par la municipalité, rien à vendre. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2026-11-07") == (1, 1)


def test_a_pace_in_the_notes_gives_no_date_and_stopping_at_the_stand_is_no_closure():
    notes = "Il faut 120 maillots pour le tournoi du 3 octobre ; le responsable, M. Cazals, est pressé."
    text = "Chaud : 45 vestes pour le trek du 5 septembre, M. Boulet veut un devis sous quinze jours. Je l'appelle dès lundi."
    s = score(notes, "2026-08-29", "chaud", "chaud", text)
    assert s.evidence == 0 and "other_contact" in s.reasons, s.reasons
    notes = "Trois retraités se sont arrêtés au stand ; le cercle n'a besoin de rien."
    text = "Froid : le cercle va être dissous à la fin de l'année, donc aucun achat possible. Documentation par courrier."
    s = score(notes, "2027-09-25", "froid", "froid", text)
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    notes = "Les jardiniers aimeraient des tabliers pour la fête de mai 2028 ; ils commencent à en parler."
    text = "Tiède : tabliers pour mai 2028, la mairie de Nantes leur finance déjà la moitié. Relancer en janvier 2028."
    s = score(notes, "2027-04-24", "tiède", "tiède", text)
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons


def test_more_cold_reasons_and_form_headings_with_an_apostrophe():
    notes = "Le comité est en sommeil depuis le départ des bénévoles ; aucune fête n'est prévue cette année."
    assert points(notes, "froid", "froid", "froid, le comité est en sommeil, aucune fete cette année. fiche crm + doc",
                  "2027-03-13") == (1, 1)
    notes = "Les adhérents s'habillent eux-mêmes et le club n'a pas de logo ; pas de besoin."
    assert points(notes, "froid", "froid", "Froid : chaque adhérent s'habille lui-même, rien à personnaliser. Fiche CRM.",
                  "2026-09-26") == (1, 1)
    text = "- Intérêt pour l'offre : non (pas de logo)\n- Projet : aucun\n- Classement : froid\n- Action : CRM, plaquette"
    assert points(notes, "froid", "froid", text, "2026-09-26") == (1, 1)
    notes = "Le trésorier a dit « pas cette année, ni l'an prochain » : l'association réduit ses dépenses."
    assert points(notes, "froid", "froid", "Froid : l'atelier ne dépensera rien chez nous. Fiche gardée.",
                  "2027-04-24") == (1, 1)
    notes = "La gym n'a besoin d'aucun textile : les tee-shirts offerts par la mairie suffisent."
    text = ("Froid : le besoin est nul, les tee-shirts sont offerts par la mairie. Elle a pris une carte de visite "
            "pour son mari. Je l'enregistre dans le CRM et je lui envoie notre documentation.")
    assert points(notes, "froid", "froid", text, "2027-05-15") == (1, 1)


def test_no_project_nor_budget_outweighs_a_price_request_for_a_cold_contact():
    notes = "Le secrétaire trouve nos housses « sympas » et a demandé les tarifs ; ni projet ni budget, « on verra un jour »."
    text = ("Il a demandé les prix, mais il n'y a ni projet ni budget, et « un jour » n'est pas une intention d'achat. "
            "Froid : je lui envoie les tarifs, je le note dans le CRM.")
    s = score(notes, "2026-11-07", "froid", "froid", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_coming_back_to_the_contact_and_being_first_in_line_later():
    notes = "M. Royer veut des cartes postales pour la boutique du moulin en septembre 2027 ; la subvention sera connue en juin."
    text = "Tiède : il veut des cartes postales pour septembre 2027, pas pressé. Je reviendrai vers lui au début de l'été."
    assert points(notes, "tiède", "tiède", text, "2027-01-30") == (1, 1)
    # the contact coming back to us is no plan
    text = "Tiède : il veut des cartes postales pour septembre 2027, il reviendra vers nous à la rentrée."
    assert points(notes, "tiède", "tiède", text, "2027-01-30")[1] == 0
    notes = "Mme Perrat veut des combinaisons pour juillet 2027 ; elle demandera un devis en février."
    text = ("Tiède : elle veut des combinaisons pour juillet 2027, à plus de huit mois. Je la relance fin janvier pour "
            "être la première sur la liste.")
    assert points(notes, "tiède", "tiède", text, "2026-10-24") == (1, 1)


def test_not_for_now_and_nothing_dated_are_later():
    notes = "M. Guérin a aimé nos tabliers, « un de ces jours » ; aucun projet daté."
    text = "Tiède : les tabliers lui ont plu, mais rien de daté, ce n'est pas pour maintenant. Je le relance en septembre."
    s = score(notes, "2026-06-13", "tiède", "tiède", text, accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_naming_the_contact_is_no_sign_of_another_contact():
    from grader.justifications import partial_credit

    notes = "Mme Leprince visitait le salon pour son entreprise ; l'association fonctionne sans budget et ne vend aucun objet."
    text = "Nom : Amis du moulin de Crézancy\nIntérêt : nul à ce jour\nBudget : aucun\nClasse : froid\nSuite donnée : fiche CRM, invitation portes ouvertes"
    assert points(notes, "froid", "froid", text, "2027-05-15")[0] == 0  # without the name: particular words of no one
    s = score(notes, "2027-05-15", "froid", "froid", text, organisation="Amis du moulin de Crézancy")
    assert (s.evidence, s.action) == (1, 1), s.reasons
    # the teacher's key carries the names: the grading path passes them on
    key = {"contacts": {"C01": {"organisation": "Amis du moulin de Crézancy", "classe": "froid"}}}
    credit = partial_credit({"C01": {"qualification": "froid", "justification": text}}, key, {"C01": notes}, "2027-05-15")
    assert (credit["C01"]["evidence"], credit["C01"]["action"]) == (1, 1), credit["C01"]["motifs"]
    # another contact's reason under this contact's name is still no evidence
    notes = "La secrétaire cherchait des idées pour un ami. Un sponsor fournit toutes les tenues jusqu'en 2029."
    text = "La marche nordique de Mazé est froide : il travaille depuis dix ans avec un imprimeur local dont il est satisfait. Fiche au CRM."
    s = score(notes, "2027-03-20", "froid", "froid", text, organisation="Club de marche nordique de Mazé")
    assert s.evidence == 0 and s.action == 1, s.reasons


def test_bought_elsewhere_in_sms_documents_sent_and_plans_only_asked():
    notes = "L'association a déjà commandé ses sacs de kermesse pour trois ans chez un concurrent ; aucun autre projet."
    assert points(notes, "froid", "froid", "froid : sacs deja commandés pr 3 ans chez concurrent, aucun autre projet. crm",
                  "2026-11-14") == (1, 1)
    notes = "L'harmonie a été équipée l'an dernier par la mairie ; pas de besoin avant plusieurs années."
    text = "Froid : l'harmonie n'a besoin de rien. Je ne perds pas le contact : fiche dans le CRM et documentation envoyée."
    assert points(notes, "froid", "froid", text, "2026-10-10") == (1, 1)
    notes = "Les jardiniers aimeraient des tabliers pour la fête des jardins de mai 2028."
    text = "Tiède ? Ils veulent des tabliers pour mai 2028. Faut-il les relancer ? Je ne sais pas trop."
    assert points(notes, "tiède", "tiède", text, "2027-04-24") == (1, 0)
    notes = "Tous les achats du cercle sont gelés jusqu'à la fin de la fusion."
    text = "Froid ? Les achats sont bloqués par la fusion. Est-ce qu'on doit garder la fiche ? Peut-être leur envoyer une brochure ?"
    assert points(notes, "froid", "froid", text, "2027-11-20") == (1, 0)


def test_only_interested_in_something_else_and_money_the_notes_give():
    notes = "Le bénévole ne s'intéressait qu'aux stands de projection ; le ciné-club n'achète jamais d'objets publicitaires."
    text = "Froid : le bénévole ne s'intéressait qu'au matériel de projection, le ciné-club n'achète jamais d'objets publicitaires. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2026-11-28") == (1, 1)
    notes = "Elle veut des tee-shirts pour la compétition de début mars ; elle dispose d'un budget mais attend l'accord du trésorier."
    text = "chaud : tshirts pr compet debut mars (- de 3 mois), budget dispo, manque juste ok du tresorier. devis cette semaine"
    s = score(notes, "2026-12-12", "chaud", "chaud", text, accepted=["chaud", "tiède"])
    assert "absent_fact" not in s.reasons and s.evidence == 1, s.reasons
    notes = "M. Barral veut des vestes pour le carnaval du 13 février ; réponse avant Noël, sinon il commande chez Costumex."
    text = "Chaud : vestes pour le carnaval du 13 février, réponse avant Noël, et il y a un concurrent. Appel prioritaire demain."
    s = score(notes, "2026-12-05", "chaud", "chaud", text)
    assert "absent_fact" not in s.reasons and (s.evidence, s.action) == (1, 1), s.reasons


def test_a_competitor_the_notes_name_and_a_contract_signed():
    notes = "Le président veut 60 maillots pour la reprise du 12 septembre ; il veut un devis cette semaine car il consulte aussi Intersport."
    text = "CHAUD : 60 maillots pr la reprise du 12/09, il consulte intersport!! devis cette sem, appel lundi 9h"
    assert points(notes, "chaud", "chaud", text, "2027-06-26") == (1, 1)
    notes = "M. Desmoulins est satisfait de son fournisseur, avec qui il a un contrat jusqu'en 2028 ; pas d'intérêt pour notre offre."
    text = "Froid : il a signé un contrat jusqu'en 2028 avec son fournisseur, dont il est satisfait. Fiche CRM et documentation."
    assert points(notes, "froid", "froid", text, "2026-10-03") == (1, 1)


def test_among_the_most_interesting_a_comparison_and_some_day_maybe():
    notes = "L'amicale cherche 500 gobelets pour le bal du 13 juillet ; son fournisseur a fermé."
    text = ("Chaud, l'un des plus intéressants du salon : 500 gobelets pour le bal du 13 juillet, dans moins de trois "
            "mois. Appel prioritaire lundi et devis sous 48 h.")
    assert points(notes, "chaud", "chaud", text, "2027-04-24") == (1, 1)
    notes = "Le manager veut 25 maillots avant le stage du 20 août ; il veut notre prix d'ici dix jours."
    text = ("Je pense que c'est un contact chaud : 25 maillots avant le stage du 20 août, et c'est ce qui fait la "
            "différence avec un contact tiède, il veut notre prix d'ici dix jours. Appel lundi en priorité.")
    assert points(notes, "chaud", "chaud", text, "2027-05-29") == (1, 1)
    notes = "La section n'a besoin de rien : chaque adhérent achète lui-même son équipement."
    text = "Froid : aucun besoin, chaque adhérent s'équipe. Une section peut un jour vouloir des tee-shirts : fiche CRM."
    assert points(notes, "froid", "froid", text, "2026-08-29") == (1, 1)


def test_nothing_this_year_no_idea_of_an_order_freebies_and_just_the_record():
    notes = "Le président n'achètera rien cette année : un sponsor offre les maillots."
    assert points(notes, "froid", "froid", "Froid : rien cette année, le sponsor paie les maillots. Fiche gardée.",
                  "2027-01-30") == (1, 1)
    notes = "La présidente a dit « ça pourrait nous intéresser un jour », sans projet ni date."
    s = score(notes, "2027-05-29", "tiède", "froid",
              "Elle n'a aucune idée de commande pour le moment. Froid : fiche dans le CRM et catalogue.",
              accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    notes = "Deux membres sont venus chercher des stylos gratuits ; le club n'a ni projet ni budget."
    text = "Froid : ils voulaient surtout des stylos gratuits, le club n'a ni projet ni budget. Fiche CRM et doc."
    assert points(notes, "froid", "froid", text, "2026-02-28") == (1, 1)
    notes = "Le président juge nos articles trop chers pour 22 membres ; aucun besoin."
    text = "Il n'a pas de besoin : froid. Pas de relance, juste la fiche dans le fichier clients."
    assert points(notes, "froid", "froid", text, "2026-07-04") == (1, 1)


def test_a_rubric_formula_a_merger_and_a_competitors_offer_the_notes_never_give():
    notes = "Le président souhaite des polos pour les 30 ans de l'orchestre, en octobre 2027 ; devis au printemps."
    s = score(notes, "2026-12-05", "tiède", "tiède", "tiède : intérêt + délai long + devis + relance")
    assert (s.evidence, s.action) == (0, 0) and "keywords" in s.reasons, s.reasons
    notes = "Le club est en sommeil depuis le départ de son président ; aucune dépense n'est possible."
    s = score(notes, "2027-09-25", "froid", "froid", "Froid : le club doit fusionner avec un club voisin l'an prochain. Je garde la fiche.")
    assert s.evidence == 0 and "absent_fact" in s.reasons and s.action == 1, s.reasons
    notes = "Elle veut 40 tabliers pour la collecte du 4 décembre ; un mécène finance, commande avant fin novembre."
    for text in ("Chaud : 40 tabliers pour le 4 décembre, et un autre fournisseur lui a déjà fait une offre moins chère. Rappel lundi.",
                 "Chaud : 40 tabliers pour le 4 décembre, mais elle a déjà reçu une offre d'un concurrent. Rappel lundi."):
        s = score(notes, "2026-11-14", "chaud", "chaud", text)
        assert s.evidence == 0 and "absent_fact" in s.reasons, (text, s.reasons)


def test_nothing_ordered_yet_no_stock_and_a_team_to_dress():
    notes = "Le comité organise la fête du 1er août et n'a encore rien commandé : il lui faut 500 gobelets. C'est urgent."
    assert points(notes, "chaud", "chaud", "CHAUD. fête le 1er aout, rien commandé, 500 gobelets, c urgent. appel demain matin",
                  "2027-06-19") == (1, 1)
    notes = "Le comité n'a plus aucun gobelet ni banderole pour la fête du 1er août ; c'est urgent."
    assert points(notes, "chaud", "chaud", "Chaud : la fête est dans six semaines et ils n'ont encore ni gobelets ni "
                  "banderoles. Appel dans les 24 h.", "2027-06-19") == (1, 1)
    notes = "L'entraîneuse veut 60 maillots pour le tournoi de Pâques ; elle décidera sous quinze jours."
    text = "Le club doit habiller son équipe pour le tournoi de Pâques, choix dans quinze jours. Chaud : appel lundi."
    assert points(notes, "chaud", "chaud", text, "2027-02-13") == (1, 1)


def test_more_negations_that_are_no_refusal():
    notes = "Le trésorier a validé ; ils attendent notre devis pour le 1er avril."
    assert points(notes, "chaud", "chaud", "Chaud : ouverture le 1er avril, ils n'attendent plus que notre devis. "
                  "Je l'envoie sous 48 h et j'appelle le moniteur demain.", "2027-02-13") == (1, 1)
    notes = "Le président doit commander 400 dossards pour la course du 10 octobre ; il veut une offre tout de suite."
    text = "Chaud : le président ne cherche pas des idées, il doit commander 400 dossards pour le 10 octobre. Offre sous 24 h."
    assert points(notes, "chaud", "chaud", text, "2027-09-04") == (1, 1)
    notes = "L'open se tient en août 2028 ; il aimerait des sacs pour les joueurs, pas de budget arrêté."
    text = "Tiède : il aimerait des sacs pour l'open d'août 2028 ; intérêt oui, urgence non. Relance en janvier 2028."
    assert points(notes, "tiède", "tiède", text, "2027-03-13") == (1, 1)


def test_more_cold_statements_and_the_member_we_met():
    notes = "La présidente dit que le club perd ses adhérents ; aucun achat n'est envisagé."
    assert points(notes, "froid", "froid", "Le club va mal, acheter des goodies n'est pas d'actualité. Froid : fiche gardée.",
                  "2026-06-20") == (1, 1)
    notes = "Le capitaine a signé un contrat de trois ans avec un concurrent."
    assert points(notes, "froid", "froid", "Froid vu qu'il est engagé avec un concurrent. Fiche CRM.", "2027-03-20") == (1, 1)
    notes = "Un membre trouve nos housses « sympas », il en parlera peut-être un jour ; aucun projet."
    s = score(notes, "2026-02-21", "froid", "froid", "Froid : c'est vague, sympa mais rien de concret. Je le garde dans le fichier.",
              accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    notes = "Un simple adhérent : la subvention du club a été supprimée, aucun budget cette année."
    text = "Froid : aucun budget cette année d'après l'adhérent rencontré. J'enregistre le club dans le CRM et j'envoie la doc."
    assert points(notes, "froid", "froid", text, "2026-12-12") == (1, 1)


def test_no_deadline_summer_without_article_and_a_bare_offer():
    notes = "Le vice-président a aimé nos bonnets : « on en reparlera ». Ni date ni budget."
    s = score(notes, "2026-10-24", "tiède", "tiède", "Tiède : il a aimé les bonnets mais aucun délai ni budget. Relance en janvier.",
              accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons
    notes = "Le président voudrait des maillots pour la randonnée de la fin de l'été ; il attend nos prix."
    s = score(notes, "2027-06-05", "chaud", "chaud", "chaud : veut des maillots pr la rando fin d'été, il attend nos prix. devis cette semaine",
              accepted=["tiède", "chaud"])
    assert s.evidence == 1, s.reasons
    notes = "Le club doit commander 400 dossards pour la course du 10 octobre ; offre attendue tout de suite."
    assert points(notes, "chaud", "chaud", "Chaud, 400 dossards pour le 10/10, urgent. Offre sous 24 h.", "2027-09-04") == (1, 1)


def test_notes_pasted_under_form_headings_and_criteria_denied_in_general():
    notes = ("Le chef de chœur est passé prendre un catalogue. La chorale a renouvelé ses écharpes l'an dernier "
             "et n'a besoin de rien pour l'instant.")
    text = f"Observations : {notes} Qualification : froid. Action : fiche CRM + envoi de la plaquette."
    s = score(notes, "2026-10-03", "froid", "froid", text)
    assert (s.evidence, s.action) == (0, 1) and "pasted" in s.reasons, s.reasons
    notes = "M. Girard veut 2 000 programmes pour le festival dans sept semaines ; il attend notre proposition cette semaine."
    s = score(notes, "2026-08-29", "chaud", "chaud", f"Chaud. {notes} Action : proposition cette semaine.")
    assert s.evidence == 0 and "pasted" in s.reasons, s.reasons
    notes = "Le bénévole cherchait des dons de nourriture ; pas de besoin en produits personnalisés."
    for text in ("Pas d'intérêt. Pas de projet. Pas de budget. Newsletter.",
                 "Froid. Motifs : aucun intérêt, aucun projet, aucun budget, aucun délai.",
                 "chaud — besoin — subvention — urgent — devis"):
        s = score(notes, "2027-04-10", "froid", "froid", text)
        assert s.evidence == 0 and "keywords" in s.reasons, (text, s.reasons)
    # facts of this contact in a short list are a statement
    for text in ("Froid, aucun projet, pas décideur. Doc + CRM.", "aucun besoin ni budget, pas d'evenement. froid -> fiche crm + doc",
                 "Froid — aucun besoin, il cherchait des dons de nourriture. Newsletter."):
        s = score(notes, "2027-04-10", "froid", "froid", text)
        assert "keywords" not in s.reasons, (text, s.reasons)


def test_a_lost_supplier_loyalty_own_expense_and_more_words_that_set_a_class_aside():
    notes = "Le coach a besoin de 25 maillots avant le tournoi du 8 novembre ; son fournisseur a cessé son activité."
    text = "Chaud : il n'a plus de fournisseur et le tournoi du 8 novembre est dans quatre semaines. Appel dès lundi."
    assert points(notes, "chaud", "chaud", text, "2026-10-10") == (1, 1)
    notes = "La confrérie fait broder ses capes par un artisan local dont elle est satisfaite ; rien avant dix ans."
    assert points(notes, "froid", "froid", "Froid : ils sont fidèles à leur artisan. Fiche CRM.", "2027-03-13") == (1, 1)
    notes = "Le club n'achète jamais de textile : chaque membre s'habille à ses frais."
    assert points(notes, "froid", "froid", "Froid : chaque randonneur s'équipe à ses frais, le club n'achète rien. Fiche CRM.",
                  "2026-09-05") == (1, 1)
    notes = "Le chef a trouvé nos vestes jolies, mais aucun projet ; le budget de l'année est engagé."
    assert points(notes, "froid", "froid", "Froid : il a apprécié nos vestes, mais c'est un compliment plus qu'un besoin. "
                  "Aucun projet. Fiche CRM.", "2026-06-13") == (1, 1)
    notes = "Mme Alazard voudrait des cartes postales pour la boutique, pas avant l'été 2027."
    text = ("Elle voudrait des cartes postales pour la boutique : le besoin est là, ce qui exclut le froid. Mais rien "
            "avant l'été 2027 : tiède. Relance en février.")
    assert points(notes, "tiède", "tiède", text, "2026-10-24") == (1, 1)


def test_a_dance_gala_at_the_end_of_the_year_is_june_and_a_form_date_none_is_later():
    notes = "La directrice veut 80 tee-shirts pour le gala de fin d'année du 20 juin ; elle tranche avant le 15 mai."
    text = "Chaud : 80 tee-shirts pour le gala de fin d'année, le 20 juin, décision avant le 15 mai. Appel lundi."
    assert points(notes, "chaud", "chaud", text, "2026-04-25") == (1, 1)
    notes = "Le directeur s'intéresse à des badges pour un festival à créer ; aucune date fixée."
    text = "Intérêt : badges + lanières\nDate : aucune\nClasse : tiède\nAction : relance dans trois mois"
    assert points(notes, "tiède", "tiède", text, "2026-12-05") == (1, 1)
    # the plan's own check is no refusal
    notes = "M. Berthet veut 500 gobelets pour la fête du 22 août ; devis avant le 1er juillet."
    text = ("Chaud : 500 gobelets pour le 22 août, devis avant le 1er juillet. Je l'appelle en priorité pour vérifier "
            "qu'il a tout ce qu'il faut pour sa réunion.")
    assert points(notes, "chaud", "chaud", text, "2026-06-20") == (1, 1)


def test_the_final_reads_counterexamples_stay_right():
    salon = "2027-03-20"
    # a denial that remains, a refusal after a demo, a dated order heading: the old readings
    assert points("Club de foot. Satisfait de son fournisseur.", "froid", "froid",
                  "Le club reste satisfait de son fournisseur. Froid : fiche gardée, relance dans un an.", salon)[0] == 1
    assert points("Club de foot. Pas intéressé.", "froid", "froid",
                  "Pas intéressé après la présentation de nos tarifs. Froid : fiche gardée.", salon)[0] == 1
    assert points("Club de foot. Veut des survêtements, commande pas avant septembre.", "tiède", "tiède",
                  "Besoin : survêtements. Commande : pas avant septembre. Tiède, je le rappelle en juin.", salon) == (1, 1)
    # loyalty to us, a commitment to the town, « plus qu'un intérêt », a broken machine
    notes = "Client fidèle depuis 5 ans. Veut renouveler les maillots avant la reprise en septembre. Demande un devis."
    assert points(notes, "tiède", "tiède", "C'est un client fidèle à notre marque qui veut renouveler ses maillots pour "
                  "septembre et demande un devis. Tiède : rappel en juin.", salon) == (1, 1)
    notes = "Club de handball. Veut renouveler les maillots avant la reprise en septembre."
    assert points(notes, "tiède", "tiède", "Le club s'est engagé avec la mairie à renouveler ses maillots avant "
                  "septembre. Tiède : rappel en juin.", salon)[0] == 1
    notes = "Club de foot. Plus de maillots, doit commander avant avril."
    assert points(notes, "chaud", "chaud", "C'est plus qu'un intérêt : il n'a plus de maillots et doit commander "
                  "avant avril. Chaud, offre demain et rappel vendredi.", salon) == (1, 1)
    notes = "Atelier de sérigraphie. Sa machine de flocage ne fonctionne plus, doit la remplacer avant l'été."
    assert points(notes, "chaud", "chaud", "Sa machine de flocage ne fonctionne plus et il doit la remplacer avant "
                  "l'été. Chaud : devis cette semaine, rappel vendredi.", salon)[0] == 1
    # a planned exchange, summer polos, « pressé pas question d'attendre », a catalogue sent last year
    notes = "Club de foot. Veut des survêtements pour la saison prochaine."
    assert points(notes, "tiède", "tiède", "Veut des survêtements pour la saison prochaine. Tiède : prochain échange "
                  "planifié en mai avec le président.", salon) == (1, 1)
    notes = "Club de foot. Doit commander des polos d'été avant fin avril. Budget voté."
    assert points(notes, "chaud", "chaud", "Commande de tenues d'été à passer avant fin avril, budget voté. Chaud : "
                  "offre demain, rappel vendredi.", salon) == (1, 1)
    notes = "Club de foot. Plus de maillots, doit commander vite. Urgent."
    assert points(notes, "chaud", "chaud", "Il est pressé pas question d'attendre, il n'a plus de maillots. Chaud : "
                  "j'envoie l'offre demain et je rappelle vendredi.", salon) == (1, 1)
    notes = "Club de foot. Aucun projet. A déjà reçu notre catalogue l'an dernier."
    assert points(notes, "froid", "froid", "Aucun projet : la documentation envoyée l'an dernier n'a rien donné. Froid.",
                  salon)[1] == 0
    # a plan after a comma in a fact line; « nous ne l'intéressons pas »; buying, not browsing
    notes = "Club de foot. Veut des survêtements pour la saison prochaine."
    assert points(notes, "tiède", "tiède", "Situation : veut des survêtements pour la saison prochaine, je le rappelle "
                  "en mai. Action : devis en juin. Tiède.", salon) == (1, 1)
    assert points("Club de foot. Pas intéressé.", "froid", "froid",
                  "Nous ne l'intéressons pas. Froid : fiche gardée, relance dans un an.", salon)[0] == 1
    notes = "Association de parents. Cherche des sacs personnalisés pour la kermesse. Pas pressé."
    s = score(notes, salon, "tiède", "tiède", "Ils ne viennent pas pour regarder mais pour acheter des sacs pour la "
              "kermesse. Tiède : devis envoyé en avril, rappel en mai.")
    assert "contradiction" not in s.reasons, s.reasons  # (no refusal read; the missing date is another matter)


def test_a_batch_sets_the_existing_objects_aside_from_the_collector_and_gives_them_back(monkeypatch):
    """A class graded in one go (``partial_credit``, the command line) runs inside ``batch()``:
    the objects that existed before are frozen out of the collector's full collections while
    the justifications are scored, and handed back after; someone else's freeze is left alone."""
    import gc

    from grader.justifications import credit
    from grader.justifications.scoring import batch

    assert gc.get_freeze_count() == 0
    with batch():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    seen = []
    real = credit.score
    monkeypatch.setattr(credit, "score", lambda *a, **k: seen.append(gc.get_freeze_count()) or real(*a, **k))
    key = {"contacts": {"C01": {"classe": "froid"}, "C02": {"classe": "chaud"}}}
    partial_credit({"C01": {"qualification": "froid", "justification": "Pas intéressé, je garde sa fiche."},
                    "C02": {"qualification": "chaud", "justification": "Veut un devis vite."}},
                   key, {"C01": "Pas de projet.", "C02": "Veut un devis sous huit jours."}, SALON)
    assert len(seen) == 2 and all(seen), seen
    assert gc.get_freeze_count() == 0
    gc.freeze()  # the host process froze objects of its own: they stay frozen
    try:
        before = gc.get_freeze_count()
        with batch():
            pass
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()



def test_a_batch_pauses_the_collector_and_starts_it_again_even_on_error():
    """Inside ``batch()`` the cyclic collector is paused (scoring leaves no cyclic garbage) and
    started again at the end, also when scoring fails; a collector already off stays off."""
    import gc

    from grader.justifications.scoring import batch

    assert gc.isenabled()
    with batch():
        assert not gc.isenabled()
        with batch():  # nested: the outer batch starts it again
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with batch():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with batch():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    # scoring a few justifications inside a batch leaves no cyclic garbage behind
    gc.collect()
    with batch():
        score("Veut un devis sous huit jours.", SALON, "chaud", "chaud", "Chaud : devis sous huit jours, je le rappelle demain.")
        score("Pas de projet.", SALON, "froid", "froid", "Pas intéressé, je garde sa fiche.")
    assert gc.collect() == 0

# --- dev61-dev62 (2026-11-29): rules found on two blind batches, checked on sentences of my own ---

def test_notes_pasted_whole_then_the_class_and_a_copied_scrap_are_still_pasted():
    """The copy ends where the notes have been copied whole: a class and a « plan » that repeats
    a few words of the notes after it are no restatement in one's own sentence."""
    notes = ("Le trésorier, M. Vidal, voudrait des coupe-vent brodés pour la randonnée des crêtes, prévue "
             "en octobre. Il attend le vote du bureau et nous rappellera.")
    pasted = notes + " Classement : tiède. Action : voir, il attend le vote du bureau."
    assert points(notes, "tiède", "tiède", pasted, "2027-04-10")[0] == 0
    pasted = notes + " Je pense tiède, il attend le vote du bureau."
    assert points(notes, "tiède", "tiède", pasted, "2027-04-10")[0] == 0
    # words of one's own inside the copied notes still make a restatement
    own = ("Le trésorier, M. Vidal, voudrait des coupe-vent brodés pour la randonnée des crêtes, donc un projet "
           "lointain, prévue en octobre. Comme il attend le vote du bureau et nous rappellera, je le classe tiède "
           "et je le relance en septembre.")
    assert points(notes, "tiède", "tiède", own, "2027-04-10") == (1, 1)


def test_criteria_words_listed_with_a_supplier_or_a_stock_are_a_keyword_list():
    notes = "M. Roy est passé par curiosité. Le club a un fournisseur qui lui convient et du stock pour deux ans."
    assert points(notes, "froid", "froid", "Froid. Critères : intérêt / délai / fournisseur / stock. Suivi : CRM.",
                  "2027-04-10") == (0, 0)
    assert points(notes, "froid", "froid", "Froid : fournisseur ? stock ? besoin ? → fiche.", "2027-04-10") == (0, 0)
    # the same facts said of the contact stay a statement
    assert points(notes, "froid", "froid", "Froid : il a un fournisseur qui lui convient et du stock pour deux ans. "
                  "Je garde sa fiche.", "2027-04-10") == (1, 1)


def test_a_visitor_who_only_wanted_to_look_or_to_meet_someone_else_shows_no_interest():
    notes = "Mme Leroux cherchait un autre stand et ne prévoit aucun achat. Elle a laissé sa carte."
    for text in ("Froid : elle voulait seulement jeter un œil, elle n'achètera rien. Je garde sa carte dans le fichier.",
                 "Froid : elle voulait rencontrer un libraire, pas nous ; aucun achat prévu. Je garde sa carte dans le fichier."):
        assert points(notes, "froid", "froid", text, "2027-04-10") == (1, 1), text
    # « nous rencontrer » is us: the wish stands against a cold reading
    assert points(notes, "froid", "froid", "Froid, mais elle voulait nous rencontrer pour un devis. Fiche gardée.",
                  "2027-04-10")[0] == 0


def test_the_new_team_is_a_noun_and_an_election_dates_no_project():
    notes = ("Les étudiants du BDE aimeraient des sweats brodés pour le gala de mars 2028. Le nouveau bureau sera "
             "élu en octobre ; rien ne se fera avant.")
    text = ("Tiède : le BDE voudrait des sweats brodés pour le gala du printemps 2028, mais rien ne se fera tant que "
            "la nouvelle équipe n'est pas élue, en octobre. Je les relance après l'élection.")
    assert points(notes, "tiède", "tiède", text, "2027-09-11") == (1, 1)


def test_a_closure_or_a_competitor_the_notes_never_mention_is_an_invented_fact():
    notes = "M. Faure, président, veut 40 polos brodés pour la fête du village du 14 juillet. Budget voté, à rappeler vite."
    salon = "2027-05-08"
    assert points(notes, "chaud", "chaud", "Chaud : 40 polos pour le 14 juillet, budget voté. Son ancien fournisseur a "
                  "fermé, il n'a plus personne. Je l'appelle lundi.", salon)[0] == 0
    assert points(notes, "chaud", "chaud", "Chaud : 40 polos pour le 14 juillet, budget voté, et il attend aussi le devis "
                  "de notre concurrent d'Albi. Je l'appelle lundi.", salon)[0] == 0
    assert points(notes, "chaud", "chaud", "Chaud : 40 polos pour le 14 juillet, budget voté ; une boutique de Rodez lui "
                  "a déjà fait un prix. Je l'appelle lundi.", salon)[0] == 0
    cold = "Mme Puech a regardé nos stylos par politesse. L'amicale n'a besoin de rien cette année."
    assert points(cold, "froid", "froid", "Froid : l'amicale n'a besoin de rien et elle ferme à la fin de l'année. "
                  "Fiche gardée.", salon)[0] == 0
    assert points(cold, "froid", "froid", "Froid : l'amicale n'a besoin de rien, elle a tout commandé chez notre "
                  "concurrent Textilor. Fiche gardée.", salon)[0] == 0
    # the same words backed by the notes are the contact's facts
    closing = "Mme Puech : l'amicale ferme à la fin de l'année, faute de bénévoles. Aucun achat."
    assert points(closing, "froid", "froid", "Froid : l'amicale ferme à la fin de l'année, aucun achat. Fiche gardée.",
                  salon) == (1, 1)


def test_a_record_to_keep_in_the_infinitive_is_the_plan():
    notes = "M. Girard est passé dire bonjour. Le club n'a aucun besoin."
    for text in ("Froid : aucun besoin. À garder dans le fichier.", "Froid : aucun besoin. A conserver dans le CRM."):
        assert points(notes, "froid", "froid", text, "2027-04-10") == (1, 1), text
    # what the contact did stays the contact's
    assert points(notes, "froid", "froid", "Froid : aucun besoin, il a gardé notre fiche produit.", "2027-04-10")[1] == 0


def test_goods_given_by_someone_else_or_a_future_in_doubt_are_cold_reasons():
    salon = "2027-04-10"
    notes = "La fédération fournit gratuitement ses maillots au club ; le club n'achète rien. Carte prise."
    for text in ("Froid : c'est la fédération qui leur fournit gratuitement les maillots. Fiche gardée.",
                 "Froid : la fédération s'occupe de tout. Fiche gardée."):
        assert points(notes, "froid", "froid", text, salon) == (1, 1), text
    notes = "Mme Blin a regardé nos tabliers ; elle ne sait pas si l'atelier existera encore l'an prochain."
    assert points(notes, "froid", "froid", "Froid : elle ne sait même pas si l'atelier existera l'an prochain. "
                  "Fiche gardée, documentation envoyée.", salon)[0] == 1


def test_no_dated_project_is_a_warm_contacts_timing_and_a_form_gives_its_delay():
    salon = "2027-04-10"
    notes = "M. Caron trouve nos casquettes jolies et en voudrait un jour ; ni date ni budget."
    assert points(notes, "tiède", "tiède", "Tiède : un intérêt pour nos casquettes, mais pas encore de projet daté. "
                  "Je le relance en septembre.", salon) == (1, 1)
    notes = "Mme Pons veut des gilets brodés pour l'équipe, à renouveler d'ici un an environ. Pas de budget encore."
    form = "Qualification : tiède\nBesoin : gilets brodés\nDélai : environ 1 an\nSuivi : relance à l'automne"
    assert points(notes, "tiède", "tiède", form, salon) == (1, 1)


def test_a_copied_plan_naming_a_scout_leader_is_another_contacts():
    notes = "Le président, M. Brun, veut 30 vestes brodées pour la course du 20 juin. Devis attendu vite."
    text = "Chaud : le groupe veut 40 foulards et des tee-shirts pour le camp du 3 juillet. Je rappelle la cheftaine dès lundi pour le devis."
    assert points(notes, "chaud", "chaud", text, "2027-04-10") == (0, 0)
    # the contact's own role in the plan: the plan stands
    text = "Chaud : le groupe veut 40 foulards et des tee-shirts pour le camp du 3 juillet. Je rappelle le président dès lundi pour le devis."
    assert points(notes, "chaud", "chaud", text, "2027-04-10") == (0, 1)


# --- dev63 (2026-11-29, after its one look as a held-out batch) --------------------------------

def test_a_person_the_notes_never_name_is_someone_elses_contact():
    notes = "Le trésorier, M. Lavigne, veut 50 maillots floqués pour le tournoi du 12 juin. Budget voté."
    salon = "2027-04-10"
    text = "Chaud : M. Perrot veut 50 maillots pour le tournoi de juin, budget voté. Je l'appelle lundi."
    assert points(notes, "chaud", "chaud", text, salon)[0] == 0
    # the contact's own person, even misspelt, is the contact
    for name in ("M. Lavigne", "M. Lavignes", "Monsieur Lavigne"):
        text = f"Chaud : {name} veut 50 maillots pour le tournoi du 12 juin, budget voté. Je l'appelle lundi."
        assert points(notes, "chaud", "chaud", text, salon) == (1, 1), name


def test_a_price_or_a_discount_the_notes_never_give_is_invented():
    notes = "L'amicale veut 80 polos pour la Sainte-Barbe du 4 décembre et attend notre proposition sous quinze jours."
    salon = "2026-09-26"
    for fact in ("le devis du concurrent est à 1 900 €", "le concurrent leur fait 20 % de remise"):
        text = f"Chaud : 80 polos pour le 4 décembre ; {fact}. Je le rappelle lundi en priorité."
        assert points(notes, "chaud", "chaud", text, salon)[0] == 0, fact
    notes = "Le sponsor paie la moitié des 120 sweats commandés pour le tournoi du 20 juin ; commande avant le 1er juin."
    assert points(notes, "chaud", "chaud", "Chaud : 120 sweats pour le tournoi du 20/06, commande avant le 1er juin, le "
                  "sponsor paie 50 %. Rappel prioritaire et devis sous 48 h.", "2027-05-15")[0] == 1


def test_a_supplier_of_its_own_the_notes_never_mention_is_invented():
    notes = "M. Roche est venu à titre personnel : l'amicale a été dissoute cet hiver. Aucun besoin."
    assert points(notes, "froid", "froid", "Froid : l'amicale a été dissoute et le lycée voisin a son propre "
                  "fournisseur. Fiche gardée.", "2027-06-05")[0] == 0


def test_goods_named_as_a_guess_about_some_day_are_no_facts_of_another_contact():
    notes = ("Mme Colin n'a besoin de rien : le club a des stylos et des carnets en stock pour des années. "
             "Elle accompagnait une amie.")
    text = ("Froid : Mme Colin n'a besoin de rien, le club a des stylos et des carnets en stock pour des années, et elle "
            "accompagnait une amie. Un club de belote organise des concours et pourrait un jour vouloir des coupes ou "
            "des médailles, donc je garde sa fiche et je lui envoie notre catalogue.")
    assert points(notes, "froid", "froid", text, "2026-11-28") == (1, 1)


def test_the_notes_pasted_whole_keep_the_plan_that_reuses_their_words():
    notes = "Le comité a signé un contrat de deux ans avec un imprimeur et ne compte pas en changer. Carte prise par politesse."
    text = notes + " → Froid. J'ajoute le comité à notre fichier de prospects et je lui envoie une invitation à nos portes ouvertes."
    assert points(notes, "froid", "froid", text, "2027-03-13") == (0, 1)


def test_a_garment_for_the_notes_textile_and_a_comparison_of_quotes_are_the_contacts():
    notes = "Deux membres sont venus par curiosité. Le club n'achète jamais de textile ; aucun intérêt pour notre offre."
    assert points(notes, "froid", "froid", "froid pcq aucun interet, le club achete jamais de tshirt. fiche crm",
                  "2026-03-21") == (1, 1)
    notes = "M. Le Gall cherche 40 chemises pour le concours du 20 mars ; il compare deux devis la semaine prochaine."
    assert points(notes, "chaud", "chaud", "Chaud car le concours est le 20 mars et il compare les devis la semaine "
                  "prochaine pour commander juste après. Je le rappelle rapidement.", "2027-01-23") == (1, 1)


def test_a_condition_before_a_denial_and_a_plan_from_its_verb():
    notes = ("Mme Haddad aimerait des cahiers imprimés pour la rentrée 2027 ; tout dépend d'une subvention dont la "
             "réponse arrivera au printemps.")
    text = ("Tiède : des cahiers pour la rentrée 2027, dans un an. Tant qu'elle n'a pas la subvention, elle ne "
            "commandera rien. Je lui envoie dès maintenant une estimation de prix pour son dossier, puis je la "
            "relance au printemps.")
    assert points(notes, "tiède", "tiède", text, "2026-09-19") == (1, 1)


def test_our_own_quote_sent_and_a_call_misspelt_are_plans():
    notes = "Mme Roux veut 300 tabliers pour la kermesse du 26 juin ; elle compare deux devis la semaine prochaine."
    assert points(notes, "chaud", "chaud", "chaud!! 300 tabliers pr la kermesse du 26/06, elle compare 2 devis la "
                  "semaine pro → on envoie le notre avant vendredi", "2027-05-29")[1] == 1
    assert points(notes, "chaud", "chaud", "chaud, 300 tabliers pr la kermesse du 26/06, elle compare 2 devis. japel "
                  "mme roux lundi a la 1ere heure", "2027-05-29")[1] == 1


def test_paraphrased_goods_and_events_are_the_same_contacts():
    """Words of one's own for the notes' goods and events (« écharpes » for « foulards », a ball
    for a « soirée », the season's « reprise », a tour's concerts) are this contact's; so are
    « repasser un coup de fil » (no meal) and « fêter » (a verb, no party)."""
    salon = "2026-10-10"
    notes = ("Mme Roussel, cheffe de chœur, aimerait des foulards brodés pour la tournée de l'été 2027. Le bureau "
             "en reparlera au printemps.")
    assert points(notes, "tiède", "tiède", "Tiède : la chorale voudrait des écharpes à son nom pour ses concerts de "
                  "l'été prochain ; décision au printemps. Je la recontacte en mars.", salon) == (1, 1)
    notes = "Le lieutenant Morel aime nos sweats brodés pour le bal des pompiers de juillet 2027. Budget voté en février."
    assert points(notes, "tiède", "tiède", "Tiède : des sweats brodés pour la soirée des pompiers de l'été prochain, "
                  "l'argent sera voté en février. Je le rappelle en mars.", salon) == (1, 1)
    notes = "Les capitaines veulent des maillots réversibles pour la saison qui commence en septembre 2027."
    assert points(notes, "tiède", "tiède", "Tiède : de nouveaux maillots réversibles pour la reprise de septembre "
                  "2027, rien avant. Je la relance au printemps.", salon) == (1, 1)
    notes = "Mme Blanc veut des écharpes brodées pour les 20 ans du chœur en mai 2027 ; rien n'est chiffré."
    assert points(notes, "tiède", "tiède", "Tiède : des écharpes brodées pour fêter les 20 ans du chœur en mai 2027, "
                  "rien de chiffré. Je repasse un coup de fil en janvier.", salon) == (1, 1)


def test_a_month_inside_the_notes_season_and_a_record_created_are_this_contacts():
    notes = "Ils envisagent des tee-shirts pour les bénévoles du festival d'été ; la commande se fera au printemps."
    assert points(notes, "tiède", "tiède", "Tiède : des tee-shirts pour les bénévoles du festival d'été, achat prévu "
                  "entre mars et juin. Je reviens vers eux en février.", "2026-10-10") == (1, 1)
    notes = "Mme Perret est passée par curiosité ; la chorale a déjà tout ce qu'il lui faut."
    assert points(notes, "froid", "froid", "Froid : simple curiosité, la chorale a déjà tout. Je crée sa fiche dans "
                  "le logiciel de suivi.", "2026-10-10") == (1, 1)


# --- dev64 and dev65 (2026-11-29, after their first passes) -------------------------------------

def test_restrictions_and_steps_done_are_no_denials():
    salon = "2027-01-23"
    notes = "Mme Viala veut 35 tuniques pour la tournée du 2 mars ; le bureau a validé, elle doit commander vite."
    assert points(notes, "chaud", "chaud", "Chaud : elle n'a plus que cinq semaines pour commander ses 35 tuniques "
                  "avant la tournée du 2 mars. Appel demain, devis sous 48 h.", salon) == (1, 1)
    assert points(notes, "chaud", "chaud", "Chaud : 35 tuniques pour le 2 mars, et elle n'a plus besoin de l'accord "
                  "du bureau, c'est validé. Appel demain, devis sous 48 h.", salon) == (1, 1)
    assert points(notes, "chaud", "chaud", "Chaud : 35 tuniques pour le 2 mars, le bureau a validé, donc plus aucun "
                  "frein. Appel demain, devis sous 48 h.", salon) == (1, 1)


def test_goods_already_ordered_and_a_wish_for_something_else_are_cold_reasons():
    salon = "2026-05-30"
    notes = "M. Pujol explique que le club vient de commander tous ses polos chez un imprimeur de la région ; aucun autre besoin."
    assert points(notes, "froid", "froid", "Froid : il vient de tout commander chez un imprimeur local. Fiche CRM.",
                  salon) == (1, 1)
    assert points(notes, "froid", "froid", "Froid : polos déjà commandés chez un imprimeur du coin, besoin de rien. "
                  "Fiche CRM.", salon) == (1, 1)
    notes = "M. Rey cherchait surtout un traiteur pour le repas annuel ; nos objets ne l'intéressent pas. Carte laissée."
    assert points(notes, "froid", "froid", "froid, il cherchait un traiteur pas des goodies. carte gardée ds le CRM",
                  salon) == (1, 1)


def test_criteria_named_in_a_long_answer_and_a_wish_of_ours_are_no_interest():
    notes = "Mme Duc a seulement demandé le chemin du stand voisin. Aucun besoin de produits personnalisés."
    text = ("Je reprends les trois critères vus en cours : l'intérêt, le projet et le délai. Mme Duc cherchait juste le "
            "stand voisin et n'a besoin d'aucun produit personnalisé, donc pas d'intérêt. Nous voulons qu'elle pense à "
            "nous plus tard : je garde sa fiche dans le CRM.")
    assert points(notes, "froid", "froid", text, "2026-11-28") == (1, 1)


def test_a_form_for_a_team_and_a_budget_examined_later_read_right():
    salon = "2026-03-28"
    notes = "M. Roux, du comité, veut des tee-shirts pour 60 bénévoles pour la fête de fin octobre ; budget examiné en juin."
    form = ("Contact : M. Roux\nBesoin exprimé : tee-shirts pour 60 bénévoles\nÉvénement : fête (fin octobre)\n"
            "Budget : examiné en juin\nTempérature : tiède\nProchaine étape : relance en juin")
    assert points(notes, "tiède", "tiède", form, salon) == (1, 1)
    notes = "L'équipe de secours est équipée par le département ; elle n'achète rien."
    form = ("Structure : équipe de secours\nIntérêt : aucun\nRaison : équipement fourni par le département\n"
            "Classement : FROID\nSuite : enregistrement CRM, envoi plaquette")
    assert points(notes, "froid", "froid", form, salon) == (1, 1)


def test_a_town_giving_goods_the_notes_never_mention_is_invented_and_a_long_record_plan_counts():
    salon = "2026-06-06"
    notes = "Mme Petit coud elle-même les tabliers de l'atelier et n'est pas intéressée par nos produits."
    assert points(notes, "froid", "froid", "Froid, la mairie leur offre déjà des goodies. Je les mets dans le fichier.",
                  salon)[0] == 0
    assert points(notes, "froid", "froid", "Froid : elle coud tout elle-même et nos produits ne l'intéressent pas. Pas "
                  "de relance proche, juste une fiche au CRM et la plaquette par courrier.", salon) == (1, 1)


def test_joined_and_english_goods_names_and_abbreviated_calls():
    notes = "Le coordinateur cherche 60 tote bags et 300 autocollants pour la fête du 13 mars ; il est pressé."
    assert points(notes, "chaud", "chaud", "chaud. 60 totebags + 300 stickers pr la fete du 13 mars (ds 5 semaines). "
                  "je l'apl lundi en 1er", "2027-02-06") == (1, 1)


# --- dev66 (2026-11-29, hard ordinary answers, after its first pass) ---------------------------

def test_a_long_answer_that_declares_its_class_in_its_own_words_is_not_stuffing():
    notes = ("Mme Roche aimerait des sacs en coton imprimés pour la kermesse de l'an prochain ; l'association "
             "décidera après la rentrée.")
    for opening in ("Je place l'association des parents d'élèves en tiède", "L'association des parents est tiède",
                    "Tiède, sans hésiter"):
        text = (f"{opening}. L'argument pour chaud : la kermesse de cette année arrive dans quelques semaines. "
                "Mais il s'agit de celle de l'an prochain, dans environ un an, et rien ne sera décidé avant la "
                "rentrée. Ce n'est pas froid non plus, puisque l'intérêt pour nos sacs est réel. "
                "Je la relance en septembre pour un rendez-vous.")
        assert points(notes, "tiède", "tiède", text, "2026-05-16") == (1, 1), opening


def test_a_plan_supposed_in_the_past_conditional_or_under_si_is_not_the_plan():
    notes = "M. Viaud veut 60 tee-shirts pour le rallye du 19 septembre ; la dépense est validée."
    text = ("Chaud : 60 tee-shirts pour le rallye du 19 septembre, dépense validée, onze semaines à peine. Si je "
            "l'avais mis en tiède, je l'aurais relancé en septembre, trop tard. J'appelle lundi en priorité et "
            "j'envoie le devis sous 48 h.")
    assert points(notes, "chaud", "chaud", text, "2027-07-03") == (1, 1)
    notes = "Mme Ducret doit habiller 120 bénévoles pour le festival début juillet ; elle attend nos prix fin mai."
    assert points(notes, "chaud", "chaud", "Chaud : 120 bénévoles à habiller pour début juillet, à moins de deux mois "
                  "de notre rencontre. J'appelle Mme Ducret lundi et le devis part dans la journée.", "2027-05-08") == (1, 1)


def test_more_cold_reasons_and_inquiries_in_own_words():
    salon = "2026-11-21"
    notes = "M. Caron est venu accompagner un ami. Le club a des tee-shirts en stock pour des années ; aucun besoin."
    assert points(notes, "froid", "froid", "froid. venu avec 1 pote, stock de tshirts pr des années, aucun autre "
                  "besoin. => crm + newsletter", salon) == (1, 1)
    notes = "Mme Orsini : aucune dépense possible tant que les finances ne sont pas rétablies."
    assert points(notes, "froid", "froid", "Froid : aucune dépense tant que les finances ne sont pas remises à flot. "
                  "Je garde la fiche.", salon) == (1, 1)
    notes = "M. Le Guen s'est renseigné sur des échiquiers gravés pour l'open de 2028. Rien avant."
    assert points(notes, "tiède", "tiède", "tiede : s est renseigné pr des echiquiers gravés pr l open de 2028. rien "
                  "avt longtemps, relance courant 2027", salon) == (1, 1)
    notes = "Mme Jaouen voudrait des chasubles pour la collecte de novembre ; il lui faut d'abord un sponsor."
    assert points(notes, "tiède", "tiède", "Tiède : elle aimerait des gilets pour la collecte de la fin de "
                  "l'automne, mais il lui faut d'abord un sponsor. Je la relance en septembre.", "2027-04-17") == (1, 1)


def test_a_school_party_at_the_end_of_the_year_is_june_and_not_before_months_is_long():
    notes = "L'APE veut des tabliers imprimés pour la fête de fin d'année de l'école, fin juin ; commande avant fin mai."
    assert points(notes, "chaud", "chaud", "Chaud : des tabliers pour la fête de fin d'année de l'école, et la "
                  "commande doit partir dans les quatre semaines. Appel lundi, devis sous 48 h.", "2027-04-24") == (1, 1)
    notes = "Mme Gros aime nos gourdes ; rien ne sera acheté avant l'automne prochain."
    assert points(notes, "tiède", "tiède", "Tiède : intérêt réel pour nos gourdes mais pas d'achat avant plusieurs "
                  "mois. Je la relance en août.", "2026-10-24") == (1, 1)


def test_a_form_heading_answered_pending_or_not_yet_is_no_refusal():
    salon = "2027-05-29"
    notes = "Le comité des fêtes pense à des tabliers imprimés pour la fête votive fin octobre ; décision en juin."
    form = ("• Idée d'achat : tabliers imprimés\n• Pour : fête votive, fin octobre\n• État du projet : non décidé, "
            "réunion en juin\n• Classe : tiède\n• Suite : relancer le président début juin pour un rdv")
    assert points(notes, "tiède", "tiède", form, salon) == (1, 1)
    notes = "Mme Picard trouve nos tabliers jolis, « ça servira un jour » ; aucun projet ni budget."
    form = "Intérêt : oui mais vague (tabliers jolis)\nProjet : aucun pour l'instant\nQualification : tiède\nAction : relance à l'automne"
    assert points(notes, "tiède", "tiède", form, salon) == (1, 1)


# --- dev67 and dev68 (2026-11-29, after their first passes) -------------------------------------

def test_a_dated_follow_up_keeps_its_date_next_to_a_deadline_and_a_contacts_dated_campaign_is_its_event():
    salon = "2027-01-16"
    notes = "Mme Brun s'intéresse à des sacs imprimés pour le colloque de mai 2028 ; budget voté à l'automne 2027."
    text = ("Tiède : des sacs pour le colloque de mai 2028, budget voté à l'automne 2027. Je lui adresse notre "
            "documentation dès cette semaine et je la relancerai fin août 2027, afin que notre offre soit connue "
            "avant le vote du budget.")
    assert points(notes, "tiède", "tiède", text, salon) == (1, 1)
    notes = "M. Vidal voudrait des tee-shirts à offrir aux donneurs pour la campagne de juin 2027 ; pas de budget encore."
    assert points(notes, "tiède", "tiède", "Tiède : des tee-shirts pour la campagne de juin 2027, sans budget pour "
                  "l'instant. Je le relance en mars.", "2026-11-28") == (1, 1)
    # « lors de la campagne de 2028 » is still our campaign
    notes = "Le club n'a aucun besoin : son imprimeur est un adhérent."
    assert points(notes, "froid", "froid", "Froid : aucun besoin, leur imprimeur est un adhérent. Fiche gardée et on "
                  "le recontacte lors de la campagne de 2028.", "2026-12-05") == (1, 1)


def test_keyword_lists_under_a_follow_up_heading_and_undated_leads():
    salon = "2026-10-17"
    notes = "Mme Roy est passée par curiosité ; un mécène a offert les écharpes l'an dernier, aucun besoin."
    assert points(notes, "froid", "froid", "froid : intérêt, besoin, budget, délai, curiosité, mécène. suivi : CRM, "
                  "catalogue, campagne", salon) == (0, 0)
    notes = "Mme Gall trouve nos porte-clés sympas ; « peut-être un jour, pour les dix ans », sans date."
    assert points(notes, "tiède", "tiède", "Tiède : un début d'intérêt pour les porte-clés et une piste, les dix ans, "
                  "même si rien n'est daté. Je la relance dans quelques mois.", salon) == (1, 1)


# --- dev69 (the seventh sealed set, retired after its one look) --------------------------------

def test_a_rhetorical_why_a_recent_outfit_and_a_sentence_that_looks_like_a_heading():
    salon = "2027-08-21"
    notes = "M. Lenoir vient d'équiper tout le club chez un concurrent et en est ravi ; rien avant plusieurs années."
    assert points(notes, "froid", "froid", "Froid ? Oui : pourquoi achèterait-il alors qu'il vient d'habiller tout le "
                  "club ailleurs ? Rien avant plusieurs années. Je l'enregistre dans le CRM.", salon) == (1, 1)
    assert points(notes, "froid", "froid", "froid : vient d'equiper ts ses licenciés ailleurs et il est ravi. rien "
                  "prévu avt plusieurs années. on le garde ds le fichier", salon) == (1, 1)
    notes = "Mme Lamy aimerait des sacs à l'image de la ludothèque, un jour ; ni projet ni date."
    assert points(notes, "tiède", "tiède", "Tiède : elle aimerait des sacs à l'image de la ludothèque, il y a donc un "
                  "intérêt, mais pas de projet ni de date : rien d'urgent. Je la relance dans quelques mois.",
                  "2026-10-17") == (1, 1)
    # a form's heading led by a word keeps its answer
    assert points(notes, "froid", "froid", "Stock actuel : sacs pour des années\nAutres besoins : aucun\n"
                  "Qualification : froid\nSuite : CRM + newsletter", "2026-10-17")[0] == 1


def test_an_order_not_before_and_a_call_now_that_would_serve_nothing_are_no_refusals():
    salon = "2026-05-30"
    notes = "La capitaine veut des shorts pour la reprise de septembre ; le bureau confirmera le budget en juillet."
    assert points(notes, "tiède", "tiède", "Tiède : des shorts pour la reprise de septembre, mais le bureau ne "
                  "confirmera le budget qu'en juillet, donc aucune commande ne peut partir avant. Je la relance "
                  "début juillet.", salon) == (1, 1)
    notes = "M. Abel aime nos casquettes pour les 20 ans du club en septembre 2027 ; budget voté en juin 2027."
    assert points(notes, "tiède", "tiède", "Tiède : des casquettes pour les 20 ans en septembre 2027, budget voté en "
                  "juin 2027. Je ne vais pas l'appeler tout de suite, ça ne servirait à rien ; je le relance en mai "
                  "2027.", "2026-10-10")[0] == 1


# --- dev70 and dev71 (2026-11-29, after their first passes) -------------------------------------

def test_covered_needs_in_few_words_and_a_visitor_looking_for_another_stand():
    salon = "2027-10-02"
    notes = "Le club vient de recevoir ses sweats d'un autre fournisseur ; aucun besoin avant deux ans."
    for text in ("froid: viennent de recevoir leurs sweats d un autre fournisseur, besoin de rien avt 2 ans. fiche + doc",
                 "Plutôt froid, ils sont équipés. Fiche CRM."):
        assert points(notes, "froid", "froid", text, salon) == (1, 1), text
    assert points("Le club a signé un contrat avec un imprimeur jusqu'en 2028 ; aucun achat.", "froid", "froid",
                  "Froid car le club a un contrat avec un autre imprimeur jusqu'en 2028. Fiche CRM.", salon) == (1, 1)
    notes = "M. Faure cherchait le stand des jeux ; pas un centime pour des objets personnalisés cette année."
    assert points(notes, "froid", "froid", "froid, pas un centime pr des articles perso, il cherchait jste le stand "
                  "des jeux. fiche ds le crm", salon) == (1, 1)
    notes = "Le responsable serait séduit par des tabliers à son nom, un jour ; ni date ni budget."
    assert points(notes, "tiède", "tiède", "Tiède : des tabliers à son nom le séduiraient, mais c'est une envie sans "
                  "calendrier ni argent prévu. Je le relance dans trois mois.", salon) == (1, 1)


def test_a_budget_decided_later_is_a_decision_date_and_goods_wanted_are_interest():
    notes = "L'amicale pense offrir mugs et polos pour la soirée de ses 50 ans en juin 2027 ; l'enveloppe sera décidée en janvier."
    assert points(notes, "tiède", "tiède", "Tiède : mugs et polos pour la soirée de juin 2027, mais l'enveloppe ne sera "
                  "décidée qu'après les fêtes, en janvier. Je le relance fin janvier.", "2026-11-07") == (1, 1)
    notes = "M. Roux voudrait des goodies pour la collecte de juin ; budget en mars."
    assert points(notes, "tiède", "tiède", "Tiède : goodies voulus pour juin, budget en mars. Relance en mars.",
                  "2026-10-15") == (1, 1)


def test_a_plan_affirmed_by_pas_sans_is_a_plan():
    s = score("Mme Roy veut des gilets pour le trail du 5 septembre.", "2026-07-02", "chaud", "chaud",
              "Chaud : trail le 5 septembre, dans deux mois. Je ne laisse pas passer la semaine sans lui envoyer le devis.")
    assert "no_action" not in s.reasons


def test_the_final_reads_counterexamples_of_the_fifth_session_stay_right():
    """A reviewer re-scored sentences of his own on the code before and after this session's rules;
    these are the misreadings he found, mended."""
    # a firm's or a shop's « fête de fin d'année » is December; a school's is June
    notes = "Comité d'entreprise Valéo : veut des coffrets cadeaux pour la fête de fin d'année du personnel en décembre. Budget validé."
    assert points(notes, "chaud", "chaud", "Chaud : ils veulent des coffrets pour leur fête de fin d'année, budget "
                  "validé. Je fais le devis cette semaine.", "2026-11-10") == (1, 1)
    notes = "L'APE de l'école Jules Ferry veut des tee-shirts pour la fête de fin d'année, fin juin ; commande avant fin mai."
    assert points(notes, "chaud", "chaud", "Chaud : l'APE veut des tee-shirts pour la fête de fin d'année, commande "
                  "dans le mois. Appel lundi, devis sous 48 h.", "2027-04-24") == (1, 1)
    # « si » inside a plan decides nothing; « si bien que » is a consequence
    notes = "Club de foot USM. Veut 40 maillots pour le tournoi du 15 avril. Budget voté. Demande un devis rapidement."
    for text in ("Chaud : 40 maillots pour le 15 avril, budget voté. Je vérifie si le stock suit et j'appelle demain.",
                 "Chaud : 40 maillots pour le 15 avril, le budget est voté, si bien que j'envoie le devis demain."):
        assert points(notes, "chaud", "chaud", text, "2027-03-20") == (1, 1), text
    # our own campaign, even « pour la campagne de janvier »
    notes = "Comité des fêtes : pas de besoin, un fournisseur habituel. Garder le contact."
    assert points(notes, "froid", "froid", "Froid : aucun besoin, ils ont leur fournisseur habituel. Je garde la "
                  "fiche et je le relancerai pour la campagne de janvier.", "2026-11-10") == (1, 1)
    # a colleague of ours named in the plan is no other contact
    notes = "Club de foot USM. Veut 40 maillots pour le tournoi du 15 avril. Budget voté. Demande un devis rapidement."
    for colleague in ("M. Lebrun, notre commercial du secteur,", "Mme Roux (service devis)", "M. Blanc, mon responsable,"):
        text = f"Chaud : 40 maillots pour le 15 avril, budget voté. Je préviens {colleague} et j'appelle demain."
        assert points(notes, "chaud", "chaud", text, "2027-03-20") == (1, 1), colleague
    # « plus que » before a clause is still a denial
    notes = "Association de randonnée déjà équipée en polos par un sponsor. Aucun projet. Ne veut plus de textile."
    assert points(notes, "froid", "froid", "Froid : ils n'en veulent plus que ce soit des polos ou autre chose, le "
                  "sponsor les équipe. Je garde la fiche.", "2027-03-20") == (1, 1)


def test_shopping_around_is_no_other_supplier_denial():
    """« met deux fournisseurs en concurrence », « hésite entre deux fournisseurs »: the contact
    compares offers, ours among them — interest, not a supplier that already serves it."""
    notes = "Mme Petit veut 30 polos brodés pour la fête du club du 20 juin ; elle compare déjà deux fournisseurs."
    for text in ("Chaud : 30 polos pour le 20 juin, et elle met déjà deux fournisseurs en concurrence. Je l'appelle demain.",
                 "Chaud : polos pour le 20 juin ; elle hésite entre deux fournisseurs. Devis envoyé demain en priorité."):
        assert points(notes, "chaud", "chaud", text, "2027-05-02") == (1, 1), text


def test_no_need_to_hurry_is_no_denied_need():
    """« pas besoin de se précipiter »: a step the learner skips (reflexive verb), not a need
    denied; « aucun besoin de nous acheter » stays a denial."""
    notes = "M. Noël veut des sweats pour le gala du 12 décembre ; budget voté, commande sous quinze jours."
    s = score(notes, "2026-11-02", "chaud", "chaud", "Chaud : sweats pour le gala du 12 décembre, budget voté. "
              "Pas besoin de se précipiter, je l'appelle demain en priorité.")
    assert s.evidence == 1, s.reasons
    notes = "Le club reçoit ses tee-shirts gratuitement d'un sponsor. Aucun projet."
    assert points(notes, "froid", "froid", "Froid : ils ont un sponsor, aucun besoin de nous acheter quoi que ce "
                  "soit. Je garde la fiche.", "2026-11-02") == (1, 1)


def test_more_than_a_look_is_no_denial():
    """« il ne cherche pas à se renseigner, il veut … »: the denial sets aside the mere look;
    « il ne cherche pas de nouvelles tenues » still denies the interest."""
    notes = "Le président veut 40 vestes brodées pour le tournoi du 10 juin ; budget voté, devis demandé."
    assert points(notes, "chaud", "chaud", "Chaud : il ne cherche pas à se renseigner, il veut 40 vestes pour le "
                  "10 juin et le budget est voté. Je l'appelle demain en priorité.", "2027-04-20") == (1, 1)
    from grader.justifications.analysis import analyse
    assert analyse("Il ne cherche pas de nouvelles tenues.", date(2027, 4, 20)).disinterest


def test_a_question_of_need_names_the_criterion():
    """« ce n'est pas une question de délai mais de besoin »: the criterion the class turns on,
    not the contact's need stated."""
    notes = "M. Galy : les membres fabriquent leurs costumes eux-mêmes ; aucun intérêt pour notre offre."
    assert points(notes, "froid", "froid", "Froid, ce n'est pas une question de délai mais de besoin : ils font "
                  "leurs costumes eux-mêmes et même avec de l'argent ils ne nous achèteraient rien. Je garde la fiche.",
                  "2026-11-05") == (1, 1)


def test_sms_jamais():
    """« jms » is « jamais » in SMS writing."""
    notes = "M. Lambert : le club n'achète jamais de textile, il n'en a pas besoin."
    assert points(notes, "froid", "froid", "froid, il cherchait des idées de déco, le club achete jms de textile. on le met ds le fichier",
                  "2027-10-07") == (1, 1)


def test_goods_the_notes_want_and_the_text_says_are_missing_state_the_need():
    """« n'a pas encore ses bonnets » for notes that say « a besoin de 40 bonnets »: the need."""
    notes = "La coordinatrice a besoin de 40 bonnets marqués pour les maraudes qui reprennent le 15 novembre."
    assert points(notes, "chaud", "chaud", "Les maraudes reprennent dans quatre semaines et l'association n'a pas "
                  "encore ses bonnets. C'est chaud, je la rappelle lundi en priorité.", "2026-10-17") == (1, 1)


def test_a_cold_contacts_reasons_in_other_words():
    """« rien dans notre gamme », « fabrique ses tee-shirts lui-même »: no need, said plainly;
    « imprimés et il a lui-même parlé » is no own production."""
    notes = "Mme Girard cherchait un fournisseur de jeux de société ; rien dans notre offre ne l'intéresse."
    assert points(notes, "froid", "froid", "Classe : froid | Motif : cherche des jeux, rien dans notre gamme | "
                  "Action : CRM + catalogue", "2027-01-23") == (1, 1)
    notes = "Le fablab fabrique lui-même ses tee-shirts avec sa découpeuse ; il n'a besoin de rien."
    assert points(notes, "froid", "froid", "froid, venu par curiosité, fabrique ses tshirts lui meme. fiche crm",
                  "2026-10-03") == (1, 1)
    from grader.justifications.analysis import analyse
    a = analyse("Il a aimé nos polos imprimés et il a lui-même parlé d'en commander.", date(2026, 10, 3))
    assert not a.disinterest


def test_saint_abbreviated_is_the_feast():
    """« la St Jean » is the Saint-Jean (24 June)."""
    notes = "Mme Costes veut 500 gobelets pour la fête de la Saint-Jean du 20 juin ; dépense votée, devis demandé."
    assert points(notes, "chaud", "chaud", "chaud, gobelets pour la St Jean. je la rappelle vite.", "2027-04-10") == (1, 1)


def test_the_grid_named_in_its_sentence_is_criterion_talk():
    """« La grille nous demande de regarder d'abord l'intérêt »: the rubric, not the contact."""
    from grader.justifications.analysis import analyse
    for text in ("La grille nous demande de regarder d'abord l'intérêt pour notre offre.",
                 "Selon la grille, on regarde en premier lieu le besoin du client."):
        assert not analyse(text, date(2026, 2, 28)).interest, text


def test_a_plan_headed_ma_relance_keeps_its_dates():
    """« Ma relance : un mail début mai »: the plan's date, not the project's."""
    notes = "Le trésorier veut des polos et des mugs pour les 20 ans du club, en septembre 2027 ; budget voté en juin."
    assert points(notes, "tiède", "tiède", "Tiède : polos et mugs voulus pour septembre 2027, budget voté en juin. "
                  "Ma relance : un mail début mai puis un appel.", "2027-02-13") == (1, 1)


def test_a_supposed_need_is_no_interest_of_a_cold_contact():
    """« elles pourraient vouloir des tee-shirts », « ce serait inventer un besoin »: the learner's
    guesses; « elle pourrait être intéressée rapidement » is still read as interest."""
    notes = "L'amicale reçoit tout son matériel de l'EFS et n'a aucun besoin."
    assert points(notes, "froid", "froid", "Froid : l'amicale reçoit tout de l'EFS et n'a aucun besoin. Les amicales "
                  "pourraient vouloir des tee-shirts pour leurs fêtes, mais rien ne le montre. Je garde la fiche.",
                  "2026-06-20") == (1, 1)
    assert points(notes, "froid", "froid", "Froid : aucun besoin, tout vient de l'EFS ; dire le contraire ce serait "
                  "inventer un besoin. Je garde la fiche.", "2026-06-20") == (1, 1)
    notes = "Elle est satisfaite de son prestataire actuel et ne prévoit rien."
    assert points(notes, "froid", "froid", "Elle est satisfaite de son prestataire mais pourrait être intéressée "
                  "rapidement. Je garde la fiche.", "2026-06-20")[0] == 0


def test_no_hurry_is_no_refusal():
    """« elle ne veut rien précipiter »: the contact takes her time — not soon, no denial."""
    notes = "Mme Doucet voudrait des tabliers pour les dix ans du repair café, à l'automne 2027, sans se presser."
    assert points(notes, "tiède", "tiède", "Tiède : l'anniversaire est dans presque un an et Mme Doucet ne veut rien "
                  "précipiter, même si les tabliers l'intéressent. Relance dans trois mois.", "2026-12-05") == (1, 1)


def test_someone_elses_visit_is_no_plan():
    """« la visite des Gallois est dans un an », « le programme n'est pas fixé »: the contact's
    event, no meeting of ours — its date is the project's; « je propose la visite de l'atelier »
    is ours."""
    notes = "La présidente veut des polos et des fanions pour la venue des Gallois de Tregaron, en mai 2028."
    assert points(notes, "tiède", "tiède", "Tiède : la présidente veut des polos et des fanions, mais la visite des "
                  "Gallois est dans un an et le programme n'est même pas fixé. Je la relance dans six mois.",
                  "2027-05-08") == (1, 1)
    from grader.justifications.analysis import analyse
    a = analyse("Je lui propose la visite de l'atelier la semaine prochaine.", date(2027, 5, 8))
    assert [x.kind for x in a.actions] == ["meeting"]


def test_goods_just_received_cover_the_need():
    """« vient de recevoir des polos du département »: the need is covered; « vient de recevoir
    sa subvention » is money, no such thing."""
    notes = "L'amicale vient de recevoir des polos offerts par le département ; aucun besoin pour le moment."
    assert score(notes, "2026-11-28", "froid", "froid", "Froid car l'amicale vient de recevoir des polos du "
                 "département.").evidence == 1
    from grader.justifications.analysis import analyse
    assert not analyse("L'association vient de recevoir sa subvention.", date(2026, 11, 28)).no_budget


def test_a_trailing_off_alternative_weighs_two_classes():
    """« Tiède ou froid... je dirais tiède »: both weighed, the class said after stands."""
    notes = "M. Chomel aimerait bien « un jour » des sacoches brodées ; ni date ni budget."
    s = score(notes, "2026-06-13", "tiède", "tiède", "Tiède ou froid... je dirais tiède, il aime les sacoches mais "
              "rien n'est prévu. Relancer plus tard.", accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_put_off_for_later_is_no_refusal():
    """« "pour plus tard", rien de prévu »: not yet, no refusal; « c'est trop vague pour être un
    vrai besoin »: no need (yet)."""
    from grader.justifications.analysis import analyse
    a = analyse("Foulards intéressants « pour plus tard », rien de prévu.", date(2026, 6, 13))
    assert a.interest and not a.disinterest and a.not_soon
    a = analyse("C'est trop vague pour être un vrai besoin.", date(2026, 6, 13))
    assert not a.interest and a.not_soon


def test_a_pace_stated_against_the_date_is_a_contradiction():
    """« C'est chaud … 12 mai. Comme ce n'est pas urgent, je le relancerai à la rentrée »: the
    learner states a pace the date denies — no evidence point (a vague word alone, « rapide »
    here or there, still gives way to a calendar date)."""
    notes = "M. Le Guen veut 60 casquettes pour la randonnée du 12 mai ; budget disponible, il veut commander vite."
    s = score(notes, "2027-03-20", "chaud", "chaud", "Chaud : 60 casquettes pour la rando du 12 mai, budget là. "
              "Comme ce n'est pas urgent, je le relancerai à la rentrée.")
    assert s.evidence == 0 and "contradiction" in s.reasons
    notes = "Le président aimerait des sacs pour le congrès d'octobre 2027. « On verra au printemps »."
    s = score(notes, "2026-11-28", "tiède", "tiède", "Tiède, le congrès est en octobre 2027 et il veut des sacs. "
              "C'est donc très urgent : je le rappelle demain.")
    assert s.evidence == 0


def test_nobody_in_a_hurry_is_no_hurry():
    """« personne n'est pressé »: a denial the negation cues do not mark — the long reading."""
    from grader.justifications.analysis import analyse
    a = analyse("L'achat se fera au printemps et personne n'est pressé.", date(2026, 10, 1))
    assert "court" not in a.timing_kinds()


def test_invented_facts_of_the_gaming_kind_are_found():
    """Competitors' quotes, an approved mock-up, a budget vote, a closure, members lost: facts
    the notes never give."""
    notes = "M. Vuillemin a un besoin urgent de 20 vestes pour l'exercice du 13 mars ; il demande un devis sous quinze jours."
    for text in ("Chaud car M. Vuillemin a déjà reçu deux devis de concurrents et doit choisir avant le 13 mars. "
                 "Je le rappelle lundi en priorité.",
                 "Chaud : deux concurrents qui lui ont fait un devis, exercice le 13 mars. Appel lundi en priorité.",
                 "Chaud : il a déjà validé notre maquette sur le stand, exercice le 13 mars. Appel lundi en priorité."):
        s = score(notes, "2027-01-23", "chaud", "chaud", text)
        assert "absent_fact" in s.reasons, text
    notes = "Une bénévole trouve nos sacs jolis ; la bibliothèque en voudrait un jour. Ni projet, ni budget, ni date."
    s = score(notes, "2027-03-13", "tiède", "tiède", "Tiède : elle veut des sacs et le conseil votera le budget en "
              "juin. Je relance en mai.")
    assert "absent_fact" in s.reasons
    notes = "Les bénévoles cherchaient le stand de la mairie ; le club ne voit pas l'intérêt d'articles personnalisés."
    s = score(notes, "2027-01-30", "froid", "froid", "Froid : le club ne voit pas l'intérêt de nos articles, il vient "
              "de fermer sa section jeunes et perd des adhérents. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.reasons
    # backed by the notes: no invented fact
    notes = "Le club compare déjà deux devis d'autres fournisseurs pour ses 40 maillots du tournoi du 5 juin."
    s = score(notes, "2027-04-10", "chaud", "chaud", "Chaud : il a déjà reçu deux devis d'autres fournisseurs, tournoi "
              "le 5 juin. Je l'appelle lundi en priorité.")
    assert "absent_fact" not in s.reasons


def test_when_words_are_no_goods_wanted():
    """« commander au moment du déménagement »: « moment » and « déménagement » say when, so
    a text that only names the move states no interest."""
    from grader.justifications.analysis import interest_objects
    objects = interest_objects("M. Chanel veut des tabliers brodés. Il prévoit de commander au moment du "
                               "déménagement dans le nouveau local, au printemps 2027.")
    assert "tablier" in objects and "demenagement" not in objects and "moment" not in objects


def test_the_salon_meeting_and_someone_elses_visit_are_no_plans():
    """« le membre que nous avons rencontré » is the meeting done at the salon (its date is that
    day's); « Tiède : visite des Gallois en mai 2028 » is the contact's event."""
    from grader.justifications.analysis import analyse
    a = analyse("Le membre que nous avons rencontré à la mi-avril n'a besoin de rien. J'enregistre sa fiche.",
                date(2026, 4, 15))
    assert [x.kind for x in a.actions] == ["record"] and not a.timing
    assert not analyse("Tiède : visite des Gallois en mai 2028.", date(2027, 5, 8)).actions


def test_what_a_visitor_wanted_that_is_not_our_offer():
    """« elle voulait des idées de jeux », « n'a pas un euro »: no interest in the offer, no money."""
    from grader.justifications.analysis import analyse
    a = analyse("Elle voulait des idées de jeux pour son stand, et la ludothèque n'a pas un euro cette année.",
                date(2026, 3, 28))
    assert not a.interest and a.no_budget


def test_paraphrased_garments_races_and_feasts_are_the_contacts_own():
    """« gilets fluo » for « vestes haute visibilité », « la course » for « la corrida », « la fête
    des 50 ans » for « les 50 ans »: the contact's own facts in other words, no other contact's."""
    notes = "Le chef d'équipe veut des vestes haute visibilité marquées « Recherche » pour ses 12 maîtres-chiens avant l'été."
    s = score(notes, "2027-04-28", "chaud", "chaud", "Chaud : ses douze maîtres-chiens n'ont pas de tenue visible pour "
              "l'été, il veut des gilets fluo avec l'inscription. Je le rappelle dès demain.")
    assert "other_contact" not in s.reasons
    from grader.justifications.gaming import foreign_facts
    from grader.justifications.analysis import analyse
    notes = "L'organisatrice de la corrida de Noël du 19 décembre veut 400 bonnets pour les coureurs."
    a = analyse("Chaud : la course approche. Je l'appelle lundi.", date(2026, 11, 7))
    assert not foreign_facts(a, notes, date(2026, 11, 7))[0]
    notes = "M. Roux aimerait des sweats brodés pour les 50 ans de l'amicale, en juin 2027 ; rien n'est décidé."
    a = analyse("Tiède : la fête est loin. Je le relance en janvier.", date(2026, 9, 10))
    assert not foreign_facts(a, notes, date(2026, 9, 10))[0]
    # a feast the notes do not celebrate still counts against a copied text
    a = analyse("Chaud : des maillots pour la fête du club.", date(2027, 3, 1))
    assert "fête" in foreign_facts(a, "Le club veut des maillots pour le tournoi du 5 avril.", date(2027, 3, 1))[0]


def test_a_denial_ends_before_its_reason():
    """« Pas froid non plus vu son intérêt », « ce n'est pas froid, car il demande des
    échantillons »: the denial is the class's, the reason after « vu », « car » stands."""
    from grader.justifications.analysis import analyse
    for text in ("Pas froid non plus vu son intérêt.", "Ce n'est pas froid non plus vu qu'il demande des échantillons."):
        a = analyse(text, date(2026, 9, 12))
        assert a.interest and not a.disinterest, text


def test_choices_not_made_yet_are_pending():
    """« le bureau n'a même pas choisi le modèle », « je n'ai pas choisi les deux autres »:
    nothing refused."""
    from grader.justifications.analysis import analyse
    for text in ("Le bureau n'a même pas choisi le modèle de veste.", "J'explique pourquoi je n'ai pas choisi les deux autres."):
        assert not analyse(text, date(2026, 9, 12)).disinterest, text


def test_not_wanting_to_be_late_is_urgency():
    """« il ne veut surtout pas être en retard », « ne veut pas perdre de temps »: urgency."""
    from grader.justifications.analysis import analyse
    a = analyse("Il veut des maillots pour juin et il ne veut surtout pas être en retard.", date(2027, 3, 1))
    assert not a.disinterest


def test_a_lukewarm_purchase_put_off_is_no_refusal():
    """Tiède: « intéressée … il n'y aura pas de commande avant 2028 » puts the purchase off; a
    denied interest (« pas intéressée ») still contradicts."""
    notes = "M. Raimbault veut des cartes postales pour la boutique du moulin, fermée pour travaux jusqu'en 2028."
    for text in ("Tiède : il a un besoin de cartes postales pour la boutique, mais elle ne rouvrira qu'en 2028, donc il "
                 "n'y aura pas de commande dans les prochains mois. Je le relance à l'automne.",
                 "Tiède : intéressé par des cartes postales, mais pas de commande en vue, il verra en 2028. Relance à "
                 "l'automne."):
        assert points(notes, "tiède", "tiède", text, "2026-10-10") == (1, 1), text
    s = score(notes, "2026-10-10", "tiède", "tiède", "Tiède : cartes postales pour 2028, mais il n'est pas intéressé. "
              "Je le relance à l'automne.")
    assert s.evidence == 0


def test_a_heat_press_is_no_class():
    """« presse à chaud », « marquage à chaud »: tools, not a class word."""
    from grader.justifications.analysis import analyse
    a = analyse("froid, ils font leurs tshirts eux meme (presse a chaud + decoupeuse) dc aucun besoin.", date(2026, 10, 10))
    assert a.classes == ["froid"]


def test_cold_reasons_in_plain_words():
    """« notre offre ne leur apporte rien », « se débrouille tout seul », « nos produits les
    concernent pas », « portent jamais de tenue »; « ce qu'ils veulent » is no wish."""
    from grader.justifications.analysis import analyse
    for text in ("Ce fablab se débrouille tout seul : ils impriment ce qu'ils veulent quand ils veulent. Notre offre ne "
                 "leur apporte rien.", "froid, les membres portent jamais de tenue, nos produits les concernent pas."):
        a = analyse(text, date(2026, 10, 10))
        assert a.disinterest and not a.interest, text


def test_goods_still_missing_with_their_number():
    """« n'a toujours pas ses 20 vestes » for notes that want 20 vestes: the need."""
    notes = "M. Arnaud cherche 20 vestes softshell marquées pour la saison d'hiver, le 19 novembre ; il doit commander très vite."
    assert points(notes, "chaud", "chaud", "Chaud : dans un mois commence la saison d'hiver et l'équipe n'a toujours pas "
                  "ses 20 vestes. Je rappelle M. Arnaud lundi matin en priorité.", "2026-10-17") == (1, 1)


def test_questions_answered_no():
    """« Veulent-ils acheter ? Pas du tout. »: the answer denies the wish the question names."""
    notes = "L'amicale reçoit ses goodies de l'EFS et n'a aucune intention d'acheter."
    assert points(notes, "froid", "froid", "Ont-ils besoin de nous ? Non : l'EFS leur donne leurs goodies. Veulent-ils "
                  "acheter ? Pas du tout. Froid, je garde le contact dans la base.", "2026-09-26") == (1, 1)


def test_an_estimate_is_a_quote_and_a_deadline_no_delay():
    """« j'envoie l'estimation cette semaine » is a quote this week; « il faut le devis avant la
    réunion du comité » sets a deadline, not a later plan."""
    notes = "M. Faure veut 500 gobelets pour la Saint-Jean, le 24 juin ; devis à présenter au comité dans dix jours."
    s = score(notes, "2027-04-24", "chaud", "chaud", "Chaud : 500 gobelets pour le 24 juin. J'envoie l'estimation cette semaine.")
    assert s.action == 1
    s = score(notes, "2027-04-24", "chaud", "chaud", "Chaud : 500 gobelets pour le 24 juin, il faut le devis avant la "
              "réunion du comité. J'appelle M. Faure en priorité.")
    assert s.action == 1


def test_a_plan_put_off_but_kept():
    """« Je ne la relance pas tout de suite, mais en janvier »: a January follow-up."""
    from grader.justifications.analysis import analyse
    a = analyse("Tiède. Je ne la relance pas tout de suite, mais en janvier.", date(2026, 9, 26))
    assert [x.kind for x in a.actions] == ["call"] and a.actions[0].timing == "later"


def test_another_suppliers_failure_is_a_need():
    """« la commande passée chez un autre fournisseur a été perdue »: a need, not a supplier that
    serves the contact."""
    from grader.justifications.analysis import analyse
    a = analyse("La commande qu'elle avait passée chez un autre fournisseur a été perdue : elle doit trouver une "
                "solution en urgence.", date(2026, 3, 7))
    assert not a.disinterest and not a.no_budget and not a.elsewhere


def test_a_lukewarm_no_project_granted():
    """« il a aimé les mugs, même s'il n'y a pas de projet pour l'instant »: tiède — interest,
    nothing planned yet."""
    notes = "M. Vuillemin a trouvé nos mugs « sympas » ; il en parlera peut-être un jour au bureau. Ni projet ni budget."
    s = score(notes, "2026-05-30", "froid", "tiède", "Je dirais tiède : il a aimé les mugs, même s'il n'y a pas de projet "
              "ni de budget pour l'instant. À relancer à la rentrée.", accepted=["froid", "tiède"])
    assert s.evidence == 1, s.reasons


def test_a_criteria_formula_with_qualifiers_is_a_keyword_list():
    """« chaud = intérêt fort + court terme + devis → priorité », « Tiède car : intérêt +
    échéance + absence d'urgence »: the rubric's words, nothing of this contact."""
    notes = "M. Lacoste a besoin de 200 tee-shirts pour la collecte du 15 mai ; commande d'ici fin avril, devis demandé."
    for text in ("chaud = intérêt fort + court terme + devis → priorité",
                 "Chaud car : intérêt + échéance proche + absence de concurrence. Action : relance."):
        s = score(notes, "2027-03-27", "chaud", "chaud", text)
        assert "keywords" in s.reasons, text


def test_a_pace_reasoned_from_against_the_date():
    """« Comme elle n'est pas pressée, je la relancerai en septembre » for a June fair: the
    reasoning denies the date; after a priority call already made, it is the plan that
    contradicts itself (the action point's)."""
    notes = "Mme Le Goff cherche 150 tee-shirts pour la kermesse du 20 juin ; fonds disponibles, elle veut commander vite."
    s = score(notes, "2026-04-25", "chaud", "chaud", "Chaud car la kermesse est le 20 juin et elle veut 150 tee-shirts. "
              "Comme elle n'est pas pressée, je la relancerai tranquillement en septembre.")
    assert s.evidence == 0
    s = score(notes, "2026-04-25", "chaud", "chaud", "Chaud : kermesse le 20 juin, 150 tee-shirts. Action : rappel en "
              "priorité lundi. Mais comme rien ne presse vraiment, je la relancerai plutôt en septembre.")
    assert (s.evidence, s.action) == (1, 0)


def test_invented_competitors_mock_ups_and_approvals():
    """« un concurrent lui avait déjà fait une maquette », « elle a déjà un devis d'un
    concurrent », « une maquette validée »: facts the notes never give."""
    notes = "Le coordinateur voudrait des sacs brodés pour les dix ans de la ludothèque, au printemps 2028 ; ni budget ni date."
    for text in ("Tiède : sacs pour les dix ans en 2028 ; un concurrent lui avait déjà fait une maquette. Relance cet automne.",
                 "Tiède : sacs pour 2028, elle a déjà un devis d'un concurrent moins cher. Relance cet automne.",
                 "Tiède : sacs pour 2028, ils ont déjà une maquette validée. Relance cet automne."):
        s = score(notes, "2027-05-15", "tiède", "tiède", text)
        assert "absent_fact" in s.reasons, text


def test_plain_cold_reasons_and_money_words():
    """« zéro besoin », « encore des blousons en stock », « pas d'activité », « rien à prévoir »,
    « font leurs affiches eux-mêmes »; « budget gelé », « caisses vides », « a réduit ses
    dépenses »: reasons and money said plainly. (« payés par la mairie » stays funding.)"""
    from grader.justifications.analysis import analyse
    for text in ("zero besoin", "Ils ont encore des blousons en stock.", "Froid, pas d'activité.",
                 "Des hauts neufs l'an passé, donc rien à prévoir.", "Ils font leurs affiches eux memes."):
        assert analyse(text, date(2026, 10, 1)).disinterest, text
    for text in ("budget gelé", "les caisses sont vides", "l'association a réduit ses dépenses"):
        assert analyse(text, date(2026, 10, 1)).no_budget, text
    assert not analyse("35 polos payés par la mairie.", date(2026, 10, 1)).disinterest


def test_the_notes_goods_in_the_learners_words():
    """« trophées » for notes that want « coupes »: the same goods, the interest stated."""
    notes = "Le président veut des coupes gravées pour le tournoi du 14 juillet ; budget prévu, devis demandé."
    assert points(notes, "chaud", "chaud", "Chaud : trophées pour le 14 juillet, budget prévu. Devis lundi en priorité.",
                  "2027-05-20") == (1, 1)


def test_mostly_english_with_a_french_plan_is_not_french():
    """« Warm lead — sweatshirts for the 10th anniversary in Sept 2027, waiting for the sponsor. Je
    la relance au printemps. »: written in English but for the plan."""
    notes = "Mme Kerboul cherche des sweats pour les 10 ans de la section en septembre 2027 ; elle attend un sponsor."
    s = score(notes, "2026-11-14", "tiède", "tiède", "Warm lead — sweatshirts for the 10th anniversary in Sept 2027, "
              "waiting for the sponsor. Je la relance au printemps.")
    assert "not_french" in s.reasons


def test_more_cold_reasons_and_a_failed_supplier():
    """« pas notre genre », « ont déjà quelqu'un et ça leur va », « sous convention », « leur propre
    matériel », « contente comme ça », « pas le droit d'acheter », « besoin d'aucun fournisseur »,
    « ne cherche pas d'autre fournisseur »: no need; « son imprimeur a fermé »: a need."""
    from grader.justifications.analysis import analyse
    for text in ("pas de goodies, pas notre genre", "Ils ont déjà quelqu'un et ça leur va.",
                 "Ils ont leur propre matériel pour faire leurs tee-shirts.", "Elle est contente comme ça.",
                 "L'association n'a pas le droit d'acheter ses vêtements.", "besoin d'aucun fournisseur",
                 "Mme Keller ne cherche pas d'autre fournisseur."):
        a = analyse(text, date(2026, 5, 16))
        assert (a.disinterest or a.no_budget) and not a.interest, text
    assert analyse("Ils sont sous convention avec leur imprimeur jusqu'en 2029.", date(2026, 5, 16)).no_budget
    assert analyse("Il est pressé, son imprimeur a fermé.", date(2027, 5, 15)).interest


def test_waiting_for_our_prices_is_interest_and_no_date_known_is_timing():
    """« il attend nos prix » is the wish to buy; « sans savoir quand » says no date."""
    from grader.justifications.analysis import analyse
    assert analyse("Chaud car la saison approche et il attend nos prix.", date(2027, 4, 24)).interest
    a = analyse("La troupe serait tentée par des tee-shirts, sans savoir quand.", date(2027, 2, 20))
    assert "moyen_long" in a.timing_kinds()


def test_the_class_in_general_is_no_class_claimed():
    """« bien plus que les trois mois d'un contact chaud »: the class in general."""
    from grader.justifications.analysis import analyse
    a = analyse("C'est tiède : sept mois, bien plus que les trois mois d'un contact chaud.", date(2027, 2, 6))
    assert a.classes == ["tiède"]


def test_someones_meetings_named_with_les():
    """« pour les Rencontres d'avril 2028 » is the contact's event: its date is the project's."""
    from grader.justifications.analysis import analyse
    a = analyse("Tiède : les coupe-vent sont pour les Rencontres d'avril 2028.", date(2027, 6, 12))
    assert not a.actions and "moyen_long" in a.timing_kinds()


def test_criteria_formulas_with_figures_and_invented_votes_and_quotes():
    """« TIÈDE : intérêt + projet + délai > 3 mois + relance » is a keyword list; « trois devis
    chez des imprimeurs concurrents », « le bureau votera le budget en janvier » (notes: he may
    mention it to the board), « le budget est déjà voté » (notes: nothing budgeted yet) are facts
    the notes do not give."""
    notes = "M. Girardot voudrait des sweats pour le rassemblement de novembre 2027 ; il attend le nombre d'inscrits."
    assert "keywords" in score(notes, "2027-05-08", "tiède", "tiède",
                               "TIÈDE : intérêt + projet + délai > 3 mois + relance.").reasons
    notes = "Mme Fabre aimerait un calendrier photo pour fin 2027 ; le projet ne sera lancé qu'après septembre."
    s = score(notes, "2027-02-13", "tiède", "tiède", "Tiède : calendrier pour fin 2027, mais elle a déjà fait faire trois "
              "devis chez des imprimeurs concurrents. Je la relance en septembre.")
    assert "absent_fact" in s.reasons
    notes = "M. Guérin aime nos tabliers brodés ; ni projet ni budget, il en parlera peut-être au bureau."
    s = score(notes, "2026-09-26", "tiède", "tiède", "Tiède : M. Guérin aime nos tabliers et le bureau votera le budget "
              "en janvier. Relance en janvier.", accepted=["froid", "tiède"])
    assert "absent_fact" in s.reasons
    notes = "M. Le Bihan aimerait des polos pour les 100 ans de l'harmonie, en juin 2028. Rien n'est encore budgété."
    s = score(notes, "2026-11-21", "tiède", "tiède", "Tiède : les polos sont pour juin 2028, c'est loin, même si le "
              "budget est déjà voté. Je le relance à l'automne 2027.")
    assert s.evidence == 0


def test_a_vague_time_followed_by_its_date_takes_the_date():
    """« la fête de fin d'année du 26 juin »: the date says which « fin d'année »."""
    from grader.justifications.analysis import analyse
    a = analyse("Chaud : 40 tabliers pour la fête de fin d'année du 26 juin. Je l'appelle lundi en priorité.",
                date(2027, 4, 24))
    assert a.timing_kinds() == {"court"}


def test_a_need_to_come_a_sponsors_date_and_a_usual_supplier():
    """« pour qu'ils pensent à nous au prochain besoin » is a need to come, not stated; « il attend
    ses sponsors en janvier » dates the sponsors' answer, not the project; « leur fournisseur
    habituel les a lâchés » is backed by notes that name « son imprimeur habituel »."""
    from grader.justifications.analysis import analyse
    a = analyse("Je leur enverrai une invitation pour qu'ils pensent à nous au prochain besoin.", date(2026, 10, 3))
    assert a.liking == a.interest
    notes = "M. Le Bihan aimerait des tee-shirts pour la coupe de robotique de mai 2027 ; il attend ses sponsors, en janvier."
    assert points(notes, "tiède", "tiède", "Tiède : il veut des tee-shirts pour la coupe de mai 2027, dans six mois, et il "
                  "attend ses sponsors en janvier avant de décider. Je le relance fin janvier.", "2026-11-14") == (1, 1)
    notes = "M. Collignon veut des affiches pour la première du 13 mars ; son imprimeur habituel ne peut pas livrer à temps."
    s = score(notes, "2027-02-20", "chaud", "chaud", "Chaud : spectacle dans trois semaines, ils veulent des affiches, "
              "leur fournisseur habituel les a lâchés. Rappel dès demain.")
    assert "absent_fact" not in s.reasons


def test_a_lukewarm_contact_with_nothing_planned_yet():
    """Tiède: « il aime les mugs, mais il n'a ni projet ni budget », « un léger intérêt, même sans
    projet »: interest with nothing planned yet is the lukewarm contact, no refusal; « leur
    imprimeur habituel leur fait des prix » is the notes' own supplier, no invented quote."""
    notes = "Le président trouve nos mugs « sympas » ; le cercle n'a aucun projet ni budget : « peut-être un jour »."
    for text in ("Ce n'est pas froid : il aime les mugs personnalisés. Mais pas chaud non plus, il n'a ni projet ni "
                 "budget. Donc tiède, je le relancerai à la rentrée.",
                 "Tiède : il y a un léger intérêt pour les mugs, même sans projet. Je le relancerai dans quelques mois."):
        s = score(notes, "2026-05-23", "froid", "tiède", text, accepted=["froid", "tiède"])
        assert s.evidence == 1, (text, s.reasons)
    notes = "M. Peyrat : leur imprimeur habituel leur fait tout à prix coûtant ; ils ne comptent pas changer."
    s = score(notes, "2027-02-06", "froid", "froid", "Froid : fidèle à son imprimeur, qui lui fait des prix coûtants. "
              "Je garde la fiche dans le CRM.")
    assert "absent_fact" not in s.reasons


def test_an_officer_the_notes_never_mention_speaks_for_another_contact():
    notes = ("M. Rigaud, le secrétaire, a regardé les casquettes. Le cercle photo fait tout faire par la "
             "boutique de la place et n'a aucun achat en vue.")
    text = "Froid : la trésorière dit que le club n'achète jamais rien, tout passe par la boutique. Je garde la fiche."
    s = score(notes, "2027-03-06", "froid", "froid", text)
    assert s.evidence == 0 and "other_contact" in s.reasons and "trésorière" in s.feedback, s.reasons
    # the officer the notes name, under its own name or another (« le coach » for the trainer)
    assert points(notes, "froid", "froid", "Froid : le secrétaire dit que tout passe par la boutique de la place, "
                  "aucun achat en vue. Je garde la fiche.", "2027-03-06")[0] == 1
    notes = "L'entraîneur voudrait des sweats pour les jeunes à la rentrée 2028, sans budget pour l'instant."
    assert points(notes, "tiède", "tiède", "Tiède : le coach aimerait des sweats pour les jeunes mais pour la "
                  "rentrée 2028. Je le relance au printemps.", "2027-03-06") == (1, 1)
    # an officer in the learner's plan is no report of someone else's words
    notes = "M. Rigaud a regardé les casquettes ; le club fait tout faire par la boutique, pas d'achat en vue."
    assert points(notes, "froid", "froid", "Froid : tout passe par la boutique, pas d'achat en vue. Je l'enregistre "
                  "dans le fichier et je rappellerai l'an prochain : le président nous dira s'il a changé d'avis.",
                  "2027-03-06") == (1, 1)
    # notes that give a name with no role: « la présidente » may be the learner's guess
    notes = "Le club aimerait des sacs à dés pour sa convention d'avril 2027. Mme Texier veut comparer cet hiver."
    assert points(notes, "tiède", "tiède", "Tiède : des sacs à dés pour la convention d'avril 2027, la présidente "
                  "veut comparer cet hiver. Je la recontacte avant Noël.", "2026-10-24") == (1, 1)
    # notes that name nobody: « le président veut » may be the learner's guess at who decides
    notes = "Très intéressé par des maillots : les U15 jouent avec des jeux usés. Tournoi le 20 avril, devis demandé."
    assert points(notes, "chaud", "chaud", "Chaud : le président veut des maillots neufs pour le tournoi du "
                  "20 avril et demande un devis. Je le rappelle demain.", "2027-03-06") == (1, 1)


def test_a_second_plan_with_its_own_verb_and_date_after_a_fast_one_is_a_delay():
    notes = "Le club veut 30 maillots pour le tournoi du 14 novembre ; budget voté, il attend notre devis."
    text = ("Chaud : 30 maillots pour le tournoi du 14 novembre, budget voté. Je le rappelle dès demain en priorité "
            "et je ne lui enverrai le devis qu'en mars.")
    s = score(notes, "2026-10-10", "chaud", "chaud", text)
    assert s.action == 0 and "mixed_action" in s.reasons, s.reasons
    text = ("Chaud : 30 maillots pour le tournoi du 14 novembre, budget voté. Appel demain en priorité, devis "
            "sous 48 h… sinon relance en février après le tournoi.")
    assert points(notes, "chaud", "chaud", text, "2026-10-10")[1] == 0
    # one fast plan, its verbs coordinated, stays fast
    text = ("Chaud : 30 maillots pour le tournoi du 14 novembre, budget voté. Je le rappelle dès demain en priorité "
            "et je lui envoie le devis dans la foulée.")
    assert points(notes, "chaud", "chaud", text, "2026-10-10") == (1, 1)


def test_nonetheless_interested_is_interest():
    notes = "La trésorière aimerait des gourdes au logo pour la randonnée de l'automne 2028 ; rien n'est budgété."
    text = ("Rien ne presse, la randonnée n'a lieu qu'à l'automne 2028. La trésorière n'en est pas moins intéressée "
            "par nos gourdes : tiède. Je la relancerai début 2028.")
    assert points(notes, "tiède", "tiède", text, "2027-09-18") == (1, 1)


def test_consent_a_guessed_need_and_interest_in_something_else_are_no_interest():
    notes = "Le président dit que la chorale n'achète rien cette année ; il a accepté notre brochure."
    text = ("Froid : la chorale n'achète rien cette année, le président me l'a dit. On lui envoie la brochure "
            "qu'il a bien voulu prendre et on garde sa fiche dans le fichier.")
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)
    text = ("Froid : la chorale n'achète rien cette année. Un besoin peut apparaître plus tard, donc je garde sa "
            "fiche dans le fichier.")
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)
    notes = "Le bénévole est venu voir nos imprimantes 3D par curiosité ; l'atelier n'a besoin d'aucun textile."
    text = ("Froid : le bénévole s'intéressait aux imprimantes, pas à ce que nous vendons, et l'atelier n'a besoin "
            "de rien. Je garde la fiche dans le fichier.")
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)
    # interest in our offer stays interest
    notes = "La trésorière voudrait des gourdes au logo pour la rentrée 2028 ; rien n'est budgété."
    assert points(notes, "froid", "froid", "Froid : elle voudrait des gourdes, mais rien n'est budgété. "
                  "Je garde la fiche.", "2027-03-06")[0] == 0


def test_a_personal_visit_not_waiting_for_the_contact_and_not_for_tomorrow():
    notes = "Une adhérente est passée pour un cadeau personnel. Le club de tarot n'a besoin de rien et ne prévoit rien."
    text = ("- Intérêt pour l'offre : aucun (visite perso, idées de cadeau)\n- Besoin du club : aucun\n"
            "- Classe : froid\n- Suite : fiche fichier prospects + catalogue papier")
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)
    text = "Froid : une visite perso pour un cadeau, le club n'a besoin de rien. Je garde sa fiche dans le fichier."
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)
    notes = "La présidente voudrait des sweats brodés pour le gala de mai 2028 ; elle rappellera après l'été."
    text = ("Tiède : des sweats pour le gala de mai 2028, c'est loin. Je la relancerai en septembre pour un "
            "rendez-vous, sans attendre qu'elle revienne vers nous.")
    assert points(notes, "tiède", "tiède", text, "2027-03-06") == (1, 1)
    notes = "Le secrétaire a demandé nos prix pour des mugs, « peut-être un jour ». Aucune date, aucun budget."
    for text in ("Tiède : il a demandé nos prix pour des mugs, mais ni date ni budget. Je le relance dans quatre mois.",
                 "Tiède : il a demandé nos prix pour des mugs, ce n'est pas pour demain. Je le relance dans quatre mois."):
        assert points(notes, "tiède", "tiède", text, "2027-03-06") == (1, 1), text


def test_a_vote_to_come_said_in_the_present_and_an_order_just_placed_are_the_notes_facts():
    notes = ("M. Vidal veut 40 polos pour accueillir la délégation italienne mi-juin. Le budget sera voté en "
             "conseil d'administration courant avril.")
    text = ("Chaud : M. Vidal veut 40 polos pour la délégation de mi-juin. Le budget est voté en avril, notre devis "
            "doit arriver avant. Je l'appelle cette semaine.")
    s = score(notes, "2027-03-20", "chaud", "chaud", text)
    assert (s.evidence, s.action) == (1, 1) and "absent_fact" not in s.reasons, s.reasons
    # a vote said done, against notes that put it later, is still a fact the notes deny
    text = "Chaud : M. Vidal veut 40 polos pour mi-juin et le budget est déjà voté. Je l'appelle cette semaine."
    assert "absent_fact" in score(notes, "2027-03-20", "chaud", "chaud", text).reasons
    notes = "La directrice venait de commander toutes ses tenues pour deux ans chez un autre fournisseur. Aucun besoin."
    text = "Froid : tenues déjà commandées pour deux ans chez un concurrent, aucun besoin. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)


def test_a_heat_press_goods_supplied_by_someone_stock_for_years_and_a_fresh_renewal():
    from grader.justifications.analysis import analyse
    from datetime import date
    a = analyse("Froid : le club a sa propre presse à chaud pour les tee-shirts. Je garde la fiche.", date(2026, 6, 13))
    assert not a.timing, a.timing
    notes = "Le centre de secours reçoit tout son équipement de la caserne départementale ; aucun achat possible."
    assert points(notes, "froid", "froid", "Froid (équipement fourni par la caserne). Fiche CRM + doc.",
                  "2027-06-05") == (1, 1)
    notes = "La présidente a encore un stock de sweats pour au moins deux ans ; rien à commander."
    assert points(notes, "froid", "froid", "Froid : stock pour 2 ans. Brochure.", "2026-09-26") == (1, 1)
    notes = "Les jardiniers ont renouvelé leurs tabliers en janvier et n'ont besoin de rien."
    text = ("Les jardiniers viennent tout juste de refaire leurs tabliers, ils sont tranquilles pour longtemps. "
            "Froid : je les ajoute au fichier pour une campagne future.")
    assert points(notes, "froid", "froid", text, "2026-03-21") == (1, 1)


def test_a_first_plan_with_its_own_later_date_before_a_fast_one_is_a_delay():
    notes = "Le comité veut 80 tabliers pour la brocante du 20 juin ; il décide cette semaine."
    for plan in ("Je lui enverrai le devis en septembre, mais je l'appelle lundi en priorité.",
                 "Je lui enverrai notre prix en octobre, quand il préparera la saison suivante, mais je l'appelle "
                 "lundi en priorité."):
        s = score(notes, "2027-05-08", "chaud", "chaud", "Chaud : 80 tabliers pour la brocante du 20 juin, "
                  "décision cette semaine. " + plan)
        assert s.action == 0 and "mixed_action" in s.reasons, (plan, s.reasons)
    text = ("Chaud : 80 tabliers pour la brocante du 20 juin, décision cette semaine. Je lui envoie le devis demain, "
            "et je l'appelle lundi en priorité.")
    assert points(notes, "chaud", "chaud", text, "2027-05-08") == (1, 1)


def test_the_learners_own_view_that_nothing_presses_contradicts_a_near_date():
    notes = "M. Roux veut 300 sacs pour le marché de Noël du 28 novembre ; il commande avant fin octobre."
    text = ("Chaud, mais je pense que rien ne presse : le marché n'ouvre que le 28 novembre. Il veut 300 sacs. "
            "Je l'appelle lundi en priorité.")
    s = score(notes, "2026-10-03", "chaud", "chaud", text)
    assert (s.evidence, s.action) == (0, 1) and "contradiction" in s.reasons, s.reasons
    text = "Chaud : il veut 300 sacs pour le marché du 28 novembre, je pense que c'est urgent. Je l'appelle lundi."
    assert points(notes, "chaud", "chaud", text, "2026-10-03") == (1, 1)


def test_goods_liked_without_a_project_yet_is_lukewarm_not_a_refusal():
    notes = "La bénévole trouve nos tabliers jolis, « peut-être pour la kermesse un jour ». Aucun projet, aucun budget."
    for text in ("Tiède : elle trouve nos tabliers sympas, pour la kermesse un jour, mais pas de projet ni budget. "
                 "Relance dans six mois.",
                 "tiede, trouve les tabliers sympas, pr la kermesse un jour, pas de projet ni budget. relance ds 6 mois"):
        assert points(notes, "tiède", "tiède", text, "2027-03-06") == (1, 1), text
    # a refusal stays a refusal
    text = "Tiède : elle trouve nos tabliers sympas mais ne veut rien acheter. Relance dans six mois."
    assert points(notes, "tiède", "tiède", text, "2027-03-06")[0] == 0


def test_a_form_heading_whose_value_is_curiosity_states_no_interest():
    notes = "Un membre du club photo est passé par curiosité ; le club n'a besoin de rien, son matériel suffit."
    text = ("Qualification : froid\nIntérêt : passé par curiosité\nBesoin : aucun, le matériel suffit\n"
            "Action : fiche CRM + invitation portes ouvertes")
    assert points(notes, "froid", "froid", text, "2026-09-19") == (1, 1)
    notes = "La présidente veut 30 polos pour la rentrée 2027 ; budget voté en juin."
    text = "Qualification : tiède\nIntérêt : fort, 30 polos\nDélai : rentrée 2027\nAction : relance en mai"
    assert points(notes, "tiède", "tiède", text, "2026-09-19") == (1, 1)


def test_a_closure_to_come_or_a_dissolution_the_notes_never_give_is_an_absent_fact():
    notes = "Le club de belote joue sans tenue et n'a jamais rien commandé ; il n'en a pas besoin."
    s = score(notes, "2027-03-06", "froid", "froid",
              "Froid : pas besoin de produits, et le club va bientôt fermer faute de joueurs. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    # an association asleep is not yet dissolved
    notes = "L'association est en sommeil depuis deux ans ; aucune manifestation n'est prévue."
    s = score(notes, "2027-03-06", "froid", "froid",
              "Froid : l'association est en sommeil et sera dissoute à la fin de l'année. Je garde la fiche.")
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    assert points(notes, "froid", "froid", "Froid : l'association est en sommeil, rien de prévu. Je garde la fiche.",
                  "2027-03-06") == (1, 1)
    notes = "Le club a dû fermer sa section jeunes ; il n'a besoin de rien."
    assert points(notes, "froid", "froid", "Froid : la section jeunes a fermé, il n'a besoin de rien. Je garde la fiche.",
                  "2027-03-06") == (1, 1)


def test_looking_for_something_else_and_making_it_themselves_is_plainly_no_interest():
    notes = "Le bénévole cherchait des pièces pour imprimante 3D ; l'atelier fabrique lui-même ses autocollants."
    for text in ("Froid : il cherchait des pièces d'imprimante, et l'atelier fabrique lui-même ses autocollants : nos "
                 "produits ne lui servent à rien. Je l'inscris dans le CRM.",
                 "froid pcq il cherche des pieces 3d, ils font leur autocollants eux memes. fiche crm"):
        assert points(notes, "froid", "froid", text, "2027-02-06") == (1, 1), text
    # interest in our goods stays a contradiction
    text = "Froid : il veut des tee-shirts brodés, mais l'atelier fabrique lui-même ses autocollants. Fiche CRM."
    assert points(notes, "froid", "froid", text, "2027-02-06")[0] == 0


def test_a_long_answer_declaring_its_class_with_je_vais_classer():
    notes = "Le président aimerait des vestes brodées pour les 40 ans du club, en juin 2028 ; rien n'est encore budgété."
    text = ("Je vais classer le club en tiède, et voici pourquoi. Le président est intéressé par des vestes brodées pour "
            "les 40 ans du club, ce qui exclut le froid. Mais l'anniversaire n'aura lieu qu'en juin 2028, bien au-delà "
            "des trois mois qui font un contact chaud, et rien n'est encore budgété. Il ne sert à rien d'envoyer un devis "
            "aujourd'hui. Je crée sa fiche dans le CRM et je programme une relance au début de 2028 pour obtenir un "
            "rendez-vous avant l'assemblée qui votera le budget.")
    assert points(notes, "tiède", "tiède", text, "2026-05-30") == (1, 1)


def test_meanwhile_check_boxes_an_estimate_in_sms_and_politeness_rather_than_a_need():
    notes = "Le cercle va fusionner avec celui de Sens ; d'ici là, il ne dépense plus rien."
    assert points(notes, "froid", "froid", "Froid : le cercle fusionne avec Sens et gèle tout achat en attendant. "
                  "Je le laisse dans notre base.", "2026-10-17") == (1, 1)
    notes = "La présidente aimerait des sweats pour la reprise de février 2027 ; le sponsor n'est pas encore trouvé."
    text = "☐ froid ☑ tiède ☐ chaud\nPourquoi : sweats qui l'intéressent, reprise en février 2027\nSuivi : relance à l'automne"
    assert points(notes, "tiède", "tiède", text, "2026-06-27") == (1, 1)
    notes = "Le secrétaire veut des tabliers pour la fête du 5 juillet et demande nos prix."
    assert points(notes, "chaud", "chaud", "chaud : tabliers pr la fete du 5 juillet, il veut les prix. j'envoie une "
                  "estim tt de suite", "2026-06-06") == (1, 1)
    notes = "L'animatrice a dit que nos carnets « pourraient servir un jour ». Aucun projet, aucun budget."
    text = ("Froid : aucun projet ni budget ; son « ça pourrait servir » relève de la politesse plus que d'un besoin. "
            "Fiche CRM.")
    assert points(notes, "froid", "froid", text, "2026-09-05") == (1, 1)


def test_well_served_and_expecting_nothing_from_us_is_no_need():
    notes = "Les sauveteurs ont un contrat de trois ans avec leur fournisseur actuel et n'ont besoin de rien."
    for text in ("Les sauveteurs sont bien servis par leur fournisseur. Froid, je leur enverrai une documentation.",
                 "Ils n'attendent rien de nous pour le moment. Froid, je leur enverrai une documentation."):
        assert points(notes, "froid", "froid", text, "2026-06-13") == (1, 1), text


def test_finding_goods_nice_is_taste_and_a_better_offer_in_the_plan_is_no_interest():
    notes = "Le trésorier a trouvé nos mugs « sympas » ; un jour peut-être, rien de prévu, aucun budget."
    # taste without a project: lukewarm for a learner who argues tiède, no contradiction for froid
    assert points(notes, "tiède", "tiède", "Tiède : il trouve nos mugs sympas, aucun projet. Relance dans "
                  "six mois.", "2027-03-06") == (1, 1)
    assert points(notes, "froid", "froid", "Froid : il trouve nos mugs sympas mais n'a aucun projet ni budget. "
                  "Fiche CRM.", "2027-03-06") == (1, 1)
    notes = "La présidente est très contente de son fournisseur ; aucun achat cette année."
    text = ("Froid : contente de son fournisseur, elle n'achètera rien cette année. Je la rappelle en priorité "
            "lundi pour lui faire une offre plus intéressante que son fournisseur.")
    s = score(notes, "2027-03-06", "froid", "froid", text)
    assert (s.evidence, s.action) == (1, 0), s.reasons


def test_two_classes_weighed_in_sms_then_one_chosen():
    notes = "Le président veut 60 casquettes pour le voyage du club début mai ; il doit en parler au bureau."
    for text in ("chaud/tiede limite -> je dis chaud. casquettes pr le voyage debut mai. rappel rapide + devis",
                 "chaud/tiède ?? je dirais chaud : casquettes pr le voyage debut mai, rappel rapide + devis"):
        assert points(notes, "chaud", "chaud", text, "2027-02-06") == (1, 1), text
    # two classes, none chosen, stay a mixed answer
    assert points(notes, "chaud", "chaud", "chaud ou tiède, casquettes pour début mai. Rappel rapide + devis",
                  "2027-02-06")[0] == 0


def test_a_borderline_date_weighed_as_about_three_months_away():
    notes = ("La chorale aimerait 50 gilets brodés pour son festival de la mi-avril ; la présidente doit en parler "
             "au conseil d'administration et aimerait un devis.")
    text = ("Je la classe tiède : l'intérêt pour 50 gilets est réel, mais le festival est à environ trois mois et rien "
            "n'est validé tant que le conseil ne s'est pas prononcé. Je la relancerai après le conseil.")
    s = score(notes, "2027-01-16", "chaud", "tiède", text, accepted=["tiède", "chaud"])
    assert (s.evidence, s.action) == (1, 1), s.reasons


def test_a_competitors_quote_said_in_other_words_is_an_absent_fact():
    notes = "Le club de kayak veut 30 gilets brodés pour l'ouverture de la saison, mi-juin ; budget voté."
    for text in ("Chaud : 30 gilets pour la mi-juin, mais il a déjà un devis de Kayak Print. Je le rappelle en priorité.",
                 "Chaud : 30 gilets pour la mi-juin, il a déjà reçu une offre de Nautika. Je le rappelle en priorité.",
                 "Chaud : 30 gilets pour la mi-juin ; il a un devis moins cher d'un concurrent. Rappel en priorité.",
                 "Chaud : 30 gilets pour la mi-juin, il compare déjà avec un devis de Decaport. Rappel en priorité."):
        s = score(notes, "2027-04-10", "chaud", "chaud", text)
        assert s.evidence == 0 and "absent_fact" in s.reasons, (text, s.reasons)
    notes = "L'amicale n'a pas de budget et ne prévoit aucun achat."
    s = score(notes, "2027-04-10", "froid", "froid", "Froid : ils ont tout commandé chez un concurrent. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    # notes that speak of other offers back it; a sum is no competitor
    notes = "Le club veut 30 gilets pour la mi-juin ; il compare plusieurs offres avant de choisir."
    assert points(notes, "chaud", "chaud", "Chaud : 30 gilets pour la mi-juin, il a déjà un devis d'un concurrent. "
                  "Je le rappelle en priorité.", "2027-04-10") == (1, 1)


def test_a_deal_signed_elsewhere_a_refusal_or_a_budget_cut_the_notes_never_give():
    notes = "Deux bénévoles de l'atelier vélo sont passés ; l'atelier n'a pas de budget et ne prévoit aucun achat."
    for fact in ("l'atelier vient de signer avec un autre fournisseur", "ils sont engagés avec un autre fournisseur "
                 "jusqu'en 2029", "l'atelier a signé un marché public de trois ans",
                 "leur budget a été supprimé par la mairie"):
        text = f"Froid : l'atelier vélo n'a pas de budget et ne prévoit aucun achat, et {fact}. Fiche CRM."
        s = score(notes, "2027-03-06", "froid", "froid", text)
        assert s.evidence == 0 and "absent_fact" in s.reasons, (text, s.reasons)
    notes = "La présidente voudrait des sacs pour la rentrée 2027 ; le bureau en discutera au printemps."
    s = score(notes, "2027-03-06", "tiède", "tiède",
              "Tiède : des sacs pour la rentrée 2027, mais le bureau a déjà rejeté une première demande. Relance au printemps.")
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    # a deal to come is the learner's guess; a quote the notes say is unwanted may be « refused »
    notes = "Le comité veut 300 t-shirts pour le trail du 18 avril ; son fournisseur a fermé, commande sous trois semaines."
    assert points(notes, "chaud", "chaud", "Chaud : 300 t-shirts pour le 18 avril, ils vont signer avec le premier qui "
                  "répond. Devis dès demain.", "2027-03-06") == (1, 1)
    notes = "La présidente ne voit pas l'utilité d'objets personnalisés et ne souhaite pas de devis."
    assert points(notes, "froid", "froid", "Froid : elle ne voit pas l'utilité de nos objets et a refusé le devis. "
                  "Fiche CRM.", "2027-03-06") == (1, 1)


def test_who_supplies_the_goods_and_a_satisfied_client_elsewhere_are_the_notes_facts():
    notes = "L'APE a déjà commandé ses sweats chez un imprimeur de Dijon pour trois ans et ne prévoit rien d'autre."
    s = score(notes, "2027-03-06", "froid", "froid",
              "Froid : les sweats sont fournis par le conseil départemental, rien d'autre de prévu. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    notes = "Mme Perrot a pris un catalogue ; le club ne prévoit aucun achat, ses casquettes suffisent."
    s = score(notes, "2027-03-06", "froid", "froid", "Froid : le club ne prévoit aucun achat, il a acheté ses casquettes "
              "chez un autre fournisseur et en est très satisfait. Fiche CRM.")
    assert s.evidence == 0 and "absent_fact" in s.reasons, s.reasons
    # notes that say who gives the goods, or where the money comes from, back it
    notes = "L'amicale reçoit tout son matériel de l'Établissement français du sang ; aucun besoin."
    assert points(notes, "froid", "froid", "Froid : tout son matériel lui est fourni par l'EFS, aucun besoin. "
                  "Fiche CRM.", "2027-03-06") == (1, 1)


def test_a_part_of_the_notes_quoted_with_only_the_class_and_a_plan_is_pasted():
    notes = ("La chorale a fait imprimer ses polos chez un concurrent le mois dernier et s'en dit ravie. "
             "La présidente a pris notre catalogue « pour la forme ».")
    text = ("« La chorale a fait imprimer ses polos chez un concurrent le mois dernier et s'en dit ravie. » → froid. "
            "Je garde la fiche et je lui envoie une invitation à nos portes ouvertes.")
    s = score(notes, "2027-03-06", "froid", "froid", text)
    assert (s.evidence, s.action) == (0, 1) and "pasted" in s.reasons, s.reasons
    # the same facts in one's own words, or quoted and then argued, are reasoning
    text = ("Froid : la chorale « s'en dit ravie », de son imprimeur, et vient de faire ses polos, donc aucun achat "
            "à attendre de ce côté. Je garde la fiche.")
    assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1)


def test_nothing_to_expect_is_a_refusal_not_a_wait_denied():
    notes = "Le club vient de renouveler tous ses maillots et n'achètera rien cette saison."
    assert points(notes, "froid", "froid", "Froid : maillots tout neufs, aucun achat à attendre cette saison. "
                  "Je garde la fiche.", "2027-03-06") == (1, 1)


def test_no_purchase_in_the_short_term_is_no_hurry():
    notes = "La présidente a aimé nos carnets et y pensera ; ni projet ni date, finances serrées."
    text = ("Tiède : elle a aimé nos carnets, mais ni projet ni date, donc aucun achat ne se fera à court terme. "
            "Relance dans quatre mois.")
    assert points(notes, "tiède", "tiède", text, "2026-09-19") == (1, 1)


def test_the_learners_own_will_is_no_refusal_of_the_contact():
    notes = "Mme Aubert aimerait des carnets pour le tournoi des 50 ans du club, en novembre 2027 ; rien ne presse."
    text = ("Tiède : elle aimerait des carnets pour le tournoi de novembre 2027, rien ne presse. Je ne veux pas non plus "
            "la laisser filer : je la relance fin août.")
    assert points(notes, "tiède", "tiède", text, "2027-02-13") == (1, 1)


def test_no_need_to_call_him_urgently_is_the_plan_not_the_contact():
    notes = "Le chef d'harmonie voudrait des polos pour le centenaire de 2028 ; rien avant."
    text = ("Tiède : intéressé par des polos, mais rien avant 2028. Pas besoin de l'appeler en urgence : je lui "
            "envoie la doc et je le relance courant 2027.")
    assert points(notes, "tiède", "tiède", text, "2026-10-10") == (1, 1)


def test_a_crush_on_our_goods_is_taste():
    notes = "La secrétaire a eu un coup de cœur pour nos carnets ; rien n'est prévu au club."
    assert points(notes, "tiède", "tiède", "Elle a eu un coup de cœur pour nos carnets, mais rien n'est prévu : "
                  "tiède, je la recontacte d'ici l'automne.", "2027-03-06") == (1, 1)
    assert points(notes, "froid", "froid", "Froid : un coup de cœur pour nos carnets, mais rien de prévu au club. "
                  "Fiche CRM.", "2027-03-06") == (1, 1)


def test_the_learners_own_pace_is_not_the_projects():
    notes = "Le club d'astronomie aimerait des sweats pour sa soirée d'observation de l'été ; budget au printemps."
    text = ("L'envie est là, mais l'achat est lointain : tiède. Je ne compte pas attendre qu'il revienne vers nous, "
            "je le relance en avril.")
    assert points(notes, "tiède", "tiède", text, "2026-11-14") == (1, 1)
    text = ("Tiède : des sweats pour l'été, achat au printemps. Il ne faut surtout pas attendre : je lui envoie "
            "la doc et je le relance en avril.")
    assert points(notes, "tiède", "tiède", text, "2026-11-14")[0] == 1
    # the contact's own hurry stays a hurry
    text = "Tiède : il aimerait des sweats pour l'été, il ne veut pas attendre. Je le relance en avril."
    assert points(notes, "tiède", "tiède", text, "2026-11-14")[0] == 0


def test_a_feast_said_to_take_place_in_two_months():
    notes = "M. Lartigau veut des chemisettes brodées pour les fêtes du village, dans deux mois ; il a l'argent."
    text = ("Chaud, parce que les fêtes ont lieu dans un peu plus de deux mois et qu'il a déjà l'argent pour ses "
            "chemisettes. Je le rappelle dès demain et le devis part sous 48 h.")
    assert points(notes, "chaud", "chaud", text, "2026-06-06") == (1, 1)


def test_neither_nor_ne_is_a_refusal():
    notes = "Le président dit que les adhérents ne portent jamais de tenue et ne veulent pas de goodies."
    assert points(notes, "froid", "froid", "Froid : ni les tenues ni les goodies ne les intéressent. Fiche CRM.",
                  "2027-03-06") == (1, 1)


def test_more_cold_reasons_in_few_words():
    notes = "L'atelier de la MJC sérigraphie lui-même ses tee-shirts ; pas besoin de nous."
    assert points(notes, "froid", "froid", "Froid : ils sérigraphient eux-mêmes. Carte → CRM.", "2027-03-06") == (1, 1)
    notes = "Chaque adhérent achète son équipement ; le club n'a jamais rien commandé à son nom."
    assert points(notes, "froid", "froid", "froid : chq adherent achete son matos. fiche crm", "2027-03-06") == (1, 1)
    notes = "Le collectif refuse par principe les objets publicitaires et n'en achètera pas."
    assert points(notes, "froid", "froid", "Froid : refus des goodies par principe. Doc par mail.", "2027-03-06") == (1, 1)
    notes = "L'association ne commande jamais d'objets à son nom ; son budget va à l'entretien de l'orgue."
    assert points(notes, "froid", "froid", "Froid : ils ne font pas faire d'objets à leur nom. Je garde leur fiche.",
                  "2027-03-06") == (1, 1)


def test_looking_for_something_else_beside_a_plain_refusal():
    notes = "M. Pasquier cherchait un vendeur d'antennes ; le radio-club ne veut pas d'objets personnalisés."
    for text in ("Froid : il cherchait des antennes et le club ne veut pas d'objets personnalisés. Fiche CRM.",
                 "Froid : le club ne voit pas l'intérêt de nos articles, ils cherchaient un autre stand. Fiche CRM."):
        assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1), text


def test_a_question_in_the_plan_and_a_buying_office_are_no_interest():
    notes = "La société n'a aucun besoin ; le secrétaire accompagnait un ami."
    text = "Froid : aucun besoin, il était là pour un ami. Je le relancerai dans six mois pour voir s'il a un projet."
    s = score(notes, "2027-03-06", "froid", "froid", text)
    assert s.evidence == 1, s.reasons
    notes = "Tous les achats de la MJC passent par la centrale d'achat de la ville ; rien n'est prévu."
    for text in ("Contact froid : la MJC passe par la centrale d'achat de la ville et rien n'est prévu. Fiche CRM.",
                 "Froid, achats par la centrale de la ville, rien de prévu. Fiche CRM."):
        assert points(notes, "froid", "froid", text, "2027-03-06") == (1, 1), text


def test_a_keyword_list_with_a_rubric_phrase_is_still_a_keyword_list():
    notes = "La coordinatrice voudrait des tabliers pour l'ouverture de la saison au printemps prochain."
    s = score(notes, "2026-06-13", "tiède", "tiède",
              "Tiède : intérêt, projet à moyen terme, délai, budget, relance, rendez-vous.")
    assert (s.evidence, s.action) == (0, 0) and "keywords" in s.reasons, s.reasons
    # a statement with a rubric phrase stays a statement
    assert points(notes, "tiède", "tiède", "Tiède : intérêt pour des tabliers, projet à moyen terme (printemps "
                  "prochain). Relance en février.", "2026-09-12") == (1, 1)


def test_a_little_over_two_months_our_own_condition_and_what_it_needs_in_general():
    notes = "Le club doit équiper ses 60 sauveteurs de lycras avant le 1er juin ; budget validé, réponse rapide voulue."
    text = ("Chaud : besoin ferme de 60 lycras à livrer avant le 1er juin (un peu plus de deux mois), budget validé. "
            "Je l'appelle lundi en priorité.")
    assert points(notes, "chaud", "chaud", text, "2027-03-27") == (1, 1)
    notes = "La troupe veut 500 affiches pour son festival du 2 juillet ; budget là, devis voulu cette semaine."
    text = ("La troupe veut 500 affiches pour son festival du début de l'été, l'argent est là, et si on ne répond pas "
            "très vite elle ira chez son imprimeur. Chaud : appel en priorité lundi.")
    assert points(notes, "chaud", "chaud", text, "2027-05-08") == (1, 1)
    notes = "Le club de bridge n'a aucun intérêt pour le textile et imprime lui-même ses feuilles de marque."
    text = ("Froid : le club ne veut ni vêtements ni goodies, il fabrique lui-même ce dont il a besoin. "
            "Je l'ajoute au fichier pour une prochaine campagne.")
    assert points(notes, "froid", "froid", text, "2027-10-16") == (1, 1)


def test_a_long_answer_declaring_its_class_in_the_conditional():
    notes = "Mme Lemercier voudrait des éventails au logo pour le tournoi de l'été 2028 ; relance au début de l'année."
    text = ("Je classerais le club de go en tiède, et voici mon raisonnement. Mme Lemercier voudrait des éventails au "
            "logo, ce n'est donc pas un contact froid. Mais le tournoi n'a lieu qu'à l'été 2028 : on est très loin "
            "des trois mois qui caractérisent un contact chaud. Je note dans le CRM une relance pour la mi-janvier 2028 "
            "afin d'obtenir un rendez-vous.")
    assert points(notes, "tiède", "tiède", text, "2027-04-10") == (1, 1)


def test_the_first_months_and_the_afternoon_are_no_pace():
    notes = "M. Oudin s'intéresse à nos sacs pour la boutique du musée, sans date ni budget ; il attend la fréquentation."
    text = ("Tiède : intéressé par nos sacs, mais sans date ni budget. Je le relancerai au printemps, après les "
            "premiers mois de la saison, pour savoir où il en est et proposer un rendez-vous.")
    assert points(notes, "tiède", "tiède", text, "2026-11-07") == (1, 1)
    from grader.justifications.analysis import analyse
    from datetime import date
    a = analyse("Chaud. Je prépare le devis dès lundi matin, je l'envoie avant midi et je téléphone à M. Faure "
                "l'après-midi.", date(2027, 4, 10))
    assert all(x.timing != "later" for x in a.actions), a.actions


def test_a_meeting_a_later_call_is_for_takes_the_calls_time():
    notes = ("M. Pujol aimerait des gourdes au logo pour la randonnée de l'été 2028 ; l'assemblée "
             "votera le budget en février.")
    for text in ("Tiède : intérêt pour des gourdes, mais pour l'été 2028. Je lui envoie la plaquette "
                 "aujourd'hui, puis je le relance en janvier pour fixer un rendez-vous avant leur assemblée.",
                 "Tiède, projet pour 2028. Doc envoyée cette semaine, puis relance en janvier pour obtenir "
                 "un rendez-vous avant le vote."):
        s = score(notes, "2027-03-20", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)
    # a fast meeting of its own is still fast: no time of the call's to take
    s = score(notes, "2027-03-20", "tiède", "tiède", "Tiède, projet pour 2028. Je le relance en janvier, "
              "et je prends rendez-vous avec lui dès demain en priorité.")
    assert s.action == 0 and "contradiction" in s.motifs, s


def test_a_sum_of_money_in_the_notes_backs_a_budget():
    notes = ("Mme Vanhée veut 30 gilets marqués pour la démonstration du 5 juin. Elle dispose de 1 500 € "
             "et souhaite qu'on la rappelle au plus vite.")
    text = ("Chaud : 30 gilets pour le 5 juin, le budget de 1 500 € est là. Je la rappelle en priorité "
            "lundi matin.")
    s = score(notes, "2027-05-10", "chaud", "chaud", text)
    assert (s.evidence, s.action) == (1, 1) and not s.motifs, s
    # notes that give no money still refuse a budget the text invents
    s = score(notes.replace(" Elle dispose de 1 500 € et souhaite", " Elle souhaite"), "2027-05-10", "chaud",
              "chaud", text)
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_a_past_order_the_notes_give_as_a_participle_is_no_invented_fact():
    notes = ("M. Boudon explique que l'association cessera ses activités l'an prochain. Il n'achètera rien, "
             "mais garde un bon souvenir de nos casquettes commandées il y a trois ans.")
    text = ("Froid : ils nous ont commandé des casquettes il y a trois ans, mais l'association cesse ses "
            "activités l'an prochain et il n'achètera rien. Je garde sa fiche et lui envoie notre catalogue.")
    s = score(notes, "2026-11-21", "froid", "froid", text)
    assert (s.evidence, s.action) == (1, 1) and not s.motifs, s
    s = score(notes.replace(", mais garde un bon souvenir de nos casquettes commandées il y a trois ans", ""),
              "2026-11-21", "froid", "froid", text)
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_at_the_earliest_after_a_date_is_no_hurry():
    notes = ("M. Sabatier cherche des tabliers brodés pour le salon du livre ancien de mai 2027 ou le suivant ; "
             "décision à l'assemblée générale de décembre.")
    s = score(notes, "2026-06-13", "tiède", "tiède", "Tiède : il cherche des tabliers brodés, mais pour mai 2027 "
              "au plus tôt. Je le relancerai en janvier au plus tôt, après l'assemblée.")
    assert (s.evidence, s.action) == (1, 1), s
    # alone, « au plus tôt » is still « as soon as possible »
    s = score(notes, "2026-06-13", "tiède", "tiède", "Tiède : il cherche des tabliers pour mai 2027. "
              "Je le rappelle au plus tôt pour lui faire un devis.")
    assert s.action == 0, s


def test_a_purchase_for_oneself_is_not_the_clubs_interest():
    notes = ("M. Leterrier est venu acheter un badge pour son petit-fils. L'association a un contrat de trois "
             "ans avec une entreprise de marquage et ne compte pas en changer.")
    for text in ("froid : contrat 3 ans avec un autre marqueur, veut pas changer. badge = achat perso pr son "
                 "petit fils. fiche + doc",
                 "Froid. Achat personnel d'un badge ; l'asso est sous contrat pour trois ans et ne changera pas. "
                 "Je garde sa fiche et lui envoie la doc."):
        s = score(notes, "2027-03-01", "froid", "froid", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)
    # the club's purchase is still interest
    s = score(notes, "2027-03-01", "froid", "froid", "Froid : il prévoit un achat de 40 badges pour le club. "
              "Je garde sa fiche.")
    assert s.evidence == 0, s


def test_cold_reasons_in_other_words_nothing_on_the_agenda_and_dressed_by_someone_else():
    notes = ("Mme Lhuillier a feuilleté le catalogue ; des tee-shirts feraient « peut-être un jour » plaisir, "
             "mais ce n'est pas à l'ordre du jour. Le club est habillé par la mairie.")
    for text in ("froid, juste « peut etre un jour » pr des tshirts, rien a l'ordre du jour. fiche crm + doc",
                 "Froid : les tenues, c'est pas à l'ordre du jour. Je garde la fiche et j'envoie la doc.",
                 "froid - club deja habillé par la mairie. on garde la fiche, doc a la prochaine campagne",
                 "Froid : ils sont équipés par la mairie. Je garde sa fiche et lui envoie notre catalogue."):
        s = score(notes, "2027-03-01", "froid", "froid", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_a_want_in_the_plans_when_clause_is_the_plans_time():
    notes = ("Mme Cayssials a pris le catalogue par politesse : le club vient de renouveler tous ses maillots "
             "et en est très content. Aucun besoin prévu.")
    text = ("Froid : le club vient de changer tous ses maillots et la secrétaire est très satisfaite. Je garde "
            "sa fiche et je lui enverrai notre documentation dans un an ou deux, quand les maillots seront à "
            "renouveler.")
    s = score(notes, "2026-10-10", "froid", "froid", text)
    assert (s.evidence, s.action) == (1, 1), s
    s = score(notes, "2026-10-10", "froid", "froid", "Froid : le club veut renouveler ses maillots. Je garde sa fiche.")
    assert s.evidence == 0, s


def test_a_budget_date_in_brackets_does_not_undo_the_projects_season():
    notes = ("M. Tixier est intéressé par des gilets brodés pour le festival folk de l'automne 2027. Il attend "
             "la clôture des comptes, en avril, pour fixer un budget.")
    s = score(notes, "2027-02-06", "tiède", "tiède",
              "tiede - gilets brodes pr festival folk automne 2027, budget apres comptes (avril). relance avril -> rdv")
    assert (s.evidence, s.action) == (1, 1), s


def test_the_date_of_a_call_the_contact_asked_for_does_not_undo_the_projects_date():
    notes = ("Mme Texier cherche des banderoles et des drapeaux pour le concours de baudets de septembre 2027. "
             "Elle souhaite qu'on la recontacte en mai pour en parler.")
    text = ("Tiède : elle cherche des banderoles et des drapeaux pour le concours de septembre 2027, et elle a "
            "demandé qu'on la recontacte en mai. Je la relance début mai pour prendre rendez-vous.")
    s = score(notes, "2027-02-27", "tiède", "tiède", text)
    assert (s.evidence, s.action) == (1, 1), s
    # for a warm contact, the call asked for soon still says the hurry
    notes = "M. Rey veut 20 polos brodés et a demandé qu'on le rappelle la semaine prochaine avec un prix."
    s = score(notes, "2027-02-27", "chaud", "chaud", "Chaud : il veut 20 polos et demande qu'on le rappelle "
              "la semaine prochaine. Je le rappelle en priorité lundi.")
    assert (s.evidence, s.action) == (1, 1), s


def test_warm_clothes_are_no_class():
    notes = ("Le moniteur cherche des sweats à capuche et des bonnets brodés pour les 40 licenciés, pour le "
             "printemps 2028 ; il compare encore les fournisseurs.")
    for text in ("Le club veut habiller ses quarante licenciés avec des vêtements chauds à son nom, mais pour le "
                 "printemps 2028 : je le range en tiède et je le relance en janvier.",
                 "Tiède : des polaires bien chaudes et des bonnets pour le printemps 2028. Relance en janvier."):
        s = score(notes, "2027-03-01", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)
    s = score(notes, "2027-03-01", "tiède", "tiède", "Il veut des sweats pour 2028 : je dirais chaud, ou tiède. "
              "Relance en janvier.")
    assert s.evidence == 0, s


def test_cold_reasons_in_other_words_no_purchase_no_money_nothing_it_would_bring():
    notes = ("Le trésorier, M. Pichon, a dit que le club n'achètera rien ni cette année ni l'an prochain : les "
             "caisses sont vides après les travaux du local. La présidente ne voit pas l'intérêt du textile.")
    for text in ("Froid. M. Pichon a été net : pas un achat cette année ni la suivante. Je garde la fiche.",
                 "Froid : le club n'a plus un sou depuis les travaux. Je garde la fiche et j'envoie la doc.",
                 "Froid : les travaux ont vidé la caisse du club. Fiche gardée, doc envoyée.",
                 "Froid : la présidente ne voit pas ce que le textile lui apporterait. Je garde sa fiche."):
        s = score(notes, "2027-03-01", "froid", "froid", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)
    # a purchase not ruled out is no denial
    notes = "Le secrétaire a feuilleté le catalogue ; « peut-être un jour », ce n'est pas d'actualité."
    s = score(notes, "2027-03-01", "froid", "tiède", "Tiède : il n'exclut pas un achat un jour, mais ce n'est "
              "pas d'actualité. Je le relancerai dans quelques mois.", accepted=["froid", "tiède"])
    assert s.evidence == 1, s


def test_the_time_left_and_a_first_estimate():
    notes = ("Mme Le Gall veut 150 mugs et 150 badges pour la fête des goémoniers du 9 août, dans un mois. Elle "
             "attend notre proposition au plus vite.")
    s = score(notes, "2027-07-09", "chaud", "chaud", "Chaud : il reste à peine quatre semaines avant la fête, "
              "les 150 mugs doivent être prêts. Je l'appelle en premier dès demain matin.")
    assert (s.evidence, s.action) == (1, 1), s
    notes = "M. Ragot pense refaire les bonnets du club pour le championnat de 2028 ; effectifs connus en septembre."
    s = score(notes, "2026-05-30", "tiède", "tiède", "Tiède : des bonnets pour le championnat de 2028, rien avant "
              "la rentrée. Je le relance début octobre pour lui proposer un rendez-vous et un premier chiffrage.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_dream_is_a_wish():
    notes = ("Le coach voudrait des sweats brodés pour les 10 ans du club, fêtés en février 2028. Il doit encore "
             "convaincre le comité de la dépense.")
    s = score(notes, "2027-03-01", "tiède", "tiède", "Tiède : pour l'anniversaire, l'entraîneur rêve de vêtements au "
              "nom du club, mais la fête n'a lieu qu'en février 2028. Je le relance en septembre.")
    assert (s.evidence, s.action) == (1, 1), s


def test_cold_reasons_in_other_words_never_any_goodies_nothing_under_way():
    notes = ("Mme de Vaulx accompagnait son petit-fils. Le club ne fait jamais de goodies, « pas du tout notre "
             "genre » ; aucun projet en cours, et pas question de dépenser pour ça.")
    for text in ("Froid : le club ne fait jamais de goodies. Je garde la fiche et j'envoie le catalogue.",
                 "Froid : ce n'est « pas du tout leur genre ». Fiche CRM et doc.",
                 "Froid : elle n'a rien en cours. Je l'enregistre dans le CRM et lui envoie le catalogue.",
                 "Froid : il n'est pas question de dépenser en objets. Je garde sa fiche."):
        s = score(notes, "2027-03-01", "froid", "froid", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_the_salons_own_date_told_with_a_verb_is_no_project_date():
    notes = ("Mme Jeunet s'intéresse à des tabliers brodés pour les 50 ans du foyer, fêtés en juin 2028. Le comité "
             "des fêtes ne se réunira pas avant le printemps.")
    s = score(notes, "2027-10-09", "tiède", "tiède", "Tiède : des tabliers pour juin 2028, alors que le salon s'est "
              "tenu en octobre 2027. Je la relance en mars pour un rendez-vous.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_class_considered_then_called_a_mistake_is_set_aside():
    notes = ("M. Vernhet voudrait des gilets brodés pour la tournée de l'automne 2028. Il n'a pas encore de budget "
             "et y réfléchira après l'été.")
    for text in ("Tiède : un vrai projet de gilets pour l'automne 2028, mais pas de budget. Le classer chaud et le "
                 "harceler serait une erreur. Je le relance en septembre.",
                 "Tiède : des gilets pour la tournée de l'automne 2028. Le mettre en froid serait exagéré, il a un "
                 "vrai projet. Je le relance en septembre."):
        s = score(notes, "2027-03-06", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)
    s = score(notes, "2027-03-06", "tiède", "tiède", "Je le classe chaud : des gilets pour 2028. Je le relance en septembre.")
    assert s.evidence == 0, s


def test_goods_already_bought_are_a_need_covered():
    notes = ("M. Guézennec a trouvé nos marinières jolies, mais la chorale en a acheté l'an dernier. Peut-être un "
             "jour pour les vingt ans de la chorale, sans date.")
    s = score(notes, "2027-03-01", "froid", "froid", "froid : marinieres deja achetées l'an dernier. fiche crm + catalogue",
              accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s


def test_must_be_quick_is_the_learners_pace_not_the_projects():
    notes = ("Mme Dubroca veut 60 tee-shirts imprimés pour les fêtes du 15 août ; commande avant le 20 juillet. "
             "Elle compare encore avec un fournisseur de Dax.")
    s = score(notes, "2027-06-26", "chaud", "chaud", "Chaud car elle compare avec un fournisseur de Dax, il faut faire "
              "vite : je lui envoie un devis sous 48 h.")
    assert s.evidence == 0 and s.action == 1, s
    s = score(notes, "2027-06-26", "chaud", "chaud", "Chaud : 60 tee-shirts pour le 15 août, elle veut aller vite. "
              "Je lui envoie un devis sous 48 h.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_want_for_oneself_is_not_the_clubs():
    notes = ("M. Gendron, adhérent, voulait juste un mug pour lui-même ; l'association n'achète jamais d'objets et "
             "n'en a pas l'utilité.")
    s = score(notes, "2027-03-01", "froid", "froid", "Froid : M. Gendron voulait seulement un mug pour lui ; "
              "l'association, elle, n'achète jamais d'objets. Je l'enregistre dans le fichier et j'envoie la brochure.")
    assert (s.evidence, s.action) == (1, 1), s
    # « pour lui » before a verb is « to him »: the club's want stays a want
    s = score(notes, "2027-03-01", "froid", "froid", "Froid : il veut des polos pour lui faire plaisir. Je garde sa fiche.")
    assert s.evidence == 0, s


def test_a_contact_not_satisfied_with_the_supplier_may_want_to_change():
    notes = ("Mme Bataille n'est pas satisfaite de son fournisseur de polos et voudrait changer à la fin du contrat, "
             "dans huit mois. Elle demande qu'on la recontacte à l'automne.")
    s = score(notes, "2027-02-06", "tiède", "tiède", "Tiède : elle veut changer de fournisseur de polos dans huit mois. "
              "Je la relance à l'automne.")
    assert (s.evidence, s.action) == (1, 1), s
    s = score(notes.replace("n'est pas satisfaite", "est très satisfaite").replace(" et voudrait changer", ", rien"),
              "2027-02-06", "tiède", "tiède", "Tiède : elle veut changer de fournisseur dans huit mois. Relance à l'automne.")
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_a_contact_unhappy_with_the_supplier_shows_an_opening():
    notes = ("Mme Bataille n'est pas satisfaite de son fournisseur de polos et voudrait changer à la fin du contrat, "
             "dans huit mois.")
    for text in ("tiède. pas satisfaite de son fournisseur de polos, fin du contrat dans 8 mois. relance a l'automne",
                 "Tiède : pas contente de son fournisseur actuel, contrat fini dans huit mois. Je la relance à l'automne."):
        s = score(notes, "2027-02-06", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_a_budget_vote_in_a_condition_is_no_fact():
    notes = ("L'entraîneur aimerait des maillots imprimés pour ses 30 joueurs avant l'été, sûrement pour juin. Il "
             "demandera un prix quand il aura le budget.")
    s = score(notes, "2027-03-20", "tiède", "tiède", "Tiède : des maillots pour juin, et dès que le comité aura voté le "
              "budget il demandera un prix. Je le relance en avril.", accepted=["tiède", "chaud"])
    assert s.evidence == 1 and "absent_fact" not in s.motifs, s
    s = score(notes, "2027-03-20", "tiède", "tiède", "Tiède : des maillots pour juin, le comité votera le budget en "
              "mai. Je le relance en avril.", accepted=["tiède", "chaud"])
    assert s.evidence == 0 and "absent_fact" in s.motifs, s


def test_the_contacts_gatherings_are_no_meeting_planned():
    notes = ("Mme Delattre aimerait des coupe-vent brodés pour les rencontres internationales de l'an prochain. "
             "Elle attend les tarifs ; pas d'urgence.")
    for text in ("Tiède : elle veut des coupe-vent brodés pour les rencontres internationales, qui n'ont lieu que "
                 "l'an prochain, pas d'urgence. Je lui envoie les tarifs et je la relance à l'automne.",
                 "tiede: coupe vent brodes pr les rencontres internationales l'an pro, pas d'urgence. relance en sept"):
        s = score(notes, "2026-04-25", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_not_a_priority_is_not_now():
    notes = ("M. Aubert a trouvé nos sweats « sympas », « peut-être un jour » une tenue commune. Rien n'est prévu et "
             "ce n'est pas une priorité du bureau.")
    s = score(notes, "2027-03-01", "froid", "froid", "Froid car ce n'est pas une priorité pour le bureau. Je garde "
              "sa fiche.", accepted=["froid", "tiède"])
    assert (s.evidence, s.action) == (1, 1), s


def test_a_plan_that_would_make_no_sense_is_set_aside():
    notes = "Léa Bousquet cherche des badges pour une convention « peut-être l'an prochain ». Rien n'est décidé."
    s = score(notes, "2027-03-06", "tiède", "tiède", "Tiède : des badges pour une convention l'an prochain peut-être, "
              "rien de décidé ; un devis aujourd'hui n'aurait pas de sens. Je la relancerai à l'automne.")
    assert (s.evidence, s.action) == (1, 1), s


def test_keeping_the_email_and_following_up_right_after_the_meeting():
    notes = ("Mme Verbeke s'est arrêtée par curiosité : l'association est en sommeil et ne prévoit aucune activité "
             "cette année ; elle a laissé son adresse mail.")
    s = score(notes, "2027-08-28", "froid", "froid", "Froid : l'association est en sommeil, aucune activité prévue. "
              "On garde son mail dans le fichier.")
    assert (s.evidence, s.action) == (1, 1), s
    notes = ("M. Lagarde aimerait des casquettes brodées pour le field day de l'été 2027 ; l'assemblée générale de "
             "janvier décidera.")
    s = score(notes, "2026-10-10", "tiède", "tiède", "Tiède : des casquettes pour l'été 2027, décision à l'AG de "
              "janvier. Je le relance dans la foulée de l'AG pour proposer un rendez-vous.")
    assert (s.evidence, s.action) == (1, 1), s


def test_interest_granted_then_set_aside_is_a_cold_argument():
    notes = ("M. Ferrand, du club de tarot, a trouvé nos jeux de cartes gravés amusants et a parlé de sacs pour les "
             "dix ans du club, « un jour peut-être ». Rien n'est décidé, aucune date ni budget.")
    for text in ("Froid : M. Ferrand voulait surtout jouer au quiz du stand ; le club n'a aucun projet en cours. "
                 "Je garde sa fiche et je lui envoie le catalogue.",
                 "Je le classe froid. Il voulait surtout voir nos cartes gravées ; pour le club, aucun projet en "
                 "cours. Fiche gardée, catalogue par mail."):
        s = score(notes, "2027-05-15", "froid", "froid", text, accepted=["froid", "tiède"])
        assert s.evidence == 1, (text, s)
    # the other way round, the text's last word is the contact's wish: a contradiction
    s = score(notes, "2027-05-15", "froid", "froid", "Froid : le club n'a aucun projet en cours, mais il veut "
              "commander des sacs pour les dix ans. Je garde sa fiche.", accepted=["froid", "tiède"])
    assert s.evidence == 0, s
    # nor does the contact plainly interested, or wanting our goods, make a cold argument
    for text in ("Froid : il est intéressé, mais le club n'a aucun projet en cours. Fiche gardée.",
                 "Froid : il veut des sacs brodés, mais le club n'a aucun projet en cours. Fiche gardée."):
        assert score(notes, "2027-05-15", "froid", "froid", text, accepted=["froid", "tiède"]).evidence == 0, text
    # and an urgent wish conceded is no cold argument
    s = score(notes, "2027-05-15", "froid", "froid", "Froid : il veut des sacs très vite pour les dix ans, mais "
              "le club n'a aucun projet en cours. Je garde sa fiche.", accepted=["froid", "tiède"])
    assert s.evidence == 0, s


def test_cold_reasons_in_sms_and_plain_words():
    notes = ("M. Lebrun, trésorier du club de sarbacane, est content de son imprimeur de Vierzon et ne veut pas en "
             "changer. Le club a dépensé tout son budget dans de nouvelles cibles ; aucun achat n'est prévu.")
    for text in ("froid, ils font jamais de goodies chez d'autres, fiche crm",
                 "Froid : il refuse de changer d'imprimeur. Je garde sa fiche.",
                 "froid, change pas de fournisseur + plus de sous. fiche crm",
                 "Froid : zéro dépense cette année. Fiche gardée.",
                 "Froid, rien en vue pour le club. Je garde sa fiche."):
        assert score(notes, "2027-04-10", "froid", "froid", text).evidence == 1, text


def test_the_date_a_grant_is_awaited_is_a_step_not_the_project():
    notes = ("Mme Leroux aimerait des sweats brodés pour le voyage de la chorale à l'été 2028 ; elle attend la "
             "subvention du département, réponse en janvier.")
    for text in ("Tiède : des sweats pour le voyage de l'été 2028, et la subvention du département est attendue en "
                 "janvier. Je la relance fin janvier pour un rendez-vous.",
                 "tiede: sweats pr le voyage ete 2028, attend subv du departement (rep en janvier). relance fin janv"):
        s = score(notes, "2026-11-14", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_the_last_word_on_interest_is_read_on_whole_words():
    notes = "M. Caillaud est venu acheter du fromage au stand voisin ; le club a ses polos depuis 2025 et ne compte pas en racheter."
    s = score(notes, "2027-02-20", "froid", "froid", "Froid : il est passé en venant acheter du fromage à côté ; le club "
              "a ses polos depuis 2025 et ne compte pas en racheter. Fiche gardée.")
    assert s.evidence == 1, s


def test_registrations_and_a_committee_meeting_are_steps_not_the_project():
    notes = ("Mme Perrin veut refaire les vestes du club pour la saison qui commence en avril prochain ; elle attend "
             "les inscriptions d'octobre pour connaître l'effectif, et le comité ne se réunit qu'en novembre.")
    for text in ("Tiède : des vestes pour la saison d'avril prochain, elle attend les inscriptions d'octobre. Je la "
                 "relance fin octobre pour un rendez-vous.",
                 "Tiède : des vestes pour avril prochain ; l'achat passe par le comité, qui ne se réunit qu'en "
                 "novembre. Je la relance début novembre."):
        s = score(notes, "2026-08-29", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_a_tilde_before_a_figure_is_about():
    notes = "M. Brun veut des maillots pour la course de côte, dans environ trois mois ; il attend un devis."
    s = score(notes, "2027-03-06", "chaud", "chaud", "chaud : maillots pr la course de cote ds ~3 mois, veut devis. "
              "rappel rapide + devis cette sem")
    assert (s.evidence, s.action) == (1, 1), s


def test_more_cold_reasons_in_the_lexicon():
    notes = ("Mme Garnier reste chez son imprimeur de Vendôme, l'association s'arrête l'an prochain et personne ne "
             "veut de sweat ; aucune commande n'est prévue, le club n'a pas le droit de commander ailleurs.")
    for text in ("Froid : personne ne veut de sweat. Je garde sa fiche.",
                 "froid, elle garde son imprimeur. fiche crm",
                 "Froid : elle reste chez son imprimeur de Vendôme. Fiche gardée.",
                 "Froid, l'association s'arrête. Fiche gardée.",
                 "Froid. Rien pour l'asso. Fiche gardée.",
                 "Froid : il n'est prévu aucune commande. Fiche gardée.",
                 "Froid : interdiction de commander ailleurs. Fiche gardée."):
        assert score(notes, "2027-01-16", "froid", "froid", text).evidence == 1, text


def test_more_ways_a_long_answer_declares_its_class():
    notes = ("Mme Lambert aimerait des sweats brodés pour les 30 ans de la chorale, à l'automne 2027 ; l'assemblée "
             "générale de mars votera le budget.")
    body = ("Mme Lambert a un vrai projet, des sweats brodés pour les trente ans de la chorale, mais la fête n'aura "
            "lieu qu'à l'automne 2027, bien plus de trois mois après le salon, et le budget attend le vote de "
            "l'assemblée générale de mars. ")
    plan = " Je la relancerai en avril, après l'assemblée, pour obtenir un rendez-vous."
    for text in ("On peut se demander si ce contact est chaud, puisqu'elle sait ce qu'elle veut. " + body
                 + "Ces éléments me font pencher pour tiède." + plan,
                 "J'ai hésité entre chaud et tiède. " + body + "C'est la définition du tiède." + plan,
                 "Chaud ou tiède ? " + body + "Ma décision : tiède." + plan,
                 "Certains diraient chaud. " + body + "Ce contact relève donc du tiède." + plan):
        s = score(notes, "2026-10-17", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_an_interest_question_answered_by_curiosity_is_no_interest():
    notes = "M. Petit a demandé par curiosité comment on brode un écusson ; le club porte l'uniforme de la ville et n'a besoin de rien."
    s = score(notes, "2027-09-11", "froid", "froid", "Besoin ? Non, ils ont l'uniforme de la ville. Son intérêt ? "
              "Juste de la curiosité. Donc froid. Suite ? Fiche conservée, doc à la prochaine campagne.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_date_set_for_the_event_and_a_horse_breed_are_no_plans():
    notes = ("M. Favre veut 40 polos brodés au motif du trait comtois pour la fête du cheval du 26 septembre ; le "
             "budget est voté et il attend notre devis.")
    for text in ("Chaud : la fête est fixée au 26 septembre, donc dans cinq semaines, et il veut 40 polos ; budget voté. "
                 "Je l'appelle lundi et le devis part dans la journée.",
                 "Chaud : 40 polos au motif du trait comtois pour la fête du 26 septembre, budget voté. Je le rappelle "
                 "en priorité, devis sous 48 h."):
        s = score(notes, "2026-08-22", "chaud", "chaud", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_waiting_no_longer_and_only_awaiting_ours_are_no_refusals():
    notes = ("M. Roche veut 60 gourdes pour le trail du 2 mai ; le bureau a validé l'achat et il a déjà le devis "
             "d'un concurrent, il n'attend plus que le nôtre pour choisir.")
    for text in ("Chaud : 60 gourdes pour le trail du 2 mai, achat validé ; il n'attend plus que notre devis pour "
                 "choisir. Je l'appelle en priorité lundi.",
                 "chaud, 60 gourdes pr le trail du 2 mai, achat validé. je l'appelle demain sans attendre + devis 48h"):
        s = score(notes, "2027-03-27", "chaud", "chaud", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_naming_both_sides_of_an_open_line_and_keeping_one():
    notes = ("Mme Fabre voudrait 40 sacs imprimés pour le marché de Noël, mi-décembre ; le conseil d'administration "
             "doit valider la dépense en octobre.")
    open_pair = ["tiède", "chaud"]
    for text in ("tiede (voire chaud) : 40 sacs pr le marché de noel mi-dec, mais CA en oct pr valider. relance debut "
                 "oct avec devis",
                 "tiede/chaud.. je mets tiede : 40 sacs pr noel mi-dec, CA en oct. relance debut oct avec devis"):
        s = score(notes, "2026-06-13", "tiède", "tiède", text, accepted=open_pair)
        assert (s.evidence, s.action) == (1, 1), (text, s)
    # both named and none kept: no choice made
    s = score(notes, "2026-06-13", "tiède", "tiède", "Tiède ou chaud, à voir : 40 sacs pour Noël, CA en octobre. "
              "Je la relance début octobre.", accepted=open_pair)
    assert s.evidence == 0, s
    # and on a contact the key does not leave open, naming two classes stays stuffing
    s = score(notes, "2026-06-13", "tiède", "tiède", "tiede (voire chaud) : 40 sacs pr noel mi-dec, CA en oct. "
              "relance debut oct")
    assert s.evidence == 0, s


def test_cold_reasons_closing_contracts_and_empty_coffers():
    notes = ("M. Morel explique que la fanfare va disparaître en juin, que ses musiciens ne portent pas de tee-shirts, "
             "que les caisses de la fanfare sont vides et qu'elle a signé pour trois ans avec un autre fournisseur.")
    for text in ("Froid, la fanfare va disparaître. Fiche gardée.",
                 "Froid : ils ne portent pas de tee-shirts. Fiche gardée.",
                 "Froid : les caisses de la fanfare sont vides. Fiche gardée.",
                 "Froid, contrat de trois ans avec un autre fournisseur. Fiche gardée.",
                 "Froid : le bureau s'est interdit toute dépense. Fiche gardée."):
        assert score(notes, "2027-03-13", "froid", "froid", text).evidence == 1, text


def test_as_the_contact_wished_it_is_about_the_plan():
    notes = "M. Castex passait par curiosité ; l'association n'a aucun besoin de textile. Il veut être tenu au courant."
    s = score(notes, "2027-04-17", "froid", "froid", "Froid : l'association n'a pas besoin de textile. Je lui envoie "
              "nos nouveautés par mail comme il l'a souhaité, et je garde sa fiche.")
    assert (s.evidence, s.action) == (1, 1), s


def test_cold_reasons_loyal_suppliers_and_closing_clubs():
    notes = ("Mme Flament a son imprimeur depuis dix ans et en est contente ; l'amicale ferme à la fin de l'année, "
             "faute de moyens, et fait faire ses tenues ailleurs ; les vestes actuelles conviennent encore.")
    for text in ("Froid : elle a son imprimeur depuis dix ans. Fiche gardée.",
                 "froid, contente de son brodeur. fiche crm",
                 "Froid : l'amicale ferme à la fin de l'année. Fiche gardée.",
                 "Froid, ils font faire leurs tenues ailleurs. Fiche gardée.",
                 "Froid : les vestes conviennent encore. Fiche gardée.",
                 "Froid : plus de moyens, elle refuse tout devis. Fiche gardée."):
        assert score(notes, "2027-05-22", "froid", "froid", text).evidence == 1, text


def test_wanting_the_free_gift_is_no_interest_in_the_offer():
    notes = "M. Ragon est venu pour le mug offert ; la confrérie a ses capes et ne voit pas l'utilité de nos produits."
    s = score(notes, "2026-12-05", "froid", "froid", "Froid : il voulait surtout le mug offert et ne voit pas "
              "l'utilité de nos produits. Fiche gardée, catalogue par la poste.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_national_gathering_is_the_contacts_event_not_our_meeting():
    notes = "M. Jardillier veut des casquettes brodées pour la rencontre nationale que le club accueille en août 2027."
    s = score(notes, "2026-12-05", "tiède", "tiède", "Tiède : des casquettes pour la rencontre nationale d'août 2027, "
              "dans huit mois. Je le relance au printemps pour un rendez-vous.")
    assert (s.evidence, s.action) == (1, 1), s


def test_no_quote_asked_yet_is_no_refusal_for_a_lukewarm_contact():
    notes = "M. Malterre a envie de tabliers brodés « quand la trésorerie le permettra, sans doute l'an prochain ». Aucun devis demandé."
    s = score(notes, "2027-11-20", "tiède", "tiède", "Tiède : il a envie de tabliers brodés, mais pour l'an prochain, "
              "selon la trésorerie, et il ne demande pas de devis. Je le relance au printemps 2028 pour un rendez-vous.")
    assert (s.evidence, s.action) == (1, 1), s


def test_the_year_end_accounts_are_a_step_not_the_project():
    notes = "M. Girardin voudrait des tote bags pour la fête des roses, en juin prochain ; il attend les comptes de fin d'année."
    for text in ("tiede. totebags pr la fete des roses (juin), attend ses comptes de fin d'annee. relance janvier pr rdv",
                 "Tiède : des tote bags pour la fête des roses en juin, sept mois après le salon, et il attend le bilan de "
                 "fin d'année. Je le relance en janvier pour un rendez-vous."):
        s = score(notes, "2026-11-14", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_members_who_equip_themselves_are_a_cold_reason():
    notes = "Mme Fontanel trouve nos gourdes jolies, mais le club n'a aucun projet : chaque marcheur s'équipe seul."
    for text in ("Froid : chaque marcheur s'équipe seul, aucun projet. Fiche gardée.",
                 "Intérêt ? Elle trouve les gourdes jolies, sans plus. Projet ? Aucun, chaque marcheur s'équipe seul. "
                 "Donc froid : fiche conservée et catalogue envoyé."):
        assert score(notes, "2027-01-23", "froid", "froid", text).evidence == 1, text


def test_an_imminent_purchase_with_a_competitor_lurking_is_no_refusal():
    notes = "M. Lapeyrère veut 25 sweats pour le festival du 14 juillet ; il compare avec un site en ligne et veut notre prix sous huit jours."
    s = score(notes, "2027-05-22", "chaud", "chaud", "Chaud : 25 sweats pour le festival du 14 juillet, prix voulu "
              "sous huit jours. C'est un achat imminent avec un concurrent en embuscade : je le rappelle dès lundi.")
    assert (s.evidence, s.action) == (1, 1), s


def test_today_stated_and_no_hesitation_to_order_elsewhere():
    notes = "M. Girardin voudrait des tote bags pour la fête des roses, en juin prochain ; il attend les comptes de fin d'année."
    s = score(notes, "2026-11-14", "tiède", "tiède", "Tiède : des tote bags pour la fête des roses ; la fête a lieu en "
              "juin et nous sommes à la mi-novembre, il reste sept mois. Je le relance en janvier pour un rendez-vous.")
    assert (s.evidence, s.action) == (1, 1), s
    notes = "M. Hamel veut 50 chasubles pour le trail du 18 octobre ; il a comparé avec un site et attend notre prix d'ici vendredi."
    s = score(notes, "2026-09-19", "chaud", "chaud", "Chaud : 50 chasubles pour le trail du 18 octobre ; il n'hésitera "
              "pas à commander sur le site qu'il a regardé. Appel prioritaire lundi, prix avant vendredi.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_liking_granted_in_passing_after_the_no():
    notes = "Mme Soulès a trouvé nos mugs sympas, mais le club n'a « ni besoin ni envie » de produits personnalisés."
    s = score(notes, "2027-11-27", "froid", "froid", "Froid : les tricoteuses ne veulent tout simplement pas de "
              "produits à leur nom, même si nos mugs lui ont plu. On la garde dans le fichier.")
    assert (s.evidence, s.action) == (1, 1), s


def test_a_deadline_said_with_a_negation_is_no_refusal():
    notes = "M. Froger doit commander 18 maillots pour les joutes du 20 juin ; il compare deux devis et choisira avant le 15 mai."
    s = score(notes, "2026-04-25", "chaud", "chaud", "Chaud : 18 maillots pour les joutes du 20 juin, et il ne "
              "choisira pas après le 15 mai. Appel demain matin et devis sous deux jours.")
    assert (s.evidence, s.action) == (1, 1), s


def test_stock_for_years_tenues_already_there_and_not_their_thing():
    notes = ("Mme Dumas : l'association a encore un stock de casquettes pour trois ans, l'harmonie a déjà ses tenues, "
             "et les goodies, ce n'est pas son truc.")
    for text in ("froid, stock casquettes/badges pr 3 ans. fiche gardee",
                 "Froid : ils ont encore un gros stock de casquettes. Fiche gardée.",
                 "Froid, l'harmonie a déjà ses tenues. Fiche gardée.",
                 "froid: goodies pas son truc. fiche gardee"):
        assert score(notes, "2027-06-05", "froid", "froid", text).evidence == 1, text


def test_the_contacts_own_salon_is_its_event_not_ours():
    notes = "Mme Escande veut des tote bags pour le salon du livre du village, « l'an prochain, au printemps » (2027)."
    for text in ("tiede : tote bags pr salon du livre printemps 2027. relance a l'automne",
                 "Tiède : des tote bags pour leur salon du printemps 2027. Je la relance à l'automne."):
        s = score(notes, "2026-06-13", "tiède", "tiède", text)
        assert (s.evidence, s.action) == (1, 1), (text, s)


def test_a_personal_purchase_a_contract_and_nothing_spent_are_no_interest():
    """The club buys nothing: the purchase was personal, a supplier holds a contract for years,
    no spending before the next board, the supplies come free, the contact came to look."""
    cases = [
        ("M. Vidal a acheté un mug pour lui ; le club ne prévoit rien.", "Froid, c'était un achat perso."),
        ("Mme Roux : contrat de trois ans signé avec un équipementier, elle ne changera pas.",
         "froid : contrat 3 ans signé avec un équipementier. fiche gardée"),
        ("Le président ne veut engager aucune dépense avant la prochaine mandature.",
         "Froid, pas de dépense avant la prochaine mandature. Fiche gardée."),
        ("Un bénévole imprime leurs tee-shirts gratuitement ; aucun projet.",
         "Froid : leurs tee-shirts sont imprimés gratuitement par un bénévole. Fiche gardée."),
        ("Elle est venue voir une amie exposante, sans projet.", "Froid, elle n'est venue que pour regarder. Fiche gardée."),
        ("Le club a refusé notre catalogue et ne veut rien.", "Froid, il a refusé le catalogue. Fiche gardée."),
    ]
    for notes, text in cases:
        assert score(notes, "2026-10-10", "froid", "froid", text).evidence == 1, text


def test_no_more_goods_in_its_name_a_personal_mug_and_comparing_prices():
    """« ne fait plus d'articles à son nom », « juste un mug pour elle », « n'a jamais porté de
    tenue »: nothing for the club; « elle compare les prix », « elle compare encore »: shopping,
    an interest."""
    notes = ("M. Kerbrat explique que l'amicale ne fait plus d'articles à son nom. Mme Soulé voulait un mug "
             "pour elle-même ; le cercle n'a jamais porté de tenue.")
    for text in ("Froid parce que l'amicale ne fait plus d'articles personnalisés. Fiche gardée.",
                 "Froid, elle voulait juste un mug pour elle. Fiche gardée.",
                 "Froid : le cercle n'a jamais porté de tenue. Fiche gardée."):
        assert score(notes, "2026-10-10", "froid", "froid", text).evidence == 1, text
    notes = "Mme Lemarchand voudrait 200 sacs imprimés pour la fête de l'automne 2028 ; elle compare avec un autre fournisseur."
    for text in ("Tiède car la fête n'est qu'à l'automne 2028 et elle compare les prix. Je la relance en janvier 2028.",
                 "Tiède : la fête est à l'automne 2028 et elle compare encore. Je la relance en janvier 2028."):
        assert score(notes, "2026-10-10", "tiède", "tiède", text).evidence == 1, text


def test_a_date_after_no_budget_and_another_clause_is_the_projects():
    """« il n'a pas encore de budget et la coupe est dans un an »: « dans un an » dates the cup,
    not the budget's release; against « chaud » it is a contradiction."""
    notes = "M. Grondin veut 40 sweats brodés pour la coupe de fin janvier ; il a le budget et demande un devis rapidement."
    s = score(notes, "2027-11-20", "chaud", "chaud",
              "Chaud : il n'a pas encore de budget et la coupe est dans un an, mais il veut 40 sweats vite. Rappel prioritaire.")
    assert s.evidence == 0, s
    notes = ("Le comité veut 60 tee-shirts pour la fête de fin octobre ; M. Roux verra le budget en juin et "
             "nous demande de le relancer à ce moment-là.")
    s = score(notes, "2027-02-20", "tiède", "tiède",
              "Tiède : le comité veut des tee-shirts pour la fête de fin octobre, mais le budget n'est vu qu'en juin. Relance en mai.")
    assert s.evidence == 1, s  # (« budget … en juin »: the budget's date still)


def test_the_money_awaited_or_the_talk_to_come_is_no_interest_object():
    """« attend une subvention en novembre », « il en parle au bureau le mois prochain »: what the
    contact waits for, not what it wants; a text saying only that states no interest."""
    notes = ("M. Royer est très intéressé par des vestes brodées pour les bénévoles, mais l'achat dépend d'une "
             "subvention connue en novembre ; il veut en parler au bureau le mois prochain.")
    for text in ("Tiède : il attend une subvention en novembre. Relance en novembre.",
                 "Tiède, il en parle au bureau le mois prochain, je le relancerai ensuite."):
        assert score(notes, "2026-06-13", "tiède", "tiède", text).evidence == 0, text
    assert score(notes, "2026-06-13", "tiède", "tiède", "Tiède : il voudrait des vestes brodées mais attend "
                 "la subvention de novembre. Relance en novembre.").evidence == 1


def test_a_vague_someday_argued_as_no_project_is_froid_evidence():
    """On a contact the key leaves open between froid and tiède, « "sympa" n'est pas un
    engagement », « ce n'est pas un besoin actuel », « rien de décidé » argue the froid side."""
    notes = ("M. Aubry trouve nos sacs « sympas » ; un jour, peut-être pour 2027 ou 2028, rien n'est décidé au bureau.")
    for text in ("Froid : « sympa » n'est pas un engagement et rien n'est décidé au bureau. Je garde sa fiche.",
                 "Froid : elle dit « un jour », ce n'est pas un besoin actuel. Je garde sa fiche dans le CRM.",
                 "Froid, rien de décidé. Je garde la fiche et j'envoie le catalogue."):
        s = score(notes, "2026-10-10", "tiède", "froid", text, accepted=["froid", "tiède"])
        assert s.evidence == 1, (text, s)


def test_sms_without_ne_a_sponsor_until_a_year_and_no_use():
    """SMS drops « ne »: « le club fait pas de textile »; « sponsor jusqu'en 2029 », « pas d'usage
    cette année » state no purchase to come."""
    notes = ("M. Girard : le club ne fait pas de textile, un sponsor fournit tout jusqu'en 2029 et les badges "
             "n'ont pas d'usage cette année.")
    for text in ("froid, le club fait pas de textile. fiche + newsletter",
                 "froid, sponsor jusqu'en 2029 donc rien à faire. doc par mail + fiche crm",
                 "froid. pas d'usage cette annee. fiche + doc par mail"):
        assert score(notes, "2026-10-10", "froid", "froid", text).evidence == 1, text
