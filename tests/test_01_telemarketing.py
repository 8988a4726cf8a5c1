"""Lesson and exercise 01_telemarketing: the canvassing rules, the call-list filter, the
public checks, the quizzes and the « Ai-je le droit d'appeler ? » checker."""

from __future__ import annotations

import ast
import json
import datetime as dt
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from dateutil.easter import easter

from grader import regles
from prospection import telemarketing as tm
from prospection.cours import telemarketing as cours
from prospection.cours.quiz import Quiz

REPO = Path(__file__).resolve().parent.parent
SOLUTION = REPO / "solutions" / "01_telemarketing" / "01_telemarketing.ipynb"
RELEASE = REPO / "exercises" / "01_telemarketing"
COURSE = REPO / "course" / "01_telemarketing.ipynb"
CSV = REPO / "solutions" / "01_telemarketing" / "appels.csv"

TUESDAY = dt.date(2026, 12, 8)  # an ordinary Tuesday, after the opt-in switch
NBSP_BEFORE = re.compile(r" [:;?!](?=[\s*_)]|$)")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def codes(decision, blocking=True) -> set[str]:
    return {r.code for r in decision.reasons if r.blocking == blocking}


# --------------------------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------------------------


def test_easter_matches_dateutil_over_two_centuries():
    for year in range(1950, 2151):
        assert tm.easter(year) == easter(year), year


def test_public_holidays_2027():
    days = tm.public_holidays(2027)
    assert len(days) == 11
    assert days[dt.date(2027, 3, 29)] == "lundi de Pâques"
    assert days[dt.date(2027, 5, 6)] == "Ascension"
    assert days[dt.date(2027, 5, 17)] == "lundi de Pentecôte"
    assert dt.date(2027, 7, 14) in days and dt.date(2027, 11, 11) in days
    assert tm.holiday_name(dt.date(2027, 3, 30)) is None


def test_french_date_format():
    assert tm.format_date(dt.date(2027, 3, 1)) == "lundi 1er mars 2027"
    assert tm.format_datetime(at(TUESDAY, 9, 5)) == "mardi 8 décembre 2026 à 9\u00a0h\u00a005"


# --------------------------------------------------------------------------------------------
# may_call: each rule and its boundaries
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("hour,minute,allowed", [
    (9, 59, False), (10, 0, True), (12, 59, True), (13, 0, False), (13, 59, False),
    (14, 0, True), (19, 59, True), (20, 0, False), (0, 0, False), (23, 59, False),
])
def test_time_slots(hour, minute, allowed):
    decision = regles.may_call(at(TUESDAY, hour, minute), consent=True)
    assert decision.allowed is allowed
    if not allowed:
        assert codes(decision) == {"horaire"}
        assert "10\u00a0h–13\u00a0h" in decision.motifs[0]


@pytest.mark.parametrize("day", [dt.date(2026, 12, 12), dt.date(2026, 12, 13)])
def test_weekend_forbidden(day):
    decision = regles.may_call(at(day, 11), consent=True)
    assert not decision.allowed and codes(decision) == {"jour"}
    assert tm.JOURS[day.weekday()] in decision.motifs[0]


@pytest.mark.parametrize("day,name", [
    (dt.date(2027, 7, 14), "fête nationale"), (dt.date(2027, 3, 29), "lundi de Pâques"),
    (dt.date(2027, 5, 6), "Ascension"), (dt.date(2027, 5, 17), "lundi de Pentecôte"),
    (dt.date(2026, 11, 11), "Armistice 1918"),
])
def test_public_holidays_forbidden(day, name):
    assert day.weekday() < 5
    decision = regles.may_call(at(day, 11), consent=True)
    assert not decision.allowed and codes(decision) == {"ferie"}
    assert name in decision.motifs[0]
    assert regles.may_call(at(day - dt.timedelta(days=7), 11), consent=True).allowed, "a week before"


def test_expressly_agreed_other_hours():
    saturday = at(dt.date(2026, 12, 12), 21)
    assert regles.may_call(saturday, consent=True, agreed_other_hours=True).allowed


def test_fourth_call_allowed_fifth_refused():
    assert regles.may_call(at(TUESDAY, 11), consent=True, calls_last_30_days=3).allowed
    fifth = regles.may_call(at(TUESDAY, 11), consent=True, calls_last_30_days=4)
    assert not fifth.allowed and codes(fifth) == {"frequence"}
    assert "4\u00a0appels" in fifth.motifs[0]


def test_refusal_60_vs_61_days():
    # The day of the refusal is not counted (CPC art. 641): day 60 is still inside the délai.
    day60 = TUESDAY - dt.timedelta(days=60)
    day61 = TUESDAY - dt.timedelta(days=61)
    refused = regles.may_call(at(TUESDAY, 11), consent=True, last_refusal=day60)
    assert not refused.allowed and codes(refused) == {"refus"}
    assert "60\u00a0jour" in refused.motifs[0]
    assert regles.may_call(at(TUESDAY, 11), consent=True, last_refusal=day61).allowed
    assert regles.may_call(at(TUESDAY, 11), consent=True, last_refusal=day61.isoformat()).allowed


def test_opt_in_switch_on_11_august_2026():
    before = at(dt.date(2026, 8, 10), 11)  # Monday, last day of Bloctel
    after = at(dt.date(2026, 8, 11), 11)  # Tuesday, first day of opt-in
    assert regles.may_call(before).allowed, "sans Bloctel ni accord : permis avant l'opt-in"
    blocked = regles.may_call(before, bloctel=True)
    assert not blocked.allowed and codes(blocked) == {"bloctel"}
    no_consent = regles.may_call(after)
    assert not no_consent.allowed and codes(no_consent) == {"consentement"}
    assert "11\u00a0août 2026" in no_consent.motifs[0] and "2025-594" in no_consent.motifs[0]
    assert regles.may_call(after, consent=True, bloctel=True).allowed, "Bloctel ne compte plus"


def test_rules_apply_only_from_their_date():
    saturday_2022 = at(dt.date(2022, 6, 4), 21)
    assert regles.may_call(saturday_2022).allowed, "pas de plages horaires avant le 1er mars 2023"
    assert not regles.may_call(at(dt.date(2023, 3, 4), 11)).allowed, "samedi après le 1er mars 2023"
    assert regles.may_call(at(dt.date(2015, 5, 2), 21), bloctel=True).allowed, "pas de Bloctel avant 2016"


def test_b2b_is_outside_consumer_rules():
    decision = regles.may_call(at(dt.date(2026, 12, 12), 23), contact="professionnel",
                           calls_last_30_days=10, last_refusal=TUESDAY)
    assert decision.allowed
    assert "RGPD" in decision.textes[0] and "B2B" in decision.textes[0]


def test_ongoing_contract_exception_and_its_limits():
    assert regles.may_call(at(TUESDAY, 11), ongoing_contract=True).allowed
    assert not regles.may_call(at(dt.date(2026, 12, 12), 11), ongoing_contract=True).allowed
    fifth = regles.may_call(at(TUESDAY, 11), ongoing_contract=True, calls_last_30_days=4)
    assert codes(fifth) == {"frequence"}
    old = regles.may_call(at(dt.date(2025, 3, 11), 11), ongoing_contract=True, bloctel=True)
    assert old.allowed


def test_associations_are_an_explicit_option():
    kwargs = dict(contact="association", calls_last_30_days=0)
    prudent = regles.may_call(at(TUESDAY, 11), **kwargs)
    assert not prudent.allowed and codes(prudent) == {"consentement"}
    assert "non-professionnel" in prudent.textes[0]
    assert regles.may_call(at(TUESDAY, 11), associations_as_consumers=False, **kwargs).allowed


def test_several_reasons_are_all_given():
    decision = regles.may_call(at(dt.date(2026, 12, 12), 8), calls_last_30_days=6,
                           last_refusal=TUESDAY)
    assert codes(decision) == {"consentement", "jour", "frequence", "refus"}


def test_every_blocking_reason_cites_its_rule_and_date_in_french():
    samples = [
        regles.may_call(at(dt.date(2026, 12, 12), 8), calls_last_30_days=6, last_refusal=TUESDAY),
        regles.may_call(at(dt.date(2027, 3, 29), 11), consent=True),
        regles.may_call(at(TUESDAY, 13, 30), consent=True),
        regles.may_call(at(dt.date(2025, 3, 11), 11), bloctel=True),
    ]
    texts = [t for d in samples for t in d.motifs]
    assert len(texts) >= 7
    for text in texts:
        assert re.search(r"art\. [LD]\.\u00a0223-", text), text
        assert re.search(r"20(16|23|25|26)", text), text
        assert not NBSP_BEFORE.search(text), f"espace insécable manquante : {text}"


def test_wrong_inputs_give_french_errors():
    with pytest.raises(ValueError, match="Type de contact inconnu"):
        regles.may_call(at(TUESDAY, 11), contact="robot")
    with pytest.raises(ValueError, match="illisibles"):
        regles.may_call("mardi prochain")
    with pytest.raises(ValueError, match="Date de refus illisible"):
        regles.may_call(at(TUESDAY, 11), last_refusal="hier")
    with pytest.raises(ValueError, match="Nombre d'appels illisible"):
        regles.may_call(at(TUESDAY, 11), calls_last_30_days="beaucoup")


@pytest.mark.parametrize("label,key", [
    ("appels sortants", "appels_sortants"), ("Appel sortant", "appels_sortants"),
    ("APPELS ENTRANTS", "appels_entrants"), ("génération de leads", "generation_leads"),
    ("generation de prospects", "generation_leads"), ("Télévente", "televente"),
    ("tele-vente", "televente"), ("appel chaud", None), (3, None), (None, None),
])
def test_kind_labels(label, key):
    assert tm.kind_from_label(label) == key


def test_four_kinds_and_lesson_scenarios_cover_them():
    assert list(tm.KINDS) == ["appels_sortants", "appels_entrants", "generation_leads", "televente"]
    assert {s.kind for s in tm.SCENARIOS} == set(tm.KINDS)


def test_weekly_grid_of_11_november_week():
    days, times, grid = regles.weekly_grid(dt.date(2026, 11, 12))
    assert days[0] == dt.date(2026, 11, 9) and len(days) == 7
    assert not any(grid[2]), "le 11 novembre est férié"
    assert not any(grid[5]) and not any(grid[6])
    assert sum(map(sum, grid)) == 4 * 18  # 4 working days x 18 half-hours
    assert grid[0][times.index(dt.time(10, 0))] and not grid[0][times.index(dt.time(13, 0))]


# --------------------------------------------------------------------------------------------
# filter_call_list and the shipped call list
# --------------------------------------------------------------------------------------------

ALLOWED_IDS = {1, 3, 4, 6, 8, 10, 14}
EXCLUDED_CODES = {2: {"consentement"}, 5: {"frequence"}, 7: {"refus"}, 9: {"consentement"},
                  11: {"frequence"}, 12: {"consentement", "refus"}, 13: {"refus"}}


@pytest.fixture()
def appels():
    return pd.read_csv(CSV)


def test_call_list_contains_no_answer(appels):
    assert list(appels.columns) == ["id", "nom", "type", "telephone", "consentement",
                                    "contrat_en_cours", "bloctel", "appels_30_jours",
                                    "dernier_refus"]
    assert appels["id"].is_unique and len(appels) == 14
    assert set(appels["type"]) == set(tm.CONTACT_TYPES)
    assert (RELEASE / "appels.csv").read_bytes() == CSV.read_bytes()


def test_filter_call_list_on_the_exercise_moment(appels):
    autorises, exclus = regles.filter_call_list(appels, at(TUESDAY, 11))
    assert set(autorises["id"]) == ALLOWED_IDS
    assert "motif" not in autorises.columns
    assert set(exclus["id"]) == set(EXCLUDED_CODES)
    for ident, motif in zip(exclus["id"], exclus["motif"]):
        assert regles.reason_codes(motif) == EXCLUDED_CODES[ident], (ident, motif)
    assert len(autorises) + len(exclus) == len(appels)
    assert list(appels.columns)[-1] == "dernier_refus", "the input frame is left untouched"


def test_filter_call_list_on_a_saturday_keeps_only_professionals(appels):
    autorises, exclus = regles.filter_call_list(appels, at(dt.date(2026, 12, 12), 11))
    assert set(autorises["type"]) == {"professionnel"}
    assert all("horaire" in regles.reason_codes(m) for m in exclus["motif"])


def test_filter_call_list_association_option(appels):
    autorises, _ = regles.filter_call_list(appels, at(TUESDAY, 11), associations_as_consumers=False)
    assert set(autorises["id"]) == ALLOWED_IDS | {9}


def test_filter_call_list_accepts_booleans_and_bloctel_before_2026(appels):
    frame = appels.assign(consentement=appels["consentement"] == "oui")
    autorises, exclus = regles.filter_call_list(frame, "2025-03-11 11:00")
    blocked = set(exclus.loc[exclus["motif"].str.contains("Bloctel"), "id"])
    assert blocked == set(appels.loc[(appels["bloctel"] == "oui") & (appels["type"] != "professionnel")
                                     & (appels["contrat_en_cours"] == "non"), "id"])
    assert 2 in set(autorises["id"]), "avant le 11 août 2026, pas besoin d'accord"


def test_filter_call_list_wrong_inputs(appels):
    with pytest.raises(ValueError, match="DataFrame"):
        regles.filter_call_list(appels.to_dict("records"), at(TUESDAY, 11))
    with pytest.raises(ValueError, match="Colonnes manquantes.*consentement"):
        regles.filter_call_list(appels.drop(columns="consentement"), at(TUESDAY, 11))
    bad = appels.astype({"consentement": object})
    bad.loc[0, "consentement"] = "peut-être"
    with pytest.raises(ValueError, match="Ligne 1.*ni «\u00a0oui\u00a0» ni «\u00a0non\u00a0»"):
        regles.filter_call_list(bad, at(TUESDAY, 11))


@pytest.mark.parametrize("motif,expected", [
    ("pas de consentement préalable", {"consentement"}),
    ("Refus récent", {"refus"}),
    ("déjà 4 appels ou tentatives en 30 jours", {"frequence"}),
    ("il a dit non il y a 59 jours : moins de 60 jours", {"refus"}),
    ("samedi", {"horaire"}),
    ("il est inscrit sur Bloctel", {"bloctel"}),
    ("parce que", set()),
])
def test_reason_codes(motif, expected):
    assert regles.reason_codes(motif) == expected


# --------------------------------------------------------------------------------------------
# The exercise as data: its key agrees with the rule engine
# --------------------------------------------------------------------------------------------


def test_exercise_key_agrees_with_filter_call_list_and_may_call(appels):
    from grader.exercices import ex_01_telemarketing as ex

    public, key = ex.generate(None)
    allowed = {int(i) for i, v in key["q2_appels"].items() if v == ["autorise"]}
    assert allowed == ALLOWED_IDS
    for i, codes_ in key["q2_appels"].items():
        if int(i) in EXCLUDED_CODES:
            assert set(codes_) == EXCLUDED_CODES[int(i)]
    q3 = next(q for q in public["questions"] if q["id"] == "q3_creneaux")
    assert len(q3["items"]) == 11 and q3["exemple"] == {"item": "A", "valeur": "autorise"}
    assert sorted(key["q3_creneaux"].values()).count("autorise") == 3


def test_contested_boundaries_of_issue_15_are_gone(appels):
    refusals = pd.to_datetime(appels["dernier_refus"]).dropna()
    elapsed = (pd.Timestamp(TUESDAY) - refusals).dt.days
    assert ((elapsed - 60).abs() >= 10).all(), elapsed.tolist()


# --------------------------------------------------------------------------------------------
# Quizzes
# --------------------------------------------------------------------------------------------

ALL_QUESTIONS = cours.QUESTIONS_TYPES + cours.QUESTIONS_REGLES


@pytest.mark.parametrize("index", range(len(ALL_QUESTIONS)))
def test_quiz_accepts_the_right_answer_and_refuses_a_wrong_one(index):
    question = ALL_QUESTIONS[index]
    logic = Quiz([question])
    answer = set(question.bonnes) if question.multiple else next(iter(question.bonnes))
    assert logic.repondre(0, answer).correct
    wrong = next(i for i in range(len(question.choix)) if i not in question.bonnes)
    retour = logic.repondre(0, wrong)
    assert not retour.correct and retour.message


def test_quiz_types_answers_follow_the_scenarios():
    assert len(cours.QUESTIONS_TYPES) == len(tm.SCENARIOS)
    for question, scenario in zip(cours.QUESTIONS_TYPES, tm.SCENARIOS):
        (good,) = question.bonnes
        assert tm.kind_from_label(question.choix[good]) == scenario.kind


def test_quiz_slot_question_agrees_with_may_call():
    question = cours.QUESTIONS_REGLES[1]
    monday = dt.date(2026, 11, 16)
    moments = [at(monday, 12, 45), at(monday + dt.timedelta(days=3), 13, 50),
               at(monday + dt.timedelta(days=2), 19, 30), at(monday + dt.timedelta(days=6), 16),
               at(dt.date(2027, 5, 17), 11)]
    assert {i for i, m in enumerate(moments) if regles.may_call(m, consent=True).allowed} == question.bonnes


def test_quiz_widget_gives_feedback_on_click():
    box = cours.quiz_regles()
    card = box.children[1]
    selector, button, feedback = card.children[1], card.children[2], card.children[3]
    selector.value = 1
    button.click()
    assert "Bonne réponse" in feedback.value
    selector.value = 0
    button.click()
    assert "Bloctel" in feedback.value and "✘" in feedback.value


# --------------------------------------------------------------------------------------------
# « Ai-je le droit d'appeler ? »
# --------------------------------------------------------------------------------------------


def test_practice_data_agrees_with_the_rule_engine():
    """The lesson's verdicts are data computed by grader.regles: the committed file is up to date."""
    from grader.donnees_cours import build_practice_calls, practice_calls_path

    committed = json.loads(practice_calls_path().read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(build_practice_calls(), ensure_ascii=False))
    assert committed["scenarios"], "no practice scenario"
    assert {s["autorise"] for s in committed["scenarios"]} == {True, False}


def exercise_01_questions() -> dict:
    """Exercise 01's common variant, as released (public spec)."""
    from grader.exercices import ex_01_telemarketing as ex

    public, _key = ex.generate(None)
    questions = {q["id"]: q for q in public["questions"]}
    assert questions
    return questions


def test_practice_situations_are_not_exercise_01_items():
    questions = exercise_01_questions()
    slots = [item["texte"] for item in questions["q3_creneaux"]["items"]]
    session = dt.datetime.fromisoformat(questions["q2_appels"]["quand"])
    practice = cours.situations()
    assert practice and slots
    for s in practice:
        when = dt.datetime.fromisoformat(s["when"])
        assert when.date() != session.date(), s["id"]
        assert not any(tm.format_date(when.date()) in slot for slot in slots), s["id"]


def test_checker_model_reveals_the_verdict_after_the_learner_answers():
    model = cours.CallCheckerModel()
    assert "Votre avis" in model.html() and model.correct() is None
    forbidden = next(i for i, s in enumerate(cours.situations()) if not s["autorise"])
    model.index = forbidden
    model.choix = "autorise"
    assert model.correct() is False and "Appel interdit" in model.html()
    model.choix = "interdit"
    assert model.correct() is True and "Bonne réponse" in model.html()
    model.index = 0
    assert model.choix == "" and "Votre avis" in model.html()


def test_checker_widget_buttons():
    box = cours.verificateur()
    allowed = next(i for i, s in enumerate(cours.situations()) if s["autorise"])
    box.controls["situation"].value = allowed
    box.controls["autorise"].click()
    assert "Appel autorisé" in box.resultat.value and "Bonne réponse" in box.resultat.value


def test_diagrams_render_as_png():
    for dessin in (cours.emploi_du_temps(), cours.frise()):
        assert dessin._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------------------------
# The lesson notebook
# --------------------------------------------------------------------------------------------


def test_lesson_notebook_structure():
    nb = nbformat.read(COURSE, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for required in ("../exercises/01_telemarketing/01_telemarketing.ipynb", "00_accueil.ipynb",
                     "## L'essentiel", "11 août 2026", "1er mars 2023", "Bloctel",
                     "Do Not Call", "FTC", "RGPD", "B2B", "À la fin de cette leçon"):
        assert required in text, required
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 6
    for source in code:
        imported, call = source.splitlines()
        name = imported.removeprefix("from prospection.cours.telemarketing import ")
        assert name != imported and call == f"{name}()" and hasattr(cours, name)
    for needed in ("verificateur()", "quiz_regles()", "emploi_du_temps()"):
        assert any(s.endswith(needed) for s in code)


@pytest.mark.parametrize("path", [COURSE, SOLUTION, RELEASE / "01_telemarketing.ipynb"],
                         ids=["course", "solution", "exercise"])
def test_prose_uses_french_typography(path):
    nb = nbformat.read(path, as_version=4)
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(markdown) >= 5
    for cell in markdown:
            prose = re.sub(r"```.*?```|`[^`]*`|\]\([^)]*\)", "", cell.source, flags=re.S)
            assert not NBSP_BEFORE.search(prose), prose[:80]
            assert "« " not in prose and " »" not in prose


# --------------------------------------------------------------------------------------------
# The lesson in Voilà, in headless Chromium: the checker and a quiz respond in a real frontend
# --------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_lesson_in_voila_checker_and_quiz_respond(tmp_path, artifacts):
    import shutil

    from browser import chromium_page, free_port, screenshot_on_failure, voila_command, voila_server

    notebook = tmp_path / COURSE.name
    shutil.copy(COURSE, notebook)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = voila_command(notebook, port, "--theme=light", "--strip_sources=True")
    with voila_server(cmd, url, cwd=tmp_path, log=tmp_path / "voila.log"):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "lecon01_voila_echec.png"):
            page.goto(url, timeout=90_000)
            page.get_by_text("Ai-je le droit d'appeler\u00a0?").first.wait_for(timeout=90_000)
            assert page.locator(".jp-InputArea-editor").count() == 0, "code shown in Voilà"
            page.get_by_text("Votre avis").first.wait_for(timeout=20_000)
            page.get_by_role("button", name="Interdit").click()
            page.get_by_text("Ce n'est pas la bonne réponse").wait_for(timeout=20_000)
            page.get_by_role("button", name="Autorisé").click()
            page.get_by_text("Appel autorisé — Bonne réponse").wait_for(timeout=20_000)
            page.get_by_role("radio", name="Appels sortants").first.check()
            page.get_by_role("button", name="Valider").first.click()
            page.get_by_text("Bonne réponse").first.wait_for(timeout=20_000)
            page.get_by_text("Ai-je le droit d'appeler\u00a0?").first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / "lecon01_voila.png"), full_page=True)


def test_lesson_scenarios_are_not_exercise_01_items():
    """The lesson's quiz rehearses the four kinds on its own situations, not exercise 01's."""
    items = exercise_01_questions()["q1_types"]["items"]
    exercise = [set(re.findall(r"\w{4,}", item["texte"].lower())) for item in items]
    assert exercise and tm.SCENARIOS
    for scenario in tm.SCENARIOS:
        words = set(re.findall(r"\w{4,}", scenario.texte.lower()))
        closest = max(len(words & other) / len(words | other) for other in exercise)
        assert closest < 0.3, (scenario.texte, closest)
