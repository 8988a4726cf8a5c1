"""The grading sandbox where the hub grades: a NON-ROOT teacher account, in the hub's teacher
environment, under the limits JupyterHub's spawner puts on that account's server.

- a notebook runs there and comes back with its outputs (it did not: the spawner's
  ``prlimit --as`` is a hard limit, and the sandbox's own ``prlimit`` asked for more, which only
  root may do — every copy graded on the hub scored 0);
- what learner code sees and may do is the same as when root grades;
- a sandbox that cannot start is said, in French, and stops ``autograde`` before anyone gets 0;
  learner code cannot pass itself off as such a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from grader import sandbox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "fixtures"))
from classe_fixture import ASSIGNMENT, class_with  # noqa: E402

PREFIX = Path(os.environ.get("PROSPECTION_HUB_PREFIX", "/opt/prospection-hub"))
TEACHER_PYTHON = PREFIX / "prof" / "bin" / "python"
# What deploy/jupyterhub_config.py puts in front of every server without systemd
# (LocalProcessSpawner, PROSPECTION_HUB_MEMOIRE=1G): a hard address-space limit of 2 GB.
SPAWNER_LIMIT = ["/usr/bin/prlimit", f"--as={2 * 1024 ** 3}", "--nproc=512", "--"]
ACCOUNT = "nobody"

# What learner code sees of its sandbox: printed as JSON from inside.
PROBE = r'''
import json, os, resource, socket, sys
PRIVATE = sys.argv[1:]
status = {l.split(":")[0]: l.split(":", 1)[1].strip() for l in open("/proc/self/status")}
out = {"uid": os.getuid(), "gid": os.getgid(), "groups": sorted(set(os.getgroups())),
       "caps": [status[k] for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")],
       "no_new_privs": status.get("NoNewPrivs"),
       "processes": len([p for p in os.listdir("/proc") if p.isdigit()]),
       "interfaces": sorted(os.listdir("/sys/class/net")) if os.path.isdir("/sys/class/net") else [],
       "environment": sorted(os.environ), "cwd": os.getcwd(),
       "limits": {n: resource.getrlimit(getattr(resource, "RLIMIT_" + n))
                  for n in ("AS", "CPU", "NPROC", "FSIZE", "NOFILE", "CORE")},
       "home_visible": os.path.exists("/home") and bool(os.listdir("/home")),
       "teacher_files": [p for p in PRIVATE if os.path.exists(p)]}
written = {}
for name, target in (("usr", "/usr/x"), ("etc", "/etc/x"), ("copie", "/copie/x"), ("tmp", "/tmp/x"),
                     ("soumission", "/soumission/x"), ("python", os.path.dirname(json.__file__) + "/x"),
                     ("venv", sys.prefix + "/x")):
    try:
        open(target, "w").close()
        written[name] = "écrit"
    except OSError:
        written[name] = "refusé"
out["written"] = written
s = socket.socket()
s.settimeout(1)
try:
    s.connect(("1.1.1.1", 80))
    out["internet"] = True
except OSError:
    out["internet"] = False
out["copied"] = open("/copie/donnees.txt").read()
print(json.dumps(out))
'''

# Run as the non-root account, in the teacher's environment, with this checkout's grader.
DRIVER = r'''
import json, sys, tempfile
from pathlib import Path
from grader import sandbox
job = json.loads(sys.argv[1])
folder = Path(tempfile.mkdtemp(prefix="soumission-"))
folder.chmod(0o755)
(folder / "donnees.txt").write_text("ok", encoding="utf-8")
if job["what"] == "probe":
    res = sandbox.run([str(Path(sys.prefix) / "bin" / "python"), "-I", "-c", job["code"], *job["private"]],
                      submission=folder)
    print(json.dumps({"stdout": res.stdout.decode(), "stderr": res.stderr.decode()[-2000:], "rc": res.returncode}))
else:
    sandbox.check()
    run = sandbox.execute_notebook(job["notebook"], folder, "essai.ipynb", timeout=60)
    print(json.dumps({"notebook": run.notebook, "error": run.error,
                      "stderr": run.result.stderr.decode()[-2000:]}))
'''


def _needs_root_and_hub():
    if os.geteuid() != 0:
        pytest.skip("changer de compte (runuser) demande root (CI et make test le sont)")
    assert TEACHER_PYTHON.exists(), f"{TEACHER_PYTHON} manque : lancez « make hub-deps »"


@pytest.fixture(scope="module")
def readable_checkout():
    """This checkout's ``grader`` and ``prospection``, where the non-root account can read them
    (a clone may live in /root)."""
    root = Path(tempfile.mkdtemp(prefix="prospection-sandbox-", dir="/var/tmp"))
    for name in ("grader", "prospection"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def as_teacher(checkout: Path, job: dict, limit: bool = True) -> dict:
    cmd = ["runuser", "-u", ACCOUNT, "--", "env", "-i", f"PYTHONPATH={checkout}", "HOME=/tmp",
           "PATH=/usr/bin:/bin", "LANG=C.UTF-8", *(SPAWNER_LIMIT if limit else []),
           str(TEACHER_PYTHON), "-c", DRIVER, json.dumps(job)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd="/tmp")
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def probe_as_root(private: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp).chmod(0o755)
        (Path(tmp) / "donnees.txt").write_text("ok", encoding="utf-8")
        res = sandbox.run([str(Path(sys.prefix) / "bin" / "python"), "-I", "-c", PROBE, *private],
                          submission=Path(tmp))
    assert res.ok, res.stderr
    return json.loads(res.stdout)


def test_a_notebook_runs_for_a_non_root_teacher_under_the_hubs_limits(readable_checkout):
    _needs_root_and_hub()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nprint(os.getuid(), 6 * 7)"),
                nbformat.v4.new_code_cell("print(open('donnees.txt').read())"),
                nbformat.v4.new_code_cell("import prospection, pandas\nprint('modules ok')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    got = as_teacher(readable_checkout, {"what": "notebook", "notebook": nb})
    assert got["error"] == "", got
    texts = ["".join(o.get("text", "") for o in cell["outputs"]) for cell in got["notebook"]["cells"]]
    assert texts == ["65534 42\n", "ok\n", "modules ok\n"], (texts, got["stderr"])


def test_learner_code_gets_the_same_sandbox_as_when_root_grades(readable_checkout):
    _needs_root_and_hub()
    # the teacher's part and the class, wherever they are: never inside
    private = [str(REPO / "solutions"), str(REPO / "grader"), str(readable_checkout / "grader")]
    root = probe_as_root(private)
    got = as_teacher(readable_checkout, {"what": "probe", "code": PROBE, "private": private}, limit=False)
    assert got["rc"] == 0, got
    teacher = json.loads(got["stdout"])
    # a non-root account cannot drop its supplementary groups: inside they show as nobody's
    assert set(teacher.pop("groups")) <= {65534} and set(root.pop("groups")) <= {65534}
    assert teacher == root
    assert root["uid"] == root["gid"] == 65534
    assert set(root["caps"]) == {"0000000000000000"} and root["no_new_privs"] == "1"
    assert root["processes"] <= 3 and root["internet"] is False
    assert root["written"] == {"usr": "refusé", "etc": "refusé", "copie": "écrit", "tmp": "écrit",
                               "soumission": "refusé", "python": "refusé", "venv": "refusé"}
    assert not root["home_visible"] and root["teacher_files"] == []
    assert root["limits"]["AS"][1] <= 3 * 1024 ** 3 and root["limits"]["NPROC"] == [512, 512]
    # under the hub's 2 GB hard limit: never more than what the account already had
    limited = json.loads(as_teacher(readable_checkout, {"what": "probe", "code": PROBE, "private": private})["stdout"])
    assert limited["limits"]["AS"] == [2 * 1024 ** 3] * 2
    assert {k: v for k, v in limited["limits"].items() if k != "AS"} == \
        {k: v for k, v in root["limits"].items() if k != "AS"}


@pytest.fixture
def broken_bwrap(tmp_path, monkeypatch):
    """A bwrap that fails as a real one does when the system refuses namespaces."""
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PROSPECTION_BWRAP", str(fake))
    monkeypatch.setattr(sandbox, "_CHECKED", None)
    return fake


def test_a_sandbox_that_cannot_start_is_said_in_french(broken_bwrap, tmp_path, monkeypatch):
    with pytest.raises(sandbox.SandboxUnavailable) as caught:
        sandbox.run(["/usr/bin/true"])
    assert "n'a pas pu démarrer" in str(caught.value) and "No permissions" in str(caught.value)
    with pytest.raises(sandbox.SandboxUnavailable):
        sandbox.check()
    monkeypatch.setattr(sandbox, "_AVAILABLE", None)
    assert sandbox.available() is False
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    run = sandbox.execute_notebook(nb, tmp_path, "essai.ipynb", timeout=10)
    assert run.notebook is None and "bac à sable" in run.error and "No permissions" in run.error
    monkeypatch.setenv("PROSPECTION_BWRAP", str(tmp_path / "absent" / "bwrap"))
    with pytest.raises(sandbox.SandboxUnavailable, match="ne se lance pas"):
        sandbox.run(["/usr/bin/true"])


def test_learner_code_cannot_pass_for_a_broken_sandbox():
    res = sandbox.run(["/bin/sh", "-c", "echo 'bwrap: No permissions to creating new namespace' >&2; exit 1"])
    assert res.returncode == 1 and res.stderr.startswith(b"bwrap: No permissions")
    assert b"@@" not in res.stderr  # the start marker never reaches the teacher


@pytest.mark.slow
def test_autograde_stops_in_french_instead_of_giving_zeros(tmp_path, broken_bwrap):
    classe = class_with(tmp_path / "classe", ["perfect", "empty"])
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "grader", "autograde", "--classe", str(classe.root),
                           "--silencieux"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith("Erreur\u00a0: aucune copie n'a été corrigée"), done.stderr
    assert "bac à sable" in done.stderr and "No permissions" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (classe.root / "autograded").exists() or not any((classe.root / "autograded").rglob("*.ipynb"))
    # the same class, with the real bubblewrap: the honest copy gets its points
    del env["PROSPECTION_BWRAP"]
    done = subprocess.run([sys.executable, "-m", "grader", "autograde", "--classe", str(classe.root),
                           "--silencieux"], capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    from grader.toolchain.grades import read_scores
    scores = read_scores(classe)
    # every automatic point (the comment, 1 point, is graded by hand), as test_toolchain_robustness says
    assert scores["perfect"][ASSIGNMENT]["score"] == 8, scores
    assert scores["empty"][ASSIGNMENT]["score"] == 0, scores
