"""Answer keys of the graded exercises, read from ``solutions/_cles/`` (instructor sources).

Never released: nbgrader ignores ``_cles`` and ``*.key.json``, and ``prospection`` never
imports this module.
"""

from __future__ import annotations

import json
from pathlib import Path

from prospection.texte.classes import normalize_class

__all__ = ["KEYS_DIR", "AnswerKeyError", "load_key", "key_path"]

KEYS_DIR = Path(__file__).resolve().parent.parent / "solutions" / "_cles"


class AnswerKeyError(Exception):
    """An answer key that is missing or malformed (French message)."""


def key_path(name: str = "contacts_salon_clubs_associations") -> Path:
    return KEYS_DIR / f"{name}.key.json"


def load_key(name: str = "contacts_salon_clubs_associations", path: Path | str | None = None) -> dict:
    """The key as ``{"date_salon": "YYYY-MM-DD", "contacts": {id: {"classe", "preuves", "action", ...}}}``.

    Classes are returned spelt ``froid`` / ``tiède`` / ``chaud`` (« tiede » accepted on input).
    A contact may carry its notes, ``"observations"`` (a text): a key written for a teacher's own
    contacts file does (``grader.cle``), and its justifications are graded against them; the
    course's key does not (its notes are the bundled file's). ``null`` counts as absent.
    """
    file = Path(path) if path is not None else key_path(name)
    if not file.exists():
        raise AnswerKeyError(f"Clé de correction introuvable\u00a0: «\u00a0{file}\u00a0».")
    try:
        key = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AnswerKeyError(f"Clé de correction illisible «\u00a0{file.name}\u00a0» (ligne {exc.lineno}).") from exc
    if not isinstance(key, dict) or "date_salon" not in key or not isinstance(key.get("contacts"), dict):
        raise AnswerKeyError(f"Clé de correction «\u00a0{file.name}\u00a0»\u00a0: champs «\u00a0date_salon\u00a0» et «\u00a0contacts\u00a0» attendus.")
    for cid, entry in key["contacts"].items():
        classe = normalize_class(str(entry.get("classe", "")), strict=False)
        if classe is None:
            raise AnswerKeyError(f"Clé «\u00a0{file.name}\u00a0», contact {cid}\u00a0: classe inconnue «\u00a0{entry.get('classe')}\u00a0».")
        entry["classe"] = classe
        if "observations" in entry:
            if entry["observations"] is None:
                del entry["observations"]
            elif not isinstance(entry["observations"], str):
                raise AnswerKeyError(f"Clé «\u00a0{file.name}\u00a0», contact {cid}\u00a0: les «\u00a0observations\u00a0» "
                                     "doivent être un texte.")
        entry.setdefault("preuves", [])
        entry.setdefault("action", "")
    return key
