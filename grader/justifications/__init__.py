"""Automatic, explainable grading of the learners' French justifications.

``score(...)`` grades one justification against the answer key (evidence and action points,
confidence, French feedback); ``hints(...)`` tells which criteria a draft covers without any
key (the mission board's live hints); ``partial_credit(...)`` grades a whole answers file for
the ``04_mission_salon`` test cells. ``python -m grader justifications IN.jsonl`` grades JSON
lines (see ``grader.justifications.cli``).
"""

from .credit import partial_credit
from .scoring import CLASSES, REVIEW_BELOW, Hints, Score, hints, normalise_class, score

__all__ = ["score", "hints", "partial_credit", "Score", "Hints", "normalise_class", "CLASSES",
           "REVIEW_BELOW"]
