"""Salon mission (``04_mission_salon``) as data: the board's answers scored in the teacher's process.

Graded cells of ``solutions/04_mission_salon/04_mission_salon.ipynb`` (points of today's notebook):

- ``test_reponses_completes`` (2): every contact has a class and a justification of at least
  ``MIN_MOTS`` words (all or nothing, like the public self-check);
- ``test_classes`` (10): prorated to the contacts whose class matches the key;
- ``test_justifications`` (6): prorated to the criteria met (evidence quoted, action stated), per
  contact, by ``grader.justifications.partial_credit``;
- ``test_annexe`` (2): the annex ``annexe_salon.xlsx`` (read as data) lists every qualified contact
  in the column of its class, and only there.

Answers: question ``qualification`` of the answers document (``prospection.reponses`` schema),
``valeur`` ``{"<id>": {"classe", "justification"}}``; the annex arrives parsed in
``answers["fichiers"]["annexe_salon.xlsx"]`` (see ``grader.toolchain.answers``).
"""

from __future__ import annotations

import re
from typing import Any

from . import QuestionScore

EXERCISE_ID = "04_mission_salon"
CONTACTS_FILENAME = "contacts_salon_clubs_associations.xlsx"
ANNEX_FILENAME = "annexe_salon.xlsx"
KEY_NAME = "contacts_salon_clubs_associations"
MIN_MOTS = 5
POINTS = {"test_reponses_completes": 2, "test_classes": 10, "test_justifications": 6, "test_annexe": 2}
_CLASSES = {"froid": "froid", "tiede": "tiède", "tiède": "tiède", "chaud": "chaud"}
NBSP = "\u00a0"


def dataset_module():
    """The contacts generator (teacher side)."""
    from grader import dataset
    return dataset


def _class(value) -> str | None:
    if not isinstance(value, str):
        return None
    return _CLASSES.get(value.strip().lower())


def generate(seed: int | None = None) -> tuple[dict, dict]:
    """Public spec (contacts and their notes, no class) and key (classes, evidence, action)."""
    dataset = dataset_module()
    if seed is None:
        from grader.keys import load_key
        ds = dataset.bundled()
        key = load_key(KEY_NAME)
        variant = "commune"
    else:
        ds = dataset.generate(seed)
        key = ds.key
        variant = f"graine-{seed}"
    return from_contacts(ds.contacts, key, variant, ds.salon["date"])


def _key_entry(v: dict) -> dict:
    entry = {"classe": _class(v.get("classe")), "preuves": list(v.get("preuves", [])),
             "action": v.get("action", ""), "organisation": v.get("organisation", "")}
    accepted = [c for c in (_class(a) for a in v.get("classes_acceptees") or []) if c]
    if accepted:  # a contact the teacher left open (« froid ou tiède »)
        entry["classes_acceptees"] = accepted
    return entry


def from_contacts(contacts: list[dict], key: dict, variant: str, salon_date: str,
                  fichier: str = CONTACTS_FILENAME) -> tuple[dict, dict]:
    """Public spec and clean key of a contacts list and its key (a learner's variant, a teacher's file)."""
    items = [{"id": str(c["id"]), "organisation": c.get("organisation", "") or "",
              "contact": c.get("contact", "") or "", "observations": c.get("observations", "") or ""}
             for c in contacts]
    public = {
        "schema": "prospection-questions", "version": 1, "exercice": EXERCISE_ID,
        "variante": variant, "titre": "Mission salon — qualifier les contacts",
        "contexte": {"fichier_contacts": fichier, "date_salon": salon_date},
        "questions": [
            {"id": "completes", "grade_id": "test_reponses_completes", "type": "controle",
             "titre": "Chaque contact est qualifié et justifié", "points": POINTS["test_reponses_completes"],
             "source": "qualification", "min_mots": MIN_MOTS},
            {"id": "qualification", "grade_id": "test_classes", "type": "qualification",
             "titre": "Classe de chaque contact (froid, tiède ou chaud)", "points": POINTS["test_classes"],
             "options": ["froid", "tiède", "chaud"], "items": items},
            {"id": "justifications", "grade_id": "test_justifications", "type": "justification",
             "titre": "Justification de chaque choix", "points": POINTS["test_justifications"],
             "source": "qualification"},
            {"id": "annexe", "grade_id": "test_annexe", "type": "fichier", "fichier": ANNEX_FILENAME,
             "titre": "Annexe Excel en trois colonnes", "points": POINTS["test_annexe"]},
        ],
    }
    clean_key = {"date_salon": key["date_salon"],
                 "contacts": {str(cid): _key_entry(v) for cid, v in key["contacts"].items()}}
    return public, clean_key


def accepted_classes(entry: dict) -> set[str]:
    """Classes the key accepts for a contact (two for a contact left open)."""
    return set(entry.get("classes_acceptees") or []) or {_class(entry.get("classe"))}


def qualification_answers(answers: dict) -> dict[str, dict]:
    """``{id: {"classe": str|None, "justification": str}}`` from an answers document (tolerant)."""
    question = ((answers or {}).get("questions") or {}).get("qualification") or {}
    value = question.get("valeur") if isinstance(question, dict) else None
    out = {}
    if isinstance(value, dict):
        for cid, entry in value.items():
            if not isinstance(entry, dict):
                continue
            text = entry.get("justification")
            out[str(cid)] = {"classe": _class(entry.get("classe")),
                             "justification": text.strip() if isinstance(text, str) else ""}
    return out


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def _items(public: dict) -> list[dict]:
    for q in public.get("questions", []):
        if q.get("type") == "qualification":
            return q.get("items", [])
    return []


def _annex_ok(annex: Any, given: dict, items: list[dict]) -> tuple[bool, str]:
    if not isinstance(annex, dict):
        return False, (f"L'annexe «{NBSP}{ANNEX_FILENAME}{NBSP}» est absente ou illisible "
                       f"(trois colonnes attendues{NBSP}: froids, tièdes, chauds).")
    qualified = {cid: a["classe"] for cid, a in given.items() if a["classe"]}
    if not qualified:
        return False, "L'annexe ne peut pas compter sans aucun contact qualifié."
    names = {i["id"]: i.get("organisation") or i["id"] for i in items}
    wrong = []
    for cid, classe in sorted(qualified.items()):
        pattern = re.compile(rf"\b{re.escape(cid)}\b")
        where = [c for c, rows in annex.items()
                 if any(pattern.search(str(n)) or names.get(cid, cid) in str(n) for n, _ in rows)]
        if where != [classe]:
            wrong.append(cid)
    if wrong:
        return False, (f"L'annexe ne correspond pas à vos réponses pour{NBSP}: {', '.join(wrong)}.")
    return True, "L'annexe range chaque contact qualifié dans la colonne de sa classe."


def score(public: dict, key: dict, answers: dict) -> list[QuestionScore]:
    from grader.justifications import partial_credit

    items = _items(public)
    ids = [i["id"] for i in items]
    given = qualification_answers(answers)
    n = max(len(key["contacts"]), 1)
    out = []

    missing = [cid for cid in ids if not given.get(cid, {}).get("classe")]
    short = [cid for cid in ids if _words(given.get(cid, {}).get("justification", "")) < MIN_MOTS]
    complete = not missing and not short
    if missing:
        fb = f"{len(missing)} contact(s) sur {len(ids)} sans classe{NBSP}: {', '.join(missing)}."
    elif short:
        fb = f"Justification absente ou trop courte (moins de {MIN_MOTS} mots) pour{NBSP}: {', '.join(short)}."
    else:
        fb = "Chaque contact est qualifié et justifié."
    out.append(QuestionScore("completes", "test_reponses_completes",
                             float(POINTS["test_reponses_completes"]) if complete else 0.0,
                             float(POINTS["test_reponses_completes"]), fb,
                             {"public_ok": complete, "sans_classe": missing, "trop_courtes": short}))

    right = [cid for cid, ref in key["contacts"].items() if given.get(cid, {}).get("classe") in accepted_classes(ref)]
    pts = round(POINTS["test_classes"] * len(right) / n, 2)
    out.append(QuestionScore("qualification", "test_classes", pts, float(POINTS["test_classes"]),
                             f"{len(right)} contact(s) sur {n} bien qualifié(s).",
                             {"public_ok": bool(given), "qualifies": sum(1 for a in given.values() if a["classe"]),
                              "bien_qualifies": len(right)}))

    any_text = any(a["justification"] for a in given.values())
    if any_text:
        observations = {i["id"]: i.get("observations", "") for i in items}
        v1 = {"reponses": {cid: {"qualification": a["classe"], "justification": a["justification"]}
                           for cid, a in given.items()}}
        detail = partial_credit(v1, key, observations, key["date_salon"],
                                {i["id"]: i.get("organisation", "") for i in items})
        got = sum(d["evidence"] + d["action"] for d in detail.values())
        pts = round(POINTS["test_justifications"] * got / (2 * n), 2)
        review = sorted(cid for cid, d in detail.items() if d.get("a_revoir"))
        fb = f"{got} critère(s) sur {2 * n} (preuves citées, action annoncée)."
        if review:
            fb += f" À relire par le formateur{NBSP}: {', '.join(review)}."
        details = {"public_ok": True, "criteres": got, "a_revoir": review}
    else:
        pts, fb, details = 0.0, "Aucune justification n'est encore rédigée.", {"public_ok": False}
    out.append(QuestionScore("justifications", "test_justifications", pts,
                             float(POINTS["test_justifications"]), fb, details))

    annex = ((answers or {}).get("fichiers") or {}).get(ANNEX_FILENAME)
    ok, fb = _annex_ok(annex, given, items)
    out.append(QuestionScore("annexe", "test_annexe", float(POINTS["test_annexe"]) if ok else 0.0,
                             float(POINTS["test_annexe"]), fb, {"public_ok": isinstance(annex, dict)}))
    return out
