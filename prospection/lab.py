"""Start JupyterLab in French on the course's home notebook, for the teacher or for a learner.

Two modes, one module:

- **teacher** (``make lab``, ``python -m prospection.lab``): the repository root, every
  nbgrader tool (create assignment, formgrader, courses, validate, assignments);
- **learner** (``python -m prospection.lab --eleve [--dossier DIR]``, a learner's own machine
  and the hub's learner image): a learner folder holding only ``course/``, ``exercises/`` and
  ``datasets/`` (laid out from the course material when missing, never overwriting a learner's
  file), no nbgrader teacher tool, and « Assignments » only with ``--echange`` (a hub exchange).

Both open on the course home: the URL JupyterLab prints in the terminal is the home notebook's
(``LabApp.default_url``). The browser tests start the lab through :func:`lab_command` and
:func:`lab_environment`, so they see exactly what a user gets.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from prospection.argparse_fr import FrenchArgumentParser

REPO_ROOT = Path(__file__).resolve().parent.parent
HOME_NOTEBOOK = "course/00_accueil.ipynb"
HOME_URL = "/lab/tree/" + HOME_NOTEBOOK

#: What a learner's folder holds, and nothing else.
LEARNER_FOLDERS = ("course", "exercises", "datasets")
#: Folders whose presence means « this is the teacher's repository, not a learner's folder ».
TEACHER_FOLDERS = ("solutions", "grader")
DEFAULT_LEARNER_FOLDER = Path("~/prospection-commerciale")

#: nbgrader's JupyterLab plugins and server extensions, by role.
NBGRADER_TEACHER_PLUGINS = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    # « Validate » runs the notebook's tests and answers in English; grading is the teacher's.
    "@jupyter/nbgrader:validate-assignment",
)
NBGRADER_ASSIGNMENTS_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu")
#: Other plugins a learner does not need and that speak English whatever the language pack:
#: the « Notebook » button of the toolbar (switch to the Notebook 7 interface).
LEARNER_HIDDEN_PLUGINS = ("@jupyter-notebook/lab-extension:interface-switcher",)
NBGRADER_TEACHER_SERVER = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
NBGRADER_ASSIGNMENTS_SERVER = ("nbgrader.server_extensions.assignment_list",)

#: JupyterLab settings forced for every user of this environment.
OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


class LearnerFolderError(Exception):
    """A learner folder that cannot be used; the message is French and meant for the user."""


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def configure(prefix: str | Path = sys.prefix) -> Path:
    """Write the French overrides, keeping any other setting already there."""
    path = overrides_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            path.replace(path.with_suffix(".json.corrompu"))
    for plugin, values in OVERRIDES.items():
        current.setdefault(plugin, {}).update(values)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(current, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


# --------------------------------------------------------------------------- learner folder

def _copy_missing(source: Path, target: Path) -> int:
    """Copy the files of ``source`` that ``target`` lacks; never overwrite, skip hidden files."""
    copied = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        elif not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            copied += 1
    return copied


def prepare_learner_folder(folder: str | os.PathLike, material: str | os.PathLike = REPO_ROOT) -> Path:
    """Lay out a learner folder: ``course/``, ``exercises/``, ``datasets/`` copied from
    ``material`` where missing. A learner's own files are never overwritten.

    Raises :class:`LearnerFolderError` (French message) for a folder that holds the teacher's
    material, or when neither the folder nor ``material`` has the course.
    """
    folder = Path(folder).expanduser().resolve()
    material = Path(material).resolve()
    teacher = [name for name in TEACHER_FOLDERS if (folder / name).exists()]
    if teacher:
        raise LearnerFolderError(
            f"Le dossier «\u00a0{folder}\u00a0» contient {', '.join(teacher)}\u00a0: c'est le dossier "
            "de l'enseignant. Choisissez un autre dossier avec --dossier."
        )
    if folder.exists() and not folder.is_dir():
        raise LearnerFolderError(f"«\u00a0{folder}\u00a0» existe mais n'est pas un dossier.")
    if folder != material:
        sources = [material / name for name in LEARNER_FOLDERS if (material / name).is_dir()]
        if not (folder / HOME_NOTEBOOK).is_file() and not (material / HOME_NOTEBOOK).is_file():
            raise LearnerFolderError(
                f"Le cours est introuvable\u00a0: ni «\u00a0{folder}\u00a0» ni «\u00a0{material}\u00a0» "
                f"ne contiennent {HOME_NOTEBOOK}."
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for source in sources:
                _copy_missing(source, folder / source.name)
        except OSError as error:
            raise LearnerFolderError(
                f"Impossible de préparer le dossier «\u00a0{folder}\u00a0»\u00a0: {error.strerror or error}."
            ) from None
    return folder


def learner_config_dir(folder: str | os.PathLike | None = None, exchange: bool = False) -> Path:
    """A Jupyter config folder (first on ``JUPYTER_CONFIG_PATH``) that turns off nbgrader's
    teacher tools: their JupyterLab plugins (``labconfig/page_config.json``) and their server
    extensions (``jupyter_server_config.json``). « Assignments » stays only with ``exchange``.
    It also opens the lab on the course home. A hub's learner image writes it into its system
    config folder at build time (``--eleve --configure-only --config-dir /etc/jupyter``).
    """
    folder = Path(folder) if folder is not None else (
        Path(tempfile.gettempdir()) / f"prospection-lab-eleve-{os.getuid()}")
    plugins = list(NBGRADER_TEACHER_PLUGINS) + list(LEARNER_HIDDEN_PLUGINS)
    server = dict.fromkeys(NBGRADER_TEACHER_SERVER, False)
    if not exchange:
        plugins += NBGRADER_ASSIGNMENTS_PLUGINS
        server.update(dict.fromkeys(NBGRADER_ASSIGNMENTS_SERVER, False))
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    page_config = {"disabledExtensions": dict.fromkeys(plugins, True)}
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(page_config, indent=2), encoding="utf-8")
    server_config = {"ServerApp": {"jpserver_extensions": server, "default_url": HOME_URL},
                     "LabApp": {"default_url": HOME_URL}}
    (folder / "jupyter_server_config.json").write_text(json.dumps(server_config, indent=2), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- commands

def lab_command(port: int | None = None, open_browser: bool = True, token: str | None = None,
                root: str | os.PathLike = REPO_ROOT) -> list[str]:
    """The command line that serves the course in JupyterLab from ``root`` (the repository
    for the teacher, the learner folder for a learner), opening on the home notebook."""
    cmd = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={Path(root)}",
        # The URL printed in the terminal and the one the browser opens: the course home.
        f"--LabApp.default_url={HOME_URL}",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    if port is not None:
        cmd += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not open_browser:
        cmd.append("--no-browser")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    return cmd


def lab_environment(config_dir: str | os.PathLike | None = None) -> dict[str, str]:
    """The environment of the lab; ``config_dir`` (learner mode) comes first on the config path."""
    env = dict(os.environ)
    env.setdefault("LANG", "fr_FR.UTF-8")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    if config_dir is not None:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            p for p in (str(config_dir), env.get("JUPYTER_CONFIG_PATH", "")) if p)
    return env


def learner_lab(folder: str | os.PathLike = DEFAULT_LEARNER_FOLDER, port: int | None = None,
                open_browser: bool = True, token: str | None = None, exchange: bool = False,
                material: str | os.PathLike = REPO_ROOT,
                config_dir: str | os.PathLike | None = None) -> tuple[list[str], dict[str, str], Path]:
    """Command, environment and working folder of a learner's lab (the tests use exactly these)."""
    root = prepare_learner_folder(folder, material)
    config = learner_config_dir(config_dir, exchange=exchange)
    return (lab_command(port=port, open_browser=open_browser, token=token, root=root),
            lab_environment(config), root)


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(prog="python -m prospection.lab",
                                   description="Ouvre le cours dans JupyterLab, en français.")
    parser.add_argument("--configure-only", action="store_true", help="écrit les réglages puis s'arrête")
    parser.add_argument("--eleve", action="store_true",
                        help="mode apprenant\u00a0: seulement le cours, les exercices et les données")
    parser.add_argument("--dossier", default=str(DEFAULT_LEARNER_FOLDER),
                        help="dossier de travail de l'apprenant (mode --eleve, "
                             f"défaut\u00a0: {DEFAULT_LEARNER_FOLDER})")
    parser.add_argument("--echange", action="store_true",
                        help="garde le menu «\u00a0Assignments\u00a0» de nbgrader (échange par un hub)")
    parser.add_argument("--config-dir",
                        help="avec --eleve --configure-only : écrit la configuration de l'apprenant dans ce "
                             "dossier de configuration Jupyter (image « apprenant » d'un hub) puis s'arrête")
    parser.add_argument("--port", type=int)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    try:
        configure()
    except OSError as error:
        # A read-only image already configured at build time: say it, go on.
        print(f"Réglages français non écrits ({error.strerror or error})\u00a0; on continue.", file=sys.stderr)
    if args.configure_only:
        if args.eleve and args.config_dir:
            try:
                folder = learner_config_dir(Path(args.config_dir), exchange=args.echange)
            except OSError as error:
                print(f"Impossible d'écrire dans « {args.config_dir} » : {error.strerror or error}.",
                      file=sys.stderr)
                return 2
            print(f"Configuration de l'apprenant écrite dans « {folder} ».")
        return 0
    if args.eleve:
        try:
            cmd, env, root = learner_lab(args.dossier, port=args.port, open_browser=not args.no_browser,
                                         exchange=args.echange)
        except LearnerFolderError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"Dossier de travail\u00a0: «\u00a0{root}\u00a0». Le cours s'ouvre sur {HOME_NOTEBOOK}.", flush=True)
    else:
        root = REPO_ROOT
        cmd, env = lab_command(port=args.port, open_browser=not args.no_browser), lab_environment()
    os.chdir(root)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    sys.exit(main())
