"""Quality gate: the grader agrees with the hand labels (dev and held-out sets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.bench_justifications import agreement, grade, kappa

DATA = Path(__file__).resolve().parent / "data"
FIELDS = {"observations", "date_salon", "reference", "qualification", "justification",
          "label_evidence", "label_action"}


def load(name: str) -> list[dict]:
    path = DATA / f"justifications_{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, f"{path} est vide"
    return rows


def test_labelled_sets_are_well_formed_and_separate():
    dev, holdout = load("dev"), load("holdout")
    assert len(dev) >= 200 and len(holdout) >= 60
    for rows in (dev, holdout):
        for r in rows:
            assert FIELDS <= set(r), r
            assert r["label_evidence"] in (0, 1) and r["label_action"] in (0, 1)
        assert len({r["observations"] for r in rows}) >= 15
    assert not {r["justification"] for r in dev} & {r["justification"] for r in holdout}


def test_kappa_formula():
    assert kappa([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0
    assert kappa([1, 1, 0, 0], [1, 0, 1, 0]) == 0.0


@pytest.mark.parametrize("name", ["dev", "holdout"])
def test_agreement_with_hand_labels(name):
    rows = load(name)
    res = agreement(rows, grade(rows))
    for point in ("evidence", "action"):
        acc, kap = res[point]
        assert acc >= 0.9, f"{name}/{point}: accord {acc:.1%} < 90 %"
        assert kap >= 0.8, f"{name}/{point}: kappa {kap:.3f} < 0,8"


# --- the course's own contacts file and answer key ---------------------------------------------
REPO = Path(__file__).resolve().parent.parent
KEY = REPO / "solutions" / "_cles" / "contacts_salon_clubs_associations.key.json"


@pytest.fixture(scope="module")
def course():
    from prospection.loader import load_bundled

    key = json.loads(KEY.read_text(encoding="utf-8"))
    notes = {str(r.id): str(r.observations) for r in load_bundled().frame.itertuples()}
    assert key["contacts"] and set(key["contacts"]) <= set(notes)
    return key, notes


def test_key_evidence_and_action_earn_both_points(course):
    """A justification made of the key's own evidence and action gets 1 + 1, unflagged."""
    from grader.justifications import score

    key, notes = course
    for cid, entry in key["contacts"].items():
        text = "Preuves : " + " ; ".join(entry["preuves"]) + ". Action : " + entry["action"]
        s = score(notes[cid], key["date_salon"], entry["classe"], entry["classe"], text)
        assert (s.evidence, s.action, s.a_revoir) == (1, 1, False), (cid, s)


def test_another_class_action_earns_no_action_point(course):
    from grader.justifications import score

    key, notes = course
    actions = {e["classe"]: e["action"] for e in key["contacts"].values()}
    assert len(actions) == 3
    for cid, entry in key["contacts"].items():
        for other, action in actions.items():
            if other != entry["classe"]:
                s = score(notes[cid], key["date_salon"], entry["classe"], entry["classe"], "Action : " + action)
                assert s.action == 0, (cid, other)


def test_engine_justifications_earn_both_points(course):
    """The qualification engine's own justification, when its class is right, gets 1 + 1."""
    import datetime

    from grader.justifications import score
    from grader.engine import qualify

    key, notes = course
    salon = datetime.date.fromisoformat(key["date_salon"])
    checked = 0
    for cid, entry in key["contacts"].items():
        q = qualify(notes[cid], salon)
        if q.classe != entry["classe"]:
            continue
        checked += 1
        s = score(notes[cid], salon, entry["classe"], q.classe, q.justification)
        assert (s.evidence, s.action) == (1, 1), (cid, q.justification)
    assert checked >= 20
