"""Graded questions as data: one module per exercise, teacher-side only.

Each module ``grader.exercices.ex_<exercise id>`` (for instance ``ex_01_telemarketing``) has:

- ``EXERCISE_ID`` — ``"01_telemarketing"``;
- ``generate(seed: int | None) -> tuple[dict, dict]`` — the public spec (released as
  ``questions.json``, no key inside) and the key (kept teacher-side). ``seed=None`` gives the
  common variant committed in ``solutions/``; any other seed gives a learner's own variant of
  the same difficulty;
- ``score(public: dict, key: dict, answers: dict) -> list[QuestionScore]`` — one entry per
  graded question, computed from the learner's answers data (``prospection.reponses`` schema)
  in the teacher's process. Never run in a kernel that ran learner code.

The public spec format and the answers schema are described in ``docs/ARCHITECTURE.md``
(« Target design »).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

__all__ = ["QuestionScore", "module_for", "exercise_ids", "score_answers"]


@dataclass
class QuestionScore:
    """Points of one graded question (one nbgrader grade cell, ``grade_id``)."""

    question_id: str
    grade_id: str
    points: float
    max_points: float
    feedback: str = ""  # French, « vous », never reveals the key
    details: dict[str, Any] = field(default_factory=dict)  # per item, for teachers and reports

    def __post_init__(self) -> None:
        if not 0 <= self.points <= self.max_points:
            raise ValueError(f"{self.grade_id}: {self.points} not in [0, {self.max_points}]")


def _modules() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("ex_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            found[module.EXERCISE_ID] = module
    return found


def exercise_ids() -> list[str]:
    """Ids of the exercises graded from data, sorted."""
    return sorted(_modules())


def module_for(exercise_id: str) -> ModuleType | None:
    """The question module of an exercise, or None when it is not graded from data."""
    return _modules().get(exercise_id)


def score_answers(exercise_id: str, public: dict, key: dict, answers: dict) -> list[QuestionScore]:
    """Score a learner's answers document against the key (teacher's process only)."""
    module = module_for(exercise_id)
    if module is None:
        raise KeyError(exercise_id)
    return module.score(public, key, answers)
