"""Robustness of ``python -m grader autograde``: one fixture submission per case.

The fixtures (``tests/fixtures/submissions/submitted-<case>.*``) are derived from the small
fixture assignment ``tests/fixtures/solutions/90_mini_salon`` (9 autograded points: test_carre 2,
test_total 3, test_reponses 3 with partial credit, plus 1 manual point). The whole fixture
class is graded once; every case must be graded or reported with its reason, and none may
block or corrupt the others.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ASSIGNMENT, SUBMISSIONS, cases, class_with  # noqa: E402

from grader.toolchain.autograde import autograde  # noqa: E402
from grader.toolchain.grades import read_scores  # noqa: E402
from grader.toolchain.workspace import read_json  # noqa: E402

LIMIT = 60  # seconds per copy: kernels start in the sandbox, on a machine shared by many

# case -> (expected autograded points out of 9, flag codes that must be raised)
EXPECTED = {
    "perfect": (8, set()),
    "partial": (1, set()),
    "empty": (0, {"reponses_absentes"}),
    "duplicated-grade-id": (5, {"cellule_dupliquee"}),
    "changed-cell-type": (8, {"type_cellule_modifie"}),
    "deleted-test-cell": (3, {"cellule_test_supprimee"}),
    "edited-test-cell": (3, {"cellule_test_modifiee"}),
    "edited-readonly-cell": (8, {"cellule_lecture_seule_modifiee"}),
    "infinite-loop": (8, {"cellule_interrompue"}),
    # test_carre ran before the stuck cell and counts; the cells after it never ran: 0
    "ignores-interrupt": (2, {"cellule_interrompue"}),
    "kernel-crash": (0, {"noyau_arrete"}),
    "invalid-json": (0, {"notebook_illisible"}),
    "renamed-notebook": (8, {"notebook_renomme"}),
    "missing-notebook": (0, {"notebook_manquant"}),
    "tampered-answers": (7, {"reponses_modifiees"}),
    "invalid-answers-json": (5, {"reponses_illisibles"}),
    "extra-files": (8, {"fichiers_en_plus"}),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    names = cases()
    classe = class_with(tmp_path_factory.mktemp("robustesse") / "classe", names, timeout=6)  # per cell: a loaded machine slows even a short cell
    start = time.monotonic()
    flags = autograde(classe, workers=2, limit=LIMIT, progress=False, log=lambda *_: None)
    elapsed = time.monotonic() - start
    return classe, flags, read_scores(classe), elapsed


def test_every_fixture_case_has_an_expectation():
    assert set(cases()) == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_is_graded_or_reported_with_its_reason(graded, case):
    classe, flags, scores, _ = graded
    points, codes = EXPECTED[case]
    got = scores[case][ASSIGNMENT]
    assert got["max"] == 9
    assert got["score"] == points, (case, got)
    raised = {f["code"] for f in flags[(case, ASSIGNMENT)]}
    assert codes <= raised, (case, raised)
    for f in flags[(case, ASSIGNMENT)]:
        assert f["message"] and f["gravite"] in {"info", "attention", "alerte"}
    saved = read_json(classe.flags_path)
    assert saved[case][ASSIGNMENT] == flags[(case, ASSIGNMENT)]


def test_clean_copies_raise_no_alert(graded):
    _, flags, _, _ = graded
    for case in ("perfect", "partial"):
        assert not [f for f in flags[(case, ASSIGNMENT)] if f["gravite"] == "alerte"]


def test_edited_test_cell_gets_no_points_from_its_fake_test(graded):
    """The learner replaced test_carre by ``assert True``: the real test ran again."""
    _, _, scores, _ = graded
    assert scores["edited-test-cell"][ASSIGNMENT]["questions"][f"{ASSIGNMENT}:test_carre"] == (0.0, 2.0)
    assert scores["edited-readonly-cell"][ASSIGNMENT]["questions"][f"{ASSIGNMENT}:test_total"] == (3.0, 3.0)


def test_deleted_test_cell_is_restored_and_graded(graded):
    classe, _, scores, _ = graded
    assert scores["deleted-test-cell"][ASSIGNMENT]["questions"][f"{ASSIGNMENT}:test_total"] == (0.0, 3.0)
    graded_nb = (classe.root / "autograded" / "deleted-test-cell" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    assert "test_total" in graded_nb.read_text(encoding="utf-8")


def test_stuck_copy_does_not_hold_up_the_class(graded):
    classe, flags, scores, elapsed = graded
    # 17 copies, one stuck for good: the class is done well before 17 × the limit
    assert elapsed < len(EXPECTED) * LIMIT / 2, elapsed
    # the stuck copy was cut at the cell time limit inside the sandbox, and still shows graded
    shown = classe.root / "autograded" / "ignores-interrupt" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert "CellTimeoutError" in shown.read_text(encoding="utf-8")
    assert all(case in scores for case in EXPECTED)


def test_learner_files_are_never_modified(graded):
    classe, _, _, _ = graded
    for case in ("tampered-answers", "invalid-answers-json", "renamed-notebook", "duplicated-grade-id"):
        folder = classe.root / "submitted" / case / ASSIGNMENT
        for fixture in SUBMISSIONS.glob(f"submitted-{case}.*"):
            name = "reponses_salon.json" if fixture.name.endswith(".reponses_salon.json") else None
            target = folder / name if name else next(folder.glob("*.ipynb"))
            assert target.read_bytes() == fixture.read_bytes(), target


def test_tampered_answers_are_cleaned_for_grading(graded):
    classe, flags, _, _ = graded
    message = " ".join(f["message"] for f in flags[("tampered-answers", ASSIGNMENT)])
    assert "C99" in message and "brûlant" in message and "note_finale" in message
    graded_answers = json.loads((classe.root / "autograded" / "tampered-answers" / ASSIGNMENT /
                                 "reponses_salon.json").read_text(encoding="utf-8"))
    assert set(graded_answers["reponses"]) == {"C01", "C02", "C03"}
    assert graded_answers["reponses"]["C02"]["qualification"] is None


def test_extra_files_are_left_out_of_grading(graded):
    classe, _, _, _ = graded
    folder = classe.root / "autograded" / "extra-files" / ASSIGNMENT
    assert not (folder / "json.py").exists()


def test_autograde_twice_gives_the_same_grades_and_flags(graded):
    classe, flags, scores, _ = graded
    again = ["perfect", "deleted-test-cell", "edited-test-cell", "tampered-answers"]
    flags2 = autograde(classe, students=again, workers=2, limit=25, progress=False, log=lambda *_: None)
    scores2 = read_scores(classe)
    for case in again:
        assert scores2[case][ASSIGNMENT] == scores[case][ASSIGNMENT]
        assert flags2[(case, ASSIGNMENT)] == flags[(case, ASSIGNMENT)]
    # the learners not regraded kept their grades and flags
    assert scores2["partial"] == scores["partial"]
    assert read_json(classe.flags_path)["kernel-crash"][ASSIGNMENT] == flags[("kernel-crash", ASSIGNMENT)]
