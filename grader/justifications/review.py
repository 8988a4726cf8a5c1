"""The teacher's review list: uncertain scores and refused patterns, with what to look at.

``teacher_review(credit, key, observations_by_id)`` takes the output of ``partial_credit`` and
returns one record per contact the teacher should look at: the score is uncertain
(``a_revoir``) or the text was refused for a pattern (keyword list, pasted notes, not French,
another contact, a fact absent from the notes, a self-contradicting plan). Each record holds
the contact, the learner's text, the notes, the proposed points and a French reason; it is for
``flags.json``, the class report and the Excel export, never for a learner's feedback (it names
the key's class).
"""

from __future__ import annotations

from typing import Mapping

from .credit import key_classes

__all__ = ["teacher_review", "review_flags", "review_reason", "MOTIF_LABELS", "FLAG_CODE"]

FLAG_CODE = "justification_a_relire"
MOTIF_LABELS = {
    "not_french": "texte qui n'est pas en français",
    "keywords": "liste de mots-clés sans lien avec le contact",
    "pasted": "notes recopiées sans raisonnement",
    "other_contact": "faits qui semblent être ceux d'un autre contact",
    "absent_fact": "fait absent des notes",
    "contradiction": "plan d'action contradictoire",
}


def review_reason(a_revoir: bool, motifs, confidence: float | None = None) -> str:
    """Why the teacher should look (French, teacher-facing), « » if there is no reason to."""
    parts = [MOTIF_LABELS[m] for m in motifs or () if m in MOTIF_LABELS]
    if a_revoir:
        parts.append(f"score incertain (confiance {confidence or 0:.2f})")
    return "\u00a0; ".join(parts)


def _reason(entry: Mapping) -> str:
    return review_reason(bool(entry.get("a_revoir")), entry.get("motifs"), entry.get("confidence"))


def teacher_review(credit: Mapping[str, Mapping], key: Mapping,
                   observations_by_id: Mapping[str, str]) -> list[dict]:
    """Records ``{contact, organisation, classe_cle, classes_acceptees, qualification, texte,
    notes, preuve, action, confiance, a_revoir, motifs, raison}`` for the contacts to look at,
    uncertain ones first."""
    classes = key_classes(key)
    contacts = key.get("contacts", {}) if isinstance(key, Mapping) else {}
    out = []
    for cid in sorted(credit):
        entry = credit[cid]
        motifs = [m for m in entry.get("motifs") or () if m in MOTIF_LABELS]
        if not (entry.get("a_revoir") or motifs):
            continue
        ref, accepted = classes.get(cid, (None, ()))
        org = contacts.get(cid, {}).get("organisation", "") if isinstance(contacts.get(cid), Mapping) else ""
        out.append({
            "contact": cid, "organisation": org, "classe_cle": ref,
            "classes_acceptees": list(accepted), "qualification": entry.get("qualification"),
            "texte": entry.get("justification", ""), "notes": observations_by_id.get(cid, ""),
            "preuve": int(entry.get("evidence", 0)), "action": int(entry.get("action", 0)),
            "confiance": entry.get("confidence"), "a_revoir": bool(entry.get("a_revoir")),
            "motifs": motifs, "raison": _reason({**entry, "motifs": motifs}),
        })
    out.sort(key=lambda r: (not r["a_revoir"], r["contact"]))
    return out


def review_flags(records: list[dict]) -> list[dict]:
    """``flags.json`` entries (``{"code", "gravite", "message"}``), one per record.

    The code is not among the flags a learner may read (``grader.toolchain.feedback``)."""
    return [{"code": FLAG_CODE, "gravite": "attention",
             "message": (f"Justification du contact {r['contact']} à relire\u00a0: {r['raison']} "
                         f"(points proposés\u00a0: preuve {r['preuve']}, action {r['action']}).")}
            for r in records]
