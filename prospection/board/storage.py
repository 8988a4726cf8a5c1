"""The salon mission's answers file, ``reponses_salon.json``.

The board writes it after every change, the ``04_mission_salon`` graded cells and the
grading toolchain read it. Writes are atomic (temporary file in the same folder, then
``os.replace``) so a crash or a killed kernel never leaves half a file behind, and a file
that cannot be read is moved aside, never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from prospection.fichiers import write_json_atomic
from prospection.texte.classes import CLASSES, normalize_class

ANSWERS_FILENAME = "reponses_salon.json"
FORMAT_VERSION = 1


class AnswersFileError(ValueError):
    """The answers file exists but cannot be used; the message is in French."""


def empty_answers(fichier_contacts: str = "", date_salon: dt.date | str | None = None) -> dict:
    """A fresh answers document in the shared format."""
    if isinstance(date_salon, dt.date):
        date_salon = date_salon.isoformat()
    return {
        "version": FORMAT_VERSION,
        "fichier_contacts": fichier_contacts,
        "date_salon": date_salon,
        "reponses": {},
    }


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _validate(doc: Any, path: Path) -> dict:
    def bad(reason: str) -> AnswersFileError:
        return AnswersFileError(
            f"Le fichier de réponses «\u00a0{path.name}\u00a0» est illisible\u00a0: {reason}."
        )

    if not isinstance(doc, dict):
        raise bad("il ne contient pas un objet JSON")
    if doc.get("version") != FORMAT_VERSION:
        raise bad(f"version {doc.get('version')!r} inconnue (attendu\u00a0: {FORMAT_VERSION})")
    reponses = doc.get("reponses")
    if not isinstance(reponses, dict):
        raise bad("la clé «\u00a0reponses\u00a0» manque ou n'est pas un objet")
    clean = {}
    for cid, entry in reponses.items():
        if not isinstance(entry, dict):
            raise bad(f"la réponse du contact «\u00a0{cid}\u00a0» n'est pas un objet")
        try:
            qualification = normalize_class(entry.get("qualification"))
        except ValueError as exc:
            raise bad(f"contact «\u00a0{cid}\u00a0»\u00a0: {exc}") from None
        justification = entry.get("justification", "")
        if justification is None:
            justification = ""
        if not isinstance(justification, str):
            raise bad(f"la justification du contact «\u00a0{cid}\u00a0» n'est pas un texte")
        clean[str(cid)] = {
            "organisation": str(entry.get("organisation") or ""),
            "qualification": qualification,
            "justification": justification,
            "modifie_le": str(entry.get("modifie_le") or ""),
        }
    date_salon = doc.get("date_salon")
    if date_salon is not None:
        try:
            dt.date.fromisoformat(str(date_salon))
        except ValueError:
            raise bad(f"date du salon «\u00a0{date_salon}\u00a0» invalide (attendu\u00a0: AAAA-MM-JJ)") from None
    return {
        "version": FORMAT_VERSION,
        "fichier_contacts": str(doc.get("fichier_contacts") or ""),
        "date_salon": date_salon,
        "reponses": clean,
    }


def load_answers(path: str | os.PathLike = ANSWERS_FILENAME) -> dict:
    """Read an answers file; a missing file gives an empty document.

    A folder may be given instead of a file (``reponses_salon.json`` inside it). Classes are
    normalised (``tiede`` becomes ``tiède``). Raises :class:`AnswersFileError` (French message)
    when the file is not valid JSON or not in the expected format; the file is left untouched.
    """
    path = Path(path)
    if path.is_dir():
        path = path / ANSWERS_FILENAME
    if not path.exists():
        return empty_answers()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnswersFileError(
            f"Le fichier de réponses «\u00a0{path.name}\u00a0» est illisible\u00a0: il n'est pas encodé en UTF-8."
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            f"Le fichier de réponses «\u00a0{path.name}\u00a0» est illisible\u00a0: JSON invalide "
            f"(ligne {exc.lineno}, colonne {exc.colno})."
        ) from None
    return _validate(doc, path)


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
    path = Path(path)
    try:
        return load_answers(path), None
    except AnswersFileError as exc:
        moved = quarantine(path)
        return empty_answers(), (
            f"{exc} Il a été mis de côté sous le nom «\u00a0{moved.name}\u00a0» (rien n'est effacé)\u00a0; "
            "le tableau repart d'un fichier de réponses neuf."
        )


def save_answers(path: str | os.PathLike, doc: dict) -> None:
    """Write the document atomically (see :mod:`prospection.fichiers`)."""
    write_json_atomic(path, doc)
