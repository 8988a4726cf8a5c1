"""French words: the one normaliser, tokeniser, lemmatiser and negation scope used by the
qualification engine, the justification scorer, the board's hints and the lessons.

Everything here works on the notes a seller types on a stand or the justification a learner
writes: accents may be missing, case is random, a few words are often misspelt, and negation
(« pas intéressé », « aucun projet », « ne voit pas l'utilité ») changes the meaning of the
words that follow it.

Public API (see docs/ARCHITECTURE.md):

- ``normalize(text)`` -> lower case, no accents, common misspellings fixed, whitespace collapsed;
- ``fold(text)`` -> lower case without accents, *same length* as ``text`` (offsets stay valid);
- ``flatten(text)`` -> ``fold`` on one line, for regular expressions over a learner's prose;
- ``tokenize(text)`` -> list of ``Token`` (``text``, ``norm``, ``start``, ``end``, ``lemma``);
- ``negated_spans(text)`` -> character spans under the scope of a negation.

The phrase matcher built on these words is ``prospection.texte.phrases`` (``Lexicon``,
``Text``, ``find_phrases``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "Token",
    "normalize",
    "fold",
    "flatten",
    "tokenize",
    "negated_spans",
    "negation_scopes",
    "Scope",
    "lemma",
    "light_stem",
    "plain_text",
    "FORMAT_CHARS_RE",
]


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# (speed only: the same words in a text of ASCII characters, where an ASCII pattern tells a letter
# from a table instead of the Unicode database, some 40 % faster)
_WORD_RE_ASCII = re.compile(r"[^\W_]+", re.ASCII)
_SPACES_RE = re.compile(r"\s+")


class Token(NamedTuple):
    """A word of the original text, with its offsets and its normalised forms."""

    text: str
    norm: str
    start: int
    end: int
    lemma: str = ""


def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        low = ch
    decomposed = unicodedata.normalize("NFD", low)
    base = decomposed[0]
    return base if len(base) == 1 else low


@lru_cache(maxsize=4096)
def _fold_cached(text: str) -> str:
    return "".join(_fold_char(c) for c in text.translate(_APOSTROPHES))


_FOLD_TABLE = {i: _fold_char(chr(i)) for i in range(0x80, 0x250) if _fold_char(chr(i)) != chr(i)}
_FOLD_TABLE.update({0x2019: "'", 0x2018: "'", 0x60: "'", 0xB4: "'", 0x2BC: "'"})


# ``str.translate`` with ``_FOLD_TABLE``, faster: a text rarely has more than a few characters to
# change, which one pattern finds (and an ASCII text only « ` »).
_FOLD_CHARS = {chr(k): v for k, v in _FOLD_TABLE.items()}
_FOLD_RE = re.compile("[" + "".join(map(re.escape, sorted(_FOLD_CHARS))) + "]")
_ASCII_FOLDS = tuple((c, v) for c, v in sorted(_FOLD_CHARS.items()) if c.isascii())


def _folded_char(m: re.Match) -> str:
    return _FOLD_CHARS[m.group()]


def _translate(low: str) -> str:
    """``low.translate(_FOLD_TABLE)``."""
    if low.isascii():
        for c, v in _ASCII_FOLDS:
            if c in low:
                low = low.replace(c, v)
        return low
    return _FOLD_RE.sub(_folded_char, low)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, same length as ``text``, so offsets map one to one."""
    low = text.lower()
    if len(low) == len(text):
        folded = _translate(low)
        if folded.isascii() or len(folded) == len(text):
            return folded
    if len(text) > 2000:
        return "".join(_fold_char(c) for c in text.translate(_APOSTROPHES))
    return _fold_cached(text)


def _strip_ligatures(text: str) -> str:
    return text.replace("œ", "oe").replace("æ", "ae").replace("Œ", "oe").replace("Æ", "ae")


@lru_cache(maxsize=1)
def _fixes() -> dict[str, str]:
    from prospection.texte.abreviations import word_fixes

    return word_fixes(fold)


def _fix_word(word: str) -> str:
    return _fixes().get(word, word)


def normalize(text: str) -> str:
    """Lower case, no accents, common misspellings fixed, whitespace collapsed."""
    if not text:
        return ""
    if type(text) is str and len(text) <= 40:  # a word (a new word is normalised three times)
        return _normalize_word(text)
    return _normalize(str(text))


@lru_cache(maxsize=65536)
def _normalize_word(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    folded = fold(_strip_ligatures(text))
    folded = folded.replace("rendez vous", "rendez-vous")
    folded = _WORD_RE.sub(lambda m: _fix_word(m.group(0)), folded)
    return _SPACES_RE.sub(" ", folded).strip()


#: Invisible format characters (Unicode category Cf): soft hyphen, zero-width spaces and joiners,
#: left-to-right / right-to-left marks, embeddings, overrides and isolates, word joiner,
#: invisible operators, byte-order mark, interlinear annotations, tag characters.
FORMAT_CHARS_RE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]")


def plain_text(text: str) -> str:
    """A typed text as it reads: NFKC (full-width letters, ligatures such as « ﬁ », compatibility
    spaces become their plain form) without invisible format characters (zero-width spaces,
    right-to-left overrides…). Look-alike letters of other alphabets are left as they are."""
    if text.isascii():
        return text
    return FORMAT_CHARS_RE.sub("", unicodedata.normalize("NFKC", text))


_WHERE_RE = re.compile(r"(?i)\bo\u00f9\b")


def flatten(text: str) -> str:
    """One line of lower-case, accent-free text for regular expressions over a learner's prose.

    ``fold``, straight hyphens, collapsed whitespace; « où » (where) is spelt « oulieu » so that it
    is not read as « ou » (or) once accents are gone. No spelling fixes (see ``normalize``).
    """
    text = _WHERE_RE.sub("oulieu", unicodedata.normalize("NFC", str(text)))
    text = fold(text).replace("\u2011", "-").replace("\u2010", "-")
    return _SPACES_RE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Accent-free lemma of one word (simplemma, French), tolerant of missing accents."""
    low = word.lower()
    try:
        import simplemma

        lem = simplemma.lemmatize(low, lang="fr")
    except Exception:  # pragma: no cover - simplemma is a pinned dependency
        lem = low
    folded = normalize(lem) or normalize(low)
    # simplemma does not know accent-free spellings: fall back on a light stemmer.
    if folded == normalize(low):
        folded = light_stem(folded)
    return folded


def light_stem(word: str) -> str:
    """Drops the usual French inflection endings (plural, feminine) of a normalised word."""
    for suffix in ("ees", "ee", "s", "x"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + ("e" if suffix in ("ees", "ee") else "")
    return word


@lru_cache(maxsize=65536)
def _word_forms(word: str) -> tuple[str, str]:
    return normalize(word), lemma(word)


@lru_cache(maxsize=4096)
def _tokenize_cached(text: str) -> tuple[Token, ...]:
    out = []
    new, forms, find = tuple.__new__, _word_forms, text.find  # (``new(Token, …)``: no Python-level constructor)
    end = 0
    # (a word begins where it is next found: what lies between two words holds no word character)
    for word in (_WORD_RE_ASCII if text.isascii() else _WORD_RE).findall(text):
        start = find(word, end)
        end = start + len(word)
        norm, lem = forms(word)
        out.append(new(Token, (word, norm, start, end, lem)))
    return tuple(out)


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` (apostrophes and hyphens split words) with offsets in ``text``."""
    if not text:
        return []
    return list(_tokenize_cached(str(text)))


# --- negation --------------------------------------------------------------------------

# Cues that open a negation scope on their own.
_NEG_CUES = {"pas", "aucun", "aucune", "aucuns", "aucunes", "jamais", "sans", "ni", "nul", "nulle", "rien", "non"}
# Cues that negate only after « ne » / « n' » in the same clause.
_NE_CUES = {"plus", "guere", "point", "personne", "rien", "jamais", "pas", "aucun", "aucune", "ni"}
# Two-word expressions that look negative but are not.
_NOT_NEGATION = {
    ("sans", "doute"),
    ("sans", "faute"),
    ("pas", "mal"),
    ("non", "seulement"),
    ("ni", "plus"),
    ("pas", "seulement"),
    ("pas", "moins"),  # « il n'en est pas moins intéressé », « pas moins de 200 maillots »
    ("non", "moins"),
    ("sans", "jamais"),  # « sans jamais évoquer de besoin »: one negation, carried by « jamais »
    ("sans", "aucun"),  # « sans aucun besoin »: the same, by « aucun »
    ("sans", "aucune"),
}
# Negative subjects whose « ne » follows their noun (« aucun achat ne se fera », « ni les tenues ni les
# goodies ne les intéressent »).
_SUBJECT_CUES = {"aucun", "aucune", "nul", "nulle", "ni"}
# Words that close a negation scope (start of a new clause).
_SCOPE_BREAKERS = {
    "mais", "car", "et", "puis", "donc", "cependant", "pourtant", "toutefois", "sinon",
    "sauf", "neanmoins", "or", "alors", "tandis", "contre", "revanche", "ailleurs", "si",
    "quand", "lorsque", "parce", "bien", "excepte", "puisque", "puisqu",
}
_ANY_CUE = _NEG_CUES | _NE_CUES
_CLAUSE_PUNCT_RE = re.compile(r"[.;:!?,()\[\]\n\r\u2013\u2014/•|→⇒]|\s-\s|->|=>")


@dataclass(frozen=True)
class Scope:
    """A negation scope: the span it covers (``start:end``) and its cue (``cue_start:cue_end``)."""

    start: int
    end: int
    cue_start: int
    cue_end: int


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_PUNCT_RE.search(text, pos)
    return m.start() if m else len(text)


_QUANTITY_WORDS = frozenset("un une deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente "
                            "quelques quelque".split())


def negation_scopes(text: str) -> list[Scope]:
    """The negation scopes of ``text``, one per cue, in text order (not merged)."""
    return list(_scopes_cached(text or ""))


@lru_cache(maxsize=4096)
def _scopes_cached(text: str) -> tuple[Scope, ...]:
    tokens = _tokenize_cached(text)
    scopes: list[Scope] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        word = tok.norm
        if word not in _ANY_CUE:
            continue
        nxt = tokens[i + 1].norm if i + 1 < n else ""
        if (word, nxt) in _NOT_NEGATION:
            continue
        if word == "jamais" and i > 0 and tokens[i - 1].norm == "que":
            continue  # « plus motivé que jamais »
        if word == "point" and i > 0 and tokens[i - 1].norm in ("le", "un", "du", "au", "ce", "son", "leur", "mon", "bon"):
            continue  # « faire le point » is no « ne … point »
        ne_index = None
        for j in range(i - 1, max(-1, i - 5), -1):
            between = text[tokens[j].end : tok.start]
            if _CLAUSE_PUNCT_RE.search(between):
                break
            if tokens[j].norm in ("ne", "n"):
                ne_index = j
                break
        if word == "plus" and nxt in ("que", "qu") and ne_index is not None and i + 2 < n \
                and (tokens[i + 2].norm.isdigit() or tokens[i + 2].norm in _QUANTITY_WORDS):
            continue  # « elle n'a plus que cinq semaines pour commander »: only, no denial
            # (« ils n'en veulent plus que ce soit … », « plus que de la brochure » stay denials)
        if word in _NE_CUES and ne_index is not None:
            start = tokens[ne_index].start
        elif word in _NEG_CUES:
            if word == "non" and nxt in ("plus",):
                continue
            start = tok.start
        else:
            continue
        end = _clause_end(text, tok.end)
        for j, later in enumerate(tokens[i + 1 :], i + 1):
            if later.start >= end:
                break
            if later.norm in _SCOPE_BREAKERS:
                end = later.start
                break
            if later.norm in ("ne", "n") and later.start > tok.end and j != i + 1:
                if word in _SUBJECT_CUES and j <= i + 3 and not any(
                        x.norm in _ANY_CUE for x in tokens[j + 1 : j + 4]):
                    continue  # « aucun achat ne se fera à court terme »: the subject's own « ne »
                end = later.start  # another negation begins (« rien ne » keeps its own « ne »)
                break
        end = len(text[:end].rstrip()) if end > tok.end else tok.end
        scopes.append(Scope(start, end, tok.start, tok.end))
    return tuple(scopes)


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` under a negation (cue included), merged and sorted."""
    spans = sorted((s.start, s.end) for s in negation_scopes(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
