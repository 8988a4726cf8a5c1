"""Lesson 04 (``course/04_qualification.ipynb``): qualify a contact as froid, tiède or chaud.

The logic (levels, highlighting, worked examples, the deadline timeline, the cue finder) is
plain Python and unit-tested; the widgets only show it. Worked examples and the timeline use
the lesson's own practice file (``prospection/data/entrainement_qualification.json``, built
teacher-side), never the graded contacts; the notes analyser highlights cues with the text
core (``prospection.texte.indices``) and leaves the decision to the learner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import json
from functools import lru_cache
from html import escape
from importlib import resources

from prospection.cours.accueil import NBSP, franciser, fr, image
from prospection.cours.quiz import Question, vrai_faux

#: Court terme: a deadline within this many days of the salon date (docs/ARCHITECTURE.md).
JOURS_COURT_TERME = 92


@dataclass(frozen=True)
class Niveau:
    classe: str
    definition: str
    action: str
    couleur: str


NIVEAUX: tuple[Niveau, ...] = (
    Niveau("froid",
           fr("Pas intéressé par l'offre pour le moment (aucun besoin, aucun projet, "
              "déjà équipé ou plus intéressé)."),
           fr("Garder la fiche dans le système d'information commercial (SIC, souvent un CRM) : le recontacter lors d'une "
              "prochaine campagne, lui envoyer une documentation ou une invitation à un "
              "événement de l'entreprise (anniversaire, portes ouvertes). But : qu'il pense "
              "à nous quand un besoin apparaîtra."),
           "#2f6db5"),
    Niveau("tiède",
           fr("Intérêt déclaré ou manifesté pour un produit ou un service, mais projet ou "
              "intention d'achat à moyen ou long terme (au-delà de 3 mois)."),
           fr("Le relancer pour obtenir un rendez-vous à l'approche de l'échéance du projet "
              "(noter la date de relance dans le SIC)."),
           "#c77c02"),
    Niveau("chaud",
           fr("Intérêt exprimé récemment ou intention d'achat à court terme (dans les 3 mois "
              "qui suivent le salon)."),
           fr("Le rappeler en priorité, avant que l'achat ne parte chez un concurrent : "
              "proposer un rendez-vous ou un devis."),
           "#c0392b"),
)
COULEURS_CLASSE = {n.classe: n.couleur for n in NIVEAUX}

#: Colour and French label of each kind of evidence the engine returns.
ROLES = {
    "interet": ("#c8f0c8", "intérêt"),
    "desinteret": ("#f8c9c4", "désintérêt"),
    "projet": ("#cfe2ff", "projet"),
    "delai": ("#ffe08a", "délai"),
    "concurrent": ("#e3d0f5", "concurrent"),
    "budget": ("#c9efe9", "budget"),
}


def tableau_niveaux():
    """The three levels, their definition and the action that follows (HTML)."""
    from IPython.display import HTML

    lignes = "".join(
        f"<tr><td style='color:{n.couleur};font-weight:bold'>{escape(n.classe)}</td>"
        f"<td style='text-align:left'>{escape(n.definition)}</td>"
        f"<td style='text-align:left'>{escape(n.action)}</td></tr>" for n in NIVEAUX
    )
    return HTML("<table><tr><th>Niveau</th><th>Définition</th><th>Action qui suit</th></tr>"
                f"{lignes}</table>")


# --------------------------------------------------------------------------- decision

def classe_selon_criteres(interet: str, jours_avant_echeance: int | None) -> str:
    """The course's rule: no interest -> froid; then short term (≤ 92 days) -> chaud, else tiède.

    ``interet`` is "oui", "non" or "incertain"; ``jours_avant_echeance`` is None when the
    notes give no date (then the contact is tiède: interested, deadline to be found out).
    """
    if interet == "non":
        return "froid"
    if jours_avant_echeance is not None and jours_avant_echeance <= JOURS_COURT_TERME:
        return "chaud"
    return "tiède"


def figure_arbre():
    """The decision tree: interest first, then timing."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    fig = Figure(figsize=(8.5, 3.6), dpi=100)
    ax = fig.add_subplot()
    boites = {
        "q1": (1.4, 2.0, fr("Le contact est-il\nintéressé par l'offre ?"), "#eeeeee"),
        "q2": (4.7, 2.0, fr("Projet ou achat dans les\n3 mois suivant le salon ?"), "#eeeeee"),
        "froid": (1.4, 0.3, "FROID\nfiche SIC, documentation,\ninvitation", "#d6e4f5"),
        "chaud": (8.0, 2.0, "CHAUD\nrappeler en priorité", "#f6d2cd"),
        "tiède": (4.7, 0.3, "TIÈDE\nrelancer à l'approche\nde l'échéance", "#fbe5c0"),
    }
    fleches = (("q1", "froid", "non"), ("q1", "q2", "oui"), ("q2", "chaud", "oui, ou urgence"),
               ("q2", "tiède", "non, ou délai inconnu"))
    for debut, fin, texte in fleches:
        (x0, y0), (x1, y1) = boites[debut][:2], boites[fin][:2]
        if y0 == y1:
            x0, x1 = x0 + 1.25, x1 - 1.1
        else:
            y0, y1 = y0 - 0.45, y1 + 0.5
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": "#555", "lw": 1.3})
        ax.text((x0 + x1) / 2 + 0.08, (y0 + y1) / 2 + 0.08, texte, fontsize=8.5, color="#333")
    for x, y, texte, couleur in boites.values():
        largeur = 2.4 if x != 8.0 else 2.1
        ax.add_patch(FancyBboxPatch((x - largeur / 2, y - 0.45), largeur, 0.9,
                                    boxstyle="round,pad=0.03", facecolor=couleur, edgecolor="#444"))
        ax.text(x, y, texte, ha="center", va="center", fontsize=8.5)
    ax.set_xlim(0, 9.3)
    ax.set_ylim(-0.4, 2.7)
    ax.axis("off")
    ax.set_title(fr("Qualifier : d'abord l'intérêt, ensuite le délai"), fontsize=11)
    fig.tight_layout()
    return fig


def arbre_decision():
    return image(figure_arbre())


# --------------------------------------------------------------------------- engine reading

def _span(item) -> tuple[int, int, str]:
    if isinstance(item, dict):
        return int(item["start"]), int(item["end"]), str(item.get("role", ""))
    return int(item.start), int(item.end), str(getattr(item, "role", ""))


def surligner(notes: str, evidence) -> str:
    """The notes as HTML with each evidence span of the engine highlighted by its role.

    Overlapping spans keep the first (longest first at equal start); text is escaped.
    """
    spans = sorted((_span(e) for e in evidence or ()), key=lambda s: (s[0], -(s[1] - s[0])))
    morceaux = []
    curseur = 0
    for debut, fin, role in spans:
        if debut < curseur or fin <= debut or fin > len(notes):
            continue
        couleur, libelle = ROLES.get(role, ("#eeeeee", role))
        morceaux.append(escape(notes[curseur:debut]))
        morceaux.append(
            f'<mark class="preuve preuve-{escape(role)}" title="{escape(libelle)}" '
            f'style="background:{couleur};padding:0 2px;border-radius:3px">'
            f"{escape(notes[debut:fin])}</mark>"
        )
        curseur = fin
    morceaux.append(escape(notes[curseur:]))
    return "".join(morceaux)


def legende_roles() -> str:
    return " ".join(
        f'<mark style="background:{c};padding:0 3px;border-radius:3px">{escape(l)}</mark>'
        for c, l in ROLES.values()
    )


@dataclass
class Lecture:
    """One practice contact, its class (known: practice file) and the reading that justifies it."""

    notes: str
    date_salon: dt.date
    classe: str
    action: str
    justification: str
    confiance: float
    echeance: dt.date | None
    html_notes: str


# --------------------------------------------------------------------------- practice file

@lru_cache(maxsize=1)
def donnees_entrainement() -> dict:
    """Lesson 04's practice contacts (not the graded file), prepared teacher-side at build time."""
    text = resources.files("prospection").joinpath("data/entrainement_qualification.json").read_text("utf-8")
    return json.loads(text)


def date_du_salon() -> dt.date:
    return dt.date.fromisoformat(donnees_entrainement()["salon"]["date"])


def lectures_entrainement() -> list[tuple[dict, Lecture]]:
    """Every practice contact with its class and the reading that justifies it."""
    date = date_du_salon()
    out = []
    for c in donnees_entrainement()["contacts"]:
        echeance = dt.date.fromisoformat(c["echeance"]) if c["echeance"] else None
        out.append((c, Lecture(notes=c["observations"], date_salon=date, classe=c["classe"], action=c["action"],
                               justification=c["justification"], confiance=float(c["confiance"]),
                               echeance=echeance, html_notes=surligner(c["observations"], c["preuves"]))))
    return out


def choisir_exemples(lectures: list[tuple[dict, Lecture]]) -> list[tuple[str, dict, Lecture]]:
    """One sure example per class, then one subtle case (the least sure reading).

    Returns (why it was chosen, contact, reading) in the order froid, tiède, chaud, subtle.
    """
    choisis: list[tuple[str, dict, Lecture]] = []
    pris = set()
    for classe in ("froid", "tiède", "chaud"):
        candidats = [(r, l) for r, l in lectures if l.classe == classe]
        if candidats:
            row, lec = max(candidats, key=lambda rl: rl[1].confiance)
            choisis.append((f"exemple type d'un contact {classe}", row, lec))
            pris.add(str(row["id"]))
    restants = [(r, l) for r, l in lectures if str(r["id"]) not in pris]
    if restants:
        row, lec = min(restants, key=lambda rl: rl[1].confiance)
        choisis.append(("cas moins évident", row, lec))
    return choisis


def exemples_entrainement():
    """Worked examples from the practice file (Forum des associations de Nantes), as an HTML table."""
    from IPython.display import HTML

    lignes = []
    for pourquoi, row, lec in choisir_exemples(lectures_entrainement()):
        couleur = COULEURS_CLASSE.get(lec.classe, "#444")
        lignes.append(
            f"<tr><td><b>{escape(str(row['id']))}</b><br><small>{escape(pourquoi)}</small></td>"
            f"<td style='text-align:left'>{escape(str(row['organisation']))}</td>"
            f"<td style='text-align:left;max-width:28em'>{lec.html_notes}</td>"
            f"<td style='color:{couleur};font-weight:bold'>{escape(lec.classe)}</td>"
            f"<td style='text-align:left;max-width:22em'>{escape(lec.justification)}</td></tr>"
        )
    salon = donnees_entrainement()["salon"]
    return HTML(
        f"<p><small>Fichier d'entraînement{NBSP}: {escape(salon['salon'])}, le "
        f"{date_du_salon():%d/%m/%Y} («{NBSP}{escape(donnees_entrainement()['fichier'])}{NBSP}»). "
        f"Légende des passages surlignés{NBSP}: {legende_roles()}</small></p>"
        "<table><tr><th>Contact</th><th>Organisation</th><th>Notes prises au salon</th>"
        f"<th>Classe</th><th>Pourquoi{NBSP}?</th></tr>{''.join(lignes)}</table>"
    )


# --------------------------------------------------------------------------- timeline plot

def echeances(lectures: list[tuple[dict, Lecture]]) -> list[tuple[str, int, str]]:
    """(id, days from the salon to the deadline, class) for every contact with a deadline."""
    points = []
    for row, lec in lectures:
        if lec.echeance is not None:
            points.append((str(row["id"]), (lec.echeance - lec.date_salon).days, lec.classe))
    return sorted(points, key=lambda p: p[1])


def figure_frise(lectures: list[tuple[dict, Lecture]] | None = None):
    """Deadlines of the practice contacts against the 3-month line (court terme)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    lectures = lectures if lectures is not None else lectures_entrainement()
    points = echeances(lectures)
    fig = Figure(figsize=(9, 0.9 + 0.32 * max(len(points), 3)), dpi=100)
    ax = fig.add_subplot()
    for rang, (cid, jours, classe) in enumerate(points):
        ax.barh(rang, jours / 30.4, color=COULEURS_CLASSE.get(classe, "#444"), alpha=0.85, height=0.6)
    ax.axvline(JOURS_COURT_TERME / 30.4, color="#333", linestyle="--", lw=1.2)
    ax.text(JOURS_COURT_TERME / 30.4 + 0.15, len(points) - 0.6,
            fr("3 mois : limite du court terme"), fontsize=8.5)
    ax.set_yticks(range(len(points)), [cid for cid, _, _ in points], fontsize=8)
    ax.set_ylim(-0.7, max(len(points), 1) + 0.2)
    ax.legend(handles=[Patch(color=c, label=k) for k, c in COULEURS_CLASSE.items()],
              loc="lower right", fontsize=8, frameon=False)
    ax.set_xlabel("Mois entre le salon et l'échéance du projet")
    sans = len(lectures) - len(points)
    ax.set_title(fr(f"Fichier d'entraînement : échéances lues dans les notes ({len(points)} contacts "
                    f"datés, {sans} sans date)"), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def frise_echeances():
    return image(figure_frise())


# --------------------------------------------------------------------------- frameworks

CADRES = (
    ("chaud", "Besoin confirmé et délai court (Timeline/Prioritization courts)",
     "Rating « Hot »", "SQL, opportunité"),
    ("tiède", "Besoin réel, délai moyen ou long (« mauvais timing »)",
     "Rating « Warm »", "Lead en nurturing"),
    ("froid", "Aucun besoin exprimé (Need/Challenges absents)", "Rating « Cold »",
     "Contact, abonné"),
)


def tableau_cadres():
    """BANT / CHAMP criteria and CRM ratings mapped to the three levels (HTML)."""
    from IPython.display import HTML

    lignes = "".join(
        f"<tr><td style='color:{COULEURS_CLASSE[c]};font-weight:bold'>{c}</td>"
        f"<td style='text-align:left'>{escape(fr(b))}</td><td style='text-align:left'>{escape(fr(s))}</td>"
        f"<td style='text-align:left'>{escape(fr(h))}</td></tr>" for c, b, s, h in CADRES
    )
    return HTML(
        "<table><tr><th>Niveau</th><th>Lecture BANT / CHAMP</th><th>Salesforce (Lead Rating)</th>"
        f"<th>HubSpot (étape du cycle de vie)</th></tr>{lignes}</table>"
    )


# --------------------------------------------------------------------------- widget

EXEMPLE_NOTES = ("Club de rugby\u00a0: très intéressé par des maillots personnalisés pour le tournoi "
                 "du 20 décembre. Demande un devis rapidement, compare avec un concurrent.")


@dataclass
class Indices:
    """The cues found in a text: highlighted notes, and each deadline with its distance to the salon."""

    notes: str
    html_notes: str
    roles: dict
    echeances: list  # (words, first day, last day, days after the salon for the last day)

    def html(self) -> str:
        trouves = "".join(
            f"<li><b>{escape(ROLES[r][1])}</b>{NBSP}: {escape(', '.join(f'«{NBSP}{t}{NBSP}»' for t in textes))}</li>"
            for r, textes in self.roles.items() if textes
        ) or f"<li>Aucun indice repéré{NBSP}: relisez les notes vous-même.</li>"
        dates = "".join(
            f"<li>«{NBSP}{escape(mots)}{NBSP}»{NBSP}: du {debut:%d/%m/%Y} au {fin:%d/%m/%Y}, soit "
            f"{jours}{NBSP}jours après le salon au plus tard</li>" for mots, debut, fin, jours in self.echeances
        ) or "<li>Aucune échéance datée dans les notes.</li>"
        return (
            "<div style='line-height:1.6'>"
            f"<div style='border:1px solid #ccc;padding:6px;border-radius:4px'>{self.html_notes}</div>"
            f"<div><small>Légende{NBSP}: {legende_roles()}</small></div>"
            f"<p><b>Indices repérés</b></p><ul>{trouves}</ul>"
            f"<p><b>Échéances</b> (court terme{NBSP}: au plus {JOURS_COURT_TERME}{NBSP}jours après le salon)</p>"
            f"<ul>{dates}</ul>"
            f"<p><em>À vous de décider{NBSP}: l'intérêt est-il réel{NBSP}? Le projet tombe-t-il dans les "
            f"trois mois{NBSP}? Froid, tiède ou chaud{NBSP}?</em></p></div>"
        )

    _repr_html_ = html


def reperer_indices(notes: str, date_salon: dt.date) -> Indices:
    """Highlight the cues of ``notes`` (interest, project, deadline, competitor, budget); no class."""
    from prospection.texte.abreviations import expand
    from prospection.texte.indices import cues
    from prospection.texte.temps import find_time_expressions

    texte = expand(notes or "")
    trouves = cues(texte, date_salon)
    roles = {r: [c.text for c in trouves if c.role == r] for r in ROLES}
    echeances = [
        (e.text, max(e.date_min, date_salon), e.date_max, (e.date_max - date_salon).days)
        for e in find_time_expressions(texte, date_salon) if not e.past and not e.secondary
    ]
    return Indices(texte, surligner(texte, trouves), roles, echeances)


class AnalyseurNotes:
    """Paste a contact's notes, pick the salon date, see the cues; the learner decides the class."""

    def __init__(self, notes: str = EXEMPLE_NOTES, date_salon: dt.date | None = None):
        import ipywidgets as widgets

        if date_salon is None:
            date_salon = date_du_salon()
        self.notes = widgets.Textarea(
            value=notes, placeholder="Collez ici des notes prises sur un contact…",
            layout={"width": "100%", "height": "6em"})
        self.date = widgets.DatePicker(value=date_salon, description="Date du salon",
                                       style={"description_width": "initial"})
        self.bouton = widgets.Button(description="Repérer les indices", button_style="primary", icon="search",
                                     layout={"width": "max-content"})
        self.resultat = widgets.HTML()
        self.bouton.on_click(lambda _: self.analyser())
        self.date.observe(lambda _: self.analyser(), names="value")
        self.widget = widgets.VBox([
            widgets.HTML("<b>Notes du contact</b>"), self.notes,
            widgets.HBox([self.date, self.bouton]), self.resultat,
        ])
        self.analyser()

    def analyser(self) -> Indices | None:
        texte = (self.notes.value or "").strip()
        if not texte:
            self.resultat.value = f"<em>Collez d'abord des notes dans la zone de texte{NBSP}!</em>"
            return None
        if self.date.value is None:
            self.resultat.value = f"<em>Choisissez la date du salon{NBSP}: le délai se compte à partir d'elle.</em>"
            return None
        try:
            indices = reperer_indices(texte, self.date.value)
        except Exception as exc:  # never a traceback in a lesson
            self.resultat.value = (f"<span style='color:#b3261e'>Analyse impossible "
                                   f"({escape(type(exc).__name__)}){NBSP}: reformulez les notes.</span>")
            return None
        self.resultat.value = indices.html()
        return indices

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def analyseur_notes():
    return AnalyseurNotes()


# --------------------------------------------------------------------------- quiz

QUESTIONS: tuple[Question, ...] = tuple(franciser(q) for q in (
    Question(
        "Quel critère regarde-t-on en premier pour qualifier un contact ?",
        ("Le délai du projet", "L'intérêt du contact pour l'offre", "La taille de l'organisation"),
        1,
        explication="D'abord l'intérêt : sans intérêt, le contact est froid, quel que soit le "
                    "délai. Ensuite seulement, le délai sépare tiède et chaud.",
        retours={0: "Le délai ne compte qu'une fois l'intérêt établi.",
                 2: "La taille ne fait pas partie des critères de la mission."},
    ),
    Question(
        "Salon le 10 octobre 2026. « Intéressé, commande à passer en mars 2027. » Quelle classe ?",
        ("froid", "tiède", "chaud"),
        1,
        explication="Mars 2027 est à environ 5 mois du salon, au-delà des 3 mois du court terme : "
                    "tiède, à relancer à l'approche de l'échéance.",
        retours={2: "Intéressé, oui, mais l'échéance dépasse 3 mois après le salon."},
    ),
    Question(
        "« Nous étions intéressés l'an dernier, mais nous avons acheté chez un concurrent. » "
        "Quelle classe ?",
        ("froid", "tiède", "chaud"),
        0,
        explication="Le mot « intéressés » est au passé : aujourd'hui, il n'y a plus d'intérêt. "
                    "Fiche gardée dans le SIC, relance lors d'une prochaine campagne.",
        retours={1: "L'intérêt est passé : le contact n'a plus de projet.",
                 2: "Rien n'indique un achat à venir."},
    ),
    Question(
        "Quelle action suit un contact chaud ?",
        ("Lui envoyer une invitation aux portes ouvertes",
         "Le rappeler en priorité pour proposer un rendez-vous ou un devis",
         "Le relancer dans six mois"),
        1,
        explication="Un contact chaud se rappelle en premier, avant que l'achat ne parte chez "
                    "un concurrent.",
        retours={0: "C'est l'action type d'un contact froid.",
                 2: "C'est une relance de contact tiède ; un contact chaud n'attend pas."},
    ),
    vrai_faux(
        fr("Une bonne justification cite les mots des notes (intérêt, projet, délai) et "
           "l'action qui découle de la classe."),
        True,
        fr("Oui : c'est exactement ce que la correction de la mission salon regarde."),
    ),
))


def quiz_qualification():
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Quiz : qualifier un contact ({len(QUESTIONS)} questions)"))
