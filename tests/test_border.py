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


# ---------------------------------------------------------------- one phrase matcher

def test_every_reader_finds_phrases_with_the_one_matcher():
    from grader.justifications import lexicon as scorer_lexicon
    from prospection.board import indices as board_indices
    from prospection.texte import francais, indices, phrases

    assert isinstance(indices._index(), phrases.Lexicon)  # the cue scan: engine and lessons
    assert isinstance(board_indices._lexicon(), phrases.Lexicon)
    assert isinstance(scorer_lexicon.ALL_LEX, phrases.Lexicon)
    assert not hasattr(francais, "PhraseIndex") and not hasattr(francais, "find_phrases")


@pytest.mark.parametrize("sentence, phrase, negated", [
    ("Le club n'a aucun projet d'équipement.", "aucun projet", False),
    ("Elle ne prévoit pas d'achat.", "prévoit * achat", True),
    ("Pas intéressé par l'offre.", "intéressé", True),
    ("Pas intéressé par l'offre.", "pas intéressé", False),
])
def test_one_negation_rule_for_the_cue_scan_and_the_scorer_lexicon(sentence, phrase, negated):
    from prospection.texte.phrases import Lexicon, Text, find_phrases

    (match,) = [m for m in find_phrases(sentence, [phrase])]
    (hit,) = Text(sentence).find(Lexicon({"x": [phrase]}))
    assert match.negated is hit.negated is negated


# ---------------------------------------------------------------- exercise 03's opener rubric is teacher-side

def opener_samples() -> tuple[dict, list[tuple[str, float]]]:
    """The key's names for exercise 03 Q2 (common variant) and openers with their graded points."""
    from grader.exercices import ex_03_appels as ex

    public, key = ex.generate(None)
    perfect = ex.perfect_answers(public, key)["questions"]["q2_accroche"]["valeur"]
    q2 = next(q for q in public["questions"] if q["id"] == "q2_accroche")
    slots = "plutôt mardi à 18\u00a0h ou jeudi à 18\u00a0h\u00a030\u00a0?"
    moment = "Est-ce que je vous appelle au bon moment\u00a0?"
    assert slots in perfect and moment in perfect
    no_slots = perfect.replace(slots, "qu'en pensez-vous\u00a0?")
    no_moment = no_slots.replace(moment, "Vous allez bien\u00a0?")
    texts = [perfect, no_slots, no_moment,
             no_moment.replace(f"Nous avons échangé au {key['q2_accroche']['contact_prealable']}, où vous m'aviez "
                               "parlé de votre projet.", "Je voulais vous parler de nos maillots."),
             "Madame, " + " ".join(["nos tenues sont solides et nos prix sont doux pour les clubs"] * 2) + ".",
             "Bonjour."]
    samples = []
    for text in texts:
        answers = {"questions": {"q2_accroche": {"valeur": text}}}
        (scored,) = [s for s in ex.score(public, key, answers) if s.question_id == "q2_accroche"]
        samples.append((text, scored.points))
    names = {k: key["q2_accroche"][k] for k in ("vendeur", "entreprise", "contact_prealable")}
    assert q2["points"] == 5
    return names, samples


def test_the_opener_samples_cover_the_whole_scale():
    _, samples = opener_samples()
    assert sorted(p for _, p in samples) == [0, 1, 2, 3, 4, 5]


def test_the_lessons_checklist_cannot_reproduce_the_graded_points():
    """Openers the checklist reads the same way get different points: the grade is not in it."""
    from prospection.cours.appels_accroche import reperes_accroche

    _, samples = opener_samples()
    points_by_reading: dict[tuple, set] = {}
    for text, points in samples:
        reading = tuple((r.cle, bool(r.vu)) for r in reperes_accroche(text).reperes)
        points_by_reading.setdefault(reading, set()).add(points)
    assert max(len(p) for p in points_by_reading.values()) >= 3, points_by_reading
    # The rubric's criteria the checklist does not look at at all.
    looked_at = {r.cle for r in reperes_accroche(samples[0][0]).reperes}
    assert not looked_at & {"contact_prealable", "bon_moment", "rendez_vous"}


def rubric_patterns() -> list[str]:
    """The regular expressions of exercise 03's opener rubric (teacher-side)."""
    from grader.exercices import bareme_accroche as bareme

    tables = (bareme.SALUTATIONS, bareme.IDENTITE, bareme.ENTREPRISE, bareme.CONTACT_PREALABLE,
              bareme.RENDEZ_VOUS, bareme.CRENEAUX, bareme.BON_MOMENT)
    patterns = [p for table in tables for p in table if "\\" in p]  # regular expressions, not plain words
    assert len(patterns) > 60
    return patterns


def rubric_copied(text: str, patterns: list[str]) -> list[str]:
    """The rubric's patterns found in ``text`` when it looks like a copy of the rubric: one of its
    long, distinctive expressions, or a quarter of all of them (single common words such as
    « \\bbonjour\\b » are fair game for any lesson)."""
    found = [p for p in patterns if p in text]
    return found if any(len(p) >= 30 for p in found) or len(found) >= len(patterns) / 4 else []


def test_the_learner_part_holds_no_copy_of_the_opener_rubric():
    import prospection.cours.appels as appels
    import prospection.cours.appels_accroche as accroche
    from grader.exercices import bareme_accroche

    patterns = rubric_patterns()
    # The check is not blind: the teacher's module is a copy of the rubric.
    assert rubric_copied(Path(bareme_accroche.__file__).read_text(encoding="utf-8"), patterns)
    names = ["evaluer_accroche", "EvaluationAccroche", "_choix_de_creneaux", "BON_MOMENT", "CRENEAUX"]
    files = [p for p in (REPO / "prospection").rglob("*") if p.suffix in (".py", ".json", ".md") and p.is_file()]
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if n in text], path
        assert not rubric_copied(text, patterns), path
    for module in (appels, accroche):
        assert not any(hasattr(module, n) for n in names), module


_PROBE = r'''
import json, re, sys
import learner_probe as lp

samples, names, extra = json.loads(open(sys.argv[1], encoding="utf-8").read())
items = lp.callables()
if extra:
    import importlib
    module, _, attr = extra.rpartition(".")
    items.append((extra, getattr(importlib.import_module(module), attr)))
FRACTION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:/\s*\d+|points?\b)")


def features(value):
    nums, bools = set(), set()
    for attr in ("score", "points", "note", "total", "resultat"):
        v = getattr(value, attr, None)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            nums.add(float(v))
    for attr in ("reussie", "ok", "passed", "valide"):
        v = getattr(value, attr, None)
        if isinstance(v, bool):
            bools.add(v)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        nums.add(float(value))
    if isinstance(value, bool):
        bools.add(value)
    nums |= {float(m.replace(",", ".")) for m in FRACTION.findall(lp.text_of(value))}
    return sorted(nums), sorted(bools)


report = {"callables": len(items), "answers": {}}
for name, fn in items:
    for kwargs in ({}, names):
        if not lp.call(fn, (samples[0],), kwargs)[0]:
            continue
        found = []
        for text in samples:
            ok, value = lp.call(fn, (text,), kwargs)
            if not ok:
                break
            found.append(features(value))
        if len(found) == len(samples):
            report["answers"][f"{name}{'(noms)' if kwargs else ''}"] = found
print(json.dumps(report))
'''


def probe_openers(tmp_path, extra: str = "") -> tuple[dict, list[float]]:
    import subprocess
    import sys

    names, samples = opener_samples()
    inputs = tmp_path / "entrees.json"
    inputs.write_text(json.dumps([[t for t, _ in samples], names, extra], ensure_ascii=False), encoding="utf-8")
    work = tmp_path / "travail"
    work.mkdir()
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    env.update(HOME=str(work), PYTHONPATH=str(REPO / "tests"))
    done = subprocess.run([sys.executable, "-c", _PROBE, str(inputs)], capture_output=True, text=True, cwd=work,
                          env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), [p for _, p in samples]


def graded_outputs(report: dict, points: list[float]) -> list[str]:
    """Callables whose output carries exercise 03's opener points (or the rubric's count, or the
    full-marks verdict) for every sample."""
    rubric = [p - 1 if p else 0 for p in points]  # minus the length point
    full = [p == max(points) for p in points]
    flagged = []
    for name, found in report["answers"].items():
        nums = [set(n) for n, _ in found]
        bools = [set(b) for _, b in found]
        if all(p in n for p, n in zip(points, nums)) or all(r in n for r, n in zip(rubric, nums)) \
                or all(f in b and len(b) == 1 for f, b in zip(full, bools)):
            flagged.append(name)
    return flagged


@pytest.mark.slow
def test_no_learner_callable_returns_exercise_03s_opener_points(tmp_path):
    report, points = probe_openers(tmp_path, extra="grader.exercices.bareme_accroche.evaluer_accroche")
    assert report["callables"] > 100 and report["answers"]
    # The checker is not blind: the teacher's rubric, added to the list, is caught.
    flagged = graded_outputs(report, points)
    assert "grader.exercices.bareme_accroche.evaluer_accroche(noms)" in flagged
    assert [f for f in flagged if f.startswith("prospection.")] == []
    assert "prospection.cours.appels_accroche.verifier_accroche" in report["answers"]


@pytest.mark.slow
def test_the_learner_wheel_carries_no_opener_rubric(tmp_path):
    """Built from a clean copy of the sources (a stale ``build/`` must not leak into it)."""
    import zipfile

    from test_packaging import build_learner_wheel, learner_sources

    wheel = build_learner_wheel(learner_sources(tmp_path / "src"), tmp_path / "w")
    patterns = rubric_patterns()
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "prospection/cours/appels_accroche.py" in names
        assert not [n for n in names if n.startswith("grader/") or "bareme" in n]
        for name in names:
            text = zf.read(name).decode("utf-8", errors="replace")
            assert "evaluer_accroche" not in text and not rubric_copied(text, patterns), name
