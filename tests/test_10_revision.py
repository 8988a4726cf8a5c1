"""Lesson 10: a mixed review with new items (none copied from the exercises), facts checked."""

from __future__ import annotations

import datetime as dt
import json
import re

from conftest import REPO, notebooks_in
from prospection.cours import revision
from prospection.cours.quiz import Quiz


def test_review_covers_the_lessons_and_keys_are_right():
    lessons = {lecon for lecon, _ in revision.QUESTIONS_PAR_LECON}
    assert lessons >= {"01", "02", "03", "04", "05", "06", "07", "08", "09"}
    logic = Quiz(revision.QUESTIONS)
    for i, q in enumerate(logic.questions):
        assert logic.repondre(i, set(q.bonnes)).correct
        wrong = next(j for j in range(len(q.choix)) if j not in q.bonnes)
        assert not logic.repondre(i, wrong).correct


def words(text: str) -> set[str]:
    return set(re.findall(r"\w{4,}", text.lower()))


def test_no_item_is_a_copy_of_an_exercise_item():
    exercise_texts = []
    paths = notebooks_in("solutions") + notebooks_in("exercises")
    assert paths
    for path in paths:
        exercise_texts += ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    for q in revision.QUESTIONS:
        stem = q.enonce.replace("\u00a0", " ")
        assert not any(stem[:60] in t.replace("\u00a0", " ") for t in exercise_texts), stem[:60]


def test_date_arithmetic_in_the_60_day_item():
    refusal = dt.date(2027, 2, 5)
    first = refusal + dt.timedelta(days=61)  # day of the refusal not counted, 60 full days
    q = revision.QUESTIONS[0]
    assert "5\u00a0février 2027" in q.enonce or "5 février 2027" in q.enonce
    assert q.choix[min(q.bonnes)].replace("\u00a0", " ") == f"Le {first.day} avril 2027"
    assert first.weekday() < 5, "the first lawful day must be a weekday for the item to be clean"


def test_campaign_items_agree_with_the_indicator_module():
    from prospection.cours.plan_prospection import Campagne

    c = Campagne(600, 240, 36, 0, 5400)
    assert c.taux_rendez_vous == 0.15 and c.taux_joignabilite == 0.4
    assert c.cout_par_rendez_vous == 150 and c.cout_par_contact == 22.5
