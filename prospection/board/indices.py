"""The board's live hints: which criteria a draft justification covers (no key, no class).

Built on the French-text core (``prospection.texte``) with the same lexicon as the
justification scorer (``texte/donnees/lexique_justifications.json``: interest, timing and
action words), the same abbreviation table, negation scopes and time-expression finder. A
hint says *whether* the text names the contact's interest, the project's timing and a
follow-up action; it never says which class is right.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from prospection.texte.abreviations import expand
from prospection.texte.classes import normalize_class
from prospection.texte.phrases import Lexicon, Text
from prospection.texte.temps import find_time_expressions

__all__ = ["Hints", "hints"]

NBSP = "\u00a0"
_GROUPS = {
    "interest": ("interest", "disinterest", "no_budget"),
    "timing": ("long_extra", "short_extra"),
    "action": ("call", "meeting", "quote", "invite", "campaign"),  # an action on its own
    "send": ("send",), "docs": ("docs",),  # an action when both are there (« envoyer la doc »)
    "record_verb": ("record_verb",), "record_obj": ("record_obj",),  # « garder la fiche »
}


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    data = json.loads(resources.files("prospection.texte").joinpath("donnees/lexique_justifications.json")
                      .read_text(encoding="utf-8"))
    return Lexicon({criterion: [p for name in names for p in data[name]] for criterion, names in _GROUPS.items()})


@dataclass(frozen=True)
class Hints:
    interest: bool
    timing: bool | None  # None: not needed for a cold contact
    action: bool
    messages: tuple[str, ...] = field(default=())


def hints(observations: str, date_salon, qualification, justification: str) -> Hints:
    """Which criteria the draft covers, judged against the learner's own class only."""
    text = expand(justification or "")
    salon = date_salon if isinstance(date_salon, dt.date) else (
        dt.date.fromisoformat(str(date_salon)) if date_salon not in (None, "") else dt.date.today())
    qual = normalize_class(qualification, strict=False)
    found = {h.tag for h in Text(text).find(_lexicon())}
    interest = "interest" in found
    dated = [e for e in find_time_expressions(text, salon) if not e.past]
    timing = None if qual == "froid" else bool(dated or "timing" in found)
    action = "action" in found or {"send", "docs"} <= found or {"record_verb", "record_obj"} <= found
    messages = []
    if not interest:
        messages.append("Citez ce que les notes disent de l'intérêt du contact.")
    if timing is False:
        messages.append("Précisez l'échéance du projet (date, délai, saison).")
    if not action:
        messages.append(f"Indiquez la suite que vous donnez{NBSP}: quelle action, et quand{NBSP}?")
    return Hints(interest, timing, action, tuple(messages))
