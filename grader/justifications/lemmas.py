"""Optional lemma back-end: spaCy with ``fr_core_news_sm``, for the benchmark comparison.

The grader's default lemmas come from simplemma through ``prospection.texte.francais``. spaCy is
*not* a dependency of the project: the benchmark installs nothing, it uses spaCy only when it
is importable. No network is needed at run time (the model is a pip package).
"""

from __future__ import annotations

from typing import Callable

from prospection.texte.francais import normalize


def spacy_lemmatizer(model: str = "fr_core_news_sm") -> Callable[[str, list], list[str]]:
    """A ``lemmatize(text, tokens)`` callable for ``matcher.analyse_tokens`` (ImportError if absent)."""
    import spacy  # noqa: PLC0415 - optional

    nlp = spacy.load(model, exclude=["parser", "ner", "senter"])

    def lemmatize(text: str, tokens: list) -> list[str]:
        doc = nlp(text)
        starts = {t.idx: t for t in doc}
        out = []
        for tok in tokens:
            sp = starts.get(tok.start)
            if sp is not None and sp.text.lower() == text[tok.start : tok.end].lower():
                out.append(normalize(sp.lemma_) or tok.norm)
            else:
                out.append(tok.lemma)
        return out

    return lemmatize
