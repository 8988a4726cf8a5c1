"""Shared helpers for the toolchain commands: French argument parsing, errors, progress bar."""

from __future__ import annotations

import argparse
import sys
import time

from prospection.argparse_fr import FrenchArgumentParser
from prospection.cours.typographie import fr

NBSP = "\u00a0"


class ToolchainError(Exception):
    """A user-facing error; the message is in French and printed without a traceback."""


#: The course's one French argument parser (usage, help and errors in French, typography).
FrenchParser = FrenchArgumentParser

#: The course's one French typography (non-breaking spaces before « : ; ? ! », in guillemets…).
french_typography = fr


def add_classe_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--classe", metavar="DOSSIER", default=None,
        help="dossier de la classe (par défaut : classe/ à la racine du dépôt)",
    )


def parse_students(value: str | None) -> list[str] | None:
    """``"a,b, c"`` -> ``["a", "b", "c"]``; None or empty -> None (whole class)."""
    if not value:
        return None
    names = [v.strip() for v in value.split(",") if v.strip()]
    return names or None


def run_command(body, argv) -> int:
    """Run a command body, turning ToolchainError into a French message and exit code 1."""
    try:
        return int(body(argv) or 0)
    except ToolchainError as exc:
        print(f"Erreur{NBSP}: {french_typography(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


class ProgressBar:
    """A plain-text progress bar on stderr: ``[#####-----] 12/35 message``."""

    def __init__(self, total: int, label: str = "", width: int = 30, stream=None):
        self.total = max(total, 1)
        self.count = 0
        self.label = label
        self.width = width
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self._draw("")

    def _draw(self, message: str) -> None:
        filled = int(self.width * self.count / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.start
        line = f"\r{self.label} [{bar}] {self.count}/{self.total} ({elapsed:.0f} s) {message}"
        self.stream.write(line[:150].ljust(100))
        self.stream.flush()

    def advance(self, message: str = "") -> None:
        self.count += 1
        self._draw(message)

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(value):
    """A value written to a CSV or .xlsx export, never read as a formula by Excel, LibreOffice,
    Moodle or Pronote: a text that starts like one (``=HYPERLINK(…)``, ``=cmd|…``, ``+``, ``-``,
    ``@``, a tab) gets a leading apostrophe (OWASP's rule for CSV injection). Numbers, booleans
    and None are returned as they are."""
    if isinstance(value, str) and value.lstrip(" \u00a0").startswith(_FORMULA_START):
        if value.strip(" \u00a0") in ("-", "+"):
            return value   # a lone sign is no formula: Moodle's « no grade » marker stays « - »
        try:
            float(value.replace(",", "."))   # a negative number written as text stays a number
            return value
        except ValueError:
            return "'" + value
    return value
