"""Public checks of exercise 03_appels: format and sanity only.

Whether an answer is right is decided by the hidden tests of the instructor's notebook; the
opener's rubric (:func:`prospection.cours.appels.evaluer_accroche`) is public on purpose: a
learner may run it before submitting.
"""

from __future__ import annotations

import math
import re
import unicodedata

from prospection.autocontrole import Exercice, est_tableau, liste_cles, memes_cles

EXERCICE = Exercice("03_appels", "Les appels à chaud")

COLONNES_JOURNAL = ("date", "prospect", "objection", "levee", "suite")


def _sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in texte if not unicodedata.combining(c)).lower().strip()


def type_appel(valeur) -> str | None:
    """« chaud » or « froid » from what a learner wrote (« à chaud », « appel à froid » …)."""
    if not isinstance(valeur, str):
        return None
    mots = [m for m in re.sub(r"[^a-z ]", " ", _sans_accents(valeur)).split() if m not in {"appel", "a"}]
    if mots == ["chaleureux"]:
        return "chaud"
    return mots[0] if mots in (["chaud"], ["froid"]) else None


@EXERCICE.question("situations", "Question 1 — appel à chaud ou à froid ?")
def check_situations(situations, types_appel):
    assert isinstance(types_appel, dict), (
        "« types_appel » doit être un dictionnaire {identifiant : \"chaud\" ou \"froid\"}, "
        'par exemple {"S1": "chaud", ...}.')
    memes_cles(types_appel, situations, "types_appel")
    for ident in sorted(situations):
        assert type_appel(types_appel[ident]) is not None, (
            f"Situation {ident} : « {types_appel[ident]} » — répondez « chaud » ou « froid ».")


@EXERCICE.question("accroche", "Question 2 — l'accroche d'un appel à chaud")
def check_accroche(accroche):
    assert isinstance(accroche, str), (
        f"« accroche » doit être un texte entre guillemets, pas un objet de type « {type(accroche).__name__} ».")
    mots = accroche.split()
    assert len(mots) >= 15, (
        f"Votre accroche ne compte que {len(mots)} mot(s) : écrivez les premières phrases complètes "
        "de l'appel (au moins 15 mots).")
    assert len(mots) <= 200, (
        f"Votre accroche compte {len(mots)} mots : une ouverture d'appel tient en quelques phrases "
        "(200 mots au plus). Le prospect doit pouvoir répondre vite.")


@EXERCICE.question("journal", "Question 3a — charger le journal des objections")
def check_journal(journal):
    est_tableau(journal, "journal", "Utilisez pd.read_csv(...).")
    manquantes = [c for c in COLONNES_JOURNAL if c not in journal.columns]
    assert not manquantes, (f"Colonnes manquantes dans « journal » : {', '.join(manquantes)}. "
                            "Lisez le fichier CSV tel quel.")
    assert len(journal) > 0, "« journal » est vide : vérifiez le nom du fichier lu."


@EXERCICE.question("frequences", "Question 3b — les objections les plus fréquentes")
def check_frequences(journal, frequences, objection_principale):
    import pandas as pd

    assert isinstance(frequences, pd.Series), (
        f"« frequences » doit être une série pandas (Series), pas un objet de type "
        f"« {type(frequences).__name__} ». Pensez à value_counts().")
    connues = set(journal["objection"])
    inconnues = set(frequences.index) - connues
    assert not inconnues, (f"« frequences » est indexée par des valeurs qui ne sont pas des objections "
                           f"du journal : {liste_cles(map(str, inconnues))}.")
    assert int(frequences.sum()) == len(journal), (
        f"Les fréquences doivent compter toutes les lignes du journal ({len(journal)}), "
        f"leur total fait {int(frequences.sum())}.")
    valeurs = list(frequences)
    assert valeurs == sorted(valeurs, reverse=True), "Rangez « frequences » de la plus fréquente à la moins fréquente."
    assert isinstance(objection_principale, str), (
        f"« objection_principale » doit être un texte, pas un objet de type "
        f"« {type(objection_principale).__name__} ».")
    assert objection_principale in connues, (
        f"« {objection_principale} » n'est pas une objection du journal : recopiez-la telle qu'elle y est écrite.")


@EXERCICE.question("taux_levee", "Question 3c — le taux de levée par objection")
def check_taux_levee(journal, taux_levee, a_retravailler):
    import pandas as pd

    assert isinstance(taux_levee, pd.Series), (
        f"« taux_levee » doit être une série pandas (Series), pas un objet de type "
        f"« {type(taux_levee).__name__} ».")
    connues = set(journal["objection"])
    assert set(taux_levee.index) == connues, (
        "« taux_levee » doit avoir une valeur par objection du journal (indexée par l'objection) : "
        "pensez à groupby(\"objection\").")
    valeurs = [float(v) for v in taux_levee]
    assert all(math.isfinite(v) for v in valeurs), "« taux_levee » contient une valeur manquante (NaN)."
    assert all(0 <= v <= 1 for v in valeurs), (
        "Un taux de levée est une proportion entre 0 et 1 (part des lignes où « levee » vaut « oui »), "
        "pas un nombre de lignes ni un pourcentage.")
    assert isinstance(a_retravailler, str), (
        f"« a_retravailler » doit être un texte, pas un objet de type « {type(a_retravailler).__name__} ».")
    assert a_retravailler in connues, (
        f"« {a_retravailler} » n'est pas une objection du journal : recopiez-la telle qu'elle y est écrite.")
