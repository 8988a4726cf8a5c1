"""Red team on the data a learner hands in: answers files, notebooks, timestamps, exports.

A learner controls every byte and every kind of file in their copy. The teacher's process reads
them through one safe reader (``grader.toolchain.answers.read_learner_bytes`` /
``read_answers_json``): no link followed, no pipe waited on, no file read without a size cap, no
JSON nested without end, every text as it reads (NFKC, no invisible characters). Exports never
hand a learner's text to Excel as a formula.

The fast tests call the reader directly; the slow one hands every attack in, with an honest
victim, to a real class folder and grades it with ``python -m grader autograde``, then
``export`` and ``report``.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import threading
from pathlib import Path

import nbformat
import pytest

from grader.exercices import score_answers
from grader.toolchain.answers import (HARD_LINK_NOTE, MAX_ANSWERS_BYTES, attach_data_files,
                                      drop_unknown_items, load_answers_document, read_answers_json)
from grader.toolchain.checks import check_timestamp, read_notebook
from grader.toolchain.common import spreadsheet_text
from grader.toolchain.grades import read_scores
from grader.toolchain.nbg import spec_and_key
from grader.toolchain.workspace import Classe
from prospection import annexe
from test_toolchain_redteam import _hashes, _python  # the red team's runner and file fingerprints

REPO = Path(__file__).resolve().parent.parent
AID = "04_mission_salon"
MODEL = REPO / "solutions" / AID


def _model() -> dict:
    doc = load_answers_document(MODEL, AID)[1]
    assert doc["questions"]["qualification"]["valeur"], "réponses modèles introuvables dans solutions/"
    return doc


def _write(folder: Path, doc: dict | bytes, name: str = "reponses.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
    (folder / name).write_bytes(data)
    return folder / name


def _in_time(fn, seconds: float = 5.0):
    """``fn()`` in a thread: a reader that blocks (a named pipe) fails the test instead of hanging it."""
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("out", fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "la lecture bloque (tube nommé attendu sans fin)"
    return box["out"]


# ----------------------------------------------------------------------------- the reader
def test_symlinks_to_a_classmate_the_key_or_the_system_are_not_followed(tmp_path):
    victim = _write(tmp_path / "victime", _model())
    key = REPO / "solutions" / "_cles" / "contacts_salon_clubs_associations.key.json"
    assert key.is_file()
    for name, target in (("camarade", victim), ("cle", key), ("systeme", Path("/etc/passwd"))):
        folder = tmp_path / name
        folder.mkdir()
        os.symlink(target, folder / "reponses.json")
        status, doc, problems = load_answers_document(folder, AID)
        assert status == "illisible" and doc["questions"] == {}, (name, status, problems)
        assert "lien symbolique" in problems[0]


def test_pipes_folders_and_huge_files_are_refused_without_waiting(tmp_path):
    fifo = tmp_path / "tube"
    fifo.mkdir()
    os.mkfifo(fifo / "reponses.json")
    status, _, problems = _in_time(lambda: load_answers_document(fifo, AID))
    assert status == "illisible" and "fichier spécial" in problems[0]
    (tmp_path / "dossier" / "reponses.json").mkdir(parents=True)
    status, _, problems = load_answers_document(tmp_path / "dossier", AID)
    assert status == "illisible" and "dossier" in problems[0]
    big = _write(tmp_path / "gros", b"{" + b" " * (MAX_ANSWERS_BYTES + 10) + b"}")
    status, _, problems = read_answers_json(big)
    assert status == "illisible" and "trop gros" in problems[0]
    big_v1 = _write(tmp_path / "gros_v1", b'{"version": 1, "reponses": {}}' + b" " * (MAX_ANSWERS_BYTES + 10),
                    "reponses_salon.json")
    status, _, problems = load_answers_document(big_v1.parent, AID)
    assert status == "illisible" and "trop gros" in problems[0]
    nb = tmp_path / "carnet.ipynb"
    os.mkfifo(nb)
    got, reason = _in_time(lambda: read_notebook(nb))
    assert got is None and "fichier spécial" in reason


def test_deeply_nested_json_is_refused_not_a_crash(tmp_path):
    deep = (b'{"schema": "prospection-reponses", "version": 2, "exercice": "04_mission_salon", '
            b'"questions": {"x": {"valeur": ' + b"[" * 100000 + b"]" * 100000 + b"}}}")
    status, _, problems = load_answers_document(_write(tmp_path / "a", deep).parent, AID)
    assert status == "illisible" and "imbriquée" in problems[0]
    v1 = b'{"version": 1, "reponses": ' + b"[" * 100000 + b"]" * 100000 + b"}"
    status, _, problems = load_answers_document(_write(tmp_path / "b", v1, "reponses_salon.json").parent, AID)
    assert status == "illisible" and "imbriquée" in problems[0]
    medium = b'{"questions": {"x": {"valeur": ' + b"[" * 200 + b"]" * 200 + b"}}}"   # under the C limit
    status, _, problems = read_answers_json(_write(tmp_path / "c", medium))
    assert status == "illisible" and "imbriquée" in problems[0]


def test_bom_nan_duplicates_and_encoding(tmp_path):
    model = _model()
    text = json.dumps(model, ensure_ascii=False)
    status, doc, problems = load_answers_document(
        _write(tmp_path / "bom", b"\xef\xbb\xbf" + text.encode()).parent, AID)
    assert status == "ok" and doc["questions"] == model["questions"], problems   # Notepad's BOM is fine
    nan = text.replace('"contexte": {', '"contexte": {"n": NaN, ', 1)
    assert "NaN" in nan
    status, doc, problems = load_answers_document(_write(tmp_path / "nan", nan.encode()).parent, AID)
    assert status == "modifie" and "NaN" in "; ".join(problems)
    assert doc["questions"] == model["questions"]
    dup = '{"a": 1, "a": 2}'
    status, raw, problems = read_answers_json(_write(tmp_path / "dup", dup.encode()))
    assert raw == {"a": 2} and "en double" in problems[0]
    status, _, problems = read_answers_json(_write(tmp_path / "latin", "{\"a\": \"é\"}".encode("latin-1")))
    assert status == "illisible" and "UTF-8" in problems[0]


def test_invisible_characters_lookalikes_and_huge_texts_are_cleaned_and_reported(tmp_path):
    model = _model()
    values = model["questions"]["qualification"]["valeur"]
    first, second, third = sorted(values)[:3]
    doc = copy.deepcopy(model)
    got = doc["questions"]["qualification"]["valeur"]
    got[first]["classe"] = "fr\u043eid"                         # Cyrillic « о »
    got[second]["justification"] = "Il\u200b a un \u202eprojet\u202c"  # zero-width, RTL override
    got[third]["justification"] = "x " * 400_000                # 800 000 characters
    status, clean, problems = load_answers_document(_write(tmp_path / "a", doc).parent, AID)
    said = "; ".join(problems)
    assert status == "modifie"
    assert "cyrilliques" in said and "classe impossible" in said and "invisibles" in said and "coupé" in said
    kept = clean["questions"]["qualification"]["valeur"]
    assert kept[first]["classe"] is None                        # that contact only, not the question
    assert kept[second]["justification"] == "Il a un projet"
    assert len(kept[third]["justification"]) <= 5000
    assert {c: v["classe"] for c, v in kept.items() if c != first} == \
        {c: v["classe"] for c, v in values.items() if c != first}


def test_unknown_contacts_are_dropped_before_scoring_and_display(tmp_path):
    public, key = spec_and_key(tmp_path, AID)
    doc = copy.deepcopy(_model())
    for i in range(3000):
        doc["questions"]["qualification"]["valeur"][f"../X{i}"] = {"classe": "chaud", "justification": "x"}
    problems = drop_unknown_items(doc, public)
    assert "3000 contact(s) inconnu(s)" in problems[0]
    assert not any(c.startswith("..") for c in doc["questions"]["qualification"]["valeur"])


def test_hard_link_is_read_but_noted(tmp_path):
    victim = _write(tmp_path / "victime", _model())
    (tmp_path / "lien").mkdir()
    os.link(victim, tmp_path / "lien" / "reponses.json")
    status, _, problems = read_answers_json(tmp_path / "lien" / "reponses.json")
    assert status == "ok" and problems == [HARD_LINK_NOTE]


def test_spreadsheet_cells_never_start_a_formula():
    for attack in ("=HYPERLINK(\"http://x\",\"clic\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
                   "\t=1", " =1", "\uff1d1"):
        assert spreadsheet_text(attack).startswith("'"), attack
    for fine in ("Dupont", "-3", "-2,5", "-", "", 12.5, None, True, "Il a dit = oui"):  # « - »: Moodle, no grade
        assert spreadsheet_text(fine) == fine


def test_timestamp_garbage_link_and_future(tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text("2026-11-20 10:00:00.000000 UTC")
    assert check_timestamp(ok) == ("2026-11-20 10:00:00.000000 UTC", None)
    bad = tmp_path / "bad.txt"
    bad.write_text("n'importe quoi")
    stamp, problem = check_timestamp(bad)
    assert stamp is None and "illisible" in problem
    future = tmp_path / "futur.txt"
    future.write_text("2999-01-01 00:00:00 UTC")
    stamp, problem = check_timestamp(future)
    assert stamp and "futur" in problem
    link = tmp_path / "lien.txt"
    os.symlink(ok, link)
    stamp, problem = check_timestamp(link)
    assert stamp is None and "lien symbolique" in problem


# ----------------------------------------------------------------------------- end to end
FORMULA = "=HYPERLINK(\"http://pirate.example\",\"Cliquez\")"
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam_reponses") / "classe"
    _python("-m", "grader", "release", AID, "--classe", str(root), "--delai", "10", timeout=900)
    model = _model()
    values = model["questions"]["qualification"]["valeur"]
    release_nb = root / "release" / AID / f"{AID}.ipynb"

    def hand(sid, doc=None, raw=None, notebook=True, extra=None):
        folder = root / "submitted" / sid / AID
        folder.mkdir(parents=True)
        if notebook:
            shutil.copy(release_nb, folder)
        if doc is not None or raw is not None:
            _write(folder, raw if raw is not None else doc)
        annexe.write_annexe([(c, v["classe"], v["justification"]) for c, v in values.items()],
                            folder / "annexe_salon.xlsx")
        for name, text in (extra or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    victim = hand("victime", model)
    for sid, target in (("lien_camarade", "../../victime/04_mission_salon/reponses.json"),
                        ("lien_cle", str(root / "cles" / f"{AID}.key.json")),
                        ("lien_systeme", "/etc/passwd")):
        os.symlink(target, hand(sid) / "reponses.json")
    os.link(victim / "reponses.json", hand("lien_dur") / "reponses.json")
    os.mkfifo(hand("tube") / "reponses.json")
    (hand("dossier") / "reponses.json").mkdir()
    hand("profond", raw=b'{"schema": "prospection-reponses", "version": 2, "questions": '
                        + b"[" * 100000 + b"]" * 100000 + b"}")
    hand("gros", raw=b" " * (MAX_ANSWERS_BYTES + 100) + json.dumps(model).encode())
    hand("bom", raw=b"\xef\xbb\xbf" + json.dumps(model, ensure_ascii=False).encode())
    unknown = copy.deepcopy(model)
    for i in range(3000):
        unknown["questions"]["qualification"]["valeur"][f"../X{i}"] = {"classe": "chaud", "justification": "x"}
    hand("inconnus", unknown)
    injected = copy.deepcopy(model)
    first, second = sorted(values)[:2]
    injected["questions"]["qualification"]["valeur"][first]["justification"] = FORMULA
    injected["questions"]["qualification"]["valeur"][second]["justification"] = SCRIPT
    hand("injection", injected)
    hand("horodatage", model, extra={"timestamp.txt": "n'importe quoi"})
    os.mkfifo(hand("carnet_tube", model, notebook=False) / f"{AID}.ipynb")
    os.symlink(victim / f"{AID}.ipynb", hand("carnet_lien", model, notebook=False) / f"{AID}.ipynb")
    def tamper(sid, change):
        folder = hand(sid, model)
        nb = json.loads((folder / f"{AID}.ipynb").read_text(encoding="utf-8"))
        change(nb)
        (folder / f"{AID}.ipynb").write_text(json.dumps(nb), encoding="utf-8")

    def schema(nb):
        for cell in nb["cells"]:
            if "nbgrader" in cell["metadata"]:
                cell["metadata"]["nbgrader"]["schema_version"] = 99

    def solution_to_test(nb):
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("solution"):
                meta.update(solution=False, grade=True, locked=True, points=50)

    def html(nb):
        nb["cells"].append({"cell_type": "markdown", "id": "pirate", "metadata": {}, "source": SCRIPT})
        nb["cells"].append({"cell_type": "raw", "id": "brut", "metadata": {"raw_mimetype": "text/html"},
                            "source": "<script>document.title='brut'</script>"})

    tamper("schema", schema)
    tamper("solution_en_test", solution_to_test)
    tamper("html", html)
    hand("fichiers", model, extra={"gradebook.db": "x", "nbgrader_config.py": "c = get_config()\n",
                                   "pandas.py": "raise SystemExit\n", "sitecustomize.py": "import os\n",
                                   ".ipython/profile_default/startup/x.py": "print(1)\n"})
    protected = [REPO / "solutions" / "_cles", root / "cles", root / "source", root / "release",
                 root / "nbgrader_config.py", root / "classe.json", victim]
    before = _hashes(protected)
    _python("-m", "grader", "autograde", "--classe", str(root), "--silencieux", timeout=600)
    after = _hashes(protected)
    for command in ("export", "report", "feedback"):
        _python("-m", "grader", command, "--classe", str(root), timeout=900)
    public, key = spec_and_key(root, AID)
    honest = copy.deepcopy(model)
    attach_data_files(honest, victim, public)
    return {"root": root, "before": before, "after": after,
            "scores": {sid: round(v[AID]["score"], 2) for sid, v in read_scores(Classe.open(root)).items()},
            "flags": json.loads((root / "rapport" / "flags.json").read_text(encoding="utf-8")),
            "honest": round(sum(s.points for s in score_answers(AID, public, key, honest)), 2)}


def _messages(graded, sid, code=None) -> str:
    return " | ".join(f"{f['code']}: {f['message']}" for f in graded["flags"][sid][AID]
                      if code is None or f["code"] == code)


@pytest.mark.slow
def test_every_copy_is_graded_and_the_victim_keeps_its_points(graded):
    scores = graded["scores"]
    assert graded["honest"] > 10
    assert scores["victime"] == graded["honest"]
    assert "reponses_modifiees" not in _messages(graded, "victime")
    assert graded["before"] == graded["after"]          # key, release, config, the victim's copy
    assert set(graded["flags"]) >= {"lien_camarade", "tube", "profond", "carnet_tube"}


@pytest.mark.slow
@pytest.mark.parametrize("sid, said", [("lien_camarade", "lien symbolique"), ("lien_cle", "lien symbolique"),
                                       ("lien_systeme", "lien symbolique"), ("tube", "fichier spécial"),
                                       ("dossier", "dossier"), ("profond", "imbriquée"), ("gros", "trop gros")])
def test_answers_file_that_is_not_a_plain_file_earns_nothing(graded, sid, said):
    assert graded["scores"][sid] <= 2.0, graded["scores"][sid]   # the annex's 2 points at most
    assert said in _messages(graded, sid, "reponses_illisibles")


@pytest.mark.slow
def test_bom_is_read_unknown_contacts_and_bad_timestamp_do_not_cost_points(graded):
    assert graded["scores"]["bom"] == graded["honest"]
    assert "reponses_illisibles" not in _messages(graded, "bom")
    assert graded["scores"]["inconnus"] == graded["honest"]
    assert "3000 contact(s) inconnu(s)" in _messages(graded, "inconnus", "reponses_modifiees")
    nb = (graded["root"] / "autograded" / "inconnus" / AID / f"{AID}.ipynb").read_text(encoding="utf-8")
    assert "../X1" not in nb                                    # not shown to the teacher
    assert graded["scores"]["horodatage"] == graded["honest"]
    assert "illisible" in _messages(graded, "horodatage", "horodatage_suspect")


@pytest.mark.slow
def test_notebook_pipe_or_link_does_not_hang_the_class(graded):
    assert "fichier spécial" in _messages(graded, "carnet_tube", "notebook_illisible")
    assert "lien symbolique" in _messages(graded, "carnet_lien", "notebook_illisible")


@pytest.mark.slow
def test_hard_link_is_noted_on_both_without_blame(graded):
    for sid in ("lien_dur", "victime"):
        assert "lien physique" in _messages(graded, sid, "fichier_lie")
        assert not [f for f in graded["flags"][sid][AID] if f["gravite"] == "alerte"], _messages(graded, sid)


@pytest.mark.slow
def test_extra_files_are_left_out_and_flagged(graded):
    assert graded["scores"]["fichiers"] == graded["honest"]
    said = _messages(graded, "fichiers")
    assert "pandas.py" in said and "sitecustomize.py" in said and "gradebook.db" in said
    staged = graded["root"] / ".preparation" / "fichiers" / AID
    assert staged.is_dir() and not (staged / "pandas.py").exists() and not (staged / "gradebook.db").exists()


@pytest.mark.slow
def test_exports_and_report_never_run_a_learners_text(graded):
    from openpyxl import load_workbook

    root = graded["root"]
    wb = load_workbook(root / "export" / "notes.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in wb["Contacts"]["H"] if isinstance(c.value, str)]
    assert "'" + FORMULA in texts, texts[:5]
    for path in sorted((root / "export").glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh, delimiter=";" if path.name == "notes.csv" else ","):
                assert not [v for v in row if v.lstrip().startswith(("=", "+", "@"))], (path, row)
    report = (root / "rapport" / "rapport.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in report and "<img src=x" not in report
    nb = nbformat.read(root / "autograded" / "injection" / AID / f"{AID}.ipynb", as_version=4)
    shown = json.dumps([o for c in nb.cells for o in c.get("outputs", [])])
    assert "&lt;script&gt;" in shown and "<script>alert" not in shown


@pytest.mark.slow
def test_tampered_nbgrader_metadata_is_restored_not_a_zero(graded):
    for sid in ("schema", "solution_en_test"):
        assert graded["scores"][sid] == graded["honest"], (sid, _messages(graded, sid))
        assert "correction_impossible" not in _messages(graded, sid)
        assert "rétablie" in _messages(graded, sid, "metadonnees_modifiees")


@pytest.mark.slow
def test_learner_html_never_runs_in_the_teachers_views(graded):
    root = graded["root"]
    assert graded["scores"]["html"] == graded["honest"]
    assert "navigateur de l'enseignant" in _messages(graded, "html", "html_actif")
    assert "html_actif" not in _messages(graded, "victime")
    pages = sorted((root / "feedback" / "html" / AID).glob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text and "<img src=x" not in text
        assert "<script>document.title='brut'" not in text
    nb = nbformat.read(root / "autograded" / "html" / AID / f"{AID}.ipynb", as_version=4)
    raw = [c for c in nb.cells if c.cell_type == "raw" and "brut" in c.source]
    assert raw and "raw_mimetype" not in raw[0].metadata


def test_neutralise_html_keeps_the_release_and_plain_text():
    from grader.toolchain.nbg import neutralise_html

    release = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("<div class='consigne'>Lisez</div>")])
    nb = copy.deepcopy(release)
    nb.cells += [nbformat.v4.new_markdown_cell("Budget < 500 € et **gras**"),
                 nbformat.v4.new_markdown_cell(SCRIPT),
                 nbformat.v4.new_raw_cell("<b>x</b>", metadata={"raw_mimetype": "text/html"})]
    flags = neutralise_html(nb, release, "x.ipynb")
    assert nb.cells[0].source == release.cells[0].source            # the teacher's own HTML stays
    assert nb.cells[1].source == "Budget &lt; 500 € et **gras**"
    assert "<" not in nb.cells[2].source and "raw_mimetype" not in nb.cells[3].metadata
    assert [f["code"] for f in flags] == ["html_actif"]
    plain = copy.deepcopy(release)
    plain.cells.append(nbformat.v4.new_markdown_cell("Budget < 500 €"))
    assert neutralise_html(plain, release, "x.ipynb") == []


def test_invisible_characters_do_not_hide_a_copied_text(tmp_path):
    from grader.toolchain.answers import fingerprint

    model = _model()
    _write(tmp_path / "auteur", model)
    disguised = copy.deepcopy(model)
    for entry in disguised["questions"]["qualification"]["valeur"].values():
        entry["justification"] = "\u200b".join(entry["justification"] or "") + "\u202c"
        entry["modifie_le"] = "2026-11-21T10:00:00Z"
    disguised["questions"]["qualification"]["modifie_le"] = "2026-11-21T10:00:00Z"
    _write(tmp_path / "copieur", disguised)
    prints = [fingerprint(load_answers_document(tmp_path / sid, AID)[1]) for sid in ("auteur", "copieur")]
    assert prints[0] is not None and prints[0] == prints[1]
