"""Answers files as graded: validation, sanitising, per-contact detail.

A learner's ``reponses.json`` (or an old ``reponses_salon.json``) is their work, so it is never modified in ``submitted/``;
the copy that is graded (in ``.preparation/``) is cleaned: unknown contacts, unknown fields and
impossible classes are dropped, and each removal is reported as a flag.
"""

from __future__ import annotations

import json
from pathlib import Path

from prospection import reponses
from prospection.texte.classes import CLASSES, normalize_class

KEYS_DIRECTORY = "cles"           # class folder: cles/<exercice>.key.json (never released)
QUESTIONS_FILENAME = "questions.json"
TOP_KEYS = {"version", "fichier_contacts", "date_salon", "reponses"}
ENTRY_KEYS = {"organisation", "qualification", "justification", "modifie_le"}


def spec_files(root: Path, assignment: str, student: str | None = None) -> tuple[Path, Path]:
    """(public spec, key) files that grade this learner's copy: their own variant when the class
    was released with ``--variantes`` (from the roster, never from the submission), else the
    class-wide ``source/<exercice>/questions.json`` and ``cles/<exercice>.key.json``."""
    if student is not None:
        from .variantes import variant_paths

        own = variant_paths(root, student, assignment)
        if own is not None:
            return own
    return root / "source" / assignment / QUESTIONS_FILENAME, root / KEYS_DIRECTORY / f"{assignment}.key.json"


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
    return clean_v1(doc, key)


def clean_v1(doc, key: dict | None, problems: list[str] | None = None):
    """:func:`check_answers` on an already parsed version-1 document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("reponses"), dict):
        return "illisible", None, ["la clé « reponses » manque ou n'est pas un objet"]
    problems = list(problems or [])
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


#: Written text (texts, justifications) two copies must share to be called identical.
MIN_WRITTEN_CHARS = 30


def _normalised(value):
    """Answer values compared as a teacher would: save times dropped, text case and spacing ignored."""
    if isinstance(value, dict):
        return {str(k): _normalised(v) for k, v in value.items() if k != "modifie_le"}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def _written(value) -> list[str]:
    """The sentences in an answer (strings with a space: never an option id such as ``chaud``)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _written(v)]
    if isinstance(value, list):
        return [s for v in value for s in _written(v)]
    return [value] if isinstance(value, str) and " " in value.strip() else []


def fingerprint(doc: dict | None) -> tuple[str, str] | None:
    """``(key, reason)`` by which copied answers files are found, None when the file proves nothing.

    ``doc`` is an answers document as :func:`load_answers_document` reads it (a version-2
    ``reponses.json`` or a migrated version-1 ``reponses_salon.json``). Two copies share a key when
    their answered values are the same and either they contain written text (a text answer,
    justifications: at least ``MIN_WRITTEN_CHARS`` characters, which two learners do not write
    alike) or every question (two at least) was saved at the same instant (the file itself was
    copied). The same choices saved at other times are what two good learners hand in: no match.
    """
    questions = (doc or {}).get("questions") or {}
    values = {q: _normalised(e.get("valeur")) for q, e in questions.items()
              if isinstance(e, dict) and e.get("valeur") not in (None, "", [], {})}
    if not values:
        return None
    if sum(len(s) for v in values.values() for s in _written(v)) >= MIN_WRITTEN_CHARS:
        return json.dumps(values, sort_keys=True, ensure_ascii=False), "mêmes textes rédigés"
    stamps = {q: questions[q].get("modifie_le") for q in values}
    if len(stamps) >= 2 and all(stamps.values()):
        return (json.dumps([values, stamps], sort_keys=True, ensure_ascii=False),
                "fichier copié\u00a0: mêmes réponses enregistrées aux mêmes instants")
    return None


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


def graded_answers_and_key(classe, student: str, assignment: str, staging: str):
    """``(answers or None, key or None)`` of a graded copy of the mission (feedback, review
    flags, the board's ``retour.json``).

    The answers are read through :func:`load_answers_document` (``reponses.json`` version 2, or
    a version-1 ``reponses_salon.json``) in the copy as handed in (``submitted/``, which the
    grading itself reads), else in the graded copy, else in its staged copy, and
    returned in the shape the justification grader reads: ``{"reponses": {id:
    {"qualification", "justification"}}}`` (contacts of the key only). None when neither copy
    has an answers file."""
    spec = classe.answers.get(assignment)
    key = load_key(spec) if spec else None
    if not key:
        return None, None
    for folder in (classe.root / "submitted" / student / assignment,
                   classe.root / "autograded" / student / assignment,
                   classe.root / staging / student / assignment):
        status, doc, _ = load_answers_document(folder, assignment)
        if status != "absent":
            return mission_answers(doc, key), key
    return None, key


def mission_answers(doc: dict | None, key: dict) -> dict:
    """The mission's qualification question of a version-2 document as ``{"reponses": {id:
    {"qualification", "justification"}}}``, for the contacts of ``key``."""
    valeur = reponses.answer(doc or {}, reponses.QUALIFICATION, {}) if doc else {}
    out = {}
    for cid in key.get("contacts", {}):
        entry = (valeur or {}).get(cid)
        if isinstance(entry, dict):
            out[cid] = {"qualification": entry.get("classe"),
                        "justification": entry.get("justification") or ""}
    return {"reponses": out}


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


# --------------------------------------------------------------------- answers as data (v2)
# The format itself is prospection.reponses (the one schema); the teacher's side adds leniency:
# a bad question is dropped and reported instead of making the whole file unreadable.
V2_FILENAME = reponses.FILENAME
V1_FILENAME = reponses.LEGACY_FILENAME
#: Files of a submission that are data the teacher's process reads (never executed).
ANSWER_FILES = (V2_FILENAME, V1_FILENAME, "annexe_salon.xlsx")
MAX_ANSWERS_BYTES = 2 * 1024 * 1024
MAX_DATA_FILE_BYTES = 5 * 1024 * 1024
_TOP_KEYS = {"schema", "version", "exercice", "variante", "contexte", "questions", "modifie_le"}


def empty_document(exercise_id: str) -> dict:
    return reponses.empty(exercise_id)


def migrate_v1_document(folder: Path, exercise_id: str):
    """The mission's version-1 ``reponses_salon.json`` read as a version-2 document.

    Cleaned leniently by :func:`check_answers` first, then migrated by ``prospection.reponses``.
    Returns ``(status, doc, problems)``.
    """
    status, v1, problems = check_answers(folder / V1_FILENAME, None)
    if v1 is None:
        return status, empty_document(exercise_id), problems
    try:
        doc = reponses.migrate_v1(v1)
    except reponses.ReponsesError as exc:
        return "illisible", empty_document(exercise_id), [*problems, str(exc)]
    doc["exercice"] = exercise_id
    return status, doc, problems


def load_answers_document(folder: Path, exercise_id: str):
    """A submission's answers, as data: ``(status, document_v2, problems)``.

    ``status`` is ``absent``, ``illisible``, ``modifie`` (cleaned, see problems) or ``ok``. Reads
    ``reponses.json`` (version 2), else a version-1 ``reponses_salon.json``. Each question is
    validated by ``prospection.reponses``; one that is not valid is dropped and reported.
    """
    path = folder / V2_FILENAME
    if not path.is_file():
        if (folder / V1_FILENAME).is_file():
            return migrate_v1_document(folder, exercise_id)
        return "absent", empty_document(exercise_id), []
    if path.stat().st_size > MAX_ANSWERS_BYTES:
        return "illisible", empty_document(exercise_id), ["fichier trop gros pour un fichier de réponses"]
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "illisible", empty_document(exercise_id), ["le fichier n'est pas encodé en UTF-8"]
    except ValueError as exc:
        return "illisible", empty_document(exercise_id), [f"JSON invalide ({exc.msg}, ligne {exc.lineno})"]
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), dict):
        return "illisible", empty_document(exercise_id), ["la clé « questions » manque ou n'est pas un objet"]
    problems = []
    if raw.get("schema") != reponses.SCHEMA or raw.get("version") != reponses.VERSION:
        problems.append("schéma ou version inattendus")
    extra = sorted(set(raw) - _TOP_KEYS)
    if extra:
        problems.append(f"champs ajoutés à la main ignorés\u00a0: {', '.join(extra)}")
    if raw.get("exercice") not in (None, exercise_id):
        problems.append(f"réponses d'un autre exercice ({raw.get('exercice')!r})")
        return "illisible", empty_document(exercise_id), problems
    shell = {**empty_document(exercise_id), "variante": str(raw.get("variante") or "commune"),
             "contexte": raw.get("contexte") if isinstance(raw.get("contexte"), dict) else {},
             "modifie_le": raw.get("modifie_le")}
    try:
        doc = reponses.validate(shell)
    except reponses.ReponsesError as exc:
        problems.append(f"en-tête du fichier nettoyé ({exc})")
        doc = empty_document(exercise_id)
    for qid, entry in raw["questions"].items():
        try:
            one = reponses.validate({**empty_document(exercise_id), "questions": {qid: entry}})
        except reponses.ReponsesError as exc:
            problems.append(f"question « {qid} » ignorée\u00a0: {exc}")
            continue
        doc["questions"].update(one["questions"])
    return ("modifie" if problems else "ok"), doc, problems


def attach_data_files(doc: dict, folder: Path, public: dict) -> list[str]:
    """Read the files the spec grades as data (the mission's annex) into ``doc["fichiers"]``."""
    problems = []
    files = {}
    for question in public.get("questions", []):
        name = question.get("fichier")
        if not name:
            continue
        path = folder / name
        files[name] = None
        if not path.is_file() or path.is_symlink():
            continue
        if path.stat().st_size > MAX_DATA_FILE_BYTES:
            problems.append(f"{name}\u00a0: fichier trop gros, ignoré")
            continue
        if name.endswith(".xlsx"):
            try:
                from prospection import annexe
                files[name] = annexe.read_annexe(path)
            except Exception:  # noqa: BLE001 - unreadable: scored as absent
                problems.append(f"{name}\u00a0: illisible")
    doc["fichiers"] = files
    return problems


def check_v2_as_v1(folder: Path, key: dict | None):
    """A copy that holds only a version-2 ``reponses.json`` (today's board), for an assignment
    whose notebook reads the version-1 file: its qualification answers as a cleaned version-1
    document, with :func:`check_answers`'s ``(status, doc, problems)``."""
    path = folder / V2_FILENAME
    if not path.is_file():
        return "absent", None, []
    if path.stat().st_size > MAX_ANSWERS_BYTES:
        return "illisible", None, ["fichier trop gros pour un fichier de réponses"]
    try:
        doc = reponses.load(path)
    except reponses.ReponsesError as exc:
        return "illisible", None, [str(exc)]
    valeur = reponses.answer(doc, reponses.QUALIFICATION, {}) or {}
    contexte = doc.get("contexte") or {}
    v1 = {"version": 1, "fichier_contacts": str(contexte.get("fichier_contacts") or ""),
          "date_salon": contexte.get("date_salon"),
          "reponses": {cid: {"organisation": e.get("organisation", ""), "qualification": e.get("classe"),
                             "justification": e.get("justification", ""), "modifie_le": e.get("modifie_le", "")}
                       for cid, e in valeur.items()}}
    return clean_v1(v1, key)
