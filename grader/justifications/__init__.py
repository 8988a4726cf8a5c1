"""Automatic, explainable grading of the learners' French justifications.

``score(...)`` grades one justification against the answer key (evidence and action points,
confidence, refused patterns, French feedback); ``hints(...)`` tells which criteria a draft
covers without any key (the mission board's live hints); ``partial_credit(...)`` grades a whole
answers file; ``learner_feedback(...)`` turns it into ✓/✗ and one sentence per contact for the
learner (no class named); ``teacher_review(...)`` / ``review_flags(...)`` list what the teacher
should look at (uncertain scores, refused patterns). ``python -m grader justifications IN.jsonl``
grades JSON lines (see ``grader.justifications.cli``).
"""

from .credit import key_classes, partial_credit
from .feedback import learner_feedback
from .review import MOTIF_LABELS, review_flags, teacher_review
from .scoring import CLASSES, REFUSED_PATTERNS, REVIEW_BELOW, Hints, Score, hints, normalise_class, score

__all__ = ["score", "hints", "partial_credit", "learner_feedback", "teacher_review", "review_flags",
           "key_classes", "Score", "Hints", "normalise_class", "CLASSES", "REVIEW_BELOW",
           "REFUSED_PATTERNS", "MOTIF_LABELS"]
