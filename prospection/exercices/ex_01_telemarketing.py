"""Public checks of exercise 01_telemarketing: format and the worked example only.

They tell a learner whether the answer has the expected shape; whether it is right is decided
by the hidden tests of the instructor's notebook, so nothing here gives the answer away.
"""

from __future__ import annotations

import datetime as dt

from prospection.autocontrole import Exercice, est_tableau, liste_cles, memes_cles
from prospection.telemarketing import KIND_NAMES, kind_from_label

EXERCICE = Exercice("01_telemarketing", "Télémarketing\u00a0: types d'appels et règles du démarchage")

NOMS_TYPES = ", ".join(f"«\u00a0{n}\u00a0»" for n in KIND_NAMES)


@EXERCICE.question("types", "Question\u00a01 — classer les scénarios d'appel")
def check_types(scenarios, classement):
    assert isinstance(classement, dict), (
        "«\u00a0classement\u00a0» doit être un dictionnaire {lettre\u00a0: type}, par exemple "
        '{"A": "appels entrants", "B": ...}.')
    if set(classement) <= {"A"} < set(scenarios):
        raise NotImplementedError  # only the worked example: not started yet
    memes_cles(classement, scenarios, "classement", unite="lettres")
    for lettre in sorted(scenarios, key=str):
        valeur = classement[lettre]
        assert kind_from_label(valeur) is not None, (
            f"Scénario {lettre}\u00a0: «\u00a0{valeur}\u00a0» n'est pas l'un des quatre types "
            f"({NOMS_TYPES}).")
    if "A" in scenarios:
        assert kind_from_label(classement["A"]) == "appels_entrants", (
            "Le scénario A est l'exemple corrigé de l'énoncé\u00a0: recopiez sa réponse.")


@EXERCICE.question("liste", "Question\u00a02 — filtrer la liste d'appels avec pandas")
def check_liste(appels, autorises, exclus):
    for nom, valeur in (("autorises", autorises), ("exclus", exclus)):
        est_tableau(valeur, nom, "Filtrez «\u00a0appels\u00a0» avec un masque\u00a0: appels[masque].")
        assert "id" in valeur.columns, f"«\u00a0{nom}\u00a0» doit garder la colonne «\u00a0id\u00a0» de «\u00a0appels\u00a0»."
    assert "motif" in exclus.columns, "«\u00a0exclus\u00a0» doit avoir une colonne «\u00a0motif\u00a0» (la raison de l'exclusion)."
    ids_a, ids_e = list(autorises["id"]), list(exclus["id"])
    assert len(ids_a) == len(set(ids_a)) and len(ids_e) == len(set(ids_e)), (
        "Une même ligne apparaît deux fois\u00a0: chaque contact doit figurer une seule fois.")
    communs = set(ids_a) & set(ids_e)
    assert not communs, f"Ces contacts sont à la fois autorisés et exclus\u00a0: {liste_cles(communs)}."
    oublies = set(appels["id"]) - set(ids_a) - set(ids_e)
    assert not oublies, (f"Ces contacts ne sont ni dans «\u00a0autorises\u00a0» ni dans «\u00a0exclus\u00a0»\u00a0: "
                         f"{liste_cles(oublies)}.")
    inconnus = (set(ids_a) | set(ids_e)) - set(appels["id"])
    assert not inconnus, f"Ces identifiants ne sont pas dans la liste d'appels\u00a0: {liste_cles(inconnus)}."
    for ident, motif in zip(exclus["id"], exclus["motif"]):
        assert isinstance(motif, str) and motif.strip(), (
            f"Contact {ident}\u00a0: le motif d'exclusion est vide. Écrivez la règle en cause.")


@EXERCICE.question("creneaux", "Question\u00a03 — les créneaux autorisés")
def check_creneaux(creneaux, creneaux_autorises):
    assert isinstance(creneaux_autorises, dict), (
        "«\u00a0creneaux_autorises\u00a0» doit être un dictionnaire {lettre\u00a0: True ou False}, "
        'par exemple {"A": True, "B": False, ...}.')
    if set(creneaux_autorises) <= {"A"} < set(creneaux):
        raise NotImplementedError  # only the worked example: not started yet
    memes_cles(creneaux_autorises, creneaux, "creneaux_autorises", unite="lettres")
    for lettre in sorted(creneaux, key=str):
        valeur = creneaux_autorises[lettre]
        assert isinstance(valeur, bool) or type(valeur).__name__ == "bool_", (
            f"Créneau {lettre}\u00a0: répondez par True (autorisé) ou False (interdit), "
            f"pas par «\u00a0{valeur}\u00a0».")
    if "A" in creneaux and isinstance(creneaux["A"], dt.datetime):
        assert bool(creneaux_autorises["A"]) is True, (
            "Le créneau A est l'exemple corrigé de l'énoncé\u00a0: recopiez sa réponse.")
