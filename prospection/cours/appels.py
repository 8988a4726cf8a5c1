"""Lesson 03 — warm calls: the views (opener builder, CRAC sheets, objection log, speed-to-lead,
quizzes) and the lesson's data.

The logic lives beside it and imports no widget: ``appels_accroche`` (opener builder logic and
practice checklist), ``appels_objections`` (CRAC sheets, objection log). The view functions only
show it. pandas and matplotlib
are imported lazily so that the lesson starts fast.
"""

from __future__ import annotations

from prospection.cours.appels_accroche import (  # noqa: F401 - names the lesson uses
    CONTACTS_PREALABLES, CONTEXTES, EXEMPLES_DETAIL, PRETEXTES, Repere, ReperesAccroche,
    construire_accroche, reperes_accroche, verifier_accroche,
)
from prospection.cours.appels_objections import (  # noqa: F401
    ETAPES_CRAC, OBJECTIONS, JournalObjections, Objection, fiche_crac,
)
from prospection.cours.cycle import Graphique, a_gauche, escape
from prospection.cours.quiz import Question, vrai_faux

# ---------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------


def constructeur_accroche():
    """The opener builder widget: fields on the left, the opener and the checklist below."""
    import ipywidgets as widgets

    style = {"description_width": "150px"}
    large = {"width": "560px"}
    # The lesson's own scenario (exercise 03 has another seller, company, contact and salon).
    vendeur = widgets.Text(value="Hugo Lemaire", description="Vous\u00a0:", style=style, layout=large)
    entreprise = widgets.Text(value="Brodelia", description="Votre entreprise\u00a0:", style=style, layout=large)
    interlocuteur = widgets.Text(value="Monsieur Nguyen", description="Interlocuteur\u00a0:", style=style, layout=large)
    contact = widgets.Dropdown(options=[(v[0], k) for k, v in CONTACTS_PREALABLES.items()],
                               value="salon", description="Contact précédent\u00a0:", style=style, layout=large)
    detail = widgets.Text(value=EXEMPLES_DETAIL["salon"], description="Où, quand, qui\u00a0:", style=style, layout=large)
    contexte = widgets.Combobox(value=CONTEXTES[1], options=CONTEXTES, description="Contexte\u00a0:",
                                ensure_option=False, style=style, layout=large)
    pretexte = widgets.Combobox(value=PRETEXTES[-1], options=PRETEXTES, description="Prétexte\u00a0:",
                                ensure_option=False, style=style, layout=large)
    creneau1 = widgets.Text(value="lundi à 17\u00a0h\u00a030", description="Créneau 1\u00a0:", style=style, layout=large)
    creneau2 = widgets.Text(value="mercredi à 14\u00a0h", description="Créneau 2\u00a0:", style=style, layout=large)
    apercu = widgets.HTML()
    grille = widgets.HTML()
    champs = [vendeur, entreprise, interlocuteur, contact, detail, contexte, pretexte, creneau1, creneau2]

    def mettre_a_jour(change=None):
        if change is not None and change.get("owner") is contact and change.get("name") == "value":
            # Suggest a detail that fits the new kind of contact, unless the learner typed one.
            if detail.value in EXEMPLES_DETAIL.values() or not detail.value.strip():
                detail.value = EXEMPLES_DETAIL[contact.value]
                return
        try:
            texte = construire_accroche(
                vendeur=vendeur.value, entreprise=entreprise.value, interlocuteur=interlocuteur.value,
                contact=contact.value, detail=detail.value, contexte=contexte.value,
                pretexte=pretexte.value, creneaux=(creneau1.value, creneau2.value))
        except ValueError as exc:
            apercu.value = f'<div style="color:#b3261e">{escape(str(exc))}</div>'
            grille.value = ""
            return
        apercu.value = (f'<blockquote style="border-left:4px solid #1b5e9b;padding:6px 10px;'
                        f'background:#f3f7fb">« {escape(texte)} »</blockquote>')
        grille.value = reperes_accroche(texte)._repr_html_()

    for champ in champs:
        champ.observe(mettre_a_jour, names="value")
    mettre_a_jour()
    box = widgets.VBox([widgets.HTML("<h4>Construire une accroche d'appel à chaud</h4>"), *champs,
                        widgets.HTML("<b>Votre accroche\u00a0:</b>"), apercu, grille])
    box.champs = dict(vendeur=vendeur, entreprise=entreprise, interlocuteur=interlocuteur, contact=contact,
                      detail=detail, contexte=contexte, pretexte=pretexte, creneau1=creneau1, creneau2=creneau2)
    box.apercu = apercu
    box.grille = grille
    return box


def methode_crac():
    """Pick an objection, see how to handle it with the CRAC method."""
    import ipywidgets as widgets

    choix = widgets.Dropdown(options=[(o.libelle, k) for k, o in OBJECTIONS.items()],
                             description="Objection\u00a0:", style={"description_width": "90px"},
                             layout={"width": "520px"})
    fiche = widgets.HTML(fiche_crac(choix.value))
    choix.observe(lambda change: setattr(fiche, "value", fiche_crac(change["new"])), names="value")
    box = widgets.VBox([choix, fiche])
    box.choix = choix
    box.fiche = fiche
    return box


def journal_objections():
    """A small form to log the objections heard during a call session, with a summary."""
    import ipywidgets as widgets

    journal = JournalObjections()
    style = {"description_width": "110px"}
    categorie = widgets.Dropdown(options=[(o.libelle, k) for k, o in OBJECTIONS.items()],
                                 description="Objection\u00a0:", style=style, layout={"width": "520px"})
    formulation = widgets.Text(description="Mots exacts\u00a0:", placeholder="ce que le prospect a dit",
                               style=style, layout={"width": "520px"})
    reponse = widgets.Textarea(description="Ma réponse\u00a0:", placeholder="ce que j'ai répondu",
                               style=style, layout={"width": "520px"})
    resolue = widgets.Checkbox(description="Objection levée", indent=False)
    bouton = widgets.Button(description="Noter", button_style="primary", icon="pencil")
    message = widgets.HTML()
    tableau = widgets.HTML()

    def noter(_=None):
        journal.ajouter(categorie.value, formulation.value, reponse.value, resolue.value)
        formulation.value = ""
        reponse.value = ""
        resolue.value = False
        resume = journal.synthese()
        lignes = "".join(
            f"<tr><td>{escape(OBJECTIONS[k].libelle)}</td><td>{int(r.nombre)}</td>"
            f"<td>{r.taux_resolution:.0%}</td></tr>".replace("%", "\u00a0%")
            for k, r in resume.iterrows()
        )
        tableau.value = a_gauche("<table><tr><th>Objection</th><th>Entendue</th><th>Levée</th></tr>"
                                 f"{lignes}</table>")
        pire = journal.a_retravailler()
        message.value = (f"{len(journal.lignes)} objection(s) notée(s). À retravailler en priorité\u00a0: "
                         f"{escape(OBJECTIONS[pire].libelle)}.")
        # Everything the learner typed stays visible, line by line.
        notes = "".join(
            f"<tr><td>{rang}</td><td>{escape(OBJECTIONS[l['objection']].libelle)}</td>"
            f"<td>{escape(l['formulation'])}</td><td>{escape(l['reponse'])}</td>"
            f"<td>{'oui' if l['resolue'] else 'non'}</td></tr>"
            for rang, l in enumerate(journal.lignes, start=1)
        )
        detail.value = ("<details open><summary>Le journal, ligne par ligne</summary>" + a_gauche(
            "<table><tr><th></th><th>Objection</th><th>Mots exacts</th><th>Ma réponse</th><th>Levée</th></tr>"
            f"{notes}</table>") + "</details>")

    detail = widgets.HTML()
    bouton.on_click(noter)
    box = widgets.VBox([categorie, formulation, reponse, resolue, bouton, message, tableau, detail])
    box.journal = journal
    box.noter = noter
    box.champs = dict(categorie=categorie, formulation=formulation, reponse=reponse, resolue=resolue)
    box.tableau = tableau
    box.message = message
    box.detail = detail
    return box


# ---------------------------------------------------------------------------------------
# Speed to lead (US studies on online leads)
# ---------------------------------------------------------------------------------------

RAPIDITE = (
    {"comparaison": "Rappel en moins de 5 min\nplutôt qu'après 30 min", "facteur": 21,
     "source": "Oldroyd, étude MIT / InsideSales, 2007"},
    {"comparaison": "Réponse dans l'heure\nplutôt qu'une heure plus tard", "facteur": 7,
     "source": "Harvard Business Review, 2011, « The Short Life of Online Sales Leads »"},
)


def graphique_rapidite() -> Graphique:
    """Bar chart: how much likelier a quick call back qualifies an online lead."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 3.4))
    ax = fig.subplots()
    etiquettes = [r["comparaison"] for r in RAPIDITE]
    facteurs = [r["facteur"] for r in RAPIDITE]
    barres = ax.barh(etiquettes, facteurs, color=["#c0392b", "#e67e22"])
    ax.axvline(1, color="#555", linestyle="--", linewidth=1)
    ax.text(1.3, -0.48, "référence : ×1", fontsize=8, color="#555")
    for barre, r in zip(barres, RAPIDITE):
        ax.text(barre.get_width() + 0.4, barre.get_y() + barre.get_height() / 2,
                f"×{r['facteur']}  ({r['source']})", va="center", fontsize=8)
    ax.set_xlim(0, 48)
    ax.invert_yaxis()
    ax.set_xlabel("Chances de qualifier le lead, en multiple de la réponse lente")
    ax.set_title("Rappeler vite un lead entrant (données américaines, leads en ligne)", fontsize=10)
    for cote in ("top", "right"):
        ax.spines[cote].set_visible(False)
    return Graphique(fig)


# ---------------------------------------------------------------------------------------
# Quizzes
# ---------------------------------------------------------------------------------------

CROYANCES = (
    vrai_faux(
        "«\u00a0Le phoning est mort\u00a0: plus aucun vendeur ne décroche son téléphone pour prospecter.\u00a0»", False,
        "Que moins de vendeurs appellent, c'est exact\u00a0; mais selon ce praticien, c'est justement pour cela "
        "qu'un appel se remarque, alors que les e-mails automatiques lassent les décideurs. Le téléphone marche au sein "
        "d'une stratégie multicanale (e-mail, LinkedIn, social selling)."),
    vrai_faux(
        "« On peut téléphoner de n'importe où, entre deux rendez-vous, dans le train… »", False,
        "Un appel demande de la concentration\u00a0: il faut un endroit calme et une connexion stable."),
    vrai_faux(
        "«\u00a0On peut appeler un prospect à froid, sans aucun contact préalable.\u00a0»", True,
        "Oui, on le peut, et l'auteur ne le déconseille pas en soi\u00a0; mais le taux d'échec est élevé. Il "
        "conseille d'appeler plutôt après quelques contacts préalables, par exemple deux e-mails et un "
        "message LinkedIn."),
    vrai_faux(
        "« Un bon vendeur récite son script mot pour mot. »", False,
        "Le script sert de base, pas de texte à lire\u00a0: l'écoute et l'authenticité comptent davantage."),
    vrai_faux(
        "« Il faut noter chaque objection entendue pour retravailler ses réponses ensuite. »", True,
        "C'est le conseil du praticien\u00a0: un journal des objections permet de préparer de meilleures "
        "réponses pour les appels suivants."),
    vrai_faux(
        "« Pour bien phoner, il faut s'isoler. »", False,
        "C'est compréhensible, mais appeler en équipe (sur un plateau) donne de l'énergie et une saine émulation."),
    vrai_faux(
        "« Les gens détestent qu'on les appelle. »", False,
        "Ils détestent les appels sans intérêt pour eux. Donnez un contexte (par exemple, l'entreprise "
        "vient de lever des fonds) et un prétexte (le cas d'un client comparable)."),
    vrai_faux(
        "« L'intelligence artificielle et l'e-mail vont remplacer le téléphone. »", False,
        "Ils aident à cibler et à préparer les appels, mais c'est la voix humaine qui crée la confiance\u00a0; "
        "on raccroche en quelques secondes face à un robot."),
    vrai_faux(
        "« Les meilleurs vendeurs n'ont pas besoin de prospecter au téléphone. »", False,
        "D'après l'auteur, les meilleurs bloquent encore une journée entière par semaine pour téléphoner."),
    vrai_faux(
        "« Avant le numérique, on achetait des fichiers d'entreprises et on essuyait un “non” neuf fois sur dix. »",
        True,
        "Fichiers achetés à la chambre de commerce, adresses e-mail génériques, barrage secrétaire\u00a0: "
        "la prospection d'autrefois essuyait surtout des refus. D'où l'intérêt d'appeler des contacts déjà "
        "rencontrés."),
)

QUESTIONS_APPELS = (
    Question(
        "Vous avez rencontré Mme Durand sur votre stand au salon il y a une semaine. Vous l'appelez\u00a0: "
        "de quel type d'appel s'agit-il\u00a0?",
        ("Un appel à froid", "Un appel à chaud (appel chaleureux)", "Un appel entrant"),
        1,
        "Il y a eu un contact préalable (le salon)\u00a0: c'est un appel à chaud, et ce contact sert de brise-glace.",
    ),
    Question(
        "Quel est, le plus souvent, le meilleur objectif d'un appel à chaud\u00a0?",
        ("Conclure la vente au téléphone", "Obtenir un rendez-vous ou une visio",
         "Lire toute la fiche produit"),
        1,
        "Inutile de tout vendre au téléphone\u00a0: l'appel sert surtout à décrocher un rendez-vous.",
    ),
    Question(
        "Que faut-il faire avant d'appeler\u00a0?",
        ("Relire la fiche du contact et fixer l'objectif de l'appel",
         "Se renseigner sur l'entreprise et ses décideurs",
         "Préparer un long argumentaire à réciter",
         "Cibler des prospects qui ressemblent à vos clients habituels"),
        {0, 1, 3},
        "On prépare la fiche, l'objectif, l'entreprise et ses décideurs, et on cible des prospects proches "
        "de ses clients types. Un texte à réciter nuit à l'écoute.",
        retours={2: "Un long texte récité empêche d'écouter\u00a0: le script n'est qu'une base."},
    ),
    Question(
        "Dans la méthode CRAC, que veut dire la dernière lettre\u00a0?",
        ("Conclure", "Contrôler", "Convaincre"),
        1,
        "Creuser, Reformuler, Argumenter, Contrôler\u00a0: on vérifie que l'objection est bien levée.",
    ),
    Question(
        "Le prospect dit\u00a0: « On a déjà un prestataire. » Quelle réaction est la meilleure\u00a0?",
        ("Expliquer que ce prestataire est moins bon que vous",
         "Demander quand son contrat se renouvelle",
         "Raccrocher poliment et rayer le contact"),
        1,
        "On ne critique jamais un concurrent. La date de renouvellement donne un horizon\u00a0: le contact "
        "devient souvent tiède, à relancer avant l'échéance.",
    ),
)


def quiz_croyances():
    """True/false quiz: ten statements about phoning, with an explanation after each answer."""
    from prospection.cours.quiz import quiz

    return quiz(CROYANCES, "Le phoning en dix affirmations — vrai ou faux\u00a0?")


def quiz_appels():
    """Self-check quiz of lesson 03."""
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS_APPELS, "Autoévaluation — les appels à chaud")


# ---------------------------------------------------------------------------------------
# The call plan
# ---------------------------------------------------------------------------------------

PLAN_APPEL = (
    ("Préparation", "Relire la fiche du contact, fixer l'objectif de l'appel (souvent : un rendez-vous)."),
    ("Ouverture", "Saluer, dire son nom et son entreprise, rappeler le contact précédent (salon, date, ce qui "
                  "s'est dit), demander si c'est un bon moment."),
    ("Découverte", "Poser des questions ouvertes, écouter, reformuler, qualifier le besoin et l'échéance "
                    "(par exemple avec la grille BANT\u00a0: budget, autorité, besoin, délai)."),
    ("Argumentation", "Caractéristique → avantage pour le client → preuve (un exemple, un chiffre, un client comparable)."),
    ("Objections", "Les traiter avec la méthode CRAC : creuser, reformuler, argumenter, contrôler."),
    ("Conclusion", "Proposer un rendez-vous avec deux créneaux au choix, récapituler ce qui est convenu."),
    ("Après l'appel", "Prendre congé poliment, puis mettre à jour le CRM tout de suite."),
)


def tableau_plan_appel():
    """The call plan, step by step, as an HTML table."""
    from IPython.display import HTML

    lignes = "".join(f"<tr><td>{rang}</td><td><b>{escape(etape)}</b></td><td>{escape(contenu)}</td></tr>"
                     for rang, (etape, contenu) in enumerate(PLAN_APPEL, start=1))
    return HTML(a_gauche("<table><tr><th></th><th>Étape</th><th>Ce qu'on y fait</th></tr>" + lignes + "</table>"))
