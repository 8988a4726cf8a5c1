"""`python -m prospection <commande>`: the learner's commands (open the course, the board).

The qualification of a contacts file and the generation of variants are teacher commands
(`python -m grader qualifier`, `python -m grader dataset`). User errors get a French message
and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

NBSP = "\u00a0"
COMMANDS = {
    "lab": ("prospection.lab", "ouvre le cours dans JupyterLab, en français"),
    "mission": ("prospection.board.app", "ouvre le tableau de la mission salon (application Voilà)"),
}
USAGE = (
    f"Utilisation{NBSP}: python -m prospection <commande> [options]\n"
    f"Commandes{NBSP}:\n"
    + "".join(f"  {name:<10}  {about}\n" for name, (_, about) in COMMANDS.items())
)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(USAGE, file=sys.stderr)
        return 2
    if args[0] in ("-h", "--help", "aide"):
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"Commande inconnue{NBSP}: «{NBSP}{command}{NBSP}».\n\n{USAGE}", file=sys.stderr)
        return 2
    import importlib

    try:
        return int(importlib.import_module(COMMANDS[command][0]).main(rest) or 0)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
