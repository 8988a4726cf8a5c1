"""Serve the salon mission board as a Voilà app: ``python -m prospection.board.app``.

For trainees who never see code: Voilà runs ``course/mission_salon_app.ipynb`` (one import,
one call) and shows only the board, on 127.0.0.1. The answers file ``reponses_salon.json``
is kept in the folder given by ``--dossier`` (by default the current folder), passed to the
kernel through the ``PROSPECTION_MISSION_DOSSIER`` environment variable.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .session import ENV_FOLDER

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_NOTEBOOK = REPO_ROOT / "course" / "mission_salon_app.ipynb"
DEFAULT_PORT = 8866


def voila_command(port: int = DEFAULT_PORT, open_browser: bool = True,
                  notebook: str | os.PathLike = APP_NOTEBOOK) -> list[str]:
    """The command line that serves the board with Voilà on localhost."""
    cmd = [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def voila_environment(dossier: str | os.PathLike = ".") -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("LANG", "fr_FR.UTF-8")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env[ENV_FOLDER] = str(Path(dossier).resolve())
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m prospection.board.app",
        description="Ouvre le tableau de la mission salon dans le navigateur (application Voilà).",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port local (défaut\u00a0: {DEFAULT_PORT})")
    parser.add_argument("--dossier", default=".",
                        help="dossier de travail où sont enregistrées les réponses (défaut\u00a0: dossier courant)")
    parser.add_argument("--no-browser", action="store_true", help="n'ouvre pas le navigateur")
    args = parser.parse_args(argv)
    dossier = Path(args.dossier)
    if not dossier.is_dir():
        print(f"Le dossier « {dossier} » n'existe pas.", file=sys.stderr)
        return 2
    print(f"Tableau de la mission salon\u00a0: http://127.0.0.1:{args.port}/ "
          f"(réponses enregistrées dans « {dossier.resolve()} »). Ctrl+C pour arrêter.", flush=True)
    cmd = voila_command(port=args.port, open_browser=not args.no_browser)
    os.execvpe(cmd[0], cmd, voila_environment(dossier))


if __name__ == "__main__":
    sys.exit(main())
