"""``argparse`` in French: the one base for every command of the course (learner and teacher)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from prospection.cours.typographie import fr

__all__ = ["FrenchArgumentParser"]


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in French: usage, help and error messages (exit code 2, no traceback), with
    French typography (non-breaking spaces) in the description and the help of each option."""

    _MESSAGES = [
        (r"the following arguments are required: (.*)", "argument obligatoire manquant\u00a0: \\1"),
        (r"unrecognized arguments: (.*)", "arguments non reconnus\u00a0: \\1"),
        (r"argument (\S+): expected one argument", "l'option \\1 attend une valeur"),
        (r"argument (\S+): invalid int value: (.*)", "l'option \\1 attend un nombre entier (reçu\u00a0: \\2)"),
        (r"argument (\S+): invalid float value: (.*)", "l'option \\1 attend un nombre (reçu\u00a0: \\2)"),
        (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
         "choix invalide pour \\1\u00a0: \\2 (choix possibles\u00a0: \\3)"),
        (r"argument (\S+): invalid (.*)", "valeur invalide pour \\1\u00a0: \\2"),
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        if kwargs.get("description"):
            kwargs["description"] = fr(kwargs["description"])
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def add_argument(self, *args, **kwargs):
        if isinstance(kwargs.get("help"), str):
            kwargs["help"] = fr(kwargs["help"])
        return super().add_argument(*args, **kwargs)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Utilisation\u00a0:", 1)

    def format_help(self) -> str:
        return fr(super().format_help().replace("usage:", "Utilisation\u00a0:", 1))

    def error(self, message: str) -> NoReturn:
        for pattern, french in self._MESSAGES:
            new, count = re.subn(pattern, french, message)
            if count:
                message = new
                break
        self.print_usage(sys.stderr)
        print(f"Erreur\u00a0: {message}", file=sys.stderr)
        sys.exit(2)
