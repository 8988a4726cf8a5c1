"""Salon mission (``04_mission_salon``): learner-side helpers and public checks.

The learner qualifies every contact either with the mission board or with a Python dict
``reponses = {"C01": ("froid", "justification…"), …}``; both end in the answers file
``reponses.json`` of the assignment folder (formerly ``reponses_salon.json``) (format in docs/ARCHITECTURE.md), which is
what the graded cells read, because nbgrader re-runs the notebook without a browser.

Only public checks live here (every contact answered, classes valid, justifications written,
annex present): the answer key is never imported by this module.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from prospection.autocontrole import Exercice
from prospection.board.storage import (
    ANSWERS_FILENAME,
    AnswersFileError,
    empty_answers,
    load_answers,
    normalize_class,
    now_iso,
    resolve,
    stamped_sibling,
    save_answers,
)

NBSP = "\u00a0"
CONTACTS_FILENAME = "contacts_salon_clubs_associations.xlsx"
ANNEX_FILENAME = "annexe_salon.xlsx"  # same name as the board's export
#: A justification shorter than this (in words) is not a justification (same rule as the board).
MIN_MOTS = 5

EXERCICE = Exercice("04_mission_salon", "Mission salon — qualifier les contacts")


# --------------------------------------------------------------------------- contacts

def charger_contacts(dossier: str | Path = "."):
    """The contacts of the mission: the file of the assignment folder, else the bundled one."""
    from prospection import loader

    chemin = Path(dossier) / CONTACTS_FILENAME
    if chemin.is_file():
        return loader.load_contacts(chemin)
    return loader.load_bundled()


def copier_fichier_contacts(dossier: str | Path = ".") -> Path:
    """Copy the bundled salon file into ``dossier`` (how the assignment folder gets its copy).

    Teachers refresh the shipped copy with
    ``python -c "from prospection.exercices.ex_04_mission_salon import copier_fichier_contacts as c; c('solutions/04_mission_salon')"``;
    a learner who deleted the file can run the same call with ``"."``.
    """
    import shutil

    from prospection import loader

    source = Path(loader.load_bundled().source)
    cible = Path(dossier) / CONTACTS_FILENAME
    shutil.copyfile(source, cible)
    return cible


def salon_date(contacts) -> dt.date | None:
    salon = getattr(contacts, "salon", None)
    if salon is None:
        return None
    if isinstance(salon, dict):
        return salon.get("date")
    return getattr(salon, "date", None)


def _contacts_index(contacts) -> dict[str, dict]:
    frame = contacts.frame
    return {str(row["id"]): {k: (row[k] if isinstance(row[k], str) else "") for k in frame.columns}
            for row in frame.to_dict("records")}


def observations_par_id(dossier: str | Path = ".") -> dict[str, str]:
    """Each contact's notes, by id (what the justification grader compares answers with)."""
    return {cid: c.get("observations", "") for cid, c in _contacts_index(charger_contacts(dossier)).items()}


def afficher_contacts(dossier: str | Path = "."):
    """The contacts to qualify, as a readable table (no code to write)."""
    from IPython.display import HTML

    contacts = charger_contacts(dossier)
    lignes = "".join(
        f"<tr><td style='text-align:left'><b>{escape(cid)}</b></td>"
        f"<td style='text-align:left'>{escape(c.get('organisation', ''))}</td>"
        f"<td style='text-align:left'>{escape(c.get('contact', ''))}<br>"
        f"<small>{escape(c.get('fonction', ''))}</small></td>"
        f"<td style='text-align:left'>{escape(c.get('observations', ''))}</td>"
        f"<td style='text-align:left'>{escape(c.get('consentement') or 'non renseigné')}</td></tr>"
        for cid, c in _contacts_index(contacts).items()
    )
    date = salon_date(contacts)
    entete = f"<p>{len(contacts.frame)} contacts"
    if date:
        entete += f" — salon du {date:%d/%m/%Y}"
    entete += "</p>"
    return HTML(
        entete + "<table><tr><th>Id</th><th>Organisation</th><th>Contact</th>"
        f"<th>Observations</th><th>Consentement (salon)</th></tr>{lignes}</table>"
    )


# --------------------------------------------------------------------------- saving the dict

@dataclass
class Message:
    """A French message shown in the notebook (green when ``ok``)."""

    ok: bool
    texte: str

    def __str__(self) -> str:
        return ("✔ " if self.ok else "✘ ") + self.texte

    __repr__ = __str__

    def _repr_html_(self) -> str:
        couleur = "#1b7d3a" if self.ok else "#b3261e"
        return f'<div style="color:{couleur}">{escape(str(self))}</div>'


class FormatReponsesError(ValueError):
    """The learner's ``reponses`` dict has the wrong shape; the message is in French."""


def _lire_entree(cid, valeur) -> tuple[str | None, str]:
    if isinstance(valeur, dict):
        classe = valeur.get("qualification", valeur.get("classe"))
        justification = valeur.get("justification", "")
    elif isinstance(valeur, (tuple, list)) and len(valeur) == 2:
        classe, justification = valeur
    else:
        raise FormatReponsesError(
            f"Contact « {cid} »{NBSP}: la réponse doit être un couple (classe, justification), "
            f'par exemple ("froid", "Aucun projet…"){NBSP}; reçu{NBSP}: {valeur!r}.'
        )
    try:
        classe = normalize_class(classe)
    except ValueError:
        raise FormatReponsesError(
            f"Contact « {cid} »{NBSP}: classe « {classe} » inconnue "
            f"(attendu{NBSP}: \"froid\", \"tiède\" ou \"chaud\")."
        ) from None
    if justification is None:
        justification = ""
    if not isinstance(justification, str):
        raise FormatReponsesError(
            f"Contact « {cid} »{NBSP}: la justification doit être un texte entre guillemets."
        )
    return classe, justification.strip()


def normaliser_reponses(reponses, ids_connus) -> dict[str, tuple[str | None, str]]:
    """Check the shape of the learner's dict; raise :class:`FormatReponsesError` in French."""
    if not isinstance(reponses, dict):
        raise FormatReponsesError(
            "« reponses » doit être un dictionnaire {identifiant: (classe, justification)}, "
            f"entre accolades{NBSP}; reçu{NBSP}: {type(reponses).__name__}."
        )
    propres = {}
    inconnus = []
    for cid, valeur in reponses.items():
        cle = str(cid).strip().upper()
        if cle not in ids_connus:
            inconnus.append(str(cid))
            continue
        propres[cle] = _lire_entree(cid, valeur)
    if inconnus:
        raise FormatReponsesError(
            f"Identifiant(s) inconnu(s) dans le fichier des contacts{NBSP}: "
            + ", ".join(f"« {c} »" for c in inconnus)
            + f". Les identifiants valides vont de « {min(ids_connus)} » à « {max(ids_connus)} »."
        )
    return propres


def _sauvegarde(chemin: Path) -> Path:
    cible = stamped_sibling(chemin, "sauvegarde")
    cible.write_bytes(chemin.read_bytes())
    return cible


_ABSENT = object()


def enregistrer_reponses(reponses=_ABSENT, dossier: str | Path = ".") -> Message:
    """Write the learner's dict into ``reponses.json`` (merged with the board's answers).

    Empty entries (no class, no justification) are skipped, so running this cell after
    working on the board never erases the board's answers; when an existing answer is replaced,
    the previous file is first copied aside (``reponses.sauvegarde-….json``).
    """
    if reponses is _ABSENT:  # the notebook cell is one call: read the learner's variable
        reponses = sys._getframe(1).f_globals.get("reponses")
    if reponses is None:
        return Message(True, "Pas de dictionnaire « reponses »" + NBSP + ": rien à enregistrer. "
                             "Si vous utilisez le tableau de mission, vos réponses y sont déjà "
                             "enregistrées.")
    dossier = Path(dossier)
    chemin = dossier / ANSWERS_FILENAME
    try:
        contacts = charger_contacts(dossier)
        index = _contacts_index(contacts)
        propres = normaliser_reponses(reponses, set(index))
        doc = load_answers(resolve(dossier))  # an old reponses_salon.json is migrated on save
    except (FormatReponsesError, AnswersFileError) as exc:
        return Message(False, str(exc) + " Rien n'a été enregistré.")
    except Exception as exc:  # the loader's own French error, or an unreadable file
        return Message(False, f"{exc} Rien n'a été enregistré.")

    date = salon_date(contacts)
    doc["fichier_contacts"] = doc.get("fichier_contacts") or CONTACTS_FILENAME
    if date and not doc.get("date_salon"):
        doc["date_salon"] = date.isoformat()
    remplacees = 0
    ecrites = 0
    for cid, (classe, justification) in propres.items():
        if classe is None and not justification:
            continue
        ancienne = doc["reponses"].get(cid)
        if ancienne and (ancienne["qualification"], ancienne["justification"]) == (classe, justification):
            continue
        if ancienne and (ancienne["qualification"] or ancienne["justification"]):
            remplacees += 1
        doc["reponses"][cid] = {
            "organisation": index[cid].get("organisation", ""),
            "qualification": classe,
            "justification": justification,
            "modifie_le": now_iso(),
        }
        ecrites += 1
    if not ecrites:
        faites = sum(1 for r in doc["reponses"].values() if r["qualification"])
        return Message(True, f"Aucun changement{NBSP}: {faites} contact(s) sur {len(index)} "
                             f"qualifié(s) dans « {ANSWERS_FILENAME} ».")
    note = ""
    if remplacees and chemin.exists():
        copie = _sauvegarde(chemin)
        note = f" L'ancienne version a été gardée sous « {copie.name} »."
    save_answers(chemin, doc)
    faites = sum(1 for r in doc["reponses"].values() if r["qualification"])
    return Message(True, f"{ecrites} réponse(s) enregistrée(s) dans « {ANSWERS_FILENAME} »{NBSP}: "
                         f"{faites} contact(s) sur {len(index)} qualifié(s).{note}")


# --------------------------------------------------------------------------- reading, for graded cells

def lire_reponses(dossier: str | Path = ".") -> dict:
    """The answers file of the folder; AssertionError with a French message when unusable."""
    chemin = resolve(dossier)  # reponses.json, else a version-1 reponses_salon.json
    assert chemin.is_file(), (
        f"Le fichier « {ANSWERS_FILENAME} » est introuvable dans le dossier de l'exercice{NBSP}: "
        "qualifiez les contacts avec le tableau de mission, ou remplissez le dictionnaire "
        "« reponses » puis exécutez la cellule d'enregistrement."
    )
    try:
        return load_answers(chemin)
    except AnswersFileError as exc:
        raise AssertionError(str(exc)) from None


def ecrire_annexe(dossier: str | Path = ".") -> Message:
    """Write the annex (three columns: froids, tièdes, chauds) from the answers file."""
    try:
        from prospection import annexe
    except ImportError:
        return Message(False, "L'export de l'annexe n'est pas disponible dans cette version du cours.")
    dossier = Path(dossier)
    try:
        doc = lire_reponses(dossier)
    except AssertionError as exc:
        return Message(False, str(exc))
    contacts = charger_contacts(dossier)
    index = _contacts_index(contacts)
    lignes = []
    for cid, info in index.items():
        rep = doc["reponses"].get(cid, {})
        if rep.get("qualification"):
            nom = f"{info.get('organisation', '') or cid} ({cid})"
            lignes.append((nom, rep["qualification"], rep.get("justification", "").strip()))
    try:
        chemin = annexe.write_annexe(lignes, dossier / ANNEX_FILENAME, salon_date=salon_date(contacts))
    except Exception as exc:
        return Message(False, f"L'annexe n'a pas pu être écrite{NBSP}: {exc}")
    chemin = Path(chemin) if chemin else dossier / ANNEX_FILENAME
    return Message(True, f"Annexe écrite{NBSP}: « {chemin.name} » (trois colonnes{NBSP}: "
                         "contacts froids, tièdes, chauds).")


# --------------------------------------------------------------------------- public checks

def _mots(texte: str) -> int:
    return len(re.findall(r"\w+", texte or ""))


@EXERCICE.question("fichier", "Fichier de réponses lisible")
def verifier_fichier():
    lire_reponses(".")


@EXERCICE.question("completes", "Chaque contact est qualifié (froid, tiède ou chaud)")
def verifier_completes():
    doc = lire_reponses(".")
    ids = list(_contacts_index(charger_contacts(".")))
    assert ids, "Le fichier des contacts ne contient aucun contact."
    manquants = [cid for cid in ids if not doc["reponses"].get(cid, {}).get("qualification")]
    assert not manquants, (
        f"{len(manquants)} contact(s) sur {len(ids)} sans qualification{NBSP}: "
        + ", ".join(manquants) + "."
    )


@EXERCICE.question("justifications", f"Chaque choix est justifié (au moins {MIN_MOTS} mots)")
def verifier_justifications():
    doc = lire_reponses(".")
    ids = list(_contacts_index(charger_contacts(".")))
    vides = [cid for cid in ids if not doc["reponses"].get(cid, {}).get("justification", "").strip()]
    assert not vides, (
        f"Justification manquante pour{NBSP}: " + ", ".join(vides)
        + ". Citez ce que disent les notes (intérêt, projet, délai) et l'action à mener."
    )
    courtes = [cid for cid in ids if _mots(doc["reponses"][cid]["justification"]) < MIN_MOTS]
    assert not courtes, (
        f"Justification trop courte (moins de {MIN_MOTS} mots) pour{NBSP}: " + ", ".join(courtes)
        + f". Développez{NBSP}: intérêt du contact, délai du projet, action à mener."
    )


@EXERCICE.question("annexe", "Annexe Excel écrite (trois colonnes)")
def verifier_annexe():
    chemin = Path(ANNEX_FILENAME)
    assert chemin.is_file(), (
        f"L'annexe « {ANNEX_FILENAME} » n'existe pas encore{NBSP}: exécutez la cellule "
        "« ecrire_annexe() » (ou exportez l'annexe depuis le tableau de mission)."
    )
    _lire_annexe(chemin)


# --------------------------------------------------------------------------- annex content

def _lire_annexe(chemin: Path) -> dict[str, list[tuple[str, str]]]:
    """The annex read back: {"froid": [(name, justification), …], "tiède": […], "chaud": […]}."""
    from prospection import annexe

    try:
        return annexe.read_annexe(chemin)
    except Exception:
        raise AssertionError(
            f"L'annexe « {chemin.name} » n'est pas lisible ou n'a pas les trois colonnes "
            f"attendues{NBSP}: « Contacts froids », « Contacts tièdes », « Contacts chauds ». "
            "Réécrivez-la avec la cellule « ecrire_annexe() »."
        ) from None


def annexe_coherente(dossier: str | Path = ".") -> None:
    """Each qualified contact appears in the annex column of its class, and only there."""
    dossier = Path(dossier)
    doc = lire_reponses(dossier)
    chemin = dossier / ANNEX_FILENAME
    assert chemin.is_file(), f"L'annexe « {ANNEX_FILENAME} » est introuvable."
    colonnes = _lire_annexe(chemin)
    index = _contacts_index(charger_contacts(dossier))
    mal_ranges = []
    for cid, rep in doc["reponses"].items():
        classe = rep.get("qualification")
        if not classe or cid not in index:
            continue
        motif = re.compile(rf"\b{re.escape(cid)}\b")
        organisation = index[cid].get("organisation") or cid

        def cite(nom: str) -> bool:
            return bool(motif.search(nom)) or organisation in nom

        dedans = [c for c, lignes in colonnes.items() if any(cite(nom) for nom, _ in lignes)]
        if dedans != [classe]:
            mal_ranges.append(cid)
    assert not mal_ranges, (
        f"L'annexe ne correspond pas à vos réponses pour{NBSP}: " + ", ".join(mal_ranges)
        + ". Réexécutez la cellule « ecrire_annexe() » après vos dernières modifications."
    )
