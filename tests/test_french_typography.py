"""French typography in what learners read: a non-breaking space before « : ; ? ! » and
inside guillemets, in every markdown cell of the lessons and exercises."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import REPO, notebooks_in

NOTEBOOKS = notebooks_in("course") + notebooks_in("solutions") + notebooks_in("exercises")
PROTECTED = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>")
ORDINARY_SPACE_BEFORE = re.compile(r"\S [:;?!»]|« ")


def faults(text: str) -> list[str]:
    prose = PROTECTED.sub("", text)
    return [prose[max(0, m.start() - 25): m.end() + 10] for m in ORDINARY_SPACE_BEFORE.finditer(prose)]


def test_rule_catches_an_ordinary_space_and_accepts_non_breaking_ones():
    assert faults("Pour qui ? Vous : « oui »")
    assert faults("dit « oui\u00a0»") and faults("dit «\u00a0oui »")
    assert not faults("Pour qui\u00a0? Vous\u202f: «\u00a0oui\u00a0» `a : b` [x](y?z=1)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(REPO)) for p in NOTEBOOKS])
def test_markdown_cells_use_french_spacing(path):
    assert NOTEBOOKS
    found = [f for cell in nbformat.read(path, 4).cells if cell.cell_type == "markdown"
             for f in faults(cell.source)]
    assert not found, f"{path.name}: ordinary space in {found[:3]}"
