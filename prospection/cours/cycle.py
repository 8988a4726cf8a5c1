"""Lesson 02 — the prospect's life cycle: objectives, maturity ladder, funnel, quiz.

The logic (:class:`Entonnoir`, driven by :mod:`prospection.lifecycle`; the quiz questions; the
priority debate texts) imports no widget and is unit-tested; the view functions only show it. matplotlib is imported lazily
and draws on a bare ``Figure`` (no pyplot), so the lesson starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as _escape


def escape(texte) -> str:
    """HTML-escape text shown in a widget (apostrophes stay readable)."""
    return _escape(str(texte), quote=False)


def a_gauche(tableau: str) -> str:
    """Left-align the cells of an HTML table (Jupyter right-aligns them by default)."""
    gauche = "text-align:left;vertical-align:top;padding:3px 8px"
    tableau = tableau.replace("<td>", f'<td style="{gauche}">').replace("<th>", f'<th style="{gauche}">')
    return tableau.replace("<td style='", f"<td style='{gauche};")

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
    "froid": ("Qualifié, mais pas intéressé pour l'instant (aucun besoin, déjà équipé, a acheté chez un "
              "concurrent)\u00a0: on garde sa fiche dans le SIC et on le recontactera."),
    "tiède": "A montré un intérêt, mais son projet est à moyen ou long terme : on le relance à l'approche de l'échéance.",
    "chaud": "A exprimé récemment un intérêt ou une intention d'achat à court terme : on le rappelle en premier.",
    "client": "A acheté : la prospection a atteint son but, la fidélisation commence.",
    "perdu": ("Est sorti du parcours\u00a0: il a demandé à ne plus être contacté (opposition). On ne le "
              "démarche plus, sauf s'il revient de lui-même."),
}
# Each step up the ladder and what makes a contact take it (the ladder diagram's labels).
PASSAGES = (
    ("suspect", "froid", "qualification (on vérifie qu'il correspond à la cible)"),
    ("froid", "tiède", "il exprime un intérêt, avec un projet à moyen ou long terme"),
    ("tiède", "chaud", "son projet devient proche (court terme)"),
    ("chaud", "client", "il passe commande"),
)

# The funnel's parameters, as the sliders show them (same meaning as lifecycle.simulate_funnel).
PARAMETRES_DEFAUT = {
    "taux_qualification": 0.6,
    "part_tiede": 0.3,
    "part_chaud": 0.2,
    "taux_rechauffement": 0.3,
    "taux_conversion": 0.25,
}
LIBELLES_PARAMETRES = {
    "taux_qualification": "Suspects qualifiés",
    "part_tiede": "dont tièdes à la qualification",
    "part_chaud": "dont chauds à la qualification",
    "taux_rechauffement": "Tièdes qui se réchauffent",
    "taux_conversion": "Chauds qui signent",
}
NIVEAUX = ("suspect", "froid", "tiède", "chaud", "client")


@dataclass(frozen=True)
class Entonnoir:
    """A campaign's funnel: groups of contacts moved along the ladder by lifecycle events.

    ``taux_qualification`` of the suspects are qualified: ``part_tiede`` of them tiède,
    ``part_chaud`` chaud, the rest froid; ``taux_rechauffement`` of the tièdes become chauds
    as their deadline nears; ``taux_conversion`` of the chauds sign. The others stay on
    their rung: their record is kept for a later campaign.
    """

    suspects: int
    parametres: dict
    funnel: object

    def __init__(self, suspects: int = 200, **parametres):
        if isinstance(suspects, bool) or not isinstance(suspects, int) or suspects < 0:
            raise ValueError("Le nombre de suspects doit être un entier positif ou nul.")
        inconnus = sorted(set(parametres) - set(PARAMETRES_DEFAUT))
        if inconnus:
            raise ValueError(f"Paramètre inconnu : « {inconnus[0]} ». Paramètres possibles : "
                             + ", ".join(PARAMETRES_DEFAUT) + ".")
        valeurs = dict(PARAMETRES_DEFAUT)
        for nom, valeur in parametres.items():
            try:
                valeur = float(valeur)
            except (TypeError, ValueError):
                raise ValueError(f"« {nom} » doit être un nombre entre 0 et 1.") from None
            if not 0 <= valeur <= 1:
                raise ValueError(f"« {nom} » doit être compris entre 0 et 1 (reçu : {valeur}).")
            valeurs[nom] = valeur
        if valeurs["part_tiede"] + valeurs["part_chaud"] > 1 + 1e-9:
            raise ValueError("Les parts de tièdes et de chauds dépassent 100 % des qualifiés : baissez l'une des deux.")
        funnel = _campagne(suspects, valeurs)
        object.__setattr__(self, "suspects", suspects)
        object.__setattr__(self, "parametres", valeurs)
        object.__setattr__(self, "funnel", funnel)

    def atteints(self) -> dict[str, int]:
        """How many contacts reached at least each level (a client was also a suspect)."""
        return dict(zip(NIVEAUX, (n for _, n in self.funnel.etapes())))

    def repartition(self) -> dict[str, int]:
        """Where the contacts are at the end of the campaign."""
        return {etape: self.funnel[etape] for etape in (*NIVEAUX, "perdu")}

    def taux_passage(self) -> dict[str, float]:
        """Share of each level's contacts who reached the next one (0 when the level is empty)."""
        atteints = self.atteints()
        return {apres: (atteints[apres] / atteints[avant] if atteints[avant] else 0.0)
                for avant, apres in zip(NIVEAUX, NIVEAUX[1:])}

    def taux_global(self) -> float:
        """Share of suspects who became clients (0 when there is no suspect)."""
        return self.atteints()["client"] / self.suspects if self.suspects else 0.0

    def part_clients(self) -> float:
        """Expected share of suspects who sign, before rounding."""
        p = self.parametres
        return p["taux_qualification"] * (p["part_chaud"] + p["part_tiede"] * p["taux_rechauffement"]) * p["taux_conversion"]

    def suspects_pour(self, clients: int) -> int:
        """About how many suspects this campaign needs to win ``clients`` clients."""
        from math import ceil

        part = self.part_clients()
        if part == 0:
            raise ValueError("Avec ces taux, aucun suspect ne devient client.")
        return ceil(clients / part - 1e-9)


def _campagne(suspects: int, p: dict):
    """Counts per stage after one campaign, each group moved by :func:`lifecycle.next_stage`.

    Every group is a whole number of contacts and the groups add up to ``suspects``, so no
    stage can go negative (``lifecycle.simulate_funnel`` rounds froid and chaud separately
    and can, e.g. 3 suspects split 50 % froid / 50 % chaud).
    """
    from prospection.lifecycle import Funnel, Stage, next_stage

    qualifies = round(suspects * p["taux_qualification"])
    chauds = round(qualifies * p["part_chaud"])
    tiedes = min(round(qualifies * p["part_tiede"]), qualifies - chauds)
    froids = qualifies - chauds - tiedes
    rechauffes = round(tiedes * p["taux_rechauffement"])
    signes = round((chauds + rechauffes) * p["taux_conversion"])
    signes_chauds = min(signes, chauds)
    signes_rechauffes = signes - signes_chauds
    signature = [("rendez_vous", {}), ("devis_accepte", {})]
    qualification = {c: [("qualification", {"classe": c})] for c in ("froid", "tiède", "chaud")}
    rechauffement = qualification["tiède"] + [("echeance_proche", {})]
    groupes = (
        (suspects - qualifies, []),
        (froids, qualification["froid"]),
        (tiedes - rechauffes, qualification["tiède"]),
        (rechauffes - signes_rechauffes, rechauffement),
        (signes_rechauffes, rechauffement + signature),
        (chauds - signes_chauds, qualification["chaud"]),
        (signes_chauds, qualification["chaud"] + signature),
    )
    counts = {stage: 0 for stage in Stage}
    for nombre, evenements in groupes:
        stage = Stage.SUSPECT
        for evenement, details in evenements:
            stage = next_stage(stage, evenement, **details)
        counts[stage] += nombre
    return Funnel(counts)


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
LIBELLES_NIVEAUX = {"suspect": "Suspects", "froid": "Prospects qualifiés", "tiède": "Tièdes ou chauds",
                    "chaud": "Chauds", "client": "Clients"}


def _pourcent(valeur: float, decimales: int = 0) -> str:
    return f"{valeur * 100:.{decimales}f}".replace(".", ",") + "\u00a0%"


def graphique_entonnoir(entonnoir: Entonnoir) -> Graphique:
    """The funnel as centred bars, with counts and the rate from the level above."""
    from matplotlib.figure import Figure

    atteints = entonnoir.atteints()
    taux = entonnoir.taux_passage()
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.subplots()
    largeur_max = max(atteints["suspect"], 1)
    for rang, niveau in enumerate(NIVEAUX):
        n = atteints[niveau]
        ax.barh(rang, n, left=(largeur_max - n) / 2, color=COULEURS[niveau], height=0.75)
        texte = f"{LIBELLES_NIVEAUX[niveau]}\u00a0: {n}"
        if rang:
            texte += f"  ({_pourcent(taux[niveau])} du niveau au-dessus)"
        ax.text(largeur_max / 2, rang, texte, ha="center", va="center", fontsize=9)
    ax.set_yticks([])
    ax.set_xticks([])
    ax.invert_yaxis()
    for cote in ("top", "right", "left", "bottom"):
        ax.spines[cote].set_visible(False)
    ax.set_title(f"Entonnoir de prospection — taux global\u00a0: {_pourcent(entonnoir.taux_global(), 1)}",
                 fontsize=10)
    return Graphique(fig)


def entonnoir_interactif(suspects: int = 200):
    """Sliders for the campaign (lifecycle model) -> counts per stage and the funnel plot."""
    import ipywidgets as widgets

    style = {"description_width": "230px"}
    layout = {"width": "560px"}
    curseur_suspects = widgets.IntSlider(value=suspects, min=0, max=1000, step=10,
                                         description="Suspects ciblés\u00a0:", style=style, layout=layout)
    curseurs = {
        nom: widgets.FloatSlider(value=valeur, min=0, max=1, step=0.05, readout=False,
                                 description=f"{LIBELLES_PARAMETRES[nom]}\u00a0:", style=style, layout=layout)
        for nom, valeur in PARAMETRES_DEFAUT.items()
    }
    # French readouts (« 60 % », with a non-breaking space): the slider's own readout cannot.
    lectures = {nom: widgets.Label(_pourcent(c.value)) for nom, c in curseurs.items()}
    for nom, curseur in curseurs.items():
        curseur.observe(lambda change, nom=nom: setattr(lectures[nom], "value", _pourcent(change["new"])),
                        names="value")
    image = widgets.Image(format="png", layout={"width": "640px"})
    tableau = widgets.HTML()
    message = widgets.HTML()

    def mettre_a_jour(_=None):
        try:
            entonnoir = Entonnoir(curseur_suspects.value, **{n: c.value for n, c in curseurs.items()})
        except ValueError as exc:
            message.value = f'<div style="color:#b3261e">{escape(str(exc))}</div>'
            return
        message.value = ""
        image.value = graphique_entonnoir(entonnoir).png()
        repartition = entonnoir.repartition()
        lignes = "".join(
            f"<tr><td>{escape(LIBELLES[e])}</td><td style='text-align:right'>{repartition[e]}</td></tr>"
            for e in NIVEAUX
        )
        tableau.value = (
            a_gauche(f"<table><tr><th>Étape en fin de campagne</th><th>Contacts</th></tr>{lignes}</table>")
            + _phrase_suspects_pour(entonnoir, 10)
        )
        box.entonnoir = entonnoir

    lignes_curseurs = [widgets.HBox([c, lectures[n]]) for n, c in curseurs.items()]
    box = widgets.VBox([curseur_suspects, *lignes_curseurs, message, tableau, image])
    for curseur in (curseur_suspects, *curseurs.values()):
        curseur.observe(mettre_a_jour, names="value")
    mettre_a_jour()
    box.curseurs = dict(curseurs, suspects=curseur_suspects)
    box.lectures = lectures
    box.image = image
    box.tableau = tableau
    box.message = message
    return box


def _phrase_suspects_pour(entonnoir: Entonnoir, clients: int) -> str:
    """The sentence under the funnel: how many suspects to target for ``clients`` clients."""
    try:
        nombre = entonnoir.suspects_pour(clients)
    except ValueError:
        return (f"<p>Avec ces taux, <b>aucun suspect ne devient client</b>\u00a0: même en ciblant "
                f"beaucoup plus de suspects, vous ne gagnerez pas {clients}\u00a0clients. Remontez un taux.</p>")
    return (f"<p>Pour gagner {clients}\u00a0clients avec ces taux, il faut cibler environ "
            f"<b>{nombre}</b>\u00a0suspects.</p>")


# ---------------------------------------------------------------------------------------
# One contact's journey: apply events, watch the stage change (lifecycle model)
# ---------------------------------------------------------------------------------------

def echelle_html(etape: str) -> str:
    """The ladder as a row of boxes, the contact's rung highlighted."""
    cases = []
    for e in (*NIVEAUX, "perdu"):
        actif = e == etape
        style = (f"background:{COULEURS[e]};color:white;font-weight:bold;" if actif
                 else "background:#f2f2f2;color:#777;")
        cases.append(f'<span style="{style}padding:4px 8px;margin:2px;border-radius:4px;'
                     f'display:inline-block">{escape(LIBELLES[e])}</span>')
    return "".join(cases)


def parcours_contact():
    """Pick events, apply them to one contact, see it climb the ladder or leave it."""
    import ipywidgets as widgets

    from prospection.lifecycle import EVENTS, Prospect, TransitionError

    style = {"description_width": "110px"}
    evenement = widgets.Dropdown(options=[(texte, cle) for cle, texte in EVENTS.items()],
                                 description="Événement\u00a0:", style=style, layout={"width": "620px"})
    classe = widgets.Dropdown(options=[("froid", "froid"), ("tiède", "tiède"), ("chaud", "chaud")],
                              description="Classe\u00a0:", style=style)
    horizon = widgets.Dropdown(options=[("court terme (moins de 3 mois)", "court"),
                                        ("moyen ou long terme", "moyen_long")],
                               description="Horizon\u00a0:", style=style)
    appliquer = widgets.Button(description="Appliquer", button_style="primary", icon="arrow-right")
    recommencer = widgets.Button(description="Recommencer", icon="undo")
    echelle = widgets.HTML()
    message = widgets.HTML()
    historique = widgets.HTML()
    etat = {"contact": Prospect("Votre contact")}

    def details_visibles(_=None):
        classe.layout.display = None if evenement.value == "qualification" else "none"
        horizon.layout.display = None if evenement.value == "projet_date" else "none"

    def afficher():
        contact = etat["contact"]
        echelle.value = echelle_html(contact.stage.value)
        lignes = "".join(f"<li>{escape(EVENTS[e])} → <b>{escape(s.label)}</b></li>" for e, s in contact.history)
        historique.value = f"<ol>{lignes}</ol>" if lignes else "<em>Aucun événement pour l'instant\u00a0: c'est un suspect.</em>"

    def sur_appliquer(_=None):
        details = {}
        if evenement.value == "qualification":
            details["classe"] = classe.value
        if evenement.value == "projet_date":
            details["horizon"] = horizon.value
        try:
            etat["contact"].apply(evenement.value, **details)
            message.value = ""
        except TransitionError as exc:
            message.value = f'<div style="color:#b3261e">{escape(str(exc))}</div>'
        afficher()

    def sur_recommencer(_=None):
        etat["contact"] = Prospect("Votre contact")
        message.value = ""
        afficher()

    evenement.observe(details_visibles, names="value")
    appliquer.on_click(sur_appliquer)
    recommencer.on_click(sur_recommencer)
    details_visibles()
    afficher()
    box = widgets.VBox([echelle, evenement, classe, horizon, widgets.HBox([appliquer, recommencer]),
                        message, historique])
    box.evenement, box.classe, box.horizon = evenement, classe, horizon
    box.appliquer, box.recommencer = appliquer, recommencer
    box.echelle, box.message, box.historique = echelle, message, historique
    box.etat = etat
    return box


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
    ax.text(5.55, 1.5, "demande à ne plus\nêtre contacté", fontsize=7.5, color="#555")
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
        "Une autre source fait du prospect tiède la priorité des relances\u00a0: son besoin est réel et il "
        "presse\u00a0; si personne ne l'accompagne jusqu'à sa décision, il risque de s'adresser à un concurrent.",
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
        "Qu'est-ce qui peut faire monter un contact sur l'échelle\u00a0?",
        ("Il exprime un intérêt pour l'offre", "Son projet se rapproche",
         "Il passe commande", "Il signe chez un concurrent"),
        {0, 1, 2},
        "Intérêt exprimé, projet qui se rapproche, commande\u00a0: chacun fait monter d'un cran. Signer "
        "chez un concurrent fait redescendre le contact\u00a0: plus de besoin pour l'instant, il est froid.",
        retours={3: "Signer chez un concurrent ne fait pas monter le contact\u00a0: sans besoin pour "
                    "l'instant, il redevient froid (fiche gardée, relance avant la fin de son contrat)."},
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
        "On conserve sa fiche dans le système d'information commercial (SIC) pour qu'il pense à vous le "
        "jour où un besoin apparaît.",
    ),
)


QUESTIONS_CYCLE = QUESTIONS_CYCLE + (
    Question(
        "Au salon, la présidente d'un club vous dit\u00a0: «\u00a0Nous avons tout acheté chez un concurrent l'an "
        "dernier, contrat de trois ans.\u00a0» Où la placez-vous\u00a0?",
        ("Perdue\u00a0: on supprime sa fiche", "Prospect froid\u00a0: on garde sa fiche et on note la fin du contrat",
         "Prospect tiède"),
        1,
        "Pas de besoin pour l'instant\u00a0: c'est un prospect froid, comme dans la mission salon. La date de "
        "fin du contrat dit quand la relancer.",
        retours={0: "«\u00a0Perdu\u00a0» est réservé au contact qui demande à ne plus être contacté. Ici, on garde la fiche.",
                 2: "Aucun intérêt n'est exprimé pour l'instant\u00a0: ce n'est pas un prospect tiède."},
    ),
    Question(
        "Quand un contact est-il «\u00a0perdu\u00a0» dans ce cours\u00a0?",
        ("Quand il refuse l'offre", "Quand il demande à ne plus être contacté",
         "Quand il achète chez un concurrent"),
        1,
        "Seule l'opposition fait sortir le contact du parcours\u00a0: on ne le démarche plus. Un refus ou un "
        "achat chez un concurrent le rendent froid.",
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
    return HTML(a_gauche(f"<table>{lignes}</table>"))


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
    return HTML(a_gauche("<table><tr><th></th><th>Objectif</th><th>Exemple</th></tr>" + lignes + "</table>"))


# ---------------------------------------------------------------------------------------
# Two definitions of the cold prospect, side by side
# ---------------------------------------------------------------------------------------

DEFINITIONS_FROID = (
    ("Document de cours sur la prospection",
     "Le prospect froid peut être intéressé, mais il en est à la «\u00a0phase d'attention\u00a0»\u00a0: il écoute, "
     "il n'a pas encore de projet. La température mesure ici l'engagement dans la relation.",
     "Décrire l'échelle de maturité en général."),
    ("Mission salon, document\u00a01 (référence de la correction)",
     "Le prospect froid n'est pas intéressé pour l'instant par l'offre\u00a0: on garde sa fiche dans le "
     "SIC, on lui envoie une documentation ou une invitation, on le recontactera à une prochaine campagne.",
     "Classer les contacts du salon\u00a0: c'est elle qui compte dans les exercices et la mission."),
)


def tableau_definitions_froid():
    """The two definitions of the cold prospect, side by side (HTML)."""
    from IPython.display import HTML

    lignes = "".join(f"<tr><td><b>{escape(source)}</b></td><td>{escape(definition)}</td><td>{escape(usage)}</td></tr>"
                     for source, definition, usage in DEFINITIONS_FROID)
    return HTML(a_gauche("<table><tr><th>Source</th><th>Le prospect froid, c'est…</th><th>Elle sert à…</th></tr>"
                         + lignes + "</table>"))
