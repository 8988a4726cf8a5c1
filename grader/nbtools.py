"""Notebook chores: generate exercises/ from solutions/, strip outputs.

``generate`` runs the real ``nbgrader generate_assignment`` in a scratch course root, so the
repository's gradebook is never touched and the result depends only on ``solutions/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from prospection.argparse_fr import FrenchArgumentParser

REPO_ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO_ROOT / "solutions"
EXERCISES = REPO_ROOT / "exercises"
CONFIG = REPO_ROOT / "grader" / "nbgrader_config.py"
NOTEBOOK_DIRS = ("course", "solutions", "exercises")
#: A learner's own work in an exercise folder: never released, never deleted by `generate`.
LEARNER_FILES = ("reponses.json", "reponses.*.json", "reponses_salon*.json", "annexe_salon*.xlsx")


def assignment_ids() -> list[str]:
    """Every exercise ID: a folder of solutions/ named NN_slug."""
    return sorted(
        p.name for p in SOLUTIONS.iterdir()
        if p.is_dir() and p.name[:2].isdigit() and not p.name.startswith("_")
    )


def scratch_course(root: Path) -> dict[str, str]:
    """Make ``root`` an nbgrader course using this repository's configuration."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(
        f"load_subconfig({str(CONFIG)!r})\nc.CourseDirectory.root = {str(root)!r}\n", encoding="utf-8"
    )
    return nbgrader_environment()


def nbgrader_environment(**extra: str) -> dict[str, str]:
    """The environment for an nbgrader subprocess: nbgrader runs ``alembic`` from PATH,
    so this interpreter's scripts folder comes first even when the venv is not activated."""
    env = dict(os.environ, **extra)
    scripts = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([scripts, env.get("PATH", "")])
    return env


def run_nbgrader(args: list[str], root: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=root, env=env, capture_output=True, text=True,
    )


def generate_into(dest: Path, ids: list[str] | None = None) -> Path:
    """Run nbgrader generate_assignment for ``ids`` and copy the release to ``dest``."""
    ids = ids or assignment_ids()
    with tempfile.TemporaryDirectory(prefix="nbgrader-generate-") as tmp:
        root = Path(tmp)
        env = scratch_course(root)
        for assignment in ids:
            shutil.copytree(SOLUTIONS / assignment, root / "solutions" / assignment,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__",
                                                          *LEARNER_FILES))
            done = run_nbgrader(["generate_assignment", assignment, "--force"], root, env)
            if done.returncode != 0:
                raise RuntimeError(
                    f"nbgrader generate_assignment {assignment} a échoué :\n{done.stdout}\n{done.stderr}"
                )
            replace_release(root / "exercises" / assignment, dest / assignment)
    return dest


def replace_release(produced: Path, target: Path) -> None:
    """Put the new release in ``target``, keeping any learner's work already there."""
    kept = {}
    if target.exists():
        for pattern in LEARNER_FILES:
            kept.update({p.relative_to(target): p.read_bytes() for p in target.rglob(pattern)})
        shutil.rmtree(target)
    shutil.copytree(produced, target)
    for relative, content in kept.items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(content)


def clear_outputs(path: Path) -> bool:
    """Strip outputs and execution counts; True when the file changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            if cell.get("outputs") or cell.get("execution_count") is not None:
                changed = True
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in ("execution", "collapsed", "scrolled"):
            if key in cell.get("metadata", {}):
                del cell["metadata"][key]
                changed = True
    if nb.metadata.get("widgets"):
        del nb.metadata["widgets"]
        changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


def all_notebooks() -> list[Path]:
    found = []
    for folder in NOTEBOOK_DIRS:
        found += sorted(p for p in (REPO_ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return found


def main_generate(argv: list[str]) -> int:
    parser = FrenchArgumentParser(prog="python -m grader generate",
                                  description="Génère exercises/ à partir de solutions/ avec nbgrader.")
    parser.add_argument("ids", nargs="*", help="identifiants (par défaut : tous)")
    args = parser.parse_args(argv)
    for nb in (SOLUTIONS).rglob("*.ipynb"):
        clear_outputs(nb)
    ids = args.ids or assignment_ids()
    unknown = sorted(set(ids) - set(assignment_ids()))
    if unknown:
        print(f"Exercice inconnu\u00a0: {', '.join(unknown)}", file=sys.stderr)
        return 2
    generate_into(EXERCISES, ids)
    print(f"exercises/ régénéré pour : {', '.join(ids)}")
    return 0


def main_clean_notebooks(argv: list[str]) -> int:
    FrenchArgumentParser(
        prog="python -m grader clean-notebooks",
        description="Retire les sorties et les compteurs d'exécution de tous les notebooks du dépôt "
                    "(course/, solutions/, exercises/). Aucune option.",
    ).parse_args(argv)
    changed = [p for p in all_notebooks() if clear_outputs(p)]
    for p in changed:
        print(f"nettoyé : {p.relative_to(REPO_ROOT)}")
    print(f"{len(changed)} notebook(s) nettoyé(s).")
    return 0
