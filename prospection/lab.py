"""Start JupyterLab in French on the course's home notebook.

``make lab`` and the browser tests both go through :func:`lab_command`, so the
tests see exactly what a learner gets.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from prospection.argparse_fr import FrenchArgumentParser

REPO_ROOT = Path(__file__).resolve().parent.parent
HOME_NOTEBOOK = "course/00_accueil.ipynb"

#: JupyterLab settings forced for every user of this environment.
OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


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


def lab_command(port: int | None = None, open_browser: bool = True, token: str | None = None) -> list[str]:
    """The command line that serves the course in JupyterLab."""
    cmd = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={REPO_ROOT}",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    if port is not None:
        cmd += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not open_browser:
        cmd.append("--no-browser")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    cmd.append(str(REPO_ROOT / HOME_NOTEBOOK))
    return cmd


def lab_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("LANG", "fr_FR.UTF-8")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(prog="python -m prospection.lab",
                                  description="Ouvre le cours dans JupyterLab, en français.")
    parser.add_argument("--configure-only", action="store_true", help="écrit les réglages puis s'arrête")
    parser.add_argument("--port", type=int, help="port local")
    parser.add_argument("--no-browser", action="store_true", help="n'ouvre pas le navigateur")
    args = parser.parse_args(argv)
    configure()
    if args.configure_only:
        return 0
    cmd = lab_command(port=args.port, open_browser=not args.no_browser)
    os.chdir(REPO_ROOT)
    os.execvpe(cmd[0], cmd, lab_environment())


if __name__ == "__main__":
    sys.exit(main())
