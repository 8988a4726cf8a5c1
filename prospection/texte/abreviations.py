"""Spell out the SMS abbreviations learners type, before anything else reads the text.

``prospection.francais`` fixes a few misspellings word by word, but negation scopes and the
temporal module read the raw text: « pa interessé », « ds 15j », « avt le 14/11 » would escape
them. Only abbreviations that cannot be ordinary French words are expanded.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["expand"]

# abbreviation (accent-free, lower case) -> full form
ABBREVIATIONS = {
    "pa": "pas", "tt": "tout", "tte": "toute", "ts": "tous", "ds": "dans", "dc": "donc",
    "ac": "avec", "avc": "avec", "avt": "avant", "apr": "après", "ss": "sous", "auj": "aujourd'hui",
    "ajd": "aujourd'hui", "qq": "quelques", "qqs": "quelques", "qqn": "quelqu'un", "pr": "pour",
    "mé": "mais", "rapl": "rappeler", "rappl": "rappeler", "rapel": "rappeler", "pdt": "président",
    "sem": "semaine", "veu": "veut", "tjr": "toujours", "tjrs": "toujours", "bcp": "beaucoup",
    "pb": "problème", "nb": "nombre", "propo": "proposition", "dispo": "disponible",
}
_WORD_RE = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
                      + r")(?![\w-])", re.IGNORECASE)
_DAYS_RE = re.compile(r"\b(\d{1,3})\s?j\b", re.IGNORECASE)  # « 15j » -> « 15 jours »
_AN_PRO_RE = re.compile(r"\b(l['’]an|l['’]ann[ée]e)\s+pro\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def expand(text: str) -> str:
    """« pa interessé, devis ds les 15j » -> « pas interessé, devis dans les 15 jours »."""
    if not text:
        return text or ""
    out = _WORD_RE.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], text)
    out = _DAYS_RE.sub(lambda m: f"{m.group(1)} jours", out)
    return _AN_PRO_RE.sub(lambda m: f"{m.group(1)} prochain", out)
