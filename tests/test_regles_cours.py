"""The rules the course states, checked against the rules module that applies them.

Lesson 01 (and lessons 08, 10) state: consumer canvassing needs prior consent since
11 August 2026; calls Monday to Friday, not on public holidays, 10:00-13:00 and 14:00-20:00;
at most 4 calls or attempts in 30 days; after a refusal, 60 days counted without the day of the
refusal (refusal on 1 March -> first call on 1 May). Each statement is read in the lesson text
and checked against the module's verdicts. The module is reached through :func:`regles` only,
so that the integrator can point it at ``grader.regles`` when the rule engine moves there.
"""

from __future__ import annotations

import datetime as dt

import nbformat
import pytest

from conftest import REPO


def regles():
    """The telemarketing rule engine the course's statements are checked against."""
    from grader import regles as engine

    return engine


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def blocking(decision) -> set[str]:
    return {r.code for r in decision.reasons if r.blocking}


def lesson_text(ident: str) -> str:
    nb = nbformat.read(REPO / "course" / f"{ident}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").replace("\u00a0", " ").replace("\u202f", " ")


WEDNESDAY = dt.date(2026, 12, 9)  # an ordinary Wednesday after the opt-in switch


def test_the_lesson_states_the_rules_this_file_checks():
    text = lesson_text("01_telemarketing")
    for statement in ("11 août 2026", "du lundi au vendredi", "jamais les jours fériés", "10 h et 13 h",
                      "14 h et 20 h", "4 appels ou tentatives au plus sur 30 jours", "60 jours",
                      "nouvel appel possible à partir du 1er mai", "le jour du refus **ne compte pas**"):
        assert statement in text, statement
    assert "30 avril" in text and "pas le 30 avril" in text


def test_sixty_days_refusal_on_1_march_first_call_on_1_may():
    tm = regles()
    refusal = dt.date(2027, 3, 1)
    on_30_april = tm.may_call(at(dt.date(2027, 4, 30), 11), consent=True, last_refusal=refusal)
    assert "refus" in blocking(on_30_april), "30 April is the 60th day of the délai: still closed"
    on_1_may = tm.may_call(at(dt.date(2027, 5, 1), 11), consent=True, last_refusal=refusal)
    assert "refus" not in blocking(on_1_may), "the délai has ended at midnight on 30 April"
    # 1 May 2027 is a Saturday and a public holiday: those rules still apply on their own.
    assert {"jour"} <= blocking(on_1_may)


@pytest.mark.parametrize("refusal", [dt.date(2026, 9, 3), dt.date(2027, 2, 5), dt.date(2028, 1, 31)])
def test_sixty_days_boundary_holds_every_month(refusal):
    tm = regles()
    last_closed = refusal + dt.timedelta(days=60)
    first_open = refusal + dt.timedelta(days=61)
    assert "refus" in blocking(tm.may_call(at(last_closed, 11), consent=True, last_refusal=refusal))
    assert "refus" not in blocking(tm.may_call(at(first_open, 11), consent=True, last_refusal=refusal))


@pytest.mark.parametrize("hour, minute, allowed", [
    (9, 59, False), (10, 0, True), (12, 59, True), (13, 0, False), (13, 59, False),
    (14, 0, True), (19, 59, True), (20, 0, False),
])
def test_hours_10_13_and_14_20(hour, minute, allowed):
    decision = regles().may_call(at(WEDNESDAY, hour, minute), consent=True)
    assert decision.allowed is allowed, (hour, minute, decision.motifs)


@pytest.mark.parametrize("day", [dt.date(2026, 12, d) for d in range(14, 21)],
                         ids=["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
def test_monday_to_friday(day):
    decision = regles().may_call(at(day, 11), consent=True)
    assert decision.allowed is (day.weekday() < 5), (day, decision.motifs)


def test_public_holiday_is_closed():
    armistice = dt.date(2026, 11, 11)  # a Wednesday
    assert not regles().may_call(at(armistice, 11), consent=True).allowed


def test_four_calls_in_thirty_days():
    tm = regles()
    assert tm.may_call(at(WEDNESDAY, 11), consent=True, calls_last_30_days=3).allowed
    fourth_done = tm.may_call(at(WEDNESDAY, 11), consent=True, calls_last_30_days=4)
    assert blocking(fourth_done) == {"frequence"}


def test_consent_needed_since_11_august_2026_and_not_for_b2b():
    tm = regles()
    assert "consentement" in blocking(tm.may_call(at(WEDNESDAY, 11), consent=False))
    assert tm.may_call(at(WEDNESDAY, 11), consent=True).allowed
    before = tm.may_call(at(dt.date(2026, 8, 5), 11), consent=False)  # a Wednesday, Bloctel era
    assert "consentement" not in blocking(before)
    assert tm.may_call(at(dt.date(2026, 12, 12), 8), contact="professionnel").allowed  # a Saturday, 8 h


def test_the_review_item_and_the_lesson_agree_with_the_module():
    """The 60-day item of lesson 10 gives the day the module opens."""
    from prospection.cours import revision

    tm = regles()
    item = revision.QUESTIONS[0]
    refusal = dt.date(2027, 2, 5)
    answer = item.choix[min(item.bonnes)].replace("\u00a0", " ")
    day = dt.date(2027, 4, int(answer.split()[1]))
    assert "refus" not in blocking(tm.may_call(at(day, 11), consent=True, last_refusal=refusal))
    assert "refus" in blocking(tm.may_call(at(day - dt.timedelta(days=1), 11), consent=True, last_refusal=refusal))
