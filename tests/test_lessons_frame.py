"""Every lesson shares one frame: title and navigation from prospection.cours.cadre, duration,
objectives, « Sources » with the course's sources, « L'essentiel » last, links that resolve,
one call per code cell; and the printable sheets are exactly what the module writes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pytest

from conftest import REPO, notebooks_in
from prospection.cours import cadre, fiches

COURSE = REPO / "course"
LESSONS = [l for l in cadre.LECONS]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_lesson_notebook_is_in_the_frame_table_and_back():
    on_disk = {p.stem for p in notebooks_in("course") if p.parent == COURSE} - {"mission_salon_app"}
    assert on_disk, "no lesson found"
    assert on_disk == {l.ident for l in LESSONS}
    for lesson in LESSONS:
        assert re.fullmatch(r"\d\d_[a-z_]+", lesson.ident), lesson.ident


def test_navigation_follows_the_reading_order():
    assert cadre.PARCOURS[0] == "00_accueil" and cadre.PARCOURS[-1] == "10_revision"
    for before, after in zip(cadre.PARCOURS, cadre.PARCOURS[1:]):
        assert cadre.suivante(before).ident == after
        assert cadre.precedente(after).ident == before
        assert f"({after}.ipynb)" in cadre.navigation(before)
    assert "(90_lexique.ipynb)" in cadre.navigation("05_plan_appel")
    with pytest.raises(ValueError, match="Leçon inconnue"):
        cadre.lecon("99_rien")


@pytest.mark.parametrize("lesson", LESSONS, ids=[l.ident for l in LESSONS])
def test_lesson_frame(lesson):
    nb = nbformat.read(COURSE / lesson.fichier, as_version=4)
    first = nb.cells[0].source
    assert first.startswith(cadre.entete(lesson.ident)), f"{lesson.ident}: header differs from cadre.entete"
    assert "Durée" in first and cadre.fr(lesson.duree) in first
    assert "vous saurez" in first, f"{lesson.ident}: objectives missing"
    last = nb.cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## L'essentiel")
    assert "00_accueil.ipynb" in last.source or lesson.ident == "00_accueil"
    sources = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Sources")]
    assert len(sources) == 1, f"{lesson.ident}: one « Sources » cell expected"
    cited = [line[2:] for line in sources[0].splitlines() if line.startswith("- ")]
    assert cited
    known = {cadre.fr(t) for t in cadre.SOURCES.values()}
    assert set(cited) <= known, f"{lesson.ident}: a source not in cadre.SOURCES"


@pytest.mark.parametrize("lesson", LESSONS, ids=[l.ident for l in LESSONS])
def test_links_resolve_and_code_cells_are_one_call(lesson):
    nb = nbformat.read(COURSE / lesson.fichier, as_version=4)
    links = [l for l in LINK.findall(markdown(nb)) if "://" not in l]
    assert links
    for link in links:
        assert (COURSE / link.split("#")[0]).resolve().is_file(), f"{lesson.ident}: {link}"
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    assert codes
    import importlib

    for source in codes:
        lines = source.splitlines()
        assert len(lines) == 2, source
        match = re.fullmatch(r"from (prospection\.cours\.\w+) import (\w+)", lines[0])
        assert match and lines[1] == f"{match.group(2)}()", source
        assert callable(getattr(importlib.import_module(match.group(1)), match.group(2)))


def test_sources_markdown_needs_at_least_one_source():
    with pytest.raises(ValueError):
        cadre.sources_markdown([])
    assert "Légifrance" in cadre.sources_markdown(["decret_2022_1313"])


# --------------------------------------------------------------------------- printable sheets

class _Checker(HTMLParser):
    """Collects text and checks tags are balanced (void tags apart)."""

    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.errors = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> after {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> str:
    checker = _Checker()
    checker.feed(html)
    assert not checker.errors and not checker.stack, (checker.errors[:3], checker.stack)
    return "".join(checker.text)


def test_committed_sheets_are_what_the_module_writes():
    produced = fiches.contenus()
    assert set(produced) == {fiches.ESSENTIEL, fiches.GRILLE}
    for name, text in produced.items():
        committed = (fiches.DOSSIER / name).read_text(encoding="utf-8")
        assert committed == text, f"course/fiches/{name} is stale: run python -m prospection.cours.fiches"


def test_summary_sheet_holds_every_lesson_essentiel_and_prints():
    html = fiches.fiche_essentiel()
    assert "@media print" in html and "@page" in html and '<html lang="fr">' in html
    text = parse(html)
    for lesson in LESSONS:
        assert lesson.nom in text, lesson.ident
        essentiel = fiches.essentiel_de(COURSE / lesson.fichier)
        first_bullet = re.sub(r"[*_`]", "", essentiel.splitlines()[0].lstrip("- "))[:30]
        assert first_bullet and re.sub(r"\s+", " ", first_bullet) in re.sub(r"\s+", " ", text), (lesson.ident, first_bullet)
        assert "Et maintenant" not in essentiel


def test_observation_grid_has_the_six_phases_and_prints():
    html = fiches.grille_observation()
    text = parse(html)
    assert "@media print" in html
    for phase in ("Préparation", "Prise de contact", "Découverte des besoins", "Argumentation",
                  "Traitement des objections", "Conclusion et prise de congé"):
        assert phase in text, phase
    assert text.count("Acquis") >= 6 and "Observations" in text and "Candidat" in text


def test_essentiel_of_a_notebook_without_one_is_a_french_error(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Rien")]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="n'a pas de cellule"):
        fiches.essentiel_de(path)
