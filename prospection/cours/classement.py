"""Sort items into categories, with instant French feedback (lessons 05 and 08).

:class:`Classement` is the logic (no widget import, unit-tested): items, the category each
belongs to, why. :func:`classement` is the view: one drop-down per item, a « Vérifier » button,
a verdict per item and a score. Like the quizzes, nothing is kept between sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from prospection.cours.typographie import fr


@dataclass(frozen=True)
class Element:
    texte: str
    attendu: str  # a key of the categories
    explication: str


@dataclass(frozen=True)
class Verdict:
    correct: bool | None  # None: not answered
    message: str


class Classement:
    """Items to put in categories; ``verifier`` checks a learner's choices item by item."""

    def __init__(self, categories: dict[str, str], elements, consigne: str = ""):
        self.categories = dict(categories)
        self.elements = [Element(fr(e.texte), e.attendu, fr(e.explication)) for e in elements]
        if not self.elements:
            raise ValueError("Un exercice de classement a besoin d'au moins un élément.")
        inconnues = {e.attendu for e in self.elements} - set(self.categories)
        if inconnues:
            raise ValueError(f"Catégorie inconnue : {sorted(inconnues)}")
        self.consigne = fr(consigne)

    def verifier(self, reponses: dict[int, str | None]) -> list[Verdict]:
        verdicts = []
        for index, element in enumerate(self.elements):
            choix = reponses.get(index)
            if choix is None or choix == "":
                verdicts.append(Verdict(None, fr("À classer : choisissez une catégorie.")))
            elif choix not in self.categories:
                verdicts.append(Verdict(False, fr(f"Catégorie inconnue : « {choix} ».")))
            elif choix == element.attendu:
                verdicts.append(Verdict(True, fr("Oui. ") + element.explication))
            else:
                verdicts.append(Verdict(False, fr(f"Pas « {self.categories[choix]} » : ") + element.explication))
        return verdicts

    def score(self, reponses: dict[int, str | None]) -> tuple[int, int]:
        return sum(v.correct is True for v in self.verifier(reponses)), len(self.elements)

    def bilan(self, reponses: dict[int, str | None]) -> str:
        bonnes, total = self.score(reponses)
        manque = sum(v.correct is None for v in self.verifier(reponses))
        texte = f"Score : {bonnes} / {total}."
        if manque:
            texte += f" Il reste {manque} élément(s) à classer."
        elif bonnes == total:
            texte += " Bravo, tout est bien classé !"
        return fr(texte)


def classement(logique: Classement, titre: str = ""):
    """The sorting exercise as a widget."""
    import ipywidgets as widgets

    options = [("— à classer —", None)] + [(libelle, cle) for cle, libelle in logique.categories.items()]
    menus, retours, lignes = [], [], []
    for element in logique.elements:
        menu = widgets.Dropdown(options=options, value=None, layout={"width": "230px"})
        retour = widgets.HTML()
        menus.append(menu)
        retours.append(retour)
        lignes.append(widgets.VBox([
            widgets.HBox([menu, widgets.HTML(f"<span style='padding-left:6px'>{escape(element.texte)}</span>")]),
            retour]))
    bouton = widgets.Button(description="Vérifier", button_style="primary", icon="check")
    recommencer = widgets.Button(description="Recommencer", icon="undo")
    bilan = widgets.HTML()

    def reponses():
        return {i: m.value for i, m in enumerate(menus)}

    def verifier(_=None):
        for verdict, retour in zip(logique.verifier(reponses()), retours):
            couleur = {True: "#1b7d3a", False: "#b3261e", None: "#6b6b6b"}[verdict.correct]
            signe = {True: "✔", False: "✘", None: "…"}[verdict.correct]
            retour.value = f'<div style="color:{couleur};margin-left:8px">{signe} {escape(verdict.message)}</div>'
        bilan.value = f"<b>{escape(logique.bilan(reponses()))}</b>"

    def effacer(_=None):
        for menu, retour in zip(menus, retours):
            menu.value = None
            retour.value = ""
        bilan.value = ""

    bouton.on_click(verifier)
    recommencer.on_click(effacer)
    entete = [widgets.HTML(f"<h4>{escape(fr(titre))}</h4>")] if titre else []
    if logique.consigne:
        entete.append(widgets.HTML(f"<p>{escape(logique.consigne)}</p>"))
    box = widgets.VBox([*entete, *lignes, widgets.HBox([bouton, recommencer]), bilan])
    box.logique, box.menus, box.retours, box.bilan = logique, menus, retours, bilan
    box.verifier, box.recommencer = bouton, recommencer
    return box
