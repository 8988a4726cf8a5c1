"""The learner/teacher border and the one French-text core (issue 12).

- the learner part (`prospection`) never imports the teacher part (`grader`);
- the engine, the board's hints, the lesson analyser and the justification scorer read the
  same sentence the same way (one normaliser, abbreviation table, negation scope, cue lexicon,
  time-expression finder and range classifier).
"""

from __future__ import annotations

import ast
import json
import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SALON = dt.date(2026, 10, 10)


def learner_modules() -> list[Path]:
    files = sorted((REPO / "prospection").rglob("*.py"))
    assert files, "no module found in prospection/"
    return files


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value))
    return names


def test_the_import_graph_has_no_arrow_from_the_learner_part_to_the_teacher_part():
    offenders = {str(p.relative_to(REPO)): sorted(n for n in imported_names(p) if n.split(".")[0] == "grader")
                 for p in learner_modules()}
    assert not {k: v for k, v in offenders.items() if v}


def test_the_import_checker_sees_an_import_of_grader(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from grader.keys import load_key\n    import grader.engine\n")
    assert {"grader.keys", "grader.engine"} <= imported_names(sample)


def test_no_solver_is_left_in_the_learner_part():
    for gone in ("engine.py", "dataset.py", "temporal.py", "francais.py"):
        assert not (REPO / "prospection" / gone).exists(), gone
    import prospection.telemarketing as tm
    for solver in ("may_call", "filter_call_list", "reason_codes", "weekly_grid"):
        assert not hasattr(tm, solver), solver


def test_the_board_hints_come_from_the_learner_part():
    from prospection.board import indices
    from prospection.board.model import _grader_hints_function

    assert _grader_hints_function() is indices.hints


# ---------------------------------------------------------------- one reading of a sentence

INTEREST = ["Très intéressé par nos maillots.", "tres interesse par nos maillots", "Intéressée, demande un devis."]
DISINTEREST = ["Pas intéressé par l'offre.", "pa interessé", "pas interesse du tout", "Aucun intérêt pour nos tenues."]


def readings(sentence: str) -> dict[str, str]:
    """Interest read by each user of the core: « oui » (interest) or « non » (disinterest)."""
    from grader.engine import qualify
    from grader.justifications.analysis import analyse
    from prospection.board.indices import hints
    from prospection.cours.qualification import reperer_indices

    engine = qualify(sentence, SALON).interet
    roles = reperer_indices(sentence, SALON).roles
    lesson = "non" if roles["desinteret"] and not roles["interet"] else "oui" if roles["interet"] else "?"
    a = analyse(sentence, SALON)
    scorer = "non" if a.disinterest and not a.interest else "oui" if a.interest and not a.disinterest else "?"
    board = "oui" if hints("", SALON, "tiède", sentence).interest else "?"
    return {"engine": engine, "lesson": lesson, "scorer": scorer, "board": board}


@pytest.mark.parametrize("sentence", INTEREST)
def test_every_user_reads_interest_the_same_way(sentence):
    got = readings(sentence)
    assert set(got.values()) == {"oui"}, got


@pytest.mark.parametrize("sentence", DISINTEREST)
def test_every_user_reads_disinterest_the_same_way(sentence):
    got = readings(sentence)
    assert got["engine"] == got["lesson"] == got["scorer"] == "non", got
    assert got["board"] == "oui"  # the board only checks that interest is *mentioned*


@pytest.mark.parametrize("text", ["ds 15j", "dans 15 jours", "avt le 14/11", "avant le 14/11", "l'an pro"])
def test_sms_spelling_dates_like_the_full_spelling(text):
    from grader.horizon import horizon
    from grader.justifications.analysis import analyse
    from prospection.texte import expand
    from prospection.texte.temps import find_time_expressions

    full = expand(text)
    assert full != text or text in ("dans 15 jours", "avant le 14/11")
    assert find_time_expressions(full, SALON)
    engine = horizon(full, SALON).kind
    scorer = {c.kind for c in analyse(text, SALON).timing}
    assert scorer == {engine}, (text, engine, scorer)


@pytest.mark.parametrize("text", [
    "commande entre mi-décembre et fin février",     # straddles the 3-month limit
    "projet pour le 14 novembre", "projet en septembre 2027", "avant la fin de l'année",
])
def test_one_range_rule_for_the_engine_and_the_scorer(text):
    from grader.horizon import classify_range
    from grader.justifications.analysis import analyse
    from prospection.texte.temps import find_time_expressions

    exprs = [e for e in find_time_expressions(text, SALON) if not e.past]
    assert exprs
    rule = {classify_range(e.date_min, e.date_max, SALON, e.confidence, e.label).kind for e in exprs}
    scorer = {c.kind for c in analyse(text, SALON).timing if c.text in {e.text for e in exprs}}
    assert scorer == rule, (text, rule, scorer)


def test_one_abbreviation_table_and_it_is_data():
    from prospection.texte import abreviations, francais

    assert abreviations.ABREVIATIONS["pa"] == "pas" and abreviations.FAUTES["interresse"] == "interesse"
    assert francais.normalize("pa interressé") == "pas interesse"
    assert not hasattr(francais, "MISSPELLINGS")
    assert not (REPO / "grader" / "justifications" / "sms.py").exists()


# ---------------------------------------------------------------- board hints and scorer agree

@pytest.mark.parametrize("qualification, justification", [
    ("froid", "Aucun intérêt : garder la fiche dans le CRM et envoyer la doc."),
    ("chaud", "Très intéressé, commande pour le 12 décembre : rappeler dès lundi pour un devis."),
    ("tiède", "pa interessé tt de suite, projet l'an pro, relancer en juin"),
    ("chaud", "Projet en mai."),
    ("chaud", "Intéressé par des maillots"),
    ("tiède", "Contact sympathique."),
])
def test_board_hints_agree_with_the_scorer_on_what_a_draft_covers(qualification, justification):
    from grader.justifications import hints as scorer_hints
    from prospection.board.indices import hints as board_hints

    board = board_hints("", SALON, qualification, justification)
    scorer = scorer_hints("", SALON, qualification, justification)
    assert board.interest == scorer.interest, (board, scorer)
    assert board.timing == scorer.timing, (board, scorer)
    # The scorer also asks that the action fits the class; the board only that there is one.
    assert board.action or not scorer.action, (board, scorer)


def test_one_justification_lexicon_for_the_scorer_and_the_board():
    from grader.justifications import lexicon
    from prospection.board import indices

    data = json.loads((REPO / "prospection" / "texte" / "donnees" / "lexique_justifications.json").read_text("utf-8"))
    assert lexicon.CALL == data["call"] and lexicon.INTEREST == data["interest"]
    groups = indices._lexicon().groups
    assert set(groups["action"]) >= set(data["call"]) | set(data["quote"]) and groups["docs"] == tuple(data["docs"])
    assert not (REPO / "grader" / "justifications" / "matcher.py").exists()


@pytest.mark.parametrize("text", ["Intéressé, projet en janvier.", "Intéressé, commande cet hiver."])
def test_a_range_across_the_three_month_line_is_ambiguous_for_both_readers(text):
    """The range straddles salon + 92 days: the scorer says « ambigu », the engine asks to check."""
    from grader.engine import qualify
    from grader.justifications.analysis import analyse

    assert {c.kind for c in analyse(text, SALON).timing} == {"ambigu"}
    q = qualify(text, SALON)
    assert q.a_verifier and q.horizon.confidence <= 0.4, q


@pytest.mark.parametrize("justification", ["Intéressé par des maillots", "Projet en mai.", "Contact sympathique."])
def test_board_hints_see_no_action_where_the_scorer_sees_none(justification):
    from grader.justifications import hints as scorer_hints
    from prospection.board.indices import hints as board_hints

    assert not scorer_hints("", SALON, None, justification).action
    assert not board_hints("", SALON, None, justification).action
