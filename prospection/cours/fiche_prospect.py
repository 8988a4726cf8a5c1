"""Lesson 06 — the prospect record (fiche prospect) and the SIC, filled from salon notes.

The practice notes (:data:`NOTES`) are invented for the lesson — another salon, other
contacts — so nothing here touches the graded mission. :func:`verifier_fiche` checks a record
against rules that hold for any record (complete identity, well-formed phone and e-mail, a
dated next action after the salon, consent and opposition respected) and, for these practice
notes only, the maturity the notes support.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape

from prospection.cours.quiz import Question, en_francais, vrai_faux
from prospection.cours.tableaux import afficher
from prospection.cours.typographie import fr

DATE_SALON = dt.date(2026, 10, 3)
SALON = "Forum des sports de Tours"

CONSENTEMENTS = {
    "demande": "A demandé un rappel, un devis ou une documentation (appel sollicité)",
    "accord": "A accepté de recevoir nos offres (consentement recueilli sur le formulaire)",
    "non_recueilli": "Rien demandé, aucun accord recueilli",
    "opposition": "S'oppose à tout contact commercial",
}
ACTIONS = {
    "appeler": "Appeler pour proposer un rendez-vous",
    "devis": "Envoyer le devis demandé, puis appeler",
    "relancer": "Relancer à l'approche de l'échéance",
    "documentation": "Envoyer une documentation ou une invitation",
    "aucune": "Aucune action commerciale (noter l'opposition)",
}
MATURITES = ("froid", "tiède", "chaud")
TYPES = ("association", "collectivité", "entreprise", "particulier")


@dataclass(frozen=True)
class Note:
    """Notes taken on the stand about one practice contact."""

    cle: str
    titre: str
    texte: str
    maturite: str  # what the notes support (practice only)
    pourquoi: str


NOTES = (
    Note("judo", "Judo Club de Joué-lès-Tours",
         "Mme Léa Perrin, secrétaire du Judo Club de Joué-lès-Tours (120 licenciés). Tél. 02 47 55 10 20, "
         "lea.perrin@judo-joue.fr. Veut 40 kimonos pour l'école de judo avant le 15 novembre. "
         "A demandé un devis et un rappel la semaine prochaine. Ne veut pas recevoir notre lettre d'information.",
         "chaud", "Intérêt exprimé et projet avant le 15 novembre, à moins de trois mois du salon : chaud."),
    Note("mairie", "Mairie de Saint-Avertin, service des sports",
         "M. Karim Benali, responsable du service des sports de Saint-Avertin. Tél. 02 47 48 00 11, "
         "k.benali@saint-avertin.fr. Projet de rééquiper le gymnase municipal, budget voté en mars 2027, "
         "achats en septembre 2027. Accepte de recevoir nos offres (case cochée sur le formulaire).",
         "tiède", "Intérêt réel, mais achats en septembre 2027, bien au-delà de trois mois : tiède."),
    Note("rando", "Amicale des randonneurs de Chinon",
         "Mme Odile Marchand, présidente de l'Amicale des randonneurs de Chinon. Tél. 02 47 93 12 34. "
         "Passait voir le stand par curiosité ; leur fournisseur leur convient. "
         "Ne souhaite pas être recontactée.",
         "froid", "Aucun intérêt pour l'offre : froid. Et elle s'oppose à tout contact : on le note, sans relance."),
)
NOTES_PAR_CLE = {n.cle: n for n in NOTES}


@dataclass
class Fiche:
    """A prospect record as the SIC holds it."""

    organisation: str = ""
    type: str = ""
    contact: str = ""
    fonction: str = ""
    telephone: str = ""
    email: str = ""
    besoin: str = ""
    echeance: dt.date | None = None
    maturite: str = ""
    consentement: str = ""
    action: str = ""
    date_action: dt.date | None = None
    historique: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Controle:
    intitule: str
    ok: bool
    conseil: str


_TELEPHONE = re.compile(r"^0[1-9](\d{8})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def verifier_fiche(fiche: Fiche, note: Note | None = None, date_salon: dt.date = DATE_SALON) -> list[Controle]:
    """Checks any record must pass; with a practice ``note``, also the maturity it supports."""
    controles = []

    def ajouter(intitule, ok, conseil):
        controles.append(Controle(fr(intitule), bool(ok), "" if ok else fr(conseil)))

    ajouter("Identité : organisation, interlocuteur et fonction",
            fiche.organisation.strip() and fiche.contact.strip() and fiche.fonction.strip(),
            "Renseignez l'organisation, le nom de l'interlocuteur et sa fonction : on doit savoir qui rappeler.")
    ajouter("Type d'organisation", fiche.type in TYPES,
            "Choisissez le type : association, collectivité, entreprise ou particulier (les règles d'appel en dépendent).")
    chiffres = re.sub(r"[\s.\-\u00a0]", "", fiche.telephone)
    ajouter("Téléphone au bon format", _TELEPHONE.match(chiffres),
            "Un numéro français a 10 chiffres et commence par 0 (par exemple 02 47 55 10 20).")
    ajouter("E-mail valide ou laissé vide", not fiche.email.strip() or _EMAIL.match(fiche.email.strip()),
            "L'adresse e-mail semble incomplète : vérifiez le @ et le nom de domaine, ou laissez vide si les notes n'en donnent pas.")
    ajouter("Besoin ou projet noté", len(fiche.besoin.strip()) >= 10,
            "Notez le besoin ou le projet avec les mots du contact : c'est ce qui justifie la maturité.")
    ajouter("Maturité choisie", fiche.maturite in MATURITES, "Choisissez froid, tiède ou chaud.")
    if note is not None and fiche.maturite in MATURITES:
        ajouter("Maturité conforme aux notes", fiche.maturite == note.maturite,
                f"Relisez les notes : intérêt d'abord, délai ensuite (leçon 04).")
    ajouter("Statut du consentement renseigné", fiche.consentement in CONSENTEMENTS,
            "Indiquez ce que le contact a demandé ou accepté : c'est ce qui rend un appel possible ou non (RGPD).")
    if fiche.consentement == "opposition":
        ajouter("Opposition respectée", fiche.action == "aucune",
                "Le contact s'oppose à tout contact commercial : aucune relance, on note seulement l'opposition.")
    else:
        ajouter("Prochaine action choisie", fiche.action in ACTIONS and fiche.action != "aucune",
                "Choisissez l'action qui suit la maturité : appeler un chaud, relancer un tiède, documenter un froid.")
    if fiche.action != "aucune":
        ajouter("Prochaine action datée, après le salon",
                fiche.date_action is not None and fiche.date_action > date_salon,
                "Datez la prochaine action, après le salon : une action sans date est une action oubliée.")
        if fiche.maturite == "chaud" and fiche.date_action is not None and fiche.date_action > date_salon:
            ajouter("Contact chaud rappelé vite", (fiche.date_action - date_salon).days <= 7,
                    "Un contact chaud se rappelle en priorité : dans la semaine qui suit le salon.")
        if fiche.maturite == "tiède" and fiche.echeance and fiche.date_action:
            ajouter("Relance avant l'échéance du projet", fiche.date_action < fiche.echeance,
                    "Relancez un contact tiède avant son échéance, pas après.")
    return controles


def fiche_html(fiche: Fiche) -> str:
    """The record as a card (what the SIC would show)."""
    def ligne(titre, valeur):
        valeur = "—" if valeur in (None, "") else valeur
        if isinstance(valeur, dt.date):
            valeur = valeur.strftime("%d/%m/%Y")
        return f"<tr><th style='text-align:left;padding:2px 8px'>{escape(titre)}</th><td style='text-align:left'>{escape(str(valeur))}</td></tr>"

    lignes = "".join((
        ligne("Organisation", fiche.organisation), ligne("Type", fiche.type),
        ligne("Interlocuteur", fiche.contact), ligne("Fonction", fiche.fonction),
        ligne("Téléphone", fiche.telephone), ligne("E-mail", fiche.email),
        ligne("Besoin, projet", fiche.besoin), ligne("Échéance", fiche.echeance),
        ligne("Maturité", fiche.maturite), ligne("Consentement", CONSENTEMENTS.get(fiche.consentement, "")),
        ligne("Prochaine action", ACTIONS.get(fiche.action, "")), ligne("Date de l'action", fiche.date_action),
        ligne("Historique", " ; ".join(fiche.historique)),
    ))
    return f"<table class='fiche-prospect' style='border:1px solid #999'>{lignes}</table>"


def fiche_prospect():
    """Pick practice notes, fill the record, check it."""
    import ipywidgets as widgets

    style = {"description_width": "150px"}
    large = {"width": "520px"}
    choix = widgets.Dropdown(options=[(n.titre, n.cle) for n in NOTES], description="Notes du stand\u00a0:",
                             style=style, layout=large)
    notes = widgets.HTML()
    champs = {
        "organisation": widgets.Text(description="Organisation\u00a0:", style=style, layout=large),
        "type": widgets.Dropdown(options=[("—", "")] + [(t, t) for t in TYPES], description="Type\u00a0:", style=style),
        "contact": widgets.Text(description="Interlocuteur\u00a0:", style=style, layout=large),
        "fonction": widgets.Text(description="Fonction\u00a0:", style=style, layout=large),
        "telephone": widgets.Text(description="Téléphone\u00a0:", style=style, layout=large),
        "email": widgets.Text(description="E-mail\u00a0:", style=style, layout=large),
        "besoin": widgets.Textarea(description="Besoin, projet\u00a0:", style=style, layout={"width": "520px", "height": "4em"}),
        "echeance": widgets.DatePicker(description="Échéance\u00a0:", style=style),
        "maturite": widgets.Dropdown(options=[("—", "")] + [(m, m) for m in MATURITES], description="Maturité\u00a0:", style=style),
        "consentement": widgets.Dropdown(options=[("—", "")] + [(fr(v), k) for k, v in CONSENTEMENTS.items()],
                                         description="Consentement\u00a0:", style=style, layout=large),
        "action": widgets.Dropdown(options=[("—", "")] + [(fr(v), k) for k, v in ACTIONS.items()],
                                   description="Prochaine action\u00a0:", style=style, layout=large),
        "date_action": widgets.DatePicker(description="Date de l'action\u00a0:", style=style),
    }
    bouton = widgets.Button(description="Vérifier la fiche", button_style="primary", icon="check")
    resultat = widgets.HTML()
    apercu = widgets.HTML()

    def montrer_notes(_=None):
        note = NOTES_PAR_CLE[choix.value]
        notes.value = (f"<div style='border-left:4px solid #f4b183;padding-left:10px'><b>{escape(fr('Notes prises le 3 octobre 2026 sur le stand :'))}</b>"
                       f"<br>{escape(fr(note.texte))}</div>")
        resultat.value = apercu.value = ""

    def lire() -> Fiche:
        valeurs = {k: w.value for k, w in champs.items()}
        return Fiche(**{k: (v if v is not None else (None if k in ("echeance", "date_action") else "")) for k, v in valeurs.items()},
                     historique=[fr(f"03/10/2026 : rencontre au {SALON}")])

    def verifier(_=None):
        fiche = lire()
        controles = verifier_fiche(fiche, NOTES_PAR_CLE[choix.value])
        lignes = []
        for c in controles:
            signe, couleur = ("✔", "#1b7d3a") if c.ok else ("✘", "#b3261e")
            conseil = f" — {escape(c.conseil)}" if c.conseil else ""
            lignes.append(f"<li style='color:{couleur}'>{signe} {escape(c.intitule)}{conseil}</li>")
        bons = sum(c.ok for c in controles)
        resultat.value = f"<p><b>{bons}{fr(' / ')}{len(controles)} {fr('contrôles réussis.')}</b></p><ul>{''.join(lignes)}</ul>"
        apercu.value = fiche_html(fiche)
        box.controles = controles

    choix.observe(montrer_notes, names="value")
    bouton.on_click(verifier)
    montrer_notes()
    box = widgets.VBox([choix, notes, *champs.values(), bouton, resultat, apercu])
    box.choix, box.champs, box.bouton, box.resultat, box.apercu = choix, champs, bouton, resultat, apercu
    box.controles = []
    return box


# --------------------------------------------------------------------------- tables

RUBRIQUES = (
    ("Identité", "organisation, adresse, interlocuteur, fonction, téléphone, e-mail"),
    ("Caractéristiques", "secteur, taille (salariés, adhérents, licenciés), type d'organisation"),
    ("Historique des contacts", "chaque échange daté : salon, appel, e-mail, rendez-vous, devis"),
    ("Besoin et projet", "ce que veut le contact, avec ses mots ; budget ; échéance"),
    ("Maturité", "froid, tiède ou chaud, avec la justification"),
    ("Prochaine action", "ce qu'on fait ensuite et à quelle date"),
    ("Consentement, opposition (RGPD)", "ce que le contact a demandé ou accepté, ou son refus, avec la date"),
)


def tableau_rubriques():
    return afficher(RUBRIQUES, ("Rubrique", "Ce qu'on y note"))

QUESTIONS = en_francais((
    Question(
        "Que veut dire SIC ?",
        ("Système d'information commercial", "Service d'inscription des clients", "Suivi individuel des commandes"),
        0,
        "Le système d'information commercial rassemble les données sur les prospects et les clients ; il est souvent tenu dans un CRM.",
    ),
    Question(
        "Sur le stand, une visiteuse vous demande un devis. Pourquoi noter cette demande, avec sa date, sur la fiche ?",
        ("Pour prouver que l'appel qui suit est sollicité", "Pour calculer sa remise", "Ce n'est pas utile"),
        0,
        "Un appel qui répond à la demande du contact n'est pas du démarchage à froid ; la demande datée en est la preuve.",
    ),
    Question(
        "Un contact a coché « ne pas être recontacté ». Que faites-vous de sa fiche ?",
        ("Je la supprime tout de suite et j'oublie la demande",
         "Je note l'opposition, avec sa date, et je ne le démarche plus",
         "Je le rappelle dans trois mois"),
        1,
        "L'opposition se respecte et se trace : la noter évite qu'un collègue l'appelle par erreur. On ne garde que les données utiles.",
    ),
    vrai_faux(
        "Une prochaine action sans date est une bonne pratique : on rappellera quand on aura le temps.", False,
        "Une action sans date est une action oubliée : le SIC sert justement à planifier les relances.",
    ),
    Question(
        "Où note-t-on « budget voté en mars 2027, achats en septembre 2027 » ?",
        ("Identité", "Besoin et projet (échéance)", "Consentement"),
        1,
        "C'est le projet et son échéance : ils justifient la maturité (ici tiède) et la date de relance.",
    ),
))


def quiz_fiche():
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Testez-vous : la fiche prospect ({len(QUESTIONS)} questions)"))
