"""Home lesson (``course/00_accueil.ipynb``): table of contents, course map, first quiz.

The table of contents is data (:data:`SOMMAIRE`) so that a test can check every link points
to a file of the repository; the notebook's markdown is written from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from io import BytesIO

from prospection.cours.quiz import Question, vrai_faux
from prospection.cours.typographie import fr

NBSP = "\u00a0"


@dataclass(frozen=True)
class Lien:
    """One entry of the table of contents; ``chemin`` is relative to ``course/``."""

    code: str
    titre: str
    chemin: str
    resume: str
    genre: str  # "leçon", "exercice" or "application"


def _sommaire() -> tuple[Lien, ...]:
    """Lessons from :data:`prospection.cours.cadre.LECONS` (one order for the whole course),
    then the exercises and the mission board."""
    from prospection.cours.cadre import LECONS

    lecons = tuple(Lien(l.numero if l.numero != "90" else "L", l.titre, l.fichier, l.resume, "leçon")
                   for l in LECONS)
    return lecons + (
        Lien("E1", "Exercice — Télémarketing", "../exercises/01_telemarketing/01_telemarketing.ipynb",
             "Appliquer les règles d'appel et reconnaître les types de télémarketing.", "exercice"),
        Lien("E2", "Exercice — Cycle du prospect", "../exercises/02_cycle_prospect/02_cycle_prospect.ipynb",
             "Placer des contacts sur l'échelle, calculer des taux de conversion.", "exercice"),
        Lien("E3", "Exercice — Appels", "../exercises/03_appels/03_appels.ipynb",
             "Distinguer appels à chaud et à froid, rédiger une accroche, analyser des objections.",
             "exercice"),
        Lien("E4", "Mission salon — qualifier les contacts",
             "../exercises/04_mission_salon/04_mission_salon.ipynb",
             "Qualifier chaque contact du fichier « Contacts Prospects – Clubs et associations », "
             "justifier, remplir l'annexe.", "exercice"),
        Lien("E5", "Exercice — Appel simulé", "../exercises/05_simulateur_appel/05_simulateur_appel.ipynb",
             "Mener un appel de bout en bout, du standard au rendez-vous, en choisissant ses répliques.",
             "exercice"),
        Lien("T", "Tableau de mission (application)", "mission_salon_app.ipynb",
             "Le tableau de qualification seul, sans code. Il s'ouvre aussi dans le carnet de la "
             "mission salon, et comme application Voilà avec « make mission ».", "application"),
    )


SOMMAIRE = tuple(replace(l, titre=fr(l.titre), resume=fr(l.resume)) for l in _sommaire())


def liens(genre: str | None = None) -> list[Lien]:
    """The table of contents, optionally one kind only."""
    return [lien for lien in SOMMAIRE if genre is None or lien.genre == genre]


def sommaire_markdown() -> str:
    """The table of contents as a markdown table (written into the notebook)."""
    lignes = ["| | Carnet | Contenu |", "|---|---|---|"]
    for lien in SOMMAIRE:
        cible = f"[{lien.titre}]({lien.chemin})"
        lignes.append(f"| {lien.code} | {cible} | {lien.resume} |")
    return "\n".join(lignes)


# --------------------------------------------------------------------------- course map

#: (code, label, x, y) of each box of the course map, and the arrows between them: lessons
#: 00-05 on top, their exercises below, then lessons 06-10 and the lexique from right to left.
_PAS = 1.8
_ETIQUETTES = {
    "00": "00 Accueil", "01": "01 Télémarketing", "02": "02 Cycle du\nprospect", "03": "03 Appels",
    "04": "04 Qualifier\nun contact", "05": "05 Plan\nd'appel CROC", "06": "06 Fiche\nprospect",
    "07": "07 Plan de\nprospection", "08": "08 Salon", "09": "09 Simulateur\nd'appel",
    "10": "10 Révision", "L": "Lexique", "E1": "Exercice 01", "E2": "Exercice 02", "E3": "Exercice 03",
    "E4": "Mission salon\n(exercice 04)", "E5": "Appel simulé\n(exercice 05)", "T": "Tableau de\nmission",
}
_BOITES = (
    tuple((c, _ETIQUETTES[c], 0.8 + _PAS * i, 4.2) for i, c in enumerate(("00", "01", "02", "03", "04", "05")))
    + tuple((c, _ETIQUETTES[c], 0.8 + _PAS * i, 3.0) for i, c in ((1, "E1"), (2, "E2"), (3, "E3"), (4, "E4")))
    + (("T", _ETIQUETTES["T"], 0.8 + _PAS * 4, 1.8), ("E5", _ETIQUETTES["E5"], 0.8 + _PAS * 2, 1.8))
    + tuple((c, _ETIQUETTES[c], 0.8 + _PAS * (5 - i), 0.6) for i, c in enumerate(("06", "07", "08", "09", "10", "L")))
)
_FLECHES = (("00", "01"), ("01", "02"), ("02", "03"), ("03", "04"), ("04", "05"), ("05", "06"),
            ("06", "07"), ("07", "08"), ("08", "09"), ("09", "10"),
            ("01", "E1"), ("02", "E2"), ("03", "E3"), ("04", "E4"), ("E4", "T"), ("09", "E5"))
_COULEURS = {"leçon": "#d7e8fb", "exercice": "#fde6c8", "application": "#dff3e0"}


def figure_plan():
    """The course map: lessons on top, their exercises below, the board under the mission."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch, Patch

    genres = {lien.code: lien.genre for lien in SOMMAIRE}
    fig = Figure(figsize=(11, 5.6), dpi=100)
    ax = fig.add_subplot()
    positions = {code: (x, y) for code, _, x, y in _BOITES}
    for debut, fin in _FLECHES:
        (x0, y0), (x1, y1) = positions[debut], positions[fin]
        if y0 == y1:
            sens = 1 if x1 > x0 else -1
            x0, x1 = x0 + 0.78 * sens, x1 - 0.78 * sens
        else:
            sens = 1 if y1 > y0 else -1
            y0, y1 = y0 + 0.42 * sens, y1 - 0.42 * sens
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": "#555", "lw": 1.3})
    for code, texte, x, y in _BOITES:
        ax.add_patch(FancyBboxPatch((x - 0.75, y - 0.4), 1.5, 0.8,
                                    boxstyle="round,pad=0.03", linewidth=1.2,
                                    edgecolor="#444", facecolor=_COULEURS[genres[code]]))
        ax.text(x, y, texte, ha="center", va="center", fontsize=9)
    ax.set_xlim(-0.2, 0.8 + _PAS * 5 + 1.0)
    ax.set_ylim(-0.1, 4.8)
    ax.axis("off")
    ax.set_title(fr("Plan du cours : les leçons dans l'ordre, et leurs exercices"), fontsize=11)
    ax.legend(handles=[Patch(facecolor=c, edgecolor="#444", label=g.capitalize())
                       for g, c in _COULEURS.items()],
              loc="center left", bbox_to_anchor=(0.0, 0.45), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def image(fig):
    """A matplotlib figure as a PNG image for the notebook (works in JupyterLab and Voilà)."""
    from IPython.display import Image

    buffer = BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return Image(data=buffer.getvalue(), format="png")


def plan_du_cours():
    """Show the course map."""
    return image(figure_plan())


# --------------------------------------------------------------------------- contents widget

def sommaire():
    """The table of contents as HTML (the markdown table above the cell is the same)."""
    from IPython.display import HTML

    lignes = "".join(
        f"<tr><td>{escape(l.code)}</td><td><b>{escape(l.titre)}</b></td>"
        f"<td>{escape(l.resume)}</td></tr>" for l in SOMMAIRE
    )
    return HTML(f"<table><tr><th></th><th>Carnet</th><th>Contenu</th></tr>{lignes}</table>")


# --------------------------------------------------------------------------- quiz

QUESTIONS: tuple[Question, ...] = (
    Question(
        f"Comment exécuter la cellule sélectionnée et passer à la suivante{NBSP}?",
        ("Entrée", "Maj + Entrée", "Ctrl + S", "Double-clic sur la cellule"),
        1,
        explication="Maj + Entrée exécute la cellule puis sélectionne la suivante.",
        retours={0: "Entrée seule ouvre la cellule en modification, elle ne l'exécute pas.",
                 2: "Ctrl + S enregistre le carnet, il n'exécute rien.",
                 3: "Un double-clic ouvre une cellule de texte en modification."},
    ),
    vrai_faux(
        f"Quand « verifier(...) » affiche ✅ partout, la note finale est forcément maximale.",
        False,
        f"Non{NBSP}: l'autocontrôle ne lance que les vérifications publiques. À la correction, "
        "des tests cachés sont aussi exécutés.",
    ),
    Question(
        f"Dans la mission salon, où vos qualifications sont-elles enregistrées{NBSP}?",
        ("Nulle part : il faut tout ressaisir à chaque séance",
         "Dans le fichier « reponses_salon.json » du dossier de l'exercice",
         "Dans le fichier Excel des contacts, qui est modifié"),
        1,
        explication="Le tableau de mission (ou la cellule d'enregistrement) écrit chaque "
                    "changement dans « reponses_salon.json », que la correction lit ensuite.",
        retours={0: "Rien n'est perdu : chaque choix est enregistré aussitôt.",
                 2: "Le fichier des contacts n'est jamais modifié : c'est la source."},
    ),
    Question(
        f"Quels sont les trois niveaux de qualification d'un prospect dans ce cours{NBSP}?",
        ("Suspect, prospect, client", "Froid, tiède, chaud", "Bronze, argent, or"),
        1,
        explication="Froid, tiède et chaud : c'est la « température » du prospect, "
                    "vue en leçons 02 et 04.",
        retours={0: "C'est l'échelle de maturité (leçon 02) ; la qualification d'un "
                    "prospect se dit froid, tiède ou chaud."},
    ),
)


def franciser(question: Question) -> Question:
    """The same question with French typography applied to every text."""
    return Question(fr(question.enonce), [fr(c) for c in question.choix], question.bonnes,
                    fr(question.explication), {i: fr(t) for i, t in question.retours.items()})


QUESTIONS = tuple(franciser(q) for q in QUESTIONS)


def quiz_accueil():
    """The home quiz (widget)."""
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Quiz de prise en main : {len(QUESTIONS)} questions"))
