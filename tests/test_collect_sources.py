"""``collect`` reads hand-ins as teachers get them: zips written on Linux, Windows and macOS,
flat Moodle folders with several notebooks and answers files, rosters exported by Moodle,
Pronote or an ENT (CSV or .xlsx, headers with or without accents, any case).

The zips are built here byte by byte the way each system writes them (flag bit 11 « UTF-8 »
set or not, code page of the names, ``__MACOSX`` side files, decomposed accents)."""

from __future__ import annotations

import json
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from classe_fixture import ANSWERS, ASSIGNMENT, FIXTURES, KEY, hand_in  # noqa: E402

from grader.toolchain import collect as collect_cmd  # noqa: E402
from grader.toolchain.collect import collect, member_name  # noqa: E402
from grader.toolchain.release import release  # noqa: E402
from grader.toolchain.roster import load_class_roster, read_roster  # noqa: E402
from grader.toolchain.workspace import Classe  # noqa: E402

SECOND = "91_mini_bis"


# ---- zips as each system writes them ------------------------------------------------------
def write_zip(path: Path, files: dict[str, bytes], system: str) -> Path:
    """A zip whose member names are stored as ``system`` stores them.

    linux: UTF-8 bytes, flag bit 11 unset (Info-ZIP ``zip``); windows: cp850 bytes, flag unset,
    MS-DOS creator; macos: NFD UTF-8, plus ``__MACOSX/._*`` AppleDouble files."""
    encoding = {"linux": "utf-8", "windows": "cp850", "macos": "utf-8"}[system]
    names = dict(files)
    if system == "macos":
        names = {unicodedata.normalize("NFD", n): b for n, b in files.items()}
        for n in list(names):
            parent, _, base = n.rpartition("/")
            names[f"__MACOSX/{parent}/._{base}"] = b"\x00\x05\x16\x07 AppleDouble"
        names[".DS_Store"] = b"\x00\x00\x00\x01Bud1"
    placeholders = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(names.items()):
            raw = name.encode(encoding)
            ascii_name = f"P{i:05d}".ljust(len(raw), "x")
            assert len(ascii_name.encode()) == len(raw)
            info = zipfile.ZipInfo(ascii_name, date_time=(2026, 11, 20, 10, 0, 0))
            info.create_system = 0 if system == "windows" else 3
            info.external_attr = 0o644 << 16 if system != "windows" else 0x20
            zf.writestr(info, data)
            placeholders[ascii_name.encode()] = raw
    blob = path.read_bytes()
    for fake, real in placeholders.items():
        assert blob.count(fake) == 2  # local header and central directory
        blob = blob.replace(fake, real)
    path.write_bytes(blob)
    with zipfile.ZipFile(path) as zf:  # the flag is as the system leaves it
        for info in zf.infolist():
            assert bool(info.flag_bits & 0x800) is False
    return path


def submission_files(folder: str, case: str = "perfect", notebook: str = ASSIGNMENT) -> dict[str, bytes]:
    nb = (FIXTURES / "submissions" / f"submitted-{case}.ipynb").read_bytes()
    answers = (FIXTURES / "submissions" / f"submitted-{case}.reponses_salon.json").read_bytes()
    return {f"{folder}/{notebook}.ipynb": nb, f"{folder}/reponses_salon.json": answers}


@pytest.fixture(scope="module")
def two_exercises(tmp_path_factory):
    """Solutions with the fixture exercise and a second one, released once for the module."""
    tmp = tmp_path_factory.mktemp("sources")
    solutions = tmp / "solutions"
    shutil.copytree(FIXTURES / "solutions" / ASSIGNMENT, solutions / ASSIGNMENT)
    (solutions / SECOND).mkdir()
    shutil.copy(FIXTURES / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", solutions / SECOND / f"{SECOND}.ipynb")
    template = tmp / "modele"
    classe = Classe.create(template, solutions=solutions, timeout=4, answers=ANSWERS)
    release(classe, [ASSIGNMENT, SECOND], log=lambda *_: None)
    return template


@pytest.fixture
def classe(two_exercises, tmp_path):
    root = tmp_path / "classe"
    shutil.copytree(two_exercises, root)
    return Classe.open(root)


ROSTER_CSV = (
    "Prénom;NOM;Adresse de courriel;Numéro d'identification\n"
    "Chloé;Lefèvre;chloe.lefevre@lycee.fr;E1003\n"
    "Hélène;Côté;helene.cote@lycee.fr;E1004\n"
    "Zoé;Absente;zoe.absente@lycee.fr;E1005\n"
)


def test_member_names_from_each_system(tmp_path):
    name = "Chloé Lefèvre_1003_assignsubmission_file_/90_mini_salon.ipynb"
    for system in ("linux", "windows", "macos"):
        archive = write_zip(tmp_path / f"{system}.zip", {name: b"{}"}, system)
        with zipfile.ZipFile(archive) as zf:
            got = [member_name(i) for i in zf.infolist()]
        assert name in got, (system, got)


@pytest.mark.parametrize("system", ["linux", "windows", "macos"])
def test_zip_from_each_system_matches_the_roster(classe, tmp_path, system):
    roster = tmp_path / "liste.csv"
    roster.write_bytes(ROSTER_CSV.encode("cp1252"))  # Excel's « CSV (séparateur : point-virgule) »
    files = {**submission_files("Chloé Lefèvre_1003_assignsubmission_file_"),
             **submission_files("Hélène Côté_1004_assignsubmission_file_", "partial"),
             **submission_files("Inconnu Personne_1009_assignsubmission_file_")}
    archive = write_zip(tmp_path / "rendus.zip", files, system)
    said: list[str] = []
    filed = collect(classe, archive, roster, log=said.append)
    roster_ids = {x.identifiant: x for x in load_class_roster(classe.root)}
    chloe = next(x for x in roster_ids.values() if x.email == "chloe.lefevre@lycee.fr")
    helene = next(x for x in roster_ids.values() if x.email == "helene.cote@lycee.fr")
    assert (chloe.nom, chloe.prenom, chloe.idnumber) == ("Lefèvre", "Chloé", "E1003")
    assert chloe.participants == {ASSIGNMENT: "1003"} and helene.participants == {ASSIGNMENT: "1004"}
    assert {(chloe.identifiant, ASSIGNMENT), (helene.identifiant, ASSIGNMENT)} <= set(filed)
    for learner in (chloe, helene):
        copy = classe.root / "submitted" / learner.identifiant / ASSIGNMENT
        assert sorted(p.name for p in copy.iterdir()) == [f"{ASSIGNMENT}.ipynb", "reponses_salon.json", "timestamp.txt"]
    # nothing from macOS' side files, nothing under a garbled name
    for path in (classe.root / "submitted").rglob("*"):
        assert not path.name.startswith("._") and "__MACOSX" not in path.parts and "├" not in path.name
    text = "\n".join(said)
    assert "« Inconnu Personne_1009_assignsubmission_file_ » ne correspond à aucun élève" in text
    assert "aucune copie pour ABSENTE Zoé" in text
    assert not any("Lefèvre" in line or "LEFÈVRE" in line for line in said if line.startswith("Attention"))


def test_flat_folder_with_several_notebooks_attaches_answers_files(classe, tmp_path):
    folder = tmp_path / "rendus" / "Chloé Lefèvre_1003_assignsubmission_file_"
    hand_in(folder, "perfect")
    nb = FIXTURES / "submissions" / "submitted-partial.ipynb"
    shutil.copy(nb, folder / f"{SECOND}.ipynb")
    # a v2 answers file names its exercise; a browser renamed the second download
    (folder / "reponses (1).json").write_text(json.dumps(
        {"schema": "prospection-reponses", "version": 2, "exercice": SECOND, "questions": {}}), encoding="utf-8")
    (folder / "annexe_salon.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    said: list[str] = []
    filed = collect(classe, tmp_path / "rendus", log=said.append)
    sid = filed[0][0]
    assert sorted(filed) == [(sid, ASSIGNMENT), (sid, SECOND)]
    first = classe.root / "submitted" / sid / ASSIGNMENT
    second = classe.root / "submitted" / sid / SECOND
    assert {p.name for p in first.iterdir()} == {f"{ASSIGNMENT}.ipynb", "reponses_salon.json", "annexe_salon.xlsx", "timestamp.txt"}
    assert {p.name for p in second.iterdir()} == {f"{SECOND}.ipynb", "reponses.json", "timestamp.txt"}
    assert not [line for line in said if "non rattachés" in line]


def test_unknown_loose_file_in_a_folder_with_several_notebooks_is_reported(classe, tmp_path):
    folder = tmp_path / "rendus" / "lmartin"
    hand_in(folder, "perfect")
    shutil.copy(folder / f"{ASSIGNMENT}.ipynb", folder / f"{SECOND}.ipynb")
    (folder / "brouillon.txt").write_text("notes", encoding="utf-8")
    said: list[str] = []
    collect(classe, tmp_path / "rendus", log=said.append)
    assert any("brouillon.txt" in line and "--exercice" in line for line in said)


def test_roster_headers_in_any_spelling(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["Liste de la classe 1re STMG 2"])  # title line above the header, as ENTs export
    ws.append(["NOM", "PRENOM", "E-mail", "Numéro d'identification"])
    ws.append(["Lefèvre", "Chloé", "chloe.lefevre@lycee.fr", "E1003"])
    ws.append(["Martin", "Léa", "", "E1006"])
    wb.save(tmp_path / "liste.xlsx")
    learners = read_roster(tmp_path / "liste.xlsx")
    assert [(x.nom, x.prenom, x.email, x.idnumber) for x in learners] == [
        ("Lefèvre", "Chloé", "chloe.lefevre@lycee.fr", "E1003"), ("Martin", "Léa", "", "E1006")]
    assert len({x.identifiant for x in learners}) == 2

    (tmp_path / "moodle.csv").write_text(
        "prénom,nom,adresse de courriel,identifiant\nChloé,Lefèvre,chloe.lefevre@lycee.fr,clefevre\n",
        encoding="utf-8-sig")
    (learner,) = read_roster(tmp_path / "moodle.csv")
    assert (learner.identifiant, learner.prenom, learner.email) == ("clefevre", "Chloé", "chloe.lefevre@lycee.fr")

    (tmp_path / "pronote.csv").write_bytes("Élève;Classe\nDUPONT-MOREL Anne Sophie;1STMG2\nLEFÈVRE Chloé;1STMG2\n"
                                           .encode("cp1252"))
    learners = read_roster(tmp_path / "pronote.csv")
    assert [(x.nom, x.prenom) for x in learners] == [("Dupont-Morel", "Anne Sophie"), ("Lefèvre", "Chloé")]


def test_roster_without_any_known_column_is_a_french_error(python, tmp_path, classe):
    import subprocess
    (tmp_path / "liste.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    done = subprocess.run([python, "-m", "grader", "collect", str(tmp_path), "--classe", str(classe.root),
                           "--eleves", str(tmp_path / "liste.csv")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "aucune colonne reconnue" in done.stderr


def test_same_learner_is_matched_again_by_participant_number(classe, tmp_path):
    roster = tmp_path / "liste.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    first = write_zip(tmp_path / "a.zip", submission_files("Chloé Lefèvre_1003_assignsubmission_file_"), "linux")
    collect(classe, first, roster, log=lambda *_: None)
    # second download: Moodle shows the learner's changed display name, same participant number
    again = write_zip(tmp_path / "b.zip", submission_files("Chloé L._1003_assignsubmission_file_"), "linux")
    said: list[str] = []
    filed = collect(classe, again, log=said.append)
    chloe = next(x for x in load_class_roster(classe.root) if x.idnumber == "E1003")
    assert filed == [(chloe.identifiant, ASSIGNMENT)]
    assert not [line for line in said if "ne correspond" in line]
    assert (classe.root / "submitted" / ".anciennes" / chloe.identifiant).is_dir()


def test_collect_command_accepts_an_xlsx_roster(classe, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["Prénom", "Nom", "Adresse de courriel"])
    wb.active.append(["Chloé", "Lefèvre", "chloe.lefevre@lycee.fr"])
    wb.save(tmp_path / "liste.xlsx")
    archive = write_zip(tmp_path / "r.zip", submission_files("Chloé Lefèvre_1003_assignsubmission_file_"), "windows")
    assert collect_cmd.main([str(archive), "--classe", str(classe.root), "--eleves", str(tmp_path / "liste.xlsx")]) == 0
    assert (classe.root / "submitted" / "chloe_lefevre" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    assert KEY.is_file()
