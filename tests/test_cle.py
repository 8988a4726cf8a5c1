"""A teacher's own contacts file → review workbook → edited as a teacher would → key → release.

The contacts file is a CSV as Excel on Windows writes it (« CSV (séparateur : point-virgule) »):
Windows-1252, « ; », CRLF, a title line and an empty line above the header, notes with line
breaks inside quotes. Everything runs through the real command line (``python -m grader``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grader import cle
from grader.dataset import CANONICAL, COLUMNS, generate
from prospection.loader import load_contacts

ROOT = Path(__file__).resolve().parent.parent
SALON = "2026-10-10"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=600)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def excel_windows_csv(path: Path, n: int = 12, seed: int = 5) -> dict:
    """Writes a variant's contacts as Excel on Windows exports them; returns the variant's key."""
    ds = generate(seed, n)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Salon des associations de Maine-et-Loire – samedi 10 octobre 2026"] + [""] * 8)
    writer.writerow([""] * 9)
    writer.writerow(COLUMNS)
    for k, c in enumerate(ds.contacts):
        row = [c[col].replace("\u202f", "\u00a0") for col in CANONICAL]
        if k % 3 == 0:  # notes typed on two lines in the cell (Alt+Entrée)
            row[-1] = row[-1].replace(". ", ".\n", 1)
        writer.writerow(row)
    path.write_bytes(out.getvalue().encode("cp1252"))
    return ds.key


def edit_as_teacher(review: Path, truth: dict, open_id: str, corrected_id: str) -> None:
    """Fills the empty cells with the true class, opens one contact, corrects one (openpyxl)."""
    wb = load_workbook(review)
    ws = wb["Revue"]
    header = [c.value for c in ws[1]]
    col_id, col_choice = header.index("N°") + 1, header.index("Classe retenue") + 1
    for r in range(2, ws.max_row + 1):
        cid = ws.cell(r, col_id).value
        cell = ws.cell(r, col_choice)
        if cid == open_id:
            cell.value = "froid ou tiède"
        elif cid == corrected_id or cell.value in (None, ""):
            cell.value = truth[cid]["classe"]
    wb.save(review)


def test_excel_csv_round_trip_propose_edit_validate(tmp_path):
    source = tmp_path / "mes_contacts.csv"
    key_truth = excel_windows_csv(source)["contacts"]
    assert source.read_bytes().count(b"\r\n") >= 14 and b";" in source.read_bytes()
    before = sha(source)
    review = tmp_path / "revue.xlsx"
    done = run("cle", str(source), "--date-salon", SALON, "--sortie", str(review))
    assert done.returncode == 0, done.stderr
    assert "Classeur de relecture écrit" in done.stdout
    assert sha(source) == before  # the teacher's file is only read

    wb = load_workbook(review)
    assert wb.sheetnames[:2] == ["Revue", "Mode d'emploi"]
    assert wb["_meta"].sheet_state == "hidden"
    ws = wb["Revue"]
    assert ws.freeze_panes == "C2"
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    assert sorted(r["N°"] for r in rows) == sorted(key_truth)
    # Uncertain first, highlighted, and left for the teacher to decide.
    flags = [r["À vérifier"] for r in rows]
    assert flags == sorted(flags, key=lambda f: f != "oui")
    for r_index, r in enumerate(rows, start=2):
        fill = ws.cell(r_index, 1).fill.fgColor.rgb
        if r["À vérifier"] == "oui":
            assert r["Classe retenue"] is None and fill.endswith("FFF2CC")
        else:
            assert r["Classe retenue"] == r["Classe proposée"] and not fill.endswith("FFF2CC")
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].type == "list"
    assert "froid ou tiède" in validations[0].formula1 and "tiède ou chaud" in validations[0].formula1
    letter = "ABCDEFGHIJKLM"[header.index("Classe retenue")]
    assert str(validations[0].sqref) == f"{letter}2:{letter}{len(rows) + 1}"
    # Notes with a line break in the cell came through the CSV intact.
    assert any("\n" in r["Observations"] for r in rows)
    assert any("\u00a0:" in (ws_help.value or "") for ws_help in wb["Mode d'emploi"]["A"])

    ids = sorted(key_truth)
    open_id = ids[0]
    confident = [r["N°"] for r in rows if r["À vérifier"] == "non"]
    corrected_id = confident[-1]
    edit_as_teacher(review, key_truth, open_id, corrected_id)
    key_path = tmp_path / "cle.key.json"
    done = run("cle", "--valider", str(review), "--sortie", str(key_path))
    assert done.returncode == 0, done.stderr
    key = json.loads(key_path.read_text("utf-8"))
    assert key["date_salon"] == SALON and key["fichier"] == "mes_contacts.csv"
    assert key["empreinte"] == before
    assert list(key["contacts"]) == ids
    for cid, entry in key["contacts"].items():
        if cid == open_id:
            assert entry["classes_acceptees"] == ["froid", "tiède"]
            assert entry["classe"] in ("froid", "tiède")
        else:
            assert "classes_acceptees" not in entry
            assert entry["classe"] == key_truth[cid]["classe"] or entry["classe"] == next(
                r["Classe proposée"] for r in rows if r["N°"] == cid)
        assert entry["action"] and entry["organisation"]
    assert key["contacts"][corrected_id]["classe"] == key_truth[corrected_id]["classe"]
    # Each contact carries its notes as the file has them (line breaks included): the
    # justifications are graded against them, not against the bundled file's notes.
    frame = load_contacts(source).frame
    assert {cid: e["observations"] for cid, e in key["contacts"].items()} == dict(
        zip(frame["id"].astype(str), frame["observations"]))
    # Running the commands again never overwrites the teacher's edited workbook nor their key.
    edited = review.read_bytes()
    done = run("cle", str(source), "--date-salon", SALON, "--sortie", str(review))
    assert done.returncode == 0 and "conservé" in done.stdout
    [old_review] = tmp_path.glob("revue.ancien-*.xlsx")
    assert old_review.read_bytes() == edited
    done = run("cle", "--valider", str(old_review), "--sortie", str(key_path))
    assert done.returncode == 0 and "conservée" in done.stdout
    [old_key] = tmp_path.glob("cle.ancien-*.key.json")
    assert json.loads(old_key.read_text("utf-8")) == key


def test_validation_errors_name_the_row_and_write_nothing(tmp_path):
    source = tmp_path / "contacts.csv"
    excel_windows_csv(source, n=6, seed=11)
    review = tmp_path / "revue.xlsx"
    assert run("cle", str(source), "--date-salon", SALON, "--sortie", str(review)).returncode == 0
    wb = load_workbook(review)
    ws = wb["Revue"]
    header = [c.value for c in ws[1]]
    col = header.index("Classe retenue") + 1
    for r in range(2, ws.max_row + 1):
        ws.cell(r, col).value = "chaud"
    ws.cell(3, col).value = None
    ws.cell(5, col).value = "brûlant"
    wb.save(review)
    key_path = tmp_path / "cle.key.json"
    done = run("cle", "--valider", str(review), "--sortie", str(key_path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "ligne 3" in done.stderr and "vide" in done.stderr
    assert "ligne 5" in done.stderr and "«\u00a0brûlant\u00a0»" in done.stderr
    assert not key_path.exists()


def test_cli_errors_are_french_without_traceback(tmp_path):
    done = run("cle", str(tmp_path / "absent.csv"), "--date-salon", SALON)
    assert done.returncode == 1 and "introuvable" in done.stderr and "Traceback" not in done.stderr
    source = tmp_path / "contacts.csv"
    source.write_text("Organisation;Observations\nChorale;Très intéressée\n", encoding="utf-8")
    done = run("cle", str(source), "--date-salon", "10/10/2026")
    assert done.returncode == 1 and "AAAA-MM-JJ" in done.stderr
    done = run("cle", str(source))
    assert done.returncode == 1 and "--date-salon" in done.stderr
    done = run("cle", "--valider", str(source))
    assert done.returncode == 1 and "«\u00a0Revue\u00a0»" in done.stderr


def test_key_must_match_the_contacts_file(tmp_path):
    source = tmp_path / "contacts.csv"
    excel_windows_csv(source, n=6, seed=2)
    contacts = load_contacts(source)
    key = {"date_salon": SALON, "contacts": {"C01": {"classe": "froid"}, "X9": {"classe": "chaud"}}}
    with pytest.raises(cle.CleError) as err:
        cle.check_key_matches(contacts, key, "cle.key.json")
    assert "C02" in str(err.value) and "X9" in str(err.value)


def test_context_form_is_stored_beside_the_file_and_used_for_the_mission_file(tmp_path):
    source = tmp_path / "contacts.csv"
    excel_windows_csv(source, n=6, seed=4)
    done = run("cle", str(source), "--date-salon", SALON, "--entreprise", "Broderies Martin",
               "--offre", "Maillots et sacs brodés pour les clubs", "--salon", "Forum des associations d'Angers")
    assert done.returncode == 0, done.stderr
    ctx = cle.load_context(source)
    assert ctx == {"entreprise": "Broderies Martin", "offre": "Maillots et sacs brodés pour les clubs",
                   "salon": "Forum des associations d'Angers", "date_salon": SALON}
    ds = cle.tidy_dataset(load_contacts(source), date(2026, 10, 10), ctx)
    assert ds.salon["entreprise"] == "Broderies Martin"
    assert ds.salon["activite"] == "Maillots et sacs brodés pour les clubs"


@pytest.mark.slow
def test_release_uses_the_teachers_file_and_key(tmp_path):
    source = tmp_path / "mes_contacts.csv"
    truth = excel_windows_csv(source, n=9, seed=8)["contacts"]
    review = tmp_path / "revue.xlsx"
    assert run("cle", str(source), "--date-salon", SALON, "--sortie", str(review)).returncode == 0
    edit_as_teacher(review, truth, open_id="C02", corrected_id="C03")
    key_path = tmp_path / "cle.key.json"
    assert run("cle", "--valider", str(review), "--sortie", str(key_path)).returncode == 0
    classe = tmp_path / "classe"
    done = run("release", "04_mission_salon", "--classe", str(classe), "--contacts", str(source),
               "--cle", str(key_path))
    assert done.returncode == 0, done.stdout + done.stderr
    released = classe / "release" / "04_mission_salon" / "contacts_salon_clubs_associations.xlsx"
    loaded, original = load_contacts(released), load_contacts(source)
    assert list(loaded.frame["id"]) == list(original.frame["id"])
    assert list(loaded.frame["observations"]) == list(original.frame["observations"])
    assert str(loaded.salon.date) == SALON
    settings = json.loads((classe / "classe.json").read_text("utf-8"))
    stored = Path(settings["reponses"]["04_mission_salon"]["cle"])
    stored = stored if stored.is_absolute() else classe / stored   # the settings keep paths relative
    assert stored == classe / "cles" / "04_mission_salon.key.json"
    assert json.loads(stored.read_text("utf-8"))["contacts"]["C02"]["classes_acceptees"] == ["froid", "tiède"]
    assert [e["observations"] for e in json.loads(stored.read_text("utf-8"))["contacts"].values()] == list(
        original.frame["observations"])
    assert not list((classe / "release").rglob("*.key.json"))
    assert (classe / "a_distribuer" / "04_mission_salon.zip").is_file()
    # The public spec released beside the notebook, the notebook's file and the key grading
    # reads all describe the teacher's contacts (not the bundled mission's).
    from grader.toolchain.nbg import spec_and_key

    released_spec = json.loads((classe / "release" / "04_mission_salon" / "questions.json").read_text("utf-8"))
    public, key = spec_and_key(classe, "04_mission_salon", "n_importe_qui")
    assert public == released_spec and key == json.loads(stored.read_text("utf-8"))
    [items] = [q["items"] for q in public["questions"] if q["type"] == "qualification"]
    assert [i["id"] for i in items] == list(original.frame["id"]) == list(key["contacts"])
    assert [i["observations"] for i in items] == list(original.frame["observations"])
    assert public["contexte"] == {"fichier_contacts": released.name, "date_salon": SALON}
    # Two learners hand in answers, graded through the real autograde: the open contact accepts
    # either of its two classes, any other class loses its point.
    from prospection import annexe

    def hand_in(login: str, c02: str) -> None:
        values = {cid: {"classe": e["classe"], "justification": f"{' ; '.join(e['preuves'])}. {e['action']}."}
                  for cid, e in key["contacts"].items()}
        values["C02"]["classe"] = c02
        folder = classe / "submitted" / login / "04_mission_salon"
        folder.mkdir(parents=True)
        shutil.copy(classe / "release" / "04_mission_salon" / "04_mission_salon.ipynb", folder)
        (folder / "reponses.json").write_text(json.dumps({
            "schema": "prospection-reponses", "version": 2, "exercice": "04_mission_salon", "variante": "enseignant",
            "contexte": public["contexte"], "modifie_le": "2026-11-28T08:00:00Z",
            "questions": {"qualification": {"valeur": values, "modifie_le": "2026-11-28T08:00:00Z"}}},
            ensure_ascii=False), "utf-8")
        annexe.write_annexe([(cid, v["classe"], v["justification"]) for cid, v in values.items()],
                            folder / "annexe_salon.xlsx")

    other_open = "tiède" if key["contacts"]["C02"]["classe"] == "froid" else "froid"
    hand_in("lea", other_open)
    hand_in("tom", "chaud")
    done = run("autograde", "--classe", str(classe), "--silencieux")
    assert done.returncode == 0, done.stdout + done.stderr
    from grader.toolchain.grades import read_scores
    from grader.toolchain.workspace import Classe

    scores = read_scores(Classe.open(classe))
    classes = {sid: scores[sid]["04_mission_salon"]["questions"]["04_mission_salon:test_classes"][0]
               for sid in ("lea", "tom")}
    assert classes == {"lea": 10.0, "tom": round(10 * 8 / 9, 2)}
    assert scores["lea"]["04_mission_salon"]["questions"]["04_mission_salon:test_annexe"][0] == 2.0
    # The released notebook holds no contact of its own: it shows the file beside it (the
    # teacher's) through the board; nothing of the bundled mission is left in it.
    import nbformat

    from grader.dataset import bundled

    nb = nbformat.read(classe / "release" / "04_mission_salon" / "04_mission_salon.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    bundled_orgs = [c["organisation"] for c in bundled().contacts]
    assert bundled_orgs and not [o for o in bundled_orgs if o in text]
    assert "BEGIN SOLUTION" not in text
    # A key made for another file is refused, in French.
    other = tmp_path / "autre.csv"
    excel_windows_csv(other, n=4, seed=9)
    done = run("release", "04_mission_salon", "--classe", str(classe), "--contacts", str(other),
               "--cle", str(key_path))
    assert done.returncode == 1 and "ne correspond pas" in done.stderr and "Traceback" not in done.stderr


def test_board_presents_the_company_offer_and_salon_of_the_teachers_file(tmp_path):
    from prospection.board.view import MissionBoard

    source = tmp_path / "contacts.csv"
    excel_windows_csv(source, n=6, seed=4)
    assert load_contacts(source).salon.entreprise is None
    done = run("cle", str(source), "--date-salon", SALON, "--entreprise", "Broderies Martin",
               "--offre", "Maillots brodés pour les clubs", "--salon", "Forum des associations")
    assert done.returncode == 0, done.stderr
    salon = load_contacts(source).salon  # the short form stored beside the file is read back
    assert (salon.entreprise, salon.offre, salon.nom) == ("Broderies Martin", "Maillots brodés pour les clubs",
                                                          "Forum des associations")
    # The tidy file a release writes carries the same presentation, and the board shows it.
    tidy = tmp_path / "mission" / "contacts_salon_clubs_associations.xlsx"
    from grader.dataset import write_dataset

    write_dataset(cle.tidy_dataset(load_contacts(source), date(2026, 10, 10), cle.load_context(source)), tidy)
    board = MissionBoard(tidy.parent, grader_hints=False)
    shown = board.source.value
    assert "Entreprise\u00a0: <b>Broderies Martin</b>" in shown
    assert "Offre\u00a0: <b>Maillots brodés pour les clubs</b>" in shown
    assert "Salon\u00a0: <b>Forum des associations</b>" in shown
    assert len(board.model.contacts) == 6


def test_qualifier_json_lines_on_the_excel_csv_agree_with_the_review_workbook(tmp_path):
    """`grader qualifier --json` reads the same file and gives the same proposals."""
    source = tmp_path / "contacts.csv"
    excel_windows_csv(source, n=9, seed=6)
    cmd = [sys.executable, "-m", "grader", "qualifier"]
    done = subprocess.run(cmd + [str(source), "--date-salon", SALON, "--json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 9
    assert all({"nom", "qualification", "confiance", "a_verifier"} <= set(line) for line in lines)
    proposals = cle.propose(load_contacts(source), date(2026, 10, 10))
    assert [line["qualification"] for line in lines] == [p.classe for p in proposals]
    assert [line["a_verifier"] for line in lines] == [p.a_verifier for p in proposals]


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_review_workbook_from_xls_and_ods_files(tmp_path, fmt):
    """Files saved by old Excel (.xls) or LibreOffice (.ods), title merged over the table."""
    from test_loader import MESSY

    path = tmp_path / f"salon.{fmt}"
    if fmt == "xls":
        import xlwt

        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("Contacts")
        ws.write_merge(0, 0, 0, 4, MESSY[0][0])
        for i, row in enumerate(MESSY[1:], start=1):
            for j, value in enumerate(row):
                if value is not None:
                    ws.write(i, j, value)
        wb.save(str(path))
    else:
        import pandas as pd

        pd.DataFrame(MESSY).to_excel(path, engine="odf", header=False, index=False)
    before = sha(path)
    review = tmp_path / "revue.xlsx"
    done = run("cle", str(path), "--sortie", str(review))  # the date comes from the title line
    assert done.returncode == 0, done.stderr
    assert sha(path) == before
    ws = load_workbook(review)["Revue"]
    header = [c.value for c in ws[1]]
    got = {r[header.index("N°")]: r[header.index("Classe proposée")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {"1": "chaud", "2": "froid", "3": "tiède"}
