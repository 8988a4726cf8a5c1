"""Answers files as graded: validation, sanitising, per-contact detail.

A learner's ``reponses.json`` (or an old ``reponses_salon.json``) is their work, so it is never modified in ``submitted/``;
the copy that is graded (in ``.preparation/``) is cleaned: unknown contacts, unknown fields and
impossible classes are dropped, and each removal is reported as a flag.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from prospection import reponses
from prospection.texte.classes import CLASSES, normalize_class
from prospection.texte.francais import FORMAT_CHARS_RE, plain_text

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


# --------------------------------------------------------------------- the one safe reader
# Every file of a submission the teacher's process reads as data (answers files, notebooks,
# timestamp) goes through :func:`read_learner_bytes`: a learner controls what the path is.
MAX_ANSWERS_BYTES = 2 * 1024 * 1024
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
#: Nesting of a valid answers file is at most 6 (document, questions, question, valeur,
#: contact, entry); deeper is not something the widgets write.
MAX_JSON_DEPTH = 16
#: Longest text kept in an answer (a justification, a written answer): longer is cut.
MAX_TEXT_CHARS = 5000
_LOOKALIKE_RE = re.compile("[\u0370-\u03ff\u0400-\u052f]")   # Greek, Cyrillic letters


class LearnerFileError(ValueError):
    """A learner's file the teacher's process refuses to read; the message is French."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + "\u00a0Mo"


def read_learner_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of a file handed in, or None when there is none.

    Only a plain regular file is read, through no link, never more than ``limit`` bytes: a
    symbolic link (to a classmate's copy, the key, ``/etc/passwd``), a directory, a named pipe or
    a device raises :class:`LearnerFileError` (French) instead of being followed, waited on or
    read without end."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LearnerFileError(f"fichier illisible ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        raise LearnerFileError("lien symbolique refusé (seul un vrai fichier rendu est lu)")
    if stat.S_ISDIR(st.st_mode):
        raise LearnerFileError("c'est un dossier, pas un fichier")
    if not stat.S_ISREG(st.st_mode):
        raise LearnerFileError("fichier spécial (tube, périphérique…) refusé")
    if st.st_size > limit:
        raise LearnerFileError(f"fichier trop gros ({_megabytes(st.st_size)}, au plus {_megabytes(limit)})")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise LearnerFileError(f"fichier illisible ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):   # replaced since lstat
            raise LearnerFileError("fichier spécial (tube, périphérique…) refusé")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise LearnerFileError(f"fichier trop gros (au plus {_megabytes(limit)})")
    return data


def _too_deep(value) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _clean_strings(value, notes: set):
    """Every text of a parsed answers file as it reads (:func:`plain_text`), cut at
    ``MAX_TEXT_CHARS``; what was changed is noted in ``notes`` (codes)."""
    if isinstance(value, str):
        if not value.isascii():
            if FORMAT_CHARS_RE.search(value):
                notes.add("invisibles")
            if _LOOKALIKE_RE.search(value):
                notes.add("alphabet")
            value = plain_text(value)
        if len(value) > MAX_TEXT_CHARS:
            notes.add("long")
            value = value[:MAX_TEXT_CHARS]
        return value
    if isinstance(value, dict):
        return {_clean_strings(k, notes): _clean_strings(v, notes) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v, notes) for v in value]
    return value


_NOTES = {
    "invisibles": "caractères invisibles (espaces de largeur nulle, inversion du sens d'écriture…) retirés",
    "alphabet": "lettres grecques ou cyrilliques qui imitent des lettres latines",
    "long": f"texte de plus de {MAX_TEXT_CHARS} caractères, coupé",
    "doublons": "clés en double dans le fichier (seule la dernière valeur compte)",
    "nan": "valeurs NaN ou Infinity (pas du JSON) remplacées par null",
    "lien": "fichier partagé avec un autre par un lien physique (déposé à la main\u00a0?)",
}


def read_answers_json(path: Path, limit: int = MAX_ANSWERS_BYTES):
    """A learner's JSON file as data: ``(status, value_or_None, problems)``, status ``absent``,
    ``illisible`` or ``ok`` (``problems`` then lists what was cleaned: invisible characters,
    look-alike letters, texts cut, duplicate keys). UTF-8 with or without a byte-order mark;
    NaN/Infinity become null; nesting deeper than ``MAX_JSON_DEPTH`` is refused."""
    try:
        data = read_learner_bytes(path, limit)
    except LearnerFileError as exc:
        return "illisible", None, [str(exc)]
    if data is None:
        return "absent", None, []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "illisible", None, ["le fichier n'est pas encodé en UTF-8"]
    notes: set = set()

    def pairs(items):
        if len({k for k, _ in items}) != len(items):
            notes.add("doublons")
        return dict(items)

    def constant(name):   # NaN, Infinity: not JSON, never written by the widgets
        notes.add("nan")

    try:
        raw = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except LearnerFileError as exc:
        return "illisible", None, [str(exc)]
    except RecursionError:
        return "illisible", None, ["structure JSON trop imbriquée"]
    except ValueError as exc:
        return "illisible", None, [f"JSON invalide ({getattr(exc, 'msg', exc)}, ligne {getattr(exc, 'lineno', '?')})"]
    if _too_deep(raw):
        return "illisible", None, ["structure JSON trop imbriquée"]
    raw = _clean_strings(raw, notes)
    try:
        if os.lstat(path).st_nlink > 1:
            notes.add("lien")
    except OSError:
        pass
    return "ok", raw, [_NOTES[n] for n in sorted(notes)]


#: The problem :func:`read_answers_json` reports for a hard-linked file: a fact about the file
#: (who made the link cannot be told), flagged apart from « modifié ».
HARD_LINK_NOTE = _NOTES["lien"]


def check_answers(path: Path, key: dict | None):
    """Validate an answers file.

    Returns ``(status, clean_document_or_None, problems)`` with status in
    ``absent``, ``illisible``, ``modifie``, ``ok``; ``problems`` are French sentences.
    """
    status, doc, problems = read_answers_json(path)
    if status != "ok":
        return status, None, problems
    return clean_v1(doc, key, problems)


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


#: Why a justification was not graded (teacher-facing: class report, export, ``flags.json``).
NO_NOTES_REASON = ("notes du contact absentes de la clé (clé d'un autre fichier de contacts\u00a0?)\u00a0: "
                   "justification non notée automatiquement, à lire")


def _same_name(a: object, b: object) -> bool:
    from prospection.texte.francais import fold

    return " ".join(fold(str(a or "")).split()) == " ".join(fold(str(b or "")).split())


def _bundled_contacts() -> dict[str, tuple[str, str]]:
    """id -> (organisation, notes) of the bundled contacts file, {} when it cannot be read."""
    try:
        from prospection.loader import load_bundled
        frame = load_bundled().frame
        return {str(row.id): (str(row.organisation or ""), str(row.observations or ""))
                for row in frame.itertuples()}
    except Exception:  # noqa: BLE001 - contacts file or loader not available
        return {}


def _observations(key: dict) -> dict:
    """id -> notes a contact's justification is graded against; a contact left out is not graded.

    The notes are the key's when it carries any (a key written for a teacher's own
    file, see ``grader.cle``). A key that carries none is the course's key: its notes are the
    bundled contacts file's, but only when the key's contacts are that file's (every id in it,
    every organisation the key names the same). A key for another file never takes the bundled
    notes: a contact whose notes the key lacks is then left out (not graded, see
    :data:`NO_NOTES_REASON`) rather than graded against another contact's notes.
    """
    contacts = key["contacts"]
    notes = {cid: c["observations"] for cid, c in contacts.items() if isinstance(c.get("observations"), str)}
    if notes:   # the key's own notes, never completed from another file
        return notes
    bundled = _bundled_contacts()
    for cid, entry in contacts.items():
        if cid not in bundled:
            return {}
        organisation = entry.get("organisation")
        if organisation and not _same_name(organisation, bundled[cid][0]):
            return {}
    return {cid: bundled[cid][1] for cid in contacts}


def _with_notes(key: dict, notes: dict) -> dict:
    """The key restricted to the contacts whose notes are known (the ones that can be graded)."""
    if len(notes) == len(key["contacts"]):
        return key
    return {**key, "contacts": {cid: e for cid, e in key["contacts"].items() if cid in notes}}


def _unscored(doc: dict | None, key: dict, notes: dict) -> list[str]:
    """Contacts with a justification that cannot be graded (their notes are unknown)."""
    reponses = (doc or {}).get("reponses", {})
    return [cid for cid in sorted(key["contacts"]) if cid not in notes
            and isinstance(reponses.get(cid), dict) and str(reponses[cid].get("justification") or "").strip()]


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
        if scorer and justification.strip() and cid not in notes:
            review = NO_NOTES_REASON
        elif scorer and justification.strip():
            try:
                result = scorer(notes[cid], date_salon, ref.get("classe"), chosen, justification,
                                accepted=ref.get("classes_acceptees"), organisation=ref.get("organisation"))
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


def learner_key(classe, student: str, assignment: str, class_key: dict | None = None) -> dict | None:
    """The answer key of a learner's copy: their own variant's (class released with
    ``--variantes``, see :func:`spec_files`), else ``class_key`` when given, else the class's
    answers spec's key."""
    from .variantes import variant_paths

    own = variant_paths(classe.root, student, assignment)
    if own is not None:
        return load_key({"cle": str(own[1])})
    if class_key is not None:
        return class_key
    spec = classe.answers.get(assignment)
    return load_key(spec) if spec else None


def graded_answers_and_key(classe, student: str, assignment: str, staging: str):
    """``(answers or None, key or None)`` of a graded copy of the mission (feedback, review
    flags, the board's ``retour.json``).

    The answers are read through :func:`load_answers_document` (``reponses.json`` version 2, or
    a version-1 ``reponses_salon.json``) in the copy as handed in (``submitted/``, which the
    grading itself reads), else in the graded copy, else in its staged copy, and
    returned in the shape the justification grader reads: ``{"reponses": {id:
    {"qualification", "justification"}}}`` (contacts of the key only). None when neither copy
    has an answers file. The key is the learner's own variant's when the class was released with
    ``--variantes`` (from the roster), else the class-wide one."""
    key = learner_key(classe, student, assignment)
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
    credit = partial_credit((doc or {}).get("reponses", {}), _with_notes(key, notes), notes, key.get("date_salon"))
    flags = review_flags(teacher_review(credit, key, notes))
    unscored = _unscored(doc, key, notes)
    if unscored:
        from grader.justifications.review import FLAG_CODE

        shown = ", ".join(unscored[:10]) + (", …" if len(unscored) > 10 else "")
        flags.append({"code": FLAG_CODE, "gravite": "attention", "message": (
            f"Justifications à lire, non notées automatiquement ({len(unscored)} contact(s)\u00a0: {shown})\u00a0: "
            "la clé de correction n'a pas les notes de ces contacts (clé faite pour un autre fichier de "
            "contacts\u00a0?). Publiez à nouveau la mission avec «\u00a0python -m grader release --contacts FICHIER "
            "--cle CLE\u00a0» pour que la clé porte les notes du fichier.")})
    return flags


def justification_feedback(doc: dict | None, key: dict, *, correction_publiee: bool = False) -> list[dict]:
    """Per contact, for the learner: ``{"contact", "preuve", "action", "message"}`` (✓/✗ and one
    sentence in « vous »; the expected class only once the correction is released). Empty when
    the justification grader is not available."""
    try:
        from grader.justifications import learner_feedback, partial_credit
    except Exception:  # noqa: BLE001 - the justification grader is optional here
        return []
    notes = _observations(key)   # a contact whose notes are unknown gets no automatic feedback
    credit = partial_credit((doc or {}).get("reponses", {}), _with_notes(key, notes), notes, key.get("date_salon"))
    return learner_feedback(credit, correction_publiee=correction_publiee, key=key)


# --------------------------------------------------------------------- answers as data (v2)
# The format itself is prospection.reponses (the one schema); the teacher's side adds leniency:
# a bad question is dropped and reported instead of making the whole file unreadable.
V2_FILENAME = reponses.FILENAME
V1_FILENAME = reponses.LEGACY_FILENAME
#: Files of a submission that are data the teacher's process reads (never executed).
ANSWER_FILES = (V2_FILENAME, V1_FILENAME, "annexe_salon.xlsx")
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


def load_answers_document(folder: Path, exercise_id: str | None):
    """A submission's answers, as data: ``(status, document_v2, problems)``.

    ``status`` is ``absent``, ``illisible``, ``modifie`` (cleaned, see problems) or ``ok``. Reads
    ``reponses.json`` (version 2), else a version-1 ``reponses_salon.json``. Each question is
    validated by ``prospection.reponses``; one that is not valid is dropped and reported.
    ``exercise_id`` None: the exercise the file names (the mission's when it names none).
    """
    path = folder / V2_FILENAME
    if not os.path.lexists(path):
        exercise_id = exercise_id or reponses.MISSION_ID
        if os.path.lexists(folder / V1_FILENAME):
            return migrate_v1_document(folder, exercise_id)
        return "absent", empty_document(exercise_id), []
    status, raw, problems = read_answers_json(path)
    if exercise_id is None:
        named = raw.get("exercice") if isinstance(raw, dict) else None
        exercise_id = named if isinstance(named, str) and named else reponses.MISSION_ID
    if status != "ok":
        return status, empty_document(exercise_id), problems
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), dict):
        return "illisible", empty_document(exercise_id), ["la clé « questions » manque ou n'est pas un objet"]
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
        if qid == reponses.QUALIFICATION and isinstance(entry, dict):
            entry = {**entry, "valeur": _lenient_qualification(entry.get("valeur"), problems)}
        try:
            one = reponses.validate({**empty_document(exercise_id), "questions": {qid: entry}})
        except reponses.ReponsesError as exc:
            problems.append(f"question « {qid} » ignorée\u00a0: {exc}")
            continue
        doc["questions"].update(one["questions"])
    return ("modifie" if problems else "ok"), doc, problems


def _lenient_qualification(valeur, problems: list[str]):
    """The mission's answers, one contact at a time: a contact whose class or justification is
    not valid loses that answer only (reported), never the whole question."""
    if not isinstance(valeur, dict):
        return valeur
    out = {}
    for cid, entry in valeur.items():
        if not isinstance(entry, dict):
            problems.append(f"réponse du contact « {cid} » mal formée, ignorée")
            continue
        entry = dict(entry)
        try:
            normalize_class(entry.get("classe"))
        except ValueError:
            problems.append(f"contact « {cid} »\u00a0: classe impossible « {entry.get('classe')} », "
                            "comptée comme non qualifiée")
            entry["classe"] = None
        if not isinstance(entry.get("justification") or "", str):
            problems.append(f"contact « {cid} »\u00a0: justification qui n'est pas un texte, ignorée")
            entry["justification"] = ""
        if entry.get("modifie_le"):
            try:
                reponses.to_utc(entry["modifie_le"])
            except reponses.ReponsesError:
                entry.pop("modifie_le")
        out[cid] = entry
    return out


def drop_unknown_items(doc: dict, public: dict) -> list[str]:
    """Answers for items (contacts) the learner's spec does not have are dropped from ``doc``:
    they earn nothing, and thousands of them must not fill the teacher's view."""
    problems = []
    for question in public.get("questions", []):
        entry = (doc.get("questions") or {}).get(question.get("id"))
        items = question.get("items")
        if not isinstance(entry, dict) or not isinstance(entry.get("valeur"), dict) or not items:
            continue
        known = {str(i.get("id")) for i in items if isinstance(i, dict)}
        unknown = [cid for cid in entry["valeur"] if cid not in known]
        if unknown and question.get("type") == "qualification":
            entry["valeur"] = {cid: v for cid, v in entry["valeur"].items() if cid in known}
            shown = ", ".join(f"« {c[:20]} »" for c in unknown[:3]) + (" …" if len(unknown) > 3 else "")
            problems.append(f"{len(unknown)} contact(s) inconnu(s) de l'exercice ignoré(s)\u00a0: {shown}")
    return problems


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
        if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
            problems.append(f"{name}\u00a0: lien symbolique ou fichier spécial refusé")
            continue
        if not path.is_file():
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
    status, doc, problems = load_answers_document(folder, None)   # whichever exercise it names
    if status in ("absent", "illisible"):
        return status, None, problems
    valeur = reponses.answer(doc, reponses.QUALIFICATION, {}) or {}
    contexte = doc.get("contexte") or {}
    v1 = {"version": 1, "fichier_contacts": str(contexte.get("fichier_contacts") or ""),
          "date_salon": contexte.get("date_salon"),
          "reponses": {cid: {"organisation": e.get("organisation", ""), "qualification": e.get("classe"),
                             "justification": e.get("justification", ""), "modifie_le": e.get("modifie_le", "")}
                       for cid, e in valeur.items()}}
    return clean_v1(v1, key, problems)
