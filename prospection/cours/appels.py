"""Lesson 03 — warm calls: opener builder, opener rubric, objection log, speed-to-lead.

The logic (``construire_accroche``, ``evaluer_accroche``, ``JournalObjections``, the quiz
questions) imports no widget and is unit-tested; the view functions (``constructeur_accroche``,
``methode_crac``, ``journal_objections``, the quizzes) only show it. pandas and matplotlib
are imported lazily so that the lesson starts fast.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from prospection.cours.cycle import Graphique, a_gauche, escape
from prospection.cours.quiz import Question, vrai_faux

# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------


def _norm(texte: str) -> str:
    """Lower case, no accents, straight apostrophes, collapsed whitespace."""
    # « où » (where) must not read as « ou » (or) once accents are gone.
    texte = re.sub(r"(?i)\bo\u00f9\b", "oulieu", unicodedata.normalize("NFC", str(texte)))
    texte = unicodedata.normalize("NFKD", texte)
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    texte = texte.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    texte = texte.replace("\u202f", " ").replace("\u2011", "-").replace("\u2010", "-")
    return re.sub(r"\s+", " ", texte.lower()).strip()


def _cherche(motifs, texte_norm: str) -> str | None:
    """First regex of ``motifs`` found in the normalised text (the matched words)."""
    for motif in motifs:
        trouve = re.search(motif, texte_norm)
        if trouve:
            return trouve.group(0)
    return None


# ---------------------------------------------------------------------------------------
# Warm-call opener rubric
# ---------------------------------------------------------------------------------------

SALUTATIONS = (r"\bbonjour\b", r"\bbonsoir\b", r"\ballo\b", r"\bsalut\b", r"\bbonne journee\b")
IDENTITE = (
    r"\bje suis [a-z]",
    r"\bje m'appelle\b",
    r"\bmon nom est\b",
    r"\bici [a-z]",
    r"\bc'est [a-z]+ (de|d'|du|chez)\b",
    r"\b(moi-meme|moi c'est)\b",
    r"\ba l'appareil\b",
)
ENTREPRISE = (
    r"\b(de|pour) (la societe|l'entreprise|l'agence|la maison|la boutique|l'association|la marque)\b",
    r"\bchez [a-z]",
    r"\b(du cabinet|du magasin|du groupe)\b",
    r"\b(je travaille|je represente|j'appelle de la part de)\b",
)
CONTACT_PREALABLE = (
    r"\bsalon\b", r"\bstand\b", r"\bconference\b", r"\bwebinaire\b", r"\bwebinar\b",
    r"\blinkedin\b", r"\bforum\b", r"\bfoire\b", r"\bportes? ouvertes?\b",
    r"\brecommand\w*", r"\bde la part de\b", r"\bconseille de vous (appeler|contacter)\b",
    r"\b(nous|on) (nous )?(sommes|s'est|avons|a) (rencontre|croise|echange|parle|discute|vu)\w*",
    r"\bje vous ai (rencontre|croise|vu|ecrit|envoye|adresse)\w*",
    r"\bvous (m'|nous )?avez (rencontre|croise|parle|dit|confie|visite|telecharge|demande|rempli|"
    r"laisse|repondu|ecrit|indique|explique|ouvert|clique|participe|assiste)\w*",
    r"\bj'ai (eu le plaisir|rencontre|echange|discute|parle)\w*",
    r"\bsuite a (notre|votre|nos|vos|mon|ma|mes)\b",
    r"\bnotre (echange|rencontre|conversation|discussion|entretien) (de|d'|du|au|a|sur|lors)\b",
    r"\b(votre|vos) (visite|passage|demande|message|inscription|commentaire)\b",
    r"\b(e-?mail|mail|courriel|newsletter|brochure|catalogue) (que|qu'|envoye|recu)\w*",
    r"\blors (de|du)\b",
)
RENDEZ_VOUS = (
    r"\brendez-?vous\b", r"\brdv\b", r"\bvous rencontrer\b", r"\bnous rencontrer\b",
    r"\bse rencontrer\b", r"\bvisio\w*", r"\breunion\b", r"\bentretien\b",
    r"\b(passer|venir) vous voir\b", r"\bdemonstration\b", r"\bun cafe\b",
    r"\b(un|une) (echange|appel|point|rencontre) de \d+ ?(minutes|min|mn)\b",
    r"\b(un|une) (echange|appel|point|rencontre) de (dix|quinze|vingt|trente) minutes\b",
    r"\bprendre (un )?(moment|rendez-vous)\b",
    r"\b(se|nous|vous) voir\b", r"\bvous rendre visite\b", r"\bde vive voix\b",
    # « Seriez-vous disponible mardi ou jeudi ? » proposes a meeting once slots are offered.
    r"\bdisponibles?\b",
)
_JOURS = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres-demain)"
_MOIS = r"(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
CRENEAUX = (
    _JOURS,
    r"\d{1,2} ?h ?\d{0,2}\b",
    r"\d{1,2}:\d{2}\b",
    r"\d{1,2}(er)? " + _MOIS,
    r"(matin|matinee|apres-midi|soir|soiree|midi)\b",
    r"(debut|fin|milieu) (de )?(la )?semaine",
    r"semaine prochaine",
)
BON_MOMENT = (
    r"\bbon moment\b",
    r"\bmoment (opportun|propice)\b",
    r"\b(avez|auriez)-vous (un|une|deux|trois|quelques|cinq|2|3|5) (instant|minute|minutes|moment)s?\b",
    r"\bvous (avez|auriez) (un|une|deux|trois|quelques|cinq|2|3|5) (instant|minute|minutes|moment)s?\b",
    r"\b(disposez|disposeriez)-vous\b",
    r"\bje (ne )?vous derange\b",
    r"\bje tombe (bien|mal)\b",
    r"\bje ne tombe pas mal\b",
    r"\b(etes-vous|vous etes) disponible\b",
    r"\bm'accorder (un|une|deux|quelques|cinq)\b",
    r"\bme consacrer\b",
    r"\bpouvons-nous (en )?parler maintenant\b",
    r"\bpuis-je vous (parler|deranger|prendre)\b",
    r"\b(avez|auriez)-vous (le temps|un peu de temps)\b",
    r"\bvous (avez|auriez) (le temps|un peu de temps)\b",
)


def _choix_de_creneaux(texte_norm: str, portee: int = 45) -> bool:
    """True when two time slots are joined by « ou » (« mardi 10 h ou jeudi 15 h »)."""
    positions = sorted({(m.start(), m.end()) for motif in CRENEAUX
                        for m in re.finditer(r"\b" + motif, texte_norm)})
    for ou in re.finditer(r"\bou\b", texte_norm):
        avant = any(0 <= ou.start() - fin <= portee for _, fin in positions)
        apres = any(0 <= debut - ou.end() <= portee for debut, _ in positions)
        if avant and apres:
            return True
    return False


@dataclass(frozen=True)
class Critere:
    """One rubric criterion: its key, its French title, whether it is met, French feedback."""

    cle: str
    intitule: str
    ok: bool
    retour: str


@dataclass
class EvaluationAccroche:
    """Per-criterion result of :func:`evaluer_accroche`."""

    criteres: list[Critere] = field(default_factory=list)

    def __getitem__(self, cle: str) -> Critere:
        for critere in self.criteres:
            if critere.cle == cle:
                return critere
        raise KeyError(cle)

    @property
    def score(self) -> int:
        return sum(c.ok for c in self.criteres)

    @property
    def total(self) -> int:
        return len(self.criteres)

    @property
    def reussie(self) -> bool:
        return self.score == self.total

    def __str__(self) -> str:
        lignes = [f"{'✔' if c.ok else '✘'} {c.intitule} : {c.retour}" for c in self.criteres]
        lignes.append(f"Critères remplis : {self.score} / {self.total}.")
        return "\n".join(lignes)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        lignes = "".join(
            f"<tr><td>{'✔' if c.ok else '✘'}</td><td><b>{escape(c.intitule)}</b></td>"
            f"<td>{escape(c.retour)}</td></tr>"
            for c in self.criteres
        )
        return (a_gauche(f"<table>{lignes}</table>") + "<p><b>Critères remplis : "
                f"{self.score} / {self.total}.</b></p>")


INTITULES = {
    "presentation": "Salutation, identité et entreprise",
    "contact_prealable": "Rappel du contact précédent",
    "rendez_vous": "Proposition de rendez-vous avec deux créneaux au choix",
    "bon_moment": "Vérifier que c'est un bon moment",
}


def _mots(nom: str | None) -> list[str]:
    """The significant words of a name (accent-free, 3 letters or more)."""
    if not nom:
        return []
    return [m for m in re.findall(r"[a-z0-9][a-z0-9'-]+", _norm(nom)) if len(m) >= 3]


def _present(nom: str | None, texte_norm: str) -> bool:
    return any(re.search(r"\b" + re.escape(m) + r"\b", texte_norm) for m in _mots(nom))


def evaluer_accroche(texte, *, vendeur: str | None = None, entreprise: str | None = None,
                     contact_prealable: str | None = None) -> EvaluationAccroche:
    """Check a warm-call opener against the four criteria of the lesson.

    ``vendeur`` and ``entreprise`` (optional) are the names the opener must contain;
    ``contact_prealable`` (optional) describes the earlier contact (e.g. « Salon des sports
    de Lyon »): one of its words is then also accepted as a reminder of that contact.
    A text that is not a string gets French feedback on every criterion, never an exception.
    """
    if not isinstance(texte, str) or not texte.strip():
        forme = "vide" if isinstance(texte, str) else f"de type {type(texte).__name__}"
        retour = (f"L'accroche est {forme} : écrivez-la sous forme de texte entre guillemets, "
                  "par exemple accroche = \"Bonjour Madame …\".")
        return EvaluationAccroche([Critere(cle, titre, False, retour) for cle, titre in INTITULES.items()])
    t = _norm(texte)
    criteres = []

    # 1. Greeting, identity, company.
    manques = []
    if not _cherche(SALUTATIONS, t):
        manques.append("une salutation (« Bonjour … »)")
    identite = _present(vendeur, t) if vendeur else bool(_cherche(IDENTITE, t))
    if not identite:
        manques.append("votre identité (prénom et nom" + (f", ici « {vendeur} »" if vendeur else "") + ")")
    societe = _present(entreprise, t) if entreprise else bool(_cherche(ENTREPRISE, t))
    if not societe:
        manques.append("le nom de votre entreprise" + (f" (« {entreprise} »)" if entreprise else ""))
    if manques:
        retour = "Il manque " + ", ".join(manques) + " : l'interlocuteur doit savoir tout de suite qui l'appelle."
    else:
        retour = "Vous saluez, vous vous présentez et vous nommez votre entreprise."
    criteres.append(Critere("presentation", INTITULES["presentation"], not manques, retour))

    # 2. The earlier contact: the ice-breaker.
    rappel = _cherche(CONTACT_PREALABLE, t)
    if not rappel and contact_prealable:
        rappel = next((m for m in _mots(contact_prealable) if re.search(r"\b" + re.escape(m) + r"\b", t)
                       and m not in {"des", "les", "and", "the"}), None)
    if rappel:
        retour = f"Vous rappelez le contact précédent (« {rappel} ») : c'est lui qui brise la glace."
    else:
        retour = ("Rappelez le contact précédent (le salon, la date, ce qui s'est dit) : "
                  "c'est lui qui brise la glace et fait de cet appel un appel à chaud.")
    criteres.append(Critere("contact_prealable", INTITULES["contact_prealable"], bool(rappel), retour))

    # 3. A meeting, with a choice of slots.
    rdv = _cherche(RENDEZ_VOUS, t)
    choix = _choix_de_creneaux(t)
    if rdv and choix:
        retour = "Vous proposez un rendez-vous et laissez le choix entre deux créneaux."
    elif rdv:
        retour = ("Vous proposez un rendez-vous, mais sans choix de créneaux : proposez-en deux, "
                  "par exemple « mardi à 10\u00a0h ou jeudi à 15\u00a0h ».")
    else:
        retour = ("Proposez un rendez-vous (ou une visio) plutôt que de vendre au téléphone, avec "
                  "deux créneaux au choix, par exemple « mardi à 10\u00a0h ou jeudi à 15\u00a0h ».")
    criteres.append(Critere("rendez_vous", INTITULES["rendez_vous"], bool(rdv and choix), retour))

    # 4. Is it a good time?
    moment = _cherche(BON_MOMENT, t)
    if moment:
        retour = "Vous vérifiez que votre interlocuteur est disponible : vous respectez son temps."
    else:
        retour = ("Demandez si c'est un bon moment (« Est-ce que je vous appelle au bon moment ? ») : "
                  "vous montrez que vous respectez son temps.")
    criteres.append(Critere("bon_moment", INTITULES["bon_moment"], bool(moment), retour))
    return EvaluationAccroche(criteres)


# ---------------------------------------------------------------------------------------
# Opener builder
# ---------------------------------------------------------------------------------------

# Kind of earlier contact -> how the opener reminds it ({detail} is what the seller types).
CONTACTS_PREALABLES = {
    "salon": ("Rencontre sur un salon", "nous avons échangé {detail}"),
    "linkedin": ("Abonnement ou message sur LinkedIn", "j'ai vu que vous suiviez notre page LinkedIn {detail}"),
    "emailing": ("Réponse à un e-mailing", "vous avez répondu à notre e-mail {detail}"),
    "recommandation": ("Recommandation d'un client", "c'est {detail} qui m'a recommandé de vous appeler"),
    "webinaire": ("Participation à un webinaire", "vous avez participé à notre webinaire {detail}"),
}

EXEMPLES_DETAIL = {
    "salon": "au Salon des sports et loisirs de Lyon, le 14 mars, sur notre stand",
    "linkedin": "depuis le mois dernier",
    "emailing": "sur les tenues d'équipe, la semaine dernière",
    "recommandation": "Mme Roux, présidente du club de volley de Bron,",
    "webinaire": "sur l'équipement des clubs, jeudi dernier",
}

CONTEXTES = (
    "vous m'aviez parlé de nouveaux maillots pour la saison prochaine",
    "votre club vient d'ouvrir une section jeunes",
    "vous préparez le tournoi régional du printemps",
    "votre association vient d'obtenir une subvention de la ville",
)

PRETEXTES = (
    "un club voisin, de taille comparable, vient d'équiper ses trois équipes avec nous",
    "nous venons de publier un retour d'expérience d'un club comme le vôtre",
    "nous lançons une offre réservée aux associations sportives",
)


def construire_accroche(*, vendeur: str, entreprise: str, interlocuteur: str, contact: str,
                        detail: str, contexte: str = "", pretexte: str = "",
                        creneaux: tuple[str, str] = ("mardi à 10\u00a0h", "jeudi à 15\u00a0h")) -> str:
    """Assemble a warm-call opener following the call plan of the lesson.

    Greeting, identity and company; the earlier contact (``contact`` is a key of
    :data:`CONTACTS_PREALABLES`, ``detail`` where/when/who); is it a good time; the context
    and the pretext; a meeting with two slots to choose from.
    """
    if contact not in CONTACTS_PREALABLES:
        choix = ", ".join(f"«\u00a0{libelle}\u00a0»" for libelle, _ in CONTACTS_PREALABLES.values())
        raise ValueError(f"Contact précédent inconnu\u00a0: «\u00a0{contact}\u00a0». Choix possibles\u00a0: {choix}.")
    for nom, valeur in (("vendeur", vendeur), ("entreprise", entreprise), ("interlocuteur", interlocuteur)):
        if not str(valeur or "").strip():
            raise ValueError(f"Renseignez le champ « {nom} » : l'accroche ne peut pas s'en passer.")
    creneaux = tuple(c.strip() for c in creneaux if c and c.strip())
    if len(creneaux) != 2:
        raise ValueError("Proposez exactement deux créneaux au choix.")
    rappel = CONTACTS_PREALABLES[contact][1].format(detail=detail.strip()).strip()
    rappel = re.sub(r"\s+", " ", rappel).replace(" ,", ",")
    phrases = [
        f"Bonjour {interlocuteur.strip()}, je suis {vendeur.strip()}, de la société {entreprise.strip()}.",
        f"{rappel[0].upper()}{rappel[1:]}.",
        "Est-ce que je vous appelle au bon moment\u00a0?",
    ]
    if contexte.strip():
        phrases.append(f"Je vous appelle parce que {contexte.strip()}.")
    if pretexte.strip():
        phrases.append(f"Justement, {pretexte.strip()}.")
    phrases.append(
        "Plutôt que de tout vous expliquer au téléphone, je vous propose un rendez-vous de vingt "
        f"minutes pour en parler\u00a0: plutôt {creneaux[0]} ou {creneaux[1]}\u00a0?"
    )
    return " ".join(phrases)


def constructeur_accroche():
    """The opener builder widget: fields on the left, the opener and its rubric below."""
    import ipywidgets as widgets

    style = {"description_width": "150px"}
    large = {"width": "560px"}
    vendeur = widgets.Text(value="Camille Martin", description="Vous\u00a0:", style=style, layout=large)
    entreprise = widgets.Text(value="Sportéo", description="Votre entreprise\u00a0:", style=style, layout=large)
    interlocuteur = widgets.Text(value="Madame Durand", description="Interlocuteur\u00a0:", style=style, layout=large)
    contact = widgets.Dropdown(options=[(v[0], k) for k, v in CONTACTS_PREALABLES.items()],
                               value="salon", description="Contact précédent\u00a0:", style=style, layout=large)
    detail = widgets.Text(value=EXEMPLES_DETAIL["salon"], description="Où, quand, qui\u00a0:", style=style, layout=large)
    contexte = widgets.Combobox(value=CONTEXTES[0], options=CONTEXTES, description="Contexte\u00a0:",
                                ensure_option=False, style=style, layout=large)
    pretexte = widgets.Combobox(value=PRETEXTES[0], options=PRETEXTES, description="Prétexte\u00a0:",
                                ensure_option=False, style=style, layout=large)
    creneau1 = widgets.Text(value="mardi à 10\u00a0h", description="Créneau 1\u00a0:", style=style, layout=large)
    creneau2 = widgets.Text(value="jeudi à 15\u00a0h", description="Créneau 2\u00a0:", style=style, layout=large)
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
        evaluation = evaluer_accroche(texte, vendeur=vendeur.value, entreprise=entreprise.value)
        grille.value = evaluation._repr_html_()

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


class _PasEncoreFait:
    """Shown instead of the rubric when the learner has not written the opener yet."""

    message = ("Pas encore fait : la variable « accroche » n'existe pas encore. "
               "Écrivez votre accroche puis exécutez sa cellule.")

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return f"<p>⏳ {escape(self.message)}</p>"


def verifier_accroche(texte=None, **noms):
    """The rubric as something a notebook shows (HTML table in Jupyter).

    Without ``texte``, reads the variable ``accroche`` of the notebook that calls it, so the
    cell works (with a French message) before the learner has written anything.
    """
    if texte is None:
        import sys

        texte = sys._getframe(1).f_globals.get("accroche")
        if texte is None:
            return _PasEncoreFait()
    return evaluer_accroche(texte, **noms)


# ---------------------------------------------------------------------------------------
# Objections: CRAC method and an objection log
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Objection:
    libelle: str
    creuser: str
    reformuler: str
    argumenter: str
    controler: str


OBJECTIONS = {
    "pas_le_temps": Objection(
        "« Je n'ai pas le temps »",
        "« Je comprends. C'est plutôt cette semaine qui est chargée, ou la période en général\u00a0? »",
        "« Si je vous suis bien, ce n'est pas le bon moment pour en parler longuement. »",
        "Résumez en 20 à 30 secondes, ou proposez deux créneaux pour rappeler.",
        "« Je vous rappelle donc jeudi à 11\u00a0h, cela vous convient\u00a0? »",
    ),
    "documentation": Objection(
        "« Envoyez-moi une documentation »",
        "« Avec plaisir. Qu'est-ce qui vous intéresse le plus\u00a0: les maillots, les tarifs club\u00a0? »",
        "« Vous voulez d'abord voir nos tenues d'équipe et nos prix pour les associations. »",
        "Envoyez une documentation ciblée, pas le catalogue entier.",
        "« Je vous l'envoie aujourd'hui\u00a0; je peux vous rappeler mardi pour en parler\u00a0? »",
    ),
    "trop_cher": Objection(
        "« C'est trop cher »",
        "« Trop cher par rapport à quoi\u00a0: votre budget, une autre offre\u00a0? »",
        "« Si je comprends bien, votre budget de la saison est serré. »",
        "Parlez de la valeur (durée de vie, service) et du coût de ne rien faire.",
        "« Vu sous cet angle, l'écart vous paraît-il encore un frein\u00a0? »",
    ),
    "prestataire": Objection(
        "« On a déjà un prestataire »",
        "« Très bien. Qu'appréciez-vous chez lui\u00a0? Quand votre contrat se renouvelle-t-il\u00a0? »",
        "« Vous êtes satisfait et votre contrat court jusqu'en juin. »",
        "Ne critiquez jamais le concurrent\u00a0; proposez de comparer avant l'échéance.",
        "« Je vous recontacte en avril, avant le renouvellement\u00a0? »",
    ),
    "pas_interesse": Objection(
        "« Ça ne m'intéresse pas »",
        "« Je l'entends. Puis-je vous demander ce qui vous fait dire cela\u00a0? »",
        "« Aujourd'hui, l'équipement n'est pas un sujet pour votre club. »",
        "Acceptez la réponse\u00a0; notez la raison, elle servira à la prochaine campagne.",
        "« Je note de ne pas vous relancer avant la saison prochaine, d'accord\u00a0? »",
    ),
    "barrage": Objection(
        "Barrage secrétaire\u00a0: « Il est en réunion »",
        "« Quel serait le meilleur moment pour le joindre\u00a0? »",
        "« Il est très pris cette semaine, si je comprends bien. »",
        "Faites de l'assistant un allié\u00a0: soyez honnête sur le motif de votre appel.",
        "«\u00a0Je rappelle donc demain à 10\u00a0h\u00a030\u00a0; merci pour votre aide\u00a0!\u00a0»",
    ),
}

ETAPES_CRAC = (("creuser", "Creuser"), ("reformuler", "Reformuler"),
               ("argumenter", "Argumenter"), ("controler", "Contrôler"))


def fiche_crac(cle: str) -> str:
    """The four CRAC steps for one common objection, as HTML."""
    if cle not in OBJECTIONS:
        raise ValueError(f"Objection inconnue : « {cle} ».")
    objection = OBJECTIONS[cle]
    lignes = "".join(f"<tr><td><b>{titre}</b></td><td>{escape(getattr(objection, attr))}</td></tr>"
                     for attr, titre in ETAPES_CRAC)
    return f"<h4>{escape(objection.libelle)}</h4>" + a_gauche(f"<table>{lignes}</table>")


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


class JournalObjections:
    """A call session's objection log (kept for this session only, on purpose)."""

    COLONNES = ("objection", "formulation", "reponse", "resolue")

    def __init__(self):
        self.lignes: list[dict] = []

    def ajouter(self, objection: str, formulation: str = "", reponse: str = "", resolue: bool = False) -> dict:
        if objection not in OBJECTIONS:
            choix = ", ".join(f"« {c} »" for c in OBJECTIONS)
            raise ValueError(f"Catégorie d'objection inconnue : « {objection} ». Choix possibles : {choix}.")
        ligne = {"objection": objection, "formulation": str(formulation).strip(),
                 "reponse": str(reponse).strip(), "resolue": bool(resolue)}
        self.lignes.append(ligne)
        return ligne

    def tableau(self):
        import pandas as pd

        return pd.DataFrame(self.lignes, columns=list(self.COLONNES))

    def synthese(self):
        """Per category: how many times heard, and the share resolved (0–1), most frequent first."""
        import pandas as pd

        if not self.lignes:
            return pd.DataFrame({"nombre": pd.Series(dtype="int64"), "taux_resolution": pd.Series(dtype="float64")})
        table = self.tableau()
        groupes = table.groupby("objection")["resolue"]
        resume = pd.DataFrame({"nombre": groupes.size(), "taux_resolution": groupes.mean().astype(float)})
        return resume.sort_values(["nombre", "taux_resolution"], ascending=[False, True])

    def a_retravailler(self) -> str | None:
        """The objection with the lowest resolution rate (ties: the most frequent)."""
        resume = self.synthese()
        if resume.empty:
            return None
        return str(resume.sort_values(["taux_resolution", "nombre"], ascending=[True, False]).index[0])


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
