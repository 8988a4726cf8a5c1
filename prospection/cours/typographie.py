"""French typography for what learners read, applied by the course's own modules.

A non-breaking space (U+00A0) before « : ; ? ! », inside guillemets, between a number and its
unit (« 15 h », « 60 % », « 375 000 € »), after « n° » and inside « 10 h 30 », so that no line
ever breaks there.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_AVANT_PONCTUATION = re.compile(r"[ \u00a0\u202f]*([:;?!])(?=\s|$|[»)<*_\]])")
_APRES_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_AVANT_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")
_UNITE = re.compile(r"(\d) (h|%|€|min|jours?\b|mois\b|ans\b)")
_HEURE_MINUTES = re.compile(r"(\d[\u00a0 ]h) (\d\d)\b")
_MILLIERS = re.compile(r"(\d) (\d{3})\b")
_NUMERO = re.compile(r"\bn° ")


def fr(texte: str) -> str:
    """``texte`` with French non-breaking spaces where a line must not break."""
    texte = _AVANT_PONCTUATION.sub(NBSP + r"\1", texte)
    texte = _APRES_GUILLEMET.sub("«" + NBSP, texte)
    texte = _AVANT_GUILLEMET.sub(NBSP + "»", texte)
    texte = _MILLIERS.sub("\\1" + NBSP + "\\2", texte)
    texte = _UNITE.sub("\\1" + NBSP + "\\2", texte)
    texte = _HEURE_MINUTES.sub("\\1" + NBSP + "\\2", texte)
    return _NUMERO.sub("n°" + NBSP, texte)
