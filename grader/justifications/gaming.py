"""Justifications that aim at the points without the reasoning, recognised from the text.

Each detector looks at one justification and, where it needs them, the contact's notes and the
text's ``analysis.Analysis``; none of them knows the answer key. ``detect`` returns the
patterns found, strongest first:

``not_french``
    the text is written in another language (English function words outnumber French ones);
``keywords``
    a list of criterion words (« intérêt, projet, délai, devis, rappel prioritaire »): four or
    more short comma-separated items, no figure, no « : », no statement about the contact;
``pasted``
    the notes copied whole or nearly (≥ 90 % of their words in copied runs of three words or
    more) with no reasoning of one's own outside the copied runs and the plan: no claim in the
    rubric's terms (interest, its absence, a timing), no linking word with a few words of its own;
``other_contact``
    the products, events, dates, months and quantities named are not those of this contact's
    notes, or none of the particular words of the text (the plan and the rubric's vocabulary
    left out) is in them; one product, event or date of someone else's while the notes name
    their own and nothing of them is named is refused at review confidence; or, the file's other
    contacts being known, the text names more of one other contact's particular words than of
    this one's (``anothers_words``);
``absent_fact``
    a decisive fact the notes do not give: an amount, a signed order or booking, a past order,
    a grant or a sponsor, a quote asked for or received, a competitor or the contact's supplier
    (« achète tout à l'armurerie »), a contract, a closure or receivership, a voted budget.

The scorer refuses the evidence point for each of them (``keywords`` and ``not_french`` also
the action point; for ``pasted`` only the words outside the copied runs are read for the
action); the teacher sees them in the review list (``review.teacher_review``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from . import lexicon as L
from prospection.texte.abreviations import expand
from prospection.texte.francais import fold
from prospection.texte.phrases import Text, analyse_tokens, word_forms
from prospection.texte.prefiltre import (WORD_RUN_RE, WORD_RUN_RE_ASCII, Prefiltered, _lowered, has_odd_case,
                                        word_run_re)

__all__ = ["Pattern", "detect", "known_text", "anothers_words", "pasted_spans", "blank", "PATTERNS",
           "copied_share", "foreign_facts", "absent_facts"]

PATTERNS = ("not_french", "keywords", "pasted", "other_contact", "absent_fact")


@dataclass(frozen=True)
class Pattern:
    code: str  # one of PATTERNS
    detail: str = ""  # what was found (a word of the text), for the feedback and the teacher
    confidence: float = 0.9


# --- language -------------------------------------------------------------------------------
_EN = set("""the and is are was were to for of with but they he she it his her their this that
these those will would should could have has had be been from them him our your you we who what
which when just already not no before after next week call back follow send keep record lead
hot warm cold quote meeting interested wants want needs need nothing there than into only
very still yet until in at by about waiting wait maybe soon later now asap""".split())
_FR = set("""le la les de des du et est un une pour par pas il elle ils elles au aux que qui
dans sur avec je nous son sa ses leur leurs ne mais donc car ce cette ces sont ont été avoir
être fait mois semaine avant après lui très plus rien aucun aucune déjà tout""".split())


def _language(words: list[str]) -> str:
    en = sum(map(_EN.__contains__, words))
    fr = sum(map(_FR.__contains__, words))
    if en >= 3 and en >= 2 * fr + 1:
        return "en"
    return "fr"


# --- keyword lists --------------------------------------------------------------------------
# (« \w+ » and its ASCII twin, chosen per text: ``prefiltre.word_run_re``)
_WORD_RE, _WORD_RE_ASCII, _word_re = WORD_RUN_RE, WORD_RUN_RE_ASCII, word_run_re
_ITEM_SPLIT = re.compile(r"[,;/\n•|✔✓●▪►→⇒]+|\s[-–—]\s|\.\s|=>|->")
_PLUS_SPLIT = re.compile(r"\s*\+\s*")
_PLUS_ONLY = re.compile(r"[^,;:/\n•|.!?]+(?:\+[^,;:/\n•|.!?]+){3,}")
_DIGIT = re.compile(r"\d")
# The rubric's own vocabulary: criteria and kinds of follow-up, true of no contact in particular.
_RUBRIC_WORDS = frozenset("""interet interets besoin besoins projet projets delai delais budget
budgets devis relance relances rappel rappels rdv rendez vous crm sic fichier fiche concurrence
concurrent concurrents echeance echeances priorite prioritaire urgence action actions suivi
critere criteres mots mot cles cle newsletter invitation campagne documentation doc catalogue ag
court moyen long terme maturite date client prospect contact qualification classe tarif tarifs
prix decision portes ouvertes plaquette mailing relancer rappeler decideur decideurs utilite
evenement autorite timing need bant commande commandes achat achats motivation volume quantite
analyse plan classement fidelisation diagnostic synthese etape etapes resume conclusion argumentaire
fournisseur fournisseurs stock stocks fichiers proposition propositions satisfaction analyses""".split())
# (« Intérêt : oui. Délai : court. » answers the rubric's questions about no one in particular)
_RUBRIC_GLUE = frozenset("et de d du des la le les l en ou oui non ok".split())
# qualifiers a criteria formula adds without saying anything of the contact (« intérêt fort +
# court terme », « absence d'urgence », « délai < 3 mois »)
_RUBRIC_QUALIFIERS = frozenset("car donc absence fort forte faible mois reel reelle lointain lointaine proche "
                               "immediat clair precis".split())


_THRESHOLD = re.compile(r"[<>≤≥]\s*\d+")


def _rubric_only(text: str) -> bool:
    """Four words or more, all of them the rubric's (« CHAUD : intérêt ✔ délai ✔ budget ✔ devis ✔
    → action : rappel, devis, rdv », « Tiède. Mots-clés : intérêt, projet, délai »): criteria
    named, nothing said of this contact."""
    # (« Intérêt + délai long = tiède » too: the rubric's words, true of any warm contact; the
    # blind batches label it so, 9 texts in 10; a threshold, « délai < 3 mois », and the qualifiers
    # of a formula, « intérêt fort », are the rubric's too; « 0 intérêt » in SMS is a statement)
    n = 0
    low = _THRESHOLD.sub(" ", fold(text).lower())
    for m in _word_re(low).finditer(low):  # (one by one: most texts stop at a first word)
        w = m.group()
        if w not in L.CLASS_WORDS and w not in _RUBRIC_GLUE and w not in _RUBRIC_QUALIFIERS:
            if w not in _RUBRIC_WORDS:
                return False  # (read no further: one word of the contact's is enough)
            n += 1
    return n >= 3


_REFUSAL_ITEM = re.compile(r"(?:aucun|aucune|pas|plus|sans)\s+(?:de\s+|d\s*'?\s*)?(?:besoin|interet|projet|achat)")
_LIST_LABEL_END = re.compile(r"(?i)\s*(?::|=|->|→)\s*(?:froids?|froides?|ti[eè]des?|chaud(?:e|s|es)?)\s*[.!]*$")
_LIST_LABEL_WORDS = (r"\b(?:froids?|froides?|ti[eè]des?|chaud(?:e|s|es)?|actions?|suite|classe|"
                     r"qualification|crit[eè]res?|mots?[- ]cl[eé]s?|grille|motifs?|suivi)\s*(?::|\s[—–]\s)\s*")
_LIST_LABEL = re.compile("(?i)" + _LIST_LABEL_WORDS)
# (speed only: the same labels in a lower-cased text, where ``re`` compares no case, 2.5 times faster)
_LIST_LABEL_LOWER = re.compile(_LIST_LABEL_WORDS)
# (speed only: each tried on texts that hold what its matches need, ``prefiltre``)
_LIST_LABEL_END, _LIST_LABEL = Prefiltered(_LIST_LABEL_END), Prefiltered(_LIST_LABEL)
# (what a match of ``_LIST_LABEL_END`` ends with, before « \s*[.!]* » and the text's end)
_CLASS_ENDINGS = ("froid", "froids", "froide", "froides", "tiede", "tiedes", "tiède", "tièdes",
                  "chaud", "chaude", "chauds", "chaudes")


def _labels_out(text: str) -> str:
    """``_LIST_LABEL.sub(", ", text)``: the labels found in the lower-cased text, whose offsets
    are the text's (but for the few characters ``re`` and ``str.lower`` case otherwise)."""
    if not _LIST_LABEL.may_match(text):
        return text
    low = _lowered(text)  # (None when the text has an odd case; read by the filter already)
    if low is None:
        return _LIST_LABEL.sub(", ", text)
    out, last = [], 0
    for m in _LIST_LABEL_LOWER.finditer(low):
        out += (text[last : m.start()], ", ")
        last = m.end()
    return "".join(out) + text[last:] if out else text


def _label_at_end(text: str) -> bool:
    """False only when ``_LIST_LABEL_END`` cannot match ``text``: the text, once its final
    « . » / « ! » and spaces are left out, ends with no class word (speed only: the pattern is
    tried at every position of the text)."""
    tail = text.rstrip(".!").rstrip()[-8:]
    return has_odd_case(tail) or tail.lower().endswith(_CLASS_ENDINGS)
_PLUS_ONLY = Prefiltered(_PLUS_ONLY)


def _n_words(text: str) -> int:
    """Words of ``text`` as ``analyse_tokens`` counts them (« rendez-vous » is one), without
    lemmatising them."""
    words = [w.lower() for w in _word_re(text).findall(text)]  # (``\\w+`` has no group: its whole matches)
    return len(words) - sum(a == "rendez" and b == "vous" for a, b in zip(words, words[1:]))


def _keyword_list(text: str) -> bool:
    """Four or more short items (≤ 2 words, no figure, no « : »), none of four words or more.

    « + » separates items only in a text joined by nothing else (« intérêt + budget + relance
    + rdv »): in a sentence it joins the plan (« fiche + doc »)."""
    if _rubric_only(text):
        return True
    # « Froid : intérêt, besoin, budget, délai. Action : CRM »: the labels are no statement
    text = text.strip()
    text = _labels_out(_LIST_LABEL_END.sub("", text) if _label_at_end(text) else text)
    split = _PLUS_SPLIT if _PLUS_ONLY.fullmatch(text.strip()) else _ITEM_SPLIT
    items = [i.strip(" .-*–") for i in split.split(text)]
    items = [i for i in items if i]
    if len(items) < 4:
        return False
    if len(items) >= 5 and _telegram_list(items):
        return True
    if _rubric_items(items):
        return True  # « Pas d'intérêt. Pas de projet. Pas de budget. Newsletter. »
    if len(items) < 5 and any(_REFUSAL_ITEM.match(fold(i)) for i in items):
        return False  # « Aucun besoin, tenues neuves. Froid. Newsletter. »: a short statement
    short = 0
    for item in items:
        if ":" in item or "=" in item or _DIGIT.search(item):
            return False
        n = _n_words(item)
        if n >= 4 and not _rubric_phrase(item):
            return False
        if n <= 2 or n >= 4:  # (« projet à moyen terme »: the rubric's own phrase, as short as a word)
            short += 1
    return short / len(items) >= 0.75


def _rubric_phrase(item: str) -> bool:
    """An item made only of the rubric's words (« projet à moyen terme », « relance à 3 mois »
    apart): a criterion named, nothing of the contact."""
    folded = fold(item).lower()
    words = _word_re(folded).findall(folded)
    return bool(words) and all(w in _RUBRIC_WORDS or w in _RUBRIC_GLUE or w == "a" for w in words)


_DATE_ITEM = re.compile(r"^\d{1,2}(?:er)?(?:\s+\w+|/\d{1,2})?$|^(?:fin|debut|mi)?\s*\w+\s+20\d\d$")


_NEGATION_WORDS = frozenset("pas aucun aucune sans ni plus de d".split())


def _rubric_items(items: list[str]) -> bool:
    """Every item the rubric's words, negated or not (« Pas d'intérêt. Pas de projet. Pas de
    budget. Newsletter. »): the criteria denied in general, nothing of this contact."""
    # (« pas décideur », « pas d'événement » say who the contact is: facts of it, not criteria denied)
    n = 0
    for i in items:
        folded = fold(i).lower()
        for w in _word_re(folded).findall(folded):
            if w not in L.CLASS_WORDS and w not in _RUBRIC_GLUE and w not in _NEGATION_WORDS:
                if w not in _RUBRIC_WORDS or w.startswith(("decideur", "evenement")):
                    return False  # (read no further)
                n += 1
    return n >= 4


def _telegram_list(items: list[str]) -> bool:
    """Five items or more of three words at most, with no clause among them (« pas d'intérêt,
    pas de budget, CRM, newsletter, portes ouvertes, campagne »; « polos, housses, défilé,
    14 juillet, printemps, tiède, relance »): criteria and actions stacked, not stated. A date
    counts as an item; a figure of another kind (« 60 tee-shirts ») makes it a note."""
    for item in items:
        if ":" in item or "=" in item or _n_words(item) > 3:
            return False
        if _DIGIT.search(item) and not _DATE_ITEM.match(fold(item)):
            return False
        if _VERBISH.search(fold(item)):
            return False
    return sum(_n_words(i) <= 2 for i in items) >= 0.5 * len(items)


# A finite verb, a pronoun subject, a participle of interest or a degree makes an item a
# statement (« très intéressés maillots », « rapl demain »); « budget voté » stays a noun phrase.
_VERBISH = re.compile(r"\b(?:il|elle|ils|elles|on|je|nous|est|sont|a|ont|veut|veulent|doit|va|vont|fait|"
                      r"tres|interesse\w*|demain|"
                      r"cherche\w*|souhaite\w*|attend\w*|demande\w*|rappelle\w*|relance\w*r|envoie\w*)\b")


# --- pasted notes ---------------------------------------------------------------------------
_LINK_WORDS = {"donc", "car", "puisque", "parce", "pourquoi", "ainsi", "signifie", "montre",
               "montrent", "prouve", "indique", "indiquent", "comme", "soit", "explique"}
N = 3  # a copied run is three words or more
LONG_BLOCK = 25  # words copied from the notes that make a pasted block whatever the notes' length


def _words(text: str) -> list[str]:
    """The words of ``text``, folded (no lemma: copying is word for word)."""
    folded = fold(text or "")
    return _word_re(folded).findall(folded)


@lru_cache(maxsize=4096)
def _word_tuple(text: str) -> tuple[str, ...]:
    """``_words(text)`` as a tuple, for a text read twice (the pasted check counts a
    justification's words, then ``_copy`` compares them)."""
    folded = fold(text)
    return tuple(_word_re(folded).findall(folded))


@lru_cache(maxsize=2048)
def _note_ngrams(observations: str) -> tuple[frozenset, int]:
    norms = _words(observations)
    grams = frozenset(tuple(norms[i : i + N]) for i in range(len(norms) - N + 1))
    return grams, len(norms)


# (a form's headings, « Observations : … Qualification : … Action : », are no words of one's own)
_FORM_LABELS = frozenset("observations observation notes note qualification classe classement action actions "
                         "suite suivi motif motifs conclusion".split())
_FILLERS = frozenset("donc alors c est contact client prospect".split()) | _FORM_LABELS


# The fewest of the notes' words a text made mostly of them must copy (« quoted » notes).
MOSTLY_COPIED = 15
# a passage of some length between quotation marks
_QUOTED_RE = re.compile(r"[«“\"][^«»“”\"]{60,}[»”\"]")
# The class stated first, as the claim the rest supports (« Chaud : M. Allanic veut … »).
_CLASS_FIRST_RE = re.compile(r"\W*(?:contact\s+)?(?:chaud|tiede|froid)\b")


@dataclass(frozen=True)
class _Copy:
    """How a justification reuses the notes word for word (runs of ≥ 3 words)."""

    share: float  # share of the notes' words found in copied runs
    spans: tuple[tuple[int, int], ...]  # character spans of the copied runs (merged)
    interleaved: int  # own words between the first and the last copied word: a restatement


@lru_cache(maxsize=4096)
def _copy(justification: str, observations: str) -> _Copy:
    grams, n_notes = _note_ngrams(observations or "")
    folded = fold(justification or "")
    norms = _word_tuple(justification or "")  # (``_WORD_RE.findall(folded)``)
    copied = [False] * len(norms)
    for i, gram in enumerate(zip(norms, norms[1:], norms[2:])):  # (N = 3 words)
        if gram in grams:
            copied[i] = copied[i + 1] = copied[i + 2] = True
    spans: list[tuple[int, int]] = []
    if True in copied:  # (the words' offsets, needed only for the copied runs)
        for m, c in zip(_word_re(folded).finditer(folded), copied):
            if c:
                start, end = m.span()
                if spans and start - spans[-1][1] <= 3:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
    idx = [i for i, c in enumerate(copied) if c]
    if idx and n_notes:
        # the copy ends where the notes have been copied (almost) whole: what follows is the
        # class and the plan, even when they repeat a few words of the notes (« Classement :
        # chaud. Action : il veut une proposition rapidement. »)
        done = 0
        for k, i in enumerate(idx):
            done += 1
            if done >= 0.9 * n_notes:
                idx = idx[: k + 1]
                break
    # (a class word or a « donc » slipped between copied runs is no restatement of one's own)
    interleaved = sum(not c and norms[i] not in L.CLASS_WORDS and norms[i] not in _FILLERS
                      for i, c in enumerate(copied[idx[0] : idx[-1]], start=idx[0])) if idx else 0
    share = min(1.0, sum(copied) / n_notes) if n_notes else 0.0
    return _Copy(share, tuple(spans), interleaved)


def pasted_spans(justification: str, observations: str) -> list[tuple[int, int]]:
    """Character spans of ``justification`` copied from the notes (runs of ≥ 3 words)."""
    return list(_copy(justification or "", observations or "").spans)


def copied_share(justification: str, observations: str) -> tuple[float, list[str]]:
    """(share of the notes' words found copied, words of the text outside the copied runs)."""
    c = _copy(justification or "", observations or "")
    own = _words(blank(justification or "", list(c.spans)))
    return c.share, own


def _pasted(justification: str, observations: str, salon=None, plan=None, read=None) -> bool:
    """The notes pasted whole or nearly, with no reasoning of one's own (see the module doc).

    Reasoning of one's own, outside the copied runs and the plan, is one of: a claim in the
    rubric's terms (« pas d'intérêt à ce jour », « projet à moyen terme »); a linking word
    (« donc », « car », « ce qui montre ») or the class drawn as a conclusion, with a few
    content words of one's own (« le tournoi a lieu dans cinq semaines : c'est chaud »); the
    notes restated in one's own sentence (words of one's own inserted between the copied ones)
    and concluded with the class (« il veut un devis sous huit jours et hésite avec un
    concurrent : chaud »). The notes left as they are, followed by a class word or a plan
    only, are pasted; so is a part of them quoted between « » with only the class and a plan
    around it.

    ``read`` gives the analysis of a text against the salon date (``score`` passes its own, which
    reads each text once and adds the notes' objects: they change no field read here).
    """
    n_notes = _note_ngrams(observations)[1]
    n_words = len(_word_tuple(justification or ""))  # (``_words``, read again by ``_copy``)
    # (no copy needs reading when the text has too few words to hold one: the share copied is at
    # most ``n_words / n_notes``; a block below needs 0.75 of the notes and 25 words copied, a
    # text made of the notes' words at least ``MOSTLY_COPIED`` of them)
    short = len(justification.split()) < 0.8 * _n_split(observations)
    if (n_words < 0.75 * n_notes or short and n_words < LONG_BLOCK) \
            and (n_words < MOSTLY_COPIED or not _QUOTED_RE.search(justification)):
        return False
    copy = _copy(justification, observations)
    copied = copy.share * n_notes
    if read is None:
        analyse, day = _analysis().analyse, salon or date.today()

        def read(text: str):
            return analyse(text, day)
    # Long notes copied for the most part (« … Très content de discuter » left out) are a
    # pasted block too, when hardly a word of one's own is added (checked below).
    block = copy.share >= 0.75 and copied >= LONG_BLOCK and not (short and n_words < LONG_BLOCK)
    if not block and (short or copy.share < 0.9):
        # a part of the notes quoted, then the class and a plan (« « Le club a commandé ses polos
        # chez un concurrent… » → froid. Je garde la fiche. »): the words outside the plan are
        # the notes' words for the most part
        if copied < MOSTLY_COPIED or not _QUOTED_RE.search(justification):
            return False  # too short to hold 90 % of the notes, and no quoted notes
        if plan is None:
            plan = read(justification).action_spans
        outside = len(_words(blank(justification, plan)))
        if copied < 0.8 * outside:
            return False
        copy = _Copy(min(copy.share, 0.89), copy.spans, copy.interleaved)  # (judged as a partial copy)

    # (a run of the notes' words inside the learner's plan, « j'ajoute le comité à notre
    # fichier », stays: blanking it would break the plan into words of one's own)
    if plan is None:  # (``detect`` passes the spans of the analysis it has already)
        plan = read(justification).action_spans
    own_text = blank(justification, [(x, y) for x, y in copy.spans if not any(p <= x < q for p, q in plan)])
    a = read(own_text)
    words = [t.norm for t in a.toks if not any(x <= t.start < y for x, y in a.action_spans)]
    # (the notes' own words moved around, « M. Chazal (capitaine) », are no words of one's own)
    note_words = set(_words(observations))
    content = [w for w in words if len(w) >= 4 and w not in L.STOPWORDS and w not in L.CLASS_WORDS
               and w not in note_words and w not in _FORM_LABELS]
    linked = bool(set(words) & _LINK_WORDS)
    if linked and len(content) >= 3 or copy.share < 0.9 and len(content) > 3:
        # (speed only: no pasted notes whatever the claims read below, so the text left once the
        # plan is out is not read — the tests below give False in both cases)
        return False
    rest = blank(a.text, a.action_spans)  # the plan left out
    # (no plan to leave out, and a text ``analyse`` reads as it is: the same reading as ``a``)
    claims = a if rest == a.text and expand(rest) == rest else read(rest)
    if claims.interest or claims.disinterest or claims.no_budget or claims.interest_later \
            or claims.past_interest or claims.timing:
        return False
    concluded = bool(claims.classes)
    if (linked or concluded) and len(content) >= 3:
        return False  # own sentences that argue, linked to the facts or to the class
    if copy.share < 0.9:
        # (the class claimed first, then the notes restated with words of one's own put between
        # theirs, « Chaud : il veut 25 casquettes pour le Tour qui démarre dans cinq semaines, et
        # il attend une réponse car il compare … »: the notes argued for the class, not pasted)
        return len(content) <= 3 and not (copy.interleaved >= 2 and _CLASS_FIRST_RE.match(fold(justification)))
    return not (concluded and copy.interleaved >= 1)  # restated in one's own sentence


@lru_cache(maxsize=2048)
def _n_split(observations: str) -> int:
    return len(observations.split())


_ANALYSIS = []  # the ``analysis`` module, once imported (it is imported lazily: it reads this one)


def _analysis():
    if not _ANALYSIS:
        from . import analysis

        _ANALYSIS.append(analysis)
    return _ANALYSIS[0]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` removed (each replaced by a full stop, so clauses stay apart)."""
    out, last = [], 0
    for a, b in spans:
        out.append(text[last:a])
        out.append(". ")
        last = b
    out.append(text[last:])
    return "".join(out)


# --- facts of another contact ---------------------------------------------------------------
# What a contact of a club or an association wants, and the events it prepares: a justification
# that names several of them, none in the notes, is about someone else.
_THINGS = L.GOODS + L.EVENTS


_THING_SET = frozenset(_THINGS)
_THING_PREFIXES = tuple(s for s in _THINGS if len(s) >= 4)


@lru_cache(maxsize=65536)
def _thing(word: str) -> str | None:
    if word.startswith("repass") or word.startswith("fet") and word not in ("fete", "fetes"):
        # « je repasse un coup de fil », « ils repasseront commande »: no meal (« repas »);
        # « pour fêter ses 20 ans »: the verb, no party named
        return None
    w = L.OBJECT_SYNONYMS.get(word, word)
    if w in _THING_SET or w.startswith(_THING_PREFIXES) or w.rstrip("s") in _THING_SET:
        for stem in _THINGS:  # the first stem that fits, as before
            if w == stem or (len(stem) >= 4 and w.startswith(stem)) or (w.rstrip("s") == stem):
                return stem
    return None


@lru_cache(maxsize=2048)
def _note_things(observations: str) -> frozenset:
    return frozenset(filter(None, (_thing(t.norm) for t in analyse_tokens(observations or ""))))


def things_named(text: str) -> frozenset:
    """The goods a text names (« maillots », « tee-shirts »), as stems."""
    return _note_things(text)


# Per family: its whole forms (stem, plural, feminine) and its long stems, matched as a beginning.
_FAMILY_FORMS = [frozenset(f for stem in fam for f in (stem, stem + "s", stem + "e", stem + "es"))
                 for fam in L.FAMILIES]
_FAMILY_PREFIXES = [tuple(stem for stem in fam if len(stem) >= 6) for fam in L.FAMILIES]


@lru_cache(maxsize=65536)
def _families(word: str) -> frozenset[int]:
    """The families (``lexicon.FAMILIES``) a folded word belongs to: a short stem is matched
    whole or plural (« sac », « sacs », never « sachant »), a long one as a beginning."""
    w = word.replace("-", "")
    return frozenset(i for i, (forms, prefixes) in enumerate(zip(_FAMILY_FORMS, _FAMILY_PREFIXES))
                     if w in forms or (prefixes and w.startswith(prefixes)))


@lru_cache(maxsize=2048)
def _note_families(observations: str) -> frozenset[int]:
    out: set[int] = set()
    for t in analyse_tokens(observations or ""):
        out |= _families(t.norm)
    return frozenset(out)


def _same_family(word: str, observations: str) -> bool:
    """A folded word of the same family as a word of the notes (« bouteilles » / « gourdes »)."""
    return bool(_families(word) & _note_families(observations or ""))


def foreign_facts(analysis, observations: str, salon) -> tuple[list[str], int, int]:
    """(products, events and dates of the text the notes do not give, those they do give, those
    of them given only loosely: « blousons » for « sweats », « mai 2028 » inside « la saison
    prochaine »).

    Words inside the learner's own plan (« invitation à nos portes ouvertes ») are left out.
    """
    note_dates = _analysis().note_dates

    notes = _note_things(observations or "")
    foreign, matched, by_family = [], 0, 0
    for tok in analysis.toks:
        stem = _thing(tok.norm)
        if stem is None or any(a <= tok.start < b for a, b in analysis.action_spans) \
                or tok.norm.startswith(L.GENERIC_THINGS):
            continue
        if stem in notes:
            matched += 1
        elif _same_family(tok.norm, observations):
            matched += 1  # (the same thing in other words: « spectacle » for « concert »)
            by_family += 1
        elif _SOME_DAY.search(_part_of(analysis.text, tok.start)):
            continue  # « un club de bridge peut un jour avoir besoin de trophées »: a guess, no fact
        elif tok.norm.startswith("fete") and _CELEBRATED.search(_folded_notes(observations or "")):
            continue  # « la fête des 20 ans », « la fête nationale » for « les 20 ans », « le 14 juillet »
        elif tok.norm not in foreign:
            foreign.append(analysis.text[tok.start : tok.end])
    # dates: strictly (the ± 3 days of ``dates_not_in_notes`` allow for a typo, not for
    # another event)
    months = getattr(analysis, "months", ())
    # (the dates of the notes with the contact's name, ``observations`` here, are read for this
    # only: not at all for a contact none of whose texts gives a date or a month)
    ranges = note_dates(observations or "", salon) if analysis.dates or months else ()
    for text_, lo, hi in analysis.dates:
        if any(lo <= r_hi and r_lo <= hi for r_lo, r_hi in ranges):
            matched += 1
            if not any(lo <= r_hi and r_lo <= hi and (r_hi - r_lo).days <= 62 for r_lo, r_hi in ranges):
                by_family += 1  # (only inside a wide span of the notes, « la saison prochaine »)
        else:
            foreign.append(text_)
    # a month without a year (« en février »): near no date of the notes (± 3 weeks, for
    # « fin février » against « début mars »)
    slack = timedelta(days=21)
    # (a season of the notes, « au printemps », holds its months: « entre mars et juin »)
    precise = [(r_lo, r_hi) for r_lo, r_hi in ranges if (r_hi - r_lo).days <= 95]  # not « avant X »
    for text_, lo, hi in months:
        if any(lo - slack <= r_hi and r_lo <= hi + slack for r_lo, r_hi in precise):
            matched += 1
        else:
            foreign.append(text_)
    # a quantity of goods (« 300 gobelets ») the notes do not give
    for m in _QUANTITY_RE.finditer(analysis.text):
        if any(a <= m.start() < b for a, b in analysis.action_spans):
            continue
        if _thing(fold(m.group(2)).lower().replace("-", "")) and not re.search(rf"\b{m.group(1)}\b", observations or ""):
            if m.group(2) in foreign:  # the product itself is foreign: say it once, with its number
                foreign[foreign.index(m.group(2))] = m.group(0)
            else:
                foreign.append(m.group(0))
    return foreign, matched, by_family


# notes that name something celebrated: an anniversary, a feast day (a « fête » of the text says it)
_CELEBRATED = re.compile(r"\b\d+ ans\b|\b(?:dix|vingt|trente|quarante|cinquante|cent) ans\b|anniversaire|jubile"
                         r"|centenaire|14 juillet|noel|saint[- ]jean|inaugur")
# (« \b » before the first figure is read just after it, « (?<!\w.) »: ``re`` then skips to each
# figure instead of trying every position; the same matches)
_QUANTITY_RE = re.compile(r"(\d(?<!\w.)\d{1,3})\s+([A-Za-zÀ-ÿ-]+)")
_QUANTITY_RE = Prefiltered(_QUANTITY_RE)  # (speed only: tried on texts with a figure)


# Rubric and plan vocabulary: words any justification may use whatever the contact.
_GENERIC_PREFIXES = (
    "interes", "interet", "projet", "besoin", "budget", "delai", "terme", "court", "long",
    "moyen", "contact", "client", "prospect", "froid", "tiede", "chaud", "rappel", "relan",
    "recontact", "appel", "devis", "rendez", "fiche", "crm", "documentation", "campagne",
    "priorit", "urgen", "semaine", "mois", "annee", "echeance", "achat", "achet", "command",
    "propos", "offre", "envoy", "enverr", "garder", "conserv", "invit", "porte", "ouverte",
    "newsletter", "catalogue", "plaquette", "produit", "gamme", "notes", "salon", "stand",
    "qualif", "classe", "justif", "action", "suite", "prochain", "demain", "lundi", "concurren",
    "fournisseur", "decision", "decide", "rapide", "vite", "temps", "maintenant", "moment",
    "president", "tresorier", "responsable", "personne", "equipe", "club", "association",
    "asso", "comite", "bureau", "membre", "adherent", "licencie", "logo", "brode", "personnalis",
    "tenue", "equip", "saison", "date", "jours", "avant", "apres", "depuis", "proche", "lointain",
    "septembre", "octobre", "novembre", "decembre", "janvier", "fevrier", "mars", "avril", "mai",
    "juin", "juillet", "aout", "printemps", "ete", "automne", "hiver", "prochaine",
    # the learner's reasoning words
    "preuve", "faits", "montr", "signif", "indiq", "expliq", "parce", "puisq", "vraiment",
    "souhait", "attend", "repons", "expri", "sembl", "clair", "precis", "situation", "raison",
    "conclu", "veut", "voul", "pense", "hesit", "prevu", "prevoi", "ailleurs", "encore",
    "toujours", "seulement", "aucun", "plutot", "surtout", "simplement", "curieu", "certain",
    "rien", "reel", "vient", "actuel", "interess", "dispos", "possib", "passe", "instant",
    "quand", "lorsq", "cependant", "pourtant", "neanmoins", "toutefois", "enfin", "ensuite",
    # what the contact agreed to at the salon (the file's consent column) and how to reach them
    "consent", "oppos", "refus", "demarch", "telephon", "courriel", "courrier", "mail", "ecrit",
    "accord", "rgpd", "notant", "uniquement",
    # reasons for (no) interest and events in general words, any contact's (paraphrases of the
    # notes: « ne fait ni vente ni manifestation » for « ne vend rien, aucun événement »)
    "concern", "satisf", "utilit", "engag", "manifest", "evenement", "activit", "simple",
    "visite", "curios", "politesse",
    # general French: auxiliaries and modals, time adverbs, number words, judgement words —
    # never a fact of one contact rather than another
    "serai", "seron", "seront", "etait", "etaient", "sera", "aurai", "auron", "pourr", "peuvent",
    "faudr", "devr", "doiven", "aujourd", "bientot", "jamais", "beaucoup", "reste", "chose",
    "deux", "trois", "quatre", "cinq", "douze", "quinze", "vingt", "trente", "quarante",
    "cinquante", "cent", "mille", "prematur", "inutil", "utile", "import", "possible", "peut",
)


@lru_cache(maxsize=2048)
def _note_keys(observations: str) -> frozenset:
    keys: set = set()
    add = keys.update
    for norm, lemma in word_forms(observations or ""):
        add((norm, lemma, norm[:5], norm.rstrip("s")))
    return frozenset(keys)


def content_match(analysis, observations: str) -> tuple[list[str], int]:
    """(particular words of the text absent from the notes, those present), the plan left out."""
    keys = _note_keys(observations or "")
    missing, found = [], 0
    for tok in analysis.toks:
        w = tok.norm
        if len(w) < 5 or w in L.STOPWORDS or w.isdigit() or w.startswith(_GENERIC_PREFIXES) \
                or w.replace("-", "").startswith(L.GENERIC_THINGS):
            continue
        if any(a <= tok.start < b for a, b in analysis.action_spans):
            continue
        if w in keys or tok.lemma in keys or w[:5] in keys or w.rstrip("s") in keys \
                or _same_family(w, observations):
            found += 1
        else:
            missing.append(analysis.text[tok.start : tok.end])
    return missing, found


# (each word's « \b » read after its first letter, « (?<!\w.) »: ``re`` skips to the letters that
# begin them; the same matches)
_LACK_RE = re.compile(r"(?:p(?<!\w.)(?:as|lus)|a(?<!\w.)(?:ucun|ucune)|s(?<!\w.)ans|m(?<!\w.)(?:anque|anquent)|n(?<!\w.)i)\s+(?:encore\s+|toujours\s+)?"
                      r"(?:assez\s+|suffisamment\s+)?(?:de\s+|d\s*|ses\s+|leurs\s+|leur\s+)?(?:\d+\s+)?"
                      r"(?:(?:stock|stocks|reserve|reserves)\s+(?:de\s+|d\s*))?([a-z]+)(?:\s+([a-z]+))?")
_WANT_BEFORE = ("besoin", "command", "achet", "achat", "veu", "voul", "prevo", "projet", "cherch",
                "souhait", "interes", "envie")


@lru_cache(maxsize=4096)
def lacked_things(text: str) -> frozenset:
    """Goods the text says the contact has none of (« aucun maillot », « n'ont pas de
    maillots », « sans tenues ») — a need, unlike « n'a besoin d'aucun maillot ». (Memoised:
    the notes are read for each of their justifications.)"""
    folded = fold(text or "").replace("'", " ").replace("’", " ")
    out = set()
    for m in _LACK_RE.finditer(folded):
        stem = _thing(m.group(1)) or (m.group(2) and _thing(m.group(2)))  # « aucun nouveau maillot »
        if not stem:
            continue
        before = folded[max(0, m.start() - 40) : m.start()].split()[-4:]
        if any(w.startswith(_WANT_BEFORE) for w in before):
            continue
        out.add(stem)
    return frozenset(out)


# Facts of one contact's situation, as opposed to the general words a paraphrase uses.
_SITUATION_WORDS = ("subvention", "sponsor", "mecen", "mairie", "contrat", "dette", "fusion",
                    "imprimeur", "brodeu", "couturi", "graphiste", "depense", "tresorerie")
# A cold contact's particular reason (« en sommeil pendant les travaux », « venu saluer un
# ancien collègue », « goodies gratuits »): copied from another contact when the notes say
# nothing of it.
_REASON_WORDS = ("sommeil", "travaux", "collegue", "gratuit", "imprimerie", "dissou", "piscine",
                 "renouvel")


def _named(text: str, start: int, surface: str) -> bool:
    """A word written with a capital inside a sentence (not after « . », « : », « ( »…): a name."""
    if not surface[:1].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;(-\n"


def _particular(analysis, missing: list[str]) -> bool:
    """Whether a word of ``missing`` (from ``content_match``) is a proper name (capital
    letter inside a sentence), a product or event, a figure or a fact of the contact's
    situation."""
    wanted = set(missing)
    for tok in analysis.toks:
        surface = analysis.text[tok.start : tok.end]
        if surface not in wanted:
            continue
        if _named(analysis.text, tok.start, surface):
            return True
        if _thing(tok.norm) or any(ch.isdigit() for ch in surface) or tok.norm.startswith(_SITUATION_WORDS):
            return True
    return False


# A renewal said in other words by the notes (« les maillots ont été remplacés »).
_RENEWAL_BACKING = ("remplac", "refait", "refai", "chang", "neuf", "neuv", "achet", "commande", "equipe")


def _reason_of_another(analysis, missing: list[str], observations: str) -> bool:
    """A cold contact's particular reason the notes never give (« le club a renouvelé ses tenues
    l'an dernier » when the notes say it is happy with its supplier)."""
    notes = fold(observations or "")
    for tok in analysis.toks:
        if analysis.text[tok.start : tok.end] in missing and tok.norm.startswith(_REASON_WORDS) \
                and tok.norm[:6] not in notes \
                and not (tok.norm.startswith("renouvel") and any(w in notes for w in _RENEWAL_BACKING)):
            return True
    return False


# Notes that say where the contact buys: they back a supplier or a competitor named by the text.
_SUPPLIER_BACKING = ("concurren", "fournisseur", "presta", "equipementier", "contrat", "ailleurs", "compar",
                     "habituel", "deja un devis",
                     "offres", "deux devis",
                     "achet", "achat", "chez", "magasin", "boutique", "armurerie", "equipe",
                     "renouvel", "fourni")
# Notes that speak of other offers (or of the usual supplier and its prices: « leur imprimeur
# habituel leur fait tout à prix coûtant ») back a competitor's quote the text names.
_OTHER_OFFERS_BACKING = ("concurren", "compar", "offres", "deux devis", "autres devis", "plusieurs devis", "ailleurs",
                         "autre fournisseur", "autres fournisseurs", "deux fournisseurs", "plusieurs fournisseurs",
                         "autres? prestataires?", "autres? imprimeurs?", "autres? brodeurs?", "deja (?:un|le) devis",
                         "devis d\\W?un",  # (« le devis d'un imprimeur de Saint-Brieuc »)
                         "consult", "habituel", "prix cout", "des devis")
# Notes that speak of a contract back a contract or a deal the text names.
_CONTRACT_BACKING = ("contrat", "engage", "sign", "lie\\b", "lies\\b", "accord (?:sur|avec|de partenariat|pluri)",
                     "partenariat", "convention")  # (not « d'accord pour … »)
# Decisive facts: (code, phrases in the justification, words in the notes that back them up).
_FACTS = [
    ("montant", re.compile(r"\d[\d\s]*(?:€|euros?\b|k€)"), ("€", "euro")),
    ("pourcentage", re.compile(r"\d+(?:[.,]\d+)? ?(?:%|pour ?cent\b)"), ("%", "pour ?cent", "moitie", "quart", "tiers", "totalite")),
    ("contrat", re.compile(r"\b(?:sous )?contrat\b"), _CONTRACT_BACKING),
    ("commande", re.compile(r"\b(?:bon de (?:commande|reservation)|(?:a|ont|deja) (?:signe|commande|reserve)(?:e|s|es)?\b"
                            r"(?! (?:l argent|le budget|les fonds|des fonds|un budget|une somme|la somme|le montant))|signe (?:un|le|la)\b"
                            r"|(?:a|ont|avait|avaient|deja) (?:deja )?passe (?:une |la |sa |leur )?commande|(?:deja|ancien) client(?:e|s|es)?(?= *(?:chez nous|de (?:notre|nos)|[.,;:!)]|$)))"),
     ("signe", "bon de commande", "deja command", "a command", "ont command", "avait command", "vient de command",
      "viennent de command", "venait de command", "venaient de command",
      "commande passee", "commande signee", "commande ferme", "reserv", "client", "contrat",
      "commandee", "command\\w* il y a", "ete command", "de cote", "nous a achet", "nous ont achet", "achete chez nous", "achetes chez nous")),  # (« nos casquettes commandées il y a trois ans »)
    ("subvention", re.compile(r"\b(?:subvention\w*|financ\w+ (?:obtenu|accorde)|(?:mairie|commune|departement|region)"
                              r"(?: de [\w-]+)?(?: leur| lui| en)? (?:financ|pai|pay|prend)\w*|sponsor\w*|mecen\w*)"),
     ("subvention", "financ", "mairie", "departement", "region\\b", "aide", "sponsor", "mecen", "partenaire")),
    ("devis", re.compile(r"\b(?:(?:a|ont|deja)(?: deja)? (?:demande|recu|reçu)\w* (?:un|une|des|le|la|notre|nos) (?:devis|tarifs?|prix|propositions?|offres?)"
                         r"|recu (?:un|une|des) (?:devis|offre))"),
     ("devis", "tarif", "prix", "proposition", "offre", "chiffr", "catalogue")),
    # quotes the competitors made (« a déjà reçu deux devis de concurrents », « deux concurrents
    # qui lui ont fait un devis »): only notes that speak of other offers back them
    ("devis_concurrent", re.compile(r"\b(?:recu|reçu|demande|fait faire|obtenu)\w* (?:deux|trois|plusieurs|d autres|des) (?:devis|offres|propositions)\b"
                                    r"|\b(?:autre fournisseur|concurrent\w*|boutique|magasin|imprimeur|prestataire)\b[^.;]{0,40}\b(?:fait|envoye|propose|donne)\w* (?:une|un|son|sa|des|leurs?) (?:offres?|devis|propositions?|prix|tarifs?|maquettes?)"
                                    r"|\b(?:a|ont|avait|avaient) (?:deja )?(?:un|des|deux|son|leur) (?:devis|offres?|propositions?|maquettes?) (?:d un|de|du|des) (?:autre|concurrent|imprimeu|fournisseu|prestatai|brodeu)\w*"),
     _OTHER_OFFERS_BACKING),
    # the same, said otherwise: « a déjà un devis de Seatex », « a déjà reçu une offre de Nautic
    # Print », « un devis moins cher d'un concurrent », « compare avec un devis de Thomann »,
    # « a tout commandé chez un concurrent »
    ("devis_concurrent", re.compile(r"\b(?:a|ont|avait|avaient) (?:deja )?(?:recu |reçu |obtenu )?(?:un|une|deux|trois|des|plusieurs) "
                                    r"(?:devis|offres?|propositions?)(?: \w+){0,2}? (?:de|d|chez|du) (?!\d)"
                                    r"|\b(?:devis|offres?) (?:\w+ )?(?:moins cher|plus bas|concurrent)"
                                    r"|\bcompar\w* (?:deja )?avec (?:un|une|le|la|des) (?:devis|offre)"
                                    r"|\b(?:commande|achete)\w* (?:\w+ ){0,3}?chez (?:un|une|des|le|son|leur) (?:concurrent|autre fournisseur)"),
     _OTHER_OFFERS_BACKING),
    ("concurrent", re.compile(r"\b(?:deja un fournisseur|fournisseurs? (?:actuel|habituel)\w*|(?:devis|offre|proposition|prix) (?:d un|de notre|du|de leur|de son) concurrent|chez (?:un|notre|nos|leur|son) concurrent|chez (?:decathlon|intersport)|decathlon|intersport"
                              r"|(?:son|sa|leur|leurs) (?:propres? )?(?:fournisseur|prestataire|equipementier)\w*"
                              r"|travaill\w* (?:deja )?avec (?:un|une|son|sa|leur) (?:fournisseur|prestataire|imprimeu|brodeu|equipementier)\w*)"),
     _SUPPLIER_BACKING),
    ("concurrent", re.compile(r"\bchoisi\w* (?:[\w-]+ ){1,2}comme (?:nouveau |nouvel )?(?:fournisseur|prestataire|imprimeur|equipementier)"),
     _SUPPLIER_BACKING),
    ("concurrent", re.compile(r"\b(?:a|aupres d|par|avec) (?:un|des|deux|plusieurs|trois) concurrent"),
     ("concurren", "fournisseur", "presta", "ailleurs", "compar", "autre", "sinon", "command\\w* chez", "devis d\\W?un")),
    ("accord", re.compile(r"\b(?:a|ont|avait|avaient|deja) (?:deja )?(?:valide|accepte|approuve)e?s? (?:notre|nos|la|le|sa|son) "
                          r"(?:maquette|devis|proposition|offre|bat|projet de visuel|visuel)"
                          r"|\b(?:maquette|devis|visuel|bat)s? (?:deja )?(?:validee?s?|acceptee?s?|approuvee?s?|signee?s?)\b"),
     ("valid", "accept", "approuv", "maquette", "signe", "bat\\b", "accord")),
    # a budget vote the notes never give (« le conseil votera le budget en juin »)
    ("vote", re.compile(r"\b(?:votera|voteront|vote|votent|examinera|examineront|arbitrera) (?:le|son|leur|un) budget\b"),
     ("vot", "assembl", "\\bag\\b", "decid", "decision", "examin", "arbitr", "discut")),
    ("fusion", re.compile(r"\bfusion\w*|\bfusionn\w*"), ("fusion",)),
    # a deposit paid (« a versé un acompte sur le stand »): an order begun
    ("acompte", re.compile(r"\b(?:verse|paye|regle|laisse|donne)\w* (?:un |l |son |leur |des )?(?:acompte|arrhes)\b"
                           r"|\b(?:acompte|arrhes) (?:deja )?(?:verse|paye|regle)\w*"),
     ("acompte", "arrhes")),
    # a deal signed elsewhere (« vient de signer avec un autre fournisseur », « un marché public »,
    # « engagés avec un autre fournisseur jusqu'en 2028 »)
    ("signature", re.compile(r"\b(?:vient|viennent|venait|venaient) de signer\b|\bsigne (?:avec|un marche|un accord)\b"
                             r"|\bmarche public|\bappel d offres?\b"
                             r"|\bengage\w* avec (?:un|une|son|sa|leur) (?:autre|concurren|fournisseu|prestatai)\w*"),
     _CONTRACT_BACKING + ("marche", "appel d offre", "accord")),
    # a refusal the notes never report (« la mairie a déjà refusé une première demande »)
    ("refus", re.compile(r"\b(?:a|ont|avait|avaient) (?:deja (?:refuse|rejete|recale)e?s? (?:une|un|la|le|sa|son|leur) "
                         r"(?:premiere |premier |precedente? |ancienne? )?|(?:refuse|rejete|recale)e?s? (?:une|un|la|le|sa|son|leur) "
                         r"(?:premiere|premier|precedente?|ancienne?) )(?:demande|devis|dossier|projet|budget|subvention)"),
     ("refus", "rejet", "recal", "non\\b")),
    # money taken away (« leur budget a été supprimé par la mairie »)
    ("coupe", re.compile(r"\b(?:budget|subvention|aide|financement)s? (?:a ete |ont ete |est |sont |vient d etre )?"
                         r"(?:supprime|coupe|reduit|baisse|annule|retire)e?s?\b"),
     ("supprim", "coup", "redui", "baiss", "annul", "retir", "moins", "plus de budget", "plus de subvention")),
    # members lost (« perd des adhérents »): a decline the notes must give
    ("declin", re.compile(r"\b(?:perd|perdent|a perdu|ont perdu|perdait|perdaient) (?:des|ses|leurs|beaucoup d|la moitie de ses) "
                          r"(?:adherent|membre|licencie|benevole|joueu|choriste|musicien)\w*"),
     ("perd", "perte", "baisse", "moins d", "diminu", "declin", "depart")),
    ("fermeture", re.compile(r"\b(?:(?:va|vont|allait|allaient|risque\w* de|doit|doivent|devrait|devraient) "
                             r"(?:bientot |sans doute |probablement |surement |certainement )?(?:fermer|disparaitre)|fermeture"
                             r"|(?:a|ont|avait|avaient|vient de|viennent de) (?:ferme|disparu)\b(?! la porte)|(?:vient|viennent) de fermer|(?<!commande )(?<!projet )(?<!date )(?<!prix )\bferme (?:a la fin|en fin|fin|d ici|definitivement|ses portes)"
                             r"|(?:arrete|arretent|cesse|cessent|stoppe)\w* (?:son|leur|ses|leurs) activite)"),
     # (« activite » backs « arrête son activité »; a bare « arrêt » is « arrêtés au stand »)
     ("ferm", "dissou", "sommeil", "activite", "faillite", "liquidation", "redressement", "difficult")),
    # a dissolution or a bankruptcy: an association asleep (« en sommeil ») is not yet dissolved
    ("dissolution", re.compile(r"\b(?:dissolution|dissou\w*|redressement|liquidation|faillite)"),
     ("ferm", "dissou", "faillite", "liquidation", "redressement", "disparai", "cess")),
    # a cold contact's particular reason, copied from another one: a renewal, a town that pays,
    # members who buy their own, a supplier the contact is happy with, goods made in-house
    ("renouvellement", re.compile(r"\b(?:a|ont|avait|avaient|vient de|viennent de) (?:deja |tout |toutes |deja tout )?"
                                  r"(?:renouvele|change|rachete|remplace)\w*(?= (?:tou\w+ |ses |leurs |les |son |sa ))"),
     ("renouvel", "chang", "rachet", "remplac", "neuf", "neuv", "recent", "achet", "equipe", "commande", "refait",
      "vient de", "viennent de", "imprim", "stock")),
    ("mairie", re.compile(r"\b(?:fourni|pay|paie|prete|offert|finance)\w* par la (?:mairie|commune|ville)\b"
                          # (not « un mécène de la commune lui offre »: the patron gives)
                          r"|(?<!\bde )\b(?:la mairie|la commune|la ville) (?:leur |lui |les )?(?:fournit|paie|paye|prete|offre|finance|donne)\b"),
     ("mairie", "commune", "ville", "municipal", "departement", "region\\b")),
    ("adherents", re.compile(r"\b(?:chaque|les) (?:adherent|membre|licencie|joueur|musicien|choriste)\w* (?:achete|achetent|paie|paient|amene|amenent|fournit|fournissent)\w*"
                             r"(?: (?:lui|elle|eux)[- ]memes?)? (?:son|sa|ses|leur|leurs) (?:propre|propres)?"),
     ("adherent", "membre", "licencie", "joueu", "musicien", "choriste", "chacun", "chaque", "individuel", "eux-memes",
      "eux memes", "propre")),
    ("satisfait", re.compile(r"\b(?:tres )?(?:satisfai|content|ravi)\w* (?:de|du|par) (?:son|sa|ses|leur|leurs|l|le) "
                             r"(?:\w+ )?(?:fournisseur|prestataire|imprimeu|equipementier|brodeu|partenaire|armurier)\w*"
                             r"|\b(?:fournisseur|prestataire|imprimeu|equipementier|brodeu|armurier)\w*(?: \w+){0,2} dont "
                             r"(?:il|elle|ils|elles|on) (?:est|sont) (?:tres )?(?:satisfai|content|ravi)\w*"
                             # « a renouvelé ses tenues chez un autre fournisseur et en est satisfaite »
                             r"|\b(?:fournisseur|prestataire|imprimeu|equipementier|brodeu|armurier|concurrent)\w*[^.;]{0,40}?"
                             r"\ben (?:est|sont|etait|etaient) (?:tres |pleinement |vraiment )?(?:satisfai|content|ravi)\w*"),
     ("satisf", "content", "ravi", "fidele", "convient", "habituel", "ne veut pas changer", "ne souhaite pas changer",
      "pas de raison de changer", "trouve\\w* (?:tres |vraiment )?bien", "apprecie")),  # (« qu'il trouve très bien »)
    # goods supplied by someone (« les blouses sont fournies par l'hôpital »): who supplies them, the
    # notes must say
    ("fourniture", re.compile(r"\b(?:fourni|offert|prete|paye|finance)e?s? (?:gratuitement |chaque annee )?par "
                              r"(?:l|la|le|les|leur|son|sa|un|une|des) [\w-]+"),
     ("fourni", "offert", "offr", "prete", "pret", "paie", "paye", "pay", "financ", "gratuit", "donn", "don\\b",
      "sponsor", "mecen", "partenaire", "mairie", "commune", "ville", "federation", "ligue", "comite", "cagnotte",
      "recoi", "recu", "argent d", "equip", "departement", "region\\b", "approvisionn")),
    ("fabrication", re.compile(r"\b(?:fabrique|fabriquent|font|fait|imprime|impriment|cousent|coud)\w* (?:eux|elle|lui|elles)[- ]memes?\b"),
     ("fabriqu", "memes", "benevole", "atelier", "fait ses", "font leurs", "imprime", "coud", "cous", "confection",
      "tricot", "brode")),
    ("budget", re.compile(r"\bbudget (?:de \d|deja (?:vote|accorde|reserve)|(?:est |a ete )?(?:deja )?(?:vote|accorde|reserve|debloque|valide)\b)"
                          r"|\b(?:a|ont|avait|avaient) (?:deja )?(?:vote|valide|obtenu|debloque|boucle) (?:son|leur|le|un) budget\b"),
     ("budget", "cagnotte", "subvention", "vote", "depense", "valid", "financ", "fonds", "argent", "enveloppe",
      "reserv", "cotisation", "€", "euro")),  # (« elle dispose de 1 500 € »: a sum of money is a budget)
]


_FACTS = [(code, Prefiltered(pattern), tuple(re.compile((r"\b" + b) if b[0].isalpha() else re.escape(b))
                                  for b in backing)) for code, pattern, backing in _FACTS]
# Facts the text states and the notes deny: (the text's claim, the notes' denial), folded.
_DENIED_BY_NOTES = [
    (re.compile(r"\b(?:a|ont) (?:deja )?(?:son|sa|leur|le) (?:budget|financement|argent)\b(?! (?:a|sera|doit|devra|n|de|d)\b)"
                r"|\bbudget (?:est |a ete |deja )(?:deja )?(?:pret|ok|dispo\w*|debloque|accorde|valide|vote)\b"
                r"(?! (?:en|courant|fin|debut|mi|d ici|lors d\w*|a la|a l|au|le) (?:\w+ ){0,3}?(?:" + "|".join(L.MONTHS)
                + r"|ag|assemblee|conseil|bureau|reunion|printemps|ete|automne|hiver|\d))"
                r"|\bbudget (?:pret|ok|dispo\w*|debloque)\b"
                r"|\b(?:a|ont) (?:deja )?(?:l argent|les fonds)\b"
                r"|\b(?:a|ont) (?:deja )?(?:accorde|verse|attribue|donne|vote) (?:la|sa|leur|une|les|des) (?:subvention|aide|financement)"
                r"|\bbudget (?:est )?(?:donc )?(?:deja )?boucle\b"
                r"|\b(?:subventions?|financements?|aides?|fonds) (?:est |sont |a ete |ont ete |deja )(?:deja )?"
                r"(?:acquis|acquise|acquises|obtenus?|obtenues?|recus?|recues?|accordee?s?|verse(?:e|s|es)?)\b"),
     re.compile(r"\b(?:doit|doivent|devra|devront|sera|seront|reste a|restent a|a faire|en attente d\w*|pas encore|attend\w*"
                r"|une fois (?:les?|la|sa|ses|leurs?) |depend\w* (?:encore |toujours )?d)"
                r"\W*(?:\w+\W+){0,5}?(?:vot|valid|accord|approuv|debloqu|recu|obten|vers|budgete)\w*"
                r"|\b(?:pas|aucun|sans|ni) (?:de |d )?(?:budget|argent|financement|moyens?)\b"
                r"|\brien n est (?:encore )?(?:budgete|vote|valide|finance)"
                r"|\bdepend\w* (?:encore |toujours )?d\w* (?:une |la |sa |leur |du |des )?(?:subvention|aide|financement|vote|budget)")),
    (re.compile(r"\b(?:veut|veulent|souhaite\w*|compte\w*|voudrai\w*|pret\w* a|va|vont|envisage\w*) changer de "
                r"(?:fournisseur|prestataire|imprimeur|equipementier)"),
     # (« n'est pas satisfaite de son fournisseur » says she may change: no denial)
     re.compile(r"\b(?<!pas )(?<!plus )(?<!guere )(?:satisfai\w*|content\w*|ravi\w*|fidele\w*)"
                r"|\bne (?:souhaite|veut|compte|pense) pas changer")),
]
_DENIED_BY_NOTES = [(Prefiltered(claim), denial) for claim, denial in _DENIED_BY_NOTES]
# The notes give the money outright, whatever else waits (« dispose d'un budget », « budget prévu »)
_BUDGET_GIVEN = re.compile(r"\b(?:dispose\w* d un budget|(?:a|ont) (?:deja )?(?:un|le|son|leur) budget\b(?! (?:a|sera|doit|devra)\b)"
                           r"|budget (?:est )?(?:deja )?(?:prevu|disponible|dispo|pret|vote|valide|reserve|accorde)\b)")
_SUPPLIER_RE = tuple(re.compile(r"\b" + b) for b in _SUPPLIER_BACKING)
_NEGATED_BEFORE = re.compile(r"\b(?:pas|aucun\w*|sans|ni|jamais)\b[^.,;:]*$")
# (« même si le budget est voté » grants the fact: it is stated, no condition)
_IF_BEFORE = re.compile(r"(?<!meme )\b(?:si|s|quand|lorsqu\w*|une fois|des que|apres que)\b[^.,;:]*$")
_AVANT_BEFORE = re.compile(r"\bavant\b[^.,;:]*$")
def _no_apostrophes(text: str) -> str:
    """``text`` with its apostrophes (« ' », « ’ ») as spaces."""
    return text.replace("'", " ").replace("’", " ")


@lru_cache(maxsize=2048)
def _folded_notes(observations: str) -> str:
    return fold(observations)


@lru_cache(maxsize=1)
def _fact_first_needs() -> tuple[tuple[str, ...], tuple[frozenset | None, ...]]:
    """(speed only) The strings of the first requirements of the ``_FACTS`` patterns' filters
    (``Prefiltered.need``), and per fact its first requirement's strings (None when the filter
    looks for no string in the text as it is: no requirement, a figure, or case ignored)."""
    firsts = []
    for _, pattern, _ in _FACTS:
        need = pattern.need
        firsts.append(None if not need or pattern.fold_case or None in need[0] else frozenset(need[0]))
    return tuple(sorted(set().union(*filter(None, firsts)))), tuple(firsts)


def absent_facts(analysis, observations: str) -> list[str]:
    """Decisive facts stated by the text that nothing in the notes backs up."""
    text = _no_apostrophes(fold(analysis.text))
    elsewhere = getattr(analysis, "elsewhere", [])
    # the facts whose patterns may match (their filters read once, for the first test and the loop);
    # (speed only) each string of their first requirements looked for once, then their filters
    # tried for the facts whose first requirement is met
    strings, firsts = _fact_first_needs()
    present = frozenset(filter(text.__contains__, strings))
    live = [(code, pattern.regex, backing) for (code, pattern, backing), first in zip(_FACTS, firsts)
            if (first is None or not first.isdisjoint(present)) and pattern.may_match(text)]
    if not elsewhere and not any(regex.search(text) for _, regex, _ in live) \
            and not _QUANTITY_RE.search(analysis.text) and not any(p.search(text) for p, _ in _DENIED_BY_NOTES):
        return []
    notes = _folded_notes(observations or "")
    found = []
    # « achète tout à l'armurerie », « a renouvelé ses tenues chez son fournisseur »: the
    # contact's supplier, which the notes must give
    if elsewhere and not any(b.search(notes) for b in _SUPPLIER_RE):
        found.append(elsewhere[0])
    for code, pattern, backing in live:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 25) : m.start()]
            if _NEGATED_BEFORE.search(before):
                continue  # « pas de subvention » states nothing the notes would need to give
            if code == "vote" and _IF_BEFORE.search(before):
                continue  # « dès que le comité aura voté le budget »: a vote to come, a condition
            if _AVANT_BEFORE.search(before) or any(
                    a <= m.start() < b for a, b in analysis.action_spans):
                continue  # « avant qu'il aille chez un concurrent »: the learner's plan
            if m.group(0).strip() in notes:
                continue  # the notes' own words (« il consulte aussi Intersport »)
            if not any(b.search(notes) for b in backing):
                found.append(analysis.text[m.start() : m.end()].strip())  # the learner's spelling
                break
    # « elle a son budget » when the notes say the spending is still to be voted: a fact the
    # notes deny
    for pattern, denial in _DENIED_BY_NOTES:
        m = pattern.search(text)
        if m and pattern is _DENIED_BY_NOTES[0][0] and _BUDGET_GIVEN.search(_no_apostrophes(notes)):
            continue  # « elle dispose d'un budget mais attend l'accord du trésorier »: the money is there
        before = text[max(0, m.start() - 25) : m.start()] if m else ""
        if m and denial.search(_no_apostrophes(notes)) and not _NEGATED_BEFORE.search(before) \
                and not _IF_BEFORE.search(before) \
                and not any(a <= m.start() < b for a, b in analysis.action_spans):
            found.append(analysis.text[m.start() : m.end()].strip())
            break
    # « il veut 25 combinaisons » when the notes give no quantity
    if not _gives_a_quantity(notes):
        for m in _QUANTITY_RE.finditer(analysis.text):
            if any(a <= m.start() < b for a, b in analysis.action_spans) or \
                    analysis.text[max(0, m.start() - 1) : m.start()] in ("/", ".", ":", "-", "h"):
                continue  # « 13/02 casquettes »: a date, not a quantity
            if _thing(fold(m.group(2)).lower().replace("-", "")):
                found.append(m.group(0))
                break
    return found


@lru_cache(maxsize=2048)  # (the notes of a contact, read for each of its justifications)
def _gives_a_quantity(notes: str) -> bool:
    """Whether the (folded) notes give a number of anything but a date: a figure not part of a
    date or a year, or a number word (« une soixantaine »)."""
    if set(notes.split()) & _NUMBER_WORDS or _ABOUT_A_NUMBER.search(notes):
        return True
    for m in _FIGURE.finditer(notes):
        if len(m.group(1)) == 4 and m.group(1).startswith("20"):
            continue  # a year
        if _MONTH_AFTER.match(notes, m.end()):
            continue  # « le 13 février »
        return True
    return False


_ABOUT_A_NUMBER = re.compile(r"\b(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine"
                             r"|soixantaine|centaine)s?\b")
_FIGURE = re.compile(r"(?<![/.:\d])\b(\d{1,4})\b(?![/.:]\d)")
_MONTH_AFTER = re.compile(r"\s*(?:er\s+)?(?:" + "|".join(L.MONTHS) + r")\b")


_NUMBER_WORDS = {"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
                 "douze", "quinze", "vingt", "trente", "quarante", "cinquante", "soixante",
                 "cent", "cents", "mille", "dizaine", "douzaine", "vingtaine", "trentaine",
                 "quarantaine", "cinquantaine", "centaine"}


_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]+")
_PERSON_RE = re.compile(r"\b(?:M\.?|Mr\.?|Mme|Mlle|Monsieur|Madame)\s+((?:[Ll]e\s+|[Dd]e\s+|[Dd]u\s+)?[A-ZÉÈÀ][\w'-]+)")


def plan_of_another(analysis, observations: str) -> str:
    """In a justification copied from another contact: the first person (« Mme Gaboriau », « la
    capitaine ») or event (« avant la course ») named in the learner's plan that this contact's
    notes never mention, or ``""``. (A month or a season in the plan, or what every club goes
    through, such as its season's start, is most often the learner's own timing, even in a copy:
    it is not taken as the other contact's; an AG the notes do not give is.)"""
    notes = fold(observations).lower()
    note_words = set(re.findall(r"\w+", notes))
    note_roles = {w.rstrip("s").removesuffix("e") for w in note_words}
    note_things = _note_things(observations or "")
    for a, b in analysis.action_spans:
        span = analysis.text[a:b]
        for m in _PERSON_RE.finditer(span):
            if not set(re.findall(r"\w+", fold(m.group(1)).lower())) <= note_words:
                return m.group(0)
    # « le budget ne sera connu qu'en mai. Je la relancerai en mai »: a plan timed by a month the
    # copied reasoning gives and the notes do not
    in_plan = [tok for tok in analysis.toks if any(a <= tok.start < b for a, b in analysis.action_spans)]
    plan_starts = {tok.start for tok in in_plan}
    reasoning = {tok.norm for tok in analysis.toks if tok.start not in plan_starts}
    for tok in in_plan:
        if tok.norm in L.MONTHS and tok.norm in reasoning and tok.norm not in note_words:
            return analysis.text[tok.start : tok.end]
    for tok in in_plan:
        # « je rappelle la capitaine », « avant la course »: the other contact's person or event
        if tok.norm.startswith(_ROLES) and tok.norm.rstrip("s").removesuffix("e") not in note_roles:
            return analysis.text[tok.start : tok.end]
        stem = _thing(tok.norm)
        if stem is not None and stem in L.EVENTS and stem not in note_things and stem not in _EVERY_CLUBS \
                and not tok.norm.startswith(L.GENERIC_THINGS) and not _same_family(tok.norm, observations):
            return analysis.text[tok.start : tok.end]
    return ""


# What every club goes through: a plan timed by it (« relancer à la reprise ») may be the learner's own.
_EVERY_CLUBS = ("reprise", "phase", "montee")
# The people of a club a plan may name (« je rappelle la capitaine »).
# a guess about some day (« peut un jour avoir besoin de lots », « pourrait vouloir des coupes »)
_SOME_DAY = re.compile(r"\b(?:un jour|peut[- ]etre|pourrai\w*|eventuellement|a l avenir)\b")
_PART_END = re.compile(r"[.,;:!?\n]")


def _part_of(text: str, pos: int) -> str:
    """The part of the sentence (between commas) holding ``pos``, folded."""
    start = max((m.end() for m in _PART_END.finditer(text, 0, pos)), default=0)
    m = _PART_END.search(text, pos)
    return _no_apostrophes(fold(text[start : m.start() if m else len(text)]))


# « M. Dupuis », « Mme Benali »: a person named by title and name
# (« \bM » read as « M(?<!\w.) », after the « M »: ``re`` skips to each « M »; the same matches)
_PERSON_RE = re.compile(r"M(?<!\w.)(?:\.?|r\.?|me|lle|onsieur|adame|ademoiselle)\s+"
                        r"([A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)?)")
_NAME_PARTICLES = frozenset("le la les de du des d l van von der den di da".split())
# after a name, one of ours: « , notre commercial », « (mon tuteur) », « au service devis »
_OUR_SIDE = re.compile(r"\W{0,3}(?:(?:qui\s+est\s+)?(?:notre|nos|mon|ma|mes)\b|(?:au\s+|du\s+)?service\b"
                       r"|(?:commercial|commerciale|responsable|tuteur|tutrice|collegue|manager|chef\s+des\s+ventes)\b)")


@lru_cache(maxsize=2048)
def _known_words(known: str) -> frozenset:
    """The words (three letters or more, folded) of a contact's notes and name: read once for all
    its justifications."""
    return frozenset(w for w in re.findall(r"[a-z]+", fold(known).lower()) if len(w) >= 3)


def stranger_named(justification: str, known: str) -> str:
    """A person the text names (« M. Dupuis ») whom the notes and the contact's name never
    mention: the text is about someone else (all 114 such texts of the labelled sets are).
    A name spelt a little differently (« Dupuy » for « Dupuis ») is the same person."""
    if "M" not in justification:
        return ""
    known_words = _known_words(known)
    for m in _PERSON_RE.finditer(justification):
        if _OUR_SIDE.match(fold(justification[m.end() : m.end() + 40]).lower()):
            continue  # « M. Lebrun, notre commercial », « Mme Roux (service devis) »: one of ours
        words = [w for w in re.findall(r"[a-z]+", fold(m.group(1)).lower())
                 if len(w) >= 3 and w not in _NAME_PARTICLES]
        if not words:
            continue
        if any(w in known_words or any(k[:4] == w[:4] and abs(len(k) - len(w)) <= 2 for k in known_words)
               for w in words):
            continue
        return m.group(0)
    return ""


# (beginnings: « president » covers « présidente », « entraineu » « entraîneur » and « entraîneuse »)
_ROLES = ("capitaine", "president", "tresorier", "secretaire", "entraineu", "coach", "cheffe", "directeur",
          "directrice", "coordinateur", "coordinatrice", "animateur", "animatrice", "benevole", "intendant",
          "regisseu", "metteu", "programmateur", "programmatrice", "cheftaine", "moniteur", "monitrice",
          "educateur", "educatrice")


# « le trésorier a dit que… », « la présidente est venue… »: a club officer speaking or acting
_SPEAKER_RE = re.compile(r"\b(?:le|la|l|sa|son|leur)\s+(" + "|".join(_ROLES) + r")\w*\s+(?:a|ai|est|dit|disait"
                         r"|veut|voudrait|aimerait|souhaite|souhaiterait|ne|n|trouve|pense|explique|nous|m|attend"
                         r"|doit|cherche|prevoit|compte|envisage|demande|precise|affirme|reconnait|s(?! ils?\b)|hesite"
                         r"|organise|prepare|fabrique|commande|achete|avait|etait|y|en|le|la|lui|se|qui)\b")
# the same person under another name: « le coach » for « l'entraîneur » or « le professeur »
_SAME_ROLE = {"entraineu": ("coach", "professeu", "maitre", "moniteu", "monitrice", "educat"),
              "coach": ("entraineu", "professeu", "maitre", "moniteu", "monitrice", "educat"),
              "directeur": ("chef",), "directrice": ("chef",)}
# the notes name somebody by a role (« le trésorier », « la responsable », « un bénévole »): a learner who
# gives a name with no role another role may be guessing it (« Mme Texier » → « la présidente »)
_SOMEBODY = re.compile(r"\b(?:" + "|".join(_ROLES) + r"|visiteu|adherent|membre|parent|jardinier|professeu|maitre"
                       r"|responsable|vice|chef)\w*")


def stranger_role(analysis, known: str) -> str:
    """A club officer the reasoning has speak or act (« le trésorier a dit que… ») whom the notes
    never mention, while they name somebody else (« M. Lafage a fait le tour des stands »): the
    text reports someone else's words. What comes from the plan on is left out (« je rappellerai
    l'an prochain : le président nous dira s'il a changé d'avis »)."""
    text = analysis.text
    if analysis.action_spans:  # the reasoning, before the plan begins
        text = text[: min(a for a, _ in analysis.action_spans)]
    folded = _no_apostrophes(fold(text).lower())
    if not any(r[:5] in folded for r in _ROLES):
        return ""
    notes = _no_apostrophes(fold(known).lower())
    if not _SOMEBODY.search(notes):
        return ""
    for m in _SPEAKER_RE.finditer(folded):
        role = m.group(1)
        if role in notes or any(o in notes for o in _SAME_ROLE.get(role, ())):
            continue
        if len(folded) == len(text):  # the learner's own spelling (« la trésorière »)
            return text[m.start() : m.end(1)] + re.match(r"\w*", text[m.end(1) :]).group(0)
        return m.group(0).rsplit(" ", 1)[0]
    return ""


def known_text(observations: str, organisation: str | None = "") -> str:
    """What a file says of a contact: its notes, and its name when there is one."""
    return f"{observations} {organisation}" if organisation else observations


# The fewest words of one other contact's notes a text must name, more than of its own contact's,
# to read as that contact's justification.
ANOTHERS_WORDS = 2


@lru_cache(maxsize=64)
def _others_index(others: tuple[str, ...]) -> dict[str, list[int]]:
    """key (``_note_keys``) -> the contacts of the file (their index in ``others``, each once, in
    order) whose notes hold it: read once for a whole file of justifications, never changed."""
    index: dict[str, list[int]] = {}
    get = index.get
    for i, known in enumerate(others):
        for key in _note_keys(known):
            ids = get(key)
            if ids is None:
                index[key] = [i]
            else:
                ids.append(i)
    return index


def anothers_words(analysis, known: str, others: tuple[str, ...]) -> list[str]:
    """The words of the text that are one other contact's (``others``: what the file says of each
    of its contacts, this one's may be among them) and not this contact's (``known``), when the
    text names at least ``ANOTHERS_WORDS`` of them and more of them than of its own notes' words:
    the justification of another contact of the file, pasted or rewritten for this one. Only
    particular words count for the other contact (a product, a name, a figure of three digits or
    more, a plain word that is no verb form: « veulent », « aimerait » are anyone's); the plan's
    words count only when they are a name (« je rappelle M. Delpeyrat »)."""
    own_keys = _note_keys(known)
    index = _others_index(others)
    text = analysis.text
    own: set[str] = set()
    theirs: dict[int, dict[str, str]] = {}  # (norm -> surface, in the text's order)
    anybodys = index.keys()
    for tok in analysis.toks:
        w = tok.norm
        digit = w.isdigit()
        if len(w) < (2 if digit else 5):
            continue
        keys = (w, tok.lemma, w[:5], w.rstrip("s"))
        mine = not own_keys.isdisjoint(keys)
        if not mine and anybodys.isdisjoint(keys):
            continue  # nobody's word (the cheap tests first: most words are nobody's)
        if not digit and (w in L.STOPWORDS or w.startswith(_GENERIC_PREFIXES)
                          or w.replace("-", "").startswith(L.GENERIC_THINGS)):
            continue
        surface = text[tok.start : tok.end]
        named = _named(text, tok.start, surface)
        if not named and any(a <= tok.start < b for a, b in analysis.action_spans):
            continue
        if mine:
            own.add(w)
            continue
        if digit and len(w) < 3 or not named and not digit \
                and tok.lemma != w and tok.lemma.endswith(("er", "ir", "oir", "re")) and not _thing(w):
            continue  # a day of the month, a verb form: anyone's
        for i in set().union(*(index.get(k, ()) for k in keys)):
            if others[i] != known:
                theirs.setdefault(i, {}).setdefault(w, surface)
    best = max(theirs.values(), key=len, default={})
    return list(best.values()) if len(best) >= ANOTHERS_WORDS and len(best) > len(own) else []


def detect(justification: str, observations: str, analysis=None, salon=None, organisation: str = "",
           read=None) -> list[Pattern]:
    """Patterns of ``justification`` (see the module docstring), strongest first.

    ``analysis`` is ``analysis.analyse(justification, salon)`` (needed for the contact checks);
    ``organisation``, the contact's name in the contacts file: a text naming it speaks of this
    contact, though the notes do not spell it out. ``read``: see ``_pasted``. (A justification
    naming another contact's words of the same file, ``anothers_words``, is checked by the scorer
    once the evidence point would be given: it alone knows the file.)
    """
    text = justification or ""
    if not text.strip():
        return []
    raw_words = _LETTERS.findall(text.lower())
    if _language(raw_words) != "fr":
        return [Pattern("not_french", "", 0.9)]
    out: list[Pattern] = []
    if _keyword_list(text):
        out.append(Pattern("keywords", "", 0.85))
        return out
    if observations and _pasted(text, observations, salon, analysis.action_spans if analysis is not None else None,
                                read):
        out.append(Pattern("pasted", "", 0.9))
        return out
    if observations and analysis is not None:
        known = known_text(observations, organisation)
        foreign, matched, by_family = foreign_facts(analysis, known, salon)
        stranger = stranger_named(text, known) or stranger_role(analysis, known)
        # (computed only when a check below reads it: the first two read it never, the third only
        # when matched == by_family, the fourth only when foreign and matched == 0)
        missing, found = content_match(analysis, known) if not stranger \
            and not (len(foreign) >= 2 and len(foreign) >= 2 * matched) \
            and (matched == by_family or (foreign and matched == 0)) else ([], 0)
        if stranger:
            out.append(Pattern("other_contact", stranger, 0.8))
        elif len(foreign) >= 2 and len(foreign) >= 2 * matched:
            out.append(Pattern("other_contact", ", ".join(foreign[:3]), 0.75))
        elif matched == by_family and (len(missing) >= 3 and found == 0 and (len(missing) >= 6 or _particular(analysis, missing))
                               or len(missing) >= 2 and found == 0 and _reason_of_another(analysis, missing, known)):
            # (a product, an event or a date the notes give, named as they do, « sacs », is this
            # contact's; a neighbour of the family, « blousons » for « sweats », may be another's)
            # nothing particular the notes say, and something particular of its own: a name,
            # a product, a figure, a funding (plain words of one's own are a paraphrase:
            # « satisfaits du prestataire qui les habille depuis une décennie »)
            out.append(Pattern("other_contact", ", ".join(missing[:3]), 0.7))
        elif foreign and matched == 0 and (_note_things(observations) or (len(missing) >= 2 and found == 0)):
            # a product, an event or a date of someone else's while the notes name their own,
            # and none of these: « sacs brodés » for a contact who wants kimonos (weaker: the
            # teacher reviews it, a learner may have misnamed the product)
            out.append(Pattern("other_contact", ", ".join(foreign[:3]), 0.55))
        facts = absent_facts(analysis, observations)
        if facts:
            out.append(Pattern("absent_fact", facts[0], 0.75))
    return out
