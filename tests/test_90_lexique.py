"""The glossary: every English word the lessons keep is explained; search ignores accents."""

from __future__ import annotations

import re

import nbformat

from conftest import REPO
from prospection.cours import cadre, lexique

#: English words or acronyms used in the lessons' text, and the glossary entry that explains each.
EMPRUNTS = {
    "lead": "Lead", "pitch": "Pitch", "phoning": "Phoning", "nurturing": "Nurturing", "SQL": "SQL",
    "Hot": "Lead Rating", "social selling": "Social selling", "CRM": "CRM", "B2B": "B2B", "opt-in": "Opt-in",
    "e-mailing": "E-mail", "BANT": "BANT", "CHAMP": "CHAMP", "visio": "Visio", "widget": "Widget",
}


def lesson_text() -> str:
    texts = []
    for lecon in cadre.LECONS:
        nb = nbformat.read(REPO / "course" / lecon.fichier, as_version=4)
        texts += [c.source for c in nb.cells if c.cell_type == "markdown"]
    from prospection.cours import appels  # the phoning beliefs quiz speaks of social selling

    texts += [f"{q.enonce} {q.explication}" for q in appels.CROYANCES]
    return "\n".join(texts)


def test_every_borrowed_word_used_in_the_lessons_is_in_the_glossary():
    text = lesson_text()
    mots = " ".join(t.mot for t in lexique.TERMES)
    for word, entry in EMPRUNTS.items():
        assert re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE), f"{word} n'est plus utilisé : retirez-le"
        assert entry in mots, word


def test_search_ignores_accents_and_case_and_explains_an_empty_result():
    assert "SIC" in [t.mot for t in lexique.chercher("sic")]
    assert any("tiède" in t.sens for t in lexique.chercher("TIEDE"))
    assert lexique.chercher("") == list(lexique.TERMES)
    assert lexique.chercher("zzz") == [] and "Aucun mot" in lexique.tableau_html([])


def test_widget_filters_as_you_type():
    box = lexique.lexique()
    assert f"{len(lexique.TERMES)}" in box.compte.value
    box.recherche.value = "pitch"
    assert "Pitch" in box.table.value and box.table.value.count("<tr>") == 2


def test_lessons_link_to_the_glossary():
    linked = [l.ident for l in cadre.LECONS
              if "90_lexique.ipynb" in nbformat.read(REPO / "course" / l.fichier, as_version=4).cells[0].source]
    assert len(linked) == len(cadre.LECONS) - 1  # every lesson but the glossary itself
