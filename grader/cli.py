"""Dispatch `python -m grader <command>` to the module that implements it.

Each command lives in its own module, exposing ``main(argv) -> int``; imports are lazy so
that a command starts fast and one broken module never breaks the others.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "generate": ("grader.nbtools", "Génère exercises/ à partir de solutions/ (nbgrader)."),
    "questions": ("grader.exercices.questions", "Écrit questions.json et les données des exercices 01–03."),
    "clean-notebooks": ("grader.nbtools", "Retire sorties et compteurs d'exécution des notebooks."),
    "justifications": ("grader.justifications.cli", "Note des justifications (JSON lines)."),
    "qualifier": ("grader.qualifier", "Qualifie les contacts d'un fichier (froid, tiède, chaud)."),
    "donnees-cours": ("grader.donnees_cours", "Écrit les données d'entraînement des leçons 01 et 04."),
    "dataset": ("grader.dataset", "Écrit le fichier du salon, ou une variante et sa clé (--seed N)."),
    "cle": ("grader.cle", "Propose puis valide la clé d'un fichier de contacts (relecture)."),
    "release": ("grader.toolchain.release", "Publie les exercices pour une classe."),
    "collect": ("grader.toolchain.collect", "Range les copies rendues dans la classe."),
    "autograde": ("grader.toolchain.autograde", "Corrige automatiquement les copies."),
    "feedback": ("grader.toolchain.feedback", "Produit les retours HTML des élèves."),
    "retours": ("grader.toolchain.echange", "Publie les retours dans l'échange du hub."),
    "export": ("grader.toolchain.export", "Exporte les notes (CSV et Excel)."),
    "report": ("grader.toolchain.report", "Rapport de classe (HTML, graphiques)."),
    "demo": ("grader.toolchain.demo", "Classe de démonstration, cycle complet."),
}


def usage() -> str:
    lines = ["Utilisation\u00a0: python -m grader <commande> [options]", "", "Commandes\u00a0:"]
    width = max(map(len, COMMANDS))
    lines += [f"  {name.ljust(width)}  {about}" for name, (_, about) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from grader.toolchain.plateforme import force_utf8_output, unsupported
    force_utf8_output()
    if not argv or argv[0] in {"-h", "--help", "aide"}:
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"Commande inconnue\u00a0: «\u00a0{name}\u00a0».\n\n{usage()}", file=sys.stderr)
        return 2
    problem = unsupported(name)
    if problem:
        print(f"Erreur\u00a0: {problem}", file=sys.stderr)
        return 1
    module = importlib.import_module(COMMANDS[name][0])
    entry = getattr(module, "main_" + name.replace("-", "_"), None) or module.main
    return int(entry(rest) or 0)
