"""Partial credit for the salon mission: every contact's justification, graded."""

from __future__ import annotations

from typing import Mapping

from .scoring import normalise_class, score

__all__ = ["partial_credit"]


def _key_classes(key: Mapping) -> dict[str, str]:
    """Accepts the key file's dict (``{"contacts": {id: {"classe": ...}}}``) or ``{id: classe}``."""
    contacts = key.get("contacts", key) if isinstance(key, Mapping) else {}
    out = {}
    for cid, value in contacts.items():
        cls = value.get("classe") if isinstance(value, Mapping) else value
        if normalise_class(cls):
            out[str(cid)] = normalise_class(cls)
    return out


def partial_credit(answers: Mapping, key: Mapping, observations_by_id: Mapping[str, str],
                   date_salon) -> dict[str, dict]:
    """Grade every contact of the key: id -> {evidence, action, confidence, feedback, a_revoir}.

    ``answers`` is the ``reponses_salon.json`` content (or its ``"reponses"`` part); a contact
    with no answer gets 0 and 0 with a French note. Contacts are those of the key.
    """
    reponses = answers.get("reponses", answers) if isinstance(answers, Mapping) else {}
    out: dict[str, dict] = {}
    for cid, ref in _key_classes(key).items():
        rep = reponses.get(cid) or {}
        text = (rep.get("justification") or "").strip() if isinstance(rep, Mapping) else ""
        qual = rep.get("qualification") if isinstance(rep, Mapping) else None
        if not text and not qual:
            out[cid] = {"evidence": 0, "action": 0, "confidence": 1.0,
                        "feedback": "Contact non traité\u00a0: qualifiez-le et justifiez votre choix.",
                        "a_revoir": False}
            continue
        s = score(observations_by_id.get(cid, ""), date_salon, ref, qual, text)
        out[cid] = s.as_dict()
    return out
