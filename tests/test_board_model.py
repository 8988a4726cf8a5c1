"""The salon mission board's logic and answers file, in plain Python (no widgets)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from prospection.board import storage
from prospection.board.model import BoardModel, Hints, contacts_from_frame, justification_hints, simple_hints
from prospection.board.session import MissionSession

REPO = Path(__file__).resolve().parent.parent

OBSERVATIONS = [
    "Pas intéressé, le club a déjà un prestataire.",
    "Intéressé par des maillots pour la rentrée de septembre, budget voté.",
    "Projet de nouveau local dans deux ans, curieux de l'offre.",
    "Veut un devis rapidement pour le tournoi du mois prochain.",
    "Aucun besoin pour le moment.",
]


def stub_contacts(n: int = 12, name: str = "salon_test.xlsx", salon_date=dt.date(2024, 3, 15)):
    """A tiny stand-in for ``prospection.loader.Contacts`` (tests only)."""
    rows = [
        {
            "id": f"C{i + 1:04d}",
            "organisation": f"Association n°{i + 1}",
            "type": "club sportif" if i % 2 else "association culturelle",
            "contact": f"Camille Martin {i + 1}",
            "fonction": "présidente" if i % 2 else "trésorier",
            "telephone": "04 72 00 00 00",
            "email": f"contact{i + 1}@example.org",
            "ville": "Lyon",
            "observations": OBSERVATIONS[i % len(OBSERVATIONS)],
        }
        for i in range(n)
    ]
    return types.SimpleNamespace(
        frame=pd.DataFrame(rows),
        salon=types.SimpleNamespace(name="Salon des associations", place="Lyon", date=salon_date),
        source=f"/ailleurs/{name}",
    )


def no_hints(*args):
    return Hints({"interet": False, "delai": False, "action": False}, source="test")


@pytest.fixture
def session(tmp_path):
    return MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False)


def read(tmp_path):
    """The file on disk is the course's answers schema (v2); the board's view of it."""
    raw = json.loads((tmp_path / storage.ANSWERS_FILENAME).read_text(encoding="utf-8"))
    assert raw["schema"] == "prospection-reponses" and raw["version"] == 2
    assert raw["exercice"] == "04_mission_salon" and set(raw["questions"]) == {"qualification"}
    assert raw["modifie_le"].endswith("Z")
    return storage.from_schema(raw)


# ---------------------------------------------------------------- answers file

def test_every_change_is_saved_at_once_in_the_shared_format(session, tmp_path):
    m = session.model
    m.set_qualification("C0002", "chaud")
    doc = read(tmp_path)
    assert doc["version"] == 1
    assert doc["fichier_contacts"] == "salon_test.xlsx"
    assert doc["date_salon"] == "2024-03-15"
    entry = doc["reponses"]["C0002"]
    assert entry["qualification"] == "chaud" and entry["justification"] == ""
    assert entry["organisation"] == "Association n°2"
    dt.datetime.fromisoformat(entry["modifie_le"])
    # Each keystroke of a justification is a change of its own.
    for text in ("I", "In", "Intéressé"):
        m.set_justification("C0002", text)
        assert read(tmp_path)["reponses"]["C0002"]["justification"] == text
    m.set_qualification("C0003", "tiede")  # accepted on input, written with its accent
    assert read(tmp_path)["reponses"]["C0003"]["qualification"] == "tiède"
    m.set_qualification("C0003", None)
    assert read(tmp_path)["reponses"]["C0003"]["qualification"] is None


def test_unchanged_value_does_not_rewrite(session, tmp_path):
    calls = []
    session.model._save = calls.append
    session.model.set_justification("C0001", "abc")
    session.model.set_justification("C0001", "abc")
    assert len(calls) == 1


def test_write_is_atomic_through_a_temporary_file_in_the_same_folder(tmp_path, monkeypatch):
    path = tmp_path / storage.ANSWERS_FILENAME
    storage.save_answers(path, storage.empty_answers("a.xlsx"))
    before = path.read_bytes()
    seen = []
    real_replace = os.replace

    def failing_replace(src, dst):
        seen.append((Path(src), Path(dst)))
        raise OSError("disque plein")

    monkeypatch.setattr(storage.os, "replace", failing_replace)
    with pytest.raises(OSError):
        storage.save_answers(path, storage.empty_answers("b.xlsx"))
    assert path.read_bytes() == before, "a failed write must leave the old file intact"
    assert seen and seen[0][0].parent == tmp_path and seen[0][1] == path
    assert sorted(p.name for p in tmp_path.iterdir()) == [storage.ANSWERS_FILENAME], "temporary file left"
    monkeypatch.setattr(storage.os, "replace", real_replace)
    storage.save_answers(path, storage.empty_answers("b.xlsx"))
    assert storage.load_answers(path)["fichier_contacts"] == "b.xlsx"


@pytest.mark.parametrize("content", ["{ pas du json", '{"version": 7, "reponses": {}}',
                                     '{"version": 1, "reponses": {"C1": {"qualification": "brulant"}}}',
                                     '[1, 2]'])
def test_corrupt_file_is_kept_aside_with_a_french_message(tmp_path, content):
    path = tmp_path / storage.ANSWERS_FILENAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(storage.AnswersFileError, match="illisible"):
        storage.load_answers(path)
    assert path.read_text(encoding="utf-8") == content, "load_answers must not touch the file"
    s = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False)
    aside = list(tmp_path.glob("reponses.corrompu-*.json"))
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == content
    notice = " ".join(s.take_notices())
    assert aside[0].name in notice and "mis de côté" in notice
    s.model.set_qualification("C0001", "froid")
    assert aside[0].read_text(encoding="utf-8") == content, "the corrupt copy is never overwritten"
    assert read(tmp_path)["reponses"]["C0001"]["qualification"] == "froid"


def test_load_answers_missing_file_folder_and_normalisation(tmp_path):
    assert storage.load_answers(tmp_path / "absent.json")["reponses"] == {}
    (tmp_path / storage.ANSWERS_FILENAME).write_text(json.dumps({
        "version": 1, "fichier_contacts": "x.xlsx", "date_salon": "2024-03-15",
        "reponses": {"C1": {"organisation": "A", "qualification": "tiede", "justification": "ok",
                            "modifie_le": "2024-03-16T10:00:00"}}}), encoding="utf-8")
    doc = storage.load_answers(tmp_path)  # a folder works too
    assert doc["reponses"]["C1"]["qualification"] == "tiède"
    assert doc["date_salon"] == "2024-03-15"
    assert doc["reponses"]["C1"]["modifie_le"].endswith("Z")  # local time migrated to UTC


def test_board_reads_an_old_reponses_salon_json_and_saves_the_new_schema(tmp_path):
    (tmp_path / storage.LEGACY_FILENAME).write_text(json.dumps({
        "version": 1, "fichier_contacts": "salon_test.xlsx", "date_salon": "2024-03-15",
        "reponses": {"C0001": {"organisation": "A", "qualification": "chaud", "justification": "Devis.",
                               "modifie_le": "2024-03-16T10:00:00+01:00"}}}), encoding="utf-8")
    board = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False).model
    assert board.doc["reponses"]["C0001"]["qualification"] == "chaud"
    assert board.doc["reponses"]["C0001"]["modifie_le"] == "2024-03-16T09:00:00Z"
    board.set_qualification("C0002", "froid")
    saved = read(tmp_path)
    assert saved["reponses"]["C0001"]["qualification"] == "chaud"
    assert saved["reponses"]["C0002"]["qualification"] == "froid"
    raw = json.loads((tmp_path / storage.ANSWERS_FILENAME).read_text(encoding="utf-8"))
    assert raw["contexte"] == {"fichier_contacts": "salon_test.xlsx", "date_salon": "2024-03-15"}
    assert raw["questions"]["qualification"]["valeur"]["C0001"]["classe"] == "chaud"


def test_restart_restores_the_board_exactly(tmp_path):
    first = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False)
    first.model.set_qualification("C0001", "froid")
    first.model.set_justification("C0001", "Aucun intérêt : garder la fiche dans le CRM.")
    first.model.set_qualification("C0004", "chaud")
    again = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False)
    assert again.model.doc == first.model.doc
    assert again.model.qualification("C0001") == "froid"
    assert again.model.justification("C0001") == "Aucun intérêt : garder la fiche dans le CRM."
    assert again.model.progress() == first.model.progress()


def test_switching_contacts_file_keeps_previous_answers(tmp_path):
    a = MissionSession(tmp_path, contacts=stub_contacts(name="a.xlsx"), grader_hints=False)
    a.model.set_qualification("C0001", "chaud")
    b = MissionSession(tmp_path, contacts=stub_contacts(name="b.xlsx"), grader_hints=False)
    assert b.model.qualification("C0001") is None
    assert read(tmp_path)["fichier_contacts"] == "b.xlsx"
    archive = tmp_path / "reponses.a.json"
    assert storage.load_answers(archive)["reponses"]["C0001"]["qualification"] == "chaud"
    assert "reponses.a.json" in " ".join(b.take_notices())
    back = MissionSession(tmp_path, contacts=stub_contacts(name="a.xlsx"), grader_hints=False)
    assert back.model.qualification("C0001") == "chaud"


# ---------------------------------------------------------------- progress, filters, paging

def test_progress_counts_per_class(session):
    m = session.model
    m.set_qualification("C0001", "froid")
    m.set_qualification("C0002", "chaud")
    m.set_qualification("C0003", "chaud")
    m.set_justification("C0003", "texte")
    m.set_justification("C0005", "sans classe")
    p = m.progress()
    assert (p.total, p.qualified, p.justified) == (12, 3, 2)
    assert p.per_class == {"froid": 1, "tiède": 0, "chaud": 2}
    assert "3\u00a0/\u00a012 contacts qualifiés" in p.text()


def test_filters_not_done_and_by_class(session):
    m = session.model
    m.set_qualification("C0001", "froid")
    m.set_justification("C0001", "Pas d'intérêt.")
    m.set_qualification("C0002", "chaud")
    m.filtre = "a_faire"
    assert "C0001" not in m.visible_ids and "C0002" in m.visible_ids
    assert len(m.visible_ids) == 11
    m.filtre = "chaud"
    assert m.visible_ids == ["C0002"]
    m.filtre = "tiede"
    assert m.filtre == "tiède" and m.visible_ids == []
    assert m.page_label() == "Aucun contact à afficher"
    with pytest.raises(Exception):
        m.filtre = "brulant"


def test_filter_is_a_snapshot_until_refresh(session):
    m = session.model
    m.filtre = "a_faire"
    m.set_qualification("C0001", "froid")
    m.set_justification("C0001", "Pas d'intérêt, garder la fiche.")
    assert "C0001" in m.visible_ids, "the card being edited must not vanish"
    m.refresh()
    assert "C0001" not in m.visible_ids


def test_paging_with_a_thousand_contacts(tmp_path):
    s = MissionSession(tmp_path, contacts=stub_contacts(1000), grader_hints=False)
    m = s.model
    assert m.page_count == 100
    assert [c.id for c in m.page_contacts()] == [f"C{i:04d}" for i in range(1, 11)]
    m.next_page()
    assert m.page_contacts()[0].id == "C0011" and m.has_previous
    m.page = 99
    assert m.page_contacts()[-1].id == "C1000" and not m.has_next
    m.next_page()
    assert m.page == 99
    m.page = -5
    assert m.page == 0 and not m.has_previous
    m.page_size = 25
    assert m.page_count == 40 and len(m.page_contacts()) == 25
    assert m.page_label() == "Page 1\u00a0/\u00a040 — contacts 1 à 25 sur 1000"


def test_changing_the_filter_goes_back_to_first_page(session):
    m = session.model
    m.page = 1
    m.filtre = "a_faire"
    assert m.page == 0


# ---------------------------------------------------------------- annex

def test_annex_rows_and_html(session):
    m = session.model
    m.set_qualification("C0002", "chaud")
    m.set_justification("C0002", "Projet <urgent> : rappeler")
    m.set_qualification("C0001", "froid")
    rows = m.annex_rows()
    assert [r["id"] for r in rows] == ["C0001", "C0002"]
    assert rows[1] == {"id": "C0002", "organisation": "Association n°2", "contact": "Camille Martin 2",
                       "classe": "chaud", "justification": "Projet <urgent> : rappeler"}
    html_ = m.annex_html()
    assert "Contacts froids" in html_ and "Contacts tièdes" in html_ and "Contacts chauds" in html_
    assert "&lt;urgent&gt;" in html_ and "<urgent>" not in html_
    cells = re.findall(r"<tr>(.*?)</tr>", html_.split("<tbody>")[1])
    assert len(cells) == 1  # one line: one froid and one chaud side by side


# ---------------------------------------------------------------- verify and hints

def test_verify_counts_and_names_without_any_class(session):
    m = session.model
    m.set_qualification("C0001", "froid")
    m.set_justification("C0001", "Aucun intérêt pour le moment : garder la fiche dans le CRM.")
    m.set_qualification("C0002", "chaud")
    m.set_justification("C0003", "Projet dans deux ans.")
    fb = m.verify()
    assert fb.total == 12 and fb.complete == 1
    assert "Association n°2" in fb.without_justification
    assert "Association n°3" in fb.without_class
    assert "Association n°1" not in fb.without_justification
    text = "\n".join(fb.lines())
    assert "1\u00a0/\u00a012 justifications complètes." in text
    assert "Association n°3" in text
    assert not re.search(r"froid|ti[eè]de|chaud", text, re.I), text


def test_verify_is_a_function_of_the_answers_only(tmp_path):
    """Same answers, different notes: the feedback may not differ by a correct class."""
    a = MissionSession(tmp_path / "a", contacts=stub_contacts(), grader_hints=False).model
    b = MissionSession(tmp_path / "b", contacts=stub_contacts(), grader_hints=False).model
    for m in (a, b):
        m.set_qualification("C0001", "chaud")  # a wrong class for "Pas intéressé"
        m.set_justification("C0001", "Intéressé, rappeler sous huit jours pour un rendez-vous.")
    assert a.verify().lines() == b.verify().lines()
    assert a.verify().complete == 1, "a wrong but well-argued answer is not flagged: no key leaks"


def test_board_never_imports_the_answer_key():
    code = (
        "import sys, json, tempfile\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_board_model import stub_contacts\n"
        "from prospection.board.view import MissionBoard\n"
        "b = MissionBoard(tempfile.mkdtemp(), contacts=stub_contacts())\n"
        "b.cards[0].justification.value = 'Intéressé, rappeler vite'\n"
        "b.check()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('grader', 'solutions')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert "grader.keys" not in modules and not any(m.startswith("solutions") for m in modules), modules
    sources = sorted((REPO / "prospection" / "board").glob("*.py"))
    assert sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for forbidden in ("_cles", "load_key", "grader.keys", ".key.json"):
            assert forbidden not in text, f"{path.name} mentions {forbidden}"


def test_hints_call_the_grader_with_the_documented_arguments(session):
    calls = []

    def fake(observations, date_salon, qualification, justification):
        calls.append((observations, date_salon, qualification, justification))
        return types.SimpleNamespace(interest=True, timing=False, action=True, feedback="Précisez le délai.")

    m = session.model
    m._grader_hints = fake
    m.set_qualification("C0002", "tiède")
    h = m.hints("C0002", "Intéressé, à relancer")
    assert calls[-1] == (OBSERVATIONS[1], dt.date(2024, 3, 15), "tiède", "Intéressé, à relancer")
    assert h.criteria == {"interet": True, "delai": False, "action": True}
    assert h.messages == ["Précisez le délai."] and h.source == "grader"


def test_hints_fall_back_when_the_grader_fails():
    def broken(*args):
        raise RuntimeError("boom")

    h = justification_hints("obs", None, None, "Intéressé, projet en septembre, à rappeler", broken)
    assert h.source == "simple" and h.criteria == {"interet": True, "delai": True, "action": True}
    assert simple_hints("").missing == ["interet", "delai", "action"]
    assert simple_hints("Projet dans deux ans").criteria == {"interet": True, "delai": True, "action": False}
    assert simple_hints("Pas intéressé", "froid").criteria == {"interet": True, "delai": None, "action": False}


def test_real_grader_hints_are_adapted():
    from grader.justifications import hints

    h = justification_hints("Pas intéressé.", dt.date(2024, 3, 15), "froid",
                            "Aucun intérêt : garder la fiche dans le CRM.", hints)
    assert h.source == "grader" and h.criteria["delai"] is None and h.criteria["interet"] is True
    h = justification_hints("Projet en mai.", dt.date(2024, 3, 15), "chaud", "", hints)
    assert h.missing == ["interet", "delai", "action"] and h.messages


def test_contacts_from_frame_cleans_missing_values():
    frame = pd.DataFrame([{"id": "X1", "organisation": "Club", "observations": None, "contact": float("nan")}])
    (c,) = contacts_from_frame(frame)
    assert c.id == "X1" and c.observations == "" and c.contact == ""


def test_duplicate_ids_are_refused():
    c = contacts_from_frame(pd.DataFrame([{"id": "X", "organisation": "A"}, {"id": "X", "organisation": "B"}]))
    with pytest.raises(ValueError, match="même identifiant"):
        BoardModel(c)


def test_app_refuses_a_missing_folder_in_french(tmp_path):
    out = subprocess.run([sys.executable, "-m", "prospection.board.app", "--dossier", str(tmp_path / "absent"),
                          "--no-browser"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "n'existe pas" in out.stderr and "Traceback" not in out.stderr


def test_app_command_serves_the_real_notebook_on_localhost_in_french(tmp_path):
    from prospection.board.app import APP_NOTEBOOK, app_command

    cmd, env = app_command(port=8123, open_browser=False, dossier=tmp_path, folder=tmp_path / "app")
    assert cmd[1:3] == ["-m", "voila"] and "--Voila.ip=127.0.0.1" in cmd and "--port=8123" in cmd
    assert "--no-browser" in cmd and "--template=mission_fr" in cmd
    assert env["PROSPECTION_MISSION_DOSSIER"] == str(tmp_path.resolve())
    notebook = Path(cmd[3])
    assert notebook.name == "Mission salon.ipynb" and notebook.read_bytes() == APP_NOTEBOOK.read_bytes()
    template = Path(env["JUPYTER_PATH"].split(os.pathsep)[0]) / "voila" / "templates" / "mission_fr"
    assert "Chargement du tableau" in (template / "spinner.macro.html.j2").read_text(encoding="utf-8")
    assert "Running" not in (template / "spinner.macro.html.j2").read_text(encoding="utf-8")
    # The thin notebook: one import, one call.
    import nbformat

    code = [c.source for c in nbformat.read(APP_NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    assert code == ["from prospection.board import afficher_tableau\n\nafficher_tableau()"]


def test_two_boards_on_one_folder_do_not_erase_each_other(tmp_path):
    a = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False).model
    b = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False).model
    a.set_qualification("C0001", "froid")
    b.set_qualification("C0002", "chaud")
    assert {k: v["qualification"] for k, v in read(tmp_path)["reponses"].items()} == {
        "C0001": "froid", "C0002": "chaud"}
    before = a.external
    a.set_justification("C0001", "Pas intéressé.")
    doc = read(tmp_path)["reponses"]
    assert doc["C0002"]["qualification"] == "chaud" and doc["C0001"]["justification"] == "Pas intéressé."
    assert a.qualification("C0002") == "chaud" and a.external == before + 1
    # The contact being edited always takes the board's value.
    b.set_qualification("C0001", "tiède")
    assert read(tmp_path)["reponses"]["C0001"]["qualification"] == "tiède"
    assert read(tmp_path)["reponses"]["C0001"]["justification"] == "Pas intéressé."


def test_file_damaged_while_the_board_is_open_is_kept_aside(session, tmp_path):
    session.model.set_qualification("C0001", "froid")
    (tmp_path / storage.ANSWERS_FILENAME).write_text("{ abîmé", encoding="utf-8")
    session.model.set_qualification("C0002", "chaud")
    aside = list(tmp_path.glob("reponses.corrompu-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{ abîmé"
    assert {k: v["qualification"] for k, v in read(tmp_path)["reponses"].items()} == {
        "C0001": "froid", "C0002": "chaud"}
    assert "mis de côté" in " ".join(session.take_notices())


def test_a_board_on_another_file_in_another_tab_erases_nothing(tmp_path):
    a = MissionSession(tmp_path, contacts=stub_contacts(name="a.xlsx"), grader_hints=False)
    a.model.set_qualification("C0001", "froid")
    b = MissionSession(tmp_path, contacts=stub_contacts(name="b.xlsx"), grader_hints=False)
    b.model.set_qualification("C0002", "chaud")
    a.model.set_qualification("C0003", "tiède")  # tab A still on a.xlsx writes the shared file
    kept = storage.load_answers(tmp_path / "reponses.b.json")
    assert kept["fichier_contacts"] == "b.xlsx" and kept["reponses"]["C0002"]["qualification"] == "chaud"
    current = read(tmp_path)
    assert current["fichier_contacts"] == "a.xlsx"
    assert {k: v["qualification"] for k, v in current["reponses"].items()} == {"C0001": "froid", "C0003": "tiède"}
    assert "reponses.b.json" in " ".join(a.take_notices())


def test_app_refuses_a_busy_port_in_french(tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "prospection.board.app", "--port", str(port), "--no-browser",
                              "--dossier", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "déjà utilisé" in out.stderr and "Traceback" not in out.stderr


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.dictionaries(st.text(min_size=1, max_size=12), st.tuples(
    st.sampled_from([None, "froid", "tiède", "chaud", "tiede", "CHAUD"]), _TEXT), max_size=8))
def test_any_answers_survive_a_save_and_load(tmp_path_factory, entries):
    path = tmp_path_factory.mktemp("rt") / storage.ANSWERS_FILENAME
    doc = storage.empty_answers("x.xlsx", "2024-03-15")
    for cid, (cls, text) in entries.items():
        doc["reponses"][cid] = {"organisation": cid, "qualification": cls, "justification": text,
                                "modifie_le": "2024-03-16T10:00:00+01:00"}
    storage.save_answers(path, doc)
    back = storage.load_answers(path)
    assert set(back["reponses"]) == set(entries)
    for cid, (cls, text) in entries.items():
        assert back["reponses"][cid]["justification"] == text
        assert back["reponses"][cid]["qualification"] == storage.normalize_class(cls)


def test_a_text_typed_while_the_previous_keystroke_is_saved_is_never_lost(tmp_path, monkeypatch):
    """ipykernel 7 may run two widget messages at once: two keystrokes' saves then overlap."""
    import threading
    import time

    from prospection.board import model as board_model

    monkeypatch.setattr(board_model, "now_iso", lambda: "2026-11-28T19:57:38Z")  # all in one second
    session = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False)
    model = session.model
    model.set_justification("C0001", "Pas i")  # the first keystrokes, saved
    real_save = storage.save_answers
    saving = threading.Event()

    def slow_save(path, doc):  # the first save is still writing when the second message runs
        if not saving.is_set():
            saving.set()
            time.sleep(0.3)
        real_save(path, doc)

    monkeypatch.setattr(storage, "save_answers", slow_save)
    first = threading.Thread(target=model.set_justification, args=("C0001", "Pas intéressé : fiche CRM."))
    first.start()
    saving.wait(5)
    model.set_qualification("C0002", "chaud")  # the next card, while C0001's text is being saved
    first.join(5)
    model.set_justification("C0003", "Projet dans deux ans.")
    answers = read(tmp_path)["reponses"]
    assert answers["C0001"]["justification"] == "Pas intéressé : fiche CRM."
    assert answers["C0002"]["qualification"] == "chaud"
    assert model.justification("C0001") == "Pas intéressé : fiche CRM."


def test_the_files_old_copy_of_an_answer_never_wins_over_the_boards_newer_text(tmp_path):
    """Within one second, the file's copy of the board's own previous keystroke is no news."""
    session = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False)
    model = session.model
    model.set_justification("C0001", "Pas i")
    stamp = read(tmp_path)["reponses"]["C0001"]["modifie_le"]
    # The board's newer text, stamped the same second, not yet written (a save in flight).
    model.doc["reponses"]["C0001"] = {**model.doc["reponses"]["C0001"], "justification": "Pas intéressé.",
                                      "modifie_le": stamp}
    model.set_qualification("C0002", "chaud")
    assert read(tmp_path)["reponses"]["C0001"]["justification"] == "Pas intéressé."
    # Another tab's answer of the same second still comes in (the file wins a tie).
    other = MissionSession(tmp_path, contacts=stub_contacts(), grader_hints=False).model
    other.doc["reponses"]["C0001"] = {**other.doc["reponses"]["C0001"], "justification": "Texte de l'autre onglet.",
                                      "modifie_le": stamp}
    other.save()
    model.set_qualification("C0003", "tiède")
    assert model.justification("C0001") == "Texte de l'autre onglet."
