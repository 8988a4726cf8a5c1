"""Lesson 08 — a trade show before, during and after; who may be called after it.

:func:`appel_apres_salon` states the course's reading of the rules (dated) for a contact met
on a stand; :data:`TACHES` sorts the salon's tasks; :func:`indicateurs_salon` computes the
salon's own ratios. Logic first, widgets below.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from prospection.cours.classement import Classement, Element, classement
from prospection.cours.plan_prospection import euros
from prospection.cours.quiz import Question, en_francais, vrai_faux
from prospection.cours.typographie import fr

DATE_LECTURE = "28 novembre 2026"

MOMENTS = {"avant": "Avant le salon", "pendant": "Pendant le salon", "apres": "Après le salon"}

TACHES = Classement(
    MOMENTS,
    (
        Element("Fixer les objectifs : nombre de contacts qualifiés, de rendez-vous", "avant",
                "Les objectifs se fixent avant, pour pouvoir mesurer après."),
        Element("Inviter les prospects et les clients à venir sur le stand", "avant",
                "Les invitations partent quelques semaines avant le salon."),
        Element("Préparer le formulaire de contact, avec les cases de consentement", "avant",
                "Le formulaire est prêt avant l'ouverture : il recueille aussi le consentement (RGPD)."),
        Element("Accueillir les visiteurs et découvrir leurs besoins", "pendant",
                "L'accueil et la découverte se font sur le stand."),
        Element("Qualifier chaque visiteur sur le formulaire : intérêt, projet, échéance", "pendant",
                "La qualification se note à chaud, sur le stand, avec les mots du visiteur."),
        Element("Faire le point en équipe chaque soir", "pendant",
                "Le débriefing quotidien se fait pendant le salon, pour ajuster le lendemain."),
        Element("Saisir et qualifier les contacts dans le SIC, dans les jours qui suivent", "apres",
                "Après le salon, vite : les contacts refroidissent."),
        Element("Appeler d'abord les contacts chauds", "apres",
                "Les chauds se rappellent en premier, avant qu'un concurrent ne passe."),
        Element("Envoyer la documentation promise sur le stand", "apres",
                "Tenir ses promesses juste après le salon, c'est gagner la confiance."),
        Element("Mesurer les résultats : contacts, rendez-vous, commandes, coût par contact", "apres",
                "La mesure vient après, en comparant aux objectifs fixés avant."),
    ),
    consigne="Rangez chaque tâche au bon moment.",
)


def tri_taches():
    return classement(TACHES, "Avant, pendant ou après le salon ?")


# --------------------------------------------------------------------------- who may be called

STATUTS = {
    "professionnel": "Un professionnel, au sujet de son activité (B2B)",
    "association": "Un club ou une association (non-professionnel)",
    "particulier": "Un particulier (consommateur)",
}


@dataclass(frozen=True)
class Avis:
    appel_possible: bool
    titre: str
    explication: str


def appel_apres_salon(statut: str, demande: bool, consentement: bool, opposition: bool) -> Avis:
    """The course's reading (dated) of whether a contact met at a salon may be called.

    ``demande``: the contact asked for a callback, a quote or a brochure on the stand;
    ``consentement``: the salon's form recorded consent to be canvassed for other offers;
    ``opposition``: the contact objected to any commercial contact.
    """
    if statut not in STATUTS:
        raise ValueError(fr(f"Statut inconnu : « {statut} ». Choix : {', '.join(STATUTS)}."))
    date = fr(f"Lecture du cours au {DATE_LECTURE}.")
    if opposition:
        return Avis(False, fr("Pas d'appel commercial"),
                    fr("Le contact s'est opposé à tout contact commercial : on note l'opposition dans le SIC, "
                       "avec sa date, et on ne le démarche plus (RGPD). ") + date)
    if demande:
        return Avis(True, fr("Appel possible : c'est un appel sollicité"),
                    fr("Le contact a lui-même demandé un rappel, un devis ou une documentation : l'appel qui y "
                       "répond n'est pas du démarchage à froid. Gardez la trace de la demande, datée, sur sa fiche, "
                       "et parlez de ce qu'il a demandé. ") + date)
    if statut == "professionnel":
        return Avis(True, fr("Appel possible : appel entre professionnels"),
                    fr("Un appel à un professionnel, sur son activité professionnelle, sort des règles qui protègent "
                       "les consommateurs. Le RGPD s'applique : informez-le et respectez une éventuelle opposition. ")
                    + date)
    if consentement:
        return Avis(True, fr("Appel possible, dans les jours et heures autorisés"),
                    fr("Le formulaire du salon a recueilli son accord pour être démarché : l'appel est possible, "
                       "du lundi au vendredi hors jours fériés, de 10 h à 13 h et de 14 h à 20 h, 4 appels au plus "
                       "en 30 jours. Gardez la preuve de l'accord. ") + date)
    if statut == "association":
        return Avis(False, fr("Pas d'appel de démarchage (lecture prudente)"),
                    fr("Rien demandé, aucun accord recueilli : le cas des associations est discuté ; par prudence, "
                       "le cours les traite comme des consommateurs, pour qui le consentement préalable est exigé "
                       "depuis le 11 août 2026. Envoyez plutôt une documentation avec une invitation à vous "
                       "recontacter. ") + date)
    return Avis(False, fr("Pas d'appel de démarchage"),
                fr("Un particulier qui n'a rien demandé ni accepté ne peut pas être démarché par téléphone depuis "
                   "le 11 août 2026 (consentement préalable). ") + date)


def outil_apres_salon():
    """Describe the contact met at the salon, read the course's verdict."""
    import ipywidgets as widgets

    statut = widgets.RadioButtons(options=[(fr(v), k) for k, v in STATUTS.items()], value="association",
                                  layout={"width": "max-content"})
    demande = widgets.Checkbox(description=fr("A demandé un rappel, un devis ou une documentation"), indent=False)
    consentement = widgets.Checkbox(description=fr("A coché « j'accepte de recevoir vos offres »"), indent=False)
    opposition = widgets.Checkbox(description=fr("A dit ne pas vouloir être recontacté"), indent=False)
    resultat = widgets.HTML()

    def afficher(_=None):
        avis = appel_apres_salon(statut.value, demande.value, consentement.value, opposition.value)
        couleur = "#1b7d3a" if avis.appel_possible else "#b3261e"
        resultat.value = (f"<div style='border-left:5px solid {couleur};padding-left:10px'>"
                          f"<b style='color:{couleur}'>{escape(avis.titre)}</b><br>{escape(avis.explication)}</div>")
        box.avis = avis

    for w in (statut, demande, consentement, opposition):
        w.observe(afficher, names="value")
    box = widgets.VBox([widgets.HTML(f"<b>{escape(fr('Le contact est :'))}</b>"), statut, demande, consentement,
                        opposition, resultat])
    box.statut, box.demande, box.consentement, box.opposition, box.resultat = statut, demande, consentement, opposition, resultat
    afficher()
    return box


# --------------------------------------------------------------------------- salon indicators

@dataclass(frozen=True)
class BilanSalon:
    cout_total: float
    jours: int
    contacts_qualifies: int
    rendez_vous: int

    def __post_init__(self):
        if self.jours <= 0:
            raise ValueError(fr("Un salon dure au moins un jour."))
        if min(self.cout_total, self.contacts_qualifies, self.rendez_vous) < 0:
            raise ValueError(fr("Les chiffres d'un bilan ne peuvent pas être négatifs."))

    @property
    def contacts_par_jour(self) -> float:
        return self.contacts_qualifies / self.jours

    @property
    def cout_par_contact_qualifie(self) -> float | None:
        return self.cout_total / self.contacts_qualifies if self.contacts_qualifies else None

    @property
    def cout_par_rendez_vous(self) -> float | None:
        return self.cout_total / self.rendez_vous if self.rendez_vous else None


EXEMPLE_BILAN = BilanSalon(cout_total=4800, jours=2, contacts_qualifies=96, rendez_vous=18)


def bilan_exemple():
    from IPython.display import HTML

    b = EXEMPLE_BILAN
    lignes = (
        ("Contacts qualifiés par jour", f"{b.contacts_qualifies} ÷ {b.jours}", f"{b.contacts_par_jour:.0f}"),
        ("Coût par contact qualifié", f"{euros(b.cout_total)} ÷ {b.contacts_qualifies}", euros(b.cout_par_contact_qualifie)),
        ("Coût par rendez-vous", f"{euros(b.cout_total)} ÷ {b.rendez_vous}", euros(b.cout_par_rendez_vous)),
    )
    style = "text-align:left;padding:3px 8px"
    corps = "".join(f'<tr><td style="{style}"><b>{escape(a)}</b></td><td style="{style}">{escape(fr(c))}</td>'
                    f'<td style="text-align:right;padding:3px 8px">{escape(v)}</td></tr>' for a, c, v in lignes)
    intro = fr(f"Salon de {b.jours} jours, coût total {euros(b.cout_total)} (stand, transport, documentation, "
               f"temps de l'équipe) : {b.contacts_qualifies} contacts qualifiés, {b.rendez_vous} rendez-vous pris.")
    return HTML(f"<p>{escape(intro)}</p><table>{corps}</table>")


QUESTIONS = en_francais((
    Question(
        "Un trésorier de club vous a demandé un devis sur le stand. Pouvez-vous l'appeler pour le lui présenter ?",
        ("Oui : c'est un appel sollicité, gardez la trace de sa demande",
         "Non : une association ne s'appelle jamais",
         "Seulement s'il est inscrit sur Bloctel"),
        0,
        "Répondre à la demande du contact n'est pas du démarchage à froid. La demande, datée, se note sur la fiche.",
        retours={2: "Bloctel a fermé en août 2026, et il servait à s'opposer aux appels, pas à les autoriser."},
    ),
    Question(
        "Un particulier a visité le stand sans rien demander ni rien cocher. Peut-on le démarcher par téléphone en décembre 2026 ?",
        ("Oui, puisqu'il est venu sur le stand", "Non : il faut son consentement préalable depuis le 11 août 2026",
         "Oui, mais seulement le samedi"),
        1,
        "Depuis le 11 août 2026, démarcher un consommateur par téléphone exige son consentement préalable.",
    ),
    Question(
        "Quand saisir les contacts du salon dans le SIC ?",
        ("Dans les jours qui suivent le salon", "À la fin du trimestre", "Seulement pour les contacts chauds"),
        0,
        "Vite, et tous : les chauds pour les rappeler en premier, les tièdes et les froids pour les relancer au bon moment.",
    ),
    Question(
        "Un salon a coûté 6 000 € et rapporté 120 contacts qualifiés. Quel est le coût par contact qualifié ?",
        ("20 €", "50 €", "720 €"),
        1,
        "Coût total ÷ contacts qualifiés = 6 000 ÷ 120 = 50 €.",
    ),
    vrai_faux(
        "Le formulaire de contact du salon se prépare avant le salon, avec les cases de consentement.", True,
        "Oui : c'est lui qui dira, après le salon, qui peut être démarché pour d'autres offres.",
    ),
))


def quiz_salon():
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Testez-vous : le salon ({len(QUESTIONS)} questions)"))
