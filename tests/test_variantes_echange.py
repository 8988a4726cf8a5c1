"""On a hub, each learner's variant follows their login through nbgrader's exchange.

Real Unix accounts (the system's ``nobody`` and ``daemon``, run with ``setpriv`` as a hub runs
each learner's server under their own account), a real exchange folder, the real ``nbgrader``
commands: the teacher's ``nbgrader release_assignment`` (the class's configured release class),
each learner's ``nbgrader fetch_assignment`` and ``nbgrader submit`` with the hub's learner
settings, then ``python -m grader collect --echange``, ``autograde`` and ``export``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from grader.toolchain import variantes
from grader.toolchain.echange_variantes import (ExchangeVariantError, publish_variants, read_acl_users)
from test_variantes_notes import mission_answers   # the model answers of a mission variant

REPO = Path(__file__).resolve().parent.parent
MISSION = "04_mission_salon"
EX01 = "01_telemarketing"
COURSE = "prospection-commerciale"
LEARNERS = ("nobody", "daemon")        # accounts every Debian system has
NO_ACCOUNT = "sans.compte"             # on the roster, no account on this server

needs_root = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                                reason="needs root and setpriv to act as two learners")


def _open_tmp() -> Path:
    """A temporary folder other accounts can reach (pytest's own is mode 0700)."""
    path = Path(tempfile.mkdtemp(prefix="variantes-echange-", dir="/tmp"))
    path.chmod(0o755)
    return path


def as_user(login: str, argv: list[str], cwd: Path, env: dict | None = None, check=True):
    """Runs ``argv`` as the Unix account ``login`` (its uid, gid and groups)."""
    import pwd

    entry = pwd.getpwnam(login)
    base = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
            "HOME": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups",
                           *argv], cwd=cwd, env={**base, **(env or {})}, capture_output=True, text=True,
                          timeout=300)
    if check:
        assert done.returncode == 0, (argv, done.stdout[-3000:], done.stderr[-3000:])
    return done


PROBE = r"""
import json, os, sys
out = {}
for path in sys.argv[1:]:
    try:
        if os.path.isdir(path):
            out[path] = sorted(os.listdir(path))
        else:
            with open(path, "rb") as f:
                out[path] = len(f.read())
    except OSError as exc:
        out[path] = type(exc).__name__
print(json.dumps(out))
"""


def probe(login: str, paths: list[Path], cwd: Path) -> dict:
    """What ``login`` can list or read among ``paths`` (an exception name when refused)."""
    done = as_user(login, [sys.executable, "-c", PROBE, *map(str, paths)], cwd)
    return json.loads(done.stdout)


# --- publishing into the exchange, permissions ----------------------------------------------


def _fake_class(tmp: Path, logins) -> Path:
    root = tmp / "classe"
    eleves = {}
    for login in logins:
        public = root / "variantes" / login / MISSION
        public.mkdir(parents=True)
        (public / "questions.json").write_text(json.dumps({"variante": f"v-{login}"}), encoding="utf-8")
        (public / "contacts.xlsx").write_bytes(f"contacts de {login}".encode())
        eleves[login] = {"variante": f"v-{login}", "exercices": {MISSION: {
            "cle": f"cles/{login}/{MISSION}.key.json", "public": f"variantes/{login}/{MISSION}"}}}
    (root / "cles").mkdir(parents=True)
    (root / "cles" / "roster.json").write_text(json.dumps({"eleves": eleves}), encoding="utf-8")
    return root


@needs_root
def test_each_learner_reads_their_own_folder_only():
    tmp = _open_tmp()
    try:
        root = _fake_class(tmp, (*LEARNERS, NO_ACCOUNT))
        course = tmp / "echange" / COURSE
        course.mkdir(parents=True)
        published, left_out = publish_variants(root, course, MISSION)
        assert published == sorted(LEARNERS) and left_out == [NO_ACCOUNT]
        vroot = course / "variantes"
        assert vroot.stat().st_mode & 0o777 == 0o711
        mine = {login: vroot / login / MISSION / "questions.json" for login in LEARNERS}
        for login in LEARNERS:
            other = next(o for o in LEARNERS if o != login)
            seen = probe(login, [mine[login], vroot / login / MISSION, mine[other], vroot / other / MISSION,
                                 vroot / other, vroot], tmp)
            assert json.loads(mine[login].read_text())["variante"] == f"v-{login}"
            assert seen[str(mine[login])] == mine[login].stat().st_size
            assert seen[str(vroot / login / MISSION)] == ["contacts.xlsx", "questions.json"]
            assert seen[str(mine[other])] == "PermissionError"
            assert seen[str(vroot / other / MISSION)] == "PermissionError"
            assert seen[str(vroot / other)] == "PermissionError"
            assert seen[str(vroot)] == "PermissionError"       # nobody lists the logins
            import pwd
            assert read_acl_users(vroot / login) == {pwd.getpwnam(login).pw_uid: 5}
            assert (vroot / login).stat().st_mode & 0o007 == 0   # others: nothing
        assert not (vroot / NO_ACCOUNT).exists()
        # A learner who left the roster loses their folder at the next release.
        doc = json.loads((root / "cles" / "roster.json").read_text())
        del doc["eleves"]["daemon"]
        (root / "cles" / "roster.json").write_text(json.dumps(doc))
        assert publish_variants(root, course, MISSION) == (["nobody"], [NO_ACCOUNT])
        assert not (vroot / "daemon" / MISSION).exists() and mine["nobody"].is_file()
        # A key in a learner's public folder stops the release.
        (root / "variantes" / "nobody" / MISSION / "x.key.json").write_text("{}")
        with pytest.raises(ExchangeVariantError, match="corrigé"):
            publish_variants(root, course, MISSION)
    finally:
        shutil.rmtree(tmp)


@pytest.mark.slow
@needs_root
def test_fetch_overlays_the_variant_and_refuses_an_unreadable_one():
    """nbgrader's own ``fetch_assignment`` with the learners' setting, on a small exchange."""
    tmp = _open_tmp()
    try:
        root = _fake_class(tmp, ("nobody",))
        exchange = tmp / "echange"
        outbound = exchange / COURSE / "outbound" / MISSION
        outbound.mkdir(parents=True)
        exchange.chmod(0o777)
        (outbound / "questions.json").write_text(json.dumps({"variante": "commune"}))
        (outbound / "contacts.xlsx").write_bytes(b"contacts communs")
        (outbound / "04_mission_salon.ipynb").write_text("{}")
        publish_variants(root, exchange / COURSE, MISSION)
        # daemon's folder exists but was left without its ACL (a copy by hand, say).
        (exchange / COURSE / "variantes" / "daemon" / MISSION).mkdir(parents=True)
        (exchange / COURSE / "variantes" / "daemon").chmod(0o700)
        config = tmp / "config"
        config.mkdir()
        (config / "nbgrader_config.py").write_text(
            f"c.CourseDirectory.course_id = {COURSE!r}\nc.Exchange.root = {str(exchange)!r}\n"
            "c.ExchangeFactory.fetch_assignment = 'prospection.echange.FetchAssignmentVariante'\n")
        env = {"JUPYTER_CONFIG_PATH": str(config)}
        homes = {}
        for login in LEARNERS:
            homes[login] = tmp / f"home-{login}"
            homes[login].mkdir()
            shutil.chown(homes[login], login)
        as_user("nobody", [sys.executable, "-m", "nbgrader", "fetch_assignment", MISSION], homes["nobody"], env)
        fetched = homes["nobody"] / MISSION
        assert json.loads((fetched / "questions.json").read_text()) == {"variante": "v-nobody"}
        assert (fetched / "contacts.xlsx").read_bytes() == b"contacts de nobody"
        assert (fetched / "04_mission_salon.ipynb").is_file()
        done = as_user("daemon", [sys.executable, "-m", "nbgrader", "fetch_assignment", MISSION],
                       homes["daemon"], env, check=False)
        assert done.returncode != 0
        assert "Votre version personnelle de cet exercice est illisible" in done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        assert not (homes["daemon"] / MISSION).exists()
    finally:
        shutil.rmtree(tmp)


def test_a_class_without_variants_publishes_nothing(tmp_path):
    (tmp_path / "classe").mkdir()
    assert publish_variants(tmp_path / "classe", tmp_path / "echange" / COURSE, MISSION) == ([], [])
    assert not (tmp_path / "echange").exists()


# --- the whole route: release, fetch, submit, collect, autograde, export ---------------------


def _grader(*args, cwd=REPO):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def hub_class():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to act as two learners")
    tmp = _open_tmp()
    exchange = tmp / "echange"
    exchange.mkdir(mode=0o777)
    exchange.chmod(0o777)
    # The hub's learner settings (deploy/jupyterhub_config.py) plus the variant-aware fetch.
    learner_config = tmp / "jupyter-eleves"
    learner_config.mkdir()
    (learner_config / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {COURSE!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.Exchange.path_includes_course = False\n"
        "c.ExchangeFactory.fetch_assignment = 'prospection.echange.FetchAssignmentVariante'\n",
        encoding="utf-8")
    roster = tmp / "eleves.csv"
    lines = ["Nom;Prénom;Login;Adresse de courriel"] + [f"Élève{k};Prénom{k};{login};{login}@lycee.fr"
                                                        for k, login in enumerate((*LEARNERS, NO_ACCOUNT))]
    roster.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    root = tmp / "classe"
    released = _grader("release", MISSION, EX01, "--classe", str(root), "--variantes",
                       "--eleves-csv", str(roster), "--delai", "20")
    # The teacher publishes with nbgrader itself, in the class folder (as the Formgrader does).
    for aid in (MISSION, EX01):
        done = subprocess.run([sys.executable, "-m", "nbgrader", "release_assignment", aid,
                               f"--Exchange.root={exchange}"], cwd=root, capture_output=True, text=True,
                              timeout=300, env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:"
                                                                     f"{os.environ.get('PATH', '')}"))
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    homes, variants = {}, {}
    env = {"JUPYTER_CONFIG_PATH": str(learner_config)}
    for login in LEARNERS:
        home = tmp / f"home-{login}"
        home.mkdir()
        import pwd
        entry = pwd.getpwnam(login)
        os.chown(home, entry.pw_uid, entry.pw_gid)
        homes[login] = home
        for aid in (MISSION, EX01):
            as_user(login, [sys.executable, "-m", "nbgrader", "fetch_assignment", aid], home, env)
            variants[(login, aid)] = variantes.variant_for(root, login, aid)
    yield SimpleHub(tmp, exchange, root, homes, variants, env, released.stdout)
    shutil.rmtree(tmp, ignore_errors=True)


class SimpleHub:
    def __init__(self, tmp, exchange, root, homes, variants, env, release_output):
        self.tmp, self.exchange, self.root, self.homes = tmp, exchange, root, homes
        self.variants, self.env, self.release_output = variants, env, release_output


@pytest.mark.slow
def test_fetch_gives_each_learner_their_own_variant(hub_class):
    h = hub_class
    for login in LEARNERS:
        for aid in (MISSION, EX01):
            fetched = h.homes[login] / aid
            own = h.root / "variantes" / login / aid
            files = sorted(p.name for p in own.iterdir())
            assert "questions.json" in files
            for name in files:   # the learner's own variant files, byte for byte
                assert (fetched / name).read_bytes() == (own / name).read_bytes(), (login, aid, name)
            assert json.loads((fetched / "questions.json").read_text())["variante"] == \
                h.variants[(login, aid)][0]["variante"]
            assert list(fetched.glob("*.ipynb"))
            assert not [p for p in fetched.rglob("*") if p.name.endswith(".key.json") or "cles" in p.parts]
    a, b = LEARNERS
    assert (h.homes[a] / MISSION / "questions.json").read_bytes() != (h.homes[b] / MISSION / "questions.json").read_bytes()
    common = h.exchange / COURSE / "outbound" / MISSION / "questions.json"
    assert json.loads(common.read_text())["variante"] == "commune"


@pytest.mark.slow
def test_a_learner_reads_no_classmates_variant_and_no_key(hub_class):
    h = hub_class
    a, b = LEARNERS
    vroot = h.exchange / COURSE / "variantes"
    targets = [vroot, vroot / b, vroot / b / MISSION, vroot / b / MISSION / "questions.json",
               h.root / "cles", h.root / "cles" / "roster.json"]
    keys = sorted((h.root / "cles").rglob("*.key.json"))
    assert len(keys) >= 4
    seen = probe(a, targets + keys, h.homes[a])
    assert all(seen[str(t)] == "PermissionError" for t in targets + keys), seen
    # No key anywhere in the exchange, whoever reads it.
    assert not [p for p in h.exchange.rglob("*") if p.name.endswith(".key.json")]
    # The default fetch (without the hub's setting) gets the common version, never a classmate's.
    other = h.tmp / f"defaut-{a}"
    other.mkdir()
    shutil.chown(other, a)
    done = as_user(a, [sys.executable, "-m", "nbgrader", "fetch_assignment", MISSION,
                       f"--Exchange.root={h.exchange}", f"--course={COURSE}"], other, {})
    assert json.loads((other / MISSION / "questions.json").read_text())["variante"] == "commune", done.stderr


@pytest.mark.slow
def test_fetch_again_restores_only_what_is_missing_from_the_variant(hub_class):
    h = hub_class
    a = LEARNERS[0]
    folder = h.homes[a] / EX01
    kept = (folder / "questions.json").read_bytes()
    as_user(a, [sys.executable, "-c", f"import os; os.remove({str(folder / 'questions.json')!r})"], h.homes[a])
    done = as_user(a, [sys.executable, "-m", "nbgrader", "fetch_assignment", EX01, "--replace"], h.homes[a], h.env)
    assert (folder / "questions.json").read_bytes() == kept, done.stderr


@pytest.mark.slow
def test_submit_collect_autograde_export_with_variants(hub_class):
    h = hub_class
    from grader.exercices import module_for, score_answers
    from prospection import annexe

    for login in LEARNERS:   # each learner answers their own variant, then submits on the hub
        public, key = h.variants[(login, MISSION)]
        answers = mission_answers(public, key)
        folder = h.homes[login] / MISSION
        (folder / "reponses.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        values = answers["questions"]["qualification"]["valeur"]
        annexe.write_annexe([(cid, v["classe"], v["justification"]) for cid, v in values.items()],
                            folder / "annexe_salon.xlsx")
        public, key = h.variants[(login, EX01)]
        (h.homes[login] / EX01 / "reponses.json").write_text(
            json.dumps(module_for(EX01).perfect_answers(public, key), ensure_ascii=False), encoding="utf-8")
        for path in [*(h.homes[login] / MISSION).iterdir(), *(h.homes[login] / EX01).iterdir()]:
            shutil.chown(path, login)
        for aid in (MISSION, EX01):
            as_user(login, [sys.executable, "-m", "nbgrader", "submit", aid], h.homes[login], h.env)
    _grader("collect", "--classe", str(h.root), "--echange", str(h.exchange))
    _grader("autograde", "--classe", str(h.root), "--silencieux")
    from grader.toolchain.grades import read_scores
    from grader.toolchain.workspace import Classe

    scores = read_scores(Classe.open(h.root))
    flags = json.loads((h.root / "rapport" / "flags.json").read_text(encoding="utf-8"))
    for login in LEARNERS:   # graded with their own variant (roster), full data points
        got = {q.split(":", 1)[1]: s for q, (s, _) in scores[login][MISSION]["questions"].items()}
        assert got["test_classes"] == 10.0 and got["test_reponses_completes"] == 2.0, (login, got)
        got01 = {q.split(":", 1)[1]: s for q, (s, _) in scores[login][EX01]["questions"].items()}
        public, key = h.variants[(login, EX01)]
        graded = score_answers(EX01, public, key, module_for(EX01).perfect_answers(public, key))
        assert graded
        for s in graded:   # every question scored from the data: full points with their own key
            assert s.points == s.max_points and got01[s.grade_id] == s.max_points, (login, s.grade_id, got01)
        assert not [f for f in flags[login][MISSION] if f["code"] in ("copie_variante", "variante_inattendue")]
    # Every learner of the roster is in the export, the one who handed nothing in too.
    for fmt, sep in (("pronote", ";"), ("moodle", ",")):
        _grader("export", "--classe", str(h.root), "--format", fmt)
        with open(h.root / "export" / "notes.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f, delimiter=sep))
        assert sorted(r["identifiant"] for r in rows) == sorted((*LEARNERS, NO_ACCOUNT)), fmt
        by_id = {r["identifiant"]: r for r in rows}
        assert by_id[NO_ACCOUNT][MISSION] in ("", "-") and by_id[NO_ACCOUNT]["nom"] == "Élève2"
        assert all(by_id[login][MISSION] not in ("", "-", "0") for login in LEARNERS)
    assert not (h.root / "export" / "moodle_sans_identifiant.csv").exists()


@pytest.mark.slow
def test_release_echange_publishes_through_the_toolchain(hub_class, capsys):
    """``python -m grader release … --echange DOSSIER`` goes through the same release class."""
    from grader.toolchain.echange_variantes import release_to_exchange
    from grader.toolchain.workspace import Classe

    h = hub_class
    second = h.tmp / "echange2"
    second.mkdir()
    second.chmod(0o777)
    said = []
    release_to_exchange(Classe.open(h.root), [MISSION], str(second), log=said.append)
    assert (second / COURSE / "outbound" / MISSION / "questions.json").is_file()
    a, b = LEARNERS
    assert sorted(p.name for p in (second / COURSE / "variantes").iterdir()) == sorted(LEARNERS)
    assert (second / COURSE / "variantes" / a / MISSION / "questions.json").read_bytes() == \
        (h.root / "variantes" / a / MISSION / "questions.json").read_bytes()
    assert any(NO_ACCOUNT in s and "version commune" in s for s in said), said
    # Published again: replaced, not refused.
    release_to_exchange(Classe.open(h.root), [MISSION], str(second), log=said.append)


def test_release_records_the_roster_for_export(tmp_path):
    from grader.toolchain import roster

    root = tmp_path / "classe"
    root.mkdir()
    roster.save_class_roster(root, [roster.Learner("eleve01", participant="42", participants={"x": "42"}),
                                    roster.Learner("inconnu", inscrit=False)])
    learners = [roster.Learner("eleve01", "Durand", "Zoé", "z@l.fr"), roster.Learner("eleve02", "Ba", "Léo")]
    variantes.record_roster(root, learners)
    kept = {x.identifiant: x for x in roster.load_class_roster(root)}
    assert sorted(kept) == ["eleve01", "eleve02", "inconnu"]
    assert kept["eleve01"].nom == "Durand" and kept["eleve01"].participants == {"x": "42"}
    assert kept["eleve02"].inscrit and not kept["inconnu"].inscrit


def test_release_echange_errors_are_french(tmp_path, monkeypatch):
    import jupyter_core.paths

    from grader.toolchain.common import ToolchainError
    from grader.toolchain.echange_variantes import exchange_root, release_to_exchange
    from grader.toolchain.workspace import Classe

    classe = Classe.create(tmp_path / "classe")
    monkeypatch.setattr(jupyter_core.paths, "jupyter_config_path", lambda: [])
    with pytest.raises(ToolchainError, match="Aucun échange nbgrader configuré"):
        exchange_root(classe)
    assert exchange_root(classe, str(tmp_path / "x")) == str((tmp_path / "x").resolve())
    with pytest.raises(ToolchainError, match="dossier introuvable"):
        release_to_exchange(classe, ["01_telemarketing"], "/proc/pas-de-dossier/echange", log=lambda s: None)
