"""French typography and the course's vocabulary in everything learners read.

- every markdown cell of the lessons and exercises: a non-breaking space before « : ; ? ! » and
  inside guillemets;
- every learner-facing string of the lesson modules, read where the learner reads it: each
  code cell of each lesson is run in-process and the text of its widgets (HTML, labels, button
  and option labels, placeholders) is collected, plus the quiz questions, sorting items,
  glossary, sources and call scenarios held as data;
- on the lessons and these strings: no « 1e », no number split from its unit (« 15 h »), one
  word for each thing (« e-mail », « carnet », « types », « Leçon 01 »), no « une infinité de »,
  no « vous saurez savoir », no internal key shown, « (plusieurs réponses possibles) » once.
"""

from __future__ import annotations

import html
import importlib
import re

import nbformat
import pytest

from conftest import REPO, notebooks_in

NOTEBOOKS = notebooks_in("course") + notebooks_in("solutions") + notebooks_in("exercises")
LESSONS = [p for p in notebooks_in("course") if p.stem != "mission_salon_app"]
PROTECTED = re.compile(r"```[\s\S]*?```|`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>")
ORDINARY_SPACE_BEFORE = re.compile(r"\S [:;?!»]|« ")

#: (what is wrong, pattern) — the vocabulary and typography the course chose.
VOCABULARY = (
    ("« 1e » pour « 1er »", re.compile(r"\b1e\b")),
    ("nombre séparé de son unité par une espace ordinaire", re.compile(r"\d (?:h|%|€)(?!\w)")),
    ("« courriel » : le cours écrit « e-mail »", re.compile(r"courriel", re.IGNORECASE)),
    ("« mail » seul : le cours écrit « e-mail »", re.compile(r"(?<![-\w])mails?\b", re.IGNORECASE)),
    ("« notebook » : le cours écrit « carnet »", re.compile(r"\bnotebooks?\b", re.IGNORECASE)),
    ("« Leçon 1 » : le cours numérote « Leçon 01 »", re.compile(r"\b[Ll]eçon \d(?!\d)")),
    ("« Exercice 1 » : le cours numérote « Exercice 01 »", re.compile(r"\b[Ee]xercice \d(?!\d)")),
    ("« formes » de télémarketing : le cours dit « types »", re.compile(r"formes de télémarketing|quatre formes")),
    ("« une infinité de »", re.compile(r"infinité de")),
    ("« vous saurez savoir »", re.compile(r"saurez savoir")),
    ("clé interne affichée", re.compile(r"\blinkedin\b")),
    ("« fichier clients » pour des prospects : le cours dit « SIC »", re.compile(r"fichier clients")),
    ("consigne répétée", re.compile(r"plusieurs réponses possibles[\s\S]*plusieurs réponses possibles")),
)


def faults(text: str) -> list[str]:
    prose = PROTECTED.sub("", text)
    return [prose[max(0, m.start() - 25): m.end() + 10] for m in ORDINARY_SPACE_BEFORE.finditer(prose)]


QUOTED_WORD = re.compile(r"«[\u00a0\u202f ]?[\w-]+[\u00a0\u202f ]?»")


def vocabulary_faults(text: str) -> list[str]:
    """Vocabulary faults; a word quoted on its own (« courriel ») is talked about, not used."""
    prose = QUOTED_WORD.sub("", PROTECTED.sub("", text))
    found = []
    for what, pattern in VOCABULARY:
        for m in pattern.finditer(prose):
            found.append(f"{what} : «{prose[max(0, m.start() - 25): m.end() + 10]}»")
    return found


def test_rule_catches_an_ordinary_space_and_accepts_non_breaking_ones():
    assert faults("Pour qui ? Vous : « oui »")
    assert faults("dit « oui\u00a0»") and faults("dit «\u00a0oui »")
    assert not faults("Pour qui\u00a0? Vous\u202f: «\u00a0oui\u00a0» `a : b` [x](y?z=1)")


def test_vocabulary_rules_catch_each_mistake_and_accept_the_chosen_words():
    for bad in ("le 1e appel", "à 15 h", "60 %", "par courriel", "un mail", "ce notebook", "Leçon 1 —", "Exercice 1 :",
                "les quatre formes", "une infinité de suspects", "vous saurez savoir", "Choix : linkedin, salon",
                "le fichier clients", "(plusieurs réponses possibles) (plusieurs réponses possibles)"):
        assert vocabulary_faults(bad), bad
    for good in ("le 1er appel", "à 15\u00a0h", "60\u00a0%", "un e-mail, un e-mailing", "ce carnet",
                 "Leçon 01 —", "les quatre types", "sur LinkedIn", "dans le SIC", "`linkedin`",
                 "jamais «\u00a0courriel\u00a0»"):
        assert not vocabulary_faults(good), good


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(REPO)) for p in NOTEBOOKS])
def test_markdown_cells_use_french_spacing(path):
    assert NOTEBOOKS
    found = [f for cell in nbformat.read(path, 4).cells if cell.cell_type == "markdown"
             for f in faults(cell.source)]
    assert not found, f"{path.name}: ordinary space in {found[:3]}"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lessons_use_the_course_vocabulary(path):
    assert LESSONS
    found = [f for cell in nbformat.read(path, 4).cells if cell.cell_type == "markdown"
             for f in vocabulary_faults(cell.source)]
    assert not found, f"{path.name}: {found[:3]}"


# --------------------------------------------------------------------------- module strings

def widget_texts(obj) -> list[str]:
    """The text a learner sees in a widget tree (or an IPython display object)."""
    import ipywidgets as widgets

    texts = []
    seen = set()

    def walk(w):
        if id(w) in seen:
            return
        seen.add(id(w))
        if hasattr(w, "widget") and isinstance(getattr(w, "widget"), widgets.Widget):
            walk(w.widget)
            return
        if hasattr(w, "data") and isinstance(getattr(w, "data"), str):  # IPython HTML
            texts.append(w.data)
        if not isinstance(w, widgets.Widget):
            return
        shown_value = isinstance(w, (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Text, widgets.Textarea))
        for attribute in ("value", "description", "placeholder", "tooltip"):
            value = getattr(w, attribute, None)
            if isinstance(value, str) and (attribute != "value" or shown_value):
                texts.append(value)
        texts.extend(getattr(w, "_options_labels", None) or ())
        for child in getattr(w, "children", ()):
            walk(child)

    walk(obj)
    return texts


def visible(text: str) -> str:
    text = re.sub(r"<style>[\s\S]*?</style>", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def lesson_calls():
    calls = []
    for path in LESSONS:
        for cell in nbformat.read(path, 4).cells:
            if cell.cell_type == "code":
                module, name = re.fullmatch(r"from (\S+) import (\w+)\n\2\(\)", cell.source).groups()
                calls.append((path.stem, module, name))
    return calls


CALLS = lesson_calls()


def data_texts() -> list[tuple[str, str]]:
    """Quiz questions, sorting items, glossary, sources, scenarios: the texts held as data."""
    from prospection.cours import cadre, lexique
    from prospection.cours.classement import Classement
    from prospection.cours.quiz import Question
    from prospection.cours.simulateur import Scenario, scenarios_disponibles

    found = []
    modules = sorted({m for _, m, _ in CALLS})
    assert modules
    for name in modules:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            for v in values:
                if isinstance(v, Question):
                    found += [(f"{name}.{attribute}", t) for t in (v.enonce, v.explication, *v.choix, *v.retours.values())]
                elif isinstance(v, Classement):
                    found += [(f"{name}.{attribute}", t) for e in v.elements for t in (e.texte, e.explication)]
                    found += [(f"{name}.{attribute}", v.consigne), *[(f"{name}.{attribute}", c) for c in v.categories.values()]]
    found += [("lexique", t) for term in lexique.TERMES for t in (term.mot, term.sens, term.en_francais)]
    found += [("cadre", cadre.fr(t)) for t in cadre.SOURCES.values()]
    found += [("cadre", t) for l in cadre.LECONS for t in (l.titre, l.resume, l.nom)]
    for scenario_name in scenarios_disponibles():
        s = Scenario.charger(scenario_name)
        found += [(scenario_name, t) for t in (s.titre, s.contexte)]
        for node in s.noeuds.values():
            found += [(scenario_name, t) for t in (node.qui, node.replique, node.conseil)]
            found += [(scenario_name, t) for c in node.choix for t in (c.texte, c.reaction, c.debrief)]
    return found


def test_module_data_texts_use_french_typography_and_vocabulary():
    texts = data_texts()
    assert len(texts) > 200
    problems = [(where, f) for where, text in texts for f in faults(text) + vocabulary_faults(text)]
    assert not problems, problems[:5]


@pytest.mark.parametrize("lesson, module, name", CALLS, ids=[f"{l}:{n}" for l, _, n in CALLS])
def test_widget_texts_use_french_typography_and_vocabulary(lesson, module, name):
    assert CALLS
    shown = getattr(importlib.import_module(module), name)()
    texts = [visible(t) for t in widget_texts(shown)]
    problems = [f for t in texts for f in faults(t) + vocabulary_faults(t)]
    assert not problems, problems[:5]
