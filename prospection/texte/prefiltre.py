"""Cheap substring tests before costly regular expressions.

A regular expression made of many alternatives (« \\b(?:a|ont) (?:signe|commande)… ») is tried
by ``re`` at every position of a text, which costs far more than looking for a word with
``in``. ``required_literals(pattern)`` reads the pattern's syntax tree and gives strings one of
which every match must contain; ``Prefiltered`` tries the pattern only on texts that hold one of
them. The strings are derived from the pattern itself, never written by hand, so the filter
cannot skip a text the pattern would match: a pattern the reader cannot bound (case-insensitive,
a mandatory part made only of classes such as ``\\d``) is always tried.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["required_literals", "Prefiltered", "AnyOf"]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
if hasattr(_c, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_c.POSSESSIVE_REPEAT)


def _better(a: frozenset, b: frozenset | None) -> bool:
    """Whether the set ``a`` filters better than ``b`` (longer shortest string, then fewer)."""
    if b is None:
        return True
    ka, kb = min(map(len, a)), min(map(len, b))
    return ka > kb or (ka == kb and len(a) < len(b))


def _need(items) -> frozenset | None:
    """Strings one of which every match of the sequence ``items`` contains (None: unknown)."""
    best: frozenset | None = None
    run: list[str] = []

    def offer(cand: frozenset | None) -> None:
        nonlocal best
        if cand and all(cand) and _better(cand, best):
            best = cand

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op is _c.AT:  # zero width (\b, ^, $): the characters on each side stay adjacent
            continue
        if run:
            offer(frozenset(("".join(run),)))
            run = []
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_LOCALE):
                return None
            offer(_need(sub))
        elif op is _c.BRANCH:
            alternatives = [_need(b) for b in av[1]]
            if all(alternatives):
                offer(frozenset().union(*alternatives))
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                offer(_need(sub))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            offer(_need(av))
        # anything else (classes, any character, look-arounds, conditionals) is skipped
    if run:
        offer(frozenset(("".join(run),)))
    return best


def required_literals(pattern: re.Pattern | str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or ``None`` when unknown."""
    if isinstance(pattern, re.Pattern):
        flags, source = pattern.flags, pattern.pattern
    else:
        flags, source = 0, pattern
    if not isinstance(source, str) or flags & (re.IGNORECASE | re.LOCALE):
        return None
    tree = _sre_parse.parse(source, flags)
    if tree.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    need = _need(tree)
    return tuple(sorted(need, key=len, reverse=True)) if need else None


class Prefiltered:
    """A compiled pattern tried only on texts that hold one of its required strings.

    ``search``, ``finditer`` and ``findall`` behave as the pattern's own on the whole text.
    """

    __slots__ = ("regex", "pattern", "need")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.pattern = regex.pattern
        self.need = required_literals(regex)

    def may_match(self, text: str) -> bool:
        need = self.need
        return need is None or any(map(text.__contains__, need))

    def search(self, text: str):
        return self.regex.search(text) if self.may_match(text) else None

    def finditer(self, text: str):
        return self.regex.finditer(text) if self.may_match(text) else iter(())

    def findall(self, text: str):
        return self.regex.findall(text) if self.may_match(text) else []


class AnyOf:
    """Whether any of several patterns matches a text (each tried behind its own filter): the
    same answer as one alternation of them all, without trying every alternative everywhere."""

    __slots__ = ("patterns",)

    def __init__(self, patterns):
        self.patterns = tuple(p if isinstance(p, Prefiltered) else Prefiltered(p) for p in patterns)

    def search(self, text: str):
        """The first pattern's match (in the patterns' order), or None."""
        for p in self.patterns:
            m = p.search(text)
            if m is not None:
                return m
        return None
