"""Fast phrase matching over ``prospection.texte.francais`` tokens.

``prospection.texte.francais.find_phrases`` tries every phrase at every token; the grader searches
a few hundred phrases in each of thousands of justifications, so it indexes the phrases by
their first word instead. Matching rules are the same in spirit (accents, case, misspellings
and inflection ignored; ``*`` is a gap of 0 to 3 words) with one addition: a pattern word
ending in ``~`` matches any word starting with it (« relan~ » → relancer, relance,
relancerai), which survives conjugation and most typing slips; one ending in ``=`` matches
that exact spelling only (« etait= » must not match every form of « être »).

Negation scopes come from ``prospection.texte.francais.negated_spans``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from prospection.texte.francais import lemma as fr_lemma
from prospection.texte.francais import negated_spans, normalize, tokenize

__all__ = ["Tok", "Hit", "Lexicon", "Text", "analyse_tokens"]


@dataclass(frozen=True)
class Tok:
    """A word: offsets in the original text, normalised form and lemma."""

    norm: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """A phrase found in a text."""

    tag: str
    start: int
    end: int
    first: int  # index of the first token
    last: int  # index after the last token
    negated: bool


_Word = tuple[str, str, bool]  # (norm, lemma, prefix?)


@lru_cache(maxsize=4096)
def _compile(phrase: str) -> tuple[_Word | None, ...]:
    parts: list[_Word | None] = []
    for chunk in phrase.split():
        if chunk == "*":
            parts.append(None)
            continue
        prefix = chunk.endswith("~")
        exact = chunk.endswith("=")
        word = normalize(chunk.rstrip("~="))
        if prefix:
            parts.append((word, word, True))
        elif exact:
            parts.append((word, "\x00", False))
        else:
            parts.append((word, fr_lemma(word), False))
    return tuple(parts)


def _word_ok(tok: Tok, want: _Word) -> bool:
    norm, lem, prefix = want
    if prefix:
        return tok.norm.startswith(norm)
    if lem == "\x00":
        return tok.norm == norm
    return tok.norm == norm or tok.lemma == lem or tok.lemma == norm or tok.norm == lem


class Lexicon:
    """Named groups of phrases, indexed by the first word of each phrase."""

    def __init__(self, groups: dict[str, Iterable[str]]):
        self.groups = {tag: tuple(phrases) for tag, phrases in groups.items()}
        self._exact: dict[str, list[tuple[str, tuple]]] = {}
        self._prefix: dict[str, list[tuple[str, str, tuple]]] = {}  # by the head's first 3 letters
        self._short_prefix: list[tuple[str, str, tuple]] = []
        self._memo: dict[tuple[str, str], list[tuple[str, tuple]]] = {}
        for tag, phrases in self.groups.items():
            for phrase in phrases:
                pattern = _compile(phrase)
                head = pattern[0]
                if head is None:
                    raise ValueError(f"phrase starting with a gap: {phrase!r}")
                if head[2] and len(head[0]) >= 3:
                    self._prefix.setdefault(head[0][:3], []).append((head[0], tag, pattern))
                elif head[2]:
                    self._short_prefix.append((head[0], tag, pattern))
                else:
                    for key in {head[0], head[1]}:
                        self._exact.setdefault(key, []).append((tag, pattern))

    def candidates(self, tok: Tok) -> list[tuple[str, tuple]]:
        """Patterns whose first word can match ``tok`` (memoised per word form)."""
        key = (tok.norm, tok.lemma)
        found = self._memo.get(key)
        if found is not None:
            return found
        out = list(self._exact.get(tok.norm, ()))
        if tok.lemma != tok.norm:
            out += [c for c in self._exact.get(tok.lemma, ()) if c not in out]
        for head, tag, pat in self._prefix.get(tok.norm[:3], []) + self._short_prefix:
            if tok.norm.startswith(head):
                out.append((tag, pat))
        if len(self._memo) < 100_000:
            self._memo[key] = out
        return out


def _match_at(toks: list[Tok], i: int, pattern: tuple) -> int | None:
    if not pattern:
        return i
    head, rest = pattern[0], pattern[1:]
    if head is None:
        for skip in range(4):
            if i + skip > len(toks):
                break
            end = _match_at(toks, i + skip, rest)
            if end is not None:
                return end
        return None
    if i < len(toks) and _word_ok(toks[i], head):
        return _match_at(toks, i + 1, rest)
    return None


_RDV_PARTS = ("rendez", "vous")


def analyse_tokens(text: str, lemmatize: Callable[[str, list], list[str]] | None = None) -> list[Tok]:
    """Tokens of ``text``; « rendez-vous » becomes one word (like « rdv »).

    ``lemmatize`` (optional) replaces the simplemma lemmas: it gets the text and the
    ``prospection.texte.francais`` tokens and returns one lemma per token (used to compare spaCy).
    """
    base = tokenize(text)
    lemmas = lemmatize(text, base) if lemmatize else [t.lemma for t in base]
    toks: list[Tok] = []
    i = 0
    while i < len(base):
        t = base[i]
        if t.norm == "rendez" and i + 1 < len(base) and base[i + 1].norm == "vous":
            toks.append(Tok("rendez-vous", "rendez-vous", t.start, base[i + 1].end))
            i += 2
            continue
        norm = t.norm
        lem = lemmas[i] or norm
        if norm == "rendez-vous":  # « rdv »
            lem = "rendez-vous"
        toks.append(Tok(norm, lem, t.start, t.end))
        i += 1
    return toks


class Text:
    """A text analysed once: tokens, negation scopes, sentence/clause boundaries."""

    _CLAUSE_RE = re.compile(r"[.;!?\n:→()]|->|\s-\s|=>")

    def __init__(self, text: str, lemmatize=None):
        self.raw = text or ""
        self.toks = analyse_tokens(self.raw, lemmatize)
        self.neg = negated_spans(self.raw)
        self.bounds = [m.start() for m in self._CLAUSE_RE.finditer(self.raw)]

    def clause_of(self, pos: int) -> tuple[int, int]:
        """Character span of the clause holding ``pos``."""
        start, end = 0, len(self.raw)
        for b in self.bounds:
            if b < pos:
                start = b + 1
            elif b >= pos:
                end = b
                break
        return start, end

    def is_negated(self, start: int) -> bool:
        """True when ``start`` lies inside a negation scope opened before it."""
        return any(a < start < b for a, b in self.neg)

    def find(self, lexicon: Lexicon) -> list[Hit]:
        hits: list[Hit] = []
        toks = self.toks
        for i, tok in enumerate(toks):
            for tag, pattern in lexicon.candidates(tok):
                end = _match_at(toks, i, pattern)
                if end is None or end <= i:
                    continue
                start = tok.start
                hits.append(Hit(tag, start, toks[end - 1].end, i, end, self.is_negated(start)))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        return hits
