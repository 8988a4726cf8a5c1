"""The speed-only shortcuts of the French-text core give exactly what the slow way gives:
``prefiltre`` (strings a pattern's matches need, tried before the pattern), ``fold`` (only the
characters that change are replaced), the tokenizer (words found by ``findall``)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from prospection.texte import abreviations, francais, prefiltre, temps
from prospection.texte.prefiltre import AnyOf, Prefiltered, required_literals

DATA = Path(__file__).resolve().parent / "data"


def _texts() -> list[str]:
    files = sorted(DATA.glob("justifications_dev*.jsonl"))
    assert files
    out: list[str] = []
    for f in files[:6]:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out += [row["justification"], row["observations"]]
    texts = list(dict.fromkeys(out))
    assert len(texts) > 300
    return texts


def _scorer_patterns() -> list[tuple[str, re.Pattern]]:
    from grader.justifications import analysis, gaming

    out = []
    for mod in (analysis, gaming, abreviations, temps, francais):
        for name, value in vars(mod).items():
            if isinstance(value, Prefiltered):
                value = value.regex
            if isinstance(value, re.Pattern):
                out.append((f"{mod.__name__}.{name}", value))
    out += [(f"temps.{name}", p) for name, (p, _) in temps.TIME_PATTERNS.items()]
    out += [(f"gaming.fact.{code}", getattr(p, "regex", p)) for code, p, _ in gaming._FACTS]
    assert len(out) > 100
    return out


def test_required_strings_of_simple_patterns():
    # (re's parser writes « vote|valide » as « v(?:ote|alide) »: « budget v » is needed)
    assert required_literals(r"\bbudget (?:vote|valide)\b") == (("budget v",), ("budget valide", "budget vote"))
    assert required_literals(r"(?:la )?(?:mairie|commune)") == (("commune", "mairie"),)
    assert required_literals(r"\d{2} euros") == ((" euros",), (None,))  # and a figure
    assert required_literals(r"\d+|abc") is None  # one alternative needs no string
    assert required_literals(r"x?") is None
    # case-insensitive: lower-cased, to be looked for in the lower-cased text
    assert required_literals(re.compile(r"Mots?-Clés", re.IGNORECASE)) == (("-clés",), ("mots-clés", "mot-clés"))


@pytest.mark.parametrize("pattern, text", [
    (re.compile(r"\bss\b", re.IGNORECASE), "ſs"),  # « ſ » is an « s » for re, not for str.lower
    (re.compile(r"\bkilo", re.IGNORECASE), "\u212ailo"),  # the Kelvin sign is a « k »
    (re.compile(r"\bici\b", re.IGNORECASE), "\u0130c\u0130"),  # « İ » is an « i » for re
    (re.compile(r"(?i:abc)d"), "ABCd"),
    (re.compile(r"\d\d"), "\u0663\u0664"),  # Arabic-Indic figures are figures for re
])
def test_filters_never_skip_a_match_of_odd_case_or_figures(pattern, text):
    assert pattern.search(text)
    assert Prefiltered(pattern).search(text)


def test_filtered_patterns_match_as_the_patterns_do():
    texts = _texts()
    variants = []
    for t in texts:
        variants += [t, francais.fold(t), t.upper(), abreviations.expand(t)]
    skipped = 0
    for name, pattern in _scorer_patterns():
        filtered = Prefiltered(pattern)
        for t in variants:
            m = pattern.search(t)
            f = filtered.search(t)
            assert (m is None) == (f is None), (name, t)
            if m is not None:
                assert m.span() == f.span()
            skipped += not filtered.may_match(t)
            if m is None:
                assert filtered.sub("x", t) == pattern.sub("x", t) == t
    assert skipped > 10_000  # the filters do skip texts


def test_any_of_is_the_alternation():
    patterns = [re.compile(r"\bcontrat\b"), re.compile(r"\d+ ?€"), re.compile(r"\bsubvention\w*")]
    alternation = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    for t in _texts()[:3000]:
        f = francais.fold(t)
        assert (AnyOf(patterns).search(f) is None) == (alternation.search(f) is None)


def test_fold_changes_the_same_characters_as_its_table():
    for code in range(0, sys.maxunicode + 1, 1 if "--slow" in sys.argv else 7):
        ch = chr(code)
        for s in (ch, "a" + ch + "b"):
            assert francais._translate(s) == s.translate(francais._FOLD_TABLE)
    for t in _texts():
        low = t.lower()
        assert francais._translate(low) == low.translate(francais._FOLD_TABLE)


def test_tokens_are_the_words_found_one_by_one():
    for t in _texts() + ["l'an  _prochain_ 2027—ok", "", "___", "a_b c"]:
        expected = [(m.group(), m.start(), m.end()) for m in francais._WORD_RE.finditer(t)]
        assert [(k.text, k.start, k.end) for k in francais.tokenize(t)] == expected


def test_module_has_no_import_of_the_grader():
    source = Path(prefiltre.__file__).read_text(encoding="utf-8")
    assert "grader" not in source


def test_every_match_of_a_time_pattern_holds_what_the_scan_looks_for_first():
    """``temps._HELD``: a string every match of the pattern holds (a figure then a space for
    « 15 mars », a figure, « / » or « . » and a figure for « 3/02 », « 20 » and two figures for a
    year), looked for before the pattern; the matches found are the same."""
    salon_texts = ["Le 1er avril 2027, puis le 15 mars et le 3/02 ou le 03.02.2027 ; fin 2027.",
                   "rdv le 2 juin, relance 12/06, en 2028, début 2029, 5 sept 2027",
                   "15\u00a0mars, 15\tmars, 1er\nmai, 2O27, ٣/٤, 20٢٧, 7er juin"]
    for text in _texts() + salon_texts:
        for f in (francais.fold(text), text):
            for name, held in temps._HELD.items():
                pattern, need = temps.TIME_PATTERNS[name]
                for m in pattern.finditer(f):
                    assert held.search(m.group(0)), (name, m.group(0))
                assert [m.span() for m in temps._find(name, f)] == \
                    [m.span() for m in temps._finditer(pattern, f, need)], (name, f)


def test_the_scorer_skips_only_what_its_patterns_cannot_match():
    """The scorer's shortcuts before its patterns (``analysis._declarations``, ``_may_answer_no``,
    ``_DEFINITION_WORDS``/``_CLASS_DEFINED``, two class words for ``_HESITATION_RE``, the held
    strings of ``abreviations``) give what the patterns give."""
    from grader.justifications import analysis as A
    from prospection.texte import abreviations as X
    from prospection.texte.abreviations import expand
    from prospection.texte.prefiltre import Prefiltered

    extra = ["Tiède ou froid... je dirais tiède", "Un contact froid, c'est un contact sans projet.",
             "Intérêt : aucun. Besoin 0", "besoins nul, projet = non", "donc froide, chaudes ?", "ss besoin, 15j, 0 budget", "SS  projet ds 3 J"]
    for text in _texts() + extra:
        for f in (francais.fold(expand(text)), francais.fold(text)):
            assert [(m.span(), m.groups()) for m in A._declarations(f)] == \
                [(m.span(), m.groups()) for m in A._DECLARATION_RE.regex.finditer(f)], f
            if A._LABEL_NO_RE.regex.search(f):
                assert A._may_answer_no(f), f
            if A._DEFINITION_RE.regex.search(f):
                assert any(map(f.__contains__, A._DEFINITION_WORDS)) or A._CLASS_DEFINED.search(f), f
            if A._HESITATION_RE.regex.search(f):
                assert f.count("froid") + f.count("tiede") + f.count("chaud") >= 2, f
        for pattern, held in ((X._SANS_RE, X._SS_HELD), (X._DAYS_RE, X._DAYS_HELD), (X._ZERO_RE, X._ZERO_HELD)):
            for m in pattern.regex.finditer(text) if isinstance(pattern, Prefiltered) else pattern.finditer(text):
                assert held.search(m.group(0) + text[m.end() : m.end() + 1]), (text, m.group(0))


def test_the_phrase_matcher_skips_only_candidates_whose_second_word_cannot_match():
    """``Lexicon._prepare`` sums up the second words of a word's candidates (their match keys,
    the beginnings of « ~ » words, the spellings of « = » words): ``Text.find`` keeps only the
    candidates without a second word when the next word meets none of them. It never drops a
    candidate whose second word matches, and finds what trying each candidate finds."""
    from grader.justifications import lexicon as L
    from prospection.texte import phrases

    lex = phrases.Lexicon({"a": ["relan~ le client", "devis= envoye", "pas * interesse", "rappel~",
                                 "envoyer un devis", "tres interesse~", "fiche crm"]})
    texts = _texts()[:400] + ["Je relance le client, devis envoyé ; pas du tout intéressé. Très intéressée."]
    for lexicon in (lex, L.ALL_LEX):
        for text in texts:
            t = phrases.Text(text)
            for i, tok in enumerate(t.toks):
                entries, gapped, keys, prefixes, exact = lexicon._prepare(tok)
                assert gapped == [e for e in entries if e[5] is None]
                if i + 1 == len(t.toks):
                    continue
                after = t.toks[i + 1]
                matching = [e for e in entries if e[5] is not None and (
                    not e[5].keys.isdisjoint(phrases._keys(after.norm, after.lemma)) if e[5].mode == phrases._WORD
                    else after.norm.startswith(e[5].norm) if e[5].mode == phrases._PREFIX
                    else after.norm == e[5].norm)]
                skipped = keys.isdisjoint(phrases._keys(after.norm, after.lemma)) and after.norm not in exact \
                    and not after.norm.startswith(prefixes)
                assert not (skipped and matching), (text, tok, after)
    hits = phrases.Text(texts[-1]).find(lex)
    assert [h.phrase for h in hits] == ["relan~ le client", "devis= envoye", "pas * interesse", "tres interesse~"]


def _with_word_boundaries(source: str) -> str:
    """``source`` with each « x(?<!\\w.) », « word(?<!\\w.{n}) » (a word boundary read after the first
    letters) written back as « \\bx », « \\bword »."""
    def back(m: re.Match) -> str:
        first, width = m.group(1), m.group(2)
        assert width is None and len(first) in (1, 2) or width is not None and int(width) == len(first), m.group(0)
        return r"\b" + first
    out = re.sub(r"(\\d|[A-Za-z]+)\(\?<!\\w\.(?:\{(\d+)\})?\)", back, source)
    assert out != source
    return out


def test_boundaries_read_after_the_first_letters_match_as_the_word_boundary_does():
    """Speed only: a pattern beginning with « \\b » is tried by ``re`` at every position; read
    after its first letters (« rien(?<!\\w.{4}) ») it lets ``re`` skip to them. Each rewritten
    pattern finds what its « \\b » form finds, in whole texts and in the short windows the scorer
    searches."""
    from grader.justifications import analysis, gaming, scoring

    patterns = [analysis._JUST_RECEIVED_RE, analysis._SHORT_SEASON_RE, analysis._NOTHING_BEFORE,
                analysis._HESITATION_RE, analysis._NOW_IS_RE, scoring._CHOSEN_RE, scoring._CLASS_NAMED_RE,
                gaming._QUANTITY_RE, gaming._PERSON_RE, gaming._LACK_RE]
    extra = ["rien avant mai", "arien avant", "je classe chaud", "déje mets froid", "nous sommes en mai",
             "on est fin mars", "saison 26-27", "xsaison 26/27", "froid ou chaud ?", "afroid/tiède…",
             "M. Dupont", "aM. Dupont", "Mademoiselle Lu", "120 polos", "a120 polos", "é12 polos",
             "pas de maillots", "apas de maillots", "ni stock de sacs", "vient de recevoir des polos"]
    texts = _texts() + extra
    texts += [francais.fold(t) for t in texts]
    for pattern in patterns:
        pattern = getattr(pattern, "regex", pattern)
        reference = re.compile(_with_word_boundaries(pattern.pattern), pattern.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
                [(m.span(), m.groups()) for m in reference.finditer(text)], (pattern.pattern, text)
            for start in range(0, len(text), 11):
                window = text[start : start + 30]
                assert (pattern.search(window) is None) == (reference.search(window) is None), (pattern.pattern, window)


def test_ascii_twins_and_held_strings_give_what_the_slow_way_gives():
    """Speed only: the word patterns' ASCII twins find the same words in an ASCII text; every
    match of ``_SHORT_YEAR_RE``, ``_SEPT_RE`` and ``_SANS_RE`` holds what ``expand`` looks for
    first; ``word_forms`` gives the forms of ``analyse_tokens`` without their offsets; the notes'
    interest objects are the same whatever the salon's date."""
    from datetime import date

    from grader.justifications import analysis, gaming
    from prospection.texte import phrases

    texts = _texts() + ["ss besoin", "SS  projet", "Sept 2027", "début SEPT", "hiver 27-28", "aut. 26 ou print. 27",
                        "rendez vous le 3", "Rendez-vous pris, rdv rendez", "a_b 3_4"]
    for text in texts + [francais.fold(t) for t in texts]:
        if text.isascii():
            assert francais._WORD_RE_ASCII.findall(text) == francais._WORD_RE.findall(text)
            assert abreviations._RUN_RE_ASCII.findall(text) == abreviations._RUN_RE.findall(text)
            assert gaming._WORD_RE_ASCII.findall(text) == gaming._WORD_RE.findall(text)
        if abreviations._SHORT_YEAR_RE.search(text):
            assert abreviations._SHORT_YEAR_HELD.search(text), text
        if abreviations._SEPT_RE.search(text):
            assert abreviations._SEPT_LOWER.search(text.lower()), text
        if abreviations._SANS_RE.regex.search(text):
            assert abreviations._SS_LOWER.search(text.lower()), text
        assert phrases.word_forms(text) == [(t.norm, t.lemma) for t in phrases.analyse_tokens(text)]
        assert prefiltre._has_digit(text) == (re.search(r"\d", text) is not None)
    for notes in _texts()[1::2][:300]:
        assert analysis.interest_objects(notes, date(2027, 9, 14)) == analysis.interest_objects(notes)


def _find_trying_every_candidate(t, lexicon):
    """``Text.find`` without its shortcuts: each candidate of each word is tried in full."""
    from prospection.texte import phrases as P

    keys = [P._keys(tok.norm, tok.lemma) for tok in t.toks]
    hits = []
    for i, tok in enumerate(t.toks):
        for tag, phrase, pattern in lexicon.candidates(tok):
            if pattern[0] is None:
                last = P._match_at(t.toks, keys, i, pattern)
                if last is None or last <= i:
                    continue
            else:
                last = P._match_at(t.toks, keys, i + 1, pattern[1:])
                if last is None:
                    continue
            start, end = tok.start, t.toks[last - 1].end
            if None in pattern and P._GAP_BREAK.search(t.raw, start, end):
                continue
            hits.append(P.Hit(tag, start, end, i, last, t.is_negated(start, end) if t.scopes else False, phrase))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return hits


def test_the_phrase_matcher_finds_what_trying_every_candidate_finds():
    """``Text.find`` keeps, for a word and the word after it, only the candidates whose second
    word matches (remembered by the pair of words); it finds what trying every candidate finds."""
    from grader.justifications import lexicon as L
    from prospection.texte import phrases

    texts = [abreviations.expand(t) for t in _texts()[:1500]] + [
        "Pas de budget, pas de projet, pas intéressé ; il n'a pas encore de date. Rendez-vous pris."]
    for lexicon in (L.ALL_LEX, L.INTEREST_LEX):
        for text in texts:
            t = phrases.Text(text)
            assert t.find(lexicon) == _find_trying_every_candidate(t, lexicon), text
