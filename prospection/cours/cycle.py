"""Lesson 02 — the prospect's life cycle: objectives, maturity ladder, funnel, quiz.

The logic (:class:`Entonnoir`, the quiz questions, the priority debate texts) imports no
widget and is unit-tested; the view functions only show it. matplotlib is imported lazily
and draws on a bare ``Figure`` (no pyplot), so the lesson starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as _escape


def escape(texte) -> str:
    """HTML-escape text shown in a widget (apostrophes stay readable)."""
    return _escape(str(texte), quote=False)

from prospection.cours.quiz import Question

# ---------------------------------------------------------------------------------------
# Why prospect: the six objectives
# ---------------------------------------------------------------------------------------

OBJECTIFS = {
    "conquerir": "Conquérir de nouveaux clients",
    "remplacer": "Remplacer les clients perdus ou défaillants",
    "reactiver": "Réactiver d'anciens clients",
    "chiffre_affaires": "Développer le chiffre d'affaires",
    "part_de_marche": "Gagner des parts de marché",
    "lancement": "Lancer un nouveau produit",
}

# ---------------------------------------------------------------------------------------
# The maturity ladder
# ---------------------------------------------------------------------------------------

ETAPES = ("suspect", "froid", "tiède", "chaud", "client")
LIBELLES = {
    "suspect": "Suspect",
    "froid": "Prospect froid",
    "tiède": "Prospect tiède",
    "chaud": "Prospect chaud",
    "client": "Client",
    "perdu": "Perdu",
}
DEFINITIONS = {
    "suspect": "Ciblé, mais pas encore qualifié : il pourrait être intéressé, rien n'est établi.",
    "froid": "Qualifié, mais pas intéressé pour l'instant : on garde sa fiche et on le recontactera.",
    "tiède": "A montré un intérêt, mais son projet est à moyen ou long terme : on le relance à l'approche de l'échéance.",
    "chaud": "A exprimé récemment un intérêt ou une intention d'achat à court terme : on le rappelle en premier.",
    "client": "A acheté : la prospection a atteint son but, la fidélisation commence.",
    "perdu": "Est sorti du parcours : il a acheté chez un concurrent ou ne veut plus être contacté.",
}
# Each step up the ladder and what makes a contact take it.
PASSAGES = (
    ("suspect", "froid", "qualification (on vérifie qu'il correspond à la cible)"),
    ("froid", "tiède", "il exprime un intérêt, avec un projet à moyen ou long terme"),
    ("tiède", "chaud", "son projet devient proche (court terme)"),
    ("chaud", "client", "il passe commande"),
)
TAUX_DEFAUT = {"froid": 0.6, "tiède": 0.4, "chaud": 0.5, "client": 0.35}


def _valider_taux(taux: dict) -> dict[str, float]:
    complet = dict(TAUX_DEFAUT)
    for etape, valeur in (taux or {}).items():
        cle = "tiède" if etape == "tiede" else etape
        if cle not in TAUX_DEFAUT:
            raise ValueError(f"Étape inconnue : « {etape} ». Étapes possibles : froid, tiède, chaud, client.")
        try:
            valeur = float(valeur)
        except (TypeError, ValueError):
            raise ValueError(f"Le taux de passage vers « {cle} » doit être un nombre entre 0 et 1.") from None
        if not 0 <= valeur <= 1:
            raise ValueError(f"Le taux de passage vers « {cle} » doit être compris entre 0 et 1 (reçu : {valeur}).")
        complet[cle] = valeur
    return complet


@dataclass(frozen=True)
class Entonnoir:
    """A prospection funnel: how many of ``suspects`` reach each rung of the ladder.

    ``taux[e]`` is the share of the contacts of the previous rung who reach rung ``e``.
    Those who do not move up stay on their rung (their record is kept), except the hot
    prospects who do not sign: in this model they are counted as lost (they bought elsewhere).
    """

    suspects: int
    taux: dict

    def __init__(self, suspects: int = 200, taux: dict | None = None):
        if isinstance(suspects, bool) or not isinstance(suspects, int) or suspects < 0:
            raise ValueError("Le nombre de suspects doit être un entier positif ou nul.")
        object.__setattr__(self, "suspects", suspects)
        object.__setattr__(self, "taux", _valider_taux(taux or {}))

    def atteints(self) -> dict[str, int]:
        """How many contacts reached each rung (cumulative: a client also was a suspect)."""
        effectifs = {"suspect": self.suspects}
        precedent = self.suspects
        for etape in ETAPES[1:]:
            precedent = round(precedent * self.taux[etape])
            effectifs[etape] = precedent
        return effectifs

    def repartition(self) -> dict[str, int]:
        """Where the contacts are at the end: on each rung, among clients, or lost."""
        atteints = self.atteints()
        resultat = {}
        for etape, suivante in zip(ETAPES, ETAPES[1:]):
            resultat[etape] = atteints[etape] - atteints[suivante]
        resultat["perdu"] = resultat.pop("chaud")
        resultat["chaud"] = 0
        resultat["client"] = atteints["client"]
        return {e: resultat[e] for e in (*ETAPES, "perdu")}

    def taux_global(self) -> float:
        """Share of suspects who became clients (0 when there is no suspect)."""
        return self.atteints()["client"] / self.suspects if self.suspects else 0.0

    def suspects_pour(self, clients: int) -> int:
        """How many suspects this funnel needs to win ``clients`` clients (rounded up)."""
        produit = 1.0
        for etape in ETAPES[1:]:
            produit *= self.taux[etape]
        if produit == 0:
            raise ValueError("Avec un taux de passage nul, aucun suspect ne devient client.")
        from math import ceil

        return ceil(clients / produit - 1e-9)


class Graphique:
    """A matplotlib figure that shows itself as a PNG in Jupyter (no pyplot needed)."""

    def __init__(self, figure):
        self.figure = figure

    def png(self) -> bytes:
        from io import BytesIO

        tampon = BytesIO()
        self.figure.savefig(tampon, format="png", dpi=100, bbox_inches="tight")
        return tampon.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()


COULEURS = {"suspect": "#9aa5b1", "froid": "#5b9bd5", "tiède": "#f4b183", "chaud": "#e0533d",
            "client": "#2e8b57", "perdu": "#7f7f7f"}


def graphique_entonnoir(entonnoir: Entonnoir) -> Graphique:
    """The funnel as centred bars, with counts and step conversion rates."""
    from matplotlib.figure import Figure

    atteints = entonnoir.atteints()
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.subplots()
    largeur_max = max(atteints["suspect"], 1)
    for rang, etape in enumerate(ETAPES):
        n = atteints[etape]
        ax.barh(rang, n, left=(largeur_max - n) / 2, color=COULEURS[etape], height=0.75)
        texte = f"{LIBELLES[etape]} : {n}"
        if rang:
            texte += f"  ({entonnoir.taux[etape]:.0%} de l'étape précédente)".replace("%", "\u00a0%")
        ax.text(largeur_max / 2, rang, texte.replace(" :", "\u00a0:"), ha="center", va="center", fontsize=9)
    perdus = entonnoir.repartition()["perdu"]
    ax.set_yticks([])
    ax.set_xticks([])
    ax.invert_yaxis()
    for cote in ("top", "right", "left", "bottom"):
        ax.spines[cote].set_visible(False)
    ax.set_title(
        f"Entonnoir de prospection — taux global : {entonnoir.taux_global():.1%}, "
        f"prospects chauds perdus : {perdus}".replace("%", "\u00a0%").replace(" :", "\u00a0:"),
        fontsize=10)
    return Graphique(fig)


def entonnoir_interactif(suspects: int = 200):
    """Sliders for the number of suspects and each step's rate -> counts and funnel plot."""
    import ipywidgets as widgets

    style = {"description_width": "190px"}
    layout = {"width": "520px"}
    curseur_suspects = widgets.IntSlider(value=suspects, min=0, max=1000, step=10,
                                         description="Suspects ciblés\u00a0:", style=style, layout=layout)
    curseurs = {
        etape: widgets.FloatSlider(value=TAUX_DEFAUT[etape], min=0, max=1, step=0.05,
                                   readout_format=".0%", description=f"Passage vers « {LIBELLES[etape].lower()} »\u00a0:"
                                   .replace("« ", "«\u00a0").replace(" »", "\u00a0»"),
                                   style=style, layout=layout)
        for etape in ETAPES[1:]
    }
    image = widgets.Image(format="png", layout={"width": "640px"})
    tableau = widgets.HTML()

    def mettre_a_jour(_=None):
        entonnoir = Entonnoir(curseur_suspects.value, {e: c.value for e, c in curseurs.items()})
        image.value = graphique_entonnoir(entonnoir).png()
        repartition = entonnoir.repartition()
        atteints = entonnoir.atteints()
        lignes = "".join(
            f"<tr><td>{escape(LIBELLES[e])}</td><td style='text-align:right'>{atteints.get(e, '—')}</td>"
            f"<td style='text-align:right'>{repartition[e]}</td></tr>"
            for e in (*ETAPES, "perdu")
        )
        tableau.value = (
            "<table><tr><th>Étape</th><th>Ont atteint l'étape</th><th>Y sont à la fin</th></tr>"
            f"{lignes}</table><p>Pour gagner 10 clients avec ces taux, il faut cibler environ "
            f"<b>{_suspects_pour_texte(entonnoir, 10)}</b> suspects.</p>"
        )
        box.entonnoir = entonnoir

    box = widgets.VBox([curseur_suspects, *curseurs.values(), tableau, image])
    for curseur in (curseur_suspects, *curseurs.values()):
        curseur.observe(mettre_a_jour, names="value")
    mettre_a_jour()
    box.curseurs = dict(curseurs, suspects=curseur_suspects)
    box.image = image
    box.tableau = tableau
    return box


def _suspects_pour_texte(entonnoir: Entonnoir, clients: int) -> str:
    try:
        return str(entonnoir.suspects_pour(clients))
    except ValueError:
        return "une infinité de (aucun ne devient client)"


def graphique_echelle() -> Graphique:
    """The maturity ladder as a staircase: each rung, what moves a contact up, the exit."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 3.8))
    ax = fig.subplots()
    for rang, etape in enumerate(ETAPES):
        ax.add_patch(_rectangle(rang * 1.6, rang * 0.7, 1.5, 0.6, COULEURS[etape]))
        ax.text(rang * 1.6 + 0.75, rang * 0.7 + 0.3, LIBELLES[etape], ha="center", va="center",
                fontsize=9, color="white" if etape in ("client", "chaud") else "black", weight="bold")
    for rang, (_, _, _) in enumerate(PASSAGES):
        ax.annotate("", xy=(rang * 1.6 + 1.6, rang * 0.7 + 0.95), xytext=(rang * 1.6 + 0.75, rang * 0.7 + 0.65),
                    arrowprops={"arrowstyle": "->", "color": "#333"})
    etiquettes = ("qualifié", "intérêt,\nprojet lointain", "projet\nproche", "commande")
    for rang, texte in enumerate(etiquettes):
        ax.text(rang * 1.6 + 0.9, rang * 0.7 + 0.95, texte, fontsize=7.5, ha="right", va="bottom", color="#333")
    ax.add_patch(_rectangle(5.3, 0.0, 1.5, 0.6, COULEURS["perdu"]))
    ax.text(6.05, 0.3, "Perdu", ha="center", va="center", fontsize=9, color="white", weight="bold")
    ax.annotate("", xy=(6.05, 0.62), xytext=(4.8, 2.1),
                arrowprops={"arrowstyle": "->", "color": "#7f7f7f", "linestyle": "--"})
    ax.text(5.55, 1.5, "achète ailleurs,\nrefuse d'être recontacté", fontsize=7.5, color="#555")
    ax.set_xlim(-0.2, 8.2)
    ax.set_ylim(-0.2, 3.6)
    ax.axis("off")
    ax.set_title("L'échelle de maturité : du suspect au client", fontsize=10)
    return Graphique(fig)


def _rectangle(x, y, largeur, hauteur, couleur):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((x, y), largeur, hauteur, boxstyle="round,pad=0.02", color=couleur)


# ---------------------------------------------------------------------------------------
# Discussion: which prospect to follow up first?
# ---------------------------------------------------------------------------------------

LECTURES_PRIORITE = {
    "chaud": (
        "Le prospect chaud d'abord",
        "C'est la lecture de la mission salon, qui sert de référence dans ce cours : le prospect chaud a un "
        "projet à court terme, il faut le rappeler avant que l'achat ne parte chez un concurrent.",
    ),
    "tiède": (
        "Le prospect tiède d'abord",
        "Certaines sources font du prospect tiède la priorité des relances : le chaud vous a déjà en tête, "
        "alors que le tiède risque de vous oublier si personne n'entretient la relation jusqu'à son échéance.",
    ),
}


def debat_priorite():
    """No right answer: the learner picks a reading, then sees both and the course's reference."""
    import ipywidgets as widgets

    choix = widgets.RadioButtons(
        options=[("Le prospect chaud", "chaud"), ("Le prospect tiède", "tiède")], value=None,
        description="", layout={"width": "max-content"})
    retour = widgets.HTML()

    def afficher(change):
        if change["new"] is None:
            return
        autre = "tiède" if change["new"] == "chaud" else "chaud"
        blocs = [LECTURES_PRIORITE[change["new"]], LECTURES_PRIORITE[autre]]
        retour.value = (
            "<p>Vous avez choisi\u00a0: <b>" + escape(LECTURES_PRIORITE[change["new"]][0]) + "</b>. "
            "Voici les deux lectures\u00a0:</p>"
            + "".join(f"<p><b>{escape(t)}</b> — {escape(x)}</p>" for t, x in blocs)
            + "<p><em>Dans les exercices et la mission salon, ce sont les définitions de la mission qui "
              "comptent\u00a0: le prospect chaud est rappelé en premier.</em></p>"
        )

    choix.observe(afficher, names="value")
    box = widgets.VBox([widgets.HTML("<b>Vous avez une heure pour vos relances. Qui appelez-vous en premier\u00a0?</b>"),
                        choix, retour])
    box.choix = choix
    box.retour = retour
    return box


# ---------------------------------------------------------------------------------------
# Self-check quiz
# ---------------------------------------------------------------------------------------

QUESTIONS_CYCLE = (
    Question(
        "Une entreprise perd deux gros clients partis chez un concurrent. Quel objectif de prospection "
        "devient prioritaire\u00a0?",
        ("Lancer un nouveau produit", "Remplacer les clients perdus", "Gagner des parts de marché"),
        1,
        "Il faut compenser le chiffre d'affaires des clients partis\u00a0: c'est l'objectif de remplacement.",
    ),
    Question(
        "Un club figure dans un fichier acheté, mais personne ne lui a encore parlé. C'est…",
        ("un suspect", "un prospect froid", "un client"),
        0,
        "Il est ciblé mais pas qualifié\u00a0: c'est un suspect.",
    ),
    Question(
        "Au salon, une association dit être intéressée par vos maillots pour la saison prochaine, dans "
        "huit mois. C'est un prospect…",
        ("froid", "tiède", "chaud"),
        1,
        "Il y a de l'intérêt, mais l'échéance est à moyen terme\u00a0: prospect tiède, à relancer à "
        "l'approche de l'échéance.",
        retours={2: "L'intérêt est là, mais le projet est dans huit mois\u00a0: ce n'est pas du court terme."},
    ),
    Question(
        "Qu'est-ce qui peut faire monter un contact sur l'échelle\u00a0? (plusieurs réponses possibles)",
        ("Il exprime un intérêt pour l'offre", "Son projet se rapproche",
         "Il passe commande", "Il signe chez un concurrent"),
        {0, 1, 2},
        "Intérêt exprimé, projet qui se rapproche, commande\u00a0: chacun fait monter d'un cran. Signer "
        "ailleurs fait sortir le contact du parcours (perdu).",
        retours={3: "Signer chez un concurrent fait sortir le contact du parcours\u00a0: il est perdu."},
    ),
    Question(
        "Sur 200 suspects, 120 deviennent prospects. Quel est le taux de passage\u00a0?",
        ("40\u00a0%", "60\u00a0%", "120\u00a0%"),
        1,
        "120 / 200 = 0,6, soit 60\u00a0%.",
    ),
    Question(
        "Que faire d'un prospect froid\u00a0?",
        ("Supprimer sa fiche", "Garder sa fiche et le recontacter lors d'une prochaine campagne",
         "L'appeler tous les jours"),
        1,
        "On conserve sa fiche dans le système d'information (CRM) pour qu'il pense à vous le jour où un "
        "besoin apparaît.",
    ),
)


def quiz_cycle():
    """Self-check quiz of lesson 02."""
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS_CYCLE, "Autoévaluation — le cycle du prospect")


def tableau_echelle():
    """The ladder's definitions as an HTML table."""
    from IPython.display import HTML

    lignes = "".join(
        f"<tr><td style='background:{COULEURS[e]};color:{'white' if e in ('chaud', 'client', 'perdu') else 'black'}'>"
        f"<b>{escape(LIBELLES[e])}</b></td><td>{escape(DEFINITIONS[e])}</td></tr>"
        for e in (*ETAPES, "perdu")
    )
    return HTML(f"<table>{lignes}</table>")


EXEMPLES_OBJECTIFS = {
    "conquerir": "ouvrir un nouveau secteur géographique où l'on n'a encore aucun client",
    "remplacer": "compenser les clients qui ont fermé, déménagé ou ne paient plus",
    "reactiver": "relancer les clients qui n'ont rien commandé depuis deux ans",
    "chiffre_affaires": "atteindre l'objectif de ventes de l'année",
    "part_de_marche": "prendre des ventes aux concurrents sur un marché donné",
    "lancement": "trouver les premiers acheteurs d'une nouvelle gamme",
}


def tableau_objectifs():
    """The six objectives of prospection, each with an example, as an HTML table."""
    from IPython.display import HTML

    lignes = "".join(
        f"<tr><td>{rang}</td><td><b>{escape(OBJECTIFS[cle])}</b></td><td>{escape(EXEMPLES_OBJECTIFS[cle])}</td></tr>"
        for rang, cle in enumerate(OBJECTIFS, start=1)
    )
    return HTML("<table><tr><th></th><th>Objectif</th><th>Exemple</th></tr>" + lignes + "</table>")
