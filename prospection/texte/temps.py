"""Time expressions in French notes, resolved against the salon date.

A seller writes « pour le tournoi de Pâques », « d'ici quinze jours », « avant la rentrée »,
« vote du budget à l'AG de juin » or « dans deux ans ». To qualify a contact we need *when*
the project happens, relative to the day of the salon. Course convention: **court terme** =
a deadline within 3 months (92 days) of the salon date; beyond that, moyen/long terme.

Public API (see docs/ARCHITECTURE.md):

- ``find_time_expressions(text, salon_date)`` -> list of ``TimeExpression``
  (``text``, ``start``, ``end``, ``date_min``, ``date_max``, ``confidence``, plus ``label``,
  ``past`` and ``secondary``);
- ``court_terme_limit(salon_date)``: the last day of the court terme (salon + 92 days).

The horizon classifier (court / moyen_long relative to the salon date) is teacher-side
(``grader.horizon``), built on this finder: the lessons show dates, learners decide.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import json
from importlib import resources

from dateutil.easter import easter as _easter

from prospection.texte.francais import fold, negated_spans
from prospection.texte.prefiltre import Prefiltered

__all__ = [
    "COURT_TERME_JOURS",
    "MOIS",
    "TimeExpression",
    "find_time_expressions",
    "easter",
    "court_terme_limit",
    "RECURRING",
    "TIME_PATTERNS",
]

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")
"""French month names, January first."""

COURT_TERME_JOURS = 92
"""Court terme: a deadline at most this many days after the salon."""

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_MONTH_RE = (
    r"(?P<month>janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre"
    r"|decembre|janv|fevr|fev|avr|juil|oct|nov|dec)\b"
)
NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30, "quelques": 3, "plusieurs": 3, "une quinzaine": 15, "une dizaine": 10,
    "une huitaine": 8, "une vingtaine": 20,
    "treize": 13, "quatorze": 14, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
    "dix sept": 17, "dix huit": 18, "dix neuf": 19,
}
# (the words of ``NUMBERS``, longest first: « dix-huit » before « dix », « une » before « un »)
_NUM_RE = r"(?P<num>\d{1,3}|" + "|".join(map(re.escape, sorted(NUMBERS, key=len, reverse=True))) + ")"


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a text, as a range of possible dates."""

    text: str
    start: int
    end: int
    date_min: date
    date_max: date
    confidence: float
    label: str = ""
    past: bool = False
    secondary: bool = False

    @property
    def deadline(self) -> date:
        """The single date that best stands for the expression."""
        if self.label == "relatif":
            return self.date_min + (self.date_max - self.date_min) / 2
        if (self.date_max - self.date_min).days <= 45 or self.label in ("avant", "urgence"):
            return self.date_max
        return self.date_min


def court_terme_limit(salon_date: date) -> date:
    return salon_date + timedelta(days=COURT_TERME_JOURS)


def easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar), from ``dateutil``."""
    return _easter(year)


@lru_cache(maxsize=4096)
def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, computed once per month (every date found in a
    text asks it; ``monthrange`` works out the weekday of the first day as well)."""
    return calendar.monthrange(year, month)[1]


def _last_day(year: int, month: int) -> date:
    return date(year, month, _days_in_month(year, month))


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _first_saturday(year: int, month: int) -> date:
    d = date(year, month, 1)
    return d + timedelta(days=(5 - d.weekday()) % 7)


# Recurring anchors: a function year -> (date_min, date_max). Resolved to the next occurrence.
def _season(m1: int, d1: int, m2: int, d2: int):
    def rng(year: int) -> tuple[date, date]:
        if (m2, d2) < (m1, d1):
            return date(year, m1, d1), date(year + 1, m2, d2)
        return date(year, m1, d1), date(year, m2, d2)

    return rng


def _activity_season(m1: int, d1: int, m2: int, d2: int):
    """``_season`` for an activity named by its season (« les stages d'été »): one already under
    way at the salon is not the one goods are bought for; the next one is (``_resolve_recurring``)."""
    rng = _season(m1, d1, m2, d2)
    rng.upcoming = True
    return rng


@dataclass(frozen=True)
class Recurring:
    """A yearly anchor (season, holiday, event): ``span(year) -> (first day, last day)``."""

    pattern: str
    span: object
    confidence: float
    label: str


def _school_holidays() -> list[Recurring]:
    raw = json.loads(resources.files("prospection.texte").joinpath("donnees/vacances_scolaires.json")
                     .read_text(encoding="utf-8"))
    out = []
    for v in raw["vacances"]:
        (m1, d1), (m2, d2) = (map(int, v["debut"].split("-")), map(int, v["fin"].split("-")))
        out.append(Recurring(v["motif"], _season(m1, d1, m2, d2), v["confiance"], "evenement"))
    return out


# What a season names when it follows « d' » (« le camp d'été », « la foire d'automne »).
_SEASON_ACTIVITY = (r"\b(?:saison|tournee|camp|stage|festival|foire|sejour|sortie|scene|maraude|reunion|chapitre"
                    r"|jeux|open|fouille|exposition|expo|conseil|concours|vacances|regate|session|fete|gala"
                    r"|tournoi|championnat|rencontre|marche|salon|course|rando|randonnee|colonie|periode"
                    r"|programme|animation|soiree|bal|week-end|weekend|journee|assemblee|generale|ag|bureau"
                    r"|campagne|collecte|vente|braderie|brocante|kermesse|spectacle|concert|tour|circuit"
                    r"|trail|raid|croisiere|ecole|universite|cours)[sx]?\s+")

RECURRING: list[Recurring] = [Recurring(*entry) for entry in [
    # (regex, year -> range, confidence, label)
    (r"(?:la\s+)?rentree\s+de\s+janvier", lambda y: (date(y, 1, 2), date(y, 1, 8)), 0.8, "rentree"),
    (r"(?:la\s+)?rentree(?:\s+de\s+septembre|\s+scolaire|\s+sportive)?", lambda y: (date(y, 8, 25), date(y, 9, 10)), 0.8, "rentree"),
    (r"(?:le\s+|l')?printemps", _season(3, 20, 6, 20), 0.75, "saison"),
    (r"(?:l'|cet\s+|en\s+|(?:fin|debut|milieu)\s+d')ete", _season(6, 21, 9, 22), 0.75, "saison"),
    (r"(?:l'|cet\s+|en\s+|(?:fin|debut|milieu)\s+d')automne", _season(9, 23, 12, 20), 0.75, "saison"),
    (r"(?:l'|cet\s+|en\s+|(?:fin|debut|milieu)\s+d')hiver", _season(12, 21, 3, 19), 0.7, "saison"),
    # (SMS writing drops the article: « hiver prochain », « automne prochain », « automne 2027 »)
    (r"\bhiver(?=\s+(?:prochain|pro\b|20\d\d))", _season(12, 21, 3, 19), 0.7, "saison"),
    (r"\bautomne(?=\s+(?:prochain|pro\b|20\d\d))", _season(9, 23, 12, 20), 0.75, "saison"),
    (r"\bete(?=\s+(?:prochain|pro\b|20\d\d))", _season(6, 21, 9, 22), 0.75, "saison"),
    # (« début été », « fin automne »: the same without « d' »; « stages automne », « sorties
    # d'automne », « la saison d'hiver »: an activity of that season)
    (r"(?:debut|fin|mi|milieu)[\s-]+ete\b", _season(6, 21, 9, 22), 0.7, "saison"),
    (r"(?:(?<=\s)|(?<=^))(?:(?:debut|fin|mi|milieu)[\s-]+)?automne\b", _season(9, 23, 12, 20), 0.7, "saison"),
    (r"(?:(?<=\s)|(?<=^))(?:(?:debut|fin|mi|milieu)[\s-]+)?hiver\b", _season(12, 21, 3, 19), 0.65, "saison"),
    # (an activity's name, not the goods': « les tenues d'été » are summer clothes)
    (_SEASON_ACTIVITY + r"d'ete\b", _activity_season(6, 21, 9, 22), 0.6, "saison"),
    (_SEASON_ACTIVITY + r"d'automne\b", _activity_season(9, 23, 12, 20), 0.6, "saison"),
    (_SEASON_ACTIVITY + r"d'hiver\b", _activity_season(12, 21, 3, 19), 0.6, "saison"),
    (r"(?:la\s+)?toussaint", lambda y: (date(y, 11, 1), date(y, 11, 1)), 0.85, "evenement"),
    (r"(?:le\s+)?marche\s+de\s+noel", lambda y: (date(y, 12, 1), date(y, 12, 20)), 0.85, "evenement"),
    # « la kermesse de fin d'année », « la fin d'année scolaire »: the end of the school year
    # (« les fêtes de fin d'année », plural, are the year-end holidays, just below)
    # (« la fête de fin d'année », singular, of a school or a parents' association: June; another
    # one's, a firm's or a shop's, is December: ``_SCHOOL_CONTEXT`` decides)
    (r"(?:la\s+|le\s+|sa\s+|son\s+|leur\s+)?(?:kermesse|fete|fete\s+de\s+l'ecole|fete\s+d'ecole|gala|audition)\s+de\s+fin\s+d'annee(?:\s+scolaire)?"
     r"|(?:la\s+)?fin\s+d'annee\s+scolaire",
     lambda y: (date(y, 6, 10), date(y, 7, 5)), 0.75, "evenement"),
    (r"(?:les\s+)?fetes\s+de\s+fin\s+d'annee", lambda y: (date(y, 12, 15), date(y, 12, 31)), 0.8, "evenement"),
    # « après les fêtes », « pour les fêtes » (the article is required: « les fêtes » alone is
    # the year-end holidays, « une fête » is an event of the contact's)
    (r"les\s+fetes(?!\s+d[eu]\s)", lambda y: (date(y, 12, 20), date(y, 12, 31)), 0.7, "evenement"),
    (r"(?:le\s+)?noel", lambda y: (date(y, 12, 25), date(y, 12, 25)), 0.85, "evenement"),
    (r"(?:la\s+)?saint[- ]sylvestre|(?:le\s+)?reveillon", lambda y: (date(y, 12, 31), date(y, 12, 31)), 0.85, "evenement"),
    (r"(?:le\s+)?nouvel\s+an", lambda y: (date(y, 1, 1), date(y, 1, 1)), 0.85, "evenement"),
    (r"(?:la\s+)?saint[- ]valentin", lambda y: (date(y, 2, 14), date(y, 2, 14)), 0.85, "evenement"),
    (r"la\s+saint[- ]jean(?![- ](?:de|du|des|sur|en|les|d)\b)", lambda y: (date(y, 6, 24), date(y, 6, 24)), 0.8, "evenement"),
    (r"la\s+sainte[- ]barbe(?![- ](?:de|du|des|sur|en|les|d)\b)", lambda y: (date(y, 12, 4), date(y, 12, 4)), 0.85, "evenement"),
    (r"la\s+saint[- ]nicolas(?![- ](?:de|du|des|sur|en|les|d)\b)", lambda y: (date(y, 12, 6), date(y, 12, 6)), 0.85, "evenement"),
    (r"(?:la\s+)?chandeleur", lambda y: (date(y, 2, 2), date(y, 2, 2)), 0.85, "evenement"),
    (r"(?:le\s+)?telethon", lambda y: (_first_saturday(y, 12) - timedelta(days=1), _first_saturday(y, 12) + timedelta(days=1)), 0.8, "evenement"),
    (r"(?:la\s+)?fete\s+de\s+la\s+musique", lambda y: (date(y, 6, 21), date(y, 6, 21)), 0.85, "evenement"),
    (r"(?:le\s+)?(?:carnaval|mardi\s+gras)", lambda y: (easter(y) - timedelta(days=47), easter(y) - timedelta(days=47)), 0.75, "evenement"),
    (r"(?:la\s+)?pentecote", lambda y: (easter(y) + timedelta(days=49), easter(y) + timedelta(days=50)), 0.85, "evenement"),
    (r"(?:l')?ascension", lambda y: (easter(y) + timedelta(days=39), easter(y) + timedelta(days=39)), 0.85, "evenement"),
    (r"(?:les\s+)?paques|(?:le\s+)?week-end\s+de\s+paques", lambda y: (easter(y) - timedelta(days=1), easter(y) + timedelta(days=1)), 0.85, "evenement"),
    (r"(?:la\s+)?fin\s+(?:de\s+)?(?:l')?annee\s+scolaire|(?:la\s+)?fin\s+de\s+(?:la\s+)?saison", lambda y: (date(y, 5, 15), date(y, 6, 30)), 0.75, "saison"),
]] + _school_holidays()
"""Named table of yearly anchors, resolved to their next occurrence after the salon."""

_URGENT = (
    r"urgent(?:e|es|s)?|urgence|urgemment|rapidement|au\s+plus\s+vite|des\s+que\s+possible"
    r"|le\s+plus\s+(?:tot|vite)\s+possible|au\s+plus\s+tot|tres\s+vite|tout\s+de\s+suite"
    r"|immediatement|sans\s+tarder|asap|presse(?:e|s)?(?!\s+a\s+chaud)|imminent(?:e)?|sous\s+peu"
    r"|dans\s+l'immediat|court\s+terme|tres\s+bientot|en\s+retard|dans\s+la\s+foulee|vite"
)
_SOON = r"prochainement|bientot|dans\s+les\s+(?:prochaines\s+semaines|semaines\s+qui\s+viennent)"
_LONG = (
    r"(?:a\s+)?(?:long|moyen)\s+terme|un\s+jour|(?<!\bau\s)plus\s+tard|a\s+terme|dans\s+les\s+annees\s+a\s+venir"
    r"|d'ici\s+quelques\s+annees|dans\s+quelques\s+annees|pas\s+(?:avant\s+)?(?:longtemps|demain)"
    r"|aucune\s+urgence|rien\s+d'urgent|pas\s+(?:d'|de\s+)?urgen\w*|pas\s+(?:tres\s+|du\s+tout\s+)?presse\w*"
    r"|rien\s+de\s+presse|pas\s+pour\s+tout\s+de\s+suite|pas\s+pour\s+maintenant"
)

_PAST_AFTER_RE = re.compile(r"^\s*(?:dernier|derniere|passe|passee)\b")
_NEXT_AFTER_RE = re.compile(r"^\s*(?:prochain|prochaine|pro|suivant|suivante|d'apres\b|d apres\b|qui\s+(?:suit|vient))\b")
_YEAR_AFTER_RE = re.compile(r"^\s*(20\d\d)\b")
_NEXT_YEAR_AFTER_RE = re.compile(r"^\s*(?:de|d')\s*(?:l'|l\s|l’)\s*(?:annee|an)\s+(?:prochaine?|suivante?)\b")
_CLAUSE_CHARS = ".;:!?\n"  # (what ends a clause before a date)
_NEXT_YEAR_BEFORE_RE = re.compile(r"\b(?:l'|l\s)(?:an|annee)\s+prochaine?\s*,?\s*(?:a|en|au|vers|pour)?\s*$")


@dataclass
class _Found:
    start: int
    end: int
    date_min: date
    date_max: date
    confidence: float
    label: str
    recurring: object = None  # year -> range, for next-occurrence resolution
    explicit_year: bool = False


def _resolve_recurring(rng, salon: date, after: str) -> tuple[date, date, bool, bool]:
    """Next occurrence of a recurring range; returns (min, max, past, explicit_next)."""
    year_m = _YEAR_AFTER_RE.match(after)
    if year_m:
        lo, hi = rng(int(year_m.group(1)))
        return lo, hi, hi < salon, False
    if _NEXT_YEAR_AFTER_RE.match(after):  # « en septembre de l'année prochaine »
        lo, hi = rng(salon.year + 1)
        return lo, hi, False, True
    lo, hi = rng(salon.year)
    if _PAST_AFTER_RE.match(after):
        if hi >= salon:
            lo, hi = rng(salon.year - 1)
        return lo, hi, True, False
    if hi < salon or lo <= salon and getattr(rng, "upcoming", False):
        lo, hi = rng(lo.year + 1)
    if _NEXT_AFTER_RE.match(after) and lo <= salon:
        lo, hi = rng(lo.year + 1)
    return lo, hi, False, bool(_NEXT_AFTER_RE.match(after))


_PARTY_RE = re.compile(r"(?:(?:la|le|sa|son|leur)\s+)?fete\s+de\s+fin")
_SCHOOL_CONTEXT = re.compile(r"\b(?:ecoles?|college|lycee|eleves?|ape|apel|fcpe|parents|scolaires?|maternelle|primaire|creche"
                             r"|kermesse|instit\w*|cm[12]|ce[12]|cp)\b")


def _num(word: str) -> int:
    word = re.sub(r"\s+", " ", word)
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


_WORDS_RE = re.compile(r"[a-z0-9]+")


def _finditer(pattern: re.Pattern, text: str, need: tuple[str, ...] | frozenset = ()):
    """Matches of ``pattern``; skipped at once when the text lacks every ``need`` trigger.

    A frozenset of words is checked against the words of the text (set intersection, fast);
    a tuple of strings against substrings; a compiled pattern is searched for.
    """
    if need:
        if need is _DIGITS:  # (the same test as below, at once)
            if _ASCII_DIGIT_RE.search(text) is None:
                return ()
        elif isinstance(need, frozenset):
            if need.isdisjoint(_words(text)):
                return ()
        elif isinstance(need, re.Pattern):
            if not need.search(text):
                return ()
        elif not any(map(text.__contains__, need)):
            return ()
    # then the strings the pattern's matches need, read from the pattern itself (``prefiltre``)
    return _prefiltered(pattern).finditer(text)


@lru_cache(maxsize=None)
def _prefiltered(pattern: re.Pattern) -> Prefiltered:
    return Prefiltered(pattern)


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset:
    return frozenset(_WORDS_RE.findall(text))


_DIGITS = tuple("0123456789")
_ASCII_DIGIT_RE = re.compile("[0-9]")  # one of ``_DIGITS``
_WEEKDAY_INDEX = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_WEEKDAYS = frozenset(_WEEKDAY_INDEX)
_MONTH_KEYS = frozenset(MONTHS)
_URGENT_KEYS = frozenset("urgent urgente urgentes urgents urgence urgemment rapidement vite possible tot suite "
                         "immediatement tarder asap presse pressee presses pressees imminent imminente peu "
                         "immediat terme bientot retard foulee".split())
_LONG_KEYS = frozenset("terme jour tard annees longtemps demain urgence urgent urgente urgen urgents presse "
                       "pressee presses pressees maintenant suite".split())


_NOT_TRIGGERS = {"les", "la", "le", "des", "de", "du", "fin", "week", "end", "saint", "annee"}


@lru_cache(maxsize=1)
def _recurring_compiled() -> list[tuple[frozenset, re.Pattern, int]]:
    """Each recurring pattern, compiled, with the words that must be present for it to match."""
    out = []
    for i, entry in enumerate(RECURRING):
        # (« \b » and « \s » are no letters: « \bautomne » is triggered by « automne »)
        words = {w for w in re.findall(r"[a-z]{3,}", entry.pattern.replace("\\s", " ").replace("\\b", " "))
                 if w not in _NOT_TRIGGERS}
        out.append((frozenset(words), re.compile(r"\b(?:" + entry.pattern + r")\b"), i))
    return out



@lru_cache(maxsize=1)
def _recurring_words() -> frozenset:
    """Every word that may let a recurring pattern be tried."""
    return frozenset().union(*(triggers for triggers, _, _ in _recurring_compiled()))


# Patterns of _scan, compiled once.
# (after a day, « sept » is September: « le trek du 5 sept »)
_P1 = re.compile(r"\b(?P<day>\d{1,2})(?:er)?\s+" + _MONTH_RE.replace("|dec)", "|dec|sept)") + r"(?:\s+(?P<year>20\d\d))?")
_P2 = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})[/.](?P<mon>\d{1,2})(?:[/.](?P<year>\d{4}|\d{2}))?(?![\d/]|\.\d|h\b|h\d)")
_P3 = re.compile(r"\b(?:(?P<part>debut|fin|mi|courant|milieu)(?:\s*-\s*|\s+)(?:(?:du\s+mois\s+)?(?:de\s+|d'))?)?"
        r"(?:(?:le\s+)?mois\s+(?:de\s+|d'))?" + _MONTH_RE + r"(?:\s+(?P<year>20\d\d))?")
_P4 = re.compile(r"\b(?:(?P<part>debut|fin|mi)\s+|en\s+|(?:courant|pour)\s+)?(?P<year>20\d\d)\b")
# (SMS: « l an pro », no apostrophe, « pro » for « prochain »)
_P5 = re.compile(r"\b(?:l'an|l'annee|l\s+an|l\s+annee)\s+(?P<which>prochain|prochaine|pro|suivante|derniere|dernier|passee)\b")
_P5_NEED = ("l'an", "l an")
_P6 = re.compile(r"\b(?:(?P<part>debut|fin)\s+(?:d'|de\s+l'))(?:annee|an)\s+prochaine?\b")
_P6_NEED = ("prochain",)
_P7 = re.compile(r"\b(?:cette\s+annee|(?:la\s+)?fin\s+(?:d'|de\s+l')annee|(?:la\s+)?fin\s+(?:de\s+)?l'annee\s+civile)\b")
_P7_NEED = ("annee",)
_P8 = re.compile(r"\b(?:dans\s+l'annee|d'ici\s+un\s+an|sous\s+un\s+an|dans\s+les\s+douze\s+mois)\b")
_P8_NEED = ("annee", " un an", "douze")
_P9 = re.compile(r"\b(?:la\s+|cette\s+)?saison\s+(?P<which>prochaine|suivante|derniere|passee|en\s+cours)\b|\bcette\s+saison\b|\bsaison\s+(?P<y1>20\d\d)\s*[-/]\s*(?:20)?\d\d\b")
_P9_NEED = ("saison",)
_P10 = re.compile(r"\b(?:la\s+)?semaine\s+(?:prochaine|pro)\b")
_P10_NEED = ("semaine",)
_P11 = re.compile(r"\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?P<next>\s+prochain)?\b")
_P12 = re.compile(r"\bcette\s+semaine\b")
_P12_NEED = ("semaine",)
_P13 = re.compile(r"\b(?:ce\s+mois-ci|ce\s+mois\b|(?:la\s+)?fin\s+du\s+mois)")
_P13_NEED = ("mois",)
_P14 = re.compile(r"\b(?:le\s+)?mois\s+(?:prochain|pro)\b")  # (« le mois pro »: SMS)
_P14_NEED = ("mois",)
# (« Délai : environ 1 an »: a form's line gives the delay as « dans » would)
_P15 = re.compile(r"\b(?P<prep>dans|d'ici|sous|en|il\s+y\s+a|n'a\s+(?:plus\s+)?que|ne\s+reste\s+(?:plus\s+)?que|soit"
                  # « il reste à peine quatre semaines avant la fête »: the time left
                  r"|il\s+(?:nous\s+|lui\s+|leur\s+)?reste(?:\s+encore|\s+seulement|\s+tout\s+juste)?"
                  r"|(?:delai|echeance|horizon)\s*:"
                  # « projet à 6 mois », « achat à un an »: the horizon of the project
                  r"|(?:projet|achat|commande|besoin|renouvellement)\s+a"
                  # « le festival est à environ trois mois »: how far the event is
                  r"|(?:est|sont|tombe|tombent|se\s+situe)\s+a)\s*(?:les?\s+|des\s+)?"
                  r"(?:environ\s+|presque\s+|quasiment\s+|a\s+peine\s+|pres\s+de\s+|approximativement\s+"
                  r"|(?P<cmp>(?:un\s+peu\s+|a\s+peine\s+)?(?:plus|moins)\s+d(?:e\s+|')))?"
                  r"(?:(?:\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix(?![- ](?:sept|huit|neuf)\b)|onze|douze)(?:\s+(?:ou|a)\s+|\s*-\s*))?" + _NUM_RE
        # (« un gros mois », « une petite semaine », « deux bonnes semaines »)
        + r"\s+(?:de\s+)?(?:prochain(?:e)?s\s+)?(?:(?:bons?|bonnes?|gros|grosses?|petits?|petites?)\s+)?"
        r"(?P<unit>jours?|semaines?|mois|ans?|annees?)\b"
        + r"(?!\s+d(?:e\s+|')(?:route|marche|voiture|train|trajet|vol|avion|bus)\b)"  # a distance
        # « un mois après le salon », « six semaines après le salon »: counted from the salon
        + r"|\b(?P<prep2>)" + _NUM_RE.replace("?P<num>", "?P<num2>")
        + r"\s+(?P<unit2>jours?|semaines?|mois|ans?|annees?)\s+apres\s+(?:(?:le|ce|notre)\s+salon|(?:notre|la|cette)\s+rencontre)\b")
_P15_NEED = frozenset("jour jours semaine semaines mois an ans annee annees".split())
_P15W = re.compile(r"(?<![\w/.])(?:s|semaine\s+n?°?\s*)(?P<week>\d{1,2})\b(?![/.:]\d)")
_P15W_NEED = re.compile(r"s\d|semaine")  # (« s » just before the figure, or « semaine »)
_P16 = re.compile(r"\b(?:d'ici|sous|dans)\s+(?:les\s+)?(?P<num>quinze|huit)\s+(?:prochains\s+)?jours\b|\bsous\s+huitaine\b|\bsous\s+quinzaine\b"
                  # « dans la quinzaine », « d'ici une huitaine » (no unit after: « une quinzaine de
                  # jours » is a count of days, read with the others)
                  r"|\b(?:d'ici|sous|dans)\s+(?:la|une)\s+(?:quinzaine|huitaine)\b(?!\s+de\b)")
_P16_NEED = frozenset(("jours", "huitaine", "quinzaine"))
_P17 = re.compile(r"\b(?:" + _URGENT + r")\b")
_P18 = re.compile(r"\b(?:" + _SOON + r")\b")
_P18_NEED = frozenset(("prochainement", "bientot", "semaines"))
_P19 = re.compile(r"\b(?:" + _LONG + r")\b")


TIME_PATTERNS: dict[str, tuple[re.Pattern, tuple | frozenset]] = {
    "jour_mois": (_P1, _DIGITS),
    "jour_numerique": (_P2, _DIGITS),
    "mois": (_P3, _MONTH_KEYS),
    "annee": (_P4, _DIGITS),
    "an_relatif": (_P5, _P5_NEED),
    "debut_fin_annee_prochaine": (_P6, _P6_NEED),
    "cette_annee": (_P7, _P7_NEED),
    "dans_l_annee": (_P8, _P8_NEED),
    "saison_sportive": (_P9, _P9_NEED),
    "semaine_prochaine": (_P10, _P10_NEED),
    "jour_de_semaine": (_P11, _WEEKDAYS),
    "cette_semaine": (_P12, _P12_NEED),
    "ce_mois": (_P13, _P13_NEED),
    "mois_prochain": (_P14, _P14_NEED),
    "dans_n_unites": (_P15, _P15_NEED),
    "semaine_numero": (_P15W, _P15W_NEED),
    "sous_huitaine": (_P16, _P16_NEED),
    "urgence": (_P17, _URGENT_KEYS),
    "bientot": (_P18, _P18_NEED),
    "long_terme": (_P19, _LONG_KEYS),
}
"""Named table of the time patterns: name -> (compiled regex on folded text, trigger words or
substrings, one of which must be present for the regex to be tried, or a pattern that must be
found)."""


# Speed only: strings every match of a pattern holds, which a cheap pattern looks for first (a
# pattern beginning with a figure is scanned far faster than one beginning with « \b »). Every
# match holds one: « 15 mars », « 1er avril » a figure then a space (or « er » and a space);
# « 3/02 », « 03.02.2027 » a figure, « / » or « . », a figure; « en 2027 » « 20 » and two figures
# (``tests/test_prefiltre.py`` checks it on labelled texts). The phrases of weeks, months and
# years hold their two words (« semaine » then « pro », « ce » or « du » then « mois »), which
# a pattern beginning with them finds at once where their words alone let the pattern be tried;
# a week number holds its figure.
_HELD = {
    "jour_mois": re.compile(r"\d(?:er)?\s"),
    "jour_numerique": re.compile(r"\d[/.]\d"),
    "annee": re.compile(r"20\d\d"),
    "debut_fin_annee_prochaine": re.compile(r"an(?:nee)?\s+prochain"),
    "dans_l_annee": re.compile(r"l'annee|un\s+an|douze\s+mois"),
    "semaine_prochaine": re.compile(r"semaine\s+pro"),
    "cette_semaine": re.compile(r"cette\s+semaine"),
    "ce_mois": re.compile(r"(?:ce|du)\s+mois"),
    "mois_prochain": re.compile(r"mois\s+pro"),
    "semaine_numero": re.compile(r"(?:s|semaine\s+n?°?\s*)\d"),
    "bientot": re.compile(r"prochainement|bientot|dans\s+les\s+(?:prochaines\s+)?semaines"),
}


def _find(name: str, text: str):
    pattern, need = TIME_PATTERNS[name]
    held = _HELD.get(name)
    if held is not None and held.search(text) is None:
        return ()
    return _finditer(pattern, text, need)


# How a pattern's trigger is tested (``_matches``): a figure, a word among the text's words, a
# pattern found, one substring, one of several substrings.
_FIGURE, _WORD_AMONG, _PATTERN_FOUND, _SUBSTRING, _ANY_SUBSTRING = range(5)


def _trigger_test(need) -> tuple[int, object]:
    if need is _DIGITS:
        return _FIGURE, None
    if isinstance(need, frozenset):
        return _WORD_AMONG, need
    if isinstance(need, re.Pattern):
        return _PATTERN_FOUND, need
    if len(need) == 1:
        return _SUBSTRING, need[0]
    return _ANY_SUBSTRING, need


# (name, how its trigger is tested, the trigger, what its matches hold or None, the pattern behind
# its prefilter), in the table's order; every pattern has a trigger
_SCAN_TABLE = tuple((name, *_trigger_test(need), _HELD.get(name), _prefiltered(pattern))
                    for name, (pattern, need) in TIME_PATTERNS.items())
assert all(need for _, need in TIME_PATTERNS.values())


def _trigger_implies_filter(test: int, need, prefiltered: Prefiltered) -> bool:
    """Whether a text that meets the trigger always holds the strings the prefilter looks for:
    each trigger word (or the trigger substring) holds a string of each of its requirements."""
    required = prefiltered.need
    if required is None or prefiltered.fold_case or test not in (_WORD_AMONG, _SUBSTRING):
        return required is None
    triggers = need if test == _WORD_AMONG else (need,)
    return all(None not in strings and all(any(x in w for x in strings) for w in triggers)
               for strings in required)


@lru_cache(maxsize=1)
def _scan_steps() -> tuple:
    """``_SCAN_TABLE`` with, last, what to search: the bare pattern when its trigger already
    implies its prefilter (read on first use: the prefilters are read lazily)."""
    return tuple((name, test, need, held, prefiltered.regex if _trigger_implies_filter(test, need, prefiltered)
                  else prefiltered) for name, test, need, held, prefiltered in _SCAN_TABLE)


@lru_cache(maxsize=1)
def _recurring_by_word() -> dict[str, tuple[int, ...]]:
    """Trigger word -> the positions in ``_recurring_compiled()`` of the patterns it lets be tried."""
    out: dict[str, list[int]] = {}
    for k, (triggers, _, _) in enumerate(_recurring_compiled()):
        for w in triggers:
            out.setdefault(w, []).append(k)
    return {w: tuple(ks) for w, ks in out.items()}


@lru_cache(maxsize=1024)
def _matches(f: str) -> tuple[dict[str, tuple[re.Match, ...]], tuple[tuple[int, tuple[re.Match, ...]], ...]]:
    """The matches of the time patterns in the folded text ``f`` (``_find``, with the text's
    words and figures read once), and those of the recurring events tried (their index in
    ``RECURRING``), whatever the salon date: a text read against two dates (the notes for their
    interest objects and for their dates) is searched once."""
    words = _words(f)
    digits = _ASCII_DIGIT_RE.search(f) is not None
    out: dict[str, tuple[re.Match, ...]] = {}
    for name, test, need, held, search in _scan_steps():
        if test == _WORD_AMONG:
            tried = not need.isdisjoint(words)
        elif test == _SUBSTRING:
            tried = need in f
        elif test == _FIGURE:
            tried = digits
        elif test == _PATTERN_FOUND:
            tried = need.search(f) is not None
        else:
            tried = any(map(f.__contains__, need))
        if tried and (held is None or held.search(f) is not None):
            found = tuple(search.finditer(f))
            if found:  # (only the patterns found are kept: ``_scan`` reads the others as none)
                out[name] = found
    # Recurring seasons and events, each tried only when one of its words is present, in the
    # order of ``RECURRING`` (none tried when the text has none of their words).
    recurring = []
    present = _recurring_words().intersection(words)
    if present:
        by_word, compiled = _recurring_by_word(), _recurring_compiled()
        for k in sorted({k for w in present for k in by_word[w]}):
            _, regex, i = compiled[k]
            found = tuple(_prefiltered(regex).finditer(f))
            if found:
                recurring.append((i, found))
    return out, tuple(recurring)


def _scan(f: str, salon: date) -> list[_Found]:
    found: list[_Found] = []
    y = salon.year
    matches, recurring = _matches(f)

    def find(name: str, f: str):
        return matches.get(name, ())

    def add(m, lo, hi, conf, label, rng=None, explicit_year=False, group=0):
        found.append(_Found(m.start(group), m.end(group), lo, hi, conf, label, rng, explicit_year))

    # Explicit dates: « 15 mars », « le 1er avril 2027 », « 3/02 », « 03/02/2027 ».
    for m in find("jour_mois", f):
        day, month = int(m.group("day")), MONTHS[m.group("month")]
        if not 1 <= day <= _days_in_month(2024, month):
            continue
        if m.group("year"):
            yr = int(m.group("year"))
            try:
                d = date(yr, month, day)
            except ValueError:
                continue
            add(m, d, d, 0.95, "date", explicit_year=True)
        else:
            add(m, date(2000, 1, 1), date(2000, 1, 1), 0.95, "date",
                rng=lambda yr, dd=day, mm=month: (date(yr, mm, min(dd, _days_in_month(yr, mm))),) * 2)
    for m in find("jour_numerique", f):
        day, month = int(m.group("day")), int(m.group("mon"))
        if not (1 <= month <= 12 and 1 <= day <= _days_in_month(2024, month)):
            continue
        if m.group("year"):
            yr = int(m.group("year"))
            yr = yr + 2000 if yr < 100 else yr
            try:
                d = date(yr, month, day)
            except ValueError:
                continue
            add(m, d, d, 0.9, "date", explicit_year=True)
        else:
            add(m, date(2000, 1, 1), date(2000, 1, 1), 0.9, "date",
                rng=lambda yr, dd=day, mm=month: (date(yr, mm, min(dd, _days_in_month(yr, mm))),) * 2)
    # Months, optionally with « début / mi / fin » and a year.
    for m in find("mois", f):
        month = MONTHS[m.group("month")]
        part = m.group("part")

        def rng(yr, mm=month, part=part):
            last = _days_in_month(yr, mm)
            if part == "debut":
                return date(yr, mm, 1), date(yr, mm, 10)
            if part in ("mi", "milieu"):
                return date(yr, mm, 10), date(yr, mm, 20)
            if part == "fin":
                return date(yr, mm, 20), date(yr, mm, last)
            return date(yr, mm, 1), date(yr, mm, last)

        if m.group("year"):
            lo, hi = rng(int(m.group("year")))
            add(m, lo, hi, 0.85, "mois", explicit_year=True)
        else:
            add(m, lo := date(2000, 1, 1), lo, 0.85, "mois", rng=rng)
    # Recurring seasons and events, each tried only when one of its words is present (``_matches``).
    for i, events in recurring:
        entry = RECURRING[i]
        rng, conf, label = entry.span, entry.confidence, entry.label
        for m in events:
            if _PARTY_RE.match(m.group(0)) and not _SCHOOL_CONTEXT.search(f):
                continue  # « la fête de fin d'année » of a firm or a shop: December (read below)
            add(m, date(2000, 1, 1), date(2000, 1, 1), conf, label, rng=rng)
    # Years: « en 2027 », « début 2028 », « fin 2027 ».
    for m in find("annee", f):
        yr, part = int(m.group("year")), m.group("part")
        lo, hi = date(yr, 1, 1), date(yr, 12, 31)
        if part == "debut":
            hi = date(yr, 3, 31)
        elif part == "fin":
            lo = date(yr, 10, 1)
        elif part == "mi":
            lo, hi = date(yr, 5, 1), date(yr, 8, 31)
        add(m, lo, hi, 0.8, "annee", explicit_year=True)
    # Years relative to the salon.
    for m in find("an_relatif", f):
        delta = 1 if m.group("which").startswith(("pro", "suiv")) else -1
        add(m, date(y + delta, 1, 1), date(y + delta, 12, 31), 0.75, "annee")
    for m in find("debut_fin_annee_prochaine", f):
        lo, hi = (date(y + 1, 1, 1), date(y + 1, 3, 31)) if m.group("part") == "debut" else (date(y + 1, 10, 1), date(y + 1, 12, 31))
        add(m, lo, hi, 0.8, "annee")
    for m in find("cette_annee", f):
        lo = salon if m.group(0).startswith("cette") else max(salon, date(y, 12, 1))
        add(m, lo, date(y, 12, 31), 0.8, "annee")
    for m in find("dans_l_annee", f):
        add(m, salon, _add_years(salon, 1), 0.6, "relatif")
    # Sports seasons (September to June).
    start_current = y if salon.month >= 7 else y - 1
    for m in find("saison_sportive", f):
        which = m.group("which") or ("" if m.group("y1") else "en cours")
        if m.group("y1"):
            s = int(m.group("y1"))
            lo, hi = date(s, 9, 1), date(s + 1, 6, 30)
        elif which.startswith(("proch", "suiv")):
            lo, hi = date(start_current + 1, 9, 1), date(start_current + 2, 6, 30)
        elif which.startswith(("dern", "pass")):
            lo, hi = date(start_current - 1, 9, 1), date(start_current, 6, 30)
        else:
            lo, hi = salon, date(start_current + 1, 6, 30)
        add(m, lo, hi, 0.75 if m.group("y1") or not which.startswith("en") else 0.5, "saison")
    # Weeks and months relative to the salon.
    for m in find("semaine_prochaine", f):
        add(m, salon + timedelta(days=2), salon + timedelta(days=14), 0.85, "relatif")
    for m in find("jour_de_semaine", f):
        ahead = (_WEEKDAY_INDEX[m.group("wd")] - salon.weekday()) % 7 or 7
        if m.group("next") and ahead < 7:
            ahead += 7 if ahead <= 2 else 0
        day = salon + timedelta(days=ahead)
        add(m, day, day, 0.8, "relatif")
    for m in find("cette_semaine", f):
        add(m, salon, salon + timedelta(days=7), 0.85, "relatif")
    for m in find("ce_mois", f):
        add(m, salon, _last_day(y, salon.month), 0.85, "relatif")
    for m in find("mois_prochain", f):
        nxt = _add_months(salon.replace(day=1), 1)
        add(m, nxt, _last_day(nxt.year, nxt.month), 0.85, "relatif")
    # « dans deux ans », « d'ici quinze jours », « sous 3 semaines », « il y a deux ans ».
    for m in find("dans_n_unites", f):
        if m.group("prep2") is not None:  # « deux mois après le salon » is « dans deux mois »
            n, unit, prep = _num(m.group("num2")), m.group("unit2"), "dans"
        else:
            n, unit, prep = _num(m.group("num")), m.group("unit"), re.sub(r"\s+", " ", m.group("prep"))
        if unit.startswith("jour"):
            point = salon + timedelta(days=n)
        elif unit.startswith("semaine"):
            point = salon + timedelta(days=7 * n)
        elif unit == "mois":
            point = _add_months(salon, n)
        else:
            point = _add_years(salon, n)
        conf = 0.6 if m.group("num") in ("quelques", "plusieurs") else 0.85
        if prep == "il y a":
            add(m, point - 2 * (point - salon), point - 2 * (point - salon), conf, "passe")
        elif prep in ("d'ici", "sous", "en") or "que" in prep or "reste" in prep:
            # « il n'a que trois semaines pour commander »: before that point
            add(m, salon, point, conf, "avant")
        else:
            spread = timedelta(days=max(1, (point - salon).days // 12))
            cmp = re.sub(r"\s+", " ", m.group("cmp") or "")
            small = "peu" in cmp or "peine" in cmp
            if "plus" in cmp:  # « dans un peu plus de deux mois »: after the point
                add(m, point, point + (spread if small else 3 * spread), conf, "relatif")
            elif "moins" in cmp:  # « dans moins de deux mois »: before it
                add(m, point - (spread if small else 3 * spread), point, conf, "relatif")
            else:
                add(m, point - spread, point + spread, conf, "relatif")
    # « la collecte S43 », « semaine 43 »: an ISO week number, this year's or, if past, next year's
    for m in find("semaine_numero", f):
        week = int(m.group("week"))
        if not 1 <= week <= 53:
            continue
        year = salon.year
        try:
            monday = date.fromisocalendar(year, week, 1)
            if monday + timedelta(days=6) < salon:
                monday = date.fromisocalendar(year + 1, week, 1)
        except ValueError:
            continue
        add(m, monday, monday + timedelta(days=6), 0.8, "date")
    for m in find("sous_huitaine", f):
        if any(x.start <= m.start() < x.end for x in found):
            continue
        n = 8 if "huit" in m.group(0) else 15
        add(m, salon, salon + timedelta(days=n), 0.85, "avant")
    # Vague words.
    for m in find("urgence", f):
        add(m, salon, salon + timedelta(days=30), 0.7, "urgence")
    for m in find("bientot", f):
        add(m, salon, salon + timedelta(days=60), 0.5, "urgence")
    for m in find("long_terme", f):
        add(m, court_terme_limit(salon) + timedelta(days=1), _add_years(salon, 2), 0.6, "long")
    return found


_BEFORE_RE = re.compile(
    r"(?P<mod>pas\s+avant(?:\s+(?:le|la|l'|les|d'|de|du))?|avant(?:\s+(?:le|la|l'|les|d'|de|du|fin|la\s+fin\s+de|la\s+fin\s+du))?"
    r"|d'ici(?:\s+(?:le|la|l'|les|a|au|fin|la\s+fin\s+de|la\s+fin\s+du))?|au\s+plus\s+tard(?:\s+(?:le|la|l'|en|a|au|pour|pour\s+le|pour\s+la))?"
    r"|jusqu'(?:a|au|en)(?:\s+(?:le|la|l'))?|apres(?:\s+(?:le|la|l'|les))?|a\s+partir\s+(?:de|du|d')(?:\s+(?:la|l'))?"
    r"|des(?:\s+(?:le|la|l'))?|pour(?:\s+(?:le|la|l'|les))?)\s*$"
)


_EXTRA_AFTER_RE = re.compile(r"^\s*(?:prochain|prochaine|suivant|suivante|dernier|derniere|passee?|20\d\d)\b")
_SINCE_BEFORE_RE = re.compile(r"\b(?:depuis|deja\s+en|depuis\s+le|depuis\s+la|depuis\s+l')\s*$")
_SPACES_RE = re.compile(r"\s+")
_BEFORE_WORDS = frozenset("pas avant ici tard jusqu apres partir des pour".split())
_SECONDARY_WORDS = frozenset(
    "ag assemblee vote votee votees votes voter reunion conseil bureau rappeler rappel relancer relance rendez "
    "rdv revoir recontacter rencontre demo demonstration reponse decision decide comite "
    "consulter consultera consulteront consultation devis subvention subventions subv rep "
    "inscription inscriptions inscriront inscrira reunit reunira reuniront comptes bilan cloture "
    "election elections elu elue elus elues elire elira eliront "
    "examine examinee examines examinees examiner examinera examineront decidee decidees decidera decideront".split())
# The same words as a phrase just before a date, in its clause (« rendez » as « rendez-vous »).
_SECONDARY_PHRASES = {"rendez": "rendez-vous", "assemblee": r"assemblee(?:\s+generale)?"}
_SECONDARY_BEFORE_RE = re.compile(
    r"\b(?:" + "|".join(sorted((_SECONDARY_PHRASES.get(w, w) for w in _SECONDARY_WORDS), key=len, reverse=True))
    + r")\b[^.;,:!?\n]{0,50}(?:,\s*(?:a|en|vers|au|courant)?\s*)?$")


def find_time_expressions(text: str, salon_date: date) -> list[TimeExpression]:
    """Time expressions of ``text`` as date ranges resolved against ``salon_date``."""
    if not text:
        return []
    # a contact's notes are read by several checks for each of its justifications: found once
    return list(_time_expressions(str(text), salon_date))


@lru_cache(maxsize=4096)
def _time_expressions(text: str, salon_date: date) -> tuple[TimeExpression, ...]:
    f = fold(text)
    raw = _scan(f, salon_date)
    # Longest match wins; drop matches inside a longer one, and a match that a longer one beginning
    # inside it overruns (« la fin de l'année » in « … la fin de l'année prochaine »).
    raw.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[_Found] = []
    for r in raw:
        if any(k.start <= r.start and r.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (r.start <= k.start and k.end <= r.end)
                and not (k.start < r.start < k.end < r.end and k.end - k.start < r.end - r.start)]
        kept.append(r)
    neg = negated_spans(text)
    out: list[TimeExpression] = []
    for r in kept:
        after = f[r.end : r.end + 20]
        start, end = r.start, r.end
        lo, hi, past = r.date_min, r.date_max, False
        conf, label = r.confidence, r.label
        if r.recurring is not None:
            lo, hi, past, explicit_next = _resolve_recurring(r.recurring, salon_date, after)
            if not past and _NEXT_YEAR_BEFORE_RE.search(f[max(0, r.start - 30) : r.start]) and lo.year <= salon_date.year:
                lo, hi = r.recurring(salon_date.year + 1)  # « l'an prochain à l'automne »: next year's
            extra = _EXTRA_AFTER_RE.match(after)
            if extra:
                end = r.end + extra.end()
        else:
            past = hi < salon_date
        since = f[max(0, start - 14) : start]
        if label == "passe" or (("depuis" in since or "deja" in since) and _SINCE_BEFORE_RE.search(since)):
            past = True
        before = f[max(0, start - 40) : start]
        clause_start = max(map(before.rfind, _CLAUSE_CHARS)) + 1  # (after the last one; 0 without)
        before = before[clause_start:]
        mod_m = _BEFORE_RE.search(before) if _BEFORE_WORDS.intersection(_WORDS_RE.findall(before[-32:])) else None
        mod = _SPACES_RE.sub(" ", mod_m.group("mod")) if mod_m else ""
        if mod and label not in ("urgence", "long"):
            start = start - len(before) + mod_m.start()
            if mod.startswith("pas avant"):
                lo, hi, label = hi, _add_years(hi, 1), "long"
            elif mod.startswith("avant"):
                lo, hi, label = salon_date, max(salon_date, lo - timedelta(days=1)), "avant"
            elif mod.startswith(("d'ici", "au plus tard", "jusqu")):
                lo, label = salon_date, "avant"
            elif mod.startswith(("apres",)):
                lo, hi = hi + timedelta(days=1), _add_years(hi, 1)
            elif mod.startswith(("a partir", "des")):
                hi = max(hi, _add_months(lo, 3))
        # A date inside a negation (« pas de budget cette année ») does not date the project.
        negated_date = label not in ("urgence", "long") and not mod.startswith("pas avant") and any(
            a <= r.start < b for a, b in neg)
        # A vague word under negation flips: « pas urgent » is not short term.
        if label == "urgence" and any(a <= r.start < b for a, b in neg):
            lo, hi, label, conf = court_terme_limit(salon_date) + timedelta(days=1), _add_years(salon_date, 1), "long", 0.5
        window = f[max(0, start - 60) : start]
        secondary = negated_date or bool(_SECONDARY_WORDS.intersection(_WORDS_RE.findall(window))
                                         and _SECONDARY_BEFORE_RE.search(window))
        out.append(
            TimeExpression(str(text)[start:end], start, end, lo, hi, conf, label, past, secondary)
        )
    out.sort(key=lambda e: e.start)
    # « elle consultera les imprimeurs au printemps, dans deux mois »: a date set just after
    # another by a comma or a bracket restates it, and is secondary when that one is.
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        if prev.secondary and not cur.secondary and re.fullmatch(r"\s*[,(]\s*(?:soit\s+|donc\s+)?", f[prev.end : cur.start]):
            out[k] = replace(cur, secondary=True)
    return tuple(out)
