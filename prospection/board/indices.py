"""The board's live hints: which criteria a draft justification covers (no key, no class).

Built on the French-text core (``prospection.texte``): the same abbreviation table, negation
scopes, cue lexicon and time-expression finder as the engine and the justification scorer.
A hint says *whether* the text names the contact's interest, the project's timing and a
follow-up action; it never says which class is right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from prospection.texte.abreviations import expand
from prospection.texte.francais import find_phrases
from prospection.texte.indices import scan
from prospection.texte.temps import find_time_expressions

__all__ = ["Hints", "hints", "ACTION_PHRASES", "TIMING_PHRASES"]

NBSP = "\u00a0"

# Follow-up actions a seller writes (« find_phrases » syntax: accents, case, inflection ignored).
ACTION_PHRASES = (
    "rappeler", "appeler", "recontacter", "relancer", "relance", "contacter", "téléphoner", "joindre",
    "rendez-vous", "démonstration", "visite", "rencontrer", "devis", "proposition", "offre",
    "chiffrage", "tarif", "envoyer", "transmettre", "documentation", "brochure", "catalogue",
    "plaquette", "invitation", "inviter", "portes ouvertes", "newsletter", "fiche", "crm",
    "fichier", "conserver", "garder", "suivre", "suivi", "campagne", "courriel", "mail",
)
# Timing words that are not dates (the time-expression finder dates the others).
TIMING_PHRASES = (
    "court terme", "moyen terme", "long terme", "échéance", "délai", "urgent", "rapidement",
    "plus tard", "pas pressé", "rien ne presse", "prochainement", "bientôt",
)


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
    qual = (str(qualification or "").strip().lower().replace("tiède", "tiede")) or None
    roles = {h.role for h in scan(text)}
    interest = bool(roles & {"interet", "desinteret", "projet", "poli"})
    dated = [e for e in find_time_expressions(text, salon) if not e.past]
    timing = None if qual == "froid" else bool(dated or find_phrases(text, TIMING_PHRASES))
    action = bool(find_phrases(text, ACTION_PHRASES))
    messages = []
    if not interest:
        messages.append("Citez ce que les notes disent de l'intérêt du contact.")
    if timing is False:
        messages.append("Précisez l'échéance du projet (date, délai, saison).")
    if not action:
        messages.append(f"Indiquez la suite que vous donnez{NBSP}: quelle action, et quand{NBSP}?")
    return Hints(interest, timing, action, tuple(messages))
