"""Red team: copies that try to get points without the work, graded in a real class folder.

Every case of ``tests/fixtures/submissions/submitted-<case>/`` (built by
``tests/fixtures/build_redteam.py``) is handed in with two honest classmates, then graded through
the documented commands (``python -m grader release|autograde|feedback|export|report``) and again
by a plain ``nbgrader autograde`` in the class folder. Each attack must get exactly the points of
the answers data it really handed in (0 when it handed in none), be flagged (report and
nbgrader's « flagged » state), and change no byte outside its own scratch copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from grader.exercices import score_answers
from grader.toolchain.answers import attach_data_files, load_answers_document
from grader.toolchain.grades import gradebook, read_scores
from grader.toolchain.nbg import spec_and_key
from grader.toolchain.workspace import Classe

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "submissions"
AID = "04_mission_salon"
CASES = sorted(p.name.removeprefix("submitted-") for p in FIXTURES.glob("submitted-*") if p.is_dir())
MODEL = REPO / "solutions" / AID  # holds the model answers file (never released)
NO_ANSWERS = {c for c in CASES if not (FIXTURES / f"submitted-{c}" / "reponses.json").exists()}
HONEST = ("honnete", "autre")


def _python(*args, cwd=None, check=True, timeout=1200):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if check:
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def _hand_in_honest(root: Path, sid: str, share: int) -> None:
    from prospection import annexe
    folder = root / "submitted" / sid / AID
    folder.mkdir(parents=True)
    shutil.copy(root / "release" / AID / f"{AID}.ipynb", folder)
    doc = load_answers_document(MODEL, AID)[1]
    assert doc["questions"], "réponses modèles introuvables dans solutions/"
    values = doc["questions"]["qualification"]["valeur"]
    kept = dict(sorted(values.items())[:share])
    doc["questions"]["qualification"]["valeur"] = kept
    (folder / "reponses.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    annexe.write_annexe([(f"{cid}", v["classe"], v["justification"]) for cid, v in kept.items()],
                        folder / "annexe_salon.xlsx")


def _hashes(paths: list[Path]) -> dict[str, str]:
    out = {}
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _protected(root: Path) -> list[Path]:
    return [REPO / "solutions" / "_cles", REPO / "grader" / "nbgrader_config.py",
            REPO / "nbgrader_config.py", root / "cles", root / "nbgrader_config.py",
            root / "classe.json", root / "source", root / "release", root / "submitted"]


def _expected(root: Path, sid: str) -> float:
    """The points of the answers data handed in, scored straight from the submitted folder."""
    folder = root / "submitted" / sid / AID
    public, key = spec_and_key(root, AID)
    _, doc, _ = load_answers_document(folder, AID)
    attach_data_files(doc, folder, public)
    return round(sum(s.points for s in score_answers(AID, public, key, doc)), 2)


def _flagged(root: Path) -> dict[str, bool]:
    classe = Classe.open(root)
    with gradebook(classe) as gb:
        return {s.student.id: any(n.flagged for n in s.notebooks)
                for s in gb.find_assignment(AID).submissions}


def _sandbox_processes(marker: str = "update grade set auto_score") -> list[int]:
    """Live processes of the sandbox uid started by these copies (the detached attack's own code
    is the marker), so another test worker's sandboxes running meanwhile are not counted; waits
    for the kernel's asynchronous kill of a dying PID namespace to settle."""
    import time

    import psutil
    deadline = time.monotonic() + 3
    while True:
        found = [p.pid for p in psutil.process_iter(["uids", "cmdline", "status"])
                 if p.info["uids"] and p.info["uids"].real == 65534 and p.info["status"] != psutil.STATUS_ZOMBIE
                 and marker in " ".join(p.info["cmdline"] or [])]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    assert CASES, f"aucune copie piégée dans {FIXTURES}"
    root = tmp_path_factory.mktemp("redteam") / "classe"
    _python("-m", "grader", "release", AID, "--classe", str(root), "--delai", "10")
    for case in CASES:
        shutil.copytree(FIXTURES / f"submitted-{case}", root / "submitted" / case / AID)
    _hand_in_honest(root, "honnete", 27)
    _hand_in_honest(root, "autre", 20)
    before = _hashes(_protected(root))
    _python("-m", "grader", "autograde", "--classe", str(root), "--silencieux")
    time.sleep(2)  # a process that outlived grading would be rewriting grades by now
    after = _hashes(_protected(root))
    scores = read_scores(Classe.open(root))
    flags = json.loads((root / "rapport" / "flags.json").read_text(encoding="utf-8"))
    flagged = _flagged(root)
    leftovers = _sandbox_processes()
    for command in ("feedback", "export", "report"):
        _python("-m", "grader", command, "--classe", str(root))
    expected = {sid: _expected(root, sid) for sid in [*CASES, *HONEST]}
    # the teacher's plain nbgrader, in the class folder, grades the same way
    plain = _python("-m", "nbgrader", "autograde", AID, "--force", cwd=root, check=False)
    plain_scores = read_scores(Classe.open(root))
    return {"root": root, "before": before, "after": after, "scores": scores, "flags": flags,
            "flagged": flagged, "expected": expected, "plain": plain, "plain_scores": plain_scores,
            "leftovers": leftovers}


def _score(scores, sid):
    return round(scores[sid][AID]["score"], 2)


def test_every_case_folder_holds_a_notebook():
    assert CASES
    for case in CASES:
        assert (FIXTURES / f"submitted-{case}" / f"{AID}.ipynb").is_file(), case


def test_honest_copies_get_their_points_and_no_alert(graded):
    assert _score(graded["scores"], "honnete") == 20.0  # 2 + 10 + 6 + 2: the model answers
    assert _score(graded["scores"], "autre") == graded["expected"]["autre"]
    assert 0 < graded["expected"]["autre"] < 20
    for sid in HONEST:
        alerts = [f for f in graded["flags"][sid][AID] if f["gravite"] == "alerte"]
        assert not alerts, (sid, alerts)
        assert graded["flagged"][sid] is False


@pytest.mark.parametrize("case", CASES)
def test_attack_gets_exactly_the_points_of_its_answers(graded, case):
    got = _score(graded["scores"], case)
    assert got == graded["expected"][case], (case, got, graded["expected"][case])
    if case in NO_ANSWERS:
        assert got == 0.0
    else:  # the class points, recomputed here from the key and the handed-in file
        doc = json.loads((FIXTURES / f"submitted-{case}" / "reponses.json").read_text(encoding="utf-8"))
        key = json.loads((graded["root"] / "cles" / f"{AID}.key.json").read_text(encoding="utf-8"))
        right = sum(1 for cid, v in doc["questions"]["qualification"]["valeur"].items()
                    if key["contacts"].get(cid, {}).get("classe") == v["classe"])
        classes = graded["scores"][case][AID]["questions"][f"{AID}:test_classes"][0]
        assert classes == round(10 * right / len(key["contacts"]), 2)


@pytest.mark.parametrize("case", CASES)
def test_attack_is_flagged_in_report_and_gradebook(graded, case):
    alerts = [f for f in graded["flags"][case][AID] if f["gravite"] == "alerte"]
    assert alerts, graded["flags"][case][AID]
    assert all(f["message"] and "\u00a0:" in f["message"] or f["message"] for f in alerts)
    assert graded["flagged"][case] is True


def test_nothing_outside_the_scratch_copies_changed(graded):
    before, after = graded["before"], graded["after"]
    assert before, "rien n'a été haché"
    changed = sorted(k for k in before if before[k] != after.get(k))
    added = sorted(set(after) - set(before))
    assert not changed and not added, (changed, added)
    assert not Path("/tmp/pirate").exists()
    assert not graded["leftovers"], f"processus du bac à sable encore vivants : {graded['leftovers']}"


def test_specific_attacks_are_named(graded):
    codes = {case: {f["code"] for f in graded["flags"][case][AID]} for case in CASES}
    expect = {
        "ast-transformer": {"transformeur_ast", "autocontrole_contredit"},
        "shadow-round": {"builtins_remplaces"},
        "patch-helpers": {"fonctions_modifiees", "autocontrole_contredit"},
        "import-load-key": {"acces_corrige"},
        "run-source-solutions": {"lecture_hors_copie"},
        "read-classmate": {"lecture_hors_copie"},
        "detached-process": {"processus_lance", "processus_survivant"},
        "rewrite-key": {"lecture_hors_copie"},
        "rewrite-config": {"acces_corrige"},
        "pandas-py-beside": {"module_a_cote"},
        "huge-print": {"sortie_tronquee"},
    }
    assert set(expect) <= set(CASES)
    for case, wanted in expect.items():
        assert wanted <= codes[case], (case, codes[case])


def test_huge_output_is_cut_in_the_graded_notebook(graded):
    path = graded["root"] / "autograded" / "huge-print" / AID / f"{AID}.ipynb"
    assert path.stat().st_size < 10_000_000
    nbformat.read(path, as_version=4)


def test_plain_nbgrader_gives_the_same_points(graded):
    assert graded["plain"].returncode == 0, graded["plain"].stderr[-3000:]
    for sid in [*CASES, *HONEST]:
        assert _score(graded["plain_scores"], sid) == _score(graded["scores"], sid), sid


def test_export_has_one_row_per_learner(graded):
    import csv
    rows = list(csv.DictReader(open(graded["root"] / "export" / "notes.csv", encoding="utf-8-sig"),
                               delimiter=";"))
    assert {r["identifiant"] for r in rows} == set(CASES) | set(HONEST)
