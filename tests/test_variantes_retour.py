"""Teacher-side per-contact views of a class released with one variant per learner.

Feedback (``retour.json``, the page), review flags and the class report / Excel export rows of
a learner are computed on THEIR variant's key and notes, never on the class-wide key (whose
contacts are another file's, with the same ids C01…).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grader.toolchain import variantes
from grader.toolchain.answers import (graded_answers_and_key, justification_feedback,
                                      justification_review_flags, load_key)
from grader.toolchain.data import gather
from grader.toolchain.release import write_spec_and_key
from grader.toolchain.workspace import STAGING, Classe

from test_variantes_notes import mission_answers as model_answers  # the same model answers

ROOT = Path(__file__).resolve().parent.parent
MISSION = "04_mission_salon"
LOGINS = ("alice.d", "bruno.m")


@pytest.fixture(scope="module")
def classe(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("variantes_retour")
    classe = Classe.create(tmp / "classe")
    for folder in ("source", "release"):
        shutil.copytree(ROOT / "exercises" / MISSION, classe.root / folder / MISSION)
    write_spec_and_key(classe, MISSION)   # the class-wide key, as « release » writes it
    (classe.root / "cles" / "sel.txt").write_text("sel-fixe-des-tests\n", encoding="utf-8")
    learners = [variantes.Learner(login) for login in LOGINS]
    variantes.build_variants(classe, learners, [MISSION], log=lambda *_: None)
    for login in LOGINS:
        public, key = variantes.variant_for(classe, login, MISSION)
        folder = classe.root / "submitted" / login / MISSION
        folder.mkdir(parents=True)
        (folder / "reponses.json").write_text(json.dumps(model_answers(public, key), ensure_ascii=False),
                                              encoding="utf-8")
    return classe


def _notes(public: dict) -> dict[str, str]:
    [items] = [q["items"] for q in public["questions"] if q.get("type") == "qualification"]
    return {i["id"]: i["observations"] for i in items}


def test_variant_keys_carry_each_contacts_notes(classe):
    for login in LOGINS:
        public, _ = variantes.variant_for(classe, login, MISSION)
        key = load_key({"cle": str(classe.root / "cles" / login / f"{MISSION}.key.json")})
        assert {cid: e.get("observations") for cid, e in key["contacts"].items()} == _notes(public)


def test_feedback_and_review_flags_use_the_learners_own_key(classe):
    for login in LOGINS:
        _, own = variantes.variant_for(classe, login, MISSION)
        doc, key = graded_answers_and_key(classe, login, MISSION, STAGING)
        assert {cid: e["organisation"] for cid, e in key["contacts"].items()} == \
            {cid: e["organisation"] for cid, e in own["contacts"].items()}
        rows = justification_feedback(doc, key)
        assert len(rows) == len(own["contacts"])   # every contact graded against its own notes
        assert sum(r["preuve_ok"] for r in rows) >= 0.8 * len(rows)   # model answers of THEIR variant
        assert sum(r["action_ok"] for r in rows) >= 0.8 * len(rows)
        assert not any("notes de ces contacts" in f["message"] for f in justification_review_flags(doc, key))


def test_class_report_rows_use_the_learners_own_key_and_notes(classe):
    rows = gather(classe).contacts
    for login in LOGINS:
        public, own = variantes.variant_for(classe, login, MISSION)
        mine = {r["contact"]: r for r in rows if r["eleve"] == login}
        assert set(mine) == set(own["contacts"])
        notes = _notes(public)
        for cid, row in mine.items():
            assert row["organisation"] == own["contacts"][cid]["organisation"]
            assert row["classe_cle"] == own["contacts"][cid]["classe"]
            assert row["correct"], (login, cid)
            assert row["observations"] == notes[cid]
            assert row["point_preuve"] is not None and not row["raison_relecture"].startswith("notes du contact")


def test_a_class_without_variants_keeps_the_class_wide_key(tmp_path):
    classe = Classe.create(tmp_path / "classe")
    for folder in ("source", "release"):
        shutil.copytree(ROOT / "exercises" / MISSION, classe.root / folder / MISSION)
    write_spec_and_key(classe, MISSION)
    public = json.loads((classe.root / "source" / MISSION / "questions.json").read_text(encoding="utf-8"))
    class_key = json.loads((classe.root / "cles" / f"{MISSION}.key.json").read_text(encoding="utf-8"))
    folder = classe.root / "submitted" / "eleve" / MISSION
    folder.mkdir(parents=True)
    (folder / "reponses.json").write_text(json.dumps(model_answers(public, class_key), ensure_ascii=False),
                                          encoding="utf-8")
    _, key = graded_answers_and_key(classe, "eleve", MISSION, STAGING)
    assert key == load_key(classe.answers[MISSION])
    rows = gather(classe).contacts
    assert {r["contact"] for r in rows} == set(class_key["contacts"])
    assert all(r["correct"] for r in rows)
