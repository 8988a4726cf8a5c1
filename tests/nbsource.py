"""Run a solution notebook's code without a kernel, for fast tests of its graded cells."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout
from pathlib import Path

import nbformat


def solution_namespace(solution: Path) -> dict:
    """Run the solution's answer cells (not the graded ones, not the self-check) in its
    folder and return the variables they define."""
    nb = nbformat.read(solution, as_version=4)
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(solution.parent)
    try:
        with redirect_stdout(io.StringIO()):
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader", {})
                if cell.cell_type == "code" and not meta.get("grade") and "verifier(" not in cell.source:
                    exec(cell.source, namespace)
    finally:
        os.chdir(cwd)
    return namespace


def graded_cells(solution: Path, grade_id: str | None = None) -> list[str]:
    """Sources of the graded test cells (all of them, or the one named ``grade_id``)."""
    nb = nbformat.read(solution, as_version=4)
    sources = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
               and grade_id in (None, c.metadata["nbgrader"]["grade_id"])]
    assert sources, grade_id
    return sources
