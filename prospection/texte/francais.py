"""French text helpers: the one implementation used by the qualification engine, the
justification scorer, the board's hints and the lessons.

Everything here works on the notes a seller types on a stand or the justification a learner
writes: accents may be missing, case is random, a few words are often misspelt, and negation
(« pas intéressé », « aucun projet », « ne voit pas l'utilité ») changes the meaning of the
words that follow it.

Public API (see docs/ARCHITECTURE.md):

- ``normalize(text)`` -> lower case, no accents, common misspellings fixed, whitespace collapsed;
- ``fold(text)`` -> lower case without accents, *same length* as ``text`` (offsets stay valid);
- ``tokenize(text)`` -> list of ``Token`` (``text``, ``norm``, ``start``, ``end``, ``lemma``);
- ``negated_spans(text)`` -> character spans under the scope of a negation;
- ``find_phrases(text, phrases)`` -> list of ``Match`` (accent/case-insensitive,
  lemma-tolerant, with ``.negated``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

__all__ = [
    "Token",
    "Match",
    "normalize",
    "fold",
    "tokenize",
    "negated_spans",
    "find_phrases",
    "lemma",
]


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES_RE = re.compile(r"\s+")


class Token(NamedTuple):
    """A word of the original text, with its offsets and its normalised forms."""

    text: str
    norm: str
    start: int
    end: int
    lemma: str = ""


@dataclass(frozen=True)
class Match:
    """One occurrence of a searched phrase in a text."""

    phrase: str
    text: str
    start: int
    end: int
    negated: bool


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


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, same length as ``text``, so offsets map one to one."""
    low = text.lower()
    if len(low) == len(text):
        folded = low.translate(_FOLD_TABLE)
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
    folded = fold(_strip_ligatures(str(text)))
    folded = folded.replace("rendez vous", "rendez-vous")
    folded = _WORD_RE.sub(lambda m: _fix_word(m.group(0)), folded)
    return _SPACES_RE.sub(" ", folded).strip()


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
        folded = _light_stem(folded)
    return folded


def _light_stem(word: str) -> str:
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
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        norm, lem = _word_forms(word)
        out.append(Token(word, norm, m.start(), m.end(), lem))
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
_NE_CUES = {"plus", "guere", "point", "personne", "rien", "jamais", "pas", "aucun", "aucune"}
# Two-word expressions that look negative but are not.
_NOT_NEGATION = {
    ("sans", "doute"),
    ("sans", "faute"),
    ("pas", "mal"),
    ("non", "seulement"),
    ("ni", "plus"),
    ("pas", "seulement"),
}
# Words that close a negation scope (start of a new clause).
_SCOPE_BREAKERS = {
    "mais", "car", "et", "puis", "donc", "cependant", "pourtant", "toutefois", "sinon",
    "sauf", "neanmoins", "or", "alors", "tandis", "contre", "revanche", "ailleurs", "si",
    "quand", "lorsque", "parce", "bien", "excepte",
}
_ANY_CUE = _NEG_CUES | _NE_CUES
_CLAUSE_PUNCT_RE = re.compile(r"[.;:!?,()\[\]\n\r\u2013\u2014/•|]|\s-\s")


@dataclass(frozen=True)
class _Scope:
    start: int
    end: int
    cue_start: int
    cue_end: int


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_PUNCT_RE.search(text, pos)
    return m.start() if m else len(text)


def _scopes(text: str) -> list[_Scope]:
    return list(_scopes_cached(text))


@lru_cache(maxsize=4096)
def _scopes_cached(text: str) -> tuple[_Scope, ...]:
    tokens = _tokenize_cached(text)
    scopes: list[_Scope] = []
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
        ne_index = None
        for j in range(i - 1, max(-1, i - 5), -1):
            between = text[tokens[j].end : tok.start]
            if _CLAUSE_PUNCT_RE.search(between):
                break
            if tokens[j].norm in ("ne", "n"):
                ne_index = j
                break
        if word in _NE_CUES and ne_index is not None:
            start = tokens[ne_index].start
        elif word in _NEG_CUES:
            if word == "non" and nxt in ("plus",):
                continue
            start = tok.start
        else:
            continue
        end = _clause_end(text, tok.end)
        for later in tokens[i + 1 :]:
            if later.start >= end:
                break
            if later.norm in _SCOPE_BREAKERS:
                end = later.start
                break
            if later.norm in ("ne", "n") and later.start > tok.end:
                end = later.start
                break
        end = len(text[:end].rstrip()) if end > tok.end else tok.end
        scopes.append(_Scope(start, end, tok.start, tok.end))
    return tuple(scopes)


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` under a negation (cue included), merged and sorted."""
    spans = sorted((s.start, s.end) for s in _scopes(text or ""))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --- phrase search -----------------------------------------------------------------------

_GAP = {"*", "…", "..."}


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> tuple[tuple[str, str] | None, ...]:
    """A phrase as a tuple of (norm, lemma) per word; ``None`` is a gap of 0 to 3 words."""
    parts: list[tuple[str, str] | None] = []
    for chunk in re.split(r"(\*|…|\.\.\.)", phrase):
        if chunk in _GAP:
            parts.append(None)
            continue
        for tok in tokenize(chunk):
            parts.append((tok.norm, tok.lemma))
    return tuple(parts)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _light_stem(word)


@lru_cache(maxsize=65536)
def word_keys(norm: str, lemma: str) -> frozenset:
    """The forms a word matches by: accent-free form, lemma, light stem (prefixed « ~ »).

    A text word matches a phrase word when their keys meet: same form, same lemma, one's form
    is the other's lemma, or same light stem.
    """
    return frozenset((norm, lemma, "~" + _stem(norm)))


def _match(tkeys: list[frozenset], i: int, words: tuple) -> int | None:
    """Index after the last token matched by ``words`` from token ``i`` (gap = 0 to 3 words)."""
    for k, head in enumerate(words):
        if head is None:
            rest = words[k + 1:]
            for skip in range(4):
                if i + skip > len(tkeys):
                    return None
                end = _match(tkeys, i + skip, rest)
                if end is not None:
                    return end
            return None
        if i >= len(tkeys) or head.isdisjoint(tkeys[i]):
            return None
        i += 1
    return i


class PhraseIndex:
    """Phrases indexed by every form of their first word: the one phrase matcher of the core.

    ``find(text)`` returns ``(pid, start, end, negated)`` for every occurrence of every phrase
    (``pid`` is the phrase's position in the list given), sorted by start, longest first.
    """

    def __init__(self, phrases: Iterable[str]):
        self.phrases = tuple(phrases)
        self._by_first: dict[str, list[tuple[int, tuple]]] = {}
        self._floating: list[tuple[int, tuple]] = []  # phrases starting with a gap
        for pid, phrase in enumerate(self.phrases):
            pattern = _phrase_pattern(phrase)
            if not pattern or all(p is None for p in pattern):
                continue
            words = tuple(None if w is None else word_keys(w[0], w[1]) for w in pattern)
            if words[0] is None:
                self._floating.append((pid, words))
                continue
            for key in words[0]:
                self._by_first.setdefault(key, []).append((pid, words))
        self._memo: dict[frozenset, tuple] = {}

    def _candidates(self, keys: frozenset) -> tuple:
        found = self._memo.get(keys)
        if found is None:
            seen: dict[int, tuple] = {}
            for key in sorted(keys):
                for pid, words in self._by_first.get(key, ()):
                    seen.setdefault(pid, words)
            for pid, words in self._floating:
                seen.setdefault(pid, words)
            found = tuple((pid, seen[pid]) for pid in sorted(seen))
            if len(self._memo) < 100_000:
                self._memo[keys] = found
        return found

    def find(self, text: str, tokens: list[Token] | None = None) -> list[tuple[int, int, int, bool]]:
        text = text or ""
        toks = tokens if tokens is not None else tokenize(text)
        scopes = _scopes(text) if toks else []
        tkeys = [word_keys(t.norm, t.lemma) for t in toks]
        out = []
        for i, tok in enumerate(toks):
            for pid, words in self._candidates(tkeys[i]):
                end_index = _match(tkeys, i, words)
                if end_index is None or end_index <= i:
                    continue
                start, end = tok.start, toks[end_index - 1].end
                negated = any(s.start <= start < s.end and not (start <= s.cue_start and s.cue_end <= end)
                              for s in scopes)
                out.append((pid, start, end, negated))
        out.sort(key=lambda h: (h[1], -(h[2] - h[1]), h[0]))
        return out


@lru_cache(maxsize=256)
def _index_of(phrases: tuple[str, ...]) -> PhraseIndex:
    return PhraseIndex(phrases)


def find_phrases(text: str, phrases: Iterable[str], tokens: list[Token] | None = None) -> list[Match]:
    """Occurrences of ``phrases`` in ``text``, ignoring accents, case and inflection.

    A ``*`` in a phrase stands for 0 to 3 words (« ne * pas * utilité »). A match is
    ``negated`` when it lies in the scope of a negation cue that is not part of the match
    itself: « intéressé » in « pas intéressé » is negated, the phrase « pas intéressé » is not.
    """
    text = text or ""
    index = _index_of(tuple(phrases))
    return [Match(index.phrases[pid], text[start:end], start, end, negated)
            for pid, start, end, negated in index.find(text, tokens)]
