"""The pins agree everywhere a user may install from, and the set-up stays two commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())


def pins(requirements) -> dict[str, str]:
    found = {}
    for req in requirements:
        name, _, version = req.partition("==")
        assert version, f"not pinned exactly: {req}"
        found[name.strip().lower()] = version.strip()
    return found


RUNTIME = pins(PYPROJECT["project"]["dependencies"])


def environment_pins() -> dict[str, str]:
    found = {}
    for line in (REPO / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s+([A-Za-z0-9_.-]+)\s*(==|=)\s*([^\s#]+)", line)
        if m and m.group(1) != "python":
            found[m.group(1).lower()] = m.group(3)
    return found


def test_required_stack_is_pinned():
    for name, prefix in {"jupyterlab": "4.6", "notebook": "7.6", "nbgrader": "0.9.6",
                         "ipywidgets": "8.", "jupyterlab-language-pack-fr-fr": "4."}.items():
        assert RUNTIME[name].startswith(prefix), (name, RUNTIME[name])
    assert "pandas" in RUNTIME and "openpyxl" in RUNTIME


def test_environment_yml_mirrors_pyproject():
    env = environment_pins()
    assert env, "no pins read from environment.yml"
    assert env == RUNTIME


def test_lock_file_agrees_with_pyproject():
    lock = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[name.lower().replace("_", "-")] = version
    assert lock
    for name, version in RUNTIME.items():
        assert lock.get(name.replace("_", "-")) == version, name


@pytest.mark.parametrize("name", sorted(RUNTIME))
def test_installed_versions_are_the_pinned_ones(name):
    from importlib.metadata import version
    assert version(name) == RUNTIME[name]


def test_ci_runs_exactly_make_test():
    script = (REPO / ".ci" / "run").read_text()
    commands = [l for l in script.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    assert commands[-1].strip() in {"exec make test", "make test"}, commands


def test_grader_cli_lists_its_commands_in_french():
    done = subprocess.run([sys.executable, "-m", "grader", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    assert "Commandes" in done.stdout and "autograde" in done.stdout
    wrong = subprocess.run([sys.executable, "-m", "grader", "nimporte"], capture_output=True,
                           text=True, timeout=60)
    assert wrong.returncode == 2 and "Commande inconnue" in wrong.stderr
    assert "Traceback" not in wrong.stderr


# ---------------------------------------------------------------- the two installable parts

GRADER_PYPROJECT = tomllib.loads((REPO / "grader" / "pyproject.toml").read_text())


def test_learner_part_packages_only_prospection():
    assert PYPROJECT["project"]["name"] == "prospection-cours"
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert include == ["prospection*"]
    assert "grader" not in PYPROJECT["tool"]["setuptools"].get("package-data", {})


def test_teacher_part_lists_every_grader_package_and_depends_on_the_learner_part():
    project = GRADER_PYPROJECT["project"]
    assert project["name"] == "prospection-enseignant"
    assert project["dependencies"] == [f"prospection-cours=={PYPROJECT['project']['version']}"]
    tool = GRADER_PYPROJECT["tool"]["setuptools"]
    assert tool["package-dir"] == {"grader": "."}
    on_disk = sorted(
        ".".join(("grader",) + p.parent.relative_to(REPO / "grader").parts)
        for p in (REPO / "grader").rglob("__init__.py")
        if "build" not in p.relative_to(REPO / "grader").parts  # a local `pip wheel ./grader`
    )
    assert on_disk, "no package found under grader/"
    assert sorted(tool["packages"]) == on_disk


def test_make_setup_installs_both_parts_editable():
    makefile = (REPO / "Makefile").read_text()
    assert '-e ".[test]" -e ./grader' in makefile
    assert "-c requirements.lock" in makefile


def test_both_parts_are_installed_in_the_project_venv():
    from importlib.metadata import distribution
    assert distribution("prospection-cours").version == PYPROJECT["project"]["version"]
    assert distribution("prospection-enseignant").requires == GRADER_PYPROJECT["project"]["dependencies"]


# ---------------------------------------------------------------- a learner wheel from a clean build

#: What the learner wheel is built from (pyproject.toml's backend-path included).
LEARNER_SOURCES = ("pyproject.toml", "MANIFEST.in", "README.md", "LICENSE", "backend", "prospection")


def learner_sources(dest: Path) -> Path:
    """A copy of the learner part's sources in ``dest`` (no ``__pycache__``, no ``build/``): a
    test builds from it, never in the repository (a build there would touch its ``build/``)."""
    dest.mkdir(parents=True)
    for name in LEARNER_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, dest / name)
    return dest


def build_learner_wheel(src: Path, out: Path) -> Path:
    """``pip wheel`` of ``src`` into ``out``: the one wheel built."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = out.glob("prospection_cours-*.whl")
    return wheel


def test_the_build_backend_travels_with_the_sources():
    """backend-path names a folder of this repository, and MANIFEST.in puts its module in the sdist."""
    system = PYPROJECT["build-system"]
    (folder,) = system["backend-path"]
    module = REPO / folder / f"{system['build-backend']}.py"
    assert module.is_file()
    assert f"include {folder}/{module.name}" in (REPO / "MANIFEST.in").read_text().splitlines()
    assert folder in LEARNER_SOURCES


@pytest.mark.slow
def test_a_stale_build_folder_never_reaches_the_learner_wheel(tmp_path):
    """Files left in build/lib by an earlier build (a module since deleted from the sources, a
    teacher-side module, an old data file) are not in the learner wheel."""
    stale = ["prospection/cours/bareme_perime.py", "grader/keys.py", "prospection/data/cle_perimee.json"]

    def plant(src: Path) -> None:
        for name in stale:
            path = src / "build" / "lib" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("BAREME = {'b_clair': 2}\n" if name.endswith(".py") else '{"C01": "chaud"}\n')

    # The check is not blind: setuptools' own backend packs what an old build left in build/lib.
    plain = learner_sources(tmp_path / "setuptools")
    pyproject = plain / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert 'build-backend = "clean_setuptools"\nbackend-path = ["backend"]\n' in text
    pyproject.write_text(text.replace('build-backend = "clean_setuptools"\nbackend-path = ["backend"]\n',
                                      'build-backend = "setuptools.build_meta"\n'), encoding="utf-8")
    plant(plain)
    with zipfile.ZipFile(build_learner_wheel(plain, tmp_path / "w-setuptools")) as zf:
        assert set(stale) <= set(zf.namelist()), zf.namelist()

    src = learner_sources(tmp_path / "src")
    plant(src)
    with zipfile.ZipFile(build_learner_wheel(src, tmp_path / "w")) as zf:
        names = set(zf.namelist())
    assert not set(stale) & names, sorted(set(stale) & names)
    assert not [n for n in names if n.startswith(("grader/", "backend/", "build/"))]
    assert "prospection/cours/simulateur.py" in names and "prospection/data/" in " ".join(names)
    assert not (src / "build" / "lib" / "grader").exists(), "the stale build folder was kept"
