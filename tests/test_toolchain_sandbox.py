"""The grading sandbox (``grader.sandbox``): isolation and every limit, tested for real with bwrap."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest

from grader import sandbox
from grader.sandbox import Limits

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def _bwrap():
    assert sandbox.bwrap_path(), "bubblewrap manque : « make bwrap »"
    assert sandbox.available()


def _py(code: str, **kw) -> sandbox.SandboxResult:
    return sandbox.run([str(Path(sys.prefix) / "bin" / "python"), "-c", code], **kw)


def test_unprivileged_uid_own_pid_namespace_no_network():
    res = _py(
        "import os, socket\n"
        "print(os.getuid(), os.getgid())\n"
        "print(len([p for p in os.listdir('/proc') if p.isdigit()]))\n"
        "print(sorted(os.listdir('/sys/class/net')) if os.path.isdir('/sys/class/net') else ['lo'])\n"
        "s = socket.socket(); s.settimeout(2)\n"
        "try:\n    s.connect(('1.1.1.1', 80)); print('reseau')\nexcept OSError as e:\n    print('pas de reseau')\n")
    assert res.ok, res.stderr
    uid, procs, _, net = res.stdout.decode().splitlines()
    assert uid == "65534 65534"
    assert int(procs) <= 5
    assert net == "pas de reseau"


def test_only_the_learner_part_is_there_read_only():
    code = (
        "import importlib.util, os\n"
        "print(importlib.util.find_spec('prospection') is not None)\n"
        "try:\n    import grader\n    print('grader importable')\nexcept ImportError:\n    print('pas de grader')\n"
        f"print(os.path.exists({str(REPO / 'solutions')!r}), os.path.exists({str(REPO / 'grader')!r}),"
        f" os.path.exists({str(REPO / 'tests')!r}), os.path.exists('/root/.bashrc'), os.path.exists('/work/main'))\n"
        "for target in ('/usr/x', '/etc/x', " + repr(str(REPO / 'prospection' / 'x.py')) + "):\n"
        "    try:\n        open(target, 'w')\n        print('ecrit', target)\n    except OSError:\n        print('refuse')\n"
        "open('/copie/ok.txt', 'w').write('ok'); open('/tmp/ok.txt', 'w').write('ok'); print('copie ok')\n")
    res = _py(code)
    assert res.ok, res.stderr
    lines = res.stdout.decode().splitlines()
    assert lines[0] == "True"
    assert lines[1] == "pas de grader"
    assert lines[2] == "False False False False False"
    assert lines[3:6] == ["refuse"] * 3
    assert lines[6] == "copie ok"


def test_environment_is_scrubbed(monkeypatch):
    monkeypatch.setenv("SECRET_CLASSE", "/chemin/de/la/classe")
    monkeypatch.setenv("PROSPECTION_COURSE_ROOT", "/classe")
    res = _py("import os, json; print(json.dumps(dict(os.environ)))")
    assert res.ok, res.stderr
    import json
    env = json.loads(res.stdout)
    assert "SECRET_CLASSE" not in env and "PROSPECTION_COURSE_ROOT" not in env
    assert not any(str(REPO) in v and "venv" not in v for v in env.values()), env
    assert env["HOME"].startswith("/tmp")


def test_submission_is_copied_never_written_back(tmp_path):
    (tmp_path / "reponses.json").write_text("{}", encoding="utf-8")
    res = _py("import os, shutil\n"
              "assert open('/copie/reponses.json').read() == '{}'\n"
              "open('/copie/reponses.json', 'w').write('triche')\n"
              "try:\n    open('/soumission/reponses.json', 'w').write('triche')\nexcept OSError:\n    print('lecture seule')\n",
              submission=tmp_path)
    assert res.ok, res.stderr
    assert res.stdout.decode().strip() == "lecture seule"
    assert (tmp_path / "reponses.json").read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reponses.json"]


def _survivors(marker: str):
    """Processes of the unprivileged uid still alive whose command line carries ``marker``.

    Each test gives its own processes a marker (an odd sleep duration), so sandboxes run at the
    same time by another test worker are never taken for survivors of this one.
    """
    import time

    import psutil
    deadline = time.monotonic() + 3  # the kernel's SIGKILL of a dying PID namespace is asynchronous
    while True:
        found = [p.pid for p in psutil.process_iter(["uids", "cmdline", "status"])
                 if p.info["uids"] and p.info["uids"].real == 65534 and p.info["status"] != psutil.STATUS_ZOMBIE
                 and marker in " ".join(p.info["cmdline"] or [])]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_every_process_dies_with_the_sandbox():
    res = sandbox.run(["/bin/sh", "-c", "setsid nohup sleep 300.017 >/dev/null 2>&1 & (sleep 300.017 &) ; echo parti"])
    assert res.ok and res.stdout.decode().strip() == "parti"
    assert not _survivors("300.017")


def test_wall_clock_limit_kills_the_tree():
    res = sandbox.run(["/bin/sh", "-c", "sleep 100.023 & sleep 100.023"], limits=Limits(wall_seconds=2))
    assert res.timed_out and not res.ok
    assert res.seconds < 15
    assert not _survivors("100.023")


def test_memory_limit():
    res = _py("x = bytearray(2 * 1024 ** 3)\nprint('alloue')", limits=Limits(memory_mb=512))
    assert not res.ok
    assert b"MemoryError" in res.stderr
    assert b"alloue" not in res.stdout


def test_cpu_time_limit():
    res = _py("while True:\n    pass", limits=Limits(cpu_seconds=1, wall_seconds=60))
    assert not res.ok and not res.timed_out  # the kernel stopped it (SIGXCPU/SIGKILL), not us
    assert res.seconds < 30


def test_process_limit():
    res = _py("import subprocess\nps = []\n"
              "try:\n    for _ in range(60):\n        ps.append(subprocess.Popen(['sleep', '5.029']))\n"
              "except OSError as e:\n    print('limite', len(ps))\n",
              limits=Limits(processes=10))
    assert res.ok, res.stderr
    out = res.stdout.decode().split()
    assert out[0] == "limite" and int(out[1]) < 10
    assert not _survivors("5.029")


def test_file_size_limit():
    res = _py("import signal\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "try:\n    open('/copie/gros', 'wb').write(b'x' * 5 * 1024 * 1024)\n    print('ecrit')\n"
              "except OSError as e:\n    print('trop gros', e.errno)\n", limits=Limits(file_mb=1))
    assert res.ok, res.stderr
    assert res.stdout.decode().startswith("trop gros")


def test_huge_output_is_cut_and_reported():
    res = _py("import sys\nsys.stdout.write('x' * 50_000_000)\n", limits=Limits(output_bytes=1024 * 1024))
    assert res.ok
    assert len(res.stdout) == 1024 * 1024
    assert res.stdout_cut == 50_000_000 - 1024 * 1024


def test_notebook_runs_inside_and_comes_back_as_data(tmp_path):
    (tmp_path / "donnees.txt").write_text("bonjour", encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import os\nprint(open('donnees.txt').read(), os.getuid(), os.getcwd())"),
        nbformat.v4.new_code_cell("import grader"),
        nbformat.v4.new_code_cell("open('/etc/passwd').read()[:0]\nopen('../../classe/x', 'w')"),
        nbformat.v4.new_code_cell("print('y' * 20_000_000)"),
        nbformat.v4.new_code_cell("import subprocess\nsubprocess.Popen(['sleep', '300.031'], start_new_session=True)"),
    ])
    run = sandbox.execute_notebook(nb, tmp_path, "essai.ipynb", timeout=30,
                                   limits=Limits(output_bytes=2 * 1024 * 1024))
    assert run.notebook is not None, run.error
    cells = run.notebook["cells"]
    assert cells[0]["outputs"][0]["text"].strip() == "bonjour 65534 /copie"
    assert cells[1]["outputs"][0]["ename"] == "ModuleNotFoundError"
    assert cells[2]["outputs"][0]["output_type"] == "error"
    codes = {e["code"] for e in run.events}
    assert {"lecture_hors_copie", "sortie_tronquee"} <= codes
    assert not any("/etc/passwd" in e["detail"] for e in run.events)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donnees.txt"]
    assert not _survivors("300.031")


def test_no_course_root_variable_anywhere():
    hits = []
    for path in [*REPO.glob("grader/**/*.py"), *REPO.glob("prospection/**/*.py"), REPO / "Makefile",
                 *REPO.glob("docs/*.md"), *REPO.glob("tests/*.py")]:
        if path.name == Path(__file__).name:
            continue
        if "PROSPECTION_COURSE_ROOT" in path.read_text(encoding="utf-8", errors="replace"):
            hits.append(str(path))
    assert not hits, hits


def test_loop_that_ignores_the_interruption_leaves_no_passing_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        # a marked process in the same PID namespace: if it is gone, the namespace (and the stuck
        # kernel with it) is gone
        nbformat.v4.new_code_cell("import subprocess\nsubprocess.Popen(['sleep', '300.041'], start_new_session=True)"),
        nbformat.v4.new_code_cell("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
        nbformat.v4.new_code_cell('"""Un test après la boucle."""\nassert True'),
    ])
    run = sandbox.execute_notebook(nb, tmp_path, "boucle.ipynb", timeout=3)
    assert run.notebook is not None, run.error
    for cell in run.notebook["cells"][1:]:
        assert [o["ename"] for o in cell["outputs"] if o["output_type"] == "error"] == ["CellTimeoutError"]
    assert not _survivors("300.041")
