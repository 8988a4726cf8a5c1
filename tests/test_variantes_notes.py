"""Grading a class released with one variant per learner, through the real toolchain and nbgrader.

A class of four is released with ``--variantes``; three learners hand in the model answers of
THEIR variant (built from their own key), the fourth hands in a classmate's mission answers and
claims that classmate's variant in the file. Graded by ``python -m grader autograde`` (nbgrader's
preprocessors of the class), points are read back from the gradebook.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader.exercices import module_for, score_answers
from grader.toolchain import variantes
from grader.toolchain.grades import gradebook, read_scores
from grader.toolchain.workspace import Classe

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
MISSION = "04_mission_salon"
EX01 = "01_telemarketing"
HONEST = ("alice.d", "bruno.m", "chloe.p")
COPIER = "damien.r"


def _python(*args):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "grader", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def mission_answers(public: dict, key: dict) -> dict:
    """The model answers of a mission variant: classes, evidence and action from its key."""
    return {"schema": "prospection-reponses", "version": 2, "exercice": MISSION,
            "variante": public["variante"], "modifie_le": "2026-11-28T08:00:00Z",
            "contexte": dict(public.get("contexte", {})),
            "questions": {"qualification": {"modifie_le": "2026-11-28T08:00:00Z", "valeur": {
                cid: {"classe": e["classe"],
                      "justification": f"{' ; '.join(e['preuves'])}. Action prévue : {e['action']}."}
                for cid, e in key["contacts"].items()}}}}


def hand_in(root: Path, login: str, aid: str, answers: dict) -> None:
    """A learner's copy as handed in: their own zip's notebook, with their answers (and annex)."""
    from prospection import annexe

    folder = root / "submitted" / login / aid
    with zipfile.ZipFile(root / "a_distribuer" / login / f"{aid}.zip") as z:
        z.extractall(root / ".depot" / login)
    shutil.copytree(root / ".depot" / login / aid, folder)
    (folder / "reponses.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    if aid == MISSION:
        values = answers["questions"]["qualification"]["valeur"]
        annexe.write_annexe([(cid, v["classe"], v["justification"]) for cid, v in values.items()],
                            folder / "annexe_salon.xlsx")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("variantes_notes")
    roster = tmp / "eleves.csv"
    lines = ["Nom;Prénom;Identifiant"] + [f"Nom{k};Prénom{k};{login}" for k, login in enumerate(HONEST + (COPIER,))]
    roster.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    root = tmp / "classe"
    _python("release", MISSION, EX01, "--classe", str(root), "--variantes", "--eleves-csv", str(roster),
            "--delai", "20")
    variants = {(login, aid): variantes.variant_for(root, login, aid)
                for login in HONEST + (COPIER,) for aid in (MISSION, EX01)}
    for login in HONEST:
        public, key = variants[(login, MISSION)]
        hand_in(root, login, MISSION, mission_answers(public, key))
        public, key = variants[(login, EX01)]
        hand_in(root, login, EX01, module_for(EX01).perfect_answers(public, key))
    copied = mission_answers(*variants[(HONEST[2], MISSION)])   # claims chloe's variant, too
    hand_in(root, COPIER, MISSION, copied)
    _python("autograde", "--classe", str(root), "--silencieux")
    scores = read_scores(Classe.open(root))
    flags = json.loads((root / "rapport" / "flags.json").read_text(encoding="utf-8"))
    return root, variants, scores, flags, copied


def _expected(variants, login: str, aid: str, answers: dict) -> dict[str, float]:
    public, key = variants[(login, aid)]
    return {s.grade_id: s.points for s in score_answers(aid, public, key, answers)}


def test_each_variant_is_its_own(graded):
    root, variants, scores, flags, _ = graded
    for aid in (MISSION, EX01):
        keys = {json.dumps(variants[(login, aid)][1], sort_keys=True) for login in HONEST + (COPIER,)}
        assert len(keys) == 4, aid
        for login in HONEST:
            with zipfile.ZipFile(root / "a_distribuer" / login / f"{aid}.zip") as z:
                assert json.loads(z.read(f"{aid}/questions.json")) == variants[(login, aid)][0]
                assert not any(n.endswith(".key.json") for n in z.namelist())


def test_honest_learners_get_full_data_points_from_their_own_key(graded):
    root, variants, scores, flags, _ = graded
    for login in HONEST:
        got = {q.split(":", 1)[1]: s for q, (s, _) in scores[login][MISSION]["questions"].items()}
        assert got["test_classes"] == 10.0 and got["test_reponses_completes"] == 2.0, (login, got)
        assert got["test_annexe"] == 2.0, (login, got)
        assert got["test_justifications"] > 3.0, (login, got)
        got01 = {q.split(":", 1)[1]: s for q, (s, _) in scores[login][EX01]["questions"].items()}
        public, key = variants[(login, EX01)]
        for s in score_answers(EX01, public, key, module_for(EX01).perfect_answers(public, key)):
            assert s.points == s.max_points, (login, s)   # the model answers are right…
            assert got01[s.grade_id] == s.max_points, (login, s.grade_id, got01)   # …and graded so
        assert not [f for f in flags[login][MISSION] if f["code"] == "copie_variante"]
        # The same answers against a classmate's key are not worth full points: the key used is theirs.
        other = HONEST[(HONEST.index(login) + 1) % 3]
        assert _expected(variants, other, MISSION, mission_answers(*variants[(login, MISSION)]))[
            "test_classes"] < 8.0


def test_a_classmates_answers_get_low_points_and_the_copy_flag(graded):
    root, variants, scores, flags, copied = graded
    got = {q.split(":", 1)[1]: s for q, (s, _) in scores[COPIER][MISSION]["questions"].items()}
    expected = _expected(variants, COPIER, MISSION, copied)   # graded against the copier's own key
    assert got["test_classes"] == expected["test_classes"] < 8.0
    [f] = [f for f in flags[COPIER][MISSION] if f["code"] == "copie_variante"]
    assert f["gravite"] == "alerte" and HONEST[2] in f["message"]
    with gradebook(Classe.open(root)) as gb:
        notebooks = gb.find_submission(MISSION, COPIER).notebooks
        assert notebooks and all(n.flagged for n in notebooks)
