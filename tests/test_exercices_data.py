"""Exercises 01–03 and 05 graded from data: generate(seed) → (public, key), score(public, key, answers)."""

from __future__ import annotations

import copy
import json

import pytest

from grader.exercices import _outils, exercise_ids, module_for
from prospection import reponses

IDS = ["01_telemarketing", "02_cycle_prospect", "03_appels", "05_simulateur_appel"]
TOTALS = {"01_telemarketing": 9, "02_cycle_prospect": 10, "03_appels": 12, "05_simulateur_appel": 10}  # automatic
MANUAL = {"01_telemarketing": 2, "02_cycle_prospect": 0, "03_appels": 0, "05_simulateur_appel": 0}


def total(scores):
    return sum(s.points for s in scores)


@pytest.mark.parametrize("ex", IDS)
def test_registered(ex):
    assert ex in exercise_ids() and module_for(ex).EXERCISE_ID == ex


@pytest.mark.parametrize("ex", IDS)
def test_key_scores_full_marks_and_empty_scores_zero(ex):
    module = module_for(ex)
    public, key = module.generate(None)
    perfect = module.perfect_answers(public, key)
    reponses.validate(perfect)  # the key's answers are a valid answers document
    scores = module.score(public, key, perfect)
    assert total(scores) == TOTALS[ex] and all(s.points == s.max_points for s in scores)
    empty = reponses.empty(ex)
    assert total(module.score(public, key, empty)) == 0
    assert total(module.score(public, key, {})) == 0  # nothing at all: 0, no exception


@pytest.mark.parametrize("ex", IDS)
def test_spec_points_match_the_exercise_total(ex):
    public, _ = module_for(ex).generate(None)
    cells = _outils.graded_cells(public)
    assert sum(p for _, p, manual in cells if not manual) == TOTALS[ex]
    assert sum(p for _, p, manual in cells if manual) == MANUAL[ex]
    assert len({g for g, _, _ in cells}) == len(cells)


@pytest.mark.parametrize("ex", IDS)
def test_partial_answers_get_partial_points(ex):
    module = module_for(ex)
    public, key = module.generate(None)
    perfect = module.perfect_answers(public, key)
    scores_full = {s.grade_id: s.points for s in module.score(public, key, perfect)}
    partial = copy.deepcopy(perfect)
    # keep only the first half of every per-item answer
    for qid, entry in partial["questions"].items():
        value = entry["valeur"]
        if isinstance(value, dict) and len(value) > 1:
            entry["valeur"] = dict(list(value.items())[: len(value) // 2])
        elif qid == "q1_appel" and isinstance(value, list):  # exercise 05: a call stopped half-way
            entry["valeur"] = value[: len(value) // 2]
    got = {s.grade_id: s.points for s in module.score(public, key, partial)}
    assert 0 < sum(got.values()) < sum(scores_full.values())
    assert any(0 < got[g] < scores_full[g] for g in got)


@pytest.mark.parametrize("ex", IDS)
def test_wrong_values_and_bad_formats_never_raise(ex):
    module = module_for(ex)
    public, key = module.generate(None)
    doc = reponses.empty(ex)
    for q in public["questions"]:
        reponses.set_answer(doc, q["id"], {"x": [1, {"y": None}], "A": 3.5} if q["type"] != "texte" else 42)
    assert total(module.score(public, key, doc)) == 0


@pytest.mark.parametrize("ex", IDS)
def test_each_seed_is_a_different_variant_of_the_same_shape(ex):
    module = module_for(ex)
    common, _ = module.generate(None)
    assert module.generate(None) == module.generate(None)  # the committed variant is stable
    seen = set()
    for seed in range(40):
        public, key = module.generate(seed)
        assert module.generate(seed) == (public, key)
        assert public["variante"] == f"graine-{seed}"
        assert _outils.graded_cells(public) == _outils.graded_cells(common)
        for q, qc in zip(public["questions"], common["questions"]):
            assert (q["id"], q["type"], len(q["items"]), len(q["options"])) == (
                qc["id"], qc["type"], len(qc["items"]), len(qc["options"]))
        assert total(module.score(public, key, module.perfect_answers(public, key))) == TOTALS[ex]
        seen.add(json.dumps(public["questions"], sort_keys=True))
    assert len(seen) >= 35, "seeds must give different items or data"


def test_ex01_same_category_counts_for_every_seed():
    module = module_for("01_telemarketing")
    _, common = module.generate(None)

    def profile(key):
        q2 = sorted("+".join(v) for v in key["q2_appels"].values())
        return sorted(key["q1_types"].values()), q2, sorted(key["q3_creneaux"].values())

    for seed in range(100):
        assert profile(module.generate(seed)[1]) == profile(common)


def test_ex01_graded_items_stay_off_contested_boundaries():
    import datetime as dt

    module = module_for("01_telemarketing")
    for seed in [None, *range(100)]:
        public, _ = module.generate(seed)
        q2 = next(q for q in public["questions"] if q["id"] == "q2_appels")
        when = dt.datetime.fromisoformat(q2["quand"])
        for row in module.data_files(seed)["appels.csv"].splitlines()[1:]:
            refusal = row.split(",")[-1]
            if refusal:
                days = (when.date() - dt.date.fromisoformat(refusal)).days
                assert abs(days - 60) >= 10, (seed, row)
        q3 = next(q for q in public["questions"] if q["id"] == "q3_creneaux")
        for item in q3["items"]:
            hour_text = item["texte"].split(" à ")[-1].replace("\u00a0", " ")
            h, m = int(hour_text.split(" h ")[0]), int(hour_text.split(" h ")[1])
            minutes = 60 * h + m
            assert all(abs(minutes - edge) >= 15 for edge in (600, 780, 840, 1200)), (seed, item)


def test_ex02_funnel_is_made_of_actions_not_temperatures():
    module = module_for("02_cycle_prospect")
    for seed in [None, *range(50)]:
        public, key = module.generate(seed)
        text = json.dumps([q for q in public["questions"] if q["id"].startswith("q2")], ensure_ascii=False)
        for temperature in ("froid", "tiède", "chaud"):
            assert temperature not in text
        rates = {k: v["valeur"] for k, v in key["q2_taux"].items()}
        ordered = sorted(rates.values())
        assert ordered[1] - ordered[0] >= 3.5  # one clearly weakest step


def test_ex02_competitor_purchase_is_perdu():
    module = module_for("02_cycle_prospect")
    for seed in [None, *range(30)]:
        public, key = module.generate(seed)
        q1 = public["questions"][0]
        for item in q1["items"]:
            if "concurrent" in item["texte"] or "autre fournisseur" in item["texte"]:
                assert key["q1_echelle"][item["id"]] == "perdu"


@pytest.mark.parametrize("ex", IDS)
def test_public_spec_holds_no_key(ex):
    module = module_for(ex)
    for seed in (None, 3):
        public, key = module.generate(seed)
        text = json.dumps(public, ensure_ascii=False)
        assert "tolerance" not in text
        # the per-item answers of the key never appear beside their item in the spec
        for q in public["questions"]:
            assert set(q) <= {"id", "grade_id", "type", "titre", "consigne", "points", "items", "options",
                              "exemple", "colonnes", "tableau", "manuel", "notes", "quand", "unite",
                              "decimales", "min", "max", "lignes", "mots_min", "mots_max", "scenario"}
            for item in q["items"]:
                assert set(item) <= {"id", "texte", "colonnes"}
            for node in (q.get("scenario") or {}).get("noeuds", {}).values():  # a graded call: dialogue only
                assert set(node) <= {"etape", "qui", "replique", "choix", "fin"}
                for choice in node.get("choix", []):
                    assert set(choice) == {"id", "texte", "suivant", "reaction"}


def test_ex03_accroche_partial_credit_per_criterion():
    module = module_for("03_appels")
    public, key = module.generate(None)
    doc = reponses.empty("03_appels")
    reponses.set_answer(doc, "q2_accroche", "Bonjour Madame, je suis Camille Martin de Sportéo, je vous appelle "
                                            "pour vous présenter nos maillots et nos survêtements de la saison.")
    got = {s.grade_id: s.points for s in module.score(public, key, doc)}
    assert got["q2_accroche"] == 2  # length + introduction, nothing else
