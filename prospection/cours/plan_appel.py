"""Lesson 05 — the telephone call plan CROC, the gatekeeper, the SONCAS buying motives.

Logic without widgets (:data:`ETAPES_CROC`, :func:`evaluer_plan`, the sorting exercises as
:class:`~prospection.cours.classement.Classement`, the quiz questions), views below. The
practice call is invented for the lesson (Sportéo calls a handball club met at a salon); it
is not the graded mission's file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import escape

from prospection.cours.classement import Classement, Element, classement
from prospection.cours.quiz import Question, en_francais, vrai_faux
from prospection.cours.tableaux import afficher
from prospection.cours.typographie import fr

# --------------------------------------------------------------------------- CROC

ETAPES_CROC = (
    ("contact", "C — Contact",
     "Saluer, se présenter (nom, entreprise), vérifier qu'on parle à la bonne personne. C'est ici "
     "qu'on passe le barrage secrétaire, s'il y en a un."),
    ("raison", "R — Raison de l'appel",
     "L'accroche : pourquoi vous appelez, et le contact précédent qui sert de brise-glace (le salon, "
     "sa date, ce qui s'y est dit). Demander si c'est un bon moment."),
    ("objectif", "O — Objectif",
     "Le but de l'appel, le plus souvent un rendez-vous : questions de découverte, reformulation, "
     "traitement des objections."),
    ("conclusion", "C — Conclusion",
     "Reformuler ce qui est convenu, confirmer la date et l'heure, remercier et prendre congé. "
     "Puis mettre la fiche à jour dans le SIC."),
)
CATEGORIES_CROC = {cle: fr(titre) for cle, titre, _ in ETAPES_CROC}


def tableau_croc():
    """The four CROC steps as an HTML table."""
    return afficher(((titre, texte) for _, titre, texte in ETAPES_CROC), ("Étape", "Ce qu'on y fait"))

REPLIQUES_CROC = Classement(
    CATEGORIES_CROC,
    (
        Element("« Bonjour, Camille Martin, de la société Sportéo. Je suis bien avec M. Diallo, "
                "le président du club ? »", "contact",
                "Saluer, se présenter et vérifier l'interlocuteur : c'est le Contact."),
        Element("« Nous avons échangé samedi sur notre stand du Forum des sports de Tours, à propos "
                "des maillots de vos équipes jeunes. »", "raison",
                "Le rappel du contact précédent est la Raison de l'appel : c'est le brise-glace."),
        Element("« Est-ce que je vous appelle au bon moment ? »", "raison",
                "Demander si c'est un bon moment accompagne l'accroche, avant d'entrer dans le vif du sujet."),
        Element("« Combien de joueurs faudra-t-il équiper, et pour quelle date ? »", "objectif",
                "Une question de découverte sert l'Objectif : elle prépare le rendez-vous."),
        Element("« Je comprends que le budget soit serré. Qu'est-ce qui compte le plus pour vous : "
                "le prix ou la solidité ? »", "objectif",
                "Traiter une objection fait partie de l'Objectif (méthode CRAC)."),
        Element("« Je vous propose d'en parler au club : plutôt mardi à 18 h ou jeudi à 18 h 30 ? »",
                "objectif", "Proposer le rendez-vous avec deux créneaux, c'est viser l'Objectif de l'appel."),
        Element("« Je récapitule : rendez-vous jeudi 15 octobre à 18 h 30, au gymnase, avec les "
                "échantillons. »", "conclusion",
                "Reformuler et confirmer la date et l'heure : c'est la Conclusion."),
        Element("« Merci pour votre temps, et bonne soirée ! »", "conclusion",
                "Remercier et prendre congé clôt la Conclusion."),
    ),
    consigne="Voici les répliques d'un appel, dans le désordre de vos notes. Rangez chacune dans son étape du plan CROC.",
)


def tri_croc():
    return classement(REPLIQUES_CROC, "Rangez les répliques dans le plan CROC")


# --------------------------------------------------------------------------- call plan builder

def _plier(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", (texte or "").lower())
    return "".join(c for c in texte if not unicodedata.combining(c)).replace("\u2019", "'")


@dataclass(frozen=True)
class Critere:
    etape: str
    intitule: str
    ok: bool
    conseil: str


#: (step, label, patterns on the folded text — one must match, advice when missing)
_CRITERES = (
    ("contact", "Salutation", (r"\bbonjour\b", r"\bbonsoir\b"), "Commencez par saluer : « Bonjour… »."),
    ("contact", "Votre nom et votre entreprise",
     (r"\bje suis\b", r"\bici\b", r"\bje m'appelle\b", r"\bde la societe\b", r"\bde l'entreprise\b"),
     "Présentez-vous : votre nom et votre entreprise (« je suis …, de la société … »)."),
    ("contact", "Vérifier l'interlocuteur",
     (r"\bsuis-je bien\b", r"\bje suis bien\b", r"\bvous etes bien\b", r"\betes-vous\b",
      r"\bpourrais-je parler\b", r"\bpuis-je parler\b", r"\bpourriez-vous me passer\b"),
     "Vérifiez que vous parlez à la bonne personne (« Je suis bien avec … ? »)."),
    ("raison", "Le contact précédent",
     (r"\bsalon\b", r"\bstand\b", r"\bforum\b", r"\bechange\b", r"\brencontr", r"\brecommand",
      r"\bvous m'aviez\b", r"\bvous nous aviez\b", r"\bvous avez demande\b"),
     "Rappelez le contact précédent : où, quand, ce qui s'est dit. C'est votre brise-glace."),
    ("raison", "Le bon moment",
     (r"\bbon moment\b", r"\bdisponible\b", r"\bquelques minutes\b", r"\bdeux minutes\b"),
     "Demandez si c'est un bon moment : vous respectez son temps."),
    ("objectif", "Une question de découverte ouverte",
     (r"\b(quel|quelle|quels|quelles|comment|combien|pourquoi|qu'est-ce)\b[^?]*\?",),
     "Posez au moins une question ouverte (quel, comment, combien…) terminée par « ? »."),
    ("objectif", "Le rendez-vous visé",
     (r"\brendez-vous\b", r"\brencontrer\b", r"\bvisio", r"\bdemonstration\b", r"\bpasser vous voir\b"),
     "Dites ce que vous visez : un rendez-vous, une visio, une démonstration."),
    ("conclusion", "Reformuler ou récapituler",
     (r"\brecapitul", r"\bje resume\b", r"\bsi je comprends bien\b", r"\bnous disons donc\b",
      r"\bje confirme\b", r"\bc'est note\b", r"\bdonc\b"),
     "Reformulez ce qui est convenu (« Je récapitule : … »)."),
    ("conclusion", "Date et heure confirmées",
     (r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi)\b", r"\d{1,2}\s?h\b", r"\d{1,2}\s?h\s?\d{2}"),
     "Confirmez un jour et une heure précis."),
    ("conclusion", "Prendre congé",
     (r"\bmerci\b", r"\bau revoir\b", r"\bbonne (journee|soiree|fin de journee)\b"),
     "Remerciez et prenez congé poliment."),
)


def evaluer_plan(contact: str = "", raison: str = "", objectif: str = "", conclusion: str = "") -> list[Critere]:
    """Check a learner's call plan, step by step (what each step should contain)."""
    textes = {"contact": contact, "raison": raison, "objectif": objectif, "conclusion": conclusion}
    resultats = []
    for etape, intitule, motifs, conseil in _CRITERES:
        plie = _plier(textes[etape])
        ok = any(re.search(m, plie) for m in motifs)
        resultats.append(Critere(etape, fr(intitule), ok, "" if ok else fr(conseil)))
    return resultats


EXEMPLE_PLAN = {
    "contact": "Bonjour, je suis Camille Martin, de la société Sportéo. Je suis bien avec Mme Roussel, "
               "la trésorière du club ?",
    "raison": "Nous avons échangé samedi sur notre stand du Forum des sports de Tours : vous cherchiez "
              "des survêtements pour vos entraîneurs. Est-ce que je vous appelle au bon moment ?",
    "objectif": "",
    "conclusion": "",
}


def constructeur_plan():
    """Four text areas (one per CROC step), a check of each, the plan assembled."""
    import ipywidgets as widgets

    zones = {}
    for cle, titre, aide in ETAPES_CROC:
        zones[cle] = widgets.Textarea(value=fr(EXEMPLE_PLAN[cle]), placeholder=fr(aide),
                                      description=fr(titre), layout={"width": "95%", "height": "4.5em"},
                                      style={"description_width": "150px"})
    bouton = widgets.Button(description="Vérifier mon plan", button_style="primary", icon="check")
    resultat = widgets.HTML()

    def verifier(_=None):
        criteres = evaluer_plan(**{cle: z.value for cle, z in zones.items()})
        lignes = []
        for c in criteres:
            signe, couleur = ("✔", "#1b7d3a") if c.ok else ("✘", "#b3261e")
            conseil = f" — {escape(c.conseil)}" if c.conseil else ""
            lignes.append(f'<li style="color:{couleur}">{signe} <b>{escape(CATEGORIES_CROC[c.etape])}</b>'
                          f"{fr(' :')} {escape(c.intitule)}{conseil}</li>")
        faits = sum(c.ok for c in criteres)
        resultat.value = (f"<p><b>{faits}{fr(' / ')}{len(criteres)} {fr('critères remplis.')}</b></p>"
                          f"<ul>{''.join(lignes)}</ul>")
        box.criteres = criteres

    bouton.on_click(verifier)
    box = widgets.VBox([*zones.values(), bouton, resultat])
    box.zones, box.bouton, box.resultat = zones, bouton, resultat
    verifier()
    return box


# --------------------------------------------------------------------------- SONCAS

MOBILES = {
    "securite": "Sécurité",
    "orgueil": "Orgueil",
    "nouveaute": "Nouveauté",
    "confort": "Confort",
    "argent": "Argent",
    "sympathie": "Sympathie",
}
DEFINITIONS_MOBILES = {
    "securite": "besoin d'être rassuré : fiabilité, garanties, références, pas de risque",
    "orgueil": "besoin d'être reconnu, de se distinguer, d'avoir mieux que les autres",
    "nouveaute": "goût pour ce qui est nouveau, innovant, à la mode",
    "confort": "besoin de simplicité, de gain de temps, de tranquillité",
    "argent": "attention au prix, aux économies, au rapport qualité-prix",
    "sympathie": "besoin d'une relation agréable, de confiance, de proximité avec le vendeur",
}

TRANSCRIPTION = (
    ("Vendeur", "Qu'est-ce qui compte le plus pour le club dans ce choix ?"),
    ("Présidente", "Nos anciens maillots se sont déchirés au bout de six mois. Cette fois, je veux du solide, avec une garantie."),
    ("Vendeur", "Je comprends. Et du côté des joueurs ?"),
    ("Présidente", "Ils aimeraient le nouveau tissu respirant dont tout le monde parle."),
    ("Présidente", "Et honnêtement, je voudrais que notre équipe soit la mieux habillée du tournoi régional."),
    ("Vendeur", "Comment se passent les commandes aujourd'hui ?"),
    ("Présidente", "Un casse-tête ! Si vous pouviez tout livrer au gymnase, en une fois, ce serait parfait."),
    ("Présidente", "Nous avons une subvention de 1 500 €, pas un euro de plus."),
    ("Présidente", "Et puis votre collègue sur le stand était tellement agréable : c'est pour ça que j'ai accepté votre appel."),
)

REPLIQUES_SONCAS = Classement(
    MOBILES,
    (
        Element(TRANSCRIPTION[1][1], "securite", "Solidité et garantie : elle veut être rassurée, c'est la Sécurité."),
        Element(TRANSCRIPTION[3][1], "nouveaute", "Le tissu « dont tout le monde parle » : c'est la Nouveauté."),
        Element(TRANSCRIPTION[4][1], "orgueil", "Être « la mieux habillée » : se distinguer, c'est l'Orgueil."),
        Element(TRANSCRIPTION[6][1], "confort", "Tout livré en une fois, sans casse-tête : c'est le Confort."),
        Element(TRANSCRIPTION[7][1], "argent", "Un budget fixé à l'euro près : c'est l'Argent."),
        Element(TRANSCRIPTION[8][1], "sympathie", "Elle a accepté l'appel grâce à la relation : c'est la Sympathie."),
    ),
    consigne="La présidente d'un club de handball parle pendant la phase de découverte. Pour chacune de "
             "ses répliques, choisissez le mobile d'achat SONCAS qu'elle révèle.",
)


def transcription():
    """The short call transcript (HTML)."""
    from IPython.display import HTML

    lignes = "".join(f"<p style='margin:2px 0'><b>{escape(qui)}{fr(' :')}</b> {escape(fr(texte))}</p>"
                     for qui, texte in TRANSCRIPTION)
    return HTML(f"<div style='border-left:4px solid #5b9bd5;padding-left:10px'>{lignes}</div>")


def tableau_soncas():
    return afficher((MOBILES[k], v) for k, v in DEFINITIONS_MOBILES.items())

def tri_soncas():
    return classement(REPLIQUES_SONCAS, "Quel mobile d'achat ?")


# --------------------------------------------------------------------------- quiz

QUESTIONS = en_francais((
    Question(
        "Dans le plan CROC, à quelle étape passe-t-on le barrage secrétaire ?",
        ("Contact", "Raison de l'appel", "Objectif", "Conclusion"),
        0,
        "Le barrage se présente dès le Contact : c'est l'assistant qui décroche. Soyez honnête sur le motif de l'appel.",
    ),
    Question(
        "L'assistante vous dit : « Il est en réunion, rappelez plus tard. » Quelle réponse est la meilleure ?",
        ("« C'est personnel, passez-le-moi. »",
         "« Je comprends. Quel serait le meilleur moment pour le joindre ? Je l'appelle au sujet du salon de samedi. »",
         "« Tant pis, je ne rappellerai pas. »"),
        1,
        "On fait de l'assistante une alliée : on reste honnête sur le motif et on lui demande le bon moment.",
        retours={0: "Mentir sur le motif braque l'assistante, et la confiance est perdue."},
    ),
    Question(
        "Quel est le plus souvent l'objectif d'un appel après un salon ?",
        ("Vendre au téléphone", "Obtenir un rendez-vous", "Lire la plaquette"),
        1,
        "L'objectif (le O de CROC) est souvent un rendez-vous, proposé avec deux créneaux au choix.",
    ),
    Question(
        "« Avec vous, je suis sûr que le matériel arrivera à temps pour le tournoi ? » Quel mobile SONCAS ?",
        ("Sécurité", "Nouveauté", "Sympathie"),
        0,
        "Être sûr que tout arrivera à temps : c'est le besoin d'être rassuré, la Sécurité.",
    ),
    vrai_faux(
        "La Conclusion d'un appel se limite à dire « au revoir ».", False,
        "On reformule ce qui est convenu, on confirme la date et l'heure, puis on prend congé et on met la fiche à jour.",
    ),
    Question(
        "À quoi servent les mobiles SONCAS pendant l'appel ?",
        ("À choisir les arguments qui parlent à ce client", "À calculer une remise", "À remplir l'annexe de la mission"),
        0,
        "Repérés pendant la découverte, les mobiles orientent l'argumentation : on parle garantie à qui cherche la sécurité.",
    ),
))


def quiz_plan_appel():
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Testez-vous : le plan d'appel ({len(QUESTIONS)} questions)"))
