"""The one answers schema (prospection.reponses): validation, migration, atomic save, UTC."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospection import reponses


def test_empty_document_is_valid_and_saved_with_utc_timestamps(tmp_path):
    doc = reponses.empty("01_telemarketing")
    reponses.set_answer(doc, "q1_types", {"B": "appels_sortants"})
    path = reponses.save(tmp_path, doc)
    assert path.name == "reponses.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema"] == "prospection-reponses" and raw["version"] == 2
    assert raw["questions"]["q1_types"]["valeur"] == {"B": "appels_sortants"}
    assert raw["modifie_le"].endswith("Z") and raw["questions"]["q1_types"]["modifie_le"].endswith("Z")
    assert reponses.load(tmp_path, "01_telemarketing") == raw


def test_missing_file_gives_an_empty_document_of_the_exercise(tmp_path):
    doc = reponses.load(tmp_path / "absent", "02_cycle_prospect")
    assert doc["exercice"] == "02_cycle_prospect" and doc["questions"] == {}


@pytest.mark.parametrize("text, fragment", [
    ("{ pas du json", "JSON invalide"),
    ("[]", "objet JSON"),
    ('{"schema": "autre", "version": 2}', "schéma"),
    ('{"schema": "prospection-reponses", "version": 7, "exercice": "x", "questions": {}}', "version 7"),
    ('{"schema": "prospection-reponses", "version": 2, "exercice": "x"}', "questions"),
    ('{"schema": "prospection-reponses", "version": 2, "exercice": "x", "questions": {"q": {}}}', "valeur"),
    ('{"schema": "prospection-reponses", "version": 2, "exercice": "x", "questions": {},'
     ' "modifie_le": "hier"}', "horodatage"),
    ('{"schema": "prospection-reponses", "version": 2, "exercice": "04_mission_salon", "questions":'
     ' {"qualification": {"valeur": {"C1": {"classe": "brûlant"}}}}}', "classe inconnue"),
])
def test_invalid_files_raise_a_french_error_and_stay_untouched(tmp_path, text, fragment):
    path = tmp_path / "reponses.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(reponses.ReponsesError, match=fragment) as info:
        reponses.load(path)
    assert "reponses.json" in str(info.value) and "illisible" in str(info.value)
    assert path.read_text(encoding="utf-8") == text


def test_wrong_exercise_is_refused(tmp_path):
    reponses.save(tmp_path, reponses.empty("01_telemarketing"))
    with pytest.raises(reponses.ReponsesError, match="01_telemarketing"):
        reponses.load(tmp_path, "03_appels")


def test_version_1_salon_file_is_migrated(tmp_path):
    (tmp_path / "reponses_salon.json").write_text(json.dumps({
        "version": 1, "fichier_contacts": "salon.xlsx", "date_salon": "2026-03-14",
        "reponses": {"C01": {"organisation": "Club", "qualification": "tiede", "justification": "Projet en 2027.",
                             "modifie_le": "2026-03-20T10:00:00+01:00"},
                     "C02": {"qualification": None, "justification": ""}}}), encoding="utf-8")
    doc = reponses.load(tmp_path)  # the folder: reponses.json absent, the old file is read
    assert doc["exercice"] == "04_mission_salon"
    assert doc["contexte"] == {"fichier_contacts": "salon.xlsx", "date_salon": "2026-03-14"}
    valeur = reponses.answer(doc, "qualification")
    assert valeur["C01"] == {"classe": "tiède", "justification": "Projet en 2027.", "organisation": "Club",
                             "modifie_le": "2026-03-20T09:00:00Z"}
    assert valeur["C02"] == {"classe": None, "justification": ""}
    assert doc["modifie_le"] == "2026-03-20T09:00:00Z"


def test_save_is_atomic_when_the_replace_fails(tmp_path, monkeypatch):
    reponses.save(tmp_path, reponses.set_answer(reponses.empty("03_appels"), "q", "avant"))
    import prospection.fichiers as fichiers

    def failing(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fichiers.os, "replace", failing)
    with pytest.raises(OSError):
        reponses.save(tmp_path, reponses.set_answer(reponses.empty("03_appels"), "q", "après"))
    monkeypatch.undo()
    assert reponses.answer(reponses.load(tmp_path), "q") == "avant"
    assert sorted(os.listdir(tmp_path)) == ["reponses.json"]


def test_non_json_values_are_refused():
    with pytest.raises(reponses.ReponsesError):
        reponses.set_answer(reponses.empty("x"), "q", {"a": object()})
    with pytest.raises(reponses.ReponsesError, match="non fini"):
        reponses.set_answer(reponses.empty("x"), "q", float("nan"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(answers=st.dictionaries(st.from_regex(r"q[0-9]_[a-z]{1,8}", fullmatch=True), json_values, max_size=5),
       variante=st.sampled_from(["commune", "eleve-07", "graine-123"]))
def test_round_trip(tmp_path_factory, answers, variante):
    folder = tmp_path_factory.mktemp("rt")
    doc = reponses.empty("02_cycle_prospect", variante)
    for qid, value in answers.items():
        reponses.set_answer(doc, qid, value)
    reponses.save(folder, doc)
    back = reponses.load(folder, "02_cycle_prospect")
    assert back["variante"] == variante
    assert {q: reponses.answer(back, q) for q in answers} == answers


@settings(max_examples=40, deadline=None)
@given(entries=st.dictionaries(st.from_regex(r"C[0-9]{2}", fullmatch=True),
                               st.tuples(st.sampled_from(["froid", "tiède", "tiede", "chaud", None]),
                                         st.text(max_size=40)), max_size=6))
def test_salon_v1_round_trip(tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("v1")
    (folder / "reponses_salon.json").write_text(json.dumps({
        "version": 1, "fichier_contacts": "f.xlsx", "date_salon": None,
        "reponses": {c: {"qualification": k, "justification": j} for c, (k, j) in entries.items()}}),
        encoding="utf-8")
    doc = reponses.load(folder)
    reponses.save(folder, doc)
    back = reponses.load(folder / "reponses.json")
    assert back == doc
    assert {c: e["classe"] for c, e in reponses.answer(back, "qualification").items()} == {
        c: reponses.normalize_class(k) for c, (k, _) in entries.items()}
