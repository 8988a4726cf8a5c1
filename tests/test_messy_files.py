"""Teachers' own messy contacts files (``tests/messy_files.py``), end to end.

Every variant goes through the three doors a teacher's file takes: the loader, the review
workflow (``python -m grader cle`` → review workbook → edited as a teacher would →
``--valider`` → key) and the learner's upload in the mission board. Each one either reads
the right contacts (organisations and observations read back, in order) or says in French
what is wrong and where; never a traceback, and the teacher's file is never modified.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import load_workbook

from grader import cle
from prospection.board import storage
from prospection.board.session import MissionSession
from prospection.loader import ContactsFileError, load_contacts

from messy_files import BASE, OBS, ORGS, SALON, Variant, _csv, _xlsx, variants

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = variants()
LOADING = [v for v in VARIANTS if not v.error]
FAILING = [v for v in VARIANTS if v.error]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: sha(p) for p in folder.iterdir() if p.is_file()}


def test_the_generator_covers_both_outcomes():
    assert len(VARIANTS) >= 30 and LOADING and FAILING
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)
    assert {v.suffix for v in VARIANTS} == {".xlsx", ".xls", ".ods", ".csv"}
    assert any(v.no_date for v in LOADING) and any(v.salon_date for v in LOADING)
    assert any(v.warnings for v in LOADING)


@pytest.fixture(params=VARIANTS, ids=[v.name for v in VARIANTS])
def written(request, tmp_path):
    variant: Variant = request.param
    teacher = tmp_path / "enseignant"
    teacher.mkdir()
    path = variant.write(teacher)
    assert path.is_file() and path.stat().st_size > 0
    return variant, path


def check_read(variant: Variant, frame) -> None:
    assert list(frame["organisation"]) == variant.organisations
    assert list(frame["observations"]) == variant.observations
    if variant.ids is not None:
        assert list(frame["id"]) == variant.ids
    assert frame["id"].is_unique and all(frame["id"])


def check_message(variant: Variant, message: str, filename: str) -> None:
    assert "Traceback" not in message and "Error" not in message
    assert f"«\u00a0{filename}\u00a0»" in message
    for piece in variant.error:
        assert piece in message


# --- (a) the loader ---------------------------------------------------------------------------


def test_loader(written):
    variant, path = written
    before = folder_state(path.parent)
    if variant.error:
        with pytest.raises(ContactsFileError) as info:
            load_contacts(path)
        check_message(variant, info.value.message, path.name)
        assert info.value.row and info.value.column and info.value.sheet
    else:
        contacts = load_contacts(path)
        check_read(variant, contacts.frame)
        assert len(contacts.rows) == len(contacts.frame)
        date = contacts.salon.date if contacts.salon else None
        if variant.salon_date or variant.no_date:
            assert date == variant.salon_date
        notices = contacts.avertissements
        if variant.warnings:
            assert notices
            assert all(any(piece in n for n in notices) for piece in variant.warnings), notices
        else:
            assert notices == []
    assert folder_state(path.parent) == before


# --- (b) the review workflow: grader cle → edit → --valider -------------------------------------


def fill_as_teacher(review: Path) -> int:
    """Fills every empty « Classe retenue » with the proposed class (openpyxl), as a teacher would."""
    wb = load_workbook(review)
    ws = wb["Revue"]
    header = [c.value for c in ws[1]]
    chosen, proposed = header.index("Classe retenue") + 1, header.index("Classe proposée") + 1
    filled = 0
    for r in range(2, ws.max_row + 1):
        if not ws.cell(r, chosen).value:
            ws.cell(r, chosen).value = ws.cell(r, proposed).value
            filled += 1
    wb.save(review)
    return filled


def read_review_rows(review: Path) -> list[dict]:
    ws = load_workbook(review, read_only=True)["Revue"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    return [dict(zip(header, r)) for r in rows[1:]]


def test_grader_cle(written, tmp_path, capsys):
    variant, path = written
    before = folder_state(path.parent)
    review = tmp_path / "revue.xlsx"
    args = [str(path), "--sortie", str(review)]
    if variant.error:
        assert cle.main(args + ["--date-salon", SALON.isoformat()]) == 1
        err = capsys.readouterr().err
        assert err.startswith("Erreur\u00a0:")
        check_message(variant, err, path.name)
        assert not review.exists()
        assert folder_state(path.parent) == before
        return
    if variant.no_date:
        # No date in the file: a French question, not a guess.
        assert cle.main(args) == 1
        err = capsys.readouterr().err
        assert "date du salon" in err and "--date-salon" in err and path.name in err
        assert not review.exists()
        args += ["--date-salon", SALON.isoformat()]
    elif not variant.salon_date:
        args += ["--date-salon", SALON.isoformat()]
    assert cle.main(args) == 0
    out = capsys.readouterr().out
    assert "Classeur de relecture écrit" in out
    for piece in variant.warnings:
        assert piece in out
    rows = read_review_rows(review)
    by_line = sorted(rows, key=lambda r: r["Ligne du fichier"])
    assert [r["Organisation"] for r in by_line] == variant.organisations
    assert [r["Observations"] or "" for r in by_line] == variant.observations
    meta = dict(load_workbook(review, read_only=True)["_meta"].iter_rows(values_only=True))
    assert meta["date_salon"] == SALON.isoformat() and meta["empreinte"] == sha(path)
    # The teacher decides the uncertain ones, then validates: a key for exactly these contacts.
    fill_as_teacher(review)
    key_path = tmp_path / "cle.key.json"
    assert cle.main(["--valider", str(review), "--sortie", str(key_path)]) == 0
    key = json.loads(key_path.read_text(encoding="utf-8"))
    ids = list(load_contacts(path).frame["id"])
    assert sorted(key["contacts"]) == sorted(ids)
    assert [key["contacts"][i]["organisation"] for i in ids] == variant.organisations
    # What the release ships to learners: the contacts rewritten as the mission's tidy file.
    contacts = load_contacts(path)
    cle.check_key_matches(contacts, key)
    from grader.dataset import write_dataset

    tidy = write_dataset(cle.tidy_dataset(contacts, SALON), tmp_path / "mission" / "contacts.xlsx")
    shipped = load_contacts(tidy)
    assert list(shipped.frame["id"]) == ids and shipped.salon.date == SALON
    assert list(shipped.frame["organisation"]) == variant.organisations
    assert list(shipped.frame["observations"]) == variant.observations
    assert folder_state(path.parent) == before


def test_grader_cle_command_line_on_a_messy_csv(tmp_path):
    """The real command, as a teacher types it, on one variant of each outcome."""
    good = next(v for v in LOADING if v.name == "csv_google_sheets")
    bad = next(v for v in FAILING)
    path, wrong = good.write(tmp_path), bad.write(tmp_path)
    done = subprocess.run([sys.executable, "-m", "grader", "cle", str(path), "--date-salon", SALON.isoformat()],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"{path.stem}_revue.xlsx").is_file()
    done = subprocess.run([sys.executable, "-m", "grader", "cle", str(wrong), "--date-salon", SALON.isoformat()],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert all(piece in done.stderr for piece in bad.error)


# --- (c) the learner's upload in the mission board ----------------------------------------------


def test_board_upload(written, tmp_path):
    variant, path = written
    before = folder_state(path.parent)
    board = tmp_path / "eleve"
    session = MissionSession(board, grader_hints=False)
    shown_before = [c.organisation for c in session.model.contacts]
    result = session.upload(path.name, path.read_bytes())
    if variant.error:
        assert not result.ok
        check_message(variant, result.message, path.name)
        assert [c.organisation for c in session.model.contacts] == shown_before  # the board is kept
        assert not (board / path.name).exists()
    else:
        assert result.ok, result.message
        assert f"{len(variant.organisations)} contacts" in result.message
        for piece in variant.warnings:  # what the reading left aside is said to the learner too
            assert piece in result.message
        assert ".televersement-" not in result.message
        contacts = session.model.contacts
        assert [c.organisation for c in contacts] == variant.organisations
        assert [c.observations for c in contacts] == variant.observations
        if variant.salon_date or variant.no_date:
            assert session.model.date_salon == variant.salon_date
        assert (board / path.name).read_bytes() == path.read_bytes()
        # The learner can work on it, with or without a salon date in the file.
        first = contacts[0].id
        assert session.model.set_qualification(first, "chaud")
        session.model.set_justification(first, "Très intéressé, projet pour le 20 novembre\u00a0: rappeler.")
        assert session.model.hints(first).criteria
        saved = storage.load_answers(board / storage.ANSWERS_FILENAME)  # written on disk, read back
        assert saved["fichier_contacts"] == path.name and saved["reponses"][first]["qualification"] == "chaud"
    assert not list(board.glob(".televersement-*"))
    assert folder_state(path.parent) == before


# --- the habits combined at random ---------------------------------------------------------------

HEADERS = {"id": ["N°", "Réf.", "N° fiche"], "org": ["Organisation", "Nom de la structure", "Association", "CLUB "],
           "contact": ["Interlocuteur", "Personne rencontrée", "Contact"], "tel": ["Tél.", "Portable", "TELEPHONE"],
           "obs": ["Observations", "Remarques", "Commentaires", "Notes\n(salon)", "OBSERVATIONS "]}


@st.composite
def messy_layouts(draw):
    order = draw(st.permutations(["id", "org", "contact", "tel", "obs"] if draw(st.booleans())
                                 else ["org", "contact", "tel", "obs"]))
    header = [draw(st.sampled_from(HEADERS[k])) for k in order]
    rows = [[t] for t in draw(st.lists(st.sampled_from(["Salon des associations", "Relevé du stand", "Confidentiel"]),
                                       max_size=3))]
    rows += [[]] * draw(st.integers(0, 1)) + [header]
    sections = draw(st.booleans())
    values = {"id": lambda k, c: f"F{k}", "org": lambda k, c: c[0], "contact": lambda k, c: c[1],
              "tel": lambda k, c: c[2], "obs": lambda k, c: c[3]}
    for k, contact in enumerate(BASE, 1):
        if sections and k in (1, 4):
            rows += [[]] + [[None] * order.index("org") + [f"Section {k}"]]
        else:
            rows += [[]] * draw(st.integers(0, 2))
        rows.append([values[c](k, contact) for c in order])
    if draw(st.booleans()):
        rows += [[], [None] * order.index("org") + ["Total"] + [None] * (len(order) - order.index("org") - 1)]
        rows[-1][(order.index("org") + 1) % len(order)] = 5
    if draw(st.booleans()):
        rows += [[], [], [None] * order.index("obs") + ["Notes générales\u00a0: commander des flyers."],
                 [None] * order.index("obs") + ["Relancer la mairie."]]
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(messy_layouts(), st.sampled_from([".xlsx", ".csv"]))
def test_messy_habits_combined_read_the_same_contacts(tmp_path, rows, suffix):
    path = tmp_path / f"melange{suffix}"
    (_xlsx(rows) if suffix == ".xlsx" else _csv(rows, encoding="cp1252"))(path)
    before = sha(path)
    contacts = load_contacts(path)
    assert list(contacts.frame["organisation"]) == ORGS
    assert list(contacts.frame["observations"]) == OBS
    assert sha(path) == before
