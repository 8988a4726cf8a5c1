"""Serve the salon mission board as a Voilà app: ``python -m prospection.board.app``.

For trainees who never see code: Voilà runs the thin notebook ``course/mission_salon_app.ipynb``
(one import, one call) and shows only the board, on 127.0.0.1. The answers file
``reponses.json`` is kept in the folder given by ``--dossier`` (by default the current
folder), passed to the kernel through the ``PROSPECTION_MISSION_DOSSIER`` environment variable.

Voilà's own words (page title, « Running … », « Executing 1 of 1 ») are English; the app runs
a copy of the notebook named « Mission salon » and a small template, derived at start-up from
the installed Voilà ``base`` and ``lab`` templates, that says them in French.

Offline and frugal:

- the ``lab`` template links Font Awesome from a CDN although Voilà's own bundle already ships
  it (``static/*.woff``): the derived ``index.html.j2`` drops every ``https://`` stylesheet or
  script, so the page makes no request outside 127.0.0.1;
- Voilà 0.5 starts one kernel per page load and never stops it when the page is closed or
  reloaded: kernels without a connection are culled once idle for ``cull_idle_timeout``
  seconds (checked every ``cull_interval``). The delay, rather than a shutdown on page unload,
  lets a pending answers save finish in the kernel before it stops.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from prospection.argparse_fr import FrenchArgumentParser

from .session import ENV_FOLDER

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_NOTEBOOK = REPO_ROOT / "course" / "mission_salon_app.ipynb"
DEFAULT_PORT = 8866
TEMPLATE = "mission_fr"
#: A kernel whose page is gone (no connection) is stopped after this many idle seconds.
CULL_IDLE_TIMEOUT = 60
CULL_INTERVAL = 10
PAGE_TITLE = "Mission salon"

#: Voilà's loading texts and their French versions (left alone if a Voilà release changes them).
FRENCH_TEXTS = {
    "spinner.macro.html.j2": [("Running {{nb_title}}...", "Chargement du tableau «\u00a0{{nb_title}}\u00a0»…")],
    "voila_setup.macro.html.j2": [
        ("`Executing ${cell_index} of ${cell_count}`", "`Préparation (étape ${cell_index} sur ${cell_count})…`"),
        ("`Reading ${cell_index} of ${cell_count}`", "`Lecture (étape ${cell_index} sur ${cell_count})…`"),
    ],
}


@dataclass
class PreparedApp:
    notebook: Path
    data_dir: Path | None  # a JUPYTER_PATH entry holding voila/templates/mission_fr


def _voila_template(name: str = "base", marker: str = "spinner.macro.html.j2") -> Path | None:
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("voila", "templates", name):
        if (Path(folder) / marker).is_file():
            return Path(folder)
    return None


def _voila_base_template() -> Path | None:
    return _voila_template("base", "spinner.macro.html.j2")


def without_remote_assets(template_text: str) -> str:
    """``template_text`` without the lines that load a stylesheet or a script from the Internet."""
    kept = []
    for line in template_text.splitlines(keepends=True):
        stripped = line.strip()
        remote = "https://" in stripped or "http://" in stripped or "//cdn" in stripped
        if remote and stripped.startswith(("<link", "<script")):
            continue
        kept.append(line)
    return "".join(kept)


def prepare_template(data_dir: str | os.PathLike, name: str = TEMPLATE,
                     french_texts: dict[str, list[tuple[str, str]]] | None = None) -> Path | None:
    """Write a French, offline Voilà template ``name`` under ``data_dir`` (a ``JUPYTER_PATH``
    entry, see :func:`voila_environment`); ``None`` if Voilà's own templates are not found.

    Every Voilà app of the course serves its notebook with it: the board (``mission_fr``, the
    default) and the exercises (``prospection.exercices.app``, ``exercice_fr``, with their own
    loading texts in ``french_texts``, by default :data:`FRENCH_TEXTS`).
    """
    base = _voila_base_template()
    if base is None:
        return None
    data_dir = Path(data_dir)
    template = data_dir / "voila" / "templates" / name
    template.mkdir(parents=True, exist_ok=True)
    (template / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
    for macro, replacements in (FRENCH_TEXTS if french_texts is None else french_texts).items():
        text = (base / macro).read_text(encoding="utf-8")
        for english, french in replacements:
            text = text.replace(english, french)
        (template / macro).write_text(text, encoding="utf-8")
    lab = _voila_template("lab", "index.html.j2")
    if lab is not None:
        index = without_remote_assets((lab / "index.html.j2").read_text(encoding="utf-8"))
        (template / "index.html.j2").write_text(index, encoding="utf-8")
    return data_dir


def _user_tag() -> str:
    """Per-user part of the default folder name (``os.getuid`` does not exist on Windows)."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    name = os.environ.get("USERNAME") or os.environ.get("USER") or "eleve"
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name)


def prepare_app(folder: str | os.PathLike | None = None) -> PreparedApp:
    """Write the French notebook copy and template into ``folder`` (a stable temp folder by default)."""
    folder = Path(folder) if folder is not None else Path(tempfile.gettempdir()) / f"prospection-mission-{_user_tag()}"
    folder.mkdir(parents=True, exist_ok=True)
    notebook = folder / f"{PAGE_TITLE}.ipynb"
    shutil.copyfile(APP_NOTEBOOK, notebook)
    return PreparedApp(notebook, prepare_template(folder / "share"))


def voila_command(port: int = DEFAULT_PORT, open_browser: bool = True,
                  notebook: str | os.PathLike = APP_NOTEBOOK, template: str | None = None,
                  cull_idle_timeout: int = CULL_IDLE_TIMEOUT, cull_interval: int = CULL_INTERVAL) -> list[str]:
    """The command line that serves the board with Voilà on localhost."""
    cmd = [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        # One kernel per page load: stop those whose page was closed or reloaded.
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]
    if template:
        cmd.append(f"--template={template}")
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def voila_environment(dossier: str | os.PathLike = ".", data_dir: str | os.PathLike | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("LANG", "fr_FR.UTF-8")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env[ENV_FOLDER] = str(Path(dossier).resolve())
    if data_dir is not None:
        env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(data_dir), env.get("JUPYTER_PATH", "")) if p)
    return env


def app_command(port: int = DEFAULT_PORT, open_browser: bool = True, dossier: str | os.PathLike = ".",
                folder: str | os.PathLike | None = None, cull_idle_timeout: int = CULL_IDLE_TIMEOUT,
                cull_interval: int = CULL_INTERVAL) -> tuple[list[str], dict[str, str]]:
    """Command and environment of ``make mission`` (the browser tests use exactly these; the
    culling test shortens the culling delays)."""
    prepared = prepare_app(folder)
    template = TEMPLATE if prepared.data_dir is not None else None
    cmd = voila_command(port=port, open_browser=open_browser, notebook=prepared.notebook, template=template,
                        cull_idle_timeout=cull_idle_timeout, cull_interval=cull_interval)
    return cmd, voila_environment(dossier, prepared.data_dir)


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(
        prog="python -m prospection.board.app",
        description="Ouvre le tableau de la mission salon dans le navigateur (application Voilà).",
    )
    parser.add_argument("--port", type=int, default=None,
                        help=f"port local (défaut\u00a0: {DEFAULT_PORT}, ou le suivant libre)")
    parser.add_argument("--dossier", default=".",
                        help="dossier de travail où sont enregistrées les réponses (défaut\u00a0: dossier courant)")
    parser.add_argument("--no-browser", action="store_true", help="n'ouvre pas le navigateur")
    args = parser.parse_args(argv)
    dossier = Path(args.dossier)
    if not dossier.is_dir():
        print(f"Le dossier «\u00a0{dossier}\u00a0» n'existe pas.", file=sys.stderr)
        return 2
    port = args.port
    if port is None:
        port = next((p for p in range(DEFAULT_PORT, DEFAULT_PORT + 50) if port_is_free(p)), DEFAULT_PORT)
    elif not port_is_free(port):
        print(f"Le port {port} est déjà utilisé\u00a0: choisissez-en un autre avec --port.", file=sys.stderr)
        return 2
    cmd, env = app_command(port=port, open_browser=not args.no_browser, dossier=dossier)
    print(f"Tableau de la mission salon\u00a0: http://127.0.0.1:{port}/ "
          f"(réponses enregistrées dans «\u00a0{dossier.resolve()}\u00a0»). Ctrl+C pour arrêter.", flush=True)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    sys.exit(main())
