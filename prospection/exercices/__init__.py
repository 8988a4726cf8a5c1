"""The learner's exercise runtime: questions as widgets, answers saved as data.

In an exercise notebook (JupyterLab or Voilà)::

    from prospection.exercices import ouvrir
    ex = ouvrir()                 # reads questions.json and reponses.json of the folder
    ex.question("q1_types")       # the widget of a question; every change is saved at once
    ex.etat("q1_types")           # answered or not (never right or wrong), in French
    ex.verifier()                 # the self-check of the whole exercise

Nothing here knows a key: grading happens teacher-side from ``reponses.json``.
``ex_04_mission_salon`` (the salon mission's public checks) still goes through
:mod:`prospection.autocontrole`.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from .model import NBSP, ExerciseModel, SpecError

__all__ = ["Exercice", "ouvrir", "verifier"]

_OPEN: dict[Path, "Exercice"] = {}


class _Html:
    """A French HTML block for a notebook or Voilà (text elsewhere); never an exception."""

    def __init__(self, html: str, text: str):
        self.html, self.text = html, text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _message(text: str) -> _Html:
    return _Html(f"<div style='color:#b00020;font-weight:bold' role='alert'>{escape(text)}</div>", text)


class Exercice:
    """One exercise folder, as the learner's notebook sees it."""

    def __init__(self, dossier: str | os.PathLike | None = None):
        self.erreur: str | None = None
        self.model: ExerciseModel | None = None
        try:
            self.model = ExerciseModel(dossier)
        except SpecError as exc:
            self.erreur = str(exc)

    def question(self, question_id: str):
        """The widget of a question (or a French message when it cannot be shown)."""
        if self.model is None:
            return _message(self.erreur)
        try:
            self.model.question(question_id)
        except KeyError as exc:
            return _message(exc.args[0])
        from .view import QuestionView

        self.model.flush()
        self.model._merge_disk()  # what another tab saved since this kernel started
        return QuestionView(self.model, question_id)

    def page(self):
        """Every question of the exercise and a self-check button, in one widget (the Voilà app)."""
        if self.model is None:
            return _message(self.erreur)
        import ipywidgets as widgets

        from .view import etat_html

        title = widgets.HTML(f"<h2>Exercice {escape(self.model.exercice[:2])} — {escape(self.model.spec['titre'])}</h2>"
                             "<p>Répondez avec la souris et le clavier{0}: chaque réponse est enregistrée aussitôt "
                             "dans «{0}reponses.json{0}», dans le dossier de l'exercice, et revient si vous rechargez la "
                             "page.</p>".format(NBSP))
        bilan = widgets.HTML()
        button = widgets.Button(description="Où en suis-je ?", tooltip="Bilan de vos réponses (sans correction)")
        button.add_class("px-verifier")

        def show(_b=None):
            self.model.flush()
            bilan.value = etat_html(self.model.bilan(), self.model)

        button.on_click(show)
        questions = [self.question(q["id"]) for q in self.model.questions()]
        return widgets.VBox([title, *questions, button, bilan])

    def etat(self, question_id: str) -> _Html:
        """Self-help of a graded cell: is this question answered, and in the expected form?"""
        if self.model is None:
            return _message(self.erreur)
        try:
            e = self.model.etat(question_id)
        except KeyError as exc:
            return _message(exc.args[0])
        problems = " ".join(e.problemes)
        text = f"{e.titre}{NBSP}: {e.libelle} ({e.detail}). {problems}".strip()
        color = {"repondu": "#2e7d32", "partiel": "#ef6c00", "vide": "#757575"}[e.etat]
        return _Html(f"<div><b style='color:{color}'>{escape(e.libelle.capitalize())}</b> — {escape(e.titre)} "
                     f"({escape(e.detail)}). {escape(problems)}<br><small>Les points sont calculés à la correction, "
                     "à partir de vos réponses enregistrées.</small></div>", text)

    def texte_saisi(self, question_id: str) -> _Html:
        """The text saved for a written question (shown in the teacher's view of the copy)."""
        if self.model is None:
            return _message(self.erreur)
        value = self.model.value(question_id)
        if not isinstance(value, str) or not value.strip():
            return _Html("<p><i>Aucun texte enregistré pour l'instant{0}: écrivez-le dans la zone de texte de la "
                         "question ci-dessus.</i></p>".format(NBSP), "Aucun texte enregistré pour l'instant.")
        return _Html("<blockquote style='white-space:pre-wrap;border-left:3px solid #999;padding-left:8px'>"
                     f"{escape(value)}</blockquote>", value)

    def verifier(self) -> _Html:
        """The self-check of the whole exercise: answered, partly answered or not; format problems."""
        if self.model is None:
            return _message(self.erreur)
        from .view import etat_html

        self.model.flush()
        etats = self.model.bilan()
        lines = [f"{e.titre}{NBSP}: {e.libelle} ({e.detail})" + "".join(f" — {p}" for p in e.problemes)
                 for e in etats]
        return _Html(etat_html(etats, self.model), "\n".join(lines))


def ouvrir(dossier: str | os.PathLike | None = None) -> Exercice:
    """The exercise of ``dossier`` (default: the notebook's folder); one per folder and kernel."""
    if dossier is None:
        dossier = os.environ.get("PROSPECTION_EXERCICE_DOSSIER") or "."
    path = Path(dossier).resolve()
    current = _OPEN.get(path)
    if current is None or current.model is None:
        current = _OPEN[path] = Exercice(path)
    return current


def verifier(dossier: str | os.PathLike | None = None) -> _Html:
    return ouvrir(dossier).verifier()
