"""The one phrase matcher of the French-text core.

Every user of the core finds phrases here: the cue scan (``indices.scan``, used by the
qualification engine and the lessons), the board's hints, the justification scorer and
``find_phrases``. Words come from ``francais`` (normalisation, tokens, lemmas, negation scopes).

Phrase syntax (one phrase per string):

- words are compared accent-, case- and misspelling-free (``francais.normalize``); a phrase word
  matches a text word with the same form, the same lemma, one's form being the other's lemma,
  or the same light stem (« intéressées » ~ « intéressé »);
- ``*`` (or ``…``, ``...``) is a gap of 0 to 3 words: « ne voit pas * utilité »;
- a word ending in ``~`` matches any word starting with it (« relan~ » → relancer, relance,
  relancerai), which survives conjugation and most typing slips;
- a word ending in ``=`` matches that exact spelling only (« etait= » must not match every form
  of « être »);
- « rendez-vous » (and « rdv ») is one word, in a phrase and in a text.

A hit is ``negated`` when it begins inside a negation scope it does not carry itself: « intéressé »
in « pas intéressé » is negated, the phrase « pas intéressé » is not (it holds its cue and begins
with it), « prévoit * achat » in « ne prévoit pas d'achat » is (the « ne » is outside).

Phrases are indexed by the forms of their first word, so a few hundred phrases are searched in
one pass over a text's words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Hashable, Iterable, Mapping, NamedTuple

from prospection.texte.francais import _WORD_RE, _tokenize_cached, _word_forms, light_stem, negation_scopes, tokenize

__all__ = ["Tok", "Hit", "Match", "Lexicon", "Text", "analyse_tokens", "find_phrases"]


class Tok(NamedTuple):
    """A word: offsets in the original text, normalised form and lemma."""

    norm: str
    lemma: str
    start: int
    end: int


class Hit(NamedTuple):
    """A phrase found in a text: its group's tag, offsets, token span and negation."""

    tag: Hashable
    start: int
    end: int
    first: int  # index of the first token
    last: int  # index after the last token
    negated: bool
    phrase: str = ""


@dataclass(frozen=True)
class Match:
    """One occurrence of a searched phrase in a text (``find_phrases``)."""

    phrase: str
    text: str
    start: int
    end: int
    negated: bool


# --- words ---------------------------------------------------------------------------------

_GAPS = {"*", "…", "..."}
_WORD, _PREFIX, _EXACT = 0, 1, 2


class _Word(NamedTuple):
    """A phrase word: its normalised form, lemma, the forms it matches by, and how it matches."""

    norm: str
    lemma: str
    keys: frozenset
    mode: int


@lru_cache(maxsize=65536)
def _keys(norm: str, lemma: str) -> frozenset:
    """The forms a word matches by: its form, its lemma, its light stem (prefixed « ~ »).

    Two words match when their keys meet: same form, same lemma, one's form is the other's
    lemma, or same light stem.
    """
    return frozenset((norm, lemma, "~" + light_stem(norm)))


def _stem_key(keys: frozenset) -> str:
    return next(k for k in keys if k.startswith("~"))


_RDV = ("rendez", "vous")


def analyse_tokens(text: str, lemmatize: Callable[[str, list], list[str]] | None = None) -> list[Tok]:
    """Tokens of ``text``; « rendez-vous » becomes one word (like « rdv »).

    ``lemmatize`` (optional) replaces the simplemma lemmas: it gets the text and the
    ``francais.tokenize`` tokens and returns one lemma per token (used to compare spaCy).
    """
    if lemmatize is None:
        return list(_analyse_cached(text or ""))
    return _analyse(text, lemmatize)


def word_forms(text: str) -> list[tuple[str, str]]:
    """``(norm, lemma)`` of each token of ``analyse_tokens(text)``, in order, without their
    offsets (found without locating each word: for a text whose words alone are read)."""
    out: list[tuple[str, str]] = []
    append, forms = out.append, _word_forms
    merged = False
    words = _WORD_RE.findall(text or "")
    for i, word in enumerate(words):
        if merged:  # (« vous » of a « rendez-vous »)
            merged = False
            continue
        norm, lem = forms(word)
        if norm == "rendez" and i + 1 < len(words) and forms(words[i + 1])[0] == "vous":
            append(("rendez-vous", "rendez-vous"))
            merged = True
        elif norm == "rendez-vous":  # « rdv »
            append((norm, "rendez-vous"))
        else:
            append((norm, lem or norm))
    return out


@lru_cache(maxsize=4096)
def _analyse_cached(text: str) -> tuple[Tok, ...]:
    return tuple(_analyse(text, None))


def _analyse(text: str, lemmatize) -> list[Tok]:
    if lemmatize:
        base = tokenize(text)
        lemmas = lemmatize(text, base)
    else:  # (the tokens' own lemmas)
        base = _tokenize_cached(text) if text else ()
        lemmas = None
    toks: list[Tok] = []
    append, new, n = toks.append, tuple.__new__, len(base)  # (``new(Tok, …)``: no Python-level constructor)
    merged = False
    for i, (_word, norm, start, end, lem) in enumerate(base):
        if merged:  # (« vous » of a « rendez-vous »)
            merged = False
            continue
        if norm == "rendez" and i + 1 < n and base[i + 1][1] == "vous":
            append(new(Tok, ("rendez-vous", "rendez-vous", start, base[i + 1][3])))
            merged = True
            continue
        if lemmas is not None:
            lem = lemmas[i]
        if norm == "rendez-vous":  # « rdv »
            lem = "rendez-vous"
        elif not lem:
            lem = norm
        append(new(Tok, (norm, lem, start, end)))
    return toks


@lru_cache(maxsize=8192)
def _compile(phrase: str) -> tuple[_Word | None, ...]:
    """A phrase as a tuple of words; ``None`` is a gap of 0 to 3 words."""
    parts: list[_Word | None] = []
    for chunk in re.split(r"(\*|…|\.\.\.)|\s+", phrase):
        if not chunk:
            continue
        if chunk in _GAPS:
            parts.append(None)
            continue
        mode = _PREFIX if chunk.endswith("~") else _EXACT if chunk.endswith("=") else _WORD
        words = analyse_tokens(chunk.rstrip("~="))
        for k, tok in enumerate(words):
            last = k == len(words) - 1
            parts.append(_Word(tok.norm, tok.lemma, _keys(tok.norm, tok.lemma), mode if last else _WORD))
    return tuple(parts)


def _word_matches(word: _Word, tok: Tok, keys: frozenset) -> bool:
    """Whether the phrase word ``word`` matches ``tok`` (whose match keys are ``keys``)."""
    if word.mode == _WORD:
        return not word.keys.isdisjoint(keys)
    if word.mode == _PREFIX:
        return tok.norm.startswith(word.norm)
    return tok.norm == word.norm


def _match_at(toks: list[Tok], keys: list[frozenset], i: int, pattern: tuple) -> int | None:
    """Index after the last token matched by ``pattern`` from token ``i`` (``keys``: the
    tokens' match keys)."""
    n = len(toks)
    for k, word in enumerate(pattern):
        if word is None:
            rest = pattern[k + 1:]
            first = rest[0] if rest else None  # (the word after the gap, tried here before the rest)
            for skip in range(4):
                j = i + skip
                if j > n:
                    return None
                if first is not None and (j == n or (first.keys.isdisjoint(keys[j]) if first.mode == _WORD
                                                     else not toks[j].norm.startswith(first.norm)
                                                     if first.mode == _PREFIX else toks[j].norm != first.norm)):
                    continue
                end = _match_at(toks, keys, j, rest)
                if end is not None:
                    return end
            return None
        if i >= n:
            return None
        mode = word.mode
        if mode == _WORD:
            if word.keys.isdisjoint(keys[i]):
                return None
        elif mode == _PREFIX:
            if not toks[i].norm.startswith(word.norm):
                return None
        elif toks[i].norm != word.norm:
            return None
        i += 1
    return i


# --- the matcher ---------------------------------------------------------------------------

class Lexicon:
    """Named groups of phrases (``{tag: phrases}``), indexed by the first word of each phrase.

    ``Text(text).find(lexicon)`` gives every occurrence of every phrase as a :class:`Hit`.
    """

    def __init__(self, groups: Mapping[Hashable, Iterable[str]]):
        self.groups = {tag: tuple(phrases) for tag, phrases in groups.items()}
        self._exact: dict[str, list[tuple]] = {}  # by form or lemma of the head word
        self._stems: dict[str, list[tuple]] = {}  # by light stem of the head word
        self._prefix: dict[str, list[tuple]] = {}  # prefix heads, by their first 3 letters
        self._short_prefix: list[tuple] = []
        self._floating: list[tuple] = []  # phrases starting with a gap
        self._memo: dict[tuple[str, str], list[tuple]] = {}
        # ``candidates`` ready for ``Text.find``: (tag, phrase, words left to match, index of
        # the first of them in the pattern, whether the phrase has a gap, the second word if it
        # is no gap, the words after it), memoised per word, with (``_prepare``) those of them
        # whose second word is a gap or none, and the match keys any other second word has
        self._prepared: dict[tuple[str, str], tuple] = {}
        # (speed only) a word's candidates whose second word matches the word after it, or that
        # have none, by the two words' (norm, lemma): a pair of words comes again and again
        self._pairs: dict[tuple, list] = {}
        for tag, phrases in self.groups.items():
            for phrase in phrases:
                pattern = _compile(phrase)
                if not pattern or all(w is None for w in pattern):
                    continue
                entry = (tag, phrase, pattern)
                head = pattern[0]
                if head is None:
                    self._floating.append(entry)
                elif head.mode == _PREFIX:
                    if len(head.norm) >= 3:
                        self._prefix.setdefault(head.norm[:3], []).append(entry)
                    else:
                        self._short_prefix.append(entry)
                elif head.mode == _EXACT:
                    self._exact.setdefault(head.norm, []).append(entry)
                else:
                    for key in {head.norm, head.lemma}:
                        self._exact.setdefault(key, []).append(entry)
                    self._stems.setdefault(_stem_key(head.keys), []).append(entry)

    def candidates(self, tok: Tok) -> list[tuple]:
        """``(tag, phrase, pattern)`` whose first word may match ``tok`` (memoised per word)."""
        key = (tok.norm, tok.lemma)
        found = self._memo.get(key)
        if found is not None:
            return found
        out: list[tuple] = []
        seen: set[int] = set()

        def add(entries):
            for e in entries:
                if id(e) not in seen:
                    seen.add(id(e))
                    out.append(e)

        add(self._exact.get(tok.norm, ()))
        add(self._exact.get(tok.lemma, ()))
        add(self._stems.get(_stem_key(_keys(tok.norm, tok.lemma)), ()))
        add(e for e in self._prefix.get(tok.norm[:3], []) + self._short_prefix
            if tok.norm.startswith(e[2][0].norm))
        add(self._floating)
        if len(self._memo) < 100_000:
            self._memo[key] = out
        return out

    def _prepare(self, tok: Tok) -> tuple[list[tuple], list[tuple], frozenset, tuple, frozenset]:
        """(the prepared candidates of ``tok``, those of them whose second word is a gap or none,
        and what the other second words match: the union of their match keys, the beginnings of
        the prefix words, the spellings of the exact words)."""
        out = []
        for tag, phrase, pattern in self.candidates(tok):
            if pattern[0] is None:  # a gap first
                out.append((tag, phrase, pattern, 0, True, None, ()))
            else:  # (the second word, when it is one, and the words after it)
                nxt = pattern[1] if len(pattern) > 1 else None
                out.append((tag, phrase, pattern[1:], 1, None in pattern, nxt, pattern[2:] if nxt else ()))
        seconds = [e[5] for e in out if e[5] is not None]
        prepared = (out, [e for e in out if e[5] is None],
                    frozenset().union(*(w.keys for w in seconds if w.mode == _WORD)),
                    tuple({w.norm: None for w in seconds if w.mode == _PREFIX}),
                    frozenset(w.norm for w in seconds if w.mode == _EXACT))
        if len(self._prepared) < 100_000:  # (memoised as ``()`` when no phrase may begin with ``tok``)
            self._prepared[(tok.norm, tok.lemma)] = prepared if out else ()
        return prepared


class _once:
    """``functools.cached_property`` without its lock (Python 3.11 takes one at each first
    reading): the value is computed at the first reading and kept in the instance."""

    def __init__(self, fn):
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class Text:
    """A text analysed once: tokens, negation scopes, sentence/clause boundaries."""

    _CLAUSE_RE = re.compile(r"[.;!?\n:→()]|->|\s-\s|=>")

    def __init__(self, text: str, lemmatize=None):
        self.raw = text or ""
        self.toks = analyse_tokens(self.raw, lemmatize)
        self.scopes = negation_scopes(self.raw)
        self._clauses: dict[int, tuple[int, int]] = {}  # (``clause_of``, asked again and again)

    @_once
    def bounds(self) -> list[int]:
        """Offsets of the clause boundaries (punctuation, arrows, dashes)."""
        return [m.start() for m in self._CLAUSE_RE.finditer(self.raw)]

    @_once
    def starts(self) -> list[int]:
        """Offsets of the tokens, in order (a position's token found by bisection)."""
        return [t.start for t in self.toks]

    @_once
    def norms(self) -> list[str]:
        """The tokens' normalised forms, in order: a window of words read as a slice of them
        (``set(norms[a:b])``), not by a comprehension over the tokens."""
        return [t.norm for t in self.toks]

    @_once
    def _word_end(self) -> dict[int, int]:
        return {t.start: t.end for t in self.toks}

    def clause_of(self, pos: int) -> tuple[int, int]:
        """Character span of the clause holding ``pos``."""
        span = self._clauses.get(pos)
        if span is None:
            bounds = self.bounds  # sorted offsets
            i = bisect_left(bounds, pos)  # the first boundary at or after ``pos``
            span = self._clauses[pos] = (bounds[i - 1] + 1 if i else 0), (bounds[i] if i < len(bounds) else len(self.raw))
        return span

    def is_negated(self, start: int, end: int | None = None) -> bool:
        """Whether the passage ``start:end`` (by default the word at ``start``) is negated.

        It is when it begins inside a negation scope that it does not carry itself: a passage
        carries a negation when it holds the cue and begins with it or with its « ne »
        (« aucun projet », « ne voit pas * utilité »); « prévoit pas d'achat » in « ne prévoit
        pas d'achat » does not carry the « ne » and is negated.
        """
        if not self.scopes:
            return False
        end = self._word_end.get(start, start) if end is None else end
        return any(s.start <= start < s.end
                   and not (start in (s.start, s.cue_start) and s.cue_end <= end)
                   for s in self.scopes)

    def find(self, lexicon: Lexicon) -> list[Hit]:
        """Every occurrence of every phrase of ``lexicon``, sorted by start, longest first."""
        hits: list[Hit] = []
        toks, raw = self.toks, self.raw
        keys = [_keys(tok[0], tok[1]) for tok in toks]  # each token's match keys (norm, lemma)
        negation = self.is_negated if self.scopes else None
        prepared, pairs, new, n = lexicon._prepared, lexicon._pairs, tuple.__new__, len(toks)
        last_i = n - 1
        for i, tok in enumerate(toks):
            word = tok[:2]  # (norm, lemma)
            entries = prepared.get(word)
            if entries is None:
                entries = lexicon._prepare(tok)
            elif not entries:
                continue  # (no phrase begins with this word)
            entries, gapped, second_keys, prefixes, exact = entries
            if len(gapped) < len(entries):
                if i == last_i:
                    entries = gapped  # (no word after this one: the candidates without a second word)
                else:
                    after_tok = toks[i + 1]
                    pair = (word, after_tok[:2])
                    kept = pairs.get(pair)
                    if kept is None:
                        kept = entries
                        if second_keys.isdisjoint(keys[i + 1]) and after_tok.norm not in exact \
                                and not after_tok.norm.startswith(prefixes):
                            kept = gapped  # (no second word can match the next word)
                        else:
                            kept = [e for e in entries if e[5] is None or _word_matches(e[5], after_tok, keys[i + 1])]
                        if len(pairs) < 200_000:
                            pairs[pair] = kept
                    entries = kept
            for tag, phrase, rest, skip, gapped, nxt, after in entries:
                # The candidates' first word matches ``tok`` already (``skip`` 1), or is a gap.
                if nxt is not None:  # the second word: it matches the next word (``kept`` above)
                    j = i + 1
                    if after:
                        third = after[0]  # (a word or a gap: a word is tried here first)
                        if third is not None and (j + 1 == n or (
                                third.keys.isdisjoint(keys[j + 1]) if third.mode == _WORD
                                else not toks[j + 1].norm.startswith(third.norm) if third.mode == _PREFIX
                                else toks[j + 1].norm != third.norm)):
                            continue
                        last = _match_at(toks, keys, j + 1, after)
                        if last is None:
                            continue
                    else:
                        last = j + 1
                elif rest:
                    last = _match_at(toks, keys, i + skip, rest)
                    if last is None or last <= i:
                        continue
                else:  # a one-word phrase
                    last = i + 1
                start, end = tok.start, toks[last - 1].end
                if gapped and _GAP_BREAK.search(raw, start, end):
                    continue  # a gap never jumps a clause: « aucune raison d'attendre, j'envoie le devis »
                negated = negation(start, end) if negation is not None else False
                hits.append(new(Hit, (tag, start, end, i, last, negated, phrase)))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        return hits


_GAP_BREAK = re.compile(r"(?<!\d)[,.](?!\d)|[;!?()\n]")


@lru_cache(maxsize=256)
def _lexicon_of(phrases: tuple[str, ...]) -> Lexicon:
    return Lexicon({pid: (phrase,) for pid, phrase in enumerate(phrases)})


def find_phrases(text: str, phrases: Iterable[str]) -> list[Match]:
    """Occurrences of ``phrases`` in ``text``, ignoring accents, case and inflection.

    Sorted by start, longest first, then in the order of ``phrases``.
    """
    text = text or ""
    hits = Text(text).find(_lexicon_of(tuple(phrases)))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.tag))
    return [Match(h.phrase, text[h.start:h.end], h.start, h.end, h.negated) for h in hits]
