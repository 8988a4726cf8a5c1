"""``argparse`` in French: the one base for every command of the course (learner and teacher)."""

from __future__ import annotations

import argparse
import re
import sys

__all__ = ["FrenchArgumentParser"]


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in French: usage, help and error messages (exit code 2, no traceback)."""

    _MESSAGES = [
        (r"the following arguments are required: (.*)", "argument obligatoire manquant\u00a0: \\1"),
        (r"unrecognized arguments: (.*)", "arguments non reconnus\u00a0: \\1"),
        (r"argument (\S+): expected one argument", "l'option \\1 attend une valeur"),
        (r"argument (\S+): invalid int value: (.*)", "l'option \\1 attend un nombre entier (reçu\u00a0: \\2)"),
        (r"argument (\S+): invalid (.*)", "valeur invalide pour \\1\u00a0: \\2"),
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Utilisation\u00a0:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Utilisation\u00a0:", 1)

    def error(self, message: str) -> None:
        for pattern, french in self._MESSAGES:
            new, count = re.subn(pattern, french, message)
            if count:
                message = new
                break
        self.print_usage(sys.stderr)
        print(f"Erreur\u00a0: {message}", file=sys.stderr)
        sys.exit(2)
