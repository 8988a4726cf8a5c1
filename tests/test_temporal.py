"""Time expressions resolved against the salon date (court terme = within 92 days)."""

from datetime import date

import pytest

from grader.horizon import horizon
from prospection.texte.temps import easter, find_time_expressions

SALON = date(2026, 10, 10)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Livraison le 15 novembre", "court"),
        ("Livraison le 15 mars", "moyen_long"),
        ("pour le 3/12", "court"),
        ("pour le 3/02", "moyen_long"),
        ("Livraison pour le 15/11.", "court"),
        ("commande en décembre", "court"),
        ("d'ici juin", "moyen_long"),
        ("d'ici fin novembre", "court"),
        ("au printemps", "moyen_long"),
        ("cet été", "moyen_long"),
        ("avant la rentrée", "moyen_long"),
        ("dans deux ans", "moyen_long"),
        ("l'an prochain", "moyen_long"),
        ("d'ici quinze jours", "court"),
        ("la saison prochaine", "moyen_long"),
        ("fin d'année", "court"),
        ("rapidement", "court"),
        ("c'est urgent", "court"),
        ("au plus vite", "court"),
        ("la semaine prochaine", "court"),
        ("pour le tournoi de Pâques", "moyen_long"),
        ("pour le Téléthon", "court"),
        ("pour le marché de Noël", "court"),
        ("pas avant mars 2027", "moyen_long"),
        ("rien d'urgent", "moyen_long"),
        ("à long terme", "moyen_long"),
        ("dans 6 mois", "moyen_long"),
        ("sous huitaine", "court"),
    ],
)
def test_horizon_kind(text, kind):
    assert horizon(text, SALON).kind == kind


def test_no_time_expression_is_unknown():
    h = horizon("Très intéressé par les maillots", SALON)
    assert (h.kind, h.deadline, h.evidence, h.confidence) == ("inconnu", None, "", 0.0)


def test_a_ete_is_not_summer():
    assert find_time_expressions("Il a été très aimable", SALON) == []


def test_explicit_date_resolves_to_next_occurrence():
    (expr,) = find_time_expressions("Tournoi le 15 mars", SALON)
    assert expr.date_min == expr.date_max == date(2027, 3, 15)
    assert expr.text == "15 mars"
    (expr,) = find_time_expressions("Loto le 28 novembre", SALON)
    assert expr.date_min == date(2026, 11, 28)


def test_explicit_year_is_kept():
    (expr,) = find_time_expressions("le 12/01/2028", SALON)
    assert expr.date_max == date(2028, 1, 12)


def test_rentree_after_september_is_next_year():
    (expr,) = find_time_expressions("pour la rentrée", SALON)
    assert expr.date_min.year == 2027 and expr.date_min.month in (8, 9)
    # Before the summer, the coming rentrée is the same year.
    (expr,) = find_time_expressions("pour la rentrée", date(2026, 3, 14))
    assert expr.date_min.year == 2026


def test_easter_dates():
    assert easter(2026) == date(2026, 4, 5)
    assert easter(2027) == date(2027, 3, 28)


def test_event_date_resolves_against_salon():
    h = horizon("Il leur faut des coupes pour le tournoi de Pâques", SALON)
    assert h.deadline == date(2027, 3, 29)
    assert "Pâques" in h.evidence


def test_court_terme_boundary_is_92_days():
    assert horizon("le 10/01", SALON).kind == "court"  # 92 days
    assert horizon("le 11/01", SALON).kind == "moyen_long"  # 93 days


def test_past_expressions_are_ignored():
    h = horizon("A commandé l'an dernier chez un concurrent", SALON)
    assert h.kind == "inconnu"
    h = horizon("Acheté il y a deux ans, renouvellement dans deux ans", SALON)
    assert h.kind == "moyen_long"


def test_meeting_date_counts_only_when_nothing_else_dates_the_project():
    h = horizon("Vote du budget à l'AG de novembre, achat pour la saison prochaine", SALON)
    assert h.kind == "moyen_long"
    h = horizon("Décision à l'AG de novembre", SALON)
    assert h.kind == "court" and h.confidence < 0.85


def test_one_short_term_need_is_enough():
    h = horizon("Chasubles au plus vite, maillots la saison prochaine", SALON)
    assert h.kind == "court"
    assert h.evidence == "au plus vite"


def test_expression_offsets_match_text():
    text = "Besoin urgent : commande avant le 20/12, relance en mars"
    for expr in find_time_expressions(text, SALON):
        assert text[expr.start : expr.end] == expr.text
    assert [e.text for e in find_time_expressions(text, SALON)] == ["urgent", "avant le 20/12", "mars"]


def test_months_years_and_seasons_have_ranges():
    (expr,) = find_time_expressions("début 2028", SALON)
    assert (expr.date_min, expr.date_max) == (date(2028, 1, 1), date(2028, 3, 31))
    (expr,) = find_time_expressions("au printemps", SALON)
    assert expr.date_min == date(2027, 3, 20)


def test_weekdays_resolve_to_the_coming_days():
    (expr,) = find_time_expressions("devis pour samedi prochain", SALON)  # the salon is a Saturday
    assert expr.date_min == date(2026, 10, 17)
    (expr,) = find_time_expressions("rappeler mardi", SALON)
    assert expr.date_min == date(2026, 10, 13)


def test_seasons_without_their_article_and_next_years_season():
    """« hiver prochain » (SMS writing drops the article) is next winter; « l'an prochain à
    l'automne » said in December is next year's autumn, not the one just over."""
    from prospection.texte.temps import find_time_expressions
    found = {e.text: e.date_min for e in find_time_expressions("polaires, hiver prochain, relance sept.", date(2027, 1, 16))}
    assert found.get("hiver prochain") == date(2027, 12, 21)
    found = {e.text: e.date_min for e in find_time_expressions("dix ans l'an prochain à l'automne", date(2026, 12, 5))}
    assert found.get("l'automne") == date(2027, 9, 23)
    found = {e.text: e.date_min for e in find_time_expressions("à l'automne", date(2026, 12, 5))}
    assert found.get("l'automne") == date(2026, 9, 23)  # (alone: the one under way)


def test_a_nurserys_end_of_year_party_is_june():
    """« la fête de fin d'année de la crèche » is in June, like a school's."""
    from prospection.texte.temps import find_time_expressions
    found = {e.text: e.date_min for e in find_time_expressions("la fête de fin d'année de la crèche", date(2027, 4, 24))}
    assert found["la fête de fin d'année"].month == 6


def test_a_heat_press_is_no_hurry():
    salon = date(2026, 6, 13)
    assert find_time_expressions("Le fablab a sa propre presse à chaud pour les tee-shirts.", salon) == []
    assert [e.label for e in find_time_expressions("Le président est pressé : tournoi dans un mois.", salon)][:1] == ["urgence"]


def test_a_project_at_six_months_is_a_horizon():
    salon = date(2027, 3, 20)
    (e,) = find_time_expressions("Intéressée par des sacs, projet à 6 mois.", salon)
    assert e.date_min == date(2027, 9, 5) and not e.past
    (e,) = find_time_expressions("Un achat à un an, pas avant.", salon)
    assert e.date_min.year == 2028
    assert find_time_expressions("Payable à 30 jours, il n'y a rien à 6 mois près.", salon) == []


def test_next_month_and_next_week_in_sms():
    salon = date(2026, 9, 12)
    (e,) = find_time_expressions("controle le mois pro", salon)
    assert (e.date_min, e.date_max) == (date(2026, 10, 1), date(2026, 10, 31))
    (e,) = find_time_expressions("rappel la semaine pro", salon)
    assert date(2026, 9, 14) <= e.date_min <= date(2026, 9, 21)
    assert find_time_expressions("un club pro", salon) == []


def test_an_event_said_to_be_some_months_away():
    salon = date(2027, 1, 16)
    (e,) = find_time_expressions("Le festival est à environ trois mois.", salon)
    assert date(2027, 4, 1) <= e.date_min <= date(2027, 4, 30)
    assert find_time_expressions("Le local est à 2 jours de route.", salon) == []


@pytest.mark.parametrize("text, first, last", [
    ("festival folk automne 2027", date(2027, 9, 23), date(2027, 12, 20)),  # (SMS: no article)
    ("gala ete 2028", date(2028, 6, 21), date(2028, 9, 22)),
    ("hiver prochain", date(2026, 12, 21), date(2027, 3, 19)),
])
def test_a_season_without_its_article_before_a_year(text, first, last):
    seasons = [e for e in find_time_expressions(text, SALON) if e.label == "saison"]
    assert [(e.date_min, e.date_max) for e in seasons] == [(first, last)], seasons


@pytest.mark.parametrize("text, found", [
    ("gourdes + tshirts fluo, debut ete, relance en avril", "debut ete"),  # (SMS: no « d' »)
    ("tote bags pr l'expo fin été", "fin été"),
    ("tabliers pr les stages automne", "automne"),
    ("sacs toile pour les sorties d'automne", "sorties d'automne"),
    ("polaires pour le festival d'hiver", "festival d'hiver"),
    ("casquettes pour le camp d'été", "camp d'été"),
])
def test_a_season_named_without_its_article(text, found):
    """« début été », « stages automne », « les sorties d'automne »: an activity of that
    season dates the project like « à l'automne »."""
    seasons = [e.text for e in find_time_expressions(text, SALON) if e.label == "saison"]
    assert len(seasons) == 1 and seasons[0].endswith(found), seasons  # (« pour le camp d'été »)


def test_an_activity_of_the_season_under_way_is_next_years():
    """« les stages d'été » said in late August: this summer's are under way, the goods are for
    next summer's; « l'été » alone stays the summer under way."""
    late_august = date(2026, 8, 22)
    (e,) = find_time_expressions("des tee-shirts pour les stages d'été", late_august)
    assert (e.date_min, e.date_max) == (date(2027, 6, 21), date(2027, 9, 22))
    (e,) = find_time_expressions("des tee-shirts pour l'été", late_august)
    assert e.date_min == date(2026, 6, 21)
    (e,) = find_time_expressions("des tee-shirts pour les stages d'été", date(2026, 3, 7))
    assert e.date_min == date(2026, 6, 21)  # (not begun yet: this year's)


def test_summer_as_a_past_participle_or_summer_goods_is_no_season():
    assert find_time_expressions("il a été très content, la fin été moins", SALON)[0].text == "fin été"
    assert find_time_expressions("ils ont été livrés, le club a été équipé", SALON) == []
    # « des tenues d'été », « des vestes d'hiver »: the goods, not a date
    assert find_time_expressions("commande de tenues d'été et de vestes d'hiver", SALON) == []


def test_the_time_left():
    found = [(e.label, e.date_min, e.date_max) for e in
             find_time_expressions("il reste à peine quatre semaines avant la fête", SALON)]
    assert found == [("avant", SALON, date(2026, 11, 7))], found


def test_next_year_in_sms():
    found = [(e.date_min, e.date_max) for e in find_time_expressions("surement l an pro, pas de budget", SALON)]
    assert found == [(date(2027, 1, 1), date(2027, 12, 31))], found


def test_a_season_then_pro_in_sms_is_next_years():
    seasons = [(e.date_min, e.date_max) for e in find_time_expressions("tournee en irlande ete pro", SALON)
               if e.label == "saison"]
    assert seasons == [(date(2027, 6, 21), date(2027, 9, 22))], seasons


def test_a_season_or_a_month_with_a_year_in_two_figures():
    from prospection.texte.abreviations import expand
    salon = date(2026, 9, 26)
    for text, first, last in (("tournée hiver 27-28, attend", date(2027, 12, 21), date(2028, 3, 19)),
                              ("date pas fixée (aut. 26 ou print. 27)", date(2026, 9, 23), date(2026, 12, 20)),
                              ("pour l'été 27.", date(2027, 6, 21), date(2027, 9, 22)),
                              ("saison 27/28", date(2027, 9, 1), date(2028, 6, 30))):
        found = find_time_expressions(expand(text), salon)
        assert found and (found[0].date_min, found[0].date_max) == (first, last), (text, found)
    # a figure that counts something is no year
    assert expand("printemps 27 joueurs") == "printemps 27 joueurs"
    assert expand("le 27 juin") == "le 27 juin"


def test_a_length_and_a_half_is_no_date():
    from prospection.texte.abreviations import expand
    found = find_time_expressions(expand("c ds 3 mois 1/2"), date(2027, 2, 6))
    assert [e.text for e in found] == ["dans 3 mois"], found  # (« 1/2 » is no 1st of February)
    assert expand("rdv le 1/2") == "rendez-vous le 1/2"


def test_a_longer_date_beginning_inside_a_shorter_one_wins():
    found = find_time_expressions("la fête se tiendra vers la fin de l'année prochaine.", date(2026, 11, 14))
    assert [(e.date_min, e.date_max) for e in found] == [(date(2027, 10, 1), date(2027, 12, 31))], found
    # a season's year read after it stays with it
    found = find_time_expressions("avant les vacances de février 2027.", date(2026, 11, 14))
    assert found[0].date_max == date(2027, 2, 6), found


def test_a_fortnight_without_unit_and_an_adjective_before_the_unit():
    salon = date(2027, 3, 13)
    for text in ("dans la quinzaine", "d'ici une huitaine", "d'ici un gros mois", "dans une petite semaine"):
        found = find_time_expressions(text, salon)
        assert found and found[0].date_max <= date(2027, 4, 20), (text, found)
    found = find_time_expressions("dans une quinzaine de jours", salon)
    assert found and found[0].date_min == date(2027, 3, 27), found


def test_compound_numbers_and_a_range_from_one():
    salon = date(2026, 12, 5)
    found = find_time_expressions("dans dix-huit mois", salon)
    assert found and found[0].date_min.year == 2028, found  # (not « dix - huit »: a range ending at eight)
    found = find_time_expressions("les polos seront à remplacer d'ici un à deux ans", salon)
    assert found and found[0].date_max == date(2028, 12, 5), found


def test_a_delay_counted_from_our_meeting():
    found = find_time_expressions("la première se joue à peine plus d'un mois après notre rencontre", date(2026, 12, 5))
    assert found and found[0].date_min == date(2027, 1, 3), found
