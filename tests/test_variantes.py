"""One variant per learner: roster, disjoint contacts, keys teacher-side, grading and copy detection."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from grader.toolchain import variantes
from grader.toolchain.common import ToolchainError
from prospection.loader import load_contacts

ROOT = Path(__file__).resolve().parent.parent
PRENOMS = ["Élodie", "Loïc", "Maëlle", "Noé", "Anaïs", "Jérôme", "Inès", "Bastien", "Céline", "Théo"]


def roster_csv(path: Path, n: int = 30, *, extra: str = "") -> Path:
    lines = ["Liste de la classe BTS NDRC 1", "Nom;Prénom;Login;Courriel"]
    for k in range(n):
        lines.append(f"Élève{k:02d};{PRENOMS[k % 10]};eleve{k:02d};eleve{k:02d}@lycee.fr")
    path.write_bytes(("\r\n".join(lines) + "\r\n" + extra).encode("cp1252"))
    return path


def fake_classe(tmp_path: Path, assignments=("04_mission_salon",)) -> SimpleNamespace:
    """A class folder whose release/ holds the learner versions of exercises/ (as nbgrader makes them)."""
    root = tmp_path / "BTS1"
    for aid in assignments:
        shutil.copytree(ROOT / "exercises" / aid, root / "release" / aid)
    return SimpleNamespace(root=root, students=lambda: sorted(
        p.name for p in (root / "submitted").iterdir()) if (root / "submitted").is_dir() else [])


def honest_answers(key: dict) -> dict:
    return {"version": 1, "reponses": {
        cid: {"qualification": e["classe"],
              "justification": f"{e['organisation']} : {' ; '.join(e['preuves'])}. {e['action']}"}
        for cid, e in key["contacts"].items()}}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("variantes")
    classe = fake_classe(tmp)
    # A fixed class salt: the same 30 variants on every run (a fresh salt per run drew new
    # variants each time, so the chance tests below tested a different class every run).
    (classe.root / "cles").mkdir(parents=True)
    (classe.root / "cles" / "sel.txt").write_text("sel-fixe-des-tests\n", encoding="utf-8")
    learners = variantes.read_roster(roster_csv(tmp / "eleves.csv"))
    messages = []
    doc = variantes.build_variants(classe, learners, ["04_mission_salon"], log=messages.append)
    return classe, learners, doc, messages


def test_roster_is_read_from_an_excel_csv():
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        learners = variantes.read_roster(roster_csv(Path(d) / "eleves.csv", 3))
    assert [l.login for l in learners] == ["eleve00", "eleve01", "eleve02"]
    assert learners[0].prenom == "Élodie" and learners[0].nom == "Élève00" and learners[0].email == "eleve00@lycee.fr"


def test_roster_errors_name_the_row(tmp_path):
    with pytest.raises(ToolchainError) as err:
        variantes.read_roster(roster_csv(tmp_path / "a.csv", 3, extra="Intrus;Paul;eleve01;x@y.fr\r\n"))
    assert "ligne 6" in str(err.value) and "ligne 4" in str(err.value)
    with pytest.raises(ToolchainError) as err:
        variantes.read_roster(roster_csv(tmp_path / "b.csv", 2, extra="Intrus;Paul;../etc;x@y.fr\r\n"))
    assert "ligne 5" in str(err.value) and "invalide" in str(err.value)
    (tmp_path / "c.csv").write_text("Nom;Prénom\nDupont;Paul\n", encoding="utf-8")
    with pytest.raises(ToolchainError) as err:
        variantes.read_roster(tmp_path / "c.csv")
    assert "login" in str(err.value)


def test_thirty_learners_never_share_a_contact(built):
    classe, learners, doc, _ = built
    assert len(doc["eleves"]) == 30
    seen_orgs: dict[str, str] = {}
    seen_people: dict[tuple, str] = {}
    files = sorted((classe.root / "variantes").glob("*/04_mission_salon/contacts_salon_clubs_associations.xlsx"))
    assert len(files) == 30
    for path in files:
        login = path.parts[-3]
        frame = load_contacts(path).frame
        assert len(frame) == 27
        for org, person, email in zip(frame["organisation"], frame["contact"], frame["email"]):
            assert org not in seen_orgs, f"{org} chez {login} et {seen_orgs.get(org)}"
            seen_orgs[org] = login
            assert (org, person) not in seen_people
            seen_people[(org, person)] = login
    assert len(seen_orgs) == 30 * 27


def test_keys_stay_teacher_side_and_archives_carry_the_learners_file(built):
    classe, learners, doc, _ = built
    root = classe.root
    zips = sorted((root / "a_distribuer").glob("*/04_mission_salon.zip"))
    assert len(zips) == 30
    for archive in zips[:5]:
        login = archive.parent.name
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
            assert "04_mission_salon/contacts_salon_clubs_associations.xlsx" in names
            assert not any(n.endswith(".key.json") or "_cles" in n or "cles/" in n for n in names)
            data = z.read("04_mission_salon/contacts_salon_clubs_associations.xlsx")
        public = root / "variantes" / login / "04_mission_salon" / "contacts_salon_clubs_associations.xlsx"
        assert data == public.read_bytes()
        key = json.loads((root / "cles" / login / "04_mission_salon.key.json").read_text("utf-8"))
        assert list(key["contacts"]) == list(load_contacts(public).frame["id"])
    assert not list((root / "variantes").rglob("*.key.json"))
    public_texts = " ".join(p.read_text("utf-8") for p in (root / "variantes").rglob("*.json"))
    assert '"classe"' not in public_texts and "preuves" not in public_texts


def test_variant_for_reads_the_roster_not_the_submission(built):
    classe, learners, doc, _ = built
    public, key = variantes.variant_for(classe, "eleve07")
    stored = json.loads((classe.root / "cles" / "eleve07" / "04_mission_salon.key.json").read_text("utf-8"))
    assert key == stored and public["variante"] == doc["eleves"]["eleve07"]["variante"]
    [items] = [q["items"] for q in public["questions"] if q["type"] == "qualification"]
    assert [i["id"] for i in items] == list(key["contacts"])
    assert variantes.variant_for(classe, "inconnu") == (None, None)
    other_public, other_key = variantes.variant_for(classe, "eleve08")
    assert other_key != key and other_public["variante"] != public["variante"]


def classes_points(classe, login: str, answers: dict) -> float:
    """Points of the classes question by the real scorer, against the learner's own variant."""
    from grader.exercices import score_answers

    public, key = variantes.variant_for(classe, login)
    [s] = [s for s in score_answers("04_mission_salon", public, key, variantes._as_v2(answers))
           if s.grade_id == "test_classes"]
    return s.points


def test_honest_copies_get_full_points_and_nobody_is_flagged(built):
    classe, learners, doc, _ = built
    answers = {l.login: honest_answers(variantes.variant_for(classe, l.login)[1]) for l in learners}
    for login, ans in answers.items():
        assert classes_points(classe, login, ans) == 10.0
    assert variantes.copy_flags(classe, "04_mission_salon", answers) == {}


def test_a_learner_who_copies_a_classmate_is_flagged(built):
    classe, learners, doc, _ = built
    answers = {l.login: honest_answers(variantes.variant_for(classe, l.login)[1]) for l in learners}
    answers["eleve03"] = json.loads(json.dumps(answers["eleve11"]))
    # Copy of the classes only, justifications rewritten: still caught.
    answers["eleve04"] = {"version": 1, "reponses": {
        cid: {"qualification": e["qualification"], "justification": "Mon avis sur ce contact."}
        for cid, e in answers["eleve12"]["reponses"].items()}}
    assert classes_points(classe, "eleve03", answers["eleve03"]) < 10.0
    flags = variantes.copy_flags(classe, "04_mission_salon", answers)
    assert set(flags) == {"eleve03", "eleve04"}
    assert flags["eleve03"]["source"] == "eleve11" and flags["eleve04"]["source"] == "eleve12"
    assert flags["eleve03"]["accord_autre"] > flags["eleve03"]["accord_propre"]
    assert "copie probable" in flags["eleve03"]["message"]


def test_learners_who_answer_at_random_are_not_taken_for_copiers(built):
    import random

    classe, learners, doc, _ = built
    answers = {}
    for k, l in enumerate(learners):
        rng = random.Random(k)
        key = variantes.variant_for(classe, l.login)[1]
        answers[l.login] = {"version": 1, "reponses": {
            cid: {"qualification": rng.choice(["froid", "tiède", "chaud"]), "justification": "Au hasard."}
            for cid in key["contacts"]}}
    assert variantes.copy_flags(classe, "04_mission_salon", answers) == {}
    # Copying most of a classmate's file is still caught.
    partial = json.loads(json.dumps(honest_answers(variantes.variant_for(classe, "eleve20")[1])))
    for cid in list(partial["reponses"])[:6]:
        partial["reponses"][cid]["qualification"] = "froid"
    answers["eleve21"] = partial
    assert set(variantes.copy_flags(classe, "04_mission_salon", answers)) == {"eleve21"}


def test_chance_agreement_is_measured_not_guessed(built):
    """Why the old rule (fit ≥ 0.7 and 0.2 above one's own) failed once: contact ids are C01…C27
    in every variant, so random classes agree with each of 29 classmates' keys by chance, and
    19/27 = 0.704 happens. The rule now asks how unlikely the agreement is under chance; over
    300 random learners × 30 keys, the smallest chance stays far above COPY_ALPHA, while a
    copy of a classmate (even with 6 classes changed) is far below it."""
    import random

    classe, learners, doc, _ = built
    keys = [variantes.variant_for(classe, l.login)[1] for l in learners]
    assert len(keys) == 30
    lowest, best_fit = 1.0, 0.0
    for k in range(300):
        rng = random.Random(1000 + k)
        answers = {"version": 1, "reponses": {f"C{i:02d}": {"qualification": rng.choice(["froid", "tiède", "chaud"])}
                                              for i in range(1, 28)}}
        for key in keys:
            fit, chance = variantes.mission_fit(key, answers)
            lowest, best_fit = min(lowest, chance), max(best_fit, fit)
    assert best_fit > 0.6            # chance alone reaches the old floor's neighbourhood…
    assert lowest > 10 * variantes.COPY_ALPHA   # …but 9,000 chance comparisons stay above the alarm
    copy = honest_answers(keys[0])
    for cid in list(copy["reponses"])[:6]:
        copy["reponses"][cid]["qualification"] = "froid"
    assert variantes.mission_fit(keys[0], copy)[1] < variantes.COPY_ALPHA / 1000


def test_autograde_hook_adds_the_flag(built):
    classe, learners, doc, _ = built
    sub = classe.root / "submitted"
    try:
        for login in ("eleve01", "eleve02", "eleve05"):
            folder = sub / login / "04_mission_salon"
            folder.mkdir(parents=True)
            source = "eleve09" if login == "eleve05" else login
            (folder / "reponses_salon.json").write_text(
                json.dumps(honest_answers(variantes.variant_for(classe, source)[1]), ensure_ascii=False), "utf-8")
        all_flags = {login: {"04_mission_salon": []} for login in ("eleve01", "eleve02", "eleve05")}
        variantes.add_copy_flags(classe, {"04_mission_salon"}, all_flags)
        assert all_flags["eleve01"]["04_mission_salon"] == all_flags["eleve02"]["04_mission_salon"] == []
        [f] = all_flags["eleve05"]["04_mission_salon"]
        assert f["code"] == "copie_variante" and f["gravite"] == "alerte" and "eleve09" in f["message"]
    finally:
        shutil.rmtree(sub, ignore_errors=True)


def test_re_release_is_stable_and_a_late_learner_gets_fresh_contacts(built, tmp_path):
    classe, learners, doc, _ = built
    before = {l.login: (classe.root / "cles" / l.login / "04_mission_salon.key.json").read_bytes() for l in learners}
    late = learners + [variantes.Learner("retardataire")]
    again = variantes.build_variants(classe, late, ["04_mission_salon"], log=lambda *_: None)
    for l in learners:
        assert (classe.root / "cles" / l.login / "04_mission_salon.key.json").read_bytes() == before[l.login]
    mine = {o[1] for o in again["eleves"]["retardataire"]["organisations"]}
    others = {o[1] for login, e in again["eleves"].items() if login != "retardataire" for o in e["organisations"]}
    assert len(mine) == 27 and mine.isdisjoint(others)


def test_missing_exercise_generator_is_said_in_french(tmp_path):
    from grader.exercices import module_for

    classe = fake_classe(tmp_path, ("01_telemarketing",))
    messages = []
    variantes.build_variants(classe, [variantes.Learner("a1"), variantes.Learner("b2")], ["01_telemarketing"],
                             log=messages.append)
    if module_for("01_telemarketing") is None:
        assert any("pas encore de générateur" in m for m in messages)
        assert not (classe.root / "cles" / "a1").exists()
    else:  # the exercise has its generator: each learner gets their own questions.json
        a = json.loads((classe.root / "variantes" / "a1" / "01_telemarketing" / "questions.json").read_text("utf-8"))
        b = json.loads((classe.root / "variantes" / "b2" / "01_telemarketing" / "questions.json").read_text("utf-8"))
        assert a != b and (classe.root / "cles" / "a1" / "01_telemarketing.key.json").is_file()
        with zipfile.ZipFile(classe.root / "a_distribuer" / "a1" / "01_telemarketing.zip") as z:
            assert json.loads(z.read("01_telemarketing/questions.json")) == a


@pytest.mark.slow
def test_release_cli_with_variants(tmp_path):
    roster = roster_csv(tmp_path / "eleves.csv", 4)
    classe = tmp_path / "classe"
    done = subprocess.run([sys.executable, "-m", "grader", "release", "04_mission_salon", "--classe", str(classe),
                           "--variantes", "--eleves-csv", str(roster)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Variantes" in done.stdout
    assert sorted(p.parent.name for p in (classe / "a_distribuer").glob("*/04_mission_salon.zip")) == [
        "eleve00", "eleve01", "eleve02", "eleve03"]
    assert (classe / "a_distribuer" / "04_mission_salon.zip").is_file()  # the common release too
    assert not list((classe / "release").rglob("*.key.json"))
    done = subprocess.run([sys.executable, "-m", "grader", "release", "--classe", str(classe), "--variantes"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 1 and "--eleves-csv" in done.stderr and "Traceback" not in done.stderr


def _exercise_module():
    """A question module honouring the ``grader.exercices`` contract (generate/score), for wiring."""
    import random
    from types import ModuleType

    from grader.exercices import QuestionScore

    module = ModuleType("ex_01_telemarketing")
    module.EXERCISE_ID = "01_telemarketing"

    def generate(seed):
        rng = random.Random(seed)
        items = [f"i{k}" for k in range(24)]
        public = {"schema": "prospection-questions", "version": 1, "exercice": "01_telemarketing",
                  "variante": "commune" if seed is None else str(seed), "titre": "Types d'appels",
                  "questions": [{"id": "q1", "grade_id": "q1", "type": "choix", "points": 4, "items": items,
                                 "options": ["entrant", "sortant", "lead"]}]}
        return public, {"q1": {i: rng.choice(["entrant", "sortant", "lead"]) for i in items}}

    def score(public, key, answers):
        given = answers.get("questions", {}).get("q1", {}).get("valeur", {})
        good = sum(given.get(i) == v for i, v in key["q1"].items())
        return [QuestionScore("q1", "q1", round(4 * good / len(key["q1"]), 2), 4)]

    module.generate, module.score = generate, score
    return module


def test_exercise_variants_use_the_question_modules(tmp_path, monkeypatch):
    import grader.exercices

    module = _exercise_module()
    real = grader.exercices.module_for
    monkeypatch.setattr(grader.exercices, "module_for",
                        lambda aid: module if aid == "01_telemarketing" else real(aid))
    classe = fake_classe(tmp_path, ("01_telemarketing",))
    logins = [f"e{k}" for k in range(6)]
    variantes.build_variants(classe, [variantes.Learner(l) for l in logins], ["01_telemarketing"],
                             log=lambda *_: None)
    publics = {}
    for login in logins:
        public_path = classe.root / "variantes" / login / "01_telemarketing" / "questions.json"
        publics[login] = json.loads(public_path.read_text("utf-8"))
        with zipfile.ZipFile(classe.root / "a_distribuer" / login / "01_telemarketing.zip") as z:
            assert json.loads(z.read("01_telemarketing/questions.json")) == publics[login]
            assert not any(n.endswith(".key.json") for n in z.namelist())
        public, key = variantes.variant_for(classe, login, "01_telemarketing")
        assert public == publics[login] and "q1" in key
    assert len({p["variante"] for p in publics.values()}) == 6
    keys = {login: variantes.variant_for(classe, login, "01_telemarketing")[1] for login in logins}
    assert len({json.dumps(k, sort_keys=True) for k in keys.values()}) == 6
    answers = {login: {"questions": {"q1": {"valeur": keys[login]["q1"]}}} for login in logins}
    assert variantes.copy_flags(classe, "01_telemarketing", answers) == {}
    answers["e2"] = {"questions": {"q1": {"valeur": dict(keys["e5"]["q1"])}}}
    flags = variantes.copy_flags(classe, "01_telemarketing", answers)
    assert list(flags) == ["e2"] and flags["e2"]["source"] == "e5"


@pytest.mark.parametrize("aid", ["01_telemarketing", "02_cycle_prospect", "03_appels"])
def test_exercise_copies_are_caught_and_chance_is_not(tmp_path, aid):
    """Real question modules: honest learners are not flagged, a copy of a classmate's model
    answers is, and answers drawn at random among each question's options are not."""
    import random

    from grader.exercices import module_for

    module = module_for(aid)
    classe = fake_classe(tmp_path, (aid,))
    (classe.root / "cles").mkdir(parents=True)
    (classe.root / "cles" / "sel.txt").write_text("sel-fixe\n", encoding="utf-8")
    logins = [f"e{k:02d}" for k in range(12)]
    variantes.build_variants(classe, [variantes.Learner(l) for l in logins], [aid], log=lambda *_: None)
    variants = {login: variantes.variant_for(classe, login, aid) for login in logins}
    assert all(v[1] is not None for v in variants.values())
    answers = {login: module.perfect_answers(*variants[login]) for login in logins}
    assert variantes.copy_flags(classe, aid, answers) == {}
    answers["e03"] = json.loads(json.dumps(answers["e07"]))
    flags = variantes.copy_flags(classe, aid, answers)
    assert list(flags) == ["e03"] and flags["e03"]["source"] == "e07"
    rng = random.Random(7)
    for login in logins:   # every learner answers at random among the options the key uses
        doc = json.loads(json.dumps(answers[login]))
        for qid, entry in doc["questions"].items():
            value = entry["valeur"]
            if isinstance(value, dict):
                pool = [v for v in value.values()]
                entry["valeur"] = {item: rng.choice(pool) for item in value}
            elif isinstance(value, list):
                entry["valeur"] = rng.sample(value, len(value))
        answers[login] = doc
    assert variantes.copy_flags(classe, aid, answers) == {}


def test_a_roster_login_in_capitals_is_the_hub_account_in_lower_case(tmp_path):
    """JupyterHub and useradd spell accounts in lower case: « Dupont.M » in the roster logs in as
    « dupont.m ». The variant lives under that name, and grading finds it from a folder named
    either way (a Moodle or hand-made folder keeps the roster's spelling)."""
    classe = fake_classe(tmp_path)
    roster = tmp_path / "eleves.csv"
    roster.write_text("Nom;Prénom;Login\nDupont;Marie;Dupont.M\nMartin;Léo;LMARTIN\n", encoding="utf-8")
    learners = variantes.read_roster(roster)
    assert [l.login for l in learners] == ["dupont.m", "lmartin"]
    doc = variantes.build_variants(classe, learners, ["04_mission_salon"], log=lambda *_: None)
    assert sorted(doc["eleves"]) == ["dupont.m", "lmartin"]
    assert (classe.root / "variantes" / "dupont.m").is_dir() and not (classe.root / "variantes" / "Dupont.M").exists()
    for folder_name in ("dupont.m", "Dupont.M"):
        public, key = variantes.variant_for(classe, folder_name)
        assert key is not None and public["variante"] == doc["eleves"]["dupont.m"]["variante"]
    assert variantes.variant_for(classe, "LMartin")[1] == variantes.variant_for(classe, "lmartin")[1]
