"""The salon mission's answers file: ``reponses.json``, one case of :mod:`prospection.reponses`.

On disk it is the course's one answers schema (question ``qualification``, ``valeur``
``{contact id: {classe, justification}}``, ``contexte`` ``{fichier_contacts, date_salon}``);
in memory the board keeps its own flat document (``reponses`` per contact), converted here.
An old ``reponses_salon.json`` (version 1) is still read and migrated on the next save.
The board writes it after every change, the grading toolchain reads it. Writes are atomic (temporary file in the same folder, then
``os.replace``) so a crash or a killed kernel never leaves half a file behind, and a file
that cannot be read is moved aside, never overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from prospection import reponses
from prospection.texte.classes import normalize_class  # noqa: F401 - the board's callers use it from here

ANSWERS_FILENAME = reponses.FILENAME
LEGACY_FILENAME = reponses.LEGACY_FILENAME
FORMAT_VERSION = 1  # the board's in-memory document; on disk it is the version-2 schema
CLASSES = reponses.CLASSES


class AnswersFileError(reponses.ReponsesError):
    """The answers file exists but cannot be used; the message is in French."""


def empty_answers(fichier_contacts: str = "", date_salon: dt.date | str | None = None) -> dict:
    """A fresh in-memory answers document of the board."""
    if isinstance(date_salon, dt.date):
        date_salon = date_salon.isoformat()
    return {
        "version": FORMAT_VERSION,
        "fichier_contacts": fichier_contacts,
        "date_salon": date_salon,
        "reponses": {},
    }


def now_iso() -> str:
    """Now, UTC (``…Z``): the answers schema's timestamps."""
    return reponses.now_utc()


def from_schema(doc: dict) -> dict:
    """The board's in-memory document from a version-2 answers document."""
    contexte = doc.get("contexte") or {}
    board = empty_answers(str(contexte.get("fichier_contacts") or ""), contexte.get("date_salon"))
    for cid, entry in (reponses.answer(doc, reponses.QUALIFICATION) or {}).items():
        board["reponses"][cid] = {
            "organisation": entry.get("organisation", ""),
            "qualification": entry.get("classe"),
            "justification": entry.get("justification", ""),
            "modifie_le": entry.get("modifie_le", ""),
        }
    return board


def to_schema(board: dict) -> dict:
    """The version-2 answers document (question ``qualification``) of the board's document."""
    contexte = {"fichier_contacts": board.get("fichier_contacts") or "",
                "date_salon": board.get("date_salon")}
    doc = reponses.empty(reponses.MISSION_ID, contexte=contexte)
    valeur, latest = {}, ""
    for cid, entry in board.get("reponses", {}).items():
        item = {"classe": normalize_class(entry.get("qualification")),
                "justification": entry.get("justification") or ""}
        if entry.get("organisation"):
            item["organisation"] = entry["organisation"]
        if entry.get("modifie_le"):
            item["modifie_le"] = reponses.to_utc(entry["modifie_le"])
            latest = max(latest, item["modifie_le"])
        valeur[str(cid)] = item
    reponses.set_answer(doc, reponses.QUALIFICATION, valeur, when=latest or reponses.now_utc())
    return doc


def resolve(path: str | os.PathLike) -> Path:
    """The file to read for ``path``: a folder means its ``reponses.json``, else its old
    ``reponses_salon.json``; a missing ``reponses.json`` falls back on the old file beside it."""
    path = Path(path)
    if path.is_dir():
        path = path / ANSWERS_FILENAME
    if not path.exists() and path.name == ANSWERS_FILENAME and (path.parent / LEGACY_FILENAME).exists():
        return path.parent / LEGACY_FILENAME
    return path


def load_answers(path: str | os.PathLike = ANSWERS_FILENAME) -> dict:
    """Read an answers file (version 2, or a version-1 ``reponses_salon.json``) for the board.

    A missing file gives an empty document; a folder may be given instead of a file. Classes
    are normalised (``tiede`` becomes ``tiède``). Raises :class:`AnswersFileError` (French
    message) when the file cannot be used; the file is left untouched.
    """
    path = resolve(path)
    if not path.exists():
        return empty_answers()
    try:
        doc = reponses.load(path)
    except reponses.ReponsesError as exc:
        raise AnswersFileError(str(exc)) from None
    if doc["exercice"] != reponses.MISSION_ID:
        raise AnswersFileError(
            f"Le fichier de réponses «\u00a0{path.name}\u00a0» est illisible\u00a0: il appartient à "
            f"l'exercice «\u00a0{doc['exercice']}\u00a0», pas à la mission."
        )
    return from_schema(doc)


def quarantine(path: str | os.PathLike) -> Path:
    """Move an unusable file aside (``<stem>.corrompu-<horodatage><suffix>``) and return its new path."""
    path = Path(path)
    target = stamped_sibling(path, "corrompu")
    os.replace(path, target)
    return target


def stamped_sibling(path: Path, label: str) -> Path:
    """A free name beside ``path``: ``<stem>.<label>-<horodatage>[-n]<suffix>``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}")
    return target


def recover_answers(path: str | os.PathLike) -> tuple[dict, str | None]:
    """Load the answers for the board: ``(document, notice)``.

    When the file is unusable it is moved aside and an empty document is returned with a
    French notice saying where the old file went; nothing is overwritten.
    """
    path = resolve(path)
    try:
        return load_answers(path), None
    except AnswersFileError as exc:
        moved = quarantine(path)
        return empty_answers(), (
            f"{exc} Il a été mis de côté sous le nom «\u00a0{moved.name}\u00a0» (rien n'est effacé)\u00a0; "
            "le tableau repart d'un fichier de réponses neuf."
        )


def save_answers(path: str | os.PathLike, doc: dict) -> None:
    """Write the board's document as a version-2 answers file, atomically (:mod:`prospection.reponses`)."""
    reponses.save(path, to_schema(doc))
