"""Exercise 03 Q2 — the grading rubric of the warm-call opener (teacher-side only).

Four criteria, one point each (``ex_03_appels`` adds one for the length): greeting, identity and
company (the seller's and company's names from the key); a reminder of the earlier contact; a
check that it is a good moment; a meeting with a choice of two slots. The learner part has no
copy of it: the lesson's builder shows a checklist of what it sees (greeting, name, company,
reason, question, ``prospection.cours.appels_accroche.reperes_accroche``), never these points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prospection.texte.francais import flatten


def _cherche(motifs, texte_norm: str) -> str | None:
    """First regex of ``motifs`` found in the flattened text (the matched words)."""
    for motif in motifs:
        trouve = re.search(motif, texte_norm)
        if trouve:
            return trouve.group(0)
    return None


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
    return [m for m in re.findall(r"[a-z0-9][a-z0-9'-]+", flatten(nom)) if len(m) >= 3]


def _present(nom: str | None, texte_norm: str) -> bool:
    return any(re.search(r"\b" + re.escape(m) + r"\b", texte_norm) for m in _mots(nom))


def evaluer_accroche(texte, *, vendeur: str | None = None, entreprise: str | None = None,
                     contact_prealable: str | None = None) -> EvaluationAccroche:
    """Check a warm-call opener against the four criteria of exercise 03 Q2.

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
    t = flatten(texte)
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
