"""The rubric: one evidence point and one action point per contact, with a confidence.

evidence (0/1)
    the justification states what decides the correct class, as the notes give it: the
    absence of interest (froid), or the interest *and* the timing (tiède: beyond three months
    of the salon; chaud: within three months, or urgent), and nothing the notes contradict.
    A wrong class, several classes at once, interest both stated and denied, or a timing on
    the wrong side of three months loses the point.
action (0/1)
    the learner's own follow-up fits the correct class: froid → keep the record, send
    documentation or an invitation, recontact at a later campaign; tiède → follow up later, as
    the deadline approaches, to get a meeting; chaud → call back first and fast, quote or
    meeting before a competitor. Plans that pull both ways (« tout de suite » and « plus
    tard ») lose the point.

Refused patterns (``gaming``): no evidence point for a keyword list, the notes pasted without
reasoning, another contact's facts, a decisive fact absent from the notes, a text not in French;
no action point for a keyword list, a text not in French or a plan that contradicts itself.
Their codes are in ``Score.motifs`` (for the teacher's review list, never for the learner).

A contact the key leaves open between two classes (``accepted``, the key's
``classes_acceptees``) is graded against the class the learner chose among them.

Each point carries a confidence; below ``REVIEW_BELOW`` the case is flagged ``a_revoir`` for
the teacher. Feedback is one short French sentence per missing point, in « vous », and never
names a class.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from datetime import date, timedelta

from prospection.texte.francais import fold

from . import lexicon as L
from .analysis import NO_PROJECT, Analysis, analyse, dates_not_in_notes, interest_objects, note_words
from .gaming import (Pattern, _thing, anothers_words, blank, detect, known_text, lacked_things, pasted_spans,
                     plan_of_another, things_named)

__all__ = ["Score", "Hints", "score", "file_contacts", "hints", "normalise_class", "parse_date", "REVIEW_BELOW",
           "CLASSES", "REFUSED_PATTERNS"]

CLASSES = ("froid", "tiède", "chaud")
REVIEW_BELOW = 0.6
REUSED_NOTE_WORDS = 3
NBSP = "\u00a0"


def normalise_class(value) -> str | None:
    """« Tiede », « tiède », « TIÈDE » → « tiède »; anything else → None."""
    if value is None:
        return None
    text = str(value).strip().lower().replace("è", "e").replace("é", "e")
    return {"froid": "froid", "tiede": "tiède", "chaud": "chaud"}.get(text)


def parse_date(value) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


# --- feedback (never names a class) ------------------------------------------------------
FB = {
    "empty": f"Aucune justification{NBSP}: expliquez votre choix en citant les notes du contact.",
    "class_wrong": (f"Votre conclusion ne correspond pas à ce que disent les notes{NBSP}: relisez d'abord "
                    "ce qu'elles disent de l'intérêt du contact, puis de l'échéance éventuelle de "
                    "son projet."),
    "no_class": ("Indiquez la qualification que vous retenez pour ce contact, puis justifiez-la en "
                 "citant les notes."),
    "stuffing": (f"Votre justification mêle plusieurs qualifications{NBSP}: choisissez-en une seule et "
                 "appuyez-la sur les notes."),
    "contradiction": (f"Une affirmation de votre justification va contre les notes (intérêt ou "
                      f"échéance){NBSP}: vérifiez-la."),
    "need_interest": (f"Dites ce que les notes révèlent de l'intérêt du contact pour l'offre, en "
                      "citant ses mots."),
    "need_timing": f"Précisez l'échéance du projet telle que les notes la donnent (date, délai, saison).",
    "no_action": f"Indiquez la suite que vous donnez à ce contact{NBSP}: quelle action, et quand{NBSP}?",
    "mixed_action": (f"Vos actions se contredisent (tout de suite et plus tard){NBSP}: proposez une "
                     "seule suite cohérente."),
    "wrong_action": (f"L'action prévue ne correspond pas à la situation du contact{NBSP}: "
                     "demandez-vous quelle suite ses notes justifient, et à quel moment."),
    "plan_of_another": (f"Votre suite vise une personne ou un événement que les notes de ce contact ne "
                        f"mentionnent pas{NBSP}: prévoyez l'action pour lui."),
    "vague_action": (f"Votre action reste vague{NBSP}: précisez quand vous reprenez contact et dans "
                     "quel but."),
    # refused patterns (see ``gaming``)
    "not_french": (f"Votre justification n'est pas rédigée en français{NBSP}: réécrivez-la en français, "
                   "avec vos propres mots."),
    "keywords": (f"Une liste de mots-clés ne justifie rien{NBSP}: rédigez des phrases qui relient les "
                 "faits des notes de ce contact à votre qualification et à la suite prévue."),
    "pasted": (f"Vous avez recopié les notes sans les commenter{NBSP}: retenez les faits qui décident "
               "et expliquez avec vos mots ce qu'ils disent de l'intérêt du contact et de son échéance."),
    "other_contact": ("Des éléments que vous citez ({detail}) ne figurent pas dans les notes de ce "
                      f"contact{NBSP}: vérifiez que votre justification porte bien sur lui."),
    "absent_fact": (f"Vous avancez un fait que les notes ne donnent pas (« {{detail}} »){NBSP}: "
                    "appuyez-vous seulement sur ce qu'elles disent."),
}
# Refusals that the teacher sees in the review list (never in a learner's feedback).
REFUSED_PATTERNS = ("not_french", "keywords", "pasted", "other_contact", "absent_fact",
                    "contradiction")


@dataclass(frozen=True)
class Score:
    """Points for one justification (evidence and action are 0 or 1)."""

    evidence: int
    action: int
    confidence: float
    feedback: str
    a_revoir: bool = False
    evidence_confidence: float = 1.0
    action_confidence: float = 1.0
    reasons: tuple[str, ...] = field(default=(), compare=False)
    # Refused patterns found (codes of ``REFUSED_PATTERNS``), for the teacher's review list.
    motifs: tuple[str, ...] = field(default=(), compare=False)
    # One sentence per missing point, in « vous », never naming a class (evidence first).
    messages: tuple[str, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict:
        return {"evidence": self.evidence, "action": self.action,
                "confidence": self.confidence, "feedback": self.feedback,
                "a_revoir": self.a_revoir, "evidence_confidence": self.evidence_confidence,
                "action_confidence": self.action_confidence, "motifs": list(self.motifs)}


@dataclass(frozen=True)
class Hints:
    """Which criteria a draft covers, for live hints (no answer key involved).

    ``timing`` is None when the learner's own class does not need a timing (froid).
    """

    interest: bool
    timing: bool | None
    action: bool
    messages: tuple[str, ...] = ()


# --- evidence -----------------------------------------------------------------------------
# Statements of no interest that leave no doubt (a cold contact's evidence even beside a word
# of interest: « seul le secrétaire est intéressé ; le bureau a refusé : pas de projet »), as
# opposed to weaker signs (« satisfait de son prestataire », « a acheté ailleurs »).
_PLAIN_NO = ("pas interes", "pas d interet", "aucun interet", "aucun besoin", "pas de besoin",
             "pas besoin", "besoin de rien", "aucun projet", "pas de projet", "aucun achat",
             "pas d achat", "aucune envie", "aucune intention", "pas d intention",
             "achet", "command",  # (« ne nous achètera rien »: a denied purchase verb)
             "ne fait pas", "n en prevoi", "ne cherche rien", "cherche rien", "ne prevoi",
             "manque de rien", "ne manque", "ne lui manqu",  # (« ne prevoit aucun »)
             "rien a faire", "ni projet", "ni besoin",
             "rien dans notre gamme", "rien dans nos gammes", "pas dans notre gamme", "hors de notre gamme", "hors gamme",
             "ne nous concern", "ca ne nous concern",
             # what we sell is of no use to them, or they make it themselves
             "sert a rien", "servent a rien", "servirai", "aucune utilite", "pas d utilite", "aucune idee d",
             "fabriqu", "font leur", "font tout", "fait ses", "fait tout",
             "ne veut pas", "ne veulent pas", "ne voit pas l", "ne voient pas l")


_PROJECT_NOT_YET = NO_PROJECT + ("sans projet", "rien ne se fera", "rien de decide", "rien n est decide")


def _project_not_yet(phrase: str) -> bool:
    """No project yet (« ni projet », « rien n'est prévu », a « projet » denied: « même sans
    projet »), not a refusal of the offer."""
    folded = fold(phrase).replace("'", " ").strip()
    return folded.startswith(_PROJECT_NOT_YET) or folded in ("projet", "projets")


def _purchase_not_yet(phrase: str) -> bool:
    """A denied purchase or order (« pas de commande », « aucun achat », « commander »), not a
    denied interest or need."""
    words = fold(phrase).replace("'", " ").split()
    # (« ne demande pas de devis » yet: no order asked for now)
    return bool(words) and all(w in ("pas", "aucun", "aucune", "de", "d", "ne", "n", "rien", "plus", "demande", "devis")
                               or w.startswith(("achat", "achet", "command")) for w in words) \
        and any(w.startswith(("achat", "achet", "command", "devis")) for w in words)


def _plainly_no(phrases: list[str]) -> bool:
    return any(fold(p).replace("'", " ").startswith(_PLAIN_NO) for p in phrases)


# the contact plainly interested, or wanting goods (« est intéressée », « veut des tee-shirts »)
_WANTS_OUR_GOODS_RE = re.compile(
    r"\b(?:est|sont|etait|etaient|reste|restent|toujours|tres)\s+(?:tres\s+|vraiment\s+)?interess"
    r"|\b(?:veu\w*|voul\w*|souhait\w*|aimer\w*|envie|besoin|interess\w*)\s+(?:\w+\s+){0,3}?(?:"
    + "|".join(L.GOODS) + ")")


# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_CHOSEN_RE = re.compile(r"je(?<!\w.{2})\s+(?:dirais|dis|mets|mettrais|choisis|retiens|garde|penche\s+pour|classe|qualifie)"
                        r"\s+(?:donc\s+|plutot\s+|en\s+|pour\s+)*(froid|tiede|chaud)")
_IN_BRACKETS_RE = re.compile(r"\([^()]*\)")
# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_CLASS_NAMED_RE = re.compile(r"(f(?<!\w.)roid|t(?<!\w.)iede|c(?<!\w.)haud)e?s?\b")


def _one_side_kept(folded: str, qualification: str) -> bool:
    """Whether a text naming both sides of an open line keeps one, ``qualification``: the other
    named only in brackets (« tiède (voire chaud) »), or the choice said (« je mets tiède »)."""
    if any(m.group(1) == fold(qualification) for m in _CHOSEN_RE.finditer(folded)):
        return True
    outside = _IN_BRACKETS_RE.sub(" ", folded)
    return not [w for w in _CLASS_NAMED_RE.findall(outside) if w != fold(qualification)]


_GRANTED_BEFORE = re.compile(r"\b(?:meme\s+si|meme\s+s'|bien\s+que|bien\s+qu'|malgre)\b[^.;:!?]*$")


def _said_last(text: str, last: list[str], first: list[str]) -> bool:
    """Whether the last of the phrases ``last`` ends after every phrase of ``first`` in ``text``
    (a phrase of ``first`` granted in passing, « même si nos mugs lui ont plu », is set aside)."""
    def end(phrases, granted_too=True):  # (whole words: « acheter » is not the end of « racheter »)
        return max((m.end() for p in phrases for m in re.finditer(r"(?<!\w)" + re.escape(p) + r"(?!\w)", text)
                    if granted_too or not _GRANTED_BEFORE.search(fold(text[max(0, m.start() - 60) : m.start()]))),
                   default=-1)
    return end(last) > end(first, granted_too=False)


_PLAIN_YES = ("interes", "interres", "besoin", "envie", "veu", "voul", "souhait", "projet", "motiv")


def _plainly_yes(words: list[str]) -> bool:
    return any(fold(w).startswith(_PLAIN_YES) for w in words)


# « ce n'est pas urgent », « c'est donc très urgent »: the learner states the contact's pace
# outright — against a date on the other side, a contradiction, not a slip of the pen
_PACE_STATED_RE = re.compile(r"(?:\bc\s*est|\bce\s+n\s*est)\s+(?:donc\s+|vraiment\s+|tres\s+|pas\s+|si\s+)*$"
                             # « je pense que rien ne presse »: the learner's own view of the pace
                             r"|\b(?:je\s+pense|je\s+trouve|je\s+crois|j\s*estime|je\s+considere)\s+qu\w*\s*$")


# « comme elle n'est pas pressée, … », « vu qu'il n'y a aucune urgence, … »: a pace the learner
# reasons from
_PACE_REASONED_RE = re.compile(r"\b(?:comme|vu qu|vu que|puisqu|puisque)\b[^.;:!?]{0,30}$")


def _asserted_pace(a: Analysis, claim) -> bool:
    """(A pace reasoned from after a plan already made — « rappel en priorité lundi. Mais comme
    rien ne presse, je la relancerai en janvier » — is the plan contradicting itself: the action
    point's business, not the facts'.)"""
    text = a.text
    if _PACE_STATED_RE.search(fold(text[max(0, claim.start - 20) : claim.start]).replace("'", " ")):
        return True
    return bool(_PACE_REASONED_RE.search(fold(text[max(0, claim.start - 40) : claim.start]).replace("'", " "))) \
        and not any(x.start < claim.start for x in a.actions)


def _evidence(a: Analysis, reference: str, qualification: str | None,
              notes_dates: tuple[str, ...] = (), need: bool = False,
              open_claims: frozenset[int] = frozenset(),
              open_pair: frozenset[str] = frozenset()) -> tuple[int, float, str]:
    """``notes_dates``: on a contact the key leaves open between two classes, the dates of the
    notes that straddle the line; the learner's argument decides which side they fall on.
    ``need``: the text says the contact lacks goods the notes say it lacks (« pas de
    maillots » for a new team with « aucun maillot »): the need is stated.
    ``open_claims``: on such a contact, the starts of the text's timing claims that restate the
    notes' straddling date in other words (« début de l'été » for « le 20 juin ») or weigh the
    line itself (« à un peu plus de trois mois »).
    ``open_pair``: the two classes of such a contact, when the learner chose one of them."""
    if a.n_words == 0:
        return 0, 0.95, "empty"
    if qualification is not None and qualification != reference:
        return 0, 0.95, "class_wrong"
    if len(set(a.classes)) > 1 and (
            set(a.declared) == {qualification} and a.n_words >= 40
            # a long argued answer that weighs the classes and declares one: that one stands
            or qualification in a.classes and set(a.classes) <= open_pair and _one_side_kept(fold(a.text), qualification)):
        # (« tiède (voire chaud) » on a contact the key leaves open between the two: the learner
        # names the line and keeps one side, the one chosen — no stuffing)
        a = _replace(a, classes=[qualification], hedged_classes=a.hedged_classes + [c for c in a.classes
                                                                                    if c != qualification])
    others = {c for c in a.classes if c != reference}
    if len(set(a.classes)) > 1:
        return 0, 0.9, "stuffing"
    if others:
        return 0, 0.85, "class_wrong"
    kinds = a.timing_kinds()
    open_dates = [c for c in a.timing if notes_dates and _open_date(c.text, notes_dates)
                  or c.start in open_claims]
    considered = list(a.timing)
    if reference != "froid":
        want = "moyen_long" if reference == "tiède" else "court"
        if any(c.kind == want and not c.secondary for c in a.timing):
            # a vote or a meeting on the other side of the line does not undo the project's date
            considered = [c for c in a.timing if not (c.secondary and c.kind != want)]
            kinds = {c.kind for c in considered}
    if open_dates:
        kinds = {c.kind for c in considered if c not in open_dates}
    if reference == "froid":
        if a.interest and len(a.liking) == len(a.interest) and (a.disinterest or a.not_soon or a.no_budget):
            return 1, 0.75, ""  # « aime nos sacs mais aucun projet »: taste is not a need
        if a.interest and _plainly_no(a.disinterest + a.not_soon) and not _plainly_yes(a.interest):
            # « les licenciées achètent leurs tenues elles-mêmes ; le club n'est pas intéressé »:
            # the conclusion is stated outright; the other word (a purchase, a grant, a search)
            # is not the contact's interest in the offer. « Intéressé mais aucun projet » stays
            # a contradiction.
            return 1, 0.7, ""
        if a.interest and (a.disinterest or a.not_soon) and "court" not in kinds \
                and not _WANTS_OUR_GOODS_RE.search(fold(a.text).replace("-", "")) \
                and _said_last(a.text, a.disinterest + a.not_soon + a.no_budget, a.interest):
            # « le besoin existe, mais il est déjà couvert », « ils voulaient surtout tenter le
            # concours ; le club n'a aucune idée d'achat »: the text's last word on interest is a no.
            # (« il est intéressé mais… », « il veut des polos mais… » stay contradictions.)
            return 1, 0.7, ""
        if a.interest:
            return 0, 0.8 if a.disinterest else 0.85, "contradiction" if a.disinterest else "need_interest"
        if a.disinterest:
            return 1, 0.9, ""
        if a.not_soon:
            return 1, 0.75, ""
        if a.no_budget:
            return 1, 0.7, ""
        if a.interest_later and not [c for c in a.timing if c.text not in a.interest_later]:
            # « aucune raison d'acheter chez nous maintenant »: not now, and nothing said of
            # later — the cold contact's definition
            return 1, 0.7, ""
        if a.interest_later:
            return 0, 0.7, "contradiction"
        return 0, 0.8 if not a.past_interest else 0.7, "need_interest"
    # tiède / chaud: interest and timing
    want, against = ("moyen_long", "court") if reference == "tiède" else ("court", "moyen_long")
    denied = list(a.disinterest)
    for phrase in a.then_interest:  # « pas de projet en arrivant, mais … des maillots »
        if phrase in denied:
            denied.remove(phrase)
    not_yet = []
    if reference == "tiède":
        for phrase in a.no_project_yet:  # « elle aime les gourdes, mais rien de prévu »
            if phrase in denied:
                denied.remove(phrase)
                not_yet.append(phrase)
        if denied and (a.has_interest or a.interest_objects) and "court" not in a.timing_kinds() and all(
                _purchase_not_yet(p) and "moyen_long" in a.timing_kinds() or _project_not_yet(p) for p in denied):
            # « intéressée … mais pas de commande avant la rentrée 2027 »: the purchase is put off;
            # « il aime les mugs, mais il n'a ni projet ni budget »: nothing planned yet — which is
            # what a lukewarm contact is, no refusal
            not_yet += denied
            denied = []
    if denied:
        return 0, 0.8, "contradiction"
    interest = a.has_interest or bool(a.interest_objects) or need
    if against in kinds and want in kinds:
        # A calendar date outweighs a vague word or an unlabelled season on the other side.
        pro = [c for c in a.timing if c.kind == want]
        con = [c for c in a.timing if c.kind == against]
        if any(c.explicit for c in pro) and not any(c.explicit or _asserted_pace(a, c) for c in con):
            kinds = kinds - {against}
            timing_doubt = True
        else:
            return 0, 0.65, "contradiction"
    else:
        timing_doubt = False
    if against in kinds:
        return 0, 0.8, "contradiction"
    if not interest:
        return 0, 0.75 if want in kinds else 0.85, "need_interest"
    conf = 0.9 if a.has_interest else 0.75 if need else 0.65
    if a.hedged_classes:  # a class weighed and set aside: fine, but worth a look if doubtful
        conf = min(conf, 0.75)
    if timing_doubt:
        conf = min(conf, 0.7)
    if want in kinds:
        best = max(c.confidence for c in a.timing if c.kind == want)
        if best < 0.6:
            conf = min(conf, 0.65)
        return 1, conf, ""
    if reference == "tiède" and (a.not_soon or not_yet) and not kinds:
        return 1, 0.7, ""  # « intéressé, mais pas de projet ferme »: interest, nothing soon
    if "ambigu" in kinds:
        return 1, 0.55, ""
    if open_dates:
        return 1, 0.75, ""
    return 0, 0.85, "need_timing"


# --- action -------------------------------------------------------------------------------
def _action(a: Analysis, reference: str) -> tuple[int, float, str]:
    urgent, later = a.urgent_actions(), a.later_actions()
    followups, keep = a.followups(), a.keep_in_touch()
    if not a.actions:
        if a.unknown_instructions:
            return 0, 0.5, "no_action"
        return 0, 0.85 if not a.requests else 0.6, "no_action"
    if reference == "chaud":
        if urgent and not later:
            return 1, 0.9, ""
        if urgent and later:
            return 0, 0.8, "mixed_action"
        bare = [x for x in followups + a.actions if x.timing == "" and x.kind in ("call", "meeting", "quote")]
        if bare and not later:
            return 0, 0.6, "vague_action"  # « je lui enverrai le devis »: when? speed is the point
        return 0, 0.85, "wrong_action"
    if reference == "tiède":
        if urgent:
            return 0, 0.85 if not followups or all(x.timing == "urgent" for x in followups) else 0.75, \
                "mixed_action" if later else "wrong_action"
        calls = [x for x in followups if x.kind == "call"]
        dated = [x for x in followups if x.timing == "later"]
        if dated or calls:
            campaign_only = all(x.kind == "campaign" for x in later) and not dated and not calls
            if campaign_only:
                return 0, 0.7, "wrong_action"
            return 1, 0.9 if dated else 0.75, ""
        if followups:  # a meeting with no date
            return 1, 0.55, ""
        return 0, 0.8, "wrong_action"
    # froid
    if urgent:
        return 0, 0.85, "mixed_action" if (keep or later) else "wrong_action"
    if a.meetings():  # seeking a meeting with a contact who wants nothing
        return 0, 0.7, "wrong_action"
    if keep:
        return 1, 0.9, ""
    if later:  # « relancer dans six mois »: a follow-up, not keeping the contact on file
        return 0, 0.65, "wrong_action"
    return 0, 0.7, "vague_action"


def _message(code: str, detail: str = "") -> str:
    return FB[code].replace("{detail}", detail)


@contextmanager
def batch():
    """Around the scoring of many justifications in a row (a class, a file, a benchmark).

    Python's cyclic garbage collector walks every long-lived object at each full collection:
    the lexicons, compiled phrases and caches of the scorer, and whatever the caller holds. A
    run of justifications allocates enough to set off such a collection about twice per
    thousand, at some tens of milliseconds each. Inside ``batch()`` the objects that existed
    before it are set aside (``gc.freeze``) and handed back at the end (``gc.unfreeze``).

    The collector is also paused inside the batch (``gc.disable``, ``gc.enable`` at the end):
    its young collections still walked every object the scorer's caches keep (some 3 % of the
    time), and scoring leaves no cyclic garbage for it to find (none in 2,000 labelled
    justifications; everything else is freed as soon as it is dropped). What the batch keeps
    is set aside with the rest before the collector runs again, and handed back with it to
    the oldest generation: whatever cyclic garbage the caller's own code leaves inside the
    batch is found by the next full collection.
    Nothing is done when the collector is off; someone else's freeze is left as it is (the
    freeze is theirs to undo).
    """
    if not gc.isenabled():
        yield
        return
    freeze = not gc.get_freeze_count()
    if freeze:
        gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            # (what the batch keeps, its caches' new entries, joins the objects set aside: once
            # the collector runs again its first young collection has nothing of it to walk)
            gc.freeze()
        gc.enable()
        if freeze:
            gc.unfreeze()


def file_contacts(rows: Iterable[Mapping]) -> tuple[str, ...]:
    """What a file says of each of its contacts (``gaming.known_text``: the notes, and the name),
    once each, from rows with « observations » and, when known, « organisation »: the ``others``
    of ``score`` for every justification of that file."""
    return tuple(dict.fromkeys(
        known_text(r.get("observations") or "", o if isinstance(o := r.get("organisation"), str) else "")
        for r in rows if r.get("observations")))


def score(observations: str, date_salon, reference: str, qualification, justification: str,
          *, lemmatize=None, accepted=None, organisation: str | None = None,
          others: Sequence[str] = ()) -> Score:
    """Grade one justification against the correct class ``reference``.

    ``accepted``: the classes the key accepts for a contact it leaves open between two
    (``classes_acceptees``); a learner who chose one of them is graded against that one.
    ``organisation``: the contact's name, which a justification may give though the notes do
    not (« le moulin de Crézancy est froid »): never taken for another contact's fact.
    ``others``: what the file says of each of its contacts (``gaming.known_text``, this one's
    may be among them): a justification naming one other contact's facts rather than this
    one's is that contact's (``gaming.anothers_words``).
    """
    ref = normalise_class(reference)
    if ref is None:
        raise ValueError(f"Classe de référence inconnue{NBSP}: « {reference} ».")
    salon = parse_date(date_salon)
    qual = normalise_class(qualification)
    open_classes = {normalise_class(c) for c in (accepted or ())} - {None}
    notes_dates: tuple[str, ...] = ()
    if qual is not None and len(open_classes) > 1 and qual in open_classes:
        ref = qual
        notes_dates = _straddling_dates(observations or "", salon)
    objects = interest_objects(observations, salon) if ref != "froid" else None
    text = justification or ""
    a = analyse(text, salon, objects, lemmatize)
    readings: dict[str, Analysis] = {}

    def read(part: str) -> Analysis:
        """The analysis of a part of the text (the learner's own words, the plan left out), once.
        (The notes' objects change only what is said of them, which the pasted check reads not.)"""
        if part not in readings:
            readings[part] = analyse(part, salon, objects)
        return readings[part]

    patterns: list[Pattern] = detect(text, observations or "", a, salon, organisation or "", read) \
        if a.n_words else []
    codes = {p.code: p for p in patterns}
    motifs = [p.code for p in patterns]
    # the goods the notes say the contact has run out of, named by the text: the need stated
    # (« chaud : maillots, tournoi dans 6 semaines » for « n'a plus de stock de maillots »)
    # or the goods the notes say the contact wants, which the text says it has not got yet
    # (« n'a pas encore ses bonnets » for « a besoin de 40 bonnets »). (The text's goods are read
    # only when the notes say the contact lacks some, or wants some.)
    need = False
    if ref != "froid":
        lacked = lacked_things(observations or "")
        wanted = {_thing(o) for o in objects or ()} - {None}
        if lacked or wanted:
            text_lacks = lacked_things(text)
            need = bool(lacked and (text_lacks | things_named(text)) & lacked or text_lacks & wanted)
    open_claims = _open_claims(a, observations or "", salon) if notes_dates else frozenset()
    ev, ev_conf, ev_reason = _evidence(a, ref, qual, notes_dates, need, open_claims,
                                       frozenset(open_classes) if ref == qual and len(open_classes) > 1 else frozenset())
    if ev == 0 and ev_reason in ("need_interest", "need_timing") and \
            len(a.content_words & note_words(observations or "")) >= REUSED_NOTE_WORDS:
        ev_conf = min(ev_conf, 0.55)  # it reuses the notes yet no cue was found: a missed word?
    if ev == 1 and observations and dates_not_in_notes(a, observations, salon):
        ev_conf = min(ev_conf, 0.55)  # a date the notes do not give: misread, or a typo?
    if qualification not in (None, "") and qual is None:
        ev, ev_conf, ev_reason = 0, 0.9, "no_class"
    if ev and others and observations \
            and codes.keys().isdisjoint(("not_french", "keywords", "pasted", "other_contact")):
        # another contact's justification of the same file (read only when the point would be given)
        theirs = anothers_words(a, known_text(observations, organisation or ""), tuple(others))
        if theirs:
            codes["other_contact"] = Pattern("other_contact", ", ".join(theirs[:3]), 0.75)
            motifs.insert(motifs.index("absent_fact") if "absent_fact" in motifs else len(motifs), "other_contact")
    action_text = a
    if "pasted" in codes:  # the learner's own words only: the notes' requests are not a plan
        own_words = blank(text, pasted_spans(text, observations or ""))
        # (the pasted check has most often read it already, without ``lemmatize``)
        action_text = read(own_words) if lemmatize is None else analyse(own_words, salon, objects, lemmatize)
    ac, ac_conf, ac_reason = _action(action_text, ref) if a.n_words else (0, 0.95, "empty")
    if ac and ev_reason == "class_wrong":
        # the plan follows the learner's own (wrong) class: it cannot be the right one's
        ac, ac_conf, ac_reason = 0, 0.85, ev_reason
    detail = ""
    for code in ("not_french", "keywords", "pasted", "other_contact", "absent_fact"):
        if code in codes:
            p = codes[code]
            if ev or ev_reason not in ("class_wrong", "stuffing", "no_class"):
                ev, ev_conf, ev_reason, detail = 0, p.confidence, code, p.detail
            if code in ("not_french", "keywords"):
                ac, ac_conf, ac_reason = 0, p.confidence, code
            elif code == "other_contact" and ac and plan_of_another(action_text, f"{observations or ''} {organisation or ''}"):
                ac, ac_conf, ac_reason = 0, p.confidence, "plan_of_another"
            break
    if ac_reason == "mixed_action":
        motifs.append("contradiction")
    messages = []
    if not ev:
        # No class given: a specific hint (« précise l'échéance ») would tell which class it is.
        if qual is None and ev_reason not in ("empty",) + REFUSED_PATTERNS:
            messages.append(FB["no_class"])
        else:
            messages.append(_message(ev_reason, detail))
    if not ac and ac_reason not in ("empty", ev_reason):
        messages.append(FB[ac_reason])
    if ev_reason == "empty":
        messages = [FB["empty"]]
    conf = round(min(ev_conf, ac_conf), 2)
    return Score(ev, ac, conf, " ".join(messages), conf < REVIEW_BELOW, round(ev_conf, 2),
                 round(ac_conf, 2), tuple(r for r in (ev_reason, ac_reason) if r),
                 tuple(dict.fromkeys(motifs)), tuple(messages))


def _straddling_dates(observations: str, salon: date) -> tuple[str, ...]:
    """The dates of the notes, as ``_date_key`` (« 27 fevr », « fin fevr »)."""
    from prospection.texte.temps import find_time_expressions

    return tuple(_date_key(e.text) for e in find_time_expressions(observations, salon))


_NEAR = timedelta(days=15)  # « début de l'été » for « le 20 juin »
_AROUND_THREE_MONTHS = re.compile(r"\b(?:trois|3)\s*mois\b|\b(?:douze|treize|12|13)\s*sem")


def _open_claims(a: Analysis, observations: str, salon: date) -> frozenset[int]:
    """The timing claims of ``a`` that sit on the open line of a contact the key leaves open:
    their days overlap a date of the notes, or they speak of about three months."""
    from prospection.texte.temps import find_time_expressions

    ranges = [(e.date_min, e.date_max) for e in find_time_expressions(observations, salon) if not e.past]
    out = set()
    for c in a.timing:
        days = a.claim_days.get(c.start)
        if days and any(days[0] - _NEAR <= hi and lo <= days[1] + _NEAR for lo, hi in ranges):
            out.add(c.start)
        elif _AROUND_THREE_MONTHS.search(fold(c.text)):
            out.add(c.start)
    return frozenset(out)


_DATE_PARTS = {"fin", "debu", "mi", "cour", "mili", "vers", "dans", "peut", "etre", "ou"}


def _open_date(text: str, notes_dates: tuple[str, ...]) -> bool:
    """Whether a date of the text is one of the notes' (« juin » for « courant juin, peut-être
    juillet »): same key, or its month or event words all among the notes' dates' words."""
    key = _date_key(text)
    if key in notes_dates:
        return True
    words = set(key.split()) - _DATE_PARTS
    notes_words = {w for k in notes_dates for w in k.split()} - _DATE_PARTS
    return bool(words) and words <= notes_words and not any(w.isdigit() for w in words)


_YEAR_WORD = re.compile(r"20\d\d")
_DATE_FILLERS = {"le", "la", "l", "les", "de", "du", "des", "d", "en", "pour", "a", "au"}


def _date_key(text: str) -> str:
    """A date's words cut to four letters, without articles or year: « juil. » and « juillet »,
    « la Toussaint » and « Toussaint », « fin mars 2028 » and « fin mars » are the same date."""
    words = fold(text).replace(".", " ").replace("'", " ").split()
    return " ".join(w[:4] for w in words if w not in _DATE_FILLERS and not _YEAR_WORD.fullmatch(w))


def hints(observations: str, date_salon, qualification, justification: str) -> Hints:
    """Which criteria the draft covers, judged against the learner's own class only.

    Without a salon date (board opened on a file that has none) dates are read against today:
    only their presence matters here.
    """
    salon = parse_date(date_salon) if date_salon not in (None, "") else date.today()
    qual = normalise_class(qualification)
    a = analyse(justification or "", salon)
    interest = bool(a.interest or a.interest_later or a.disinterest or a.no_budget or a.not_soon)
    timing: bool | None = None if qual == "froid" else bool(a.timing)
    if qual is None:
        action = bool(a.actions)
    else:
        action = bool(_action(a, qual)[0])
    messages = []
    if not interest:
        messages.append("Citez ce que les notes disent de l'intérêt du contact.")
    if timing is False:
        messages.append("Précisez l'échéance du projet (date, délai, saison).")
    if not action:
        messages.append(f"Indiquez la suite que vous donnez{NBSP}: quelle action, et quand{NBSP}?")
    return Hints(interest, timing, action, tuple(messages))
