"""What must never reach a learner: hidden tests, solutions, the answer key.

Used by ``feedback`` (each HTML is checked before it is kept) and by the tests.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from .answers import load_key
from .workspace import Classe

_TRIVIAL = re.compile(r"^[\s\W\d]*(return|pass|else|try|finally|break|continue|\w+)?[\s\W\d]*$")


def _region_lines(source: str, begin: str, end: str) -> list[str]:
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
            continue
        if end in line:
            inside = False
            continue
        if inside:
            lines.append(line.strip())
    return lines


def meaningful(line: str) -> bool:
    """Long and specific enough that finding it elsewhere is not a coincidence."""
    return len(line) >= 12 and not _TRIVIAL.match(line)


def secret_lines(classe: Classe, assignment: str) -> dict[str, set[str]]:
    """``{"tests_caches": …, "solutions": …, "cle": …}``: lines a learner must never be shown."""
    hidden, solutions = set(), set()
    # what learners already have (a line quoted in an instruction is no secret)
    released_text = "\n".join(
        c.source for p in classe.release_notebooks(assignment)
        for c in nbformat.read(p, as_version=4).cells)
    for path in classe.source_notebooks(assignment):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            hidden.update(_region_lines(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"))
            solutions.update(_region_lines(cell.source, "BEGIN SOLUTION", "END SOLUTION"))
    key_lines = set()
    key = load_key(classe.answers.get(assignment))
    if key:
        for contact in key["contacts"].values():
            for field in ("action",):
                if isinstance(contact.get(field), str):
                    key_lines.add(contact[field].strip())
    return {
        "tests_caches": {ln for ln in hidden if meaningful(ln) and ln not in released_text},
        "solutions": {ln for ln in solutions if meaningful(ln) and ln not in released_text},
        "cle": {ln for ln in key_lines if len(ln) >= 15},
    }


def visible_text(html_text: str) -> str:
    """HTML without tags, scripts and styles, entities decoded (syntax highlighting undone)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", "", html_text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def find_leaks(html_text: str, secrets: dict[str, set[str]], own_text: str = "") -> list[tuple[str, str]]:
    """Secret lines present in the page that the learner did not write themselves."""
    text = visible_text(html_text)
    own = own_text
    found = []
    for kind, lines in secrets.items():
        for line in lines:
            if line in text and line not in own:
                found.append((kind, line))
    return sorted(found)


def submitted_text(classe: Classe, student: str, assignment: str) -> str:
    """Everything the learner typed in their notebooks (to tell their own lines from leaks)."""
    parts = []
    for path in sorted((classe.root / "submitted" / student / assignment).rglob("*.ipynb")):
        from .checks import read_notebook   # never follows a link nor waits on a pipe
        nb, _ = read_notebook(path)
        if nb is None:
            continue
        meta_ok = lambda c: not c.get("metadata", {}).get("nbgrader", {}).get("locked")  # noqa: E731
        parts += [c.source for c in nb.cells if meta_ok(c)]
    return "\n".join(parts)
