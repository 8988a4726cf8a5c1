"""French text helpers: normalisation, tokens, negation scope, phrase search."""

from hypothesis import given, strategies as st

from prospection.texte.francais import fold, negated_spans, normalize, tokenize
from prospection.texte.phrases import Lexicon, Text, find_phrases


def test_normalize_lowercases_strips_accents_and_collapses_spaces():
    assert normalize("  Très   INTÉRESSÉE\tpar l’offre ") == "tres interessee par l'offre"


def test_normalize_fixes_common_misspellings():
    assert normalize("interréssé par le budjet") == "interesse par le budget"
    assert normalize("RDV à prendre") == "rendez-vous a prendre"


def test_normalize_handles_ligatures_and_empty():
    assert normalize("cœur") == "coeur"
    assert normalize("") == ""


@given(st.text(max_size=60))
def test_fold_keeps_length_so_offsets_stay_valid(text):
    assert len(fold(text)) == len(text)


def test_tokenize_gives_offsets_in_the_original_text():
    text = "Ne voit pas l'utilité d'un équipement"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Ne", "voit", "pas", "l", "utilité", "d", "un", "équipement"]
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
    assert tokens[4].norm == "utilite"


def _negated_words(text):
    return [text[a:b] for a, b in negated_spans(text)]


def test_pas_scope_stops_at_mais():
    text = "Pas intéressé pour le moment, mais garde la brochure"
    assert _negated_words(text) == ["Pas intéressé pour le moment"]


def test_ne_pas_scope_starts_at_ne():
    assert _negated_words("Ne voit pas l'utilité d'un nouvel équipement.") == [
        "Ne voit pas l'utilité d'un nouvel équipement"
    ]


def test_aucun_sans_jamais_ni_and_ne_plus():
    assert _negated_words("Aucun projet cette saison") == ["Aucun projet cette saison"]
    assert _negated_words("Repart sans budget") == ["sans budget"]
    assert _negated_words("jamais commandé chez nous") == ["jamais commandé chez nous"]
    assert _negated_words("ni maillots ni sacs") == ["ni maillots ni sacs"]
    assert _negated_words("N'est plus intéressée") == ["N'est plus intéressée"]


def test_plus_without_ne_is_not_a_negation():
    assert negated_spans("Plus de 200 licenciés, très intéressés") == []


def test_false_negatives_sans_doute_and_pas_mal():
    assert negated_spans("Sans doute intéressé, pas mal de licenciés") == []


def test_find_phrases_is_accent_case_and_inflection_tolerant():
    matches = find_phrases("TRES INTERESSEES par nos maillots", ["intéressé", "maillot"])
    assert [m.text for m in matches] == ["INTERESSEES", "maillots"]
    assert not any(m.negated for m in matches)


def test_find_phrases_marks_negated_matches():
    text = "Pas intéressé, aucun projet"
    by_phrase = {m.phrase: m for m in find_phrases(text, ["intéressé", "projet", "pas intéressé"])}
    assert by_phrase["intéressé"].negated
    assert by_phrase["projet"].negated
    # The negative phrase itself contains its cue: it is not « negated ».
    assert not by_phrase["pas intéressé"].negated


def test_find_phrases_gap_wildcard():
    matches = find_phrases("Ne voit vraiment pas l'utilité", ["voit * pas * utilité"])
    assert len(matches) == 1
    assert matches[0].text == "voit vraiment pas l'utilité"


def test_find_phrases_respects_word_boundaries():
    assert find_phrases("Les projecteurs du gymnase", ["projet"]) == []


def test_find_phrases_offsets_point_to_original_text():
    text = "Réunion du bureau : projet validé"
    (m,) = find_phrases(text, ["projet valide"])
    assert text[m.start : m.end] == m.text == "projet validé"


def test_que_jamais_and_pas_seulement_are_not_negations():
    assert negated_spans("Plus motivés que jamais pour le tournoi") == []
    assert negated_spans("Intéressés, et pas seulement par les maillots") == []


def test_pas_moins_is_no_negation():
    assert negated_spans("La trésorière n'en est pas moins intéressée par les gourdes") == []
    assert negated_spans("Il lui faut pas moins de 200 gobelets") == []
    text = "Elle n'est pas intéressée, et pas moins décidée à garder son fournisseur"
    assert [text[a:b] for a, b in negated_spans(text)] == ["n'est pas intéressée"]


# ---------------------------------------------------------------- the one phrase matcher

def test_a_negative_phrase_carries_its_own_negation_even_after_ne():
    text = "Le club n'a aucun projet, ne prévoit pas d'achat"
    by_phrase = {m.phrase: m for m in find_phrases(text, ["aucun projet", "projet", "prévoit * achat"])}
    assert not by_phrase["aucun projet"].negated  # begins with its cue: it says the negation itself
    assert by_phrase["projet"].negated
    # « prévoit pas d'achat » holds the cue but not the « ne » before it: under the negation.
    assert by_phrase["prévoit * achat"].negated and by_phrase["prévoit * achat"].text == "prévoit pas d'achat"


def test_prefix_and_exact_words():
    lex = Lexicon({"relance": ["relan~"], "etait": ["etait="], "mail": ["e-mail~"]})
    text = "Je relancerai le club ; il était intéressé, il sera ravi. Envoi par e-mail."
    hits = Text(text).find(lex)
    assert [(h.tag, text[h.start:h.end]) for h in hits] == [
        ("relance", "relancerai"), ("etait", "était"), ("mail", "e-mail")]
    assert not any(h.tag == "etait" for h in Text("il sera là").find(lex))


def test_rendez_vous_is_one_word_in_a_phrase_and_in_a_text():
    lex = Lexicon({"rdv": ["prendre * rendez-vous"]})
    for text in ("prendre un rendez-vous", "prendre un rendez vous", "Prendre RDV"):
        (hit,) = Text(text).find(lex)
        assert hit.tag == "rdv" and hit.last - hit.first == (3 if "un" in text else 2), text


def test_find_phrases_and_a_lexicon_are_the_same_matcher():
    phrases = ["intéressé", "pas intéressé", "projet", "demande * devis", "relan~"]
    lex = Lexicon({i: [p] for i, p in enumerate(phrases)})
    for text in ("Pas intéressé, aucun projet", "Demande un devis, à relancer", "n'est pas intéressé par le projet"):
        from_lexicon = sorted((phrases[h.tag], h.start, h.end, h.negated) for h in Text(text).find(lex))
        from_function = sorted((m.phrase, m.start, m.end, m.negated) for m in find_phrases(text, phrases))
        assert from_lexicon == from_function and from_function, text


def test_the_core_has_one_phrase_matcher():
    from prospection.texte import francais

    for gone in ("PhraseIndex", "find_phrases", "word_keys", "Match"):
        assert not hasattr(francais, gone), gone


def test_puisque_ends_a_negation_scope():
    text = "Ce n'est pas un contact froid puisque l'intérêt est réel."
    spans = [text[a:b] for a, b in negated_spans(text)]
    assert spans == ["n'est pas un contact froid"]
    text = "Elle n'a aucun projet puisqu'elle vient de tout acheter ailleurs."
    assert all("acheter" not in text[a:b] for a, b in negated_spans(text))


def test_rien_ne_keeps_the_clause_under_its_negation():
    text = "Rien ne sera commandé avant la rentrée, et il en est content."
    spans = [text[a:b] for a, b in negated_spans(text)]
    assert spans == ["Rien ne sera commandé avant la rentrée"]


def test_sms_comparison_signs_and_zero_are_spelled_out():
    from prospection.texte.abreviations import expand

    assert expand("tournoi < 2 mois, saison > 6 mois") == "tournoi moins de 2 mois, saison plus de 6 mois"
    assert expand("0 besoin, 0 projet") == "aucun besoin, aucun projet"
    # arrows, figures and dates are left alone
    assert expand("rapl -> devis => vite") == "rappeler -> devis => vite"
    assert expand("le 10/07/2027 0 h, 100 maillots, 20 ans") == "le 10/07/2027 0 h, 100 maillots, 20 ans"


def test_order_abbreviations_are_spelled_out():
    from prospection.texte.abreviations import expand

    assert expand("cmd avt mi-juin, cder vite, cde validée") == "commande avant mi-juin, commander vite, commande validée"


def test_a_negative_subject_keeps_its_own_ne():
    text = "Donc aucun achat ne se fera à court terme."
    assert [text[a:b] for a, b in negated_spans(text)] == ["aucun achat ne se fera à court terme"]
    # a « ne … pas » of its own after the subject is another negation
    text = "Aucun membre n'a pas voté."
    assert [text[a:b] for a, b in negated_spans(text)] == ["Aucun membre", "n'a pas voté"]


def test_ni_ni_ne_negates_the_verb():
    text = "Ni les tenues ni les goodies ne les intéressent."
    spans = [text[a:b] for a, b in negated_spans(text)]
    assert any("intéressent" in s for s in spans), spans


def test_sans_jamais_is_one_negation():
    from prospection.texte.francais import negation_scopes
    for text in ("sans jamais évoquer de besoin", "sans aucun besoin"):
        pos = text.index("besoin")
        assert sum(s.start <= pos < s.end for s in negation_scopes(text)) == 1, text
