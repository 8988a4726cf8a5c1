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
