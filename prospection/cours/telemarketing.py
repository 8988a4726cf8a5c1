"""Lesson 01 widgets: the « Ai-je le droit d'appeler ? » practice, two diagrams, the quizzes.

The practice's logic (:class:`CallCheckerModel`) is a plain ``traitlets`` class with no widget
import; it reads the lesson's own situations and their verdicts from a data file computed
teacher-side (``grader.donnees_cours``), never exercise 01's items; :func:`verificateur` is
only the view. Diagrams are returned as :class:`Dessin` objects (PNG in Jupyter and Voilà, no pyplot
state), so a notebook cell is a single call.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import lru_cache
from html import escape
from importlib import resources

from traitlets import HasTraits, Int, Unicode, observe

from prospection.cours.quiz import Question, quiz, vrai_faux
from prospection.telemarketing import ACTIVITIES, KINDS, KIND_NAMES, OPT_IN_START, RULES, SCENARIOS, public_holidays

NBSP = "\u00a0"
GREEN, RED = "#1b7d3a", "#b3261e"

# ---------------------------------------------------------------------------------------------
# « Ai-je le droit d'appeler ? » — practice on the lesson's own situations
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def donnees_entrainement() -> dict:
    """Practice situations and their verdicts, computed teacher-side at build time."""
    text = resources.files("prospection").joinpath("data/entrainement_appels.json").read_text("utf-8")
    return json.loads(text)


def situations() -> list[dict]:
    return list(donnees_entrainement()["scenarios"])


class CallCheckerModel(HasTraits):
    """One practice situation at a time: the learner says « autorisé » or « interdit », then reads why."""

    index = Int(0)
    choix = Unicode("")  # "" (not answered yet) | "autorise" | "interdit"

    @property
    def situation(self) -> dict:
        return situations()[self.index]

    @observe("index")
    def _new_situation(self, change=None):
        self.choix = ""

    def correct(self) -> bool | None:
        if not self.choix:
            return None
        return (self.choix == "autorise") == bool(self.situation["autorise"])

    def html(self) -> str:
        s = self.situation
        head = (f"<div><b>{escape(s['titre'])}</b> — {escape(s['quand'])}</div>"
                f"<div>{escape(s['situation'])}</div>")
        if not self.choix:
            return head + f"<p><em>Votre avis{NBSP}: cet appel est-il autorisé{NBSP}?</em></p>"
        ok = self.correct()
        couleur = GREEN if s["autorise"] else RED
        verdict = "Appel autorisé" if s["autorise"] else "Appel interdit"
        items = "".join(
            f'<li style="color:{RED if m["bloquant"] else "inherit"}">{"✘ " if m["bloquant"] else "✓ "}'
            f"{escape(m['texte'])}</li>" for m in s["motifs"]
        )
        bilan = "Bonne réponse." if ok else "Ce n'est pas la bonne réponse : relisez les motifs."
        return (head + f'<div style="border-left:6px solid {couleur};padding:4px 10px;margin-top:6px">'
                f'<div style="color:{couleur}"><b>{escape(verdict)}</b> — {escape(bilan)}</div>'
                f"<ul>{items}</ul></div>")


def verificateur():
    """Practice: read a situation, say whether the call is allowed, then read the rules applied."""
    import ipywidgets as widgets

    model = CallCheckerModel()
    choix = widgets.Dropdown(options=[(f"{s['id']}. {s['titre']}", i) for i, s in enumerate(situations())],
                             description="Situation", style={"description_width": "initial"},
                             layout={"width": "max-content"})
    autorise = widgets.Button(description="Autorisé", icon="check", layout={"width": "max-content"})
    interdit = widgets.Button(description="Interdit", icon="times", layout={"width": "max-content"})
    resultat = widgets.HTML(model.html())
    choix.observe(lambda change: setattr(model, "index", change["new"]), names="value")
    autorise.on_click(lambda _: setattr(model, "choix", "autorise"))
    interdit.on_click(lambda _: setattr(model, "choix", "interdit"))
    model.observe(lambda change: setattr(resultat, "value", model.html()))
    box = widgets.VBox([
        widgets.HTML("<h4>Ai-je le droit d'appeler ? Entraînez-vous</h4>"),
        choix, resultat, widgets.HBox([autorise, interdit]),
        widgets.HTML("<small>Outil pédagogique : en cas de doute réel, vérifiez les textes en "
                     "vigueur sur Légifrance.</small>"),
    ])
    box.model = model
    box.controls = {"situation": choix, "autorise": autorise, "interdit": interdit}
    box.resultat = resultat
    return box


# ---------------------------------------------------------------------------------------------
# Diagrams
# ---------------------------------------------------------------------------------------------


class Dessin:
    """A matplotlib figure shown as PNG in Jupyter/Voilà, without pyplot's global state."""

    def __init__(self, figure):
        self.figure = figure

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()

    def __repr__(self) -> str:
        return "<figure>"


def emploi_du_temps() -> Dessin:
    """Weekly timetable of the slots when a consenting consumer may be canvassed (week of 9 Nov. 2026)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    semaine = donnees_entrainement()["semaine"]
    days = [dt.date.fromisoformat(d) for d in semaine["jours"]]
    times = [dt.time.fromisoformat(t) for t in semaine["heures"]]
    grid = semaine["autorise"]
    fig = Figure(figsize=(9, 4.2))
    ax = fig.subplots()
    data = [[1 if allowed else 0 for allowed in row] for row in grid]
    ax.imshow(data, aspect="auto", cmap=ListedColormap(["#f4c7c3", "#7cc48a"]), vmin=0, vmax=1)
    holidays = public_holidays(days[0].year)
    labels = []
    for d in days:
        label = f"{('lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim')[d.weekday()]} {d.day}/{d.month}"
        if d in holidays:
            label += f"\n({holidays[d]})"
        labels.append(label)
    ax.set_yticks(range(len(days)), labels)
    hours = [i for i, t in enumerate(times) if t.minute == 0]
    ax.set_xticks([i - 0.5 for i in hours], [f"{times[i].hour}{NBSP}h" for i in hours])
    ax.set_xticks([i - 0.5 for i in range(len(times))], minor=True)
    ax.set_yticks([i - 0.5 for i in range(len(days))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.set_title(f"Quand peut-on démarcher un particulier\u00a0? Semaine du {days[0].day}\u00a0novembre "
                 f"{days[0].year} (art. D.\u00a0223-9, depuis le 1er\u00a0mars 2023)")
    ax.legend(handles=[Patch(color="#7cc48a", label="autorisé"), Patch(color="#f4c7c3", label="interdit")],
              loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    fig.tight_layout()
    return Dessin(fig)


TIMELINE = (
    (dt.date(2011, 7, 1), "2011", "Pacitel\n(liste des professionnels)"),
    (dt.date(2014, 3, 17), "17/03/2014", "Loi Hamon\ncrée une liste d'opposition"),
    (dt.date(2016, 6, 1), "juin 2016", "Bloctel\n(opt-out)"),
    (dt.date(2020, 7, 24), "24/07/2020", "Loi Naegelen\n(sanctions renforcées)"),
    (dt.date(2023, 3, 1), "01/03/2023", "Jours, heures,\n4 appels / 30 j, 60 j après refus"),
    (dt.date(2026, 8, 11), "11/08/2026", "Consentement préalable\n(opt-in), fin de Bloctel"),
)


def frise() -> Dessin:
    """Timeline of the French rules on consumer telephone canvassing."""
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 3.2))
    ax = fig.subplots()
    xs = [date2num(d) for d, _, _ in TIMELINE]
    ax.axhline(0, color="#555", linewidth=2)
    for i, ((d, quand, texte), x) in enumerate(zip(TIMELINE, xs)):
        y = 1 if i % 2 == 0 else -1
        ax.plot([x, x], [0, y * 0.55], color="#888", linewidth=1)
        ax.plot(x, 0, "o", color="#1f5fa8" if d < OPT_IN_START else "#b3261e", markersize=9)
        ax.annotate(f"{quand}\n{texte}", (x, y * 0.6), ha="center",
                    va="bottom" if y > 0 else "top", fontsize=8.5)
    ax.set_ylim(-1.9, 1.9)
    ax.set_xlim(xs[0] - 500, xs[-1] + 500)
    ax.axis("off")
    ax.set_title("Démarchage téléphonique des particuliers en France\u00a0: les grandes dates")
    return Dessin(fig)


# ---------------------------------------------------------------------------------------------
# Lesson content shown by one call each
# ---------------------------------------------------------------------------------------------


def tableau_types():
    """The four kinds, as an HTML table."""
    from IPython.display import HTML

    rows = "".join(
        f"<tr><td><b>{escape(k.nom.capitalize())}</b></td><td>{escape(k.definition)}</td>"
        f"<td>{escape(k.temperature)}</td><td>{escape(', '.join(k.exemples))}</td></tr>"
        for k in KINDS.values()
    )
    return HTML("<table><tr><th>Type</th><th>Définition</th><th>Température du contact</th>"
                f"<th>Exemples</th></tr>{rows}</table>")


def tableau_activites():
    from IPython.display import HTML

    rows = "".join(f"<tr><td><b>{escape(a)}</b></td><td>{escape(d)}</td></tr>" for a, d in ACTIVITIES)
    return HTML(f"<table><tr><th>Activité</th><th>En pratique</th></tr>{rows}</table>")


def tableau_regles():
    from IPython.display import HTML

    rows = "".join(f"<tr><td>{escape(date)}</td><td><b>{escape(nom)}</b></td><td>{escape(texte)}</td></tr>"
                   for date, nom, texte in RULES)
    return HTML(f"<table><tr><th>Date</th><th>Règle</th><th>Contenu</th></tr>{rows}</table>")


CHOIX_TYPES = tuple(n.capitalize() for n in KIND_NAMES)

QUESTIONS_TYPES: list[Question] = [
    Question(s.texte, CHOIX_TYPES, list(KINDS).index(s.kind), s.indice) for s in SCENARIOS
]

QUESTIONS_REGLES: list[Question] = [
    Question(
        "Nous sommes après le 11\u00a0août 2026. Un professionnel peut-il appeler un particulier qui "
        "n'a jamais donné son accord et n'a aucun contrat avec lui\u00a0?",
        ("Oui, s'il n'est pas inscrit sur Bloctel", "Non\u00a0: il faut son consentement préalable",
         "Oui, mais seulement entre 10\u00a0h et 13\u00a0h"),
        1,
        "Depuis le 11\u00a0août 2026 (loi n°\u00a02025-594, art.\u00a013), le démarchage d'un "
        "consommateur exige son accord préalable, sauf contrat en cours.",
        {0: "Bloctel, c'était la règle d'avant (opposition, de 2016 à août 2026). Depuis le "
            "11\u00a0août 2026, c'est l'inverse\u00a0: sans accord, pas d'appel.",
         2: "Les plages horaires s'ajoutent au consentement, elles ne le remplacent pas."},
    ),
    Question(
        "Un particulier a donné son accord. Quels créneaux sont autorisés pour le démarcher\u00a0?",
        ("Lundi 12\u00a0h\u00a045", "Jeudi 13\u00a0h\u00a050", "Mercredi 19\u00a0h\u00a030",
         "Dimanche 16\u00a0h\u00a000", "Lundi de Pentecôte 11\u00a0h\u00a000"),
        {0, 2},
        "Du lundi au vendredi, hors jours fériés, de 10\u00a0h à 13\u00a0h et de 14\u00a0h à 20\u00a0h "
        "(art. D.\u00a0223-9, depuis le 1er\u00a0mars 2023).",
        {1: "13\u00a0h\u00a050 tombe pendant la pause de midi (13\u00a0h–14\u00a0h).",
         3: "Le samedi et le dimanche sont interdits.",
         4: "Le lundi de Pentecôte est un jour férié\u00a0: interdit."},
    ),
    vrai_faux(
        "Un contact a déjà reçu 4\u00a0appels de votre entreprise ces 30 derniers jours\u00a0: vous "
        "pouvez tenter une 5e fois si vous changez de vendeur.",
        False,
        "C'est au plus 4\u00a0appels ou tentatives en 30\u00a0jours par le même professionnel, "
        "quel que soit le vendeur (art. D.\u00a0223-9, depuis le 1er\u00a0mars 2023).",
    ),
    Question(
        "Une cliente a refusé votre offre pendant un appel. Quand pouvez-vous la rappeler pour "
        "une nouvelle offre\u00a0?",
        ("Dès le lendemain", "Après 30\u00a0jours", "Après 60\u00a0jours", "Jamais"),
        2,
        "Après un refus exprimé pendant l'appel, aucune tentative pendant 60\u00a0jours "
        "(art. D.\u00a0223-9, depuis le 1er\u00a0mars 2023).",
        {1: "30\u00a0jours, c'est la période sur laquelle on compte les 4\u00a0appels au plus."},
    ),
    vrai_faux(
        "Les règles sur le démarchage des consommateurs (accord préalable, horaires) s'appliquent "
        "aussi quand vous appelez la responsable des achats d'une entreprise pour son activité "
        "professionnelle.",
        False,
        "Ces règles protègent les consommateurs. Un appel B2B sur l'activité professionnelle en "
        "sort — mais le RGPD s'applique toujours\u00a0: informer la personne, respecter son opposition.",
    ),
    Question(
        "Quel organisme gère la liste nationale «\u00a0Do Not Call\u00a0» des États-Unis\u00a0?",
        ("La CNIL", "La FTC (Federal Trade Commission)", "Bloctel"),
        1,
        "Aux États-Unis, la FTC gère et fait respecter la liste, avec la FCC et les États.",
        {0: "La CNIL est l'autorité française de protection des données.",
         2: "Bloctel était la liste française (juin 2016 – août 2026)."},
    ),
]


def quiz_types():
    return quiz(QUESTIONS_TYPES, "Quiz\u00a0: quel type de télémarketing\u00a0?")


def quiz_regles():
    return quiz(QUESTIONS_REGLES, "Quiz\u00a0: les règles du démarchage téléphonique")
