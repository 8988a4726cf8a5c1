"""The one French-text core of the course (learner part).

- ``francais``: normalisation, accent folding, tokenisation, lemmas, negation scope;
- ``phrases``: the one phrase matcher (``Lexicon`` of tagged phrases, ``Text``, ``find_phrases``);
- ``abreviations``: the one table of SMS abbreviations and misspellings (data file);
- ``temps``: time expressions (dates, months, seasons, holidays, relative phrases) as date
  ranges relative to a salon date;
- ``indices``: the cues a contact's notes contain (interest, project, deadline, competitor,
  budget) — which words say what, never a class.

The qualification engine, the justification scorer (teacher part) and the board's hints all
read texts through this package, so they read the same sentence the same way.
"""

from prospection.texte.abreviations import expand
from prospection.texte.francais import Token, fold, negated_spans, normalize, tokenize
from prospection.texte.phrases import Match, find_phrases

__all__ = ["expand", "fold", "normalize", "tokenize", "negated_spans", "find_phrases", "Match", "Token"]
