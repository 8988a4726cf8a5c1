"""Where the teacher's toolchain runs: Linux (the hub, a school server, WSL) fully; Windows and
macOS for the commands that need nothing of Linux, with a French message for the others.

Grading runs learners' code isolated with bubblewrap and watches it through ``/proc``: both
exist on Linux only. Everything else (release, collect, feedback, export, report) is plain
Python and nbgrader. Console output is forced to UTF-8 so that « », accents and arrows never
break a Windows console (cp1252/cp850).
"""

from __future__ import annotations

import os
import sys

# Commands that grade learners' code (sandbox and process watching need Linux).
LINUX_ONLY = {
    "autograde": "La correction automatique",
    "demo": "La démonstration (elle corrige une classe fictive)",
}


def is_linux() -> bool:
    return sys.platform.startswith("linux")


def system_name() -> str:
    if sys.platform.startswith("win"):
        return "Windows"
    if sys.platform == "darwin":
        return "macOS"
    return sys.platform


def unsupported(command: str) -> str | None:
    """A French message when ``command`` cannot run on this system, else None."""
    if command not in LINUX_ONLY:
        return None
    missing = [name for name in ("getuid", "getloadavg", "fork") if not hasattr(os, name)]
    if is_linux() and not missing and os.path.isdir("/proc"):
        return None
    where = ("sous Windows, ouvrez Ubuntu dans WSL (« wsl --install » une fois, puis « wsl ») "
             "et lancez-y la même commande") if sys.platform.startswith("win") else \
        "ou sur une machine Linux"
    return (f"{LINUX_ONLY[command]} ne fonctionne que sous Linux (les copies sont exécutées "
            f"isolées avec bubblewrap), pas sous {system_name()}. Corrigez sur le hub de "
            f"l'établissement (voir docs/serveur.md)\u00a0; {where}. Les autres commandes "
            "(release, collect, feedback, export, report) fonctionnent ici.")


def force_utf8_output() -> None:
    """UTF-8 on stdout and stderr whatever the console's code page."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
