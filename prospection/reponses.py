"""The one answers schema of the course: ``reponses.json`` in an exercise folder.

Every exercise (widgets of exercises 01–03, the salon mission's board) saves the learner's
answers here, as data; the teacher's process scores that data against the key. One module
loads, validates, migrates (version 1 ``reponses_salon.json`` of the mission) and saves it::

    {"schema": "prospection-reponses", "version": 2,
     "exercice": "01_telemarketing", "variante": "commune", "contexte": {},
     "questions": {"q1_types": {"valeur": {...}, "modifie_le": "2026-11-28T07:50:00Z"}},
     "modifie_le": "2026-11-28T07:50:00Z"}

Timestamps are UTC with a ``Z``. Errors are :class:`ReponsesError` with a French message.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

from prospection.fichiers import write_json_atomic
from prospection.texte import classes

__all__ = [
    "SCHEMA", "VERSION", "FILENAME", "LEGACY_FILENAME", "MISSION_ID", "QUALIFICATION",
    "ReponsesError", "empty", "now_utc", "to_utc", "validate", "migrate_v1", "load", "loads",
    "save", "set_answer", "answer",
]

SCHEMA = "prospection-reponses"
VERSION = 2
FILENAME = "reponses.json"
LEGACY_FILENAME = "reponses_salon.json"
MISSION_ID = "04_mission_salon"
QUALIFICATION = "qualification"
CLASSES = classes.CLASSES
NBSP = "\u00a0"


class ReponsesError(ValueError):
    """An answers document that cannot be used; the message is in French."""


def now_utc() -> str:
    """The current time, UTC, to the second: ``2026-11-28T07:50:00Z``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_utc(value: Any) -> str:
    """Any ISO timestamp (with an offset, a ``Z`` or naive = local time) as UTC ``…Z``; ``""`` if empty."""
    if value in (None, ""):
        return ""
    text = str(value).strip()
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ReponsesError(f"horodatage «{NBSP}{text}{NBSP}» illisible (attendu{NBSP}: "
                            "2026-11-28T07:50:00Z)") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def empty(exercice: str, variante: str = "commune", contexte: dict | None = None) -> dict:
    """A fresh answers document for ``exercice``."""
    return {"schema": SCHEMA, "version": VERSION, "exercice": exercice, "variante": variante,
            "contexte": dict(contexte or {}), "questions": {}, "modifie_le": ""}


def normalize_class(value: Any) -> str | None:
    """``froid``/``tiède``/``chaud`` (``tiede`` accepted); ``None`` or ``""`` for no choice.

    The one normaliser is :func:`prospection.texte.classes.normalize_class`; its message is
    given here in lower case, to be embedded in a sentence about the file.
    """
    try:
        return classes.normalize_class(value)
    except ValueError as exc:
        message = str(exc).rstrip(".")
        raise ValueError(message[:1].lower() + message[1:]) from None


def _check_json_value(value: Any, where: str) -> None:
    """Only plain JSON data in a ``valeur``: text, numbers, booleans, null, lists, objects."""
    if value is None or isinstance(value, (str, bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ReponsesError(f"{where}{NBSP}: nombre non fini")
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check_json_value(item, where)
        return
    if isinstance(value, dict):
        for k, item in value.items():
            if not isinstance(k, str):
                raise ReponsesError(f"{where}{NBSP}: clé {k!r} qui n'est pas un texte")
            _check_json_value(item, where)
        return
    raise ReponsesError(f"{where}{NBSP}: valeur de type {type(value).__name__} non permise")


def _clean_qualification(valeur: Any) -> dict:
    if not isinstance(valeur, dict):
        raise ReponsesError(f"la question «{NBSP}{QUALIFICATION}{NBSP}» doit contenir un objet "
                            "{identifiant du contact\u00a0: réponse}")
    clean = {}
    for cid, entry in valeur.items():
        if not isinstance(entry, dict):
            raise ReponsesError(f"la réponse du contact «{NBSP}{cid}{NBSP}» n'est pas un objet")
        try:
            classe = normalize_class(entry.get("classe"))
        except ValueError as exc:
            raise ReponsesError(f"contact «{NBSP}{cid}{NBSP}»{NBSP}: {exc}") from None
        justification = entry.get("justification") or ""
        if not isinstance(justification, str):
            raise ReponsesError(f"la justification du contact «{NBSP}{cid}{NBSP}» n'est pas un texte")
        out = {"classe": classe, "justification": justification}
        if entry.get("organisation"):
            out["organisation"] = str(entry["organisation"])
        if entry.get("modifie_le"):
            out["modifie_le"] = to_utc(entry["modifie_le"])
        clean[str(cid)] = out
    return clean


def validate(doc: Any) -> dict:
    """A cleaned copy of a version-2 document; raises :class:`ReponsesError` (French) otherwise."""
    if not isinstance(doc, dict):
        raise ReponsesError("le fichier ne contient pas un objet JSON")
    if doc.get("schema") != SCHEMA:
        raise ReponsesError(f"ce n'est pas un fichier de réponses du cours (schéma {doc.get('schema')!r})")
    if doc.get("version") != VERSION:
        raise ReponsesError(f"version {doc.get('version')!r} inconnue (attendu{NBSP}: {VERSION})")
    exercice = doc.get("exercice")
    if not isinstance(exercice, str) or not exercice:
        raise ReponsesError(f"l'identifiant de l'exercice («{NBSP}exercice{NBSP}») manque")
    variante = doc.get("variante", "commune")
    if not isinstance(variante, str) or not variante:
        raise ReponsesError(f"la variante («{NBSP}variante{NBSP}») doit être un texte")
    contexte = doc.get("contexte") or {}
    if not isinstance(contexte, dict):
        raise ReponsesError(f"«{NBSP}contexte{NBSP}» doit être un objet")
    _check_json_value(contexte, "contexte")
    date_salon = contexte.get("date_salon")
    if date_salon is not None:
        try:
            dt.date.fromisoformat(str(date_salon))
        except ValueError:
            raise ReponsesError(f"date du salon «{NBSP}{date_salon}{NBSP}» invalide (attendu{NBSP}: AAAA-MM-JJ)") from None
    questions = doc.get("questions")
    if not isinstance(questions, dict):
        raise ReponsesError(f"la clé «{NBSP}questions{NBSP}» manque ou n'est pas un objet")
    clean_questions = {}
    for qid, entry in questions.items():
        if not isinstance(entry, dict) or "valeur" not in entry:
            raise ReponsesError(f"la question «{NBSP}{qid}{NBSP}» n'a pas de «{NBSP}valeur{NBSP}»")
        valeur = entry["valeur"]
        if qid == QUALIFICATION:
            valeur = _clean_qualification(valeur)
        else:
            _check_json_value(valeur, f"question «{NBSP}{qid}{NBSP}»")
        clean_questions[str(qid)] = {"valeur": valeur, "modifie_le": to_utc(entry.get("modifie_le"))}
    return {"schema": SCHEMA, "version": VERSION, "exercice": exercice, "variante": variante,
            "contexte": dict(contexte), "questions": clean_questions,
            "modifie_le": to_utc(doc.get("modifie_le"))}


def migrate_v1(doc: Any) -> dict:
    """A version-1 ``reponses_salon.json`` (the mission board before v2) as a version-2 document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("reponses"), dict):
        raise ReponsesError(f"la clé «{NBSP}reponses{NBSP}» manque ou n'est pas un objet")
    valeur = {}
    latest = ""
    for cid, entry in doc["reponses"].items():
        if not isinstance(entry, dict):
            raise ReponsesError(f"la réponse du contact «{NBSP}{cid}{NBSP}» n'est pas un objet")
        item = {"classe": entry.get("qualification"), "justification": entry.get("justification") or ""}
        if entry.get("organisation"):
            item["organisation"] = entry["organisation"]
        if entry.get("modifie_le"):
            item["modifie_le"] = to_utc(entry["modifie_le"])
            latest = max(latest, item["modifie_le"])
        valeur[str(cid)] = item
    contexte = {"fichier_contacts": str(doc.get("fichier_contacts") or ""),
                "date_salon": doc.get("date_salon")}
    new = empty(MISSION_ID, contexte=contexte)
    new["questions"][QUALIFICATION] = {"valeur": valeur, "modifie_le": latest}
    new["modifie_le"] = latest
    return validate(new)


def loads(text: str, name: str = FILENAME) -> dict:
    """Parse, migrate if needed and validate; French :class:`ReponsesError` naming ``name``."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReponsesError(f"Le fichier de réponses «{NBSP}{name}{NBSP}» est illisible{NBSP}: JSON invalide "
                            f"(ligne {exc.lineno}, colonne {exc.colno}).") from None
    try:
        if isinstance(doc, dict) and doc.get("version") == 1 and "schema" not in doc:
            return migrate_v1(doc)
        return validate(doc)
    except ReponsesError as exc:
        raise ReponsesError(f"Le fichier de réponses «{NBSP}{name}{NBSP}» est illisible{NBSP}: {exc}.") from None


def load(path: str | os.PathLike, exercice: str | None = None) -> dict:
    """Read an answers file; a folder means its ``reponses.json`` (else its ``reponses_salon.json``).

    A missing file gives an empty document for ``exercice``. The file is never modified here.
    """
    path = Path(path)
    if path.is_dir():
        legacy = path / LEGACY_FILENAME
        path = path / FILENAME
        if not path.exists() and legacy.exists():
            path = legacy
    if not path.exists():
        return empty(exercice or MISSION_ID)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReponsesError(f"Le fichier de réponses «{NBSP}{path.name}{NBSP}» est illisible{NBSP}: "
                            "il n'est pas encodé en UTF-8.") from None
    doc = loads(text, path.name)
    if exercice is not None and doc["exercice"] != exercice:
        raise ReponsesError(f"Le fichier de réponses «{NBSP}{path.name}{NBSP}» est celui de l'exercice "
                            f"«{NBSP}{doc['exercice']}{NBSP}», pas de «{NBSP}{exercice}{NBSP}».")
    return doc


def save(path: str | os.PathLike, doc: dict) -> Path:
    """Validate and write atomically (:func:`prospection.fichiers.write_json_atomic`).

    A folder (a path not ending in ``.json``) means its ``reponses.json``."""
    path = Path(path)
    if path.suffix != ".json" and path.is_dir():
        path = path / FILENAME
    return write_json_atomic(path, validate(doc))


def set_answer(doc: dict, question_id: str, valeur: Any, when: str | None = None) -> dict:
    """Record ``valeur`` for a question, stamped now (UTC); returns ``doc``."""
    _check_json_value(valeur, f"question «{NBSP}{question_id}{NBSP}»")
    stamp = when or now_utc()
    doc["questions"][question_id] = {"valeur": valeur, "modifie_le": stamp}
    doc["modifie_le"] = stamp
    return doc


def answer(doc: dict, question_id: str, default: Any = None) -> Any:
    """The saved ``valeur`` of a question, or ``default``."""
    entry = doc.get("questions", {}).get(question_id)
    return default if entry is None else entry.get("valeur", default)
