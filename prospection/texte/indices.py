"""Cues in a contact's notes: which words speak of interest, a project, a competitor, a budget.

One lexicon (``donnees/indices.json``, roles and weights) and one indexed scan, used by the
qualification engine (teacher part), the lesson's notes analyser and the board. A positive
phrase under a negation (« pas intéressé », « aucun projet ») is reported with ``negated``
and its opposite role. This module says *which words say what*; it never gives a class:
weighing the cues is the learner's job (and the engine's, teacher-side).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from prospection.texte.abreviations import expand
from prospection.texte.phrases import Lexicon, Text

__all__ = ["Cue", "Hit", "LEXICON", "NEGATED_ROLE", "ROLES", "scan", "cues"]

ROLES = ("interet", "desinteret", "projet", "delai", "concurrent", "budget")
"""Roles a lesson shows (``poli`` and negated roles fold into these)."""
NEGATED_ROLE = {"interet": "desinteret", "projet": "sans_projet", "budget": "sans_budget"}


def _load() -> list[tuple[str, str, int]]:
    raw = json.loads(resources.files("prospection.texte").joinpath("donnees/indices.json")
                     .read_text(encoding="utf-8"))
    return [(phrase, role, int(weight)) for role, items in raw["roles"].items() for phrase, weight in items]


LEXICON: list[tuple[str, str, int]] = _load()
"""(phrase, role, weight) — phrases in the syntax of ``prospection.texte.phrases`` (« * » = 0 to 3 words)."""


class Hit(NamedTuple):
    phrase: str
    role: str
    weight: int
    start: int
    end: int
    negated: bool


@lru_cache(maxsize=1)
def _index() -> Lexicon:
    """The lexicon with one group per phrase, tagged by its position in ``LEXICON``."""
    return Lexicon({pid: (phrase,) for pid, (phrase, _, _) in enumerate(LEXICON)})


def scan(text: str) -> list[Hit]:
    """Every lexicon phrase in ``text`` (already expanded), longest first at each place.

    A longer phrase hides the shorter ones inside it (« pas intéressé » hides « intéressé »).
    """
    found = sorted(Text(text).find(_index()), key=lambda h: (h.start, -(h.end - h.start), h.tag))
    hits = [Hit(*LEXICON[h.tag], h.start, h.end, h.negated) for h in found]
    kept: list[Hit] = []
    for h in hits:
        if any(k.start <= h.start and h.end <= k.end and (k.end - k.start) > (h.end - h.start) for k in kept):
            continue
        kept.append(h)
    return kept


@dataclass(frozen=True)
class Cue:
    """A passage of the notes and what it speaks of (one of ``ROLES``)."""

    role: str
    text: str
    start: int
    end: int


_SHOWN = {"interet": "interet", "projet": "projet", "desinteret": "desinteret", "sans_projet": "desinteret",
          "sans_budget": "budget", "budget": "budget", "concurrent": "concurrent"}


def role_of(hit: Hit) -> str:
    """The role a hit plays once negation is taken into account (« sans_projet »…)."""
    return NEGATED_ROLE.get(hit.role, hit.role) if hit.negated else hit.role


def cues(notes: str, salon_date=None) -> list[Cue]:
    """The cues of ``notes`` (expanded first), with the deadlines when ``salon_date`` is given.

    Offsets refer to ``expand(notes)``. Deadlines come from ``prospection.texte.temps`` (past
    dates left out): the lesson shows them, the learner judges how far they are.
    """
    text = expand("" if notes is None else str(notes))
    out = []
    for hit in scan(text):
        if hit.negated and hit.role in ("desinteret", "poli", "concurrent"):
            continue
        role = _SHOWN.get(role_of(hit))
        if role:
            out.append(Cue(role, text[hit.start:hit.end], hit.start, hit.end))
    if salon_date is not None:
        from prospection.texte.temps import find_time_expressions

        for e in find_time_expressions(text, salon_date):
            if not e.past and not e.secondary:
                out.append(Cue("delai", e.text, e.start, e.end))
    out.sort(key=lambda c: c.start)
    return out
