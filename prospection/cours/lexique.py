"""The course's glossary (``course/90_lexique.ipynb``): every English word and acronym kept.

The terms are data (:data:`TERMES`); :func:`chercher` filters them (accents and case ignored)
and the view only shows the result. A test checks that every English word the lessons use is
in the glossary.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape

from prospection.cours.typographie import fr


@dataclass(frozen=True)
class Terme:
    mot: str
    sens: str  # what it means, in French
    en_francais: str  # the French word to use when there is one ("" when none)
    lecon: str  # where the course uses it (NN)


_TERMES = (
    Terme("B2B / B2C", "Business to business : vente entre professionnels ; business to consumer : "
          "vente aux particuliers. Les règles du démarchage téléphonique protègent surtout les particuliers.",
          "vente entre professionnels / aux particuliers", "01"),
    Terme("Bad timing", "« Mauvais moment » : le besoin est réel mais le projet est lointain. "
          "Dans ce cours, c'est un prospect tiède.", "projet à moyen ou long terme", "04"),
    Terme("BANT", "Grille de qualification : Budget, Authority (le décideur), Need (le besoin), "
          "Timeline (l'échéance).", "", "04"),
    Terme("Bloctel", "Liste d'opposition française au démarchage téléphonique, de juin 2016 à août 2026.",
          "", "01"),
    Terme("CHAMP", "Grille de qualification : Challenges (les problèmes du client), Authority, Money, "
          "Prioritization (la place du projet dans ses priorités).", "", "04"),
    Terme("Cold calling", "Appel à un prospect qui n'a jamais eu de contact avec l'entreprise.",
          "appel à froid", "03"),
    Terme("CRM", "Customer Relationship Management : le logiciel de gestion de la relation client, "
          "où l'on tient les fiches des prospects et des clients. C'est souvent l'outil du SIC.",
          "gestion de la relation client", "06"),
    Terme("CROC", "Plan d'un appel téléphonique : Contact, Raison de l'appel, Objectif, Conclusion.",
          "", "05"),
    Terme("CRAC", "Méthode de traitement des objections : Creuser, Reformuler, Argumenter, Contrôler.",
          "", "03"),
    Terme("Do Not Call", "Listes nationales d'opposition au démarchage téléphonique aux États-Unis "
          "et au Canada.", "liste d'opposition", "01"),
    Terme("E-mail, e-mailing", "Un e-mail est un message électronique (le cours n'emploie pas "
          "« courriel » ni « mail ») ; l'e-mailing est l'envoi d'un même e-mail à tout un fichier.",
          "courrier électronique, envoi en nombre", "03"),
    Terme("Lead", "Contact qui a montré un intérêt (formulaire rempli, visite du stand) : un "
          "prospect, surtout en B2B. Un « lead en ligne » a laissé ses coordonnées sur un site.",
          "prospect, contact intéressé", "02"),
    Terme("Lead Rating « Hot », « Warm », « Cold »", "Note que le CRM Salesforce donne à un lead : "
          "chaud, tiède ou froid. Même idée que la température du cours, avec les critères de chaque "
          "entreprise.", "chaud, tiède, froid", "04"),
    Terme("MEDDIC", "Grille de qualification des ventes complexes (grands comptes) : Metrics, "
          "Economic buyer, Decision criteria, Decision process, Identify pain, Champion.", "", "04"),
    Terme("Nurturing (lead nurturing)", "« Nourrir » la relation avec un prospect pas encore prêt à "
          "acheter : envois réguliers de conseils, d'invitations, de nouvelles, jusqu'à ce que son "
          "projet mûrisse. C'est ce qu'on fait pour un prospect tiède.", "entretien de la relation", "04"),
    Terme("Opt-in / opt-out", "Opt-in : on ne peut démarcher que la personne qui a dit oui "
          "(consentement préalable, en France depuis le 11 août 2026). Opt-out : on peut démarcher "
          "tant que la personne n'a pas dit non (le système de Bloctel).",
          "consentement préalable / droit d'opposition", "01"),
    Terme("Phoning", "Prospection par téléphone : appeler une liste de prospects pour qualifier, "
          "prendre des rendez-vous ou vendre.", "prospection téléphonique", "03"),
    Terme("Pitch", "Présentation très courte (quelques phrases) de ce que l'on apporte au client.",
          "argumentaire éclair", "03"),
    Terme("Plateau", "Salle où plusieurs télévendeurs appellent ensemble (centre d'appels ou service "
          "commercial).", "", "03"),
    Terme("RGPD", "Règlement général sur la protection des données : informer la personne, "
          "respecter son opposition, ne garder que les données utiles.", "", "06"),
    Terme("SIC", "Système d'information commercial : toutes les données sur les prospects et les "
          "clients (fiches, historique des contacts, actions prévues), souvent tenues dans un CRM.",
          "", "06"),
    Terme("Social selling", "Prospecter par les réseaux sociaux professionnels (LinkedIn…) : "
          "publier, commenter, entrer en relation avant d'appeler.",
          "prospection par les réseaux sociaux", "03"),
    Terme("SONCAS", "Les six mobiles d'achat : Sécurité, Orgueil, Nouveauté, Confort, Argent, "
          "Sympathie (SONCASE ajoute Environnement).", "", "05"),
    Terme("SQL (Sales Qualified Lead)", "Lead jugé prêt pour un commercial : besoin confirmé et "
          "échéance proche. Dans ce cours, un prospect chaud.", "prospect qualifié pour la vente", "04"),
    Terme("Visio", "Rendez-vous en visioconférence (par écran interposé).", "visioconférence", "03"),
    Terme("Warm calling", "Appel à un prospect avec qui l'entreprise a déjà eu un contact (salon, "
          "recommandation, réseaux sociaux). À ne pas confondre avec le prospect « tiède » ou "
          "« chaud », qui décrit l'avancement de son projet.", "appel à chaud, appel chaleureux", "03"),
    Terme("Webinaire", "Conférence en ligne, souvent suivie d'un échange avec les participants.",
          "conférence en ligne", "03"),
    Terme("Widget", "Élément interactif d'un carnet Jupyter : bouton, liste, curseur, zone de texte.",
          "", "00"),
)

TERMES: tuple[Terme, ...] = tuple(
    Terme(fr(t.mot), fr(t.sens), fr(t.en_francais), t.lecon)
    for t in sorted(_TERMES, key=lambda t: t.mot.lower()))


def _plier(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte.lower())
    return "".join(c for c in texte if not unicodedata.combining(c))


def chercher(requete: str) -> list[Terme]:
    """The terms whose word, meaning or French equivalent contains ``requete`` (accents ignored)."""
    cle = _plier(requete.strip())
    if not cle:
        return list(TERMES)
    return [t for t in TERMES if cle in _plier(f"{t.mot} {t.sens} {t.en_francais}")]


def tableau_html(termes) -> str:
    if not termes:
        return fr("<p><em>Aucun mot ne correspond : essayez un autre mot, ou videz la zone de recherche.</em></p>")
    style = "text-align:left;vertical-align:top;padding:3px 8px"
    lignes = "".join(
        f'<tr><td style="{style}"><b>{escape(t.mot)}</b></td><td style="{style}">{escape(t.sens)}</td>'
        f'<td style="{style}">{escape(t.en_francais) or "—"}</td><td style="{style}">{t.lecon}</td></tr>'
        for t in termes)
    return (f'<table class="lexique"><tr><th style="{style}">Mot</th><th style="{style}">Ce qu\'il veut dire</th>'
            f'<th style="{style}">En français</th><th style="{style}">Leçon</th></tr>{lignes}</table>')


def lexique():
    """The glossary with a search box (widget)."""
    import ipywidgets as widgets

    recherche = widgets.Text(placeholder="Tapez un mot\u00a0: lead, SIC, pitch…", description="Chercher\u00a0:",
                             layout={"width": "420px"})
    compte = widgets.HTML()
    table = widgets.HTML()

    def afficher(_=None):
        termes = chercher(recherche.value)
        compte.value = f"<em>{len(termes)}\u00a0mot(s) sur {len(TERMES)}</em>"
        table.value = tableau_html(termes)

    recherche.observe(afficher, names="value")
    afficher()
    box = widgets.VBox([recherche, compte, table])
    box.recherche, box.table, box.compte = recherche, table, compte
    return box
