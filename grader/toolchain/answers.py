"""The mission's answers file as graded: validation, sanitising, per-contact detail.

A learner's ``reponses_salon.json`` is their work, so it is never modified in ``submitted/``;
the copy that is graded (in ``.preparation/``) is cleaned: unknown contacts, unknown fields and
impossible classes are dropped, and each removal is reported as a flag.
"""

from __future__ import annotations

import json
from pathlib import Path

from prospection.texte.classes import CLASSES, normalize_class

TOP_KEYS = {"version", "fichier_contacts", "date_salon", "reponses"}
ENTRY_KEYS = {"organisation", "qualification", "justification", "modifie_le"}


def load_key(spec: dict | None) -> dict | None:
    """The answer key named by an answers spec (``{"fichier", "cle"}``), or None if absent."""
    from grader.keys import AnswerKeyError, load_key as read_key

    if not spec or not spec.get("cle"):
        return None
    try:
        return read_key(path=Path(spec["cle"]))
    except AnswerKeyError:
        return None


def check_answers(path: Path, key: dict | None):
    """Validate an answers file.

    Returns ``(status, clean_document_or_None, problems)`` with status in
    ``absent``, ``illisible``, ``modifie``, ``ok``; ``problems`` are French sentences.
    """
    if not path.exists():
        return "absent", None, []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "illisible", None, ["le fichier n'est pas encodé en UTF-8"]
    except ValueError as exc:
        return "illisible", None, [f"JSON invalide ({exc.msg}, ligne {exc.lineno})"]
    if not isinstance(doc, dict) or not isinstance(doc.get("reponses"), dict):
        return "illisible", None, ["la clé « reponses » manque ou n'est pas un objet"]
    problems = []
    extra = sorted(set(doc) - TOP_KEYS)
    if extra:
        problems.append(f"champs ajoutés à la main ignorés\u00a0: {', '.join(extra)}")
    if doc.get("version") != 1:
        problems.append(f"version {doc.get('version')!r} inattendue")
    known = set(key["contacts"]) if key else None
    clean = {}
    for cid, entry in doc["reponses"].items():
        cid = str(cid)
        if known is not None and cid not in known:
            problems.append(f"contact inconnu « {cid} » ignoré")
            continue
        if not isinstance(entry, dict):
            problems.append(f"réponse du contact « {cid} » mal formée, ignorée")
            continue
        extra = sorted(set(entry) - ENTRY_KEYS)
        if extra:
            problems.append(f"contact « {cid} »\u00a0: champs ajoutés ignorés ({', '.join(extra)})")
        try:
            qualification = normalize_class(entry.get("qualification"))
        except ValueError:
            problems.append(f"contact « {cid} »\u00a0: classe impossible "
                            f"« {entry.get('qualification')} », comptée comme non qualifiée")
            qualification = None
        justification = entry.get("justification") or ""
        if not isinstance(justification, str):
            problems.append(f"contact « {cid} »\u00a0: justification qui n'est pas un texte, ignorée")
            justification = ""
        clean[cid] = {
            "organisation": str(entry.get("organisation") or ""),
            "qualification": qualification,
            "justification": justification,
            "modifie_le": str(entry.get("modifie_le") or ""),
        }
    clean_doc = {
        "version": 1,
        "fichier_contacts": str(doc.get("fichier_contacts") or ""),
        "date_salon": doc.get("date_salon") if isinstance(doc.get("date_salon"), str) else None,
        "reponses": clean,
    }
    return ("modifie" if problems else "ok"), clean_doc, problems


def fingerprint(doc: dict | None) -> str | None:
    """What identical answers look like (classes and justifications), None if nothing answered."""
    if not doc or not doc.get("reponses"):
        return None
    items = sorted((cid, e.get("qualification") or "", (e.get("justification") or "").strip())
                   for cid, e in doc["reponses"].items())
    if not any(q or j for _, q, j in items):
        return None
    return json.dumps(items, ensure_ascii=False)


def _scorer():
    try:
        from grader.justifications import score  # the justification grader (its own issue)
        return score
    except Exception:  # noqa: BLE001 - optional: absent or broken, per-contact detail still works
        return None


def _observations(key: dict) -> dict:
    """Contact notes: from the key when it carries them, else from the bundled contacts file."""
    notes = {cid: c.get("observations") for cid, c in key["contacts"].items() if c.get("observations")}
    if len(notes) == len(key["contacts"]):
        return notes
    try:
        from prospection.loader import load_bundled
        frame = load_bundled().frame
        for row in frame.itertuples():
            notes.setdefault(str(row.id), str(row.observations or ""))
    except Exception:  # noqa: BLE001 - contacts file or loader not available
        pass
    return notes


def contact_details(doc: dict | None, key: dict) -> list[dict]:
    """One row per contact of the key: chosen class vs key, justification points (or None)."""
    scorer = _scorer()
    notes = _observations(key) if scorer else {}
    reponses = (doc or {}).get("reponses", {})
    date_salon = key.get("date_salon")
    rows = []
    for cid, ref in sorted(key["contacts"].items()):
        entry = reponses.get(cid) or {}
        chosen = entry.get("qualification")
        justification = entry.get("justification") or ""
        evidence = action = None
        review = ""
        if scorer and justification.strip() and cid in notes:
            try:
                result = scorer(notes[cid], date_salon, ref.get("classe"), chosen, justification,
                                accepted=ref.get("classes_acceptees"))
                evidence, action = int(result.evidence), int(result.action)
                from grader.justifications.review import review_reason
                review = review_reason(result.a_revoir, result.motifs, result.confidence)
            except Exception:  # noqa: BLE001 - one odd text must not stop the export
                evidence = action = None
        rows.append({
            "contact": cid,
            "organisation": ref.get("organisation") or entry.get("organisation") or "",
            "classe_cle": normalize_class(ref.get("classe")),
            "classe_choisie": chosen,
            "correct": chosen is not None and chosen == normalize_class(ref.get("classe")),
            "justification": justification,
            "point_preuve": evidence,
            "point_action": action,
            # for the teacher only (report, export): uncertain score or refused pattern
            "a_relire": bool(review),
            "raison_relecture": review,
            "observations": notes.get(cid, ""),
        })
    return rows


def justification_review_flags(doc: dict | None, key: dict) -> list[dict]:
    """``flags.json`` entries for the justifications the teacher should read (never shown to
    the learner: their code is not among ``feedback.LEARNER_FLAGS``)."""
    try:
        from grader.justifications import partial_credit, review_flags, teacher_review
    except Exception:  # noqa: BLE001 - the justification grader is optional here
        return []
    notes = _observations(key)
    credit = partial_credit((doc or {}).get("reponses", {}), key, notes, key.get("date_salon"))
    return review_flags(teacher_review(credit, key, notes))


def justification_feedback(doc: dict | None, key: dict, *, correction_publiee: bool = False) -> list[dict]:
    """Per contact, for the learner: ``{"contact", "preuve", "action", "message"}`` (✓/✗ and one
    sentence in « vous »; the expected class only once the correction is released). Empty when
    the justification grader is not available."""
    try:
        from grader.justifications import learner_feedback, partial_credit
    except Exception:  # noqa: BLE001 - the justification grader is optional here
        return []
    notes = _observations(key)
    credit = partial_credit((doc or {}).get("reponses", {}), key, notes, key.get("date_salon"))
    return learner_feedback(credit, correction_publiee=correction_publiee, key=key)
