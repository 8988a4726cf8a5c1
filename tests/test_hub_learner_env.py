"""The hub's learner environment (``make hub-deps``): nbgrader's teacher tools are off and locked,
the Assignments tab stays, and the grading package is not importable. Read back from the installed
environment with Jupyter's own commands, as a learner's server would see it."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from prospection import lab

pytestmark = pytest.mark.slow

ELEVE = Path(os.environ.get("HUB_PREFIX", "/opt/prospection-hub")) / "eleve"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def jupyter(*args: str) -> str:
    assert (ELEVE / "bin" / "jupyter").is_file(), f"{ELEVE}: run make hub-deps"
    done = subprocess.run([str(ELEVE / "bin" / "jupyter"), *args], capture_output=True, text=True,
                          timeout=180, env={k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")})
    assert done.returncode == 0, done.stderr
    return ANSI.sub("", done.stdout + done.stderr)


def test_teacher_plugins_are_disabled_and_locked_for_learners():
    listing = jupyter("labextension", "list")
    disabled = listing.split("Disabled extensions:", 1)[1]
    hidden = lab.NBGRADER_TEACHER_PLUGINS + lab.LEARNER_HIDDEN_PLUGINS
    for plugin in hidden:
        assert plugin in disabled, plugin
        locked = next(line for line in listing.splitlines() if plugin.split(":")[0] + " v" in line)
        assert plugin in locked and "locked" in locked, locked
    for plugin in lab.NBGRADER_ASSIGNMENTS_PLUGINS:  # the hub exchange: Assignments stays
        assert plugin not in disabled, plugin


def test_teacher_server_extensions_are_off_and_assignments_on():
    listing = jupyter("server", "extension", "list")
    for name in lab.NBGRADER_TEACHER_SERVER:
        assert re.search(re.escape(name) + r"\s+disabled", listing), name
    for name in lab.NBGRADER_ASSIGNMENTS_SERVER:
        assert re.search(re.escape(name) + r"\s+enabled", listing), name


def test_grader_is_not_importable_by_learners():
    done = subprocess.run([str(ELEVE / "bin" / "python"), "-I", "-c", "import grader"], capture_output=True,
                          text=True, timeout=60, cwd="/")
    assert done.returncode != 0 and "No module named 'grader'" in done.stderr
    done = subprocess.run([str(ELEVE / "bin" / "python"), "-I", "-c", "import prospection.echange"],
                          capture_output=True, text=True, timeout=60, cwd="/")
    assert done.returncode == 0, done.stderr  # the variant-aware fetch the hub config names
