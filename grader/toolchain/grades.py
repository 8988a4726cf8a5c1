"""Reading and writing grades in the class gradebook (nbgrader's SQLite database)."""

from __future__ import annotations

from contextlib import contextmanager

from .workspace import Classe


@contextmanager
def gradebook(classe: Classe):
    from nbgrader.api import Gradebook
    config = classe.load_config()
    course_id = config.CourseDirectory.get("course_id", "") or ""
    with Gradebook(classe.db_url, course_id) as gb:
        yield gb


def zero_submission(classe: Classe, student: str, assignment: str) -> None:
    """Record 0 for every autograded cell of a submission that could not be graded."""
    import warnings
    with gradebook(classe) as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def read_scores(classe: Classe) -> dict:
    """``{student: {assignment: {"score", "max", "questions": {grade_id: (score, max)},
    "manuel": bool}}}`` for every submission in the gradebook."""
    out: dict = {}
    with gradebook(classe) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                questions = {}
                manual = False
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        questions[f"{notebook.name}:{grade.name}"] = (
                            float(grade.score or 0), float(grade.max_score or 0))
                        manual = manual or bool(grade.needs_manual_grade)
                out.setdefault(submission.student.id, {})[assignment.name] = {
                    "score": round(float(submission.score or 0), 3),
                    "max": round(float(submission.max_score or 0), 3),
                    "questions": questions,
                    "manuel": manual,
                }
    return out


def max_scores(classe: Classe) -> dict:
    """``{assignment: max score}`` and the ordered question list per assignment."""
    out = {}
    with gradebook(classe) as gb:
        for assignment in gb.assignments:
            questions = []
            for notebook in assignment.notebooks:
                for cell in notebook.grade_cells:
                    questions.append((f"{notebook.name}:{cell.name}", float(cell.max_score)))
            out[assignment.name] = {"max": float(assignment.max_score), "questions": questions}
    return out


def student_names(classe: Classe) -> dict:
    with gradebook(classe) as gb:
        return {s.id: (s.last_name or "", s.first_name or "", s.email or "") for s in gb.students}
