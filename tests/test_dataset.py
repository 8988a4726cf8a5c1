"""Facts the course relies on about the salon mission's contacts file, and its generator."""

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grader.keys import load_key
from grader import dataset
from grader.dataset import COLUMNS, SHEET_CONTACTS, SHEET_PRESENTATION, generate, write_dataset

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "datasets" / "contacts_salon_clubs_associations.xlsx"


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(BUNDLED)


def test_sheets_are_presentation_then_contacts(workbook):
    assert workbook.sheetnames == ["Présentation", "Contacts"]


def test_presentation_names_the_company_and_a_saturday_salon_in_2026(workbook):
    ws = workbook[SHEET_PRESENTATION]
    assert ws["A1"].value == "Contacts Prospects – Clubs et associations"
    fields = {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}
    assert fields["Entreprise"] == "Équip'Asso Anjou"
    assert "Salon" in fields and "Lieu" in fields
    salon_date = fields["Date du salon"]
    assert isinstance(salon_date, datetime)
    assert salon_date.date() == date(2026, 10, 10) and salon_date.weekday() == 5
    assert fields["Nombre de contacts"] == 27


def test_contacts_sheet_columns_and_row_count(workbook):
    rows = list(workbook[SHEET_CONTACTS].iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS + ["Consentement (salon)"]
    assert COLUMNS == ["N°", "Organisation", "Type", "Interlocuteur", "Fonction", "Téléphone", "E-mail",
                       "Ville", "Observations"]
    body = rows[1:]
    assert len(body) == 27
    assert [r[0] for r in body] == [f"C{i:02d}" for i in range(1, 28)]
    for r in body:
        assert all(isinstance(v, str) and v.strip() for v in r[:9]), r
        assert r[9] is None or isinstance(r[9], str), r  # an empty consent cell: not recorded
        assert re.fullmatch(r"0\d( \d\d){4}", r[5]), r[5]
        assert "@" in r[6]


def test_contacts_are_varied_clubs_and_associations(workbook):
    body = list(workbook[SHEET_CONTACTS].iter_rows(min_row=2, values_only=True))
    assert len({r[2] for r in body}) >= 20
    assert len({r[1] for r in body}) == 27


def test_observations_use_french_typography(workbook):
    for r in workbook[SHEET_CONTACTS].iter_rows(min_row=2, values_only=True):
        assert not re.search(r" [:;?!]|« | »", r[8]), r[8]


def test_answer_key_is_balanced_and_covers_every_contact():
    key = load_key("contacts_salon_clubs_associations")
    assert key["date_salon"] == "2026-10-10"
    assert list(key["contacts"]) == [f"C{i:02d}" for i in range(1, 28)]
    assert Counter(e["classe"] for e in key["contacts"].values()) == {"froid": 9, "tiède": 9, "chaud": 9}
    for entry in key["contacts"].values():
        assert entry["preuves"] and entry["action"]


def test_key_evidence_quotes_the_notes(workbook):
    key = load_key()
    notes = {r[0]: r[8] for r in workbook[SHEET_CONTACTS].iter_rows(min_row=2, values_only=True)}
    for cid, entry in key["contacts"].items():
        for quote in entry["preuves"]:
            assert quote.lower() in notes[cid].lower(), (cid, quote)


def test_key_never_leaves_the_instructor_sources():
    keys = list((ROOT / "solutions" / "_cles").glob("*.key.json"))
    assert keys
    released = [p for folder in ("datasets", "exercises", "course") for p in (ROOT / folder).rglob("*")
                if p.is_file()]
    assert released  # at least the datasets
    for path in released:
        assert not path.name.endswith(".key.json")
        if path.suffix in (".json", ".ipynb", ".md", ".py"):
            text = path.read_text("utf-8", errors="ignore")
            assert '"preuves":' not in text and '\\"preuves\\":' not in text, path


def test_regenerating_the_bundled_file_gives_the_committed_bytes(tmp_path):
    out = write_dataset(dataset.bundled(), tmp_path / "again.xlsx")
    assert hashlib.sha256(out.read_bytes()).hexdigest() == hashlib.sha256(BUNDLED.read_bytes()).hexdigest()


def test_same_seed_same_bytes_other_seed_other_content(tmp_path):
    a = write_dataset(generate(7, 30), tmp_path / "a.xlsx").read_bytes()
    b = write_dataset(generate(7, 30), tmp_path / "b.xlsx").read_bytes()
    c = write_dataset(generate(8, 30), tmp_path / "c.xlsx").read_bytes()
    assert a == b
    assert a != c


def test_variant_classes_are_balanced_and_keyed():
    ds = generate(11, 30)
    assert len(ds.contacts) == 30
    assert Counter(e["classe"] for e in ds.key["contacts"].values()) == {"froid": 10, "tiède": 10, "chaud": 10}
    notes = {c["id"]: c["observations"] for c in ds.contacts}
    for cid, entry in ds.key["contacts"].items():
        for quote in entry["preuves"]:
            assert quote in notes[cid]


def test_cli_writes_a_variant_and_its_key(tmp_path):
    out, key = tmp_path / "v.xlsx", tmp_path / "v.key.json"
    cmd = [sys.executable, "-m", "grader", "dataset", "--seed", "3", "--contacts", "24", "--out", str(out),
           "--cle", str(key)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "24 contacts" in done.stdout
    assert len(json.loads(key.read_text("utf-8"))["contacts"]) == 24
    assert load_workbook(out).sheetnames == ["Présentation", "Contacts"]


def test_cli_refuses_bad_options_in_french(tmp_path):
    done = subprocess.run([sys.executable, "-m", "grader", "dataset", "--contacts", "5"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert "Erreur" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "grader", "dataset", "--seed", "x"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_load_key_errors_are_french(tmp_path):
    from grader.keys import AnswerKeyError

    with pytest.raises(AnswerKeyError, match="introuvable"):
        load_key("absente")
    bad = tmp_path / "x.key.json"
    bad.write_text('{"date_salon": "2026-10-10", "contacts": {"C01": {"classe": "brûlant"}}}', encoding="utf-8")
    with pytest.raises(AnswerKeyError, match="classe inconnue"):
        load_key(path=bad)
    bad.write_text('{"date_salon": "2026-10-10", "contacts": {"C01": {"classe": "Tiede"}}}', encoding="utf-8")
    assert load_key(path=bad)["contacts"]["C01"]["classe"] == "tiède"
