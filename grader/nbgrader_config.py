"""nbgrader configuration for the courseware.

Loaded by the root ``nbgrader_config.py`` so that every ``nbgrader`` command
works from the repository root, and by the class workspaces' own ``nbgrader_config.py``
(``grader.toolchain.workspace``).
"""

from pathlib import Path

c = get_config()  # noqa: F821 - injected by traitlets

REPO_ROOT = Path(__file__).resolve().parent.parent

c.CourseDirectory.course_id = "prospection-commerciale"
c.CourseDirectory.root = str(REPO_ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Instructor-only material never leaves solutions/.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "*.key.json",
    "_cles",
]

# French stubs where the learner writes.
c.ClearSolutions.code_stub = {
    "python": "# VOTRE CODE ICI\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"

# A cell stuck in a loop must not hold up a class: 60 s per cell, then interrupt.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
