"""Shared pieces of the question modules: spec builders and per-type scorers.

A public question (``questions.json``) has ``id``, ``grade_id``, ``type``, ``titre``,
``consigne``, ``points``, ``items`` (``[{"id", "texte", "colonnes"?}]``), ``options``
(``[{"valeur", "libelle"}]``) and, where it fits, ``exemple`` (``{"item", "valeur"}``, shown
answered and locked), ``colonnes`` (table headers of the items), ``tableau`` (data shown above
the widget), ``manuel`` (graded by the teacher), ``notes`` (several grade cells for one widget:
``[{"grade_id", "points", "titre"}]``). Nothing in it is a key.

The scorers never name an item in their feedback: a learner reads how many answers earn
points, not which, so the feedback never gives the key away.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from grader.exercices import QuestionScore

SPEC_SCHEMA = "prospection-questions"
SPEC_VERSION = 1
NBSP = "\u00a0"
COMMUNE = "commune"


def variante_name(seed: int | None) -> str:
    return COMMUNE if seed is None else f"graine-{seed}"


def spec(exercice: str, seed: int | None, titre: str, questions: list[dict]) -> dict:
    return {"schema": SPEC_SCHEMA, "version": SPEC_VERSION, "exercice": exercice,
            "variante": variante_name(seed), "titre": titre, "questions": questions}


def question(qid: str, type_: str, titre: str, consigne: str, points: float, *, grade_id: str | None = None,
             items: list[dict] | None = None, options: list[tuple[str, str]] | None = None, **extra: Any) -> dict:
    q = {"id": qid, "grade_id": grade_id or qid, "type": type_, "titre": titre, "consigne": consigne,
         "points": points, "items": items or [],
         "options": [{"valeur": v, "libelle": lib} for v, lib in (options or [])]}
    q.update(extra)
    return q


def graded_cells(public: dict) -> list[tuple[str, float, bool]]:
    """``(grade_id, points, manual)`` of every grade cell the spec asks for, in order."""
    cells = []
    for q in public["questions"]:
        if q.get("notes"):
            cells += [(n["grade_id"], n["points"], bool(q.get("manuel"))) for n in q["notes"]]
        elif q.get("points"):
            cells.append((q["grade_id"], q["points"], bool(q.get("manuel"))))
    return cells


def graded_items(q: dict) -> list[str]:
    """Item ids that earn points: every item but the worked example."""
    example = (q.get("exemple") or {}).get("item")
    return [it["id"] for it in q["items"] if it["id"] != example]


def answer_of(answers: dict, qid: str) -> Any:
    entry = (answers or {}).get("questions", {}).get(qid)
    return None if not isinstance(entry, dict) else entry.get("valeur")


def _as_map(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _round(points: float) -> float:
    return round(points * 4) / 4  # quarter points, as a teacher rounds


def counts_feedback(good: int, total: int, noun: str = "réponse") -> str:
    if total == 0:
        return ""
    if good == total:
        return f"Toutes vos {noun}s sont justes ({good} sur {total}). Bravo{NBSP}!"
    if good == 0:
        return (f"Aucune de vos {noun}s n'apporte de point pour l'instant ({total} attendues){NBSP}: "
                "relisez la leçon et la consigne.")
    return f"{good} {noun}{'s' if good > 1 else ''} juste{'s' if good > 1 else ''} sur {total}{NBSP}: revoyez les autres."


def accepted(expected: Any) -> set:
    return set(expected) if isinstance(expected, (list, tuple, set)) else {expected}


def score_choix(q: dict, key: dict, answers: dict, *, points: float | None = None,
                grade_id: str | None = None, items: Iterable[str] | None = None) -> QuestionScore:
    """One point share per item whose chosen option is accepted by the key."""
    points = q["points"] if points is None else points
    given = _as_map(answer_of(answers, q["id"]))
    ids = list(items) if items is not None else graded_items(q)
    good = [i for i in ids if given.get(i) is not None and given.get(i) in accepted(key[i])]
    got = _round(points * len(good) / len(ids)) if ids else 0.0
    return QuestionScore(q["id"], grade_id or q["grade_id"], got, points, counts_feedback(len(good), len(ids)),
                         {"justes": good, "total": len(ids)})


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            return float(value.replace("\u202f", "").replace(NBSP, "").replace(" ", "").replace(",", ".").rstrip("%"))
        except ValueError:
            return None
    return None


def score_nombre(q: dict, key: dict, answers: dict) -> QuestionScore:
    """Key ``{item: {"valeur": x, "tolerance": t}}``: a number within the tolerance earns its share."""
    given = _as_map(answer_of(answers, q["id"]))
    ids = graded_items(q)
    good = []
    for i in ids:
        value = _number(given.get(i))
        if value is not None and abs(value - key[i]["valeur"]) <= key[i]["tolerance"] + 1e-9:
            good.append(i)
    got = _round(q["points"] * len(good) / len(ids)) if ids else 0.0
    return QuestionScore(q["id"], q["grade_id"], got, q["points"], counts_feedback(len(good), len(ids), "valeur"),
                         {"justes": good, "total": len(ids)})


def score_ordre(q: dict, key: list, answers: dict) -> QuestionScore:
    """Share of the pairs placed in the key's order (full marks only for the exact order)."""
    given = answer_of(answers, q["id"])
    if not isinstance(given, list) or sorted(map(str, given)) != sorted(key):
        return QuestionScore(q["id"], q["grade_id"], 0.0, q["points"],
                             "Pas encore d'ordre complet enregistré pour cette question.", {"paires": 0})
    rank = {v: n for n, v in enumerate(given)}
    pairs = [(a, b) for n, a in enumerate(key) for b in key[n + 1:]]
    good = sum(rank[a] < rank[b] for a, b in pairs)
    got = _round(q["points"] * good / len(pairs))
    if good == len(pairs):
        feedback = f"Votre classement est exact. Bravo{NBSP}!"
    else:
        feedback = (f"Votre classement place correctement {good} paires sur {len(pairs)}{NBSP}: "
                    "recalculez les valeurs qui départagent les éléments.")
    return QuestionScore(q["id"], q["grade_id"], got, q["points"], feedback, {"paires": good, "total": len(pairs)})
