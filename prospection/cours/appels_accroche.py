"""Lesson 03 — the warm-call opener: the builder's logic and a practice checklist.

Plain Python, no widget import: unit-tested, and used by the lesson's builder
(``prospection.cours.appels.constructeur_accroche``). The checklist (``reperes_accroche``) says
which elements of an opener it sees (greeting, name, company, reason, question); it gives no
mark. Exercise 03's grading rubric is teacher-side (``grader.exercices.bareme_accroche``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prospection.cours.cycle import a_gauche, escape
from prospection.texte.francais import fold

# ---------------------------------------------------------------------------------------
# Practice checklist (not the exercise's grading rubric, which is teacher-side)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repere:
    """One element of an opener: its key, its French title, the words seen (or None), a tip."""

    cle: str
    intitule: str
    vu: str | None
    conseil: str


# (key, title, regexes on the folded text — lower case, no accents —, tip when nothing is seen)
REPERES = (
    ("salutation", "Une salutation", (r"\bbonjour\b", r"\bbonsoir\b", r"\ballo\b"),
     "Commencez par saluer votre interlocuteur («\u00a0Bonjour Monsieur…\u00a0»)."),
    ("nom", "Votre nom", (r"\bje\s+suis\s+[a-z]+(\s+[a-z]+)?", r"\bje\s+m'appelle\s+[a-z]+(\s+[a-z]+)?",
                          r"\bmon\s+nom\s+est\s+[a-z]+"),
     "Dites qui vous êtes («\u00a0je suis…\u00a0», «\u00a0je m'appelle…\u00a0»)."),
    ("entreprise", "Votre entreprise", (r"\b(de|chez)\s+(la\s+societe|l'entreprise|l'agence)\s+[a-z]+",
                                        r"\bchez\s+[a-z]+"),
     "Nommez votre entreprise («\u00a0de la société…\u00a0»)."),
    ("raison", "La raison de l'appel", (r"\bje\s+vous\s+appelle\s+(parce\s+que|car|pour|au\s+sujet)\b",
                                        r"\bparce\s+que\b", r"\bau\s+sujet\s+de\b", r"\bjustement\b"),
     "Dites pourquoi vous appelez maintenant («\u00a0je vous appelle parce que…\u00a0»)."),
    ("question", "Une question à votre interlocuteur", (r"\?", r"\best-ce\s+que\b"),
     "Posez au moins une question\u00a0: un appel est un échange, pas un monologue."),
)


@dataclass
class ReperesAccroche:
    """What the checklist sees in an opener, element by element (practice feedback, no mark)."""

    reperes: list[Repere] = field(default_factory=list)

    def __getitem__(self, cle: str) -> Repere:
        for repere in self.reperes:
            if repere.cle == cle:
                return repere
        raise KeyError(cle)

    def __str__(self) -> str:
        lignes = [f"{'✔' if r.vu else '·'} {r.intitule}\u00a0: "
                  + (f"repéré («\u00a0{r.vu}\u00a0»)." if r.vu else f"pas repéré. {r.conseil}")
                  for r in self.reperes]
        lignes.append(AVERTISSEMENT)
        return "\n".join(lignes)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        lignes = "".join(
            f"<tr><td>{'✔' if r.vu else '·'}</td><td><b>{escape(r.intitule)}</b></td><td>"
            + (f"repéré («\u00a0{escape(r.vu)}\u00a0»)" if r.vu else f"pas repéré. {escape(r.conseil)}")
            + "</td></tr>"
            for r in self.reperes
        )
        return a_gauche(f"<table>{lignes}</table>") + f"<p><i>{escape(AVERTISSEMENT)}</i></p>"


AVERTISSEMENT = ("Cette liste repère seulement des éléments de l'ouverture\u00a0; elle ne note pas "
                 "l'accroche. Relisez-la avec le plan d'appel\u00a0: contact précédent, bon moment, rendez-vous.")


def reperes_accroche(texte) -> ReperesAccroche:
    """The elements an opener shows: greeting, name, company, reason for calling, a question.

    Practice feedback for the lesson's builder: it says what it sees, with the words it saw,
    and gives no mark. A text that is not a string gets a French tip on every element.
    """
    if not isinstance(texte, str) or not texte.strip():
        forme = "vide" if isinstance(texte, str) else f"de type {type(texte).__name__}"
        conseil = (f"L'accroche est {forme}\u00a0: écrivez-la sous forme de texte entre guillemets, "
                   "par exemple accroche = \"Bonjour Madame…\".")
        return ReperesAccroche([Repere(cle, titre, None, conseil) for cle, titre, _, _ in REPERES])
    plat = fold(texte)  # same length as the text: what is seen is quoted as written
    reperes = []
    for cle, titre, motifs, conseil in REPERES:
        vu = next((texte[m.start():m.end()] for motif in motifs for m in [re.search(motif, plat)] if m), None)
        reperes.append(Repere(cle, titre, vu, conseil))
    return ReperesAccroche(reperes)


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
    "salon": "au Forum des associations de Rennes, le 5 septembre, sur notre stand",
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


class _PasEncoreFait:
    """Shown instead of the checklist when the learner has not written the opener yet."""

    message = ("Pas encore fait\u00a0: la variable «\u00a0accroche\u00a0» n'existe pas encore. "
               "Écrivez votre accroche puis exécutez sa cellule.")

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return f"<p>⏳ {escape(self.message)}</p>"


def verifier_accroche(texte=None):
    """The checklist as something a notebook shows (HTML table in Jupyter).

    Without ``texte``, reads the variable ``accroche`` of the notebook that calls it, so the
    cell works (with a French message) before the learner has written anything.
    """
    if texte is None:
        import sys

        texte = sys._getframe(1).f_globals.get("accroche")
        if texte is None:
            return _PasEncoreFait()
    return reperes_accroche(texte)
