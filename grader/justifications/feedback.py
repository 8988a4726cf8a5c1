"""What a learner sees about each contact after grading: ✓/✗ per point and one sentence.

``learner_feedback(credit)`` takes the output of ``partial_credit`` and returns, per contact,
the evidence and action marks and one sentence in « vous » that says what to do next. It never
names the expected class and never mentions the teacher's review (``a_revoir``, patterns): a
refusal is explained by what the learner can change in the text (« Vous avez recopié les
notes… »). Once the teacher has released the correction (``correction_publiee=True``, with the
key), the sentence ends with the expected class(es).
"""

from __future__ import annotations

from typing import Mapping

from .credit import key_classes

__all__ = ["learner_feedback", "ContactFeedback", "OK", "KO", "ALL_GOOD"]

OK, KO = "✓", "✗"
ALL_GOOD = ("Vous appuyez votre qualification sur les faits décisifs des notes et vous proposez "
            "une suite adaptée.")


def _one_sentence(entry: Mapping) -> str:
    messages = [m for m in entry.get("messages") or () if m]
    if not messages and entry.get("feedback"):
        messages = [entry["feedback"]]
    if entry.get("evidence") and entry.get("action"):
        return ALL_GOOD
    return messages[0] if messages else ALL_GOOD


class ContactFeedback(dict):
    """``{"contact", "preuve", "action", "preuve_ok", "action_ok", "message"}``."""


def learner_feedback(credit: Mapping[str, Mapping], *, correction_publiee: bool = False,
                     key: Mapping | None = None) -> list[ContactFeedback]:
    """One row per contact, in the key's order of ids.

    ``preuve`` / ``action`` are « ✓ » or « ✗ »; ``message`` is one sentence in « vous »; with
    ``correction_publiee`` (and ``key``), it is followed by « Classe attendue : … ».
    """
    if correction_publiee and key is None:
        raise ValueError("correction_publiee demande la clé (key).")
    classes = key_classes(key) if correction_publiee else {}
    rows = []
    for cid in sorted(credit):
        entry = credit[cid]
        message = _one_sentence(entry)
        if correction_publiee and cid in classes:
            ref, accepted = classes[cid]
            if accepted:
                message += " Classes acceptées\u00a0: " + " ou ".join(accepted) + "."
            else:
                message += f" Classe attendue\u00a0: {ref}."
        rows.append(ContactFeedback(
            contact=cid, preuve=OK if entry.get("evidence") else KO,
            action=OK if entry.get("action") else KO, preuve_ok=bool(entry.get("evidence")),
            action_ok=bool(entry.get("action")), message=message))
    return rows
