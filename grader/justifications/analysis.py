"""Read a justification: what it claims about the contact and what the learner plans to do.

The analysis knows nothing about the answer key. It reports:

- interest claims: interest stated (« intéressé », « veut », « projet de… »), interest
  denied (« pas intéressé », « aucun besoin », « déjà un prestataire »), interest that is over
  (« intéressés il y a deux ans ») and interest « pas tout de suite » (a timing, not a no);
- timing claims about the project, each resolved against the salon date by
  ``prospection.texte.temps`` (court / moyen_long / ambigu), leaving out the dates that belong
  to the learner's own plan (« relancer en mai ») and past ones;
- the learner's actions (call, meeting, quote, documentation, keeping the record, later
  campaign), each with its urgency (« en priorité », « dès demain ») or delay (« plus tard »,
  « à l'approche de l'échéance »), leaving out what the contact asked for (« il demande un
  devis »);
- the class words the text uses (froid / tiède / chaud), negated ones excluded.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from datetime import date, timedelta

from prospection.texte.francais import fold
from grader.horizon import classify_range
from prospection.texte.temps import NUMBERS as NUMBER_WORDS, court_terme_limit, find_time_expressions

from . import lexicon as L
from prospection.texte.phrases import Hit, Text, Tok
from prospection.texte.abreviations import expand

__all__ = ["Action", "Claim", "Analysis", "analyse", "interest_objects", "note_words",
           "dates_not_in_notes"]


@dataclass(frozen=True)
class Claim:
    kind: str  # "court" | "moyen_long" | "ambigu"
    text: str
    start: int
    confidence: float
    explicit: bool = False  # a calendar date (« 1er octobre », « 30/09 », « juin 2027 »)
    # The date of a step before the purchase (a vote, a meeting, a reply: « budget voté en
    # juin »), not the project's own: it may back the project's timing, never contradict it.
    secondary: bool = False


@dataclass(frozen=True)
class Action:
    kind: str  # call | meeting | quote | docs | record | campaign
    text: str
    start: int
    timing: str  # "urgent" | "later" | "campaign" (a later campaign) | ""


@dataclass
class Analysis:
    interest: list[str] = field(default_factory=list)
    interest_objects: list[str] = field(default_factory=list)
    interest_later: list[str] = field(default_factory=list)  # « pas intéressé tout de suite »
    liking: list[str] = field(default_factory=list)  # the part of ``interest`` that is only taste
    past_interest: list[str] = field(default_factory=list)
    disinterest: list[str] = field(default_factory=list)
    no_budget: list[str] = field(default_factory=list)
    # Interest denied for the short term only (« aucun achat à court terme »): no interest now
    # for a cold contact, no contradiction for a warm one (the timing says « not soon »).
    not_soon: list[str] = field(default_factory=list)
    # Denials followed, in their sentence, by « mais » and the contact's interest (« il n'avait
    # pas de projet en arrivant, mais il a évoqué des maillots »): the sentence ends on the
    # interest — no refusal for a warm contact. They stay in ``disinterest`` for a cold one.
    then_interest: list[str] = field(default_factory=list)
    # « elle aime les gourdes, mais rien de prévu »: interest, then no project yet — no date and
    # no hurry for a lukewarm contact; a denial for a cold one (kept in ``disinterest``).
    no_project_yet: list[str] = field(default_factory=list)
    # Purchases made elsewhere (« achète tout à l'armurerie »): a supplier, a fact to check.
    elsewhere: list[str] = field(default_factory=list)
    timing: list[Claim] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    hedged_classes: list[str] = field(default_factory=list)  # « j'ai hésité avec chaud »
    # Classes the text declares as its own conclusion (« je classe ce contact chaud », « donc
    # tiède », « je préfère le traiter en chaud »): in a long argued answer, the class the learner
    # chose stands when it is the only one declared, whatever others the reasoning names.
    declared: list[str] = field(default_factory=list)
    n_words: int = 0
    # Clauses that read like an instruction (« faire la propo », « leur répondre ») but hold
    # no action the lexicon knows: the grader may be missing a word, so the teacher looks.
    unknown_instructions: list[str] = field(default_factory=list)
    # Calendar dates the text states about the project: (text, first day, last day).
    dates: list[tuple[str, date, date]] = field(default_factory=list)
    # Month names without a year (« en février »), resolved: facts to compare with the notes.
    months: list[tuple[str, date, date]] = field(default_factory=list)
    content_words: set[str] = field(default_factory=set)
    # The days each dated timing claim covers, by the claim's start: (first day, last day).
    claim_days: dict[int, tuple[date, date]] = field(default_factory=dict)
    # Character spans (in the SMS-expanded text) from each learner action to its clause end.
    action_spans: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # the SMS-expanded text the offsets refer to
    toks: list = field(default_factory=list)  # its tokens (``matcher.Tok``)

    # --- summaries -------------------------------------------------------------------
    @property
    def has_interest(self) -> bool:
        return bool(self.interest or self.interest_later)

    def timing_kinds(self) -> set[str]:
        return {c.kind for c in self.timing}

    def urgent_actions(self) -> list[Action]:
        """Fast moves: urgent calls, meetings or quotes; a quote with no time of its own counts
        only next to a fast step (« je lui enverrai le devis » alone says not when)."""
        fast = [a for a in self.actions if a.kind in ("call", "meeting", "quote") and a.timing == "urgent"]
        bare = [a for a in self.actions if a.kind == "quote" and a.timing == ""]
        return fast + bare if fast else fast

    def later_actions(self) -> list[Action]:
        return [a for a in self.actions if a.kind == "campaign" or (
            a.timing in ("later", "campaign") and a.kind in ("call", "meeting", "quote"))]

    def followups(self) -> list[Action]:
        """Calls or meetings that are not urgent (later or undated), campaigns aside."""
        return [a for a in self.actions if a.kind in ("call", "meeting")
                and a.timing not in ("urgent", "campaign")]

    def meetings(self) -> list[Action]:
        return [a for a in self.actions if a.kind == "meeting"]

    def keep_in_touch(self) -> list[Action]:
        return [a for a in self.actions if a.kind in ("docs", "record", "campaign")]


def _same_clause(text: Text, a: int, b: int) -> bool:
    lo, hi = (a, b) if a <= b else (b, a)
    bounds = text.bounds  # sorted: no boundary in [lo, hi)
    return bisect_left(bounds, lo) == bisect_left(bounds, hi)


def _our_condition(text: Text, first: int, pos: int) -> bool:
    """« si on / si nous / si je » in the six words before ``first``, in the clause of ``pos``:
    a condition on the learner's side (« si on ne répond pas très vite, il ira ailleurs »)."""
    toks = _clause_toks(text, max(0, first - 6), first, pos)
    return any(a.norm == "si" and b.norm in ("on", "nous", "je", "j") for a, b in zip(toks, toks[1:]))


def _clause_toks(text: Text, lo: int, hi: int, pos: int) -> list[Tok]:
    """The words of ``text.toks[lo:hi]`` in the clause of ``pos`` (those ``x`` for which
    ``_same_clause(text, x.start, pos)``: no boundary lies between them and ``pos``)."""
    return text.toks[slice(*_clause_window(text, lo, hi, pos))]


def _clause_norms(text: Text, lo: int, hi: int, pos: int) -> list[str]:
    """The normalised forms of ``_clause_toks(text, lo, hi, pos)``."""
    return text.norms[slice(*_clause_window(text, lo, hi, pos))]


def _clause_window(text: Text, lo: int, hi: int, pos: int) -> tuple[int, int]:
    """The bounds of ``_clause_toks`` in ``text.toks``: the tokens are in text order, so those
    of ``lo:hi`` that start inside the clause of ``pos`` (its ends included) are a run of them,
    found by bisection instead of testing each (``lo`` is never negative)."""
    c_start, c_end = text.clause_of(pos)  # (the boundaries around ``pos``: found once)
    starts = text.starts
    return max(lo, bisect_left(starts, c_start)), min(hi, bisect_right(starts, c_end))


_PLAN_AFTER_COMMA = re.compile(r"[,+]\s*$")
_PLAN_VERBS = ("propos", "envoy", "enverr", "fix", "cal", "organis", "prepar", "transmet",
               "adress", "faire", "fais", "planifi", "programm", "obten")


def _learner_before(text: Text, hit: Hit, c_start: int, n: int) -> bool:
    """A plan verb or the learner as subject in the ``n`` words before ``hit``, from the clause
    start ``c_start`` (« je propose la visite », « envoyer les tarifs »): the noun is the plan's."""
    return any(x.norm.startswith(_PLAN_VERBS) or x.norm in L.LEARNER_SUBJECT
               for x in text.toks[max(0, hit.first - n) : hit.first] if x.start >= c_start)


def _requested(text: Text, hit: Hit, requests: list[Hit], interests: list[Hit]) -> bool:
    """The action word reports what the contact asked for (« veut être rappelé »)."""
    if hit.last < len(text.toks) and text.toks[hit.last].norm.startswith(("demande", "souhaite", "attendu", "reclame")):
        # « devis demandé sous quinze jours »; but « proposer le rendez-vous demandé » is the plan
        before = _clause_norms(text, max(0, hit.first - 3), hit.first, hit.start)
        return not any(w.startswith(_PLAN_VERBS) for w in before)
    for r in requests + interests:
        gap = 4 if r in requests else 2
        if r in interests and any(c in text.raw[r.end : hit.start] for c in ",+"):
            continue
        if r in requests and _PLAN_AFTER_COMMA.search(text.raw[r.end : hit.start]):
            continue  # « veut commander avant mi-juin, tél. lundi »: the plan starts after the comma
        if r.last <= hit.first and hit.first - r.last <= gap and _same_clause(text, r.start, hit.start):
            between = set(text.norms[r.last : hit.first])
            lead = set(_clause_norms(text, max(0, r.first - 3), r.first, r.start))
            if r in interests and lead & {"je", "j", "nous"}:
                continue  # « je confirme la commande par téléphone »: the learner's plan
            if not between & L.LEARNER_SUBJECT:
                return True
    return False


_LEAD_WORDS = {"il", "faut", "on", "doit", "devra", "je", "vais", "va", "a", "lui", "leur", "le",
               "la", "les", "l", "y", "en", "vite", "donc", "puis", "et", "ensuite", "bien", "tout",
               "d", "abord", "me", "se", "nous", "dois", "devons", "allons", "pour"}
_NOT_VERBS = {"entre", "notre", "votre", "autre", "premier", "dernier", "decembre", "novembre",
              "octobre", "septembre", "fevrier", "janvier", "hiver", "contre", "pour", "leur",
              "sur", "etre", "avoir", "centre", "lettre", "titre", "ordre", "offre",
              "chiffre", "nombre", "membre", "cadre", "theatre", "super", "dossier", "fichier",
              "courrier", "calendrier", "atelier", "budget", "plaisir", "avenir", "loisir"}
_NOT_NEGATING = {"avant", "encore", "tout", "pour", "que", "tres", "si", "seulement"}
_NEG_WORDS = {"pas", "aucun", "aucune", "rien", "plus", "jamais", "ne", "n", "sans", "ni", "nul"}
_DOC_WORDS = {"documentation", "doc", "docs", "brochure", "brochures", "plaquette", "plaquettes",
              "catalogue", "catalogues", "depliant", "prospectus", "documentations", "newsletter",
              "lettre", "carte"}


_LIKING = ("aim", "ador", "apprec", "seduit", "emball", "enthousias", "plai", "envie", "kiff", "trouv", "coup")
_CONTACT_SUBJECT = {"a", "ont", "il", "elle", "ils", "elles", "le", "la", "les"}
_RECORD_PLACES = {"fiche", "fiches", "crm", "sic", "fichier", "fichiers", "base", "newsletter"}
_ACTION_LABEL_RE = re.compile(r"\b(?:actions?|suite|a faire|suivi|relances?)\s*[:=]")
# In a form with an « Action : » line, the lines headed by a fact of the contact (« Délai : devis
# avant Noël ») report what the contact expects; the plan is on the action line.
_FACT_LINE_RE = re.compile(r"(?m)(?:^|\s[/|–—-]\s)[ \t\-•*]*(?:delais?|echeances?|besoins?|budgets?|evenements?"
                           r"|contexte|dates?|interets?|projets?|timing|urgence|calendrier|situation|constat)"
                           r"\s*[:=](?:(?!\s[/|–—-]\s|=>|\w+\s*:|,\s*(?:je|j'|nous|on)\b)[^\n;])*")
_LABEL_NO_RE = re.compile(
    r"\b(?:interet|interets|interess\w*|besoin|besoins|projet|projets)(?:[\s/']+\w+){0,3}?\s*[:=?]\s*"
    # (« État du projet : non décidé » is pending, not a no)
    r"(?:aucun\w*|non(?!\s+(?:decide|defini|fixe|vote|valide|date|arrete|tranche|encore)\w*)|nul\w*|pas\b|neant|rien|0\b"
    r"|couvert\w*|deja couvert\w*|ni\b)"
    # (« Commande : pas avant septembre » is a date, not a no: these headings take a plain no)
    r"|\b(?:changement\w*|achats?|commandes?|renouvellement\w*)(?:[\s/']+\w+){0,3}?\s*[:=?]\s*"
    r"(?:aucun\w*|non\b|neant|rien\b)"
    r"|\b(?:interet|besoin|besoins|projet)\s+(?:0|nul|zero)\b")  # « besoin 0 »


# (speed only) what every match of ``_LABEL_NO_RE`` holds: « : », « = » or « ? » after its
# heading, or the heading then « 0 », « nul », « zero »
_LABEL_ZERO = re.compile(r"(?:interet|besoins?|projet)\s+(?:0|nul|zero)")


def _may_answer_no(folded: str) -> bool:
    """False only when ``_LABEL_NO_RE`` cannot match ``folded``."""
    return ":" in folded or "=" in folded or "?" in folded or _LABEL_ZERO.search(folded) is not None


_HEADING_LEAD = re.compile(r"(?:[\w'’]+[ \t]*){0,2}$")
_FOR_NOW = re.compile(r"\s*(?:pour\s+l'instant|pour\s+le\s+moment|pour\s+l'heure|a\s+ce\s+jour|encore|actuellement)\b")


def _not_before(text: Text, hit: Hit) -> bool:
    """« pas de projet avant X », « ne la relancerai pas avant X »: not now, later."""
    for tok in text.toks[hit.last : hit.last + 4]:
        if tok.norm == "avant":  # (the word after « avant » may end the sentence: « … avant 2028. »)
            return _same_clause(text, hit.start, tok.start)
    return False


_POSSESSIVE = {"sa", "son", "ses", "leur", "leurs"}
_PURCHASE = ("achet", "renouvel", "equipe", "command", "remplace", "chang")
# Where the purchase was made: another supplier, or the contact's own (« chez son fournisseur »,
# « auprès de leur équipementier »): either way not from us.
_ELSEWHERE_RE = re.compile(
    r"\b(?:(?:chez|aupres d[eu]s?) (?:(?:un|une|leur|son|sa|ses|leurs) )?(?:autres? fournisseurs?|concurrent\w*|autres? prestataires?|equipementier\w*|fournisseurs?|prestataires?|presta\b|imprimeu\w*|brodeu\w*)"
    r"|ailleurs|sur internet|en ligne|chacun de (?:son|leur) cote|de (?:leur|son) cote"
    r"|chez (?:le|les|un|des|leur) (?:commer\w+|detaillant\w*|revendeur\w*)"
    r"|(?:a l['’ ]?|au |aux |a la )(?:armurerie|magasin|boutique|supermarche|hypermarche|grande surface|mercerie|cooperative|centrale d achat)\w*)")


_REJECTION_RE = re.compile(
    r"\b(?:inutile\w*|prematur\w*|pas la peine|pas besoin de|ne servirait|serait une erreur|"
    r"eviter de|hors de question|pas question|contre-?productif\w*|trop tot"
    # « un devis aujourd'hui n'aurait pas de sens »
    r"|n\W?(?:aurait|aurai|a) (?:aucun|pas de) sens|(?:aurait|a) peu de sens)\b")


def _rejected(text: Text, hit: Hit) -> bool:
    """An action the learner sets aside in its own clause: « un rappel rapide serait inutile »,
    « il serait prématuré de lui envoyer un devis », « pas la peine de le relancer »."""
    c_start, c_end = text.clause_of(hit.start)
    # within the commas around the action: « pas la peine de la rappeler, j'enregistre la fiche »
    # sets the call aside, not the record
    before = text.raw.rfind(",", c_start, hit.start)
    after = text.raw.find(",", hit.end, c_end)
    lo = before + 1 if before >= 0 else c_start
    hi = after if after >= 0 else c_end
    return bool(_REJECTION_RE.search(fold(text.raw[lo:hi])))


# after a purchase: bought for oneself or one's family, not for the organisation
_FOR_ONESELF_RE = re.compile(r"\W+(?:(?:a|au|de|du|d|un|une|des|le|la|ce|cet|cette|son|sa|titre|juste|seulement|simplement"
                             r"|\d+|\W)+\s)?(?:\w+\s+){0,2}?(?:(?:pour|pr|a) (?:lui|elle|soi)(?:[- ]meme)?(?:\s+perso)?"
                             r"(?=\s*(?:[.,;:!?)\n]|$|et\b|mais\b|car\b))|(?:pour|pr) (?:lui|elle|soi)[- ]meme\b"
                             r"|(?:pour|pr) (?:son|sa|ses) (?:petit|petite|fils|fille|femme|mari|famille|enfant|usage|compte)\b)")
# a purchase « perso », « à titre personnel » (after « achat » only: « des articles perso » are personalised)
_PERSONAL_RE = re.compile(r"\W+(?:(?:a|au|de|du|d|un|une|titre|\W)+\s)?(?:perso|personnel|personnelle|prive|privee)\b")
_CLOTHES = ("vetement", "tenue", "habit", "pull", "manteau", "blouson", "bonnet", "chaussette")
# « le salon du livre », « du vin »…: a salon of the contact's, not the one where we met
_OTHER_SALONS = frozenset("livre livres vin vins jeu jeux modelisme terroir miel chocolat artisanat collection "
                          "collections".split())
# « (le salon) s'est tenu en », « a eu lieu le »: the salon's own date follows
_SALON_HELD = re.compile(r"\s*(?:s\W?est\s+(?:tenu|deroule)|a\s+eu\s+lieu|avait\s+lieu|se\s+tenait|se\s+deroulait"
                         r"|etait)e?s?\s+(?:en\s+|le\s+|au\s+|a\s+|mi\W?|debut\s+|fin\s+|courant\s+)?$")
# « le classer chaud … serait une erreur », « le mettre en froid serait exagéré »: a class considered, then set aside
_CLASSING_VERBS = frozenset("classer mettre ranger placer considerer qualifier passer basculer".split())
_WRONG_CHOICE_RE = re.compile(r"[^.;!?]*?\bserai(?:t|ent)\s+(?:(?:tout\s+a\s+fait|vraiment|clairement)\s+)?"
                              r"(?:une\s+erreur|une\s+faute|exagere|excessif|premature|faux|abusif)")


def _learners_pace(t: Text, first: int, start: int) -> bool:
    """A pace word with the learner (or « il faut ») as its subject, within the four words before
    it in its clause (« je ne compte pas attendre », « il faut faire vite »): the plan's pace."""
    return not {"je", "j", "nous", "faut"}.isdisjoint(_clause_norms(t, max(0, first - 4), first, start))


_VISIT_NOUNS = ("visite", "passage", "rencontre")
_AT_STAND_RE = re.compile(r"^\W*(?:de |par |en )?(?:simple |pure )?curiosite|^\W*d\W?une? (?:simple |pur |vrai )?curieu|^\W*(?:au|du|sur (?:le|notre)|a (?:notre|son)) stand"
                           r"|^\W*(?:perso|personnelle|privee|en famille|(?:au|du|sur le) salon)\b")


def _event_gathering(text: Text, hit: Hit) -> bool:
    """« les rencontres internationales », « pour les rencontres de juin »: the contact's event (a
    gathering, plural), no meeting planned."""
    if text.toks[hit.first].norm.startswith("rencontre") and hit.last < len(text.toks) \
            and text.toks[hit.last].norm.startswith(_GATHERING_KINDS):
        return True  # « la rencontre nationale d'août 2027 »: an event of the contact's
    return text.toks[hit.first].norm == "rencontres" and hit.first > 0 \
        and text.toks[hit.first - 1].norm in ("les", "des", "aux", "ses", "leurs", "ces")


# (« inter » for « internationale », « interclubs »)
_GATHERING_KINDS = ("national", "regional", "inter", "departemental", "annuel", "amical", "sportiv", "europeen",
                    "mondial")


def _business_card(text: Text, hit: Hit) -> bool:
    """« une carte de visite »: a card, no visit."""
    return hit.first >= 2 and text.toks[hit.first - 1].norm == "de" and text.toks[hit.first - 2].norm.startswith("carte")


_MONTH_OR_YEAR = re.compile(r"\s+(?:de|d'|du)\s*(?:(?:debut|fin|mi)[\s-]+)?(?:" + "|".join(L.MONTHS) + r"|20\d\d)\b")


def _dated_event(text: Text, hit: Hit) -> bool:
    """« la campagne de juin 2027 » (of blood donation): the contact's event, no campaign of ours."""
    before = set(text.norms[max(0, hit.first - 3) : hit.first])
    clause = _clause_norms(text, max(0, hit.first - 8), hit.first, hit.start)
    if {"notre", "nos", "prochaine"} & before or any(w.startswith(_PLAN_VERB_STEMS) for w in clause):
        return False  # « je le relancerai pour la campagne de janvier », « notre campagne de juin »: ours
    return bool(before & {"pour", "vise", "visent", "prepare", "preparent"}) \
        and bool(_MONTH_OR_YEAR.match(fold(text.raw), hit.end))  # (« lors de la campagne de 2028 »: ours)


def _met_at_salon(text: Text, hit: Hit) -> bool:
    """« l'adhérent rencontré »: the one met at the salon, no meeting planned (« je l'ai
    rencontré », « sera rencontré » keep their verb); « depuis notre rencontre »: the salon's."""
    if text.toks[hit.first].norm == "rencontre" and hit.first and text.toks[hit.first - 1].norm in ("notre", "nos"):
        return True
    return text.toks[hit.first].norm.startswith("rencontr") and hit.first > 0 \
        and text.raw[hit.start : hit.end].endswith(("é", "ée", "és", "ées")) \
        and text.toks[hit.first - 1].norm not in ("a", "ai", "avons", "ont", "j", "je", "etre", "sera", "soit", "l", "le", "la")


def _contact_visit(text: Text, hit: Hit) -> bool:
    """« Simple visite de curiosité », « sa visite au stand »: the contact's visit at the salon,
    not a meeting the learner plans."""
    if not text.toks[hit.first].norm.startswith(_VISIT_NOUNS):
        return False
    return bool(_AT_STAND_RE.search(fold(text.raw[hit.end : hit.end + 30])))


_RENEWED_RE = re.compile(r"(?:renouvel[eé]e?s?|remplacée?s?|changée?s?|rachetée?s?)", re.IGNORECASE)
_RENEWAL = ("renouvel", "remplac", "chang", "equip", "rachet", "command")


def _renewed(text: Text, hit: Hit) -> bool:
    """A renewal already done (« tenues renouvelées », « a remplacé ses maillots », « vient de
    tout changer »): the need is covered, a weak sign of no purchase (never a contradiction)."""
    tok = text.toks[hit.first]
    if hit.last - hit.first != 1 or not tok.norm.startswith(_RENEWAL):
        return False
    before = text.norms[max(0, hit.first - 4) : hit.first]
    if {"veut", "veulent", "voudrait", "souhaite", "faut", "doit", "doivent", "va", "vont"} & set(before):
        return False  # « veut faire remplacer », « doit changer »: a wish or a plan
    if tok.norm.startswith("command"):
        # « polos déjà commandés », « il vient de tout commander »: bought, the need is covered
        return "deja" in before and tok.norm.endswith(("e", "es", "ee", "ees")) or bool(
            {"vient", "viennent"} & set(before)) and tok.norm.endswith("er")
    if tok.norm.startswith("equip"):
        # « vient d'être équipé », « a été équipé », « déjà équipés », « équipés par un sponsor »,
        # « vient d'équiper tous ses licenciés »
        if {"vient", "viennent"} & set(before) and tok.norm.endswith("er"):
            return True
        after = text.toks[hit.last].norm if hit.last < len(text.toks) else ""
        return tok.norm.endswith(("e", "es", "ee", "ees")) and bool(
            {"vient", "viennent", "ete", "deja", "bien", "entierement", "tout", "sont", "est"} & set(before) or after == "par")
    if _RENEWED_RE.fullmatch(text.raw[tok.start : tok.end]):
        return True
    return bool({"vient", "viennent", "venons"} & set(before)) and tok.norm.endswith("er")


# goods just received (« l'amicale vient de recevoir des polos du département »): the need is
# covered, like a renewal (money just received is no such thing: the word must be goods)
# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_JUST_RECEIVED_RE = re.compile(r"v(?<!\w.)(?:ient|iennent|enons)\s+d[e']?\s*(?:recevoir|obtenir|toucher)\s+"
                               r"(?:des|ses|leurs|de\s+nouveaux|de\s+nouvelles|\d+)\s+(?:nouveaux\s+|nouvelles\s+)?([a-z]+)")
_CLOSURE = ("cess", "arret", "ferm", "dissou", "activite", "disparu", "faillite")
_SUPPLIER_WORDS = ("fournisseur", "prestataire", "presta", "equipementier", "concurrent", "magasin",
                   "boutique", "imprimeur", "brodeur")


def _suppliers_closure(text: Text, hit: Hit) -> bool:
    """A closure phrase whose subject is a supplier (« leur fournisseur a cessé son activité »,
    « le magasin va fermer »)."""
    words = text.norms[hit.first : hit.last]
    if not any(w.startswith(_CLOSURE) for w in words):
        return False
    c_start = text.clause_of(hit.start)[0]
    before = [x.norm for x in text.toks[max(0, hit.first - 4) : hit.first] if x.start >= c_start]
    return any(w.startswith(_SUPPLIER_WORDS) for w in before)


def _bought_elsewhere(text: Text, hit: Hit) -> bool:
    """A purchase made elsewhere, done or habitual: « vient d'acheter … chez un autre
    fournisseur », « les chasseurs achètent leurs vêtements à l'armurerie »."""
    first = hit.first + 1 if text.toks[hit.first].norm == "s" and hit.last - hit.first > 1 else hit.first
    word = text.toks[first].norm  # « s'équiper »: the verb after the pronoun
    if not word.startswith(_PURCHASE) or not word.endswith(("e", "es", "ee", "ees", "er", "ent")):
        return False
    before = text.norms[max(0, first - 4) : first]
    if "avant" in before:
        return False  # « avant qu'il commande ailleurs »: what the plan forestalls
    wider = _in_sentence_before(text, first, 8, text.toks[first].start)
    if {t.norm for t in wider} & {"si", "sinon", "risque", "risquent", "pourrait", "pourraient"}:
        return False  # « si on attend, la commande part ailleurs »: a risk, not a fact
    # done or habitual (« a acheté », « achètent chacun … à l'armurerie »), not a wish (« acheter »)
    past = word.endswith(("e", "es", "ee", "ees", "ent")) and not word.endswith("er") or "vient" in before \
        or "viennent" in before
    if not past:
        return False
    c_start, c_end = text.clause_of(hit.start)
    if _FAILED_RE.search(fold(text.raw[c_start:c_end])):
        return False  # « la commande passée chez un autre fournisseur a été perdue »: a need, not served
    return bool(_ELSEWHERE_RE.search(fold(text.raw[hit.end : c_end])))


# what went wrong with another supplier (« commande perdue », « fournisseur défaillant »)
_FAILED_RE = re.compile(r"\b(?:perdue?s?|annulee?s?|defaill\w*|en faillite|jamais (?:ete )?livree?s?|pas ete livree?s?"
                        r"|jamais arrivee?s?|ne repond plus|arrete (?:ce|le|son) modele)\b")
_PUNCT_INSIDE = re.compile(r"[,;:.!?()]")
_SENTENCE_END = re.compile(r"[.;!?\n]")
_SENTENCE_END_CHARS = ".;!?\n"  # (the characters of ``_SENTENCE_END``)


def _in_sentence_before(text: Text, first: int, n: int, end: int) -> list[Tok]:
    """The (up to ``n``) words before token ``first`` with no sentence end between them and
    ``end``: those that end after the last sentence end before ``end``."""
    window = text.toks[max(0, first - n) : first]
    if not window:
        return window
    stop = max(map(text.raw.rfind, _SENTENCE_END_CHARS, repeat(window[0].end), repeat(end)))
    return [x for x in window if x.end > stop]
_AVANT_ALONE = re.compile(r"\s+avant\s*(?:[,.;:)]|$)")
_YEAR = re.compile(r"20\d\d")
# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_SHORT_SEASON_RE = re.compile(r"saison(?<!\w.{6})\s+(\d{2})\s*[-/]\s*(\d{2})\b")
_FAR = {"plusieurs", "longtemps", "annees", "des", "nombreuses", "jamais"}


def _far_horizon(text: Text, hit: Hit) -> bool:
    """« … avant plusieurs années », « avant longtemps »: a horizon out of sight."""
    following = text.norms[hit.last : hit.last + 4]
    if "avant" not in following:
        return False
    after = following[following.index("avant") + 1 :]
    return bool(after) and (after[0] in ("plusieurs", "longtemps", "nombreuses")
                            or after[:2] == ["des", "annees"])


def _not_now_but(text: Text, hit: Hit) -> bool:
    """« je ne la relance pas tout de suite, mais en janvier »: the plan is put off, not dropped."""
    words = [x.norm for x in text.toks[hit.last : hit.last + 9]
             if not _SENTENCE_END.search(text.raw, hit.end, x.start)]
    now = any(w in ("maintenant", "immediatement") or (w == "tout" and words[i + 1 : i + 3] == ["de", "suite"])
              for i, w in enumerate(words))
    return now and "mais" in words


def _after_not_before(text: Text, hit: Hit) -> bool:
    """The hit follows « pas avant » (« je ne la relancerai pas avant la prochaine campagne »)."""
    words = text.norms[max(0, hit.first - 4) : hit.first]
    return any(w == "avant" and i and words[i - 1] in ("pas", "rien", "jamais")
               for i, w in enumerate(words))


def _negation_just_before(text: Text, pos: int) -> bool:
    """A negation word among the 4 words before ``pos`` in the same clause (no « mais »)."""
    before = [t for t in text.toks if t.end <= pos][-4:]
    before = [t for t in before if _same_clause(text, t.start, pos)]
    words = [t.norm for t in before]
    if "mais" in words:
        words = words[len(words) - words[::-1].index("mais"):]
    return any(w in ("pas", "rien", "jamais", "aucun", "aucune") for w in words)


# Negation words that deny no interest: « pas encore choisi » (pending), « rien ne bloque
# l'achat », « rien ne s'oppose à la commande » (the obstacle denied).
_PENDING = {"encore"}
_DURATION_WORDS = {"jour", "jours", "semaine", "semaines", "mois", "an", "ans", "annee", "annees", "temps", "longtemps",
                   "date", "delai", "echeance"}  # (« sans date de commande »: the date is what is missing)
_OBSTACLES = {"bloque", "bloquer", "bloquent", "empeche", "empechent", "freine", "freinent",
              "oppose", "opposent", "retient", "retiennent", "retarde", "retardent", "gene", "genent",
              "manque"}
_OBSTACLE_NOUNS = ("frein", "obstacle", "blocage", "souci", "probleme", "difficulte", "empechement", "doute")
_FAR_WORDS = {"lointain", "lointaine", "lointains", "lointaines", "eloigne", "eloignee"}


def _accompanying(text: Text, hit: Hit, by_tag: dict) -> bool:
    """A quote noun that goes with another plan (« je le relance en octobre avec une maquette »)
    or names the contact's own things (« venus pour les maquettes du voisin »): not a plan of
    its own."""
    before = _clause_norms(text, max(0, hit.first - 3), hit.first, hit.start)
    if "avec" in before and any(o.start < hit.start and _same_clause(text, o.start, hit.start)
                                for tag in ("call", "meeting") for o in by_tag.get(tag, [])):
        return True
    if text.toks[hit.first].norm.startswith("maquette"):
        return not any(x.startswith(_SHOWING + ("envo", "prepar", "adress", "transmet")) for x in before)
    return False


_SHOWING = ("propos", "organis", "fair", "fais", "prevo", "offr", "planifi", "montr", "program")


def _seen_demo(text: Text, hit: Hit) -> bool:
    """« venues pour la démonstration »: a demonstration the contact watched, not one the
    learner plans (that one has a verb: « lui proposer une démo »)."""
    if not text.toks[hit.first].norm.startswith("demo"):
        return False
    return not any(x.norm.startswith(_SHOWING) for x in text.toks[max(0, hit.first - 3) : hit.first])


# A form-style answer after a criterion: « Urgence ? Aucune. », « pressé, non »
_ANSWERED_NO = re.compile(r"\s*[,:?=]\s*(?:non\b|aucune?\b|pas\b|nulle?\b|0\b)|\s+(?:non|nulle?)\b")
_REFUSED = {"refuse", "refusee", "refuses", "refusait", "decline", "declinee", "repousse"}
_TAKEN = {"pris", "prise", "prises", "emporte", "emportee", "emportes", "emportees", "recupere", "recuperee",
          "recuperes", "recu", "recue", "recus"}
_CONCESSIVE = {"meme si", "bien que", "certes", "quoique", "meme s"}
_CONDITION = {"tant que", "tant qu", "sans que", "avant que", "avant qu"}


def _lead_in(text: Text, hit: Hit) -> set[str]:
    """Two-word openers (« même si », « tant que ») among the fourteen words before ``hit``, in
    its sentence."""
    before = _in_sentence_before(text, hit.first, 14, hit.start)
    words = [x.norm for x in before]
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


_NOT_TOPICAL = ("pas d actualite", "rien de concret", "sans rien de concret", "rien cette annee", "pas a l ordre du jour",
                "rien a l ordre du jour", "plus a l ordre du jour", "pas une priorite", "pas la priorite")
# « il ne veut pas recevoir le devis après la fin du mois », « ne veut pas être livré en retard »:
# the denial is the delay's
_LATE_WORDS = {"retard", "dela"}  # a lateness on their own; « après » needs a time after it
_LATE = _LATE_WORDS | {"apres", "tard"}
# « ce n'est pas parce qu'il a pris un catalogue qu'il est intéressé »: the second clause is denied
_NOT_BECAUSE_RE = re.compile(r"\bce n.est pas parce qu[^.!?;]*\bqu.(?:il|elle|ils|elles|on)\s+(?:\w+\s+){0,2}$")
# « s'intéressait aux machines laser, pas à ce que nous vendons »: interest in something else
# an empty check box before a class in a form (« ☐ froid ☑ tiède »)
_UNCHECKED_BOXES = ("☐", "□", "❏", "❑", "○", "◯", "[ ]", "[]", "( )")
_TIME_UNITS = {"mois", "jours", "jour", "semaines", "semaine", "temps", "annees", "ans"}
# « plus de deux mois »: a lower bound still in the short term
_FEW_MONTHS_RE = re.compile(r"plus d(?:e |')(?:un|une|deux|1|2) mois\b")
# « ont lieu », « a lieu », « se tiennent », « tombe(nt) » right after an event
_LIEU_RE = re.compile(r"\s+(?:ont lieu|a lieu|aura lieu|auront lieu|se tien\w*|tomb\w*|arriv\w*|commenc\w*)\b")
_NOT_OUR_OFFER = re.compile(r"[^.;!?\n]{0,60}?,\s*(?:mais\s+)?(?:pas|non|jamais)\s+(?:a|par|pour|aux?|dans)\s+"
                            r"(?:ce\s+que\s+(?:nous|on)|ce\s+qu\W?\s*on|nos\s+(?:produits|articles)|notre\s+(?:offre|gamme|catalogue))")
# a form heading's value that states no real interest (« Intérêt : passée par curiosité »)
# « ne … que », « ne … plus que » before a word, in its clause: a restriction, no denial
# (no denial of its own between: « ce n'est qu'une remarque, pas un besoin »)
_RESTRICTIVE_BEFORE = re.compile(r"\bn(?:e\s+|')\w+\s+(?:plus\s+)?qu(?:e\b|')"
                                 r"(?:(?!\b(?:pas|jamais|aucune?|rien|sans|ni|n|ne)\b)[^.;!?])*$")
# « ne commandera pas plus tard que … », « ne choisira pas après le 15 mai »: a deadline
_DEADLINE_AFTER = re.compile(r"\s+pas\s+(?:apres|plus\s+tard\s+qu|au[- ]dela\s+d)")
_WEAK_VALUE = re.compile(r"[^\S\n]*[:=?][^\S\n]*(?:[\w']+[^\S\n]+){0,3}?(?:curiosit|curieu|politesse|poli\b|faible"
                         r"|vague|flou|minime|nul\b|nulle\b)")
_NOT_NOW_AFTER = re.compile(r"(?:\s+\w+){0,3}\s+n est (?:pas|plus) d actualite")
_REMAINS = {"reste", "restent", "restait", "restaient", "dispose", "disposent"}
_COULD = {"pourrait", "pourraient", "pourrais", "aurait", "auraient", "aurais"}
_BUT = {"mais", "cependant", "pourtant", "toutefois", "neanmoins"}
_CLITICS = {"ne", "n", "le", "la", "les", "l", "lui", "leur", "y", "en", "me", "m", "se", "s"}


def _learners_own(text: Text, hit: Hit) -> bool:
    """« je n'attends pas », « je ne le laisse pas filer »: a denial with the learner as subject
    is about the plan, not the contact's interest."""
    j = hit.first - 1
    while j >= 0 and text.toks[j].norm in _CLITICS and hit.first - j <= 4:
        j -= 1
    # (a denial that begins with its « ne » may follow the learner at once: « je ne veux pas la
    # laisser filer »)
    return j >= 0 and (j < hit.first - 1 or text.toks[hit.first].norm in ("ne", "n")) \
        and text.toks[j].norm in ("je", "j", "nous") and _same_clause(text, text.toks[j].start, hit.start)


def _late_denied(text: Text, hit: Hit) -> bool:
    """« ne veut pas recevoir le devis après la fin du mois », « ne veut pas être livrée en retard »:
    a lateness in the clause of the denial, before any comma (« d'après la présidente », « après
    avoir vu nos prix » are no lateness)."""
    toks = text.toks
    for j in range(hit.last, min(len(toks), hit.last + 8)):
        x = toks[j]
        if not _same_clause(text, hit.start, x.start) or "," in text.raw[hit.end : x.start]:
            return False
        if x.norm in _LATE_WORDS or (x.norm == "apres" and toks[j - 1].norm != "d" and any(
                y.norm in _TIME_NOUNS or y.norm.isdigit() for y in toks[j + 1 : j + 4])):
            return True  # (« après la fin du mois », « après le 15 », not « après la démo »)
    return False


_TIME_NOUNS = {"fin", "debut", "mi", "mois", "semaine", "semaines", "date", "rentree", "ete", "hiver",
               "printemps", "automne", "noel", "paques", "vacances", "fetes", "janvier", "fevrier", "mars",
               "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
               "echeance", "delai", "saison"}


def _conceded(text: Text, hit: Hit) -> bool:
    """« même si … » opens the clause holding ``hit``: granted, then set aside. The main clause
    after the concession's comma or colon is the learner's point (« même si elle n'est pas
    fermée : le foyer n'a besoin de rien »)."""
    before = _in_sentence_before(text, hit.first, 14, hit.start)
    return any(f"{a.norm} {b.norm}" in _CONCESSIVE and not re.search(r"[,:;]", text.raw[b.end : hit.start])
               for a, b in zip(before, before[1:]))


# what a club may already have: the goods, or its gear in general words
_GEAR = L.GOODS + ("tenue", "equipement", "materiel", "uniforme", "costume")
_HAS_ALREADY = re.compile(r"\b(?:a|ont|possede|possedent)\s+deja\s+(?:ses|leurs|des|les|tous|toutes|tout)\s+((?:\w+\s+){0,3}\w+)")
# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_NOTHING_BEFORE = re.compile(r"rien(?<!\w.{4})\s+(?:de\s+prevu\s+|n'est\s+prevu\s+|n est\s+prevu\s+|ne\s+se\s+fera\s+"
                             r"|ne\s+sera\s+\w+\s+|ne\s+se\s+passera\s+)?(?=avant\b)")
_QUESTION_REST = re.compile(r"[^.!?\n]*\?")  # (to the first « ? » of the sentence: no « ? » inside)
_PLAN_RULED_OUT = re.compile(r"\s*(?:non|pas du tout|surtout pas)\b", re.IGNORECASE)
_WISH_DENIED = re.compile(r"\s*(?:non\b|pas\b|aucun|jamais\b|nulle?\b|rien\b)", re.IGNORECASE)
_QUESTION_TAIL = re.compile(r"[^.!?;:\n]{0,12}\?")
_SENTENCE_STOP = re.compile(r"[.!?\n]")
# (« chaud/tiède ?? je dirais chaud », « tiede/chaud limite -> je dis chaud »: the same, in SMS)
# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_HESITATION_RE = re.compile(r"(?:f(?<!\w.)roid|t(?<!\w.)iede|c(?<!\w.)haud)e?s?(?:\s+ou\s+|\s*/\s*)(?:froid|tiede|chaud)e?s?"
                            r"\s*(?:\.\.\.|…|\?|limite\b|-*>|→)")


_ASKING = re.compile(r"(?:\best[- ]ce qu|\bfaut[- ]il\b|\bdois[- ]je\b|\bdoit[- ]on\b|\bpeut[- ]etre\b|\bfaudrait[- ]il\b)")


def _asked(raw: str, start: int, end: int) -> bool:
    """The action stands in a question that asks whether to do it (« Faut-il les relancer ? »,
    « Est-ce qu'on doit garder la fiche ? », « Peut-être leur envoyer une brochure ? »)."""
    m = _SENTENCE_STOP.search(raw, end)
    if not m or m.group(0) != "?":
        return False
    s_start = max((x.end() for x in _SENTENCE_STOP.finditer(raw, 0, start)), default=0)
    return bool(_ASKING.search(fold(raw[s_start:start])))


def _answered_no(raw: str, pos: int, reply: re.Pattern = _PLAN_RULED_OUT, reach: int | None = None) -> bool:
    """The sentence from ``pos`` is a question (its « ? » at most ``reach`` characters on) whose
    reply matches ``reply`` (by default « non », « pas du tout », « surtout pas »)."""
    m = _QUESTION_REST.match(raw, pos)
    return bool(m) and (reach is None or m.end() - 1 - pos <= reach) and bool(reply.match(raw, m.end()))


_DETERMINERS = {"l", "la", "une", "son", "sa", "leur", "cette", "notre", "chaque", "d", "les", "des", "ses", "leurs",
                "mon", "ma", "votre", "cet"}
# adjectives between a determiner and its noun (« la nouvelle équipe »: the team, not « équiper »)
_OUR_WISHES = frozenset("voulons voudrions souhaitons souhaiterions aimerions cherchons veux voudrais".split())
# what a visitor may seek that is not our offer: ideas, another stand
_ELSE_SOUGHT = frozenset("idee idees inspiration inspirations renseignement renseignements information informations "
                         "autre ailleurs stand allee".split())
_NOUN_ADJECTIVES = frozenset("nouvelle nouvelles jeune jeunes petite petites grande grandes premiere premieres "
                             "meme memes autre autres future futures ancienne anciennes".split())
_LOOKING = ("decouvr", "visit", "comprendr", "connaitr", "flaner", "jeter", "saluer")
_SCHEDULING = ("fixe", "fixer", "fixerai", "cale", "caler", "calerai", "programm", "planifi", "confirm")
_MEETING_NOUNS = ("rendez", "rdv", "rencontre", "demo", "visite")
# who schedules in « je le fixe », « on la cale », « je vais le programmer » (« le programme
# n'est pas fixé » is a noun)
_SCHEDULER = frozenset("je j on nous vais va allons peux pourrai dois vous".split())
_SOME_DAY_RE = re.compile(r"\ble jour ou\b[^.,;:]*$|\bquand il (?:faudra|sera temps)\b[^.,;:]*$"
                          # « si un jour le club veut des tee-shirts », « au cas où un projet … »
                          r"|\b(?:si|qu)\s+un\s+jour\b[^.;:!?]*$|\bau\s+cas\s+ou\b[^.;:!?]*$|\bun\s+jour\b[^.;:!?,]{0,25}$")
_PLAN_NOUNS = {"action", "actions", "suite", "suivi", "demarche", "demarches"}
_MAY = {"peut", "pourrait", "pourra", "pourraient", "pourront", "devrait", "peuvent"}
# (speed only: « \b » read after the first letters, « (?<!\w.) »: ``re`` skips to them; the same matches)
_NOW_IS_RE = re.compile(r"(?:n(?<!\w.)ous|o(?<!\w.)n)\s+(?:sommes|est)\s+(?:en|au|a\s+la|a\s+l'|a|le|debut|fin|mi)?\s*(?:debut|fin|mi)?\s*$")
_DEFINITION_RE = re.compile(
    r"\b(?:un|une)\s+contacts?\s+(?:froid|tiede|chaud)e?s?\s*,?\s*(?=c'est\b|c est\b|est\b|n'a\b|n'est\b|a\b|veut\b"
    r"|signifie\b|serait\b|aurait\b|doit\b|achete\b|n'achete\b|ne\s)|\bon\s+pourrait\s+(?:y\s+voir|penser|croire|dire|se\s+dire|imaginer)"
    r"|\bcertains\s+(?:diraient|pourraient|penseraient)|\b(?:selon|par)\s+(?:la\s+)?definition"
    r"|\b(?:froid|tiede|chaud)\s+(?:veut\s+dire|signifie)"
    # « le tiède a un intérêt réel … », « un froid n'a pas d'intérêt », « tiède et chaud supposent »
    r"|\b(?:un|le)\s+(?:froid|tiede|chaud)\s+(?=a\b|n'a\b|achete\b|n'achete\b|suppose\b|veut\b|est\s+(?:un|quelqu))"
    r"|\b(?:froid|tiede|chaud)\s+et\s+(?:froid|tiede|chaud)\s+(?:supposent|signifient|veulent\s+dire)")
# (speed only) what every match of ``_DEFINITION_RE`` holds: one of these words, or a class word
# then what defines it (« veut dire », « signifie », « a », « n'a », « achete », « suppose »,
# « est », « et » another class)
_DEFINITION_WORDS = ("contact", "pourrait", "certains", "definition")
_CLASS_DEFINED = re.compile(r"(?:froid|tiede|chaud)\s+(?:veut|signifie|a\b|n'a|achete|suppose|est|et)")
_DECLARED_BEFORE = re.compile(r"(?:\best|\bc'est|\breste|\bclasse|\bmets|\bmet|\bcomme|\bsoit|\ben|\bplutot|\bdonc"
                              r"|\bfait|\bdonne|\bpas|\bni|\bjamais|\bplus)\s+(?:donc\s+|bien\s+|plutot\s+|clairement\s+|vraiment\s+)?$")
_DEFINITION_END = re.compile(r"[.;:!?\n]|\bmais\b|\bor\b|\bce\s+qui\b")


def _definition_spans(folded: str) -> list[tuple[int, int]]:
    """Where the (folded) text defines a class or supposes a reading it then sets aside, to the
    end of that sentence, or to « mais », « or », « ce qui » (« … , ce qui n'est pas le cas ici »)."""
    out = []
    if not any(map(folded.__contains__, _DEFINITION_WORDS)) and _CLASS_DEFINED.search(folded) is None:
        return out  # (speed only: every definition holds one of these)
    for m in _DEFINITION_RE.finditer(folded):
        if _DECLARED_BEFORE.search(folded[max(0, m.start() - 25) : m.start()]):
            continue  # « c'est donc un contact tiède »: the learner's own conclusion
        end = _DEFINITION_END.search(folded, m.end())
        out.append((m.start(), end.start() if end else len(folded)))
    return out


_CONCLUSION_MARKERS = (r"je\s+conclus|j'en\s+conclus|je\s+retiens|je\s+penche\s+(?:donc\s+)?pour|je\s+choisis"
                       r"|je\s+tranche(?:\s+pour)?|conclusion\s*:|au\s+final|finalement|en\s+definitive"
                       r"|je\s+(?:le|la|les)\s+(?:classe|mets|place)|donc\s+je\s+(?:le|la|les)\s+(?:classe|mets)"
                       # « … me font pencher pour tiède », « relève du froid », « c'est la définition
                       # du tiède », « ma décision : tiède »
                       r"|pencher\s+pour|releve\s+(?:donc\s+|bien\s+|plutot\s+)*du|definition\s+(?:meme\s+)?du"
                       r"|ma\s+decision\s*:")
_CLASS_AFTER = (r"(?:\s+donc)?\s*[:,]?\s*(?:en\s+|pour\s+|sur\s+|comme\s+|de\s+)?(?:un\s+contact\s+|un\s+prospect\s+|contact\s+)?"
                r"(froide?s?|tiedes?|chaude?s?)\b")
_CONCLUSION_RE = re.compile(r"\b(?:" + _CONCLUSION_MARKERS + r")" + _CLASS_AFTER)
_DECLARATION_RE = re.compile(
    r"\b(?:" + _CONCLUSION_MARKERS + r"|je\s+(?:le\s+|la\s+)?classe\s+(?:ce\s+contact\s+|ce\s+prospect\s+)?"
    r"|je\s+prefere\s+(?:donc\s+)?(?:le\s+|la\s+)?(?:traiter|classer|mettre)|donc\s+(?:c'est\s+)?|c'est\s+(?:donc\s+)?"
    # « je place l'association des parents d'élèves en tiède », « j'ai classé le club en froid »,
    # « le club d'échecs est tiède », « X est un contact tiède »
    r"|(?:je|j'ai)\s+(?:vais\s+|veux\s+|dois\s+)?(?:place|placer|mets|mettre|mis|classe|classer|range|ranger|qualifie|qualifier"
    r"|placerais|mettrais|classerais|rangerais|qualifierais)"
    r"\s+(?:[\w'’-]+\s+){1,7}?(?=(?:en|comme|de)\s)"
    r"|\best\s+(?:donc\s+|bien\s+|clairement\s+)?(?:un\s+(?:contact|prospect)\s+)?(?=(?:froid|tiede|chaud)))"
    + _CLASS_AFTER
    # a text that opens with its class (« Froid, et sans vraiment d'hésitation. »)
    + r"|^\s*(froide?s?|tiedes?|chaude?s?)\b")
# (speed only) a class word ending a word (« froid », « tièdes » folded): every declaration ends
# with one, so the text after the last one is never scanned for a declaration
_CLASS_WORD_END = re.compile(r"(?:froid|tiede|chaud)e?s?\b")


def _declarations(folded: str) -> list[re.Match]:
    """``_DECLARATION_RE.finditer(folded)``, searched up to the end of the last class word that
    ends a word: the same matches (each ends at such a word's end, a word boundary in the text
    cut there as in the whole text)."""
    end = None
    for m in _CLASS_WORD_END.finditer(folded):
        end = m.end()
    return [] if end is None else list(_DECLARATION_RE.finditer(folded, 0, end))


# A declaration inside a reading the learner supposes (« on pourrait se dire … donc tiède »)
_SUPPOSED_BEFORE = re.compile(r"\b(?:on\s+pourrait|certains\s+(?:diraient|pourraient)|j'aurais\s+pu|si\s+l'on|si\s+on"
                              r"|(?:se|me)\s+demander?\s+si)\b[^.!?;]*$")
_THINKING = {"pense", "pensais", "dit", "debut", "abord", "premiere", "premier", "idee", "cru", "croyais",
             "semblait", "paraissait", "hesite", "hesitais", "demande", "voulais", "envisage", "tente"}
_WEAK_BEFORE = {"petit", "leger", "vague", "faible", "maigre", "timide"}
_WEAK = {"vague", "faible", "limite", "poli", "politesse", "flou", "minime", "nul", "principe"}
_CRITERION_NOUNS = ("interet", "besoin", "projet", "delai", "budget", "urgence", "echeance")


def _criterion_talk(text: Text, hit: Hit) -> bool:
    """The rubric's criteria named, not the contact's interest stated: after « critère(s) » or
    « grille », in a list of criteria (« l'intérêt, le besoin, puis le délai »), or « un autre
    projet » (someone else's)."""
    word = text.toks[hit.first].norm
    if not word.startswith(("interet", "besoin", "projet")):
        return False
    if hit.first and text.toks[hit.first - 1].norm in ("autre", "autres") \
            and _same_clause(text, text.toks[hit.first - 1].start, hit.start):
        return True  # « un autre projet »: someone else's
    if "question" in _clause_norms(text, max(0, hit.first - 6), hit.first, hit.start):
        return True  # « ce n'est pas une question de délai mais de besoin »: what the class turns on
    if {"critere", "criteres", "grille"} & {x.norm for x in _in_sentence_before(text, hit.first, 8, hit.start)}:
        return True  # « les trois critères vus en cours : l'intérêt, le projet et le délai »
    after = text.toks[hit.last : hit.last + 3]
    return bool(after) and (text.raw[hit.end : after[0].start].strip() == "," or after[0].norm in ("et", "puis")) \
        and any(x.norm.startswith(_CRITERION_NOUNS) for x in after)


def _no_order_yet(text: Text, hit: Hit) -> bool:
    """A purchase verb in the perfect tense or the passive, denied (« n'a rien commandé »,
    « n'ont pas encore acheté », « rien n'est signé »)."""
    word = text.toks[hit.first].norm
    if not word.startswith(("command", "achet", "sign", "reserv", "chois")) or not word.endswith(("e", "es", "i", "is")):
        return False
    before = set(text.norms[max(0, hit.first - 4) : hit.first])
    return bool(before & {"a", "ont", "avait", "avaient", "est", "sont", "etait", "ai", "avons"})


def _need_to_act(text: Text, hit: Hit) -> bool:
    """« pas besoin de » + a verb: a step the contact can skip, not a need for our goods denied."""
    words = text.norms[hit.first : hit.last]
    if "besoin" not in words or hit.last + 1 >= len(text.toks):
        return False
    nxt, verb = text.toks[hit.last].norm, text.toks[hit.last + 1].norm
    if verb in ("se", "s", "me", "m", "te", "t", "l", "le", "la", "les", "lui", "leur") and hit.last + 2 < len(text.toks):
        verb = text.toks[hit.last + 2].norm  # « pas besoin de se précipiter », « pas besoin de l'appeler »
    if nxt in ("de", "d", "du") and set(text.norms[hit.last + 1 : hit.last + 3]) & _CONSENTS:
        return True  # « il n'a plus besoin de l'accord du conseil »: a step done, not a need denied
    return nxt in ("de", "d") and verb.endswith(("er", "ir", "re")) and len(verb) > 4 and not verb.startswith(L.GOODS) \
        and verb not in _NOT_VERBS  # (« besoin de rien d'autre »: nothing else)


_CONSENTS = {"accord", "aval", "autorisation", "vote", "validation", "feu", "permission", "signature"}


_STATEMENT_VERBS = {"sert", "servent", "servait", "servira", "serviront", "est", "sont", "etait", "etaient"}


_SUPPOSING = frozenset("pourrait pourraient serait seraient inventer imaginer supposer".split())


def _too_much_for(text: Text, hit: Hit) -> bool:
    """« trop … pour (être) » before ``hit`` in its clause (« trop vague pour être un vrai
    besoin »): the word is denied."""
    before = _clause_norms(text, max(0, hit.first - 6), hit.first, hit.start)
    return "trop" in before and "pour" in before[before.index("trop") + 1 :]


def _nobody_before(text: Text, start: int) -> bool:
    """« personne n'est pressé »: « personne » or « rien » then « ne » in the four words before
    ``start``, in its clause — a denial the negation cues do not mark."""
    first = bisect_left(text.starts, start)
    before = _clause_norms(text, max(0, first - 4), first, start)
    return any(w in ("personne", "rien") and before[i + 1 : i + 2] in (["n"], ["ne"]) for i, w in enumerate(before))


def _supposed(text: Text, hit: Hit) -> bool:
    """An interest word under a supposition in its clause (« elles pourraient vouloir »,
    « ce serait inventer un besoin »): the learner's guess, not the contact's words. « Elle
    pourrait être intéressée » says how the learner reads the contact: no supposition."""
    before = _clause_norms(text, max(0, hit.first - 4), hit.first, hit.start)
    return any(w in _SUPPOSING and before[i + 1 : i + 2] != ["etre"] for i, w in enumerate(before))


def _someone_elses_event(text: Text, hit: Hit) -> bool:
    """A meeting noun that names someone's event (« la visite des Gallois », « la rencontre du
    club avec ses sponsors »): the article before, « de » and not our own after, and no plan verb
    or learner subject in the three words before (« je propose la visite de l'atelier » is ours)."""
    if not text.toks[hit.first].norm.startswith(("visite", "rencontre")):
        return False
    c_start = text.clause_of(hit.start)[0]
    opening = not hit.first or text.toks[hit.first].start <= c_start \
        or text.raw[text.toks[hit.first - 1].end : hit.start].strip() in (":", "-", "–", "—", ",", ";")
    if not opening and text.toks[hit.first - 1].norm not in ("la", "le", "l", "les", "cette"):
        return False  # (« Tiède : visite des Gallois en mai 2028 »: a clause opening on the noun)
    after = text.norms[hit.last : hit.last + 2]
    if not after or after[0] not in ("de", "des", "du", "d") or after[1:2] in (["notre"], ["nos"], ["mon"], ["ma"]):
        return False
    return not _learner_before(text, hit, c_start, 4)


def _subject_of_a_statement(text: Text, hit: Hit) -> bool:
    """A quote noun the clause says something about (« la grille de tarifs, c'est pour
    comparer », « les tarifs servent juste à comparer »), with no plan verb before it."""
    if _learner_before(text, hit, text.clause_of(hit.start)[0], 3):
        return False
    after = text.norms[hit.last : hit.last + 3]
    if len(after) >= 2 and after[0] in ("du", "d", "de", "des") and (
            after[1].startswith(_OTHER_SUPPLIER) or len(after) == 3 and after[1] in ("un", "une", "notre", "son", "leur")
            and after[2].startswith(_OTHER_SUPPLIER)):
        return True  # « le devis du concurrent est à 2 400 € »: someone else's quote
    return bool(after) and after[0] in _STATEMENT_VERBS | {"c"} and (after[0] != "c" or after[1:2] == ["est"])


def _nothing_missing_to_buy(text: Text, hit: Hit) -> bool:
    """« il ne lui manque rien pour acheter »: nothing stands in the way, no refusal."""
    return any(x.norm.startswith("manqu") for x in text.toks[hit.first : hit.last]) and \
        any(x.norm == "pour" for x in text.toks[hit.last : hit.last + 2])


_PLAN_VERB_STEMS = ("appel", "rappel", "relanc", "recontact", "contacter", "envoyer", "insister", "harceler")
_OTHER_SUPPLIER = ("concurren", "fournisseur", "imprimeur", "prestataire", "equipementier")
_COMPARING = ("compar", "consult", "sollicit", "interroge")
_BARE_NEGATION = {"plus", "aucun", "aucune", "pas", "de", "d", "n", "ne"}


def _shopping_around(text: Text, hit: Hit) -> bool:
    """The contact compares offers, ``hit`` among them: a verb of comparing in the three words
    before, in its clause (« il compare les devis », « il compare déjà d'autres fournisseurs »,
    « elle hésite entre deux fournisseurs »), or « en concurrence » in the three words after
    (« elle met déjà deux fournisseurs en concurrence »)."""
    before = _clause_norms(text, max(0, hit.first - 3), hit.first, hit.start)
    if any(w.startswith(_COMPARING) for w in before) or any(
            w == "entre" and i and before[i - 1].startswith("hesit") for i, w in enumerate(before)):
        return True
    after = _clause_norms(text, hit.last, hit.last + 3, hit.start)
    return any(w.startswith("concurrence") and i and after[i - 1] == "en" for i, w in enumerate(after))


#: What a visitor does who only looks (« il ne cherche pas à se renseigner »: he wants more).
_BROWSING = {"renseigner", "informer", "documenter", "regarder", "flaner", "feuilleter", "curiosite"}
_HOT_COLD_TOOLS = ("appel", "presse", "transfert", "marquage", "flocage", "impression", "collage", "soudure",
                   "demarchage", "prospection")
#: « no project yet » as the text may say it (folded, « ' » as a space); the scorer's lukewarm
#: reading adds its own (``scoring._PROJECT_NOT_YET``)
NO_PROJECT = ("pas de projet", "aucun projet", "ni projet", "rien de prevu", "rien n est prevu")
_NO_PROJECT = NO_PROJECT + ("pas d achat", "aucun achat")
_REASON_OPENERS = frozenset("vu car puisque puisqu parce".split())
_HURRYING = ("precipit", "presser", "empresser", "hater", "brusquer")
_WAITING = ("attend", "patient", "train", "tard", "lambin", "repouss", "report", "retard")
_DOUBLE_NEGATION = ("exclu", "exclut", "manqu", "ferme", "oppos", "refus", "cach", "supprim", "enlev", "retir", "annul",
                    "hesit",  # (« il n'hésitera pas à commander sur le site »)
                    "perd", "rater", "rate", "loup")  # (« pour ne pas perdre cette commande »)


def _later_before(text: Text, hit: Hit) -> bool:
    """« plus tard » in the six words before ``hit``, in its sentence (« foulards intéressants
    "pour plus tard", rien de prévu »): a project put off, not refused."""
    words = [x.norm for x in _in_sentence_before(text, hit.first, 6, hit.start)]
    return any(w == "tard" and i and words[i - 1] == "plus" for i, w in enumerate(words))


def _loss_denied(text: Text, hit: Hit) -> bool:
    """« il ne veut surtout pas être en retard », « ne veut pas perdre de temps »: what is denied
    is a delay or a loss — urgency."""
    after = _clause_norms(text, hit.last, hit.last + 5, hit.start)
    return any(w == "retard" or w.startswith(("perdre", "rater", "louper")) for w in after)


def _waiting_denied(text: Text, hit: Hit) -> bool:
    """« ne veut pas attendre », « ne va pas traîner pour choisir »: what is denied is the wait,
    not the purchase — urgency, never a refusal."""
    c_start, c_end = text.clause_of(hit.start)
    lo = hit.first - 4
    # (the denial's own words apart: « n'attendent rien de nous » denies no wait)
    near = [x.norm for x in text.toks[max(0, lo) : hit.last + 2] if c_start <= x.start < c_end
            and not hit.start <= x.start < hit.end]
    # (« pour plus tard », « au plus tard » name a later time, no wait denied; « en attendant »
    # is « meanwhile »: « gèlent tout achat en attendant » stays a refusal, and so does « aucun
    # achat à attendre », nothing to expect)
    return any(w.startswith(_WAITING) and not (w == "tard" and i and near[i - 1] == "plus")
               and not (w == "attendant" and i and near[i - 1] == "en")
               and not (w == "attendre" and i and near[i - 1] == "a") for i, w in enumerate(near))


_FIRMNESS = ("ferme", "concret", "precis", "defini", "arret", "fix", "date", "officiel", "immediat",
             "signe", "chiffr", "formalis")
_PROJECT_WORDS = ("projet", "prevu", "achat", "commande", "decid", "decision")


def _not_firm(text: Text, hit: Hit) -> bool:
    """« pas de projet ferme », « aucun projet daté », « rien de concret »: the project is not
    settled yet — not soon, not a denial of interest."""
    words = text.norms[hit.first : hit.last]
    if not any(w.startswith(_PROJECT_WORDS) for w in words) and "rien" not in words:
        return False
    c_end = text.clause_of(hit.start)[1]
    after = [x.norm for x in text.toks[hit.last : hit.last + 3] if x.start < c_end]
    return any(w.startswith(_FIRMNESS) for w in after[:2]) or after[:2] == ["de", "concret"]


_SUBJECTS = {"je", "j", "on", "nous"}


def _covering_scopes(text: Text, hit: Hit) -> list:
    """The negation scopes ``hit`` lies in."""
    return [sc for sc in text.scopes if sc.start <= hit.start < sc.end]


def _new_subject(text: Text, hit: Hit) -> bool:
    """A learner's subject between the negation and the verb: a new clause in a text written
    without punctuation (« ni projet ni budget on garde la fiche », « besoin de rien je garde la
    fiche ds le crm »)."""
    cues = _covering_scopes(text, hit)
    if not cues:
        return False
    lo = max(sc.cue_end for sc in cues)
    return any(x.norm in _SUBJECTS for x in text.toks if lo <= x.start < hit.start)


def _existential(text: Text, hit: Hit) -> bool:
    """« il y a un intérêt », « il y a une piste »: « il y a » without a duration after it is
    no past (« il y a deux ans » is)."""
    if text.norms[hit.first : hit.last] != ["il", "y", "a"]:
        return False
    after = text.norms[hit.last : hit.last + 3]
    return not (set(after) & (_DURATION_WORDS | {"peu"}))


_NEW_SUBJECT = {"la", "le", "les", "l", "il", "elle", "ils", "elles", "on", "son", "sa", "ses", "leur", "leurs"}


def _without_fail(text: Text, hit: Hit) -> bool:
    """« je ne laisse pas passer la semaine sans lui envoyer le devis »: « pas … sans » affirms the plan."""
    before = _clause_norms(text, max(0, hit.first - 10), hit.first, hit.start)
    if "sans" not in before[-5:]:
        return False
    k = len(before) - 1 - before[::-1].index("sans")
    return bool({"pas", "jamais"} & set(before[:k]))


_PAST_CONDITIONAL = {"aurais", "aurait", "aurions", "auriez", "auraient"}
_PART_STOP = re.compile(r"[,.;:!?()\n]")


_COMMA_OR_PLUS = re.compile(r",|\+")
_PART_STOP_CHARS = ",.;:!?()\n"  # (the characters of ``_PART_STOP``)


def _hypothetical(text: Text, hit: Hit) -> bool:
    """A plan in the past conditional (« si je l'avais mis en tiède, je l'aurais relancé en
    septembre », « j'aurais envie de m'en occuper tout de suite »): a plan supposed, not made.
    A part of the sentence opening with « si » is supposed too; a « si » inside it decides nothing
    (« je vérifie si le stock suit et j'appelle demain », « si bien que »)."""
    # the words before the plan in its part of the sentence (up to twelve): a suffix of the tokens
    # (a word is in it when no stop lies between its end and the plan: it ends after the last stop)
    window = text.toks[max(0, hit.first - 12) : hit.first]
    last_stop = max(map(text.raw.rfind, _PART_STOP_CHARS, repeat(window[0].end), repeat(hit.start))) if window else -1
    part = [x for x in window if x.end > last_stop]
    if any(x.norm in _PAST_CONDITIONAL for x in part[-6:]) and not any(
            x.norm == "tendance" for x in text.toks[max(0, hit.first - 4) : hit.first]):
        return True
    if not part:
        return False
    # a part of the sentence that opens with « si » (« : si notre devis arrive avant le conseil, … »)
    k = hit.first - len(part)
    opener = part[0]
    return opener.norm == "si" and (k == 0 or _PART_STOP.search(text.raw, text.toks[k - 1].end, opener.start)) \
        and not (k + 1 < len(text.toks) and text.toks[k + 1].norm == "bien")


def _excluded_spans(text: Text) -> list[tuple[int, int]]:
    """« pas pour la fête de juin (qui est déjà équipée) »: from « pas pour » to the end of its
    clause, a time (and what is said of it) the learner sets aside."""
    out = []
    for i in range(len(text.toks) - 1):
        if text.toks[i].norm == "pas" and text.toks[i + 1].norm == "pour":
            start, end = text.toks[i].start, text.clause_of(text.toks[i].start)[1]
            stop = re.search(r"[,;:()]", text.raw[start:end])
            end = start + stop.start() if stop else end
            for k, tok in enumerate(text.toks[i + 2 :], start=i + 2):
                if tok.start >= end or tok.norm in ("mais", "plutot", "seulement") or (
                        tok.norm == "et" and k + 1 < len(text.toks) and text.toks[k + 1].norm in _NEW_SUBJECT):
                    end = min(end, tok.start)  # (« … et la mairie leur donne … »: another clause)
                    break
            out.append((start, end))
    return out


def _has_cue(text: Text, hit: Hit) -> bool:
    """The phrase itself holds a negation word (« plus aucun besoin »); one its gap swallowed
    (« n'exclut pas tout achat » for « exclu~ * achat~ ») is not the phrase's."""
    words = re.findall(r"[a-z]+", hit.phrase or "") if hit.phrase else None
    return any(tok.norm in _NEG_WORDS and (words is None or tok.norm in words)
               for tok in text.toks[hit.first : hit.last])


def _classify_range(lo: date, hi: date, salon: date, conf: float, label: str = "") -> Claim | None:
    reading = classify_range(lo, hi, salon, conf, label)  # the one rule, shared with the engine
    return Claim(reading.kind, "", 0, reading.confidence)


def interest_objects(observations: str, salon_date: date | None = None) -> list[str]:
    """Content words the notes attach to an interest (« intéressé par les *barnums* »), and the
    goods the notes name (« Casquettes + maillots pour le tournoi »: a named purchase).

    ``salon_date`` changes no object (only where the notes' dates lie is read): the grader
    passes its own, so the notes' dates are found once for these objects and for its checks."""
    base = _interest_objects(observations or "", salon_date or _ANY_DAY)
    return list(base) + [k for k in _note_goods(observations or "") if k not in base]


@lru_cache(maxsize=1024)
def _note_goods(observations: str) -> tuple[str, ...]:
    from .gaming import _thing  # (gaming imports this module)

    t = Text(observations)
    found: list[str] = []
    for tok in t.toks:
        if tok.norm.startswith(L.GOODS) and _thing(tok.norm) in L.GOODS and not t.is_negated(tok.start):
            for key in (tok.lemma, tok.norm, _object_key(tok.norm)):
                if key not in found:
                    found.append(key)
    # hyphenated goods (« tee-shirts ») also count joined, as the text may write them (« tshirts »)
    for a, b in zip(t.toks, t.toks[1:]):
        joined = a.norm + b.norm
        if t.raw[a.end : b.start] == "-" and _thing(joined) in L.GOODS:
            for key in (joined, _object_key(joined), _object_key(joined.replace("tee", "t", 1))):
                if key not in found:
                    found.append(key)
    return tuple(found)


# Events and seasons date a project, months too (« mai » is left out: too short a beginning).
_EVENT_STEMS = L.EVENTS + ("saison", "match", "rentree", "printemps", "automne", "hiver") + tuple(
    m for m in L.MONTHS if m != "mai")


_ANY_DAY = date(2026, 1, 1)


@lru_cache(maxsize=1024)
def _interest_objects(observations: str, salon_date: date) -> tuple[str, ...]:
    if not observations:
        return ()
    t = Text(observations)
    found: list[str] = []
    # words of the notes' dates and delays (« dans les quinze jours », « au plus tard ») say when,
    # not what: no object of the offer (any salon date: only the spans are used)
    # (an urgency, « en urgence », is the need's own pressure: it stays)
    when = [(e.start, e.end) for e in find_time_expressions(observations, salon_date) if e.label != "urgence"]
    for h in t.find(L.INTEREST_LEX):
        if h.negated and not any(x.norm.startswith(_DOUBLE_NEGATION)
                                 for x in _clause_toks(t, max(0, h.first - 4), h.first, h.start)):
            continue  # (« n'exclut pas une commande de sweats »: the order is not denied)
        clause_end = t.clause_of(h.start)[1]
        for tok in t.toks[h.last : h.last + 6]:
            if tok.start >= clause_end or tok.norm in _OBJECT_STOPS:
                break  # « changera de tenues quand le contrat … »: the object ends there
            if tok.lemma in _AUXILIARIES or tok.norm in _NOT_GOODS or tok.norm in NUMBER_WORDS \
                    or any(a <= tok.start < b for a, b in when):
                continue  # « le projet sera discuté en conseil »: no object of the offer
            if len(tok.norm) < 4 or tok.norm in L.STOPWORDS or tok.norm.isdigit() \
                    or tok.norm.startswith(_EVENT_STEMS):
                # an event (« commander pour ce tournoi ») dates the project, it is not the offer
                continue
            if tok.norm.endswith(("er", "ir")) and not tok.norm.endswith("ier"):
                continue  # verbs (« décider ») say nothing of what the contact wants
            for key in (tok.lemma, tok.norm, _object_key(tok.norm)):
                if key not in found:
                    found.append(key)
        # hyphenated words (« tee-shirts ») also count joined
        for a, b in zip(t.toks[h.last : h.last + 6], t.toks[h.last + 1 : h.last + 7]):
            if t.raw[a.end : b.start] == "-":
                key = _object_key(a.norm + b.norm)
                if key not in found:
                    found.append(key)
    return tuple(found)


# « l'argent ne sera débloqué que dans deux mois », « la subvention sera accordée en mai »
_RELEASE_BEFORE = re.compile(r"\b(?:(?:debloque\w*|accorde\w*|valid\w*|vote\w*)\b[^.;:!?,]{0,25}"
                             r"|budget\s+(?:(?!(?:et|mais|car|donc|or)\b)\w+[\s'’(]+){0,5}"  # (« budget après comptes (avril) »,
                             # not « pas de budget et la coupe est dans un an »: another clause)
                             # « il attend ses sponsors en janvier », « la réponse du mécène en mars »
                             r"|\b(?:attend\w*|reponse)\s+(?:\w+[\s'’]+){0,3}(?:sponsors?|mecenes?|partenaires?|financeurs?)\s+(?:en\s+|pour\s+|a\s+|au\s+|vers\s+|fin\s+|debut\s+|mi\s+|le\s+)?)$")
_OBJECT_STOPS = {"quand", "lorsque", "lorsqu", "si", "car", "parce", "puisque", "puisqu", "mais", "sauf", "sans",
                 "peut", "probablement", "surement", "certainement",
                 # « veut d'abord connaître le bilan financier »: what it wants to know, not to buy
                 "connaitre", "savoir", "attendre", "voir", "consulter", "reflechir",
                 # « commander au moment du déménagement », « lors de l'inauguration »: when, not what
                 "moment", "lors", "occasion", "pendant", "apres", "avant"}
_AUXILIARIES = {"etre", "avoir", "faire", "aller", "pouvoir", "devoir", "falloir", "vouloir"}
# What a contact decides with, not what it buys.
_NOT_GOODS = {"contrat", "contrats", "conseil", "bureau", "assemblee", "reunion", "decision",
              "budget", "echeance", "fournisseur", "fournisseurs", "president", "presidente",
              "tresorier", "tresoriere", "association", "club", "discute", "discutee", "vote", "votee",
              # adverbs (« veut d'abord … », « voudrait surtout … »)
              "abord", "surtout", "vraiment", "egalement", "encore", "plutot", "absolument",
              # the money it waits for, the talk and the call it asks for (« attend la subvention »,
              # « en parle au bureau », « souhaite qu'on le recontacte »): no goods either
              "subvention", "subventions", "sponsor", "sponsors", "financement", "financements",
              "mecene", "mecenes", "partenaire", "partenaires", "parle", "parlera", "recontacte",
              "rappelle", "ouverture"}


@lru_cache(maxsize=1024)
def _kin_stems(objects: tuple[str, ...]) -> tuple[str, ...]:
    """The other words of the goods families the notes' objects belong to (« trophées » for
    « coupes », « bouteilles » for « gourdes »): the same goods in the learner's words. Families
    of events, places and documents are left out, and the generic « textile », « vêtement »."""
    out: set[str] = set()
    for fam in L.FAMILIES:
        if any(s.startswith(L.GOODS) for s in fam) and any(o.startswith(fam) for o in objects if len(o) >= 4):
            out.update(s for s in fam if s not in ("textile", "vetement"))
    return tuple(sorted(out))


@lru_cache(maxsize=1024)
def _object_words(objects: tuple[str, ...]) -> tuple[dict, frozenset, tuple[str, ...]]:
    """(whether a word names one of ``objects`` or their kin, by ``(norm, lemma)``, filled as
    words come: one contact's notes are read for each of its justifications; the objects; their
    kin, ``_kin_stems``)."""
    return {}, frozenset(objects), _kin_stems(objects)


@lru_cache(maxsize=65536)
def _object_key(word: str) -> str:
    """A product word folded for matching: synonyms, final « s » (each word once: every token
    of a text read against objects is looked up)."""
    word = L.OBJECT_SYNONYMS.get(word, word)
    return L.OBJECT_SYNONYMS.get(word.rstrip("s"), word.rstrip("s")) if len(word) > 4 else word


@lru_cache(maxsize=1024)
def note_dates(observations: str, salon_date: date) -> tuple[tuple[date, date], ...]:
    """Date ranges the notes give (past ones included), resolved against the salon date; a pace
    (« pressé », « rien ne presse ») gives no date."""
    return tuple((e.date_min, e.date_max) for e in find_time_expressions(observations or "", salon_date)
                 if e.label not in ("urgence", "long"))


def dates_not_in_notes(a: Analysis, observations: str, salon_date: date) -> list[str]:
    """Dates the justification states that no date of the notes comes near (± 3 days)."""
    if not a.dates:
        return []  # (nothing to compare: the notes' dates are not read)
    ranges = note_dates(observations or "", salon_date)
    slack = timedelta(days=3)
    return [text for text, lo, hi in a.dates
            if not any(lo - slack <= r_hi and r_lo <= hi + slack for r_lo, r_hi in ranges)]


@lru_cache(maxsize=1024)
def note_words(observations: str) -> frozenset[str]:
    """Content-word lemmas of the notes (to see how much of them a justification reuses)."""
    return frozenset(tok.lemma for tok in Text(observations or "").toks
                     if len(tok.norm) >= 5 and tok.norm not in L.STOPWORDS)


def analyse(justification: str, salon_date: date, objects: list[str] | None = None,
            lemmatize=None) -> Analysis:
    """Analyse ``justification`` against the salon date (``objects``: see ``interest_objects``)."""
    return _Reader(expand(justification or ""), salon_date, lemmatize).read(objects)


_GROUP_OF = {tag: name for name, tags in L.TAGS.items() for tag in tags}  # (each tag is in one group)
assert len(_GROUP_OF) == sum(map(len, L.TAGS.values()))


class _Reader:
    """One justification read once: its phrase hits, then actions, interest, timing, classes."""

    def __init__(self, text: str, salon_date: date, lemmatize=None):
        self.t = Text(text, lemmatize)
        self.raw = self.t.raw
        self.folded = fold(self.raw)  # same offsets as ``raw`` (see ``fold``), folded once
        self.salon = salon_date
        self.out = Analysis(n_words=len(self.t.toks), text=self.raw, toks=self.t.toks)
        self.regions: list[tuple[int, int]] = []  # from each learner action to its clause end
        self.budget_later: list[str] = []
        self._interest_pos: list[int] = []  # where each word of ``out.interest`` is
        # Spans whose dates are not the project's timing: « pas intéressé cette année » before
        # « mais … 2028 », a plan the learner sets aside.
        self.not_now_spans: list[tuple[int, int]] = []
        # from each of the contact's requests (« elle a demandé qu'on la recontacte en mai ») to its
        # clause end: a date there is the call's, beside the project's
        self.request_spans: list[tuple[int, int]] = []

    def read(self, objects) -> Analysis:
        if not self.t.toks:
            return self.out
        t = self.t
        hits = t.find(L.ALL_LEX)

        by_group: dict[str, list[Hit]] = {name: [] for name in L.TAGS}  # (hits in text order)
        for h in hits:
            by_group[_GROUP_OF[h.tag]].append(h)

        def group(name: str) -> list[Hit]:
            return by_group[name]

        self.requests = [h for h in group("request") if not h.negated]
        # « un contact froid n'a pas d'intérêt », « on pourrait penser que c'est chaud »: the
        # rubric defined or a reading supposed, not facts of this contact
        self.definitions = _definition_spans(self.folded)

        def outside(items):
            if not self.definitions:  # (most texts define nothing)
                return list(items)
            return [x for x in items if not any(a <= x.start < b for a, b in self.definitions)]

        self.interest_hits = outside(group("interest"))
        # a refusal is said in one go: « de plus, aucun budget » is no « plus aucun »
        self.dis_hits = outside([h for h in group("disinterest") if not _PUNCT_INSIDE.search(self.raw[h.start : h.end])])
        # a plan set aside (« un devis aujourd'hui serait prématuré »): no action, its date no timing
        rejected = [h for h in group("action") if _rejected(t, h)] \
            if _REJECTION_RE.search(self.folded) else []
        self.act_hits = [h for h in group("action")
                         if (not h.negated or _not_before(t, h) or _after_not_before(t, h) or _new_subject(t, h)
                             or _without_fail(t, h) or _not_now_but(t, h))
                         and h not in rejected]
        self.not_now_spans += [t.clause_of(h.start) for h in rejected]
        # « dans la semaine du 15 février » names a week, it is no hurry
        # (« sans attendre qu'il revienne vers nous »: not waiting for the contact, no hurry; « les
        # premiers mois de la saison » is no « en premier »; « l'après-midi », « avant midi » name an
        # hour of the day, no delay)
        self.mod_hits = [m for m in group("modifier")
                         if not (m.tag == "urgent" and m.last < len(t.toks) and (
                             t.toks[m.last - 1].norm == "semaine" and t.toks[m.last].norm in ("du", "de", "d", "des")
                             or t.toks[m.last - 1].norm == "attendre" and t.toks[m.last].norm in ("que", "qu")
                             or t.toks[m.last - 1].norm in ("premiers", "premieres") and t.toks[m.last].norm in _TIME_UNITS
                             # « dans la foulée de l'AG »: right after the AG, its date is the time
                             or t.toks[m.last - 1].norm == "foulee" and t.toks[m.last].norm in ("de", "du", "d", "des")
                             # « un premier chiffrage », « une première maquette »: the first of its kind, no hurry
                             or t.toks[m.first].norm in ("premier", "premiere") and m.first
                             and t.toks[m.first - 1].norm in ("un", "une", "son", "sa", "notre", "leur", "ce", "cette")))
                         and not (m.tag == "later" and m.last < len(t.toks) and t.toks[m.last].norm == "midi")]
        self.misc = group("misc")
        self.time_lex = outside(group("timing"))
        self.exprs = outside(find_time_expressions(self.raw, self.salon))
        if "au plus tot" in self.folded:
            self.mod_hits = [m for m in self.mod_hits if not (m.tag == "urgent" and self._at_the_earliest(m.start))]
        self._actions()
        self.excluded = _excluded_spans(t)  # « pas pour la fête de juin »: read by both below
        self._interest(objects)
        for m in _JUST_RECEIVED_RE.finditer(self.folded):
            if m.group(1).startswith(L.GOODS) and not self.t.is_negated(m.start()):
                self.out.no_budget.append(self.raw[m.start() : m.end()])  # « vient de recevoir des polos »: covered
        self._timing()
        self._instructions()
        self._class_positions: list[tuple[str, int]] = []
        self._classes()
        self._weighed_earlier()
        self.out.declared = [L.CLASS_WORDS[m.group(1) or m.group(2)] for m in _declarations(self.folded)
                             if (m.group(1) or m.group(2)) in L.CLASS_WORDS
                             and not _SUPPOSED_BEFORE.search(self.folded, max(0, m.start() - 120), m.start())]
        self.out.action_spans = list(self.regions)
        return self.out

    def _clause_spans(self, commas: bool = False) -> list[tuple[int, int]]:
        """Clauses; with ``commas``, the parts between commas too (« Aucun besoin, fiche CRM. »)."""
        bounds = self.t.bounds
        if commas:
            bounds = sorted(set(bounds) | {m.start() for m in _COMMA_OR_PLUS.finditer(self.raw)})
        spans, start = [], 0
        for b in bounds + [len(self.raw)]:
            if b > start:
                spans.append((start, b))
            start = b + 1
        return spans

    def in_region(self, pos: int) -> bool:
        return bool(self.regions) and any(a <= pos < b for a, b in self.regions)

    # --- the learner's actions ----------------------------------------------------------
    def _actions(self) -> None:
        t, raw, out = self.t, self.raw, self.out
        interest_for_request = [h for h in self.interest_hits if not h.negated]
        by_tag: dict[str, list[Hit]] = {}
        for h in self.act_hits:
            by_tag.setdefault(h.tag, []).append(h)

        def near_after(h: Hit, tag: str, max_tokens: int) -> Hit | None:
            for o in by_tag.get(tag, []):
                if 0 <= o.first - h.last <= max_tokens and _same_clause(t, h.start, o.start):
                    return o
            return None

        def near_before(h: Hit, tag: str, max_tokens: int) -> Hit | None:
            for o in by_tag.get(tag, []):
                if 0 <= h.first - o.last <= max_tokens and _same_clause(t, o.start, h.start):
                    return o
            return None

        candidates: list[tuple[str, Hit]] = []
        for h in by_tag.get("call", []):
            if h.first + 1 < len(t.toks) and t.toks[h.first].norm.startswith("appel") \
                    and t.toks[h.first + 1].norm == "a":
                continue  # « appel à froid / à chaud »: a kind of call, not a plan
            candidates.append(("call", h))
        for kind in ("meeting", "quote", "campaign"):
            # « sa visite », « leur demo »: the contact's, not a plan
            candidates += [(kind, h) for h in by_tag.get(kind, [])
                           if not (kind == "meeting" and (h.first and t.toks[h.first - 1].norm in _POSSESSIVE
                                                          or _contact_visit(t, h) or _seen_demo(t, h)
                                                          or _business_card(t, h) or _met_at_salon(t, h)
                                                          or _event_gathering(t, h)))
                           and not (kind == "quote" and _accompanying(t, h, by_tag))
                           and not (kind == "campaign" and _dated_event(t, h))]
        for h in by_tag.get("docs", []):
            verb = near_before(h, "send", 4)
            if verb is not None:
                candidates.append(("docs", verb))
            else:
                after = near_after(h, "send", 1)  # « documentation envoyée »
                if after is not None and t.toks[after.first].norm.endswith(("e", "ee", "es", "ees")) and not set(t.norms[after.last : after.last + 4]) & {"dernier", "derniere", "deja", "hier",
                                                                                 "passe", "passee", "avait"}:
                    candidates.append(("docs", after))
        for h in by_tag.get("invite", []):
            if t.toks[h.first].norm.startswith("invit"):
                candidates.append(("docs", h))
        for h in by_tag.get("record_obj", []):
            verb = near_before(h, "record_verb", 5) or near_after(h, "record_verb", 3)
            if verb is not None and verb.first and t.toks[verb.first - 1].norm in ("a", "ont", "avait", "avaient") \
                    and not t.toks[verb.first].norm.endswith(("er", "ir")):
                continue  # « ils ont gardé notre carte », « a laissé sa carte »: what the contact did
                # (« à garder dans le fichier », « a conserver »: the plan, an infinitive)
            if verb is not None:
                candidates.append(("record", verb if verb.start < h.start else h))

        # « Action : fiche CRM + doc »: after an « Action : » label, nouns stand for the plan;
        # so do they in a short verbless clause (« fiche crm », « carte dans le fichier »).
        labelled = [(m.end(), t.clause_of(m.end() + 1)[1]) for m in _ACTION_LABEL_RE.finditer(self.folded)]
        for lo, hi in labelled:
            for tag, kind in (("docs", "docs"), ("record_obj", "record")):
                candidates += [(kind, h) for h in by_tag.get(tag, []) if lo <= h.start < hi
                               and (tag != "record_obj" or t.toks[h.first].norm in _RECORD_PLACES)]
        verbs = {"call", "send", "record_verb", "quote", "meeting"}
        starts = t.starts  # (in order: a clause's words found by bisection)
        for c_start, c_end in self._clause_spans(commas=True):
            words = t.toks[bisect_left(starts, c_start) : bisect_left(starts, c_end)]
            if words and words[0].norm in ("juste", "seulement", "simplement", "uniquement") and len(words) > 1:
                words = words[1:]  # « juste la fiche dans le fichier clients »
            if words and words[0].norm in ("la", "le", "les", "une", "un") and len(words) > 1:
                words = words[1:]
            # (« juste une fiche au CRM et la plaquette par courrier »: a record place leads a longer plan)
            short = len(words) <= 4 or (len(words) <= 9 and words[0].norm in _RECORD_PLACES | _DOC_WORDS)
            if words and short and words[0].norm not in _CONTACT_SUBJECT and not any(
                    c_start <= h.start < c_end for h in self.act_hits if h.tag in verbs) \
                    and not any(c_start <= h.start < c_end for h in self.interest_hits + self.dis_hits):
                candidates += [("record", h) for h in by_tag.get("record_obj", [])
                               if c_start <= h.start < c_end and t.toks[h.first].norm in _RECORD_PLACES]
                # « doc par courrier », « invitation portes ouvertes »: the documents sent
                candidates += [("docs", h) for h in by_tag.get("docs", [])
                               if c_start <= h.start < c_end and t.toks[h.first].norm in _DOC_WORDS
                               | {"invitation", "invitations", "invit"}]
        # « le comité attend notre offre. Je l'envoie cette semaine »: a send verb on a pronoun
        # stands for the quote or documents named just before.
        for h in by_tag.get("send", []):
            ours = h.last + 1 < len(t.toks) and t.toks[h.last].norm in ("le", "la", "les") \
                and t.toks[h.last + 1].norm in ("notre", "notres", "votre", "votres")  # « on envoie le nôtre »
            if (h.first and t.toks[h.first - 1].norm in ("l", "le", "la", "les") or ours) \
                    and not near_after(h, "docs", 4) and not near_after(h, "quote", 4):
                earlier = [o for o in by_tag.get("quote", []) + by_tag.get("docs", []) if o.end <= h.start]
                if earlier:
                    last = max(earlier, key=lambda o: o.start)
                    candidates.append(("quote" if last.tag == "quote" else "docs", h))
        # « il demande un rendez-vous : je le fixe en priorité »: a scheduling verb on a pronoun
        # stands for the meeting named just before.
        meetings_before = [m for m in by_tag.get("meeting", []) + self.requests]
        for i, tok in enumerate(t.toks if meetings_before else ()):  # (none to stand for: no loop)
            if i >= 2 and tok.norm.startswith(_SCHEDULING) and t.toks[i - 1].norm in ("l", "le", "la") \
                    and t.toks[i - 2].norm in _SCHEDULER \
                    and any(m.end <= tok.start and self.folded[m.start : m.end].startswith(_MEETING_NOUNS)
                            for m in meetings_before):
                candidates.append(("meeting", Hit("meeting", tok.start, tok.end, i, i + 1, False)))
        # « juste la newsletter. l'inscrire »: a record verb on a pronoun, its object just before
        for h in by_tag.get("record_verb", []):
            if h.first and t.toks[h.first - 1].norm in ("l", "le", "la", "les") \
                    and not near_after(h, "record_obj", 3) and not near_before(h, "record_obj", 5):
                start = t.clause_of(h.start)[0]
                before = [x for x in t.toks if x.end <= start]
                if before:
                    p_start, p_end = t.clause_of(before[-1].start)
                    if any(p_start <= o.start < p_end for o in by_tag.get("record_obj", []) + by_tag.get("docs", [])):
                        candidates.append(("record", h))

        fact_lines = [(m.start(), m.end()) for m in _FACT_LINE_RE.finditer(self.folded)] if labelled else []
        seen: set[tuple[str, int]] = set()
        for kind, h in sorted(candidates, key=lambda c: c[1].start):
            if (kind, h.start) in seen:
                continue
            if any(a <= h.start < b for a, b in fact_lines):
                continue  # « Délai : devis avant Noël » above « Action : … »: the contact's deadline
            if _answered_no(raw, h.end):
                continue  # « Est-ce un contact à rappeler vite ? Non plus. »: a plan ruled out
            if _hypothetical(t, h):
                continue  # « si je l'avais mis en tiède, je l'aurais relancé en septembre »: not the plan
            if _asked(raw, h.start, h.end):
                continue  # « Faut-il les relancer ? Je ne sais pas. »: a plan asked, not made
            if t.toks[h.first].norm.endswith(("ait", "aient")) and len(t.toks[h.first].norm) > 5:
                continue  # « elle visitait le salon »: what the contact did, in the imperfect
            if kind == "call" and h.first >= 2 and t.toks[h.first - 1].norm == "nous" \
                    and t.toks[h.first - 2].norm in ("il", "elle", "ils", "elles", "qu"):
                continue  # « il nous recontactera au printemps »: the contact's call, not the plan
            if kind in ("quote", "docs") and (
                    set(_clause_norms(t, max(0, h.first - 3), h.first, h.start)) & (_TAKEN | _REFUSED)
                    or set(_clause_norms(t, h.last, h.last + 2, h.start)) & _TAKEN):
                # « le trésorier a pris nos tarifs », « tarifs emportés »: what the contact took at
                # the stand; « elle a refusé le devis »: what the contact declined
                continue
            if kind == "quote" and _subject_of_a_statement(t, h):
                continue  # « les tarifs servent juste à comparer »: a statement, not a plan
            if kind == "meeting" and t.toks[h.first].norm.startswith("rencontr") and h.first \
                    and t.toks[h.first - 1].norm in ("avons", "ai", "a", "ont", "avez", "avait", "avions", "avaient"):
                self.not_now_spans.append((h.start, t.clause_of(h.start)[1]))  # (« … à la mi-avril »: that day)
                continue  # « le membre que nous avons rencontré »: the meeting at the salon, done
            if kind == "meeting" and t.toks[h.first].norm in ("fixe", "fixee", "fixes", "fixees") and h.first \
                    and t.toks[h.first - 1].norm in ("est", "sont", "etait", "etaient", "ete", "deja", "bien"):
                continue  # « l'événement est fixé au 26 septembre »: the contact's date, set, not a meeting
            if kind == "call" and t.toks[h.first].norm == "trait":
                continue  # « au motif du trait boulonnais », « d'un trait »: a noun, not « traiter »
            if kind == "meeting" and _someone_elses_event(t, h):
                continue  # « la visite des Gallois est dans un an »: the contact's event, not ours
            if kind == "quote" and _shopping_around(t, h):
                continue  # « il compare les devis la semaine prochaine »: the contact's quotes
            seen.add((kind, h.start))
            if _requested(t, h, self.requests, interest_for_request):
                out.requests.append(raw[h.start : h.end])
                self.request_spans.append((h.start, t.clause_of(h.start)[1]))
                continue
            c_end = t.clause_of(h.start)[1]
            timing = self._action_timing(h, kind, by_tag)
            if not timing and kind in ("quote", "meeting") and any(
                    a.timing == "later" and self._same_sentence(a.start, h.start) for a in out.actions):
                timing = "later"  # « une relance en mars pour obtenir un rendez-vous et préparer le devis »
            elif timing == "urgent" and kind in ("quote", "meeting") and self._purpose_of_later_call(h, out.actions):
                timing = "later"  # « relance en décembre pour obtenir un rendez-vous avant la réunion »
            out.actions.append(Action(kind, raw[h.start : h.end], h.start, timing))
            # (« je lui envoie dès maintenant une estimation de prix »: the plan begins at its verb)
            verb = near_before(h, "send", 4) if kind == "quote" else None
            self.regions.append((verb.start if verb is not None else h.start, c_end))

    _COORD = ("et", "puis", "mais", "ensuite", "ou", "sinon")

    def _purpose_of_later_call(self, h: Hit, actions: list[Action]) -> bool:
        """A meeting or a quote that is what a later call is for (« relance en décembre pour obtenir
        un rendez-vous avant la réunion du bureau »): the call's time is its time, whatever fast
        step came before the call (« brochure envoyée cette semaine, puis … »)."""
        if not actions or actions[-1].kind != "call" or actions[-1].timing != "later" \
                or not self._same_sentence(actions[-1].start, h.start):
            return False
        call = actions[-1].start
        between = [x.norm for x in self.t.toks[max(0, h.first - 4) : h.first] if x.start > call]
        return "pour" in between and not any(m.tag == "urgent" and call <= m.start < h.end for m in self.mod_hits)

    def _own_modifiers(self, h: Hit, c_start: int, c_end: int) -> list[Hit]:
        """Urgency/delay words of this action alone, between the coordinators around it."""
        t = self.t
        lo = max(c_start, t.toks[max(0, h.first - 3)].start)
        for tok in t.toks[max(0, h.first - 3) : h.first]:
            if tok.start >= lo and tok.norm in self._COORD:
                lo = tok.start
        hi = self._next_plan_at(h, c_end) or c_end
        return [m for m in self.mod_hits if lo <= m.start < hi and not m.negated]

    def _next_plan_at(self, h: Hit, c_end: int) -> int | None:
        """Where a coordinator (« et », « mais »…) opens another plan after ``h`` in its clause."""
        verbs = [x.start for x in self.act_hits if x.tag in ("call", "send", "quote", "meeting", "record_verb")]
        for tok in self.t.toks[h.last :]:
            if tok.start >= c_end:
                break
            if tok.norm in self._COORD and any(tok.start < v < c_end for v in verbs):
                return tok.start
        return None

    def _but_later_date(self, h: Hit, urgent: list[Hit]) -> bool:
        """« mais » after the urgency, then a date more than a month away, in the sentence."""
        last = max(m.end for m in urgent)
        buts = [x.start for x in self.t.toks if x.norm == "mais" and x.start >= min(last, h.end)
                and self._same_sentence(x.start, h.start)]
        return bool(buts) and any(
            e.start > buts[0] and self._same_sentence(e.start, h.start) and not e.past
            and e.date_min > self.salon + timedelta(days=30) for e in self.exprs)

    def _same_sentence(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return not _SENTENCE_STOP.search(self.raw, lo, hi)

    def _after_other_plan(self, h: Hit, c_start: int) -> bool:
        """A coordinator (« et », « puis ») between an earlier action of the text and ``h``."""
        earlier = [x for x in self.act_hits if x.start < h.start and x.tag in
                   ("call", "send", "quote", "meeting", "record_verb")]
        if not earlier:
            return False
        # (from the first of them: « je l'appelle … et je ne lui enverrai le devis qu'en
        # janvier », whose own verb « enverrai » comes after the « et »)
        first = min(x.last for x in earlier)
        return any(tok.norm in self._COORD for tok in self.t.toks[first : h.first])

    def _action_timing(self, h: Hit, kind: str, by_tag: dict[str, list[Hit]]) -> str:
        """urgent / later / campaign / "" from the words around the action in its clause."""
        t = self.t
        c_start, c_end = t.clause_of(h.start)
        # urgency / delay words: from 3 words before the action to the end of its clause
        lo_pos = max(c_start, t.toks[max(0, h.first - 3)].start)
        # « les envoyer tout de suite et le rappeler »: coordinated verbs share the urgency
        for j in range(h.first - 1, max(-1, h.first - 8), -1):
            if t.toks[j].start < c_start:
                break
            if t.toks[j].norm in ("et", "puis") and any(
                    c_start <= x.start < t.toks[j].start
                    for x in self.act_hits if x.tag in ("call", "send", "quote", "meeting")):
                lo_pos = c_start
                break
        mods = [m for m in self.mod_hits if lo_pos <= m.start < c_end and not m.negated]
        # « je l'appelle en priorité demain et je le relancerai l'an prochain »: each of two
        # coordinated plans keeps its own urgency or delay when it states one.
        own = self._own_modifiers(h, c_start, c_end)
        if own:
            mods = own
        elif self._after_other_plan(h, c_start) or self._next_plan_at(h, c_end) is not None:
            # « … en priorité demain et je le relancerai dans six mois », « puis je le relancerai
            # en septembre »: a second plan with a date of its own takes that date; so does a first
            # one (« je lui enverrai le prix en septembre, mais je l'appelle lundi en priorité »)
            end = self._next_plan_at(h, c_end) or c_end
            own_dates = [e for e in self.exprs if h.start <= e.start < end and not e.past]
            if any(e.date_min > self.salon + timedelta(days=30) for e in own_dates):
                return "later"
        timing = ""
        urgent = [m for m in mods if m.tag == "urgent"]
        if urgent and all(self.t.toks[m.first].norm in ("avant", "premier", "premiere", "premiers", "premieres")
                          for m in urgent) and any(
                h.start <= e.start < c_end and not e.past and e.date_min > self.salon + timedelta(days=30)
                for e in self.exprs):
            # « je la relance fin août pour passer avant les autres »: beating the others is the
            # reason, the date is the time
            timing = "later"
        elif urgent and self._but_later_date(h, urgent):
            timing = "later"  # « à rappeler en priorité, mais après les fêtes »: the « mais » wins
        elif urgent:
            timing = "urgent"
        elif any(m.tag == "later" for m in mods) and all(
                t.toks[m.first].norm == "avant" for m in mods if m.tag == "later") and any(
                m.tag == "urgent" and not m.negated and self._same_sentence(m.start, h.start)
                and (m.start >= c_start or _same_clause(t, m.start, h.start)) for m in self.mod_hits) \
                and not any(h.start <= e.start < c_end and not e.past and e.date_min > self.salon + timedelta(days=30)
                            and not any(m.tag == "later" and m.start <= e.start <= m.end + 30 for m in mods)
                            for e in self.exprs):
            # (« … et je la relancerai fin août, avant le vote du budget »: the plan's own date stands;
            # « avant la réunion de novembre » is the deadline's date, not the plan's)
            # « je l'appelle en priorité … pour préparer le devis avant la réunion du bureau »:
            # a deadline inside a fast plan, not a delay
            timing = "urgent"
        elif any(m.tag == "later" for m in mods) and not (
                all(t.toks[m.first].norm == "avant" for m in mods if m.tag == "later")
                and not any(h.start <= e.start < c_end and not e.past for e in self.exprs)):
            timing = "later"  # (« il faut le devis avant la réunion du comité »: a deadline, no date: no delay)
        else:
            for e in self.exprs:
                if h.start <= e.start < c_end and not e.past:
                    if e.date_max <= self.salon + timedelta(days=10):
                        timing = "urgent"
                    elif e.date_min > self.salon + timedelta(days=30):
                        timing = "later"
        if not timing and sum(1 for x in t.toks if c_start <= x.start < c_end) <= 3:
            # « urgent !!! rappeler »: a one-word plan takes the urgency of a one-word clause before
            before = [x for x in t.toks if x.end <= c_start]
            prev_start, prev_end = t.clause_of(before[-1].start) if before else (0, 0)
            prev = [m for m in self.mod_hits if prev_start <= m.start < prev_end and not m.negated]
            if sum(1 for x in before if x.start >= prev_start) > 2:
                prev = []  # only a clause that is nothing but the urgency word (« urgent !!! »)
            if any(m.tag == "urgent" for m in prev):
                timing = "urgent"
            elif any(m.tag == "later" for m in prev):
                timing = "later"
        if kind == "campaign":
            return "later"
        if kind == "call" and timing != "urgent" and any(
                0 <= c.first - h.last <= 6 and c.start < c_end for c in by_tag.get("campaign", [])):
            return "campaign"  # « recontacter lors d'une prochaine campagne »: keep in touch
        return timing

    # --- interest --------------------------------------------------------------------------
    def _interest(self, objects) -> None:
        t, raw, out = self.t, self.raw, self.out
        past_positions = [h.start for h in self.misc if h.tag == "past" and not _existential(t, h)] + [
            e.start for e in self.exprs if e.past]
        not_now = [h for h in self.misc if h.tag == "not_now"]

        def later_not_no(h: Hit, window: int) -> bool:
            """« pas intéressée tout de suite », « pas de projet avant X »: later, not no.

            « aucun besoin avant plusieurs années » stays a no: nothing in sight."""
            if _not_before(t, h) and (_far_horizon(t, h) or self._far_date_after(h)):
                return False
            return _not_before(t, h) or any(
                0 <= n.first - h.last <= window and _same_clause(t, h.start, n.start) for n in not_now) \
                or self._but_later(h)

        # Disinterest phrases carry their own negation cue: « ne … plus intéressé » is no
        # double negation.
        dis_hits = [Hit(h.tag, h.start, h.end, h.first, h.last, h.negated and not _has_cue(t, h))
                    for h in self.dis_hits]
        excluded = self.excluded
        dis_kept = [h for h in dis_hits if not h.negated
                    and not any(a < h.start < b for a, b in excluded)
                    and not (h.last < len(t.toks) and t.toks[h.last].norm in ("que", "qu"))
                    and not _nothing_missing_to_buy(t, h)
                    and not (h.first and t.toks[h.first].norm == "pas" and t.toks[h.first - 1].norm.startswith("exclu"))]
        # (« il n'exclut pas un achat »: not ruled out, no denial)
        # (« la commande ne concerne que 2028 »: « ne … que » restricts, it does not deny)
        dis_spans = [(h.start, h.end) for h in dis_kept]
        denials: list[Hit] = []
        for h in dis_kept:
            if _learners_own(t, h):
                continue  # « je n'attends pas : devis sous 48 h »: the plan's pace
            if h.tag != "no_budget" and self.folded[h.start : h.end].startswith(("plus", "aucun")) \
                    and set(_clause_norms(t, max(0, h.first - 4), h.first, h.start)) & _REMAINS:
                continue  # « il ne lui en reste plus aucun »: the stock is out, a need
            if set(t.norms[max(0, h.first - 4) : h.first]) & {"verifier", "assurer", "sassurer"}:
                continue  # « je l'appelle pour vérifier qu'il a tout ce qu'il faut »: the plan's check
            if h.last < len(t.toks) and t.toks[h.last].norm.startswith("doute"):
                continue  # « l'intérêt ne fait pas de doute »: a certainty, no refusal
            if h.last < len(t.toks) and t.toks[h.last].norm.startswith(_OBSTACLE_NOUNS) \
                    and set(t.norms[h.first : h.last]) <= _BARE_NEGATION:
                continue  # « donc plus aucun frein », « aucun obstacle »: the way is clear
            if h.tag != "no_budget" and _late_denied(t, h):
                continue  # « il ne veut pas recevoir le devis après la fin du mois »: the delay denied
            if self.folded[h.start : h.end].replace("'", " ").startswith(_NOT_TOPICAL):
                out.not_soon.append(raw[h.start : h.end])  # « pas d'actualité »: not now, no refusal
                continue
            if _suppliers_closure(t, h):
                continue  # « son fournisseur a cessé son activité »: a need, not the contact's end
            if _need_to_act(t, h):
                continue  # « pas besoin d'attendre un vote », « plus besoin de faire voter le budget »
            if h.tag != "no_budget" and h.last < len(t.toks) and t.toks[h.last].norm.startswith(L.GOODS) \
                    and set(t.norms[h.first : h.last]) <= _BARE_NEGATION \
                    and not raw[h.end : t.toks[h.last].start].strip():
                continue  # « elle n'a plus aucun maillot »: goods lacking, a need
            if t.toks[h.first].norm == "plus" and h.first and t.toks[h.first - 1].norm in ("le", "la", "les", "des"):
                continue  # « le plus intéressant du salon »: a superlative, no « plus intéressé »
            if any(x.norm.startswith(_PLAN_VERB_STEMS) for x in _clause_toks(t, max(0, h.first - 4), h.first, h.start)) or (
                    self.folded[h.start : h.end].startswith("servir") and any(
                        x.norm.startswith(_PLAN_VERB_STEMS) for x in t.toks[max(0, h.first - 9) : h.first]
                        if self._same_sentence(x.start, h.start))):
                continue  # « appeler maintenant ne servirait à rien »: the plan set aside, not the contact
            if self.folded[h.start : h.end].startswith(("ser", "inutile")) and h.last + 1 < len(t.toks) \
                    and t.toks[h.last].norm in ("de", "d") and t.toks[h.last + 1].norm.startswith(_PLAN_VERB_STEMS):
                continue  # « il ne sert à rien d'envoyer un devis aujourd'hui »: the same, said after
                # (« je ne vais pas l'appeler tout de suite, ça ne servirait à rien »: the same)
            if _shopping_around(t, h):
                continue  # « il compare déjà d'autres fournisseurs »: shopping around, not served
            if any(x.norm.startswith(("imminent", "urgen", "rapide")) for x in t.toks[h.first : h.last]):
                continue  # « un achat imminent avec un concurrent en embuscade »: a purchase near, not made
            if any(x.norm.startswith(_OTHER_SUPPLIER) for x in t.toks[h.first : h.last]) \
                    and _FAILED_RE.search(self.folded[slice(*t.clause_of(h.start))]):
                continue  # « la commande chez un autre fournisseur a été perdue »: a need, not served
            if h.tag != "no_budget" and (_waiting_denied(t, h) or _loss_denied(t, h)):
                continue  # « elle ne veut pas attendre », « ne veut pas perdre de temps »: urgency, not a refusal
            if h.tag != "no_budget" and _later_before(t, h):
                out.not_soon.append(raw[h.start : h.end])  # « pour plus tard, rien de prévu »: not yet
                continue
            lead = _lead_in(t, h)
            if _conceded(t, h):
                if h.tag != "no_budget" and self.folded[h.start : h.end].replace("'", " ").startswith(_NO_PROJECT):
                    out.not_soon.append(raw[h.start : h.end])  # « même s'il n'y a pas de projet »: not yet
                continue  # « même s'il est satisfait de son fournisseur, … »: granted, then set aside
            if lead & _CONDITION and h.tag != "no_budget":
                out.not_soon.append(raw[h.start : h.end])  # « tant que l'AG n'a pas voté, aucun achat »
                continue
            if _not_before(t, h) and h.tag != "no_budget" and (_far_horizon(t, h) or self._far_date_after(h)):
                # « aucun achat avant 2029 », « aucun besoin avant plusieurs années »: not now and
                # nothing in sight — no interest now for a cold contact, no refusal of a far project
                out.not_soon.append(raw[h.start : h.end])
                continue
            if later_not_no(h, 3) and h.tag == "no_budget":
                self.budget_later.append(raw[h.start : h.end])  # « pas de budget avant X »: a date, not interest
            elif later_not_no(h, 3):
                out.interest_later.append(raw[h.start : h.end])
            elif h.tag != "no_budget" and self._short_term_denied(h):
                out.not_soon.append(raw[h.start : h.end])  # « aucun achat à court terme »
            elif h.tag != "no_budget" and _not_firm(t, h):
                out.not_soon.append(raw[h.start : h.end])  # « pas de projet ferme »
            else:
                if h.tag != "no_budget":
                    denials.append(h)
                (out.no_budget if h.tag == "no_budget" else out.disinterest).append(raw[h.start : h.end])
        # « le club a déjà ses blousons et casquettes »: the gear is there
        for m in _HAS_ALREADY.finditer(self.folded):
            if any(w.startswith(_GEAR) for w in m.group(1).split()):
                out.no_budget.append(raw[m.start() : m.end()])  # (« l'harmonie a déjà ses tenues »: equipped too)
        # « il n'y aura rien avant 2031 »: nothing for over a year — not now
        for m in _NOTHING_BEFORE.finditer(self.folded):
            if any(0 <= e.start - m.end() <= 2 and e.date_max > self.salon + timedelta(days=365) for e in self.exprs):
                out.not_soon.append(raw[m.start() : m.end()])
        # Form-style answers: « intérêt : aucun », « besoin : non ».
        label_no = []
        for m in _LABEL_NO_RE.finditer(self.folded) if _may_answer_no(self.folded) else ():
            # (up to two words may lead the heading: « Autres besoins : aucun », « Intention d'achat : aucune »)
            lead = _HEADING_LEAD.sub("", self.folded[: m.start()]).rstrip(" \t")
            if "?" not in m.group(0) and lead and lead[-1] not in "\n.;:,•*-–|/(>":
                continue  # « mais pas de projet ni de date : rien d'urgent »: a sentence, no form heading
                # (a question, « Le club a-t-il un besoin ? Non », is asked anywhere)
            label_no.append((m.start(), m.end()))
            if _FOR_NOW.match(self.folded, m.end()):
                out.not_soon.append(raw[m.start() : m.end()])  # « Projet : aucun pour l'instant »: not yet
                continue
            out.disinterest.append(raw[m.start() : m.end()])
        because = "parce" in raw.lower()  # (« ce n'est pas parce que … »: rare, checked only then)
        for h in self.interest_hits:
            head = t.toks[h.first].norm  # (the hit's first word, read by most checks below)
            word = raw[h.start : h.end]
            if any(a <= h.start < b or (h.start < a < h.end) for a, b in dis_spans + label_no + excluded):
                continue
            if self.in_region(h.start) and head.startswith(("devi", "command", "interessant")):
                continue  # (« pour lui faire une offre plus intéressante »: our offer, in the plan)
            if self.in_region(h.start) and head.startswith(("projet", "besoin")) and any(
                    a.norm == "s" and b.norm in ("il", "ils", "elle", "elles")
                    for a, b in zip(t.toks[max(0, h.first - 4) : h.first], t.toks[max(0, h.first - 3) : h.first])):
                continue  # « je le relancerai pour voir s'il a un projet »: the plan's question
            if head.startswith("achat") and (h.first >= 2 and t.toks[h.first - 2].norm == "centrale"
                                             or h.last < len(t.toks) and t.toks[h.last].norm == "par"):
                continue  # « la centrale d'achat de la ville », « achats par la centrale »: someone else buys
            if self.in_region(h.start) and not {"quand", "lorsque", "lorsqu"}.isdisjoint(
                    _clause_norms(t, max(0, h.first - 5), h.first, h.start)):
                continue  # « … dans un an ou deux, quand les maillots seront à renouveler »: the plan's time
            if _FOR_ONESELF_RE.match(self.folded, h.end, t.clause_of(h.start)[1]) \
                    or head.startswith(("achat", "achet")) and _PERSONAL_RE.match(self.folded, h.end):
                continue  # « badge = achat perso », « il voulait juste un mug pour lui »: not the club's
            if head.startswith("interess") and h.negated is False and h.last < len(t.toks) \
                    and t.toks[h.last].norm in ("qu", "que") and set(t.norms[max(0, h.first - 3) : h.first]) & {"ne", "n"}:
                out.disinterest.append(word)  # « ne s'intéressait qu'au matériel de projection »: to something else
                continue
            if h.negated and head.startswith("attend") and h.first and t.toks[h.first - 1].norm == "sans":
                continue  # « je l'appelle sans attendre + devis »: the plan's pace, not the contact's wish
            if h.negated and (_RESTRICTIVE_BEFORE.search(self.folded, t.clause_of(h.start)[0], h.start)
                              or re.search(r"\b(?:plus|pas) qu", self.folded[h.start : h.end + 6].replace("'", " "))):
                # « ils n'attendent plus que notre devis », « il n'attend plus que le nôtre pour
                # choisir »: only that is awaited, a restriction, no denial
                out.interest.append(word)
                self._interest_pos.append(h.start)
                continue
            if head.startswith("command") and h.first and t.toks[h.first - 1].norm in ("rien", "pas", "jamais") \
                    and raw[h.start : h.end].endswith(("é", "és", "ée", "ées")):
                continue  # « rien commandé »: no order yet, which says nothing of the wish
            if h.negated and head.startswith("cherch") and set(t.norms[h.last : h.last + 4]) & {"idee", "idees", "renseignement", "renseignements", "information", "informations"}:
                continue  # « il ne cherche pas des idées, il doit commander »: more than curiosity
            if _NOT_NOW_AFTER.match(self.folded[h.end : h.end + 60].replace("'", " ")):
                out.not_soon.append(word)  # « acheter des goodies n'est pas d'actualité »
                continue
            # (« de la politesse plus que d'un besoin »: the « de » that the first noun took, repeated)
            k = h.first - 1 if h.first >= 2 and t.toks[h.first - 2].norm == "d" else h.first
            if t.norms[max(0, k - 3) : k][-3:] in (["plus", "qu", "un"], ["plutot", "qu", "un"],
                                                                    ["plus", "qu", "une"], ["plutot", "qu", "une"],
                                                                    ["plus", "que", "d"], ["plutot", "que", "d"]) \
                    and k >= 4 and t.toks[k - 4].norm not in ("est", "c", "a", "y", "bien", "beaucoup",
                                                             "encore", "vraiment", "meme"):
                out.disinterest.append(word)  # « c'est un compliment plus qu'un besoin »
                continue
            if because and _NOT_BECAUSE_RE.search(self.folded[max(0, h.start - 120) : h.start]):
                out.disinterest.append(word)  # « ce n'est pas parce qu'il a pris un catalogue qu'il est intéressé »
                continue
            if head.startswith(("chois", "command")) and h.last < len(t.toks) \
                    and t.toks[h.last].norm == "par":
                continue  # « l'équipement est payé et choisi par la municipalité »: someone else's choice
            if _bought_elsewhere(t, h):
                out.disinterest.append(word)  # « a renouvelé ses vestes chez un concurrent »
                out.elsewhere.append(raw[h.start : t.clause_of(h.start)[1]].strip())
                continue
            if _renewed(t, h):
                out.no_budget.append(word)  # « tenues renouvelées », « vient de tout changer »
                continue
            if any(0 <= h.first - d.last <= 3 and _same_clause(t, d.start, h.start)
                   and not set(t.norms[d.last : h.first]) & _BUT for d in dis_kept):
                continue  # « aucun achat n'est envisagé »: still the refusal (« … mais elle envisage »: not)
            if head in ("equipe", "equipes") and (
                    not h.first or raw[t.toks[h.first - 1].end : h.start].strip() in (":", "-", "•")
                    or t.toks[h.first - 1].norm in _DETERMINERS
                    or h.first >= 2 and t.toks[h.first - 2].norm in _DETERMINERS and t.toks[h.first - 1].norm in _NOUN_ADJECTIVES):
                continue  # « l'équipe a déjà un prestataire »: the team, not « équiper »
            if head.startswith("equipement"):
                continue  # a supplier (« un équipementier »), the gear (« équipement renouvelé »): no wish
            if head.startswith("interet") and set(t.norms[max(0, h.first - 2) : h.first]) \
                    & _WEAK_BEFORE:
                out.liking.append(word)  # « un petit intérêt »: a taste, not yet a need
                out.interest.append(word)
                self._interest_pos.append(h.start)
                continue
            if head.startswith(("interet", "besoin")) and set(t.norms[h.last : h.last + 4]) & _WEAK:
                if set(t.norms[h.last : h.last + 4]) & {"nul", "nulle", "inexistant", "zero"}:
                    out.disinterest.append(word)  # « le besoin est nul »
                continue  # « l'intérêt est très vague », « un intérêt de politesse »: no interest
            if _criterion_talk(t, h):
                continue  # « j'applique trois critères : l'intérêt, le besoin, puis le délai »
            if head.startswith("interet") and _WEAK_VALUE.match(self.folded, h.end):
                continue  # « Intérêt : passée par curiosité »: a form heading whose value is no interest
            if head.startswith("besoin") and "dont" in t.norms[max(0, h.first - 4) : h.first]:
                continue  # « il fabrique lui-même ce dont il a besoin »: what it needs in general
            if head in ("lui", "leur") and t.norms[max(0, h.first - 3) : h.first][:2] == ["ce", "qu"]:
                continue  # « tout ce qu'il lui faut »: what it needs in general, not our offer
            if head.startswith(("besoin", "projet", "interess")) and {"si", "quand", "cas", "jour"} & set(_clause_norms(t, max(0, h.first - 5), h.first, h.start)):
                continue  # « le jour où un besoin apparaîtra »: a hypothesis, not the contact's need
            if _clause_norms(t, max(0, h.first - 4), h.first, h.start)[-3:] in (
                    ["peut", "un", "jour"], ["pourrait", "un", "jour"], ["pourra", "un", "jour"]):
                continue  # « une section de rando peut un jour vouloir des tee-shirts »: some day, maybe
            if _clause_norms(t, max(0, h.first - 6), h.first, h.start)[-6:] and \
                    _SOME_DAY_RE.search(self.folded[max(0, h.start - 40) : h.start]):
                continue  # « pour qu'il pense à nous le jour où il faudra renouveler »: some day, maybe
            if head.startswith(("souhait", "demand", "veu", "voul")) and "comme" in t.norms[max(0, h.first - 4) : h.first]:
                continue  # « je l'inscris à la newsletter, comme elle le souhaite / l'a souhaité »: about the plan
            if head.startswith("voul") and h.first and t.toks[h.first - 1].norm == "bien":
                continue  # « le catalogue qu'il a bien voulu recevoir »: consent, not a wish
            if head.startswith(("besoin", "projet")) and h.last < len(t.toks) \
                    and t.toks[h.last].norm in ("peut", "pourrait", "pourra", "peuvent", "pourraient"):
                continue  # « un besoin peut apparaître »: a guess about some day
            if _NOT_OUR_OFFER.match(self.folded, h.end):
                out.disinterest.append(word)  # « s'intéressait aux machines, pas à ce que nous vendons »
                continue
            nxt = t.toks[h.last].norm if h.last < len(t.toks) else ""
            nxt2 = t.toks[h.last + 1].norm if h.last + 1 < len(t.toks) else ""
            if nxt in ("pas", "jamais", "rien") and not h.negated and nxt2 not in _NOT_NEGATING \
                    and not _PUNCT_INSIDE.search(raw[h.end : t.toks[h.last].start]):
                # (« intéressé, pas pressé »: the comma closes the interest first)
                # « veut pas », SMS style without « ne »; « ne veut rien cette année mais … 2028 »
                (out.interest_later if later_not_no(h, 4) else out.disinterest).append(word)
                continue
            if head.startswith("interess") and head.endswith("er") and set(t.norms[max(0, h.first - 3) : h.first]) & _MAY:
                continue  # « ça peut l'intéresser »: the learner's guess, not the contact's interest
            if head.startswith(("besoin", "envie")) and set(_clause_norms(t, max(0, h.first - 3), h.first, h.start)) & _COULD:
                continue  # « une ludothèque pourrait avoir besoin de goodies »: a guess, no need stated
            if head.startswith(("veu", "voul", "souhait")) and (nxt.startswith(_LOOKING) or (
                    nxt in ("juste", "seulement", "simplement") and nxt2.startswith(_LOOKING))):
                continue  # « il voulait découvrir nos machines »: curiosity, not a wish to buy
            if head.startswith(("veu", "voul", "souhait", "cherch")) and any(
                    0 <= d.first - h.last <= 4 and t.toks[d.first].norm in ("pas", "pa") and self._same_sentence(h.start, d.start)
                    for d in dis_kept):
                continue  # « il cherchait un traiteur, pas des goodies »: a wish for something else
            if "pourquoi" in t.norms[max(0, h.first - 2) : h.first]:
                continue  # « pourquoi achèterait-il ? »: a question that answers no
            if head in _OUR_WISHES:
                continue  # « nous voulons qu'il pense à nous »: the learner's wish, not the contact's
            if (nxt, nxt2) == ("un", "jour") and head.startswith(_PURCHASE) \
                    or h.first and t.toks[h.first - 1].norm in ("dernier", "derniere"):
                continue  # « un orchestre renouvelle un jour ses tenues », « le dernier renouvellement »
            if head.startswith(("veu", "voul", "souhait", "cherch")) and nxt.startswith("rencontr") \
                    and nxt2 in ("un", "une", "des"):
                continue  # « elle voulait rencontrer un éditeur »: someone else (« nous rencontrer »: us)
            if h.first and t.toks[h.first - 1].norm == "cote":
                continue  # « côté achats, c'est la commune qui paie »: a heading, no wish
            if head.startswith(("veu", "voul")) and "dire" in (nxt, nxt2):
                continue  # « veut dire »: means, no wish
            if head.startswith(("veu", "voul", "souhait")) and h.first >= 2 \
                    and t.toks[h.first - 1].norm in ("il", "ils", "elle", "elles", "on") \
                    and t.toks[h.first - 2].norm in ("qu", "que", "quand", "comme"):
                continue  # « ils impriment ce qu'ils veulent quand ils veulent »: whatever, no wish
            if head.startswith(("cherch", "voul", "veu", "souhait")) and not h.negated \
                    and set(t.norms[h.last : h.last + 3]) & _ELSE_SOUGHT:
                continue  # « elle cherchait un autre stand », « de l'inspiration pour un chantier »: not our offer
            if not h.negated and head.startswith(("cherch", "voul", "veu", "demand", "souhait")) \
                    and any(tok.norm in _DOC_WORDS for tok in t.toks[h.last : h.last + 4]):
                continue  # « chercher de la documentation » is not interest in the offer
            if head.startswith(("cherch", "voul", "veu", "demand", "souhait", "interess")) \
                    and any(tok.norm.startswith(("gratuit", "gratos")) or tok.norm in ("offert", "offerts", "offerte", "offertes")
                            for tok in _clause_toks(t, h.last, h.last + 5, h.start)):
                continue  # « ils voulaient surtout des stylos gratuits »: freebies, not the offer
            if h.negated and _DEADLINE_AFTER.match(self.folded, h.end):
                out.interest.append(word)  # « il ne choisira pas après le 15 mai »: a deadline, no refusal
                self._interest_pos.append(h.start)
                continue
            if h.negated and _no_order_yet(t, h):
                continue  # « il n'a rien commandé »: no order yet, which says nothing of the wish
            if h.negated and not head.startswith("interess") and _learners_own(t, h):
                continue  # « je ne veux pas le perdre »: the learner's wish
            if h.negated and self._negation_words(h) & _REASON_OPENERS:
                # « pas froid non plus vu son intérêt »: the denial ended before the reason
                out.interest.append(word)
                self._interest_pos.append(h.start)
                continue
            if h.negated:
                scope = self._negation_words(h)
                if head.startswith(("plai", "conv", "satisf", "aim", "apprec", "content")) and any(
                        x.norm.startswith(_OTHER_SUPPLIER) for x in _clause_toks(t, max(0, h.first - 6), h.first, h.start)):
                    continue  # « le devis de son imprimeur ne lui plaît pas »: the other supplier displeases
                if {"sait", "savoir", "sais", "savent"} & (scope | set(t.norms[max(0, h.first - 5) : h.first])):
                    continue  # « on ne sait pas s'ils achèteront un jour »: unknown, not denied
                negated = self._negation_words(h, from_ne=True)
                if any(w.startswith(_DOUBLE_NEGATION) for w in negated) or (
                        "sans" in negated and {"pas", "plus", "jamais"} & negated):
                    # (« elle n'est pas sans projet »: two denials, a project)
                    # « il n'exclut pas de commander », « il ne lui manque rien pour acheter »:
                    # the denial of a denial, the wish stands
                    out.interest.append(word)
                    self._interest_pos.append(h.start)
                    continue
                if set(_clause_norms(t, h.last, h.last + 5, h.start)) & _BROWSING:
                    continue  # « il ne cherche pas à se renseigner, il veut 45 sweats »: more than a look
                after4 = _clause_norms(t, h.last, h.last + 4, h.start)
                if _loss_denied(t, h):
                    out.interest.append(word)  # « il ne veut surtout pas être en retard »: urgency
                    self._interest_pos.append(h.start)
                    continue
                if any(w.startswith(_HURRYING) for w in after4):
                    out.not_soon.append(word)  # « elle ne veut rien précipiter »: no hurry, no refusal
                    continue
                if any(w.startswith(_WAITING) for w in scope):
                    out.interest.append(word)  # « elle ne va pas attendre pour choisir »: urgency
                    self._interest_pos.append(h.start)
                    continue
                after = _clause_norms(t, h.last, h.last + 5, h.start)
                if any(w.isdigit() or w in NUMBER_WORDS or w in _DURATION_WORDS for w in scope) or (
                        {"dela", "apres"} & set(after[:3]) and set(after) & (_DURATION_WORDS | NUMBER_WORDS.keys())) \
                        or scope & _LATE:
                    # « ne mettront pas plus de dix jours à choisir », « ne peut pas commander
                    # au-delà de quinze jours »: the delay is denied, not the purchase
                    continue
                if scope & _PENDING or scope & _OBSTACLES:
                    # « n'a pas encore choisi »: pending, no refusal; « plus rien ne bloque
                    # l'achat »: the obstacle is denied, the purchase stands
                    if scope & _OBSTACLES:
                        out.interest.append(word)
                        self._interest_pos.append(h.start)
                    continue
                if h.last < len(t.toks) and t.toks[h.last].norm in _FAR_WORDS:
                    out.interest.append(word)  # « ce n'est pas un projet lointain »: the denial is the delay's
                    self._interest_pos.append(h.start)
                    continue
                if head.startswith(("subvention", "budget", "financ")):
                    out.no_budget.append(word)  # « pas avant d'avoir les subventions »: money, not the wish
                elif _not_before(t, h) and (_far_horizon(t, h) or self._far_date_after(h)):
                    out.not_soon.append(word)  # « il ne veut rien avant le printemps 2028 »: nothing soon
                elif later_not_no(h, 4):
                    out.interest_later.append(word)
                elif self._short_term_denied(h):
                    out.not_soon.append(word)  # « rien ne sera acheté à court terme »
                elif _lead_in(t, h) & _CONDITION:
                    out.not_soon.append(word)  # « tant que la CAF n'a pas répondu, elle ne pourra rien commander »
                else:
                    out.disinterest.append(word)
                    denials.append(h)  # (« … un intérêt, mais ni projet ni budget »: see below)
                continue
            if self._only_far_later(h):
                out.not_soon.append(word)  # « ils ne repasseront commande que dans deux ans »
                continue
            c_start, c_end = t.clause_of(h.start)
            after = raw[h.end : h.end + 12]
            if any(c_start <= p < c_end for p in past_positions) or _AVANT_ALONE.match(after):
                out.past_interest.append(word)  # « intéressés il y a deux ans », « intéressés avant, … »
                continue
            if _answered_no(raw, h.end, _WISH_DENIED, reach=60):
                out.not_soon.append(word)  # « Veulent-ils acheter ? Pas du tout. »: the answer is no
                continue
            if _too_much_for(t, h):
                out.not_soon.append(word)  # « c'est trop vague pour être un vrai besoin »: not (yet) a need
                continue
            if head.startswith(_LIKING) or _supposed(t, h) or (
                    h.first and t.toks[h.first - 1].norm in ("prochain", "futur", "futurs", "prochains")):
                # (« pour qu'ils pensent à nous au prochain besoin »: a need to come, supposed)
                # « aime nos sacs »: taste, not a need; « elles pourraient vouloir des tee-shirts »,
                # « ce serait inventer un besoin »: supposed by the learner, not stated by the contact
                out.liking.append(word)
            out.interest.append(word)
            self._interest_pos.append(h.start)
        object_pos = []
        if objects:
            names, objs, kin = _object_words(tuple(objects))
            for i, tok in enumerate(t.toks):
                named = names.get(tok[:2])  # (norm, lemma)
                if named is None:
                    named = tok.lemma in objs or tok.norm in objs or _object_key(tok.norm) in objs \
                        or bool(kin) and tok.norm.startswith(kin)
                    if len(names) < 20_000:
                        names[tok[:2]] = named
                if named \
                        and not (t.is_negated(tok.start) and not any(
                            x.norm.startswith(_WAITING) for x in _clause_toks(t, max(0, i - 5), i, tok.start))) \
                        and not self.in_region(tok.start):
                    # (« il ne veut pas attendre pour les polos »: the wait is denied, not the polos)
                    out.interest_objects.append(raw[tok.start : tok.end])
                    object_pos.append(tok.start)
        for h in denials:
            words = t.norms[h.first : h.last]
            if any(w.startswith(_PROJECT_WORDS) for w in words) or "rien" in words:
                m = _SENTENCE_END.search(raw[: h.start][::-1])
                begin = h.start - m.start() if m else 0
                buts = [x.start for x in t.toks[max(0, h.first - 6) : h.first] if x.norm == "mais" and x.start >= begin]
                if buts and any(begin <= p < buts[-1] for p in self._interest_pos + object_pos):
                    out.no_project_yet.append(raw[h.start : h.end])
            m = _SENTENCE_END.search(raw, h.end)
            stop = m.start() if m else len(raw)
            buts = [x.start for x in t.toks[h.last : h.last + 12] if x.norm == "mais" and x.start < stop]
            if buts and any(buts[0] < p < stop for p in self._interest_pos + object_pos):
                out.then_interest.append(raw[h.start : h.end])

    def _only_far_later(self, h: Hit) -> bool:
        """« ne … que » around the hit, then a date over a year after the salon: « ils ne
        repasseront commande que dans deux ans » — nothing before then."""
        t = self.t
        before = _clause_norms(t, max(0, h.first - 3), h.first, h.start)
        after = [x for x in _clause_toks(t, h.last, h.last + 3, h.start)]
        if not ({"ne", "n"} & set(before)) or not any(x.norm in ("que", "qu") for x in after):
            return False
        c_end = t.clause_of(h.start)[1]
        return any(h.end <= e.start < c_end and not e.past and e.date_min > self.salon + timedelta(days=365)
                   for e in self.exprs)

    def _plan_noun_clause(self, pos: int) -> bool:
        """The hit's part of the sentence (between commas) is about the learner's plan: its subject
        is « action », « suite », « suivi » or « relance » (« une action adaptée sera menée
        rapidement »)."""
        t = self.t
        lo = max(self.raw.rfind(",", 0, pos), t.clause_of(pos)[0] - 1)
        return any(x.norm in _PLAN_NOUNS for x in t.toks if lo < x.start < pos)

    def _far_date_after(self, h: Hit) -> bool:
        """A date more than a year after the salon right after « avant » (« avant 2029 »)."""
        t = self.t
        for tok in t.toks[h.last : h.last + 3]:
            if tok.norm == "avant":
                # (« avant 2029 » ends where 2029 begins: its last day is the horizon)
                return any(0 <= e.start - tok.start <= 8 and e.date_max > self.salon + timedelta(days=365)
                           for e in self.exprs)
        return False

    def _negation_words(self, h: Hit, from_ne: bool = False) -> set[str]:
        """The words from the negation cue that covers ``h`` to ``h`` itself; with ``from_ne``,
        from the start of that negation (its « ne »), so that the negated verb is among them
        (« n'exclut pas de commander », « ne lui manque rien pour »)."""
        t = self.t
        cues = _covering_scopes(t, h)
        if not cues:
            return set()
        lo = min(sc.start if from_ne else sc.cue_start for sc in cues)
        return {x.norm for x in t.toks if lo <= x.start < h.start}

    def _short_term_denied(self, h: Hit) -> bool:
        """« court terme » just after a denial, in its clause: « pas intéressé à court terme »,
        « rien ne sera acheté à court terme » deny the short term, not the interest."""
        t = self.t
        c_end = t.clause_of(h.start)[1]
        words = [x.norm for x in t.toks[h.first : h.last + 7] if x.start < c_end]
        return any((a, b) in (("court", "terme"), ("trois", "mois"), ("tout", "de"), ("cette", "semaine"))
                   for a, b in zip(words, words[1:])) or "immediat" in words or "immediatement" in words

    def _but_later(self, h: Hit) -> bool:
        """« pas intéressée pour cette année, mais oui pour 2028 », « pas de projet cette saison
        mais pour la suivante »: a « mais » soon after the negated interest, in the same sentence,
        followed by « oui » or by a date at least a month after the salon (not the learner's
        plan)."""
        t = self.t
        m = _SENTENCE_END.search(self.raw, h.end)
        sentence_end = m.start() if m else len(self.raw)
        for k in range(h.last, min(len(t.toks), h.last + 8)):
            tok = t.toks[k]
            if tok.start >= sentence_end:
                return False
            if tok.norm != "mais":
                continue
            following = t.toks[k + 1 : k + 7]
            limit = following[-1].end if following else tok.end
            later = any(x.norm == "oui" for x in following) or any(
                tok.end <= e.start < limit and not e.past and not self.in_region(e.start)
                and e.date_min > self.salon + timedelta(days=30) for e in self.exprs)
            if later:  # what is denied is « now »: « cette année » is not the project's timing
                self.not_now_spans.append((h.start, tok.start))
            return later
        return False

    def _at_the_earliest(self, start: int) -> bool:
        """« au plus tôt » at ``start``, just after a date, a month or a season (« en mai 2027 au
        plus tôt », « je le relancerai en mars au plus tôt »): « at the earliest », no hurry."""
        return self.folded.startswith("au plus tot", start) and any(
            x.label != "urgence" and 0 <= start - x.end <= 2 for x in self.exprs)

    # --- timing of the project ----------------------------------------------------------------
    def _timing(self) -> None:
        t, raw, out = self.t, self.raw, self.out
        long_spans = [(h.start, h.end) for h in self.time_lex if h.tag == "long" and not h.negated]
        excluded = self.excluded
        # (ours, the salon where they met: not « leur salon du printemps 2028 », « le salon du
        # livre », the contact's own event)
        salons = [x for i, x in enumerate(t.toks) if x.norm == "salon"
                  and not (i and t.toks[i - 1].norm in ("leur", "son", "prochain"))
                  and not (i + 2 < len(t.toks) and t.toks[i + 1].norm in ("du", "des", "de")
                           and t.toks[i + 2].norm in _OTHER_SALONS)]
        for e in self.exprs:
            if e.past or e.label == "passe" or self.in_region(e.start) \
                    or any(a <= e.start < b for a, b in self.not_now_spans):
                continue
            if e.label == "urgence" and any(a <= e.start < b for a, b in long_spans):
                continue  # « rien ne presse »: the long reading wins
            if e.label != "date" and any(x.label == "date" and 0 <= x.start - e.end <= 6 for x in self.exprs):
                continue  # « la fête de fin d'année du 26 juin »: the date says which
            if e.label == "evenement" and any(x.label == "relatif" and 0 < x.start - e.end <= 20 and _LIEU_RE.match(
                    self.folded, e.end) for x in self.exprs):
                continue  # « les fêtes ont lieu dans deux mois »: the delay says when, not the calendar
            if e.label == "urgence" and self._plan_noun_clause(e.start):
                continue  # « une action adaptée sera menée rapidement »: the plan's pace
            if e.label == "urgence" and self._at_the_earliest(e.start):
                continue  # « pour le salon de mai 2027 au plus tôt »: a lower bound, the date says when
            if e.label in ("urgence", "long") and _our_condition(t, bisect_left(t.starts, e.start), e.start):
                continue  # « si on ne répond pas très vite »: a condition on our pace
            if e.label == "urgence" and _learners_pace(t, bisect_left(t.starts, e.start), e.start):
                continue  # « il faut faire vite : devis sous 48 h »: the learner's pace, not the project's
            if e.label != "urgence" and _NOW_IS_RE.search(self.folded[max(0, e.start - 20) : e.start]):
                continue  # « nous sommes en février 2027 »: the present, not the project
            if e.label != "urgence" and salons and any(
                    x.end <= e.start and _same_clause(t, x.start, e.start)
                    and (sum(1 for y in t.toks if x.end <= y.start < e.start) <= 3
                         or _SALON_HELD.match(self.folded, x.end, e.start)) for x in salons):
                continue  # « le salon est mi-novembre », « le salon s'est tenu en octobre 2027 »: the point
                # counted from, not the project
            if e.label == "urgence" and (_ANSWERED_NO.match(self.folded[e.end : e.end + 14]) or _nobody_before(t, e.start)):
                out.timing.append(Claim("moyen_long", e.text, e.start, 0.6))  # « Urgence ? Aucune. »
                continue
            claim = _classify_range(e.date_min, e.date_max, self.salon, e.confidence, e.label)
            if e.label in ("rentree", "saison", "evenement", "mois") and not _YEAR.search(e.text) \
                    and (e.date_min - self.salon).days > 330:
                # « la rentrée » said just after this year's one: this year or next? Ask the teacher.
                claim = Claim("ambigu", "", 0, 0.4)
            if fold(e.text).startswith("avant") and _negation_just_before(t, e.start):
                claim = Claim("moyen_long", "", 0, 0.7)  # « rien avant l'été »: not before, so later
            elif any(a <= e.start < b for a, b in excluded):
                if claim.kind != "court":
                    continue
                claim = Claim("moyen_long", "", 0, 0.6)  # « pas pour cet été »: not soon
            has_year = bool(_YEAR.search(e.text))
            if e.label == "date" or (e.label == "mois" and has_year):
                out.dates.append((e.text, e.date_min, e.date_max))
            elif e.label == "mois":
                out.months.append((e.text, e.date_min, e.date_max))
            explicit = e.label in ("date", "mois", "annee") or has_year
            secondary = e.secondary or bool(_RELEASE_BEFORE.search(self.folded[max(0, e.start - 40) : e.start])) \
                or any(a <= e.start < b for a, b in self.request_spans)
            out.timing.append(Claim(claim.kind, e.text, e.start, claim.confidence, explicit, secondary))
            out.claim_days[e.start] = (e.date_min, e.date_max)
        covered = [(c.start, c.start + len(c.text)) for c in out.timing]
        longest = [h for h in self.time_lex if not any(
            o is not h and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            for o in self.time_lex)]
        for h in longest:
            if self.in_region(h.start) or any(a <= h.start < b for a, b in covered + self.not_now_spans):
                continue
            if h.tag == "short" and self._plan_noun_clause(h.start):
                continue  # « une action adaptée sera menée rapidement »: the plan's pace, not the project's
            if h.tag == "long" and _FEW_MONTHS_RE.match(self.folded, h.start):
                continue  # « (un peu plus de deux mois) »: still the short term, no long delay
            if _our_condition(t, h.first, h.start):
                continue  # « si on ne répond pas très vite, … »: a condition on our pace, not the project's
            if h.tag == "short" and _learners_pace(t, h.first, h.start):
                continue  # « je ne compte pas attendre qu'il revienne vers nous », « il ne faut surtout
                # pas attendre : devis sous 48 h »: the learner's pace
            if h.tag == "short" and self.folded.startswith(("a chaud", "à chaud"), t.toks[h.last].start
                                                          if h.last < len(t.toks) else len(self.folded)):
                continue  # « leur presse à chaud »: a machine, not a hurry
            flipped = ((h.negated or _nobody_before(t, h.start)) and not _has_cue(t, h)  # « pas pressé » stays long
                       and not (h.tag == "long" and h.first and t.toks[h.first - 1].norm == "avant")
                       # (« pas d'achat avant plusieurs mois »: not before, a long delay)
                       ) or (h.tag == "short" and bool(_ANSWERED_NO.match(self.folded[h.end : h.end + 14])))
            kind = "moyen_long" if (h.tag == "long") != flipped else "court"
            out.timing.append(Claim(kind, raw[h.start : h.end], h.start, 0.6))
        for word in out.interest_later + self.budget_later:
            out.timing.append(Claim("moyen_long", word, 0, 0.6))
        # « saison 28-29 »: a season written with two-digit years
        for m in _SHORT_SEASON_RE.finditer(self.folded):
            if self.in_region(m.start()) or any(c.start <= m.start() < c.start + len(c.text) for c in out.timing):
                continue
            first = date(2000 + int(m.group(1)), 9, 1)
            if int(m.group(2)) == (int(m.group(1)) + 1) % 100 and first.year >= self.salon.year:
                kind = "moyen_long" if first > court_terme_limit(self.salon) else "court"
                out.timing.append(Claim(kind, raw[m.start() : m.end()], m.start(), 0.8, True))

    # --- instruction-like clauses with no known action ------------------------------------------
    def _instructions(self) -> None:
        t, out = self.t, self.out
        action_starts = {a.start for a in out.actions} | {h.start for h in self.act_hits}
        clauses: list[list] = [[]]
        bounds = iter(t.bounds)
        next_bound = next(bounds, None)
        for tok in t.toks:
            while next_bound is not None and next_bound < tok.start:
                clauses.append([])
                next_bound = next(bounds, None)
            clauses[-1].append(tok)
        for clause in clauses:
            for tok in clause[:4]:
                if tok.norm in _LEAD_WORDS:
                    continue
                noun_like = tok.norm.endswith("ier") and not tok.norm.endswith("ifier")
                if (len(tok.norm) >= 4 and tok.norm.endswith(("er", "ir", "re")) and not noun_like
                        and tok.norm not in _NOT_VERBS and tok.start not in action_starts):
                    out.unknown_instructions.append(self.raw[tok.start : tok.end])
                break
        out.content_words = {tok.lemma for tok in t.toks
                             if len(tok.norm) >= 5 and tok.norm not in L.STOPWORDS}

    # --- class words ---------------------------------------------------------------------------
    def _in_question(self, pos: int) -> bool:
        """« chaud/tiède ? je dirais chaud »: a class word in a question is weighed, not claimed."""
        m = _QUESTION_TAIL.match(self.raw, pos)
        rest = [w for w in re.findall(r"[a-z]+", fold(m.group(0)) if m else "") if w not in L.CLASS_WORDS]
        return bool(m) and not any(len(w) >= 4 for w in rest)

    def _weighed_earlier(self) -> None:
        """« Au début je me suis dit tiède … donc chaud »: in a long answer, a class named in an
        earlier sentence that thinks aloud (« pensé », « dit », « première idée ») is weighed when
        the answer concludes on another."""
        out, t = self.out, self.t
        if len(set(out.classes)) < 2 or len(t.toks) < 30:
            return
        final = self._class_positions[-1]
        # « Arguments pour froid : … Arguments pour tiède : … Je conclus tiède. »: a stated
        # conclusion on the last class named sets the others aside, whatever the sentences say.
        concluded = [m for m in _CONCLUSION_RE.finditer(self.folded)
                     if L.CLASS_WORDS.get(m.group(1)) == out.classes[-1] and m.start(1) >= final[1] - 1]
        keep, weighed = [], []
        for cls, (_, pos) in zip(out.classes, self._class_positions):
            if concluded and cls != out.classes[-1] and pos < concluded[-1].start():
                start = max((x.end() for x in _SENTENCE_END.finditer(self.raw, 0, pos)), default=0)
                m = _SENTENCE_END.search(self.raw, pos)
                out.hedged_classes.append(cls)
                weighed.append((start, m.start() if m else len(self.raw)))
                continue
            if cls != out.classes[-1] and pos < final[1] and not self._same_sentence(pos, final[1]):
                m = _SENTENCE_END.search(self.raw, pos)
                start = max((x.end() for x in _SENTENCE_END.finditer(self.raw, 0, pos)), default=0)
                end = m.start() if m else len(self.raw)
                sentence = {x.norm for x in t.toks if start <= x.start < end}
                if sentence & _THINKING:
                    out.hedged_classes.append(cls)
                    weighed.append((start, end))
                    continue
            keep.append(cls)
        out.classes[:] = keep
        if weighed and len(self._interest_pos) == len(out.interest):
            # the interest words of a set-aside reading go with it (« je me suis dit qu'elle est
            # forcément un peu intéressée, donc tiède ») — unless that is all the interest there is
            kept = [(w, p) for w, p in zip(out.interest, self._interest_pos)
                    if not any(a <= p < b for a, b in weighed)]
            if kept or out.disinterest:
                out.interest[:] = [w for w, _ in kept]
                self._interest_pos[:] = [p for _, p in kept]

    def _classes(self) -> None:
        t = self.t
        # « Tiède ou froid... je dirais tiède »: two classes weighed in a trailing-off alternative
        folded = self.folded
        # (speed only: two classes weighed hold two class words)
        hesitations = [m.span() for m in _HESITATION_RE.finditer(folded)] \
            if folded.count("froid") + folded.count("tiede") + folded.count("chaud") >= 2 else []
        for i, tok in enumerate(t.toks):
            cls = L.CLASS_WORDS.get(tok.norm)
            if not cls:
                continue
            if i >= 2 and t.toks[i - 1].norm == "a" and t.toks[i - 2].norm.startswith(_HOT_COLD_TOOLS):
                continue  # « appel à froid », « presse à chaud », « marquage à chaud »: no class
            if t.is_negated(tok.start):
                continue  # « ce n'est pas un contact chaud »
            if self.raw[max(0, tok.start - 4) : tok.start].rstrip().endswith(_UNCHECKED_BOXES):
                continue  # « ☐ froid ☑ tiède ☐ chaud »: the boxes left empty
            if i >= 3 and t.norms[i - 3 : i] in (["d", "un", "contact"], ["d", "un", "prospect"]):
                continue  # « bien plus que les trois mois d'un contact chaud »: the class in general
            if i and t.toks[i - 1].norm in ("au", "saison", "periode", "temps", "hiver", "mois", "climat", "eau"):
                continue  # « on le garde au chaud », « la saison froide »: no class
            if i and tok.norm in ("chauds", "chaudes", "chaude") and (
                    t.toks[i - 1].norm.startswith(L.GOODS + _CLOTHES) or t.toks[i - 1].norm in ("bien", "plus", "tres")
                    and i >= 2 and t.toks[i - 2].norm.startswith(L.GOODS + _CLOTHES)):
                continue  # « des vêtements chauds », « des polaires bien chaudes »: warm clothes, no class
            if set(t.norms[max(0, i - 4) : i]) & _CLASSING_VERBS \
                    and _WRONG_CHOICE_RE.match(self.folded, tok.end, tok.end + 80):
                continue  # « le classer chaud et le harceler serait une erreur »: a class set aside
            before = _clause_norms(t, max(0, i - 4), i, tok.start)
            if set(before) & L.HEDGES or self._in_question(tok.end) or any(a <= tok.start < b for a, b in hesitations):
                self.out.hedged_classes.append(cls)
                continue
            self.out.classes.append(cls)
            self._class_positions.append((cls, tok.start))


# Speed only: these patterns, searched in a whole justification, are tried only on texts that
# hold the strings their matches need (read from each pattern by ``prefiltre``: the same matches).
from prospection.texte.prefiltre import Prefiltered as _Prefiltered  # noqa: E402

for _name in ("_ACTION_LABEL_RE", "_REJECTION_RE", "_SHORT_SEASON_RE", "_HAS_ALREADY", "_NOTHING_BEFORE",
              "_CONCLUSION_RE", "_DECLARATION_RE", "_DEFINITION_RE", "_JUST_RECEIVED_RE", "_LABEL_NO_RE",
              "_HESITATION_RE", "_NOT_NOW_AFTER"):
    if isinstance(globals().get(_name), re.Pattern):
        globals()[_name] = _Prefiltered(globals()[_name])
del _name
