"""Done when (issue 12): the learner part alone, installed in a fresh venv, answers nothing graded.

The learner distribution is built as a wheel and installed into a new venv that has no
`grader`; third-party packages come from the project venv through a ``.pth`` file pointing at
a copy of its site-packages *without* the editable installs of this repository. A probe
(tests/learner_probe.py) then imports every module of `prospection`, calls every public
callable with the graded inputs (the 27 notes of the salon file and its path, the call list
and the slots of exercise 01, the texts to label of exercises 01–03, the public scenario of
exercise 05's graded call with sample paths) and looks for the key's classes or the exercises'
answers (for exercise 05: its ideal path, barème or a path's points); the CLI's commands are
listed; every packaged data file is searched for key content.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from grader.keys import load_key
from test_packaging import build_learner_wheel, learner_sources

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def learner_venv(tmp_path_factory):
    root = tmp_path_factory.mktemp("apprenant")
    wheel = build_learner_wheel(learner_sources(root / "src"), root / "wheels")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Third-party packages of the project venv, minus this repository's editable installs.
    deps = root / "deps"
    deps.mkdir()
    project_site = Path(sysconfig.get_paths()["purelib"])
    for entry in project_site.iterdir():
        if entry.name.startswith(("__editable__", "prospection", "grader")) or entry.suffix == ".pth":
            continue
        (deps / entry.name).symlink_to(entry)
    (site / "zz_dependances_projet.pth").write_text(f"{deps}\n")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return python, wheel, root


def run(python, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(python), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=1800)


def graded_inputs(tmp: Path) -> Path:
    """The graded inputs, as *copies* in ``tmp``: the probe calls functions that write files.

    Exercise items come from the common variant's public questions and key (``grader.exercices``,
    the same data as ``solutions/*/questions.json`` and the grading key).
    """
    import shutil

    from prospection.loader import load_bundled

    key = load_key()
    frame = load_bundled().frame
    notes = {str(r.id): str(r.observations) for r in frame.itertuples()}
    assert len(notes) == 27 and set(notes) == set(key["contacts"])
    public, cle = exercise("01_telemarketing")
    q2, q3 = question(public, "q2_appels"), question(public, "q3_creneaux")
    creneaux = {item["id"]: french_datetime(item["texte"]).isoformat() for item in q3["items"]}
    attendus = {**cle["q3_creneaux"], q3["exemple"]["item"]: q3["exemple"]["valeur"]}
    doc = {
        "date_salon": key["date_salon"], "notes": notes,
        "classes": {cid: c["classe"] for cid, c in key["contacts"].items()},
        "contacts_path": str(shutil.copy(REPO / "datasets" / "contacts_salon_clubs_associations.xlsx", tmp)),
        "appels_csv": str(shutil.copy(REPO / "exercises" / "01_telemarketing" / "appels.csv", tmp)),
        "quand": q2["quand"],
        "autorises": sorted(int(i) for i, v in cle["q2_appels"].items() if v == ["autorise"]),  # ids as in appels.csv
        "creneaux": creneaux,
        "creneaux_attendus": {k: v == "autorise" for k, v in attendus.items()},
    }
    assert len(doc["creneaux"]) == len(doc["creneaux_attendus"]) == 11 and doc["autorises"]
    doc["etiquetes"] = labelled_items()
    assert [len(t["items"]) for t in doc["etiquetes"]] == [8, 7, 6]
    doc["simulations"] = [graded_call()]
    path = tmp / "entrees.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def french_datetime(text: str):
    """« mardi 8 décembre 2026 à 10 h 30 » -> datetime (the slots of exercise 01 Q3)."""
    import datetime as dt
    import re

    m = re.search(r"(\d{1,2})(?:er)?\s+(\w+)\s+(\d{4})\s+à\s+(\d{1,2})\s*h\s*(\d{2})", text.replace("\u00a0", " "))
    assert m and m.group(2) in MOIS, text
    return dt.datetime(int(m.group(3)), MOIS.index(m.group(2)) + 1, int(m.group(1)), int(m.group(4)), int(m.group(5)))


def exercise(name: str) -> tuple[dict, dict]:
    """(public questions, key) of an exercise's common variant, from its teacher-side module."""
    import importlib

    public, cle = importlib.import_module(f"grader.exercices.ex_{name}").generate(None)
    committed = json.loads((REPO / "solutions" / name / "questions.json").read_text(encoding="utf-8"))
    assert committed["questions"] == public["questions"], f"solutions/{name}/questions.json is stale"
    return public, cle


def question(public: dict, qid: str) -> dict:
    (found,) = [q for q in public["questions"] if q["id"] == qid]
    return found


def labelled_items() -> list[dict]:
    """Exercise items that are texts to label, with the expected labels (labels folded)."""
    from prospection.telemarketing import KINDS

    def fold(text):
        import unicodedata
        text = unicodedata.normalize("NFKD", str(text).lower().replace("_", " "))
        return "".join(c for c in text if not unicodedata.combining(c))

    tasks = []
    for name, qid, nom, vocabulaire, label in (
        ("01_telemarketing", "q1_types", "l'exercice 01 Q1", [fold(k.nom) for k in KINDS.values()],
         lambda v: fold(KINDS[v].nom)),
        ("02_cycle_prospect", "q1_echelle", "l'exercice 02 Q1", ["suspect", "froid", "tiede", "chaud", "client", "perdu"],
         fold),
        ("03_appels", "q1_situations", "l'exercice 03 Q1", ["chaud", "froid"], fold),
    ):
        public, cle = exercise(name)
        q = question(public, qid)
        attendus = dict(cle[qid])
        if q.get("exemple"):
            attendus[q["exemple"]["item"]] = q["exemple"]["valeur"]
        items = {i["id"]: i["texte"] for i in q["items"]}
        assert set(items) == set(attendus), (name, qid)
        tasks.append({"nom": nom, "items": items, "attendus": {k: label(v) for k, v in attendus.items()},
                      "vocabulaire": vocabulaire})
    return tasks


#: Complete paths of exercise 05's call besides the ideal one, each worth other points.
CALL_PATHS = (
    ["b_clair", "o_rdv_direct", "d_fermee", "af_question", "a_benefice", "ob_crac", "c_creneaux", "r_court"],
    ["b_vague", "br_presente", "o_catalogue", "d_ouverte", "a_technique", "ob_crac", "c_devis"],
)


def graded_call() -> dict:
    """Exercise 05 (a call played with buttons): the public scenario the learner has, and what the
    key holds (ideal path, barème) with the points of sample paths as the teacher grades them."""
    from grader.exercices import ex_05_simulateur_appel as ex05

    public, cle = exercise("05_simulateur_appel")
    (q,) = public["questions"]
    key = cle[q["id"]]
    paths = [key["chemin_ideal"], *CALL_PATHS]
    points = []
    for path in paths:
        answers = dict(ex05.perfect_answers(public, cle), questions={q["id"]: {"valeur": path, "modifie_le": ""}})
        (scored,) = ex05.score(public, cle, answers)
        assert scored.details["termine"], path
        points.append([scored.details["points_appel"], scored.points])
    # The samples tell paths apart: no two share a score, and none is worth nothing.
    assert len({p for p, _ in points}) == len({m for _, m in points}) == len(paths) and all(m > 0 for _, m in points)
    assert [n for n in q["scenario"]["noeuds"].values() if n.get("choix")], "no choice in the public scenario"
    assert not any("points" in c for n in q["scenario"]["noeuds"].values() for c in n.get("choix", []))
    return {"nom": "l'exercice 05 Q1", "scenario": q["scenario"], "ideal": key["chemin_ideal"],
            "bareme": key["bareme"], "chemins": paths, "points": points}


def test_learner_part_alone_answers_nothing_graded(learner_venv, tmp_path):
    python, wheel, root = learner_venv
    work = tmp_path / "travail"
    work.mkdir()
    before = {p: p.stat().st_mtime_ns for p in (REPO / "datasets").iterdir()}
    done = run(python, REPO / "tests" / "learner_probe.py", graded_inputs(tmp_path), cwd=work)
    assert {p: p.stat().st_mtime_ns for p in (REPO / "datasets").iterdir()} == before, "the probe touched datasets/"
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["grader_importable"] is False
    assert str(root) in report["prospection"], report["prospection"]  # the wheel, not the repository
    assert report["modules"] >= 20 and report["callables"] >= 100, report
    assert report["flagged"] == []


def test_the_probe_would_flag_the_teacher_engine(tmp_path):
    """The probe is not blind: run in the project venv (grader importable), it flags the engine."""
    probe = (REPO / "tests" / "learner_probe.py").read_text(encoding="utf-8")
    probe = probe.replace('    for info in pkgutil.walk_packages(prospection.__path__, "prospection."):',
                          '    import grader.engine, grader.regles\n'
                          '    seen += [("grader.engine.qualify", grader.engine.qualify),'
                          ' ("grader.regles.filter_call_list", grader.regles.filter_call_list),'
                          ' ("grader.regles.may_call", grader.regles.may_call)]\n'
                          '    _tasks = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["etiquetes"]\n'
                          '    _answers = {json.dumps(task["items"][k], ensure_ascii=False): v'
                          ' for task in _tasks for k, v in task["attendus"].items()}\n'
                          '    seen.append(("tricheur", lambda x: _answers[json.dumps(x, ensure_ascii=False)]))\n'
                          '    from grader.exercices import ex_05_simulateur_appel as _ex05\n'
                          '    seen.append(("appel_complet", lambda *a, **k: _ex05.scenario_complet()))\n'
                          '    return seen\n'
                          '    for info in pkgutil.walk_packages(prospection.__path__, "prospection."):')
    script = tmp_path / "probe_enseignant.py"
    script.write_text(probe, encoding="utf-8")
    done = run(sys.executable, script, graded_inputs(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    flagged = json.loads(done.stdout.strip().splitlines()[-1])["flagged"]
    assert any(f.startswith("grader.engine.qualify(note+date)") for f in flagged), flagged
    assert any("exercice 01 Q2" in f for f in flagged) and any("Q3" in f for f in flagged), flagged
    for question in ("01 Q1", "02 Q1", "03 Q1"):
        assert any(f.startswith("tricheur") and question in f for f in flagged), (question, flagged)
    # A learner-side callable that held exercise 05's graded scenario would give away its ideal
    # path, its barème and the points of any path.
    for what in ("chemin idéal", "barème", "points des parcours"):
        assert any(f.startswith("appel_complet") and f"{what} de l'exercice 05 Q1" in f for f in flagged), (what, flagged)
    assert not [f for f in flagged if f.startswith("prospection.")], flagged



def test_the_probe_would_flag_a_graded_call_shipped_with_the_learner_part(tmp_path):
    """Exercise 05's scenario with its barème, put where the learner part reads its training
    scenarios, is found through the learner's own API (``Scenario.charger``, ``simulateur``)."""
    import shutil

    from grader.exercices import ex_05_simulateur_appel as ex05
    from prospection.cours import simulateur

    shipped = tmp_path / "donnees"
    shipped.mkdir()
    trainings = sorted(simulateur.DOSSIER.glob(f"{simulateur.PREFIXE}*.json"))
    assert trainings
    for path in trainings:
        shutil.copy(path, shipped)
    (shipped / f"{simulateur.PREFIXE}{ex05.SCENARIO['id']}.json").write_text(
        json.dumps(ex05.SCENARIO, ensure_ascii=False), encoding="utf-8")
    probe = (REPO / "tests" / "learner_probe.py").read_text(encoding="utf-8")
    marker = "    import prospection\n\n    seen = []\n"
    assert probe.count(marker) == 1
    probe = probe.replace(marker, marker + f"    import prospection.cours.simulateur as _s\n"
                                           f"    _s.DOSSIER = Path({str(shipped)!r})\n")
    script = tmp_path / "probe_fuite.py"
    script.write_text(probe, encoding="utf-8")
    work = tmp_path / "travail"
    work.mkdir()
    done = run(sys.executable, script, graded_inputs(tmp_path), cwd=work)
    assert done.returncode == 0, done.stderr[-3000:]
    flagged = json.loads(done.stdout.strip().splitlines()[-1])["flagged"]
    for where, what in (("Scenario.charger(id).chemin_optimal()", "chemin idéal"),
                        ("Scenario.charger(id).bareme()", "barème"),
                        ("Scenario.charger(id).score(chemin)", "points des parcours"),
                        ("simulateur(id)", "barème")):
        assert f"prospection.cours.simulateur.{where}: {what} de l'exercice 05 Q1" in " ".join(flagged), (where, flagged)

def test_learner_cli_lists_only_learner_commands(learner_venv, tmp_path):
    python, _, _ = learner_venv
    done = run(python, "-m", "prospection", "--help", cwd=tmp_path)
    assert done.returncode == 0
    commands = [line.split()[0] for line in done.stdout.splitlines()[2:] if line.strip()]
    assert commands == ["lab", "mission"]
    for command in commands:
        helped = run(python, "-m", "prospection", command, "--help", cwd=tmp_path)
        assert helped.returncode == 0 and "Traceback" not in helped.stderr, (command, helped.stderr)
    for teacher_only in ("qualifier", "dataset"):
        refused = run(python, "-m", "prospection", teacher_only, "contacts.xlsx", cwd=tmp_path)
        assert refused.returncode == 2 and "Commande inconnue" in refused.stderr
    no_grader = run(python, "-c", "import grader", cwd=tmp_path)
    assert no_grader.returncode != 0 and "ModuleNotFoundError" in no_grader.stderr


def key_content_in(doc, graded: dict[str, dict]) -> list[str]:
    """Places of ``doc`` (parsed JSON) that tie a graded contact to a class."""
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            values = {str(v) for v in node.values() if isinstance(v, (str, int))}
            classes = {v for v in values if v in ("froid", "tiède", "tiede", "chaud")}
            for cid, entry in graded.items():
                tied = entry["organisation"] in values or entry["notes"] in values or (
                    cid in values and entry["organisation"] in values)
                if tied and classes:
                    found.append(f"{where}: {cid}")
                if cid in node and isinstance(node[cid], (dict, str)) and CLASS_WORDS & set(walk_values(node[cid])):
                    found.append(f"{where}[{cid}]")
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk(doc, "")
    return found


CLASS_WORDS = {"froid", "tiède", "tiede", "chaud"}


def walk_values(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from walk_values(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_values(v)
    else:
        yield str(node)


def test_no_packaged_data_file_holds_key_content(learner_venv):
    from prospection.loader import load_bundled

    _, wheel, _ = learner_venv
    key = load_key()
    frame = load_bundled().frame
    graded = {str(r.id): {"organisation": str(r.organisation), "notes": str(r.observations)}
              for r in frame.itertuples()}
    assert set(graded) == set(key["contacts"])
    fake = {"contacts": {"C01": {"classe": "chaud"}}}  # the checker is not blind
    assert key_content_in(fake, graded) and key_content_in([{"organisation": graded["C02"]["organisation"],
                                                               "classe": "froid"}], graded)
    with zipfile.ZipFile(wheel) as zf:
        assert not [n for n in zf.namelist() if n.startswith("grader/")]
        names = [n for n in zf.namelist() if not n.endswith(".py") and ".dist-info/" not in n]
        assert names, "no data file in the learner wheel"
        for name in names:
            text = zf.read(name).decode("utf-8", errors="replace")
            assert "contacts_salon_clubs_associations.key" not in text, name
            if name.endswith(".json"):
                assert key_content_in(json.loads(text), graded) == [], name
            else:
                for line in text.splitlines():
                    assert not (any(g["organisation"] in line for g in graded.values())
                                and CLASS_WORDS & set(line.lower().split())), (name, line)


def test_installed_learner_part_finds_the_mission_file_where_the_learner_has_it(learner_venv, tmp_path):
    """`datasets/` is not in the wheel: `load_bundled()` reads the exercise folder's copy instead."""
    import shutil

    python, wheel, _ = learner_venv
    with zipfile.ZipFile(wheel) as zf:
        assert not [n for n in zf.namelist() if n.endswith(".xlsx")], "the learner wheel carries no contacts file"
    name = "contacts_salon_clubs_associations.xlsx"
    probe = ("import os, sys\n"
             "from prospection.loader import load_bundled, ContactsFileError\n"
             "if len(sys.argv) > 1: os.environ['PROSPECTION_MISSION_DOSSIER'] = sys.argv[1]\n"
             "try:\n"
             "    c = load_bundled()\n"
             "    print(len(c.frame), c.source)\n"
             "except ContactsFileError as e:\n"
             "    print('ERREUR', e)\n")
    nowhere = tmp_path / "vide"
    nowhere.mkdir()
    done = run(python, "-c", probe, cwd=nowhere)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("ERREUR") and "introuvable\u00a0:" in done.stdout and name in done.stdout
    # The course as a learner has it: course/ and exercises/04_mission_salon/ with its copy of the file.
    classe = tmp_path / "cours"
    mission = classe / "exercises" / "04_mission_salon"
    mission.mkdir(parents=True)
    (classe / "course").mkdir()
    shutil.copyfile(REPO / "exercises" / "04_mission_salon" / name, mission / name)
    for cwd in (classe, classe / "course", mission):
        done = run(python, "-c", probe, cwd=cwd)
        assert done.returncode == 0, done.stderr
        count, source = done.stdout.split(maxsplit=1)
        assert count == "27" and Path(source.strip()).resolve() == (mission / name).resolve(), (cwd, done.stdout)
    # The folder given by the mission app (PROSPECTION_MISSION_DOSSIER) is looked at too.
    done = run(python, "-c", probe, str(mission), cwd=nowhere)
    assert done.stdout.split()[0] == "27", done.stdout
