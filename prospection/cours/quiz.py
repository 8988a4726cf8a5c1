"""Self-check quizzes with instant French feedback.

The answer logic (:class:`Quiz`) has no widget import and is unit-tested; the view
(:func:`quiz`) only shows it. Quizzes keep no state between sessions on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; ``bonnes`` are the indexes of the right choices."""

    enonce: str
    choix: tuple[str, ...]
    bonnes: frozenset[int]
    explication: str = ""
    retours: dict[int, str] = field(default_factory=dict)

    def __init__(self, enonce, choix, bonnes, explication="", retours=None):
        bonnes = frozenset([bonnes] if isinstance(bonnes, int) else bonnes)
        choix = tuple(choix)
        if not choix or not bonnes or not bonnes <= set(range(len(choix))):
            raise ValueError(f"Question mal définie\u00a0: {enonce!r}")
        object.__setattr__(self, "enonce", enonce)
        object.__setattr__(self, "choix", choix)
        object.__setattr__(self, "bonnes", bonnes)
        object.__setattr__(self, "explication", explication)
        object.__setattr__(self, "retours", dict(retours or {}))

    @property
    def multiple(self) -> bool:
        return len(self.bonnes) > 1


#: Shown after the statement of a question with several right answers.
MULTIPLE = " (plusieurs réponses possibles)"


def vrai_faux(affirmation: str, reponse: bool, explication: str = "") -> Question:
    """A true/false statement (« Vrai » is choice 0)."""
    return Question(affirmation, ("Vrai", "Faux"), 0 if reponse else 1, explication)


def en_francais(questions) -> tuple[Question, ...]:
    """The questions with French typography applied to every text they show."""
    from prospection.cours.typographie import fr

    return tuple(Question(fr(q.enonce), [fr(c) for c in q.choix], q.bonnes, fr(q.explication),
                          {i: fr(t) for i, t in q.retours.items()}) for q in questions)


@dataclass(frozen=True)
class Retour:
    correct: bool
    message: str


class Quiz:
    """The answer logic of a quiz: check an answer, keep the score of this session."""

    def __init__(self, questions, titre: str = "Quiz"):
        self.questions = list(questions)
        if not self.questions:
            raise ValueError("Un quiz a besoin d'au moins une question.")
        self.titre = titre
        self.resultats: dict[int, bool] = {}

    def repondre(self, index: int, reponse) -> Retour:
        """Check ``reponse`` (an index, or a set of indexes) for question ``index``."""
        question = self.questions[index]
        choisies = frozenset([reponse] if isinstance(reponse, int) else (reponse or ()))
        if not choisies:
            return Retour(False, "Choisissez au moins une réponse avant de valider.")
        correct = choisies == question.bonnes
        self.resultats[index] = correct
        if correct:
            message = "Bonne réponse\u202f! " + question.explication
        else:
            precis = [question.retours[i] for i in sorted(choisies) if i in question.retours]
            if precis:
                message = "Pas tout à fait. " + " ".join(precis)
            elif question.multiple and choisies < question.bonnes:
                message = "Incomplet\u00a0: il manque au moins une bonne réponse. Relisez l'énoncé."
            else:
                message = "Pas tout à fait. " + question.explication
        return Retour(correct, message.strip())

    @property
    def score(self) -> tuple[int, int]:
        return sum(self.resultats.values()), len(self.questions)

    def bilan(self) -> str:
        bonnes, total = self.score
        repondues = len(self.resultats)
        if repondues < total:
            return f"{bonnes} bonne(s) réponse(s) sur {repondues} question(s) traitée(s) ({total} au total)."
        return f"Score\u00a0: {bonnes}\u202f/\u202f{total}."


def quiz(questions, titre: str = "Quiz"):
    """The quiz as a widget: one card per question, a « Valider » button, feedback at once."""
    import ipywidgets as widgets

    logic = Quiz(questions, titre)
    bilan = widgets.HTML(f"<em>{escape(logic.bilan())}</em>")
    cards = []
    for index, question in enumerate(logic.questions):
        options = [(texte, i) for i, texte in enumerate(question.choix)]
        if question.multiple:
            boxes = [widgets.Checkbox(description=texte, indent=False) for texte, _ in options]
            selector = widgets.VBox(boxes)

            def read(boxes=boxes):
                return {i for i, box in enumerate(boxes) if box.value}
        else:
            selector = widgets.RadioButtons(options=options, value=None, layout={"width": "max-content"})

            def read(selector=selector):
                return selector.value
        feedback = widgets.HTML()
        button = widgets.Button(description="Valider", button_style="primary", icon="check")

        def on_click(_, index=index, read=read, feedback=feedback):
            retour = logic.repondre(index, read())
            couleur = "#1b7d3a" if retour.correct else "#b3261e"
            signe = "✔" if retour.correct else "✘"
            feedback.value = f'<div style="color:{couleur}">{signe} {escape(retour.message)}</div>'
            bilan.value = f"<em>{escape(logic.bilan())}</em>"

        button.on_click(on_click)
        # Said once, here: question texts never carry it themselves.
        consigne = MULTIPLE if question.multiple and MULTIPLE.strip() not in question.enonce else ""
        cards.append(widgets.VBox([
            widgets.HTML(f"<b>{index + 1}. {escape(question.enonce)}</b>{consigne}"),
            selector, button, feedback,
        ], layout={"border": "1px solid #ddd", "padding": "6px", "margin": "4px 0"}))
    box = widgets.VBox([widgets.HTML(f"<h4>{escape(titre)}</h4>"), *cards, bilan])
    box.logic = logic
    return box
