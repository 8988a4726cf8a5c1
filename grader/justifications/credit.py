"""Partial credit for the salon mission: every contact's justification, graded."""

from __future__ import annotations

from typing import Mapping

from .scoring import batch, file_contacts, normalise_class, score

__all__ = ["partial_credit", "key_classes", "UNTREATED"]

UNTREATED = "Vous n'avez pas traité ce contact\u00a0: qualifiez-le et justifiez votre choix."


def key_classes(key: Mapping) -> dict[str, tuple[str, tuple[str, ...]]]:
    """id -> (class, accepted classes) from the key file's dict (``{"contacts": {id: {"classe":
    ..., "classes_acceptees": [...]}}}``) or a plain ``{id: classe}``.

    ``classes_acceptees`` (optional) marks a contact the key leaves open between two classes;
    it always includes the key's own class.
    """
    contacts = key.get("contacts", key) if isinstance(key, Mapping) else {}
    out = {}
    for cid, value in contacts.items():
        cls = value.get("classe") if isinstance(value, Mapping) else value
        if not normalise_class(cls):
            continue
        ref = normalise_class(cls)
        accepted = value.get("classes_acceptees") if isinstance(value, Mapping) else None
        open_ = tuple(dict.fromkeys([ref] + [c for c in map(normalise_class, accepted or ()) if c]))
        out[str(cid)] = (ref, open_ if len(open_) > 1 else ())
    return out


def partial_credit(answers: Mapping, key: Mapping, observations_by_id: Mapping[str, str],
                   date_salon, organisations: Mapping[str, str] | None = None) -> dict[str, dict]:
    """Grade every contact of the key.

    Returns id -> {evidence, action, confidence, feedback, a_revoir, evidence_confidence,
    action_confidence, motifs, messages, qualification, justification, traite}. ``answers`` is
    the ``reponses_salon.json`` content (or its ``"reponses"`` part); a contact with no answer
    gets 0 and 0 with a French note. Contacts are those of the key. ``feedback`` and
    ``messages`` are for the learner (« vous », no class named); ``a_revoir`` and ``motifs``
    are for the teacher (see ``review.teacher_review``), never for the learner.
    ``organisations`` (id -> the contact's name) defaults to the key's own « organisation »
    entries: a justification naming the contact is not taken for another contact's.
    """
    reponses = answers.get("reponses", answers) if isinstance(answers, Mapping) else {}
    if organisations is None:
        contacts = key.get("contacts", {}) if isinstance(key, Mapping) else {}
        organisations = {str(cid): v.get("organisation") or "" for cid, v in contacts.items() if isinstance(v, Mapping)}
    out: dict[str, dict] = {}
    classes = key_classes(key)
    # what the file says of each contact: a justification naming another contact's facts is refused
    others = file_contacts({"observations": observations_by_id.get(cid, ""), "organisation": organisations.get(cid)}
                           for cid in classes)
    with batch():
        for cid, (ref, accepted) in classes.items():
            rep = reponses.get(cid) or {}
            text = (rep.get("justification") or "").strip() if isinstance(rep, Mapping) else ""
            qual = rep.get("qualification") if isinstance(rep, Mapping) else None
            if qual is None and isinstance(rep, Mapping):
                qual = rep.get("classe")  # answers schema v2: {"classe", "justification"}
            base = {"qualification": normalise_class(qual), "justification": text}
            if not text and not qual:
                out[cid] = {"evidence": 0, "action": 0, "confidence": 1.0, "feedback": UNTREATED,
                            "a_revoir": False, "evidence_confidence": 1.0, "action_confidence": 1.0,
                            "motifs": [], "messages": [UNTREATED], "traite": False, **base}
                continue
            s = score(observations_by_id.get(cid, ""), date_salon, ref, qual, text, accepted=accepted,
                      organisation=organisations.get(cid), others=others)
            out[cid] = {**s.as_dict(), "messages": list(s.messages), "traite": True, **base}
    return out
