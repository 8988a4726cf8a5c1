"""The class workspace: an nbgrader course root wired to this repository's configuration.

Layout of ``classe/`` (created by ``release`` or ``demo``)::

    classe.json            settings (solutions folder, time limit, answers files)
    nbgrader_config.py     loads grader/nbgrader_config.py, then class overrides
    gradebook.db           nbgrader's gradebook
    source/<exercice>/     snapshot of solutions/<exercice> (never released as is)
    release/<exercice>/    what learners receive (nbgrader generate_assignment)
    submitted/<élève>/<exercice>/   copies handed in (``collect``)
    .preparation/...       checked copies actually graded (renamed notebooks fixed, …)
    autograded/, feedback/ nbgrader's folders
    rapport/flags.json     every flag raised per submission, with its reason
    rapport/rapport.html   class report
    export/notes.csv, export/notes.xlsx
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from prospection.fichiers import write_json_atomic

from .common import ToolchainError

REPO_ROOT = Path(__file__).resolve().parents[2]
REPO_CONFIG = REPO_ROOT / "grader" / "nbgrader_config.py"
DEFAULT_CLASSE = REPO_ROOT / "classe"
DEFAULT_SOLUTIONS = REPO_ROOT / "solutions"
STAGING = ".preparation"
SETTINGS = "classe.json"
ANSWERS_FILENAME = "reponses_salon.json"
# Exercises whose graded cells read an answers file written by the mission board.
DEFAULT_ANSWERS = {
    "04_mission_salon": {
        "fichier": ANSWERS_FILENAME,
        "cle": str(DEFAULT_SOLUTIONS / "_cles" / "contacts_salon_clubs_associations.key.json"),
    },
}
# nbgrader runs the ``alembic`` script of the active environment when it creates a gradebook.
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")

MISSING_CELL_NOTE = (
    "Cellule {cell_id} absente de la copie\u00a0: rétablie par la correction automatique.\n\n"
)


def assignment_ids_in(solutions: Path) -> list[str]:
    """Exercise IDs: folders named NN_slug (``_cles`` and hidden folders excluded)."""
    if not solutions.is_dir():
        return []
    return sorted(
        p.name for p in solutions.iterdir()
        if p.is_dir() and p.name[:2].isdigit() and not p.name.startswith(("_", "."))
        and any(p.glob("*.ipynb"))
    )


@dataclass
class Classe:
    root: Path
    solutions: Path = DEFAULT_SOLUTIONS
    timeout: int = 60
    answers: dict = field(default_factory=lambda: dict(DEFAULT_ANSWERS))

    # ---- creation / opening -------------------------------------------------------------
    @classmethod
    def resolve_root(cls, value: str | os.PathLike | None) -> Path:
        return Path(value).resolve() if value else DEFAULT_CLASSE

    @classmethod
    def open(cls, root: str | os.PathLike | None) -> "Classe":
        root = cls.resolve_root(root)
        settings = root / SETTINGS
        if not settings.exists():
            raise ToolchainError(
                f"« {root} » n'est pas un dossier de classe (fichier {SETTINGS} absent). "
                "Lancez d'abord « python -m grader release » (ou « demo »)."
            )
        try:
            data = json.loads(settings.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ToolchainError(f"Réglages de classe illisibles ({settings})\u00a0: {exc}") from None
        classe = cls(root=root, solutions=_solutions_from(root, data.get("solutions")),
                     timeout=int(data.get("timeout", 60)),
                     answers=_answers_from(root, data.get("reponses", dict(DEFAULT_ANSWERS))))
        classe.write_config()
        return classe

    @classmethod
    def create(cls, root, solutions=None, timeout: int | None = None,
               answers: dict | None = None) -> "Classe":
        root = cls.resolve_root(root)
        previous = None
        if (root / SETTINGS).exists():
            previous = cls.open(root)
        classe = cls(
            root=root,
            solutions=Path(solutions).resolve() if solutions else (previous.solutions if previous else DEFAULT_SOLUTIONS),
            timeout=timeout or (previous.timeout if previous else 60),
            answers=answers if answers is not None else (previous.answers if previous else dict(DEFAULT_ANSWERS)),
        )
        if not classe.solutions.is_dir():
            raise ToolchainError(f"Dossier des solutions introuvable\u00a0: {classe.solutions}")
        root.mkdir(parents=True, exist_ok=True)
        for sub in ("submitted", "rapport", "export"):
            (root / sub).mkdir(exist_ok=True)
        classe.save()
        return classe

    def save(self) -> None:
        data = portable_settings(self)
        (self.root / SETTINGS).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
        self.write_config()

    def write_config(self) -> None:
        exclude = {aid: [spec["fichier"]] for aid, spec in self.answers.items()}
        text = (
            "# Généré par « python -m grader » : configuration nbgrader de la classe.\n"
            + PORTABLE_CONFIG_HEADER +
            "c.CourseDirectory.source_directory = 'source'\n"
            "c.CourseDirectory.release_directory = 'release'\n"
            "c.CourseDirectory.submitted_directory = 'submitted'\n"
            "c.CourseDirectory.autograded_directory = 'autograded'\n"
            "c.CourseDirectory.feedback_directory = 'feedback'\n"
            "c.CourseDirectory.db_url = 'sqlite:///' + os.path.join(_classe, 'gradebook.db')\n"
            "# Deleted test cells come back (their points cannot be dodged).\n"
            "c.OverwriteCells.add_missing_cells = True\n"
            f"c.OverwriteCells.missing_cell_notification = {MISSING_CELL_NOTE!r}\n"
            "# Answers written by the mission board are the learner's work: never overwrite them.\n"
            f"c.Autograde.exclude_overwriting = {exclude!r}\n"
            f"c.Execute.timeout = {int(self.timeout)}\n"
            "# Learner code runs only in the bubblewrap sandbox; points come from the answers\n"
            "# data scored in the teacher's process (grader/toolchain/nbg.py). The same path for\n"
            "# « python -m grader autograde », « nbgrader autograde » and the Formgrader.\n"
            "from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata,\n"
            "                                    IgnorePattern, LimitOutput)\n"
            "from nbconvert.preprocessors import ClearMetadataPreprocessor\n"
            "from grader.toolchain.nbg import SandboxExecute, SaveDataGrades\n"
            "c.Autograde.autograde_preprocessors = [SandboxExecute, IgnorePattern,\n"
            "    ClearMetadataPreprocessor, LimitOutput, SaveDataGrades, AssignLatePenalties,\n"
            "    CheckCellMetadata]\n"
            f"c.SandboxExecute.timeout = {int(self.timeout)}\n"
            "# Release into the hub's exchange: each learner's variant too (release --variantes).\n"
            "c.ExchangeFactory.release_assignment = "
            "'grader.toolchain.echange_variantes.ReleaseAssignmentVariantes'\n"
        )
        path = self.root / "nbgrader_config.py"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")

    # ---- paths --------------------------------------------------------------------------
    @property
    def db_url(self) -> str:
        return "sqlite:///" + str(self.root / "gradebook.db")

    def dir(self, name: str) -> Path:
        return self.root / name

    @property
    def flags_path(self) -> Path:
        return self.root / "rapport" / "flags.json"

    def assignments(self) -> list[str]:
        """Exercises released in this class (folders of source/)."""
        return assignment_ids_in(self.root / "source")

    def release_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.root / "release" / assignment).glob("*.ipynb"))

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.root / "source" / assignment).glob("*.ipynb"))

    def students(self) -> list[str]:
        sub = self.root / "submitted"
        if not sub.is_dir():
            return []
        return sorted(p.name for p in sub.iterdir() if p.is_dir() and not p.name.startswith("."))

    def submissions(self, students: list[str] | None = None,
                    assignments: list[str] | None = None) -> list[tuple[str, str]]:
        """(student, assignment) pairs handed in, restricted to the given lists."""
        known = self.assignments()
        wanted_a = assignments or known
        unknown = sorted(set(wanted_a) - set(known))
        if unknown:
            raise ToolchainError(f"Exercice inconnu dans cette classe\u00a0: {', '.join(unknown)}")
        all_students = self.students()
        if students:
            missing = sorted(set(students) - set(all_students))
            if missing:
                raise ToolchainError(f"Élève sans copie dans submitted/\u00a0: {', '.join(missing)}")
        pairs = []
        for sid in students or all_students:
            for aid in wanted_a:
                if (self.root / "submitted" / sid / aid).is_dir():
                    pairs.append((sid, aid))
        return pairs

    # ---- nbgrader -----------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def load_config(self, **overrides):
        """The class's traitlets Config (as ``nbgrader`` run in the class root would load it)."""
        from traitlets.config.loader import PyFileConfigLoader
        loader = PyFileConfigLoader("nbgrader_config.py", path=str(self.root))
        config = loader.load_config()
        for dotted, value in overrides.items():
            section, key = dotted.split(".", 1)
            config[section][key] = value
        return config

    def nbgrader_cli(self, *args: str, timeout: float | None = None):
        """Run the real ``nbgrader`` command in the class root (used by release and the benchmark)."""
        import subprocess
        return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=self.root,
                              env=self.env(), capture_output=True, text=True, timeout=timeout)


# ---- a class folder that can move (another disk, another server) --------------------------
# The generated nbgrader_config.py finds its own folder and the toolchain's settings at run time.
PORTABLE_CONFIG_HEADER = (
    "import os\n"
    "import grader\n"
    "_classe = os.path.dirname(os.path.abspath(__file__))\n"
    "load_subconfig(os.path.join(os.path.dirname(os.path.abspath(grader.__file__)), 'nbgrader_config.py'))\n"
    "c.CourseDirectory.root = _classe\n"
)
KEYS_DIR = "cles"
REPO_PREFIX = "depot:"  # a folder of the toolchain's repository, wherever it is installed


def portable_settings(classe: "Classe") -> dict:
    """``classe.json`` without any absolute path: the solutions folder relative to the class
    (omitted when it is the repository's), answer keys copied into ``cles/`` of the class."""
    root = classe.root
    data: dict = {"timeout": classe.timeout}
    solutions = Path(classe.solutions).resolve()
    if solutions != DEFAULT_SOLUTIONS.resolve():
        if root.resolve() in solutions.parents:
            data["solutions"] = solutions.relative_to(root.resolve()).as_posix()
        elif REPO_ROOT in solutions.parents:  # wherever the toolchain is installed
            data["solutions"] = REPO_PREFIX + solutions.relative_to(REPO_ROOT).as_posix()
        else:
            data["solutions"] = Path(os.path.relpath(solutions, root)).as_posix()
    answers = {}
    for aid, spec in (classe.answers or {}).items():
        spec = dict(spec)
        key = spec.get("cle")
        if key:
            key_path = Path(key) if Path(key).is_absolute() else root / key
            if key_path.is_file() and root.resolve() not in key_path.resolve().parents:
                (root / KEYS_DIR).mkdir(parents=True, exist_ok=True)
                shutil.copy2(key_path, root / KEYS_DIR / key_path.name)
                key_path = root / KEYS_DIR / key_path.name
            if root.resolve() in key_path.resolve().parents:
                spec["cle"] = key_path.resolve().relative_to(root.resolve()).as_posix()
        answers[aid] = spec
    data["reponses"] = answers
    return data


def _solutions_from(root: Path, value) -> Path:
    if not value:
        return DEFAULT_SOLUTIONS
    if str(value).startswith(REPO_PREFIX):
        path = REPO_ROOT / str(value)[len(REPO_PREFIX):]
    else:
        path = Path(value)
        path = path if path.is_absolute() else (root / path)
    return path.resolve() if path.is_dir() else DEFAULT_SOLUTIONS


def _answers_from(root: Path, answers: dict) -> dict:
    out = {}
    for aid, spec in (answers or {}).items():
        spec = dict(spec)
        if spec.get("cle") and not Path(spec["cle"]).is_absolute():
            spec["cle"] = str(root / spec["cle"])
        out[aid] = spec
    return out


def copy_tree(src: Path, dest: Path, ignore=()) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(
        ".ipynb_checkpoints", "__pycache__", *ignore))


def read_json(path: Path, default=None):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def write_json(path: Path, data) -> None:
    write_json_atomic(path, data, sort_keys=True)
