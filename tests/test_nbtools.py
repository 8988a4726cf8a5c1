"""`python -m grader generate` and `clean-notebooks` (the chores behind `make exercises`)."""

from __future__ import annotations

import shutil

import nbformat

from conftest import REPO
from grader import nbtools


def test_generate_keeps_a_learners_answers_and_releases_none(tmp_path, monkeypatch):
    solutions = tmp_path / "solutions"
    shutil.copytree(REPO / "solutions" / "01_telemarketing", solutions / "01_telemarketing")
    # A solution run inside solutions/ leaves answers behind: they must not be released.
    (solutions / "01_telemarketing" / "reponses_salon.json").write_text("{}")
    monkeypatch.setattr(nbtools, "SOLUTIONS", solutions)
    dest = tmp_path / "exercises"
    learner = dest / "01_telemarketing" / "reponses_salon.json"
    learner.parent.mkdir(parents=True)
    learner.write_text('{"reponses": {"C01": "mon travail"}}')
    (dest / "01_telemarketing" / "obsolete.txt").write_text("ancienne version")

    nbtools.generate_into(dest, ["01_telemarketing"])

    assert learner.read_text() == '{"reponses": {"C01": "mon travail"}}'
    assert not (dest / "01_telemarketing" / "obsolete.txt").exists()
    assert (dest / "01_telemarketing" / "01_telemarketing.ipynb").is_file()
    produced = tmp_path / "fresh"
    nbtools.generate_into(produced, ["01_telemarketing"])
    assert not (produced / "01_telemarketing" / "reponses_salon.json").exists()


def test_clear_outputs_strips_outputs_counts_and_widget_state(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3,
                                     outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)])
    nb.cells = [cell]
    nb.metadata["widgets"] = {"state": {}}
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    assert nbtools.clear_outputs(path) is True
    cleaned = nbformat.read(path, 4)
    assert cleaned.cells[0].outputs == [] and cleaned.cells[0].execution_count is None
    assert "widgets" not in cleaned.metadata
    assert nbtools.clear_outputs(path) is False
