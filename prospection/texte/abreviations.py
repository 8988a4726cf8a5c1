"""The one table of abbreviations and frequent misspellings (``donnees/abreviations.json``).

Notes typed on a stand and learners' justifications use SMS spelling: « pa interessé »,
« ds 15j », « avt le 14/11 », « rdv ». ``expand`` spells them out before anything reads the
text, so negation scopes, phrase matching and the time-expression finder all see « pas »,
« dans 15 jours », « avant ». Only abbreviations that cannot be ordinary French words are
listed. ``word_fixes`` gives the word-by-word corrections ``francais.normalize`` applies.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from prospection.texte.prefiltre import WORD_RUN_RE, WORD_RUN_RE_ASCII, Prefiltered, _lowered, word_run_re

__all__ = ["ABREVIATIONS", "FAUTES", "expand", "word_fixes"]


def _load() -> dict:
    return json.loads(resources.files("prospection.texte").joinpath("donnees/abreviations.json")
                      .read_text(encoding="utf-8"))


_DATA = _load()
ABREVIATIONS: dict[str, str] = _DATA["abreviations"]
"""Abbreviation (lower case) -> full form, expanded in the text by :func:`expand`."""
FAUTES: dict[str, str] = _DATA["fautes"]
"""Misspelling (accent-free, lower case) -> correct accent-free form."""

_WORD_RE = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(map(re.escape, ABREVIATIONS), key=len, reverse=True))
                      + r")(?![\w-])", re.IGNORECASE)
_DAYS_RE = re.compile(r"\b(\d{1,3})\s?j\b", re.IGNORECASE)  # « 15j » -> « 15 jours »
_AN_PRO_RE = re.compile(r"\b(l['’]an|l['’]ann[ée]e)\s+pro\b", re.IGNORECASE)
# « < 3 mois », « > 3 mois »: comparison signs before a figure (not arrows « -> », « => »)
_LESS_RE = re.compile(r"(?<![<=-])<\s*(?=\d)")
_MORE_RE = re.compile(r"(?<![-=>])>\s*(?=\d)")
# « 3 mois 1/2 », « 1 an 1/2 »: a length and a half (not the 1st of February)
_HALF_RE = re.compile(r"(\b\d{1,2}\s*(?:mois|ans?|semaines?|jours?|heures?))\s*1/2\b", re.IGNORECASE)
# « ~3 mois », « ≈ 100 »: about, before a figure
_ABOUT_RE = re.compile(r"[~≈]\s*(?=\d)")
# « ds 3 sem »: weeks after a figure
_WEEKS_RE = re.compile(r"\b(\d{1,2})\s?sem\b\.?", re.IGNORECASE)
# « sept 2028 », « début sept », « pr sept »: the month, not the number (never before a noun)
_SEPT_RE = re.compile(r"\b(?P<lead>(?:debut|début|fin|mi|courant|en|pr|pour|avant|apres|après|avt|(?:reprise|rentree|rentrée)(?:\s+de)?)\s+)?sept\b\.?"
                      r"(?P<year>(?=\s+20\d\d\b))?", re.IGNORECASE)
_SEPT_NOUN = re.compile(r"\s+(?!(?:mais|puis|plus|sous|sans|dans|depuis|alors|vers|apres|après|pas|tres|très)\b)"
                       r"(?:[a-zà-ÿ]+s|ans?|jours?|mois)\b", re.IGNORECASE)
# « lhiver », « lete »: the apostrophe left out
_ELISION_RE = re.compile(r"\bl(hiver|ete|été|automne|annee|année)\b", re.IGNORECASE)
# « ss besoin », « ss budget »: « sans » (« ss » alone is « sous »)
_SANS_RE = re.compile(r"\bss(?=\s+(?:besoin|budget|projet|int[ée]r[êe]t|date|urgence|suite)\b)", re.IGNORECASE)
# « 0 besoin », « 0 budget »: a zero before a word is « aucun »
# « hiver 27-28 », « aut. 26 ou print. 27 », « saison 27/28 »: a season or a month, then a year in
# two figures (2020–2039), alone or as a span, before nothing that could be counted (« 27 joueurs »)
_SHORT_YEAR_RE = re.compile(
    r"\b(?P<when>hiver|printemps|print\.|[ée]t[ée]|automne|aut\.|saison|janvier|f[ée]vrier|mars|avril|mai|juin"
    r"|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+(?P<y1>[23]\d)(?:\s?[-/]\s?(?P<y2>[23]\d))?"
    r"(?=\s*(?:$|[.,;:!?)\]]|ou\b|et\b|->|\+))", re.IGNORECASE)
# (speed only: what every match holds, its year or span of years after a space and before what may
# follow it, looked for first by a pattern that begins with the space: ``re`` skips to each space
# instead of trying every position)
_SHORT_YEAR_HELD = re.compile(r"\s[23]\d(?:\s?[-/]\s?[23]\d)?(?=\s*(?:$|[.,;:!?)\]]|ou\b|et\b|->|\+))", re.IGNORECASE)
_SEASON_SHORT = {"print.": "printemps", "aut.": "automne"}
# « M. Moreau »: the title's full stop ends no sentence (« J'appelle M. Moreau dès demain »).
_TITLE_RE = re.compile(r"\b(M|Mr|Dr|Me|Mgr|St|Ste)\.(?=\s+[A-ZÀ-Ý])")
_ZERO_RE = re.compile(r"(?<![\d.,/:])\b0\s+(?=[^\W\d_]{3,})")


# Speed only: each pattern is tried on texts that hold the strings its matches need
# (``prefiltre``); an abbreviation is a whole word, looked for among the text's words first.
_SANS_RE, _TITLE_RE, _ELISION_RE, _DAYS_RE, _AN_PRO_RE = (
    Prefiltered(p) for p in (_SANS_RE, _TITLE_RE, _ELISION_RE, _DAYS_RE, _AN_PRO_RE))
_RUN_RE, _RUN_RE_ASCII = WORD_RUN_RE, WORD_RUN_RE_ASCII  # (« \w+ », and its ASCII twin: ``prefiltre``)
# (speed only) what every match of a pattern holds, looked for first by a pattern that begins with
# it: « ss » then a space (``_SANS_RE``), a figure then « j » (``_DAYS_RE``), « 0 » then a space
# (``_ZERO_RE``), in the same case
_SS_HELD = re.compile(r"ss\s", re.IGNORECASE)
# (the same in a lower-cased text, where the pattern begins with letters ``re`` looks for at once;
# « sept » then a word's end, which every match of ``_SEPT_RE`` holds)
_SS_LOWER = re.compile(r"ss\s")
_SEPT_LOWER = re.compile(r"sept\b")
_DAYS_HELD = re.compile(r"\d\s?j", re.IGNORECASE)
_ZERO_HELD = re.compile(r"0\s")
# (a match of ``_WORD_RE`` is a whole run of word characters, the same as an abbreviation but
# for case, when abbreviations are made of word characters only)
_WHOLE_WORDS = frozenset(ABREVIATIONS) if all(_RUN_RE.fullmatch(a) and a == a.lower() for a in ABREVIATIONS) \
    else None


def _may_abbreviate(text: str) -> bool:
    """False only when ``_WORD_RE`` finds nothing in ``text``."""
    low = _lowered(text)  # (None when the text has an odd case; read once for the filters too)
    if _WHOLE_WORDS is None or low is None:
        return True
    # (without those characters ``str.lower`` changes each character into one, a word character
    # into a word character: the runs of the lower-cased text are the runs lower-cased)
    return not _WHOLE_WORDS.isdisjoint(word_run_re(low).findall(low))


@lru_cache(maxsize=8192)
def expand(text: str) -> str:
    """« pa interessé, devis ds les 15j » -> « pas interessé, devis dans les 15 jours »;
    « < 3 mois » -> « moins de 3 mois »; « 0 besoin » -> « aucun besoin »; « M. Moreau » ->
    « M Moreau »."""
    if not text:
        return text or ""
    low = _lowered(text)  # (``text.lower()``, unless an odd case: then the held patterns ignore case)
    out = _SANS_RE.sub("sans", text) if (_SS_HELD if low is None else _SS_LOWER).search(text if low is None else low) \
        else text
    if "." in out:
        out = _TITLE_RE.sub(r"\1", out)
    if _may_abbreviate(out):
        out = _WORD_RE.sub(lambda m: ABREVIATIONS[m.group(1).lower()], out)
    if "sem" in out:
        out = _WEEKS_RE.sub(lambda m: f"{m.group(1)} semaines", out)
    low = _lowered(out)  # (``out.lower()``, unless an odd case)
    if low is None and "sept" in out.lower() or low is not None and _SEPT_LOWER.search(low):
        out = _SEPT_RE.sub(_september, out)
    out = _ELISION_RE.sub(lambda m: f"l'{m.group(1)}", out)
    if _DAYS_HELD.search(out):
        out = _DAYS_RE.sub(lambda m: f"{m.group(1)} jours", out)
    if "1/2" in out:  # « 3 mois 1/2 »: and a half, no date
        out = _HALF_RE.sub(r"\1 et demi", out)
    if "~" in out or "≈" in out:  # « ds ~3 mois », « ≈ 100 casquettes »: about
        out = _ABOUT_RE.sub("environ ", out)
    if "<" in out or ">" in out:
        out = _MORE_RE.sub("plus de ", _LESS_RE.sub("moins de ", out))
    if _ZERO_HELD.search(out):
        out = _ZERO_RE.sub("aucun ", out)
    if ("2" in out or "3" in out) and _SHORT_YEAR_HELD.search(out):
        out = _SHORT_YEAR_RE.sub(_short_year, out)
    return _AN_PRO_RE.sub(lambda m: f"{m.group(1)} prochain", out)


def _short_year(m: re.Match) -> str:
    """« hiver 27-28 » -> « hiver 2027-2028 », « aut. 26 » -> « automne 2026 »."""
    when = _SEASON_SHORT.get(m.group("when").lower(), m.group("when"))
    years = f"20{m.group('y1')}" + (f"-20{m.group('y2')}" if m.group("y2") else "")
    return f"{when} {years}"


def _september(m: re.Match) -> str:
    """« sept » is the month before a year or after « début », « pr »… and before no noun."""
    lead = m.group("lead") or ""
    if m.group("year") is not None or (lead and not _SEPT_NOUN.match(m.string, m.end())):
        return f"{lead}septembre"
    return m.group(0)


def word_fixes(fold) -> dict[str, str]:
    """Accent-free word -> corrected form, for ``normalize`` (``fold`` is the folding function).

    Abbreviations whose folded spelling is an ordinary word (« mé » -> « me ») are left out.
    """
    fixes = dict(FAUTES)
    for short, full in ABREVIATIONS.items():
        if fold(short) == short:
            fixes.setdefault(short, fold(full))
    return fixes
