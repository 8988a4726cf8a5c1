"""The horizon classifier: when a project happens relative to the salon (teacher part).

Built on the learner core's time-expression finder (``prospection.texte.temps``). Course
convention: **court terme** = a deadline within 3 months (92 days) of the salon date; beyond
that, moyen/long terme. ``classify_range`` is the one rule for a date range, used by the
qualification engine (``horizon``) and by the justification scorer alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from prospection.texte.temps import TimeExpression, court_terme_limit, find_time_expressions

__all__ = ["Horizon", "RangeReading", "classify_range", "horizon"]

AMBIGUOUS_CONFIDENCE = 0.4
CLEAR_SHARE = 0.85
"""A range straddling the limit reads as court (moyen_long) when this share of it falls before (after)."""


class RangeReading(NamedTuple):
    kind: str  # court | moyen_long | ambigu
    confidence: float
    lean: str  # court | moyen_long: the side an ambiguous range leans to


def classify_range(lo: date, hi: date, salon: date, confidence: float, label: str = "") -> RangeReading:
    """Court or moyen/long terme for the date range ``lo``–``hi``; ``ambigu`` across the limit."""
    limit = court_terme_limit(salon)
    lo = max(lo, salon)
    hi = max(hi, lo)
    if hi <= limit:
        return RangeReading("court", confidence, "court")
    if label == "avant":  # « avant la rentrée », « d'ici juin »: the deadline decides
        return RangeReading("moyen_long", confidence * (1.0 if (hi - limit).days > 15 else 0.6), "moyen_long")
    if lo > limit:
        return RangeReading("moyen_long", confidence, "moyen_long")
    share = ((limit - lo).days + 1) / ((hi - lo).days + 1)
    if share >= CLEAR_SHARE:
        return RangeReading("court", confidence * 0.8, "court")
    if share <= 1 - CLEAR_SHARE:
        return RangeReading("moyen_long", confidence * 0.8, "moyen_long")
    return RangeReading("ambigu", AMBIGUOUS_CONFIDENCE, "court" if share >= 0.5 else "moyen_long")


@dataclass(frozen=True)
class Horizon:
    """When the project happens, relative to the salon: ``court``, ``moyen_long``, ``inconnu``."""

    kind: str
    deadline: date | None
    evidence: str
    confidence: float
    expressions: tuple[TimeExpression, ...] = field(default=(), compare=False)
    start: int | None = None
    end: int | None = None
    expression: TimeExpression | None = field(default=None, compare=False)


def horizon(text: str, salon_date: date) -> Horizon:
    """When the project of ``text`` happens: ``court`` (≤ 92 days), ``moyen_long`` or ``inconnu``.

    Past expressions are ignored; expressions attached to a meeting or a vote (« AG de juin »,
    « rappeler en novembre ») count only when nothing else dates the project. Among the
    remaining ones the earliest wins: one short-term need is enough to make it short term.
    An ambiguous range takes the side it leans to, with a low confidence (to be checked).
    """
    exprs = [e for e in find_time_expressions(text, salon_date) if not e.past]
    if not exprs:
        return Horizon("inconnu", None, "", 0.0, ())
    primary = [e for e in exprs if not e.secondary]
    pool = primary or exprs
    confident = [e for e in pool if e.confidence >= 0.6] or pool
    classified = []
    for e in confident:
        reading = classify_range(e.date_min, e.date_max, salon_date, e.confidence, e.label)
        classified.append((e, reading.lean, reading.confidence))
    classified.sort(key=lambda t: (t[1] != "court", -round(t[2], 1), t[0].date_max))
    best, kind, conf = classified[0]
    if not primary:
        conf *= 0.7
    if len({k for _, k, _ in classified}) > 1 and kind == "court":
        conf *= 0.85
    deadline = best.deadline
    limit = court_terme_limit(salon_date)
    if kind == "moyen_long" and deadline <= limit:
        deadline = min(best.date_max, limit + timedelta(days=1))
    return Horizon(kind, deadline, best.text, round(min(conf, 1.0), 2), tuple(exprs), best.start, best.end, best)
