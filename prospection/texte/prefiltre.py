"""Cheap substring tests before costly regular expressions.

A regular expression made of many alternatives (« \\b(?:a|ont) (?:signe|commande)… ») is tried
by ``re`` at every position of a text, which costs far more than looking for a word with
``in``. ``required_literals(pattern)`` reads the pattern's syntax tree and gives requirements:
sets of strings, every match holding a string of each set; ``Prefiltered`` tries the pattern
only on texts that meet them. They are derived from the pattern itself, never written by hand,
so the filter cannot skip a text the pattern would match: a pattern the reader cannot bound (an
alternative made only of character classes, « \\w+ ») is always tried. A figure (« \\d ») is
a requirement of its own, looked for with a pattern.

Case-insensitive patterns are filtered on the lower-cased text. ``re`` and ``str.lower`` agree
on every character but a few (« İ », and the letters ``re`` pairs by hand, such as « ſ » with
« s »): a text or a required string holding one of these is always tried.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]
try:
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - older Pythons: no case-insensitive filtering
    _EXTRA_CASES = None

__all__ = ["required_literals", "Prefiltered", "AnyOf", "has_odd_case", "word_run_re"]

# Runs of word characters (« \w+ »), and their ASCII twin: the same runs in an ASCII text, found
# faster (no Unicode lookup per character). Shared by the abbreviation check and the gaming checks.
WORD_RUN_RE = re.compile(r"\w+")
WORD_RUN_RE_ASCII = re.compile(r"\w+", re.ASCII)


def word_run_re(text: str) -> re.Pattern:
    """``WORD_RUN_RE``, or its ASCII twin for a text of ASCII characters (the same matches)."""
    return WORD_RUN_RE_ASCII if text.isascii() else WORD_RUN_RE

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
if hasattr(_c, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_c.POSSESSIVE_REPEAT)


_MAX_STRINGS = 32  # the most strings a requirement may list


# The requirement « a figure (\d) somewhere », looked for with a pattern of its own (no set of
# strings: it equals none).
DIGIT = frozenset((None,))
_DIGIT_RE = re.compile(r"\d")
_last_digit: tuple = (None, False)  # (a text, what ``_has_digit`` gave): several filters read one text in a row


def _has_digit(text: str) -> bool:
    """Whether ``text`` holds a figure (``\\d``)."""
    global _last_digit
    last = _last_digit
    if last[0] is text:
        return last[1]
    found = _DIGIT_RE.search(text) is not None
    _last_digit = (text, found)
    return found


def _quality(strings: frozenset) -> tuple[int, int]:
    """How well a requirement filters for its cost: a longer shortest string first (up to five
    characters, selective enough), then fewer strings to look for; a figure as three letters."""
    if strings == DIGIT:
        return 3, -1
    return min(min(map(len, strings)), 5), -len(strings)


def _minimal(strings: frozenset) -> frozenset:
    """The same requirement without the strings that hold another of its strings."""
    return frozenset(x for x in strings if not any(y != x and y in x for y in strings))


def _exact(op, av) -> frozenset | None:
    """Every string the item ``(op, av)`` can match, when it is a small set of fixed strings
    (a character, a class of plain characters, alternatives or an optional part of such)."""
    if op is _c.LITERAL:
        return frozenset((chr(av),))
    if op is _c.IN:
        if all(o is _c.LITERAL for o, _ in av):
            return frozenset(chr(a) for _, a in av)
        return None
    if op is _c.SUBPATTERN:
        return _exact_seq(av[3])
    if op is _c.BRANCH:
        alternatives = [_exact_seq(b) for b in av[1]]
        if any(a is None for a in alternatives):
            return None
        out = frozenset().union(*alternatives)
        return out if len(out) <= _MAX_STRINGS else None
    if op in _REPEATS and av[0] == 0 and av[1] == 1:
        sub = _exact_seq(av[2])
        return sub | {""} if sub is not None else None
    return None


def _exact_seq(items) -> frozenset | None:
    out = frozenset(("",))
    for op, av in items:
        if op is _c.AT:  # zero width
            continue
        strings = _exact(op, av)
        if strings is None:
            return None
        out = frozenset(a + b for a in out for b in strings)
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _need(items) -> list[frozenset]:
    """Requirements of the sequence ``items``: sets of strings, each of which has one string in
    every match (an empty list: none known)."""
    found: list[frozenset] = []
    current: frozenset | None = None  # one of these strings ends the match so far, contiguous
    run = ""  # the plain characters that end it

    def keep(strings: frozenset | None) -> None:
        if strings and all(strings):
            found.append(_minimal(strings))

    for op, av in items:
        if op is _c.AT:  # zero width (\b, ^, $): the characters on each side stay adjacent
            continue
        strings = _exact(op, av)
        if strings is not None:
            # (« (?:mairie|commune) » or « budget » alone may filter as well as joined, for less)
            if op is _c.LITERAL:
                run += chr(av)
            else:
                keep(frozenset((run,)) if run else None)
                keep(strings)
                run = ""
            joined = strings if current is None else frozenset(a + b for a in current for b in strings)
            if len(joined) > _MAX_STRINGS:
                keep(current)
                joined = strings
            current = joined
            continue
        keep(current)
        keep(frozenset((run,)) if run else None)
        current, run = None, ""
        if op is _c.SUBPATTERN:
            found += _need(av[3])
        elif op is _c.BRANCH:
            alternatives = [[n for n in _need(b) if n != DIGIT] for b in av[1]]
            if all(alternatives):  # one requirement of each alternative, the best or the shortest
                for pick in (lambda a: max(a, key=_quality), lambda a: min(a, key=len)):
                    union = _minimal(frozenset().union(*map(pick, alternatives)))
                    if len(union) <= _MAX_STRINGS:
                        found.append(union)
                        break
        elif op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
            found.append(DIGIT)
        elif op in _REPEATS:
            if av[0] >= 1:
                found += _need(av[2])
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found += _need(av)
        # anything else (classes, any character, look-arounds, conditionals) is skipped
    keep(current)
    keep(frozenset((run,)) if run else None)
    return found


# The characters that ``re`` matches case-insensitively otherwise than ``str.lower`` says: « İ »
# (lower-cased to two characters) and the non-ASCII letters ``re`` pairs by hand with others
# (« ſ » with « s », « ı » with « i », « µ » with « μ »…). Without them in the text or in a
# required string, a case-insensitive match holds the required string lower-cased.
_ODD_CASES = frozenset(c for c in [chr(0x130)] + ([chr(k) for k in _EXTRA_CASES]
                                                  + [chr(v) for vs in _EXTRA_CASES.values() for v in vs]
                                                  if _EXTRA_CASES is not None else [])
                       if not c.isascii())
_ODD_CASES_RE = re.compile("[" + "".join(sorted(_ODD_CASES)) + "]")


def has_odd_case(text: str) -> bool:
    """Whether ``text`` holds a character that ``re`` matches case-insensitively otherwise
    than ``str.lower`` says (then a lower-cased search may miss what ``re`` finds)."""
    return _ODD_CASES_RE.search(text) is not None


_last_lowered: tuple = (None, None)  # (a text, what ``_lowered`` gave): texts come several times in a row


def _lowered(text: str) -> str | None:
    """``text`` lower-cased, or None when it holds a character of ``_ODD_CASES``."""
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    low = None if _ODD_CASES_RE.search(text) else text.lower()
    _last_lowered = (text, low)
    return low


def _ignores_case(tree) -> bool:
    """Whether any part of the parsed pattern ignores case (or depends on the locale)."""
    for op, av in tree:
        if op is _c.SUBPATTERN:
            if av[1] & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_LOCALE) or _ignores_case(av[3]):
                return True
        elif op is _c.BRANCH:
            if any(_ignores_case(b) for b in av[1]):
                return True
        elif op in _REPEATS:
            if _ignores_case(av[2]):
                return True
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if _ignores_case(av[1]):
                return True
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            if _ignores_case(av):
                return True
        elif op is _c.GROUPREF_EXISTS:
            if _ignores_case(av[1]) or (av[2] is not None and _ignores_case(av[2])):
                return True
    return False


_MAX_NEEDS = 2  # requirements tested per pattern
_DIGIT_NEED = (None,)  # ``DIGIT`` in a pattern's requirements (compared by identity)


def _analyse_pattern(pattern: re.Pattern | str) -> tuple[tuple[tuple[str, ...], ...] | None, bool]:
    """(requirements or None, whether they are to be looked for in the lower-cased text)."""
    if isinstance(pattern, re.Pattern):
        flags, source = pattern.flags, pattern.pattern
    else:
        flags, source = 0, pattern
    if not isinstance(source, str) or flags & re.LOCALE:
        return None, False
    tree = _sre_parse.parse(source, flags)
    fold_case = bool((flags | tree.state.flags) & (re.IGNORECASE | re.LOCALE)) or _ignores_case(tree)
    if fold_case and (_EXTRA_CASES is None or (flags | tree.state.flags) & re.LOCALE):
        return None, False
    needs = []
    for need in sorted(set(_need(tree)), key=lambda n: (_quality(n), sorted(map(str, n))), reverse=True):
        if need == DIGIT:
            pass
        elif fold_case:
            need = frozenset(x.lower() for x in need)
            if any(_ODD_CASES.intersection(x) or len(x.lower()) != len(x) for x in need):
                continue
        if need not in needs:
            needs.append(need)
    if not needs:
        return None, False
    # (the fewest strings tested first)
    return tuple(_DIGIT_NEED if n == DIGIT else tuple(sorted(n, key=lambda x: (-len(x), x)))
                 for n in sorted(needs[:_MAX_NEEDS], key=len)), fold_case


def required_literals(pattern: re.Pattern | str) -> tuple[tuple[str, ...], ...] | None:
    """Requirements of every match of ``pattern``: tuples of strings, each of which has one of
    its strings in every match (at most two, the shorter first), or ``None`` when unknown;
    ``(None,)`` stands for « a figure (``\\d``) ».

    For a pattern that ignores case (in whole or in part) they are lower-cased, to be looked for
    in the lower-cased text (see the module's doc)."""
    return _analyse_pattern(pattern)[0]


_PENDING = ("pending",)


class Prefiltered:
    """A compiled pattern tried only on texts that hold one of its required strings.

    ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub``, ``subn`` and
    ``split`` give what the pattern's own give (with or without ``pos``/``endpos``: a match is
    a part of the text); anything else is the pattern's.
    """

    __slots__ = ("regex", "pattern", "_need", "_fold_case")

    def __init__(self, regex: re.Pattern):
        if isinstance(regex, Prefiltered):
            regex = regex.regex
        self.regex = regex
        self.pattern = regex.pattern
        self._need = _PENDING  # (read from the pattern on first use: nothing at import time)
        self._fold_case = False

    @property
    def need(self) -> tuple | None:
        """The requirements (see ``required_literals``)."""
        if self._need is _PENDING:
            self._need, self._fold_case = _analyse_pattern(self.regex)
        return self._need

    @property
    def fold_case(self) -> bool:
        """Whether the requirements are looked for in the lower-cased text."""
        return self.need is not None and self._fold_case

    def __getattr__(self, name):
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self.regex!r})"

    def may_match(self, text: str) -> bool:
        """False only when no match of the pattern can be found in ``text``."""
        need = self._need
        if need is None:
            return True
        if need is _PENDING:
            need = self.need
            if need is None:
                return True
        if self._fold_case:
            text = _lowered(text)
            if text is None:
                return True
        for strings in need:
            if strings is _DIGIT_NEED:
                if not _has_digit(text):
                    return False
            elif not any(map(text.__contains__, strings)):
                return False
        return True

    def search(self, text: str, *args):
        return self.regex.search(text, *args) if self.may_match(text) else None

    def match(self, text: str, *args):
        return self.regex.match(text, *args) if self.may_match(text) else None

    def fullmatch(self, text: str, *args):
        return self.regex.fullmatch(text, *args) if self.may_match(text) else None

    def finditer(self, text: str, *args):
        return self.regex.finditer(text, *args) if self.may_match(text) else iter(())

    def findall(self, text: str, *args):
        return self.regex.findall(text, *args) if self.may_match(text) else []

    def sub(self, repl, text: str, count: int = 0):
        return self.regex.sub(repl, text, count) if self.may_match(text) else text

    def subn(self, repl, text: str, count: int = 0):
        return self.regex.subn(repl, text, count) if self.may_match(text) else (text, 0)

    def split(self, text: str, maxsplit: int = 0):
        return self.regex.split(text, maxsplit) if self.may_match(text) else [text]


class AnyOf:
    """Whether any of several patterns matches a text (each tried behind its own filter): the
    same answer as one alternation of them all, without trying every alternative everywhere."""

    __slots__ = ("patterns",)

    def __init__(self, patterns):
        self.patterns = tuple(p if isinstance(p, Prefiltered) else Prefiltered(p) for p in patterns)

    def search(self, text: str):
        """The first pattern's match (in the patterns' order), or None."""
        for p in self.patterns:
            if p.may_match(text):
                m = p.regex.search(text)
                if m is not None:
                    return m
        return None
