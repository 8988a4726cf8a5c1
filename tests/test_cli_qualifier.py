"""`python -m grader qualifier …` (teacher part): output, annex, French errors, exit codes."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from grader.keys import load_key
from prospection.annexe import read_annexe

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "datasets" / "contacts_salon_clubs_associations.xlsx"


def run(*args):
    return subprocess.run([sys.executable, "-m", "grader", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def test_json_gives_one_object_per_contact_matching_the_key():
    done = run("qualifier", BUNDLED, "--json")
    assert done.returncode == 0, done.stderr
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(objects) == 27
    for obj in objects:
        assert {"nom", "qualification", "justification", "action"} <= set(obj)
    key = load_key()
    assert {o["id"]: o["qualification"] for o in objects} == {k: v["classe"] for k, v in key["contacts"].items()}


def test_text_output_and_annex(tmp_path):
    annexe = tmp_path / "annexe.xlsx"
    done = run("qualifier", BUNDLED, "--annexe", annexe)
    assert done.returncode == 0, done.stderr
    assert "27 contacts, salon du 10/10/2026" in done.stdout
    assert "9 froids, 9 tièdes, 9 chauds" in done.stdout
    back = read_annexe(annexe)
    assert Counter({k: len(v) for k, v in back.items()}) == {"froid": 9, "tiède": 9, "chaud": 9}


def test_date_option_changes_the_horizon():
    # Seen from February 2027, Easter 2027 (28 March) is short term.
    later = [json.loads(l) for l in run("qualifier", BUNDLED, "--json", "--date-salon", "2027-02-01").stdout.splitlines()]
    by_id = {o["id"]: o for o in later}
    assert by_id["C09"]["qualification"] == "chaud"


def _assert_french_error(done, *words):
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "Erreur\u00a0:" in done.stderr
    for w in words:
        assert w in done.stderr, done.stderr


def test_missing_file():
    _assert_french_error(run("qualifier", "nulle_part.xlsx"), "introuvable", "nulle_part.xlsx")


def test_bad_date():
    _assert_french_error(run("qualifier", BUNDLED, "--date-salon", "10/10/2026"), "AAAA-MM-JJ")


def test_csv_without_salon_date_asks_for_it(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Organisation;Observations\nJudo;Très intéressé, pour le 20 novembre\n", encoding="utf-8")
    _assert_french_error(run("qualifier", path), "--date-salon")
    ok = run("qualifier", path, "--date-salon", "2026-10-10", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["qualification"] == "chaud"


def test_bad_annex_name_and_unknown_command_and_missing_argument(tmp_path):
    _assert_french_error(run("qualifier", BUNDLED, "--annexe", tmp_path / "a.pdf"), ".xlsx")
    done = run("inconnue")
    assert done.returncode == 2 and "Commande inconnue" in done.stderr
    _assert_french_error(run("qualifier"), "argument obligatoire")


def test_input_file_is_not_modified(tmp_path):
    before = BUNDLED.read_bytes()
    run("qualifier", BUNDLED, "--annexe", tmp_path / "a.xlsx")
    assert BUNDLED.read_bytes() == before


def test_usage_in_french():
    done = run("--help")
    assert done.returncode == 0 and "dataset" in done.stdout and "qualifier" in done.stdout
    done = run("qualifier", "--help")
    assert done.returncode == 0 and "affiche cette aide" in done.stdout and "Utilisation\u00a0:" in done.stdout


def test_qualifier_json_piped_into_head_ends_without_traceback():
    import subprocess
    import sys
    from prospection.loader import bundled_path

    proc = subprocess.Popen([sys.executable, "-m", "grader", "qualifier", str(bundled_path()), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err


def test_the_learner_part_has_no_qualifier_nor_dataset_command():
    for command in ("qualifier", "dataset"):
        done = subprocess.run([sys.executable, "-m", "prospection", command, str(BUNDLED)],
                              capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 2, done.stdout
        assert "Commande inconnue" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "prospection", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "lab" in done.stdout and "qualifier" not in done.stdout
