"""Serve an exercise as a Voilà app: ``python -m prospection.exercices.app 01_telemarketing``.

Like ``make mission`` for the salon board: the learner sees the questions as widgets, no code.
Answers go to ``reponses.json`` in the exercise folder given by ``--dossier`` (by default
``exercises/<exercice>``), the same file the notebook writes and grading reads; the folder is
passed to the kernel through ``PROSPECTION_EXERCICE_DOSSIER``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from prospection.argparse_fr import FrenchArgumentParser
from prospection.board.app import FRENCH_TEXTS as BOARD_TEXTS
from prospection.board.app import port_is_free, prepare_template, voila_command

from .model import ENV_FOLDER, SPEC_FILENAME

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PORT = 8870
TEMPLATE = "exercice_fr"
#: The board's French loading texts, with the exercise's own title line.
FRENCH_TEXTS = {
    **BOARD_TEXTS,
    "spinner.macro.html.j2": [("Running {{nb_title}}...", "Chargement de «\u00a0{{nb_title}}\u00a0»…")],
}


def prepare_app(dossier: Path, folder: Path | None = None) -> tuple[Path, Path | None]:
    """Write the one-cell app notebook (titled after the exercise) and a French, offline Voilà
    template (the board's :func:`prepare_template`); the template's folder is None without Voilà."""
    spec = json.loads((dossier / SPEC_FILENAME).read_text(encoding="utf-8"))
    title = f"Exercice {spec['exercice'][:2]}"
    folder = folder or Path(tempfile.gettempdir()) / f"prospection-exercice-{os.getuid()}-{spec['exercice']}"
    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell("from prospection.exercices import ouvrir\n\nouvrir().page()")],
                      metadata={"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                               "name": "python3"}, "title": title})
    notebook = folder / f"{title}.ipynb"
    nbformat.write(nb, notebook)
    return notebook, prepare_template(folder / "share", TEMPLATE, FRENCH_TEXTS)


def app_command(dossier: str | os.PathLike, port: int = DEFAULT_PORT, open_browser: bool = True,
                folder: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """Command and environment of ``make exercice`` (the browser test uses exactly these)."""
    dossier = Path(dossier).resolve()
    notebook, data_dir = prepare_app(dossier, folder)
    cmd = voila_command(port=port, open_browser=open_browser, notebook=notebook,
                        template=TEMPLATE if data_dir is not None else None)
    env = dict(os.environ)
    env.setdefault("LANG", "fr_FR.UTF-8")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env[ENV_FOLDER] = str(dossier)
    if data_dir is not None:
        env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(data_dir), env.get("JUPYTER_PATH", "")) if p)
    return cmd, env


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(prog="python -m prospection.exercices.app",
                                     description="Ouvre un exercice dans le navigateur, sans code (application Voilà).")
    parser.add_argument("exercice", help="identifiant de l'exercice, par exemple 01_telemarketing")
    parser.add_argument("--dossier", default=None,
                        help="dossier de l'exercice, où sont enregistrées les réponses (défaut\u00a0: exercises/<exercice>)")
    parser.add_argument("--port", type=int, default=None, help=f"port local (défaut\u00a0: {DEFAULT_PORT} ou le suivant libre)")
    parser.add_argument("--no-browser", action="store_true", help="n'ouvre pas le navigateur")
    args = parser.parse_args(argv)
    dossier = Path(args.dossier) if args.dossier else REPO_ROOT / "exercises" / args.exercice
    if not (dossier / SPEC_FILENAME).is_file():
        print(f"Pas d'exercice à ouvrir dans «\u00a0{dossier}\u00a0» (fichier «\u00a0{SPEC_FILENAME}\u00a0» absent).",
              file=sys.stderr)
        return 2
    port = args.port or next((p for p in range(DEFAULT_PORT, DEFAULT_PORT + 50) if port_is_free(p)), DEFAULT_PORT)
    if not port_is_free(port):
        print(f"Le port {port} est déjà utilisé\u00a0: choisissez-en un autre avec --port.", file=sys.stderr)
        return 2
    cmd, env = app_command(dossier, port=port, open_browser=not args.no_browser)
    print(f"Exercice {args.exercice}\u00a0: http://127.0.0.1:{port}/ (réponses enregistrées dans "
          f"«\u00a0{dossier.resolve() / 'reponses.json'}\u00a0»). Ctrl+C pour arrêter.", flush=True)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    sys.exit(main())
