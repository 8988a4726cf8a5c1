"""The three classes of a contact, and the one normaliser of their spelling.

Classes are spelled ``froid``, ``tiède``, ``chaud``; ``tiede`` (no accent) and any case are
accepted on input everywhere. This module names the classes; it never assigns one.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CLASSES", "normalize_class"]

CLASSES = ("froid", "tiède", "chaud")
_ALIASES = {"froid": "froid", "tiède": "tiède", "tiede": "tiède", "chaud": "chaud"}


def normalize_class(value: Any, *, strict: bool = True) -> str | None:
    """``froid``/``tiède``/``chaud`` (``tiede``, any case accepted); ``None``/``""``/``null`` -> None.

    An unknown value raises ``ValueError`` with a French message, or gives None when
    ``strict=False``.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        if not strict:
            return None
        raise ValueError(f"Classe inconnue\u00a0: {value!r} (attendu\u00a0: froid, tiède ou chaud).")
    key = value.strip().lower()
    if key in ("", "null", "none"):
        return None
    if key not in _ALIASES:
        if not strict:
            return None
        raise ValueError(f"Classe inconnue\u00a0: «\u00a0{value}\u00a0» (attendu\u00a0: froid, tiède ou chaud).")
    return _ALIASES[key]
