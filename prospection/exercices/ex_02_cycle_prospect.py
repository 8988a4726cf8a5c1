"""Public checks of exercise 02_cycle_prospect: format, sanity and the worked example only.

Whether an answer is right is decided by the hidden tests of the instructor's notebook, so
nothing here gives an answer away.
"""

from __future__ import annotations

import math
import re
import unicodedata

from prospection.autocontrole import Exercice, est_tableau, liste_cles, memes_cles

EXERCICE = Exercice("02_cycle_prospect", "Le cycle du prospect")

ETAPES = ("suspect", "froid", "tiède", "chaud", "client", "perdu")
ETAPES_ENTONNOIR = ("froid", "tiède", "chaud", "client")
CODES_OBJECTIFS = ("conquerir", "remplacer", "reactiver", "chiffre_affaires", "part_de_marche", "lancement")
NOMS_ETAPES = ", ".join(f"« {e} »" for e in ETAPES)


def _sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in texte if not unicodedata.combining(c)).lower().strip()


def etape_normalisee(valeur) -> str | None:
    """The ladder rung a learner meant (« Tiede », « prospect chaud » …), or None."""
    if not isinstance(valeur, str):
        return None
    mots = re.sub(r"[^a-z ]", " ", _sans_accents(valeur)).split()
    mots = [m for m in mots if m != "prospect"]
    if len(mots) != 1:
        return None
    return {_sans_accents(e): e for e in ETAPES}.get(mots[0])


@EXERCICE.question("echelle", "Question 1 — placer les contacts sur l'échelle")
def check_echelle(historiques, etapes):
    assert isinstance(etapes, dict), (
        "« etapes » doit être un dictionnaire {identifiant : étape}, par exemple "
        '{"C1": "suspect", "C2": ...}.')
    memes_cles(etapes, historiques, "etapes")
    for ident in sorted(historiques):
        assert etape_normalisee(etapes[ident]) is not None, (
            f"Contact {ident} : « {etapes[ident]} » n'est pas une étape de l'échelle ({NOMS_ETAPES}).")
    if "C1" in historiques:
        assert etape_normalisee(etapes["C1"]) == "suspect", (
            "C1 est l'exemple corrigé de l'énoncé : recopiez sa réponse.")


@EXERCICE.question("chargement", "Question 2a — charger l'entonnoir avec pandas")
def check_chargement(entonnoir):
    est_tableau(entonnoir, "entonnoir", "Utilisez pd.read_csv(...).")
    for colonne in ("etape", "effectif"):
        assert colonne in entonnoir.columns, (
            f"« entonnoir » doit avoir une colonne « {colonne} » : lisez le fichier CSV tel quel.")
    assert len(entonnoir) == 5, (
        f"« entonnoir » doit avoir 5 lignes (une par étape), il en a {len(entonnoir)}.")


def _nombre(valeur) -> bool:
    return isinstance(valeur, (int, float)) and not isinstance(valeur, bool) and math.isfinite(valeur)


@EXERCICE.question("taux", "Question 2b — les taux de passage")
def check_taux(taux):
    import pandas as pd

    assert isinstance(taux, pd.Series), (
        f"« taux » doit être une série pandas (Series), pas un objet de type « {type(taux).__name__} ».")
    assert not taux.isna().any(), (
        "« taux » contient une valeur manquante (NaN) : la première étape n'a pas d'étape précédente, "
        "retirez-la (par exemple avec .dropna()).")
    index = [etape_normalisee(str(e)) for e in taux.index]
    assert sorted(map(str, index)) == sorted(ETAPES_ENTONNOIR), (
        "« taux » doit être indexée par les étapes d'arrivée : froid, tiède, chaud, client "
        "(une valeur par passage). Avez-vous utilisé set_index(\"etape\") ?")
    valeurs = [float(v) for v in taux]
    assert all(0 <= v <= 1 for v in valeurs), (
        "Un taux de passage est une proportion entre 0 et 1 (0,4 pour 40 %). Si vous trouvez plus de 1, "
        "vous avez peut-être divisé dans le mauvais sens, ou exprimé le taux en pourcentage.")


@EXERCICE.question("taux_global", "Question 2c — le taux de transformation global")
def check_taux_global(taux_global):
    if hasattr(taux_global, "item") and getattr(taux_global, "size", 2) == 1:
        taux_global = taux_global.item()
    assert _nombre(taux_global), (
        f"« taux_global » doit être un nombre, pas un objet de type « {type(taux_global).__name__} ».")
    assert 0 <= taux_global <= 1, (
        "« taux_global » est une proportion entre 0 et 1 (clients divisés par suspects), pas un pourcentage.")


@EXERCICE.question("etape_faible", "Question 2d — l'étape la plus faible")
def check_etape_faible(etape_faible):
    assert isinstance(etape_faible, str), (
        f"« etape_faible » doit être un texte (le nom d'une étape), pas un objet de type "
        f"« {type(etape_faible).__name__} ».")
    assert etape_normalisee(etape_faible) in ETAPES_ENTONNOIR, (
        "« etape_faible » doit être une étape d'arrivée de l'entonnoir : froid, tiède, chaud ou client.")


@EXERCICE.question("objectifs", "Question 3 — les objectifs de la prospection")
def check_objectifs(situations, objectifs):
    assert isinstance(objectifs, dict), (
        "« objectifs » doit être un dictionnaire {lettre : code}, par exemple {\"A\": \"lancement\", ...}.")
    memes_cles(objectifs, situations, "objectifs")
    codes = ", ".join(f"« {c} »" for c in CODES_OBJECTIFS)
    for lettre in sorted(situations):
        assert objectifs[lettre] in CODES_OBJECTIFS, (
            f"Situation {lettre} : « {objectifs[lettre]} » n'est pas un code d'objectif ({codes}).")
    doublons = sorted({c for c in objectifs.values() if list(objectifs.values()).count(c) > 1})
    assert not doublons, (
        f"Chaque objectif sert une seule fois ; utilisé plusieurs fois : {', '.join(doublons)}.")
