"""The learner's exercise runtime (prospection.exercices): model without widgets, then the views."""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from prospection import reponses
from prospection.exercices import model as M
from prospection.exercices import ouvrir

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ["01_telemarketing", "02_cycle_prospect", "03_appels"]


@pytest.fixture(params=EXERCISES)
def folder(request, tmp_path):
    shutil.copy(ROOT / "solutions" / request.param / "questions.json", tmp_path / "questions.json")
    return tmp_path


@pytest.fixture
def folder01(tmp_path):
    shutil.copy(ROOT / "solutions" / "01_telemarketing" / "questions.json", tmp_path / "questions.json")
    return tmp_path


def saved(folder: Path) -> dict:
    return reponses.load(folder / "reponses.json")


def test_missing_spec_is_a_french_message_not_a_traceback(tmp_path):
    with pytest.raises(M.SpecError, match="introuvable"):
        M.ExerciseModel(tmp_path)
    ex = ouvrir(tmp_path)
    for shown in (ex.question("q1_types"), ex.verifier(), ex.etat("q1_types")):
        assert "introuvable" in shown._repr_html_()


def test_every_answer_is_saved_at_once_and_restored(folder01):
    model = M.ExerciseModel(folder01)
    model.set_item("q1_types", "B", "appels_sortants")
    doc = saved(folder01)
    assert reponses.answer(doc, "q1_types") == {"B": "appels_sortants"}
    assert doc["modifie_le"].endswith("Z") and doc["exercice"] == "01_telemarketing"
    again = M.ExerciseModel(folder01)  # a kernel restart
    assert again.value("q1_types") == {"B": "appels_sortants"}
    again.set_item("q1_types", "B", None)  # unselecting removes the item
    assert reponses.answer(saved(folder01), "q1_types") == {}


def test_text_is_debounced(folder01):
    model = M.ExerciseModel(folder01)
    writes = []
    real = model._writer
    model._writer = lambda path, doc: (writes.append(reponses.answer(doc, "q4_argumentation")), real(path, doc))
    for n in range(1, 30):
        model.set_value("q4_argumentation", "x" * n, delay=0.3)
    assert writes == []  # nothing written while typing
    time.sleep(0.8)
    assert writes == ["x" * 29]
    assert reponses.answer(saved(folder01), "q4_argumentation") == "x" * 29


def test_failed_save_keeps_the_answer_retries_and_says_so_in_french(folder01, monkeypatch):
    model = M.ExerciseModel(folder01)
    monkeypatch.setattr(M, "RETRY_DELAYS", (0.2,))
    attempts = []

    def full_disk(path, doc):
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        reponses.save(path, doc)

    model._writer = full_disk
    model.set_value("q4_argumentation", "Mon argumentation complète.")
    assert model.save_state == "erreur"
    assert "disque est plein" in model.save_message and "reste affichée" in model.save_message
    assert model.value("q4_argumentation") == "Mon argumentation complète."
    deadline = time.time() + 5
    while model.save_state != "enregistre" and time.time() < deadline:
        time.sleep(0.05)
    assert len(attempts) == 3 and model.save_state == "enregistre"
    assert reponses.answer(saved(folder01), "q4_argumentation") == "Mon argumentation complète."


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod")
def test_read_only_folder(folder01):
    model = M.ExerciseModel(folder01)
    os.chmod(folder01, 0o555)
    try:
        model.set_value("q4_argumentation", "texte")
        assert model.save_state == "erreur" and "protégé en écriture" in model.save_message
    finally:
        os.chmod(folder01, 0o755)
    assert model.flush()


def test_answers_file_held_by_something_else(folder01):
    """Real file system, no monkeypatch: the answers path is taken (here by a folder), even for root."""
    model = M.ExerciseModel(folder01)
    (folder01 / "reponses.json").mkdir()
    model.set_value("q4_argumentation", "texte gardé")
    assert model.save_state == "erreur" and "nouvel essai" in model.save_message
    assert model.value("q4_argumentation") == "texte gardé"
    (folder01 / "reponses.json").rmdir()
    assert model.flush()
    assert reponses.answer(saved(folder01), "q4_argumentation") == "texte gardé"


def test_unreadable_answers_file_is_moved_aside_never_overwritten(folder01):
    (folder01 / "reponses.json").write_text("{ abîmé", encoding="utf-8")
    model = M.ExerciseModel(folder01)
    aside = list(folder01.glob("reponses.illisible-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{ abîmé"
    assert "mis de côté" in model.notices[0]
    from prospection.exercices.view import etat_html

    assert "mis de côté" in etat_html(model.bilan(), model)


def test_self_check_says_answered_partly_or_not_never_right_or_wrong(folder):
    model = M.ExerciseModel(folder)
    etats = model.bilan()
    assert etats and all(e.etat == "vide" for e in etats)
    q = model.questions()[0]
    items = [it["id"] for it in q["items"] if it["id"] != (q.get("exemple") or {}).get("item")]
    model.set_item(q["id"], items[0], q["options"][0]["valeur"])
    assert model.etat(q["id"]).etat == "partiel"
    for item in items:
        model.set_item(q["id"], item, q["options"][-1]["valeur"])
    assert model.etat(q["id"]).etat == "repondu"
    html = ouvrir(folder).verifier()._repr_html_()
    for word in ("juste", "faux", "correct"):
        assert f">{word}" not in html.lower()


def test_format_problems_are_named(folder01, tmp_path):
    model = M.ExerciseModel(folder01)
    model.set_item("q1_types", "B", "n'importe quoi")
    assert "options proposées" in model.etat("q1_types").problemes[0]
    shutil.copy(ROOT / "solutions" / "02_cycle_prospect" / "questions.json", tmp_path / "questions.json")
    m2 = M.ExerciseModel(tmp_path)
    m2.set_item("q2_taux", "joints", "cinquante")
    m2.set_item("q2_taux", "interesses", 140)
    problems = " ".join(m2.etat("q2_taux").problemes)
    assert "n'est pas un nombre" in problems and "sort des valeurs possibles" in problems


def test_two_tabs_on_one_folder_keep_each_others_answers(folder01):
    lab, voila = M.ExerciseModel(folder01), M.ExerciseModel(folder01)
    lab.set_item("q1_types", "B", "televente")
    voila.set_value("q4_argumentation", "écrit dans Voilà")
    lab.set_item("q3_creneaux", "B", "interdit")
    doc = saved(folder01)
    assert reponses.answer(doc, "q1_types") == {"B": "televente"}
    assert reponses.answer(doc, "q4_argumentation") == "écrit dans Voilà"
    assert reponses.answer(doc, "q3_creneaux") == {"B": "interdit"}


@pytest.mark.parametrize("text, number", [("12,5", 12.5), ("34 %", 34.0), ("1\u202f200", 1200.0), ("abc", None),
                                          ("", None), ("nan", None)])
def test_parse_number(text, number):
    assert M.parse_number(text) == number


# ---------------------------------------------------------------- the views (ipywidgets)


def test_views_restore_and_save_every_type(folder):
    from prospection.exercices.view import QuestionView

    model = M.ExerciseModel(folder)
    for q in model.questions():
        view = QuestionView(model, q["id"])
        if q["type"] == "choix":
            item, w = next(iter(view.inputs.items()))
            w.value = q["options"][-1]["valeur"]
            assert reponses.answer(saved(folder), q["id"])[item] == q["options"][-1]["valeur"]
            example = (q.get("exemple") or {}).get("item")
            assert example is None or example not in view.inputs
        elif q["type"] == "nombre":
            item, w = next(iter(view.inputs.items()))
            w.value = "12,5"
            model.flush()
            assert reponses.answer(saved(folder), q["id"])[item] == 12.5
        elif q["type"] == "ordre":
            first = view.order[0]
            view.move(0, +1)
            assert reponses.answer(saved(folder), q["id"])[1] == first
        elif q["type"] == "texte":
            view.text.value = "Bonjour, je suis Camille."
            model.flush()
            assert reponses.answer(saved(folder), q["id"]) == "Bonjour, je suis Camille."
    restored = M.ExerciseModel(folder)
    for q in restored.questions():
        again = QuestionView(restored, q["id"])
        if q["type"] == "choix":
            item, w = next(iter(again.inputs.items()))
            assert w.value == q["options"][-1]["valeur"]
        elif q["type"] == "nombre":
            assert next(iter(again.inputs.values())).value == "12,5"
        elif q["type"] == "ordre":
            assert again.order == reponses.answer(saved(folder), q["id"])
        elif q["type"] == "texte":
            assert again.text.value == "Bonjour, je suis Camille."


def test_view_shows_a_failed_save_in_the_widget(folder01):
    from prospection.exercices.view import QuestionView

    model = M.ExerciseModel(folder01)

    def locked(path, doc):
        raise PermissionError(errno.EACCES, "locked")

    model._writer = locked
    view = QuestionView(model, "q4_argumentation")
    view.text.value = "Mon texte"
    model.flush()
    assert view.text.value == "Mon texte"
    assert "verrouillé" in view.status.value and "reste affichée" in view.status.value
    model._writer = reponses.save
    assert model.flush()
    assert "enregistrées" in view.status.value


def test_multiple_choice_question(tmp_path):
    from prospection.exercices.view import QuestionView

    spec = {"schema": "prospection-questions", "version": 1, "exercice": "99_essai", "variante": "commune",
            "titre": "Essai", "questions": [{
                "id": "q1_canaux", "grade_id": "q1_canaux", "type": "choix_multiple", "titre": "Canaux",
                "consigne": "Cochez les canaux utiles.", "points": 1,
                "items": [{"id": "A", "texte": "Salon"}, {"id": "B", "texte": "Courriel"}],
                "options": [{"valeur": "tel", "libelle": "téléphone"}, {"valeur": "mail", "libelle": "courriel"}]}]}
    (tmp_path / "questions.json").write_text(json.dumps(spec), encoding="utf-8")
    model = M.ExerciseModel(tmp_path)
    view = QuestionView(model, "q1_canaux")
    tel, mail = view.inputs["A"]
    tel.value = True
    mail.value = True
    assert reponses.answer(saved(tmp_path), "q1_canaux") == {"A": ["tel", "mail"]}
    assert model.etat("q1_canaux").etat == "partiel"
    tel.value = False
    assert reponses.answer(saved(tmp_path), "q1_canaux") == {"A": ["mail"]}
    again = QuestionView(M.ExerciseModel(tmp_path), "q1_canaux")
    assert [b.value for b in again.inputs["A"]] == [False, True]
