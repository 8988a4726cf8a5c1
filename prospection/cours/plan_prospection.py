"""Lesson 07 — the plan de prospection and the indicators of a campaign.

:class:`Campagne` computes the ratios a BTS NDRC student is asked for (taux de joignabilité,
de rendez-vous, de transformation, coût par contact, par rendez-vous) and refuses impossible
figures with a French message; the view is a small calculator. Pure logic above, widgets below.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from prospection.cours.classement import Classement, Element, classement
from prospection.cours.quiz import Question, en_francais, vrai_faux
from prospection.cours.tableaux import afficher
from prospection.cours.typographie import fr


def pourcent(valeur: float | None, decimales: int = 1) -> str:
    if valeur is None:
        return "—"
    return f"{valeur * 100:.{decimales}f}".replace(".", ",") + "\u00a0%"


def euros(valeur: float | None) -> str:
    if valeur is None:
        return "—"
    entier, _, decimales = f"{valeur:,.2f}".partition(".")
    return entier.replace(",", "\u202f") + "," + decimales + "\u00a0€"


@dataclass(frozen=True)
class Campagne:
    """The figures of a phoning campaign; ratios are None when their base is zero."""

    numeros_composes: int
    contacts_joints: int
    rendez_vous: int
    commandes: int
    cout_total: float

    def __post_init__(self):
        noms = {"numeros_composes": "numéros composés", "contacts_joints": "contacts joints",
                "rendez_vous": "rendez-vous", "commandes": "commandes", "cout_total": "coût total"}
        for attribut, nom in noms.items():
            valeur = getattr(self, attribut)
            if isinstance(valeur, bool) or not isinstance(valeur, (int, float)) or valeur < 0:
                raise ValueError(fr(f"Le nombre de {nom} doit être un nombre positif ou nul."))
        if self.contacts_joints > self.numeros_composes:
            raise ValueError(fr("On ne peut pas joindre plus de contacts que de numéros composés."))
        if self.rendez_vous > self.contacts_joints:
            raise ValueError(fr("On ne peut pas obtenir plus de rendez-vous que de contacts joints."))
        if self.commandes > self.rendez_vous:
            raise ValueError(fr("Dans ce calcul, chaque commande vient d'un rendez-vous : pas plus de commandes que de rendez-vous."))

    @staticmethod
    def _ratio(haut, bas):
        return haut / bas if bas else None

    @property
    def taux_joignabilite(self):
        """Contacts reached / numbers dialled."""
        return self._ratio(self.contacts_joints, self.numeros_composes)

    @property
    def taux_rendez_vous(self):
        """Meetings / contacts reached."""
        return self._ratio(self.rendez_vous, self.contacts_joints)

    @property
    def taux_transformation(self):
        """Orders / meetings."""
        return self._ratio(self.commandes, self.rendez_vous)

    @property
    def cout_par_contact(self):
        """Total cost / contacts reached."""
        return self._ratio(self.cout_total, self.contacts_joints)

    @property
    def cout_par_rendez_vous(self):
        return self._ratio(self.cout_total, self.rendez_vous)

    @property
    def cout_par_commande(self):
        return self._ratio(self.cout_total, self.commandes)

    def indicateurs(self) -> list[tuple[str, str, str]]:
        """(name, formula, value) for each indicator, in French."""
        return [
            ("Taux de joignabilité", "contacts joints ÷ numéros composés", pourcent(self.taux_joignabilite)),
            ("Taux de rendez-vous", "rendez-vous ÷ contacts joints", pourcent(self.taux_rendez_vous)),
            ("Taux de transformation", "commandes ÷ rendez-vous", pourcent(self.taux_transformation)),
            ("Coût par contact", "coût total ÷ contacts joints", euros(self.cout_par_contact)),
            ("Coût par rendez-vous", "coût total ÷ rendez-vous", euros(self.cout_par_rendez_vous)),
            ("Coût par commande", "coût total ÷ commandes", euros(self.cout_par_commande)),
        ]


#: The practice campaign of the lesson (invented): two weeks of phoning after a salon.
EXEMPLE = Campagne(numeros_composes=400, contacts_joints=260, rendez_vous=39, commandes=12, cout_total=3900)


def tableau_indicateurs(campagne: Campagne) -> str:
    style = "text-align:left;padding:3px 8px"
    lignes = "".join(f'<tr><td style="{style}"><b>{escape(n)}</b></td><td style="{style}">{escape(f)}</td>'
                     f'<td style="text-align:right;padding:3px 8px">{escape(v)}</td></tr>'
                     for n, f, v in campagne.indicateurs())
    return (f'<table class="indicateurs"><tr><th style="{style}">Indicateur</th><th style="{style}">Calcul</th>'
            f'<th style="{style}">Valeur</th></tr>{lignes}</table>')


def calculateur():
    """Type a campaign's figures, read its indicators."""
    import ipywidgets as widgets

    style = {"description_width": "190px"}
    champs = {
        "numeros_composes": widgets.IntText(value=EXEMPLE.numeros_composes, description="Numéros composés\u00a0:", style=style),
        "contacts_joints": widgets.IntText(value=EXEMPLE.contacts_joints, description="Contacts joints\u00a0:", style=style),
        "rendez_vous": widgets.IntText(value=EXEMPLE.rendez_vous, description="Rendez-vous obtenus\u00a0:", style=style),
        "commandes": widgets.IntText(value=EXEMPLE.commandes, description="Commandes\u00a0:", style=style),
        "cout_total": widgets.FloatText(value=EXEMPLE.cout_total, description="Coût total (€)\u00a0:", style=style),
    }
    resultat = widgets.HTML()

    def calculer(_=None):
        try:
            campagne = Campagne(**{k: w.value for k, w in champs.items()})
        except ValueError as exc:
            resultat.value = f'<div style="color:#b3261e">{escape(str(exc))}</div>'
            box.campagne = None
            return
        resultat.value = tableau_indicateurs(campagne)
        box.campagne = campagne

    for w in champs.values():
        w.observe(calculer, names="value")
    box = widgets.VBox([*champs.values(), resultat])
    box.champs, box.resultat = champs, resultat
    calculer()
    return box


# --------------------------------------------------------------------------- the plan

COMPOSANTES = {
    "cible": "Cible et fichier",
    "objectifs": "Objectifs",
    "methodes": "Méthodes et outils",
    "budget": "Budget et moyens",
    "planning": "Planning",
    "suivi": "Indicateurs de suivi",
}
DEFINITIONS = {
    "cible": "qui prospecter (secteur, taille, zone) et d'où viennent les coordonnées (fichier du salon, achat, SIC)",
    "objectifs": "quantitatifs (nombre de rendez-vous, de commandes, chiffre d'affaires) et qualitatifs (image, connaissance du marché)",
    "methodes": "phoning, mailing, e-mailing, salons, réseaux sociaux, visites ; scripts et argumentaires",
    "budget": "coût des appels, des fichiers, du salon, du temps des commerciaux ; qui fait quoi",
    "planning": "les dates de chaque action, dans l'ordre, avec les relances",
    "suivi": "les ratios calculés pendant et après la campagne pour corriger le tir",
}

ELEMENTS_PLAN = Classement(
    COMPOSANTES,
    (
        Element("Les clubs sportifs de plus de 100 licenciés d'Indre-et-Loire", "cible",
                "Dire qui l'on prospecte, c'est définir la cible."),
        Element("Obtenir 30 rendez-vous et 10 commandes d'ici fin décembre", "objectifs",
                "Des chiffres à atteindre, avec une date : ce sont des objectifs quantitatifs."),
        Element("Un e-mail de présentation, puis un appel trois jours plus tard", "methodes",
                "L'enchaînement e-mail puis appel est une méthode de prospection."),
        Element("2 000 € de location de stand et 40 heures d'appels", "budget",
                "Ce que la campagne coûte en argent et en temps : c'est le budget et les moyens."),
        Element("Semaine 42 : appels aux contacts chauds ; semaine 45 : relance des tièdes", "planning",
                "Des actions datées, dans l'ordre : c'est le planning."),
        Element("Le taux de rendez-vous, calculé chaque vendredi", "suivi",
                "Un ratio suivi pendant la campagne : c'est un indicateur de suivi."),
        Element("Le fichier des visiteurs du salon, enregistré dans le SIC", "cible",
                "D'où viennent les coordonnées : le fichier fait partie de la cible."),
    ),
    consigne="Voici des extraits du plan de prospection de Sportéo. Rangez chacun dans sa composante.",
)


def tableau_composantes():
    return afficher((COMPOSANTES[k], v) for k, v in DEFINITIONS.items())

def tri_plan():
    return classement(ELEMENTS_PLAN, "Rangez les extraits du plan")


QUESTIONS = en_francais((
    Question(
        "Sur 500 numéros composés, 300 personnes sont jointes. Quel est le taux de joignabilité ?",
        ("30 %", "60 %", "166 %"),
        1,
        "Contacts joints ÷ numéros composés = 300 ÷ 500 = 0,6, soit 60 %.",
        retours={2: "Le calcul est à l'envers : on divise les contacts joints par les numéros composés."},
    ),
    Question(
        "Sur 300 contacts joints, 45 acceptent un rendez-vous. Quel est le taux de rendez-vous ?",
        ("15 %", "9 %", "45 %"),
        0,
        "Rendez-vous ÷ contacts joints = 45 ÷ 300 = 0,15, soit 15 %.",
        retours={1: "9 % serait 45 ÷ 500 : le taux de rendez-vous se calcule sur les contacts joints."},
    ),
    Question(
        "La campagne a coûté 4 500 € pour 300 contacts joints et 45 rendez-vous. Quel est le coût par rendez-vous ?",
        ("15 €", "100 €", "150 €"),
        1,
        "Coût total ÷ rendez-vous = 4 500 ÷ 45 = 100 €. (Le coût par contact serait 4 500 ÷ 300 = 15 €.)",
    ),
    Question(
        "Quel indicateur mesure la part des rendez-vous qui se terminent par une commande ?",
        ("Le taux de joignabilité", "Le taux de transformation", "Le coût par contact"),
        1,
        "Taux de transformation = commandes ÷ rendez-vous.",
    ),
    vrai_faux(
        "« Obtenir 30 rendez-vous avant le 20 décembre » est un objectif quantitatif.", True,
        "Il est chiffré et daté : c'est un objectif quantitatif, qu'on pourra mesurer.",
    ),
))


def quiz_plan():
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Testez-vous : le plan de prospection ({len(QUESTIONS)} questions)"))


def campagne_exemple():
    """The lesson's practice campaign and its indicators (HTML)."""
    from IPython.display import HTML

    c = EXEMPLE
    texte = fr(f"Après le salon, Sportéo a mené deux semaines de phoning : {c.numeros_composes} numéros composés, "
               f"{c.contacts_joints} contacts joints, {c.rendez_vous} rendez-vous, {c.commandes} commandes, "
               f"pour un coût total de {euros(c.cout_total)} (temps des commerciaux, fichier, téléphone).")
    return HTML(f"<p>{escape(texte)}</p>" + tableau_indicateurs(c))
