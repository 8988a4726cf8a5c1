"""A class on the hub, for real: JupyterHub from ``deploy/`` on 127.0.0.1, real Unix accounts
(one teacher, N learners), nbgrader's exchange, the course's toolchain.

The teacher releases through the exchange; the learners log in through the login form, fetch,
write their answers through the REST contents API of their own server and submit at the same
time; three learners do it in Chromium (login form, nbgrader's Assignments panel in JupyterLab),
one after the other while the others work.
The teacher collects from the exchange and grades with ``python -m grader``, releases the
feedback, and every learner fetches it. Everything started is stopped and the accounts removed.

``make test`` runs it with 6 learners, 3 in Chromium (CI's 2 cores); ``benchmarks/bench_hub.py`` with 30.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "tests"))

from essai import COURSE, HubTrial  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FIXTURES = REPO / "tests" / "fixtures"
ASSIGNMENT = "90_mini_salon"
N = int(os.environ.get("PROSPECTION_HUB_ELEVES", "6"))
#: Learners who do everything in Chromium (login form, Assignments panel); the others script it.
BROWSERS = min(int(os.environ.get("PROSPECTION_HUB_NAVIGATEURS", "3")), N - 1)
CASES = ["perfect", "partial", "empty"]

TEACHER_RELEASE = f'''
import subprocess, sys
from pathlib import Path
from grader.toolchain.release import release
from grader.toolchain.workspace import Classe
home = Path.home()
classe = Classe.create(home / "classe", solutions=home / "solutions", timeout=20,
                       answers={{"{ASSIGNMENT}": {{"fichier": "reponses_salon.json",
                                                  "cle": str(home / "cles" / "mini_salon.key.json")}}}})
release(classe, ["{ASSIGNMENT}"])
done = subprocess.run(["nbgrader", "release_assignment", "{ASSIGNMENT}"], cwd=classe.root,
                      capture_output=True, text=True)
print("RC", done.returncode, done.stdout, done.stderr[-1500:])
'''

TEACHER_GRADE = f'''
import subprocess, sys
from pathlib import Path
home = Path.home()
classe = home / "classe"
def run(*cmd, cwd=None):
    done = subprocess.run(list(cmd), capture_output=True, text=True, cwd=cwd)
    print("$", " ".join(cmd[1:4]), "->", done.returncode)
    print(done.stdout[-3000:], done.stderr[-3000:])
    assert done.returncode == 0, cmd
run(sys.executable, "-m", "grader", "collect", "--echange", "--classe", str(classe),
    "--eleves", str(home / "liste.csv"))
run(sys.executable, "-m", "grader", "autograde", "--classe", str(classe), "--silencieux")
run(sys.executable, "-m", "grader", "feedback", "--classe", str(classe), "--silencieux")
run(sys.executable, "-m", "grader", "retours", "--classe", str(classe))
run(sys.executable, "-m", "grader", "export", "--classe", str(classe), "--format", "pronote")
'''


def notebook(case: str) -> dict:
    return json.loads((FIXTURES / "submissions" / f"submitted-{case}.ipynb").read_text(encoding="utf-8"))


def answers(case: str) -> str | None:
    path = FIXTURES / "submissions" / f"submitted-{case}.reponses_salon.json"
    return path.read_text(encoding="utf-8") if path.exists() else None  # « empty »: none written


KERNEL_SAVE = f'''
import json
from pathlib import Path
from prospection import reponses
doc = reponses.migrate_v1(json.loads({{text!r}}))
doc["exercice"] = "{ASSIGNMENT}"
reponses.save(Path.home() / "{ASSIGNMENT}" / reponses.FILENAME, doc)
print("ENREGISTRE", sorted(p.name for p in (Path.home() / "{ASSIGNMENT}").glob("reponses*")))
'''


def browser_learners(trial: HubTrial, users: list[str], artifacts: Path, step: str) -> None:
    """The Chromium learners, one after the other in one thread (one Playwright per thread)."""
    for user in users:
        browser_learner(trial, user, artifacts, step, shots=user == users[0])


def browser_learner(trial: HubTrial, user: str, artifacts: Path, step: str, shots: bool = True) -> None:
    """What one learner does in Chromium: ``login`` + fetch + answer, ``submit``, ``feedback``."""
    from browser import chromium_page
    with chromium_page() as page:
        page.set_default_timeout(120_000)
        page.goto(f"{trial.base}/hub/login")
        page.fill("#username_input", user)
        page.fill("#password_input", trial.passwords[user])
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{user}/lab**", timeout=240_000)
        page.wait_for_selector(".jp-LabShell", state="attached")
        # nbgrader's Assignments panel, from the JupyterLab menu
        page.goto(f"{trial.base}/user/{user}/tree")
        page.wait_for_load_state("networkidle")
        page.goto(f"{trial.base}/user/{user}/lab")
        page.wait_for_selector(".jp-LabShell", state="attached")
        page.get_by_role("menuitem", name="Nbgrader").click()
        page.get_by_text("Assignment List").first.click()
        panel = page.locator("#nbgrader-assignment-list, .nbgrader-assignment-list, #assignment-list").first
        panel.wait_for(state="attached")
        if step == "login":
            page.locator("button", has_text="Fetch").first.click()
            page.locator("#fetched_assignments_list").get_by_text(ASSIGNMENT).first.wait_for()
            # the learner's answers, saved the way the Lab saves a file (contents API, XSRF)
            page.evaluate("""async ([user, text]) => {
                const xsrf = document.cookie.split('; ').find(c => c.startsWith('_xsrf='))?.split('=')[1];
                const r = await fetch(`/user/${user}/api/contents/""" + ASSIGNMENT + """/reponses_salon.json`, {
                    method: 'PUT', headers: {'Content-Type': 'application/json', 'X-XSRFToken': decodeURIComponent(xsrf || '')},
                    body: JSON.stringify({type: 'file', format: 'text', content: text})});
                if (!r.ok) throw new Error('PUT ' + r.status);
            }""", [user, answers("perfect")])
            page.goto(f"{trial.base}/user/{user}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
            page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
            if shots:
                page.screenshot(path=str(artifacts / "hub_eleve_notebook.png"))
        elif step == "submit":
            page.locator("#fetched_assignments_list button", has_text="Submit").first.click()
            page.locator("#submitted_assignments_list").get_by_text(ASSIGNMENT).first.wait_for()
            if shots:
                page.screenshot(path=str(artifacts / "hub_eleve_rendu.png"))
        elif step == "feedback":
            page.locator("button", has_text="Fetch Feedback").first.click()
            page.locator("#submitted_assignments_list").get_by_text("view feedback").first.wait_for()
            if shots:
                page.screenshot(path=str(artifacts / "hub_eleve_retour.png"))


def test_a_class_on_the_hub(artifacts):
    if os.geteuid() != 0:
        pytest.skip("le hub d'essai crée des comptes Unix : root requis (CI et make test le sont)")
    started = time.monotonic()
    with HubTrial(N) as trial:
        try:
            run_class(trial, artifacts)
        except BaseException:
            (artifacts / "hub_jupyterhub.log").write_text(trial.hub_tail(200_000), encoding="utf-8")
            raise
        users = [trial.teacher, *trial.learners]
        port = trial.port
    # nothing left behind: processes, accounts, the hub's port
    assert trial.processes() == []
    for name in users:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    import socket
    with socket.socket() as s:  # nobody listens any more (closed connections may linger in TIME_WAIT)
        assert s.connect_ex(("127.0.0.1", port)) != 0
    assert not trial.root.exists()
    assert time.monotonic() - started < 1500


def run_class(trial: HubTrial, artifacts: Path) -> None:
    browser_users, api_users = trial.learners[:BROWSERS], trial.learners[BROWSERS:]
    # ---- the teacher releases through the exchange ----------------------------------------
    trial.login(trial.teacher)
    teacher = trial.token(trial.teacher)
    trial.give(trial.teacher, FIXTURES / "solutions", "solutions")
    trial.give(trial.teacher, FIXTURES / "cles", "cles")
    trial.give(trial.teacher, trial.roster, "liste.csv")
    out = trial.run_code(trial.teacher, teacher, TEACHER_RELEASE)
    assert "RC 0" in out, out
    outbound = trial.exchange / COURSE / "outbound" / ASSIGNMENT
    assert (outbound / f"{ASSIGNMENT}.ipynb").is_file()
    assert "BEGIN SOLUTION" not in (outbound / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8")

    # ---- learners log in (login form, PAM) and fetch, all at once ---------------------------
    with ThreadPoolExecutor(max_workers=len(api_users) + 1) as pool:
        browser_job = pool.submit(browser_learners, trial, browser_users, artifacts, "login")
        sessions = list(pool.map(trial.login, api_users))
        tokens = dict(zip(api_users, pool.map(trial.token, api_users)))
        list(pool.map(lambda u: trial.assignment_action(u, tokens[u], "fetch", ASSIGNMENT), api_users))
        browser_job.result()
    assert len(sessions) == len(api_users)
    for user in browser_users:
        tokens[user] = trial.token(user)
    for user in trial.learners:
        listing = trial.server(user, tokens[user], "GET", f"api/contents/{ASSIGNMENT}").json()
        assert f"{ASSIGNMENT}.ipynb" in {item["name"] for item in listing["content"]}, (user, listing)

    # a learner's kernel has the learner part, never the teacher's (keys, grading code)
    probe = trial.run_code(api_users[0], tokens[api_users[0]],
                           "import importlib.util as u\nprint(u.find_spec('prospection') is not None, "
                           "u.find_spec('grader') is None)")
    assert probe.split() == ["True", "True"], probe

    # ---- they answer (REST contents API of their own server) and submit together ------------
    cases = {user: CASES[i % len(CASES)] for i, user in enumerate(api_users)}
    assert len(api_users) < len(CASES) or set(cases.values()) == set(CASES), cases
    cases.update(dict.fromkeys(browser_users, "browser"))
    barrier = threading.Barrier(len(api_users))

    def answer_and_submit(user):
        case = cases[user]
        trial.put_file(user, tokens[user], f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb", notebook(case), "notebook")
        if case == "perfect":
            # saved from the learner's own kernel by the learner part, as the widgets save it
            # (one answers schema, version 2, atomic write): no reponses_salon.json at all
            out = trial.run_code(user, tokens[user], KERNEL_SAVE.format(text=answers(case)))
            assert "ENREGISTRE" in out, (user, out)
        elif answers(case) is not None:  # an answers file of the first version, still accepted
            trial.put_file(user, tokens[user], f"{ASSIGNMENT}/reponses_salon.json", answers(case))
        barrier.wait(timeout=300)
        trial.assignment_action(user, tokens[user], "submit", ASSIGNMENT)

    # the browser learners' notebook (answers file written from the page already)
    for user in browser_users:
        trial.put_file(user, tokens[user], f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb", notebook("perfect"), "notebook")
    with ThreadPoolExecutor(max_workers=len(api_users) + 1) as pool:
        jobs = [pool.submit(answer_and_submit, u) for u in api_users]
        jobs.append(pool.submit(browser_learners, trial, browser_users, artifacts, "submit"))
        errors = [job.exception(timeout=900) for job in jobs]
    errors = sorted((e for e in errors if e), key=lambda e: isinstance(e, threading.BrokenBarrierError))
    if errors:
        raise errors[0]
    inbound = sorted((trial.exchange / COURSE / "inbound").iterdir())
    assert {p.name.split("+")[0] for p in inbound} == set(trial.learners)
    for path in inbound:  # each submission belongs to its learner's account
        assert pwd.getpwuid(path.stat().st_uid).pw_name == path.name.split("+")[0]

    # ---- the teacher collects from the exchange, grades, releases feedback ----------------
    out = trial.run_code(trial.teacher, teacher, TEACHER_GRADE, timeout=1200)
    home = Path(pwd.getpwnam(trial.teacher).pw_dir)
    rows = list(csv.DictReader((home / "classe" / "export" / "notes.csv").read_text(encoding="utf-8-sig")
                               .splitlines(), delimiter=";"))
    grades = {r["identifiant"]: r for r in rows}
    assert set(grades) == set(trial.learners), out
    perfect = [u for u in trial.learners if cases[u] in ("perfect", "browser")]
    for user in trial.learners:
        assert grades[user]["note_sur_20"] not in ("", "Abs"), (user, grades[user], out)
    best = max(float(grades[u]["total"].replace(",", ".")) for u in trial.learners)
    for user in perfect:
        assert float(grades[user]["total"].replace(",", ".")) == best, (user, grades[user])
    for user in (u for u in trial.learners if cases[u] == "empty"):
        assert float(grades[user]["total"].replace(",", ".")) < best
    # the sandbox ran the copies: every automatic point of the fixture (8, the comment is graded
    # by hand), and no copy flagged as not executed
    assert best == 8, (grades, out)
    flags = json.loads((home / "classe" / "rapport" / "flags.json").read_text(encoding="utf-8"))
    codes = {f["code"] for per_learner in flags.values() for fl in per_learner.values() for f in fl}
    assert not codes & {"execution_impossible", "correction_impossible", "noyau_arrete"}, flags

    # ---- every learner sees their feedback -------------------------------------------------
    def feedback(user):
        trial.assignment_action(user, tokens[user], "fetch_feedback", ASSIGNMENT)
        folder = trial.server(user, tokens[user], "GET", f"api/contents/{ASSIGNMENT}/feedback").json()
        (stamp,) = [item["path"] for item in folder["content"] if item["type"] == "directory"]
        page = trial.server(user, tokens[user], "GET", f"api/contents/{stamp}/{ASSIGNMENT}.html").json()
        return page["content"]

    with ThreadPoolExecutor(max_workers=len(api_users)) as pool:
        pages = dict(zip(api_users, pool.map(feedback, api_users)))
    browser_learners(trial, browser_users, artifacts, "feedback")
    for user in browser_users:
        pages[user] = feedback(user)
    for user, page in pages.items():
        assert "carre" in page and "BEGIN HIDDEN" not in page, user
        score = grades[user][ASSIGNMENT]
        assert score.replace(",", ".").rstrip("0").rstrip(".") in page.replace(",", ".") or score in page, (user, score)
