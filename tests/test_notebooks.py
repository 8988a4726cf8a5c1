"""Every notebook, as a whole: clean when committed, runs in a real kernel, and the
exercises are exactly what nbgrader generates from the solutions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO, notebooks_in
from grader import nbtools

COURSE = notebooks_in("course")
SOLUTIONS = notebooks_in("solutions")
EXERCISES = notebooks_in("exercises")
ALL = COURSE + SOLUTIONS + EXERCISES
EXPECTED_LESSONS = ["00_accueil", "01_telemarketing", "02_cycle_prospect", "03_appels", "04_qualification",
                    "05_plan_appel", "06_fiche_prospect", "07_plan_prospection", "08_salon",
                    "09_simulateur_appel", "10_revision", "90_lexique"]
EXPECTED_EXERCISES = ["01_telemarketing", "02_cycle_prospect", "03_appels", "04_mission_salon", "05_simulateur_appel"]


def ids(paths):
    return [str(p.relative_to(REPO)) for p in paths]


def test_globs_are_not_empty():
    assert COURSE and SOLUTIONS and EXERCISES


def test_every_lesson_and_exercise_exists():
    for lesson in EXPECTED_LESSONS:
        assert (REPO / "course" / f"{lesson}.ipynb").is_file(), lesson
    for ex in EXPECTED_EXERCISES:
        assert (REPO / "solutions" / ex / f"{ex}.ipynb").is_file(), ex
        assert (REPO / "exercises" / ex / f"{ex}.ipynb").is_file(), ex
        assert (REPO / "tests" / f"test_{ex}.py").is_file(), ex


def test_expected_lessons_are_all_the_lessons():
    """A new lesson is listed here, with its test file, in docs/ARCHITECTURE.md and in README.md."""
    found = sorted(p.stem for p in (REPO / "course").glob("[0-9][0-9]_*.ipynb"))
    assert found, "no lesson found in course/"
    assert found == sorted(EXPECTED_LESSONS)
    architecture = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for lesson in EXPECTED_LESSONS:
        assert (REPO / "tests" / f"test_{lesson}.py").is_file(), lesson
        assert f"`{lesson}`" in architecture, f"{lesson} missing from docs/ARCHITECTURE.md"
        assert f"course/{lesson}.ipynb" in readme, f"{lesson} missing from README.md"


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell with outputs: {cell.source[:60]!r}"
            assert cell.execution_count is None, f"{path.name}: execution count left"
    assert "widgets" not in nb.metadata, f"{path.name}: widget state saved"


def execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return nb


@pytest.mark.xdist_group("kernels")
@pytest.mark.parametrize("path", COURSE, ids=ids(COURSE))
def test_course_notebook_runs(path, tmp_path):
    # Lessons run where they live (relative links and data), but must not write there.
    before = {p: p.stat().st_mtime for p in (REPO / "course").rglob("*") if p.is_file()}
    nb = execute(path, path.parent)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    after = {p for p in (REPO / "course").rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts}
    assert after <= set(before) | {p for p in after if p.name.startswith("reponses")}, "a lesson wrote files"


@pytest.mark.xdist_group("kernels")
@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_solution_notebook_runs(path, tmp_path):
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    execute(work / path.name, work)


def nbgrader(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.xdist_group("nbgrader")
@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_solution_passes_nbgrader_validate(path, tmp_path):
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    done = nbgrader("validate", str(work / path.name))
    assert done.returncode == 0, done.stderr
    assert "Success! Your notebook passes all the tests." in done.stdout, done.stdout


DATA_GRADED = [p for p in EXERCISES if (p.parent / "questions.json").is_file()]
CODE_GRADED = [p for p in EXERCISES if p not in DATA_GRADED]


@pytest.mark.xdist_group("nbgrader")
@pytest.mark.parametrize("path", CODE_GRADED, ids=ids(CODE_GRADED))
def test_released_exercise_fails_nbgrader_validate(path, tmp_path):
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    done = nbgrader("validate", str(work / path.name), "--invert")
    assert done.returncode == 0, done.stderr
    assert "Success! The notebook does not pass any tests." in done.stdout, done.stdout


def marked_regions(source: str, begin: str, end: str) -> list[str]:
    """Lines between nbgrader markers (the markers excluded)."""
    lines, inside, found = source.splitlines(), False, []
    for line in lines:
        if end in line:
            inside = False
        elif begin in line:
            inside = True
        elif inside and line.strip() and len(line.strip()) > 12:
            found.append(line.strip())
    return found


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_released_exercise_holds_no_solution_hidden_test_or_key(path):
    released_dir = REPO / "exercises" / path.parent.name
    released = nbformat.read(released_dir / path.name, 4)
    text = "\n".join(c.source for c in released.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text, f"{path.name}: marker {marker} released"
    secret = []
    for cell in nbformat.read(path, 4).cells:
        secret += marked_regions(cell.source, "BEGIN SOLUTION", "END SOLUTION")
        secret += marked_regions(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    released_lines = {line.strip() for line in text.splitlines()}
    leaked = [line for line in secret if line in released_lines]
    assert not leaked, f"{path.name}: solution or hidden-test lines released: {leaked[:3]}"
    for forbidden in ("load_key", "grader.keys", "_cles", ".key.json"):
        assert forbidden not in text, f"{path.name}: answer-key access released ({forbidden})"
    files = [p for p in released_dir.rglob("*") if p.is_file()]
    assert files
    assert not [p for p in files if p.name.endswith(".key.json") or "_cles" in p.parts]


@pytest.mark.xdist_group("nbgrader")
def test_exercises_equal_what_nbgrader_generates(tmp_path):
    generated = nbtools.generate_into(tmp_path)
    assigned = sorted(p.name for p in generated.iterdir())
    assert assigned == sorted(p.name for p in (REPO / "exercises").iterdir() if p.is_dir())
    for folder in generated.iterdir():
        for produced in sorted(folder.rglob("*")):
            committed = REPO / "exercises" / folder.name / produced.relative_to(folder)
            if produced.is_dir():
                continue
            assert committed.is_file(), f"missing from exercises/: {committed.relative_to(REPO)}"
            if produced.suffix == ".ipynb":
                assert nbformat.read(committed, 4) == nbformat.read(produced, 4), (
                    f"{committed.relative_to(REPO)} differs: run `make exercises`")
            else:
                assert committed.read_bytes() == produced.read_bytes(), committed
        # A learner's own answers (reponses*, git-ignored) may sit beside the release.
        extra = {p.relative_to(REPO / "exercises" / folder.name)
                 for p in (REPO / "exercises" / folder.name).rglob("*")
                 if p.is_file() and not p.name.startswith("reponses")
                 and ".ipynb_checkpoints" not in p.parts} - {
            p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}
        assert not extra, f"files in exercises/{folder.name} not produced by nbgrader: {extra}"


# ------------------------------------------------------------------ exercises graded from data


def test_data_graded_exercises_are_01_to_03_and_05():
    assert [p.parent.name for p in DATA_GRADED] == ["01_telemarketing", "02_cycle_prospect", "03_appels",
                                                    "05_simulateur_appel"]


@pytest.mark.xdist_group("kernels")
@pytest.mark.parametrize("path", DATA_GRADED, ids=ids(DATA_GRADED))
def test_released_exercise_runs_untouched_without_error(path, tmp_path):
    """« Exécuter tout » on the untouched release: no error, no stub, every widget shown."""
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    nb = execute(work / path.name, work)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert code_cells
    for cell in code_cells:
        assert "NotImplementedError" not in cell.source
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
    widgets_shown = [c for c in code_cells if c.source.startswith("ex.question(")
                     and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs)]
    spec = json.loads((work / "questions.json").read_text(encoding="utf-8"))
    assert len(widgets_shown) == len(spec["questions"])
    bilan = [c for c in code_cells if c.source == "ex.verifier()"]
    assert len(bilan) == 1 and "pas encore" in bilan[0].outputs[0]["data"]["text/html"]


@pytest.mark.parametrize("path", DATA_GRADED, ids=ids(DATA_GRADED))
def test_grade_cells_match_the_spec_points(path):
    from grader.exercices import _outils, module_for

    public, _ = module_for(path.parent.name).generate(None)
    assert json.loads((path.parent / "questions.json").read_text(encoding="utf-8")) == public
    expected = {g: (p, manual) for g, p, manual in _outils.graded_cells(public)}
    for nb_path in (path, REPO / "solutions" / path.parent.name / path.name):
        cells = {}
        for cell in nbformat.read(nb_path, 4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") or meta.get("task"):
                cells[meta["grade_id"]] = (meta["points"], bool(meta.get("task")))
                if meta.get("grade"):
                    assert cell.cell_type == "code" and cell.source.splitlines()[0].startswith('"""')
                    assert len(cell.source.splitlines()) == 2 and "ex.etat(" in cell.source
        assert cells == expected, nb_path


@pytest.mark.parametrize("path", DATA_GRADED, ids=ids(DATA_GRADED))
def test_no_key_content_in_the_release(path):
    from grader.exercices import module_for

    module = module_for(path.parent.name)
    _, key = module.generate(None)
    released = "\n".join(p.read_text(encoding="utf-8") for p in path.parent.rglob("*")
                         if p.is_file() and p.suffix in (".ipynb", ".json") and not p.name.startswith("reponses"))
    assert "tolerance" not in released and "BEGIN HIDDEN" not in released
    spec = json.loads((path.parent / "questions.json").read_text(encoding="utf-8"))
    for q in spec["questions"]:
        assert "cle" not in q and "reponse" not in q and "solution" not in q
        example = (q.get("exemple") or {}).get("item")
        for item in q["items"]:
            assert set(item) <= {"id", "texte", "colonnes"}
            assert item["id"] == example or "valeur" not in item


def test_committed_questions_and_data_are_what_the_generators_give():
    done = subprocess.run([sys.executable, "-m", "grader", "questions", "--verifier"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
